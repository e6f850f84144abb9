"""Word senses and clause types that tell no political event (#15): a question put to someone is
no request, an event noun that begins or spreads in a temporal clause is the backdrop of another
event, "demonstrated that ..." is showing, "critical to ..." is importance."""
from __future__ import annotations

import pytest
from builders import coded_events


def _triggers(nlp, text: str) -> list[tuple[str, str]]:
    return [(e["trigger"], e["event_type"]) for e in coded_events(nlp, text, "2011-04-12")]


@pytest.mark.parametrize("text,trigger", [
    # a question put to someone
    ("Asked about the blockade, the Kenyan foreign minister said talks would go on.", "Asked"),
    ("The Tunisian premier was asked on Monday whether his army would cross the border.", "asked"),
    ("A journalist asked the Algerian minister: \"Will Algeria close its border?\"", "asked"),
    # an event noun beginning or spreading in a temporal clause: the time of the main event
    ("Since the riots started in May, the Syrian government has closed three newspapers.", "riots"),
    ("When demonstrations erupted in Homs, Syrian police blocked the roads.", "demonstrations"),
    ("As the unrest spread to the coast, the Tunisian president dismissed two ministers.", "unrest"),
    # "demonstrated that ...": showed
    ("The Syrian rebels demonstrated that they could defend the airport.", "demonstrated"),
    # "critical to/for ...": important
    ("Jordan is critical to any peace settlement, the German minister said.", "critical"),
])
def test_no_event_in_this_sense(nlp, text, trigger):
    assert trigger not in [t for t, _ in _triggers(nlp, text)]


@pytest.mark.parametrize("text,trigger,event_type", [
    # requests: someone asked to do something, or for something
    ("The Kenyan minister asked Britain to release the frozen funds.", "asked", "REQUEST"),
    ("The Syrian rebels asked for weapons from Qatar.", "asked", "REQUEST"),
    # the event noun going on in the main clause stays an event
    ("Riots erupted in Homs on Friday.", "Riots", "PROTEST"),
    # a protest with an actor or place
    ("Hundreds of Syrian students demonstrated outside the Jordanian embassy.", "demonstrated", "PROTEST"),
])
def test_event_in_the_other_sense_stays(nlp, text, trigger, event_type):
    assert (trigger, event_type) in _triggers(nlp, text)


def test_question_clause_is_not_told(nlp):
    """The clause of an indirect question is asked about, not told: no meeting coded from it."""
    text = "Asked which Gulf states he had met, the Libyan envoy named Qatar and Kuwait."
    assert not {"Asked", "met"} & {t for t, _ in _triggers(nlp, text)}
