"""The corpus stages over the store (#18): the records of the stages run on lists loaded whole,
while holding a batch of events at a time, never all of them."""
from __future__ import annotations

import weakref

import pytest

import storyline.corpus.linkstore as linkstore
import storyline.incremental
from storyline import pipeline
from storyline.cli.progress import NullProgress
from storyline.corpus.framing import analyse_framing
from storyline.corpus.relations import compute_relations
from storyline.corpus.timeline import build_timeline, select_entries
from storyline.model import Event
from storyline.store import Store

from builders import listed_corpus


def test_stored_stages_make_the_records_of_the_listed_stages(varied):
    pipeline.corpus_stages(varied, progress=NullProgress())
    articles, linked, story_events = listed_corpus(varied)
    timeline = select_entries(build_timeline(story_events, linked, articles, varied.timexes()), articles)
    assert [t.to_dict() for t in timeline] == [t.to_dict() for t in varied.timeline()]
    assert compute_relations(linked) == varied.relations() and varied.relations()
    assert analyse_framing(articles, quotes=[], events=linked, story_events=story_events) == varied.framing()


def test_a_failed_linking_leaves_no_story_event_and_the_other_stages_go_on(varied, monkeypatch):
    pipeline.corpus_stages(varied, progress=NullProgress())
    real = linkstore._write_batch
    batches = []

    def failing(*args):
        batches.append(1)
        if len(batches) == 2:                            # after a batch was written
            raise RuntimeError("disk on fire")
        return real(*args)

    monkeypatch.setattr(linkstore, "_write_batch", failing)
    skipped = pipeline.corpus_stages(varied, progress=NullProgress())
    assert skipped == ["linking: RuntimeError: disk on fire", "timeline: needs the story linking"]
    assert varied.db.execute("select count(*) from events where story_event is not null").fetchone()[0] == 0
    assert varied.story_events() == [] and varied.timeline() == [] and varied.relations()


def test_the_corpus_stages_hold_a_batch_of_events_not_all_of_them(varied, monkeypatch):
    monkeypatch.setattr(storyline.incremental, "_SHARE_BATCH", 4)
    monkeypatch.setattr(Store, "events", lambda *a, **k: pytest.fail("corpus stages loaded every event"))
    monkeypatch.setattr(Store, "iter_events", lambda *a, **k: pytest.fail("corpus stages read the events API"))
    alive, peak, made = weakref.WeakSet(), [0], [0]
    real = Event.from_dict.__func__

    def counted(cls, data):
        got = real(cls, data)
        if cls is Event:
            alive.add(got)
            made[0] += 1
            peak[0] = max(peak[0], len(alive))
        return got

    monkeypatch.setattr(Event, "from_dict", classmethod(counted))
    assert pipeline.corpus_stages(varied, progress=NullProgress()) == []
    kept = varied.db.execute("select count(*) from events where story_event is not null").fetchone()[0]
    biggest = max(len(s.event_ids) for s in varied.story_events())
    # a batch of clusters (LINK_BATCH mentions and the rest of its last cluster), or one batch of
    # articles' events (4 articles of 8): never the corpus's
    assert made[0] > kept > 3 * (2 * 25 + biggest)
    assert 0 < peak[0] <= 2 * 25 + biggest, (peak[0], kept)
