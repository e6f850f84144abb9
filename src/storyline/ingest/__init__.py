"""Read files and folders of articles into :class:`~storyline.model.Article` records.

:func:`iter_inputs` walks the given paths (folders recursively, sorted, each real directory once,
so symlink loops end) and yields, in a deterministic order, an ``Article`` for every article read
and a ``Rejected(path, reason)`` for every input that could not be read.  Bad input never raises.

Formats, by suffix (a ``.gz`` suffix or gzip magic is decompressed transparently), one module each:

- ``.txt``, no or unknown suffix (:mod:`.text`): plain text; header/dateline/byline metadata (see
  :mod:`.metadata`), boilerplate removed (:mod:`.boilerplate`);
- ``.html``/``.htm`` (:mod:`.html`): body, title, date, author and site name by trafilatura/htmldate
  (:func:`extract_html`);
- ``.json``/``.jsonl``/``.ndjson`` (:mod:`.json`): one object, an array of objects, or one object per line
  (news-please and news-tls/Timeline17 records alike); a bad line is rejected as ``path:line``;
- ``.warc``/``.warc.gz`` (:mod:`.warc`): HTML ``response`` records (url from ``WARC-Target-URI``).

:data:`FORMATS` is the registry: format name -> suffixes, reader, and (optionally) a content test.
:func:`detect_format` picks a format by suffix; a file whose suffix says text or nothing is decoded
and its content tested (an HTML page saved as ``.txt`` is still a page; JSON under an unknown suffix).
**To add an input format**, write one module with a reader
``read_x_file(path, *, max_bytes, text=None) -> Iterator[Article | Rejected]`` (``text``: the file's
content when :func:`read_path` already decoded it; read the file through :mod:`.files` otherwise, which
applies the size caps) and add one line to :data:`FORMATS`.

Records from a multi-record file get the path ``file:N`` (N = line number for JSONL, 1-based
record number for JSON arrays and WARC), so every article has a path of its own.

Hostile input is a result, never an exception:

- JSON nested deeper than :data:`MAX_JSON_DEPTH` levels (checked before parsing) is rejected,
  the whole record even when only one field is deep ("JSON nested deeper than 100 levels");
  metadata walkers look only a few levels into a field (:data:`storyline.ingest.metadata.FIELD_DEPTH`);
- paths are display-safe text (:func:`show_path`: undecodable file-name bytes as ``\\xNN``;
  the file is opened by its real name), and article fields carry no lone surrogates;
- :data:`DEFAULT_MAX_BYTES` caps the decompressed size of every gzip input, read streaming
  (``.jsonl.gz``: the records before the cap are kept); a WARC record's payload is capped alike;
- a file's first :data:`MAX_LISTED_REJECTS` rejected records are listed, the rest folded into one
  ``Rejected(file, "N more records rejected: …", count=N)``;
- any other error while reading a file rejects it: "could not read: <ExceptionType>: <message>".
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ..errors import short_reason
from ..model import Rejected
from . import html, json, text, warc
from .files import (DEFAULT_MAX_BYTES, MAX_LISTED_REJECTS, IngestError, Item, decode_bytes, iter_paths,
                    read_bytes, read_text, rejected, safe_text, show_path)
from .html import HtmlExtract, article_from_html, extract_html
from .json import MAX_JSON_DEPTH, article_from_record, articles_from_json, articles_from_jsonl_file, load_json
from .text import article_from_text
from .warc import articles_from_warc

__all__ = [
    "DEFAULT_MAX_BYTES", "IngestError", "HtmlExtract", "iter_inputs", "iter_paths", "read_path",
    "decode_bytes", "extract_html", "article_from_text", "article_from_html", "articles_from_json",
    "article_from_record", "articles_from_jsonl_file", "articles_from_warc", "detect_format", "read_bytes",
    "show_path", "safe_text", "load_json", "MAX_JSON_DEPTH", "FORMATS", "Format",
]

#: reasons named in a folded summary (most common first)
FOLDED_REASONS = 5


@dataclass(frozen=True)
class Format:
    """One input format: the suffixes that name it, its reader, and what its content looks like.

    ``looks_like(text)`` recognises the format in a file whose suffix is unknown (or missing);
    with ``over_txt`` also in one named as text (``.txt``).
    """
    suffixes: tuple[str, ...]
    read: Callable[..., Iterator[Item]]
    looks_like: Optional[Callable[[str], bool]] = None
    over_txt: bool = False


#: The registry: format name -> :class:`Format`.  Content tests are tried in this order.
FORMATS: dict[str, Format] = {
    "txt": Format((".txt", ".text", ".md"), text.read_text_file),
    "html": Format((".html", ".htm", ".xhtml", ".shtml"), html.read_html_file, html.looks_like_html, over_txt=True),
    "json": Format((".json", ".jsonl", ".ndjson"), json.read_json_file, json.looks_like_json),
    "warc": Format((".warc", ".arc"), warc.read_warc_file),
}
#: suffixes of files that are not text in any format: rejected unread
BINARY_SUFFIXES = frozenset(
    ".pdf .png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svgz .zip .7z .rar .tar .tgz .bz2 .xz .zst "
    ".docx .xlsx .pptx .doc .xls .ppt .odt .epub .mp3 .mp4 .m4a .wav .ogg .avi .mov .mkv .webm "
    ".exe .dll .so .bin .o .pyc .class .jar .sqlite .sqlite3 .db .pkl .pickle .npy .parquet".split())


def detect_format(path: Path, *, text: Optional[str] = None) -> str:
    """``txt``, ``html``, ``json``, ``warc`` (or ``binary``: a known non-text suffix) from the suffix
    (``.gz`` ignored); with ``text``, an HTML page is recognised under any suffix but ``.json*``,
    and JSON under an unknown one (:data:`FORMATS`)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else None
    if suffix in BINARY_SUFFIXES:
        return "binary"
    named = next((name for name, fmt in FORMATS.items() if suffix in fmt.suffixes), None)
    if named not in (None, "txt") or text is None:
        return named or "txt"
    for name, fmt in FORMATS.items():
        if fmt.looks_like is not None and (named is None or fmt.over_txt) and fmt.looks_like(text):
            return name
    return "txt"


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, memo=None) -> Iterator[Item]:
    """Everything one file holds: articles, or ``Rejected`` items for the file or its bad records
    (``memo``: a JSON Lines file's lines read elsewhere, :func:`storyline.ingest.json.articles_from_jsonl_file`)."""
    fmt = detect_format(path)
    if fmt == "binary":
        yield Rejected(str(path), f"unsupported format ({path.suffixes[-1].lower()})")
        return
    content = None
    if fmt == "txt":  # the name does not settle the format: the content may
        try:
            content = read_text(path, max_bytes=max_bytes)
        except IngestError as exc:
            yield Rejected(str(path), str(exc))
            return
        fmt = detect_format(path, text=content)
    yield from FORMATS[fmt].read(path, max_bytes=max_bytes, text=content, **({"memo": memo} if memo else {}))


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                exclude: Iterable[str | Path] = ()) -> Iterator[Item]:
    """Articles and rejected inputs from files and folders, in a deterministic order.

    Never raises for a bad input: an unexpected error while reading a file ends that file with
    ``Rejected(path, "could not read: <ExceptionType>: <message>")`` (the articles it gave before
    are kept).  A file's rejected records are listed one by one up to :data:`MAX_LISTED_REJECTS`;
    the rest are folded into one ``Rejected(file, "N more records rejected: …", count=N)``.
    """
    for item in iter_paths(paths, exclude=exclude):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, memo=None) -> Iterator[Item]:
    """Everything one file gives (:func:`read_path`), never raising for a bad input: an unexpected
    error ends the file with a rejection (what it gave before is kept), and its records' rejections
    past :data:`MAX_LISTED_REJECTS` are folded into one."""
    listed = 0
    folded: dict[str, int] = {}
    try:
        for item in read_path(path, max_bytes=max_bytes, memo=memo):
            if isinstance(item, Rejected):
                if listed >= MAX_LISTED_REJECTS and item.path != str(path):  # a record's, not the file's
                    folded[item.reason] = folded.get(item.reason, 0) + item.count
                    continue
                listed += 1
                item = rejected(item.path, item.reason, item.count)
            yield item
    except Exception as exc:  # noqa: BLE001 - one bad input must not end the run
        yield rejected(path, f"could not read: {short_reason(exc)}")
    if folded:
        yield _fold_summary(path, folded)


def _fold_summary(path: Path, reasons: Mapping[str, int]) -> Rejected:
    """``Rejected(file, "N more records rejected: <reason> (n); …", count=N)``: the most common reasons first."""
    total = sum(reasons.values())
    ranked = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [f"{reason} ({n})" for reason, n in ranked[:FOLDED_REASONS]]
    if len(ranked) > FOLDED_REASONS:
        rest = ranked[FOLDED_REASONS:]
        parts.append(f"{len(rest)} other reasons ({sum(n for _, n in rest)})")
    return rejected(path, f"{total} more records rejected: " + "; ".join(parts), count=total)

