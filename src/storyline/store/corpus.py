"""The corpus-level records (story events, timeline, relations, stances, framing), recomputed from
all stored articles every run.  Mixed into :class:`storyline.store.Store`.

They are written in three steps inside the caller's transaction (#18: the corpus stages stream their
story events into the store instead of holding them): :meth:`CorpusRecords.start_corpus` records the
event threshold and empties the tables, :meth:`CorpusRecords.add_story_events` writes story events
and links their mentions to them a batch at a time, :meth:`CorpusRecords.finish_corpus` writes the
rest.  :meth:`CorpusRecords.save_corpus` does all three in one transaction from lists.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from ..model import Event, Relation, Stance, StoryEvent, TimelineEntry, make_id

from .framing import FRAMING_TABLES, read_framing, write_framing

if TYPE_CHECKING:
    from . import Store

_CORPUS_TABLES = ("story_events", "timeline", "relations", "stances") + FRAMING_TABLES


class CorpusRecords:
    """The store's corpus-level tables (see the module docstring)."""

    def start_corpus(self: "Store", event_threshold: Optional[float] = None) -> None:
        """Record ``event_threshold``, link no event to a story event, empty the corpus tables."""
        if event_threshold is not None:
            self.db.conn.execute("INSERT OR REPLACE INTO run_settings (key, value) VALUES ('event_threshold', ?)",
                                 [float(event_threshold)])
        self.db.conn.execute("UPDATE events SET story_event = NULL WHERE story_event IS NOT NULL")
        for table in _CORPUS_TABLES:
            self._delete(table)

    def add_story_events(self: "Store", story_events: Iterable[StoryEvent],
                         members: Iterable[tuple[str, int]] = ()) -> None:
        """Write ``story_events`` and ``members``: ``(story event id, rowid of an event of it)``."""
        self._write("story_events", (s.to_dict() for s in story_events))
        self.db.conn.executemany("UPDATE events SET story_event = ? WHERE rowid = ?", members)

    def finish_corpus(self: "Store", *, timeline: Sequence[TimelineEntry], relations: Sequence[Relation],
                      stances: Sequence[Stance], framing) -> None:
        """Write the corpus tables but story events, and refresh the summaries the viewer reads;
        ``framing``: the framing record (:mod:`storyline.store.framing` writes it as rows), or the
        :class:`~storyline.store.framing.FramingWriter` that has already written it."""
        from . import _RECORDED_THRESHOLD, KEPT_SQL
        from .framing import FramingWriter
        from .indexes import refresh_summaries

        self._write("timeline", ({"id": make_id("timeline", i, t.date, t.summary), "position": i, **t.to_dict()}
                                 for i, t in enumerate(timeline)))
        self._write("relations", (r.to_dict() for r in relations))
        self._write("stances", (s.to_dict() for s in stances))
        if not isinstance(framing, FramingWriter):
            write_framing(self.db.conn, framing)
        refresh_summaries(self.db.conn, KEPT_SQL.format(threshold=_RECORDED_THRESHOLD))

    def save_corpus(self: "Store", *, events: Sequence[Event], story_events: Sequence[StoryEvent],
                    timeline: Sequence[TimelineEntry], relations: Sequence[Relation],
                    stances: Sequence[Stance], framing: dict, event_threshold: Optional[float] = None) -> None:
        """Replace the corpus-level tables (recomputed from all stored articles every run) and record
        the ``event_threshold`` they were made at; stored events not in ``events`` (held below it)
        belong to no story event."""
        with self.db.atomic():
            self.start_corpus(event_threshold)
            self.db.conn.executemany("UPDATE events SET story_event = ?, background = ? WHERE id = ?",
                                     [(e.story_event, int(e.background), e.id) for e in events])
            self.add_story_events(story_events)
            self.finish_corpus(timeline=timeline, relations=relations, stances=stances, framing=framing)

    def story_events(self: "Store") -> list[StoryEvent]:
        from . import _decode

        return [StoryEvent.from_dict(_decode("story_events", r, ["background"]))
                for r in self.db["story_events"].rows_where(order_by="date, id")]

    def iter_story_events(self: "Store", rowids: Optional[Sequence[int]] = None, *,
                          batch: int = 500) -> Iterator[tuple[int, StoryEvent]]:
        """``(rowid, story event)`` of every story event, or of those of ``rowids`` in that order, read
        ``batch`` rows at a time."""
        from . import _decode

        def made(names, row) -> tuple[int, StoryEvent]:
            record = dict(zip(names, row))
            return record.pop("_rowid"), StoryEvent.from_dict(_decode("story_events", record, ["background"]))

        if rowids is None:
            cursor = self.db.conn.execute("select rowid as _rowid, * from story_events")
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(batch):
                yield from (made(names, row) for row in rows)
            return
        for i in range(0, len(rowids), batch):
            chunk = list(rowids[i:i + batch])
            cursor = self.db.conn.execute(f"select rowid as _rowid, * from story_events where rowid in "
                                          f"({', '.join('?' for _ in chunk)})", chunk)
            names = [d[0] for d in cursor.description]
            found = dict(made(names, row) for row in cursor)
            yield from ((r, found[r]) for r in chunk)

    def timeline(self: "Store") -> list[TimelineEntry]:
        from . import _decode

        rows = self.db["timeline"].rows_where(order_by="position")
        return [TimelineEntry.from_dict(_decode("timeline", r, ["background"])) for r in rows]

    def relations(self: "Store") -> list[Relation]:
        return list(self.iter_relations())

    def iter_relations(self: "Store") -> Iterator[Relation]:
        """:meth:`relations` as a stream, in its order."""
        from . import _decode

        for r in self.db["relations"].rows_where(order_by="source, target, month"):
            yield Relation.from_dict(_decode("relations", r))

    def stances(self: "Store") -> list[Stance]:
        from . import _decode

        return [Stance.from_dict(_decode("stances", r)) for r in self.db["stances"].rows_where(order_by="actor, issue, id")]

    def framing(self: "Store") -> dict:
        """The framing record, read back whole from its rows (:func:`storyline.store.framing.read_framing`)."""
        return read_framing(self.db.conn)
