"""Consultations that meet no one and companies among private persons are not coded (#15, non-events
at the source): talking to the press is a statement, a trip at home meets no host, "meet the needs"
is another sense of meeting, and a dispute between a company and private persons has no political
side.  Their political twins stay."""
from __future__ import annotations

import pytest
from builders import coded_events, codes


def _types(nlp, text: str, dct: str = "2012-06-05") -> list[tuple[str, str]]:
    return [(e["event_type"], e["trigger"]) for e in coded_events(nlp, text, dct)]


@pytest.mark.parametrize("text,trigger", [
    # an audience or the media as the only hearers: a statement or an interview
    ("The Kenyan finance minister spoke to journalists outside parliament on Monday.", "spoke"),
    ("The Peruvian interior minister was talking to a local radio station from Lima.", "talking"),
    # a journey at home that meets no host
    ("The Brazilian president toured the burned forests of Mato Grosso on Friday.", "toured"),
    ("The rebel commander visited the recaptured villages in the north to cheer his men.", "visited"),
    # meeting a thing: the other sense of the verb
    ("The Malian government met the deadline set by the IMF.", "met"),
    # a company and private persons, no political actor on either side
    ("A shrimp fisherman sued the oil company in a state court on Monday.", "sued"),
    ("Three angry farmers sued the fertiliser company over the poisoned wells.", "sued"),
])
def test_meets_no_one_or_private(nlp, text, trigger):
    assert trigger not in [t for _, t in _types(nlp, text)]


@pytest.mark.parametrize("text,event_type,target", [
    # a counterpart met, at home or abroad
    ("The Kenyan finance minister spoke to the visiting Chinese trade minister on Monday.", "CONSULT", "CHN"),
    ("The Brazilian president visited Argentina on Friday.", "CONSULT", "ARG"),
    # a trip abroad stays a visit when the recogniser misses the place ("arrived in Sierra Leone")
    ("A first batch of Bangladeshi peacekeeping troops arrived in Sierra Leone Tuesday.", "CONSULT", None),
    ("The Egyptian foreign minister met his Jordanian counterpart in Amman.", "CONSULT", "JOR"),
    # people met are a counterpart, whatever the noun ("met experts from the IMF")
    ("The Malian reconstruction minister met experts from the International Monetary Fund in Paris.", "CONSULT", "IMF"),
    # a company acting toward a state, or a state toward a company, is coded
    ("The Mexican government sued the oil company over the damage to its coast.", "ACCUSE", None),
])
def test_counterparts_and_political_sides_stay(nlp, text, event_type, target):
    events = [e for e in coded_events(nlp, text, "2012-06-05") if e["event_type"] == event_type]
    assert events
    if target is not None:
        assert target in codes(events[0]["target"])


def test_rules_on_sides():
    from storyline.events.nonevents import private_happening

    firm = {"text": "the oil company", "code": "GBR", "sector": "BUS"}
    owners = {"text": "hotel owners", "code": "USA", "sector": "CVL"}
    # a company's home country does not make a dispute with private persons international
    assert private_happening("ACCUSE", [owners], [firm])
    assert private_happening("AGREE", [firm], [owners])
    # a company toward no one named may deal with a state: not judged private
    assert not private_happening("AGREE", [firm], [])
    # a state on either side makes it political
    assert not private_happening("ACCUSE", [{"text": "Mexico", "code": "MEX"}], [firm])
    assert not private_happening("REQUEST", [firm], [{"text": "lawmakers", "code": "USA", "sector": "LEG"}])


@pytest.mark.parametrize("text,kept", [
    # a forecast of a hazard: what may come is no party's act
    ("The World Bank warned that falling copper prices pose a danger to Zambia's budget.", False),
    ("The Kenyan health minister warned that the outbreak could reach the coast within weeks.", False),
    ("The Florida governor has warned the storm threatens the citrus harvest in his state.", False),
    # a party's act warned of, or a party warned: a threat
    ("The Iranian defence minister warned that Tehran would close the strait.", True),
    ("The Iranian defence minister warned the United States against any attack.", True),
])
def test_warning_of_a_hazard_is_no_threat(nlp, text, kept):
    threats = [e for e in coded_events(nlp, text, "2012-06-05") if e["trigger"] == "warned"]
    assert bool(threats) == kept
