"""An event's sides and place after the sentence coder: named actors first, domestic actors given
the country where they act, the code adjusted by who acts (civilians who "clash" riot), the
dateline's place and the sentence's location."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import types
from ..actors.mentions import DATELINE_RE
from .lexicon import cameo_map, cameo_rule, plover_of, word_set

__all__ = ["plain_actor", "dateline_place", "sentence_place", "civil_adjust", "domestic", "named_first"]


def plain_actor(a: dict) -> dict:
    return {"text": a.get("text"), "code": a.get("code"), "sector": a.get("sector"), "name": a.get("name"),
            "start": a.get("start"), "end": a.get("end")}


def dateline_place(doc: Doc) -> Optional[str]:
    m = DATELINE_RE.match(doc[:120].text_with_ws[:120])
    if m and not m.group(1).strip().lower().startswith(("news", "date", "by ")):
        return m.group(1).strip().title()
    return None


def sentence_place(doc: Doc, sent: Span, trigger: Token) -> Optional[str]:
    top = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB" else trigger
    for t in top.subtree:
        if t.ent_type_ in ("GPE", "LOC", "FAC") and t.head.lower_ in ("in", "at") and t.dep_ == "pobj":
            ent = next((e for e in sent.ents if e.start <= t.i < e.end), None)
            if ent is not None:
                return ent.text
    return None


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
