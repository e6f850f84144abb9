"""Modality that reaches the trigger through the parse (schedules, forecasts, habits, time clauses,
open choices, plans) and trigger senses that carry no act (storyline.events.assess, .hedges,
.senses).  Sentences written for these tests."""
from __future__ import annotations

import pytest

from storyline.events.confidence import default_threshold
from builders import coded_events


def _by_trigger(nlp, text: str, trigger: str) -> list[dict]:
    return [e for e in coded_events(nlp, text, "2011-04-02") if e["trigger"] == trigger]


def _kept(nlp, text: str) -> list[dict]:
    return [e for e in coded_events(nlp, text, "2011-04-02") if e["confidence"] >= default_threshold()]


# -- class 1: modality missed ------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, expected", [
    # a schedule or expectation over the act
    ("The Italian premier is scheduled to meet the Egyptian president in Cairo on Sunday.", "scheduled", "predicted"),
    ("The Italian premier was due to meet the Egyptian president in Cairo on Sunday.", "was", "predicted"),
    ("Gaddafi's brigades are set to attack Misrata within days.", "set", "predicted"),
    # the writer's or a third party's forecast of what others will do
    ("Once the coalition pulls out, the militias will attack the capital.", "attack", "predicted"),
    ("The analyst said the generals will reject the truce.", "reject", "predicted"),
    # an open choice the complement leaves
    ("The cabinet met before deciding whether to send warships to the gulf.", "deciding", "hypothetical"),
    # a habit or a long span, not one act
    ("For decades, the exiles accused the junta of torture.", "accused", "generic"),
    ("The colonel vowed many times to crush the uprising.", "vowed", "generic"),
    # the content of a plan told as a noun
    ("Prosecutors said the ministry drew up plans to crush the marches by shooting demonstrators.",
     "shooting", "intended"),
    # denied through the subject
    ("Officials said no police officers were injured in the riot.", "injured", "negated"),
    # a complement under a forecast it does not escape
    ("Syria's new council will be permitted to import rifles for its police.", "import", "predicted"),
])
def test_modality_reaches_the_trigger(nlp, text, trigger, expected):
    found = _by_trigger(nlp, text, trigger)
    assert found, [(e["event_type"], e["trigger"]) for e in coded_events(nlp, text, "2011-04-02")]
    assert {e["modality"] for e in found} == {expected}
    assert all(e["confidence"] < default_threshold() for e in found)


@pytest.mark.parametrize("text, trigger", [
    # an actor announcing its own act keeps the intent
    ("France said it will send more jets to the region.", "send"),
    ("The rebel commander said his men would storm the town if talks failed.", "storm"),
])
def test_an_actors_own_announcement_stays_intended(nlp, text, trigger):
    found = _by_trigger(nlp, text, trigger)
    assert found and {e["modality"] for e in found} == {"intended"}


def test_a_past_act_with_a_span_of_given_length_stays_asserted(nlp):
    found = _by_trigger(nlp, "Government artillery shelled the town for three days last week.", "shelled")
    assert found and found[0]["modality"] == "asserted"


# -- class 2: trigger senses -------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger", [
    ("Syrian army units met stiff resistance on the edge of Homs.", "met"),
    ("The Libyan dictator met his end in a culvert outside Sirte.", "met"),
    ("The Egyptian town of Suez is surrounded by refineries and pipelines.", "surrounded"),
])
def test_a_sense_without_an_act_is_not_coded(nlp, text, trigger):
    assert not _by_trigger(nlp, text, trigger)


def test_having_no_support_is_no_act_of_support(nlp):
    found = [e for e in coded_events(nlp, "The Yemeni opposition has no popular support in Sanaa.", "2011-04-02")
             if e["event_type"] == "SUPPORT"]
    assert all(e["modality"] == "negated" and e["confidence"] < default_threshold() for e in found)


@pytest.mark.parametrize("text", [
    "The central bank warned that rising food prices could push inflation higher this year.",
    "The Egyptian health minister warned it would be too early to call the outbreak mild.",
])
def test_a_warning_of_a_hazard_is_no_threat(nlp, text):
    assert not [e for e in coded_events(nlp, text, "2011-04-02") if e["event_type"] == "THREATEN"]


def test_a_warning_of_what_the_speaker_will_do_stays_a_threat(nlp):
    found = _by_trigger(nlp, "Turkey warned it would close its border to Syrian trucks.", "warned")
    assert found and found[0]["event_type"] == "THREATEN"


def test_refusing_to_meet_a_demand_stays_a_rejection(nlp):
    found = _by_trigger(nlp, "Britain said it would not meet the hijackers' demands for a ransom.", "meet")
    assert found and found[0]["event_type"] == "REJECT"


def test_managing_hands_the_act_to_its_complement(nlp):
    events = coded_events(nlp, "The police managed to arrest dozens of protesters in the square.", "2011-04-02")
    assert [e["trigger"] for e in events] == ["arrest"]


@pytest.mark.parametrize("text, trigger", [
    ("The Turkish minister met his Egyptian counterpart in Ankara.", "met"),
    ("The envoy met the director of the central bank in Tripoli.", "met"),
    ("Benghazi was surrounded by government troops.", "surrounded"),
])
def test_a_meeting_with_someone_is_still_coded(nlp, text, trigger):
    assert _by_trigger(nlp, text, trigger)
