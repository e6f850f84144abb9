"""Triggers that name an aim or an attempt, not an act done: dropped by :func:`storyline.events.nonevents.non_event`.

- ``purpose``: the trigger's clause is an infinitive of purpose ("lifted sanctions to help the
  transition", "will go to the polls to help restore stability", "to reassure residents", "in order
  to protect civilians"), or a clause joined to one or completing one ("to try and help", "to help
  restore"): an aim of the act of the governing clause, which is the event when it is one ("lifted
  sanctions").  The purpose is not told as done; PLOVER would flag it an intention at most.  A
  clause with its own subject ("for fighters to enter") is no bare infinitive of purpose either, but
  an infinitive whose subject is the governing clause's ("to reassure") is.
- ``attempt``: the trigger is itself a verb of attempting with a to-complement ("is trying to
  impose security", "tried to approach the house"): trying is no act of its own; the complement is
  coded on its own terms.

Kept: a speech act of ``purpose_kept_types`` ("met the Democrats to urge support": the demand is
made at the meeting), the purpose of sending ("sent advisers to support the rebels": it tells what
the sending is), and an infinitive after a ranked noun ("the first country to recognize the
rebels": a relative clause, the act done).  The coder drops what :func:`aim_not_act` names after the
sentence's candidates are known (:func:`storyline.events.record.code_doc_triggers`).  Words are data
(``data/events/modality.json``: ``attempt_verbs``, ``purpose_kept_types``, ``sending_verbs``,
``ranking_modifiers``).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .assess import cue_set

__all__ = ["purpose_clause", "attempt_trigger", "aim_not_act"]

#: links that continue a clause into the next verb of the same aim ("to try and help", "to help restore")
_CONTINUING = frozenset({"conj", "xcomp"})


def _ranked_noun_before(to: Token) -> bool:
    """Whether the word before "to" is a noun with a ranking modifier ("the first country to")."""
    if to.i == 0:
        return False
    noun = to.doc[to.i - 1]
    return noun.pos_ in ("NOUN", "PROPN") and any(
        c.lower_ in cue_set("ranking_modifiers") or c.tag_ == "JJS" for c in noun.children)


def _infinitive(verb: Token) -> bool:
    """A bare to-infinitive of purpose: "to" as its auxiliary (or "in order to", "so as to"), no
    subject, not after a ranked noun."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return False
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None:
        return not _ranked_noun_before(to)
    return any(c.dep_ == "mark" and c.lower_ in ("order", "as") for c in verb.children)


def purpose_clause(anchor: Token) -> Optional[Token]:
    """The verb of the infinitive of purpose whose clause holds ``anchor`` (the trigger's clause),
    or None (see the module's docstring)."""
    verb = anchor
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ not in ("advcl", "ROOT"):
        verb = verb.head                      # an event noun: up to the verb whose clause holds it
    for _ in range(6):
        if verb.dep_ == "advcl" and _infinitive(verb) and verb.head.i != verb.i:
            return verb
        if verb.dep_ in _CONTINUING and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        return None
    return None


def attempt_trigger(trigger: Token) -> bool:
    """Whether the trigger is a verb of attempting with a to-complement ("trying to impose")."""
    lemmas = {trigger.lemma_.lower(), trigger.lower_}
    if not lemmas & cue_set("attempt_verbs"):
        return False
    return any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in trigger.children)


def aim_not_act(ev) -> Optional[str]:
    """``"attempt"`` or ``"purpose"`` when the :class:`~storyline.events.coder.EventCandidate` ``ev``
    names an aim, not an act done (see the module's docstring), else None."""
    if attempt_trigger(ev.trigger):
        return "attempt"
    if ev.row.plover in cue_set("purpose_kept_types"):
        return None
    verb = purpose_clause(ev.anchor)
    if verb is None or verb.head.lemma_.lower() in cue_set("sending_verbs"):
        return None
    return "purpose"
