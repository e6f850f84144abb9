"""Reading the store in bounded batches (#18): articles as a stream, one article's time expressions at a
time, and the staging table that holds a run's reading until it is planned.  Mixed into
:class:`storyline.store.Store`; every reader here holds at most :data:`FETCH_ROWS` rows at once."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from ..model import Article, TimeRef

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
    def stage_reading(self, rows: Sequence[tuple[str, str, bytes, Article]]) -> None:
        """Append ``(input path, file, file bytes, article)`` rows, in reading order, to this
        connection's staging table (a temporary table: on disk, gone with the connection), so a run
        holds no read article in memory while it reads the rest; :meth:`clear_staging` empties it."""
        with self.db.atomic():
            self._staging_table()
            self.db.conn.executemany(
                "INSERT INTO temp.staged (path, file, file_os, article_id, article) VALUES (?, ?, ?, ?, ?)",
                [(p, f, fo, a.id, json.dumps(a.to_dict(), ensure_ascii=False)) for p, f, fo, a in rows])

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
                             "file_os BLOB, article_id TEXT, article TEXT)")

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

    def staged_firsts(self) -> Iterator[list[tuple[str, Optional[Article]]]]:
        """``(article id, article read, or None for a kept row)`` of the first staged row of each article
        id, in reading order, :data:`FETCH_ROWS` at a time."""
        cursor = self.db.conn.execute("select article_id, article from temp.staged where seq in "
                                      "(select min(seq) from temp.staged group by article_id) order by seq")
        while rows := cursor.fetchmany(FETCH_ROWS):
            yield [(r[0], None if r[1] is None else Article.from_dict(json.loads(r[1]))) for r in rows]
