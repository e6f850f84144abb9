"""The story timeline (storyline.corpus.timeline): entries from story events, background mentions."""
from __future__ import annotations

import importlib.util
import json

import pytest

from storyline.model import ActorRef, Article, Event, StoryEvent
from storyline.corpus.timeline import background_mentions, build_timeline

# --- build_timeline -----------------------------------------------------------------------------

RUS, CHN, NATO = ActorRef("Russia", "RUS"), ActorRef("China", "CHN"), ActorRef("NATO", "NATO")


def story(sid, date, *, actors=("RUS", "CHN"), types=("CONSULT",), corr=1, background=False,
          summary="Putin and Xi talked.", sources=("TASS",)):
    return StoryEvent(id=sid, date=date, event_ids=(f"e-{sid}",), article_ids=(f"a-{sid}",), sources=sources,
                      event_types=types, actors=actors, corroboration=corr, summary=summary,
                      background=background)


def test_build_timeline_orders_groups_and_keeps_undated_apart():
    stories = [
        story("u", None, summary="They have long been friends."),
        story("c2", "2022-02-04", summary="Xi and Putin met in Beijing.", sources=("Reuters",)),
        story("c1", "2021-12-15", corr=2, sources=("TASS", "Reuters"), summary="Putin and Xi held a video call."),
        story("c1b", "2021-12-15", types=("REQUEST",), summary="They demanded a halt to NATO expansion."),
        story("m", "2021-12", types=("AGREE",), summary="They agreed to cooperate."),
        story("bg", "2020", actors=("NATO", "CHN"), types=("ACCUSE",), background=True,
              summary="In 2020, NATO identified China as a threat."),
        story("neg", "2023-01-01", summary="Putin did not meet Xi."),
        story("usa", "2021-12-15", actors=("USA",), summary="Washington watched."),
    ]
    events = [Event(id="e-neg", article_id="a-neg", event_type="CONSULT", negated=True, story_event="neg")]
    tl = build_timeline(stories, events, [])
    dates = [e.date for e in tl]
    assert dates == ["2020", "2021-12-15", "2021-12-15", "2022-02-04", None]
    assert tl[0].background and not tl[1].background
    call = next(e for e in tl if e.story_event == "c1")
    assert call.summary == "Putin and Xi held a video call."
    assert set(call.event_ids) == {"e-c1", "e-c1b", "e-m"}      # same day + actors, month folded in
    assert call.sources == ("TASS", "Reuters")
    assert tl[-1].summary == "They have long been friends."
    assert all("did not" not in e.summary for e in tl)


def test_headline_is_the_earliest_told_among_equals():
    # (ids ordered so that the last tie-breaker, the id, would pick the later one)
    late = story("z-late", "2024-05-16", summary="Later in the piece, they talked again.")
    lede = story("a-lede", "2024-05-16", summary="Putin and Xi met in Beijing.")
    events = [Event(id="e-late", article_id="a-late", event_type="CONSULT", start=900, story_event="z-late"),
              Event(id="e-lede", article_id="a-lede", event_type="CONSULT", start=0, story_event="a-lede")]
    (entry,) = build_timeline([late, lede], events, [])
    assert entry.summary == "Putin and Xi met in Beijing."


def test_background_mentions_from_explicit_old_dates():
    text = ("Putin and Xi met in Beijing on Friday for talks.\n"
            "In 2020, NATO identified China as a threat to the alliance.\n"
            "The two leaders last met in person in June 2019 in Moscow, officials said.")
    a1 = Article(id="a1", path="x/a1.txt", text=text, source="AP", published="2022-02-04")
    a2 = Article(id="a2", path="x/a2.txt", text="Back in 2020, NATO identified China as a threat to the alliance.",
                 source="Reuters", published="2022-02-05")
    a3 = Article(id="a3", path="x/a3.txt", text=text, source="AP", published="2022-02-04", duplicate_of="a1")
    found = {e.date: e for e in background_mentions([a1, a2, a3], [])}
    assert set(found) == {"2020", "2019-06"}
    assert found["2020"].sources == ("AP", "Reuters") and found["2020"].background
    assert found["2020"].summary == "In 2020, NATO identified China as a threat to the alliance."
    # an event mention that already carries the date keeps the sentence out
    covering = Event(id="e1", article_id="a1", event_type="ACCUSE", date="2019-06",
                     start=text.index("The two"), end=len(text))
    assert {e.date for e in background_mentions([a1], [covering])} == {"2020"}


def test_build_timeline_empty():
    assert build_timeline([], [], []) == []


# --- putin-xi through the whole pipeline (needs the event coder) ---------------------------------

PUTIN_XI_CONTACTS = ["2021-12-15", "2022-02-04", "2024-02-08", "2024-05-16"]


@pytest.fixture(scope="module")
def putin_xi_timeline(tmp_path_factory, corpus_dir):
    if importlib.util.find_spec("storyline.events") is None:
        pytest.skip("needs storyline.events")
    from storyline.pipeline import run

    out = tmp_path_factory.mktemp("putin-xi")
    run([corpus_dir], out=out)
    return json.loads((out / "timeline.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("date", PUTIN_XI_CONTACTS)
def test_putin_xi_contacts_are_dated_entries(putin_xi_timeline, date):
    entries = [e for e in putin_xi_timeline if e["date"] == date and not e["background"]]
    assert entries, f"no entry on {date}"
    assert any({"RUS", "CHN"} <= set(e.get("actors") or ()) for e in entries)


def test_putin_xi_call_backed_by_two_articles(putin_xi_timeline):
    # the demo's files say nothing of their outlets: their outlet is the folder's name, one for all
    # (never a file name), and the call is backed by two of its articles
    call = [e for e in putin_xi_timeline if e["date"] == "2021-12-15" and not e["background"]]
    assert max(len(e["article_ids"]) for e in call) >= 2
    assert {s for e in putin_xi_timeline for s in e["sources"]} == {"putin-xi"}


def test_putin_xi_background_and_undated_last(putin_xi_timeline):
    assert any(e["background"] for e in putin_xi_timeline)
    dated = [e["date"] is not None for e in putin_xi_timeline]
    assert dated == sorted(dated, reverse=True)


def test_putin_xi_keeps_its_background_and_the_2020_entry(putin_xi_timeline):
    background = {e["date"] for e in putin_xi_timeline if e["background"]}
    assert {"2020", "2021-12-07", "2024-04-24/2024-04-26"} <= background
    assert all(e["date"] for e in putin_xi_timeline)
