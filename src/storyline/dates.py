"""TIMEX3 date values as calendar intervals, and the article's creation time (DCT).

The one home of the date algebra every stage shares:

- :func:`date_interval`: the days a TIMEX3 value covers (``2024-05``, ``2024-W20``, ``2024-Q2``,
  ``2021-12-15/2021-12-17``) as ordinals, with its granularity;
- :func:`parse_dct`: the calendar day of a document creation time string;
- :func:`is_background_date`: the one rule that says a date is background (context told in an
  article, not its news): its interval ends more than :data:`BACKGROUND_DAYS` before the DCT.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Optional

__all__ = ["date_interval", "parse_dct", "is_background_date", "BACKGROUND_DAYS"]

#: a date that ends more than this many days before its article's creation day is background. News
#: tells what happened in the past week ("on Wednesday", "last week", "Thursday's meeting" all fall
#: within it); what ended before that week is told as context ("a week after the Biden-Putin summit",
#: "Blinken was in China from 24 to 26 April", "in 2020, NATO identified China as a threat")
BACKGROUND_DAYS = 7

_YMD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _month_end(year: int, month: int) -> _dt.date:
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


@functools.lru_cache(maxsize=65536)
def date_interval(value: Optional[str]) -> Optional[tuple[int, int, int]]:
    """``(first day ordinal, last day ordinal, granularity)`` of a TIMEX3 date value.

    Granularity: 3 day, 2 week/month/range, 1 quarter/year.  ``None`` for values that are not
    calendar dates (``PRESENT_REF``, durations, unresolved).
    """
    if not value:
        return None
    value = value.strip()
    if "/" in value:
        a, b = (date_interval(v) for v in value.split("/", 1))
        if a and b and a[0] <= b[1]:
            return a[0], b[1], 2
        return a
    try:
        return _ymd_interval(value) or _week_interval(value) or _quarter_interval(value)
    except ValueError:
        return None


def _ymd_interval(value: str) -> Optional[tuple[int, int, int]]:
    m = _YMD.match(value)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        d = _dt.date(year, int(m.group(2)), int(m.group(3))).toordinal()
        return d, d, 3
    if m.group(2):
        month = int(m.group(2))
        return _dt.date(year, month, 1).toordinal(), _month_end(year, month).toordinal(), 2
    return _dt.date(year, 1, 1).toordinal(), _dt.date(year, 12, 31).toordinal(), 1


def _week_interval(value: str) -> Optional[tuple[int, int, int]]:
    m = _WEEK.match(value)
    if not m:
        return None
    first = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).toordinal()
    return first, first + 6, 2


def _quarter_interval(value: str) -> Optional[tuple[int, int, int]]:
    m = _QUARTER.match(value)
    if not m:
        return None
    year, q = int(m.group(1)), int(m.group(2))
    return _dt.date(year, 3 * q - 2, 1).toordinal(), _month_end(year, 3 * q).toordinal(), 1


def parse_dct(dct: Optional[str]) -> Optional[_dt.date]:
    """The calendar day of a DCT string (``2021-12-16``, ``2021-12-16T10:00``, ``03-02-2009``); None if unusable."""
    if not dct:
        return None
    s = str(dct).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s) or re.match(r"(\d{4})(\d{2})(\d{2})", s)
    try:
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.match(r"(\d{1,2})-(\d{1,2})-(\d{4})$", s)   # day-month-year (MEANTIME)
        if m:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def is_background_date(value: Optional[str], dct: Optional[str], *, days: int = BACKGROUND_DAYS) -> bool:
    """True when the TIMEX3 date ``value`` ends more than ``days`` days before the day of ``dct``.

    False when either is not a calendar date (``PRESENT_REF``, a duration, no DCT).
    """
    interval, day = date_interval(value), parse_dct(dct)
    return bool(interval and day) and interval[1] < day.toordinal() - days
