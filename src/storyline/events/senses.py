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
  no party ("warned that soaring prices pose risks", "warned it would be premature to assume", "warned
  the spill threatens ...", which the parser reads with "the spill" as the object): a pessimistic
  comment (PETRARCH's WARN patterns code these 012), not a threat; "warned they would hold the
  company responsible" and "warned that Gaddafi would face the consequences" stay;
- *a thing threatening*: the blocks of threatening (``hazard_subject_blocks``) whose subject is a
  thing, no party, weapon or force ("the spill threatens the way of life");
- *shooting in the air*: the blocks of firing (``firing_blocks``) with "in/into the air" (``sky_nouns``)
  on the verb or its object: celebratory or warning fire, no one attacked;
- *self-justification*: a verb of defending (``defend_verbs``) whose object is the actor's own
  conduct (a possessive pronoun on a thing, a gerund, a reflexive): "defended his handling of the
  crisis", "in defending giving shelter"; "defended his ally" and "defended Gaddafi" stay;
- *possession of a stance*: "have/enjoy/lack support" (``possession_verbs`` with an event noun of a
  ``possessed_types`` type) tells a state, not an act of support;
- *achievement*: "managed to arrest dozens" (``achievement_verbs`` with a to-complement): the
  complement is the act, coded on its own.

Word lists are data (``data/events/word_sets.json``).
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Token

from .lexicon import word_set

__all__ = ["no_act", "own_phrase"]

#: dependents that open a phrase or clause of their own inside a noun phrase (:func:`own_phrase`)
_PHRASE_BREAKS = frozenset({"prep", "relcl", "acl", "advcl", "ccomp", "conj", "cc"})
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


def own_phrase(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s own noun phrase, without its prepositional phrases, clauses and
    possessive pronouns ("the virus that has killed 81 people" and "his handling" name no people;
    "the British sailors" does)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in _PHRASE_BREAKS and not (c.dep_ == "poss" and c.pos_ == "PRON"):
            out.extend(own_phrase(c))
    return out


def _subject(clause: Token) -> Optional[Token]:
    """The clause's subject; for a clause with none after an object of its governing verb ("warned the
    spill threatens ...": the parser takes the clause's subject for the verb's object), that object."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None and clause.dep_ == "ccomp":
        subject = next((c for c in clause.head.children
                        if c.dep_ == "dobj" and c.right_edge.i + 1 == clause.left_edge.i), None)
    return subject


def _hazard_warning(block: str, verb: Token, party: Callable[[Token], bool]) -> bool:
    if block not in word_set("hazard_warning_blocks"):
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    subject = _subject(clause) if clause is not None else None
    if subject is None:
        return False
    if subject.lower_ == "it" and clause.lemma_.lower() == "be":
        return True   # "warned it would be premature to assume ..."
    return subject.pos_ != "PRON" and not party(subject)


def _thing_threatening(block: str, verb: Token, party: Callable[[Token], bool]) -> bool:
    """"the spill threatens the way of life", "the outbreak endangers the economy": a thing (no party,
    weapon or force) as the threatening subject is a hazard, not a threat."""
    if block not in word_set("hazard_subject_blocks") or verb.dep_ in ("amod", "acl", "relcl"):
        return False
    subject = _subject(verb)
    force = word_set("weapons") | word_set("force_nouns")
    return subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.ent_type_ == "" \
        and not party(subject) and subject.lemma_.lower() not in force


def _shot_in_the_air(block: str, verb: Token) -> bool:
    """"fired their weapons in the air", "shot into the sky": celebration or warning, no one attacked."""
    if block not in word_set("firing_blocks"):
        return False
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    return any(p.dep_ == "prep" and p.lower_ in ("in", "into") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in word_set("sky_nouns") for g in p.children)
        for h in heads for p in h.children)


def _self_defence(lemma: str, verb: Token, party: Callable[[Token], bool]) -> bool:
    """"defended his handling of the spill", "justified giving shelter", "defended himself": the actor's
    own conduct defended, a self-justification, no support given to another party."""
    if lemma not in word_set("defend_verbs"):
        return False
    objs = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    return bool(objs) and all(o.tag_ == "VBG" or o.lower_ in word_set("reflexive_pronouns") or (
        any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children) and not party(o)
        and o.lemma_.lower() not in word_set("kin_nouns")) for o in objs)


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
            or _hazard_warning(block, verb, party) or _thing_threatening(block, verb, party)
            or _shot_in_the_air(block, verb) or _self_defence(lemma, verb, party)
            or _possessed_stance(lemma, verb, noun_type) or _achieved(lemma, verb))
