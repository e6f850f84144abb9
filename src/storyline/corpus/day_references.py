"""Cheap date references: the days a sentence refers to, from a regex pass (no parsing).

:func:`date_references` finds absolute dates (``April 20, 2010``, ``20 April``, ``2010-04-20``) and
dates relative to the publication day (weekdays, ``yesterday``, ``last night``); it is what lets
:func:`storyline.corpus.selection.select_timeline` read thousands of articles in seconds.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

__all__ = ["date_references", "parse_day"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s*,?\s*((?:19|20)\d\d)\b)?"
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+{_DAY}\b(?!\s*(?:%|per|million|billion|bn|m)\b){_YEAR}",
                        re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?({_MONTH_RE})\b\.?{_YEAR}", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_WEEKDAY = re.compile(r"\b(last\s+|next\s+|this\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                      r"(?:'s|\s+'s)?\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|tomorrow|this\s+morning|this\s+afternoon|"
                       r"this\s+evening|last\s+night)\b", re.IGNORECASE)
_RELATIVE_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "this morning": 0,
                    "this afternoon": 0, "this evening": 0, "last night": -1}


def _safe_date(year: int, month: int, day: int) -> Optional[_dt.date]:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, dct: _dt.date) -> Optional[_dt.date]:
    """A month-day without year: the candidate year closest to the publication date."""
    best = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe_date(year, month, day)
        if d and (best is None or abs((d - dct).days) < abs((best - dct).days)):
            best = d
    return best


def date_references(sentence: str, dct: Optional[_dt.date]) -> list[_dt.date]:
    """Day-granular dates a sentence refers to, resolved against the publication date ``dct``.

    Absolute (``April 20 , 2010``, ``20 April``, ``2010-04-20``) and relative to ``dct``
    (weekdays, ``yesterday``, ``today``, ``last night``).  Without ``dct`` only dates with a
    year are returned.  Cheap by design: a regex pass, no parsing.
    """
    found: list[_dt.date] = []
    taken: list[tuple[int, int]] = []

    def add(d: Optional[_dt.date], span: tuple[int, int]) -> None:
        if d is None or any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        found.append(d)

    for m in _ISO.finditer(sentence):
        add(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.span())
    for rx, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for m in rx.finditer(sentence):
            month_word = m.group(month_group).lower()
            if month_word == "may" and not m.group(month_group)[0].isupper():
                continue  # the verb "may"
            month, day = _MONTHS[month_word], int(m.group(day_group))
            if m.group(3):
                add(_safe_date(int(m.group(3)), month, day), m.span())
            elif dct is not None:
                add(_nearest_year(month, day, dct), m.span())
    if dct is None:
        return found
    for m in _WEEKDAY.finditer(sentence):
        weekday = _WEEKDAYS[m.group(2).lower()]
        modifier = (m.group(1) or "").strip().lower()
        back = (dct.weekday() - weekday) % 7
        if modifier == "next":
            d = dct + _dt.timedelta(days=(weekday - dct.weekday()) % 7 or 7)
        elif modifier == "last" and back == 0:
            d = dct - _dt.timedelta(days=7)
        else:
            d = dct - _dt.timedelta(days=back)
        add(d, m.span())
    for m in _RELATIVE.finditer(sentence):
        key = " ".join(m.group(1).lower().split())
        add(dct + _dt.timedelta(days=_RELATIVE_OFFSET[key]), m.span())
    return found


def parse_day(value) -> Optional[_dt.date]:
    """A date, datetime or ISO text as a day (None when it is none)."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
