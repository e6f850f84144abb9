"""A random sample of a run's quotes, for reading by hand: is each a real quotation (or a paraphrase of
what someone said or stated), and is its speaker right?

    .venv/bin/python benchmarks/quote_sample.py OUT [--n 50] [--seed 16] > sample.jsonl
    .venv/bin/python benchmarks/quote_sample.py --score judged.jsonl

The first form draws ``n`` quotes (fixed seed) from ``OUT/quotes.jsonl`` and writes one JSON object per
quote with what a judge needs: the article's title and outlet, the text around the quote, the quote's
content, cue, kind, speaker mention and resolved speaker.  The judge adds ``"quote"`` (true: the content
is something a person, group or organisation said, wrote or stated as their stance, and the cue says
so) and ``"speaker_ok"`` (true: the resolved speaker is who said it), and a short ``"note"``.  The
second form prints the shares, one per line: real quotes, and real quotes with the right speaker.

With no arguments (as ``make bench`` runs it) it prints the shares of the judged samples kept in
``benchmarks/data/`` for this script.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Optional

from event_sample import print_shares, print_stored  # the judged-sample printing both sample scripts share


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sample(out: Path, n: int, seed: int) -> list[dict]:
    quotes = _lines(out / "quotes.jsonl")
    articles = {a["id"]: a for a in _lines(out / "articles.jsonl")}
    picked = random.Random(seed).sample(quotes, min(n, len(quotes)))
    rows = []
    for q in picked:
        article = articles.get(q["article_id"], {})
        text = article.get("text") or ""
        lo = min(q["start"], q.get("speaker_start") or q["start"])
        hi = max(q["end"], q.get("speaker_end") or q["end"])
        mention = text[q["speaker_start"]:q["speaker_end"]] if q.get("speaker_start") is not None else None
        rows.append({"id": q["id"], "title": article.get("title"), "outlet": article.get("source"),
                     "context": text[max(0, lo - 250):hi + 120], "content": q["text"], "kind": q.get("kind"),
                     "cue": q.get("cue"), "mention": mention, "speaker": q.get("speaker")})
    return rows


def score(judged: list[dict]) -> dict[str, float]:
    n = len(judged) or 1
    real = sum(bool(j.get("quote")) for j in judged)
    right = sum(bool(j.get("quote") and j.get("speaker_ok")) for j in judged)
    return {"sample": len(judged), "real_quote": real / n, "real_quote_right_speaker": right / n}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", help="a storyline run's output folder")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--score", metavar="JUDGED", help="print the shares of a judged sample")
    args = ap.parse_args(argv)
    if args.score:
        print_shares(score, _lines(Path(args.score)))
        return 0
    if not args.out:
        # no arguments (make bench): the shares of the judged samples kept in the project
        print_stored(score, Path(__file__).resolve().parent / "data" / "quote_sample")
        return 0
    for row in sample(Path(args.out), args.n, args.seed):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
