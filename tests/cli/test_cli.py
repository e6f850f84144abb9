"""The CLI is a thin shell: commands exist, forward to the library, and are documented."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


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


def _run(tmp_path, *args):
    return CliRunner().invoke(main, ["run", *map(str, args), "--quiet"])


def test_user_strings_are_never_terminal_markup_or_escape_codes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Putin met Xi in Beijing on Thursday.\n", encoding="utf-8")
    (src / "\x1b[31mred\x1b[0m.txt").write_bytes(b"")
    out = tmp_path / "out[/x][bold]"
    result = _run(tmp_path, src, "--out", out)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\\x1b[31mred" in result.output
    assert "out[/x][bold]" in "".join(result.output.split())


def test_a_refused_store_is_one_message_and_its_exit_code(tmp_path):
    import sqlite3

    (tmp_path / "a.txt").write_text("Putin met Xi in Beijing on Thursday.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    sqlite3.connect(tmp_path / "out" / "storyline.sqlite").execute("create table mine (x)").connection.commit()
    result = _run(tmp_path, tmp_path / "a.txt", "--out", tmp_path / "out")
    assert result.exit_code == 5
    assert "not a Storyline store" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("raised,code", [(KeyboardInterrupt, 130), ("Interrupted", 143)])
def test_interrupts_exit_with_the_shell_codes(tmp_path, monkeypatch, raised, code):
    from storyline import errors, pipeline

    exc = getattr(errors, raised)("stop") if isinstance(raised, str) else raised()

    def stopped(*args, **kwargs):
        raise exc

    monkeypatch.setattr(pipeline, "run", stopped)
    (tmp_path / "a.txt").write_text("Putin met Xi.\n", encoding="utf-8")
    result = _run(tmp_path, tmp_path / "a.txt", "--out", tmp_path / "out")
    assert result.exit_code == code and "Interrupted; the store is consistent" in result.output


def test_sigterm_stops_a_real_run_cleanly(tmp_path, corpus_dir):
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "run", str(corpus_dir), "--out", str(out), "-q"],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (out / "storyline.sqlite").exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 143), err  # 0 only if it finished first
    if proc.returncode == 143:
        assert "Interrupted" in err and "Traceback" not in err
        assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]


def test_the_event_threshold_picks_the_runs_events_and_the_store_keeps_the_rest(tmp_path):
    import sqlite3

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.\n"
        "Officials said Moscow might impose sanctions on Ukraine next year.\n", encoding="utf-8")
    out = tmp_path / "out"

    def run(threshold: str):
        result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet",
                                           "--event-threshold", threshold])
        assert result.exit_code == 0, result.output
        with sqlite3.connect(out / "storyline.sqlite") as db:
            stored = sorted(c for (c,) in db.execute("select confidence from events"))
            recorded = db.execute("select value from run_settings where key = 'event_threshold'").fetchone()[0]
        lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
        return result.output, [json.loads(line)["confidence"] for line in lines], stored, recorded

    output, kept, stored, recorded = run("0")
    assert len(stored) >= 2 and stored[0] < stored[-1], "the text should give events of unequal confidence"
    assert sorted(kept) == stored and recorded == 0.0 and "events held below" in output
    # A higher threshold changes the outputs, not the store, and re-analyses nothing.
    output, kept, again, recorded = run(str(stored[-1]))
    assert again == stored and recorded == stored[-1]
    assert 0 < len(kept) < len(stored) and min(kept) >= stored[-1]
    assert re.search(r"analysed now\s*│\s*0\s*│", output) and f"events (confidence ≥ {stored[-1]:g})" in output


@pytest.mark.parametrize("value", ["1.5", "-0.2", "high"])
def test_a_bad_event_threshold_is_refused_with_exit_code_2(tmp_path, value):
    (tmp_path / "a.txt").write_text("Putin met Xi.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                       "--event-threshold", value])
    assert result.exit_code == 2
    assert "between 0 and 1" in result.output or "high" in result.output
    assert not (tmp_path / "out").exists()
