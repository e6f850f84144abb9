"""Event-anchored time expressions, resolved against a packaged table of scheduled events.

"on the sidelines of the Beijing Olympics" → ``2022-02-04/2022-02-20``; "a week after the
Biden-Putin virtual summit" → the ISO week one week after 2021-12-07 (the text's granularity is
a week).  Values found this way are ``inferred`` with ``anchor="table"``.  The table lives in
``data/timex/scheduled_events.json``.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

from .rules import LEX, NUMWORD, Candidate, Context, number_of, shift, week_value

__all__ = ["ScheduledEvent", "scheduled_events", "find_scheduled", "event_candidates"]


@dataclass(frozen=True)
class ScheduledEvent:
    name: str
    start: dt.date
    end: dt.date
    pattern: re.Pattern

    @property
    def value(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@functools.lru_cache(maxsize=1)

def offset_value(base: dt.date, n: int, unit: str) -> str:
    """The TIMEX3 value ``n`` units (day, week, month, else year) from ``base``, at that unit's granularity."""
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return week_value(base + dt.timedelta(weeks=n))
    if unit == "month":
        x = shift(base, months=n)
        return f"{x.year}-{x.month:02d}"
    return str(base.year + n)

@functools.lru_cache(maxsize=1)
def scheduled_events() -> tuple[ScheduledEvent, ...]:
    """The packaged table of scheduled events (loaded once)."""
    raw = json.loads(resources.files("storyline").joinpath("data/timex/scheduled_events.json").read_text("utf-8"))
    out = []
    for e in raw["events"]:
        pattern = re.compile(r"\b(?:" + "|".join(e["patterns"]) + r")\b", re.I)
        out.append(ScheduledEvent(e["name"], dt.date.fromisoformat(e["start"]), dt.date.fromisoformat(e["end"]), pattern))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _any_scheduled() -> re.Pattern:
    """All events' patterns in one: a text it does not match names no scheduled event."""
    return re.compile("|".join(f"(?:{e.pattern.pattern})" for e in scheduled_events()), re.I)


def find_scheduled(text: str) -> Iterator[tuple[int, int, ScheduledEvent]]:
    """Mentions of scheduled events in ``text``: ``(start, end, event)``."""
    if not _any_scheduled().search(text):
        return     # one pass over the text instead of one per event when none is named (most articles)
    for event in scheduled_events():
        for m in event.pattern.finditer(text):
            yield m.start(), m.end(), event


_DURING = re.compile(r"(?:\b(?:on\s+the\s+sidelines\s+of|during|at|in\s+the\s+course\s+of|on\s+the\s+margins\s+of)\s+)(?:the\s+)?$", re.I)
_OFFSET = re.compile(rf"\b(?P<n>\d+|{NUMWORD})\s+(?P<u>days?|weeks?|months?|years?)\s+(?P<dir>after|before|since|following|ahead\s+of|prior\s+to)\s+(?:the\s+)?$", re.I)
_EVE = re.compile(r"\bon\s+the\s+eve\s+of\s+(?:the\s+)?$", re.I)


def event_candidates(ctx: Context) -> Iterator[Candidate]:
    """Candidates for time expressions anchored on scheduled events named in the text."""
    for start, end, event in find_scheduled(ctx.text):
        if ctx.dct is not None and event.start > ctx.dct + dt.timedelta(days=400):
            continue   # the article predates the event: the name means something else
        a = max(ctx.text.rfind(". ", 0, start), ctx.text.rfind("\n", 0, start)) + 1
        b = [i for i in (ctx.text.find(". ", end), ctx.text.find("\n", end)) if i != -1]
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", ctx.text[a:min(b) if b else len(ctx.text)])}
        if years and not years & {event.start.year, event.end.year} and not any(y > event.end.year for y in years):
            continue   # the sentence dates it to another year ("July 1997 at the Madrid summit")
        before = ctx.text[max(0, start - 60):start]
        m = _OFFSET.search(before)
        if m:
            n = number_of(m.group("n"))
            if n is None or not float(n).is_integer():
                continue
            n = int(n) * (-1 if m.group("dir").lower() in ("before", "ahead of", "prior to") else 1)
            u = m.group("u").lower().rstrip("s")
            value = offset_value(event.start, n, u)
            yield Candidate(start - (len(before) - m.start()), end, "DATE", value, "table", "event", True)
            continue
        if _EVE.search(before):
            m = _EVE.search(before)
            yield Candidate(start - (len(before) - m.start()), end, "DATE",
                            (event.start - dt.timedelta(days=1)).isoformat(), "table", "event", True)
            continue
        m = _DURING.search(before)
        if m:
            the = re.search(r"the\s+$", before, re.I)
            s = start - len(the.group(0)) if the else start
            yield Candidate(s, end, "DATE", event.value, "table", "event", True)


EVENT_NOUNS = "(?:" + "|".join(w.replace(" ", r"\s+") for w in LEX["event_nouns"]) + ")"
_DATED_NOUN_AFTER = re.compile(rf"^(?:'s|’s)\s+(?:[\w-]+\s+){{0,4}}?(?P<noun>{EVENT_NOUNS})\b", re.I)
_DATED_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{EVENT_NOUNS})\s+(?:(?:held|took\s+place|was\s+held)\s+)?(?:on|of)\s+$", re.I)
_ANCHORED = re.compile(
    rf"\b(?:(?P<n>\d+|{NUMWORD})\s+(?P<u>days?|weeks?|months?|years?)\s+(?P<dir>after|before|following|ahead\s+of|prior\s+to)"
    rf"|(?P<during>on\s+the\s+sidelines\s+of|during|at|on\s+the\s+eve\s+of|on\s+the\s+margins\s+of))"
    rf"\s+(?P<np>the\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{EVENT_NOUNS}))\b", re.I)


def _noun_key(noun: str) -> str:
    return re.sub(r"\s+", " ", noun.lower()).split(" ")[-1]


def in_text_event_candidates(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Expressions anchored on events the same text dates ("Wednesday's summit … a day after the summit").

    An event noun dated by a day-level expression next to it ("Wednesday's Putin-Xi virtual summit",
    "the meeting on Feb. 4") dates later references to it: "two days after the summit",
    "on the sidelines of the meeting".  Values are ``inferred`` with ``anchor="event"``.
    """
    dated: list[tuple[int, str, dt.date, str]] = []   # (where, noun, day, the words around the dated noun)
    for c in chosen:
        if c.type != "DATE" or not c.value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value):
            continue
        m = _DATED_NOUN_AFTER.match(text[c.end:c.end + 60])
        if m:
            dated.append((c.start, _noun_key(m.group("noun")), dt.date.fromisoformat(c.value),
                          text[c.end:c.end + m.end()]))
            continue
        window = text[max(0, c.start - 40):c.start]
        m = _DATED_NOUN_BEFORE.search(window)
        if m:
            dated.append((c.start, _noun_key(m.group("noun")), dt.date.fromisoformat(c.value), window))
    if not dated:
        return []
    out: list[Candidate] = []
    for m in _ANCHORED.finditer(text):
        if any(c.start < m.end() and m.start() < c.end
               and not (c.type == "DURATION" and m.start() <= c.start and c.end <= m.end()) for c in chosen):
            continue
        key = _noun_key(m.group("noun"))
        names = re.findall(r"\b[A-Z][\w-]*", m.group("np"))
        earlier = [d for pos, k, d, words in dated if k == key and pos < m.start()
                   and all(re.search(rf"\b{re.escape(n)}\b", words) for n in names)]
        if not earlier:
            continue     # none, or a differently named one ("the Washington summit" does not date "the Madrid summit")
        base = earlier[-1]
        a = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        b = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i != -1]
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text[a:min(b) if b else len(text)])}
        if years and base.year not in years:
            continue     # its sentence dates it to another year ("in July 1997 at the summit")
        if m.group("during"):
            eve = "eve" in m.group("during").lower()
            out.append(Candidate(m.start("np"), m.end(), "DATE",
                                 (base - dt.timedelta(days=1 if eve else 0)).isoformat(), "event", "event_text", True))
            continue
        n = number_of(m.group("n"))
        if n is None or not float(n).is_integer():
            continue
        n = int(n) * (-1 if m.group("dir").lower() in ("before", "ahead of", "prior to") else 1)
        u = m.group("u").lower().rstrip("s")
        value = offset_value(base, n, u)
        out.append(Candidate(m.start(), m.end(), "DATE", value, "event", "event_text", True))
    return out
