"""Cues of an act not told as fact that the clause chain of :mod:`.assess` does not see by itself.

:func:`assess.modality` walks from the trigger's clause up through the clauses that govern it; these
cues hang on the words between two clauses or beside the trigger:

- a *supposition noun* that governs the clause ("rumours that Gaddafi was seeking a deal", "the
  possibility that rebels executed prisoners") or is the subject of the copula that introduces it
  ("the fear among his foes is that he intends to lead an insurgency"): ``predicted``;
- a *plan noun* whose infinitive clause holds the act ("had drawn up plans to crush the protests by
  killing civilians", "a plot to kill the king"): ``intended`` (planned, not told as done);
- an *allegation* verb that governs the clause ("officials alleged that the group carried out
  attacks"): ``alleged`` (a report verb that does not vouch for what it reports);
- an act told as a gerund that is the *topic* of talk ("she said about the U.S. seizing BP", "asked
  about NATO arming the rebels"): ``hypothetical`` (what is talked about is not told as done).

Cue words are data (``data/events/modality.json``: ``speculation_nouns``, ``plan_nouns``,
``allegation_report_verbs``, ``topic_preps``).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

__all__ = ["between_clauses", "topic_gerund"]

#: links from a clause to the noun it completes or modifies
_NOUN_CLAUSE = frozenset({"acl", "ccomp", "appos", "relcl"})
#: copular links from "is" to the clause it introduces ("the fear is that ...")
_COPULA_CLAUSE = frozenset({"ccomp", "attr", "advcl"})


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _supposition_noun(tok: Token, nouns: frozenset) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (_lemma(tok) in nouns or tok.lower_ in nouns)


def between_clauses(child: Token, cue_set) -> Optional[tuple[str, Token]]:
    """The modality (name, cue word) the link from clause ``child`` to what governs it gives, beyond
    the governing verb's own cues, or None.  ``cue_set``: :func:`assess.cue_set`."""
    head = child.head
    if head.i == child.i:
        return None
    nouns = cue_set("speculation_nouns")
    if child.dep_ in _NOUN_CLAUSE and child.dep_ != "relcl" and _supposition_noun(head, nouns):
        return "predicted", head                       # "rumours that he was seeking a deal"
    if child.dep_ == "acl" and _supposition_noun(head, cue_set("plan_nouns")):
        return "intended", head                        # "plans to crush the protests"
    if child.dep_ in _COPULA_CLAUSE and _lemma(head) == "be":
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _supposition_noun(subject, nouns):
            return "predicted", subject                # "the fear is that he intends to ..."
    if child.dep_ in ("ccomp", "parataxis") and _lemma(head) in cue_set("allegation_report_verbs"):
        return "alleged", head                         # "officials alleged that ..."
    return None


def topic_gerund(trigger: Token, cue_set) -> Optional[Token]:
    """The preposition when ``trigger`` is a gerund (or the participle of a noun) under a topic
    preposition ("about the U.S. seizing BP", "about arming the rebels"), else None."""
    if trigger.tag_ != "VBG":
        return None
    tok = trigger
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.dep_ == "prep" and head.lower_ in cue_set("topic_preps") and tok.dep_ in ("pcomp", "pobj", "acl"):
            return head
        if tok.dep_ == "acl" and head.dep_ == "pobj":
            tok = head                                 # "about [the U.S.] seizing": the participle's noun
            continue
        if tok.dep_ in ("pcomp", "pobj") and head.dep_ == "prep":
            return head if head.lower_ in cue_set("topic_preps") else None
        return None
    return None
