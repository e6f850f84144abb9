"""The report's charts, drawn with plotly: the timeline, and cooperation/conflict over time for the
main dyads (with a table of them).  plotly.js is not inlined: it is one file beside the report
(:data:`CHART_SCRIPT`, written by :mod:`storyline.outputs`), loaded once with ``defer``; each figure
is a JSON block the page's script draws.  All text is HTML-escaped before it reaches the page, and
the JSON cannot close its ``<script>`` element.  A month without events is a gap in a line, not a
straight line across it.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Optional, Sequence

from ...corpus.relations import main_dyads
from ...model import Relation, TimelineEntry
from .sections import esc

__all__ = ["relations_charts", "CHART_SCRIPT", "chart_script"]

#: The chart library's file name, beside report.html.
CHART_SCRIPT = "plotly.min.js"


def chart_script() -> str:
    """The text of plotly.js, the one shared chart script of a report."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _month_range(first: str, last: str) -> list[str]:
    """Every month ``YYYY-MM`` from ``first`` to ``last``, both included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


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


def _dyad_figure(relations: Sequence[Relation], dyads: Sequence[tuple[str, str]]):
    import plotly.graph_objects as go

    fig = go.Figure()
    for a, b in dyads:
        by_month: dict[str, dict] = {}
        for r in relations:
            if tuple(sorted((r.source, r.target))) != (a, b):
                continue
            cell = by_month.setdefault(r.month, {"coop": 0, "conf": 0, "g": 0.0, "gn": 0})
            q = r.quad_counts
            cell["coop"] += q.get(1, 0) + q.get(2, 0)
            cell["conf"] += q.get(3, 0) + q.get(4, 0)
            if r.goldstein_mean is not None:
                cell["g"] += float(r.goldstein_mean) * int(r.n or 1)
                cell["gn"] += int(r.n or 1)
        months = sorted(m for m in by_month if re.match(r"^\d{4}-\d{2}$", m or ""))
        if not months:
            continue
        months = _month_range(months[0], months[-1])      # a month without events: a gap (None)
        net = [by_month[m]["coop"] - by_month[m]["conf"] if m in by_month else None for m in months]
        hover = [esc(f"{a}–{b} {m}: {by_month[m]['coop']} cooperative, {by_month[m]['conf']} conflictual"
                      + (f", mean Goldstein {by_month[m]['g'] / by_month[m]['gn']:.1f}" if by_month[m]["gn"] else ""))
                 if m in by_month else "" for m in months]
        fig.add_trace(go.Scatter(x=[f"{m}-01" for m in months], y=net, mode="lines+markers", connectgaps=False,
                                 name=esc(f"{a}–{b}"), text=hover, hoverinfo="text"))
    fig.update_layout(title=esc("Cooperation minus conflict per month (main dyads)"),
                      yaxis_title="cooperative − conflictual events", height=380,
                      margin=dict(l=50, r=20, t=50, b=40))
    return fig


#: timeline entries drawn one marker each; above this, entries are counted per month (one bar each),
#: so a corpus of thousands draws a bounded chart
MAX_MARKERS = 300


def _timeline_figure(timeline: Sequence[TimelineEntry]):
    import plotly.graph_objects as go

    fig = go.Figure()
    dated = [(day, e) for e in timeline if (day := _plot_day(e.date)) is not None]
    if len(dated) > MAX_MARKERS:
        return _timeline_months(fig, dated)
    for background, name, symbol in ((False, "reported events", "circle"), (True, "background", "diamond-open")):
        xs, ys, texts = [], [], []
        for day, entry in dated:
            if bool(entry.background) != background:
                continue
            xs.append(day)
            ys.append(max(1, len(entry.sources)))
            summary = entry.summary if len(entry.summary) <= 160 else entry.summary[:157] + "…"
            texts.append(esc(entry.date) + "<br>" + esc(summary) + "<br>" + esc(", ".join(entry.sources)))
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", name=name, text=texts, hoverinfo="text",
                                     marker=dict(size=11, symbol=symbol)))
    fig.update_layout(title=esc("Timeline (height: number of outlets reporting)"),
                      yaxis_title="outlets", height=320, margin=dict(l=50, r=20, t=50, b=40))
    return fig


def _timeline_months(fig, dated: Sequence[tuple[str, TimelineEntry]]):
    """Timeline entries counted per month (reported and background stacked); a month without any
    is an empty place on the axis, not a line drawn across it."""
    import plotly.graph_objects as go

    for background, name in ((False, "reported events"), (True, "background")):
        counts: dict[str, int] = {}
        for day, entry in dated:
            if bool(entry.background) == background:
                counts[day[:7]] = counts.get(day[:7], 0) + 1
        if counts:
            months = sorted(counts)
            fig.add_trace(go.Bar(x=[f"{m}-01" for m in months], y=[counts[m] for m in months], name=name,
                                 text=[esc(f"{m}: {counts[m]} {name}") for m in months], hoverinfo="text",
                                 textposition="none"))
    fig.update_layout(title=esc("Timeline entries per month (see the table below for each)"), barmode="stack",
                      yaxis_title="entries", height=320, margin=dict(l=50, r=20, t=50, b=40))
    return fig


def _figure_html(div_id: str, fig) -> str:
    """A chart's place and its figure as JSON (``<``, ``>``, ``&`` escaped: no tag can close the block)."""
    data = json.dumps(json.loads(fig.to_json()), ensure_ascii=False, sort_keys=True)
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return (f'<div class="chart" id="{div_id}"></div>'
            f'<script type="application/json" class="chart-data" data-for="{div_id}">{data}</script>')


def relations_charts(relations: Sequence[Relation], timeline: Sequence[TimelineEntry]) -> str:
    """An HTML fragment: the timeline chart and the cooperation/conflict chart, as figures the
    page's script draws with the shared chart script (:data:`CHART_SCRIPT`).

    All text (actor codes, summaries, sources) is HTML-escaped.  Returns ``""`` when there is
    nothing to draw.
    """
    figures = []
    if any(_plot_day(e.date) for e in timeline):
        figures.append(("timeline-chart", _timeline_figure(timeline)))
    dyads = main_dyads(relations)
    if dyads:
        figures.append(("relations-chart", _dyad_figure(relations, dyads)))
    if not figures:
        return ""
    parts = [_figure_html(div_id, fig) for div_id, fig in figures]
    if dyads:
        parts.append(_dyad_table(relations, dyads))
    return "".join(parts)


def _dyad_table(relations: Sequence[Relation], dyads: Sequence[tuple[str, str]]) -> str:
    """The main dyads with their counted events."""
    rows = []
    for a, b in dyads:
        n = sum(int(r.n or 0) for r in relations if tuple(sorted((r.source, r.target))) == (a, b))
        rows.append(f"<tr><td>{esc(str(a))}</td><td>{esc(str(b))}</td><td>{n}</td></tr>")
    return ("<table class=dyads><tr><th>actor</th><th>actor</th><th>events</th></tr>"
            + "".join(rows) + "</table>")
