"""Recall of triggers on real news (#15, round 5): phrasal verbs the parser reads as verb + adverb,
resignations, quarantines, humanitarian goods sent or handed out, and the doer of a deed a verb
acts on ("criticised the tariffs imposed by Japan": directed at Japan)."""
from __future__ import annotations

import pytest
from builders import coded_events, codes as _codes


def _events(nlp, text: str, dct: str = "2011-02-14") -> list[dict]:
    return coded_events(nlp, text, dct)


def _of_type(events: list[dict], plover: str) -> list[dict]:
    return [e for e in events if e["event_type"] == plover]


@pytest.mark.parametrize("text", [
    "The Tunisian prime minister stepped down on Thursday after weeks of unrest.",
    "Yemen's interior minister resigned on Monday.",
])
def test_resignation_of_an_official_is_retreat(nlp, text):
    found = _of_type(_events(nlp, text), "RETREAT")
    assert found, _events(nlp, text)
    assert not found[0]["target"]


def test_a_demand_to_step_down_stays_a_demand(nlp):
    events = _events(nlp, "Opposition leaders urged the Yemeni president to step down.")
    assert not _of_type(events, "RETREAT"), events
    assert _of_type(events, "REQUEST") or _of_type(events, "PROTEST"), events


def test_quarantine_of_people_is_coercion(nlp):
    events = _events(nlp, "Health authorities in Singapore quarantined forty passengers of the flight.")
    assert _of_type(events, "COERCE"), events


@pytest.mark.parametrize("text", [
    "The Red Crescent distributed blankets and tents to families in Benghazi.",
    "Japan airlifted medical supplies to the flooded provinces of Pakistan.",
])
def test_humanitarian_goods_handed_out_are_aid(nlp, text):
    assert _of_type(_events(nlp, text), "AID"), _events(nlp, text)


def test_distributing_a_leaflet_is_no_aid(nlp):
    events = _events(nlp, "Activists distributed leaflets in Cairo on Sunday.")
    assert not _of_type(events, "AID"), events


def test_verb_on_a_deed_is_directed_at_its_doer(nlp):
    events = _events(nlp, "Brazil criticised the tariffs imposed by Japan on its steel.")
    accuse = _of_type(events, "ACCUSE")
    assert accuse and "JPN" in _codes(accuse[0]["target"]), events


def test_by_phrase_the_parser_hangs_on_the_verb(nlp):
    events = _events(nlp, "Vietnam strongly opposes incursions into its waters by China.")
    accuse = _of_type(events, "ACCUSE") + _of_type(events, "REJECT")
    assert accuse and "CHN" in _codes(accuse[0]["target"]), events


def test_by_phrase_of_means_gives_no_target(nlp):
    events = _events(nlp, "Kenya condemned the bombing by telephone.")
    accuse = _of_type(events, "ACCUSE")
    assert not accuse or not _codes(accuse[0]["target"]), events


@pytest.mark.parametrize("text", [
    "The envoy repeated that the Yemeni president needs to step down from power.",
    "Demonstrators were adamant that the president step down.",
])
def test_a_resignation_wanted_is_not_told_done(nlp, text):
    assert not _of_type(_events(nlp, text), "RETREAT"), _events(nlp, text)


def test_enforcing_what_another_ordered_is_not_directed_at_it(nlp):
    events = _events(nlp, "French jets are enforcing the flight ban ordered by the Security Council.")
    assert not any("UNSC" in _codes(e["target"]) or "UN" in _codes(e["target"]) for e in events), events


@pytest.mark.parametrize("text, plover, source", [
    ("Fresh sanctions were imposed on Belarus by the European Union.", "SANCTION", "EU"),
    ("Food aid was sent to Niger by Canada last week.", "AID", "CAN"),
])
def test_light_verb_in_the_passive_hands_over_its_subject_noun(nlp, text, plover, source):
    found = _of_type(_events(nlp, text), plover)
    assert found and source in _codes(found[0]["source"]), _events(nlp, text)


def test_legal_charges_filed_in_the_passive_come_from_the_authorities(nlp):
    found = _of_type(_events(nlp, "Charges were filed against the former governor in Ohio on Tuesday."), "ACCUSE")
    assert found, _events(nlp, "Charges were filed against the former governor in Ohio on Tuesday.")


def test_a_needed_inquiry_is_no_event(nlp):
    events = _events(nlp, "A full inquiry into the shooting is needed, the senator said.")
    assert not [e for e in events if e["trigger"].lower() == "inquiry"], events
