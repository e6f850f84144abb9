"""The electoral sense of verbs of beating: "Democrats beat the incumbent governor", "the opposition
defeated the ruling party in the elections" tell a contest won, no assault (GUIDE: an election result
is no one of the 16 acts).  The sense is read from the clause: an election noun as the object or in
an in/for/by phrase of the verb ("in the parliamentary elections", "by 20 points"), or an
electoral role as the one beaten ("the incumbent governor", "the ruling party", "the challenger").
Words are data (``contest_*`` of ``word_sets.json``)."""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import word_set

__all__ = ["electoral"]

_VERBS = word_set("contest_verbs")
_NOUNS = word_set("contest_nouns")
_ROLES = word_set("contest_roles")
_MARKS = word_set("contest_marks")
_PREPS = frozenset({"in", "for", "by"})


def _contest_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in _NOUNS or tok.lower_ in _NOUNS


def _electoral_role(tok: Token) -> bool:
    """"the incumbent governor", "the sitting mayor", "the ruling party", "his challenger"."""
    if tok.lemma_.lower() in _ROLES or tok.lower_ in _ROLES:
        return True
    return any(c.dep_ in ("amod", "compound") and c.lower_ in _MARKS for c in tok.children)


def electoral(verb: Token) -> bool:
    """Whether ``verb`` (beat, defeat, ...) tells an election won rather than a fight."""
    if verb.lemma_.lower() not in _VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if any(_contest_noun(o) or _electoral_role(o) for o in objects):
        return True
    phrases = [g for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in _PREPS
               for g in p.children if g.dep_ == "pobj"]
    return any(_contest_noun(g) for g in phrases)
