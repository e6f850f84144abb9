"""Reading a store for people: the events list with its filters, full-text search, one article
with its records, the timeline and the actors — one set of functions over an SQLite connection,
used by ``storyline serve`` (pages and JSON API) and ``storyline search``.

Every list is paged (``limit``/``offset``) and every filter is an index look-up (migrations
``007_search`` and ``009_serve_speed``: a page is a walk of a covering index in the list's order).
Totals stay exact: from the corpus stage's precomputed summaries while they are current (no filter,
one actor; ``/api/actors``), else counted in the covering index (work in proportion to the rows the
narrowest filter selects, never a read of the events' rows).  Events are the run's (kept at the recorded ``event_threshold``, :data:`KEPT_SQL`).
Bad parameters raise :class:`QueryError` (a ``ValueError``) with a message for the user.
"""
from __future__ import annotations

import html
import json
import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Mapping, Optional

from ..model import Event
from . import _JSON_COLUMNS, _RECORDED_THRESHOLD, KEPT_SQL

__all__ = ["QueryError", "EventFilters", "events", "search", "article", "timeline", "actors", "outlets",
           "MAX_LIMIT", "snippet_html"]

#: the most rows one page of a list holds
MAX_LIMIT = 1000
DEFAULT_LIMIT = 50
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")
#: snippet markers (control characters: never in clean article text) turned into <mark> after escaping
_OPEN, _CLOSE = "\x02", "\x03"
KINDS = ("article", "event", "quote")
_EVENT_BOOLS = ("negated", "intent", "background")


class QueryError(ValueError):
    """A parameter the user gave cannot be used (its message says which and why)."""


def kept_sql() -> str:
    return KEPT_SQL.format(threshold=_RECORDED_THRESHOLD)


def fetch_rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cur = conn.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def decode(table: str, row: dict) -> dict:
    for key in _JSON_COLUMNS.get(table, set()) & row.keys():
        if isinstance(row[key], str):
            try:
                row[key] = json.loads(row[key])
            except ValueError:
                pass
    return row


def _fts_query(text: str) -> str:
    """The user's words as an FTS5 query of quoted terms (all must match): no FTS syntax from outside."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    if not words:
        raise QueryError("q: give at least one word to search for")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words[:20])


def _date(name: str, value: Optional[str], *, end: bool = False) -> Optional[str]:
    if value in (None, ""):
        return None
    if not _DATE.match(value):
        raise QueryError(f"{name}: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value + "\uffff" if end else value       # 'to=2021-12' includes every day of December


def int_param(name: str, value, default: int, *, low: int = 0, high: Optional[int] = None) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name}: expected a whole number, got {value!r}") from None
    if number < low or (high is not None and number > high):
        raise QueryError(f"{name}: expected a number from {low} to {high if high is not None else '∞'}, got {number}")
    return number


def code_param(name: str, value: Optional[str]) -> Optional[str]:
    if value in (None, ""):
        return None
    if not _CODE.match(value):
        raise QueryError(f"{name}: expected an actor or type code (letters, digits, _ . -), got {value!r}")
    return value.upper()


@dataclass(frozen=True)
class EventFilters:
    """The events list's filters, checked (from a query string: :meth:`parse`)."""
    actor: Optional[str] = None
    source: Optional[str] = None
    target: Optional[str] = None
    type: Optional[str] = None
    quad: Optional[int] = None
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    outlet: Optional[str] = None
    confidence: Optional[float] = None
    q: Optional[str] = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> "EventFilters":
        known = {"actor", "source", "target", "type", "quad", "from", "to", "outlet", "confidence", "q",
                 "limit", "offset", "_"}
        unknown = sorted(set(args) - known)
        if unknown:
            raise QueryError(f"{unknown[0]}: unknown parameter (known: {', '.join(sorted(known - {'_'}))})")
        confidence = args.get("confidence") or None
        if confidence is not None:
            try:
                confidence = float(confidence)
            except ValueError:
                raise QueryError(f"confidence: expected a number from 0 to 1, got {confidence!r}") from None
            if not 0 <= confidence <= 1:
                raise QueryError(f"confidence: expected a number from 0 to 1, got {confidence}")
        quad = args.get("quad") or None
        return cls(actor=code_param("actor", args.get("actor")), source=code_param("source", args.get("source")),
                   target=code_param("target", args.get("target")), type=code_param("type", args.get("type")),
                   quad=None if quad is None else int_param("quad", quad, 0, low=1, high=4),
                   date_from=_date("from", args.get("from")), date_to=_date("to", args.get("to"), end=True),
                   outlet=(args.get("outlet") or None), confidence=confidence,
                   q=(args.get("q") or "").strip() or None,
                   limit=int_param("limit", args.get("limit"), DEFAULT_LIMIT, low=1, high=MAX_LIMIT),
                   offset=int_param("offset", args.get("offset"), 0))

    def query_string(self, **change) -> dict:
        """The filters as query-string parameters (empty ones left out), with ``change`` laid over."""
        names = {"date_from": "from", "date_to": "to"}
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "date_to" and value:
                value = value.rstrip("\uffff")
            if value not in (None, "") and not (f.name == "limit" and value == DEFAULT_LIMIT) \
                    and not (f.name == "offset" and value == 0):
                out[names.get(f.name, f.name)] = value
        out.update({k: v for k, v in change.items()})
        return {k: v for k, v in out.items() if v not in (None, "")}


#: the events list's order (``idx_events_listed`` and its siblings of migration ``009`` hold it)
EVENT_ORDER = "e.date IS NULL, e.date, e.id"


def _kept_listed() -> str:
    """:func:`kept_sql` over ``events e`` with unary ``+``: the same test, answered from the covering
    index the list walks (not by the ``confidence`` index, whose rows the planner would then read)."""
    return KEPT_SQL.replace("confidence", "+e.confidence").format(threshold=_RECORDED_THRESHOLD)


def _event_where(f: EventFilters, *, walk: bool = False) -> tuple[str, list]:
    where, params = [_kept_listed()], []
    # another filter with an index of its own (or ``walk``: the list's order index) is walked, testing
    # actors on its rows; else the actor's rows in event_actors drive (``+`` keeps the planner off them)
    narrowed = walk or any(v is not None for v in (f.type, f.quad, f.date_from, f.date_to, f.outlet))
    for side, code in (("", f.actor), ("source", f.source), ("target", f.target)):
        if code:
            clause = "code = ?" + (" AND side = ?" if side else "")
            where.append(f"{'+' if narrowed else ''}e.id IN (SELECT event_id FROM event_actors WHERE {clause})")
            params += [code, side] if side else [code]
    for clause, value in (("e.event_type = ?", f.type), ("e.quad_class = ?", f.quad),
                          ("e.date >= ?", f.date_from), ("e.date <= ?", f.date_to),
                          ("+e.confidence >= ?", f.confidence),
                          ("e.article_id IN (SELECT id FROM articles WHERE source = ?)", f.outlet)):
        if value is not None:
            where.append(clause)
            params.append(value)
    if f.date_from is not None or f.date_to is not None:
        where.append("(e.date IS NULL) = 0")     # implied by a date bound; lets the range use the index
    if f.q:
        where.append("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(_fts_query(f.q))
    return " AND ".join(where), params


def summary(conn: sqlite3.Connection, key: str):
    """A precomputed figure of ``serve_summary`` (migration ``009``), or None when the store changed
    since it was computed (or has none)."""
    try:
        row = conn.execute("SELECT value FROM serve_summary WHERE key = ?", [key]).fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else row[0]


def _summary_total(conn: sqlite3.Connection, f: EventFilters) -> Optional[int]:
    """The total of ``f`` from the precomputed summaries when it is one of theirs (no filter, or one
    actor on a side) and they are current; else None."""
    kept = summary(conn, "kept_events")
    page = {"limit": f.limit, "offset": f.offset}
    if kept is None or f == EventFilters(**page):
        return kept
    for name, column in (("actor", "events"), ("source", "as_source"), ("target", "as_target")):
        if f == EventFilters(**page, **{name: getattr(f, name)}):
            row = conn.execute(f"SELECT {column} FROM actor_summary WHERE code = ?", [getattr(f, name)]).fetchone()
            return row[0] if row else 0
    return None


def _event_total(conn: sqlite3.Connection, f: EventFilters) -> tuple[int, str, list]:
    """The total of ``f`` and the WHERE clause (with its parameters) its page is best found with."""
    total = _summary_total(conn, f)
    if total is not None:
        # one actor: walk the list's order when its events are common enough to fill the page soon
        # (about (offset + limit) * kept / total entries), else sort the actor's own (total of them)
        kept = summary(conn, "kept_events") or 0
        walk = total > 0 and (f.offset + f.limit) * kept / total < 4 * total
        return (total, *_event_where(f, walk=walk))
    where, params = _event_where(f)
    return conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0], where, params


def event_record(row: dict) -> dict:
    """An events row as ``events.jsonl`` has it (the model's fields, in its order)."""
    row = decode("events", dict(row))
    for key in _EVENT_BOOLS:
        if row.get(key) is not None:
            row[key] = bool(row[key])
    return Event.from_dict({k: v for k, v in row.items() if k in Event.__dataclass_fields__}).to_dict()


def events(conn: sqlite3.Connection, f: EventFilters, *, with_articles: bool = False) -> dict:
    """``{"total": N, "events": [...]}``: one page of the run's events matching ``f``, by date.
    ``with_articles`` adds each event's article title, outlet and date under ``"article"``."""
    total, where, params = _event_total(conn, f)
    # the page's rows found in the covering index first, then only those rows read
    order = "e.date, e.id" if f.date_from or f.date_to else EVENT_ORDER      # the same when dated only
    page = [r[0] for r in conn.execute(f"SELECT e.rowid FROM events e WHERE {where} ORDER BY {order} "
                                       "LIMIT ? OFFSET ?", [*params, f.limit, f.offset])]
    found = {r["rowid"]: r for r in fetch_rows(conn, f"SELECT e.rowid AS rowid, e.* FROM events e WHERE e.rowid IN "
                                                f"({', '.join('?' for _ in page)})", page)} if page else {}
    rows = [{k: v for k, v in found[i].items() if k != "rowid"} for i in page]
    out = [event_record(r) for r in rows]
    if with_articles and out:
        ids = sorted({e["article_id"] for e in out})
        marks = ", ".join("?" for _ in ids)
        meta = {r["id"]: r for r in fetch_rows(conn, f"SELECT id, title, source, published, path FROM articles "
                                                f"WHERE id IN ({marks})", ids)}
        for e in out:
            e["article"] = meta.get(e["article_id"], {})
    return {"total": total, "events": out}


def snippet_html(snippet: Optional[str]) -> str:
    """An FTS snippet escaped, its matches in ``<mark>``."""
    return html.escape(snippet or "").replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def _search_parts(kinds, event_type, actor, date_from, date_to, *, counting=False) -> tuple[list[str], list]:
    """One SELECT per kind of record searched, with the filters each can honour (``counting``: the
    kind alone; else its rank and the FTS rowid its snippet is made from, for the page only)."""
    parts, params = [], []
    art_filter, art_params = "", []
    if event_type or actor:
        sub, sub_params = _event_where(EventFilters(actor=actor, type=event_type))
        art_filter = f" AND a.id IN (SELECT e.article_id FROM events e WHERE {sub})"
        art_params = sub_params
    if "article" in kinds:
        dates = "".join([" AND a.published >= ?" if date_from else "", " AND a.published <= ?" if date_to else ""])
        parts.append(("SELECT 'article' AS kind" if counting else "SELECT 'article' AS kind, a.id AS id, a.id AS article_id, "
                     "articles_fts.rowid AS fts_rowid, articles_fts.rank AS rank, a.published AS date") + " FROM articles_fts "
                     "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?" + dates + art_filter)
        params += [p for p in (date_from, date_to) if p] + art_params
    if "event" in kinds:
        sub, sub_params = _event_where(EventFilters(actor=actor, type=event_type, date_from=date_from,
                                                    date_to=date_to))
        parts.append(("SELECT 'event' AS kind" if counting else "SELECT 'event' AS kind, e.id AS id, e.article_id AS article_id, "
                     "events_fts.rowid AS fts_rowid, events_fts.rank AS rank, e.date AS date") + " FROM events_fts JOIN events e ON e.rowid = events_fts.rowid WHERE events_fts MATCH ? AND " + sub)
        params += sub_params
    if "quote" in kinds:
        dates = "".join([" AND a.published >= ?" if date_from else "", " AND a.published <= ?" if date_to else ""])
        speaker = " AND instr(',' || qt.speaker_code || ',', ',' || ? || ',') > 0" if actor else ""
        parts.append(("SELECT 'quote' AS kind" if counting else "SELECT 'quote' AS kind, qt.id AS id, qt.article_id AS article_id, "
                     "quotes_fts.rowid AS fts_rowid, quotes_fts.rank AS rank, a.published AS date") + " FROM quotes_fts JOIN quotes qt ON qt.rowid = quotes_fts.rowid "
                     "JOIN articles a ON a.id = qt.article_id WHERE quotes_fts MATCH ?" + dates + speaker
                     + (art_filter if event_type else ""))
        params += [p for p in (date_from, date_to) if p] + ([actor] if actor else []) + (art_params if event_type else [])
    return parts, params


#: each kind's full-text index
_FTS_TABLES = {"article": "articles_fts", "event": "events_fts", "quote": "quotes_fts"}


def _search_union(kinds, fts: str, *filters, counting=False) -> tuple[str, list]:
    """The parts of :func:`_search_parts` as one UNION ALL, with their parameters."""
    parts, params = _search_parts(kinds, *filters, counting=counting)
    # every part's first parameter is its MATCH: put the query in front of each part's own ones
    flat, i = [], 0
    for part in parts:
        n = part.count("?") - 1
        flat += [fts, *params[i:i + n]]
        i += n
    return " UNION ALL ".join(parts), flat


def search(conn: sqlite3.Connection, q: Optional[str], *, kinds=KINDS, event_type: Optional[str] = None,
           actor: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
           limit=DEFAULT_LIMIT, offset=0) -> dict:
    """Full-text search over article titles and text, event sentences and quotes (``kinds``), best
    matches first: ``{"total": N, "counts": {kind: n}, "results": [{kind, id, article_id, snippet,
    snippet_html, date, title, outlet}]}``.  Filters: an event type or actor (events of it, articles
    and quotes of articles with such an event, quotes by that speaker), a date range."""
    fts = _fts_query(q or "")
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise QueryError(f"type: expected one of {', '.join(KINDS)}, got {', '.join(bad) or 'nothing'}")
    event_type, actor = code_param("type", event_type), code_param("actor", actor)
    date_from, date_to = _date("from", date_from), _date("to", date_to, end=True)
    limit = int_param("limit", limit, DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    offset = int_param("offset", offset, 0)
    count_union, count_params = _search_union(kinds, fts, event_type, actor, date_from, date_to, counting=True)
    counts = {r["kind"]: r["n"] for r in fetch_rows(conn, f"SELECT kind, count(*) AS n FROM ({count_union}) "
                                                       "GROUP BY kind", count_params)}
    union, flat = _search_union(kinds, fts, event_type, actor, date_from, date_to)
    rows = fetch_rows(conn, f"SELECT * FROM ({union}) ORDER BY rank, kind, id LIMIT ? OFFSET ?", [*flat, limit, offset])
    for r in rows:                 # snippets for the page only (making one reads the record's text)
        table = _FTS_TABLES[r["kind"]]
        r["snippet"] = conn.execute(f"SELECT snippet({table}, -1, '{_OPEN}', '{_CLOSE}', '…', 16) FROM {table} "
                                    f"WHERE {table} MATCH ? AND rowid = ?", [fts, r["fts_rowid"]]).fetchone()[0]
    ids = sorted({r["article_id"] for r in rows})
    meta = {r["id"]: r for r in fetch_rows(conn, f"SELECT id, title, source, path FROM articles WHERE id IN "
                                            f"({', '.join('?' for _ in ids)})", ids)} if ids else {}
    results = []
    for r in rows:
        m = meta.get(r["article_id"], {})
        results.append({"kind": r["kind"], "id": r["id"], "article_id": r["article_id"], "date": r["date"],
                        "title": m.get("title") or m.get("path"), "outlet": m.get("source"),
                        "snippet": (r["snippet"] or "").replace(_OPEN, "").replace(_CLOSE, ""),
                        "snippet_html": snippet_html(r["snippet"])})
    return {"total": sum(counts.values()), "counts": {k: counts.get(k, 0) for k in kinds}, "results": results}


def article(conn: sqlite3.Connection, article_id: str) -> Optional[dict]:
    """One article with its (kept) events, quotes and time expressions; None when unknown."""
    rows = fetch_rows(conn, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    record = decode("articles", rows[0])
    for column in ("analysed_with", "dated_with", "content_hash"):
        record.pop(column, None)
    record["events"] = [event_record(r) for r in fetch_rows(
        conn, f"SELECT * FROM events WHERE article_id = ? AND {kept_sql()} ORDER BY start, id", [article_id])]
    record["quotes"] = [decode("quotes", r) for r in fetch_rows(
        conn, "SELECT * FROM quotes WHERE article_id = ? ORDER BY start, id", [article_id])]
    record["timexes"] = fetch_rows(conn, "SELECT * FROM timexes WHERE article_id = ? ORDER BY start, id", [article_id])
    for t in record["timexes"]:
        t["inferred"] = bool(t["inferred"]) if t.get("inferred") is not None else None
    return record


def timeline(conn: sqlite3.Connection, *, limit=MAX_LIMIT, offset=0) -> dict:
    """``{"total": N, "timeline": [...]}``: the run's timeline entries in order, each with the first
    kept event of each of its articles (its evidence)."""
    limit, offset = int_param("limit", limit, MAX_LIMIT, low=1, high=MAX_LIMIT), int_param("offset", offset, 0)
    total = conn.execute("SELECT count(*) FROM timeline").fetchone()[0]
    rows = [decode("timeline", r) for r in fetch_rows(
        conn, "SELECT * FROM timeline ORDER BY position LIMIT ? OFFSET ?", [limit, offset])]
    for r in rows:
        r["background"] = bool(r["background"]) if r.get("background") is not None else None
        ids = list(r.get("event_ids") or [])
        evidence = {}
        if ids:
            found = fetch_rows(conn, f"SELECT id, article_id, sentence FROM events WHERE id IN "
                                f"({', '.join('?' for _ in ids)}) ORDER BY start", ids)
            for e in found:
                evidence.setdefault(e["article_id"], {"event_id": e["id"], "article_id": e["article_id"],
                                                      "sentence": e["sentence"]})
        for aid in r.get("article_ids") or []:
            evidence.setdefault(aid, {"event_id": None, "article_id": aid, "sentence": None})
        r["evidence"] = list(evidence.values())
    return {"total": total, "timeline": rows}


def actors(conn: sqlite3.Connection, *, limit=DEFAULT_LIMIT, offset=0, code: Optional[str] = None) -> dict:
    """``{"total": N, "actors": [{code, name, as_source, as_target, events}]}``, most events first."""
    limit, offset = int_param("limit", limit, DEFAULT_LIMIT, low=1, high=MAX_LIMIT), int_param("offset", offset, 0)
    code = code_param("code", code)
    where, params = (" WHERE code = ?", [code]) if code else ("", [])
    if summary(conn, "kept_events") is not None:           # the corpus stage's summary, still current
        total = conn.execute(f"SELECT count(*) FROM actor_summary{where}", params).fetchone()[0]
        rows = fetch_rows(conn, f"SELECT code, name, as_source, as_target, events FROM actor_summary{where} "
                          "ORDER BY events DESC, code LIMIT ? OFFSET ?", [*params, limit, offset])
        return {"total": total, "actors": rows}
    kept = f"event_id IN (SELECT id FROM events WHERE {kept_sql()})"
    where = kept + (" AND code = ?" if code else "")
    total = conn.execute(f"SELECT count(DISTINCT code) FROM event_actors WHERE {where}", params).fetchone()[0]
    rows = fetch_rows(conn, "SELECT code, (SELECT name FROM event_actors n WHERE n.code = x.code GROUP BY name "
                       "ORDER BY count(*) DESC, name LIMIT 1) AS name, "
                       "count(DISTINCT CASE WHEN side = 'source' THEN event_id END) AS as_source, "
                       "count(DISTINCT CASE WHEN side = 'target' THEN event_id END) AS as_target, "
                       f"count(DISTINCT event_id) AS events FROM event_actors x WHERE {where} GROUP BY code "
                       "ORDER BY events DESC, code LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "actors": rows}


def outlets(conn: sqlite3.Connection) -> list[dict]:
    """Outlets with their articles and kept events (for the filters and the comparison)."""
    return fetch_rows(conn, "SELECT a.source AS outlet, count(DISTINCT a.id) AS articles, count(e.id) AS events "
                       f"FROM articles a LEFT JOIN events e ON e.article_id = a.id AND {kept_sql().replace('confidence', 'e.confidence')} "
                       "WHERE a.duplicate_of IS NULL GROUP BY a.source ORDER BY articles DESC, outlet")
