"""The corpus-level records (storyline.model.Relation, Stance): dict round trips and the store rows."""
from __future__ import annotations

import json

from storyline.model import Relation, Stance, StanceEvidence, make_id
from storyline.store import Store


def _relation() -> Relation:
    return Relation(source="RUS", target="CHN", month="2021-12", quad_counts={1: 2, 2: 0, 3: 0, 4: 0},
                    goldstein_mean=2.0, n=2)


def _stance() -> Stance:
    return Stance(actor="RUS", issue="NATO enlargement", position="oppose",
                  evidence=StanceEvidence(article_id="a", start=0, end=47, text="“We oppose …”"), count=3)


def test_relation_dict_leads_with_its_id_and_round_trips_through_json():
    r = _relation()
    d = r.to_dict()
    assert list(d) == ["id", "source", "target", "month", "quad_counts", "goldstein_mean", "n"]
    assert d["id"] == make_id("RUS", "CHN", "2021-12")
    back = Relation.from_dict(json.loads(json.dumps(d)))      # quad_counts keys come back as strings
    assert back == r and back.quad_counts[1] == 2


def test_stance_dict_leads_with_its_id_and_round_trips():
    s = _stance()
    d = s.to_dict()
    assert list(d) == ["id", "actor", "issue", "position", "evidence", "count"]
    assert list(d["evidence"]) == ["article_id", "start", "end", "text"]
    assert d["id"] == make_id("RUS", "NATO enlargement", "oppose", json.dumps(d["evidence"], sort_keys=True))
    assert Stance.from_dict(json.loads(json.dumps(d))) == s


def test_store_keeps_relations_and_stances(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    try:
        store.save_corpus(events=[], story_events=[], timeline=[], relations=[_relation()], stances=[_stance()],
                          framing={})
        rows = list(store.db["relations"].rows)
        assert rows == [{**_relation().to_dict(), "quad_counts": '{"1": 2, "2": 0, "3": 0, "4": 0}'}]
        stance_row = next(iter(store.db["stances"].rows))
        assert json.loads(stance_row["evidence"]) == _stance().to_dict()["evidence"]
        assert stance_row["id"] == _stance().id
        assert store.relations() == [_relation()] and store.stances() == [_stance()]
    finally:
        store.close()
