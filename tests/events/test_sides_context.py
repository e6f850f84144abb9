"""Event sides from the article's context (#15): generic groups take the country where they act,
news agencies are never sides, an unnamed target is the place acted upon, an organisation's officer
takes the organisation's code, "X said he ..." binds he to X."""
from __future__ import annotations

from storyline.events.context import is_news_agency, leading_country
from builders import analysed, coded_events, codes as _codes


def _doc(nlp, text: str, dct: str = "2012-03-10"):
    return analysed(nlp, text, dct)


def _events(nlp, text: str, kind: str | None = None) -> list[dict]:
    return coded_events(nlp, text, "2012-03-10", kind)


def test_generic_groups_take_the_articles_country(nlp):
    text = ("Yemeni officials in Sanaa met tribal leaders on Tuesday. Yemen's cabinet said talks would go on. "
            "Later that day, militants ambushed soldiers near the coast.")
    ev = _events(nlp, text, "ASSAULT")
    assert ev and _codes(ev[-1]["source"]) == {"YEM"} and _codes(ev[-1]["target"]) == {"YEM"}


def test_group_takes_the_place_where_it_acts(nlp):
    text = ("Bolivia's president spoke in La Paz. Bolivian ministers met. "
            "Police detained dozens of students in Lima on Friday.")
    ev = _events(nlp, text, "COERCE")
    assert ev and _codes(ev[-1]["source"]) == {"PER"}


def test_news_agency_is_never_a_side(nlp):
    for ev in _events(nlp, "Kenyan police told Reuters they had arrested the opposition leader in Nairobi."):
        assert not any(is_news_agency(a) for a in ev["source"] + ev["target"])
    assert is_news_agency({"text": "the Associated Press", "code": "USA"})
    assert not is_news_agency({"text": "the Pentagon", "code": "USA"})


def test_place_acted_upon_is_the_target(nlp):
    text = "Sudanese troops gathered near Darfur. The army shelled the town of Kutum on Sunday."
    ev = _events(nlp, text, "ASSAULT")
    assert ev and _codes(ev[-1]["target"]) == {"SDN"}


def test_protesters_address_their_own_government(nlp):
    ev = _events(nlp, "Thousands of Chilean protesters rallied in Santiago to demand the minister resign.")
    protest = [e for e in ev if e["event_type"] == "PROTEST"]
    assert protest and _codes(protest[0]["target"]) == {"CHL"}
    # a side no words name still reads as something in every output (stances join the texts)
    assert protest[0]["target"][0]["text"] == "their government"


def test_igo_officer_takes_the_organisations_code(nlp):
    text = ("UN Special Envoy Kofi Annan criticised the Syrian government on Monday. "
            "Annan later urged both sides to stop fighting.")
    ev = _events(nlp, text)
    assert ev and all(_codes(e["source"]) <= {"UN"} and _codes(e["source"]) for e in ev)


def test_reporter_binds_he(nlp):
    text = ("Chancellor Merkel arrived in Paris. The Greek finance minister told parliament that he "
            "had rejected the demands of the lenders.")
    ev = _events(nlp, text, "REJECT")
    assert ev and _codes(ev[0]["source"]) == {"GRC"}


def test_leading_country_needs_a_clear_lead():
    mentions = [{"code": "EGY"}, {"code": "EGY"}, {"code": "USA"}, {"code": "UN"}]
    assert leading_country(mentions, None, None) == "EGY"
    assert leading_country([{"code": "EGY"}, {"code": "USA"}], None, None) is None
    assert leading_country([{"code": "NATO"}, {"code": "NATO"}], None, None) is None
