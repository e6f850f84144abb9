"""An event's sides and place after the sentence coder: named actors first, domestic actors given
the country where they act, the code adjusted by who acts (civilians who "clash" riot), the
dateline's place and the sentence's location."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import context
from .implied import OWN_GOVERNMENT
from .domestic_sides import defection_target, opponents_country

from . import types
from ..actors.mentions import DATELINE_RE
from .lexicon import cameo_map, cameo_rule, plover_of, word_set

__all__ = ["plain_actor", "dateline_place", "sentence_place", "civil_adjust", "battle_adjust", "domestic", "named_first",
           "event_sides", "home_country", "is_news_agency"]


def plain_actor(a: dict) -> dict:
    return {"text": a.get("text"), "code": a.get("code"), "sector": a.get("sector"), "name": a.get("name"),
            "start": a.get("start"), "end": a.get("end"), "implied": bool(a.get("implied"))}


def dateline_place(doc: Doc) -> Optional[str]:
    m = DATELINE_RE.match(doc[:120].text_with_ws[:120])
    if m and not m.group(1).strip().lower().startswith(("news", "date", "by ")):
        return m.group(1).strip().title()
    return None


def sentence_place(doc: Doc, sent: Span, trigger: Token) -> Optional[str]:
    top = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB" else trigger
    preps = context.context_data()["act_place_preps"]
    for t in top.subtree:
        if t.head.lower_ not in preps or t.dep_ != "pobj":
            continue
        if t.ent_type_ in ("GPE", "LOC", "FAC"):
            ent = next((e for e in sent.ents if e.start <= t.i < e.end), None)
            if ent is not None:
                return ent.text
        elif t.pos_ == "PROPN" and t.ent_type_ in _MISTAGGED_PLACE and context.place_code(t.text, doc._.dct):
            return t.text   # "arrested in Tunis" with Tunis tagged a language: a place the tables know
    return None


#: entity labels the tagger gives place names it does not know as places ("in Tunis" as a language)
_MISTAGGED_PLACE = frozenset({"", "LANGUAGE", "NORP"})


_CIVIL_SECTORS = word_set("civil_sectors")
#: codes that mean something else when civilians do them: clashes and blockades are violent protest
_CIVIL_CODES = cameo_map("civil_adjust")
_STATE_CODES = cameo_map("state_adjust")
_HACKER_RE = re.compile(r"\b(?:hackers?|cyber\w*)\b", re.IGNORECASE)
_PROTESTER_RE = re.compile(r"\b(?:protesters?|protestors?|demonstrators?|marchers?|rallygoers?)\b", re.IGNORECASE)


def _is_civil(actor: dict) -> bool:
    if actor.get("sector") in _CIVIL_SECTORS:
        return True
    if actor.get("sector") or actor.get("name"):
        return False
    last = (actor.get("text") or "").lower().split()[-1:] or [""]
    return bool(actor.get("code")) and last[0].endswith(("ans", "ese", "people", "supporters", "residents"))


def civil_adjust(row, source: list[dict], trigger: Token):
    """Adjust a code by who acts: protesters who "clash" riot (145); a state that "blocks" vetoes (129)."""
    civil = bool(source) and all(_is_civil(a) for a in source)
    if civil and trigger.lemma_.lower() == "strike" and trigger.pos_ == "NOUN":
        return plover_of(cameo_rule("civil_strike")) or row
    if row.plover == types.ASSAULT and source and all(_HACKER_RE.search(a.get("text") or "") for a in source):
        return plover_of(cameo_rule("cyber_attack")) or row   # PLOVER COERCE "cyber": hackers who attack or target
    if row.plover == types.REQUEST and source and all(_PROTESTER_RE.search(a.get("text") or "") for a in source):
        # PLOVER: "protests (including protests making requests)" are PROTEST, not REQUEST
        return plover_of(cameo_rule("protest_request")) or row
    code = (_CIVIL_CODES if civil else _STATE_CODES).get(row.code)
    if code is None or code == row.code:
        return row
    return plover_of(code) or row


#: verbs of taking a place by force (shared with the trigger rule take_place of .triggers)
_BATTLE_TAKING = word_set("take_place")


def battle_adjust(row, trigger: Token):
    """Taking a place in fighting is an assault, told in the passive too ("the town was captured by
    rebels"; the active is coded by the trigger rule ``take_place``); occupying or annexing territory
    stays CAMEO 192, COERCE."""
    if row.plover != types.COERCE or not ({trigger.lemma_.lower(), trigger.lower_} & _BATTLE_TAKING):
        return row
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.dep_ == "acl":
        objects.append(trigger.head)   # "an area seized by rebels", "towns recaptured from the rebels"
    if not any(_place_or_part(o) for o in objects):
        return row
    return plover_of(cameo_rule("take_place")) or row


def _place_or_part(tok: Token, depth: int = 0) -> bool:
    """A place, or a part of one ("parts of Zlitan", "much of the eastern part of the country")."""
    if context.is_place(tok.doc, tok):
        return True
    return depth < 2 and any(g.dep_ == "pobj" and _place_or_part(g, depth + 1)
                             for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "across")
                             for g in p.children)


def domestic(source: list[dict], location: Optional[str], dct: Optional[str]) -> list[dict]:
    """Uncoded domestic actors ("police", "thousands of people") take the country where they act."""
    source = named_first(source)
    if not location or any(a.get("code") for a in source) or not source:
        return source
    if any(a.get("sector") in ("GOV", "MIL") or not a.get("sector") for a in source):
        return source   # officials and troops may be abroad; police and protesters act at home
    from ..actors import resolve_actor

    place = resolve_actor(location, date=dct)
    if place is None or not place.code or len(place.code) != 3:
        return source
    return [{**a, "code": place.code} for a in source]


def named_first(actors: list[dict]) -> list[dict]:
    """Drop an unnamed duplicate ("his Russian counterpart") of a named actor with the same code."""
    named = {a.get("code") for a in actors if a.get("name") and a.get("code")}
    return [a for a in actors if a.get("name") or a.get("code") not in named]


def event_sides(doc: Doc, sent: Span, trigger: Token, plover: str, source: list[dict], target: list[dict],
                location: Optional[str]) -> tuple[list[dict], list[dict]]:
    """An event's source and target with the article's context: news agencies dropped, generic
    groups ("rebels", "the government", "security forces") given the country where they act, an
    unnamed target taken from the place acted upon ("shelled the town") or, for protesters who make
    demands, their own government."""
    source = [a for a in source if not is_news_agency(a)]
    target = [a for a in named_first(target) if not is_news_agency(a)]
    source, target = context.heard_from(trigger, source, target)
    source = domestic(source, location, doc._.dct)
    where = context.sentence_country(doc, sent, sentence_place(doc, sent, trigger), trigger)
    home = home_country(doc)
    source = _attacker(doc, trigger, plover,
                       context.fill_generic(source, where, home, context.act_origin(doc, trigger)))
    target = context.fill_generic(target, where, home)
    source, target = opponents_country(plover, source, target)
    left = defection_target(trigger, source, target)
    if left is not None:
        return source, left
    if not any(a.get("code") for a in target):
        found = context.place_target(doc, trigger, plover, where[0] or home)
        if found is None and any(a.get("code") and a.get("sector") != "BUS" for a in source):
            found = context.industry_target(trigger, plover)   # "a ban on deepwater drilling"
        if found is None and plover in context.civil_target_types() and source and all(_is_civil(a) for a in source):
            code = next((a["code"] for a in source if a.get("code")), None)
            # no words name it in the sentence: the side is shown as what it stands for
            found = {"text": "their government", "code": code, "sector": "GOV", "name": None,
                     "implied": OWN_GOVERNMENT} if code else None
        if found is None:   # "struck a rocket launcher near Brega", "they are hitting us"
            found = context.where_target(plover, where, home, source)
        if found is not None:
            target = [found]
    return source, target


def _attacker(doc: Doc, trigger: Token, plover: str, source: list[dict]) -> list[dict]:
    """An assault's source; one with none that happened "in the attack" takes the attacker of the
    last attack the article named by an attack noun ("survived a NATO air strike ... his son had been
    killed in the attack": NATO), kept in ``doc.user_data``."""
    if plover != types.ASSAULT:
        return source
    if any(a.get("code") for a in source):
        if context.is_attack_noun(trigger) or any(context.is_attack_noun(c) for c in trigger.children
                                                  if c.dep_ in ("nsubj", "dobj")):   # "an air strike hit"
            doc.user_data[_ATTACK_KEY] = [trigger.i, [dict(a) for a in source if a.get("code")]]
        return source
    last = doc.user_data.get(_ATTACK_KEY)
    if last and trigger.i - last[0] <= _ATTACK_WITHIN and context.attack_referred(trigger):
        return [dict(a) for a in last[1]]
    return source


_ATTACK_KEY = "storyline.last_attack"
#: how many tokens back an attack referred to ("killed in the attack") may have been told
_ATTACK_WITHIN = 600


def home_country(doc: Doc) -> Optional[str]:
    """The country an article is about (kept in ``doc.user_data``): the country its actor mentions
    name most, when it leads and is named at least twice; else the dateline's country."""
    if _HOME_KEY not in doc.user_data:
        doc.user_data[_HOME_KEY] = context.leading_country(doc._.actors or [], dateline_place(doc), doc._.dct)
    return doc.user_data[_HOME_KEY]


_HOME_KEY = "storyline.home_country"


def is_news_agency(actor: dict) -> bool:
    """A wire or news outlet ("Reuters", "the Associated Press"): never an actor of what it reports."""
    return context.is_news_agency(actor)
