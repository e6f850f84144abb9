"""An official named beside the office of a state body the tables know only by its kind ("the
head of the Revolutionary Command Council, Omar Haddad"): a person of that office, whom a later
mention of the surname stands for (#15 sides)."""
from __future__ import annotations

from builders import analysed


def _people(nlp, text: str) -> list[dict]:
    doc = analysed(nlp, text, "2011-06-14")
    return [m for m in doc._.actors if m.get("kind") == "person"]


def test_an_official_of_an_unknown_council_is_an_actor_and_so_is_his_surname(nlp):
    people = _people(nlp, "The head of the Revolutionary Command Council, Omar Haddad, spoke on Monday. "
                          "Later Haddad met the envoys.")
    texts = [p["text"] for p in people]
    assert any("Omar Haddad" in t for t in texts) and "Haddad" in texts
    assert all(p["sector"] == "GOV" for p in people)


def test_a_firm_beside_an_office_still_makes_no_state_official(nlp):
    people = _people(nlp, "The head of Orbis Holdings, Omar Haddad, spoke on Monday.")
    assert not any("Haddad" in p["text"] for p in people)


def test_a_chairman_of_a_state_body_is_its_official(nlp):
    people = _people(nlp, "The chairwoman of the Supreme Electoral Commission, Leila Mansour, said the vote would go ahead.")
    assert [p["sector"] for p in people if "Mansour" in p["text"]] == ["GOV"]


def test_a_chairman_of_a_firm_is_no_official(nlp):
    people = _people(nlp, "The chairwoman of Meridian Shipping, Leila Mansour, said the ships would sail.")
    assert not any("Mansour" in p["text"] for p in people)


def test_a_day_before_the_title_is_no_part_of_it(nlp):
    people = _people(nlp, "Monday Interior Minister Carlos Ruiz announced new checkpoints.")
    found = [p for p in people if "Ruiz" in p["text"]]
    assert found and found[0]["sector"] == "GOV" and "Monday" not in found[0]["text"]


# -- private people named with their nationality ------------------------------------------------------

def test_a_nationality_before_a_private_persons_noun_gives_their_country(nlp):
    for text in ("Egyptian psychologist Mona Farid filed the complaint. Farid said the court would hear it.",
                 "Mona Farid, an Egyptian psychologist, filed the complaint. Farid said the court would hear it."):
        found = [p for p in _people(nlp, text) if "Farid" in p["text"]]
        assert len(found) == 2 and {p["code"] for p in found} == {"EGY"} and found[0]["sector"] == "CVL"


def test_a_place_a_person_works_in_is_no_nationality():
    from storyline.actors.nationals import national_of
    from storyline.nlp import load_nlp

    doc = load_nlp()("a Paris-based consultant")
    assert national_of(doc[:]) is None
    doc = load_nlp()("a Paris-based Moroccan consultant")
    assert national_of(doc[:]) == {"code": "MAR", "sector": "CVL"}


def test_a_place_an_envoy_is_sent_to_is_no_body_he_belongs_to(nlp):
    people = _people(nlp, "He asked the rebels to answer the plan put to them by his envoy for Sudan, Ahmed Rahman.")
    assert not any(p.get("code") == "SDN" for p in people if "Rahman" in p["text"])
