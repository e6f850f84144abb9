"""``report.html``: the human view of a run, one self-contained file (no external assets).

Every piece of article-derived text goes through :func:`html.escape`; the sections built by
other stages (framing, relations charts) escape their own text the same way.
"""
from __future__ import annotations

import html
from collections import defaultdict
from typing import Optional, Sequence

from ..model import Article, Event, Quote, StoryEvent, TimelineEntry, TimeRef

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
.text{white-space:pre-wrap;font-family:Georgia,serif}mark{background:#fff3b0}
details{margin:.5rem 0}summary{cursor:pointer;color:#57606a}.removed{white-space:pre-wrap;color:#6e7781;font-size:13px}
nav a{margin-right:1rem}
"""


def esc(value) -> str:
    """HTML-escape any value (None → empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _actors(refs) -> str:
    return ", ".join(f"{esc(r.text)} <span class=meta>{esc(r.code or '?')}{('/' + esc(r.sector)) if r.sector else ''}</span>"
                     for r in refs) or "—"


def highlight(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Escape ``text``, wrapping the (merged, non-overlapping) spans in ``<mark title=…>``."""
    spans = sorted((s, e, t) for s, e, t in spans if 0 <= s < e <= len(text))
    merged: list[list] = []
    for s, e, t in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if t not in merged[-1][2]:
                merged[-1][2].append(t)
        else:
            merged.append([s, e, [t]])
    out, pos = [], 0
    for s, e, titles in merged:
        out.append(esc(text[pos:s]))
        out.append(f'<mark title="{esc("; ".join(titles))}">{esc(text[s:e])}</mark>')
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def _timeline_section(timeline: Sequence[TimelineEntry]) -> str:
    if not timeline:
        return "<p>No dated events yet.</p>"
    rows = []
    for entry in timeline:
        badge = '<span class="badge bg">background</span>' if entry.background else ""
        rows.append(
            f"<tr><td>{esc(entry.date or 'undated')}</td><td>{badge}{esc(entry.summary)}</td>"
            f"<td>{esc(', '.join(entry.event_types))}</td><td>{esc(', '.join(entry.actors))}</td>"
            f"<td>{esc(', '.join(entry.sources))} ({len(entry.sources)})</td></tr>")
    return ("<table><tr><th>date</th><th>what happened</th><th>type</th><th>actors</th><th>sources</th></tr>"
            + "".join(rows) + "</table>")


def _events_table(events: Sequence[Event]) -> str:
    if not events:
        return "<p class=meta>No events coded.</p>"
    rows = []
    for e in events:
        flags = "".join([
            '<span class="badge warn">negated</span>' if e.negated else "",
            '<span class="badge">intent</span>' if e.intent else "",
            '<span class="badge bg">background</span>' if e.background else "",
        ])
        rows.append(
            f"<tr><td>{esc(e.event_type)} {flags}</td><td>{esc(e.cameo)}<br><span class=meta>Goldstein {esc(e.goldstein)}, Q{esc(e.quad_class)}</span></td>"
            f"<td>{_actors(e.source)}</td><td>{_actors(e.target)}</td>"
            f"<td>{esc(e.date)}<br><span class=meta>{esc(e.date_text or '')} {esc(e.date_how or '')}</span></td>"
            f"<td>{esc(e.sentence)}</td></tr>")
    return ("<table><tr><th>type</th><th>CAMEO</th><th>source</th><th>target</th><th>date</th><th>evidence</th></tr>"
            + "".join(rows) + "</table>")


def _quote_words(q: Quote, text: str) -> str:
    """What was said, its pieces joined by an ellipsis ("“A,” … “B.”" for "“A,” he said, “B.”")."""
    pieces = [text[a:b] for a, b in q.content_spans() if 0 <= a < b <= len(text)]
    return " … ".join(pieces) if pieces else q.text


def _quotes_table(quotes: Sequence[Quote], text: str = "") -> str:
    if not quotes:
        return "<p class=meta>No quotes found.</p>"
    rows = "".join(
        f"<tr><td>{esc(q.speaker or 'unattributed')}<br><span class=meta>{esc(q.speaker_code or '')}</span></td>"
        f"<td>{esc(q.cue or '')}</td><td>{esc(q.kind)}</td><td>{esc(_quote_words(q, text))}</td></tr>"
        for q in quotes)
    return "<table><tr><th>speaker</th><th>cue</th><th>kind</th><th>quote</th></tr>" + rows + "</table>"


def _article_section(article: Article, events: Sequence[Event], quotes: Sequence[Quote],
                     timexes: Sequence[TimeRef]) -> str:
    date = esc(article.published or "date unknown")
    how = esc(article.published_how)
    evidence = f" — {esc(article.published_evidence)}" if article.published_evidence else ""
    dup = (f' <span class="badge warn">duplicate of {esc(article.duplicate_of)}</span>'
           if article.duplicate_of else "")
    spans = [(e.start, e.end, f"{e.event_type} {e.cameo or ''}") for e in events]
    removed = ""
    if article.removed:
        removed = (f"<details><summary>{len(article.removed)} boilerplate line(s) removed</summary>"
                   f"<div class=removed>{esc(chr(10).join(article.removed))}</div></details>")
    timex_list = ""
    if timexes:
        items = ", ".join(f"{esc(t.text)} → <b>{esc(t.value or 'unresolved')}</b>" for t in timexes)
        timex_list = f"<details><summary>{len(timexes)} time expression(s)</summary><p>{items}</p></details>"
    return (
        f'<section class="article" id="a-{esc(article.id)}"><h3>{esc(article.title or article.path)}</h3>'
        f"<div class=meta>{esc(article.source or 'unknown source')} · {date} "
        f'<span class="badge">{how}</span>{evidence}{dup}<br>{esc(article.path)}</div>'
        f"<details open><summary>text ({len(events)} event sentence(s) highlighted)</summary>"
        f"<div class=text>{highlight(article.text, spans)}</div></details>{removed}{timex_list}"
        f"<h4>Events</h4>{_events_table(events)}<h4>Quotes</h4>{_quotes_table(quotes, article.text)}</section>")


def _optional_section(title: str, anchor: str, body: Optional[str]) -> str:
    return f'<h2 id="{anchor}">{esc(title)}</h2>{body}' if body else ""


def render_report(*, articles: Sequence[Article], events: Sequence[Event] = (), quotes: Sequence[Quote] = (),
                  timeline: Sequence[TimelineEntry] = (), story_events: Sequence[StoryEvent] = (),
                  relations: Sequence[dict] = (), framing: Optional[dict] = None,
                  stances: Sequence[dict] = (), timexes: Sequence[TimeRef] = ()) -> str:
    """The whole report as one HTML string."""
    by_article: dict[str, dict[str, list]] = defaultdict(lambda: {"events": [], "quotes": [], "timexes": []})
    for e in events:
        by_article[e.article_id]["events"].append(e)
    for q in quotes:
        by_article[q.article_id]["quotes"].append(q)
    for t in timexes:
        by_article[t.article_id]["timexes"].append(t)

    charts = framing_html = None
    if relations or timeline:
        from ..corpus.relations import render_relations_html
        charts = render_relations_html(list(relations), timeline)
    if framing:
        from ..corpus.framing import render_framing_html
        framing_html = render_framing_html(framing, list(stances))

    sources = sorted({a.outlet for a in articles})
    articles_html = "".join(
        _article_section(a, by_article[a.id]["events"], by_article[a.id]["quotes"], by_article[a.id]["timexes"])
        for a in articles)
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>Storyline report</title><style>{_CSS}</style></head><body><main>"
        f"<h1>Storyline report</h1><p class=meta>{len(articles)} article(s) from {len(sources)} outlet(s): "
        f"{esc(', '.join(sources))} · {len(events)} event(s) · {len(quotes)} quote(s) · "
        f"{len(story_events)} story event(s)</p>"
        "<nav><a href='#timeline'>Timeline</a><a href='#relations'>Relations</a>"
        "<a href='#sources'>Sources</a><a href='#articles'>Articles</a></nav>"
        f'<h2 id="timeline">Timeline</h2>{_timeline_section(timeline)}'
        f"{_optional_section('Relations', 'relations', charts)}"
        f"{_optional_section('Sources compared', 'sources', framing_html)}"
        f'<h2 id="articles">Articles</h2>{articles_html}'
        "</main></body></html>")
