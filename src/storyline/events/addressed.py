"""The side a demand or an accusation is about when the sentence tells it in a clause: "renewed its
demand that Exxon must pay" (Exxon is asked), "said they had evidence that the government planned
attacks" (the government is accused), "say Gaddafi should be tried" (Gaddafi, the one the demand
is about).

A request or accusation whose target has no code takes the subject (active or passive) of a
that-clause of its trigger, or of the event noun its trigger verb governs ("repeated a demand
that ..."); a relative clause ("the demand which he made") tells nothing of the target.  The
types are data (``clause_target_types`` of ``data/actors/context.json``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from .context import context_data

if TYPE_CHECKING:  # pragma: no cover
    from .coder import EventCandidate, SentenceCoder

__all__ = ["clause_subject", "addressed"]

#: dependencies of a that-clause on its verb or noun ("evidence (that) X did", "said X should")
_CLAUSE_DEPS = ("ccomp", "acl")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NOUN_DEPS = ("dobj", "attr", "nsubj", "nsubjpass")


def clause_subject(trigger: Token) -> Optional[Token]:
    """The subject of the first that-clause of ``trigger`` or of an event noun it governs, or None (a
    participle on a noun, "a demand made by ...", has no subject of its own)."""
    holders = [trigger] + [c for c in trigger.children if c.dep_ in _NOUN_DEPS and c.pos_ == "NOUN"]
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ not in _CLAUSE_DEPS or clause.pos_ not in ("VERB", "AUX") or clause.i < holder.i:
                continue
            subj = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None and subj.tag_ not in ("WDT", "WP", "EX"):
                return subj
    return None


def addressed(coder: "SentenceCoder", ev: "EventCandidate") -> "EventCandidate":
    """``ev`` with the subject of its trigger's that-clause as target when it has no coded one."""
    if ev.row.plover not in context_data()["clause_target_types"] or any(a.get("code") for a in ev.target):
        return ev
    subj = clause_subject(ev.trigger)
    if subj is None:
        return ev
    found = [a for a in coder.actors.subject_actors([subj]) if a.get("code")]
    own = {a.get("code") for a in ev.source}
    if not found or all(a.get("code") in own and not a.get("sector") for a in found):
        return ev   # "said they should ...": the speakers themselves
    out = coder.event(ev.row, trigger=ev.trigger, source=ev.source, target=found, negated=ev.negated,
                      intent=ev.intent, anchor=ev.anchor, rule=ev.rule)
    return out if out is not None and out.target else ev
