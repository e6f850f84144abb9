"""The time-expression grammar's machinery: candidates, context, vocabulary and the rule registry.

A rule is a compiled pattern plus a function turning a match into a :class:`Candidate` (type,
value and how the value was anchored); :func:`rule` registers one.  The rules themselves live in
:mod:`storyline.timex_calendar` (written dates, months, years, quarters, holidays) and
:mod:`storyline.timex_relative` (weekdays, "last week", "ago", durations, sets, clock times).
Relative expressions are resolved against the document creation time (DCT) by :class:`Context`,
which also knows the tense around a span (from the spaCy parse when there is one, else from
nearby words).  Vocabulary lives in ``data/timex_lexicon.json``.
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
                 loose_tense: Optional[Callable[[int, int], Optional[str]]] = None,
                 noun_tense: Optional[Callable[[int, int], Optional[str]]] = None):
        self.text = text
        self.dct = dct
        self.tense = tense
        self.loose_tense = loose_tense or tense
        self.noun_tense = noun_tense or (lambda start, end: None)

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
    if u in ("H", "MIN") and n is not None and not float(n).is_integer():
        return f"PT{int(n)}{'M' if u == 'MIN' else 'H'}{int(round((n - int(n)) * 60))}{'S' if u == 'MIN' else 'M'}"
    if u in ("H", "MIN", "S"):
        return f"PT{_num_text(n)}{'M' if u == 'MIN' else u}"
    if u == "NIGHT":
        return f"P{_num_text(n)}D"
    if u == "FORTNIGHT":
        return f"P{_num_text(None if n is None else n * 2)}W"
    if u == "DE":
        return f"P{_num_text(None if n is None else n * 10)}Y"   # "decades": PXY, as "two decades" is P20Y
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


def _dated_noun_tense(ctx: Context, m: re.Match, tense: Optional[str]) -> Optional[str]:
    """A month or day that modifies a noun ("the October slaying", "the November election") takes the
    tense of the clause that noun is in, when that clause is past or future."""
    if tense is None:
        clause = ctx.noun_tense(m.start(), m.end())
        if clause in ("past", "perfect"):
            return "past"
        if clause == "future" and ctx.loose_tense(m.start(), m.end()) == "future":   # "will", not "is continuing"
            return "future"
    return tense


def resolve_weekday(ctx: Context, weekday: int, tense: Optional[str]) -> Optional[dt.date]:
    """The day a bare weekday name refers to: the last one up to the DCT, or the next one in future talk."""
    if ctx.dct is None:
        return None
    delta = (weekday - ctx.dct.weekday()) % 7
    back = (ctx.dct.weekday() - weekday) % 7
    if tense == "future" or (tense in ("present", "modal") and delta < back):
        # future talk looks forward; present and modal talk ("arrives on Thursday", "would resume
        # on Friday") take the nearer of the two
        return ctx.dct + dt.timedelta(days=delta)
    return ctx.dct - dt.timedelta(days=back)


def resolve_month(ctx: Context, month: int, tense: Optional[str]) -> Optional[int]:
    """The year of a month named without one."""
    if ctx.dct is None:
        return None
    y = ctx.dct.year
    if tense == "future":
        return y if month >= ctx.dct.month - 2 else y + 1
    if tense in ("past", "perfect"):     # "have gathered evidence in the October slaying"
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
    elif tense in ("past", "perfect") and cand > ctx.dct + dt.timedelta(days=60):
        y -= 1
    elif tense not in ("future", "past", "perfect"):
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


@functools.lru_cache(maxsize=1)
def _load_rules() -> int:
    """Import the rule modules (importing them registers their rules); the number of rules."""
    from . import timex_calendar, timex_relative  # noqa: F401

    return len(RULES)


def find_candidates(ctx: Context) -> Iterator[Candidate]:
    """Every rule's matches over the context text (overlaps are resolved by the caller)."""
    _load_rules()
    for pattern, fn in RULES:
        for m in pattern.finditer(ctx.text):
            cand = fn(ctx, m)
            if cand is not None and cand.end > cand.start:
                yield cand
