"""A run's records as flat tables: one row per event, article, quote and timeline entry.

The rows every export format writes (``storyline export``) and the DataFrames of
:func:`storyline.open_results` are made here, once, so a Parquet file, a CSV file and a DataFrame of
the same run hold the same columns and values.

- **events**: one row per event mention, its actors flattened: ``source_code``, ``source_sector``,
  ``source_name`` and ``source_text`` are those of the *first* source actor (the subject as written
  first), ``source_codes`` and ``source_names`` every source actor's, ``;``-joined in order (an
  actor without a code leaves its place empty: ``RUS;``), ``source_count`` how many; the same for
  ``target_*``.  ``kept`` says whether the event is one of the run's (confidence at or above the
  run's ``event_threshold``); ``gdelt_id`` is the event's GLOBALEVENTID (:func:`gdelt_id`), so the
  GDELT export joins back.  ``outlet``, ``published`` and ``url`` are its article's.
- **articles**, **quotes**, **timeline**: the records' fields; ``outlet`` is
  :attr:`storyline.model.Article.outlet`.

Lists of ids, codes, types and outlets are ``;``-joined text; lists of free text (an event's
confidence ``evidence``, an article's ``removed`` lines) and a quote's ``pieces`` are JSON text.
"""
from __future__ import annotations

import json
from typing import Iterable, Mapping, Optional, Sequence

from ..model import Article, Event, Quote, TimelineEntry

__all__ = ["TABLES", "COLUMNS", "gdelt_id", "event_rows", "article_rows", "quote_rows", "timeline_rows",
           "arrow_table", "is_kept"]

_SIDE = ("code", "sector", "name", "text")

#: Each table's columns in order, with their kind (str, int, float, bool).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (
        ("id", "str"), ("gdelt_id", "int"), ("article_id", "str"), ("outlet", "str"), ("published", "str"),
        ("url", "str"), ("date", "str"), ("date_text", "str"), ("date_how", "str"), ("background", "bool"),
        ("event_type", "str"), ("mode", "str"), ("cameo", "str"), ("cameo_base", "str"), ("cameo_root", "str"),
        ("quad_class", "int"), ("goldstein", "float"),
        *((f"source_{f}", "str") for f in _SIDE), ("source_codes", "str"), ("source_names", "str"),
        ("source_count", "int"),
        *((f"target_{f}", "str") for f in _SIDE), ("target_codes", "str"), ("target_names", "str"),
        ("target_count", "int"),
        ("negated", "bool"), ("intent", "bool"), ("modality", "str"), ("confidence", "float"), ("kept", "bool"),
        ("location", "str"), ("trigger", "str"), ("trigger_start", "int"), ("trigger_end", "int"),
        ("sentence", "str"), ("start", "int"), ("end", "int"), ("story_event", "str"), ("rule", "str"),
        ("evidence", "str"),
    ),
    "articles": (
        ("id", "str"), ("outlet", "str"), ("source_how", "str"), ("title", "str"), ("published", "str"),
        ("published_how", "str"), ("published_evidence", "str"), ("url", "str"), ("author", "str"),
        ("path", "str"), ("format", "str"), ("duplicate_of", "str"), ("not_news", "str"),
        ("analysis_error", "str"), ("content_hash", "str"), ("events", "int"), ("quotes", "int"),
        ("text", "str"), ("removed", "str"),
    ),
    "quotes": (
        ("id", "str"), ("article_id", "str"), ("outlet", "str"), ("published", "str"), ("kind", "str"),
        ("speaker", "str"), ("speaker_code", "str"), ("speaker_sector", "str"), ("cue", "str"), ("text", "str"),
        ("start", "int"), ("end", "int"), ("speaker_start", "int"), ("speaker_end", "int"), ("cue_start", "int"),
        ("cue_end", "int"), ("pieces", "str"),
    ),
    "timeline": (
        ("position", "int"), ("date", "str"), ("background", "bool"), ("summary", "str"), ("story_event", "str"),
        ("event_types", "str"), ("actors", "str"), ("sources", "str"), ("event_ids", "str"),
        ("article_ids", "str"),
    ),
}
TABLES = tuple(COLUMNS)


def gdelt_id(event_id: str) -> int:
    """An event's GLOBALEVENTID: its id (16 hex digits of a SHA-1) read as a number, cut to its first
    15 digits (60 bits), so it is a positive signed 64-bit integer, the same on every export of the
    same event.  An id that is not hexadecimal is hashed first."""
    try:
        return int(event_id[:15], 16)
    except ValueError:
        from ..model import make_id

        return int(make_id(event_id)[:15], 16)


def is_kept(event: Event, threshold: Optional[float]) -> bool:
    """Whether an event is one of the run's (the store's ``KEPT_SQL``, in Python)."""
    return threshold is None or event.confidence is None or event.confidence >= threshold


def _joined(values: Iterable[Optional[str]]) -> str:
    return ";".join("" if v is None else str(v) for v in values)


def _json(value) -> Optional[str]:
    return json.dumps(list(value), ensure_ascii=False) if value else None


def _side(prefix: str, actors: Sequence) -> dict:
    first = actors[0] if actors else None
    row = {f"{prefix}_{f}": (getattr(first, f) if first is not None else None) for f in _SIDE}
    row[f"{prefix}_codes"] = _joined(a.code for a in actors) if actors else None
    row[f"{prefix}_names"] = _joined(a.name or a.text for a in actors) if actors else None
    row[f"{prefix}_count"] = len(actors)
    return row


def event_rows(events: Iterable[Event], articles: Mapping[str, Article], threshold: Optional[float]) -> list[dict]:
    """The events table: one row per event, in the store's order."""
    rows = []
    for e in events:
        article = articles.get(e.article_id)
        cameo = e.cameo or None
        rows.append({
            "id": e.id, "gdelt_id": gdelt_id(e.id), "article_id": e.article_id,
            "outlet": article.outlet if article else None, "published": article.published if article else None,
            "url": article.url if article else None, "date": e.date, "date_text": e.date_text,
            "date_how": e.date_how, "background": e.background, "event_type": e.event_type, "mode": e.mode,
            "cameo": cameo, "cameo_base": cameo[:3] if cameo else None, "cameo_root": cameo[:2] if cameo else None,
            "quad_class": e.quad_class, "goldstein": e.goldstein,
            **_side("source", e.source), **_side("target", e.target),
            "negated": e.negated, "intent": e.intent, "modality": e.modality, "confidence": e.confidence,
            "kept": is_kept(e, threshold), "location": e.location, "trigger": e.trigger,
            "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "sentence": e.sentence,
            "start": e.start, "end": e.end, "story_event": e.story_event, "rule": e.rule,
            "evidence": _json(e.evidence),
        })
    return rows


def article_rows(articles: Iterable[Article], events: Iterable[Event], quotes: Iterable[Quote]) -> list[dict]:
    """The articles table, with how many of the exported events and of the quotes each gave."""
    n_events: dict[str, int] = {}
    n_quotes: dict[str, int] = {}
    for e in events:
        n_events[e.article_id] = n_events.get(e.article_id, 0) + 1
    for q in quotes:
        n_quotes[q.article_id] = n_quotes.get(q.article_id, 0) + 1
    return [{
        "id": a.id, "outlet": a.outlet, "source_how": a.source_how, "title": a.title, "published": a.published,
        "published_how": a.published_how, "published_evidence": a.published_evidence, "url": a.url,
        "author": a.author, "path": a.path, "format": a.format, "duplicate_of": a.duplicate_of,
        "not_news": a.not_news, "analysis_error": a.analysis_error, "content_hash": a.content_hash,
        "events": n_events.get(a.id, 0), "quotes": n_quotes.get(a.id, 0), "text": a.text,
        "removed": _json(a.removed),
    } for a in articles]


def quote_rows(quotes: Iterable[Quote], articles: Mapping[str, Article]) -> list[dict]:
    """The quotes table."""
    rows = []
    for q in quotes:
        article = articles.get(q.article_id)
        row = {name: getattr(q, name, None) for name, _ in COLUMNS["quotes"] if hasattr(q, name)}
        row.update(outlet=article.outlet if article else None, published=article.published if article else None,
                   pieces=json.dumps([list(p) for p in q.content_spans()]))
        rows.append(row)
    return rows


def timeline_rows(timeline: Iterable[TimelineEntry]) -> list[dict]:
    """The timeline table, in the timeline's order (``position``)."""
    return [{
        "position": i, "date": t.date, "background": t.background, "summary": t.summary,
        "story_event": t.story_event, "event_types": _joined(t.event_types), "actors": _joined(t.actors),
        "sources": _joined(t.sources), "event_ids": _joined(t.event_ids), "article_ids": _joined(t.article_ids),
    } for i, t in enumerate(timeline)]


def arrow_table(table: str, rows: Sequence[dict]):
    """``rows`` of ``table`` as a pyarrow Table with the table's column types (also when it has no rows)."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(name, kinds[kind]) for name, kind in COLUMNS[table]])
    return pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows], schema=schema)
