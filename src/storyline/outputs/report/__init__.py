"""``report.html``: the human view of a run, one self-contained file (no external assets).

The page is put together here from its sections: the timeline table and the articles
(:mod:`.sections`), the charts (:mod:`.charts`) and the outlets compared (:mod:`.framing`).
Every piece of article-derived text goes through :func:`html.escape`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional, Sequence

from ...model import Article, Event, Quote, Relation, Stance, StoryEvent, TimelineEntry, TimeRef
from .sections import article_section, esc, highlight, timeline_section

__all__ = ["render_report", "esc", "highlight"]

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1100px;margin:auto;padding:1.5rem}
h1{margin:.2rem 0}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left;font-size:14px}
th{background:#eef1f4}
.article{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:1rem 0}
.meta{color:#57606a;font-size:13px}.badge{display:inline-block;border-radius:3px;padding:0 .35rem;
font-size:12px;background:#ddf4ff;margin-right:.2rem}.bg{background:#fff8c5}.warn{background:#ffebe9}
.conf{background:#eef1f4;cursor:help}
.text{white-space:pre-wrap;font-family:Georgia,serif}mark{background:#fff3b0}
details{margin:.5rem 0}summary{cursor:pointer;color:#57606a}.removed{white-space:pre-wrap;color:#6e7781;font-size:13px}
nav a{margin-right:1rem}
"""


def _optional_section(title: str, anchor: str, body: Optional[str]) -> str:
    return f'<h2 id="{anchor}">{esc(title)}</h2>{body}' if body else ""


def render_report(*, articles: Sequence[Article], events: Sequence[Event] = (), quotes: Sequence[Quote] = (),
                  timeline: Sequence[TimelineEntry] = (), story_events: Sequence[StoryEvent] = (),
                  relations: Sequence[Relation] = (), framing: Optional[dict] = None,
                  stances: Sequence[Stance] = (), timexes: Sequence[TimeRef] = (),
                  event_threshold: Optional[float] = None) -> str:
    """The whole report as one HTML string; ``event_threshold``, the confidence the events were kept at."""
    by_article: dict[str, dict[str, list]] = defaultdict(lambda: {"events": [], "quotes": [], "timexes": []})
    for e in events:
        by_article[e.article_id]["events"].append(e)
    for q in quotes:
        by_article[q.article_id]["quotes"].append(q)
    for t in timexes:
        by_article[t.article_id]["timexes"].append(t)

    charts = framing_html = None
    if relations or timeline:
        from .charts import relations_charts
        charts = relations_charts(list(relations), timeline)
    if framing:
        from .framing import framing_section
        framing_html = framing_section(framing, list(stances))

    sources = sorted({a.outlet for a in articles})
    kept_at = "" if event_threshold is None else f" (confidence ≥ {event_threshold:g})"
    articles_html = "".join(
        article_section(a, by_article[a.id]["events"], by_article[a.id]["quotes"], by_article[a.id]["timexes"])
        for a in articles)
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>Storyline report</title><style>{_CSS}</style></head><body><main>"
        f"<h1>Storyline report</h1><p class=meta>{len(articles)} article(s) from {len(sources)} outlet(s): "
        f"{esc(', '.join(sources))} · {len(events)} event(s){kept_at} · {len(quotes)} quote(s) · "
        f"{len(story_events)} story event(s)</p>"
        "<nav><a href='#timeline'>Timeline</a><a href='#relations'>Relations</a>"
        "<a href='#sources'>Sources</a><a href='#articles'>Articles</a></nav>"
        f'<h2 id="timeline">Timeline</h2>{timeline_section(timeline)}'
        f"{_optional_section('Relations', 'relations', charts)}"
        f"{_optional_section('Sources compared', 'sources', framing_html)}"
        f'<h2 id="articles">Articles</h2>{articles_html}'
        "</main></body></html>")
