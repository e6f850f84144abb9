"""Migration ``007_search``: what browsing and searching a large store needs.

* full-text indexes over event sentences and quote text (beside the articles' one of ``001``),
  kept up to date by triggers;
* ``event_actors``: one row per actor code on a side of an event, kept by triggers from the
  events' ``source``/``target`` JSON, so "events with RUS on a side" is an index look-up, not a scan;
* indexes on the columns the events list filters and sorts on (date, type, QuadClass, outlet).

Triggers rather than code in :class:`~storyline.store.Store`: every write path (and a user's own
SQL) keeps them right.
"""
from __future__ import annotations

import sqlite_utils

_SIDES = ("source", "target")


def _actor_rows(row: str) -> str:
    """SQL inserting the ``event_actors`` rows of the events row ``row`` (``new`` in a trigger)."""
    parts = []
    for side in _SIDES:
        parts.append(
            f"INSERT INTO event_actors (event_id, side, code, name) "
            f"SELECT {row}.id, '{side}', json_extract(value, '$.code'), json_extract(value, '$.text') "
            f"FROM json_each(CASE WHEN json_valid({row}.[{side}]) THEN {row}.[{side}] ELSE '[]' END) "
            f"WHERE json_extract(value, '$.code') IS NOT NULL")
    return "; ".join(parts)


def migration_007_search(db: sqlite_utils.Database) -> None:
    conn = db.conn
    conn.execute("CREATE TABLE IF NOT EXISTS [event_actors] ([event_id] TEXT NOT NULL, [side] TEXT NOT NULL, "
                 "[code] TEXT NOT NULL, [name] TEXT)")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_event_actors_code ON event_actors (code, side, event_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_event_actors_event ON event_actors (event_id)")
    conn.execute("DELETE FROM event_actors")
    conn.execute("INSERT INTO event_actors (event_id, side, code, name) SELECT * FROM ("
                 + " UNION ALL ".join(
                     f"SELECT e.id, '{side}', json_extract(j.value, '$.code'), json_extract(j.value, '$.text') "
                     f"FROM events e, json_each(CASE WHEN json_valid(e.[{side}]) THEN e.[{side}] ELSE '[]' END) j "
                     f"WHERE json_extract(j.value, '$.code') IS NOT NULL" for side in _SIDES) + ")")
    conn.execute("DROP TRIGGER IF EXISTS event_actors_ai")
    conn.execute("DROP TRIGGER IF EXISTS event_actors_ad")
    conn.execute("DROP TRIGGER IF EXISTS event_actors_au")
    # INSERT OR REPLACE fires no delete trigger: the insert trigger clears the id's rows first.
    conn.execute("CREATE TRIGGER event_actors_ai AFTER INSERT ON events BEGIN "
                 f"DELETE FROM event_actors WHERE event_id = new.id; {_actor_rows('new')}; END")
    conn.execute("CREATE TRIGGER event_actors_ad AFTER DELETE ON events BEGIN "
                 "DELETE FROM event_actors WHERE event_id = old.id; END")
    conn.execute("CREATE TRIGGER event_actors_au AFTER UPDATE OF id, source, target ON events BEGIN "
                 f"DELETE FROM event_actors WHERE event_id = old.id; {_actor_rows('new')}; END")
    for table, columns in (("events", ["date", "id"]), ("events", ["event_type", "date"]),
                           ("events", ["quad_class", "date"]), ("articles", ["source"]),
                           ("articles", ["published"]), ("quotes", ["speaker_code"])):
        name = f"idx_{table}_{'_'.join(columns)}"
        conn.execute(f"CREATE INDEX IF NOT EXISTS [{name}] ON [{table}] ({', '.join(columns)})")
    if not db["events"].detect_fts():
        db["events"].enable_fts(["sentence"], create_triggers=True)
    if not db["quotes"].detect_fts():
        db["quotes"].enable_fts(["text", "speaker"], create_triggers=True)
