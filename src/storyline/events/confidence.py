"""How sure the coder is of an event, and why.

:func:`score` starts from a prior for the rule that found the event (a lexicon verb, a verb rule such
as "took control of" → capture, a PETRARCH phrase pattern, an event noun, an allegation) and
multiplies in a factor for each thing that weakens it: a modality other than asserted (see
:mod:`storyline.events.assess`), no actor as source, a source not coded to a country or organisation,
a directed act (accuse, request, aid …) with no one it is directed at, no political actor on either
side, a non-verbal act told inside a quotation.  It returns the confidence in [0, 1] and the
evidence: one ``name`` or ``name ×factor`` string per factor, the rule first.

The weights are data (``data/events/confidence.json``), set by hand on the real-news dev set; the
run keeps the events at or above the ``event_threshold`` setting (its default is the file's
``default_threshold``) and stores the others as well.
"""
from __future__ import annotations

import functools
import json
from typing import Optional, Sequence

from .lexicon import DATA

__all__ = ["score", "default_threshold", "weights"]


@functools.lru_cache(maxsize=1)
def weights() -> dict:
    """The confidence weights (``data/events/confidence.json``)."""
    raw = json.loads((DATA / "confidence.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def default_threshold() -> float:
    """The confidence an event needs to be one of the run's events, unless the settings say otherwise."""
    return float(weights()["default_threshold"])


def _rule_prior(rule: str) -> tuple[float, list[str]]:
    w = weights()
    base, _, wrapping = (rule or "other").partition("+")
    prior = w["rule_prior"].get(base, w["rule_prior"]["other"])
    evidence = [f"rule {rule or 'other'} {prior:.2f}"]
    if wrapping:
        factor = w["wrapping"].get("+" + wrapping, 1.0)
        prior *= factor
        if factor != 1.0:
            evidence.append(f"{wrapping} ×{factor:g}")
    return prior, evidence


def _political(actor: dict) -> bool:
    """A state, organisation or political group: coded and not a private sector, or uncoded with a
    public sector ("rebels", "Western leaders")."""
    sector = actor.get("sector")
    if sector in weights()["private_sectors"]:
        return False
    return bool(actor.get("code") or sector)


def _side_factors(event: dict, issue: bool = False) -> list[tuple[str, float]]:
    w = weights()["sides"]
    source, target = event.get("source") or [], event.get("target") or []
    out = []
    if not source:
        out.append(("no source", w["no_source"]))
    elif not any(a.get("code") for a in source):
        out.append(("source not coded", w["source_uncoded"]))
    joint = event.get("event_type") in weights()["reciprocal_types"] and len({a.get("code") for a in source}) > 1
    if not target and not joint:
        directed = event.get("event_type") in weights()["directed_types"]
        if directed and issue and event.get("event_type") in weights()["issue_types"]:
            out.append(("no target, an issue as object", w["no_target"]))
        else:
            out.append(("no target", w["no_target_for_directed_type" if directed else "no_target"]))
    if (source or target) and not any(_political(a) for a in source + target):
        out.append(("no political actor", w["no_political_side"]))
    return out


def score(event: dict, *, rule: str, modality: str, in_quote: bool = False, writer_voice: bool = False,
          background_clause: bool = False, quad_class: Optional[int] = None,
          issue_object: bool = False, weakened_by: Sequence[tuple[str, float]] = ()) -> tuple[float, tuple[str, ...]]:
    """(confidence, evidence) of an Event dict coded by ``rule`` with ``modality``.

    ``in_quote``: the trigger stands inside quotation marks; ``writer_voice``: the act's actor is
    "we"/"I"/"you" outside a quotation (the writer's or a reader's voice, not a news actor);
    ``background_clause``: the act is told in a relative clause about something else ("a complex
    the government helped build"); ``issue_object``: the trigger has an object or clause that is
    the issue acted on ("supports the no-fly zone", "rejected any deal", "suggested that the agency
    should ..."): support, rejection and demands of a policy are events whose addressee often goes
    unnamed, so a missing target weakens them less than a bare "he warned".  ``weakened_by``: further
    (name, factor) pairs found elsewhere (:func:`storyline.events.counterpart.weakening`)."""
    w = weights()
    confidence, evidence = _rule_prior(rule)
    factors = []
    m = w["modality"].get(modality, 1.0)
    if m != 1.0:
        factors.append((f"{modality}", m))
    factors += _side_factors(event, issue_object)
    if in_quote and (quad_class or event.get("quad_class")) in (2, 4):
        factors.append(("told inside a quotation", w["in_quote"]))
    if writer_voice:
        factors.append(("the writer's voice", w["clause"]["writer_voice"]))
    if background_clause:
        factors.append(("relative clause", w["clause"]["background_clause"]))
    factors += weakened_by
    for name, factor in factors:
        confidence *= factor
        evidence.append(f"{name} ×{factor:g}")
    return round(min(1.0, max(0.0, confidence)), 3), tuple(evidence)
