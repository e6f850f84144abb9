"""One article's analysis as the rows the store writes (#18, the coordinator's share of a Dask run).

:func:`analysis_rows` turns an article's records (time expressions, events, quotes) into the rows of
the per-article tables, encoded as the store keeps them (:func:`storyline.store._encode`: JSON text
for lists and dicts, 0/1 for booleans), with each table's columns in the records' field order.  A
Dask worker makes them where it analysed the article (:func:`storyline.cluster.analyse_partition`),
so the coordinator, the store's one writer, only hands them to ``executemany``: it does no
per-record Python work, and what it receives is small and cheap to unpickle (tuples of strings and
numbers instead of nested records).  The single-process run makes the same rows from the same
records with the same function, so both stores are the same row for row.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

#: the per-article tables, in the order an analysis is written
ANALYSIS_TABLES = ("timexes", "events", "quotes")


@dataclass(frozen=True)
class AnalysisRows:
    """The rows one analysed article writes: ``(table, columns, rows)`` for each table it has rows in."""
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple, ...]], ...] = ()

    def count(self, table: str) -> int:
        return sum(len(rows) for name, _, rows in self.tables if name == table)


def table_rows(rows: Iterable[dict]) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    """The columns (the union of the rows' keys, in order) and the encoded values of ``rows`` (dicts)."""
    from . import _encode

    encoded = [_encode(r) for r in rows]
    columns = tuple(dict.fromkeys(k for r in encoded for k in r))
    return columns, tuple(tuple(r.get(c) for c in columns) for r in encoded)


def analysis_rows(*, timexes: Iterable = (), events: Iterable = (), quotes: Iterable = ()) -> AnalysisRows:
    """An article's records as the rows of its analysis (see the module docstring)."""
    tables = []
    for table, records in zip(ANALYSIS_TABLES, (timexes, events, quotes)):
        columns, rows = table_rows(r.to_dict() for r in records)
        if rows:
            tables.append((table, columns, rows))
    return AnalysisRows(tuple(tables))


def as_rows(records) -> AnalysisRows:
    """``records`` (an :class:`AnalysisRows`, or anything with ``timexes``, ``events`` and ``quotes``:
    :class:`storyline.nlp.DocRecords`) as rows."""
    if isinstance(records, AnalysisRows):
        return records
    return analysis_rows(timexes=records.timexes, events=records.events, quotes=records.quotes)
