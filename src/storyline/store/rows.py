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
from typing import Iterable, Optional

#: the per-article tables, in the order an analysis is written
ANALYSIS_TABLES = ("timexes", "events", "quotes")


@dataclass(frozen=True)
class AnalysisRows:
    """The rows one analysed article writes: ``(table, columns, rows)`` for each table it has rows in,
    and the article's shares of the corpus stages made where it was analysed (``(kind, share)``:
    :func:`corpus_parts`; none when made in the run's own process)."""
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple, ...]], ...] = ()
    parts: tuple[tuple[str, object], ...] = ()
    threshold: Optional[float] = None        # the events' threshold the parts of THRESHOLD_PARTS went by

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


#: the corpus stages' per-article shares a Dask worker makes beside the analysis (the heaviest of the
#: corpus stages' work, :mod:`storyline.store.parts`); those of :data:`THRESHOLD_PARTS` go by the events
#: kept at the run's threshold
WORKER_PARTS = ("framing", "salience", "stances", "background")
THRESHOLD_PARTS = ("stances", "background")


def _stored(table: str, rows: AnalysisRows, make) -> list:
    """The records of ``table`` in ``rows`` as the store gives them back: decoded from the rows, in the
    store's order of one article's records (start, id)."""
    return sorted((make(dict(zip(columns, row))) for name, columns, values in rows.tables if name == table
                   for row in values), key=lambda r: (r.start, r.id))


def corpus_parts(article, rows: AnalysisRows, threshold: float) -> AnalysisRows:
    """``rows`` with the article's shares of the corpus stages (``parts``: ``(kind, share)`` of each of
    :data:`WORKER_PARTS`, #18), made as the corpus stages make them from the store
    (:class:`storyline.incremental.ArticleShares`): from the article and its records as the store gives
    them back (decoded from these rows, in the store's order), its events those kept at ``threshold``
    (the run's: ``threshold`` is kept with the parts); none for an article that is not news (the
    corpus stages leave it out)."""
    import json

    from ..corpus.framing import framing_part
    from ..corpus.linking import outlet_of
    from ..corpus.selection import salience_part
    from ..corpus.stances import stance_hits
    from ..corpus.timeline import background_part
    from ..model import Quote, TimeRef
    from . import _decode, event_of_row

    if article.not_news:
        return rows
    quotes = _stored("quotes", rows, lambda r: Quote.from_dict(_decode("quotes", r)))
    events = [e for e in _stored("events", rows, event_of_row) if e.confidence is None or e.confidence >= threshold]
    timexes = _stored("timexes", rows, lambda r: TimeRef.from_dict(_decode("timexes", r, ["inferred"])))
    made = {"framing": framing_part(article, quotes),
            "salience": salience_part({"id": article.id, "time": article.published, "text": article.text}),
            "stances": stance_hits(quotes, events),
            "background": [outlet_of(article), background_part(article, timexes, events)]}
    return AnalysisRows(rows.tables, tuple((k, json.loads(json.dumps(made[k], ensure_ascii=False)))
                                           for k in WORKER_PARTS), threshold)
