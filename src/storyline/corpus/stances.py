"""Actors' stated positions on issues: "Russia and China oppose NATO enlargement", each with evidence.

Two sources of evidence:

- quotes: the speaker's codes (``RUS,CHN`` for a joint speaker), the issues the quoted or reported
  words mention (``data/framing/issues.tsv``) and the position cue nearest before each issue mention
  in the same clause (``data/framing/stance_cues.tsv``: oppose, condemn, support, demand);
- events: the source actors' codes, the issues in the event sentence, and a position from the cue
  words, else from the PLOVER type (SUPPORT/AGREE → support, REJECT → oppose, ACCUSE/PROTEST → condemn,
  REQUEST → demand).

One stance per (actor, issue, position), with the first evidence in corpus order and a count.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Optional, Sequence

from ..model import Event, Quote, Stance, StanceEvidence

__all__ = ["extract_stances", "issue_table", "positions_in"]

_EVENT_POSITION = {
    "SUPPORT": "support", "AGREE": "support", "COOPERATE": "support", "AID": "support",
    "REJECT": "oppose", "ACCUSE": "condemn", "PROTEST": "condemn", "THREATEN": "oppose",
    "SANCTION": "oppose", "REQUEST": "demand",
}
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s|,\s+(?:but|while|whereas)\b|\bwhich\b")
#: an issue named as the place of something ("an insurrection in Ukraine's east", "peace in the Middle
#: East") is not what the position is about
_PLACE_BEFORE = re.compile(r"\b(?:in|inside|near|across|throughout|within)\s+(?:the\s+)?$", re.IGNORECASE)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("storyline").joinpath(f"data/framing/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def issue_table() -> tuple[tuple[str, re.Pattern], ...]:
    """(issue label, compiled pattern) pairs from ``issues.tsv``."""
    return tuple((row[0].strip(), re.compile(row[1].strip(), re.IGNORECASE))
                 for row in _rows("issues.tsv") if len(row) >= 2)


@functools.lru_cache(maxsize=1)
def _position_cues() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(row[0].strip(), re.IGNORECASE), row[1].strip())
                 for row in _rows("stance_cues.tsv") if len(row) >= 2)


def positions_in(text: str) -> list[tuple[str, str, int, int]]:
    """``(issue, position, start, end)`` for each issue mention with a position cue before it in its clause."""
    out = []
    for issue, pattern in issue_table():
        for m in pattern.finditer(text):
            if _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            clause_start = 0
            for b in _CLAUSE_BREAK.finditer(text, 0, m.start()):
                clause_start = b.end()
            window = text[max(clause_start, m.start() - 100): m.start()]
            best: Optional[tuple[int, str]] = None
            for cue_re, position in _position_cues():
                for c in cue_re.finditer(window):
                    if best is None or c.start() > best[0]:
                        best = (c.start(), position)
            if best is not None:
                out.append((issue, best[1], m.start(), m.end()))
                break              # one stance per issue per text
    return out


def _codes(value: Optional[str]) -> list[str]:
    return [c for c in (value or "").split(",") if c and c.isupper()]


def stance_hits(quotes: Sequence[Quote], events: Sequence[Event]) -> dict:
    """One article's share of :func:`extract_stances`, JSON-ready: ``[actor, issue, position, [article id,
    start, end, text]]`` of each stance its quotes state and of each its events state, in order."""
    quote_hits, event_hits = [], []
    for q in sorted(quotes, key=lambda q: (q.article_id, q.start)):
        actors = _codes(q.speaker_code)
        if not actors:
            continue
        text = q.text or ""
        lead = f"{q.cue or ''} " if q.kind != "direct" else ""
        for issue, position, _s, _e in positions_in(lead + text):
            quote_hits += [[actor, issue, position, [q.article_id, q.start, q.end, text]] for actor in actors]
    for ev in sorted(events, key=lambda e: (e.article_id, e.start)):
        actors = [a.code for a in ev.source if a.code]
        if not actors or ev.negated:
            continue
        sentence = ev.sentence or ""
        trigger_at = sentence.lower().find((ev.trigger or "").lower()) if ev.trigger else -1
        if trigger_at < 0:
            continue
        # the position cue is the trigger or follows it: "Russia backs the One-China policy"
        stated = positions_in(sentence[trigger_at:])
        if not stated and ev.event_type in _EVENT_POSITION:
            # else the event type, for an issue named in the event's target ("accused AUKUS")
            target = " ".join(a.text or "" for a in ev.target)
            stated = [(issue, _EVENT_POSITION[ev.event_type], 0, 0)
                      for issue, pattern in issue_table() if pattern.search(target)]
        for issue, position, _s, _e in stated:
            event_hits += [[actor, issue, position, [ev.article_id, ev.start, ev.end, sentence]]
                           for actor in dict.fromkeys(actors)]
    return {"quotes": quote_hits, "events": event_hits}


def stances_from_hits(parts: Sequence[dict]) -> list[Stance]:
    """The stances from the articles' shares (:func:`stance_hits`, in article id order): the quotes'
    first, then the events'; each stance keeps its first evidence and counts the others."""
    found: dict[tuple[str, str, str], Stance] = {}
    for side in ("quotes", "events"):
        for part in parts:
            for actor, issue, position, evidence in part[side]:
                key = (actor, issue, position)
                if key in found:
                    found[key] = found[key].replace(count=found[key].count + 1)
                else:
                    found[key] = Stance(actor=actor, issue=issue, position=position,
                                        evidence=StanceEvidence(*evidence))
    return sorted(found.values(), key=lambda s: (s.actor, s.issue, s.position))


def extract_stances(events: Sequence[Event], quotes: Sequence[Quote]) -> list[Stance]:
    """:class:`~storyline.model.Stance` records (actor, issue, position, first evidence, count), sorted."""
    by_article: dict[str, tuple[list, list]] = {}
    for q in quotes:
        by_article.setdefault(q.article_id, ([], []))[0].append(q)
    for ev in events:
        by_article.setdefault(ev.article_id, ([], []))[1].append(ev)
    return stances_from_hits([stance_hits(*by_article[a]) for a in sorted(by_article)])
