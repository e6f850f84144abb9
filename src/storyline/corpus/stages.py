"""The corpus stages over the store, in memory that does not grow with the events (#18).

:func:`stream_corpus_stages` recomputes the corpus-level tables (story events, timeline, relations,
stances, framing) from the stored events kept at the run's threshold in news articles, as
:func:`storyline.pipeline.corpus_stages` did from the list of them, with the same results, without
ever holding that list:

* **linking** reads the mentions a date window at a time and writes the story events a batch of
  clusters at a time (:mod:`storyline.corpus.linkstore`);
* **timeline** takes the story events read back from the store in their order (rowids sorted by
  date and id: :func:`_story_order`), what the mentions say of each of them (kept while linking:
  :func:`~storyline.corpus.timeline.mention_flags`) and the background entries of the articles' shares;
  it is the one stage that holds every story event (it groups them by day and parties), and only
  while it runs;
* **relations** is a reducer over a cursor of the events (:func:`~storyline.corpus.relations.compute_relations`
  takes any iterable, in :meth:`Store.events` order);
* **stances, framing and the timeline's background** add up each article's share
  (:class:`storyline.incremental.ArticleShares`); the events of an article are read from the store
  only for a share made now, a batch of articles at a time; framing's events per article is one
  ``group by``.

Everything is written inside one transaction: a failure leaves the store as it was; the linking in
a savepoint of its own, so its failure leaves every event linked to no story event and the other
stages go on, as before.

Held over the whole corpus: the news articles without texts (slim: :func:`_slim_articles`), two machine
integers per mention while linking and the timeline's flags, one integer per story event
(:class:`~storyline.corpus.linkstore.PackedFlags`); the story events (slim: :func:`_slim`), its
entries and background entries while the timeline is made (it ranks them all: the largest part
left, #18); framing's outlets (their counts and article ids' outlets).  Framing is written into the
store's framing tables as it is made (:mod:`storyline.store.framing`: rows, no value that grows with the
corpus), the outlets' list items as they come, the coverage a story event at a time.
"""
from __future__ import annotations

from array import array
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple, Optional, Sequence

from ..model import Article, Event, StoryEvent
from .linking import story_order_of

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["stream_corpus_stages"]


def kept_news_events(store: "Store", where: str, params: Sequence, *, batch: int = 500) -> Iterator[Event]:
    """The events ``where`` selects, in :meth:`Store.events` order, read ``batch`` rows at a time."""
    from ..store import event_of_row

    yield from map(event_of_row, store._iter_rows("events", where, params, "article_id, start, id", batch))


def _linked(store: "Store", where: str, params: Sequence, articles: Sequence) -> tuple[dict, dict]:
    from .linkstore import link_stored

    with store.db.atomic():     # a savepoint: a failed linking leaves no story event behind
        return link_stored(store, where, params, articles)[1]


def _story_order(store: "Store") -> array:
    """The rowids of the stored story events in their order (:func:`~storyline.corpus.linking.story_order`):
    the timeline and framing read them in it, a batch at a time for framing."""
    rows = store.db.conn.execute("select rowid, date, id from story_events").fetchall()
    rows.sort(key=lambda r: story_order_of(r[1], r[2]))
    return array("q", (r[0] for r in rows))


def _slim_articles(articles: Iterable[Article]) -> Iterator[Article]:
    """The news articles as linking and the timeline read them, held all along: without what they do not
    read (path, author, the date's evidence, content hash), the strings that recur one object each."""
    shared: dict[str, str] = {}

    def one(value):
        return shared.setdefault(value, value) if isinstance(value, str) else value

    for a in articles:
        yield replace(a, path="", author=None, published_evidence=None, content_hash="", removed=(),
                      source=one(a.source), source_how=one(a.source_how), published_how=one(a.published_how),
                      format=one(a.format))


class SlimStory(NamedTuple):
    """A story event as the timeline reads it (:func:`~storyline.corpus.timeline.build_timeline` reads
    these attributes alone), held by it all at once: a tuple, not a record with a dictionary."""
    id: str
    date: Optional[str]
    event_ids: tuple
    article_ids: tuple
    sources: tuple
    event_types: tuple
    actors: tuple
    corroboration: int
    summary: str
    background: bool


def _slim(story_events: Iterable[StoryEvent]) -> Iterator[SlimStory]:
    """The story events as the timeline reads them, held by it all at once: the strings that recur
    (dates, article ids, outlets, types, actors) one object each, and without what it does not read
    (earliest report, date conflicts), in a tuple each: about half their memory (#18)."""
    shared: dict[str, str] = {}

    def one(value):
        return shared.setdefault(value, value) if isinstance(value, str) else value

    for s in story_events:
        yield SlimStory(s.id, one(s.date), tuple(s.event_ids), tuple(map(one, s.article_ids)),
                        tuple(map(one, s.sources)), tuple(map(one, s.event_types)), tuple(map(one, s.actors)),
                        s.corroboration, s.summary, s.background)


def _timeline(store: "Store", order: array, articles: Sequence, flags: tuple, *, background: Callable,
              salience: Callable, size: int) -> list:
    """The timeline, from the story events (rowids ``order``) and what their mentions say (``flags``)."""
    from .timeline import build_timeline, select_entries

    story_events = list(_slim(s for _, s in store.iter_story_events(order)))
    entries = build_timeline(story_events, (), articles, background=background(), flags=flags, undated=False)
    del story_events        # not held while the entries are ranked
    return select_entries(entries, (), size=size, salience=salience())


def _framing(store: "Store", shares, where: str, params: Sequence, order: array):
    """Framing, written into the store's framing tables as it is made, in a savepoint: a failure
    leaves none of its rows."""
    with store.db.atomic():
        return shares.framing(dict(store.db.conn.execute(
            f"select article_id, count(*) from events where {where} group by article_id", list(params))),
            (s for _, s in store.iter_story_events(order)))


def stream_corpus_stages(store: "Store", *, news_sql: str, event_threshold: float, timeline_entries: int,
                         salt: str, attempt: Callable) -> list[str]:
    """The corpus stages over the news articles (``news_sql``, over ``articles``) and their events kept
    at ``event_threshold``; ``salt``: the code and settings stamp of the articles' shares; ``attempt(name,
    skipped, compute, default)`` runs a stage (a failure skips it).  Returns the stages skipped."""
    from ..incremental import ArticleShares
    from .relations import compute_relations

    skipped: list[str] = []
    articles = list(_slim_articles(store.iter_articles(news_sql, text=False)))
    kept, params = store._kept_where(event_threshold, False)
    where = f"{kept} and article_id in (select id from articles where {news_sql})"
    shares = ArticleShares(store, salt=salt)

    def events_of(ids: list[str]) -> dict:
        from .linkstore import stored_events

        return stored_events(store, where, params, ids)

    with store.db.atomic():
        store.start_corpus(event_threshold)
        flags: Optional[tuple] = attempt("linking", skipped, lambda: _linked(store, where, params, articles), None)
        timeline, order = [], array("q")
        if flags is not None:
            order = _story_order(store)
            timeline = attempt("timeline", skipped, lambda: _timeline(
                store, order, articles, flags, background=lambda: shares.background(events_of, event_threshold),
                salience=shares.salience, size=timeline_entries), [])
        else:
            skipped.append("timeline: needs the story linking")
        flags = None
        relations = attempt("relations", skipped, lambda: compute_relations(kept_news_events(store, where, params)), [])
        stances = attempt("stances", skipped, lambda: shares.stances(events_of, event_threshold), [])
        framing = attempt("framing", skipped, lambda: _framing(store, shares, where, params, order), {})
        store.finish_corpus(timeline=timeline, relations=relations, stances=stances, framing=framing)
    return skipped
