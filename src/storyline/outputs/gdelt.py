"""The events as a GDELT 2.0 event table: GDELT's 61 columns in GDELT's order, tab-separated.

One row per event of the export (an event *mention*: Storyline does not merge mentions into one
row as GDELT does; ``NumMentions``/``NumSources``/``NumArticles`` give the size of the story event
the mention belongs to).  What Storyline fills:

- ``GLOBALEVENTID``: :func:`storyline.outputs.tables.gdelt_id` of the event id (stable; the events
  table's ``gdelt_id`` column joins the two);
- ``SQLDATE`` (YYYYMMDD), ``MonthYear`` (YYYYMM), ``Year``, ``FractionDate`` (YYYY.FFFF, the
  share of the year gone as GDELT reckons it: ``((MONTH-1)*30 + DAY)/365``): from the event's TIMEX3 date (its first day for a range),
  else the article's publication date; a month-only date fills ``MonthYear`` and ``Year`` only, a
  year only ``Year``;
- ``Actor1…`` = the first source actor, ``Actor2…`` = the first target actor: ``Code`` the CAMEO
  actor code (country or IGO code, the IGO's CAMEO/Phoenix code where one is known, followed by
  the sector: ``RUSGOV``), ``Name`` the canonical name (else the words) in capitals, as GDELT
  writes names, ``CountryCode`` a country code, ``KnownGroupCode`` an IGO's code, ``Type1Code``
  the sector;
- ``IsRootEvent``: 1 when the event's sentence is in the article's lead paragraph (GDELT's
  definition; the title line is not the lead), else 0;
- ``EventCode``/``EventBaseCode``/``EventRootCode``: the CAMEO code and its 3- and 2-digit prefixes;
  ``QuadClass``, ``GoldsteinScale``;
- ``NumMentions``/``NumArticles``/``NumSources``: the story event's mentions, articles and
  independent outlets (its corroboration), or 1 each for an event in no story event;
- ``ActionGeo_FullName``: the event's location, when the coder found one;
- ``DATEADDED``: when the last run finished (UTC, YYYYMMDDHHMMSS); ``SOURCEURL``: the article's URL,
  else the input it was read from.

The rest (ethnic and religion codes, tone, the geo types, ADM codes, coordinates) stay empty.
Negation, intent and confidence have no GDELT column: they are in the events table.
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import Iterable, Mapping, Optional

from ..dates import date_interval
from ..model import ActorRef, Article, Event, StoryEvent
from .tables import gdelt_id

__all__ = ["GDELT_COLUMNS", "gdelt_rows"]

_DATA = Path(__file__).resolve().parents[1] / "data"
_YMD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _columns() -> tuple[str, ...]:
    lines = (_DATA / "export" / "gdelt_event_columns.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


#: GDELT 2.0's event-table columns, in order.
GDELT_COLUMNS = _columns()


@functools.lru_cache(maxsize=1)
def _igos() -> dict[str, str]:
    """IGO code -> its CAMEO/Phoenix actor code (the first listed), from the packaged igos table."""
    with open(_DATA / "actors" / "igos.tsv", encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        return {r["code"]: (r.get("phoenix") or "").split("|")[0] for r in rows if r.get("code")}


def _date_fields(value: Optional[str]) -> dict:
    m = _YMD.match(value or "")
    if not m:
        return {}
    year, month, day = m.group(1), m.group(2), m.group(3)
    out: dict = {"Year": year}
    if month:
        out["MonthYear"] = year + month
    if month and day:
        out["SQLDATE"] = year + month + day
        out["FractionDate"] = f"{int(year) + min(((int(month) - 1) * 30 + int(day)) / 365, 0.9999):.4f}"
    return out


def _actor_fields(n: int, actor: Optional[ActorRef]) -> dict:
    if actor is None:
        return {}
    code, sector = actor.code or "", actor.sector or ""
    igo = code in _igos()
    country = code if (code and not igo and len(code) == 3 and code.isalpha()) else ""
    cameo = (_igos().get(code) or code) if igo else code
    return {
        f"Actor{n}Code": (cameo + sector) or None, f"Actor{n}Name": (actor.name or actor.text or "").upper() or None,
        f"Actor{n}CountryCode": country or None, f"Actor{n}KnownGroupCode": code if igo else None,
        f"Actor{n}Type1Code": sector or None,
    }


def lead_span(article: Optional[Article]) -> tuple[int, int]:
    """The offsets of an article's lead paragraph: its first paragraph that is not the title."""
    if article is None or not article.text:
        return 0, 0
    text, pos = article.text, 0
    title = " ".join((article.title or "").split())
    while pos < len(text):
        end = text.find("\n\n", pos)
        end = len(text) if end < 0 else end
        block = " ".join(text[pos:end].split())
        if block and block != title:
            return pos, end
        pos = end + 2
    return 0, 0


def _story_counts(event: Event, story: Optional[StoryEvent]) -> dict:
    if story is None:
        return {"NumMentions": 1, "NumSources": 1, "NumArticles": 1}
    return {"NumMentions": max(len(story.event_ids), 1), "NumArticles": max(len(story.article_ids), 1),
            "NumSources": max(story.corroboration or len(set(story.sources)), 1)}


def gdelt_rows(events: Iterable[Event], articles: Mapping[str, Article], stories: Mapping[str, StoryEvent],
               date_added: Optional[str]) -> list[dict]:
    """One GDELT row (column -> value, the unfilled columns absent) per event."""
    leads: dict[str, tuple[int, int]] = {}
    rows = []
    for e in events:
        article = articles.get(e.article_id)
        if e.article_id not in leads:
            leads[e.article_id] = lead_span(article)
        lead = leads[e.article_id]
        cameo = e.cameo or ""
        row = {
            "GLOBALEVENTID": gdelt_id(e.id),
            **_date_fields(e.date if date_interval(e.date) else (article.published if article else None)),
            **_actor_fields(1, e.source[0] if e.source else None),
            **_actor_fields(2, e.target[0] if e.target else None),
            "IsRootEvent": int(lead[0] <= e.start < lead[1]),
            "EventCode": cameo or None, "EventBaseCode": cameo[:3] or None, "EventRootCode": cameo[:2] or None,
            "QuadClass": e.quad_class, "GoldsteinScale": e.goldstein,
            **_story_counts(e, stories.get(e.story_event) if e.story_event else None),
            "ActionGeo_FullName": e.location, "DATEADDED": date_added,
            "SOURCEURL": (article.url or article.path) if article else None,
        }
        rows.append(row)
    return rows


def gdelt_lines(rows: Iterable[dict]) -> Iterable[str]:
    """The header line and one tab-separated line per row (tabs and line breaks in values become spaces)."""
    def cell(value) -> str:
        return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines())

    yield "\t".join(GDELT_COLUMNS) + "\n"
    for row in rows:
        yield "\t".join(cell(row.get(c)) for c in GDELT_COLUMNS) + "\n"
