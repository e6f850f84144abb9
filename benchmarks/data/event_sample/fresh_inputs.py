"""The inputs of judging round 3 (fresh material): records and pages in no gold set, seed 16.

    python benchmarks/data/event_sample/fresh_inputs.py DIR

Writes ``DIR/records.jsonl`` (60 bpoil_foxnews and 40 LibyaWar_cnn Timeline17 records not in the dev, dev2
or train gold sets, drawn by ``random.Random(16)`` from each topic's pool) and ``DIR/html/`` (60
html-extraction pages in no gold set, sorted by hash, shuffled by ``random.Random(16)``, first 60).
"""
from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BENCH = ROOT.parent / "shared" / "bench"
GOLDS = [BENCH / "events" / "realnews" / "dev-gold.jsonl", ROOT / "benchmarks" / "data" / "realnews" / "dev2-gold.jsonl",
         ROOT / "benchmarks" / "data" / "realnews" / "train-gold.jsonl"]


def main(out: Path) -> int:
    used = {(g["topic"], g["article_id"]) for p in GOLDS for g in map(json.loads, p.open(encoding="utf-8"))}
    (out / "html").mkdir(parents=True, exist_ok=True)
    with open(out / "records.jsonl", "w", encoding="utf-8") as fh:
        for topic, n in (("bpoil_foxnews", 60), ("LibyaWar_cnn", 40)):
            arts = [json.loads(x) for x in (BENCH / "t17" / topic / "articles.jsonl").open(encoding="utf-8")]
            pool = [a for a in arts if (topic, str(a["id"])) not in used and a.get("text", "").strip()]
            for a in random.Random(16).sample(pool, n):
                fh.write(json.dumps({"id": f"{topic}-{a['id']}", "time": a["time"], "text": a["text"],
                                     "source": topic.split("_")[1]}, ensure_ascii=False) + "\n")
    truth = json.loads((BENCH / "html-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted(h for h in truth if ("html-extraction", h) not in used)
    random.Random(16).shuffle(pages)
    for h in pages[:60]:
        shutil.copy(BENCH / "html-extraction" / "html" / f"{h}.html.gz", out / "html" / f"{h}.html.gz")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
