from __future__ import annotations

import json

import pytest

from storyline.model import ActorRef, Article, Event, Quote, StoryEvent, TimelineEntry, TimeRef, content_hash, make_id


def test_make_id_is_stable_and_content_sensitive():
    assert make_id("a", 1) == make_id("a", 1)
    assert make_id("a", 1) != make_id("a", 2)
    assert len(make_id("x")) == 16


def test_content_hash_ignores_whitespace_layout():
    assert content_hash("Putin met  Xi.\n\nThey talked.") == content_hash("Putin met Xi. They talked.")
    assert content_hash("Putin met Xi.") != content_hash("Xi met Putin.")


@pytest.mark.parametrize("record", [
    Article(id="a1", path="x.txt", text="Body", removed=("Share", "Advertisement"), published="2021-12-15",
            published_how="header"),
    Event(id="e1", article_id="a1", event_type="CONSULT", cameo="040", goldstein=1.0, quad_class=1,
          source=(ActorRef("Putin", "RUS", "GOV", "Vladimir Putin", 0, 5),),
          target=(ActorRef("Xi", "CHN", "GOV"),), date="2021-12-15", sentence="Putin met Xi.", start=0, end=13),
    Quote(id="q1", article_id="a1", text="We agree", start=3, end=11, speaker="Putin", speaker_code="RUS"),
    TimeRef(start=0, end=8, text="Thursday", type="DATE", value="2024-05-16", anchor="dct"),
    StoryEvent(id="s1", date="2021-12-15", event_ids=("e1", "e2"), sources=("a.com", "b.com"), corroboration=2),
    TimelineEntry(date="2021-12-15", summary="Putin and Xi held a video call.", event_ids=("e1",), background=False),
])
def test_round_trip_through_json(record):
    data = json.loads(json.dumps(record.to_dict()))
    assert type(record).from_dict(data) == record


def test_nested_actor_refs_are_rebuilt():
    event = Event(id="e", article_id="a", event_type="ACCUSE", source=(ActorRef("Russia", "RUS"),))
    rebuilt = Event.from_dict(event.to_dict())
    assert isinstance(rebuilt.source[0], ActorRef)
    assert rebuilt.source[0].code == "RUS"


def test_records_are_frozen():
    article = Article(id="a", path="p", text="t")
    with pytest.raises(Exception):
        article.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("article,outlet,key", [
    # a plain folder name is the outlet's display name, but each article stands alone when counting
    (Article(id="x", path="/a/putin-xi/003_abc.txt", text="t", source="putin-xi", source_how="folder"),
     "putin-xi", "putin-xi#x"),
    (Article(id="x", path="/a/b/f.jsonl:3", text="t"), "unknown", "unknown#x"),
    (Article(id="x", path="/a/LibyaWar_reuters/f.jsonl:3", text="t", source="Reuters", source_how="folder-outlet"),
     "Reuters", "reuters"),
    (Article(id="x", path="/a/b/f.html", text="t", source="Reuters", source_how="field"), "Reuters", "reuters"),
])
def test_outlet_is_the_source_and_only_a_real_outlet_is_shared(article, outlet, key):
    assert article.outlet == outlet and article.outlet_key == key


def test_the_public_api_offers_the_store_and_the_record_types():
    import storyline
    from storyline.model import Event
    from storyline.store import Store

    assert storyline.Event is Event and storyline.Store is Store
    assert set(storyline.__all__) >= {"run", "Store", "Article", "Event", "Quote", "Relation", "Stance", "Settings"}
    with pytest.raises(AttributeError):
        storyline.no_such_thing  # noqa: B018
