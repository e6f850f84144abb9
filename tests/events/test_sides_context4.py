"""Event sides, fourth round (#15): the state an agentless removal is done from, a main verb misparsed
under its subject's relative clause, acts undergone by the subject ("stands accused", "faces
charges"), governing bodies that arise in a crisis and acronyms an article defines, people named by
a demonym noun, and the electoral sense of verbs of beating."""
from __future__ import annotations

from builders import coded_events, codes as _codes


def _events(nlp, text: str, kind: str | None = None) -> list[dict]:
    return coded_events(nlp, text, "2011-05-02", kind)


_SYRIA = ("Syrian troops fired on crowds in Homs on Sunday. The Syrian government said Syria would not back down. "
          "Syria's foreign minister praised Syria's army. ")


def _last(nlp, text: str, kind: str | None = None) -> dict:
    evs = [e for e in _events(nlp, _SYRIA + text, kind) if e["sentence"].startswith(text[:25])]
    assert evs, "no event coded in the last sentence"
    return evs[-1]


# -- an agentless removal: the state it was done from ------------------------------------------------

def test_agentless_deportation_takes_the_country_it_was_done_from(nlp):
    ev = _last(nlp, "A Syrian dissident was deported from Jordan on Tuesday.", "COERCE")
    assert _codes(ev["source"]) == {"JOR"}
    assert _codes(ev["target"]) == {"SYR"}


def test_agentless_arrest_without_a_place_keeps_the_article_country(nlp):
    ev = _last(nlp, "A Syrian dissident was detained on Tuesday.", "COERCE")
    assert _codes(ev["source"]) == {"SYR"}


def test_a_place_the_tagger_mistakes_still_places_the_act(nlp):
    # the tagger may call a capital it does not know a language or nothing; the tables know it
    ev = _last(nlp, "A Syrian dissident was arrested in Tunis on Tuesday.", "COERCE")
    assert _codes(ev["source"]) == {"TUN"}


def test_a_country_that_qualifies_a_person_is_no_place_of_the_act(nlp):
    ev = _last(nlp, "Police detained a US citizen at the airport on Tuesday.", "COERCE")
    assert _codes(ev["source"]) == {"SYR"}
    assert _codes(ev["target"]) == {"USA"}


def test_a_country_that_qualifies_a_person_or_a_name_is_no_place_but_an_owner_is(nlp):
    from storyline.events.context import _qualifies_private

    doc = nlp("A US official and a US citizen met.")
    us = [t for t in doc if t.text == "US"]
    assert _qualifies_private(us[0]) and _qualifies_private(us[1])
    doc = nlp("Fighters entered the Kinshasa conference centre during Congo's civil war.")
    kinshasa, congo = (next(t for t in doc if t.text == w) for w in ("Kinshasa", "Congo"))
    assert _qualifies_private(kinshasa)   # a name, not the place of the fighting
    assert not _qualifies_private(congo)


def test_a_place_in_a_relative_clause_about_the_actor_is_no_place_of_the_act(nlp):
    ev = _last(nlp, "Rebel fighters, who fled to Turkey last year, attacked an army post.", "ASSAULT")
    assert _codes(ev["source"]) == {"SYR"}


# -- the subject's relative clause --------------------------------------------------------------------

def test_main_verb_misparsed_under_a_relative_clause_keeps_the_subject(nlp):
    ev = _last(nlp, "The soldiers that guard Aleppo fired on the crowd.", "ASSAULT")
    assert all("Aleppo" not in (a.get("text") or "") for a in ev["source"])
    assert {a.get("sector") for a in ev["source"]} & {"MIL"}


def test_a_reporting_relative_clause_is_no_misparse(nlp):
    from storyline.events.actors import _relative_garden_path

    doc = nlp("The officials who said Aleppo fell were wrong.")
    fell = next(t for t in doc if t.lower_ == "fell")
    assert _relative_garden_path(fell) is None


# -- acts undergone by the subject --------------------------------------------------------------------

def test_the_accused_of_stands_accused_is_the_target(nlp):
    ev = _last(nlp, "The Syrian president stands accused by France of crimes against humanity.", "ACCUSE")
    assert _codes(ev["source"]) == {"FRA"}
    assert _codes(ev["target"]) == {"SYR"}


def test_the_accused_is_no_source_when_no_accuser_is_named(nlp):
    ev = _last(nlp, "The Syrian president stands accused of crimes against humanity.", "ACCUSE")
    assert "SYR" in _codes(ev["target"])
    assert not _codes(ev["source"])


def test_charges_faced_before_a_court_come_from_the_court(nlp):
    ev = _last(nlp, "Assad faces charges of war crimes at the International Criminal Court.", "ACCUSE")
    assert _codes(ev["source"]) == {"ICC"}
    assert _codes(ev["target"]) == {"SYR"}


def test_criticism_come_under_from_a_country_is_an_accusation_by_it(nlp):
    ev = _last(nlp, "Russia came under criticism from Britain over its veto.", "ACCUSE")
    assert _codes(ev["source"]) == {"GBR"}
    assert _codes(ev["target"]) == {"RUS"}


def test_charges_faced_with_no_accuser_come_from_the_authorities(nlp):
    ev = _last(nlp, "The Syrian president faces charges of corruption.", "ACCUSE")
    assert _codes(ev["source"]) == {"SYR"}
    assert all(a.get("sector") == "GOV" for a in ev["source"])


def test_a_place_that_came_under_attack_is_its_people_not_its_owner(nlp):
    text = "Turkish jets bombed the border. Later their district came under attack by Syrian troops."
    ev = [e for e in _events(nlp, _SYRIA + text, "ASSAULT") if e["sentence"].startswith("Later")]
    assert ev and _codes(ev[0]["source"]) == {"SYR"}
    assert _codes(ev[0]["target"]) == {"SYR"}


def test_facing_an_enemy_is_no_undergone_act(nlp):
    ev = _events(nlp, "Turkish troops faced Syrian forces in a battle near the border.", "ASSAULT")
    assert ev and _codes(ev[0]["source"]) == {"TUR"}


# -- governing bodies and acronyms --------------------------------------------------------------------

def test_a_transitional_council_with_no_country_takes_the_article_country(nlp):
    ev = _last(nlp, "The National Transitional Council asked the Arab League for help.", "REQUEST")
    assert _codes(ev["source"]) == {"SYR"}
    assert _codes(ev["target"]) == {"ARL"}


def test_an_opposition_council_takes_the_article_country(nlp):
    ev = _last(nlp, "The opposition council rejected the offer on Tuesday.", "REJECT")
    assert _codes(ev["source"]) == {"SYR"}


def test_an_acronym_the_article_defines_stands_for_its_actor(nlp):
    text = ("The Gulf Cooperation Council (GCC) met in Riyadh on Monday. "
            "The GCC condemned Iran on Tuesday.")
    ev = [e for e in _events(nlp, text, "ACCUSE") if "condemned" in e["sentence"]]
    assert ev and _codes(ev[0]["source"]) == {"GCC"}


def test_a_body_named_bare_keeps_the_country_it_was_named_with(nlp):
    text = ("Russia recognised Libya's National Transitional Council on Monday. Russian officials met in Moscow. "
            "Russia's foreign minister praised Russia's envoys. Russia later sent aid to the National Transitional Council.")
    ev = [e for e in _events(nlp, text, "AID") if e["sentence"].startswith("Russia later")]
    assert ev and _codes(ev[0]["target"]) == {"LBY"}


def test_an_acronym_that_does_not_spell_the_name_is_not_taken(nlp):
    from storyline.actors.acronyms import _initials_match

    assert _initials_match(["National", "Transitional", "Council"], "NTC")
    assert _initials_match(["Council", "of", "Ministers"], "CM")
    assert not _initials_match(["National", "Transitional", "Council"], "TNC")


# -- demonym nouns -------------------------------------------------------------------------------------

def test_plural_and_man_demonyms_name_the_country(nlp):
    from storyline.actors import resolve_actor

    assert resolve_actor("Britons").code == "GBR"
    assert resolve_actor("Danes").code == "DNK"
    assert resolve_actor("Frenchmen").code == "FRA"
    assert resolve_actor("Qataris").code == "QAT"
    assert resolve_actor("poles") is None   # a lower-case plain word stays no people


def test_people_named_by_a_demonym_noun_are_the_target_country(nlp):
    ev = _last(nlp, "Two Swedes were detained by Syrian police on Tuesday.", "COERCE")
    assert _codes(ev["target"]) == {"SWE"}


# -- the electoral sense of beating --------------------------------------------------------------------

def test_beating_an_incumbent_is_no_assault(nlp):
    assert not _events(nlp, "Republicans beat the incumbent senator in Ohio.", "ASSAULT")
    assert not _events(nlp, "The opposition defeated the ruling party in the parliamentary elections.", "ASSAULT")


def test_beating_people_stays_an_assault(nlp):
    assert _events(nlp, "Police beat protesters in the main square.", "ASSAULT")
    assert _events(nlp, "Soldiers beat the protesters during the vote.", "ASSAULT")
