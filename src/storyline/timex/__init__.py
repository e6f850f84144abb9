"""Time expressions: find them in text and normalise them to TIMEX3 values.

:func:`extract_timexes` runs the grammar of :mod:`storyline.timex.rules` over a text, keeps the
longest non-overlapping matches, joins ranges ("24th April to 26th April" →
``2024-04-24/2024-04-26``) and resolves relative expressions against the document creation
time (DCT), using the tense of the governing verb from the spaCy parse when a ``Doc`` is given.
Event-anchored expressions ("on the sidelines of the Beijing Olympics") are resolved against a
packaged table of scheduled events (:mod:`storyline.timex.events`) and marked ``inferred``.

The spaCy factory ``storyline_timex`` stores ``doc._.timexes`` (TimeRef dicts) using
``doc._.dct``, and the same expressions as Spans in ``doc.spans["storyline_timex"]`` (label: the
TIMEX3 type, ``kb_id_``: the value); its config ``resolve_events`` (default true) says whether
event-anchored expressions are resolved.  :func:`timex_jsonl` backs the ``storyline timex`` command.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from ..model import TimeRef
from .events import event_candidates, in_text_event_candidates
from ..dates import parse_dct
from .rules import LEX, Candidate, Context, find_candidates, shift, tense_cue, week_value

__all__ = ["extract_timexes", "timex_jsonl", "make_tense_finder", "TimexComponent", "SPAN_KEY"]

#: the span group the component fills
SPAN_KEY = "storyline_timex"

_FUTURE_WORDS = tense_cue("future")
_PAST_WORDS = tense_cue("past")


def _sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


_CLAUSE_FUTURE = tense_cue("clause_future")


def _clause_future(text: str):
    """``(start, end) -> "future" | None``: an explicit future marker in the clause around the span."""
    def find(start: int, end: int) -> Optional[str]:
        left = max(text.rfind(c, 0, start) for c in ".;:!?,\n") + 1
        rights = [i for i in (text.find(c, end) for c in ".;:!?,\n") if i != -1]
        window = text[left:min(rights) if rights else len(text)]
        return "future" if _CLAUSE_FUTURE.search(window) else None
    return find


def make_tense_finder(text: str, doc: Optional[Doc] = None):
    """A function ``(start, end) -> "past" | "future" | "present" | None``: the tense governing a span."""

    def tense_from_words(start: int, end: int) -> Optional[str]:
        a, b = _sentence_window(text, start, end)
        window = text[a:b]
        if _FUTURE_WORDS.search(window):
            return "future"
        if _PAST_WORDS.search(window):
            return "past"
        return None


    if doc is not None and doc.has_annotation("DEP"):
        def tense_from_parse(start: int, end: int) -> Optional[str]:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                return tense_from_words(start, end)
            return verb_tense(span.root)
        return tense_from_parse

    return tense_from_words


_PLAN_LEMMAS = frozenset(LEX["plan_lemmas"])
_FUTURE_AUX = frozenset(LEX["future_aux"])
_NOUN_MODIFIER = ("compound", "nmod", "poss", "amod", "nummod")


def _noun_tense_finder(doc: Optional[Doc]):
    """``(start, end) -> tense``: for a date modifying a noun ("the October slaying"), the tense of the
    clause that noun sits in; None for other spans or without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return None

    def find(start: int, end: int) -> Optional[str]:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        root = span.root
        if root.dep_ not in _NOUN_MODIFIER or root.head.pos_ not in ("NOUN", "PROPN"):
            return None
        return verb_tense(root.head)
    return find


_SCHEDULE_LEMMAS = frozenset(LEX["schedule_lemmas"])   # the day named is the planned one, still ahead
_MODAL_AUX = frozenset(LEX["modal_aux"])


def _past_perfect(tok) -> bool:
    """Whether a verb (or the adjective of "had been due") is in the past perfect."""
    if any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in tok.children):
        return True
    return tok.dep_ == "acomp" and tok.head is not tok and any(
        c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in tok.head.children)


def verb_tense(token) -> Optional[str]:
    """The tense of the clause governing ``token``.

    "past", "future", "present", "perfect", "modal" (would, could, may …) or None (unclear).
    """
    tok = token
    if token.dep_ in ("compound", "nmod", "poss", "amod", "nummod") and token.head.pos_ in ("NOUN", "PROPN"):
        return None       # "the Jan. 14 deadline", "Wednesday's ruling": the date modifies a noun
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if (tok.lemma_.lower() in _SCHEDULE_LEMMAS and tok.dep_ not in ("acl", "relcl")
            and not any(c.lower_ == "had" or (c.dep_ == "xcomp" and tok.tag_ == "VBD") for c in tok.children)):
        return "future"   # "planned a rally on Saturday", "has scheduled a news conference Thursday"
    for _ in range(3):
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE_AUX:
            return "future"
        if "to" in aux and (tok.head is tok or tok.head.pos_ in ("NOUN", "PROPN")):
            return "future"   # headline "Xi to visit Moscow on Monday"
        if "to" in aux and tok.head is not tok:
            head = tok.head
            if head.lemma_ in _PLAN_LEMMAS and _past_perfect(head):
                return "past"     # "had been scheduled to expire Friday": a plan overtaken since
            if head.lemma_ in _PLAN_LEMMAS or (head.lemma_ == "be" and (head.dep_ == "ROOT" or head.tag_ in ("VBZ", "VBP"))):
                return "future"
            tok = head        # "said to have met": look at the governing verb
            continue
        break
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if aux & _MODAL_AUX:
        return "modal"
    if tok.tag_ == "VBD" or aux & {"was", "were", "had", "did"}:
        return "past"
    if tok.tag_ == "VBN" and not aux:
        return "past"     # participle: "the decision, announced Wednesday"
    if aux & {"has", "have", "'ve"} and (tok.tag_ == "VBN" or (tok.tag_ == "VBG" and "been" in aux)):
        return "perfect"  # "has met", "have been searching since"
    if tok.tag_ == "VBG" and aux & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    if tok.tag_ == "VBG" and not aux and tok.dep_ in ("advcl", "conj") and tok.head is not tok:
        return verb_tense(tok.head)   # "has fluctuated, rising to a high in June from $29 in March"
    return None


# ---------------------------------------------------------------- overlap resolution and ranges

_RULE_PRIORITY = {"mdy": 9, "dmy": 9, "iso": 9, "slash": 8, "md": 7, "dm": 7, "my": 7, "event": 8,
                  "year_ago_quarter": 6, "year_ago": 6, "set": 6}


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest-first, non-overlapping selection (ties: more specific rule, resolved value)."""
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -_RULE_PRIORITY.get(c.rule, 5),
                                         c.value is None, c.start))
    taken: list[Candidate] = []
    for c in cands:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


_RANGE_JOIN = re.compile(r"^\s*(?:to|through|until|till|-|–|—|and)\s*$", re.I)
_DAY_LIST = re.compile(r"^,?\s+(?:and|or|&)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|[ap]\.?m|million|billion|of\b|[A-Za-z]))")
_DAY_RANGE = re.compile(r"^(?:[-–]|\s+to\s+|\s+through\s+)(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|[ap]\.?m))")


def _join_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join "24th April to 26th April" / "from May 3 to May 5" / "April 24-26" into one DATE range.

    Only days of one month: "from Aug. 26 to Oct. 20" stays two dates, as TimeML marks it."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if (i + 1 < len(cands) and c.type == "DATE" and cands[i + 1].type == "DATE"
                and c.value and cands[i + 1].value
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cands[i + 1].value)
                and _RANGE_JOIN.match(text[c.end:cands[i + 1].start])
                and c.value[5:7] == cands[i + 1].value[5:7]
                and c.value[:4] + cands[i + 1].value[4:] > c.value
                and (c.value[:4] == cands[i + 1].value[:4] or cands[i + 1].anchor == "dct")):
            # days of one month are one period ("24th to 26th April"); longer stretches stay two dates (TimeML)
            n = cands[i + 1]
            between = text[c.end:n.start].strip().lower()
            if between != "and" or re.search(r"\bbetween\s+$", text[max(0, c.start - 9):c.start], re.I):
                out.append(Candidate(c.start, n.end, "DATE", f"{c.value}/{c.value[:4]}{n.value[4:]}", c.anchor, "range",
                                     c.inferred or n.inferred))
                i += 2
                continue
        if c.type == "DATE" and c.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value):
            m = _DAY_LIST.match(text[c.end:c.end + 12])
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if m and (nxt is None or nxt.start >= c.end + m.end()) and int(m.group(1)) <= 31:
                # "March 3 and 4": the second day is a date of its own
                out.append(c)
                try:
                    day = f"{c.value[:8]}{int(m.group(1)):02d}"
                    dt_day = dt.date.fromisoformat(day)
                except ValueError:
                    i += 1
                    continue
                out.append(Candidate(c.end + m.start(1), c.end + m.end(1), "DATE", dt_day.isoformat(), c.anchor,
                                     "md", c.inferred))
                i += 1
                continue
            m = _DAY_RANGE.match(text[c.end:c.end + 12])
            if m and int(m.group(1)) > int(c.value[-2:]) and int(m.group(1)) <= 31:
                end_value = f"{c.value[:8]}{int(m.group(1)):02d}"
                out.append(Candidate(c.start, c.end + m.end(), "DATE", f"{c.value}/{end_value}", c.anchor,
                                     "range", c.inferred))
                i += 1
                continue
        out.append(c)
        i += 1
    return out


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_FINANCIAL = re.compile(r"\$|%|\b(?:million|billion|cents|results|earnings|profit|loss|sales|revenue)\b", re.I)


def _reference_quarters(text: str, cands: list[Candidate]) -> None:
    """Earnings-story references ("the quarter", "a year ago") follow the quarter the story reports."""
    explicit = [c for c in cands if c.rule == "quarter" and c.value and _QUARTER_VALUE.match(c.value)]
    if not explicit:
        return
    for c in cands:
        if c.rule not in ("the_quarter", "year_ago_quarter", "year_ago", "year_period") or not c.value:
            continue
        before = [e for e in explicit if e.start < c.start]
        ref = (before[-1] if before else explicit[0]).value
        y, q = _QUARTER_VALUE.match(ref).groups()
        if c.rule == "the_quarter":
            c.value = ref
        elif c.rule == "year_period":
            c.value = f"{c.value}-Q{q}"
        else:
            c.value = f"{int(y) - 1}-Q{q}"


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    rights = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return left, (min(rights) if rights else len(text))


_TIME_DAY_JOIN = re.compile(r"^\s*(?:,\s*|on\s+|\(\s*)?$", re.I)
_DAY_TIME_JOIN = re.compile(r"^\s*(?:,\s*)?(?:at\s+|,\s*)?$", re.I)


def _anchor_times(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Clock times take the day of a date next to them ("4 a.m. Thursday") or in their sentence."""
    out: list[Candidate] = []
    skip: set[int] = set()
    for i, c in enumerate(cands):
        if i in skip:
            continue
        if c.rule != "clock" or not c.value or "T" not in c.value:
            out.append(c)
            continue
        clock = c.value.split("T", 1)[1]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        prev = out[-1] if out else None
        if nxt is not None and nxt.type == "DATE" and nxt.value and _DAY_VALUE.match(nxt.value) \
                and _TIME_DAY_JOIN.match(text[c.end:nxt.start]) and "(" not in text[c.end:nxt.start]:
            out.append(Candidate(c.start, nxt.end, "TIME", f"{nxt.value}T{clock}", nxt.anchor, "clock_day", nxt.inferred))
            skip.add(i + 1)
            continue
        if prev is not None and prev.type == "DATE" and prev.value and _DAY_VALUE.match(prev.value) \
                and _DAY_TIME_JOIN.match(text[prev.end:c.start]):
            out[-1] = Candidate(prev.start, c.end, "TIME", f"{prev.value}T{clock}", prev.anchor, "clock_day", prev.inferred)
            continue
        a, b = _sentence_of(text, c.start)
        days = [d for d in cands if d.type == "DATE" and d.value and _DAY_VALUE.match(d.value) and a <= d.start < b]
        if not days:
            # no day in the sentence: the day the narrative last named ("Wednesday's summit … lasted from 4:07 p.m.")
            days = [d for d in cands if d.type == "DATE" and d.value and _DAY_VALUE.match(d.value)
                    and c.start - 1500 <= d.end <= c.start][-1:]
        if days:
            nearest = min(days, key=lambda d: abs(d.start - c.start))
            c.value = f"{nearest.value}T{clock}"
        out.append(c)
    return out


_MODIFIER = re.compile(
    r"(?:\b(?:nearly|almost|about|around|roughly|approximately|some|over|under|more\s+than|less\s+than|"
    r"fewer\s+than|up\s+to|at\s+least|at\s+most|no\s+more\s+than|"
    r"well\s+over|the\s+first|the\s+last|the)\s+)$", re.I)
_PART_OF = re.compile(r"\b[Tt]he\s+(?:very\s+)?(?:beginning|start|end|middle|close)\s+of\s+$")
_PART_OF_RULES = {"month", "my", "the_day"}
_OR_SO = re.compile(r"\s+or\s+so\b", re.I)
# "over" is "more than" after a preposition or a verb of lasting ("in over a decade", "lasted over a week");
# after other words it is the preposition "during" ("used over three years"), outside the timex
_OVER_QUANTITY = re.compile(r"\b(?:in|for|of|within|than|after|from|to|last|lasts|lasted|lasting|took|take|takes|just|well|slightly)\s+over\s+$", re.I)
_TIME_MODIFIER = re.compile(r"(?:\b(?:early|late|earlier|later|mid)[\s-]+)$", re.I)
# a measure used as a modifier: hyphenated ("eight-year") or a singular unit after a number above one ("two day")
_ATTRIBUTIVE = re.compile(r"-(?:day|week|month|year|hour|minute|decade|quarter)$|"
                          r"\b(?!one\b|an?\b)\w+\s+(?:day|week|month|year|hour|minute|decade)$", re.I)
_ABSOLUTE_RULES = {"year", "decade", "century", "iso", "slash", "mdy", "dmy", "my"}


def _extend_modifiers(text: str, cands: list[Candidate]) -> None:
    """TimeML spans include quantity and position modifiers: "nearly two years", "late yesterday"."""
    for i, c in enumerate(cands):
        floor = cands[i - 1].end if i else 0
        before = text[max(floor, c.start - 24):c.start]
        if c.rule in _PART_OF_RULES:
            part = _PART_OF.search(before)
            if part and not text.startswith("'", c.end):
                c.start -= len(part.group(0))   # "the beginning of October": the part is in the timex (MOD)
                continue
        if c.type == "DURATION" or c.rule == "past_n":
            so = _OR_SO.match(text, c.end)
            if so:
                c.end = so.end()   # "the next year or so": the approximation is part of the timex
        if c.type == "DURATION" and re.match(r"(?:\d|an?\b|one|two|three|four|five|six|seven|eight|nine|ten|"
                                             r"twelve|twenty|thirty|forty|fifty|several|a\s+few|few)", text[c.start:c.end], re.I):
            m = _MODIFIER.search(before)
            if m and m.group(0).lower().startswith("the") and _ATTRIBUTIVE.search(text[c.start:c.end]):
                m = None   # "the two-week crisis", "the 23-year occupation": the article belongs to the noun
            if m and m.group(0).lower().startswith("over") and not _OVER_QUANTITY.search(before):
                m = None
            if m and not (m.group(0).lower().startswith("the") and not re.match(r"\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)", text[c.start:c.end], re.I)):
                c.start -= len(m.group(0))
        elif c.rule in ("ago", "ref") and c.value != "PRESENT_REF":
            m = _MODIFIER.search(before)
            if m and not m.group(0).lower().startswith("the"):
                c.start -= len(m.group(0))
        elif c.type in ("DATE", "TIME") and c.rule not in _ABSOLUTE_RULES and c.anchor == "dct":
            m = _TIME_MODIFIER.search(before)
            if m:
                c.start -= len(m.group(0))


_ANAPHOR = re.compile(r"(?:(?P<rel>following|next|previous|preceding|same)\s+(?P<u>\w+)|(?:that|that\s+same)\s+(?P<u2>\w+)"
                      r"|(?P<u3>\w+)\s+(?P<dir>before|after|previous|prior))$", re.I)
_PART_OF_DAY = {"morning": "TMO", "evening": "TEV", "night": "TNI"}


def _resolve_anaphora(text: str, cands: list[Candidate]) -> None:
    """Fill "the following day", "that year", "the day before" from the last date chosen before them."""
    for i, c in enumerate(cands):
        if c.rule != "anaphoric" or c.value is not None:
            continue
        m = _ANAPHOR.search(text[c.start:c.end].lower())
        if m is None:
            continue
        unit = (m.group("u") or m.group("u2") or m.group("u3")).lower()
        prev = cands[i - 1] if i else None
        if (m.group("u3") == "day" and prev is not None and prev.value and _DAY_VALUE.match(prev.value)
                and re.fullmatch(r",\s*", text[prev.end:c.start])):
            # "Oct. 12, the day before the plunge": an apposition naming that same day; 'the day' is the timex
            c.end = c.start + len(re.match(r"\w+\s+day", text[c.start:c.end]).group())
            c.value, c.anchor = prev.value, "text"
            continue
        step = {"following": 1, "next": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1, "prior": -1}.get(
            (m.group("rel") or m.group("dir") or "same").lower(), 0)
        day_level = unit in ("day", "morning", "evening", "night", "week")
        prior = None
        for p in reversed(cands[:i]):
            if p.type in ("DATE", "TIME") and p.value and p.rule != "anaphoric" and re.match(r"\d{4}", p.value):
                if day_level and not _DAY_VALUE.match(p.value[:10]):
                    continue
                prior = p
                break
        if prior is None:
            continue
        v = prior.value.split("/")[0]
        y = int(v[:4])
        if unit == "year":
            c.value = str(y + step)
        elif unit == "month":
            mm = re.match(r"\d{4}-(\d{2})", v)
            if mm is None:
                continue
            x = shift(dt.date(y, int(mm.group(1)), 1), months=step)
            c.value = f"{x.year}-{x.month:02d}"
        else:
            day = dt.date.fromisoformat(v[:10])
            if unit == "week":
                c.value = week_value(day + dt.timedelta(weeks=step))
            else:
                day = day + dt.timedelta(days=step)
                c.value = day.isoformat() + (f"T{_PART_OF_DAY[unit][1:]}" if unit in _PART_OF_DAY else "")
                if unit in _PART_OF_DAY:
                    c.type = "TIME"
        c.anchor = "text"


_STORY_DAY_REACH = 1000   # characters back to the day a market report last named


def _story_day(cands: list[Candidate], dct: Optional[dt.date] = None) -> None:
    """"to end the day", "later in the day": the day the text last named, when it named one shortly
    before (a market report on Monday's trading, published Tuesday) and not after the DCT (a day
    reported on, not one planned); else the DCT the rule gave.  "the previous Friday": the Friday
    before that day."""
    for i, c in enumerate(cands):
        if c.rule not in ("the_day", "prev_weekday") or c.value is None:
            continue
        for p in reversed(cands[:i]):
            if p.end < c.start - _STORY_DAY_REACH:
                break
            if (p.type in ("DATE", "TIME") and p.value and _DAY_VALUE.match(p.value[:10]) and "/" not in p.value
                    and p.rule != "clock"):     # a clock time's day is settled later, from the days around it
                day = dt.date.fromisoformat(p.value[:10])
                if dct is not None and day > dct:
                    continue
                if c.rule == "prev_weekday":
                    weekday = dt.date.fromisoformat(c.value).weekday()
                    day -= dt.timedelta(days=(day.weekday() - weekday) % 7 or 7)
                c.value = day.isoformat()
                c.anchor = "text"
                break


def _trim_doc_bounds(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        s, e = c.start, c.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            c.start, c.end = s, e
            out.append(c)
    return out


def extract_timexes(text: str, dct: str | None, *, doc: Optional[Doc] = None,
                    resolve_events: bool = True) -> list[TimeRef]:
    """Time expressions in ``text``, normalised to TIMEX3 values anchored on ``dct``.

    Offsets are exact character offsets into ``text``.  ``doc`` (a parsed spaCy Doc of the same
    text) lets the tense of governing verbs decide weekday and month references.
    ``resolve_events=False`` leaves out expressions anchored on events ("a week after the
    Biden-Putin virtual summit", "two days after the summit").
    """
    if doc is not None and doc.text != text:
        doc = None
    return _extract_timexes(text, dct, doc, resolve_events)


def _extract_timexes(text: str, dct: str | None, doc: Optional[Doc], resolve_events: bool = True) -> list[TimeRef]:
    """:func:`extract_timexes` for a ``doc`` known to be of ``text`` (or None)."""
    if not text:
        return []
    ctx = Context(text, parse_dct(dct), make_tense_finder(text, doc), _clause_future(text), _noun_tense_finder(doc))
    cands = list(find_candidates(ctx))
    if resolve_events:
        cands.extend(event_candidates(ctx))
    chosen = _select(_trim_doc_bounds(text, cands))
    _extend_modifiers(text, chosen)
    _reference_quarters(text, chosen)
    _resolve_anaphora(text, chosen)
    _story_day(chosen, ctx.dct)
    anchored = in_text_event_candidates(text, chosen) if resolve_events else []
    if anchored:
        chosen = _select([c for c in chosen if not any(c.start < a.end and a.start < c.end for a in anchored)]
                         + anchored)
    chosen = _anchor_times(text, _join_ranges(text, chosen))
    return [
        TimeRef(start=c.start, end=c.end, text=text[c.start:c.end], type=c.type, value=c.value,
                anchor=c.anchor if c.value else None, inferred=c.inferred)
        for c in chosen
    ]


# ---------------------------------------------------------------- spaCy component and JSONL

class TimexComponent:
    """Pipeline component: ``doc._.timexes`` = TimeRef dicts for ``doc.text`` anchored on ``doc._.dct``,
    and the same expressions as Spans in ``doc.spans[SPAN_KEY]``."""

    def __init__(self, nlp: Language, name: str, *, resolve_events: bool = True):
        self.name = name
        self.resolve_events = resolve_events

    def __call__(self, doc: Doc) -> Doc:
        timexes = _extract_timexes(doc.text, doc._.dct, doc, self.resolve_events)
        doc._.timexes = [t.to_dict() for t in timexes]
        doc.spans[SPAN_KEY] = timex_spans(doc, timexes)
        return doc


def timex_spans(doc: Doc, timexes: Iterable[TimeRef]) -> list[Span]:
    """Spans of ``doc`` for time expressions (widened to whole tokens): label the TIMEX3 type,
    ``kb_id_`` the value ("" when unresolved)."""
    spans = []
    for t in timexes:
        span = doc.char_span(t.start, t.end, label=t.type, kb_id=t.value or "", alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


@Language.factory("storyline_timex", assigns=["doc._.timexes", "doc.spans"], requires=["doc._.dct"],
                  default_config={"resolve_events": True})
def make_timex_component(nlp: Language, name: str, resolve_events: bool) -> TimexComponent:
    return TimexComponent(nlp, name, resolve_events=resolve_events)


def _out(t: dict) -> dict:
    return {k: t[k] for k in ("start", "end", "text", "type", "value")}


def timex_jsonl(records: Iterable[dict], *, model: Optional[str] = None, batch_size: int = 32) -> Iterator[dict]:
    """``storyline timex``: ``{id, text, dct}`` records in, ``{id, timexes: [...]}`` out, in input order;
    a record with ``error``, without text, or whose analysis fails gives ``{id, timexes: [], error}``."""
    from ..nlp import annotate_records, load_nlp

    def make_doc(nlp, record: dict):
        doc = nlp.make_doc(record["text"])
        doc._.dct = record.get("dct")
        return doc

    return annotate_records(records, load=lambda: load_nlp(model, components=("storyline_timex",)),
                            field="timexes", make_doc=make_doc,
                            extract=lambda doc: [_out(t) for t in doc._.timexes or []], batch_size=batch_size)
