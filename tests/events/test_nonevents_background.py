"""A relative clause that tells a lasting state of its noun is a description, not a new act (#15):
"rebels, who have battled the army for weeks, ..." codes no ASSAULT; a relative clause telling one
dated act stays coded."""
from __future__ import annotations

import pytest
from builders import coded_events


def _triggers(nlp, text: str) -> list[str]:
    return [e["trigger"] for e in coded_events(nlp, text, "2012-04-10")]


@pytest.mark.parametrize("text,trigger", [
    ("The Houthi rebels, who have attacked army posts for years, gathered near the capital.", "attacked"),
    ("Malian soldiers, who have long shelled the northern towns, marched into Gao on Friday.", "shelled"),
    ("The guerrillas, who have ambushed army convoys since January, declared a truce.", "ambushed"),
])
def test_lasting_relative_clause_is_no_event(nlp, text, trigger):
    assert trigger not in _triggers(nlp, text)


@pytest.mark.parametrize("text,trigger", [
    ("The Houthi rebels, who attacked an army post on Tuesday, fled into the mountains.", "attacked"),
    ("Malian soldiers shelled the northern towns for three days.", "shelled"),
    # a relative clause with a subject of its own tells that party's act, not its noun's state
    ("The rebels advanced on Sirte, from which Gaddafi's troops have fired rockets at Misrata for weeks.", "fired"),
])
def test_one_act_or_a_main_clause_stays(nlp, text, trigger):
    assert trigger in _triggers(nlp, text)


def test_rule_reads_the_clause(nlp):
    from storyline.events.nonevents import background_relative

    doc = nlp("The rebels, who have fought the army for months, held the town.")
    fought = next(t for t in doc if t.lower_ == "fought")
    held = next(t for t in doc if t.lower_ == "held")
    assert background_relative(fought)
    assert not background_relative(held)


def test_act_inside_a_plan_is_planned_not_done(nlp):
    # (#15, hedges) the killing is what a plan holds, not an act told as done
    text = "Prosecutors said the Sudanese government had drawn up plans to crush the protests by killing demonstrators."
    killing = [e for e in coded_events(nlp, text, "2012-04-10") if e["trigger"] == "killing"]
    assert killing and killing[0]["modality"] == "intended" and killing[0]["intent"]
    done = [e for e in coded_events(nlp, "Sudanese troops crushed the protests by killing demonstrators.", "2012-04-10")
            if e["event_type"] == "ASSAULT"]
    assert done and done[0]["modality"] == "asserted"
