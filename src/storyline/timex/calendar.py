"""Calendar time expressions: written dates, months, years, decades, quarters, seasons, holidays.

Rules register themselves with :func:`storyline.timex_rules.rule` on import; each turns a match
into a :class:`~storyline.timex_rules.Candidate` with its TIMEX3 value.  Dates written without a
year take it from the DCT and the tense around them.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .rules import (
    Candidate, DAYNUM, LEX, MONTH, MONTH_AMBIG, ORD, ORDINALS, SEASON, SEASONS, WEEKDAY, YEAR4, _c,
    _date_or_none, _dated_noun_tense, _day, _iso, _season_year, _tense, month_num, resolve_month, resolve_month_day,
    rule, week_value,
)
from .years import is_bare_year


@rule(r"\b(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?)?\b")
def _iso_date(ctx, m):
    v = _date_or_none(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if v and m.group(4):
        return _c(m, "TIME", f"{v}T{m.group(4)}:{m.group(5)}", "absolute", "iso")
    return _c(m, "DATE", v, "absolute", "iso") if v else None


@rule(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?![\d/])")
def _slash_date(ctx, m):
    mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if y < 100:
        y += 1900 if y > 40 else 2000
    if mo > 12 and d <= 12:
        mo, d = d, mo
    v = _date_or_none(y, mo, d)
    return _c(m, "DATE", v, "absolute", "slash") if v else None


@rule(rf"\b(?:(?P<wd>{WEEKDAY})(?:,[ \t]*|[ \t]+))?(?P<mon>{MONTH})\s*(?P<day>{DAYNUM})(?:\s*,\s*|\s+)(?P<year>{YEAR4}|'\d\d)\b")
def _month_day_year(ctx, m):
    y = m.group("year")
    y = int(y) if not y.startswith("'") else 1900 + int(y[1:]) if int(y[1:]) > 40 else 2000 + int(y[1:])
    v = _date_or_none(y, month_num(m.group("mon")), _day(m.group("day")))
    return _c(m, "DATE", v, "absolute", "mdy") if v else None


@rule(rf"\b(?:(?P<wd>{WEEKDAY})(?:,[ \t]*|[ \t]+))?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<year>{YEAR4})\b")
def _day_month_year(ctx, m):
    v = _date_or_none(int(m.group("year")), month_num(m.group("mon")), _day(m.group("day")))
    return _c(m, "DATE", v, "absolute", "dmy") if v else None


@rule(rf"\b(?:(?P<wd>{WEEKDAY})(?:,[ \t]*|[ \t]+))?(?P<mon>{MONTH})\s*(?P<day>{DAYNUM})\b(?!\s*(?:,\s*)?(?:\d|'\d))(?!:\d)(?!\s*(?:%|percent|million|billion))")
def _month_day(ctx, m):
    d = resolve_month_day(ctx, month_num(m.group("mon")), _day(m.group("day")),
                          _dated_noun_tense(ctx, m, _tense(ctx, m)))
    return _c(m, "DATE", _iso(d), "dct", "md")


@rule(rf"\b(?:(?P<wd>{WEEKDAY})(?:,[ \t]*|[ \t]+))?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})\b(?!,?\s+{YEAR4})")
def _day_month(ctx, m):
    d = resolve_month_day(ctx, month_num(m.group("mon")), _day(m.group("day")),
                          _dated_noun_tense(ctx, m, _tense(ctx, m)))
    return _c(m, "DATE", _iso(d), "dct", "dm")


@rule(rf"\b(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR4})\b")
def _month_year(ctx, m):
    return _c(m, "DATE", f"{m.group('year')}-{month_num(m.group('mon')):02d}", "absolute", "my")


@rule(rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?P<mon>{MONTH})\b(?:(?:\s+of)?\s+(?P<ry>next|last|this)\s+year\b)?(?!\s*\d)")
def _month(ctx, m):
    mon = m.group("mon")
    rel = (m.group("rel") or "").lower()
    if mon.lower().rstrip(".") in MONTH_AMBIG and not rel:
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|by|until|through|of|during|before|after|from|to|early|late|mid-|the)\s*$", before, re.I):
            return None
    if mon.endswith(".") and not rel:
        return None
    n = month_num(mon)
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "month")
    tense = {"last": "past", "next": "future"}.get(rel) or _dated_noun_tense(ctx, m, _tense(ctx, m))
    if m.group("ry"):
        y = ctx.dct.year + {"next": 1, "last": -1, "this": 0}[m.group("ry")]
    elif rel == "this":
        y = ctx.dct.year
    elif rel == "last":
        y = ctx.dct.year if n < ctx.dct.month else ctx.dct.year - 1
    elif rel == "next":
        y = ctx.dct.year if n > ctx.dct.month else ctx.dct.year + 1
    else:
        y = resolve_month(ctx, n, tense)
    return _c(m, "DATE", f"{y}-{n:02d}", "dct", "month")


@rule(rf"\b(?:(?P<mod>[Ee]arly|[Ll]ate|[Mm]id-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|[Ff]iscal(?:\s+year)?|(?:the\s+)?(?:calendar\s+)?year)\s*)?(?P<year>{YEAR4})\b(?!\s*(?:%|percent|[-–]\d|\.\d|,\d|:\d|/\d))")
def _year(ctx, m):
    y = m.group("year")
    before = ctx.text[max(0, m.start() - 2):m.start()]
    if "$" in before or re.search(r"[#№]\s*$", before) or re.search(r"\d[.,/]$", before):
        return None
    after = ctx.text[m.end():m.end() + 20]
    if re.match(r"\s+(?:Index|index|Series|series|[Mm]odel(?!\s+year))\b", after):
        return None  # "the Russell 2000 Index" ("the 2008 model year" is a year)
    if re.match(r"\s*(?:people|persons|troops|soldiers|workers|jobs|employees|units|shares|cars|tons|acres|feet|meters|miles|pounds|votes|members|homes|times)\b", after, re.I):
        return None
    if not m.group("mod") and (int(y) > 2100 or not is_bare_year(ctx.text, m.start("year"), m.end("year"), ctx.dct)):
        return None
    return _c(m, "DATE", y, "absolute", "year")


@rule(r"\b(?P<from>(?:[Tt]he\s+)?(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?)(?P<dec>(?:1[5-9]|20)\d0)'?s\b")
def _decade(ctx, m):
    """"the 1990s", "the early 1980s", "the mid-1990s": the decade with its part and its article (TimeML)."""
    return Candidate(m.start(), m.end(), "DATE", m.group("dec")[:3], "absolute", "decade")


@rule(r"\b[Tt]he\s+'(?P<d>\d)0s\b")
def _decade_short(ctx, m):
    return _c(m, "DATE", f"19{m.group('d')}", "absolute", "decade")


@rule(rf"\b(?:the\s+)?(?P<o>{ORD}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+century\b", re.I)
def _century(ctx, m):
    o = m.group("o").lower()
    n = ORDINALS.get(o) or int(re.match(r"\d+", o).group()) if not o.isalpha() else ORDINALS.get(o)
    if not n or n < 0:
        return None
    return _c(m, "DATE", f"{n - 1:02d}", "absolute", "century")


@rule(rf"\b(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|its|their|his|her)\s+)?(?:(?P<y0>{YEAR4})\s+)?(?:(?P<ya>year-ago|year-earlier)\s+)?(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<o>first|second|third|fourth|final|last|latest|current|past|previous|year-earlier|year-ago|same)[-\s]+(?P<u>quarter|half)(?:\s+(?:of\s+)?(?P<year>(?:fiscal\s+)?{YEAR4}|this\s+year|last\s+year|next\s+year))?\b", re.I)
def _quarter(ctx, m):
    o = m.group("o").lower()
    unit = m.group("u").lower()
    det = (m.group("det") or "").lower()
    if o in ("past", "last") and det == "":
        return None
    y = None
    if m.group("y0"):
        y = int(m.group("y0"))
    elif m.group("year"):
        ys = m.group("year").lower()
        if re.search(r"\d{4}", ys):
            y = int(re.search(r"\d{4}", ys).group())
        elif ctx.dct:
            y = ctx.dct.year + {"this year": 0, "last year": -1, "next year": 1}[ys]
    elif ctx.dct:
        y = ctx.dct.year + (-1 if det.startswith("last year") else 1 if det.startswith("next year") else 0)
    if m.group("ya") and y is not None and not (m.group("y0") or m.group("year")):
        y -= 1   # "the year-ago third quarter"
    explicit_year = bool(m.group("y0") or m.group("year") or det.endswith("year's") or m.group("ya"))
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(o)
    if n is None and o in ("final", "last") and explicit_year:
        n = 4 if unit == "quarter" else 2
    letter = "Q" if unit == "quarter" else "H"
    if n is None:
        if ctx.dct is None:
            return _c(m, "DATE", None, "dct", "quarter")
        q = (ctx.dct.month - 1) // 3 + 1
        if o in ("latest", "last", "past", "previous", "final"):
            q -= 1
        if o in ("year-earlier", "year-ago"):
            q -= 1
            y = (y or ctx.dct.year) - 1
        yy = y if y is not None else ctx.dct.year
        if q == 0:
            q, yy = 4, yy - 1
        if unit == "half":
            return _c(m, "DATE", f"{yy}-H{1 if q <= 2 else 2}", "dct", "quarter")
        return _c(m, "DATE", f"{yy}-Q{q}", "dct", "quarter")
    if y is None:
        return _c(m, "DATE", None, "dct", "quarter")
    if unit == "half" and n > 2:
        return None
    if not explicit_year and ctx.dct and unit == "quarter":
        # a quarter named without a year: the latest one reported, unless the talk is of the future
        cur = (ctx.dct.month - 1) // 3 + 1
        if n > cur and _tense(ctx, m) == "past":
            y -= 1
    cand = _c(m, "DATE", f"{y}-{letter}{n}", "absolute" if explicit_year and not det.endswith("year's") else "dct",
              "quarter")
    if det in ("its", "their", "his", "her") or re.search(r"\w-(?:quarter|half)$", m.group(0), re.I):
        cand.start = m.start("fiscal") if m.group("fiscal") else m.start("o")   # "its fourth quarter", "the third-quarter profit"
    return cand


@rule(rf"\b(?:(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate)\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR4}))?\b", re.I)
def _season(ctx, m):
    s = m.group("s").lower()
    if s == "fall" and not m.group("rel") and not m.group("year"):
        before = ctx.text[max(0, m.start() - 6):m.start()].lower()
        if not re.search(r"(?:the|in|this)\s+$", before):
            return None
    if not m.group("rel") and not m.group("year"):
        before = ctx.text[max(0, m.start() - 6):m.start()].lower()
        if not re.search(r"(?:the|in|this|last|next)\s+$", before):
            return None
        if re.search(r"\bthe\s+$", before) and ctx.text[m.end():m.end() + 3].strip().startswith("of"):
            return None
    code = SEASONS[s]
    if m.group("year"):
        return _c(m, "DATE", f"{m.group('year')}-{code}", "absolute", "season")
    rel = (m.group("rel") or "").lower()
    start = m.start() if rel else m.start("s")
    the = re.search(r"\b[Tt]he\s+$", ctx.text[max(0, start - 5):start])
    if the and rel in ("", "early", "late"):
        start -= len(the.group(0))   # "well into the summer", "the early summer": the article is in the timex
    if ctx.dct is None:
        return Candidate(start, m.end(), "DATE", None, "dct", "season")
    if rel in ("early", "late"):
        rel = ""
    v = _season_year(ctx, code, None, rel or "this")
    return Candidate(start, m.end(), "DATE", v, "dct", "season")


@rule(r"\b[Tt]he\s+(?:latest\s+|most\s+recent\s+)?(?P<u>quarter|period)\b(?![-\s]+(?:century|mile|point|of\s+a|to-))")
def _the_quarter(ctx, m):
    """"the quarter" in an earnings story: the latest reported quarter."""
    latest = re.search(r"latest|recent", m.group(0))
    if ctx.dct is None or not (latest or ctx.quarter_context(m.start())):
        return None
    ended = _QUARTER_ENDED.match(ctx.text, m.end())
    if ended and m.group("u").lower() == "quarter":
        # "the quarter ended Sept. 30": the calendar quarter holding most of the three months to that day
        end_month = LEX["months"][ended.group("mon").rstrip(".").lower()]
        y = ctx.dct.year - (1 if end_month > ctx.dct.month else 0)
        middle = end_month - 1 or 12
        if middle == 12:
            y -= 1
        return _c(m, "DATE", f"{y}-Q{(middle - 1) // 3 + 1}", "dct", "the_quarter")
    q = (ctx.dct.month - 1) // 3
    y = ctx.dct.year
    if q == 0:
        q, y = 4, y - 1
    return _c(m, "DATE", f"{y}-Q{q}", "dct", "the_quarter")


_QUARTER_ENDED = re.compile(rf"\s+end(?:ed|ing)\s+(?P<mon>{MONTH})\s*(?P<day>{DAYNUM})\b(?!,?\s*\d{{4}})")


@rule(rf"\b[Tt]he\s+(?P<year>{YEAR4})\s+(?:period|quarter)\b")
def _year_period(ctx, m):
    """"the 1988 period" in an earnings story: that year's reported quarter (fixed by the document)."""
    return _c(m, "DATE", m.group("year"), "absolute", "year_period")


@rule(r"\b[Tt]he\s+current\s+(?:fiscal\s+|calendar\s+)?(?P<u>year|quarter|month|week)\b")
def _current_period(ctx, m):
    """"the current fiscal year", "the current quarter": the period the DCT falls in."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    d = ctx.dct
    v = {"year": str(d.year), "quarter": f"{d.year}-Q{(d.month - 1) // 3 + 1}", "month": f"{d.year}-{d.month:02d}",
         "week": week_value(d)}[m.group("u").lower()]
    return _c(m, "DATE", v, "dct", "rel")


@rule(r"\b[Tt]he\s+(?:(?:full|entire|whole|fiscal)\s+)?year\b(?!\s*\d|[-'\u2019]|\s+(?:before|after|earlier|later|ago|previous|prior|two|of\s+the|in\s+which|when|that\s+(?!ended))\b)")
def _the_year(ctx, m):
    """"for the year ended Sept. 30" (a fiscal year: a duration); "for the full year", "a high for the
    year", "the first nine months of the year" (the year the article is about: the DCT's)."""
    after = ctx.text[m.end():m.end() + 20]
    if re.match(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+date)\b", after):
        return _c(m, "DURATION", "P1Y", None, "the_year")
    left = max(ctx.text.rfind(". ", 0, m.start()), ctx.text.rfind("\n", 0, m.start())) + 1
    named = re.findall(rf"\b(?:[Ii]n|of|[Ff]or|[Dd]uring|[Tt]hroughout|fiscal|calendar)\s+({YEAR4})\b(?!\s*(?:%|percent))",
                       ctx.text[left:m.start()])    # the year talked about, not "since 1998"
    if named:
        return _c(m, "DATE", named[-1], "text", "the_year")   # "in the fourth quarter of 2005 … for the entire year"
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "the_year")
    return _c(m, "DATE", str(ctx.dct.year), "dct", "the_year")


@rule(r"(?:(?<=\bthe\s)|(?<=\band\s)|(?<=\bsince\s)|(?<=\bin\s))(?P<d>'?[2-9]0s)\b|(?:(?<=\bsince\s)|(?<=\bsince))(?P<y>'\d\d)\b")
def _short_decade(ctx, m):
    if m.group("y"):
        yy = int(m.group("y")[1:])
        return _c(m, "DATE", str(1900 + yy if yy > 30 else 2000 + yy), "absolute", "year")
    return _c(m, "DATE", "19" + m.group("d").lstrip("'")[0], "absolute", "decade")


_DECADE_WORDS = LEX["decade_words"]


@rule(r"\b[Tt]he\s+(?P<w>" + "|".join(_DECADE_WORDS) + r")\b")
def _decade_word(ctx, m):
    return _c(m, "DATE", f"19{_DECADE_WORDS[m.group('w')]}", "absolute", "decade")


_HOLIDAYS = LEX["holidays"]


def holiday_date(name: str, year: int) -> Optional[dt.date]:
    """The date of a named holiday in ``year`` (fixed dates and the usual movable US/Christian ones)."""
    rule_ = _HOLIDAYS[name]
    if re.fullmatch(r"\d\d-\d\d", rule_):
        return dt.date(year, int(rule_[:2]), int(rule_[3:]))

    def nth_weekday(month: int, weekday: int, n: int) -> dt.date:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        return day + dt.timedelta(weeks=n - 1)

    if rule_ == "THANKSGIVING":
        return nth_weekday(11, 3, 4)
    if rule_ == "LABOR":
        return nth_weekday(9, 0, 1)
    if rule_ == "MEMORIAL":
        last = nth_weekday(5, 0, 5)
        return last if last.month == 5 else nth_weekday(5, 0, 4)
    if rule_ == "ELECTION":
        return nth_weekday(11, 0, 1) + dt.timedelta(days=1)
    if rule_ in ("EASTER", "GOOD_FRIDAY"):
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        f = (b + 8) // 25
        g = (b - f + 1) // 3
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m_ = (a + 11 * h + 22 * l_) // 451
        month = (h + l_ - 7 * m_ + 114) // 31
        day = (h + l_ - 7 * m_ + 114) % 31 + 1
        easter = dt.date(year, month, day)
        return easter - dt.timedelta(days=2) if rule_ == "GOOD_FRIDAY" else easter
    return None


@rule(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>" + "|".join(
    re.escape(h).replace("\\ ", r"\s+").replace("'", "['’]") for h in sorted(_HOLIDAYS, key=len, reverse=True)
) + r")(?:\s+(?P<year>" + YEAR4 + r"))?\b", re.I)
def _holiday(ctx, m):
    raw = m.group("h")
    name = re.sub(r"\s+", " ", raw.lower().replace("’", "'"))
    if name in ("may day",) and not raw[0].isupper():
        return None
    if not raw[0].isupper():
        return None
    if m.group("year"):
        d = holiday_date(name, int(m.group("year")))
        return _c(m, "DATE", _iso(d), "absolute", "holiday")
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "holiday")
    rel = (m.group("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or _tense(ctx, m)
    y = ctx.dct.year
    d = holiday_date(name, y)
    if d is None:
        return None
    if tense == "past" and d > ctx.dct:
        d = holiday_date(name, y - 1)
    elif tense == "future" and d < ctx.dct:
        d = holiday_date(name, y + 1)
    elif tense not in ("past", "future") and rel == "":
        if (d - ctx.dct).days > 183:
            d = holiday_date(name, y - 1)
        elif (ctx.dct - d).days > 183:
            d = holiday_date(name, y + 1)
    week = re.match(r"\s+week\b", ctx.text[m.end():m.end() + 6])
    if week:
        # "Easter week", "Christmas week": the calendar week holding the day, past once it has begun
        if tense in ("past", "future") and not rel:
            d = holiday_date(name, y)
            monday = d - dt.timedelta(days=d.weekday())
            if tense == "past" and monday > ctx.dct:
                d = holiday_date(name, y - 1)
            elif tense == "future" and monday + dt.timedelta(days=6) < ctx.dct:
                d = holiday_date(name, y + 1)
        return Candidate(m.start(), m.end() + week.end(), "DATE", week_value(d) if d else None, "dct", "holiday")
    return _c(m, "DATE", _iso(d), "dct", "holiday")


_TENS = LEX["number_tens"]
_TEENS = LEX["number_teens"]
_ONES = LEX["number_ones"]


@rule(rf"\b(?:(?-i:(?P<mon>{MONTH}))\s+|(?:the\s+)?(?P<s>{SEASON})\s+of\s+)?"
      r"(?P<c>nineteen|eighteen)[\s-]+(?P<t>" + "|".join(_TENS) + r"|" + "|".join(_TEENS) + r"|hundred)(?:[\s-]+(?P<o>" + "|".join(_ONES) + r"))?\b", re.I)
def _spoken_year(ctx, m):
    """"nineteen ninety-four" (broadcast transcripts), also "January nineteen ninety-seven", "the winter of …"."""
    century = _TEENS[m.group("c").lower()]
    t = m.group("t").lower()
    yy = 0 if t == "hundred" else _TENS.get(t, _TEENS.get(t, 0)) + (_ONES.get((m.group("o") or "").lower(), 0))
    y = century * 100 + yy
    if m.group("mon"):
        return _c(m, "DATE", f"{y}-{month_num(m.group('mon')):02d}", "absolute", "my")
    if m.group("s"):
        return _c(m, "DATE", f"{y}-{SEASONS[m.group('s').lower()]}", "absolute", "season")
    return _c(m, "DATE", f"{y}", "absolute", "year")


@rule(r"\b(?:the\s+)?year\s+two\s+thousand\b", re.I)
def _year_2000(ctx, m):
    return _c(m, "DATE", "2000", "absolute", "year")


@rule(rf"\b(?:(?P<from>[Ff]rom|[Bb]etween)\s+)?(?P<d1>{DAYNUM})\s*(?P<join>-|–|to|and|until|through)\s*(?P<d2>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR4}))?\b")
def _day_range(ctx, m):
    """"24-26 April 2024", "from 24 to 26 April", "between 24 and 26 April": one DATE range."""
    if m.group("join") == "and" and (m.group("from") or "").lower() != "between":
        return None
    mon = month_num(m.group("mon"))
    d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
    if d2 <= d1:
        return None
    if m.group("year"):
        y = int(m.group("year"))
    else:
        first = resolve_month_day(ctx, mon, d1, _tense(ctx, m))
        if first is None:
            return _c(m, "DATE", None, "dct", "range")
        y = first.year
    a, b = _date_or_none(y, mon, d1), _date_or_none(y, mon, d2)
    if not a or not b:
        return None
    return Candidate(m.start("d1"), m.end(), "DATE", f"{a}/{b}", "absolute" if m.group("year") else "dct", "range")


@rule(r"\b(?P<q>Q[1-4]|H[12])\s*(?P<y>(?:19|20)\d\d)\b|\b(?P<fy>FY\s?(?:(?:19|20)\d\d|\d\d))\b")
def _business_period(ctx, m):
    if m.group("fy"):
        digits = re.sub(r"\D", "", m.group("fy"))
        return _c(m, "DATE", "FY" + (digits if len(digits) == 4 else "20" + digits), "absolute", "quarter")
    q = m.group("q")
    return _c(m, "DATE", f"{m.group('y')}-{q}", "absolute", "quarter")


@rule(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?!\d|\.\d)")
def _dotted_date(ctx, m):
    """European "14.05.2024" (day.month.year)."""
    v = _date_or_none(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _c(m, "DATE", v, "absolute", "slash") if v else None


@rule(rf"\b(?P<d1>{DAYNUM})(?=\s*(?:,\s*\d{{1,2}}(?:st|nd|rd|th)?\s*)*,?\s+and\s+{DAYNUM}\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR4}))?\b)")
def _listed_day_before(ctx, m):
    """The first day of "3 and 4 March": a date of its own (TimeML tags each)."""
    mon = month_num(m.group("mon"))
    if m.group("year"):
        v = _date_or_none(int(m.group("year")), mon, _day(m.group("d1")))
    else:
        v = _iso(resolve_month_day(ctx, mon, _day(m.group("d1")), _tense(ctx, m)))
    return _c(m, "DATE", v, "dct", "dm", "d1")


_WEEK_ORDINALS = LEX["week_ordinals"]


@rule(rf"\b[Tt]he\s+(?:(?P<o>first|second|third|fourth|last|final)\s+)?week\s+of\s+(?P<mon>{MONTH})(?:\s*(?P<day>{DAYNUM})\b(?!\s*(?:%|percent)))?(?:,?\s+(?P<year>{YEAR4})\b)?")
def _week_of(ctx, m):
    """"the week of March 6": the calendar week of that day; "the last week of March": the month's last
    full week (Monday to Sunday), the first its first full week."""
    if bool(m.group("o")) == bool(m.group("day")):
        return None     # "the week of March" alone, or "the first week of March 6", is no week of ours
    n = month_num(m.group("mon"))
    tense = _tense(ctx, m)
    if m.group("day"):
        if m.group("year"):
            d = _date_or_none(int(m.group("year")), n, _day(m.group("day")))
            d = dt.date.fromisoformat(d) if d else None
        else:
            d = resolve_month_day(ctx, n, _day(m.group("day")), tense)
        return _c(m, "DATE", week_value(d) if d else None, "absolute" if m.group("year") else "dct", "week_of")
    y = int(m.group("year")) if m.group("year") else resolve_month(ctx, n, tense)
    if y is None:
        return _c(m, "DATE", None, "dct", "week_of")
    k = _WEEK_ORDINALS[m.group("o").lower()]
    first = dt.date(y, n, 1)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)    # the first Monday of the month
    if k > 0:
        d = monday + dt.timedelta(weeks=k - 1)
    else:
        nxt = dt.date(y + (n == 12), n % 12 + 1, 1)
        d = nxt - dt.timedelta(days=7 + nxt.weekday())        # the last Monday whose week ends in the month
    if d.month != n:
        return None
    return _c(m, "DATE", week_value(d), "absolute" if m.group("year") else "dct", "week_of")


@rule(rf"\b(?:the\s+)?(?P<o>first|last|final)\s+two\s+quarters\s+of\s+(?P<year>{YEAR4})\b", re.I)
def _two_quarters(ctx, m):
    """"the first two quarters of 1990": that year's first half (H1); the last two, its second."""
    return _c(m, "DATE", f"{m.group('year')}-H{1 if m.group('o').lower() == 'first' else 2}", "absolute", "half")
