"""Coded triggers that tell no political event, recognised from the clause and the sides.

The sentence coder finds a trigger and its sides; some of these candidates are no political act
whatever the confidence model later makes of them, and :func:`non_event` names why:

- ``private``: every side is a private person or body (a sector of ``private_sectors``: ordinary
  people, scholars, doctors, farmers) or no actor at all, and at least one is such a sector: "the
  children spoke about their father", "fishermen filed suits" (the GUIDE codes no talk, suits or
  crimes between private persons; a protest, ``private_kept_types``, is coded whoever protests), all
  of one country (Swiss doctors bringing medicine to Iran is an international act).  A company
  (``company_sectors``) with private persons counts as private, and its home country does not make
  the act international: "a fisherman sued BP", "BP will honour claims from residents" (the GUIDE
  codes a company only when it acts toward a political actor, or one toward it); a company acting
  toward no one named stays ("BP agreed to put $20bn in a fund": its counterpart may be political);
- ``own_wish``: a verb of wanting or needing whose subject is the speaker's own "I"/"we", over a
  clause of the speaker's own doing or of the speaker's own side ("we want to thank them", "we need
  our president to lead"): a wish, no demand made of anyone;
- ``no_counterpart``: a consultation (CONSULT) coded from a PETRARCH verb block's default with
  neither a counterpart nor several parties ("Koussa, speaking publicly", "Ghanem had left his
  post"): PETRARCH codes a block default only between two actors, and a meeting needs two;
- ``thing_object``: a PETRARCH verb block's default code whose direct object is a mere thing (no
  party, place, stance or event) and with no coded target ("paid $1bn in claims", "fill the gap",
  "checked their herds"), or with no source at all ("ratings were hurt by discontent"): the block's
  default sense needs a party acting and a party acted upon;
- ``background_relative``: the trigger's clause is a relative clause (or a participle after a
  noun) that tells a lasting state of its noun: it runs "for months", "since February" or "long"
  ("the rebels, who have fought Gaddafi's forces for months, ...", "revolts that have spread since
  December, toppling rulers"): a description of who the noun is, no new act; a relative clause
  telling one act ("rebels who seized the town on Tuesday") or another party's doing ("the town,
  from which his troops have fired rockets for weeks") stays;
- ``audience``: a consultation whose every hearer is an audience or the media ("spoke to reporters",
  "talking to a TV channel"): a statement or an interview, which the GUIDE codes only when it is a
  verbal act of its own (an accusation, an appeal), and that act has its own trigger; likewise a
  refusal whose every target is an audience ("refused to talk to reporters": no party refused);
- ``domestic_trip``: a visit or journey (``travel_verbs``, CONSULT or a planned meeting) to no
  foreign place and meeting no one: no state met, no political party among its targets, no "with"
  phrase ("toured the coastline", "visited the liberated cities"); PLOVER's visit is a visit abroad,
  with the host as the target;
- ``glued_headline``: the trigger stands in a headline glued before its sentence's body
  (:mod:`.glued`: "Military leaders talk U.S. role in Libya The reports of civilian deaths ...").

Word lists are data (``data/events/word_sets.json``); the coder drops the candidates named here
(:func:`storyline.events.record.code_doc_triggers`): the clause's own by :func:`non_event`, private
happenings by :func:`private_happening` on the event's final sides (after the article's context has
given generic groups their country), with only the sources named in the sentence itself (a "they"
resolved to an earlier mention is too unsure a ground), and meetings with no one met
(:func:`no_meeting`: an audience, a trip at home) on the final sides too, as it drops fighting that
nothing anchors (:func:`storyline.events.backdrop.backdrop_fight`: no opponent, place or date).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from . import types
from .assess import cue_set
from .counterpart import audience, foreign_or_met, foreign_place, travel, with_someone
from .glued import glued_headline
from .lexicon import event_lexicon, word_set

__all__ = ["non_event", "private_happening", "no_meeting"]

_PRIVATE = word_set("private_sectors")
_COMPANY = word_set("company_sectors")
_INTERVIEW = word_set("interview_sectors")
#: CAMEO codes of a planned visit or meeting (036 "express intent to meet")
_PLAN_MEET = "036"
_PRIVATE_KEPT = word_set("private_kept_types")
_OWN_WISH = word_set("own_wish_verbs")
_BLOCK_RULES = ("block_default",)
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: objects that may stand for a party: places, buildings, stances and plans (``word_sets.json``)
_PARTY_LIKE = word_set("place_nouns") | word_set("structure_nouns") | word_set("policy_nouns")
_ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def _private(side: dict) -> Optional[bool]:
    """True for a private sector or a company, None for no actor (no code, no sector), False for any
    other."""
    if side.get("sector") in _PRIVATE or side.get("sector") in _COMPANY:
        return True
    if not side.get("code") and not side.get("sector"):
        return None
    return False


def private_happening(plover: str, source: list[dict], target: list[dict]) -> bool:
    """Whether every side is private or no actor, the source at least private, a private person on
    some side, none of another country (see the module's docstring).  An act with no named doer
    ("five civilians were killed") is not private: who did it is unknown; nor is a company's act
    toward no one named ("BP agreed to put $20bn in a fund": the party it deals with may be
    political)."""
    if plover in _PRIVATE_KEPT or not any(_private(a) for a in source):
        return False
    sides = list(source) + list(target)
    if not any(a.get("sector") in _PRIVATE for a in sides):
        return False
    kinds = [_private(a) for a in sides]
    countries = {a.get("code") for a in sides if a.get("code") and a.get("sector") not in _COMPANY}
    return False not in kinds and len(countries) <= 1


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


def _hearer(side: dict) -> bool:
    return audience(side) or side.get("sector") in _INTERVIEW


def _told_to_audience(trigger: Token) -> bool:
    """"talking to a local radio station": the trigger's "to" phrase names only audience nouns (no
    actor was found there)."""
    hearers = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to"
               for g in c.children if g.dep_ == "pobj"]
    nouns = word_set("audience_nouns")
    return bool(hearers) and all(g.lemma_.lower() in nouns or g.lower_ in nouns for g in hearers)


def _place(side: dict) -> bool:
    """A place or a state named as a place (a code, no sector, no person's name: "from Lima"): where a
    talk is held, no hearer."""
    return bool(side.get("code")) and not side.get("sector") and not side.get("name")


def _met_at_home(side: dict) -> bool:
    """A party of political kind among a trip's targets (a place, a private person or a company is none)."""
    sector = side.get("sector")
    return bool(sector) and sector not in _PRIVATE and sector not in _COMPANY


def _abroad(trigger: Token, source: list[dict], target: list[dict], date) -> bool:
    """A destination of another country than the source's, however the parse or the recogniser read
    it: a target coded with another country (not a company: "visited Russia", even read as a medium
    named after it), or an "in"/"to"/"at" phrase naming a place of another country (named entity or
    not: "arrived in Sierra Leone")."""
    from .context import place_code

    own = {a.get("code") for a in source if a.get("code")}
    if any(a.get("code") and a.get("code") not in own and a.get("sector") not in _COMPANY for a in target):
        return True
    if foreign_place(trigger, source, date):
        return True
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("in", "to", "at")):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            code = place_code(trigger.doc[place.left_edge.i:place.i + 1].text, date)
            if code and code not in own:
                return True
    return False


def no_meeting(record: dict, trigger: Token) -> Optional[str]:
    """``"audience"`` or ``"domestic_trip"`` when the coded consultation ``record`` (final sides)
    meets no one (see the module's docstring), else None."""
    kind, code = record["event_type"], record.get("cameo") or ""
    source, target = record["source"], record["target"]
    if kind == types.CONSULT and not travel(trigger):
        parties = [a for a in target if not _place(a)]
        if (parties or _told_to_audience(trigger)) and all(_hearer(a) for a in parties):
            return "audience"
    if kind == types.REJECT and target and all(_hearer(a) for a in target):
        return "audience"   # "not ready to speak to the media": no party refused
    if (kind != types.CONSULT and not code.startswith(_PLAN_MEET)) or not travel(trigger):
        return None
    if foreign_or_met(source, target) or _abroad(trigger, source, target, record.get("date")):
        return None
    if with_someone(trigger) or any(_met_at_home(a) for a in target):
        return None
    return "domestic_trip"


#: links that continue a clause into a participle or conjunct of the same description
_SAME_CLAUSE = frozenset({"conj", "advcl", "xcomp"})


def _lasting(verb: Token) -> bool:
    """A "for" phrase of a span of time, a "since" phrase or an adverb of a lasting state on ``verb``."""
    units, adverbs = word_set("duration_units"), word_set("duration_adverbs")
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "since":
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and (g.lower_ in units or g.lemma_.lower() in units) for g in c.children):
            return True
        if c.dep_ == "advmod" and c.lower_ in adverbs:
            return True
    return False


def _describes_its_noun(verb: Token) -> bool:
    """A relative clause whose subject is its relative pronoun ("rebels, who have fought ..."), or a
    noun's participle (no subject of its own): it tells what its noun does or undergoes.  One with
    a subject of its own ("the town, from which his troops have fired rockets") tells another
    party's act."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return all(c.tag_ in ("WDT", "WP") or c.lower_ == "that" for c in subjects)


def background_relative(anchor: Token) -> bool:
    """The anchor's clause is a relative clause (or a noun's participle) of a lasting state of its noun."""
    verb = anchor
    for _ in range(4):
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return _describes_its_noun(verb) and (
                _lasting(verb) or any(_lasting(c) for c in verb.children if c.dep_ == "conj"))
        if verb.dep_ not in _SAME_CLAUSE or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def non_event(ev) -> Optional[str]:
    """Why the :class:`~storyline.events.coder.EventCandidate` ``ev`` tells no political event, or None."""
    plover = ev.row.plover
    if own_wish(ev.trigger, ev.source, ev.target) and plover in (types.REQUEST, types.AGREE):
        return "own_wish"
    if no_counterpart(plover, ev.rule or "", ev.trigger, ev.source, ev.target):
        return "no_counterpart"
    if thing_object(ev.rule or "", ev.trigger, ev.target, ev.source):
        return "thing_object"
    if background_relative(ev.anchor):
        return "background_relative"
    return glued_headline(ev.trigger)
