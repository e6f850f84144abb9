"""Story linking over the store, a date window at a time (#18: memory that does not grow with the corpus).

:func:`link_stored` gives the same story events as :func:`storyline.corpus.linking.link_events` on
the list of the mentions it selects (in the order of :meth:`Store.events`: article, offset, id),
through the same rules (:func:`~storyline.corpus.linking.link_block`,
:func:`~storyline.corpus.linking.story_event`), without holding that list:

1. **Index.**  One pass over a cursor reads each mention's rowid and date alone.  Mention ``i`` (its
   place in that order) is put in each date bucket it blocks under (:func:`~storyline.corpus.linking._buckets`:
   the months a day or month value touches, the year of a year value, ``-`` when undated).  Held:
   a rowid and one to four bucket entries per mention, in arrays (machine integers).
2. **Link, a window at a time.**  Every block of :func:`~storyline.corpus.linking.link_events` is
   keyed by an actor pair and one bucket, so it lies inside one bucket's mentions.  For each bucket,
   the :class:`~storyline.corpus.linking.LinkKey`, content words and actor tokens of its mentions are
   read from the store (by rowid), its blocks made and linked into one union-find over all indexes
   (an array), then dropped.  A mention in two buckets is read twice; a pair is compared again only
   when it shares blocks of two buckets, with the same answer (the rules read the two mentions alone),
   so the components are those of the one-pass linking.  The biggest window is the biggest bucket:
   a month of the corpus, a year's year-valued mentions, or the undated mentions.
3. **Story events, a batch of clusters at a time.**  The union-find's root of a component is its
   smallest index, so walking the indexes in order gives the clusters in the order ``link_events``
   makes them, each with its members in order (a linked list in an array).  The members of a batch
   of clusters are read whole from the store by rowid, made into story events, written with the
   links of their mentions (:meth:`Store.add_story_events`), and what the timeline needs of the
   mentions is kept per story event (:func:`~storyline.corpus.timeline.mention_flags`).

Held over the whole corpus: two machine integers per mention, the articles without their texts
(outlets and dates for the story events) and the timeline's flags per story event.
"""
from __future__ import annotations

import collections
from array import array
from typing import TYPE_CHECKING, Iterator, Sequence

from ..model import Article, Event
from .linking import (_UnionFind, _actor_pairs, _buckets, _content_words, duplicate_copies, link_block,
                      link_key, story_event)
from .timeline import mention_flags

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["link_stored", "LINK_BATCH"]

#: mentions read from the store at a time (one ``rowid in (...)`` query)
READ_BATCH = 500
#: mentions of the clusters made into story events and written at a time
LINK_BATCH = 2000
#: what the linking rules read of a mention (:func:`~storyline.corpus.linking.link_key`)
_KEY_COLUMNS = ("id", "article_id", "event_type", "quad_class", "date", "date_how", "negated", "intent",
                "source", "target", "sentence")


def _index(store: "Store", where: str, params: Sequence) -> tuple[array, dict[str, array]]:
    """The rowids of the mentions ``where`` selects in :meth:`Store.events` order, and per date bucket
    the indexes (places in that order) of the mentions blocked under it, ascending."""
    rowids, windows = array("q"), collections.defaultdict(lambda: array("l"))
    buckets: dict = {}
    cursor = store.db.conn.execute(f"select rowid, date from events where {where} order by article_id, start, id",
                                   list(params))
    while rows := cursor.fetchmany(READ_BATCH):
        for rowid, date in rows:
            if date not in buckets:
                buckets[date] = _buckets(date)
            for bucket in buckets[date]:
                windows[bucket].append(len(rowids))
            rowids.append(rowid)
    return rowids, dict(windows)


def _events(store: "Store", rowids: Sequence[int], columns: str = "*") -> Iterator[tuple[int, Event]]:
    """``(rowid, event)`` of the stored events ``rowids`` (in no particular order), ``columns`` of them."""
    from ..store import event_of_row

    for i in range(0, len(rowids), READ_BATCH):
        chunk = list(rowids[i:i + READ_BATCH])
        cursor = store.db.conn.execute(f"select rowid as _rowid, {columns} from events where rowid in "
                                       f"({', '.join('?' for _ in chunk)})", chunk)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            record = dict(zip(names, row))
            rowid = record.pop("_rowid")
            yield rowid, event_of_row(record)


def _link_window(store: "Store", rowids: array, members: array, uf: _UnionFind) -> None:
    """Link the mentions of one date bucket (``members``: their indexes, ascending) into ``uf``."""
    place = {rowids[i]: i for i in members}
    keys, words, actors = {}, {}, {}
    for rowid, event in _events(store, list(place), ", ".join(f"[{c}]" for c in _KEY_COLUMNS)):
        i = place[rowid]
        keys[i] = link_key(event)
        words[i] = _content_words(event.sentence)
        actors[i] = set(keys[i].tokens)
    blocks: dict[tuple, list[int]] = collections.defaultdict(list)
    for i in members:
        for pair in _actor_pairs(keys[i].tokens):
            blocks[pair].append(i)
    compared: set[tuple[int, int]] = set()
    for block in blocks.values():
        link_block(block, keys, words, actors, uf, compared)


def _clusters(uf: _UnionFind, n: int) -> Iterator[list[int]]:
    """The components of ``uf`` in the order of their smallest index, each ascending."""
    after, last = array("l", [-1]) * n, array("l", [-1]) * n
    for i in range(n):
        root = uf.find(i)
        if last[root] >= 0:
            after[last[root]] = i
        last[root] = i
    del last
    for root in range(n):
        if uf.parent[root] == root:
            members, i = [], root
            while i >= 0:
                members.append(i)
                i = after[i]
            yield members


class PackedFlags:
    """:func:`~storyline.corpus.timeline.mention_flags` of every story event, one integer each (bit 0
    negated, 1 weakly dated, 2 only intended, the earliest offset above them; #18: a fifth of the
    memory of its two dicts), read through :meth:`views` as those dicts are read."""

    def __init__(self) -> None:
        self.packed: dict[str, int] = {}

    def add(self, negated: dict[str, bool], weak: dict) -> None:
        for sid, neg in negated.items():
            self.packed[sid] = (bool(neg) | bool(weak[sid]) << 1 | bool(weak[("intent", sid)]) << 2
                                | weak[("position", sid)] << 3)

    def views(self) -> tuple["_FlagView", "_FlagView"]:
        """``(negated, weak)``: what :func:`~storyline.corpus.timeline.mention_flags` returns, read-only."""
        return _FlagView(self.packed, True), _FlagView(self.packed, False)


class _FlagView:
    """One of the two mappings of :func:`~storyline.corpus.timeline.mention_flags`, read from packed flags."""

    def __init__(self, packed: dict[str, int], negated: bool) -> None:
        self._packed, self._negated = packed, negated

    def get(self, key, default=None):
        if self._negated:
            packed = self._packed.get(key)
            return default if packed is None else bool(packed & 1)
        kind, sid = key if isinstance(key, tuple) else ("weak", key)
        packed = self._packed.get(sid)
        if packed is None:
            return default
        return packed >> 3 if kind == "position" else bool(packed >> (2 if kind == "intent" else 1) & 1)


def _write_batch(store: "Store", rowids: array, batch: list[list[int]], context: tuple, flags: PackedFlags) -> int:
    """Make the story events of the clusters ``batch``, write them and their links; add their mentions'
    :func:`mention_flags` to ``flags``.  Returns how many story events were written."""
    by_id, copies, published = context
    events = dict(_events(store, [rowids[i] for members in batch for i in members]))
    made, links, linked = [], [], []
    for members in batch:
        mentions = [events[rowids[i]] for i in members]
        se = story_event(mentions, [_content_words(e.sentence) for e in mentions], by_id, copies)
        made.append(se)
        links += [(se.id, rowids[i]) for i in members]
        linked += [e.replace(story_event=se.id) for e in mentions]
    store.add_story_events(made, links)
    flags.add(*mention_flags(linked, published))
    return len(made)


def link_stored(store: "Store", where: str, params: Sequence, articles: Sequence[Article]) -> tuple[int, tuple]:
    """Link the stored events ``where`` selects (over ``events``; ``articles``: the articles they may come
    from, without texts) into story events, written to the store inside the caller's transaction
    (after :meth:`Store.start_corpus`), each event's ``story_event`` set.  Returns the number of
    story events and the timeline's :func:`mention_flags` of them.  See the module docstring."""
    rowids, windows = _index(store, where, params)
    uf = _UnionFind(0)
    uf.parent = array("l", range(len(rowids)))
    for bucket in sorted(windows):
        _link_window(store, rowids, windows.pop(bucket), uf)
    context = ({a.id: a for a in articles}, duplicate_copies(articles),
               {a.id: (a.published or "")[:10] for a in articles})
    flags = PackedFlags()
    written, batch, size = 0, [], 0
    for members in _clusters(uf, len(rowids)):
        batch.append(members)
        size += len(members)
        if size >= LINK_BATCH:
            written += _write_batch(store, rowids, batch, context, flags)
            batch, size = [], 0
    if batch:
        written += _write_batch(store, rowids, batch, context, flags)
    return written, flags.views()


def stored_events(store: "Store", where: str, params: Sequence, ids: Sequence[str]) -> dict[str, list[Event]]:
    """The events ``where`` selects of the articles ``ids`` (a batch), by article, each article's in
    the order of :meth:`Store.events`."""
    from ..store import event_of_row

    found: dict[str, list[Event]] = {a: [] for a in ids}
    for i in range(0, len(ids), READ_BATCH):
        chunk = list(ids[i:i + READ_BATCH])
        cursor = store.db.conn.execute(
            f"select * from events where {where} and article_id in ({', '.join('?' for _ in chunk)}) "
            "order by article_id, start, id", [*params, *chunk])
        names = [d[0] for d in cursor.description]
        for row in cursor:
            event = event_of_row(dict(zip(names, row)))
            found[event.article_id].append(event)
    return found

