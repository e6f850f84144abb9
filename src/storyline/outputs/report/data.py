"""Where the report's per-article data comes from: lists in memory (:class:`ListData`, the
:func:`~storyline.outputs.report.render_report` API) or the store read in batches and SQL aggregates
(:class:`StoreData`, what ``write_outputs`` uses: it holds one batch of articles, never the corpus,
#18).  Both answer the same questions, so the page they give is the same byte for byte.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from ...model import Article, Event, Quote, TimeRef

if TYPE_CHECKING:
    from ...store import Store

__all__ = ["ListData", "StoreData"]

#: ids looked up in the store per query
_CHUNK = 500


class ListData:
    """The report's data from lists (events: those to show, already kept)."""

    def __init__(self, articles: Sequence[Article], events: Sequence[Event], quotes: Sequence[Quote],
                 timexes: Sequence[TimeRef]) -> None:
        self.articles, self.events = articles, events
        self.n_articles, self.n_events, self.n_quotes = len(articles), len(events), len(quotes)
        self._by_article: dict[str, dict[str, list]] = defaultdict(lambda: {"events": [], "quotes": [], "timexes": []})
        for name, records in (("events", events), ("quotes", quotes), ("timexes", timexes)):
            for r in records:
                self._by_article[r.article_id][name].append(r)

    def counters(self) -> tuple[Counter, Counter, Counter]:
        """How often each outlet (of the articles), actor code and event type (of the events) occurs."""
        return (Counter(a.outlet for a in self.articles),
                Counter(r.code for e in self.events for r in (*e.source, *e.target) if r.code),
                Counter(e.event_type for e in self.events if e.event_type))

    def article_records(self, *, text: bool = True, first: Optional[int] = None,
                        also: frozenset = frozenset()) -> Iterator[tuple[Article, dict]]:
        """Every article with its records, in order; with ``first``, only the first ``first`` and
        those of ``also`` (ids)."""
        for i, a in enumerate(self.articles):
            if first is None or i < first or a.id in also:
                yield a, self._by_article[a.id]

    def count_views(self, first: int, also: frozenset) -> int:
        return sum(1 for i, a in enumerate(self.articles) if i < first or a.id in also)

    def event_articles(self, event_ids: Iterable[str]) -> dict[str, str]:
        wanted = set(event_ids)
        return {e.id: e.article_id for e in self.events if e.id in wanted}

    def articles_of(self, article_ids: Iterable[str]) -> dict[str, Article]:
        wanted = set(article_ids)
        return {a.id: a for a in self.articles if a.id in wanted}


class StoreData:
    """The report's data read from ``store``: the events kept at ``threshold``."""

    def __init__(self, store: "Store", threshold: Optional[float]) -> None:
        self.store, self.threshold = store, threshold
        conn = store.db.conn
        self.n_articles = conn.execute("select count(*) from articles").fetchone()[0]
        self.n_events = store.event_counts(threshold)[0] if threshold is not None else \
            conn.execute("select count(*) from events").fetchone()[0]
        self.n_quotes = conn.execute("select count(*) from quotes").fetchone()[0]

    def _kept(self) -> tuple[str, list]:
        return self.store._kept_where(self.threshold, False)

    def counters(self) -> tuple[Counter, Counter, Counter]:
        conn = self.store.db.conn
        conn.create_function("storyline_outlet", 2, _outlet, deterministic=True)
        outlets = Counter(dict(conn.execute(
            "select storyline_outlet(source, url) as o, count(*) from articles group by o")))
        kept, params = self._kept()
        sides = " union all ".join(
            f"select json_extract(j.value, '$.code') as code from events as e, json_each(e.[{side}]) as j "
            f"where {kept.replace('confidence', 'e.confidence')}" for side in ("source", "target"))
        actors = Counter(dict(conn.execute(
            f"select code, count(*) from ({sides}) where code is not null and code != '' group by code", params * 2)))
        types = Counter(dict(conn.execute(
            f"select event_type, count(*) from events where {kept} and event_type is not null and event_type != '' "
            "group by event_type", params)))
        return outlets, actors, types

    def article_records(self, *, text: bool = True, first: Optional[int] = None,
                        also: frozenset = frozenset()) -> Iterator[tuple[Article, dict]]:
        where, params = self._views_where(first, also)
        return self.store.iter_article_records(where, params, threshold=self.threshold, text=text, timexes=text)

    def count_views(self, first: int, also: frozenset) -> int:
        where, params = self._views_where(first, also)
        return self.store.db.conn.execute(f"select count(*) from articles where {where}", params).fetchone()[0]

    @staticmethod
    def _views_where(first: Optional[int], also: frozenset) -> tuple[str, list]:
        if first is None:
            return "1", []
        ids = sorted(also)
        return (f"id in (select id from articles order by path, id limit ?) or id in ({', '.join('?' for _ in ids)})",
                [first, *ids])

    def event_articles(self, event_ids: Iterable[str]) -> dict[str, str]:
        ids, found = list(dict.fromkeys(event_ids)), {}
        kept, params = self._kept()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            found.update(self.store.db.conn.execute(
                f"select id, article_id from events where id in ({', '.join('?' for _ in chunk)}) and {kept}",
                [*chunk, *params]))
        return found

    def articles_of(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The articles of ``article_ids`` without their text (what the page's lists need of them)."""
        ids, found = list(dict.fromkeys(article_ids)), {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            found.update((a.id, a) for a in self.store.iter_articles(
                f"id in ({', '.join('?' for _ in chunk)})", chunk, text=False))
        return found


def _outlet(source: Optional[str], url: Optional[str]) -> str:
    return Article(id="", path="", text="", source=source, url=url).outlet
