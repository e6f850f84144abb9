"""Files and bytes: walking folders, reading a file's bytes within the size caps, decoding them to text.

Every reader (:mod:`.text`, :mod:`.html`, :mod:`.json`, :mod:`.warc`) opens files through
:func:`open_binary` (one seam, so tests can simulate unreadable files) and reports a bad input as
:class:`IngestError`, whose message becomes the ``Rejected`` reason.
"""
from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from ..errors import StorylineError
from ..model import Article, Rejected

__all__ = ["DEFAULT_MAX_BYTES", "BINARY_RATIO", "MAX_LISTED_REJECTS", "IngestError", "Item", "show_path", "safe_text", "rejected",
           "iter_paths", "open_binary", "is_gzip", "read_bytes", "read_text", "decode_bytes", "control_ratio",
           "guess_decode", "WHATWG_ALIASES"]

#: text files (or decompressed gzip contents) larger than this are rejected unread
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: more than this share of control characters in decoded text means binary content
BINARY_RATIO = 0.02
#: a file's rejected records listed one by one; the rest are folded into one summary
MAX_LISTED_REJECTS = 20

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DECLARED_CHARSET = re.compile(rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""",
                               re.IGNORECASE)
#: labels that browsers (WHATWG Encoding) read as windows-1252
WHATWG_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "x-cp1252": "cp1252"}
_WESTERN = frozenset({"ascii", "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2",
                      "iso8859_9", "iso8859_15", "mac_roman", "mac_latin2", "cp850", "cp437"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SURROGATE = re.compile("[\ud800-\udfff]")

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


def rejected(path: Union[str, Path], reason: str, count: int = 1) -> Rejected:
    """A ``Rejected`` item with a display-safe path and reason."""
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
            yield rejected(path, "not found" if explicit or not path.is_symlink() else "broken symlink")
            continue
        except OSError as exc:
            yield rejected(path, f"cannot stat: {exc.strerror or exc}")
            continue
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in skip_dirs:
                continue
            if key in seen_dirs:
                yield rejected(path, "directory already visited (symlink loop)")
                continue
            seen_dirs.add(key)
            try:
                with os.scandir(path) as it:
                    names = sorted(entry.name for entry in it)
            except OSError as exc:
                yield rejected(path, f"cannot list directory: {exc.strerror or exc}")
                continue
            stack.append(iter([(path / name, False) for name in names if not name.startswith(".")]))
            continue
        if key in seen_files:
            continue  # the same file reached twice (argument repeated, or a link to it)
        seen_files.add(key)
        if not stat.S_ISREG(st.st_mode):
            yield rejected(path, "not a regular file")
            continue
        yield path


# ---------------------------------------------------------------------------------------------
# bytes and text

def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes (one seam, so tests can simulate unreadable files)."""
    return open(path, "rb")


def _read_capped(stream: BinaryIO, max_bytes: int, label: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(f"too large ({label} > limit {max_bytes} bytes)")
    return data


def is_gzip(path: Path, head: bytes) -> bool:
    """True for a ``.gz`` name or gzip magic bytes in ``head``."""
    return path.suffix.lower() == ".gz" or head[:2] == b"\x1f\x8b"


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, gunzipped if needed, never more than ``max_bytes`` (size checked first)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"too large ({size} bytes > limit {max_bytes})")
        with open_binary(path) as fh:
            head = fh.read(2)
            fh.seek(0)
            if not is_gzip(path, head):
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


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A file's text: :func:`read_bytes` then :func:`decode_bytes` (raises :class:`IngestError`)."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes))


def control_ratio(text: str) -> float:
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
            text = _declared_decode(data) or _mostly_utf8(data) or guess_decode(data)
    if control_ratio(text) > BINARY_RATIO:
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
        return data.decode(WHATWG_ALIASES.get(name, name))
    except (LookupError, UnicodeDecodeError):
        return None


def _mostly_utf8(data: bytes) -> Optional[str]:
    """UTF-8 with a few bad bytes replaced, when valid multi-byte sequences far outnumber them."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    return text if good >= 5 * max(1, bad) else None


def guess_decode(data: bytes) -> str:
    """Text in the encoding charset-normalizer guesses (a Western guess read as cp1252)."""
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
