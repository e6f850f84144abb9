"""Coded triggers that tell no political event, recognised from the clause and the sides.

The sentence coder finds a trigger and its sides; some of these candidates are no political act
whatever the confidence model later makes of them, and :func:`non_event` names why:

- ``private``: every side is a private person or body (a sector of ``private_sectors``: ordinary
  people, scholars, doctors, farmers) or no actor at all, and at least one is such a sector: "the
  children spoke about their father", "fishermen filed suits" (the GUIDE codes no talk, suits or
  crimes between private persons; a protest, ``private_kept_types``, is coded whoever protests), all
  of one country (Swiss doctors bringing medicine to Iran is an international act);
- ``own_wish``: a verb of wanting or needing whose subject is the speaker's own "I"/"we", over a
  clause of the speaker's own doing or of the speaker's own side ("we want to thank them", "we need
  our president to lead"): a wish, no demand made of anyone;
- ``no_counterpart``: a consultation (CONSULT) coded from a PETRARCH verb block's default with
  neither a counterpart nor several parties ("Koussa, speaking publicly", "Ghanem had left his
  post"): PETRARCH codes a block default only between two actors, and a meeting needs two;
- ``thing_object``: a PETRARCH verb block's default code whose direct object is a mere thing (no
  party, place, stance or event) and with no coded target ("paid $1bn in claims", "fill the gap",
  "checked their herds"), or with no source at all ("ratings were hurt by discontent"): the block's
  default sense needs a party acting and a party acted upon.

Word lists are data (``data/events/word_sets.json``); the coder drops the candidates named here
(:func:`storyline.events.record.code_doc_triggers`): the other three by :func:`non_event`, private
happenings by :func:`private_happening` on the event's final sides (after the article's context has
given generic groups their country), with only the sources named in the sentence itself (a "they"
resolved to an earlier mention is too unsure a ground).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from . import types
from .assess import cue_set
from .lexicon import event_lexicon, word_set

__all__ = ["non_event", "private_happening"]

_PRIVATE = word_set("private_sectors")
_PRIVATE_KEPT = word_set("private_kept_types")
_OWN_WISH = word_set("own_wish_verbs")
_BLOCK_RULES = ("block_default",)
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: objects that may stand for a party: places, buildings, stances and plans (``word_sets.json``)
_PARTY_LIKE = word_set("place_nouns") | word_set("structure_nouns") | word_set("policy_nouns")
_ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def _private(side: dict) -> Optional[bool]:
    """True for a private sector, None for no actor (no code, no sector), False for any other."""
    if side.get("sector") in _PRIVATE:
        return True
    if not side.get("code") and not side.get("sector"):
        return None
    return False


def private_happening(plover: str, source: list[dict], target: list[dict]) -> bool:
    """Whether every side is private or no actor, the source at least private, none of another country
    (see the module's docstring).  An act with no named doer ("five civilians were killed") is not
    private: who did it is unknown."""
    if plover in _PRIVATE_KEPT or not any(_private(a) for a in source):
        return False
    sides = list(source) + list(target)
    kinds = [_private(a) for a in sides]
    countries = {a.get("code") for a in sides if a.get("code")}
    return False not in kinds and True in kinds and len(countries) <= 1


def own_wish(trigger: Token, source: list[dict], target: list[dict]) -> bool:
    """"we want to thank them", "we need our president to lead": a wanting verb whose subject is the
    speaker's own I or we, with a clause of the speaker's own doing or of the speaker's own side; a
    thing wanted of others stays a demand ("we need more aircraft", "we want the Americans to stay")."""
    if trigger.lemma_.lower() not in _OWN_WISH and trigger.lower_ not in _OWN_WISH:
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in trigger.children):
        return False
    clause = next((c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")), None)
    if clause is None:
        return False
    if not any(c.dep_ == "nsubj" for c in clause.children) and not any(c.dep_ == "dobj" for c in trigger.children):
        return True   # "we want to thank them": the speaker's own wish to act
    own = {a.get("code") for a in source if a.get("code")}
    others = {a.get("code") for a in target if a.get("code")}
    return not others or bool(own) and others <= own


def _several(trigger: Token, source: list[dict]) -> bool:
    """Whether the source is more than one party: several mentions or a plural noun."""
    if len(source) > 1:
        return True
    doc = trigger.doc
    for a in source:
        start, end = a.get("token_start"), a.get("token_end")
        if start is None:
            continue
        head = doc[(end or start + 1) - 1]
        if head.tag_ in _PLURAL_TAGS or head.lower_ in cue_set("opinion_subjects") - {"i", "one"}:
            return True
    return False


def no_counterpart(plover: str, rule: str, trigger: Token, source: list[dict], target: list[dict]) -> bool:
    """A block default's consultation with no counterpart and a single party."""
    return (plover == types.CONSULT and rule.startswith(_BLOCK_RULES) and not target
            and not _several(trigger, source))


def _thing(obj: Token) -> bool:
    """An object that is a mere thing: no pronoun, name, place, building, stance or event noun."""
    if obj.pos_ not in ("NOUN", "NUM", "SYM") or obj.ent_type_ in _ACTOR_ENTS:
        return False
    lemma = obj.lemma_.lower()
    nouns = event_lexicon().nouns
    return not (lemma in _PARTY_LIKE or obj.lower_ in _PARTY_LIKE or lemma in nouns or obj.lower_ in nouns)


def thing_object(rule: str, trigger: Token, target: list[dict], source: list[dict]) -> bool:
    """A block default with no coded target acting on a mere thing ("paid $1bn in claims", "checked
    the herds", "fill the gap") or with no source at all (an agentless passive or a thing as agent:
    "ratings were hurt by discontent"): PETRARCH codes a block default only between two actors.  One
    done to a coded party stays, its doer told or not."""
    if not rule.startswith(_BLOCK_RULES):
        return False
    if any(a.get("code") or a.get("sector") for a in target):
        return False  # done to a party ("the airliner was blown up by a missile"): an act, doer told or not
    if not source:
        return True
    objs = [c for c in trigger.children if c.dep_ == "dobj"]
    return bool(objs) and all(_thing(o) for o in objs)


def non_event(ev) -> Optional[str]:
    """Why the :class:`~storyline.events.coder.EventCandidate` ``ev`` tells no political event, or None."""
    plover = ev.row.plover
    if own_wish(ev.trigger, ev.source, ev.target) and plover in (types.REQUEST, types.AGREE):
        return "own_wish"
    if no_counterpart(plover, ev.rule or "", ev.trigger, ev.source, ev.target):
        return "no_counterpart"
    if thing_object(ev.rule or "", ev.trigger, ev.target, ev.source):
        return "thing_object"
    return None
