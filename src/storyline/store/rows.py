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
    """The rows one analysed article writes: ``(table, columns, rows)`` for each table it has rows in,
    and the article's shares of the corpus stages made where it was analysed (``(kind, share)``:
    :func:`corpus_parts`; none when made in the run's own process)."""
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple, ...]], ...] = ()
    parts: tuple[tuple[str, object], ...] = ()

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


#: the corpus stages' per-article shares a Dask worker makes beside the analysis: those that depend on
#: the article and its quotes alone (the heaviest of the corpus stages' work; :mod:`storyline.store.parts`)
WORKER_PARTS = ("framing", "salience")


def corpus_parts(article, rows: AnalysisRows) -> AnalysisRows:
    """``rows`` with the article's shares of the corpus stages of :data:`WORKER_PARTS` (#18), made as the
    corpus stages make them from the store (:class:`storyline.incremental.ArticleShares`): from the
    article and its quotes as the store gives them back (decoded from these rows, in the store's
    order); none for an article that is not news (the corpus stages leave it out)."""
    import json

    from ..corpus.framing import framing_part
    from ..corpus.selection import salience_part
    from ..model import Quote
    from . import _decode

    if article.not_news:
        return rows
    quotes = sorted((Quote.from_dict(_decode("quotes", dict(zip(columns, row))))
                     for table, columns, values in rows.tables if table == "quotes" for row in values),
                    key=lambda q: (q.start, q.id))
    made = {"framing": framing_part(article, quotes),
            "salience": salience_part({"id": article.id, "time": article.published, "text": article.text})}
    return AnalysisRows(rows.tables, tuple((k, json.loads(json.dumps(made[k], ensure_ascii=False)))
                                           for k in WORKER_PARTS))
