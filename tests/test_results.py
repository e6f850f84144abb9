"""storyline.open_results: a finished run's typed records and DataFrames from Python."""
from __future__ import annotations

import importlib.util
import json
import sqlite3

import pytest

import storyline
from storyline.errors import BadArguments, MissingExtra, StoreRefused
from storyline.model import Article, Event, Quote, TimelineEntry


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_typed_records_of_the_run(demo_out):
    with storyline.open_results(demo_out) as results:
        events = results.events()
        assert [e.to_dict() for e in events] == _jsonl(demo_out / "events.jsonl")
        assert all(isinstance(e, Event) for e in events)
        assert all(isinstance(a, Article) for a in results.articles()) and len(results.articles()) == 5
        assert all(isinstance(q, Quote) for q in results.quotes())
        assert all(isinstance(t, TimelineEntry) for t in results.timeline())
        held = results.held_events()
        assert held and all(e.confidence < results.event_threshold for e in held)
        assert len(results.events(include_held=True)) == len(events) + len(held)
        assert results.article(events[0].article_id).id == events[0].article_id


def test_the_store_file_itself_opens_too(demo_out):
    with storyline.open_results(demo_out / "storyline.sqlite") as results:
        assert results.folder == demo_out and results.story_events()


def test_frames(demo_out):
    pd = pytest.importorskip("pandas")
    with storyline.open_results(demo_out) as results:
        events = results.events_frame()
        assert len(events) == len(_jsonl(demo_out / "events.jsonl"))
        assert {"source_code", "target_code", "confidence", "gdelt_id", "kept"} <= set(events.columns)
        assert len(results.events_frame(include_held=True)) == len(events) + len(results.held_events())
        assert len(results.articles_frame()) == 5 and results.articles_frame()["events"].sum() == len(events)
        assert len(results.quotes_frame()) == len(_jsonl(demo_out / "quotes.jsonl"))
        timeline = json.loads((demo_out / "timeline.json").read_text(encoding="utf-8"))
        assert list(results.timeline_frame()["summary"]) == [t["summary"] for t in timeline]
        assert isinstance(events, pd.DataFrame)


def test_frames_without_pandas_name_the_extra(demo_out, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pandas" else real(name, *a))
    with storyline.open_results(demo_out) as results:
        with pytest.raises(MissingExtra, match=r"storyline\[frames\]"):
            results.events_frame()
        assert results.events()          # the records need no pandas


def test_no_run_and_foreign_stores_are_refused(tmp_path):
    with pytest.raises(BadArguments, match="no Storyline results"):
        storyline.open_results(tmp_path)
    assert not (tmp_path / "storyline.sqlite").exists()
    with sqlite3.connect(tmp_path / "storyline.sqlite") as conn:
        conn.execute("create table cats (name text)")
    with pytest.raises(StoreRefused):
        storyline.open_results(tmp_path)
    (tmp_path / "storyline.sqlite").write_bytes(b"not a database at all" * 10)
    with pytest.raises(StoreRefused):
        storyline.open_results(tmp_path)
