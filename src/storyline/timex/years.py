"""Whether a 4-digit number written alone is a year: the date evidence a bare year needs.

"GTX 1660", "1920 pixels", "1694 kcal", "1909 Jolinda Drive" and "02-751-1500" hold numbers in the
year range that are not dates.  A bare number counts as a year only with evidence from its
surroundings, and never when what surrounds it says it is a quantity, a code or an address:

- against: a unit or counted noun after it, a street name after it, a counter word before it
  ("no.", "score of"), a number joined to it by a hyphen (phone numbers, codes), or a year further
  than ``far_future_years`` past the document date without a cue that looks ahead ("by 2050");
- for: a cue word before it (a preposition of time, or a determiner or possessive that makes it
  a modifier, "the 2016 election", "Holcomb's 2016 campaign", possibly over qualifiers such as
  "at least"), a possessive after it ("2019's"), another year it forms a range or list with,
  parentheses or a citation comma around it, a verb it is the subject of after a comma, the start of a line, sentence or quotation, or a
  name it sits next to ("Design Week 2018", "2019 American Music Awards") when it lies within
  ``name_window_years`` of the document date (a product "GTX 1660" or "Tomb Raider 2013" does not).

The words live in ``data/timex/bare_years.json``.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from importlib import resources
from typing import Optional

__all__ = ["is_bare_year"]

_YEAR = r"(?:1[5-9]\d{2}|20\d{2})"


def _alt(words) -> str:
    return "|".join(re.escape(w) if not any(c in w for c in "\\?*") else w
                    for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _vocab() -> dict:
    data = json.loads(resources.files("storyline").joinpath("data/timex/bare_years.json").read_text("utf-8"))
    return {
        "cues": frozenset(data["cues"]),
        "determiners": frozenset(data["determiners"]),
        "qualifiers": frozenset(data["qualifiers"]),
        "future_cues": frozenset(data["future_cues"]),
        "unit": re.compile(r"\s*(?:" + _alt(data["units"]) + r")(?!\w)", re.I),
        "counted": re.compile(r"\s*(?:" + _alt(data["counted"]) + r")(?!\w)", re.I),
        "counter": re.compile(r"(?:^|[\s(\[,;:])(?:" + _alt(data["counters"]) + r")\s*$", re.I),
        "street": re.compile(r"\s+(?:[A-Z][\w'.-]*\s+){1,3}(?i:" + _alt(data["street_suffixes"]) + r")(?!\w)"),
        "subject_verb": re.compile(r"\s+(?:" + _alt(data["subject_verbs"]) + r")\b"),
        "window": int(data["name_window_years"]),
        "far": int(data["far_future_years"]),
    }


_WORD = re.compile(r"[^\s]+$")
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s?\s+$")
_RANGE_BEFORE = re.compile(rf"\b{_YEAR}\s*(?:,|and|or|to|through|thru|until|-|–|—|/)\s*$")
_RANGE_AFTER = re.compile(rf"\s*(?:,|and|or|to|through|thru|until|-|–|—|/)\s*{_YEAR}\b")
_JOINED_BEFORE = re.compile(r"\d\s*[-–]$")
_START = re.compile(r"(?:^|[\n.!?:;“\"‘|•·]|\s[-–—])\s*['‘“\"]?$")
_CLOSE_AFTER = re.compile(r"\s*(?:[);\].]|\n|$)")
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w&'’.-]*|\d+[A-Za-z]\w*)\s+$")
_ADJECTIVE = re.compile(r"[a-z][a-z'’-]*|\d+-[a-z]+")
_MODIFIER_AFTER = re.compile(r"\s+[A-Za-z]")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _words_before(before: str, n: int = 4) -> list[str]:
    return [w.strip("\"'“”‘’()[],").lower() for w in before.split()[-n:]][::-1]


def _cue_before(before: str, after: str, v: dict) -> Optional[str]:
    """The preposition or determiner that introduces the number (over qualifiers like "at least")."""
    words = _words_before(before)
    if words and (words[0] in v["determiners"] or _POSSESSIVE_BEFORE.search(before)):
        return "the"
    if _MODIFIER_AFTER.match(after):     # "its planned 2024 crewed moon shot", "the 15-inch 2016 MacBook Pro"
        raw = before.split()[-3:][::-1]     # (not "an RTX 1650 card": a model name between)
        for i, w in enumerate(words[1:3], 1):
            if not _ADJECTIVE.fullmatch(raw[i - 1]):
                break
            if w in v["determiners"]:
                return "the"
    for w in words:
        if w in v["cues"]:
            return w
        if w not in v["qualifiers"]:
            return None
    return None


def _against(text: str, start: int, end: int, v: dict) -> bool:
    before, after = text[max(0, start - 40):start], text[end:end + 60]
    if v["unit"].match(after) or v["street"].match(after) or v["counter"].search(before):
        return True
    if _JOINED_BEFORE.search(before) and not re.search(rf"\b{_YEAR}\s*[-–]$", before):
        return True
    return False


def is_bare_year(text: str, start: int, end: int, dct: Optional[dt.date]) -> bool:
    """Whether the number ``text[start:end]`` (four digits, no month or modifier) is a year."""
    v = _vocab()
    if _against(text, start, end, v):
        return False
    year = int(text[start:end])
    before = ("\n" if start <= 40 else "") + text[max(0, start - 40):start]
    after = text[end:end + 40]
    cue = _cue_before(before, after, v)
    if cue is None and v["counted"].match(after):
        return False
    if dct is not None and year > dct.year + v["far"]:
        return cue in v["future_cues"]
    if cue or re.match(r"['’]s\b", after) or _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return True
    if (before.endswith("(") or before.rstrip().endswith(",")) and _CLOSE_AFTER.match(after):
        return True    # "(1982)", "Grand Central Publishing, 2018;"
    if before.rstrip().endswith(",") and v["subject_verb"].match(after):
        return True    # "In many ways, 2019 was the year"
    if _START.search(before) and not re.match(r"\s*\d", after):
        return True
    if dct is not None and abs(year - dct.year) <= v["window"]:
        return bool(_NAME_BEFORE.search(before) or _NAME_AFTER.match(after))
    return False
