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


def scan_quote_marks(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of quoted passages, marks included, in text order.

    Top-level double quotes and top-level single quotes (British style) are returned; single quotes
    nested in a double quote belong to it.  A quote left open at the end of a paragraph continues
    if the next paragraph opens with a quote mark (the multi-paragraph convention), else it is
    closed there.  Never raises; runs in one pass.
    """
    original = text
    if "''" in text or "``" in text:
        # typewriter doubles (''word'' / ``word''): one double mark; same length keeps offsets
        text = text.replace("``", "\"\u200b").replace("''", "\"\u200b")
    spans: list[tuple[int, int]] = []
    n = len(text)
    dq_start: Optional[int] = None      # open double quote position
    dq_close: Optional[str] = None
    sq_start: Optional[int] = None      # open single quote position (top-level or nested)
    i = 0
    while i < n:
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            # paragraph end: close or continue open quotes
            j = i
            while j < n and text[j] in " \t\r\n":
                j += 1
            if dq_start is not None:
                if j < n and text[j] in _DOUBLE_OPEN and j + 1 < n and not text[j + 1].isspace():
                    i = j + 1          # continuation: skip the re-opening mark
                    sq_start = None
                    continue
                end = i
                while end > dq_start and text[end - 1].isspace():
                    end -= 1
                spans.append((dq_start, end))
                dq_start = dq_close = None
            sq_start = None            # single quotes never run over a paragraph
            i = j
            continue
        if dq_start is None:
            if ch in _DOUBLE_OPEN and ch not in ("”",) and (_opens(prev) or ch in "“„«「") \
                    and not nxt.isspace():
                if ch == '"' and _is_word(prev):
                    i += 1
                    continue
                if sq_start is not None:   # a double inside a top-level single: ignore
                    i += 1
                    continue
                dq_start, dq_close = i, _DOUBLE_OPEN[ch]
                i += 1
                continue
            if ch == "”" and _opens(prev) and not nxt.isspace():   # ” used as an opener
                dq_start, dq_close = i, "”"
                i += 1
                continue
            # top-level single quotes
            if sq_start is None and ch in _SINGLE_OPEN and _opens(prev) and _is_word(nxt):
                sq_start = i
            elif sq_start is not None and ch in _SINGLE_CLOSE and not _is_word(nxt) \
                    and not prev.isspace() and i - sq_start > 1:
                spans.append((sq_start, i + 1))
                sq_start = None
            i += 1
            continue
        # inside a double quote
        if ch in _SINGLE_OPEN and sq_start is None and _opens(prev) and _is_word(nxt):
            sq_start = i
        elif ch in _SINGLE_CLOSE and sq_start is not None and not _is_word(nxt):
            sq_start = None
        elif ch in _DOUBLE_CLOSE and (ch == dq_close or ch in "”\"»") and not (ch == '"' and prev in " \t" and _is_word(nxt)):
            spans.append((dq_start, i + 1))
            dq_start = dq_close = None
            sq_start = None
        elif ch in "“«„" and _opens(prev) and i - dq_start > 1 and text[i - 1] in " \t":
            # a new opening mark while open: the previous quote was never closed
            end = i
            while end > dq_start and text[end - 1].isspace():
                end -= 1
            spans.append((dq_start, end))
            dq_start, dq_close = i, _DOUBLE_OPEN[ch]
            sq_start = None
        i += 1
    if dq_start is not None:
        end = n
        while end > dq_start and text[end - 1].isspace():
            end -= 1
        spans.append((dq_start, end))
    spans = [(s, e + 1 if text[e:e + 1] == "\u200b" else e) for s, e in spans]
    return [(s, e) for s, e in spans if e - s > 2 and any(ch.isalnum() for ch in original[s:e])]
