"""How relationships move: cooperation and conflict per actor pair and month.

:func:`compute_relations` counts event mentions by QuadClass (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) and averages their Goldstein scores per
directed actor pair (source code → target code) and month — the records of ``relations.json``
and the SQLite ``relations`` table.  :func:`render_relations_html` draws the report's charts:
cooperation/conflict over time for the main dyads, and the timeline, with plotly.js embedded
once inline so the report works offline.  All text is escaped before it reaches the page.
"""
from __future__ import annotations

import collections
import datetime as _dt
import html
import re
from typing import Optional, Sequence

from ..model import Event, TimelineEntry

__all__ = ["compute_relations", "render_relations_html", "quad_class_of", "main_dyads", "QUAD_NAMES"]

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

#: PLOVER type → QuadClass, for mentions that arrive without one
_PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

_MONTH = re.compile(r"^(\d{4})-(\d{2})")


def quad_class_of(event: Event) -> Optional[int]:
    """The event's QuadClass, or the one its PLOVER type implies."""
    if event.quad_class in (1, 2, 3, 4):
        return event.quad_class
    return _PLOVER_QUAD.get((event.event_type or "").upper())


def _codes(refs) -> list[str]:
    out = []
    for r in refs:
        if r.code and r.code not in out:
            out.append(r.code)
    return out


def compute_relations(events: Sequence[Event]) -> list[dict]:
    """Per (source, target, month): ``{source, target, month, quad_counts, goldstein_mean, n}``.

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
    out = []
    for (src, tgt, month), cell in sorted(cells.items()):
        out.append({
            "source": src, "target": tgt, "month": month,
            "quad_counts": {q: cell["quad"].get(q, 0) for q in (1, 2, 3, 4)},
            "goldstein_mean": round(sum(cell["g"]) / len(cell["g"]), 3) if cell["g"] else None,
            "n": cell["n"],
        })
    return out


def _quad_counts(record: dict) -> dict[int, int]:
    """``quad_counts`` with int keys (JSON and SQLite round-trips turn them into strings)."""
    raw = record.get("quad_counts") or {}
    return {int(k): int(v) for k, v in raw.items()}


def main_dyads(relations: Sequence[dict], *, limit: int = 5) -> list[tuple[str, str]]:
    """The undirected actor pairs with the most counted events, most first."""
    totals: collections.Counter = collections.Counter()
    for r in relations:
        totals[tuple(sorted((r["source"], r["target"])))] += int(r.get("n") or 0)
    return [pair for pair, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _plot_day(value: Optional[str]) -> Optional[str]:
    """A timeline date value as a plottable day (a month or year is drawn at its first day)."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).isoformat()
    except ValueError:
        return None


def _dyad_figure(relations: Sequence[dict], dyads: Sequence[tuple[str, str]]):
    import plotly.graph_objects as go

    fig = go.Figure()
    for a, b in dyads:
        by_month: dict[str, dict] = {}
        for r in relations:
            if tuple(sorted((r["source"], r["target"]))) != (a, b):
                continue
            cell = by_month.setdefault(r["month"], {"coop": 0, "conf": 0, "g": 0.0, "gn": 0})
            q = _quad_counts(r)
            cell["coop"] += q.get(1, 0) + q.get(2, 0)
            cell["conf"] += q.get(3, 0) + q.get(4, 0)
            if r.get("goldstein_mean") is not None:
                cell["g"] += float(r["goldstein_mean"]) * int(r.get("n") or 1)
                cell["gn"] += int(r.get("n") or 1)
        months = sorted(by_month)
        net = [by_month[m]["coop"] - by_month[m]["conf"] for m in months]
        hover = [_esc(f"{a}–{b} {m}: {by_month[m]['coop']} cooperative, {by_month[m]['conf']} conflictual"
                      + (f", mean Goldstein {by_month[m]['g'] / by_month[m]['gn']:.1f}" if by_month[m]["gn"] else ""))
                 for m in months]
        fig.add_trace(go.Scatter(x=[f"{m}-01" for m in months], y=net, mode="lines+markers",
                                 name=_esc(f"{a}–{b}"), text=hover, hoverinfo="text"))
    fig.update_layout(title=_esc("Cooperation minus conflict per month (main dyads)"),
                      yaxis_title="cooperative − conflictual events", height=380,
                      margin=dict(l=50, r=20, t=50, b=40))
    return fig


def _timeline_figure(timeline: Sequence[TimelineEntry]):
    import plotly.graph_objects as go

    fig = go.Figure()
    for background, name, symbol in ((False, "reported events", "circle"), (True, "background", "diamond-open")):
        xs, ys, texts = [], [], []
        for entry in timeline:
            day = _plot_day(entry.date)
            if day is None or bool(entry.background) != background:
                continue
            xs.append(day)
            ys.append(max(1, len(entry.sources)))
            summary = entry.summary if len(entry.summary) <= 160 else entry.summary[:157] + "…"
            texts.append(_esc(entry.date) + "<br>" + _esc(summary) + "<br>" + _esc(", ".join(entry.sources)))
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", name=name, text=texts, hoverinfo="text",
                                     marker=dict(size=11, symbol=symbol)))
    fig.update_layout(title=_esc("Timeline (height: number of outlets reporting)"),
                      yaxis_title="outlets", height=320, margin=dict(l=50, r=20, t=50, b=40))
    return fig


def render_relations_html(relations: list[dict], timeline: Sequence[TimelineEntry]) -> str:
    """An HTML fragment: the timeline chart and the cooperation/conflict chart, offline.

    plotly.js is embedded once, inline, with the first chart; all text (actor codes, summaries,
    sources) is HTML-escaped.  Returns ``""`` when there is nothing to draw.
    """
    import plotly.io as pio

    figures = []
    if any(_plot_day(e.date) for e in timeline):
        figures.append(("timeline-chart", _timeline_figure(timeline)))
    dyads = main_dyads(relations)
    if dyads:
        figures.append(("relations-chart", _dyad_figure(relations, dyads)))
    if not figures:
        return ""
    parts = []
    for i, (div_id, fig) in enumerate(figures):
        chart = pio.to_html(fig, full_html=False, include_plotlyjs=(i == 0), div_id=div_id,
                            config={"displaylogo": False, "responsive": True})
        parts.append(f'<div class="chart">{chart}</div>')
    if dyads:
        rows = []
        for a, b in dyads:
            n = sum(int(r.get("n") or 0) for r in relations if tuple(sorted((r["source"], r["target"]))) == (a, b))
            rows.append(f"<tr><td>{_esc(a)}</td><td>{_esc(b)}</td><td>{n}</td></tr>")
        parts.append("<table class=dyads><tr><th>actor</th><th>actor</th><th>events</th></tr>"
                     + "".join(rows) + "</table>")
    return "".join(parts)
