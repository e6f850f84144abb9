"""JSON and JSON Lines (``.json``, ``.jsonl``, ``.ndjson``): one object, an array of objects, or one object a line.

news-please and news-tls/Timeline17 records alike (:func:`article_from_record`); a bad line is rejected as
``path:line``, a JSON array's records are ``path:N``.  JSON Lines files are streamed (memory bounded by one
line); JSON nested deeper than :data:`MAX_JSON_DEPTH` levels is rejected before parsing.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Optional

from ..model import Rejected, article_id
from . import files
from .files import (BINARY_RATIO, DEFAULT_MAX_BYTES, MAX_LISTED_REJECTS, IngestError, Item, control_ratio, guess_decode, is_gzip,
                    read_text, safe_text)
from .html import article_from_html
from .metadata import extract_source, field_value, metadata_from_fields
from .text import article_from_text

__all__ = ["MAX_JSON_DEPTH", "read_json_file", "looks_like_json", "article_from_record",
           "load_json", "articles_from_json", "articles_from_jsonl_file", "is_jsonl_name"]

#: a JSON document or record nested deeper than this is rejected (news records nest a few levels)
MAX_JSON_DEPTH = 100

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_JSON_DECODER = json.JSONDecoder()
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
#: what a line's record gave when read elsewhere: ``memo(line number, raw line)`` -> the item, or
#: None (not known: read here); :mod:`storyline.cluster_read` reads lines on Dask workers
LineMemo = Callable[[int, bytes], Optional[Item]]


def read_json_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, text: Optional[str] = None,
                   memo: Optional[LineMemo] = None) -> Iterator[Item]:
    """The articles of a JSON file: a JSON Lines name is streamed, anything else read whole
    (``text``: its content, when already decoded; ``memo``: see :func:`articles_from_jsonl_file`)."""
    if text is None and is_jsonl_name(path):
        yield from articles_from_jsonl_file(path, max_bytes=max_bytes, memo=memo)
        return
    if text is None:
        yield from _whole_json_file(path, max_bytes=max_bytes)
    else:
        yield from articles_from_json(text, path=path)


def looks_like_json(text: str) -> bool:
    """True for text that starts like a JSON object or array."""
    return text.lstrip("\ufeff \t\r\n").startswith(("{", "["))


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
        own = extract_source(meta, source_field=source_field)  # the record's fields before the page's
        source, source_how = (own.source, own.source_how) if own.source else (html_item.source, html_item.source_how)
        return html_item.replace(
            id=article_id(html_item.content_hash, source=source, source_how=source_how),
            title=meta.title or html_item.title,
            published=meta.published or html_item.published,
            published_how=meta.published_how if meta.published else html_item.published_how,
            published_evidence=meta.published_evidence if meta.published else html_item.published_evidence,
            source=source, source_how=source_how)
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


def is_jsonl_name(path: Path) -> bool:
    """True for a JSON Lines file name (``.jsonl``, ``.ndjson``, also gzipped)."""
    suffixes = [x.lower() for x in path.suffixes if x.lower() not in (".gz", ".gzip")]
    return bool(suffixes) and suffixes[-1] in (".jsonl", ".ndjson")


def _open_maybe_gzip(path: Path) -> BinaryIO:
    fh = files.open_binary(path)
    head = fh.read(2)
    fh.seek(0)
    return gzip.GzipFile(fileobj=fh) if is_gzip(path, head) else fh


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return guess_decode(raw)


def articles_from_jsonl_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                             memo: Optional[LineMemo] = None) -> Iterator[Item]:
    """Articles from a JSON Lines file, streamed: memory bounded by one line, not by the file.
    ``memo`` gives a line's item when it was read elsewhere (the same function of the same line).

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
    with stream:
        head = _peek(stream)
        if head.startswith(_WIDE_BOMS):
            yield from _whole_json_file(path, max_bytes=max_bytes)  # UTF-16/32: not line-splittable
            return
        if b"\x00" in head or (head and control_ratio(head.decode("utf-8", "ignore")) > BINARY_RATIO):
            yield Rejected(str(path), "binary content")
            return
        lines = _JsonLines(path, stream, max_bytes, memo)
        yield from lines.items()
        if lines.whole:
            yield from _whole_json_file(path, max_bytes=max_bytes)
            return
        if lines.ending is not None:
            return
    if not lines.seen_content:
        yield Rejected(str(path), "empty")


def _peek(stream: BinaryIO) -> bytes:
    """The first 64 KiB of a stream, without consuming them (nothing when the stream cannot peek)."""
    try:
        return stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
    except (EOFError, OSError, zlib.error):
        return b""


class _JsonLines:
    """One JSON Lines stream read line by line: its articles and rejections, with the state between lines.

    A bad line repeated is rejected with the same reason without being parsed again; past
    :data:`MAX_LISTED_REJECTS` its repeats are counted and handed on as one item.  ``ending`` is
    what stopped the reading early; ``whole`` says the file is one JSON document to be parsed whole.
    """

    def __init__(self, path: Path, stream: BinaryIO, max_bytes: int, memo: Optional[LineMemo] = None) -> None:
        self.path, self.stream, self.max_bytes, self.memo = path, stream, max_bytes, memo
        self.compressed = isinstance(stream, gzip.GzipFile)
        self.lineno = self.inflated = 0
        self.seen_content = self.whole = False
        self.last_raw: bytes = b""
        self.last_reason: Optional[str] = None
        self.listed = self.repeats = 0  # rejected lines yielded one by one; repeats of a bad line not yet yielded
        self.ending: Optional[Rejected] = None

    def items(self) -> Iterator[Item]:
        """Every line's article or rejection, then the pending repeats and what ended the reading."""
        while self.ending is None and not self.whole:
            raw = self._next_raw()
            if raw is None:
                break
            yield from self._line(raw)
        if self.whole:
            return
        if self.repeats:
            yield Rejected(f"{self.path}:{self.lineno}", self.last_reason, count=self.repeats)
        if self.ending is not None:
            yield self.ending

    def _too_large(self) -> Rejected:
        return Rejected(str(self.path), f"too large (decompressed size > limit {self.max_bytes} bytes"
                        + (f"; stopped after line {self.lineno})" if self.lineno else ")"))

    def _next_raw(self) -> Optional[bytes]:
        """The next raw line; None at the end of the stream or when reading must stop (``ending`` says why)."""
        try:
            raw = self.stream.readline(self.max_bytes + 1)
        except EOFError:
            self.ending = Rejected(f"{self.path}:{self.lineno + 1}", "truncated gzip")
            return None
        except (OSError, zlib.error) as exc:
            self.ending = Rejected(f"{self.path}:{self.lineno + 1}", f"unreadable: {exc}")
            return None
        if not raw:
            return None
        self.inflated += len(raw)
        if self.compressed and self.inflated > self.max_bytes and (self.lineno or raw.endswith(b"\n")):
            self.ending = self._too_large()
            return None
        self.lineno += 1
        return raw

    def _skip_rest(self, raw: bytes) -> None:
        """Read past the rest of a line too long to keep (stopping at the decompressed-size cap)."""
        while raw and not raw.endswith(b"\n"):
            raw = self.stream.readline(1 << 20)
            self.inflated += len(raw)
            if self.compressed and self.inflated > self.max_bytes:
                self.ending = self._too_large()
                return

    def _line(self, raw: bytes) -> Iterator[Item]:
        """One raw line's article or rejection (nothing for a blank line or a repeat being counted)."""
        where = f"{self.path}:{self.lineno}"
        if raw == self.last_raw and self.last_reason is not None:  # the same bad record again: same reason
            if self.listed < MAX_LISTED_REJECTS:
                self.listed += 1
                yield Rejected(where, self.last_reason)
            else:
                self.repeats += 1  # past the listed ones: counted, and handed on as one item
            return
        if self.repeats:
            yield Rejected(f"{self.path}:{self.lineno - 1}", self.last_reason, count=self.repeats)
            self.repeats = 0
        if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
            yield Rejected(where, f"too large (line > limit {self.max_bytes} bytes)")
            self._skip_rest(raw)
            return
        if self.lineno == 1:
            raw = raw.lstrip(b"\xef\xbb\xbf")
        try:
            line = _decode_line(raw).strip()
        except IngestError as exc:
            yield Rejected(where, str(exc))
            return
        if not line:
            return
        if not self.seen_content and (line[:1] == "[" or not _parses(line)):
            self.whole = True  # one JSON document over several lines
            return
        self.seen_content = True
        item = self.memo(self.lineno, raw) if self.memo is not None else None
        if item is None:
            item = _article_from_line(line, path=self.path, lineno=self.lineno)
        self.last_raw, self.last_reason = raw, (item.reason if isinstance(item, Rejected) else None)
        self.listed += self.last_reason is not None
        yield item


def _parses(line: str) -> bool:
    """True for a line that is one JSON value (or one too deep to parse, rejected as a line of its own)."""
    try:
        load_json(line)
    except IngestError as exc:
        return str(exc).startswith("JSON nested deeper")
    return True


def _whole_json_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """The articles of a JSON file read whole (one document, or lines that could not be streamed)."""
    try:
        text = read_text(path, max_bytes=max_bytes)
    except IngestError as exc:
        yield Rejected(str(path), str(exc))
        return
    yield from articles_from_json(text, path=path)
