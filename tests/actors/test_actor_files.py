"""Users' own actor files, layered over the packaged tables (storyline.actors.tables)."""
from __future__ import annotations

import pytest

from storyline.actors import (ActorFileError, actor_files, actor_tables, find_actor_mentions, resolve_actor,
                              use_actor_files)

#: Mohamed Hamdan Dagalo ("Hemedti"), RSF commander: in no packaged table
LEADERS = ("# my leaders\n"
           "name\taliases\tcountry\tsector\trole\tstart\tend\n"
           "Mohamed Hamdan Dagalo\themedti|hemeti|dagalo\tSDN\tREB\tleader\t2013-08-01\t\n")


@pytest.fixture
def packaged_only():
    """Whatever a test switches on, the packaged tables alone afterwards."""
    yield
    use_actor_files([])


def test_a_user_leader_is_resolved_only_after_adding_the_file(tmp_path, packaged_only):
    path = tmp_path / "leaders.tsv"
    path.write_text(LEADERS, encoding="utf-8")
    assert resolve_actor("Hemedti", date="2024-05-01") is None
    use_actor_files([path])
    assert actor_files() == (str(path.resolve()),)
    ref = resolve_actor("Hemedti", date="2024-05-01")
    assert (ref.code, ref.sector, ref.name) == ("SDN", "REB", "Mohamed Hamdan Dagalo")
    ref = resolve_actor("Mohamed Hamdan Dagalo", date="2010-01-01")   # before his tenure: elite
    assert (ref.code, ref.sector) == ("SDN", "ELI")
    use_actor_files([])
    assert resolve_actor("Hemedti", date="2024-05-01") is None


def test_user_entries_win_over_packaged_ones(tmp_path):
    orgs = tmp_path / "my_orgs.csv"
    orgs.write_text("alias,code,sector,name\nkremlin,RUS,MIL,Kremlin Regiment\n", encoding="utf-8")
    agents = tmp_path / "agents.tsv"
    agents.write_text("phrase\tsector\nminister\tOPP\n", encoding="utf-8")
    packaged = actor_tables()
    assert packaged.agent_sector(("minister",)) == "GOV"
    tables = actor_tables([orgs, agents])
    assert tables is not packaged
    entry = tables.index[("kremlin",)]
    assert (entry.code, entry.sector, entry.name) == ("RUS", "MIL", "Kremlin Regiment")
    assert tables.agent_sector(("minister",)) == "OPP" and tables.agent_sector(("ministers",)) == "OPP"
    assert actor_tables() is packaged and packaged.index[("kremlin",)].sector == "GOV"


def test_the_component_setting_codes_an_actor_we_never_saw(tmp_path, packaged_only):
    import spacy

    path = tmp_path / "leaders.tsv"
    path.write_text(LEADERS, encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_actors", config={"actor_files": [str(path)]})
    doc = nlp.make_doc("Hemedti met Abiy Ahmed in Addis Ababa.")
    doc._.dct = "2024-01-02"
    doc = nlp(doc)
    assert [(a["text"], a["code"], a["sector"]) for a in doc._.actors][:2] == [
        ("Hemedti", "SDN", "REB"), ("Abiy Ahmed", "ETH", "GOV")]
    spans = doc.spans["storyline_actors"]
    assert [(s.start_char, s.end_char, s.label_) for s in spans] == [
        (a["start"], a["end"], a["kind"]) for a in doc._.actors]


def test_an_event_of_a_user_actor_is_coded(nlp, tmp_path, packaged_only):
    path = tmp_path / "leaders.tsv"
    path.write_text(LEADERS, encoding="utf-8")
    text = "Hemedti met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on Wednesday."

    def coded():
        doc = nlp.make_doc(text)
        doc._.dct = "2024-01-03"
        return [(e["event_type"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
                for e in nlp(doc)._.events]

    assert not any("SDN" in source for _t, source, _target in coded())
    use_actor_files([path])
    assert ("CONSULT", ["SDN"], ["ETH"]) in coded()


@pytest.mark.parametrize("name,text,message", [
    ("people.tsv", "who\twhat\nx\ty\n", "people.tsv, line 1: the header (who, what) names the columns of no kind"),
    ("leaders.tsv", LEADERS + "Abdel Rahim Dagalo\t\tSDN\tREB\tdeputy\t2024-13\t\n",
     "leaders.tsv, line 4: start '2024-13' is not an ISO day"),
    ("leaders.tsv", LEADERS + "\t\tSDN\tREB\t\t\t\n", "leaders.tsv, line 4: the 'name' column is empty"),
    ("orgs.tsv", "alias\tcode\tsector\tname\nrsf\tSudan\tREB\tRSF\n", "orgs.tsv, line 2: 'Sudan' is not a country"),
    ("orgs.tsv", "alias\tcode\tsector\tname\n\nrsf\tSDN\tRSF\tRSF\n", "orgs.tsv, line 3: unknown sector 'RSF'"),
    ("agents.tsv", "phrase\tsector\nmilitiamen\tREB\tx\ty\n", "agents.tsv, line 2: 4 fields, the header has 2"),
    ("empty.tsv", "# nothing\n", "empty.tsv: the actor file has no header line"),
])
def test_bad_user_files_name_the_file_and_line(tmp_path, name, text, message, packaged_only):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActorFileError) as err:
        use_actor_files([path])
    assert str(tmp_path / message.split(",")[0].split(":")[0]) in str(err.value)
    assert message in str(err.value)
    assert actor_files() == ()


def test_a_missing_user_file_is_a_clear_error(tmp_path):
    with pytest.raises(ActorFileError, match="no such actor file"):
        actor_tables([tmp_path / "nope.tsv"])


def test_mentions_without_user_files_are_unchanged():
    import spacy

    doc = spacy.blank("en")("Putin met Xi.")
    assert [a["code"] for a in find_actor_mentions(doc)] == ["RUS", "CHN"]
