"""Draw the train passages (no annotation): 120 passages of 4 consecutive lines, seed 2027.

    python benchmarks/data/realnews/sample_train.py > passages.jsonl

Made like ``dev2`` (:mod:`sample_dev2`: same lines, context and record fields), from material in neither
``dev-gold.jsonl`` nor ``dev2-gold.jsonl``, to fit the event coder's confidence weights and to find its
error classes; ``dev2`` stays the held-out check.

- 78 from Timeline17: 12 from each LibyaWar topic (the shared topics closest to the political news of the
  hidden set), 6 from each of the other 9 topics in name order.
- 42 from the HTML pages of ``shared/bench/html-extraction`` not drawn for dev2.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_dev2 as base  # noqa: E402

SEED = 2027
HERE = Path(__file__).resolve().parent


def used() -> set[tuple[str, str]]:
    golds = [base.BENCH / "events" / "realnews" / "dev-gold.jsonl", HERE / "dev2-gold.jsonl"]
    return {(g["topic"], g["article_id"]) for path in golds
            for g in map(json.loads, path.open(encoding="utf-8"))}


def t17(rng: random.Random, taken: set) -> list[dict]:
    out = []
    for topic in sorted(p.name for p in (base.BENCH / "t17").iterdir()):
        articles = [json.loads(x) for x in (base.BENCH / "t17" / topic / "articles.jsonl").open(encoding="utf-8")]
        pool = [a for a in articles if (topic, str(a["id"])) not in taken and base.windows(a["text"].split("\n"))]
        pool.sort(key=lambda a: int(a["id"]) if str(a["id"]).isdigit() else str(a["id"]))
        for a in rng.sample(pool, 12 if topic.startswith("LibyaWar") else 6):
            lines = a["text"].split("\n")
            out.append(base.record(topic, str(a["id"]), a["time"], lines, rng.choice(base.windows(lines))))
    return out


def html(rng: random.Random, taken: set) -> list[dict]:
    import gzip
    root = base.BENCH / "html-extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pool = sorted(h for h, v in truth.items()
                  if len(base.sentences(v["articleBody"])) >= base.SIZE and ("html-extraction", h) not in taken)
    out = []
    for h in rng.sample(pool, 42):
        lines = base.sentences(truth[h]["articleBody"])
        page = gzip.decompress((root / "html" / f"{h}.html.gz").read_bytes()).decode("utf-8", "replace")
        out.append(base.record("html-extraction", h, base.page_date(truth[h]["url"], page), lines,
                               rng.randrange(len(lines) - base.SIZE + 1)))
    return out


def main() -> int:
    rng, taken = random.Random(SEED), used()
    for r in t17(rng, taken) + html(rng, taken):
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
