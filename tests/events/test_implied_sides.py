"""Sides no words of the sentence name are shown as implied (#15): the flag travels from the coder
through the record, the model, the store's JSON and the report, and the evidence names the rule."""
from __future__ import annotations

import json

from builders import codes, last_event
from storyline.events.implied import OWN_GOVERNMENT, PLACE_OF_ACT, implied_evidence, told_target
from storyline.model import ActorRef, Event
from storyline.outputs.report.sections import _actors


def _last(nlp, text: str, kind: str) -> dict:
    return last_event(nlp, text, "2011-06-14", kind)


def test_a_place_of_force_target_is_flagged_and_its_rule_is_in_the_evidence(nlp):
    ev = _last(nlp, "Italian jets hit a fuel depot near Tripoli on Monday.", "ASSAULT")
    (target,) = ev["target"]
    assert target["code"] == "LBY" and target["implied"] is True
    assert target["start"] is None and target["end"] is None
    assert any(line.startswith("target implied: " + PLACE_OF_ACT) for line in ev["evidence"])
    assert all(a["implied"] is False for a in ev["source"])   # the jets are named


def test_a_named_target_is_not_flagged(nlp):
    ev = _last(nlp, "Italian jets bombed Gaddafi's tanks outside Tripoli.", "ASSAULT")
    assert ev["target"] and not any(a["implied"] for a in ev["target"])
    assert not any(line.startswith("target implied") for line in ev["evidence"])


def test_the_authorities_of_an_agentless_arrest_are_an_implied_source(nlp):
    ev = _last(nlp, "A blogger was arrested in Damascus on Friday.", "COERCE")
    assert codes(ev["source"]) == {"SYR"}
    assert all(a["implied"] for a in ev["source"] if a["text"] == "the authorities")
    assert any(line.startswith("source implied: ") for line in ev["evidence"])


def test_implied_evidence_names_side_rule_and_code_once():
    lines = implied_evidence([{"code": "SYR", "implied": True}],
                             [{"code": "LBY", "implied": PLACE_OF_ACT}, {"code": "LBY", "implied": PLACE_OF_ACT},
                              {"code": "EGY", "start": 4}])
    assert lines == ("source implied: the authorities of an agentless state act (SYR)",
                     f"target implied: {PLACE_OF_ACT} (LBY)")
    assert implied_evidence([{"code": "EGY"}], []) == ()


def test_the_confidence_reads_own_government_as_told_but_not_the_place():
    place, own, named = {"code": "LBY", "implied": PLACE_OF_ACT}, {"code": "EGY", "implied": OWN_GOVERNMENT}, {"code": "FRA"}
    assert told_target([place, own, named]) == [own, named]


def test_the_flag_survives_the_model_and_json_and_defaults_to_false():
    data = {"id": "e1", "article_id": "a1", "event_type": "ASSAULT",
            "source": [{"text": "NATO", "code": "NATO"}],
            "target": [{"text": "Libya", "code": "LBY", "implied": True}]}
    e = Event.from_dict(json.loads(json.dumps(data)))
    assert e.target[0].implied is True and e.source[0].implied is False
    again = json.loads(json.dumps(e.to_dict()))
    assert again["target"][0]["implied"] is True and again["source"][0]["implied"] is False


def test_the_report_marks_an_implied_side():
    html = _actors([ActorRef("Libya", "LBY", implied=True), ActorRef("NATO aircraft", "NATO", "MIL")])
    first, second = html.split(", ")
    assert "implied" in first and "implied" not in second


# -- a defector leaves their own government; a country's rebels fight its own state --------------------

def test_a_defection_targets_the_defectors_government_not_where_they_go(nlp):
    ev = _last(nlp, "Two Egyptian navy officers defected to Cyprus on Sunday with their boat.", "REJECT")
    assert codes(ev["source"]) == {"EGY"}
    (target,) = ev["target"]
    assert target["code"] == "EGY" and target["sector"] == "GOV" and target["implied"] is True
    assert any(line.startswith("target implied: the government a defector leaves") for line in ev["evidence"])


def test_a_defection_from_a_named_body_keeps_that_body(nlp):
    ev = _last(nlp, "Four army officers defected from the Yemeni army on Monday, activists said.", "REJECT")
    assert codes(ev["target"]) == {"YEM"}
    assert not any(a["implied"] for a in ev["target"])


def test_unnamed_state_forces_fighting_rebels_are_the_rebels_country(nlp):
    text = ("France welcomed the vote in Paris. France will send doctors. "
            "Dozens of rebels launched an assault on government troops near Benghazi on Friday.")
    ev = _last(nlp, text, "ASSAULT")
    assert codes(ev["source"]) == {"LBY"}
    assert codes(ev["target"]) == {"LBY"}   # not the article's country, France


def test_opponents_country_leaves_named_and_mixed_sides_alone():
    from storyline.events.domestic_sides import opponents_country

    rebels = {"text": "rebels", "code": "LBY", "sector": "REB", "filled": True}
    troops = {"text": "troops", "code": "FRA", "sector": "MIL", "filled": True}
    named = {"text": "French troops", "code": "FRA", "sector": "MIL"}
    assert opponents_country("ASSAULT", [rebels], [troops])[1][0]["code"] == "LBY"
    assert opponents_country("ASSAULT", [rebels], [named])[1][0]["code"] == "FRA"    # its own nationality stays
    other = {"text": "Syrian rebels", "code": "SYR", "sector": "REB"}
    assert opponents_country("ASSAULT", [rebels, other], [troops])[1][0]["code"] == "FRA"   # two countries' rebels
    authorities = {"text": "the authorities", "code": "JOR", "sector": "GOV", "filled": True, "implied": True}
    dissident = {"text": "a Syrian dissident", "code": "SYR", "sector": "OPP"}
    assert opponents_country("ASSAULT", [authorities], [dissident])[0][0]["code"] == "JOR"   # "was deported from Jordan"
    assert opponents_country("ACCUSE", [troops], [rebels])[0][0]["code"] == "FRA"   # no fight, no change
    movement = {"text": "the militants", "code": "IMG", "sector": "INS"}
    assert opponents_country("ASSAULT", [movement], [troops])[1][0]["code"] == "FRA"   # no country's own state
