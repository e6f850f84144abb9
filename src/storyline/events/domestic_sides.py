"""Sides the parties of one country's conflict make plain: a defector leaves their own country's
government ("army pilots defected to Malta": the target is their government, not Malta), and
unnamed state forces fighting a country's rebels or opposition are that country's ("rebels attacked
government forces near Zintan": the forces are Libya's, whatever country the article is about).
The words are data (``defection_words``, ``insurgent_sectors`` of ``data/actors/context.json``)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .context import context_data
from .implied import DEFECTOR_LEFT

__all__ = ["defection_target", "opponents_country"]


def _country_name(code: str) -> str:
    from ..actors import actor_tables

    return actor_tables().country_names.get(code) or code


def _from_phrase_spans(trigger: Token) -> list[tuple[int, int]]:
    heads = [trigger] + ([trigger.head] if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB" else [])
    return [(p.left_edge.idx, p.right_edge.idx + len(p.right_edge)) for h in heads for p in h.children
            if p.dep_ == "prep" and p.lower_ == "from"]


def defection_target(trigger: Token, source: list[dict], target: list[dict]) -> Optional[list[dict]]:
    """The target of a defection: what a from-phrase names ("defected from the army"), else the
    government of the defectors' own country (implied: no words name it), else none; None when
    ``trigger`` tells no defection."""
    words = context_data()["defection_words"]
    if trigger.lower_ not in words and trigger.lemma_.lower() not in words:
        return None
    spans = _from_phrase_spans(trigger)
    left = [a for a in target if a.get("start") is not None and any(lo <= a["start"] < hi for lo, hi in spans)]
    if left:
        return left
    from ..actors import actor_tables

    countries = actor_tables().country_names
    own = list(dict.fromkeys(a["code"] for a in source if a.get("code") in countries))
    return [{"text": f"the government of {_country_name(code)}", "code": code, "sector": "GOV", "name": None,
             "implied": DEFECTOR_LEFT} for code in own]


def opponents_country(plover: str, source: list[dict], target: list[dict]) -> tuple[list[dict], list[dict]]:
    """The sides of a fight or protest (``domestic_conflict_types``) with unnamed state forces
    (``filled``: their code the context's, not their own) set to the country of the rebels or
    opposition on the other side, when those are all of one country ("the chairman of the House
    committee opposed arming the Libyan rebels" is no fight: the chairman stays where he was)."""
    from ..actors import actor_tables

    data, countries = context_data(), actor_tables().country_names
    if plover not in data["domestic_conflict_types"]:
        return source, target
    state, insurgent = frozenset(data["home_sectors_first"]), frozenset(data["insurgent_sectors"])

    def fix(side: list[dict], other: list[dict]) -> list[dict]:
        # a country's rebels only: a movement of many countries ("Al Qaeda's cells") has no one state
        codes = {a.get("code") for a in other if a.get("sector") in insurgent and a.get("code") in countries}
        if len(codes) != 1 or not all(a.get("sector") in insurgent for a in other if a.get("code")):
            return side
        code = codes.pop()
        return [{**a, "code": code} if a.get("filled") and not a.get("implied") and a.get("sector") in state
                else a for a in side]   # the authorities of an agentless act keep where it was done

    return fix(source, target), fix(target, source)
