"""The report's "Sources compared" section: outlets side by side (naming, tone, quotation share,
loaded terms, opinion), which outlet reports which event, and the actors' stances.  Every piece
of text is HTML-escaped.
"""
from __future__ import annotations

import itertools
import sqlite3
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from ...corpus.framing import naming_terms
from ...model import Stance
from ...store.framing import coverage_rows, outlet_counts, outlet_records
from .sections import esc as _e

if TYPE_CHECKING:
    from ...store import Store

__all__ = ["framing_section", "StoredFraming"]

_CSS = """<style>
.sl-framing table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
.sl-framing th,.sl-framing td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
.sl-framing .neg{color:#a00;font-weight:bold}.sl-framing .pos{color:#060;font-weight:bold}
.sl-framing .loaded{color:#a50;font-weight:bold}.sl-framing .yes{background:#dfd}.sl-framing .no{background:#fdd}
.sl-framing blockquote{margin:.3em 0;padding-left:.6em;border-left:3px solid #c66}
</style>"""

_COVERAGE_ROWS = 40
#: what the side-by-side table shows of an outlet's loaded terms and opinion passages
_SHOWN = {"loaded_terms": 30, "opinion_passages": 5}
#: outlets compared side by side: those with the most articles (the rest counted)
_OUTLET_COLUMNS = 8
_CONNOTATION_CLASS = {'negative': 'neg', 'loaded': 'loaded', 'positive': 'pos'}


def _naming_cell(naming: dict) -> str:
    terms = naming_terms()
    parts = []
    for code, counts in naming.items():
        inner = ", ".join(
            f"<span class='{_CONNOTATION_CLASS.get(terms.get(t, 'neutral'), '')}'>"
            f"{_e(t)}</span>&nbsp;×{int(n)}" for t, n in counts.items())
        parts.append(f"<b>{_e(code)}</b>: {inner}")
    return "<br>".join(parts) or "–"


#: the rows of the side-by-side table: (label, cell of one outlet's framing record)
_SOURCE_ROWS = (
    ("articles", lambda s: _e(_n_articles(s))),
    ("naming of actors", lambda s: _naming_cell(s.get("naming") or {})),
    ("tone (own voice, −1…1)", lambda s: _e(s.get("tone"))),
    ("quotation share", lambda s: _e(f"{100 * float(s.get('quote_share') or 0):.0f}%")),
    ("attributed share", lambda s: _e(f"{100 * float(s.get('attributed_share') or 0):.0f}%")),
    ("hedges / 1k words", lambda s: _e(s.get("hedges_per_1k"))),
    ("loaded terms", lambda s: ", ".join(
        f"<span class='{'pos' if t.get('connotation') == 'positive' else 'neg'}' "
        f"title='{_e(t.get('context'))}'>{_e(t.get('term'))}</span>"
        for t in (s.get("loaded_terms") or [])[:_SHOWN["loaded_terms"]]) or "–"),
    ("opinion passages", lambda s: "".join(
        f"<blockquote>{_e(p.get('text'))}</blockquote>" for p in (s.get("opinion_passages") or [])[:_SHOWN["opinion_passages"]])
        or "–"),
)


def _sources_table(sources: dict, names: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    body = "".join(f"<tr><th>{_e(label)}</th>" + "".join(f"<td>{fn(sources[n])}</td>" for n in names)
                   + "</tr>" for label, fn in _SOURCE_ROWS)
    return f"<h3>Sources side by side</h3><table><tr><th></th>{head}</tr>{body}</table>"


def _n_articles(record: dict) -> int:
    """An outlet's number of articles (a record read from the store: :class:`StoredFraming`, counted)."""
    return record["n_articles"] if "n_articles" in record else len(record.get("articles", ()))


def _merged_rows(coverage: Iterable[tuple[str, dict, dict]], names: Sequence[str]) -> tuple[list, int]:
    """The coverage rows merged by (date, summary), background events left out: the first
    :data:`_COVERAGE_ROWS` of them, those reported by the most of ``names`` first (``((date, summary),
    the outlets reporting it)``), and how many there are.  ``coverage``: ``(story event id, outlet →
    reports it, what the report shows of it)``.  Merged in a temporary database on disk: the rows
    grow with the corpus (#18)."""
    bits = [1 << i for i in range(len(names))]
    db = sqlite3.connect("")        # a private temporary database, on disk, gone when closed
    try:
        db.execute("create table rows (date text, summary text, mask integer)")
        pending: list = []
        for se_id, row, info in coverage:
            if not info.get("background"):
                pending.append((info.get("date") or "", info.get("summary") or se_id,
                                sum(bit for bit, n in zip(bits, names) if row.get(n))))
            if len(pending) >= 1000:
                db.executemany("insert into rows values (?, ?, ?)", pending)
                pending = []
        db.executemany("insert into rows values (?, ?, ?)", pending)
        merged = " | ".join(f"max(mask & {bit})" for bit in bits) or "0"
        count = " + ".join(f"(m >> {i} & 1)" for i in range(len(names))) or "0"
        top = db.execute(
            f"select date, summary, m from (select date, summary, {merged} as m from rows group by date, summary) "
            f"order by {count} desc, case date when '' then '9999' else date end, summary limit ?",
            [_COVERAGE_ROWS]).fetchall()
        total = db.execute("select count(*) from (select 1 from rows group by date, summary)").fetchone()[0]
    finally:
        db.close()
    return [((date, summary), {n for bit, n in zip(bits, names) if m & bit}) for date, summary, m in top], total


def _coverage_table(coverage: Iterable[tuple[str, dict, dict]], names: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    top, total = _merged_rows(coverage, names)
    rows = []
    for (date, summary), have in top:
        cells = "".join(f"<td class='{'yes' if n in have else 'no'}'>{'✔' if n in have else '–'}</td>"
                        for n in names)
        rows.append(f"<tr><td>{_e(date)}</td><td>{_e(summary[:240])}</td>{cells}</tr>")
    more = total - _COVERAGE_ROWS
    note = f"<p>… and {more} more event(s) reported by one outlet or fewer.</p>" if more > 0 else ""
    return ("<h3>Coverage: which outlet reports which event</h3>"
            "<p>Events reported by the most outlets first; a red cell is an outlet that leaves it out.</p>"
            f"<table><tr><th>date</th><th>event</th>{head}</tr>{''.join(rows)}</table>{note}")


def _stances_table(stances: Sequence[Stance]) -> str:
    rows = "".join(
        f"<tr><td>{_e(s.actor)}</td><td>{_e(s.position)}</td><td>{_e(s.issue)}</td>"
        f"<td>{_e(((s.evidence.text if s.evidence else None) or '')[:300])}</td></tr>" for s in stances)
    return ("<h3>Stances</h3><table><tr><th>actor</th><th>position</th><th>issue</th><th>evidence</th></tr>"
            f"{rows}</table>")


def framing_section(framing, stances: Sequence[Stance]) -> str:
    """An HTML fragment: side-by-side source comparison, loaded terms, opinion, coverage, stances.
    ``framing``: the framing record (:func:`storyline.corpus.framing.analyse_framing`) or the store's,
    read a piece at a time (:class:`StoredFraming`)."""
    view = framing if isinstance(framing, StoredFraming) else _FramingDict(framing or {})
    counts = view.article_counts()
    names = [n for n, _ in sorted(counts, key=lambda nc: (-nc[1], nc[0]))[:_OUTLET_COLUMNS]]
    out = [_CSS, "<div class='sl-framing'>"]
    if len(counts) > len(names):
        out.append(f"<p>The {len(names)} outlets with the most articles, of {len(counts)}.</p>")
    if names:
        out.append(_sources_table(view.records(names), names))
    coverage = view.coverage()
    if coverage is not None and names:
        out.append(_coverage_table(coverage, names))
    if stances:
        out.append(_stances_table(stances))
    out.append("</div>")
    return "".join(out)


class _FramingDict:
    """What :func:`framing_section` reads of a framing record in memory."""

    def __init__(self, framing: dict) -> None:
        self.sources = framing.get("sources") or {}
        self._coverage = framing.get("coverage") or {}
        self._index = framing.get("story_events") or {}

    def article_counts(self) -> list[tuple[str, int]]:
        return [(n, _n_articles(s)) for n, s in self.sources.items()]

    def records(self, names: Sequence[str]) -> dict[str, dict]:
        return self.sources

    def coverage(self) -> Optional[Iterator[tuple[str, dict, dict]]]:
        """``(story event id, its row, what is shown of it)``; None when there is no coverage."""
        if not self._coverage:
            return None
        return ((se, row, self._index.get(se) or {}) for se, row in self._coverage.items())


class StoredFraming(_FramingDict):
    """What :func:`framing_section` reads of the store's framing tables (:mod:`storyline.store.framing`),
    a piece at a time: the outlets' numbers of articles, the records of the outlets shown (their lists
    cut to what is shown) and the coverage rows one at a time, never the whole framing (it grows with
    the corpus: #18).  False when the store holds no framing."""

    def __init__(self, store: "Store") -> None:
        self._conn = store.db.conn
        self._any = self._conn.execute("select count(*) from framing").fetchone()[0] > 0

    def __bool__(self) -> bool:
        return self._any

    def article_counts(self) -> list[tuple[str, int]]:
        return outlet_counts(self._conn)

    def records(self, names: Sequence[str]) -> dict[str, dict]:
        return outlet_records(self._conn, names, _SHOWN)

    def coverage(self) -> Optional[Iterator[tuple[str, dict, dict]]]:
        rows = coverage_rows(self._conn)
        first = next(rows, None)
        return None if first is None else itertools.chain([first], rows)
