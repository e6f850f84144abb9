"""The time-expression grammar: regular patterns that find TIMEX3 candidates and normalise them.

Each rule is a compiled pattern plus a function turning a match into a :class:`Candidate`
(type, value and how the value was anchored).  Relative expressions are resolved against the
document creation time (DCT) by :class:`Context`, which also knows the tense around a span
(from the spaCy parse when there is one, else from nearby words).  Vocabulary lives in
``data/timex_lexicon.json``.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterator, Optional

__all__ = ["Candidate", "Context", "find_candidates", "lexicon", "parse_dct", "shift", "week_value"]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    """The packaged word lists (months, weekdays, number words, units …)."""
    return json.loads(resources.files("storyline").joinpath("data/timex_lexicon.json").read_text("utf-8"))


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    value: Optional[str]
    anchor: Optional[str] = None       # dct, absolute, event, table
    rule: str = ""
    inferred: bool = False


def parse_dct(dct: Optional[str]) -> Optional[dt.date]:
    """The calendar day of a DCT string (``2021-12-16``, ``2021-12-16T10:00``, ``03-02-2009``); None if unusable."""
    if not dct:
        return None
    s = str(dct).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s) or re.match(r"(\d{4})(\d{2})(\d{2})", s)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.match(r"(\d{1,2})-(\d{1,2})-(\d{4})$", s)   # day-month-year (MEANTIME)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def week_value(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def shift(day: dt.date, *, years: int = 0, months: int = 0) -> dt.date:
    """``day`` moved by whole years/months, clamped to the end of the month."""
    total = day.year * 12 + (day.month - 1) + years * 12 + months
    y, m = divmod(total, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, min(day.day, d))
        except ValueError:
            continue
    return dt.date(y, m, 28)


class Context:
    """What relative expressions are resolved against: the DCT and the tense around a span."""

    def __init__(self, text: str, dct: Optional[dt.date], tense: Callable[[int, int], Optional[str]],
                 loose_tense: Optional[Callable[[int, int], Optional[str]]] = None):
        self.text = text
        self.dct = dct
        self.tense = tense
        self.loose_tense = loose_tense or tense

    def last_day_before(self, pos: int) -> Optional[dt.date]:
        """The last absolute day-level date written before ``pos`` ("on November 11, three days later")."""
        best = None
        for m in _ABS_DAY.finditer(self.text, max(0, pos - 600), pos):
            try:
                best = dt.date(int(m.group("y")), MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d")))
            except (ValueError, KeyError, TypeError):
                continue
        return best

    def quarter_context(self, start: int) -> bool:
        """Whether the sentence around ``start`` talks about fiscal quarters."""
        left = max(self.text.rfind(". ", 0, start) + 1, start - 300, 0)
        right = self.text.find(". ", start)
        window = self.text[left:right if right != -1 else start + 300]
        return bool(re.search(r"\bquarter", window, re.I))


# ---------------------------------------------------------------- vocabulary as regex pieces

def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


LEX = lexicon()
MONTHS = LEX["months"]
WEEKDAYS = LEX["weekdays"]
NUMBERS = LEX["numbers"]
ORDINALS = LEX["ordinals"]
UNITS = LEX["units"]
SEASONS = LEX["seasons"]
PARTS = LEX["parts_of_day"]

_MONTH_FULL = [m for m in MONTHS if (len(m) > 3 or m == "may") and m not in ("sept",)]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4 and m not in _MONTH_FULL]
# Month names are matched capitalised; abbreviations need a period or to precede a day number.
MONTH = r"(?:" + "|".join(m.capitalize() for m in sorted(_MONTH_FULL, key=len, reverse=True)) + \
        r"|(?:" + "|".join(m.capitalize() for m in sorted(_MONTH_ABBR, key=len, reverse=True)) + \
        r")\.?(?=\s*\d)|(?:" + "|".join(m.capitalize() for m in sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.)"
MONTH_AMBIG = {"may", "march"}
WEEKDAY = r"(?:" + "|".join(w.capitalize() for w in WEEKDAYS if len(w) > 5) + r")"
NUMWORD = _alt(NUMBERS)
VAGUE = _alt(LEX["vague_numbers"])
ORD = _alt(ORDINALS)
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[5-9]\d{2}|20\d{2})"
UNIT = r"(?:years?|months?|weeks?|(?:(?:trading|business|working|calendar)\s+)?days?|decades?|centur(?:y|ies)|quarters?|weekends?|hours?|minutes?|nights?)"
SEASON = _alt(SEASONS)
PART = r"(?:morning|afternoon|evening|night)"
TIME_CLOCK = r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.\s?m\.|[ap]m\b)|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:GMT|UTC|EST|EDT|PST|PDT|CET))?)"


_ABS_DAY = re.compile(rf"\b(?P<mon>{MONTH})\s*(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR4})\b")


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def number_of(word: str) -> Optional[float]:
    """A count from digits or number words ("three", "twenty-four", "a"); None when vague."""
    w = word.lower().strip()
    w = re.sub(r"\s+", " ", w)
    if re.fullmatch(r"\d+(?:\.\d+)?", w.replace(",", "")):
        return float(w.replace(",", ""))
    if w in NUMBERS:
        return float(NUMBERS[w])
    parts = re.split(r"[- ]", w)
    if all(p in NUMBERS for p in parts):
        total = 0.0
        for p in parts:
            n = NUMBERS[p]
            total = total * n if n == 100 and total else total + n
        return total
    return None


def _num_text(n: Optional[float]) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: Optional[float], unit_word: str) -> str:
    unit_word = unit_word.split()[-1]
    u = UNITS.get(unit_word.lower(), UNITS.get(unit_word.lower().rstrip("s"), "D"))
    if u == "H" and n is not None and not float(n).is_integer():
        return f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
    if u in ("H", "MIN", "S"):
        return f"PT{_num_text(n)}{'M' if u == 'MIN' else u}"
    if u == "NIGHT":
        return f"P{_num_text(n)}D"
    if u == "FORTNIGHT":
        return f"P{_num_text(None if n is None else n * 2)}W"
    if u == "DE" and n is not None:
        return f"P{_num_text(n * 10)}Y"
    return f"P{_num_text(n)}{u}"


# ---------------------------------------------------------------- resolution helpers

_FUTURE_CUE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|by|no\s+later\s+than|starting|beginning|effective|payable|due|scheduled\s+for|set\s+for|slated\s+for)\s+(?:on\s+)?(?:the\s+)?$", re.I)
_WEAK_FUTURE_CUE = re.compile(r"\b(?:through|to)\s+(?:the\s+)?$", re.I)
_UNTIL_CUE = re.compile(r"(?<![.\n]\s)(?<!^)\b(?:until|till)\s+(?:(?:the|noon|midnight|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{3})?)\s+)?$")
_PAST_CUE = re.compile(r"\b(?:since|as\s+of|ended|earlier|last)\s+(?:on\s+)?(?:the\s+)?$", re.I)


def _tense(ctx: Context, m: re.Match) -> Optional[str]:
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if _FUTURE_CUE.search(before) or _UNTIL_CUE.search(before):
        return "future"
    if _PAST_CUE.search(before):
        return "past"
    tense = ctx.tense(m.start(), m.end())
    if _WEAK_FUTURE_CUE.search(before) and tense != "past":
        return "future"
    return tense


def resolve_weekday(ctx: Context, weekday: int, tense: Optional[str]) -> Optional[dt.date]:
    """The day a bare weekday name refers to: the last one up to the DCT, or the next one in future talk."""
    if ctx.dct is None:
        return None
    delta = (weekday - ctx.dct.weekday()) % 7
    if tense == "future":
        return ctx.dct + dt.timedelta(days=delta)
    back = (ctx.dct.weekday() - weekday) % 7
    return ctx.dct - dt.timedelta(days=back)


def resolve_month(ctx: Context, month: int, tense: Optional[str]) -> Optional[int]:
    """The year of a month named without one."""
    if ctx.dct is None:
        return None
    y = ctx.dct.year
    if tense == "future":
        return y if month >= ctx.dct.month - 2 else y + 1
    if tense == "past":
        return y if month <= ctx.dct.month + 2 else y - 1
    diff = month - ctx.dct.month
    if diff > 6:
        return y - 1
    if diff < -6:
        return y + 1
    return y


def resolve_month_day(ctx: Context, month: int, day: int, tense: Optional[str]) -> Optional[dt.date]:
    if ctx.dct is None:
        return None
    y = ctx.dct.year
    try:
        cand = dt.date(y, month, day)
    except ValueError:
        return None
    if tense == "future" and cand < ctx.dct - dt.timedelta(days=60):
        y += 1
    elif tense == "past" and cand > ctx.dct + dt.timedelta(days=60):
        y -= 1
    elif tense not in ("future", "past"):
        if (cand - ctx.dct).days > 183:
            y -= 1
        elif (ctx.dct - cand).days > 183:
            y += 1
    try:
        return dt.date(y, month, day)
    except ValueError:
        return None


def _iso(d: Optional[dt.date]) -> Optional[str]:
    return d.isoformat() if d else None


def _season_year(ctx: Context, season: str, tense: Optional[str], rel: str) -> Optional[str]:
    if ctx.dct is None:
        return None
    order = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
    cur = {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[ctx.dct.month]
    y = ctx.dct.year
    if rel == "last":
        y = y if order[season] < cur else y - 1
    elif rel == "next":
        y = y if order[season] > cur else y + 1
    return f"{y}-{season}"


# ---------------------------------------------------------------- rules

Rule = tuple[re.Pattern, Callable[[Context, re.Match], Optional[Candidate]]]
RULES: list[Rule] = []


def rule(pattern: str, flags: int = 0):
    def register(fn):
        RULES.append((re.compile(pattern, flags), fn))
        return fn
    return register


def _c(m: re.Match, type_: str, value: Optional[str], anchor: Optional[str], name: str,
       group: int | str = 0) -> Candidate:
    return Candidate(m.start(group), m.end(group), type_, value, anchor, name)


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _date_or_none(y: int, m: int, d: int) -> Optional[str]:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


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
    if m.group("mon").lower() in MONTH_AMBIG and False:
        return None
    d = resolve_month_day(ctx, month_num(m.group("mon")), _day(m.group("day")), _tense(ctx, m))
    return _c(m, "DATE", _iso(d), "dct", "md")


@rule(rf"\b(?:(?P<wd>{WEEKDAY})(?:,[ \t]*|[ \t]+))?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})\b(?!,?\s+{YEAR4})")
def _day_month(ctx, m):
    d = resolve_month_day(ctx, month_num(m.group("mon")), _day(m.group("day")), _tense(ctx, m))
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
    tense = {"last": "past", "next": "future"}.get(rel, _tense(ctx, m))
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
    if "$" in before or re.search(r"[#№]\s*$", before) or re.search(r"\d[.,]$", before):
        return None
    after = ctx.text[m.end():m.end() + 20]
    if re.match(r"\s+(?:Index|index|Series|series|model|Model)\b", after):
        return None  # "the Russell 2000 Index"
    if re.match(r"\s*(?:people|persons|troops|soldiers|workers|jobs|employees|units|shares|cars|tons|acres|feet|meters|miles|pounds|votes|members|homes|times)\b", after, re.I):
        return None
    if not m.group("mod") and int(y) > 2100:
        return None
    return _c(m, "DATE", y, "absolute", "year")


@rule(rf"\b(?P<from>(?:[Mm]id-)?(?:[Tt]he\s+)?)(?P<dec>(?:1[5-9]|20)\d0)'?s\b")
def _decade(ctx, m):
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


@rule(rf"\b(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|its|their|his|her)\s+)?(?:(?P<y0>{YEAR4})\s+)?(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<o>first|second|third|fourth|final|last|latest|current|past|previous|year-earlier|year-ago|same)[-\s]+(?P<u>quarter|half)(?:\s+(?:of\s+)?(?P<year>(?:fiscal\s+)?{YEAR4}|this\s+year|last\s+year|next\s+year))?\b", re.I)
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
    explicit_year = bool(m.group("y0") or m.group("year") or det.endswith("year's"))
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


@rule(r"\b(?P<t>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?:(?:'s)?\s+(?P<part>morning|afternoon|evening|night))?\b")
def _deictic(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "deictic")
    t = m.group("t").lower()
    d = ctx.dct + dt.timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[t])
    if t == "today":
        after = ctx.text[m.end():m.end() + 1]
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if m.group("part") is None and re.search(r"(?:'s|of|until)\s*$", before) and "'s" in before:
            pass
    if t == "tonight":
        return _c(m, "TIME", f"{d.isoformat()}TNI", "dct", "deictic")
    if m.group("part"):
        return _c(m, "TIME", f"{d.isoformat()}T{PARTS[m.group('part').lower()]}", "dct", "deictic")
    return _c(m, "DATE", d.isoformat(), "dct", "deictic")


@rule(r"\b[Tt]his\s+(?P<part>morning|afternoon|evening)\b")
def _this_part(ctx, m):
    if ctx.dct is None:
        return _c(m, "TIME", None, "dct", "part")
    return _c(m, "TIME", f"{ctx.dct.isoformat()}T{PARTS[m.group('part').lower()]}", "dct", "part")


@rule(rf"\b(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<part>{PART}))?\b")
def _weekday(ctx, m):
    before = ctx.text[max(0, m.start() - 12):m.start()]
    rel = re.search(r"\b(last|next|this|on|coming|past)\s+$", before, re.I)
    wd = WEEKDAYS[m.group("wd").lower()]
    start = m.start()
    tense = _tense(ctx, m)
    if rel and rel.group(1).lower() in ("last", "next", "this", "coming", "past"):
        r = rel.group(1).lower()
        start = m.start() - len(rel.group(0))
        if r in ("next", "coming"):
            tense = "future"
        elif r in ("last", "past"):
            tense = "past"
    if tense is None and ctx.loose_tense(m.start(), m.end()) == "future":
        tense = "future"
    d = resolve_weekday(ctx, wd, tense)
    if rel and rel.group(1).lower() == "next" and d is not None and d == ctx.dct:
        d += dt.timedelta(days=7)
    if rel and rel.group(1).lower() == "last" and d is not None and d == ctx.dct:
        d -= dt.timedelta(days=7)
    end = m.end("wd")
    if m.group("part"):
        end = m.end("part")
        v = f"{d.isoformat()}T{PARTS[m.group('part').lower()]}" if d else None
        return Candidate(start, end, "TIME", v, "dct", "weekday")
    return Candidate(start, end, "DATE", _iso(d), "dct", "weekday")


@rule(rf"\b(?:[Tt]his\s+)?(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]revious|[Ff]ollowing|(?<=this\s)past|(?<=This\s)past)\s+(?P<u>week|month|year|weekend|decade|century|{SEASON})\b(?!-)")
def _rel_unit(ctx, m):
    rel = m.group("rel").lower()
    u = m.group("u").lower()
    before = ctx.text[max(0, m.start() - 5):m.start()].lower()
    if rel in ("last", "previous", "following") and re.search(r"\bthe\s+$", before):
        return None  # "the last year" is a duration, handled elsewhere
    if rel == "past":
        rel = "last"    # "this past weekend"
    if rel in ("previous", "following"):
        return _c(m, "DATE", None, "dct", "rel")
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    step = {"last": -1, "next": 1, "this": 0, "coming": 1}[rel]
    d = ctx.dct
    if u == "week":
        return _c(m, "DATE", week_value(d + dt.timedelta(weeks=step)), "dct", "rel")
    if u == "weekend":
        return _c(m, "DATE", week_value(d + dt.timedelta(weeks=step)) + "-WE", "dct", "rel")
    if u == "month":
        x = shift(d, months=step)
        return _c(m, "DATE", f"{x.year}-{x.month:02d}", "dct", "rel")
    if u == "year":
        return _c(m, "DATE", str(d.year + step), "dct", "rel")
    if u == "decade":
        return _c(m, "DATE", str(d.year // 10 + step), "dct", "rel")
    if u == "century":
        return _c(m, "DATE", f"{d.year // 100 + step:02d}", "dct", "rel")
    return _c(m, "DATE", _season_year(ctx, SEASONS[u], None, rel), "dct", "rel")


@rule(r"\b(?P<e>[Ee]arlier|[Ll]ater)\s+this\s+(?P<u>week|month|year)\b")
def _earlier_this(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    u = m.group("u").lower()
    d = ctx.dct
    v = {"week": week_value(d), "month": f"{d.year}-{d.month:02d}", "year": str(d.year)}[u]
    return _c(m, "DATE", v, "dct", "rel")


@rule(rf"\b(?P<n>\d+(?:\.\d+)?|{NUMWORD}|{VAGUE}|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)))\s+(?P<u>{UNIT})\s+(?P<dir>ago|earlier|before|later|after|from\s+now|hence)\b", re.I)
def _ago(ctx, m):
    n = number_of(m.group("n"))
    u = UNITS[m.group("u").lower().split()[-1]]
    direction = m.group("dir").lower()
    if direction in ("before", "after"):
        # "a week after the summit": anchored on an event; the bare duration is the timex
        return Candidate(m.start(), m.end("u"), "DURATION", duration_value(n, m.group("u")), None, "duration")
    sign = -1 if direction in ("ago", "earlier") else 1
    if n is None and direction in ("ago", "earlier"):
        return _c(m, "DATE", "PAST_REF", "dct", "ref")      # "several years ago"
    d = ctx.dct
    anchor = "dct"
    if direction not in ("ago", "from now", "hence"):
        # "two days later": counted from the last day the text mentioned, not from the DCT
        prior = ctx.last_day_before(m.start())
        if prior is not None:
            d, anchor = prior, "text"
        elif direction == "later":
            d = None
    if d is None or n is None or not float(n).is_integer():
        return _c(m, "DATE", None, "dct", "ago")
    n = int(n) * sign
    if u == "Y":
        return _c(m, "DATE", str(d.year + n), anchor, "ago")
    if u == "M":
        x = shift(d, months=n)
        return _c(m, "DATE", f"{x.year}-{x.month:02d}", anchor, "ago")
    if u == "W":
        return _c(m, "DATE", week_value(d + dt.timedelta(weeks=n)), anchor, "ago")
    if u == "D":
        return _c(m, "DATE", (d + dt.timedelta(days=n)).isoformat(), anchor, "ago")
    if u == "DE":
        return _c(m, "DATE", str(d.year + 10 * n), anchor, "ago")
    if u == "Q":
        x = shift(d, months=3 * n)
        return _c(m, "DATE", f"{x.year}-Q{(x.month - 1) // 3 + 1}", anchor, "ago")
    if u == "H":
        return _c(m, "TIME", None, anchor, "ago")
    return _c(m, "DATE", None, anchor, "ago")


@rule(r"\b(?:a|one)\s+year\s+(?:ago|earlier)\b|\b(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:period|quarter))?\b", re.I)
def _year_ago_quarter(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "ago")
    if ctx.quarter_context(m.start()) or "quarter" in m.group(0).lower():
        x = shift(ctx.dct, years=-1)
        q = (x.month - 1) // 3
        yy = x.year
        if q == 0:
            q, yy = 4, yy - 1
        return _c(m, "DATE", f"{yy}-Q{q}", "dct", "year_ago_quarter")
    adjective = re.search(r"year-(?:earlier|ago)$", m.group(0), re.I)   # "the year-ago results"
    return _c(m, "DATE", str(ctx.dct.year - 1), "dct", "ago" if adjective else "year_ago")


@rule(rf"\b(?:(?P<the>[Tt]he)\s+)?(?P<rel>[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Ff]irst|[Ff]ollowing|[Pp]revious)\s+(?:(?P<n>\d+(?:\.\d+)?|{NUMWORD}|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|several|few|couple\s+of)\s+)?(?P<u>{UNIT})\b(?!-)")
def _past_n(ctx, m):
    rel = m.group("rel").lower()
    n_txt = m.group("n")
    u = m.group("u").lower()
    if not m.group("the") and not n_txt and rel in ("last", "next", "coming", "first", "following", "previous"):
        return None  # "last year" etc. are dates (see _rel_unit); "first day" is not a timex
    if rel == "recent" and not u.endswith("s"):
        return None
    if rel in ("first", "following", "previous") and not n_txt:
        return None
    if rel == "past" and not m.group("the") and not n_txt and u.endswith("s"):
        return _c(m, "DATE", "PAST_REF", "dct", "ref")     # "in past years"
    if rel == "past" and not m.group("the") and not n_txt:
        return None                                          # "this past weekend" is a date
    n = None if n_txt is None and u.endswith("s") else (1.0 if n_txt is None else number_of(n_txt))
    return _c(m, "DURATION", duration_value(n, u), None, "past_n")


@rule(rf"\b(?P<n>\d+(?:\.\d+)?(?:\s+1/2)?|{NUMWORD}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine)|{VAGUE})(?P<half>\s+and\s+a\s+half)?(?:\s+(?:more|full|straight|consecutive|long|short))?[\s-]+(?P<u>{UNIT})(?P<old>[\s-]+old)?\b(?![-–]\w)", re.I)
def _duration(ctx, m):
    n_txt = m.group("n")
    n = number_of(n_txt.replace(" 1/2", ""))
    if n is not None and (" 1/2" in n_txt or m.group("half")):
        n += 0.5
    u = m.group("u")
    if m.group("old") or re.match(r"[\s-]+(?:old|olds)\b", ctx.text[m.end():m.end() + 6]):
        return None  # an age ("a 6-year-old"), not a time expression
    if n is None and n_txt.lower() in ("some", "many") and not u.lower().endswith("s"):
        return None
    if n_txt.lower() in ("a", "an") and u.lower() in ("quarter", "second"):
        return None
    before = ctx.text[max(0, m.start() - 15):m.start()].lower()
    if re.search(r"(?:\$|\d[.,]?)\s*$", before):
        return None
    if n_txt[0].isdigit() and u.lower() in ("quarter", "quarters") and n and n <= 4:
        return None
    return _c(m, "DURATION", duration_value(n, u), None, "duration")


@rule(r"\b(?:[Ff]or|[Oo]ver|[Ii]n|[Ww]ithin|[Ff]rom)\s+(?P<x>(?:years|decades|months|weeks|days|hours|centuries|ages))\b")
def _bare_plural(ctx, m):
    u = m.group("x").lower()
    if u == "ages":
        return None
    return _c(m, "DURATION", duration_value(None, u), None, "duration", "x")


@rule(r"\b(?P<x>[Dd]ecades|[Yy]ears|[Cc]enturies)(?=[\s-]+(?:long|old|of|ago|earlier|later|before|after)\b)")
def _bare_plural2(ctx, m):
    after = ctx.text[m.end():m.end() + 8].lower()
    if re.match(r"[\s-]+(?:ago|earlier|later)", after):
        return _c(m, "DATE", "PAST_REF" if "ago" in after or "earlier" in after else "FUTURE_REF", "dct", "ref")
    if re.match(r"[\s-]+(?:before|after)", after):
        return _c(m, "DURATION", duration_value(None, m.group("x")), None, "duration")
    if re.match(r"[\s-]+of", after):
        return _c(m, "DURATION", duration_value(None, m.group("x")), None, "duration")
    return _c(m, "DURATION", duration_value(None, m.group("x")), None, "duration")


@rule(r"\b[Rr]ecent\s+(?P<u>years|months|weeks|days|decades)(?:\s+and\s+(?:years|months|weeks|days))?\b")
def _recent_units(ctx, m):
    if m.group("u").lower() == "years":
        return _c(m, "DATE", "PAST_REF", "dct", "ref")
    return _c(m, "DURATION", duration_value(None, m.group("u")), None, "duration")


@rule(r"\b(?:[Ee]very|[Ee]ach|[Pp]er)\s+(?P<n>other\s+|\d+\s+|two\s+|three\s+|four\s+)?(?P<u>year|month|week|day|night|hour|quarter|decade|morning|evening|afternoon|weekend|summer|winter|spring|fall|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
def _set_every(ctx, m):
    u = m.group("u").lower()
    n = m.group("n")
    k = 2 if n and n.strip() == "other" else (number_of(n.strip()) if n else 1)
    k = int(k or 1)
    if u in WEEKDAYS:
        return _c(m, "SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}", None, "set")
    if u in PARTS:
        return _c(m, "SET", f"TXX{PARTS[u]}" if False else f"XXXX-XX-XXT{PARTS[u]}", None, "set")
    if u in SEASONS:
        return _c(m, "SET", f"XXXX-{SEASONS[u]}", None, "set")
    if u == "night":
        return _c(m, "SET", f"P{k}D", None, "set")
    if u == "weekend":
        return _c(m, "SET", f"P{k}WE", None, "set")
    return _c(m, "SET", duration_value(k, u), None, "set")


@rule(r"(?<=\d\s)(?P<x>an?\s+(?:year|month|week|day|hour|quarter))\b|(?<=\d%\s)(?P<y>an?\s+(?:year|month|week|day|quarter))\b|\b(?:once|twice|(?:three|four|five|\d+)\s+times)\s+(?P<z>an?\s+(?:year|month|week|day|quarter))\b")
def _set_a_year(ctx, m):
    g = "x" if m.group("x") else ("y" if m.group("y") else "z")
    u = m.group(g).split()[-1]
    return _c(m, "SET", duration_value(1, u), None, "set", g)


@rule(r"\b(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly)\b", re.I)
def _set_adverb(ctx, m):
    w = m.group("w").lower()
    if w == "quarterly" and re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "a quarterly dividend": an attribute of the payment, not a time expression
    return _c(m, "SET", LEX["set_adverbs"][w], None, "set")


_REF_WORDS = {k: v for k, v in LEX["refs"].items() if v}


@rule(r"\b(?:(?P<in>in)\s+)?(?P<w>" + _alt(_REF_WORDS) + r")\b(?!\s+(?:tense|participle|perfect))", re.I)
def _ref(ctx, m):
    w = m.group("w").lower()
    if w in ("the present",):
        after = ctx.text[m.end():m.end() + 10].lower()
        if not re.match(r"\s*(?:day|time|$|[.,;])", after):
            return None
    if w == "now":
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        after = ctx.text[m.end():m.end() + 8].lower()
        if re.search(r"(?:until|till|by|from|for|right|just|even|and)\s+$", before) and False:
            return None
        if re.match(r"\s+that\b|-\w", after):
            return None
    return _c(m, "DATE", _REF_WORDS[w], "dct", "ref", "w")


@rule(rf"(?<![\d:])(?P<t>{TIME_CLOCK})(?:\s+(?P<zone>[A-Z][a-z]+\s+time|local\s+time|EST|EDT|GMT|UTC|PST|PDT))?")
def _clock(ctx, m):
    t = m.group("t").lower()
    mm = re.match(r"(\d{1,2})(?::(\d{2}))?", t)
    h, mi = int(mm.group(1)), int(mm.group(2) or 0)
    if "p" in t and h < 12:
        h += 12
    if re.search(r"a\.?\s?m", t) and h == 12:
        h = 0
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    zone = "Z" if re.search(r"(?:UTC|GMT)$", m.group(0)) else ""
    return Candidate(m.start(), m.end(), "TIME", f"{day}T{h:02d}:{mi:02d}{zone}", "dct", "clock")


@rule(r"\b(?P<w>noon|midnight|midday)\b")
def _noon(ctx, m):
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _c(m, "TIME", f"{day}T{'24:00' if m.group('w').lower() == 'midnight' else '12:00'}", "dct", "clock")


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
    if ctx.dct is None:
        return Candidate(start, m.end(), "DATE", None, "dct", "season")
    if rel in ("early", "late"):
        rel = ""
    v = _season_year(ctx, code, None, rel or "this")
    return Candidate(start, m.end(), "DATE", v, "dct", "season")


@rule(r"\b[Tt]he\s+(?:latest\s+|most\s+recent\s+)?(?P<u>quarter|period)\b(?![-\s]+(?:century|mile|point|of\s+a))")
def _the_quarter(ctx, m):
    """"the quarter" in an earnings story: the latest reported quarter."""
    latest = re.search(r"latest|recent", m.group(0))
    if ctx.dct is None or not (latest or ctx.quarter_context(m.start())):
        return None
    q = (ctx.dct.month - 1) // 3
    y = ctx.dct.year
    if q == 0:
        q, y = 4, y - 1
    return _c(m, "DATE", f"{y}-Q{q}", "dct", "the_quarter")


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


@rule(r"\b(?<!then\s)(?P<w>[Cc]urrent)\b(?!\s+(?:accounts?|events|affairs|flows?|carrying|speed))(?=\s+[a-z])")
def _current(ctx, m):
    """"current" before a noun ("the current quarter's", "current prices"): the present (TimeML)."""
    return _c(m, "DATE", "PRESENT_REF", "dct", "ref")


@rule(r"\b[Tt]he\s+weekend\b")
def _the_weekend(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    tense = _tense(ctx, m)
    d = ctx.dct
    if tense == "future" and d.weekday() < 5:
        pass
    elif d.weekday() < 5:
        d = d - dt.timedelta(days=d.weekday() + 1)     # the weekend just past
    return _c(m, "DATE", week_value(d) + "-WE", "dct", "rel")


@rule(r"\b(?P<pre>(?:end(?:ed|ing)?|finish(?:ed|ing)?|close[ds]?|closing|for|during|later\s+in|late\s+in|earlier\s+in|early\s+in|start\s+of|rest\s+of)\s+)(?P<x>the\s+day)\b(?!\s+(?:before|after|of|when|that))", re.I)
def _the_day(ctx, m):
    """"ended the day", "later in the day": the day the story reports (the DCT)."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel", "x")
    return _c(m, "DATE", ctx.dct.isoformat(), "dct", "rel", "x")


@rule(r"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?:UTC|GMT)\b")
def _military_time(ctx, m):
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _c(m, "TIME", f"{day}T{m.group('h')}:{m.group('mi')}Z", "dct", "clock")


@rule(r"(?:(?<=\bthe\s)|(?<=\band\s)|(?<=\bsince\s)|(?<=\bin\s))(?P<d>'?[2-9]0s)\b|(?:(?<=\bsince\s)|(?<=\bsince))(?P<y>'\d\d)\b")
def _short_decade(ctx, m):
    if m.group("y"):
        yy = int(m.group("y")[1:])
        return _c(m, "DATE", str(1900 + yy if yy > 30 else 2000 + yy), "absolute", "year")
    return _c(m, "DATE", "19" + m.group("d").lstrip("'")[0], "absolute", "decade")


@rule(r"\b(?:(?:the\s+)?year[-\s]end|year's\s+end|the\s+end\s+of\s+the\s+year)\b", re.I)
def _year_end(ctx, m):
    """"by year-end": the end of the current year (TIMEX3: the year, with mod END)."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    return _c(m, "DATE", str(ctx.dct.year), "dct", "rel")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule(r"\b[Tt]he\s+(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b")
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
    return _c(m, "DATE", _iso(d), "dct", "holiday")


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@rule(r"\b(?P<c>nineteen|eighteen)[\s-]+(?P<t>" + "|".join(_TENS) + r"|" + "|".join(_TEENS) + r"|hundred)(?:[\s-]+(?P<o>" + "|".join(_ONES) + r"))?\b", re.I)
def _spoken_year(ctx, m):
    century = _TEENS[m.group("c").lower()]
    t = m.group("t").lower()
    yy = 0 if t == "hundred" else _TENS.get(t, _TEENS.get(t, 0)) + (_ONES.get((m.group("o") or "").lower(), 0))
    return _c(m, "DATE", f"{century * 100 + yy}", "absolute", "year")


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


@rule(r"\b[Ll]ast\s+night\b")
def _last_night(ctx, m):
    if ctx.dct is None:
        return _c(m, "TIME", None, "dct", "deictic")
    return _c(m, "TIME", f"{(ctx.dct - dt.timedelta(days=1)).isoformat()}TNI", "dct", "deictic")


@rule(r"\b(?:[Tt]he\s+)?(?:very\s+)?(?P<part>end|beginning|start|middle|close|turn)\s+of\s+(?P<rel>the|this|next|last)\s+(?P<u>year|month|week|decade|century)\b")
def _part_of_period(ctx, m):
    """"the end of the year", "the start of next month": that period (TIMEX3 puts the part in a modifier)."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    step = {"the": 0, "this": 0, "next": 1, "last": -1}[m.group("rel").lower()]
    u = m.group("u").lower()
    d = ctx.dct
    if u == "year":
        v = str(d.year + step)
    elif u == "month":
        x = shift(d, months=step)
        v = f"{x.year}-{x.month:02d}"
    elif u == "week":
        v = week_value(d + dt.timedelta(weeks=step))
    elif u == "decade":
        v = str(d.year // 10 + step)
    else:
        v = f"{d.year // 100 + step:02d}"
    return _c(m, "DATE", v, "dct", "rel")


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


def find_candidates(ctx: Context) -> Iterator[Candidate]:
    """Every rule's matches over the context text (overlaps are resolved by the caller)."""
    for pattern, fn in RULES:
        for m in pattern.finditer(ctx.text):
            cand = fn(ctx, m)
            if cand is not None and cand.end > cand.start:
                yield cand
