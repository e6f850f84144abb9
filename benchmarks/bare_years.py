"""Bare years on real pages: how many 4-digit numbers the time-expression layer reads as years.

A "bare year" is a timex whose text is a 4-digit number alone ("1660", "1982").  The script reads
the articles of a Storyline store (``storyline run --out DIR`` leaves ``DIR/storyline.sqlite``),
re-extracts their time expressions with the current code (text rules only: a bare year's rule does
not use the parse) and writes every bare year with its context to a JSONL file, so that two code
versions can be compared on the same texts, and a fixed-seed sample can be read and judged.

Run:  PYTHONPATH=src .venv/bin/python benchmarks/bare_years.py STORE.sqlite OUT.jsonl [--sample 40 --seed 16]
      PYTHONPATH=src .venv/bin/python benchmarks/bare_years.py --diff BEFORE.jsonl AFTER.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
from pathlib import Path

from storyline.timex import extract_timexes

BARE = re.compile(r"\d{4}")


def bare_years(store: Path) -> list[dict]:
    con = sqlite3.connect(store)
    rows = con.execute("SELECT id, text, published FROM articles WHERE duplicate_of IS NULL ORDER BY id").fetchall()
    found = []
    for aid, text, published in rows:
        for t in extract_timexes(text or "", published):
            if BARE.fullmatch(t.text):
                left = text[max(0, t.start - 60):t.start].replace("\n", " | ")
                right = text[t.end:t.end + 40].replace("\n", " | ")
                found.append({"article": aid, "start": t.start, "value": t.value, "published": published,
                              "context": f"{left}[[{t.text}]]{right}"})
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs=2)
    ap.add_argument("--diff", action="store_true", help="compare two JSONL files written before")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()
    if args.diff:
        before, after = ([json.loads(x) for x in open(p, encoding="utf-8")] for p in args.paths)
        keys = {(r["article"], r["start"]) for r in after}
        dropped = [r for r in before if (r["article"], r["start"]) not in keys]
        old = {(r["article"], r["start"]) for r in before}
        added = [r for r in after if (r["article"], r["start"]) not in old]
        print(f"bare years before {len(before)}, after {len(after)}; dropped {len(dropped)}, added {len(added)}")
        for r in random.Random(args.seed).sample(dropped, min(args.sample, len(dropped))):
            print("DROPPED", r["value"], r["context"])
        for r in added:
            print("ADDED", r["value"], r["context"])
        return
    found = bare_years(Path(args.paths[0]))
    with open(args.paths[1], "w", encoding="utf-8") as f:
        for r in found:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(found)} bare years in {len({r['article'] for r in found})} articles")
    for r in random.Random(args.seed).sample(found, min(args.sample, len(found))):
        print(r["value"], r["context"])


if __name__ == "__main__":
    main()
