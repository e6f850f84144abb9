"""The report's "Sources compared" section: outlets side by side (naming, tone, quotation share,
loaded terms, opinion), which outlet reports which event, and the actors' stances.  Every piece
of text is HTML-escaped.
"""
from __future__ import annotations

from typing import Sequence

from ...corpus.framing import naming_terms
from ...model import Stance
from .sections import esc as _e

__all__ = ["framing_section"]

_CSS = """<style>
.sl-framing table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
.sl-framing th,.sl-framing td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
.sl-framing .neg{color:#a00;font-weight:bold}.sl-framing .pos{color:#060;font-weight:bold}
.sl-framing .loaded{color:#a50;font-weight:bold}.sl-framing .yes{background:#dfd}.sl-framing .no{background:#fdd}
.sl-framing blockquote{margin:.3em 0;padding-left:.6em;border-left:3px solid #c66}
</style>"""

_COVERAGE_ROWS = 40
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
    ("articles", lambda s: _e(len(s.get("articles", ())))),
    ("naming of actors", lambda s: _naming_cell(s.get("naming") or {})),
    ("tone (own voice, −1…1)", lambda s: _e(s.get("tone"))),
    ("quotation share", lambda s: _e(f"{100 * float(s.get('quote_share') or 0):.0f}%")),
    ("attributed share", lambda s: _e(f"{100 * float(s.get('attributed_share') or 0):.0f}%")),
    ("hedges / 1k words", lambda s: _e(s.get("hedges_per_1k"))),
    ("loaded terms", lambda s: ", ".join(
        f"<span class='{'pos' if t.get('connotation') == 'positive' else 'neg'}' "
        f"title='{_e(t.get('context'))}'>{_e(t.get('term'))}</span>"
        for t in (s.get("loaded_terms") or [])[:30]) or "–"),
    ("opinion passages", lambda s: "".join(
        f"<blockquote>{_e(p.get('text'))}</blockquote>" for p in (s.get("opinion_passages") or [])[:5])
        or "–"),
)


def _sources_table(sources: dict, names: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    body = "".join(f"<tr><th>{_e(label)}</th>" + "".join(f"<td>{fn(sources[n])}</td>" for n in names)
                   + "</tr>" for label, fn in _SOURCE_ROWS)
    return f"<h3>Sources side by side</h3><table><tr><th></th>{head}</tr>{body}</table>"


def _coverage_rows(coverage: dict, index: dict, names: Sequence[str]) -> dict[tuple[str, str], set[str]]:
    """(date, summary) → the outlets reporting it; background events left out."""
    merged: dict[tuple[str, str], set[str]] = {}
    for se_id, row in coverage.items():
        info = index.get(se_id) or {}
        if info.get("background"):
            continue
        key = (info.get("date") or "", info.get("summary") or se_id)
        merged.setdefault(key, set()).update(n for n in names if row.get(n))
    return merged


def _coverage_table(coverage: dict, index: dict, names: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    merged = _coverage_rows(coverage, index, names)
    ordered = sorted(merged, key=lambda k: (-len(merged[k]), k[0] or "9999", k[1]))
    rows = []
    for date, summary in ordered[:_COVERAGE_ROWS]:
        have = merged[(date, summary)]
        cells = "".join(f"<td class='{'yes' if n in have else 'no'}'>{'✔' if n in have else '–'}</td>"
                        for n in names)
        rows.append(f"<tr><td>{_e(date)}</td><td>{_e(summary[:240])}</td>{cells}</tr>")
    more = len(ordered) - _COVERAGE_ROWS
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


def framing_section(framing: dict, stances: Sequence[Stance]) -> str:
    """An HTML fragment: side-by-side source comparison, loaded terms, opinion, coverage, stances."""
    sources = (framing or {}).get("sources") or {}
    names = sorted(sources, key=lambda n: (-len(sources[n].get("articles", ())), n))[:_OUTLET_COLUMNS]
    out = [_CSS, "<div class='sl-framing'>"]
    if len(sources) > len(names):
        out.append(f"<p>The {len(names)} outlets with the most articles, of {len(sources)}.</p>")
    if names:
        out.append(_sources_table(sources, names))
    coverage = (framing or {}).get("coverage") or {}
    index = (framing or {}).get("story_events") or {}
    if coverage and names:
        out.append(_coverage_table(coverage, index, names))
    if stances:
        out.append(_stances_table(stances))
    out.append("</div>")
    return "".join(out)
