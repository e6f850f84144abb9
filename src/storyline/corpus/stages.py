"""The corpus stages over the store, in memory that does not grow with the events (#18).

:func:`stream_corpus_stages` recomputes the corpus-level tables (story events, timeline, relations,
stances, framing) from the stored events kept at the run's threshold in news articles, as
:func:`storyline.pipeline.corpus_stages` did from the list of them, with the same results, without
ever holding that list:

* **linking** reads the mentions a date window at a time and writes the story events a batch of
  clusters at a time (:mod:`storyline.corpus.linkstore`);
* **timeline** takes the story events read back from the store, what the mentions say of each of them
  (kept while linking: :func:`~storyline.corpus.timeline.mention_flags`) and the background entries
  of the articles' shares;
* **relations** is a reducer over a cursor of the events (:func:`~storyline.corpus.relations.compute_relations`
  takes any iterable, in :meth:`Store.events` order);
* **stances, framing and the timeline's background** add up each article's share
  (:class:`storyline.incremental.ArticleShares`); the events of an article are read from the store
  only for a share made now, a batch of articles at a time; framing's events per article is one
  ``group by``.

Everything is written inside one transaction: a failure leaves the store as it was; the linking in
a savepoint of its own, so its failure leaves every event linked to no story event and the other
stages go on, as before.

Held over the whole corpus: the news articles without texts, two machine integers per mention while
linking, and the story events (the timeline groups them by day and parties, framing's coverage lists
each of them).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator, Optional, Sequence

from ..model import Event

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["stream_corpus_stages"]


def kept_news_events(store: "Store", where: str, params: Sequence, *, batch: int = 500) -> Iterator[Event]:
    """The events ``where`` selects, in :meth:`Store.events` order, read ``batch`` rows at a time."""
    from ..store import _decode

    cursor = store.db.conn.execute(f"select * from events where {where} order by article_id, start, id", list(params))
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield Event.from_dict(_decode("events", dict(zip(names, row)), ["negated", "intent", "background"]))


def _linked(store: "Store", where: str, params: Sequence, articles: Sequence) -> tuple[dict, dict]:
    from .linkstore import link_stored

    with store.db.atomic():     # a savepoint: a failed linking leaves no story event behind
        return link_stored(store, where, params, articles)[1]


def stream_corpus_stages(store: "Store", *, news_sql: str, event_threshold: float, timeline_entries: int,
                         salt: str, attempt: Callable) -> list[str]:
    """The corpus stages over the news articles (``news_sql``, over ``articles``) and their events kept
    at ``event_threshold``; ``salt``: the code and settings stamp of the articles' shares; ``attempt(name,
    skipped, compute, default)`` runs a stage (a failure skips it).  Returns the stages skipped."""
    from ..incremental import ArticleShares
    from .linking import story_order
    from .relations import compute_relations
    from .timeline import build_timeline, select_entries

    skipped: list[str] = []
    articles = list(store.iter_articles(news_sql, text=False))
    kept, params = store._kept_where(event_threshold, False)
    where = f"{kept} and article_id in (select id from articles where {news_sql})"
    shares = ArticleShares(store, salt=salt)

    def events_of(ids: list[str]) -> dict:
        from .linkstore import stored_events

        return stored_events(store, where, params, ids)

    with store.db.atomic():
        store.start_corpus(event_threshold)
        flags: Optional[tuple] = attempt("linking", skipped, lambda: _linked(store, where, params, articles), None)
        story_events: list = []
        timeline: list = []
        if flags is not None:
            story_events = sorted(store.story_events(), key=story_order)
            timeline = attempt("timeline", skipped, lambda: select_entries(
                build_timeline(story_events, (), articles, background=shares.background(events_of, event_threshold),
                               flags=flags),
                (), size=timeline_entries, salience=shares.salience()), [])
        else:
            skipped.append("timeline: needs the story linking")
        relations = attempt("relations", skipped, lambda: compute_relations(kept_news_events(store, where, params)), [])
        stances = attempt("stances", skipped, lambda: shares.stances(events_of, event_threshold), [])
        framing = attempt("framing", skipped, lambda: shares.framing(dict(store.db.conn.execute(
            f"select article_id, count(*) from events where {where} group by article_id", list(params))),
            story_events), {})
        store.finish_corpus(timeline=timeline, relations=relations, stances=stances, framing=framing)
    return skipped
