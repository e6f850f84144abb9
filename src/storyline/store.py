"""The embedded store: one SQLite file (via sqlite-utils) holding every record of a run.

One table per record type, an FTS index over article text, named migrations recorded in
``_migrations``, and every write inside a transaction so a killed run leaves the store as it
was before the batch.  Articles are keyed by content-hash ids; ``analysed_with`` records the
pipeline fingerprint so re-runs skip unchanged articles.
"""
from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Iterable, Optional, Sequence

import sqlite_utils

from .model import Article, Event, Quote, StoryEvent, TimelineEntry, TimeRef, make_id

# Columns stored as JSON text, per table (decoded on the way out).
_JSON_COLUMNS = {
    "articles": {"removed"},
    "events": {"source", "target"},
    "story_events": {"event_ids", "article_ids", "sources", "event_types", "actors", "date_conflicts"},
    "timeline": {"event_ids", "article_ids", "sources", "event_types", "actors"},
    "relations": {"quad_counts"},
    "stances": {"evidence"},
    "quotes": {"pieces"},
}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _migration_001_tables(db: sqlite_utils.Database) -> None:
    db["articles"].create({
        "id": str, "path": str, "source": str, "title": str, "published": str,
        "published_how": str, "published_evidence": str, "url": str, "author": str,
        "text": str, "removed": str, "duplicate_of": str, "content_hash": str, "format": str,
        "analysed_with": str,
    }, pk="id")
    db["articles"].create_index(["path"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True)
    db["timexes"].create({
        "id": str, "article_id": str, "start": int, "end": int, "text": str, "type": str,
        "value": str, "anchor": str, "inferred": int,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["events"].create({
        "id": str, "article_id": str, "event_type": str, "cameo": str, "mode": str,
        "goldstein": float, "quad_class": int, "source": str, "target": str, "date": str,
        "date_text": str, "date_how": str, "location": str, "negated": int, "intent": int,
        "trigger": str, "sentence": str, "start": int, "end": int, "story_event": str,
        "background": int,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["quotes"].create({
        "id": str, "article_id": str, "text": str, "start": int, "end": int, "kind": str,
        "speaker": str, "speaker_code": str, "speaker_sector": str, "speaker_start": int,
        "speaker_end": int, "cue": str, "cue_start": int, "cue_end": int,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    for table in ("timexes", "events", "quotes"):
        db[table].create_index(["article_id"])
    db["story_events"].create({
        "id": str, "date": str, "event_ids": str, "article_ids": str, "sources": str,
        "event_types": str, "actors": str, "corroboration": int, "earliest_report": str,
        "date_conflicts": str, "summary": str, "background": int,
    }, pk="id")
    db["timeline"].create({
        "id": str, "position": int, "date": str, "summary": str, "event_ids": str,
        "article_ids": str, "sources": str, "background": int, "event_types": str,
        "actors": str, "story_event": str,
    }, pk="id")
    db["relations"].create({
        "id": str, "source": str, "target": str, "month": str, "quad_counts": str,
        "goldstein_mean": float, "n": int,
    }, pk="id")
    db["stances"].create({"id": str, "actor": str, "issue": str, "position": str, "evidence": str}, pk="id")
    db["framing"].create({"key": str, "value_json": str}, pk="key")
    db["rejects"].create({"path": str, "reason": str, "seen_at": str}, pk="path")
    db["runs"].create({"id": int, "started": str, "finished": str, "summary": str}, pk="id")


def _migration_002_quote_pieces(db: sqlite_utils.Database) -> None:
    """Quotes keep their content in pieces (``Quote.pieces``); quotes stored before are one piece."""
    if "pieces" not in db["quotes"].columns_dict:
        db.conn.execute("ALTER TABLE [quotes] ADD COLUMN [pieces] TEXT")
    db.conn.execute("UPDATE [quotes] SET [pieces] = json_array(json_array([start], [end])) WHERE [pieces] IS NULL")


#: Named migrations, applied in order and recorded in ``_migrations``.
MIGRATIONS = (("001_tables", _migration_001_tables), ("002_quote_pieces", _migration_002_quote_pieces))


def _encode(row: dict) -> dict:
    """Lists, tuples and dicts become JSON text; booleans become 0/1."""
    out = {}
    for key, value in row.items():
        if isinstance(value, (list, tuple, dict)):
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            value = int(value)
        out[key] = value
    return out


def _decode(table: str, row: dict, bool_columns: Sequence[str] = ()) -> dict:
    out = dict(row)
    for key in _JSON_COLUMNS.get(table, set()) & out.keys():
        if isinstance(out[key], str):
            out[key] = json.loads(out[key])
    for key in bool_columns:
        if key in out and out[key] is not None:
            out[key] = bool(out[key])
    return out


class Store:
    """Storyline's SQLite store.  Library API: no printing, transactions on every write."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations; returns the names applied now."""
        applied = []
        with self.db.conn:
            if "_migrations" not in self.db.table_names():
                self.db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
            done = {r["name"] for r in self.db["_migrations"].rows}
            for name, migration in MIGRATIONS:
                if name not in done:
                    migration(self.db)
                    self.db["_migrations"].insert({"name": name, "applied_at": _now()})
                    applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r["name"] for r in self.db["_migrations"].rows_where(order_by="name")]

    # -- articles ---------------------------------------------------------------------------
    def analysed_ids(self, fingerprint: str) -> set[str]:
        return {r["id"] for r in self.db.query(
            "select id from articles where analysed_with = ?", [fingerprint])}

    def get_article(self, article_id: str) -> Optional[Article]:
        try:
            row = self.db["articles"].get(article_id)
        except sqlite_utils.db.NotFoundError:
            return None
        return self._article(row)

    def articles(self) -> list[Article]:
        return [self._article(r) for r in self.db["articles"].rows_where(order_by="path, id")]

    @staticmethod
    def _article(row: dict) -> Article:
        row = _decode("articles", row)
        row.pop("analysed_with", None)
        return Article.from_dict(row)

    # -- raw writes: sqlite-utils' own writes commit on their own, so transactional writes use SQL --
    def _write(self, table: str, rows: Iterable[dict], *, replace: bool = True) -> None:
        """Insert (or replace) rows inside the caller's transaction; new columns are added first."""
        rows = [_encode(r) for r in rows]
        if not rows:
            return
        columns = list(dict.fromkeys(k for r in rows for k in r))
        known = set(self.db[table].columns_dict)
        for col in columns:
            if col not in known:  # a field added to the model: the schema follows (DDL commits; harmless)
                self.db.conn.execute(f'ALTER TABLE [{table}] ADD COLUMN [{col}]')
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        sql = (f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        self.db.conn.executemany(sql, [[r.get(c) for c in columns] for r in rows])

    def _delete(self, table: str, where: str = "1", params: Sequence = ()) -> None:
        self.db.conn.execute(f"DELETE FROM [{table}] WHERE {where}", list(params))

    def save_articles(self, articles: Iterable[Article]) -> None:
        """Upsert article metadata; an article whose file now holds other content replaces the old one."""
        with self.db.conn:
            for article in articles:
                stale = [r[0] for r in self.db.conn.execute(
                    "select id from articles where path = ? and id != ?", [article.path, article.id])]
                for old in stale:
                    self._delete_article(old)
                row = article.to_dict()
                kept = self.db.conn.execute("select analysed_with from articles where id = ?", [article.id]).fetchone()
                row["analysed_with"] = kept[0] if kept else None
                self._write("articles", [row])

    def _delete_article(self, article_id: str) -> None:
        for table in ("timexes", "events", "quotes"):
            self._delete(table, "article_id = ?", [article_id])
        self._delete("articles", "id = ?", [article_id])

    def save_analysis(self, article: Article, *, timexes: Sequence[TimeRef], events: Sequence[Event],
                      quotes: Sequence[Quote], fingerprint: str) -> None:
        """Replace one article's analysis atomically and mark it analysed with ``fingerprint``."""
        with self.db.conn:
            for table in ("timexes", "events", "quotes"):
                self._delete(table, "article_id = ?", [article.id])
            self._write("articles", [{**article.to_dict(), "analysed_with": fingerprint}])
            self._write("timexes", (t.to_dict() for t in timexes))
            self._write("events", (e.to_dict() for e in events))
            self._write("quotes", (q.to_dict() for q in quotes))

    # -- per-mention records ----------------------------------------------------------------
    def timexes(self) -> list[TimeRef]:
        return [TimeRef.from_dict(_decode("timexes", r, ["inferred"]))
                for r in self.db["timexes"].rows_where(order_by="article_id, start")]

    def events(self) -> list[Event]:
        return [Event.from_dict(_decode("events", r, ["negated", "intent", "background"]))
                for r in self.db["events"].rows_where(order_by="article_id, start, id")]

    def quotes(self) -> list[Quote]:
        return [Quote.from_dict(_decode("quotes", r)) for r in self.db["quotes"].rows_where(order_by="article_id, start")]

    # -- corpus-level records ---------------------------------------------------------------
    def save_corpus(self, *, events: Sequence[Event], story_events: Sequence[StoryEvent],
                    timeline: Sequence[TimelineEntry], relations: Sequence[dict],
                    stances: Sequence[dict], framing: dict) -> None:
        """Replace the corpus-level tables (recomputed from all stored articles every run)."""
        with self.db.conn:
            self.db.conn.executemany("UPDATE events SET story_event = ?, background = ? WHERE id = ?",
                                     [(e.story_event, int(e.background), e.id) for e in events])
            for table in ("story_events", "timeline", "relations", "stances", "framing"):
                self._delete(table)
            self._write("story_events", (s.to_dict() for s in story_events))
            self._write("timeline", ({"id": make_id("timeline", i, t.date, t.summary), "position": i, **t.to_dict()}
                                     for i, t in enumerate(timeline)))
            self._write("relations", ({"id": make_id(r.get("source"), r.get("target"), r.get("month")), **r}
                                      for r in relations))
            self._write("stances", ({"id": make_id(s.get("actor"), s.get("issue"), s.get("position"),
                                                   json.dumps(s.get("evidence"), sort_keys=True)), **s}
                                    for s in stances))
            self._write("framing", ({"key": k, "value_json": json.dumps(v, ensure_ascii=False)}
                                    for k, v in framing.items()))

    def story_events(self) -> list[StoryEvent]:
        return [StoryEvent.from_dict(_decode("story_events", r, ["background"])) for r in self.db["story_events"].rows_where(order_by="date, id")]

    def timeline(self) -> list[TimelineEntry]:
        rows = self.db["timeline"].rows_where(order_by="position")
        return [TimelineEntry.from_dict(_decode("timeline", r, ["background"])) for r in rows]

    def relations(self) -> list[dict]:
        return [_decode("relations", r) for r in self.db["relations"].rows_where(order_by="source, target, month")]

    def stances(self) -> list[dict]:
        return [_decode("stances", r) for r in self.db["stances"].rows_where(order_by="actor, issue")]

    def framing(self) -> dict:
        return {r["key"]: json.loads(r["value_json"]) for r in self.db["framing"].rows}

    # -- rejects and runs -------------------------------------------------------------------
    def save_rejects(self, rejected: Iterable) -> None:
        with self.db.conn:
            self._write("rejects", ({"path": r.path, "reason": r.reason, "seen_at": _now()} for r in rejected))

    def record_run(self, *, started: str, summary: dict) -> None:
        with self.db.conn:
            self._write("runs", [{"started": started, "finished": _now(),
                                  "summary": json.dumps(summary, ensure_ascii=False)}], replace=False)

    def search(self, query: str, *, limit: int = 20) -> list[dict]:
        """Full-text search over article titles and text."""
        return list(self.db["articles"].search(query, limit=limit, columns=["id", "title", "source", "published"]))

    def close(self) -> None:
        self.db.close()
