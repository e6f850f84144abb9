"""The report's sections about the data itself: the timeline table and, per article, its text with
the event sentences highlighted, its events, quotes and time expressions.  Every piece of
article-derived text goes through :func:`esc`.
"""
from __future__ import annotations

import html
from typing import Sequence

from ...model import Article, Event, Quote, TimelineEntry, TimeRef

__all__ = ["esc", "highlight", "timeline_section", "article_section"]


def esc(value) -> str:
    """HTML-escape any value (None → empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _actors(refs) -> str:
    """A side's actors; one no words of the sentence name is marked "implied" (its text is what it
    stands for, "Libya", not a quotation)."""
    return ", ".join(f"{esc(r.text)} <span class=meta>{esc(r.code or '?')}{('/' + esc(r.sector)) if r.sector else ''}"
                     f"{' implied' if getattr(r, 'implied', False) else ''}</span>"
                     for r in refs) or "—"


def highlight(text: str, spans: Sequence[tuple]) -> str:
    """Escape ``text``, wrapping the (merged, non-overlapping) spans ``(start, end, title[, event id])``
    in ``<mark title=…>`` (with ``data-ev``, the ids of the events a mark stands for, when given)."""
    spans = sorted((s[0], s[1], s[2], s[3] if len(s) > 3 else "") for s in spans if 0 <= s[0] < s[1] <= len(text))
    merged: list[list] = []
    for s, e, t, eid in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if t not in merged[-1][2]:
                merged[-1][2].append(t)
            if eid:
                merged[-1][3].append(eid)
        else:
            merged.append([s, e, [t], [eid] if eid else []])
    out, pos = [], 0
    for s, e, titles, ids in merged:
        out.append(esc(text[pos:s]))
        data = f' data-ev="{esc(" ".join(ids))}"' if ids else ""
        out.append(f'<mark title="{esc("; ".join(titles))}"{data}>{esc(text[s:e])}</mark>')
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def timeline_section(timeline: Sequence[TimelineEntry]) -> str:
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


def _confidence_badge(e: Event) -> str:
    """How sure the coder is: the confidence, the modality when not a plain assertion, and (on
    hover) the rule and evidence behind the figure."""
    if e.confidence is None and not e.modality:
        return ""
    why = "; ".join(e.evidence) or (f"rule {e.rule}" if e.rule else "")
    figure = "" if e.confidence is None else f"{e.confidence:.2f}"
    modality = f" {e.modality}" if e.modality and e.modality != "asserted" else ""
    return f'<span class="badge conf" title="{esc(why)}">{esc(figure)}{esc(modality)}</span>'


def _events_table(events: Sequence[Event]) -> str:
    if not events:
        return "<p class=meta>No events coded.</p>"
    rows = []
    for e in events:
        flags = "".join([
            '<span class="badge warn">negated</span>' if e.negated else "",
            '<span class="badge">intent</span>' if e.intent else "",
            '<span class="badge bg">background</span>' if e.background else "",
            _confidence_badge(e),
        ])
        rows.append(
            f'<tr id="ev-{esc(e.id)}"><td>{esc(e.event_type)} {flags}</td>'
            f"<td>{esc(e.cameo)}<br><span class=meta>Goldstein {esc(e.goldstein)}, Q{esc(e.quad_class)}</span></td>"
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


def article_section(article: Article, events: Sequence[Event], quotes: Sequence[Quote],
                     timexes: Sequence[TimeRef]) -> str:
    date = esc(article.published or "date unknown")
    how = esc(article.published_how)
    evidence = f" — {esc(article.published_evidence)}" if article.published_evidence else ""
    dup = (f' <span class="badge warn">duplicate of {esc(article.duplicate_of)}</span>'
           if article.duplicate_of else "")
    if article.not_news:
        dup += (f' <span class="badge warn">not news: {esc(article.not_news)} — kept out of the timeline, stories, '
                f'relations, stances and framing</span>')
    spans = [(e.start, e.end, f"{e.event_type} {e.cameo or ''}", e.id) for e in events]
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
        f"<div class=meta>{esc(article.outlet)} · {date} "
        f'<span class="badge">{how}</span>{evidence}{dup}<br>{esc(article.path)}</div>'
        f"<details open><summary>text ({len(events)} event sentence(s) highlighted)</summary>"
        f"<div class=text>{highlight(article.text, spans)}</div></details>{removed}{timex_list}"
        f"<h4>Events</h4>{_events_table(events)}<h4>Quotes</h4>{_quotes_table(quotes, article.text)}</section>")
