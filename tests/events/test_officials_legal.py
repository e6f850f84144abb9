"""Recall on domestic politics (#15): officials named with their office, pronouns that agree in
gender, legal and state acts (PLOVER codebook: convictions SANCTION, suits ACCUSE, arrests COERCE),
relative clauses that tell an actor's act, agentless passives of acts only states do."""
from __future__ import annotations

import pytest
from builders import analysed, coded_events, codes


def _events(nlp, text: str, kind: str | None = None, dct: str = "2011-05-04") -> list[dict]:
    return coded_events(nlp, text, dct, kind)


def _mentions(nlp, text: str) -> list[dict]:
    return analysed(nlp, text, "2011-05-04")._.actors


@pytest.mark.parametrize("text, name, code", [
    ("U.S. Energy Secretary Dana Whitfield condemned the decision on Monday.", "Dana Whitfield", "USA"),
    ("Egyptian Interior Minister Samir Fawzy ordered the arrests.", "Samir Fawzy", "EGY"),
    ("Dana Whitfield, the U.S. energy secretary, condemned the decision.", "Dana Whitfield", "USA"),
])
def test_an_official_named_with_a_title_is_an_actor(nlp, text, name, code):
    found = [m for m in _mentions(nlp, text) if name.split()[-1] in m["text"]]
    assert found and found[0]["code"] == code and found[0]["kind"] == "person", _mentions(nlp, text)


def test_a_local_official_takes_the_sector_and_the_surname_repeats(nlp):
    text = ("Lakeside County Mayor Tom Brackett spoke to reporters on Monday. "
            "Brackett criticised the federal government for its slow response.")
    mentions = _mentions(nlp, text)
    titled = [m for m in mentions if m["text"].endswith("Tom Brackett")]
    again = [m for m in mentions if m["text"] == "Brackett"]
    assert titled and titled[0]["sector"] == "GOV"
    assert again and again[0]["sector"] == "GOV"


def test_a_company_officer_is_no_state_official(nlp):
    text = "Acme Widgets Chief Executive Paul Dorne met reporters. Paul Dorne, senior vice president at Acme Widgets, spoke."
    assert not [m for m in _mentions(nlp, text) if "Dorne" in m["text"] and m.get("official")]


def test_she_does_not_stand_for_a_man(nlp):
    text = ("President Barack Obama spoke in Washington on Monday. He said the spill was a disaster. "
            "Obama later met Kathleen Moore. She urged BP to pay for the damage.")
    urged = [e for e in _events(nlp, text, "REQUEST", dct="2010-06-01") if "urged" in e["sentence"]]
    assert not [e for e in urged if "USA" in codes(e["source"])]


def test_he_still_stands_for_the_man_named(nlp):
    text = "President Barack Obama spoke in Washington on Monday. He urged BP to pay for the damage."
    urged = _events(nlp, text, "REQUEST", dct="2010-06-01")
    assert urged and "USA" in codes(urged[0]["source"])


@pytest.mark.parametrize("text, plover", [
    ("A court in Cairo convicted Hosni Mubarak of corruption on Saturday.", "SANCTION"),
    ("The Egyptian government fined the cement company for polluting the Nile.", "SANCTION"),
    ("The Egyptian parliament impeached the prime minister on Tuesday.", "ACCUSE"),
])
def test_legal_acts_follow_the_plover_codebook(nlp, text, plover):
    assert _events(nlp, text, plover), _events(nlp, text)


def test_a_relative_clause_tells_the_act_of_the_actor_it_modifies(nlp):
    text = "Ali Hassan fled to Sweden to escape Iran, which accuses him of spying."
    found = _events(nlp, text, "ACCUSE")
    assert found and "IRN" in codes(found[0]["source"])


def test_a_restrictive_clause_of_a_plain_group_is_no_act(nlp):
    text = "The shelter is used by people who volunteer as helpers for the Libyan authorities."
    assert not [e for e in _events(nlp, text) if "volunteer" in e["sentence"] and e["event_type"] == "SUPPORT"]


def test_an_agentless_arrest_was_made_by_the_authorities_of_the_place(nlp):
    found = _events(nlp, "Three opposition activists were arrested in Cairo on Monday.", "COERCE")
    assert found and "EGY" in codes(found[0]["source"])
