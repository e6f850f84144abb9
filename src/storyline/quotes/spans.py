"""Character spans of token runs: bounds, trimming, paragraphs, overlap, and the kind of a quote
(direct/mixed/indirect by how much of it quote marks enclose)."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from spacy.tokens import Doc, Token


def prep_objects(prep: Token) -> list[Token]:
    """The words of a preposition's object ("of [the deal]", "about [how it ended]")."""
    return [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]


def content_bounds(text: str, content: list[Token]) -> Optional[tuple[int, int]]:
    """Trimmed character bounds of a content's tokens; None for nothing or a single character."""
    if not content:
        return None
    start, end = trim(text, *span_of(content))
    return (start, end) if end - start >= 2 else None


def quote_kind(marks, start: int, end: int) -> str:
    """``direct`` when quote marks enclose (almost) all of a content span, ``mixed`` when some, else ``indirect``."""
    quoted = sum(max(0, min(end, m[1]) - max(start, m[0])) for m in marks if overlaps(m, (start, end)))
    return "direct" if quoted >= 0.8 * (end - start) else ("mixed" if quoted else "indirect")


SUBJ = ("nsubj", "nsubjpass", "csubj")

_TRIM = set(" \t\r\n,;:—–-")


def span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _TRIM or text[start].isspace()
                           or (text[start] in "\"”’" and (start + 1 >= end or text[start + 1].isspace()))):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


def paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def text_before(doc: Doc, first: int, upto: int, start_char: int) -> str:
    """``doc.text[start_char:doc[upto].idx]`` for a ``start_char`` in or just before token ``first``
    (anything before that token is its predecessor's trailing whitespace, kept as such)."""
    base = doc[first].idx
    text = "".join(t.text_with_ws for t in doc[first:upto])
    return text[start_char - base:] if start_char >= base else " " * (base - start_char) + text


QUOTE_CHARS = frozenset("\"“”'‘’")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


WORDS = re.compile(r"\w+")
