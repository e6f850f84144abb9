"""Event dating (#15): the order clause → sentence → contact → article, named in ``date_how``, and a
time expression dates the clause it governs."""
from __future__ import annotations

import pytest

from storyline.events.dating import DATED, DEFAULTED, STATED, date_by_dated_contact
from builders import coded_events


def _events(nlp, text: str, dct: str) -> list[dict]:
    return coded_events(nlp, text, dct)


def _by_trigger(events: list[dict], trigger: str) -> dict:
    found = [e for e in events if e["trigger"] == trigger]
    assert found, [(e["trigger"], e["date"], e["date_how"]) for e in events]
    return found[0]


def test_a_time_in_the_triggers_own_clause_dates_it(nlp):
    events = _events(nlp, "The Indian prime minister met the Japanese premier in Tokyo on Tuesday.", "2023-03-09")
    met = _by_trigger(events, "met")
    assert (met["date"], met["date_how"], met["date_text"]) == ("2023-03-07", "clause", "Tuesday")


def test_a_time_of_the_reporting_clause_dates_the_reported_act(nlp):
    events = _events(nlp, "On Monday, Germany said France had condemned the strike on the port.", "2023-03-09")
    condemned = _by_trigger(events, "condemned")
    assert (condemned["date"], condemned["date_how"]) == ("2023-03-06", "sentence")


def test_a_relative_clause_keeps_its_date_to_itself(nlp):
    text = ("Hundreds of Serbian protesters rallied outside the embassy, a building that was shelled by NATO "
            "jets in 1999.")
    events = _events(nlp, text, "2023-03-09")
    rallied = [e for e in events if e["trigger"] == "rallied"]
    assert rallied and all((e["date"], e["date_how"]) == ("2023-03-09", "article") for e in rallied), rallied
    shelled = [e for e in events if e["trigger"] == "shelled"]
    assert shelled and all((e["date"], e["date_how"]) == ("1999", "clause") for e in shelled)


def test_a_relative_clause_on_a_framing_meeting_still_dates_the_main_clause(nlp):
    text = "In the talks, which ran from 9 a.m. on Monday, France urged Germany to send more tanks."
    urged = _by_trigger(_events(nlp, text, "2023-03-09"), "urged")
    assert (urged["date"], urged["date_how"]) == ("2023-03-06", "clause")


def test_a_time_after_before_places_the_act_relative_to_it(nlp):
    text = "Shortly before Friday's vote in parliament, Hungary criticized Sweden sharply."
    criticized = _by_trigger(_events(nlp, text, "2023-03-13"), "criticized")
    assert (criticized["date"], criticized["date_how"]) == ("2023-03-13", "article")


def test_the_infinitive_an_act_wants_is_not_the_act(nlp):
    text = "Egypt and Israel agreed to hold talks in Cairo on Sunday."
    agreed = _by_trigger(_events(nlp, text, "2023-03-09"), "agreed")
    assert (agreed["date"], agreed["date_how"]) == ("2023-03-09", "article")


def test_later_acts_of_the_same_occasion_take_the_meeting_day(nlp):
    text = ("The French president met the Chinese president in Beijing on Wednesday. "
            "The two leaders signed an agreement on trade. "
            "Peru thanked Chile for its help.")
    events = _events(nlp, text, "2023-04-07")
    signed = _by_trigger(events, "agreement")
    assert (signed["date"], signed["date_how"]) == ("2023-04-05", "contact")
    others = [e for e in events if e["trigger"] == "thanked"]
    assert all(e["date_how"] == DEFAULTED and e["date"] == "2023-04-07" for e in others)


def test_an_earlier_act_does_not_take_the_meeting_day(nlp):
    text = ("The French president met the Chinese president in Beijing on Wednesday. "
            "China has previously pledged support for France on trade.")
    events = _events(nlp, text, "2023-04-07")
    late = [e for e in events if "previously" in e["sentence"]]
    assert all(e["date_how"] == DEFAULTED for e in late)


def test_an_undated_article_sentence_is_marked_defaulted(nlp):
    events = _events(nlp, "Kenya accused Somalia of harbouring militants.", "2023-01-20")
    assert events and all((e["date"], e["date_how"]) == ("2023-01-20", "article") for e in events)


def _ev(start, type_, source, target, date, how, **kw):
    ev = {"event_type": type_, "source": [{"code": c} for c in source], "target": [{"code": c} for c in target],
          "date": date, "date_how": how, "start": start, "sentence": kw.pop("sentence", "x"),
          "intent": False, "negated": False, "background": False}
    ev.update(kw)
    return ev


@pytest.mark.parametrize("later,expected", [
    (_ev(50, "AGREE", ["FRA"], ["CHN"], "2023-04-07", "article"), ("2023-04-05", "contact")),
    # a third country is no participant of that contact
    (_ev(50, "ACCUSE", ["FRA"], ["USA"], "2023-04-07", "article"), ("2023-04-07", "article")),
    # one party alone, with no contact told in its sentence: no claim on the occasion
    (_ev(50, "SUPPORT", ["FRA"], [], "2023-04-07", "article"), ("2023-04-07", "article")),
])
def test_contact_dating_on_event_dicts(later, expected):
    meeting = _ev(0, "CONSULT", ["FRA"], ["CHN"], "2023-04-05", "clause")
    out = date_by_dated_contact([meeting, later])
    assert (out[1]["date"], out[1]["date_how"]) == expected


def test_two_dated_contacts_leave_the_article_day():
    a = _ev(0, "CONSULT", ["FRA"], ["CHN"], "2023-04-05", "clause")
    b = _ev(10, "CONSULT", ["FRA"], ["CHN"], "2023-04-03", "clause")
    later = _ev(50, "AGREE", ["FRA"], ["CHN"], "2023-04-07", "article")
    assert date_by_dated_contact([a, b, later])[2]["date_how"] == "article"


def test_date_how_groups_keep_older_values():
    assert {"clause", "sentence", "timex"} <= STATED and {"contact", "inferred"} <= DATED
    assert DEFAULTED not in DATED
