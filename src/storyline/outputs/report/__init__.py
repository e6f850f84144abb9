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

from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from ...settings import Settings
from ...model import Article, Event, Quote, Relation, Stance, StoryEvent, TimelineEntry, TimeRef
from . import page
from .charts import CHART_SCRIPT, chart_script
from .data import ListData, StoreData
from .framing import StoredFraming
from .sections import article_section, esc, highlight

if TYPE_CHECKING:
    from ...store import Store

__all__ = ["render_report", "write_report", "esc", "highlight", "CHART_SCRIPT", "chart_script", "ARTICLE_VIEWS"]

#: outlets named in the page's heading (the rest counted)
OUTLETS_LISTED = 10
#: articles whose full view (text, events, quotes) the page holds by default (setting ``report_article_views``)
ARTICLE_VIEWS: int = Settings.report_article_views


def _safe(text: str):
    """Mark HTML this package built (escaping every value itself) as safe for the template."""
    from markupsafe import Markup

    return Markup(text)


def _script() -> str:
    text = page.asset("report.js")
    assert "</script" not in text.lower()
    return text


def _views(data, first: int, also: frozenset) -> Iterator[dict]:
    """The full views of the first ``first`` articles and of those the page links to (``also``)."""
    for a, records in data.article_records(text=True, first=first, also=also):
        yield {"id": a.id, "html": _safe(article_section(a, records["events"], records["quotes"], records["timexes"]))}


def _chunks(data, *, timeline: Sequence[TimelineEntry], relations: Sequence[Relation], framing: Optional[dict],
            stances: Sequence[Stance], n_story_events: int, event_threshold: Optional[float],
            article_views: int) -> tuple[Iterator[str], bool]:
    """The page's text, piece by piece, filled from ``data`` (:mod:`.data`) one article at a time;
    and whether it draws charts (and so loads :data:`CHART_SCRIPT`)."""
    charts = framing_html = ""
    if relations or timeline:
        from .charts import relations_charts
        charts = relations_charts(list(relations), timeline)
    if framing:
        from .framing import framing_section
        framing_html = framing_section(framing, [])
    outlet_counts, actor_counts, type_counts = data.counters()
    outlets = sorted(outlet_counts)
    event_ids, article_ids = page.timeline_refs(timeline)
    stance_ids = {s.evidence.article_id for s in stances if s.evidence and s.evidence.article_id}
    named = data.articles_of(article_ids | stance_ids)
    linked = frozenset(article_ids | stance_ids)
    n_views = data.n_articles if article_views >= data.n_articles else data.count_views(article_views, linked)
    chunks = page.environment().get_template("page.html.j2").generate(
        css=_safe(page.asset("report.css")), script=_safe(_script()),
        chart_script=CHART_SCRIPT if charts else "",
        n_articles=data.n_articles, n_outlets=len(outlets), outlets_head=outlets[:OUTLETS_LISTED],
        n_events=data.n_events, n_quotes=data.n_quotes, n_story_events=n_story_events,
        kept_at="" if event_threshold is None else f" (confidence ≥ {event_threshold:g})",
        choices=page.choices(outlet_counts, actor_counts, type_counts), actors_listed=6,
        timeline_rows=page.timeline_rows(timeline, data.event_articles(event_ids),
                                         {aid: page.title(a) for aid, a in named.items() if aid in article_ids}),
        charts=_safe(charts), framing=_safe(framing_html),
        stance_rows=page.stance_rows(stances, {aid: a.outlet for aid, a in named.items()}),
        article_rows=(page.article_row(a, records) for a, records in data.article_records(text=False)),
        article_views=_views(data, article_views, linked), n_views=n_views, first_views=article_views)
    return chunks, bool(charts)


def render_report(*, articles: Sequence[Article], events: Sequence[Event] = (), quotes: Sequence[Quote] = (),
                  timeline: Sequence[TimelineEntry] = (), story_events: Sequence[StoryEvent] = (),
                  relations: Sequence[Relation] = (), framing: Optional[dict] = None,
                  stances: Sequence[Stance] = (), timexes: Sequence[TimeRef] = (),
                  event_threshold: Optional[float] = None, article_views: int = ARTICLE_VIEWS) -> str:
    """The report page as one HTML string; ``event_threshold``, the confidence the events were kept
    at; ``article_views``, the articles whose full view the page holds.  When it draws charts, the
    page loads :data:`CHART_SCRIPT` from beside itself."""
    chunks, _ = _chunks(ListData(articles, events, quotes, timexes), timeline=timeline, relations=relations,
                        framing=framing, stances=stances, n_story_events=len(story_events),
                        event_threshold=event_threshold, article_views=article_views)
    return "".join(chunks)


def chart_relations(store: "Store") -> list[Relation]:
    """What the charts read of the relations: those of the main dyads (:func:`~storyline.corpus.relations.main_dyads`,
    found over a stream of them all), in the store's order; the rest, which grows with the corpus, is
    not held (#18).  The charts drawn from them are those drawn from all."""
    from ...corpus.relations import main_dyads

    dyads = set(main_dyads(store.iter_relations()))
    return [r for r in store.iter_relations() if tuple(sorted((r.source, r.target))) in dyads]


def write_report(store: "Store", path: Path, *, event_threshold: Optional[float] = None,
                 article_views: int = ARTICLE_VIEWS) -> bool:
    """Write the page of what ``store`` holds (the events kept at ``event_threshold``) to ``path`` as
    it is rendered, reading the articles a batch at a time: memory does not grow with the corpus.
    Returns whether the page draws charts (and so needs :data:`CHART_SCRIPT` beside it)."""
    n_story_events = store.db.conn.execute("select count(*) from story_events").fetchone()[0]
    chunks, charts = _chunks(StoreData(store, event_threshold), timeline=store.timeline(),
                             relations=chart_relations(store), framing=StoredFraming(store), stances=store.stances(),
                             n_story_events=n_story_events, event_threshold=event_threshold,
                             article_views=article_views)
    from .. import _write

    _write(path, chunks)
    return charts
