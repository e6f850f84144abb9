"""Reading the store in bounded batches (#18): articles as a stream, one article's time expressions at a
time, and the staging table that holds a run's reading until it is planned.  Mixed into
:class:`storyline.store.Store`; every reader here holds at most :data:`FETCH_ROWS` rows at once."""
from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from ..model import Article, Event, Quote, TimeRef

if TYPE_CHECKING:
    from . import Store

#: Rows read from a cursor at a time by the streaming readers.
FETCH_ROWS = 200


class ArticleTimexes(Mapping):
    """Article id -> its stored time expressions, read from the store per article (see
    :meth:`Store.timexes_by_article`): a corpus stage holds one article's, not the corpus's."""

    def __init__(self, store: "Store") -> None:
        self._conn = store.db.conn

    def __getitem__(self, article_id: str) -> list[TimeRef]:
        cursor = self._conn.execute("select * from timexes where article_id = ? order by start, id", [article_id])
        names = [d[0] for d in cursor.description]
        from . import _decode

        found = [TimeRef.from_dict(_decode("timexes", dict(zip(names, row)), ["inferred"])) for row in cursor]
        if not found:
            raise KeyError(article_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._conn.execute("select distinct article_id from timexes order by article_id"))

    def __len__(self) -> int:
        return self._conn.execute("select count(distinct article_id) from timexes").fetchone()[0]


class StreamReads:
    """The store's streaming readers (see the module docstring)."""

    def iter_articles(self, where: str = "1", params: Sequence = (), *, text: bool = True,
                      batch: Optional[int] = None) -> Iterator[Article]:
        """The articles selected by ``where`` in the order of :meth:`articles` (path, id), read from the
        store ``batch`` rows at a time, so only those are held at once.  Without ``text`` they come
        light: no text and no removed lines (what the corpus stages need of most of them)."""
        columns = "*" if text else ", ".join(f"[{c}]" for c in self.db["articles"].columns_dict
                                              if c not in ("text", "removed"))
        cursor = self.db.conn.execute(f"select {columns} from articles where {where} order by path, id", list(params))
        names = [d[0] for d in cursor.description]
        while True:
            rows = cursor.fetchmany(batch or FETCH_ROWS)
            if not rows:
                return
            for row in rows:
                record = dict(zip(names, row))
                if not text:
                    record["text"] = ""
                yield self._article(record)

    def article_ids(self, where: str = "1", params: Sequence = ()) -> list[str]:
        """The ids of the articles selected by ``where``, in the order of :meth:`articles` (ids only: compact)."""
        return [r[0] for r in self.db.conn.execute(f"select id from articles where {where} order by path, id",
                                                   list(params))]

    def timexes_by_article(self) -> "ArticleTimexes":
        """The stored time expressions of one article at a time, as a read-only mapping (article id ->
        its time expressions in the order of :meth:`timexes`), queried when asked for."""
        return ArticleTimexes(self)

    # -- a run's reading, staged until it is planned ------------------------------------------
    def stage_reading(self, rows: Sequence[tuple]) -> None:
        """Append ``(input path, file, file bytes, article[, its duplicate-test sketch])`` rows, in
        reading order, to this connection's staging table (a temporary table: on disk, gone with the
        connection), so a run holds no read article in memory while it reads the rest;
        :meth:`clear_staging` empties it.  A sketch (:func:`storyline.ingest.dedup.sketch_of`, made
        where the article was read) spares the planning making it again."""
        with self.db.atomic():
            self._staging_table()
            self.db.conn.executemany(
                "INSERT INTO temp.staged (path, file, file_os, article_id, article, sketch) VALUES (?, ?, ?, ?, ?, ?)",
                [(r[0], r[1], r[2], r[3].id, json.dumps(r[3].to_dict(), ensure_ascii=False),
                  json.dumps(r[4]) if len(r) > 4 else None) for r in rows])

    def stage_kept(self, file: str) -> int:
        """Append what the unchanged, unread ``file`` gave when it was read (its stored inputs, in their
        order) to the staging table, as kept rows (no article: the stored one stands).  Returns how many."""
        with self.db.atomic():
            self._staging_table()
            return self.db.conn.execute(
                "INSERT INTO temp.staged (path, file, file_os, article_id, article) "
                "SELECT path, file, file_os, article_id, NULL FROM inputs WHERE file = ? ORDER BY rowid",
                [file]).rowcount

    def _staging_table(self) -> None:
        self.db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS staged (seq INTEGER PRIMARY KEY, path TEXT, file TEXT, "
                             "file_os BLOB, article_id TEXT, article TEXT, sketch TEXT)")

    def clear_staging(self) -> None:
        with self.db.atomic():
            self.db.conn.execute("DROP TABLE IF EXISTS temp.staged")

    def staged_ids(self) -> set[str]:
        """The distinct article ids staged (ids only: compact)."""
        self._staging_table()
        return {r[0] for r in self.db.conn.execute("select distinct article_id from temp.staged")}

    def staged_inputs(self) -> Iterator[tuple[str, str, bytes, str]]:
        """``(input path, file, file bytes, article id)`` of every staged row read now (not the kept
        rows of unread files: their inputs are stored), in reading order."""
        cursor = self.db.conn.execute("select path, file, file_os, article_id from temp.staged "
                                      "where article is not null order by seq")
        while rows := cursor.fetchmany(FETCH_ROWS):
            yield from (tuple(r) for r in rows)

    def staged_firsts(self) -> Iterator[list[tuple[str, Optional[Article], object]]]:
        """``(article id, article read, or None for a kept row, its staged sketch or NO_SKETCH)`` of the
        first staged row of each article id, in reading order, :data:`FETCH_ROWS` at a time."""
        from ..ingest.dedup import NO_SKETCH

        cursor = self.db.conn.execute("select article_id, article, sketch from temp.staged where seq in "
                                      "(select min(seq) from temp.staged group by article_id) order by seq")
        while rows := cursor.fetchmany(FETCH_ROWS):
            yield [(r[0], None if r[1] is None else Article.from_dict(json.loads(r[1])),
                    NO_SKETCH if r[2] is None else json.loads(r[2])) for r in rows]

    # -- the output files' streams (#18: write_outputs holds one batch, not the corpus) ---------
    def _iter_rows(self, table: str, where: str, params: Sequence, order: str, batch: Optional[int]) -> Iterator[dict]:
        cursor = self.db.conn.execute(f"select * from [{table}] where {where} order by {order}", list(params))
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(batch or FETCH_ROWS):
            yield from (dict(zip(names, row)) for row in rows)

    def iter_events(self, *, threshold: Optional[float] = None, held: bool = False,
                    batch: Optional[int] = None) -> Iterator[Event]:
        """:meth:`events` as a stream, in its order, ``batch`` rows at a time."""
        from . import event_of_row

        where, params = self._kept_where(threshold, held)
        yield from map(event_of_row, self._iter_rows("events", where, params, "article_id, start, id", batch))

    def iter_quotes(self, *, batch: Optional[int] = None) -> Iterator[Quote]:
        """:meth:`quotes` as a stream, in its order, ``batch`` rows at a time."""
        from . import _decode

        for row in self._iter_rows("quotes", "1", (), "article_id, start, id", batch):
            yield Quote.from_dict(_decode("quotes", row))

    def records_of(self, article_ids: Sequence[str], *, threshold: Optional[float] = None,
                   timexes: bool = True) -> dict[str, dict[str, list]]:
        """The events (kept at ``threshold``), quotes and (with ``timexes``) time expressions of the
        articles ``article_ids`` (a batch: at most a few hundred), by article id, each list in the
        order of :meth:`events`, :meth:`quotes` and :meth:`timexes`."""
        from . import _decode, event_of_row

        found: dict[str, dict[str, list]] = {aid: {"events": [], "quotes": [], "timexes": []} for aid in article_ids}
        marks = ", ".join("?" for _ in article_ids)
        kept, params = self._kept_where(threshold, False)
        reads = [("events", kept, params, event_of_row),
                 ("quotes", "1", [], lambda r: Quote.from_dict(_decode("quotes", r)))]
        if timexes:
            reads.append(("timexes", "1", [], lambda r: TimeRef.from_dict(_decode("timexes", r, ["inferred"]))))
        for table, where, extra, make in reads:
            for row in self._iter_rows(table, f"article_id in ({marks}) and {where}", [*article_ids, *extra],
                                       "article_id, start, id", None):
                found[row["article_id"]][table].append(make(row))
        return found

    def iter_article_records(self, where: str = "1", params: Sequence = (), *, threshold: Optional[float] = None,
                             text: bool = True, timexes: bool = True, limit: Optional[int] = None,
                             batch: Optional[int] = None) -> Iterator[tuple[Article, dict[str, list]]]:
        """``(article, its records)`` (see :meth:`records_of`) for the articles of :meth:`iter_articles`
        (the first ``limit`` of them), read ``batch`` articles at a time."""
        articles = self.iter_articles(where, params, text=text, batch=batch)
        if limit is not None:
            articles = itertools.islice(articles, limit)
        while chunk := list(itertools.islice(articles, batch or FETCH_ROWS)):
            records = self.records_of([a.id for a in chunk], threshold=threshold, timexes=timexes)
            yield from ((a, records[a.id]) for a in chunk)
