"""What the store knows of the input files it read and of what its corpus tables were made from (#18,
incremental at scale).  Mixed into :class:`storyline.store.Store`.

``input_files`` holds, per file read, its identity when it was read (size, times, inode, a digest of
its bytes: :class:`storyline.incremental.FileIdentity`) and what it was read with (Storyline's code
stamp and the reading settings), written in the same transaction as the inputs the file gave, so a
file whose identity and reading are unchanged can be left unread: its stored inputs, articles and
rejections stand.  ``run_settings`` keeps ``corpus_digest``: a digest of everything the corpus
tables and the output files were computed from, so a run that would recompute them from the same
things can leave them as they are.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Iterator, Mapping, Optional, Sequence

import sqlite_utils

from ..model import Rejected

if TYPE_CHECKING:
    from . import Store

#: The article columns the corpus stages and the outputs read, besides the text (which the id stands for).
_ARTICLE_STATE = ("id, path, source, source_how, title, published, published_how, published_evidence, url, author, "
                  "duplicate_of, content_hash, format, analysed_with, analysis_error, dated_with, not_news, removed")


def migration_010_input_files(db: sqlite_utils.Database) -> None:
    """The identity of each input file when it was read, and what it was read with."""
    db.conn.execute("CREATE TABLE IF NOT EXISTS [input_files] ([file] TEXT PRIMARY KEY, [identity] TEXT, "
                    "[read_with] TEXT)")


class FileRecords:
    """The store's records of input files and of the corpus tables' sources (see the module docstring)."""

    # -- input files -------------------------------------------------------------------------
    def file_identities(self: "Store", read_with: str) -> dict[str, str]:
        """File -> its recorded identity, for the files read with ``read_with``."""
        return dict(self.db.conn.execute("select file, identity from input_files where read_with = ?", [read_with]))

    def record_files(self: "Store", files: Sequence[tuple[str, bytes]], identities: Mapping[str, str],
                     read_with: Optional[str]) -> None:
        """Inside the caller's transaction: the files read now forget their old identity and record the
        new one (a file without one, such as a file that could not be read, is read again next time)."""
        for file, _ in files:
            self.db.conn.execute("delete from input_files where file = ?", [file])
            if read_with is not None and file in identities:
                self.db.conn.execute("insert into input_files (file, identity, read_with) values (?, ?, ?)",
                                     [file, identities[file], read_with])

    def forget_unread_files(self: "Store") -> None:
        """Inside the caller's transaction: files none of whose inputs are stored any more (their articles
        were pruned) forget their identity, so that, back again, they are read, not left unread."""
        self.db.conn.execute("delete from input_files where file not in (select file from inputs)")

    def file_inputs(self: "Store", file: str) -> list[tuple[str, str, bytes, str]]:
        """``(input path, file, file bytes, article id)`` of what ``file`` gave when it was read, in reading order."""
        return [tuple(r) for r in self.db.conn.execute(
            "select path, file, file_os, article_id from inputs where file = ? order by rowid", [file])]

    def file_rejects(self: "Store", file: str) -> list[Rejected]:
        """The rejections recorded for ``file`` (the file's own and its records')."""
        return [Rejected(path, reason, count if count is not None else 1) for path, reason, count in
                self.db.conn.execute("select path, reason, count from rejects where file = ? order by rowid", [file])]

    # -- what the corpus tables were made from -------------------------------------------------
    def corpus_sources_digest(self: "Store", settings: str) -> str:
        """A digest of what the corpus stages and the output files read: every article's state (not its
        text: its id is a digest of the text and outlet), which analyses are stored (each write of an
        article's records adds rows past the last: ``max(rowid)``), and ``settings`` (the threshold,
        the timeline's size, Storyline's code stamp)."""
        digest = hashlib.sha256(settings.encode("utf-8"))
        for row in self._rows(f"select {_ARTICLE_STATE} from articles order by id"):
            digest.update(repr(row).encode("utf-8", "surrogateescape"))
        for table in ("events", "quotes", "timexes", "inputs"):
            row = self.db.conn.execute(f"select count(*), max(rowid) from [{table}]").fetchone()
            digest.update(f"{table}:{row[0]}:{row[1]};".encode())
        return digest.hexdigest()

    def _rows(self: "Store", sql: str) -> Iterator[tuple]:
        cursor = self.db.conn.execute(sql)
        while rows := cursor.fetchmany(500):
            yield from rows

    def recorded_corpus_digest(self: "Store") -> Optional[str]:
        row = self.db.conn.execute("select value from run_settings where key = 'corpus_digest'").fetchone()
        return None if row is None else row[0]

    def record_corpus_digest(self: "Store", digest: Optional[str]) -> None:
        """Record (or, with None, forget) what the corpus tables and the outputs were made from."""
        with self.db.atomic():
            self.db.conn.execute("delete from run_settings where key = 'corpus_digest'")
            if digest is not None:
                self.db.conn.execute("insert into run_settings (key, value) values ('corpus_digest', ?)", [digest])
