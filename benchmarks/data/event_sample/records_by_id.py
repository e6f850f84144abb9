"""Timeline17 records by id, for judging rounds whose inputs are a list of record ids.

    python benchmarks/data/event_sample/records_by_id.py IDS_FILE DIR

``IDS_FILE`` holds one ``<topic>-<id>`` a line (``LibyaWar_reuters-221``); writes ``DIR/records.jsonl``
with each record as ``{"id", "time", "text", "source"}`` (the outlet: the topic's part after ``_``), in
the file's order — the inputs of round 4's set B (``round4-B-ids.txt``).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
T17 = ROOT.parent / "shared" / "bench" / "t17"


def main(ids_file: Path, out: Path) -> int:
    wanted = [x.strip() for x in ids_file.read_text(encoding="utf-8").splitlines() if x.strip()]
    found = {}
    for topic in sorted({w.rsplit("-", 1)[0] for w in wanted}):
        for line in (T17 / topic / "articles.jsonl").open(encoding="utf-8"):
            a = json.loads(line)
            key = f"{topic}-{a['id']}"
            if key in wanted:
                found[key] = {"id": key, "time": a["time"], "text": a["text"], "source": topic.split("_", 1)[1]}
    missing = [w for w in wanted if w not in found]
    if missing:
        sys.exit(f"records not found: {missing[:5]}")
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "records.jsonl", "w", encoding="utf-8") as fh:
        for w in wanted:
            fh.write(json.dumps(found[w], ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
