"""Refit the event confidence on the current code in one command: every training set re-run, then fitted.

    .venv/bin/python benchmarks/refit_confidence.py WORK [--reuse] [--write] [fit_confidence options ...]

The confidence model (``data/events/confidence.json``) is fitted on the events the CODE stores, so a
change to the coder leaves it fitted to events that no longer exist.  This script redoes the whole fit:

1. writes the inputs of the judged training rounds into ``WORK`` (``benchmarks/data/event_sample/``:
   rounds 1-2 ``seed15_inputs.py``, round 3 ``fresh_inputs.py``, round 4 set B and round 5 set C
   ``round4_inputs.py`` (set C held out until scored at the end of session 10); round 4 set A and
   round 6 set D are held out and never run here);
2. runs ``storyline run`` over each with the current code (``WORK/out-R12``, ``out-R3``, ``out-B``, ``out-C``;
   ``--reuse`` keeps a run already there);
3. calls ``benchmarks/fit_confidence.py`` with the gold lines (dev + train, run into ``WORK/out-gold``),
   the judged sets and the setting-feature groups the model uses (``GROUPS`` below), passing on
   any other option (``--write`` writes the weights and the chosen threshold, ``--ablate`` redoes the
   forward selection of the groups).

Prints fit_confidence.py's figures (one ``name: value`` per line).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "data" / "event_sample"
sys.path.insert(0, str(HERE))
import fit_confidence  # noqa: E402

#: The setting-feature groups of the fitted model (chosen by ``fit_confidence.py --ablate``, session 9).
GROUPS = ["article share", "long sentence", "adverbial clause", "past", "other clause"]

#: Each judged training set: its name, the script writing its inputs, the folder of records inside
#: what the script writes, whether it has html pages, and its judged files.
ROUNDS = [
    ("R12", "seed15_inputs.py", ".", True,
     ["final-seed15-judged-round2.jsonl", "after-seed15-judged.jsonl", "before-seed15-judged.jsonl",
      "before-seed15-judged-round2.jsonl"]),
    ("R3", "fresh_inputs.py", ".", True,
     ["session7-fresh-seed15-judged-round3.jsonl", "session8-fresh-seed15-judged-round3.jsonl"]),
    ("B", "round4_inputs.py", "B", False, ["round4-B1-judged.jsonl", "round4-B2-judged.jsonl"]),
    ("C", "round4_inputs.py", "C", False, ["round5-C-judged.jsonl"]),
]


def run_round(work: Path, name: str, script: str, sub: str, html: bool, reuse: bool) -> Path:
    """The current code's run of a round's inputs (written and run unless ``reuse`` finds them)."""
    inputs, out = work / f"inputs-{name}", work / f"out-{name}"
    if reuse and (out / "storyline.sqlite").is_file():
        return out
    subprocess.run([sys.executable, str(SAMPLES / script), str(inputs)], check=True)
    folder = inputs / sub
    args = [str(folder / "records.jsonl")] + ([str(folder / "html")] if html else [])
    done = subprocess.run([sys.executable, "-m", "storyline.cli", "run", *args, "--out", str(out), "-q"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"storyline run of round {name} failed:\n{done.stderr[-3000:]}")
    return out


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-"):
        sys.exit(__doc__)
    work, rest = Path(argv[0]), argv[1:]
    reuse = "--reuse" in rest
    work.mkdir(parents=True, exist_ok=True)
    fit_args = ["--out", str(work / "out-gold")] + [a for a in rest if a != "--reuse"]
    if reuse:
        fit_args.append("--reuse")
    for name, script, sub, html, files in ROUNDS:
        out = run_round(work, name, script, sub, html, reuse)
        fit_args += ["--judged", str(out), *(str(SAMPLES / f) for f in files)]
    if "--groups" not in rest and "--ablate" not in rest:
        fit_args += ["--groups", *GROUPS]
    return fit_confidence.main(fit_args)


if __name__ == "__main__":
    sys.exit(main())
