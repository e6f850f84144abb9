"""Settings: packaged defaults, a user TOML file over them, keyword overrides over both."""
from __future__ import annotations

import pytest

from storyline.errors import BadArguments
from storyline.settings import Settings, load_settings


def test_packaged_defaults_are_the_dataclass_defaults():
    assert load_settings() == Settings()


def test_a_user_file_sets_some_keys_and_keeps_the_rest(tmp_path):
    (tmp_path / "mine.toml").write_text('jobs = 2\nfast = false\nactor_files = ["sudan.tsv"]\n')
    settings = load_settings(tmp_path / "mine.toml")
    assert (settings.jobs, settings.fast, settings.chunk_chars) == (2, False, Settings().chunk_chars)
    assert settings.actor_files == (str(tmp_path / "sudan.tsv"),)   # relative to the file's folder


def test_keywords_win_over_the_file_and_actor_files_add_up(tmp_path):
    (tmp_path / "mine.toml").write_text('jobs = 2\nactor_files = ["a.tsv"]\n')
    settings = load_settings(tmp_path / "mine.toml", jobs=1, model=None, actor_files=["/x/b.tsv"])
    assert settings.jobs == 1 and settings.actor_files == (str(tmp_path / "a.tsv"), "/x/b.tsv")


@pytest.mark.parametrize("text,message", [
    ("jobz = 2\n", "unknown setting"),
    ("jobs = 0\n", "at least 1"),
    ('jobs = "2"\n', "not a valid value"),
    ("fast = 1\n", "not a valid value"),
    ("jobs = [\n", "not valid TOML"),
    ('actor_files = "one.tsv"\n', "list of paths"),
])
def test_bad_files_are_refused_naming_file_and_key(tmp_path, text, message):
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(BadArguments, match=message) as raised:
        load_settings(tmp_path / "bad.toml")
    assert "bad.toml" in str(raised.value)


def test_a_missing_file_is_a_plain_error(tmp_path):
    with pytest.raises(BadArguments, match="cannot read the settings file"):
        load_settings(tmp_path / "nope.toml")


def test_a_run_follows_its_settings_file(tmp_path):
    import storyline

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.txt").write_text("Putin met Xi in Beijing on Thursday.\n", encoding="utf-8")
    (tmp_path / "in" / "big.txt").write_text("Putin met Xi in Beijing on Thursday. " * 20, encoding="utf-8")
    (tmp_path / "tight.toml").write_text("max_bytes = 200\n")
    summary = storyline.run(tmp_path / "in", out=tmp_path / "out", config=tmp_path / "tight.toml")
    assert summary.articles_read == 1
    assert [r.path.rsplit("/", 1)[-1] for r in summary.rejected] == ["big.txt"]
    assert "too large" in summary.rejected[0].reason


def test_a_run_codes_the_users_own_actors_and_only_when_given(tmp_path):
    import json

    import storyline

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "sudan.txt").write_text(
        "Hemedti met Abiy Ahmed in Addis Ababa on Monday.\n", encoding="utf-8")
    (tmp_path / "leaders.tsv").write_text(
        "name\taliases\tcountry\tsector\trole\tstart\tend\n"
        "Mohamed Hamdan Dagalo\themedti|dagalo\tSDN\tREB\tleader\t2013-08-01\t\n", encoding="utf-8")

    def sources(out):
        return [[a["code"] for a in json.loads(line)["source"]]
                for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]

    storyline.run(tmp_path / "in", out=tmp_path / "with", actors=[tmp_path / "leaders.tsv"])
    assert ["SDN"] in sources(tmp_path / "with")
    storyline.run(tmp_path / "in", out=tmp_path / "without")
    assert ["SDN"] not in sources(tmp_path / "without")


def test_a_bad_actor_file_is_one_plain_error(tmp_path):
    import storyline
    from storyline.errors import StorylineError

    (tmp_path / "a.txt").write_text("Putin met Xi.\n", encoding="utf-8")
    (tmp_path / "bad.tsv").write_text("who\twhat\nx\ty\n", encoding="utf-8")
    with pytest.raises(StorylineError, match="bad.tsv"):
        storyline.run(tmp_path / "a.txt", out=tmp_path / "out", actors=[tmp_path / "bad.tsv"])
    assert not (tmp_path / "out").exists()


def test_the_event_threshold_defaults_to_the_confidence_files_and_can_be_set(tmp_path):
    import json
    from importlib import resources

    packaged = json.loads(resources.files("storyline").joinpath("data/events/confidence.json").read_text())
    assert load_settings().event_threshold == packaged["default_threshold"]
    (tmp_path / "mine.toml").write_text("event_threshold = 0.7\n")
    assert load_settings(tmp_path / "mine.toml").event_threshold == 0.7
    assert load_settings(tmp_path / "mine.toml", event_threshold=0.2).event_threshold == 0.2
    (tmp_path / "one.toml").write_text("event_threshold = 1\n")
    assert load_settings(tmp_path / "one.toml").event_threshold == 1.0


@pytest.mark.parametrize("text,message", [
    ("event_threshold = 1.5\n", "between 0 and 1"),
    ("event_threshold = -0.1\n", "between 0 and 1"),
    ("event_threshold = nan\n", "between 0 and 1"),
    ('event_threshold = "high"\n', "not a valid value"),
    ("event_threshold = true\n", "not a valid value"),
])
def test_a_bad_event_threshold_is_refused(tmp_path, text, message):
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(BadArguments, match=message):
        load_settings(tmp_path / "bad.toml")
    with pytest.raises(BadArguments, match="event_threshold"):
        load_settings(event_threshold=2.0)


def test_the_timeline_size_is_sized_to_the_corpus_unless_set(tmp_path):
    assert load_settings().timeline_entries == 0
    (tmp_path / "mine.toml").write_text("timeline_entries = 40\n")
    assert load_settings(tmp_path / "mine.toml").timeline_entries == 40
    (tmp_path / "bad.toml").write_text("timeline_entries = -1\n")
    with pytest.raises(BadArguments, match="timeline_entries"):
        load_settings(tmp_path / "bad.toml")
