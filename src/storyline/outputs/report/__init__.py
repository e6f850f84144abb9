"""``report.html``: the human view of a run, one page plus one shared chart script beside it
(:data:`CHART_SCRIPT`, plotly.js, written by :mod:`storyline.outputs`).

The page is a Jinja2 template (``data/report/page.html.j2``, autoescape on) filled here: the
timeline, article index and stances are paged and filtered by the page's script (:mod:`.page`), an
article's full view, its text with the event sentences highlighted (:mod:`.sections`), is kept out
of the page until opened; the charts (:mod:`.charts`) and the outlets compared (:mod:`.framing`)
are bounded.  Every piece of article-derived text is escaped, by the template or by :func:`esc`
before it is marked safe.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional, Sequence

from ...model import Article, Event, Quote, Relation, Stance, StoryEvent, TimelineEntry, TimeRef
from . import page
from .charts import CHART_SCRIPT, chart_script
from .sections import article_section, esc, highlight

__all__ = ["render_report", "esc", "highlight", "CHART_SCRIPT", "chart_script"]

#: outlets named in the page's heading (the rest counted)
OUTLETS_LISTED = 10


def _safe(text: str):
    """Mark HTML this package built (escaping every value itself) as safe for the template."""
    from markupsafe import Markup

    return Markup(text)


def _script() -> str:
    text = page.asset("report.js")
    assert "</script" not in text.lower()
    return text


def render_report(*, articles: Sequence[Article], events: Sequence[Event] = (), quotes: Sequence[Quote] = (),
                  timeline: Sequence[TimelineEntry] = (), story_events: Sequence[StoryEvent] = (),
                  relations: Sequence[Relation] = (), framing: Optional[dict] = None,
                  stances: Sequence[Stance] = (), timexes: Sequence[TimeRef] = (),
                  event_threshold: Optional[float] = None) -> str:
    """The report page as one HTML string; ``event_threshold``, the confidence the events were kept
    at.  When it draws charts, the page loads :data:`CHART_SCRIPT` from beside itself."""
    by_article: dict[str, dict[str, list]] = defaultdict(lambda: {"events": [], "quotes": [], "timexes": []})
    for e in events:
        by_article[e.article_id]["events"].append(e)
    for q in quotes:
        by_article[q.article_id]["quotes"].append(q)
    for t in timexes:
        by_article[t.article_id]["timexes"].append(t)

    charts = framing_html = ""
    if relations or timeline:
        from .charts import relations_charts
        charts = relations_charts(list(relations), timeline)
    if framing:
        from .framing import framing_section
        framing_html = framing_section(framing, [])
    views = [{"id": a.id, "html": _safe(article_section(a, by_article[a.id]["events"], by_article[a.id]["quotes"],
                                                        by_article[a.id]["timexes"]))} for a in articles]
    outlet_of = {a.id: a.outlet for a in articles}
    return page.environment().get_template("page.html.j2").render(
        css=_safe(page.asset("report.css")), script=_safe(_script()),
        chart_script=CHART_SCRIPT if charts else "",
        n_articles=len(articles), outlets=sorted({a.outlet for a in articles}), outlets_listed=OUTLETS_LISTED,
        n_events=len(events), n_quotes=len(quotes), n_story_events=len(story_events),
        kept_at="" if event_threshold is None else f" (confidence ≥ {event_threshold:g})",
        choices=page.choices(articles, events), actors_listed=6,
        timeline_rows=page.timeline_rows(timeline, events, articles),
        charts=_safe(charts), framing=_safe(framing_html),
        stance_rows=page.stance_rows(stances, outlet_of),
        article_rows=page.article_rows(articles, by_article), article_views=views)
