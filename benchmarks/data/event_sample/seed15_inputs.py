"""The inputs of judging rounds 1 and 2: the first 80 bpoil_foxnews Timeline17 records and 60
html-extraction pages (sorted by name, shuffled by ``random.Random(15)``, first 60).

    python benchmarks/data/event_sample/seed15_inputs.py DIR

Writes ``DIR/records.jsonl`` (each record's id as ``bpoil_foxnews-<id>``, so that its topic is known:
``benchmarks/judged_events.py``) and ``DIR/html/``.  ``storyline run DIR/records.jsonl DIR/html`` then
codes the events the judged files of those rounds are joined to (``benchmarks/fit_confidence.py --judged``).
"""
from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BENCH = ROOT.parent / "shared" / "bench"


def main(out: Path) -> int:
    (out / "html").mkdir(parents=True, exist_ok=True)
    lines = (BENCH / "t17" / "bpoil_foxnews" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:80]
    with open(out / "records.jsonl", "w", encoding="utf-8") as fh:
        for a in map(json.loads, lines):
            fh.write(json.dumps(dict(a, id=f"bpoil_foxnews-{a['id']}"), ensure_ascii=False) + "\n")
    pages = sorted(p.name for p in (BENCH / "html-extraction" / "html").iterdir())
    random.Random(15).shuffle(pages)
    for name in pages[:60]:
        shutil.copy(BENCH / "html-extraction" / "html" / name, out / "html" / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
