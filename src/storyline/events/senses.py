"""Trigger senses: a verb the lexicon codes that does not carry an act in its sentence.

:func:`no_act` is one of the trigger rules of :mod:`.triggers` (``sense``).  Each test reads the
verb's PETRARCH verb block (the block names of ``CAMEO.verbpatterns``: a block groups verbs of one
sense, "meet_people", "confer", "encircle") or its phrase, not single words:

- *encounter without a person*: the blocks of meeting (``person_object_blocks``: the object or the
  "with"/"to" phrase is who is met) and of conferring (``person_prep_blocks``: the "with"/"to"
  phrase; the object is the topic, "discussed aid") code a meeting only with someone met; one that
  is no person or party is another sense ("met fierce resistance", "met his end", "meet the basic
  needs");
- *surrounded by things*: the blocks of encircling (``actor_agent_blocks``) in the passive with an
  agent that is no party, people, weapon or force (``force_nouns``: "a town surrounded by oil
  fields") tell where something lies;
- *warning of a hazard*: the blocks of warning (``hazard_warning_blocks``) with a that-clause about
  no party ("warned that soaring prices pose risks", "warned it would be premature to assume"): a
  pessimistic comment (PETRARCH's WARN patterns code these 012), not a threat; "warned they would
  hold the company responsible" and "warned that Gaddafi would face the consequences" stay;
- *possession of a stance*: "have/enjoy/lack support" (``possession_verbs`` with an event noun of a
  ``possessed_types`` type) tells a state, not an act of support;
- *achievement*: "managed to arrest dozens" (``achievement_verbs`` with a to-complement): the
  complement is the act, coded on its own.

Word lists are data (``data/events/word_sets.json``).
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from .lexicon import word_set

__all__ = ["no_act"]

#: prepositions that name who is met or spoken to
_COUNTERPART_PREPS = frozenset({"with", "to"})


def _counterparts(verb: Token, objects: bool) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ == "dobj"] if objects else []
    return objs + [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _COUNTERPART_PREPS
                   for g in c.children if g.dep_ == "pobj"]


def _encounter_without_person(block: str, verb: Token, person: Callable[[Token], bool]) -> bool:
    objects = block in word_set("person_object_blocks")
    if not objects and block not in word_set("person_prep_blocks"):
        return False
    met = _counterparts(verb, objects)
    return bool(met) and not any(person(m) for m in met)


def _surrounded_by_things(block: str, verb: Token, party: Callable[[Token], bool]) -> bool:
    if block not in word_set("actor_agent_blocks"):
        return False
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    agents += [c for a in agents for c in a.conjuncts]
    force = word_set("weapons") | word_set("force_nouns")
    return bool(agents) and not any(party(a) or a.lemma_.lower() in force for a in agents)


def _hazard_warning(block: str, verb: Token, party: Callable[[Token], bool]) -> bool:
    if block not in word_set("hazard_warning_blocks"):
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None) \
        if clause is not None else None
    if subject is None:
        return False
    if subject.lower_ == "it" and clause.lemma_.lower() == "be":
        return True   # "warned it would be premature to assume ..."
    return subject.pos_ != "PRON" and not party(subject)


def _possessed_stance(lemma: str, verb: Token, noun_type: Callable[[Token], str]) -> bool:
    if lemma not in word_set("possession_verbs"):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objs) and all(noun_type(o) in word_set("possessed_types") for o in objs)


def _achieved(lemma: str, verb: Token) -> bool:
    return lemma in word_set("achievement_verbs") and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)


def no_act(verb: Token, lemma: str, block: str, *, person: Callable[[Token], bool],
           party: Callable[[Token], bool], noun_type: Callable[[Token], str]) -> bool:
    """Whether ``verb`` (lemma ``lemma``, PETRARCH block ``block``) carries no act in its sentence (see
    the module's docstring).  ``person(tok)``: the token may name someone met (no mere thing, event,
    stance or place); ``party(tok)``: it names a party or people; ``noun_type(tok)``: the PLOVER type
    of an event noun ("" for none)."""
    return (_encounter_without_person(block, verb, person) or _surrounded_by_things(block, verb, party)
            or _hazard_warning(block, verb, party)
            or _possessed_stance(lemma, verb, noun_type) or _achieved(lemma, verb))
