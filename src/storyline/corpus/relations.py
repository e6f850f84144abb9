"""How relationships move: cooperation and conflict per actor pair and month.

:func:`compute_relations` counts event mentions by QuadClass (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) and averages their Goldstein scores per
directed actor pair (source code → target code) and month — the records of ``relations.json``
and the SQLite ``relations`` table.  The report draws them (:mod:`storyline.outputs.report.charts`).
"""
from __future__ import annotations

import collections
import re
from typing import Optional, Sequence

from ..events.types import QUAD_NAMES
from ..events.types import quad_class as plover_quad_class
from ..model import Event, Relation

__all__ = ["compute_relations", "quad_class_of", "main_dyads", "QUAD_NAMES"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})")


def quad_class_of(event: Event) -> Optional[int]:
    """The event's QuadClass, or the one its PLOVER type implies."""
    if event.quad_class in (1, 2, 3, 4):
        return event.quad_class
    return plover_quad_class(event.event_type)


def _codes(refs) -> list[str]:
    out = []
    for r in refs:
        if r.code and r.code not in out:
            out.append(r.code)
    return out


def compute_relations(events: Sequence[Event]) -> list[Relation]:
    """Per (source, target, month): a :class:`~storyline.model.Relation`.

    Only mentions that happened (not negated, not merely intended), with a month-precise date
    and coded actors on both sides count; a mention with several sources or targets counts for
    each pair; joint actors without a target ("Putin and Xi held talks") count as a pair, in
    code order; self-pairs (RUS → RUS) are left out.  ``quad_counts`` has keys 1–4;
    ``goldstein_mean`` is None when no counted mention carries a Goldstein score.
    """
    cells: dict[tuple[str, str, str], dict] = {}
    for e in events:
        if e.negated or e.intent:
            continue
        m = _MONTH.match(e.date or "")
        quad = quad_class_of(e)
        if not m or quad is None:
            continue
        month = f"{m.group(1)}-{m.group(2)}"
        sources, targets = _codes(e.source), _codes(e.target)
        if targets:
            pairs = [(s, t) for s in sources for t in targets if s != t]
        else:  # "Putin and Xi held talks": joint actors act towards each other
            pairs = [(s, t) for i, s in enumerate(sorted(sources)) for t in sorted(sources)[i + 1:]]
        for src, tgt in pairs:
            cell = cells.setdefault((src, tgt, month), {"quad": collections.Counter(), "g": [], "n": 0})
            cell["quad"][quad] += 1
            cell["n"] += 1
            if e.goldstein is not None:
                cell["g"].append(float(e.goldstein))
    return [Relation(source=src, target=tgt, month=month,
                     quad_counts={q: cell["quad"].get(q, 0) for q in (1, 2, 3, 4)},
                     goldstein_mean=round(sum(cell["g"]) / len(cell["g"]), 3) if cell["g"] else None,
                     n=cell["n"])
            for (src, tgt, month), cell in sorted(cells.items())]


def main_dyads(relations: Sequence[Relation], *, limit: int = 5) -> list[tuple[str, str]]:
    """The undirected actor pairs with the most counted events, most first."""
    totals: collections.Counter = collections.Counter()
    for r in relations:
        totals[tuple(sorted((r.source, r.target)))] += int(r.n or 0)
    return [pair for pair, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
