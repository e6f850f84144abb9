"""The report page's bounded lists: the rows of the timeline, the article index and the stances,
each with what the page's filters read (outlets, actors, event types, date), and the timeline
row's links to its evidence.  The page template (``data/report/page.html.j2``, autoescaped) turns
them into rows kept out of the page until shown.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Sequence

from ...model import Article, Event, Stance, TimelineEntry

__all__ = ["environment", "asset", "timeline_rows", "timeline_refs", "title", "article_row", "stance_rows", "choices"]

#: evidence links shown per timeline row (the rest counted)
EVIDENCE_LINKS = 3
#: options offered per filter list (the filters match any text typed)
CHOICES = 100


@lru_cache(maxsize=None)
def environment():
    """The Jinja2 environment of the report's templates, autoescape on."""
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("storyline", "data/report"), autoescape=True,
                              keep_trailing_newline=True)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A file of the report's page (its script or style sheet)."""
    return resources.files("storyline").joinpath("data/report", name).read_text(encoding="utf-8")


def _short(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _evidence(entry: TimelineEntry, event_article: dict[str, str], titles: dict[str, str]) -> tuple[list, int]:
    """Links to the entry's evidence: per article, its first event of the entry (else the article)."""
    first_event: dict[str, str] = {}
    for eid in entry.event_ids:
        aid = event_article.get(eid)
        if aid is not None:
            first_event.setdefault(aid, eid)
    article_ids = list(dict.fromkeys([*first_event, *entry.article_ids]))
    links = []
    for aid in article_ids[:EVIDENCE_LINKS]:
        target = f"ev-{first_event[aid]}" if aid in first_event else f"a-{aid}"
        links.append({"target": target, "label": f"[{len(links) + 1}]", "title": titles.get(aid, aid)})
    return links, max(0, len(article_ids) - EVIDENCE_LINKS)


def timeline_rows(timeline: Sequence[TimelineEntry], event_article: dict[str, str], titles: dict[str, str]) -> list[dict]:
    """The timeline's rows; ``event_article`` (event id -> article id) and ``titles`` (article id ->
    title) need hold only the events and articles the entries name (:func:`timeline_refs`)."""
    rows = []
    for entry in timeline:
        links, more = _evidence(entry, event_article, titles)
        rows.append({"date": entry.date or "", "summary": entry.summary, "background": entry.background,
                     "types": list(entry.event_types), "actors": list(entry.actors),
                     "outlets": list(entry.sources), "evidence": links, "more": more})
    return rows


def timeline_refs(timeline: Sequence[TimelineEntry]) -> tuple[set[str], set[str]]:
    """The event ids and article ids the timeline's entries name."""
    return ({eid for t in timeline for eid in t.event_ids}, {aid for t in timeline for aid in t.article_ids})


def title(article: Article) -> str:
    """An article's title as the timeline's evidence links show it."""
    return _short(article.title or article.path, 120)


def _actor_names(e: Event) -> list[str]:
    return [n for r in (*e.source, *e.target) for n in (r.code, r.text) if n]


def article_row(a: Article, records: dict) -> dict:
    """The article index's row of ``a`` with its ``records`` (``{"events": [...], "quotes": [...]}``)."""
    evs = records["events"]
    return {"id": a.id, "date": a.published or "", "outlet": a.outlet, "title": _short(a.title or a.path, 160),
            "duplicate": bool(a.duplicate_of), "not_news": a.not_news or "", "n_events": len(evs),
            "n_quotes": len(records["quotes"]),
            "actors": sorted({n for e in evs for n in _actor_names(e)}),
            "types": sorted({e.event_type for e in evs if e.event_type})}


def stance_rows(stances: Sequence[Stance], outlet_of: dict[str, str]) -> list[dict]:
    rows = []
    for s in stances:
        aid = s.evidence.article_id if s.evidence else None
        rows.append({"actor": s.actor, "position": s.position, "issue": s.issue, "article": aid,
                     "outlet": outlet_of.get(aid, "") if aid else "",
                     "evidence": _short((s.evidence.text if s.evidence else None) or "", 300)})
    return rows


def choices(outlets: Counter, actors: Counter, types: Counter) -> list[tuple[str, list[str]]]:
    """The filter lists' suggestions: the most frequent outlets, actor codes and event types (given
    as counts of each)."""
    def top(counter: Counter) -> list[str]:
        return sorted(v for v, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:CHOICES])
    return [("outlet", top(outlets)), ("actor", top(actors)), ("type", top(types))]
