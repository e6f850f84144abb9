"""Story linking over the store (#18): the same story events as linking the list of events loaded
whole, with the mentions read a date window at a time and the story events written a batch of
clusters at a time."""
from __future__ import annotations

import storyline.corpus.linkstore as linkstore
from storyline import pipeline
from storyline.corpus.linking import story_order
from storyline.settings import default_event_threshold

from builders import listed_corpus


def test_stored_linking_makes_the_story_events_of_the_listed_linking(varied):
    articles, linked, story_events = listed_corpus(varied)
    kept, params = varied._kept_where(default_event_threshold(), False)
    where = f"{kept} and article_id in (select id from articles where {pipeline.NEWS_SQL})"
    with varied.db.atomic():
        varied.start_corpus(default_event_threshold())
        written, (negated, weak) = linkstore.link_stored(varied, where, params, articles)
    assert written == len(story_events) and max(len(s.event_ids) for s in story_events) >= 5
    month = {e.id: (e.date or "")[:7] for e in linked}
    assert any(len({month[i] for i in s.event_ids}) > 1 for s in story_events)  # across a month's end
    assert [s.to_dict() for s in sorted(varied.story_events(), key=story_order)] == \
        [s.to_dict() for s in story_events]
    stored = dict(varied.db.execute("select id, story_event from events").fetchall())
    assert {e.id: e.story_event for e in linked} == {i: s for i, s in stored.items() if s is not None}
    assert sum(s is None for s in stored.values()) > 0                         # held, not news: linked to none
    from storyline.corpus.timeline import mention_flags

    published = {a.id: (a.published or "")[:10] for a in articles}
    listed_negated, listed_weak = mention_flags(linked, published)     # the flags, packed: read as the dicts
    assert {sid: negated.get(sid) for sid in listed_negated} == listed_negated and any(listed_negated.values())
    assert {key: weak.get(key) for key in listed_weak} == listed_weak and len(listed_negated) == written
    assert any(weak.get(("position", sid)) > 0 for sid in listed_negated)
    assert negated.get("no such story event", "absent") == "absent" == weak.get(("intent", "no such"), "absent")
