"""Recall on real news (#15): events whose actors the sentence leaves unnamed, event nouns with an
agent of their own, participles of actor nouns, phrasal acts."""
from __future__ import annotations

import pytest
from builders import coded_events, codes as _codes
from storyline.events.confidence import default_threshold

#: the confidence a run's event needs (the default ``event_threshold``)
KEEP = default_threshold()


def _events(nlp, text: str, dct: str = "2012-03-02") -> list[dict]:
    return coded_events(nlp, text, dct)


@pytest.mark.parametrize("text, plover, country", [
    ("Witnesses said there was heavy fighting in Damascus overnight.", "ASSAULT", "SYR"),
    ("Fierce clashes broke out in Tahrir Square late on Friday.", "ASSAULT", "EGY"),
    ("There were large protests in Alexandria on Tuesday.", "PROTEST", "EGY"),
])
def test_happening_without_named_actors(nlp, text, plover, country):
    found = [e for e in _events(nlp, text) if e["event_type"] == plover]
    assert found, _events(nlp, text)
    assert country in _codes(found[0]["source"])
    assert found[0]["confidence"] >= KEEP


@pytest.mark.parametrize("text", [
    "There was a risk of war in the region, analysts wrote.",
    "There was a long meeting about the budget.",
])
def test_existential_without_happening_is_no_event(nlp, text):
    assert not [e for e in _events(nlp, text) if e["confidence"] >= KEEP]


def test_event_noun_with_its_own_agent_is_an_act_of_its_own(nlp):
    events = _events(nlp, "The Arab League condemned the attack by Syrian troops on the town of Houla.")
    kinds = {e["event_type"]: e for e in events}
    assert "ACCUSE" in kinds and "ASSAULT" in kinds
    assert "SYR" in _codes(kinds["ASSAULT"]["source"])


def test_participle_of_an_actor_noun(nlp):
    text = "Sanctions followed reports of soldiers loyal to the regime shooting at protesters."
    doc = nlp.make_doc(text)
    doc._.dct = "2012-03-02"
    doc = nlp(doc)
    firing = [e for e in doc._.events if e["trigger"] == "shooting"]
    assert firing and firing[0]["event_type"] == "ASSAULT"
    assert firing[0]["target"], firing[0]


@pytest.mark.parametrize("text, plover", [
    ("Police took dozens of activists into custody in Cairo on Friday.", "COERCE"),
    ("The activist has been held in detention by the Egyptian military since May.", "COERCE"),
    ("Gunmen took two journalists hostage near Damascus.", "ASSAULT"),
    ("Egypt implemented the border agreement with Israel.", "AGREE"),
])
def test_phrasal_acts(nlp, text, plover):
    assert plover in {e["event_type"] for e in _events(nlp, text)}


def test_taking_into_account_is_no_act(nlp):
    assert not _events(nlp, "The minister took into account the views of the council.")
