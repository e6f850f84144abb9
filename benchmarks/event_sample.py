"""A random sample of a run's events, for reading by hand: is each a real political event, of the
right type, with the right sides?

    .venv/bin/python benchmarks/event_sample.py OUT [--n 50] [--seed 15] [--every] > sample.jsonl
    .venv/bin/python benchmarks/event_sample.py --score judged.jsonl

The first form draws ``n`` events (fixed seed) from ``OUT/events.jsonl`` (the run's events) or, with
``--every``, from all the events the run stored, and writes one JSON object per event with what a
judge needs: the article's title and outlet, the sentence, the sentence before it, the type, CAMEO
code, sides with their codes, date, modality and confidence.  The judge adds ``"event"``,
``"type_ok"``, ``"source_ok"``, ``"target_ok"`` (true/false) to each line, by
``../shared/bench/events/realnews/GUIDE.md``.  The second form prints the shares, one per line:
political events, right type, fully right (type and both sides).

With no arguments (as ``make bench`` runs it) it prints the shares of the judged samples kept in
``benchmarks/data/`` for this script.

    .venv/bin/python benchmarks/event_sample.py --score judged.jsonl --rescore OUT

scores a judged sample of every stored event (``--every``) against another run ``OUT`` of the same
inputs (newer code, another confidence model): each judged event is looked up among ``OUT``'s stored
events by sentence, trigger and type; one not stored there is dropped, one stored keeps its
judgment (``fully right`` only where both sides read the same, else it counts as ``sides_changed``).
It prints the shares among the judged events ``OUT`` keeps (confidence at or over its recorded
threshold), the share of the judged right-type events still kept (``type_right_kept``), and the
same at other thresholds (``t=0.5_...``), and how many events ``OUT`` stores and keeps (events a
newer code adds are not in the sample: compare ``run_kept`` with the judged run's).
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from pathlib import Path
from typing import Optional


def _events(out: Path, every: bool) -> list[dict]:
    if not every:
        return [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    with sqlite3.connect(out / "storyline.sqlite") as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("select * from events order by id")]
    for r in rows:
        r["source"], r["target"] = json.loads(r["source"] or "[]"), json.loads(r["target"] or "[]")
    return rows


def _articles(out: Path) -> dict[str, dict]:
    return {a["id"]: a for a in map(json.loads, (out / "articles.jsonl").read_text(encoding="utf-8").splitlines())}


def _side(actors: list[dict]) -> list[str]:
    return [f"{a.get('text')} [{a.get('code') or '-'}{'/' + a['sector'] if a.get('sector') else ''}]" for a in actors]


def sample(out: Path, n: int, seed: int, every: bool) -> list[dict]:
    events, articles = _events(out, every), _articles(out)
    picked = random.Random(seed).sample(events, min(n, len(events)))
    rows = []
    for e in picked:
        article = articles.get(e["article_id"], {})
        text = article.get("text") or ""
        before = text[max(0, e["start"] - 300):e["start"]].rsplit(". ", 1)[-1]
        rows.append({"id": e["id"], "title": article.get("title"), "outlet": article.get("source"),
                     "published": article.get("published"), "before": before.strip(), "sentence": e["sentence"],
                     "trigger": e.get("trigger"), "type": e["event_type"], "cameo": e.get("cameo"),
                     "source": _side(e["source"]), "target": _side(e["target"]), "date": e.get("date"),
                     "modality": e.get("modality"), "confidence": e.get("confidence")})
    return rows


def score(judged: list[dict]) -> dict[str, float]:
    n = len(judged) or 1
    event = sum(bool(j.get("event")) for j in judged)
    typed = sum(bool(j.get("event") and j.get("type_ok")) for j in judged)
    full = sum(bool(j.get("event") and j.get("type_ok") and j.get("source_ok") and j.get("target_ok"))
               for j in judged)
    return {"sample": len(judged), "political_event": event / n, "type_right": typed / n, "fully_right": full / n}


def read_judged(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def print_shares(score_of, judged: list[dict], prefix: str = "") -> None:
    """``score_of(judged)``'s figures, one ``name: value`` per line (also for benchmarks/quote_sample.py)."""
    for name, value in score_of(judged).items():
        print(f"{prefix}{name}: {value:.3f}" if isinstance(value, float) else f"{prefix}{name}: {value}")


def print_stored(score_of, folder: Path) -> None:
    """The shares of every judged sample (``*.jsonl``) in ``folder``, prefixed by the file's stem."""
    for path in sorted(folder.glob("*.jsonl")):
        print_shares(score_of, read_judged(path), prefix=f"{path.stem}_")


def _stored(out: Path) -> tuple[dict, float]:
    """``OUT``'s stored events by (sentence, trigger, type), and the threshold its run kept them at."""
    by_key = {}
    for e in _events(out, every=True):
        by_key.setdefault((e["sentence"], e.get("trigger"), e["event_type"]), e)
    with sqlite3.connect(out / "storyline.sqlite") as db:
        row = db.execute("select value from run_settings where key = 'event_threshold'").fetchone()
    return by_key, float(row[0])


def rescore(judged: list[dict], out: Path) -> dict[str, float]:
    """See the module's docstring (``--rescore``)."""
    by_key, threshold = _stored(out)
    found = []
    for j in judged:
        e = by_key.get((j["sentence"], j.get("trigger"), j["type"]))
        if e is not None:
            same = _side(e["source"]) == j["source"] and _side(e["target"]) == j["target"]
            found.append((e["confidence"] or 0.0, same, j))
    right = sum(bool(j.get("event") and j.get("type_ok")) for j in judged) or 1
    figures: dict[str, float] = {"judged": len(judged), "still_stored": len(found), "threshold": threshold}
    for t in (threshold, 0.3, 0.5, 0.6, 0.7, 0.8):
        kept = [(same, j) for c, same, j in found if c >= t]
        shares = score([j for _, j in kept])
        prefix = "" if t == threshold else f"t={t}_"
        figures[f"{prefix}kept"] = len(kept)
        figures[f"{prefix}political_event"] = shares["political_event"]
        figures[f"{prefix}type_right"] = shares["type_right"]
        figures[f"{prefix}fully_right"] = score([j for same, j in kept if same])["fully_right"]
        figures[f"{prefix}sides_changed"] = sum(not same for same, _ in kept)
        figures[f"{prefix}type_right_kept"] = sum(bool(j.get("event") and j.get("type_ok")) for _, j in kept) / right
    figures["run_stored"] = len(by_key)
    figures["run_kept"] = sum(1 for e in by_key.values() if (e["confidence"] or 0) >= threshold)
    return figures


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", help="a storyline run's output folder")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--every", action="store_true", help="sample every stored event, not only the run's")
    ap.add_argument("--score", metavar="JUDGED", help="print the shares of a judged sample")
    ap.add_argument("--rescore", metavar="OUT", help="with --score: the judged events as another run OUT keeps them")
    args = ap.parse_args(argv)
    if args.score and args.rescore:
        print_shares(lambda judged: rescore(judged, Path(args.rescore)), read_judged(Path(args.score)))
        return 0
    if args.score:
        print_shares(score, read_judged(Path(args.score)))
        return 0
    if not args.out:
        # no arguments (make bench): the shares of the judged samples kept in the project
        print_stored(score, Path(__file__).resolve().parent / "data" / "event_sample")
        return 0
    for row in sample(Path(args.out), args.n, args.seed, args.every):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
