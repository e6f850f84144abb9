"""Framing kept as table rows (#18: no value of the store grows with the corpus).

The framing record (:func:`storyline.corpus.framing.analyse_framing`: ``{"sources": outlet -> record,
"coverage": story event -> outlet -> reports it, "story_events": story event -> what the report shows
of it}``) is kept in five tables, none of whose values grows with the corpus:

* ``framing``: one row per part of the record made (``sources``, ``coverage``, ``story_events``; no
  value: the parts are in the tables below), so an empty part made is told from a part not made;
* ``framing_outlets``: an outlet's record (in its order) in small JSON, its lists (:data:`LISTS`:
  article ids, loaded terms, opinion passages) left empty;
* ``framing_items``: the items of those lists, a row each, in their order;
* ``framing_story_events``: the story events of the coverage matrix in their order, each with what
  the report shows of it (small JSON);
* ``framing_coverage``: a row per outlet that reports a story event (the matrix is sparse: an
  outlet's row of it is every outlet's, sorted, ``True`` where it reports the event).

:class:`FramingWriter` writes them a piece at a time (the corpus stages), :func:`write_framing` from
a record in memory, :func:`read_framing` reads the record back whole, :func:`outlet_counts`,
:func:`outlet_records` and :func:`coverage_rows` a piece at a time (the report).
"""
from __future__ import annotations

import itertools
import json
import sqlite3
from typing import Iterable, Iterator, Optional, Sequence

__all__ = ["FramingWriter", "write_framing", "read_framing", "outlet_counts", "outlet_records",
           "coverage_rows", "migration_013_framing_rows", "FRAMING_TABLES"]

#: the lists of an outlet's record that grow with its articles: kept a row per item
LISTS = ("articles", "loaded_terms", "opinion_passages")
#: the tables of the framing record (emptied with the corpus tables)
FRAMING_TABLES = ("framing", "framing_outlets", "framing_items", "framing_story_events", "framing_coverage")
_PARTS = ("sources", "coverage", "story_events")
_BATCH = 2000


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _create_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS [framing_outlets] ([position] INTEGER PRIMARY KEY, "
                 "[outlet] TEXT UNIQUE, [record_json] TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS [framing_items] ([outlet] TEXT, [list] TEXT, [position] INTEGER, "
                 "[item_json] TEXT, PRIMARY KEY ([outlet], [list], [position])) WITHOUT ROWID")
    conn.execute("CREATE TABLE IF NOT EXISTS [framing_story_events] ([position] INTEGER PRIMARY KEY, "
                 "[story_event] TEXT, [covered] INTEGER, [info_json] TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS [framing_coverage] ([story_position] INTEGER, [outlet] TEXT, "
                 "PRIMARY KEY ([story_position], [outlet])) WITHOUT ROWID")


class FramingWriter:
    """Writes the framing tables a piece at a time, in the caller's transaction: the outlets' list
    items as they come (:meth:`add_items`), then the outlets' records (:meth:`add_outlet`), then the
    coverage a story event at a time (:meth:`add_story_event`); :meth:`finish` marks the parts made."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._items: list[tuple] = []
        self._next: dict[tuple[str, str], int] = {}
        self._outlets = 0
        self._story_count = 0
        self._stories: list[tuple] = []
        self._coverage: list[tuple] = []

    def add_items(self, outlet: str, name: str, items: Iterable) -> None:
        for item in items:
            position = self._next.get((outlet, name), 0)
            self._next[(outlet, name)] = position + 1
            self._items.append((outlet, name, position, _dumps(item)))
        if len(self._items) >= _BATCH:
            self._flush()

    def add_outlet(self, outlet: str, record: dict) -> None:
        """An outlet's record, its :data:`LISTS` (left empty: their items are added apart)."""
        shell = {k: ([] if k in LISTS else v) for k, v in record.items()}
        self.conn.execute("INSERT INTO [framing_outlets] VALUES (?, ?, ?)", [self._outlets, outlet, _dumps(shell)])
        self._outlets += 1

    def add_story_event(self, story_event: str, reporting: Iterable[str], info: Optional[dict],
                        covered: bool = True) -> None:
        """A story event of the coverage (``covered``), the outlets that report it, what is shown of it."""
        position, self._story_count = self._story_count, self._story_count + 1
        self._stories.append((position, story_event, int(covered), None if info is None else _dumps(info)))
        self._coverage += ((position, outlet) for outlet in reporting)
        if len(self._stories) >= _BATCH or len(self._coverage) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self.conn.executemany("INSERT INTO [framing_items] VALUES (?, ?, ?, ?)", self._items)
        self.conn.executemany("INSERT INTO [framing_story_events] VALUES (?, ?, ?, ?)", self._stories)
        self.conn.executemany("INSERT OR IGNORE INTO [framing_coverage] VALUES (?, ?)", self._coverage)
        self._items, self._stories, self._coverage = [], [], []

    def finish(self, parts: Sequence[str] = _PARTS) -> None:
        self._flush()
        self.conn.executemany("INSERT OR REPLACE INTO [framing] (key, value_json) VALUES (?, NULL)",
                              [(p,) for p in parts])


def write_framing(conn: sqlite3.Connection, framing: dict) -> None:
    """Write a framing record held in memory in place of the one stored (an empty one leaves none)."""
    for table in FRAMING_TABLES:
        conn.execute(f"DELETE FROM [{table}]")
    if not framing:
        return
    writer = FramingWriter(conn)
    for outlet, record in (framing.get("sources") or {}).items():
        for name in LISTS:
            if name in record:
                writer.add_items(outlet, name, record[name])
        writer.add_outlet(outlet, record)
    coverage, index = framing.get("coverage") or {}, framing.get("story_events") or {}
    for story_event, row in coverage.items():
        writer.add_story_event(story_event, [o for o, v in row.items() if v], index.get(story_event))
    for story_event, info in index.items():
        if story_event not in coverage:
            writer.add_story_event(story_event, (), info, covered=False)
    writer.finish([p for p in _PARTS if p in framing])


def _parts(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT key FROM [framing] ORDER BY rowid")]


def _items(conn: sqlite3.Connection, outlet: str, name: str, limit: int = -1) -> list:
    return [json.loads(r[0]) for r in conn.execute(
        "SELECT item_json FROM [framing_items] WHERE outlet = ? AND list = ? ORDER BY position LIMIT ?",
        [outlet, name, limit])]


def _outlets(conn: sqlite3.Connection) -> Iterator[tuple[str, dict]]:
    cursor = conn.execute("SELECT outlet, record_json FROM [framing_outlets] ORDER BY position")
    while rows := cursor.fetchmany(200):
        yield from ((outlet, json.loads(record)) for outlet, record in rows)


def _stories(conn: sqlite3.Connection) -> Iterator[tuple[str, bool, Optional[dict], list[str]]]:
    """``(story event, in the coverage, what is shown of it or None, the outlets that report it)`` in order."""
    cursor = conn.execute("SELECT s.position, s.story_event, s.covered, s.info_json, c.outlet "
                          "FROM [framing_story_events] s LEFT JOIN [framing_coverage] c ON c.story_position = s.position "
                          "ORDER BY s.position, c.outlet")
    rows = itertools.chain.from_iterable(iter(lambda: cursor.fetchmany(500), []))
    for _, group in itertools.groupby(rows, key=lambda r: r[0]):
        group = list(group)
        _, story_event, covered, info, _ = group[0]
        yield story_event, bool(covered), None if info is None else json.loads(info), [r[4] for r in group if r[4]]


def read_framing(conn: sqlite3.Connection) -> dict:
    """The framing record (as :func:`storyline.corpus.framing.analyse_framing` made it), read whole."""
    parts = _parts(conn)
    if not parts:
        return {}
    sources = {}
    for outlet, record in _outlets(conn):
        sources[outlet] = {k: (_items(conn, outlet, k) if k in LISTS else v) for k, v in record.items()}
    names = list(sources)
    coverage, index = {}, {}
    for story_event, covered, info, reporting in _stories(conn):
        if covered:
            reports = set(reporting)
            coverage[story_event] = {n: n in reports for n in names}
        if info is not None:
            index[story_event] = info
    made = {"sources": sources, "coverage": coverage, "story_events": index}
    return {p: made[p] for p in parts}


def outlet_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """``(outlet, its number of articles)`` in the record's order."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT o.outlet, (SELECT count(*) FROM [framing_items] i WHERE i.outlet = o.outlet AND i.list = 'articles') "
        "FROM [framing_outlets] o ORDER BY o.position")]


def outlet_records(conn: sqlite3.Connection, names: Sequence[str], shown: dict[str, int]) -> dict[str, dict]:
    """The records of the outlets ``names``: their number of articles (``n_articles``) for their article
    ids, their lists of ``shown`` (name -> how many) cut to that many."""
    wanted = set(names)
    out = {}
    for outlet, record in _outlets(conn):
        if outlet not in wanted:
            continue
        record.pop("articles", None)
        record["n_articles"] = conn.execute("SELECT count(*) FROM [framing_items] WHERE outlet = ? AND list = "
                                            "'articles'", [outlet]).fetchone()[0]
        for name, limit in shown.items():
            if name in record:
                record[name] = _items(conn, outlet, name, limit)
        out[outlet] = record
    return out


def coverage_rows(conn: sqlite3.Connection) -> Iterator[tuple[str, dict, dict]]:
    """``(story event, outlet -> True for each outlet that reports it, what is shown of it)`` in order."""
    for story_event, covered, info, reporting in _stories(conn):
        if covered:
            yield story_event, dict.fromkeys(reporting, True), info or {}


def migration_013_framing_rows(db) -> None:
    """Framing kept as rows (see the module docstring): the JSON values of the ``framing`` table
    stored before are moved into the new tables."""
    conn = db.conn
    _create_tables(conn)
    old = {key: json.loads(value) for key, value in conn.execute(
        "SELECT key, value_json FROM [framing] WHERE value_json IS NOT NULL")}
    if old:
        conn.execute("DELETE FROM [framing]")
        write_framing(conn, old)
