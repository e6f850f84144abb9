"""Modality and confidence of coded events (storyline.events.assess, storyline.events.confidence)."""
from __future__ import annotations

import json

import pytest

from storyline.events import assess, confidence
from storyline.events.lexicon import DATA
from builders import coded_events


def _events(nlp, text: str) -> list[dict]:
    return coded_events(nlp, text, "2011-03-20")


def _only(nlp, text: str, trigger: str) -> dict:
    found = [e for e in _events(nlp, text) if e["trigger"] == trigger]
    assert len(found) == 1, (text, [(e["event_type"], e["trigger"]) for e in _events(nlp, text)])
    return found[0]


@pytest.mark.parametrize("text, trigger, expected", [
    ("Russian troops shelled Kharkiv on Monday.", "shelled", "asserted"),
    ("Officials said Russian troops shelled Kharkiv on Monday.", "shelled", "reported"),
    ("Russian troops did not shell Kharkiv on Monday.", "shell", "negated"),
    ("Russian troops may shell Kharkiv.", "shell", "predicted"),
    ("Analysts suspect that Russian troops shelled Kharkiv.", "shelled", "predicted"),
    ("Russia would invade Ukraine if NATO expanded.", "invade", "hypothetical"),
    ("Will Germany send tanks to Ukraine?", "tanks", "hypothetical"),
    ("He wants America to do more to help Libya.", "help", "wished"),
    ("Syrian forces have always attacked protesters.", "attacked", "generic"),
])
def test_modality_of_the_governing_clauses(nlp, text, trigger, expected):
    event = _only(nlp, text, trigger)
    assert event["modality"] == expected
    assert event["modality"] in assess.MODALITIES


def test_every_event_carries_confidence_and_evidence(nlp):
    event = _only(nlp, "Obama urged Gaddafi to step down on Friday.", "urged")
    assert 0 < event["confidence"] <= 1
    assert event["rule"].endswith("+request")
    assert event["evidence"][0].startswith("rule ")
    text = "Obama urged Gaddafi to step down on Friday."
    assert text[event["trigger_start"]:event["trigger_end"]] == "urged"


def test_a_told_act_is_surer_than_a_supposed_one(nlp):
    told = _only(nlp, "Russian troops shelled Kharkiv on Monday.", "shelled")
    supposed = _only(nlp, "Russian troops may shell Kharkiv.", "shell")
    assert told["confidence"] >= confidence.default_threshold() > supposed["confidence"]
    assert any(e.startswith("predicted ×") for e in supposed["evidence"])
    assert any("'may'" in e for e in supposed["evidence"])


def test_missing_sides_lower_the_confidence():
    base = {"event_type": "ASSAULT", "quad_class": 4,
            "source": [{"text": "Russia", "code": "RUS"}], "target": [{"text": "Ukraine", "code": "UKR"}]}
    both, _ = confidence.score(base, rule="lexicon_code", modality="asserted")
    no_target, ev = confidence.score({**base, "target": []}, rule="lexicon_code", modality="asserted")
    no_source, _ = confidence.score({**base, "source": []}, rule="lexicon_code", modality="asserted")
    private, _ = confidence.score({**base, "source": [{"text": "BP", "code": "GBR", "sector": "BUS"}],
                                   "target": [{"text": "Exxon", "code": "USA", "sector": "BUS"}]},
                                  rule="lexicon_code", modality="asserted")
    assert both > no_target > no_source
    assert private < both
    assert "no target" in " ".join(ev)


def test_joint_actors_need_no_target():
    met = {"event_type": "CONSULT", "quad_class": 1, "target": [],
           "source": [{"text": "Putin", "code": "RUS"}, {"text": "Xi", "code": "CHN"}]}
    score, evidence = confidence.score(met, rule="lexicon_code", modality="asserted")
    assert not any("no target" in e for e in evidence)
    assert score >= confidence.default_threshold()


def test_the_weights_cover_every_modality_and_rule_name():
    from storyline.events.triggers import VERB_RULES

    weights = json.loads((DATA / "confidence.json").read_text(encoding="utf-8"))
    assert set(assess.MODALITIES) <= set(weights["modality"])
    assert {rule.__name__ for rule in VERB_RULES} <= set(weights["rule_prior"]) | {"never"}
    assert 0 < confidence.default_threshold() < 1
