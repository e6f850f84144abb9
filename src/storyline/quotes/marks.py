"""The quote-mark scanner: :func:`scan_quote_marks` finds quoted passages in raw text (straight,
curly, guillemet and low-9 marks, nested single quotes, multi-paragraph quotes, unbalanced marks)."""
from __future__ import annotations

from typing import Optional

_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", "「": "」", '"': '"'}
_DOUBLE_CLOSE = {"”", "»", "」", '"', "“"}
_SINGLE_OPEN = {"‘", "'", "‹"}
_SINGLE_CLOSE = {"’", "'", "›"}
_OPEN_CONTEXT = set(" \t\n\r([{—–-/:;,“\"‘'")


def _opens(ch: str) -> bool:
    """Can a quote open after this character?"""
    return ch in _OPEN_CONTEXT or ch.isspace()


def _is_word(ch: str) -> bool:
    return ch.isalnum()


class _Scanner:
    """The scanner's state over one text: the open double quote (start and closing mark), the open single
    quote, and the passages found so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.dq_start: Optional[int] = None      # open double quote position
        self.dq_close: Optional[str] = None
        self.sq_start: Optional[int] = None      # open single quote position (top-level or nested)

    def close_double(self, end: int) -> None:
        """Close the open double quote at ``end`` (without the spaces before it)."""
        while end > self.dq_start and self.text[end - 1].isspace():
            end -= 1
        self.spans.append((self.dq_start, end))
        self.dq_start = self.dq_close = None

    def paragraph_end(self, i: int) -> int:
        """At a newline: close the open quotes or, if the next paragraph reopens the double quote (the
        multi-paragraph convention), go on with it; the position to read next."""
        text, n = self.text, len(self.text)
        j = i
        while j < n and text[j] in " \t\r\n":
            j += 1
        if self.dq_start is not None:
            if j < n and text[j] in _DOUBLE_OPEN and j + 1 < n and not text[j + 1].isspace():
                self.sq_start = None
                return j + 1          # continuation: skip the re-opening mark
            self.close_double(i)
        self.sq_start = None            # single quotes never run over a paragraph
        return j

    def outside(self, i: int, ch: str, prev: str, nxt: str) -> None:
        """A character outside double quotes: a double quote opens, a top-level single one opens or closes."""
        if ch in _DOUBLE_OPEN and ch not in ("”",) and (_opens(prev) or ch in "“„«「") and not nxt.isspace():
            if ch == '"' and _is_word(prev):
                return
            if self.sq_start is not None:   # a double inside a top-level single: ignore
                return
            self.dq_start, self.dq_close = i, _DOUBLE_OPEN[ch]
            return
        if ch == "”" and _opens(prev) and not nxt.isspace():   # ” used as an opener
            self.dq_start, self.dq_close = i, "”"
            return
        if self.sq_start is None and ch in _SINGLE_OPEN and _opens(prev) and _is_word(nxt):
            self.sq_start = i
        elif self.sq_start is not None and ch in _SINGLE_CLOSE and not _is_word(nxt) \
                and not prev.isspace() and i - self.sq_start > 1:
            self.spans.append((self.sq_start, i + 1))
            self.sq_start = None

    def inside(self, i: int, ch: str, prev: str, nxt: str) -> None:
        """A character inside a double quote: nested single quotes, the closing mark, or a new opening
        mark (the previous quote was never closed)."""
        if ch in _SINGLE_OPEN and self.sq_start is None and _opens(prev) and _is_word(nxt):
            self.sq_start = i
        elif ch in _SINGLE_CLOSE and self.sq_start is not None and not _is_word(nxt):
            self.sq_start = None
        elif ch in _DOUBLE_CLOSE and (ch == self.dq_close or ch in "”\"»") \
                and not (ch == '"' and prev in " \t" and _is_word(nxt)):
            self.spans.append((self.dq_start, i + 1))
            self.dq_start = self.dq_close = None
            self.sq_start = None
        elif ch in "“«„" and _opens(prev) and i - self.dq_start > 1 and self.text[i - 1] in " \t":
            self.close_double(i)
            self.dq_start, self.dq_close = i, _DOUBLE_OPEN[ch]
            self.sq_start = None


def scan_quote_marks(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of quoted passages, marks included, in text order.

    Top-level double quotes and top-level single quotes (British style) are returned; single quotes
    nested in a double quote belong to it.  A quote left open at the end of a paragraph continues
    if the next paragraph opens with a quote mark (the multi-paragraph convention), else it is
    closed there.  Never raises; runs in one pass.
    """
    original = text
    if "``" in text:
        # tokenised (Penn Treebank) doubles: `` opens and '' closes, like curly marks; the padding
        # keeps offsets and stands after an opener, before a closer (a closer never reads as an opener)
        text = text.replace("``", "\u201c\u200b").replace("''", "\u200b\u201d")
    elif "''" in text:
        # typewriter doubles (''word''): one double mark; same length keeps offsets
        text = text.replace("''", "\"\u200b")
    scan = _Scanner(text)
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            i = scan.paragraph_end(i)
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if scan.dq_start is None:
            scan.outside(i, ch, prev, nxt)
        else:
            scan.inside(i, ch, prev, nxt)
        i += 1
    if scan.dq_start is not None:
        scan.close_double(n)
    spans = [(s, e + 1 if text[e:e + 1] == "\u200b" else e) for s, e in scan.spans]
    return [(s, e) for s, e in spans if e - s > 2 and any(ch.isalnum() for ch in original[s:e])]
