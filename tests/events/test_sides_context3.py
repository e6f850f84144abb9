"""Event sides and types from context, third round (#15): the authorities implied by an agentless
state act belong to the state the sentence names, not the article's country; taking a place in
fighting is an assault while annexing territory stays coercion; sports results and page-furniture
teasers yield no event."""
from __future__ import annotations

from builders import analysed, coded_events, codes as _codes


def _events(nlp, text: str, kind: str | None = None) -> list[dict]:
    return coded_events(nlp, text, "2011-05-02", kind)


_EGYPT = ("Egyptian officials met in Cairo on Monday. The Egyptian government said Egypt would hold talks. "
          "Egypt's foreign minister praised Egypt's army. ")


def test_implied_authority_takes_the_place_the_sentence_names(nlp):
    ev = _events(nlp, _EGYPT + "An Egyptian blogger was arrested in Morocco on Sunday.", "COERCE")
    assert ev and _codes(ev[-1]["source"]) == {"MAR"}


def test_implied_authority_without_a_named_place_takes_the_article_country(nlp):
    ev = _events(nlp, _EGYPT + "A prominent blogger was arrested on Sunday.", "COERCE")
    assert ev and _codes(ev[-1]["source"]) == {"EGY"}


def test_a_town_captured_in_the_passive_is_an_assault(nlp):
    ev = _events(nlp, "The hill town of Qusair was captured by rebels after two days of heavy fighting.")
    assert [e["event_type"] for e in ev] == ["ASSAULT"]


def test_taking_part_of_a_place_is_an_assault(nlp):
    ev = _events(nlp, "Rebel fighters claimed on Monday to have captured parts of Sirte after a week of clashes.")
    assert "ASSAULT" in {e["event_type"] for e in ev} and "COERCE" not in {e["event_type"] for e in ev}


def test_capturing_people_stays_coercion(nlp):
    ev = _events(nlp, "Rebel fighters captured dozens of soldiers near the border on Monday.")
    assert ev and {e["event_type"] for e in ev} == {"COERCE"}


def test_annexing_territory_stays_coercion(nlp):
    ev = _events(nlp, "Russia annexed the Crimean peninsula from Ukraine in March.")
    assert ev and {e["event_type"] for e in ev} == {"COERCE"}


def test_sports_result_yields_no_event(nlp):
    assert not _events(nlp, "Spain beat Germany 2-1 in Vienna on Sunday to reach the final.")
    assert not _events(nlp, "Brazil defeated Argentina in the semi-final of the Copa America.")


def test_a_vote_tally_is_no_sports_result(nlp):
    ev = _events(nlp, "The Senate voted 61-39 to condemn Iran for its nuclear program.")
    assert ev


def test_glued_teaser_yields_no_event(nlp):
    assert not _events(nlp, "The minister spoke on Tuesday RELATED: Iran accuses Israel of attacking its scientists.")
    assert _events(nlp, "Iran accused Israel of attacking its scientists.")


def test_a_match_report_yields_no_events(nlp):
    text = " ".join([
        "Lyon beat Marseille 3-1 on Sunday to move top of the league.",
        "The striker scored twice in the first half and the goalkeeper saved a penalty.",
        "Marseille attacked throughout the second half but could not break through.",
        "The head coach said his side had fought hard against a strong opponent.",
        "Lyon lead the table by two points after defeating Nice 2-0 last week.",
        "The two clubs meet again in the cup next month, when Marseille hope to win the final.",
        "Fans of both teams clashed outside the stadium before the game, police said.",
        "The French league fined Marseille for the behaviour of its supporters.",
        "Lyon's captain thanked the supporters who travelled to the south for the match.",
        "The club's president praised the players and said the title was within reach this season.",
    ])
    doc = analysed(nlp, text, "2011-05-02")
    assert doc._.event_filter["reason"] == "sport" and doc._.events == []
