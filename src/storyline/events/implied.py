"""Sides no words of the sentence name, and how the user sees them: such a side carries
``"implied": true`` in ``events.jsonl`` and the store (no ``start``/``end``, its ``text`` what it
stands for), and the event's evidence names the rule that implied it."""
from __future__ import annotations

__all__ = ["PLACE_OF_ACT", "OWN_GOVERNMENT", "AGENTLESS_STATE_ACT", "DEFECTOR_LEFT", "implied_evidence", "told_target"]

#: a use of force by a state, organisation or armed group whose sentence names no target: the
#: country where it happens (:func:`.context.where_target`)
PLACE_OF_ACT = "the country where the act happens"
#: protesters' demand with no addressee: their own government (:func:`.sides.event_sides`)
OWN_GOVERNMENT = "the protesters' own government"
#: an arrest, deportation or trial told with no agent ("was arrested"): the authorities
AGENTLESS_STATE_ACT = "the authorities of an agentless state act"
#: a defection's target no words name: the government of the defectors' own country
DEFECTOR_LEFT = "the government a defector leaves"


def _rule(actor: dict, side: str) -> str:
    how = actor.get("implied")
    if isinstance(how, str):
        return how
    return AGENTLESS_STATE_ACT if side == "source" else PLACE_OF_ACT


def implied_evidence(source: list[dict], target: list[dict]) -> tuple[str, ...]:
    """The evidence lines of an event's implied sides ("target implied: the country where the act
    happens (Libya)"), one a side and rule."""
    lines = []
    for side, actors in (("source", source), ("target", target)):
        for a in actors:
            if a.get("implied"):
                shown = a.get("code") or "no code"
                line = f"{side} implied: {_rule(a, side)} ({shown})"
                if line not in lines:
                    lines.append(line)
    return tuple(lines)


def told_target(target: list[dict]) -> list[dict]:
    """The targets the confidence takes as told by the sentence: all but the place of the act (a
    protesters' own government and the government a defector leaves count as told: the act names
    them as plainly as a place names a country, and were so when the confidence was fitted)."""
    return [a for a in target if not a.get("implied") or a.get("implied") in (OWN_GOVERNMENT, DEFECTOR_LEFT)]
