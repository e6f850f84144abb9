"""The embedded store: one SQLite file (via sqlite-utils) holding every record of a run.

One table per record type, an FTS index over article text, named migrations (sqlite-utils'
``Migrations``, recorded in ``_sqlite_migrations``), and every multi-step write inside one
transaction (``db.atomic()``) so a killed run leaves the store as it was before that step.

What identifies an article is its clean text and its outlet (see :func:`storyline.model.article_id`),
not where it was read from: the ``inputs`` table maps every input (a file, or a record of one:
``name.jsonl:3``) to the article it gave, so a renamed folder or a moved JSONL line re-analyses
nothing, re-reading a file replaces what that file gave before, and articles whose input files
are gone can be found and pruned.  ``analysed_with`` records the pipeline fingerprint of an
article's analysis, ``analysis_error`` why it failed, ``dated_with`` the fingerprint with which
its publication date was inferred (or tried).

Every coded event is stored with its confidence; the run's events are those at or above the run's
``event_threshold`` (recorded in ``run_settings``), or with no confidence (stores of earlier
versions).  The views ``kept_events`` and ``held_events`` show the two sides of the recorded
threshold, for a SQL or Datasette user; :meth:`Store.events` reads either.

A file that is not a Storyline store — another program's database, a corrupt file — is refused
before anything is written to it (:class:`~storyline.errors.StoreRefused`).
"""
from __future__ import annotations

import datetime as _dt
import itertools
import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Optional, Sequence

import sqlite_utils
from sqlite_utils.migrations import Migrations

from ..errors import Messages, StoreBusy, StoreRefused, is_locked
from ..model import Article, Event, Quote, TimeRef
from .corpus import CorpusRecords
from .files import FileRecords, migration_010_input_files
from .parts import PartRecords, migration_011_article_parts
from .framing import migration_013_framing_rows
from .indexes import migration_007_search, migration_009_serve_speed, migration_012_search_on_text_change
from .rows import AnalysisRows, analysis_rows, as_rows, table_rows
from .streams import FETCH_ROWS, StreamReads

#: ``PRAGMA application_id`` of a Storyline store ("STLN"): how a store tells itself from other databases.
APPLICATION_ID = 0x53544C4E
#: How long a write waits for another connection's lock (a reader such as Datasette) before giving up.
BUSY_TIMEOUT_S = 30.0
_SQLITE_HEADER = b"SQLite format 3\x00"

# Columns stored as JSON text, per table (decoded on the way out).
_JSON_COLUMNS = {
    "articles": {"removed"},
    "events": {"source", "target", "evidence"},
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


def _migration_003_inputs(db: sqlite_utils.Database) -> None:
    """Articles are identified by text and outlet, and mapped to the inputs that gave them.

    Ids made before (from the file path) are not comparable with the new ones: the article-derived
    tables are emptied, so the next run analyses its inputs afresh (the code changed, so it would
    have anyway).  Columns that earlier versions added on the fly are declared here.
    """
    for table in ("timexes", "events", "quotes", "story_events", "timeline", "relations", "stances",
                  "framing", "rejects", "articles"):
        db.conn.execute(f"DELETE FROM [{table}]")
    columns = db["articles"].columns_dict
    for column in ("source_how", "analysis_error", "dated_with"):
        if column not in columns:
            db.conn.execute(f"ALTER TABLE [articles] ADD COLUMN [{column}] TEXT")
    if "count" not in db["stances"].columns_dict:
        db.conn.execute("ALTER TABLE [stances] ADD COLUMN [count] INTEGER")
    for column, kind in (("file", "TEXT"), ("count", "INTEGER")):
        if column not in db["rejects"].columns_dict:
            db.conn.execute(f"ALTER TABLE [rejects] ADD COLUMN [{column}] {kind}")
    db["rejects"].create_index(["file"])
    db["articles"].create_index(["content_hash"])
    db["inputs"].create({"path": str, "file": str, "file_os": bytes, "article_id": str}, pk="path")
    db["inputs"].create_index(["file"])
    db["inputs"].create_index(["article_id"])


def _migration_004_event_confidence(db: sqlite_utils.Database) -> None:
    """Events carry their confidence, modality, rule, trigger offsets and evidence.  Events stored
    before have none: their articles' analysis stamps are cleared, so the next run codes them anew."""
    columns = db["events"].columns_dict
    for column, kind in (("confidence", "REAL"), ("modality", "TEXT"), ("rule", "TEXT"),
                         ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"), ("evidence", "TEXT")):
        if column not in columns:
            db.conn.execute(f"ALTER TABLE [events] ADD COLUMN [{column}] {kind}")
    db["events"].create_index(["confidence"])
    if "analysed_with" in db["articles"].columns_dict:
        db.conn.execute("UPDATE [articles] SET [analysed_with] = NULL")


#: Which events are the run's: the one definition, over the ``events`` table, at a threshold (SQL).
KEPT_SQL = "(confidence IS NULL OR confidence >= {threshold})"
#: The threshold recorded by the last run (none recorded: every event is kept).
_RECORDED_THRESHOLD = "coalesce((SELECT value FROM run_settings WHERE key = 'event_threshold'), 0)"


def _migration_005_event_threshold(db: sqlite_utils.Database) -> None:
    """The settings of the last run that decide its outputs (``event_threshold``), and the views of
    the events kept at that threshold and of those held below it."""
    db.conn.execute("CREATE TABLE IF NOT EXISTS [run_settings] ([key] TEXT PRIMARY KEY, [value])")
    kept = KEPT_SQL.format(threshold=_RECORDED_THRESHOLD)
    db.conn.execute("DROP VIEW IF EXISTS [kept_events]")
    db.conn.execute("DROP VIEW IF EXISTS [held_events]")
    db.conn.execute(f"CREATE VIEW [kept_events] AS SELECT * FROM [events] WHERE {kept}")
    db.conn.execute(f"CREATE VIEW [held_events] AS SELECT * FROM [events] WHERE NOT {kept}")


def _migration_006_not_news(db: sqlite_utils.Database) -> None:
    """Articles say why their text is not news (``Article.not_news``); articles stored before are news
    until their next reading (every run re-reads its inputs and upserts the article)."""
    if "not_news" not in db["articles"].columns_dict:
        db.conn.execute("ALTER TABLE [articles] ADD COLUMN [not_news] TEXT")


def _migration_009_serve_speed(db: sqlite_utils.Database) -> None:
    """Covering indexes for the served lists and precomputed summaries (:mod:`.indexes`)."""
    migration_009_serve_speed(db, KEPT_SQL.format(threshold=_RECORDED_THRESHOLD))


#: Named migrations, applied in order, each in one transaction with its record.
MIGRATIONS = (("001_tables", _migration_001_tables), ("002_quote_pieces", _migration_002_quote_pieces),
              ("003_inputs", _migration_003_inputs), ("004_event_confidence", _migration_004_event_confidence),
              ("005_event_threshold", _migration_005_event_threshold), ("006_not_news", _migration_006_not_news),
              ("007_search", migration_007_search), ("009_serve_speed", _migration_009_serve_speed),
              ("010_input_files", migration_010_input_files), ("011_article_parts", migration_011_article_parts),
              ("012_search_on_text_change", migration_012_search_on_text_change),
              ("013_framing_rows", migration_013_framing_rows))

_MIGRATION_SET = "storyline"


def _migrations() -> Migrations:
    migrations = Migrations(_MIGRATION_SET)
    for name, function in MIGRATIONS:
        migrations(name=name)(function)
    return migrations


def inspect_store(path: Path) -> None:
    """Refuse (raise :class:`StoreRefused`) a file at ``path`` that is not a Storyline store, without
    writing to it: another program's database, a file that is not SQLite, a corrupt database, or
    a store of a newer Storyline.  A missing or empty file is fine (a new store)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with open(path, "rb") as fh:
        header = fh.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        raise StoreRefused(Messages.E031.format(path=path, reason="no SQLite header"))
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = [r[0] for r in conn.execute(
                "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")]
            applied = set()
            if "_sqlite_migrations" in tables:
                applied = {r[0] for r in conn.execute(
                    "select name from _sqlite_migrations where migration_set = ?", [_MIGRATION_SET])}
            elif "_migrations" in tables:
                applied = {r[0] for r in conn.execute("select name from _migrations")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_locked(exc):
            raise StoreBusy(Messages.E041.format(path=path, seconds=BUSY_TIMEOUT_S)) from exc
        raise StoreRefused(Messages.E031.format(path=path, reason=exc)) from exc
    ours = app_id == APPLICATION_ID or (app_id == 0 and "001_tables" in applied and "articles" in tables)
    if not ours and (tables or app_id):
        reason = (f"its application id is {app_id:#x}" if app_id else
                  f"it holds other tables: {', '.join(tables[:5])}{' …' if len(tables) > 5 else ''}")
        raise StoreRefused(Messages.E030.format(path=path, reason=reason))
    unknown = sorted(applied - {name for name, _ in MIGRATIONS})
    if unknown:
        raise StoreRefused(Messages.E032.format(path=path, name=unknown[0]))


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


def event_of_row(row: dict) -> Event:
    """The :class:`~storyline.model.Event` of a row of the ``events`` table (a dict of its columns)."""
    return Event.from_dict(_decode("events", row, ["negated", "intent", "background"]))


#: Articles to analyse (over ``articles``): not a duplicate, not analysed with the fingerprint (``?``).
PENDING_SQL = "duplicate_of is null and (analysed_with is null or analysed_with != ?)"
class Store(StreamReads, FileRecords, PartRecords, CorpusRecords):
    """Storyline's SQLite store.  Library API: no printing, transactions on every write."""

    def __init__(self, path: Path | str):
        self.path, self._declared = Path(path), {}
        inspect_store(self.path)
        self.db = sqlite_utils.Database(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S))
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if is_locked(exc):
                raise StoreBusy(Messages.E041.format(path=self.path, seconds=BUSY_TIMEOUT_S)) from exc
            raise StoreRefused(Messages.E031.format(path=self.path, reason=exc)) from exc

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations (each in one transaction with its record); returns the names applied now."""
        migrations, self._declared = _migrations(), {}   # the columns known to _write_rows: as they are now
        self._adopt_old_migration_records(migrations)
        pending = [m.name for m in migrations.pending(self.db)]
        migrations.apply(self.db)
        if self.db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return pending

    def _adopt_old_migration_records(self, migrations: Migrations) -> None:
        """Stores written before Storyline used sqlite-utils' migrations recorded them in ``_migrations``."""
        if "_migrations" not in self.db.table_names():
            return
        with self.db.atomic():
            migrations.ensure_migrations_table(self.db)
            done = {m.name for m in migrations.applied(self.db)}
            for row in self.db["_migrations"].rows_where(order_by="name"):
                if row["name"] not in done:
                    self.db[migrations.migrations_table].insert(
                        {"migration_set": _MIGRATION_SET, "name": row["name"], "applied_at": row["applied_at"]})
            self.db["_migrations"].drop()

    def migrations(self) -> list[str]:
        return [m.name for m in _migrations().applied(self.db)]

    # -- articles and the inputs that gave them ----------------------------------------------
    def analysed_ids(self, fingerprint: str) -> set[str]:
        return {r["id"] for r in self.db.query(
            "select id from articles where analysed_with = ?", [fingerprint])}

    def get_article(self, article_id: str) -> Optional[Article]:
        try:
            row = self.db["articles"].get(article_id)
        except sqlite_utils.db.NotFoundError:
            return None
        return self._article(row)

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles of ``ids`` (those that exist), by id."""
        found: dict[str, Article] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.db.query(f"select * from articles where id in ({', '.join('?' for _ in chunk)})", chunk)
            found.update((row["id"], self._article(row)) for row in rows)
        return found

    def articles(self, where: str = "1", params: Sequence = ()) -> list[Article]:
        return [self._article(r) for r in self.db["articles"].rows_where(where, list(params), order_by="path, id")]

    def not_news_count(self) -> int:
        """Stored articles (not duplicates) whose text is not news (``Article.not_news``)."""
        return self.db.conn.execute("select count(*) from articles where not_news is not null "
                                    "and duplicate_of is null").fetchone()[0]

    def pending(self, fingerprint: str) -> list[Article]:
        """Articles to analyse: not a duplicate and not analysed with ``fingerprint``."""
        return self.articles(PENDING_SQL, [fingerprint])

    def pending_ids(self, fingerprint: str) -> list[str]:
        """The ids of :meth:`pending` in its order (read the articles in batches with :meth:`get_articles`)."""
        return self.article_ids(PENDING_SQL, [fingerprint])

    @staticmethod
    def _article(row: dict) -> Article:
        row = _decode("articles", row)
        for column in ("analysed_with", "dated_with"):
            row.pop(column, None)
        return Article.from_dict(row)

    # -- raw writes inside the caller's transaction ------------------------------------------
    def _write(self, table: str, rows: Iterable[dict], *, replace: bool = True) -> None:
        """Insert (or replace) rows inside the caller's transaction.  Every column must be declared by
        a migration: a field added to the model without one is a programming error, caught here."""
        columns, values = table_rows(rows)
        self._write_rows(table, columns, values, replace=replace)

    def _write_rows(self, table: str, columns: Sequence[str], values: Sequence[tuple], *, replace: bool = True) -> None:
        """Insert (or replace) rows already encoded (:mod:`storyline.store.rows`), in the caller's transaction."""
        if not values:
            return
        self._check_columns(table, columns)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        sql = (f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        self.db.conn.executemany(sql, values)

    def _check_columns(self, table: str, columns: Sequence[str]) -> list[str]:
        """The columns of ``table`` (the schema is the migrations': one PRAGMA per table and store);
        a column of ``columns`` not among them is a field added to the model without a migration."""
        if table not in self._declared:
            self._declared[table] = list(self.db[table].columns_dict)
        unknown = [c for c in columns if c not in self._declared[table]]
        if unknown:
            raise KeyError(f"table {table} has no column(s) {unknown}: add a migration")
        return self._declared[table]

    def _write_article(self, row: dict) -> None:
        """Write one article's row (every column: one ``row`` leaves out is null, as by :meth:`_write`) in
        the caller's transaction: updated in place when stored, its title and text set (and so
        re-indexed for search: migration 012) only when they changed; inserted when not stored."""
        row = _encode(row)
        rest = [c for c in self._check_columns("articles", tuple(row)) if c not in ("id", "title", "text")]
        done = self.db.conn.execute(f"UPDATE articles SET {', '.join(f'[{c}] = ?' for c in rest)} WHERE id = ?",
                                    [row.get(c) for c in rest] + [row["id"]]).rowcount
        if not done:
            self._write_rows("articles", tuple(row), [tuple(row.values())])
            return
        title, text = row.get("title"), row.get("text")
        self.db.conn.execute("UPDATE articles SET title = ?, text = ? WHERE id = ? AND (title IS NOT ? OR text IS NOT ?)",
                             [title, text, row["id"], title, text])

    def _delete(self, table: str, where: str = "1", params: Sequence = ()) -> None:
        self.db.conn.execute(f"DELETE FROM [{table}] WHERE {where}", list(params))

    def _delete_analysis(self, where: str, params: Sequence = ()) -> None:
        """Delete the per-article records of the articles selected by ``where`` (over ``articles``)."""
        for table in ("timexes", "events", "quotes"):
            self._delete(table, f"article_id in (select id from articles where {where})", params)

    def save_articles(self, articles: Iterable[Article]) -> None:
        """Upsert article metadata.  An article whose publication date changed loses its analysis
        (its time expressions were resolved against the old date); one that became a duplicate too."""
        with self.db.atomic():
            for article in articles:
                row = article.to_dict()
                kept = self.db.conn.execute(
                    "select published, analysed_with, analysis_error, dated_with from articles where id = ?",
                    [article.id]).fetchone()
                if kept and kept[0] == article.published and article.duplicate_of is None:
                    row.update(analysed_with=kept[1], analysis_error=kept[2], dated_with=kept[3])
                elif kept:
                    self._delete_analysis("id = ?", [article.id])
                self._write("articles", [row])

    def sync_inputs(self, *, files: Sequence[tuple[str, bytes]], inputs: Iterable[tuple[str, str, bytes, str]],
                    articles: Iterable[Article], rejected: Sequence[tuple[Optional[str], object]],
                    identities: Optional[dict[str, str]] = None, read_with: Optional[str] = None) -> int:
        """Record what this run read, in one transaction: each file read replaces what it gave before.

        ``files``: ``(display path, os path bytes)`` of every file read; ``inputs``: ``(input path,
        file, file bytes, article id)`` of every article read; ``articles``: the articles to upsert
        (``inputs`` and ``articles`` may be streams: each is read once, in that order, inside the transaction);
        ``rejected``: ``(file or None, Rejected)``.  Articles that no input gives any more (their
        file now holds other records) are deleted with their analysis; a duplicate whose original
        went with them is unmarked, to be analysed.  Each file read records its identity (``identities``:
        file -> identity, read with ``read_with``; :meth:`record_files`).  Returns how many articles were deleted.
        """
        with self.db.atomic():
            for file, _ in files:
                self._delete("inputs", "file = ?", [file])
                self._delete("rejects", "file = ? or path = ?", [file, file])
            self.record_files(files, identities or {}, read_with)
            inputs = iter(inputs)
            while chunk := list(itertools.islice(inputs, FETCH_ROWS)):
                self._write("inputs", ({"path": p, "file": f, "file_os": fo, "article_id": a} for p, f, fo, a in chunk))
            self.save_articles(articles)
            gone = "id not in (select article_id from inputs)"
            dropped = self.db.conn.execute(f"select count(*) from articles where {gone}").fetchone()[0]
            self._drop_articles(gone)
            self._write("rejects", ({"path": r.path, "reason": r.reason, "count": r.count, "file": f,
                                     "seen_at": _now()} for f, r in rejected))
        return dropped

    def orphaned_ids(self) -> list[str]:
        """Articles none of whose input files exist any more (deleted or moved since they were read)."""
        missing = [row[0] for row in self.db.conn.execute("select distinct file_os from inputs")
                   if row[0] is not None and not os.path.exists(row[0])]
        if not missing:
            return []
        marks = ", ".join("?" for _ in missing)
        return [r[0] for r in self.db.conn.execute(
            "select id from articles where id in (select article_id from inputs) and id not in "
            f"(select article_id from inputs where file_os not in ({marks})) order by id", missing)]

    def prune(self, ids: Sequence[str]) -> int:
        """Delete the articles ``ids`` with their inputs and analysis (one transaction)."""
        with self.db.atomic():
            for i in range(0, len(ids), 500):
                chunk = list(ids[i:i + 500])
                self._drop_articles(f"id in ({', '.join('?' for _ in chunk)})", chunk)
            self.forget_unread_files()
        return len(ids)

    def _drop_articles(self, where: str, params: Sequence = ()) -> None:
        """Delete the articles selected by ``where`` with their analysis and inputs, inside the caller's
        transaction; a duplicate whose original went with them is unmarked (to be analysed)."""
        self._delete_analysis(where, params)
        self._delete("inputs", f"article_id in (select id from articles where {where})", params)
        self._delete("articles", where, params)
        self.db.conn.execute("update articles set duplicate_of = null "
                             "where duplicate_of is not null and duplicate_of not in (select id from articles)")

    def _replace_analysis(self, article: Article, *, rows: AnalysisRows, fingerprint: str,
                          error: Optional[str] = None, dated_with: Optional[str] = None) -> None:
        self._delete_analysis("id = ?", [article.id])
        self._write_article({**article.replace(analysis_error=error).to_dict(), "analysed_with": fingerprint,
                             "dated_with": dated_with})
        for table, columns, values in rows.tables:
            self._write_rows(table, columns, values)

    def save_analysis(self, article: Article, *, timexes: Sequence[TimeRef], events: Sequence[Event],
                      quotes: Sequence[Quote], fingerprint: str) -> None:
        """Replace one article's analysis atomically and mark it analysed with ``fingerprint``."""
        self.save_analysis_rows(article, analysis_rows(timexes=timexes, events=events, quotes=quotes),
                                fingerprint=fingerprint)

    def save_analysis_rows(self, article: Article, rows: AnalysisRows, *, fingerprint: str) -> None:
        """:meth:`save_analysis` of the rows of the records (:func:`storyline.store.rows.analysis_rows`)."""
        self.save_analyses([(article, rows)], fingerprint=fingerprint)

    def save_failure(self, article: Article, *, reason: str, fingerprint: str) -> None:
        """Record that ``article`` could not be analysed (with ``fingerprint``) and why; it has no records."""
        self.save_analyses([(article, reason)], fingerprint=fingerprint)

    def save_analyses(self, results: Sequence[tuple[Article, object]], *, fingerprint: str) -> None:
        """The analyses of several articles in one transaction (#18: one commit per batch, not per
        article), in order: each ``(article, its rows or records, or the reason its analysis failed)``."""
        with self.db.atomic():
            for article, result in results:
                failed = isinstance(result, str)
                rows = AnalysisRows() if failed else as_rows(result)
                self._replace_analysis(article, rows=rows, fingerprint=fingerprint, error=result if failed else None)
                if rows.parts:
                    self.keep_made_parts(article.id, rows, fingerprint)

    def undated_ids(self, fingerprint: str) -> list[str]:
        """Analysed articles without a publication date whose date was not yet inferred with ``fingerprint``."""
        return [r[0] for r in self.db.conn.execute(
            "select id from articles where published is null and duplicate_of is null and analysis_error is null "
            "and analysed_with = ? and (dated_with is null or dated_with != ?) order by path, id",
            [fingerprint, fingerprint])]

    def save_dating(self, *, tried: Sequence[Article], results: Sequence[tuple[Article, object]],
                    fingerprint: str) -> None:
        """One transaction: the re-analyses of articles whose date was inferred (``(article, records,
        their rows (:mod:`storyline.store.rows`) or failure reason)``), and the articles of ``tried`` (no date found: their evidence) marked as
        dated with ``fingerprint`` — so a killed run neither leaves a new date beside an old analysis
        nor infers twice."""
        with self.db.atomic():
            for article, records in results:
                if isinstance(records, str):
                    self._replace_analysis(article, rows=AnalysisRows(), fingerprint=fingerprint,
                                           error=records, dated_with=fingerprint)
                else:
                    self._replace_analysis(article, rows=as_rows(records), fingerprint=fingerprint,
                                           dated_with=fingerprint)
            self.db.conn.executemany(
                "update articles set published_how = ?, published_evidence = ?, dated_with = ? where id = ?",
                [(a.published_how, a.published_evidence, fingerprint, a.id) for a in tried])

    # -- per-mention records ----------------------------------------------------------------
    def timexes(self) -> list[TimeRef]:
        return [TimeRef.from_dict(_decode("timexes", r, ["inferred"]))
                for r in self.db["timexes"].rows_where(order_by="article_id, start, id")]

    def events(self, *, threshold: Optional[float] = None, held: bool = False) -> list[Event]:
        """Every stored event; with ``threshold``, the events kept at it (:data:`KEPT_SQL`), or with
        ``held`` those below it."""
        where, params = self._kept_where(threshold, held)
        return [event_of_row(r) for r in self.db["events"].rows_where(where, params, order_by="article_id, start, id")]

    def event_counts(self, threshold: float) -> tuple[int, int]:
        """How many stored events are kept at ``threshold``, and how many are held below it."""
        where, params = self._kept_where(threshold, False)
        kept, total = self.db.conn.execute(f"select count(*) filter (where {where}), count(*) from events",
                                           params).fetchone()
        return kept, total - kept

    @staticmethod
    def _kept_where(threshold: Optional[float], held: bool) -> tuple[str, list]:
        if threshold is None:
            return "1", []
        kept = KEPT_SQL.format(threshold="?")
        return (f"NOT {kept}" if held else kept), [float(threshold)]

    def event_threshold(self) -> Optional[float]:
        """The ``event_threshold`` recorded with the corpus tables (None: none recorded yet)."""
        row = self.db.conn.execute("select value from run_settings where key = 'event_threshold'").fetchone()
        return None if row is None else float(row[0])

    def quotes(self) -> list[Quote]:
        return [Quote.from_dict(_decode("quotes", r)) for r in self.db["quotes"].rows_where(order_by="article_id, start, id")]

    # -- rejects and runs -------------------------------------------------------------------
    def record_run(self, *, started: str, summary: dict) -> None:
        with self.db.atomic():
            self._write("runs", [{"started": started, "finished": _now(),
                                  "summary": json.dumps(summary, ensure_ascii=False)}], replace=False)

    def search(self, query: str, *, limit: int = 20) -> list[dict]:
        """Full-text search over article titles and text."""
        return list(self.db["articles"].search(query, limit=limit, columns=["id", "title", "source", "published"]))

    def close(self) -> None:
        self.db.close()
