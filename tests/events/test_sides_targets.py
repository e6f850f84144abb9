"""Event sides, fifth round (#15): targets the sentence, the place of the act or the article make
plain though no coded actor stands in the target's slot — a use of force on a thing or an unresolved
pronoun takes the country where it happens; a demand or an accusation told in a that-clause is about
the clause's subject."""
from __future__ import annotations

from builders import coded_events, codes as _codes, last_event


def _one(nlp, text: str, kind: str) -> dict:
    return last_event(nlp, text, "2011-05-02", kind)


# -- force used on a thing or an unnamed side: the country where it happens --------------------------

def test_strike_on_a_thing_near_a_town_targets_the_towns_country(nlp):
    ev = _one(nlp, "British aircraft struck an ammunition depot near Misrata on Tuesday.", "ASSAULT")
    assert _codes(ev["source"]) == {"GBR"}
    assert _codes(ev["target"]) == {"LBY"}


def test_bombing_outside_a_city_targets_its_country_not_the_bombers(nlp):
    ev = _one(nlp, "French jets bombed a radar station outside Benghazi.", "ASSAULT")
    assert _codes(ev["target"]) == {"LBY"}


def test_unresolved_victims_take_the_article_country(nlp):
    text = ("Yemeni troops fought tribesmen in Yemen's south. The Yemeni army said Yemen would not give in. "
            "Snipers of the Yemeni army were shooting at us from the rooftops, a witness said.")
    ev = _one(nlp, text, "ASSAULT")
    assert _codes(ev["target"]) == {"YEM"}


def test_a_target_implied_by_the_place_does_not_vouch_for_the_event(nlp):
    # the confidence reads the sides the text tells: the place's country is no named target
    ev = _one(nlp, "British aircraft struck an ammunition depot near Misrata on Tuesday.", "ASSAULT")
    assert _codes(ev["target"]) == {"LBY"}
    assert any(e.startswith("no target") for e in ev["evidence"])
    assert "_named_target" not in ev


def test_named_target_is_kept(nlp):
    ev = _one(nlp, "Syrian troops fired on protesters from Lebanon near Homs.", "ASSAULT")
    assert "SYR" in _codes(ev["source"])
    assert _codes(ev["target"]) and _codes(ev["target"]) <= {"LBN", "SYR"}


def test_where_target_leaves_other_types_and_private_doers_alone():
    from storyline.events.context import where_target

    state = [{"code": "SYR", "sector": "MIL"}]
    assert where_target("CONSULT", ("LBY", "LBY"), "LBY", state) is None
    assert where_target("THREATEN", ("LBY", "LBY"), "LBY", state) is None   # warnings are seldom about a place
    assert where_target("ASSAULT", (None, None), None, state) is None
    assert where_target("ASSAULT", ("LBY", "LBY"), "LBY", [{"code": None, "sector": None}]) is None
    assert where_target("ASSAULT", ("LBY", "LBY"), "LBY", [{"code": "BUS", "sector": "BUS"}]) is None
    # the only place named is the attacker's own country: no place of the attack
    assert where_target("ASSAULT", (None, "FRA"), None, [{"code": "FRA"}]) is None
    assert where_target("ASSAULT", ("LBY", "LBY"), "USA", [{"code": "USA"}])["code"] == "LBY"
    assert where_target("COERCE", (None, None), "SYR", [{"code": "SYR"}])["code"] == "SYR"
    # rebels fight at home, whatever country the article is about
    assert where_target("ASSAULT", (None, None), "USA", [{"code": "LBY", "sector": "REB"}])["code"] == "LBY"
    assert where_target("ASSAULT", (None, None), "IRQ", [{"code": "USA", "sector": "MIL"}])["code"] == "IRQ"
    # unnamed parties of a place ("fierce battles continue in X") keep the record's own rule: both sides
    assert where_target("ASSAULT", ("LBY", "LBY"), "LBY", [{"code": "LBY", "sector": "UAF", "unnamed": True}]) is None


# -- a demand or an accusation told in a that-clause -------------------------------------------------

def test_demand_that_someone_be_tried_targets_that_person(nlp):
    ev = _one(nlp, "Opposition leaders in Caracas said Maduro must be put on trial.", "REQUEST")
    assert _codes(ev["target"]) == {"VEN"}
    assert any("Maduro" in (a.get("text") or "") for a in ev["target"])


def test_evidence_that_a_government_planned_attacks_accuses_that_government(nlp):
    text = "Prosecutors in The Hague said they had evidence that the Sudanese government had planned attacks."
    ev = _one(nlp, text, "ACCUSE")
    assert _codes(ev["target"]) == {"SDN"}


def test_clause_subject_skips_relative_clauses_and_takes_passive_subjects(nlp):
    from storyline.events.addressed import clause_subject

    doc = nlp("The council repeated the demand which it made in May.")
    demand = next(t for t in doc if t.lower_ == "demand")
    assert clause_subject(demand) is None
    doc = nlp("The ministers said the envoy should be recalled.")
    said = next(t for t in doc if t.lower_ == "said")
    subj = clause_subject(said)
    assert subj is not None and subj.lower_ == "envoy"


# -- a body named again: acronym by initials, head noun alone -----------------------------------------

def _actors(nlp, text: str) -> list[dict]:
    from builders import analysed

    return analysed(nlp, text, "2011-05-02")._.actors


def test_acronym_spelling_initials_without_brackets_is_the_same_body(nlp):
    text = ("He once fought with the Libyan Islamic Fighting Group in the mountains. "
            "The LIFG later gave up its armed campaign.")
    lifg = [m for m in _actors(nlp, text) if m["text"] == "LIFG"]
    assert lifg and lifg[0]["code"] == "LBY"


def test_two_letter_capitals_are_not_read_as_initials():
    from storyline.actors.acronyms import _initials

    class _Tok:
        def __init__(self, text):
            self.text, self.lower_ = text, text.lower()

    doc = [_Tok(w) for w in "the Foreign Office said".split()]
    assert _initials(doc, {"token_start": 0, "token_end": 3}) is None   # two name words: too short to trust
    doc = [_Tok(w) for w in "the African Union Mission".split()]
    assert _initials(doc, {"token_start": 0, "token_end": 4}) == "AUM"


def test_the_council_after_a_named_council_is_that_council(nlp):
    text = ("Libya's ruling interim council met in Benghazi on Monday. "
            "The council then asked Tunisia to hand over a former minister.")
    ev = _one(nlp, text, "REQUEST")
    assert _codes(ev["source"]) == {"LBY"}
    assert _codes(ev["target"]) == {"TUN"}


def test_the_company_is_left_to_the_coreference_of_events(nlp):
    from storyline.actors.acronyms import head_again

    doc = nlp("Obama criticised the big oil company. The company said it would pay.")
    start = next(t.i for t in doc if t.lower_ == "big")
    firm = {"text": "big oil company", "code": "GBR", "sector": "BUS", "kind": "org",
            "token_start": start, "token_end": start + 3}
    assert head_again(doc, [firm]) == [firm]
    body = dict(firm, sector="GOV")
    assert len(head_again(doc, [body])) == 2   # a body of another sector is named again


def test_a_council_with_its_own_qualifier_is_another_body(nlp):
    text = "The Security Council met on Monday. The council of elders in Misrata refused to meet the envoy."
    councils = [m for m in _actors(nlp, text) if m["text"].lower() == "council"]
    assert not councils


def test_a_party_with_no_country_takes_the_article_country_before_a_named_foreign_one(nlp):
    text = ("Japanese voters went to the polls on Sunday. Japan faces a hard winter. "
            "The Liberal Democratic Party criticised China over the islands.")
    ev = _one(nlp, text, "ACCUSE")
    assert _codes(ev["source"]) == {"JPN"}
    assert _codes(ev["target"]) == {"CHN"}


# -- "he" after an unnamed person; an agentless expulsion ---------------------------------------------

def test_he_after_an_unnamed_foreign_worker_is_that_worker(nlp):
    text = "A Canadian nurse was abducted in Nigeria on Sunday. She was released by Nigerian troops two days later."
    ev = _one(nlp, text, "RETREAT")
    assert _codes(ev["source"]) == {"NGA"}
    assert _codes(ev["target"]) == {"CAN"}


def test_an_indefinite_body_is_no_person_for_he(nlp):
    from storyline.events.gender import _unnamed_person

    doc = nlp("Obama met a Libyan delegation and an Egyptian engineer.")
    delegation = {"code": "LBY", "sector": "GOV", "root": next(t.i for t in doc if t.lower_ == "delegation")}
    engineer = {"code": "EGY", "sector": "CVL", "root": next(t.i for t in doc if t.lower_ == "engineer")}
    assert not _unnamed_person(doc, delegation)
    assert _unnamed_person(doc, engineer)


def test_agentless_expulsion_is_done_by_the_country_expelled_from(nlp):
    ev = _one(nlp, "Three Iranian diplomats were expelled from Kuwait on Friday.", "SANCTION")
    assert _codes(ev["source"]) == {"KWT"}
    assert _codes(ev["target"]) == {"IRN"}


# -- a group of many countries takes no one country ---------------------------------------------------

def test_the_international_community_is_not_the_speakers_country(nlp):
    text = "France is worried about Libya. France urged the international community to act on Libya."
    ev = _one(nlp, text, "REQUEST")
    assert _codes(ev["source"]) == {"FRA"}
    assert "FRA" not in _codes(ev["target"])


def test_world_leaders_asked_by_rebels_are_not_the_rebels_country(nlp):
    ev = _one(nlp, "Libya is at war. Libya's rebels asked world leaders for weapons.", "REQUEST")
    assert _codes(ev["target"]) == set()


def test_a_domestic_group_still_takes_the_article_country(nlp):
    text = "Syrian troops fired on protesters. The Syrian government said Syria would not back down. Police arrested dozens of people."
    ev = _one(nlp, text, "COERCE")
    assert _codes(ev["source"]) == {"SYR"}


def test_a_foreign_minister_is_no_group_of_many_countries():
    from storyline.events.context import _many_states

    assert not _many_states({"text": "Deputy Foreign Minister Khaled Kaim", "sector": "GOV"})
    assert _many_states({"text": "foreign governments", "sector": "GOV"})
    assert _many_states({"text": "the international community", "sector": "CVL"})
    assert not _many_states({"text": "security forces", "sector": "MIL"})


def test_a_named_body_that_says_it_will_act_is_the_one_acting(nlp):
    text = "The National Transitional Council met in Benghazi. The NTC said it would not negotiate with Gaddafi."
    ev = _one(nlp, text, "REJECT")
    assert [a["text"] for a in ev["source"]] == ["NTC"]
    assert _codes(ev["source"]) == {"LBY"}


def test_the_government_that_says_it_will_act_is_the_one_acting(nlp):
    text = "Russia criticised the raids on Libya. The Libyan government says it is not using force against cities."
    evs = [e for e in coded_events(nlp, text, "2011-05-02") if e["sentence"].startswith("The Libyan")]
    assert all("RUS" not in _codes(e["source"]) for e in evs)
