"""Kept non-events and wrong types of judged real runs, as classes (#15): a headline glued to the
body's first sentence, fighting told as a backdrop (no opponent, place or date), a thing that
"threatens" (a hazard, also when the parser takes it for the object of "warned"), shots fired
into the air, defending one's own conduct, refusing to
talk to the press, and a plain plan
whose complement is the act ("plans to discuss": a consultation intended, no promise).  Their
political twins stay."""
from __future__ import annotations

import pytest
from builders import coded_events

from storyline.events.senses import own_phrase


def _coded(nlp, text: str, dct: str = "2013-03-04") -> list[dict]:
    return coded_events(nlp, text, dct)


def _triggers(nlp, text: str) -> list[str]:
    return [e["trigger"] for e in _coded(nlp, text)]


@pytest.mark.parametrize("text,trigger", [
    # a headline glued to the first sentence of the body: the seam is "... Kabul The ..."
    ("Pakistani generals discuss border crisis with Kabul The talks on the frontier were described "
     "as tense by Afghan officials, who accused Pakistani troops of shelling two villages.", "discuss"),
    ("Kabul says Islamabad backing the insurgents The Afghan government has accused Pakistan of arming "
     "the Taliban.", "backing"),
    # fighting with no opponent, place or date of its own
    ("Despite the defections, the Syrian president's troops were still fighting back in some provinces.",
     "fighting"),
    # a thing that threatens, read right or as the object of "warned"
    ("The drought threatens the harvest across the region, the Kenyan agriculture minister said.", "threatens"),
    ("The Kenyan agriculture minister has warned the drought threatens the harvest in the north.", "threatens"),
    ("The Kenyan agriculture minister has warned the drought threatens the harvest in the north.", "warned"),
    # shooting in the air: celebration, no one attacked
    ("Cheering Malian soldiers fired their rifles into the air after the ceasefire was announced.", "fired"),
    # defending one's own conduct: a self-justification
    ("The Peruvian minister defended his management of the floods in a radio interview.", "defended"),
    # refusing to talk to the press: no party refused
    ("The Chilean ambassador refused to talk to journalists after the hearing.", "refused"),
    ("The Chilean ambassador said she is not ready to speak to the media.", "is"),
])
def test_not_an_event(nlp, text, trigger):
    assert trigger not in _triggers(nlp, text)


@pytest.mark.parametrize("text,trigger", [
    # no seam: the body sentence itself, and a title that goes on with a capital
    ("Afghan officials accused Pakistani troops of shelling two villages near the frontier.", "accused"),
    ("Afghan officials accused Pakistani troops of shelling villages, The New York Times reported.",
     "accused"),
    ("The Afghan envoy told reporters in The Hague that Pakistan was backing the insurgents.", "backing"),
    # fighting with an opponent, a place or a date
    ("Syrian troops were fighting the rebels in the suburbs of Aleppo.", "fighting"),
    ("Syrian troops fought rebel units near Homs on Tuesday.", "fought"),
    # a party that threatens, and a warning about a party's deed
    ("The Syrian army threatened the rebels holding the airport.", "threatened"),
    # shooting at someone, also from the air
    ("Malian soldiers fired on the protesters outside the presidential palace.", "fired"),
    # defending another party
    ("China defended its ally North Korea at the United Nations.", "defended"),
    ("Bolivia defended the Peruvian minister against the charges.", "defended"),
    ("The Chilean ambassador rejected the Argentine proposal.", "rejected"),
])
def test_political_twin_kept(nlp, text, trigger):
    assert trigger in _triggers(nlp, text)


def test_a_plan_keeps_the_planned_acts_type(nlp):
    planned = _coded(nlp, "The Egyptian foreign minister plans to meet the Turkish president.")
    events = {e["trigger"]: e for e in planned}
    ev = events.get("plans") or events.get("meet")
    assert ev is not None and ev["event_type"] == "CONSULT" and ev["intent"]
    promised = _coded(nlp, "The Egyptian foreign minister promised to meet the Turkish president.")
    assert any(e["event_type"] == "AGREE" for e in promised)


def test_own_phrase_leaves_out_clauses_and_prepositions(nlp):
    doc = nlp("The virus that has killed forty villagers in Peru spread quickly.")
    virus = next(t for t in doc if t.text == "virus")
    words = {t.text for t in own_phrase(virus)}
    assert "The" in words and "villagers" not in words and "Peru" not in words
