"""How sure the coder is of an event, and why.

:func:`features` names what the coder knows of an event when it scores it: the rule that found it
(a lexicon verb, a verb rule such as "took control of" → capture, a PETRARCH phrase pattern, an event
noun, an allegation), its modality (see :mod:`storyline.events.assess`), each thing that weakens it
(no actor as source, a source not coded, no target, a directed act with no one it is directed at, no
political actor on either side, told inside a quotation, the writer's voice, a relative clause, no
counterpart met, no acting agent), and cheap descriptions of the event: its QuadClass, what kind of
actor each side is (a state, an organisation, a private actor, an uncoded group), joint actors, a
target of the source's own country; and the pools of rare features of one meaning ("not told as
fact", "a party missing": :func:`pooled`).  The coder adds features of the event's setting
(:mod:`.signals`, those named in the data file's ``signals``): how political the article is (the
share of its sentences naming a coded state or organisation), a long sentence, a trigger in an
adverbial clause or an other dependent phrase, a trigger told in the past.  (The PLOVER type alone
or by kind of source, the QuadClass by kind of source, how the date was found, the clause of every
kind, a lead or late sentence, sides from context, two countries, several events in the sentence,
the article's event count, a question, a first or second person were tried and left out: they did
not lower the cross-validated loss on unseen topic families.)

:func:`score` is a logistic model over them: confidence = sigmoid(bias + Σ weight), the weights
learned from annotated real-news lines and events of real runs judged blind
(``benchmarks/fit_confidence.py``, which writes them into ``data/events/confidence.json``).  The evidence names the rule and every active feature with its
weight ("rule lexicon_code +0.62", "no target −0.41"), so it still says why; a feature the file has
no weight for weighs 0 and is listed all the same (the fitting script reads the features back from
the evidence).  The run keeps the events at or above the ``event_threshold`` setting (its default is
the file's ``default_threshold``) and stores the others as well.
"""
from __future__ import annotations

import functools
import json
import math
from typing import Iterable, Optional, Sequence

from .lexicon import DATA

__all__ = ["score", "score_names", "features", "pooled", "default_threshold", "weights", "evidence_features"]

_MINUS = "\u2212"


@functools.lru_cache(maxsize=1)
def weights() -> dict:
    """The confidence model and its word classes (``data/events/confidence.json``)."""
    raw = json.loads((DATA / "confidence.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def default_threshold() -> float:
    """The confidence an event needs to be one of the run's events, unless the settings say otherwise."""
    return float(weights()["default_threshold"])


def _political(actor: dict) -> bool:
    """A state, organisation or political group: coded and not a private sector, or uncoded with a
    public sector ("rebels", "Western leaders")."""
    sector = actor.get("sector")
    if sector in weights()["private_sectors"]:
        return False
    return bool(actor.get("code") or sector)


def _kind(actor: dict) -> str:
    """state (a country code), organisation (an IGO's code), private (a company, the media …),
    group (uncoded, with a sector: "rebels") or unknown (uncoded, no sector)."""
    code, sector = actor.get("code"), actor.get("sector")
    if sector in weights()["private_sectors"]:
        return "private"
    if code:
        return "state" if len(code) == 3 else "organisation"
    return "group" if sector else "unknown"


def _side_features(event: dict, issue: bool) -> list[str]:
    w = weights()
    source, target = event.get("source") or [], event.get("target") or []
    kind = event.get("event_type")
    out = []
    if not source:
        out.append("no source")
    elif not any(a.get("code") for a in source):
        out.append("source not coded")
    joint = kind in w["reciprocal_types"] and len({a.get("code") for a in source}) > 1
    if joint:
        out.append("joint actors")
    if not target and not joint:
        directed = kind in w["directed_types"]
        if directed and issue and kind in w["issue_types"]:
            out.append("no target, an issue as object")
        else:
            out.append("no target for a directed type" if directed else "no target")
    if (source or target) and not any(_political(a) for a in source + target):
        out.append("no political actor")
    for side, actors in (("source", source), ("target", target)):
        out += [f"{side} {k}" for k in sorted({_kind(a) for a in actors})]
    own = {a.get("code") for a in source if a.get("code")}
    if own and own == {a.get("code") for a in target if a.get("code")}:
        out.append("target is the source's own")
    return out


def features(event: dict, *, rule: str, modality: str, in_quote: bool = False, writer_voice: bool = False,
             background_clause: bool = False, quad_class: Optional[int] = None, issue_object: bool = False,
             weakened_by: Iterable = ()) -> list[str]:
    """The names of the event's active features, the rule's first (see :func:`score`)."""
    base, _, wrapping = (rule or "other").partition("+")
    out = [f"rule {base}"]
    if wrapping:
        out.append(f"wrapped {wrapping}")
    if modality and modality != "asserted":
        out.append(f"{modality}")
    out += _side_features(event, issue_object)
    quad = quad_class or event.get("quad_class")
    if in_quote:
        out.append("told inside a quotation" if quad in (2, 4) else "inside a quotation")
    if writer_voice:
        out.append("the writer's voice")
    if background_clause:
        out.append("relative clause")
    out += [(w if isinstance(w, str) else w[0]).replace("_", " ") for w in weakened_by]
    if quad:
        out.append(f"quad {quad}")
    return pooled(out)


def pooled(names: Sequence[str]) -> list[str]:
    """``names`` and the pools they fall in (``pools`` of the data file): a pool ("not told as
    fact": predicted, wished, hypothetical …) shares one weight among rare features of one meaning,
    so that each of them learns from the others' examples; its members keep their own weights too."""
    out = list(names)
    for pool, members in weights()["pools"].items():
        if pool not in out and any(n in members for n in names):
            out.append(pool)
    return out


def _fmt(weight: float) -> str:
    return f"{weight:+.2f}".replace("-", _MINUS)


def evidence_features(evidence: Sequence[str]) -> list[str]:
    """The feature names an event's evidence lists (the items ending in a signed weight)."""
    out = []
    for item in evidence or ():
        name, _, last = item.rpartition(" ")
        if name and last[:1] in ("+", _MINUS, "-"):
            try:
                float(last.replace(_MINUS, "-"))
            except ValueError:
                continue
            out.append(name)
    return out


def score(event: dict, *, rule: str, modality: str, in_quote: bool = False, writer_voice: bool = False,
          background_clause: bool = False, quad_class: Optional[int] = None,
          issue_object: bool = False, weakened_by: Iterable = ()) -> tuple[float, tuple[str, ...]]:
    """(confidence, evidence) of an Event dict coded by ``rule`` with ``modality``.

    ``in_quote``: the trigger stands inside quotation marks; ``writer_voice``: the act's actor is
    "we"/"I"/"you" outside a quotation (the writer's or a reader's voice, not a news actor);
    ``background_clause``: the act is told in a relative clause about something else ("a complex
    the government helped build"); ``issue_object``: the trigger has an object or clause that is
    the issue acted on ("supports the no-fly zone", "rejected any deal"): support, rejection and
    demands of a policy often leave their addressee unnamed.  ``weakened_by``: further feature
    names found elsewhere (:func:`storyline.events.counterpart.weakening`).  Confidence = sigmoid(bias + Σ weight of each active feature)."""
    return score_names(features(event, rule=rule, modality=modality, in_quote=in_quote, writer_voice=writer_voice,
                                background_clause=background_clause, quad_class=quad_class,
                                issue_object=issue_object, weakened_by=weakened_by))


def score_names(active: Sequence[str]) -> tuple[float, tuple[str, ...]]:
    """(confidence, evidence) of the active feature names: sigmoid(bias + Σ weight), each name listed
    with its weight (:func:`score`; the coder adds the features of the event's setting, :mod:`.signals`)."""
    w = weights()
    learned = w["weights"]
    z = float(w["bias"])
    evidence = []
    for name in active:
        weight = float(learned.get(name, 0.0))
        z += weight
        evidence.append(f"{name} {_fmt(weight)}")
    confidence = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
    return round(confidence, 3), tuple(evidence)
