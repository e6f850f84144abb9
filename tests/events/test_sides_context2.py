"""Event sides from the article's context, second round (#15): companies are coded BUS from what
the article says of them (never from a place they operate in), a subject pronoun of a main clause
stands for the subject before it, Western blocs stand for their countries, verbs of receiving take
their from-phrase as the source, and an assault "in the attack" takes the attacker told before it."""
from __future__ import annotations

from storyline.actors import find_actor_mentions
from builders import analysed, coded_events, codes as _codes


def _doc(nlp, text: str, dct: str = "2011-05-02"):
    return analysed(nlp, text, dct)


def _events(nlp, text: str, kind: str | None = None) -> list[dict]:
    return coded_events(nlp, text, "2011-05-02", kind)


def test_company_takes_bus_not_the_place_it_works_in(nlp):
    text = ("Shares of Harwick Energy Plc fell sharply on Tuesday. Off the coast of Nigeria, Harwick Energy "
            "refused a demand from the Nigerian government to pay for the cleanup.")
    ev = _events(nlp, text, "REJECT")
    assert ev and _codes(ev[0]["source"]) == {"BUS"} and _codes(ev[0]["target"]) == {"NGA"}


def test_company_shown_by_a_business_noun_and_it_stands_for_it(nlp):
    text = ("Mining firm Corvane Resources said it would reopen the mine. Corvane Resources refused a request "
            "from the Chilean labour ministry to raise wages. It also rejected a call by Santiago officials "
            "to close the pit.")
    ev = _events(nlp, text, "REJECT")
    assert len(ev) == 2 and all(_codes(e["source"]) == {"BUS"} for e in ev)


def test_a_person_is_not_made_a_company(nlp):
    doc = _doc(nlp, "The record was made with producer Alan Brennick. Brennick praised the mayor of Leeds.")
    assert not any(m.get("code") == "BUS" for m in doc._.actors)
    assert find_actor_mentions(doc, date=doc._.dct) == doc._.actors


def test_pronoun_inside_a_subordinate_clause_keeps_the_nearest_person(nlp):
    text = "Obama said the allies would keep striking Assad's tanks if he kept threatening civilians."
    ev = _events(nlp, text, "THREATEN")
    assert ev and _codes(ev[0]["source"]) == {"SYR"}


def test_western_bloc_stands_for_its_countries(nlp):
    ev = _events(nlp, "Western governments condemned the shelling of Aleppo by Syrian troops.", "ACCUSE")
    assert ev and _codes(ev[0]["source"]) == {"USA", "GBR", "FRA"}
    ev = _events(nlp, "The West imposed new sanctions on Iran on Friday.", "SANCTION")
    assert ev and _codes(ev[0]["source"]) == {"USA", "GBR", "FRA"} and _codes(ev[0]["target"]) == {"IRN"}


def test_heard_from_reverses_the_sides(nlp):
    ev = _events(nlp, "Britain has heard from Iranian officials who want to reopen talks.", "CONSULT")
    assert ev and _codes(ev[0]["source"]) == {"IRN"} and _codes(ev[0]["target"]) == {"GBR"}


def test_killed_in_the_attack_takes_the_attacker_told_before(nlp):
    text = ("Gaza officials said an Israeli air strike hit a compound on Sunday. The army said it was fighting "
            "militants near the border. Officials said the Hamas commander's brother "
            "was killed in the attack.")
    ev = _events(nlp, text, "ASSAULT")
    assert ev[-1]["trigger"] == "killed" and _codes(ev[-1]["source"]) == {"ISR"}
    # an indefinite attack is another one: no attacker taken
    text = "Rebels attacked an army post near Homs. Two soldiers were killed in an attack on a bus in Damascus."
    ev = _events(nlp, text, "ASSAULT")
    assert not any(_codes(e["source"]) for e in ev[1:])


def test_a_sea_named_after_a_country_is_no_actor(nlp):
    doc = _doc(nlp, "Crude kept leaking into the Gulf of Mexico on Monday. The Mexican navy patrolled the coast.")
    assert [m["text"] for m in doc._.actors if m.get("code") == "MEX"] == ["Mexican navy"]
