"""storyline.dates: TIMEX3 values as day intervals, DCT parsing, the one background rule."""
from __future__ import annotations

import datetime as dt

import pytest

from storyline.dates import BACKGROUND_DAYS, date_interval, is_background_date, parse_dct
from storyline.corpus.timeline import background_mentions
from storyline.model import Article, Event, TimeRef


def _day(s: str) -> int:
    return dt.date.fromisoformat(s).toordinal()


@pytest.mark.parametrize("value, expected", [
    ("2024-05", (_day("2024-05-01"), _day("2024-05-31"), 2)),
    ("2024-W20", (_day("2024-05-13"), _day("2024-05-19"), 2)),
    ("2024-Q2", (_day("2024-04-01"), _day("2024-06-30"), 1)),
    ("2021-12-15/2021-12-17", (_day("2021-12-15"), _day("2021-12-17"), 2)),
    ("2021-12-16T17:21", (_day("2021-12-16"), _day("2021-12-16"), 3)),
    ("PRESENT_REF", None), ("P1W", None), ("2021-02-30", None), (None, None),
])
def test_date_interval(value, expected):
    assert date_interval(value) == expected


def test_background_rule_threshold():
    assert BACKGROUND_DAYS == 7
    # the Biden-Putin virtual summit (2021-12-07) told in an article of 2021-12-16: nine days before
    assert is_background_date("2021-12-07", "2021-12-16")
    assert not is_background_date("2021-12-09", "2021-12-16")        # exactly seven days: news
    assert is_background_date("2021-12-08", "2021-12-16")
    # a range counts by its last day: Blinken in China 24-26 April, article of 17 May
    assert is_background_date("2024-04-24/2024-04-26", "2024-05-17T09:00")
    assert not is_background_date("2024-W20", "2024-05-17")           # the article's own week
    assert not is_background_date("2021-12", "2021-12-16")           # the article's own month
    assert is_background_date("2020", "2021-12-16", days=0)
    assert not is_background_date("PAST_REF", "2021-12-16")
    assert not is_background_date("2020", None)
    assert parse_dct("2021-12-16T10:00") == dt.date(2021, 12, 16)


def test_background_mentions_from_stored_timexes():
    # demo articles 002 and 003: a scheduled event named by an anchored expression, and a date range
    text = ("The summit comes a week after the Biden-Putin virtual summit, wherein the Russian leader pressed "
            "for dialogue.\nBlinken was in China for 24th April to 26th April.\nPutin met Xi on Thursday.")
    article = Article(id="a", path="x/a.txt", text=text, source="AP", published="2024-05-17")
    anchored = "a week after the Biden-Putin virtual summit"
    timexes = [TimeRef(text.index(anchored), text.index(anchored) + len(anchored), anchored, "DATE", "2021-W50",
                       anchor="table", inferred=True, article_id="a"),
               TimeRef(text.index("24th"), text.index("24th") + 24, "24th April to 26th April", "DATE",
                       "2024-04-24/2024-04-26", anchor="dct", article_id="a"),
               TimeRef(text.index("Thursday"), text.index("Thursday") + 8, "Thursday", "DATE", "2024-05-16",
                       anchor="dct", article_id="a")]
    found = {e.date: e for e in background_mentions([article], [], timexes)}
    assert set(found) == {"2021-12-07", "2024-04-24/2024-04-26"}
    assert found["2024-04-24/2024-04-26"].summary == "Blinken was in China for 24th April to 26th April."
    # an event mention that carries the date already keeps the sentence out
    covering = Event(id="e", article_id="a", event_type="CONSULT", date="2021-12-07", start=0,
                     end=text.index("\n"))
    assert set(e.date for e in background_mentions([article], [covering], timexes)) == {"2024-04-24/2024-04-26"}
