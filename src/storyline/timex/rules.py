"""The time-expression grammar's machinery: candidates, context, vocabulary and the rule registry.

A rule is a compiled pattern plus a function turning a match into a :class:`Candidate` (type,
value and how the value was anchored); :func:`rule` registers one.  The rules themselves live in
:mod:`storyline.timex_calendar` (written dates, months, years, quarters, holidays) and
:mod:`storyline.timex_relative` (weekdays, "last week", "ago", durations, sets, clock times).
Relative expressions are resolved against the document creation time (DCT) by :class:`Context`,
which also knows the tense around a span (from the spaCy parse when there is one, else from
nearby words).  Vocabulary lives in ``data/timex/timex_lexicon.json``.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterator, Optional

try:  # the regular-expression parser, read to find where a rule's matches can begin (see find_candidates)
    from re import _constants as _k, _parser as _sre
except ImportError:  # Python 3.10
    import sre_constants as _k  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = ["Candidate", "Context", "find_candidates", "lexicon", "shift", "tense_cue", "week_value"]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    """The packaged word lists (months, weekdays, number words, units …)."""
    return json.loads(resources.files("storyline").joinpath("data/timex/timex_lexicon.json").read_text("utf-8"))


def tense_cue(kind: str) -> re.Pattern:
    """The lexicon's ``tense_cues[kind]`` words as one case-insensitive whole-word pattern."""
    return re.compile(r"\b(?:" + "|".join(lexicon()["tense_cues"][kind]) + r")\b", re.I)


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    value: Optional[str]
    anchor: Optional[str] = None       # dct, absolute, event, table
    rule: str = ""
    inferred: bool = False


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

_BY_CUE = re.compile(r"\bby\s+(?:on\s+)?(?:the\s+)?$", re.I)   # a deadline: ahead, unless its clause is past
_FUTURE_CUE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|starting|beginning|effective|payable|due|scheduled\s+for|set\s+for|slated\s+for)\s+(?:on\s+)?(?:the\s+)?$", re.I)
_WEAK_FUTURE_CUE = re.compile(r"\b(?:through|to)\s+(?:the\s+)?$", re.I)
_UNTIL_CUE = re.compile(r"(?<![.\n]\s)(?<!^)\b(?:until|till)\s+(?:(?:the|noon|midnight|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{3})?)\s+)?$")
_PAST_CUE = re.compile(r"\b(?:since|as\s+of|ended|earlier|last)\s+(?:on\s+)?(?:the\s+)?$", re.I)


def _tense(ctx: Context, m: re.Match) -> Optional[str]:
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if _FUTURE_CUE.search(before) or _UNTIL_CUE.search(before):
        return "future"
    if _BY_CUE.search(before):
        # "had filed reports by Wednesday": a deadline already met
        # ("tendered their shares by the Tuesday deadline": the clause of the noun the day modifies)
        t = ctx.tense(m.start(), m.end())
        if t is None and ctx.noun_tense is not None:
            t = ctx.noun_tense(m.start(), m.end())
        return "past" if t == "past" else "future"
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


# ---------------------------------------------------------------- fast scanning
#
# Most rules can only match at the start of a word with one of a few beginnings ("jan", "the", a digit).
# The beginnings are read off each compiled pattern (a match must start after its leading \b with one of
# them); a text's words are indexed once by their first one to three letters, and a rule is tried only
# where a word with one of its beginnings starts: the same matches as ``finditer`` (a match can start
# nowhere else), far fewer attempts.  A pattern without a leading \b whose first character is no letter
# (a digit, a quote) is tried where such a character is; patterns the analysis cannot bound are scanned
# whole.

_MAX_PREFIX = 3
_MAX_BEGINNINGS = 400
_DIGIT = "\\d"        # a word beginning with a decimal digit


class _Unbounded(Exception):
    pass


def _in_chars(items) -> set:
    """The characters (or _DIGIT) a character class can match; _Unbounded if too many or negated."""
    out = set()
    for op, av in items:
        if op is _k.LITERAL:
            out.add(chr(av))
        elif op is _k.RANGE and av[1] - av[0] <= 26:
            out.update(chr(x) for x in range(av[0], av[1] + 1))
        elif op is _k.CATEGORY and av in (_k.CATEGORY_DIGIT, _k.CATEGORY_UNI_DIGIT):
            out.add(_DIGIT)
        else:
            raise _Unbounded
    return out


def _beginnings(seq, prefix: str, out: set) -> None:
    """Add to ``out`` the lowercase word beginnings (at most _MAX_PREFIX characters, or _DIGIT) a match of
    the parsed ``seq`` can start with, ``prefix`` being matched already."""
    if len(out) > _MAX_BEGINNINGS:
        raise _Unbounded
    if len(prefix) >= _MAX_PREFIX:
        out.add(prefix)
        return
    if not seq:
        if not prefix:
            raise _Unbounded
        out.add(prefix)
        return
    (op, av), rest = seq[0], list(seq[1:])
    if op in (_k.AT, _k.ASSERT, _k.ASSERT_NOT):
        _beginnings(rest, prefix, out)        # zero-width: passing over it only widens the set
    elif op is _k.LITERAL or op is _k.IN:
        try:
            chars = {chr(av)} if op is _k.LITERAL else _in_chars(av)
        except _Unbounded:
            if not prefix:
                raise
            out.add(prefix)
            return
        for ch in chars:
            if ch == _DIGIT or not (ch.isalnum() or ch == "_"):
                if not prefix and ch != _DIGIT:
                    raise _Unbounded           # a match could begin with a non-word character
                out.add(prefix or _DIGIT)      # the word beginning ends here
            else:
                _beginnings(rest, prefix + ch.lower(), out)
    elif op is _k.SUBPATTERN:
        _beginnings(list(av[-1]) + rest, prefix, out)
    elif op is _k.BRANCH:
        for alt in av[1]:
            _beginnings(list(alt) + rest, prefix, out)
    elif op in (_k.MAX_REPEAT, _k.MIN_REPEAT):
        low, high, sub = av
        if low == 0:
            _beginnings(rest, prefix, out)
        if high != 0:
            _beginnings(list(sub), prefix, out)   # the first repetition's beginning (more may follow)
    elif prefix:
        out.add(prefix)
    else:
        raise _Unbounded


def word_beginnings(pattern: re.Pattern) -> Optional[frozenset]:
    """The lowercase beginnings (or _DIGIT) every match of ``pattern`` starts a word with, or None when a
    match need not start a word (no leading \\b) or its beginning cannot be bounded."""
    try:
        parsed = list(_sre.parse(pattern.pattern, pattern.flags))
        if not parsed or parsed[0] != (_k.AT, _k.AT_BOUNDARY):
            return None
        out: set = set()
        _beginnings(parsed, "", out)
    except (_Unbounded, RecursionError, re.error, TypeError, ValueError, AttributeError):
        return None
    return frozenset(out) if out and "" not in out else None


def _first_class(seq, out: list) -> None:
    """Add to ``out`` the character-class pieces a match of the parsed ``seq`` can begin with."""
    if not seq:
        raise _Unbounded                       # the match could be empty
    (op, av), rest = seq[0], list(seq[1:])
    if op in (_k.AT, _k.ASSERT, _k.ASSERT_NOT):
        _first_class(rest, out)
    elif op is _k.LITERAL:
        out.append(re.escape(chr(av)))
    elif op is _k.IN:
        for iop, iav in av:
            if iop is _k.LITERAL:
                out.append(re.escape(chr(iav)))
            elif iop is _k.RANGE:
                out.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
            elif iop is _k.CATEGORY and iav in (_k.CATEGORY_DIGIT, _k.CATEGORY_UNI_DIGIT):
                out.append(r"\d")
            else:
                raise _Unbounded
    elif op is _k.SUBPATTERN:
        _first_class(list(av[-1]) + rest, out)
    elif op is _k.BRANCH:
        for alt in av[1]:
            _first_class(list(alt) + rest, out)
    elif op in (_k.MAX_REPEAT, _k.MIN_REPEAT) and av[1] != 0:
        if av[0] == 0:
            _first_class(rest, out)
        _first_class(list(av[2]), out)
    else:
        raise _Unbounded


def first_chars(pattern: re.Pattern) -> Optional[re.Pattern]:
    """A character class every match of ``pattern`` begins with, when it holds no letter (digits, quotes:
    rare enough to be worth finding first), else None."""
    try:
        out: list = []
        _first_class(list(_sre.parse(pattern.pattern, pattern.flags)), out)
        cls = re.compile("[" + "".join(sorted(set(out))) + "]", pattern.flags & (re.I | re.A))
    except (_Unbounded, RecursionError, re.error, TypeError, ValueError, AttributeError):
        return None
    if any(cls.match(ch) for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"):
        return None
    return cls


_WORD = re.compile(r"\w+")


class _WordIndex:
    """Where the words of a text start, by their casefolded first one, two and three characters."""

    def __init__(self, text: str):
        by3: dict = {}
        for m in _WORD.finditer(text):
            k = m.group()[:_MAX_PREFIX].casefold()
            pos = by3.get(k)
            if pos is None:
                by3[k] = [m.start()]
            else:
                pos.append(m.start())
        by = {k: list(pos) for k, pos in by3.items()}
        digits: list = []
        for k, pos in by3.items():
            for short in {k[:1], k[:2]} - {k}:
                by.setdefault(short, []).extend(pos)
            if k[0].isdecimal():
                digits.extend(pos)
        by[_DIGIT] = digits
        self.by = by

    def starts(self, beginnings: frozenset) -> list:
        found: set = set()
        by = self.by
        for b in beginnings:
            pos = by.get(b)
            if pos:
                found.update(pos)
        return sorted(found)


def _matches(pattern: re.Pattern, begins, text: str, index: Optional[_WordIndex]):
    """``pattern.finditer(text)``, tried only where a word with one of the ``begins`` beginnings starts
    (a frozenset), or where a character of the ``begins`` class is (a compiled class)."""
    if begins is None or index is None:
        yield from pattern.finditer(text)
        return
    if isinstance(begins, frozenset):
        positions = index.starts(begins)
    else:
        positions = [m.start() for m in begins.finditer(text)]
    last = 0
    match = pattern.match
    for pos in positions:
        if pos < last:
            continue
        m = match(text, pos)
        if m is not None:
            yield m
            last = max(m.end(), pos + 1)


@functools.lru_cache(maxsize=1)
def _load_rules() -> int:
    """Import the rule modules (importing them registers their rules); the number of rules."""
    from . import calendar as timex_calendar  # noqa: F401
    from . import relative as timex_relative  # noqa: F401

    return len(RULES)


@functools.lru_cache(maxsize=1)
def _rule_beginnings() -> tuple:
    """Each rule's word beginnings (:func:`word_beginnings`) or first characters (:func:`first_chars`)."""
    _load_rules()
    return tuple(word_beginnings(pattern) or first_chars(pattern) for pattern, _ in RULES)


def find_candidates(ctx: Context) -> Iterator[Candidate]:
    """Every rule's matches over the context text (overlaps are resolved by the caller)."""
    beginnings = _rule_beginnings()
    index = _WordIndex(ctx.text)
    for (pattern, fn), begins in zip(RULES, beginnings):
        for m in _matches(pattern, begins, ctx.text, index):
            cand = fn(ctx, m)
            if cand is not None and cand.end > cand.start:
                yield cand
