"""Cues of an act not told as fact that the clause chain of :mod:`.assess` does not see by itself.

:func:`assess.modality` walks from the trigger's clause up through the clauses that govern it; these
cues hang on the words between two clauses or beside the trigger:

- a *supposition noun* that governs the clause ("rumours that Gaddafi was seeking a deal", "the
  possibility that rebels executed prisoners") or is the subject of the copula that introduces it
  ("the fear among his foes is that he intends to lead an insurgency"): ``predicted``;
- an *allegation* verb that governs the clause ("officials alleged that the group carried out
  attacks"): ``alleged`` (a report verb that does not vouch for what it reports);
- an act told as a gerund that is the *topic* of talk ("she said about the U.S. seizing BP", "asked
  about NATO arming the rebels"): ``hypothetical`` (what is talked about is not told as done);
- the to-infinitive of a *plan noun* ("developed plans to crush protests", "a plot to kill the
  leader"): ``intended`` (the plan's content is not told as done);
- a *schedule* or expectation over the clause ("was due to meet", "is set to attack", "are expected
  to vote"): ``predicted`` (:func:`scheduled`);
- a *habitual span* on the clause ("for years they accused ...", "pledged several times to ..."):
  ``generic`` (:func:`habitual`);
- a *time clause* in the present tense under a future or modal clause ("once the US withdraws",
  "until he bows out", "when talks resume, they will ..."): ``predicted`` (:func:`future_time_clause`);
- an *open choice* the clause leaves ("deciding whether to send troops"): ``hypothetical``
  (:func:`open_choice`).

Cue words are data (``data/events/modality.json``: ``speculation_nouns``,
``allegation_report_verbs``, ``topic_preps``, ``plan_nouns``, ``prediction_adjectives``,
``habitual_spans``, ``iterative_quantifiers``, ``iterative_nouns``, ``time_marks``).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

__all__ = ["between_clauses", "topic_gerund", "scheduled", "habitual", "future_time_clause", "open_choice"]

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
    if child.dep_ in _COPULA_CLAUSE and _lemma(head) == "be":
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _supposition_noun(subject, nouns):
            return "predicted", subject                # "the fear is that he intends to ..."
    if child.dep_ in ("ccomp", "parataxis") and _lemma(head) in cue_set("allegation_report_verbs"):
        return "alleged", head                         # "officials alleged that ..."
    if child.dep_ == "acl" and _to_infinitive(child) and head.pos_ == "NOUN" and (
            _lemma(head) in cue_set("plan_nouns") or head.lower_ in cue_set("plan_nouns")):
        return "intended", head                        # "developed plans to crush protests"
    return None


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def scheduled(verb: Token, cue_set) -> Optional[Token]:
    """The word of a schedule or expectation that governs ``verb``'s to-infinitive ("due to meet",
    "is scheduled to meet", "are set to attack", "is expected to vote"): the verb itself (passive) or
    its adjective complement, when a to-infinitive hangs on either; else None.  An active "X expected
    to strike" is X's own plan."""
    words = cue_set("prediction_adjectives")
    for cand in [verb] + [c for c in verb.children if c.dep_ in ("acomp", "oprd")]:
        if not (cand.lower_ in words or _lemma(cand) in words):
            continue
        if cand is verb and verb.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            continue   # "the US expected to conduct more strikes": its own plan, not others' forecast
        if any(c.dep_ == "xcomp" and _to_infinitive(c) for c in list(cand.children) + list(verb.children)):
            return cand
    return None


def habitual(verb: Token, cue_set) -> Optional[Token]:
    """The phrase that makes ``verb``'s act a habit or a long span rather than one act: "for years",
    "for decades" (no number: "for two years" is one span), "several times", "many times"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for span in c.children:
                if span.dep_ == "pobj" and span.lower_ in cue_set("habitual_spans") and not any(
                        g.dep_ == "nummod" or g.like_num for g in span.children):
                    return span
        if c.dep_ in ("npadvmod", "advmod", "dobj") and c.lower_ in cue_set("iterative_nouns") and any(
                g.lower_ in cue_set("iterative_quantifiers") for g in c.children):
            return c
    return None


def future_time_clause(child: Token, head: Token, cue_set) -> Optional[Token]:
    """The mark of a time clause ``child`` told in the present tense under a clause ``head`` that looks
    ahead (a future or modal auxiliary, or an imperative): "once the US withdraws, they will attack",
    "until he bows out", "when the talks resume, we will"; else None."""
    if child.dep_ != "advcl" or child.tag_ not in ("VBZ", "VBP"):
        return None
    mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ in cue_set("time_marks")), None)
    if mark is None:
        return None
    ahead = cue_set("future_aux") | cue_set("hypothetical_aux") | cue_set("prediction_aux") | cue_set("obligation_aux")
    looks_ahead = any(c.dep_ == "aux" and c.lower_ in ahead for c in head.children) or (
        head.tag_ == "VB" and head.dep_ == "ROOT" and not any(c.dep_ == "aux" for c in head.children))
    return mark if looks_ahead else None


def open_choice(verb: Token, cue_set) -> Optional[Token]:
    """The "whether" or "if" of a complement ``verb`` governs that leaves the act open ("deciding
    whether to send troops", "weighing if it should strike"), else None."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp"):
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in ("whether", "if")), None)
            if mark is not None:
                return mark
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
