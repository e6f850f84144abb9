"""Actor resolution: names, roles, metonyms and dates to country/IGO codes and sectors."""
from __future__ import annotations

import pytest

from storyline.actors import resolve_actor, resolve_role


@pytest.mark.parametrize("text,date,code,sector,name", [
    ("Vladimir Putin", None, "RUS", "GOV", "Vladimir Putin"),
    ("Pope Francis", "2024-06-01", "VAT", "REL", "Pope Francis"),
    ("the Vatican", None, "VAT", None, None),
    ("the Rapid Support Forces", None, "SDN", "REB", "Rapid Support Forces"),
    ("Chinese coast guard", None, "CHN", "MIL", None),
    ("Vladimir Putin", "2009-06-01", "RUS", "GOV", "Vladimir Putin"),
    ("Vladimir Putin", "1995", "RUS", "ELI", "Vladimir Putin"),
    ("the Kremlin", None, "RUS", "GOV", "Kremlin"),
    ("China's Foreign Ministry", None, "CHN", "GOV", None),
    ("Putin's foreign affairs adviser Yuri Ushakov", "2021-12-15", "RUS", "GOV", "Yuri Ushakov"),
    ("Chinese President Xi Jinping", "2024-05-16", "CHN", "GOV", "Xi Jinping"),
    ("Bloomberg", None, "USA", "MED", "Bloomberg"),
    ("the Chinese leader", "2022-02-04", "CHN", "GOV", "Xi Jinping"),
    ("the Russian president", "2009-01-01", "RUS", "GOV", "Dmitry Medvedev"),
    ("the Russian president", "2022-01-01", "RUS", "GOV", "Vladimir Putin"),
    ("Xi's foreign ministry", None, "CHN", "GOV", None),
    ("Moscow", None, "RUS", None, None),
    ("Beijing", None, "CHN", None, None),
    ("Washington", None, "USA", None, None),
    ("Canberra", None, "AUS", None, None),
    ("NATO", None, "NATO", None, "North Atlantic Treaty Organization"),
    ("the United Nations", None, "UN", None, "United Nations"),
    ("Syrian rebels", None, "SYR", "REB", None),
    ("A Tunisian court", None, "TUN", "JUD", None),
    ("Joe Biden", "2023-03-01", "USA", "GOV", "Joe Biden"),
    ("Biden", "2014-03-01", "USA", "GOV", "Joe Biden"),
    ("Keir Starmer", "2025-01-01", "GBR", "GOV", "Keir Starmer"),
    ("Defense Minister Andrei Belousov", "2024-06-01", "RUS", "MIL", "Andrei Belousov"),
])
def test_resolve_actor(text, date, code, sector, name):
    ref = resolve_actor(text, date=date)
    assert ref is not None
    assert (ref.code, ref.sector, ref.name) == (code, sector, name)


@pytest.mark.parametrize("text", ["he", "", "the weather", "us"])
def test_resolve_actor_none(text):
    assert resolve_actor(text) is None


@pytest.mark.parametrize("country,role,date,name", [
    ("USA", "president", "2024-06-01", "Joe Biden"),
    ("USA", "president", "2025-06-01", "Donald Trump"),
    ("GBR", "prime_minister", "2024-08-01", "Keir Starmer"),
    ("GBR", "prime_minister", "2022-10-01", "Liz Truss"),
    ("DEU", "leader", "2025-06-01", "Friedrich Merz"),
    ("USA", "foreign_minister", "2025-06-01", "Marco Rubio"),
    ("RUS", "defence_minister", "2023-01-01", "Sergei Shoigu"),
    ("CHN", "foreign_minister", "2024-01-01", "Wang Yi"),
])
def test_resolve_role(country, role, date, name):
    assert resolve_role(country, role, date=date) == name


def test_actors_component_in_a_blank_pipeline():
    import spacy

    import storyline.actors  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_actors")
    doc = nlp.make_doc("Putin met Xi and the Kremlin said NATO was wrong.")
    doc._.dct = "2022-02-04"
    doc = nlp(doc)
    assert [(a["text"], a["code"]) for a in doc._.actors] == [
        ("Putin", "RUS"), ("Xi", "CHN"), ("Kremlin", "RUS"), ("NATO", "NATO")]
    assert all(doc.text[a["start"]:a["end"]] == a["text"] for a in doc._.actors)


@pytest.mark.parametrize("text,expected", [
    ("Putin and Xi met in Beijing.", [("Putin", "RUS", "GOV"), ("Xi", "CHN", "GOV"), ("Beijing", "CHN", None)]),
    ("China's Foreign Ministry said so.", [("China's Foreign Ministry", "CHN", "GOV")]),
    ("Chinese President Xi Jinping spoke.", [("Chinese President Xi Jinping", "CHN", "GOV")]),
    ("Syrian rebels attacked.", [("Syrian rebels", "SYR", "REB")]),
    ("The Beijing Olympics opened.", []),     # a place in a name is not an actor
])
def test_actor_mentions(nlp, text, expected):
    doc = nlp.make_doc(text)
    doc._.dct = "2022-02-04"
    doc = nlp(doc)
    assert [(a["text"], a["code"], a["sector"]) for a in doc._.actors if a["code"]] == expected


@pytest.mark.parametrize("text,absent,present", [
    ("By A. Writer CAIRO -LRB- Reuters -RRB- - Egyptian police arrested dozens of activists on Sunday .",
     "Reuters", "Egyptian police"),
    ("KABUL, Afghanistan (AP) — Afghan troops attacked a Taliban camp overnight.", "AP", "Afghan troops"),
])
def test_a_wire_credit_is_no_actor_and_no_phrase_runs_across_it(nlp, text, absent, present):
    doc = nlp(text)
    texts = [a["text"] for a in doc._.actors]
    assert not any(absent in t for t in texts) and present in texts
    for event in doc._.events:
        assert not any(absent in a["text"] for a in event["source"] + event["target"])


def test_an_acronym_in_brackets_mid_sentence_is_no_credit(nlp):
    doc = nlp("The Islamic State (ISIS) - a militant group - attacked Iraqi forces in Mosul.")
    assert "ISIS" in [a["text"] for a in doc._.actors]
