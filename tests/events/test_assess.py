"""Modality and confidence of coded events (storyline.events.assess, storyline.events.confidence)."""
from __future__ import annotations

import json
import math

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
    ("He hopes NATO will bomb the airport.", "bomb", "wished"),
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
    assert told["confidence"] >= confidence.default_threshold()
    assert told["confidence"] > supposed["confidence"]
    assert any(e.startswith("predicted \u2212") for e in supposed["evidence"])
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


def test_joint_actors_need_no_target(nlp):
    met = {"event_type": "CONSULT", "quad_class": 1, "target": [],
           "source": [{"text": "Putin", "code": "RUS"}, {"text": "Xi", "code": "CHN"}]}
    score, evidence = confidence.score(met, rule="lexicon_code", modality="asserted")
    assert not any("no target" in e for e in evidence)
    assert "joint actors" in " ".join(evidence) and 0 < score < 1
    # told in a news article (its setting features counted), the joint meeting is one of the run's events
    event = _only(nlp, "Putin and Xi met in Beijing on Monday to discuss trade.", "met")
    assert event["confidence"] >= confidence.default_threshold()


def test_what_is_not_told_as_fact_scores_below_its_asserted_twin():
    event = {"event_type": "ASSAULT", "quad_class": 4,
             "source": [{"text": "Russia", "code": "RUS"}], "target": [{"text": "Ukraine", "code": "UKR"}]}
    asserted, _ = confidence.score(event, rule="lexicon_code", modality="asserted")
    not_facts = confidence.weights()["pools"]["not told as fact"]
    assert set(not_facts) <= set(assess.MODALITIES)
    for modality in not_facts:
        told, evidence = confidence.score(event, rule="lexicon_code", modality=modality)
        assert told < asserted, modality
        assert any(e.startswith("not told as fact \u2212") for e in evidence)


def test_the_evidence_names_every_feature_with_its_weight():
    event = {"event_type": "REQUEST", "quad_class": 1, "target": [],
             "source": [{"text": "the rebels", "code": None, "sector": "REB"}]}
    kwargs = dict(rule="block_default_loose+request", modality="wished", in_quote=True, weakened_by=["no agent"])
    score, evidence = confidence.score(event, **kwargs)
    names = confidence.features(event, **kwargs)
    assert confidence.evidence_features(evidence) == names
    assert names[0] == "rule block_default_loose" and "wrapped request" in names
    assert {"no target for a directed type", "no agent", "a party missing", "not told as fact"} <= set(names)
    learned = confidence.weights()["weights"]
    z = confidence.weights()["bias"] + sum(learned.get(n, 0.0) for n in names)
    assert score == round(1 / (1 + math.exp(-z)), 3)


def test_the_model_file():
    model = json.loads((DATA / "confidence.json").read_text(encoding="utf-8"))
    assert isinstance(model["bias"], float) and model["weights"]
    assert all(isinstance(w, float) for w in model["weights"].values())
    assert 0 < confidence.default_threshold() < 1
