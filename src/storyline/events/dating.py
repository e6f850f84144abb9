"""When an event happened, in a named order (each event's ``date_how``):

1. ``"clause"``: a time expression in the trigger's own clause ("Putin met Xi on Friday"; "Wednesday's
   summit"), or in a relative clause when that is the trigger's ("the compound that was bombed in 1986");
2. ``"sentence"``: a time expression of a clause above the trigger's ("On Wednesday, Xi said Russia
   supported …": the supporting is told on Wednesday);
3. ``"contact"``: the day the article gives the occasion the event belongs to — the one recent contact
   (meeting, call, summit) it dates between the event's parties ("Xi and Putin met on Thursday" … "The
   leaders signed a statement"), see :func:`date_by_dated_contact`;
4. ``"article"``: the publication day, a default and no claim about the event.

A time expression attaches to the clause it governs: one in a relative clause dates that clause, not
the main clause ("people gathered at the compound that was bombed in 1986" — the gathering is not of
1986), unless the relative clause tells an event noun that frames the main clause ("In the discussion,
which lasted from 4:07 p.m., Xi said …"); one under "before", "after", "since" … places the event
relative to that time and does not date it ("just before Wednesday's summit, the Kremlin said …").
Values ``"timex"`` and ``"inferred"`` of older stores mean ``"clause"`` and ``"contact"`` (see
:data:`STATED`, :data:`DATED`).
"""
from __future__ import annotations

import collections
import functools
import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import types
from ..dates import date_interval

__all__ = ["dct_day", "after_article", "date_for", "date_by_dated_contact", "STATED", "DATED", "DEFAULTED"]

#: ``date_how`` values of a date the text states for the event (older stores: ``timex``)
STATED = frozenset({"clause", "sentence", "timex"})
#: ``date_how`` values of a date found for the event in its article, not defaulted (older stores: ``inferred``)
DATED = STATED | {"contact", "inferred"}
#: the ``date_how`` of a date defaulted to the publication day
DEFAULTED = "article"

_SKIP_TYPES = {"DURATION", "SET"}


def dct_day(dct: Optional[str]) -> Optional[str]:
    return dct[:10] if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct) else None


def after_article(value: Optional[str], dct: Optional[str]) -> bool:
    """True when a TIMEX3 value starts after the article's date (week and month values included)."""
    span, day = date_interval(value), date_interval(dct)
    return bool(span and day) and span[0] > day[1]


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    from ..timex.rules import lexicon
    from .lexicon import event_lexicon

    lex = lexicon()
    cues = lex["event_dating"]
    return {"anchor": frozenset(cues["anchor_prepositions"]), "frame": frozenset(cues["frame_prepositions"]),
            "event_nouns": frozenset(lex["event_nouns"]) | frozenset(event_lexicon().nouns),
            "earlier": re.compile(r"\b(?:" + "|".join(map(re.escape, cues["earlier_cues"])) + r")\b", re.I)}


def _specificity(value: str) -> int:
    from ..corpus.dating import specificity

    return specificity(value)


def date_for(doc: Doc, sent: Span, trigger: Token) -> dict:
    """``{"value", "text", "how"}``: the time expression that governs the trigger (how ``clause`` or
    ``sentence``), else the article's day (how ``article``), else nothing (how None)."""
    dct = dct_day(doc._.dct)
    try:
        found = _governing(doc, sent, trigger)
    except Exception:  # noqa: BLE001 - dating must never stop coding
        found = None
    if found is not None:
        return found
    return {"value": dct, "text": None, "how": DEFAULTED if dct else None}


def _governing(doc: Doc, sent: Span, trigger: Token) -> Optional[dict]:
    inside = [t for t in (doc._.timexes or [])
              if t.get("start", -1) >= sent.start_char and t.get("end", 10**12) <= sent.end_char
              and t.get("type") not in _SKIP_TYPES and re.match(r"\d", t.get("value") or "")]
    ranked = []
    for t in inside:
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if doc.has_annotation("DEP"):
            if any(a.i in range(span.start, span.end) and a != span.root for a in (trigger, *trigger.ancestors)):
                continue        # "a week after the Biden-Putin summit, wherein Putin pressed": a week, not the summit
            how, steps = _relation(span, trigger)
        else:
            how, steps = "sentence", 0
        if how is not None:
            ranked.append(((how != "clause", steps, -_specificity(t["value"]), abs(t["start"] - trigger.idx)), how, t))
    if not ranked:
        return None
    _key, how, best = min(ranked, key=lambda r: r[0])
    value = best["value"]
    if best.get("type") == "TIME" and re.match(r"\d{4}-\d{2}-\d{2}T", value):
        value = value[:10]          # events are dated to the day
    return {"value": value, "text": best.get("text"), "how": how}


def _verb(tok: Token) -> Token:
    """The nearest verb at or above ``tok`` (the sentence root when there is none)."""
    for _ in range(40):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _frames(noun: Token) -> bool:
    """Whether an event noun frames the clause it belongs to: its subject, or the object of a
    preposition of time or place ("In the discussion, which lasted …, Xi said")."""
    words = _words()
    if noun.lower_ not in words["event_nouns"] and noun.lemma_.lower() not in words["event_nouns"]:
        return False
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in words["frame"]


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a time expression dates: its own verb, or, for a relative clause on an
    event noun that frames its clause, the verb of that clause."""
    verb = _verb(tok)
    while verb.dep_ in ("relcl", "acl") and verb.head is not verb and _frames(verb.head):
        verb = _verb(verb.head)
    return verb


def _describes(verb: Token, noun: Token) -> bool:
    """Whether ``verb``'s clause tells of ``noun`` itself ("the summit, which was held on Friday", "a
    resolution passed on Thursday"), not of an act it wants ("a promise to meet on Friday")."""
    if verb.head != noun:
        return False
    return verb.dep_ == "relcl" or (verb.dep_ == "acl" and not any(
        c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in verb.children))


def _relation(span: Span, trigger: Token) -> tuple[Optional[str], int]:
    """``(how, steps)``: whether the time expression ``span`` dates ``trigger`` in its own clause, from
    a clause above it, or not at all (None); ``steps``: edges from the expression up to the dated token."""
    anchor = _words()["anchor"]
    main = _verb(trigger)
    tok, steps, verbs = span.root, 0, []
    for _ in range(40):
        if tok == trigger and trigger != main:      # "Wednesday's summit", "the meeting on Thursday"
            return ("clause" if all(_describes(v, trigger) for v in verbs) else None), steps
        outside = tok.i not in range(span.start, span.end)
        if outside and tok.lower_ in anchor and tok.dep_ in ("prep", "mark", "advmod"):
            return None, steps      # "before Wednesday's summit": relative to the time, not at it
        if outside and tok.pos_ in ("VERB", "AUX"):
            verbs.append(tok)
        if tok.head is tok or tok == main:
            break
        tok, steps = tok.head, steps + 1
    verb = _clause_verb(span.root)
    if verb == main:
        return "clause", steps
    if verb in main.ancestors:
        return "sentence", steps
    return None, steps


#: the contact a sentence may be told inside of
_CONTACT_RE = re.compile(r"\b(?:in|during|at|after|on|from|via) (?:the|their|this|that|a|an) (?:\w+ ){0,2}"
                         r"(?:call|conversation|meeting|summit|talks|visit|videoconference|conference)\b", re.I)


def _coded_parties(ev: dict) -> frozenset:
    return frozenset(a["code"] for a in ev["source"] + ev["target"] if a.get("code"))


def _dated_contacts(events: list[dict]) -> dict[frozenset, set[str]]:
    """The article's recent contacts dated by its text: parties -> days."""
    dated: dict[frozenset, set[str]] = collections.defaultdict(set)
    for ev in events:
        iv = date_interval(ev["date"])
        if (ev["event_type"] == types.CONSULT and ev["date_how"] in STATED and iv and iv[2] == 3
                and len(_coded_parties(ev)) >= 2 and not (ev["intent"] or ev["negated"] or ev["background"])):
            dated[_coded_parties(ev)].add(ev["date"])
    return dated


def _occasion_day(members: list[dict], dated: dict[frozenset, set[str]]) -> Optional[str]:
    """The one day of the dated contact a sentence's undated events belong to, if any: a contact the
    sentence tells (CONSULT or "in the call") between those parties, or acts whose coded parties all
    take part in it ("The leaders signed a statement", "Putin won support from Xi")."""
    sentence = members[0]["sentence"]
    if _words()["earlier"].search(sentence):
        return None                 # "China has previously promised its support": before the occasion
    told = [ev for ev in members if ev["event_type"] == types.CONSULT and not (ev["intent"] or ev["negated"])
            and any(len(_coded_parties(ev) & key) >= 2 for key in dated)]
    contact_told = bool(told) or bool(_CONTACT_RE.search(sentence))
    days: set[str] = set()
    for ev in members:
        parties = _coded_parties(ev)
        if len(parties) >= 2 or (parties and contact_told):
            days |= {d for key, ds in dated.items() if parties <= key for d in ds}
    return days.pop() if len(days) == 1 else None


def date_by_dated_contact(events: list[dict]) -> list[dict]:
    """Event-anchored dating inside one article (step 3, ``date_how`` ``contact``): the events of a
    sentence with no date of its own that belong to a contact the article dates elsewhere — "Xi hailed
    relations in a video call with Putin" after "Wednesday's Putin-Xi virtual summit", "Russia and China
    pledged …" after "Putin and Xi met in Beijing on Thursday" — take that day, when the article dates
    exactly one recent contact between those parties."""
    dated = _dated_contacts(events)
    if not dated:
        return events
    by_sentence: dict[int, list[dict]] = collections.defaultdict(list)
    for ev in events:
        by_sentence[ev["start"]].append(ev)
    for members in by_sentence.values():
        members = [ev for ev in members if ev["date_how"] == DEFAULTED]
        if not members:
            continue
        day = _occasion_day(members, dated)
        if day is None:
            continue
        for ev in members:
            parties = _coded_parties(ev)
            if parties and any(parties <= key for key in dated):
                ev.update(date=day, date_text=None, date_how="contact")
    return events
