"""WARC archives (``.warc``, ``.arc``, also gzipped): the HTML ``response`` records, url from ``WARC-Target-URI``."""
from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ..errors import short_reason
from ..model import Article, Rejected
from . import files
from .files import DEFAULT_MAX_BYTES, WHATWG_ALIASES, IngestError, Item, decode_bytes, is_gzip
from .html import article_from_html

__all__ = ["read_warc_file", "articles_from_warc"]


def read_warc_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, text: Optional[str] = None) -> Iterator[Item]:
    """The articles of a WARC file (:func:`articles_from_warc`; ``text`` is unused: a WARC is read as bytes)."""
    return articles_from_warc(path, max_bytes=max_bytes)


def articles_from_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Articles from the HTML ``response`` records of a WARC file; a broken record is rejected.

    Records are numbered from 1 (``file.warc:N``).  Reading stops at a record that cannot be
    parsed (the records before it are kept); a record cut short is rejected.
    """
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = files.open_binary(path)
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
                cut = is_gzip(path, b"") and not _gzip_complete(path)
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
    if not broken and is_gzip(path, b"") and not _gzip_complete(path):
        yield Rejected(f"{path}:{n + 1}", "broken WARC record: truncated gzip")
    elif n == 0 and not broken:
        yield Rejected(str(path), "no WARC records")
    elif found == 0 and not broken:
        yield Rejected(str(path), f"no HTML response records among {n} WARC record(s)")


def _gzip_complete(path: Path) -> bool:
    """True when every gzip member of the file decompresses to its end (streamed, constant memory)."""
    try:
        with files.open_binary(path) as fh, gzip.GzipFile(fileobj=fh) as gz:
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
            return payload.decode(WHATWG_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload)
