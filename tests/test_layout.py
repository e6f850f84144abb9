"""The layout holds: small modules and functions, components found by name, the README example runs."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "storyline"
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMPONENTS = ("storyline_paragraphs", "storyline_timex", "storyline_actors", "storyline_events", "storyline_quotes")

_spec = importlib.util.spec_from_file_location("sizes", ROOT / "tools" / "sizes.py")
sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sizes)


def test_no_function_over_60_lines_and_no_module_over_600():
    assert sizes.oversized([PACKAGE], max_function=60, max_module=600) == []


def test_the_size_check_finds_what_is_too_long(tmp_path):
    (tmp_path / "long.py").write_text("def f():\n" + "    x = 1\n" * 61 + "\n" * 600)
    assert [line.split(": ", 1)[1] for line in sizes.oversized([tmp_path], max_function=60, max_module=600)] == [
        "module of 662 lines", "f has 62 lines"]


def _fresh(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter outside the checkout (storyline comes from the install)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=300)


def test_a_blank_pipeline_adds_every_component_by_name_without_importing_storyline():
    done = _fresh("import spacy, sys\n"
                  "nlp = spacy.blank('en')\n"
                  f"for name in {COMPONENTS!r}:\n"
                  "    nlp.add_pipe(name)\n"
                  "print(' '.join(nlp.pipe_names))\n")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == list(COMPONENTS)


def test_the_readme_example_runs_in_a_fresh_interpreter():
    block = re.search(r"## Storyline's components in your own spaCy pipeline.*?```python\n(.*?)```", README, re.S)
    assert block, "the README lost its component example"
    done = _fresh(block.group(1))
    assert done.returncode == 0, done.stderr[-2000:]
    timexes, events, quotes, spans = done.stdout.splitlines()
    assert "('Thursday', '2024-05-16')" in timexes
    assert "CONSULT" in events and "RUS" in events
    assert "Kremlin" in quotes and "Thursday" in spans
