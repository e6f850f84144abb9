"""Candidates that tell no political event are not coded at all (#15): states and cognition under a
verb block's default, block defaults acting on mere things, private happenings, the speaker's own wishes, meetings with no counterpart."""
from __future__ import annotations

import pytest
from builders import coded_events, codes as _codes


def _events(nlp, text: str, dct: str = "2023-05-02") -> list[dict]:
    return coded_events(nlp, text, dct)


@pytest.mark.parametrize("text,trigger", [
    # a state or cognition under a PETRARCH verb block's default code
    ("The Egyptian navy includes four frigates built in France.", "includes"),
    ("Syrian rebels now control the northern hills above the valley.", "control"),
    ("A Dutch professor has studied bird viruses for twenty years.", "studied"),
    # every side a private person or body
    ("The pupils talked with their teachers about the floods.", "talked"),
    # the speaker's own wish
    ("\"We need our president to lead us,\" the Libyan minister Ibrahim said.", "need"),
    ("\"We want to thank the Kenyan people for their support,\" the Libyan minister said.", "want"),
    # a block default acting on a mere thing, with no party acted upon
    ("The Kenyan government will fill the gap left by the donors.", "fill"),
    ("The Egyptian ministry paid the fines last year.", "paid"),
    # a consultation from a block default with one party and no counterpart
    ("Speaking on Tuesday, the Kenyan finance minister left the room early.", "left"),
])
def test_no_political_event(nlp, text, trigger):
    assert trigger not in [e["trigger"] for e in _events(nlp, text)]


@pytest.mark.parametrize("text,event_type,source", [
    # hand-kept codes of the same kind of verb, and acts of political actors, stay
    ("Kenyan police arrested two British journalists in Nairobi.", "COERCE", {"KEN"}),
    ("Hundreds of residents protested against the Kenyan government in Nairobi.", "PROTEST", None),
    ("The Egyptian president met his Sudanese counterpart in Cairo.", "CONSULT", {"EGY"}),
    ("Syrian forces bombarded the town with rockets.", "ASSAULT", {"SYR"}),
    ("Syrian forces have destroyed food warehouses in Aleppo.", "ASSAULT", {"SYR"}),
    ("The French president wants Germany to close its border.", "REQUEST", {"FRA"}),
    ("\"We want the Americans to stay,\" the Iraqi minister said.", "REQUEST", {"IRQ"}),
])
def test_political_events_stay(nlp, text, event_type, source):
    events = [e for e in _events(nlp, text) if e["event_type"] == event_type]
    assert events
    if source is not None:
        assert _codes(events[0]["source"]) == source


def test_nonevents_unit_rules():
    from storyline.events.nonevents import private_happening

    people = {"code": "USA", "sector": "CVL"}
    assert private_happening("CONSULT", [people], [{"text": "their father"}])
    assert not private_happening("PROTEST", [people], [])
    assert not private_happening("CONSULT", [people], [{"code": "USA", "sector": "GOV"}])
    assert not private_happening("CONSULT", [{"text": "Koussa"}], [])
    assert not private_happening("AID", [{"code": "CHE", "sector": "MED"}], [{"code": "IRN", "sector": "MED"}])
    assert not private_happening("ASSAULT", [], [people])   # "civilians were killed": the doer is unknown
