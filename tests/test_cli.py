"""The CLI is a thin shell: commands exist, forward to the library, and are documented."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented_in_the_readme(command):
    assert f"storyline {command}" in README


def test_run_reports_rejects_and_exits_zero(tmp_path):
    (tmp_path / "a.txt").write_text("Putin met Xi in Beijing on Thursday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "b.txt" in result.output and "rejected" in result.output
    assert len((tmp_path / "out" / "articles.jsonl").read_text().splitlines()) == 1


def test_run_exits_non_zero_when_nothing_is_readable(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1


def test_timex_command_passes_ids_and_survives_bad_lines():
    lines = "\n".join([
        json.dumps({"id": "x1", "text": "Putin met Xi on Wednesday.", "dct": "2021-12-16"}),
        "{not json",
        json.dumps({"id": "x2", "text": "No time here.", "dct": "2021-12-16"}),
    ])
    result = CliRunner().invoke(main, ["timex"], input=lines + "\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["x1", None, "x2"]
    assert records[0]["timexes"][0]["value"] == "2021-12-15"
    assert records[2]["timexes"] == []
