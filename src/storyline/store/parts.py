"""Each article's share of a corpus stage, kept between runs (#18, incremental at scale).  Mixed into
:class:`storyline.store.Store`.

The corpus stages that read article texts (framing, the timeline's day salience and background
mentions) add up what each article gives on its own.  ``article_parts`` keeps that share per article
and stage (``kind``) with what it was made from (:meth:`PartRecords.part_sources`: the article's
state, a summary of its stored analysis, and the stage's settings and code stamp), so a run reads
again only the texts of the articles that are new or changed, and adds up the stored shares of the
rest in the same order as a run from scratch.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

import sqlite_utils

if TYPE_CHECKING:
    from . import Store

_STATE = ("id, path, source, source_how, title, published, published_how, url, author, duplicate_of, "
          "content_hash, analysed_with, analysis_error, dated_with, not_news")


_ANALYSIS = ("events", "quotes", "timexes")


def part_salt(kind: str, stamp: str, threshold: Optional[float] = None) -> str:
    """What a ``kind`` share is made with besides the article: the code and settings ``stamp``, and for a
    share of the events kept, their ``threshold``."""
    return f"{kind}|{stamp}" if threshold is None else f"{kind}|{stamp}|{threshold!r}"


def _made_from(salt: str, row: tuple, counts: Optional[list]) -> str:
    """The digest of what an article's share is made from (see :meth:`PartRecords.part_sources`)."""
    return hashlib.blake2b(repr((salt, row, counts)).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def migration_011_article_parts(db: sqlite_utils.Database) -> None:
    """Each article's share of the corpus stages that read texts, with what it was made from."""
    db.conn.execute("CREATE TABLE IF NOT EXISTS [article_parts] ([article_id] TEXT, [kind] TEXT, "
                    "[made_from] TEXT, [part] TEXT, PRIMARY KEY ([article_id], [kind]))")


class PartRecords:
    """The store's per-article shares of corpus stages (see the module docstring)."""

    def part_sources(self: "Store", where: str, params: Iterable = (), *, salt: str = "") -> Iterator[tuple[str, str]]:
        """``(article id, digest of what its shares are made from)`` for the articles selected by ``where``
        (over ``articles``), in the order of :meth:`iter_articles` (path, id): the article's state
        (its id stands for its text and outlet), how many rows of each per-article table it has and
        the last of them (any re-analysis writes rows past it), and ``salt`` (settings, code stamp).
        Read 500 articles at a time, their rows counted for them alone (#18)."""
        cursor = self.db.conn.execute(f"select {_STATE} from articles where {where} order by path, id", list(params))
        while rows := cursor.fetchmany(500):
            counts: dict[str, list[str]] = {}
            ids = [row[0] for row in rows]
            for table in _ANALYSIS:
                for article_id, n, last in self.db.conn.execute(
                        f"select article_id, count(*), max(rowid) from [{table}] where article_id in "
                        f"({', '.join('?' for _ in ids)}) group by article_id", ids):
                    counts.setdefault(article_id, []).append(f"{table}:{n}:{last}")
            for row in rows:
                yield row[0], _made_from(salt, row, counts.get(row[0]))

    def keep_made_parts(self: "Store", article_id: str, rows, stamp: str) -> None:
        """Store the shares of the article ``article_id`` made where it was analysed (``rows.parts``:
        :func:`storyline.store.rows.corpus_parts`), as made from what the store holds of it now, the
        corpus stages' code stamp ``stamp`` and the events' threshold they went by (:func:`part_salt`,
        :meth:`part_sources`), inside the caller's transaction."""
        from .rows import THRESHOLD_PARTS

        conn, counts = self.db.conn, []
        for table in _ANALYSIS:
            n, last = conn.execute(f"select count(*), max(rowid) from [{table}] where article_id = ?",
                                   [article_id]).fetchone()
            if n:
                counts.append(f"{table}:{n}:{last}")
        row = conn.execute(f"select {_STATE} from articles where id = ?", [article_id]).fetchone()
        conn.executemany("insert or replace into article_parts (article_id, kind, made_from, part) values (?, ?, ?, ?)",
                         [(article_id, kind, _made_from(part_salt(kind, stamp, rows.threshold if kind in THRESHOLD_PARTS
                                                                  else None), row, counts or None),
                           json.dumps(part, ensure_ascii=False)) for kind, part in rows.parts])

    def stored_parts(self: "Store", kind: str, wanted: dict[str, str]) -> dict[str, object]:
        """The stored ``kind`` shares of the articles of ``wanted`` (id -> made-from digest) made from that."""
        found: dict[str, object] = {}
        ids = list(wanted)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for article_id, made_from, part in self.db.conn.execute(
                    f"select article_id, made_from, part from article_parts where kind = ? and article_id in "
                    f"({', '.join('?' for _ in chunk)})", [kind, *chunk]):
                if made_from == wanted[article_id]:
                    found[article_id] = json.loads(part)
        return found

    def save_parts(self: "Store", kind: str, parts: Iterable[tuple[str, str, object]]) -> None:
        """Store ``(article id, made-from digest, share)`` rows of ``kind`` (one transaction)."""
        with self.db.atomic():
            self.db.conn.executemany(
                "insert or replace into article_parts (article_id, kind, made_from, part) values (?, ?, ?, ?)",
                [(a, kind, m, json.dumps(p, ensure_ascii=False)) for a, m, p in parts])

    def forget_parts(self: "Store", kind: Optional[str] = None) -> None:
        """Drop the shares of articles no longer stored (and, with ``kind``, every share of that kind)."""
        with self.db.atomic():
            self.db.conn.execute("delete from article_parts where article_id not in (select id from articles)")
            if kind is not None:
                self.db.conn.execute("delete from article_parts where kind = ?", [kind])

    def quotes_of(self: "Store", ids: Iterable[str]) -> dict[str, list]:
        """The stored quotes of the articles ``ids``, by article, each article's in the order of :meth:`quotes`."""
        from ..model import Quote
        from . import _decode

        found: dict[str, list] = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for row in self.db.query(f"select * from quotes where article_id in ({', '.join('?' for _ in chunk)}) "
                                     "order by article_id, start, id", chunk):
                found.setdefault(row["article_id"], []).append(Quote.from_dict(_decode("quotes", row)))
        return found

    def light_articles(self: "Store", ids: Iterable[str]) -> dict:
        """The stored articles of ``ids`` without their texts and removed lines (those that exist), by id."""
        columns = ", ".join(f"[{c}]" for c in self.db["articles"].columns_dict if c not in ("text", "removed"))
        found: dict = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for row in self.db.query(f"select {columns} from articles where id in ({', '.join('?' for _ in chunk)})",
                                     chunk):
                found[row["id"]] = self._article({**row, "text": ""})
        return found
