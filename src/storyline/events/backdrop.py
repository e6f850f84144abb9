"""Fighting told only as a backdrop: no opponent, no place, no time of its own.

The GUIDE codes fighting that a line asserts at a place ("there was heavy fighting in Brega",
"rebels fought Gaddafi's forces near Yafran on Monday") and not fighting mentioned as the
background of something else or as an assessment ("his forces were fighting back in some regions",
"they continue to fight effectively", "we will keep fighting until the last man").  A fighting
word (``backdrop_fight_words`` of ``data/events/word_sets.json``) coded ASSAULT is such a backdrop
when nothing anchors it: no opponent named in the text (no object, no "against"/"with"/"between"
phrase, no named target), no place (a place name, or a place noun that is not vague, "in some
regions", in its clause), and no date of its own (the event is dated by the article only).
:func:`backdrop_fight` names it.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from . import types
from .dating import STATED
from .lexicon import word_set

__all__ = ["backdrop_fight"]

_OPPONENT_PREPS = frozenset({"against", "with", "between", "on"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
#: dependency labels of a noun or complement whose governing verb's phrases also place the fighting
_GOVERNED = frozenset({"xcomp", "dobj", "pobj", "nsubj", "nsubjpass", "attr", "pcomp", "conj"})


def _opponent(trigger: Token) -> bool:
    """An object or an opponent's phrase on the trigger or a verb it is coordinated with ("fought and
    defeated the guards": the object is shared)."""
    return any(c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in _OPPONENT_PREPS)
               for v in (trigger, *trigger.conjuncts) for c in v.children)


def _placed(trigger: Token) -> bool:
    """A place name or place noun in the trigger's phrase, or in its governing verb's when the trigger
    is that verb's object or complement ("reported fighting in Dafniyah")."""
    scope = trigger.head if trigger.dep_ in _GOVERNED else trigger
    places, vague = word_set("place_nouns"), word_set("vague_determiners")
    return any(t.ent_type_ in _PLACE_ENTS or t.lemma_.lower() in places and not any(
        d.lower_ in vague for d in t.children if d.dep_ in ("det", "amod")) for t in scope.subtree)


def backdrop_fight(record: dict, trigger: Token) -> Optional[str]:
    """``"backdrop_fight"`` when the coded ``record`` (with ``_named_target``: the targets the text
    names) is fighting with no opponent, place or date of its own (see the module's docstring)."""
    if record["event_type"] != types.ASSAULT or trigger.lemma_.lower() not in word_set("backdrop_fight_words"):
        return None
    if record.get("_named_target") or record.get("date_how") in STATED:
        return None
    if _opponent(trigger) or _placed(trigger):
        return None
    return "backdrop_fight"
