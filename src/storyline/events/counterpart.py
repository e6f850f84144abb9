"""Whether a coded event has the parties its type needs (#15): a meeting needs someone met, an act
needs an actor that acts.

:func:`weakening` names the features that weaken a coded event's confidence:

- ``no_counterpart``: a CONSULT (or a plan to visit) told by a verb or noun of travel
  (``travel_verbs``: tour, travel, trip, depart ...) whose target is no foreign place or state and
  no counterpart met ("toured the coastline", "travelled to New Orleans", "departs the White
  House"); PLOVER codes a visit abroad as CONSULT with the host as target.  A CONSULT whose only
  hearers are an audience ("spoke to reporters", "speaking to graduates": a statement) or which has
  no target and a single actor ("talking about BP") has no counterpart either;
- ``no_agent``: the clause's subject is a natural force, a substance, a thing or a process
  (``inanimate_agents``: "the storm killed", "the oil disperses", "shares fell"), not an actor,
  whatever actor coreference or context put in its place.

The events stay in the store, under the threshold.  Word classes are data
(``data/events/word_sets.json``), their weights those of :mod:`storyline.events.confidence`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .confidence import weights
from .lexicon import word_set

__all__ = ["weakening", "audience", "foreign_or_met", "foreign_place", "travel", "with_someone"]

_CONSULT = "CONSULT"
#: CAMEO codes of a planned visit or meeting (036 "express intent to meet")
_PLAN_MEET = "036"


def travel(trigger: Token) -> bool:
    return trigger.lemma_.lower() in word_set("travel_verbs") or trigger.lower_ in word_set("travel_verbs")


def _codes(actors: list[dict]) -> set:
    return {a.get("code") for a in actors if a.get("code")}


def foreign_or_met(source: list[dict], target: list[dict]) -> bool:
    """A target of another country than the source's: a foreign state, place or official (a
    company, coded by its sector, is no host); with an uncoded source any coded state or place."""
    own, private = _codes(source), set(weights()["private_sectors"])
    return any(a.get("code") and a["code"] not in own and a["code"] not in private
               and a.get("sector") not in private for a in target)


def audience(actor: dict) -> bool:
    text = (actor.get("text") or "").lower().split()
    head = text[-1] if text else ""
    return head in word_set("audience_nouns") or (actor.get("sector") in word_set("audience_sectors")
                                                   and not actor.get("name"))


def _no_counterpart(record: dict, trigger: Token) -> bool:
    kind, code = record["event_type"], record.get("cameo") or ""
    source, target = record["source"], record["target"]
    if kind != _CONSULT and not code.startswith(_PLAN_MEET):
        return False
    if travel(trigger):
        return not (foreign_or_met(source, target) or foreign_place(trigger, source, record.get("date")))
    if kind != _CONSULT:
        return False
    if target and all(audience(a) for a in target):
        return True   # "spoke to reporters": a statement
    return not target and len(source) < 2 and not with_someone(trigger) and not _members(trigger)


def with_someone(trigger: Token) -> bool:
    """"negotiating with BP", "had met and exchanged views with X": a counterpart named, though
    not resolved to an actor."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")
                                                               for g in c.children)
               for v in (trigger, *trigger.conjuncts) for c in v.children)


def _members(trigger: Token) -> bool:
    """"NATO ministers met in Berlin": a plural subject meets among itself (no object: "meeting
    resistance" is no meeting)."""
    return trigger.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in trigger.children) and any(
        c.dep_ == "nsubj" and c.tag_ == "NNS" for c in trigger.children)


def foreign_place(trigger: Token, source: list[dict], date) -> bool:
    """"a U.N. envoy arrived in neighbouring Tunisia": travel to a named place of another country
    than the source's."""
    from .context import place_code

    own = _codes(source)
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "to", "at"):
            inside = {t.i for t in c.subtree}
            for ent in trigger.doc.ents:
                if ent.label_ in ("GPE", "LOC") and ent.start in inside:
                    code = place_code(ent.text, date)
                    if code and code not in own:
                        return True
    return False


def _subjects(head: Token) -> list[Token]:
    """The noun subjects of a clause ("leaked crude and killed animals": a conjunct shares its
    first verb's subject)."""
    while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = head.head
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if head.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in subjects):
        subjects.append(head.head)   # "the disaster, which killed countless animals"
    return [t for t in subjects if t.pos_ == "NOUN"]


def _covers(actor: dict, tokens: set) -> bool:
    start = actor.get("token_start", actor.get("root"))
    if start is None:
        return True   # found by coreference or context: no position to check
    end = max(actor.get("token_end") or start + 1, (actor.get("root") or start) + 1)
    return any(i in tokens for i in range(start, end))


def _inanimate(anchor: Token, trigger: Token, own: list[dict]) -> bool:
    """The clause's subject is a thing, not an actor: a noun of the ``inanimate_agents`` class, or
    a common-noun subject in which the coder found no actor while its only sources are places the
    parser also hung on the verb (a dateline: "NEW ORLEANS -- A cement plug has killed the well")."""
    things = word_set("inanimate_agents")
    places = bool(own) and all(a.get("kind") in ("country", "place") and not a.get("sector") for a in own)
    for head in {anchor.i: anchor, trigger.i: trigger}.values():
        for subj in (_subjects(head) if head.pos_ in ("VERB", "AUX") else []):
            if subj.lemma_.lower() in things or subj.lower_ in things:
                return True
            if (not own or places) and not any(_covers(a, {t.i for t in subj.subtree}) for a in own):
                return True
    return False


def weakening(record: dict, trigger: Token, anchor: Token, own: list[dict]) -> list[str]:
    """The features that weaken the event (their weights are the confidence model's): no
    counterpart met, no acting agent (``own``: the source actors the sentence coder found, before
    context filled any in)."""
    out = []
    if _no_counterpart(record, trigger):
        out.append("no counterpart")
    if _inanimate(anchor, trigger, own):
        out.append("no agent")
    return out
