"""Read files and folders of articles into :class:`~storyline.model.Article` records.

:func:`iter_inputs` walks the given paths (folders recursively, sorted, each real directory once,
so symlink loops end) and yields, in a deterministic order, an ``Article`` for every article read
and a ``Rejected(path, reason)`` for every input that could not be read.  Bad input never raises.

Formats, by suffix (a ``.gz`` suffix or gzip magic is decompressed transparently):

- ``.txt``, no or unknown suffix: plain text; header/dateline/byline metadata (see
  :mod:`storyline.metadata`), boilerplate removed (:mod:`storyline.boilerplate`);
- ``.html``/``.htm``: body, title, date, author and site name by trafilatura/htmldate
  (:func:`extract_html`);
- ``.json``/``.jsonl``/``.ndjson``: one object, an array of objects, or one object per line
  (news-please and news-tls/Timeline17 records alike); a bad line is rejected as ``path:line``;
- ``.warc``/``.warc.gz``: HTML ``response`` records (url from ``WARC-Target-URI``).

Records from a multi-record file get the path ``file:N`` (N = line number for JSONL, 1-based
record number for JSON arrays and WARC), so every article has a path of its own.

Hostile input is a result, never an exception:

- JSON nested deeper than :data:`MAX_JSON_DEPTH` levels (checked before parsing) is rejected,
  the whole record even when only one field is deep ("JSON nested deeper than 100 levels");
  metadata walkers look only a few levels into a field (:data:`storyline.metadata.FIELD_DEPTH`);
- paths are display-safe text (:func:`show_path`: undecodable file-name bytes as ``\\xNN``;
  the file is opened by its real name), and article fields carry no lone surrogates;
- :data:`DEFAULT_MAX_BYTES` caps the decompressed size of every gzip input, read streaming
  (``.jsonl.gz``: the records before the cap are kept); a WARC record's payload is capped alike;
- a file's first :data:`MAX_LISTED_REJECTS` rejected records are listed, the rest folded into one
  ``Rejected(file, "N more records rejected: …", count=N)``;
- any other error while reading a file rejects it: "could not read: <ExceptionType>: <message>".
"""
from __future__ import annotations

import gzip
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

from .boilerplate import clean_text
from ..errors import StorylineError, short_reason
from .metadata import (Metadata, extract_source, extract_title, field_value, metadata_from_fields,
                       parse_date, split_text_header)
from ..model import Article, Rejected, article_id, content_hash

__all__ = [
    "DEFAULT_MAX_BYTES", "IngestError", "HtmlExtract", "iter_inputs", "iter_paths", "read_path",
    "decode_bytes", "extract_html", "article_from_text", "article_from_html", "articles_from_json",
    "article_from_record", "articles_from_jsonl_file", "articles_from_warc", "detect_format", "read_bytes",
    "show_path", "safe_text", "load_json", "MAX_JSON_DEPTH",
]

#: text files (or decompressed gzip contents) larger than this are rejected unread
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: an HTML extraction shorter than this is retried with a recall-oriented pass
HTML_RETRY_CHARS = 300
#: containers of a split article body hold at least this many characters of paragraphs
SPLIT_BODY_MIN_CHARS = 200
#: more than this share of control characters in decoded text means binary content
BINARY_RATIO = 0.02
#: a JSON document or record nested deeper than this is rejected (news records nest a few levels)
MAX_JSON_DEPTH = 100
#: a file's rejected records listed one by one; the rest are folded into one summary
MAX_LISTED_REJECTS = 20
#: reasons named in a folded summary (most common first)
FOLDED_REASONS = 5

_SUFFIX_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".warc": "warc", ".arc": "warc",
}
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)
_BINARY_SUFFIXES = frozenset(
    ".pdf .png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svgz .zip .7z .rar .tar .tgz .bz2 .xz .zst "
    ".docx .xlsx .pptx .doc .xls .ppt .odt .epub .mp3 .mp4 .m4a .wav .ogg .avi .mov .mkv .webm "
    ".exe .dll .so .bin .o .pyc .class .jar .sqlite .sqlite3 .db .pkl .pickle .npy .parquet".split())
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DECLARED_CHARSET = re.compile(rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""",
                               re.IGNORECASE)
#: labels that browsers (WHATWG Encoding) read as windows-1252
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "x-cp1252": "cp1252"}
_WESTERN = frozenset({"ascii", "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2",
                      "iso8859_9", "iso8859_15", "mac_roman", "mac_latin2", "cp850", "cp437"})
_WORDS = re.compile(r"\w+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_JSON_DECODER = json.JSONDecoder()

Item = Union[Article, Rejected]


class IngestError(StorylineError):
    """An input that cannot be read; the message is the reason reported in :class:`Rejected`."""


# ---------------------------------------------------------------------------------------------
# walking

def show_path(path: Union[str, Path]) -> str:
    """A path as display-safe text: bytes that are not UTF-8 shown as backslash escapes (``caf\\xe9.txt``).

    File names are bytes on POSIX; Python keeps undecodable ones as lone surrogates, which cannot
    be stored (SQLite, JSON) or printed.  The file itself is still opened by its real name.
    """
    text = os.fspath(path)
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return safe_text(text)


def safe_text(text: str) -> str:
    """``text`` without lone surrogates: file-name bytes (U+DC80–U+DCFF) as ``\\xNN``, others as U+FFFD.

    JSON may carry a lone ``\\ud800`` escape; such text cannot be encoded as UTF-8 (SQLite, files).
    """
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: (f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff"
                                     else "\ufffd"), text)


def _rejected(path: Union[str, Path], reason: str, count: int = 1) -> Rejected:
    return Rejected(show_path(path), safe_text(reason), count)


def iter_paths(paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> Iterator[Union[Path, Rejected]]:
    """Files under ``paths`` (folders recursively, sorted by name, hidden entries skipped).

    Paths are made absolute (symlinks are not resolved), so ids do not depend on the working
    directory.  Each real directory and file is visited once: a symlink back to a folder already
    walked is reported as a ``Rejected`` instead of being followed again.  Folders in ``exclude``
    (such as the run's own output folder) are skipped silently.  The walk keeps its own stack,
    so a folder tree of any depth is walked (a path too long for the system is rejected).
    """
    skip_dirs = set()
    for p in exclude:
        try:
            st = os.stat(p)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            skip_dirs.add((st.st_dev, st.st_ino))
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    stack: list[Iterator[tuple[Path, bool]]] = [((Path(os.path.abspath(p)), True) for p in paths)]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            continue
        path, explicit = nxt
        try:
            st = path.stat()
        except FileNotFoundError:
            yield _rejected(path, "not found" if explicit or not path.is_symlink() else "broken symlink")
            continue
        except OSError as exc:
            yield _rejected(path, f"cannot stat: {exc.strerror or exc}")
            continue
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in skip_dirs:
                continue
            if key in seen_dirs:
                yield _rejected(path, "directory already visited (symlink loop)")
                continue
            seen_dirs.add(key)
            try:
                with os.scandir(path) as it:
                    names = sorted(entry.name for entry in it)
            except OSError as exc:
                yield _rejected(path, f"cannot list directory: {exc.strerror or exc}")
                continue
            stack.append(iter([(path / name, False) for name in names if not name.startswith(".")]))
            continue
        if key in seen_files:
            continue  # the same file reached twice (argument repeated, or a link to it)
        seen_files.add(key)
        if not stat.S_ISREG(st.st_mode):
            yield _rejected(path, "not a regular file")
            continue
        yield path


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


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Everything one file gives (:func:`read_path`), never raising for a bad input: an unexpected
    error ends the file with a rejection (what it gave before is kept), and its records' rejections
    past :data:`MAX_LISTED_REJECTS` are folded into one."""
    listed = 0
    folded: dict[str, int] = {}
    try:
        for item in read_path(path, max_bytes=max_bytes):
            if isinstance(item, Rejected):
                if listed >= MAX_LISTED_REJECTS and item.path != str(path):  # a record's, not the file's
                    folded[item.reason] = folded.get(item.reason, 0) + item.count
                    continue
                listed += 1
                item = _rejected(item.path, item.reason, item.count)
            yield item
    except Exception as exc:  # noqa: BLE001 - one bad input must not end the run
        yield _rejected(path, f"could not read: {short_reason(exc)}")
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
    return _rejected(path, f"{total} more records rejected: " + "; ".join(parts), count=total)


# ---------------------------------------------------------------------------------------------
# bytes and text

def _open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes (one seam, so tests can simulate unreadable files)."""
    return open(path, "rb")


def _read_capped(stream: BinaryIO, max_bytes: int, label: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(f"too large ({label} > limit {max_bytes} bytes)")
    return data


def _is_gzip(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".gz" or head[:2] == b"\x1f\x8b"


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, gunzipped if needed, never more than ``max_bytes`` (size checked first)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"too large ({size} bytes > limit {max_bytes})")
        with _open_binary(path) as fh:
            head = fh.read(2)
            fh.seek(0)
            if not _is_gzip(path, head):
                return _read_capped(fh, max_bytes, f"{size} bytes")
            try:
                with gzip.GzipFile(fileobj=fh) as gz:
                    return _read_capped(gz, max_bytes, "decompressed size")
            except EOFError as exc:
                raise IngestError("truncated gzip") from exc
            except (gzip.BadGzipFile, zlib.error) as exc:
                raise IngestError(f"corrupt gzip: {exc}") from exc
    except PermissionError as exc:
        raise IngestError("unreadable: permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError("unreadable: is a directory") from exc
    except OSError as exc:
        raise IngestError(f"unreadable: {exc.strerror or exc}") from exc


def _control_ratio(text: str) -> float:
    """Share of control characters (C0/C1 other than whitespace, and U+FFFD) in the first 200k chars."""
    sample = text[:200_000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


def decode_bytes(data: bytes) -> str:
    """Text from bytes: BOM (UTF-8/16/32), else UTF-8, else a declared charset (HTML/XML), else
    UTF-8 with a few bad bytes replaced, else the charset-normalizer guess.

    Raises :class:`IngestError` for empty, binary or undecodable content.  A Western single-byte
    guess is read as cp1252, the usual encoding of non-UTF-8 English news.
    """
    if not data.strip():
        raise IngestError("empty")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise IngestError(f"invalid {encoding} after byte-order mark") from exc
            break
    if text is None:
        if b"\x00" in data[:65536]:
            raise IngestError("binary content")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _declared_decode(data) or _mostly_utf8(data) or _guess_decode(data)
    if _control_ratio(text) > BINARY_RATIO:
        raise IngestError("binary content")
    if not text.strip():
        raise IngestError("empty")
    return text


def _declared_decode(data: bytes) -> Optional[str]:
    """Text in the encoding a page declares (``<meta charset>``, ``encoding="…"``), if it decodes."""
    m = _DECLARED_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        name = m.group(1).decode("ascii").lower()
        return data.decode(_WHATWG_ALIASES.get(name, name))
    except (LookupError, UnicodeDecodeError):
        return None


def _mostly_utf8(data: bytes) -> Optional[str]:
    """UTF-8 with a few bad bytes replaced, when valid multi-byte sequences far outnumber them."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    return text if good >= 5 * max(1, bad) else None


def _guess_decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise IngestError("binary content (no text encoding fits)")
    encoding = best.encoding
    if encoding in _WESTERN:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(encoding, errors="replace")


def detect_format(path: Path, *, text: Optional[str] = None) -> str:
    """``txt``, ``html``, ``json``, ``warc`` (or ``binary``: a known non-text suffix) from the suffix
    (``.gz`` ignored); with ``text``, an HTML page is recognised under any suffix but ``.json*``,
    and JSON under an unknown one."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    fmt = _SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
    if suffixes and suffixes[-1] in _BINARY_SUFFIXES:
        return "binary"
    if fmt and fmt != "txt":
        return fmt
    if text is not None:
        head = text.lstrip("\ufeff \t\r\n")[:512].lower()
        if head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text[:4096].lower()):
            return "html"  # a page saved as .txt is still a page
        if fmt is None and head.startswith(("{", "[")):
            return "json"
    return "txt"


# ---------------------------------------------------------------------------------------------
# one file

def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Everything one file holds: articles, or ``Rejected`` items for the file or its bad records."""
    if detect_format(path) == "warc":
        yield from articles_from_warc(path, max_bytes=max_bytes)
        return
    if detect_format(path) == "binary":
        yield Rejected(str(path), f"unsupported format ({path.suffixes[-1].lower()})")
        return
    if _is_jsonl_name(path):
        yield from articles_from_jsonl_file(path, max_bytes=max_bytes)
        return
    try:
        text = decode_bytes(read_bytes(path, max_bytes=max_bytes))
    except IngestError as exc:
        yield Rejected(str(path), str(exc))
        return
    fmt = detect_format(path, text=text)
    if fmt == "json":
        yield from articles_from_json(text, path=path)
    elif fmt == "html":
        yield article_from_html(text, path=str(path), source_path=path)
    else:
        yield article_from_text(text, path=str(path), source_path=path)


def _build(text: str, removed: list[str], meta: Metadata, *, path: str, fmt: str,
           source_path: Optional[Path], source_field: Optional[str] = None,
           site_name: Optional[str] = None) -> Item:
    """An Article from clean text and metadata (title and source by their fallback chains)."""
    path = show_path(path)
    if not text.strip():
        return Rejected(path, "no article text after boilerplate removal")
    text = safe_text(text)
    meta = meta.fill(title=extract_title(text))
    meta = extract_source(meta, path=source_path, site_name=site_name, source_field=source_field)
    safe = lambda value: safe_text(value) if isinstance(value, str) else value  # noqa: E731
    digest = content_hash(text)
    return Article(
        id=article_id(digest, source=meta.source, source_how=meta.source_how), path=path, text=text,
        source=safe(meta.source), title=safe(meta.title),
        published=meta.published, published_how=meta.published_how if meta.published else "unknown",
        published_evidence=safe(meta.published_evidence), url=safe(meta.url), author=safe(meta.author),
        removed=tuple(safe_text(r) for r in removed), content_hash=digest, format=fmt, source_how=meta.source_how,
    )


def article_from_text(raw: str, *, path: str, source_path: Optional[Path] = None,
                      meta: Optional[Metadata] = None, fmt: str = "txt",
                      source_field: Optional[str] = None) -> Item:
    """An Article from plain text: header metadata taken off the top, boilerplate removed."""
    body, header_removed, header_meta = split_text_header(raw)
    meta = meta or Metadata()
    if header_meta.published:
        meta = meta.fill(published=header_meta.published, published_how=header_meta.published_how,
                         published_evidence=header_meta.published_evidence)
    meta = meta.fill(author=header_meta.author, url=header_meta.url, source=header_meta.source,
                     source_how=header_meta.source_how)
    text, removed = clean_text(body)
    if header_meta.title and text.lstrip().startswith(header_meta.title):
        meta = meta.fill(title=header_meta.title)  # the headline survived boilerplate removal
    return _build(text, [r for r in header_removed if r] + removed, meta, path=path, fmt=fmt,
                  source_path=source_path, source_field=source_field)


# ---------------------------------------------------------------------------------------------
# HTML

@dataclass(frozen=True)
class HtmlExtract:
    """What :func:`extract_html` finds in a page."""
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    site_name: Optional[str] = None
    url: Optional[str] = None


def _trafilatura_text(html: Union[str, bytes], url: Optional[str], **options: Any) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, **options) or ""


def extract_html(html: Union[str, bytes], *, url: Optional[str] = None,
                 with_metadata: bool = True) -> HtmlExtract:
    """The article body and metadata of an HTML page (the extraction ``.html`` ingestion uses).

    A precision-oriented trafilatura pass without comments; when it finds little text, a second
    pass with the default balance is taken instead if it finds more.  Metadata (title, original
    publication date by htmldate, author, site name) comes from trafilatura's metadata pass.
    """
    import trafilatura

    meta = None
    text = ""
    if with_metadata:
        meta = trafilatura.bare_extraction(html, url=url, include_comments=False, favor_precision=True,
                                           with_metadata=True)
        text = (getattr(meta, "text", None) or "") if meta is not None else ""
    else:
        text = _trafilatura_text(html, url, favor_precision=True)
    if len(text) < HTML_RETRY_CHARS:
        retry = _trafilatura_text(html, url)
        if len(retry) > len(text):
            text = retry
    text = _add_split_body(html, text, url=url)
    if meta is None:
        return HtmlExtract(text=text, url=url)
    text = _drop_title_line(text, meta.title)
    return HtmlExtract(
        text=text, title=meta.title or None, published=parse_date(meta.date),
        author=meta.author or None, site_name=meta.sitename or None, url=meta.url or url,
    )


def _shingle_set(text: str) -> set[tuple[str, ...]]:
    tokens = _WORDS.findall(text.lower())
    return {tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)}


def _add_split_body(html: Union[str, bytes], text: str, *, url: Optional[str]) -> str:
    """Add the rest of an article body that the page splits over sibling containers.

    Some sites cut one body into several elements of the same tag and class (with ads between);
    the extractor keeps the first.  When the extracted text covers one such element (70% of its
    4-shingles) and the others, each at least 30% of its size, not at all (5%), their text is
    extracted too and joined in document order.
    """
    import copy

    import lxml.html

    try:
        source = html if isinstance(html, str) else decode_bytes(html)
        source = re.sub(r"^\s*<\?xml[^>]*>", "", source)
        tree = lxml.html.document_fromstring(source)
    except (ValueError, IngestError, lxml.etree.ParserError):
        return text
    chars: dict[Any, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and (parent.get("class") or "").strip():
            chars[parent] = chars.get(parent, 0) + len(p.text_content().strip())
    groups: dict[tuple[str, str], list] = {}
    for element, n in chars.items():
        if n >= SPLIT_BODY_MIN_CHARS:
            groups.setdefault((element.tag, element.get("class")), []).append(element)
    candidates = [els for els in groups.values() if len(els) >= 2]
    if not candidates:
        return text
    elements = max(candidates, key=lambda els: sum(chars[e] for e in els))
    have = _shingle_set(text)
    cover = []
    for element in elements:
        grams = _shingle_set(" ".join(p.text_content() for p in element.iter("p")))
        cover.append(len(grams & have) / max(1, len(grams)))
    best = max(range(len(elements)), key=cover.__getitem__)
    rest = [e for i, e in enumerate(elements) if i != best]
    if (cover[best] < 0.7 or any(cover[i] > 0.05 for i in range(len(elements)) if i != best)
            or any(chars[e] < 0.3 * chars[elements[best]] for e in rest)):
        return text
    import trafilatura

    holder = lxml.html.document_fromstring("<html><body><article></article></body></html>")
    article = holder.find(".//article")
    for element in rest:
        article.append(copy.deepcopy(element))
    more = trafilatura.extract(holder, url=url, include_comments=False, favor_precision=True) or ""
    if not more.strip():
        return text
    before = [more] if best > 0 else []
    after = [more] if best == 0 else []
    return "\n".join(before + [text] + after)


def _drop_title_line(text: str, title: Optional[str]) -> str:
    """The body without a first line that repeats the page title (the headline lives in ``title``)."""
    if not title:
        return text
    first, _, rest = text.lstrip().partition("\n")
    squash = lambda s: " ".join(s.split()).casefold()  # noqa: E731
    if first.strip() and rest.strip() and (squash(first) == squash(title)
                                           or (len(first) > 20 and squash(title).startswith(squash(first)))):
        return rest.lstrip("\n")
    return text


def article_from_html(html: Union[str, bytes], *, path: str, source_path: Optional[Path] = None,
                      url: Optional[str] = None, fmt: str = "html") -> Item:
    """An Article from an HTML page; ``Rejected`` when the page has no article body."""
    try:
        page = extract_html(html, url=url)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many kinds on hostile markup
        return Rejected(path, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if not page.text.strip():
        return Rejected(path, "no article text found in HTML")
    meta = Metadata(url=page.url, title=page.title, author=page.author)
    if page.published:
        meta = meta.fill(published=page.published, published_how="html-meta",
                         published_evidence=f"htmldate: {page.published}"
                                            + (f" ({page.url})" if page.url else ""))
    body, header_removed, header_meta = split_text_header(page.text)
    if header_meta.published:  # a dateline or byline left in the body, when the page had no date
        meta = meta.fill(published=header_meta.published, published_how=header_meta.published_how,
                         published_evidence=header_meta.published_evidence)
    text, removed = clean_text(body)
    if header_meta.title and text.lstrip().startswith(header_meta.title):
        meta = meta.fill(title=header_meta.title)  # the headline survived boilerplate removal
    return _build(text, [r for r in header_removed if r] + removed, meta, path=path, fmt=fmt,
                  source_path=source_path, site_name=page.site_name)


# ---------------------------------------------------------------------------------------------
# JSON / JSONL

def article_from_record(record: Any, *, path: str, source_path: Optional[Path] = None) -> Item:
    """An Article from one JSON object (news-please, news-tls ``{id, time, text}``, …)."""
    if not isinstance(record, Mapping):
        return Rejected(path, f"not a JSON object ({type(record).__name__})")
    key, body = field_value(record, "text")
    if isinstance(body, (list, tuple)) and all(isinstance(b, str) for b in body):
        body = "\n\n".join(b.strip() for b in body if b.strip())  # a list of paragraphs
    if body is not None and not isinstance(body, str):
        return Rejected(path, f"text field '{key}' is not text ({type(body).__name__})")
    if not isinstance(body, str) or not body.strip():
        return Rejected(path, "no text field (text/body/content/maintext)")
    body = safe_text(body)
    meta = metadata_from_fields(record)
    _, source = field_value(record, "source")
    source_field = source if isinstance(source, str) else None
    if body.lstrip()[:1] == "<" and "</" in body[:2000]:
        html_item = article_from_html(body, path=path, source_path=source_path, url=meta.url, fmt="json")
        if isinstance(html_item, Rejected):
            return html_item
        return html_item.replace(
            title=meta.title or html_item.title,
            published=meta.published or html_item.published,
            published_how=meta.published_how if meta.published else html_item.published_how,
            published_evidence=meta.published_evidence if meta.published else html_item.published_evidence,
            source=extract_source(meta, source_field=source_field).source or html_item.source)
    return article_from_text(body, path=path, source_path=source_path, meta=meta, fmt="json",
                             source_field=source_field)


def _json_depth(text: str, limit: int) -> int:
    """How deep ``text``'s JSON arrays/objects nest (counted without parsing; brackets in strings skipped).

    Stops counting past ``limit``; a text with no more than ``limit`` brackets is not scanned.
    """
    if text.count("[") + text.count("{") <= limit:
        return 0
    depth = deepest = 0
    for ch in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def load_json(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that raises :class:`IngestError` for malformed JSON and for JSON nested deeper
    than ``max_depth`` (checked before parsing: ``json`` recurses, and so would any walk of the result)."""
    if _json_depth(text, max_depth) > max_depth:
        raise IngestError(f"JSON nested deeper than {max_depth} levels")
    try:
        return _JSON_DECODER.decode(text)
    except RecursionError as exc:
        raise IngestError(f"JSON nested deeper than {max_depth} levels") from exc
    except ValueError as exc:
        raise IngestError(f"malformed JSON: {exc}") from exc


def _article_from_line(line: str, *, path: Path, lineno: int) -> Item:
    """One JSON Lines record as an article (``path:lineno``), or its rejection."""
    try:
        record = load_json(line)
    except IngestError as exc:
        return Rejected(f"{path}:{lineno}", str(exc))
    return article_from_record(record, path=f"{path}:{lineno}", source_path=path)


def articles_from_json(text: str, *, path: Path) -> Iterator[Item]:
    """Articles from a JSON document (object or array) or JSON Lines; bad lines rejected as ``path:N``."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "[{":
        try:
            doc = load_json(stripped)
        except IngestError as exc:
            if str(exc).startswith("JSON nested deeper") and "\n" not in stripped.rstrip():
                yield Rejected(str(path), str(exc))  # one line, one document: the file is the record
                return
            doc = None  # not one document: try JSON Lines
        else:
            if isinstance(doc, list):
                if not doc:
                    yield Rejected(str(path), "empty JSON array")
                for n, record in enumerate(doc, 1):
                    yield article_from_record(record, path=f"{path}:{n}", source_path=path)
                return
            if isinstance(doc, Mapping):
                yield article_from_record(doc, path=str(path), source_path=path)
                return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        yield _article_from_line(line, path=path, lineno=lineno)


def _is_jsonl_name(path: Path) -> bool:
    suffixes = [x.lower() for x in path.suffixes if x.lower() not in (".gz", ".gzip")]
    return bool(suffixes) and suffixes[-1] in (".jsonl", ".ndjson")


def _open_maybe_gzip(path: Path) -> BinaryIO:
    fh = _open_binary(path)
    head = fh.read(2)
    fh.seek(0)
    return gzip.GzipFile(fileobj=fh) if _is_gzip(path, head) else fh


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _guess_decode(raw)


def articles_from_jsonl_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Articles from a JSON Lines file, streamed: memory bounded by one line, not by the file.

    A line longer than ``max_bytes`` is rejected (``path:N``) and skipped; a file that turns out
    to hold one JSON document over several lines (an array, a pretty-printed object) is parsed
    whole, within ``max_bytes``.
    """
    try:
        stream = _open_maybe_gzip(path)
    except OSError as exc:
        reason = "unreadable: permission denied" if isinstance(exc, PermissionError) else \
            f"unreadable: {exc.strerror or exc}"
        yield Rejected(str(path), reason)
        return
    lineno = 0
    seen_content = False
    compressed = isinstance(stream, gzip.GzipFile)
    inflated = 0
    last_raw, last_reason = b"", None
    listed = repeats = 0  # rejected lines yielded one by one; repeats of a bad line not yet yielded
    too_large = lambda: Rejected(str(path), f"too large (decompressed size > limit {max_bytes} bytes"  # noqa: E731
                                 + (f"; stopped after line {lineno})" if lineno else ")"))
    with stream:
        try:
            head = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
        except (EOFError, OSError, zlib.error):
            head = b""
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            yield from _whole_json_file(path, max_bytes=max_bytes)  # UTF-16/32: not line-splittable
            return
        if b"\x00" in head or (head and _control_ratio(head.decode("utf-8", "ignore")) > BINARY_RATIO):
            yield Rejected(str(path), "binary content")
            return
        ending: Optional[Rejected] = None  # what stopped the reading early
        while ending is None:
            try:
                raw = stream.readline(max_bytes + 1)
            except EOFError:
                ending = Rejected(f"{path}:{lineno + 1}", "truncated gzip")
                break
            except (OSError, zlib.error) as exc:
                ending = Rejected(f"{path}:{lineno + 1}", f"unreadable: {exc}")
                break
            if not raw:
                break
            inflated += len(raw)
            if compressed and inflated > max_bytes and (lineno or raw.endswith(b"\n")):
                ending = too_large()
                break
            lineno += 1
            if raw == last_raw and last_reason is not None:  # the same bad record again: same reason
                if listed < MAX_LISTED_REJECTS:
                    listed += 1
                    yield Rejected(f"{path}:{lineno}", last_reason)
                else:
                    repeats += 1  # past the listed ones: counted, and handed on as one item
                continue
            if repeats:
                yield Rejected(f"{path}:{lineno - 1}", last_reason, count=repeats)
                repeats = 0
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                yield Rejected(f"{path}:{lineno}", f"too large (line > limit {max_bytes} bytes)")
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = stream.readline(1 << 20)
                    inflated += len(raw)
                    if compressed and inflated > max_bytes:
                        ending = too_large()
                        break
                continue
            if lineno == 1:
                raw = raw.lstrip(b"\xef\xbb\xbf")
            try:
                line = _decode_line(raw).strip()
            except IngestError as exc:
                yield Rejected(f"{path}:{lineno}", str(exc))
                continue
            if not line:
                continue
            if not seen_content and line[:1] == "[" or (not seen_content and not _parses(line)):
                yield from _whole_json_file(path, max_bytes=max_bytes)
                return
            seen_content = True
            item = _article_from_line(line, path=path, lineno=lineno)
            last_raw, last_reason = raw, (item.reason if isinstance(item, Rejected) else None)
            listed += last_reason is not None
            yield item
        if repeats:
            yield Rejected(f"{path}:{lineno}", last_reason, count=repeats)
        if ending is not None:
            yield ending
            return
    if not seen_content:
        yield Rejected(str(path), "empty")


def _parses(line: str) -> bool:
    """True for a line that is one JSON value (or one too deep to parse, rejected as a line of its own)."""
    try:
        load_json(line)
    except IngestError as exc:
        return str(exc).startswith("JSON nested deeper")
    return True


def _whole_json_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    try:
        text = decode_bytes(read_bytes(path, max_bytes=max_bytes))
    except IngestError as exc:
        yield Rejected(str(path), str(exc))
        return
    yield from articles_from_json(text, path=path)


# ---------------------------------------------------------------------------------------------
# WARC

def articles_from_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Articles from the HTML ``response`` records of a WARC file; a broken record is rejected.

    Records are numbered from 1 (``file.warc:N``).  Reading stops at a record that cannot be
    parsed (the records before it are kept); a record cut short is rejected.
    """
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = _open_binary(path)
    except OSError as exc:
        yield Rejected(str(path), f"unreadable: {exc.strerror or exc}")
        return
    n = found = 0
    broken = False
    with fh:
        records = iter(ArchiveIterator(fh, arc2warc=True))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on corrupt input
                broken = True
                cut = _is_gzip(path, b"") and not _gzip_complete(path)
                yield Rejected(f"{path}:{n + 1}", f"broken WARC record: {'truncated gzip' if cut else short_reason(exc)}")
                break
            n += 1
            try:
                item = _warc_record_article(record, path=f"{path}:{n}", source_path=path, max_bytes=max_bytes)
            except Exception as exc:  # noqa: BLE001
                item = Rejected(f"{path}:{n}", f"broken WARC record: {short_reason(exc)}")
            if item is not None:
                found += 1
                yield item
    if not broken and _is_gzip(path, b"") and not _gzip_complete(path):
        yield Rejected(f"{path}:{n + 1}", "broken WARC record: truncated gzip")
    elif n == 0 and not broken:
        yield Rejected(str(path), "no WARC records")
    elif found == 0 and not broken:
        yield Rejected(str(path), f"no HTML response records among {n} WARC record(s)")


def _gzip_complete(path: Path) -> bool:
    """True when every gzip member of the file decompresses to its end (streamed, constant memory)."""
    try:
        with _open_binary(path) as fh, gzip.GzipFile(fileobj=fh) as gz:
            while gz.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def _warc_record_article(record: Any, *, path: str, source_path: Path,
                         max_bytes: int = DEFAULT_MAX_BYTES) -> Optional[Item]:
    if record.rec_type != "response":
        return None
    content_type = ""
    if record.http_headers is not None:
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        status = record.http_headers.get_statuscode()
        if status and not str(status).startswith("2"):
            return None
    if content_type and "html" not in content_type:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Rejected(path, f"too large (record > limit {max_bytes} bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Rejected(path, f"broken WARC record: truncated ({record.raw_stream.limit} bytes missing)")
    if not payload.strip():
        return Rejected(path, "empty")
    try:
        html: Union[str, bytes] = _decode_http_payload(payload, content_type)
    except IngestError as exc:
        return Rejected(path, str(exc))
    item = article_from_html(html, path=path, source_path=source_path, url=url, fmt="warc")
    if isinstance(item, Article) and not item.url:
        item = item.replace(url=url)
    return item


def _decode_http_payload(payload: bytes, content_type: str) -> str:
    """An HTTP body as text: the ``Content-Type`` charset when it decodes, else :func:`decode_bytes`."""
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type)
    if m:
        name = m.group(1).lower()
        try:
            return payload.decode(_WHATWG_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload)
