"""Reading a big JSON value of the store a piece at a time (#18: memory that does not grow with the corpus).

Some corpus tables hold one JSON text per key whose size grows with the corpus (framing's outlets, its
coverage matrix and story events' index).  :class:`JSONStream` reads such a text from the store in
chunks (SQLite's incremental blob reading: the value is never held whole, neither by SQLite nor here)
and lets its reader walk it: the members of an object, the elements of an array, a value read whole
(``json`` decodes it) or skipped (its brackets counted, its strings passed over by a regular
expression).  Only the chunk being read and the values read whole are held.
"""
from __future__ import annotations

import codecs
import json
import re
from typing import Callable, Iterator, Optional

__all__ = ["JSONStream", "stored_json"]

#: bytes read from the store at a time
CHUNK = 1 << 20
_SPACE = re.compile(r"\s*")
#: one token while skipping a container: a whole string, a bracket, or a run of anything else
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]|[^"\[\]{}]+')
_DECODER = json.JSONDecoder()
#: what ends a number or a word
_END = re.compile(r"[\s,:\]}]")


class JSONStream:
    """A JSON text read through ``read(n)`` (bytes, ``b""`` at its end), walked in order."""

    def __init__(self, read: Callable[[int], bytes], close: Callable[[], None] = lambda: None) -> None:
        self._read, self.close, self._utf8 = read, close, codecs.getincrementaldecoder("utf-8")()
        self.buf, self.pos, self.eof = "", 0, False
        self.taken = 0      # values read or skipped (and containers entered): whether a caller left one

    def __enter__(self) -> "JSONStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _more(self) -> bool:
        """Read the next chunk into the buffer (dropping what was read); False at the end."""
        if self.eof:
            return False
        data = self._read(CHUNK)
        if self.pos >= CHUNK:
            self.buf, self.pos = self.buf[self.pos:], 0
        self.eof = not data
        self.buf += self._utf8.decode(data, final=self.eof)
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end); the place is moved to it."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"JSON: {char!r} expected at {self.buf[self.pos:self.pos + 20]!r}")
        self.pos += 1

    def value(self):
        """The next value, decoded whole."""
        self.taken += 1
        if self.peek() not in '"[{':     # a number or a word: read on to what ends it
            while not _END.search(self.buf, self.pos) and self._more():
                pass
        while True:
            try:
                value, self.pos = _DECODER.raw_decode(self.buf, self.pos)
                return value
            except json.JSONDecodeError:
                if not self._more():
                    raise

    def skip(self) -> None:
        """Pass over the next value without decoding it."""
        self.taken += 1
        if self.peek() not in "[{":
            self.value()
            return
        depth = 0
        while True:
            match = _TOKEN.match(self.buf, self.pos)
            if match is None:       # a string the chunk cut
                if self._more():
                    continue
                raise ValueError("JSON: unterminated string")
            self.pos = match.end()
            token = match.group()
            if token in "[{":
                depth += 1
            elif token in "]}":
                depth -= 1
                if depth == 0:
                    return

    def _sequence(self, opening: str, closing: str, keyed: bool) -> Iterator[Optional[str]]:
        self.taken += 1
        self.expect(opening)
        if self.peek() == closing:
            self.pos += 1
            return
        while True:
            key = None
            if keyed:
                key = self.value()
                self.expect(":")
            taken = self.taken
            yield key
            if self.taken == taken:     # the caller left the value: skip it
                self.skip()
            after = self.peek()
            self.pos += 1
            if after == closing:
                return
            if after != ",":
                raise ValueError(f"JSON: ',' or {closing!r} expected")

    def members(self) -> Iterator[str]:
        """The keys of the object that comes next; after each, the caller reads, skips or leaves its value."""
        return self._sequence("{", "}", True)

    def elements(self) -> Iterator[None]:
        """A step per element of the array that comes next; the caller reads, skips or leaves it."""
        return self._sequence("[", "]", False)


def stored_json(conn, table: str, column: str, where: str, params=()) -> Optional[JSONStream]:
    """The JSON text in ``column`` of the row of ``table`` that ``where`` selects, as a :class:`JSONStream`
    read from the store in chunks (None: no such row, or not a text)."""
    row = conn.execute(f"select rowid, typeof([{column}]) from [{table}] where {where}", list(params)).fetchone()
    if row is None or row[1] != "text":
        return None
    blob = conn.blobopen(table, column, row[0], readonly=True)
    return JSONStream(blob.read, blob.close)
