"""Event-date benchmark: are coded events dated to the day they happened?

Gold: benchmarks/data/event_dates/gold.jsonl, hand-annotated from the seed corpus (the five
putin-xi articles in /work/shared/corpora/putin-xi) and one Reuters article of the t17 Libya
timeline set (/work/shared/bench/t17/LibyaWar_reuters, id 144).  Each line names an event by its
document, its trigger word and a piece of its sentence, with the dates accepted for it (the day it
happened as the article tells it; a span when the article gives one).

The benchmark runs ``storyline run`` (this checkout's code: ``sys.executable -m storyline.cli``
with ``src`` first on PYTHONPATH) over those articles and prints one figure per line:

- date accuracy over the gold events the run coded (all, then per set),
- how many gold events the run coded,
- the share of those whose date was defaulted to the publication day (``date_how`` article),
- the share of each ``date_how``.

Run:  PYTHONPATH=src .venv/bin/python benchmarks/event_dates.py [--errors]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "benchmarks" / "data" / "event_dates" / "gold.jsonl"
CORPUS = SHARED / "corpora" / "putin-xi"
T17 = SHARED / "bench" / "t17"


def _inputs(folder: Path, docs: set[str]) -> dict[str, str]:
    """Write the gold's documents into ``folder``; returns input file name -> gold doc name."""
    names = {}
    for doc in sorted(docs):
        if doc.startswith("putin-xi/"):
            stem = doc.split("/", 1)[1]
            shutil.copy(CORPUS / f"{stem}.txt", folder / f"{stem}.txt")
            names[f"{stem}.txt"] = doc
        elif doc.startswith("t17/"):
            topic, _, article_id = doc.split("/", 1)[1].partition("#")
            for line in (T17 / topic / "articles.jsonl").open(encoding="utf-8"):
                rec = json.loads(line)
                if rec["id"] == article_id:
                    name = f"{topic}_{article_id}.jsonl"
                    (folder / name).write_text(json.dumps(rec) + "\n", encoding="utf-8")
                    names[name] = doc
                    break
    return names


def run_events(docs: set[str]) -> dict[str, list[dict]]:
    """The run's events per gold document."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        names = _inputs(tmp / "in", docs)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
        subprocess.run([sys.executable, "-m", "storyline.cli", "run", str(tmp / "in"), "--out", str(tmp / "out"),
                        "-q"], check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        article_doc = {}
        for line in (tmp / "out" / "articles.jsonl").open(encoding="utf-8"):
            a = json.loads(line)
            article_doc[a["id"]] = names.get(Path(re.sub(r":\d+$", "", a["path"])).name)
        by_doc = collections.defaultdict(list)
        for line in (tmp / "out" / "events.jsonl").open(encoding="utf-8"):
            e = json.loads(line)
            by_doc[article_doc.get(e["article_id"])].append(e)
    return by_doc


def score(gold: list[dict], by_doc: dict[str, list[dict]]) -> tuple[dict, list[str]]:
    right = collections.Counter()
    found = collections.Counter()
    total = collections.Counter()
    hows = collections.Counter()
    errors = []
    for g in gold:
        part = g["doc"].split("/", 1)[0]
        total[part] += 1
        matches = [e for e in by_doc.get(g["doc"], []) if e["trigger"] == g["trigger"] and g["sentence"] in e["sentence"]]
        if not matches:
            errors.append(f"not coded: {g['doc']} {g['trigger']!r} in {g['sentence']!r}")
            continue
        e = matches[0]
        found[part] += 1
        hows[e.get("date_how")] += 1
        if e.get("date") in g["dates"]:
            right[part] += 1
        else:
            errors.append(f"wrong: {g['doc']} {g['trigger']!r} {e.get('date')} ({e.get('date_how')}, "
                          f"{e.get('date_text')!r}) gold {g['dates']} — {g['note']}")
    n_found = sum(found.values())
    figures = {"date accuracy": sum(right.values()) / n_found if n_found else 0.0}
    for part in sorted(total):
        figures[f"date accuracy {part}"] = right[part] / found[part] if found[part] else 0.0
    figures["gold events coded"] = f"{n_found}/{sum(total.values())}"
    figures["defaulted share"] = hows.get("article", 0) / n_found if n_found else 0.0
    for how, n in sorted(hows.items(), key=lambda x: str(x[0])):
        figures[f"date_how {how}"] = n / n_found
    return figures, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list the gold events dated wrongly or not coded")
    args = ap.parse_args()
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8") if line.strip()]
    figures, errors = score(gold, run_events({g["doc"] for g in gold}))
    for name, value in figures.items():
        print(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}")
    if args.errors:
        for line in errors:
            print("#", line)


if __name__ == "__main__":
    main()
