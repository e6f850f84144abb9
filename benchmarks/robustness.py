"""Robustness: real kill -9 at random moments of real runs, two runs at once, and hostile inputs.

Run: ``.venv/bin/python benchmarks/robustness.py [--kills N] [--records N] [--seed S]``.

1. A corpus: the demo corpus (its undated article makes the run infer a date and re-analyse) plus
   the first ``--records`` records of the Libya topic.  One clean run gives the reference outputs
   (the record files and timeline/relations, compared as sets of lines).
2. ``--kills`` times: a fresh OUT, ``storyline run`` in a subprocess killed with SIGKILL after a
   random delay drawn over the clean run's duration (fixed seed), sometimes a second kill in the
   re-run, then a re-run to the end; its outputs must equal the reference.  A kill that lands after
   the run finished counts as "finished first".
3. Two runs started at once into one OUT: one finishes, the other is refused with exit code 6 (or
   finishes after it), and the store passes ``PRAGMA integrity_check``.
4. Hostile inputs of the robustness issue, each in its own folder: the run must exit 0 or 1 (never
   a traceback) and list the input as rejected or failed.

Prints one ``name: value`` line per figure.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LIBYA = SHARED / "bench" / "t17" / "LibyaWar_reuters" / "articles.jsonl"
COMPARED = ("articles.jsonl", "events.jsonl", "quotes.jsonl", "timeline.json", "relations.json")
CLI = [sys.executable, "-m", "storyline.cli", "run"]


def outputs(out: Path) -> dict[str, list[str]]:
    return {name: sorted((out / name).read_text(encoding="utf-8").splitlines()) for name in COMPARED}


def run(corpus: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, str(corpus), "--out", str(out), "-q"], capture_output=True, text=True)


def make_corpus(root: Path, records: int) -> Path:
    corpus = root / "corpus"
    shutil.copytree(SHARED / "corpora" / "putin-xi", corpus)
    with open(LIBYA, encoding="utf-8") as src, open(corpus / "libya.jsonl", "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= records:
                break
            dst.write(line)
    return corpus


def kills(corpus: Path, root: Path, n: int, seed: int) -> None:
    clean = root / "clean"
    started = time.perf_counter()
    done = run(corpus, clean)
    duration = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"clean run failed: {done.stderr[-2000:]}")
    reference = outputs(clean)
    rng = random.Random(seed)
    equal = finished_first = 0
    for trial in range(n):
        out = root / f"kill{trial}"
        for _ in range(1 + (trial % 3 == 2)):  # every third trial is killed twice
            proc = subprocess.Popen([*CLI, str(corpus), "--out", str(out), "-q"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, 0.85) * duration)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            else:
                finished_first += 1
            proc.wait()
        again = run(corpus, out)
        same = again.returncode == 0 and outputs(out) == reference
        equal += same
        if not same:
            print(f"# trial {trial}: outputs differ from the clean run (exit {again.returncode})", flush=True)
        shutil.rmtree(out, ignore_errors=True)
    print(f"clean run seconds: {duration:.1f}")
    print(f"kills: {n} (landed after the end: {finished_first})")
    print(f"re-runs equal to the clean run: {equal}/{n}")


def concurrent(corpus: Path, root: Path) -> None:
    out = root / "both"
    procs = [subprocess.Popen([*CLI, str(corpus), "--out", str(out), "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = sorted(p.wait() for p in procs)
    with sqlite3.connect(out / "storyline.sqlite") as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
    print(f"two runs at once, exit codes: {codes}")
    print(f"two runs at once, store integrity: {check}")


def hostile(root: Path) -> None:
    cases = {
        "deep.json": b"[" * 100_000,
        "deep_line.jsonl": b'{"text": "Putin met Xi."}\n' + b"[" * 100_000 + b"\n",
        "deep_field.json": json.dumps({"text": "Putin met Xi in Beijing.", "meta": json.loads("[" * 900 + "]" * 900)}).encode(),
        "caf\xe9.txt".encode("latin-1"): b"Putin met Xi in Beijing on Thursday.\n",
        "\x1b[31mred.txt": b"",
        "empties.jsonl.gz": gzip.compress(b"{}\n" * 500_000),
        "huge.txt": (b"Rebels seized the town on Monday, officials said. " * 25_000),
        "libya_377.jsonl": b"",
    }
    with open(LIBYA, "rb") as fh:
        lines = fh.read().splitlines(keepends=True)
    cases["libya_377.jsonl"] = lines[376] if len(lines) > 376 else b""
    good = bad = 0
    for name, content in cases.items():
        folder = root / f"hostile{good + bad}"
        folder.mkdir()
        path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as fh:
            fh.write(content)
        result = subprocess.run([*CLI, os.fsencode(folder), "--out", str(root / f"hout{good + bad}"), "-q"],
                                capture_output=True, text=True, errors="replace")
        ok = result.returncode in (0, 1) and "Traceback" not in result.stderr
        good += ok
        bad += not ok
        label = os.fsdecode(name) if isinstance(name, bytes) else name
        print(f"# {label.encode('unicode_escape').decode()}: exit {result.returncode}"
              + ("" if ok else f" {result.stderr[-300:]!r}"), flush=True)
    print(f"hostile inputs handled: {good}/{good + bad}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--records", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="storyline-robust-") as tmp:
        root = Path(tmp)
        corpus = make_corpus(root, args.records)
        hostile(root)
        concurrent(corpus, root)
        kills(corpus, root, args.kills, args.seed)


if __name__ == "__main__":
    main()
