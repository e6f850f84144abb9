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


# -- migration 009_serve_speed ----------------------------------------------------------------
#: The events list's order (``query.EVENT_ORDER``) as index columns: dated events first, then by
#: date and id; ``confidence`` rides along so the kept test is answered from the index alone.
_BY_DATE = "date IS NULL, date, id, confidence"
#: (name, leading columns): one covering index per filter the events list narrows by, in list order.
SERVE_INDEXES = (("idx_events_listed", ""), ("idx_events_type_listed", "event_type, "),
                 ("idx_events_quad_listed", "quad_class, "), ("idx_events_article_listed", "article_id, "),
                 ("idx_events_id_kept", None))
#: Indexes of ``007`` the covering ones above replace (the planner would pick them and read rows).
_SUPERSEDED = ("idx_events_event_type_date", "idx_events_quad_class_date", "idx_events_date_id")
#: The writes after which the precomputed summaries no longer hold (until :func:`refresh_summaries`).
_STALE_AFTER = (("events", "INSERT", ""), ("events", "DELETE", ""), ("events", "UPDATE", " OF confidence"),
                ("event_actors", "INSERT", ""), ("event_actors", "DELETE", ""), ("event_actors", "UPDATE", ""),
                ("run_settings", "INSERT", ""), ("run_settings", "DELETE", ""), ("run_settings", "UPDATE", ""))


def migration_009_serve_speed(db: sqlite_utils.Database, kept: str) -> None:
    """What keeps ``storyline serve`` as fast on 100,000 events as on 1,000.

    * covering indexes in the events list's order, one per filter (:data:`SERVE_INDEXES`): a page is
      an index walk, a count an index-only scan;
    * ``serve_summary`` (the number of kept events) and ``actor_summary`` (``/api/actors``'s rows),
      precomputed by :func:`refresh_summaries` (the corpus stage, in the transaction that records
      the threshold); triggers empty ``serve_summary`` on any write they depend on — events, their
      actors, the recorded threshold — and readers use the summaries only while it holds its row, so
      they are never stale: at worst the list is aggregated live, as before.

    ``kept``: the SQL condition of the run's events (the store's ``KEPT_SQL`` at the recorded threshold).
    """
    conn = db.conn
    for name in _SUPERSEDED:
        conn.execute(f"DROP INDEX IF EXISTS [{name}]")
    for name, lead in SERVE_INDEXES:
        columns = "id, confidence, date IS NULL, date" if lead is None else lead + _BY_DATE
        conn.execute(f"CREATE INDEX IF NOT EXISTS [{name}] ON [events] ({columns})")
    conn.execute("CREATE TABLE IF NOT EXISTS [serve_summary] ([key] TEXT PRIMARY KEY, [value])")
    conn.execute("CREATE TABLE IF NOT EXISTS [actor_summary] ([code] TEXT PRIMARY KEY, [name] TEXT, "
                 "[as_source] INTEGER, [as_target] INTEGER, [events] INTEGER)")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_actor_summary_rank ON actor_summary (events DESC, code)")
    for table, verb, columns in _STALE_AFTER:
        name = f"serve_summary_stale_{table}_{verb.lower()}"
        conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
        conn.execute(f"CREATE TRIGGER [{name}] AFTER {verb}{columns} ON [{table}] "
                     "WHEN EXISTS (SELECT 1 FROM serve_summary) BEGIN DELETE FROM serve_summary; END")
    refresh_summaries(conn, kept)


def refresh_summaries(conn, kept: str) -> None:
    """Recompute ``serve_summary`` and ``actor_summary`` from the store, inside the caller's
    transaction.  ``kept``: the SQL condition of the run's events (over ``events``)."""
    conn.execute("DELETE FROM actor_summary")
    conn.execute(
        "INSERT INTO actor_summary (code, name, as_source, as_target, events) "
        "SELECT code, (SELECT name FROM event_actors n WHERE n.code = x.code GROUP BY name "
        "ORDER BY count(*) DESC, name LIMIT 1), "
        "count(DISTINCT CASE WHEN side = 'source' THEN event_id END), "
        "count(DISTINCT CASE WHEN side = 'target' THEN event_id END), count(DISTINCT event_id) "
        f"FROM event_actors x WHERE event_id IN (SELECT id FROM events WHERE {kept}) GROUP BY code")
    conn.execute("DELETE FROM serve_summary")
    conn.execute(f"INSERT INTO serve_summary (key, value) SELECT 'kept_events', count(*) FROM events WHERE {kept}")


def migration_012_search_on_text_change(db: sqlite_utils.Database) -> None:
    """The articles' full-text index is remade for an updated article only when its title or text
    changed (#18): saving an analysis updates the article's row in place
    (:meth:`Store._write_article <storyline.store.Store._write_article>`) and must not re-index its text."""
    conn = db.conn
    conn.execute("DROP TRIGGER IF EXISTS [articles_au]")
    conn.execute('CREATE TRIGGER [articles_au] AFTER UPDATE OF [title], [text] ON [articles] BEGIN '
                 'INSERT INTO [articles_fts] ([articles_fts], rowid, [title], [text]) '
                 'VALUES(\'delete\', old.rowid, old.[title], old.[text]); '
                 'INSERT INTO [articles_fts] (rowid, [title], [text]) VALUES (new.rowid, new.[title], new.[text]); END')
