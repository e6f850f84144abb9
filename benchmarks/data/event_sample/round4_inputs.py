"""The inputs of judging rounds 4-6 (fresh Timeline17 records): disjoint sets ``A``, ``B``, ``C`` and ``D``.

    python benchmarks/data/event_sample/round4_inputs.py DIR

Writes ``DIR/A/records.jsonl`` ... ``DIR/D/records.jsonl`` and ``DIR/reading/records.jsonl`` (the
engineers' fresh reading material, :func:`reading_part`): from each Timeline17 topic set the
records in no gold set (dev, dev2, train) and not among round 3's inputs (``fresh_inputs.py``: its
bpoil_foxnews and LibyaWar_cnn draws), shuffled by ``random.Random(17)``; set A takes the first
``n`` of each topic set, set B the next ``n``, set C (round 5, session 10) the ``n`` after those, set D (round 6,
session 11) the LAST ``n`` of the pool: the records after set C's were the engineers' fresh reading
material in sessions 10 and 11 (``nonevents5-removed-fresh.md``, ``nonevents6-removed-fresh.md``, and
the sides rounds' samples, all taken forward from ``3 n``), so a held-out set comes from the other end,
and fresh reading stays in ``pool[3 n:-2 n]`` (:func:`reading_part`).  Round 4 is Timeline17 only, like the hidden test set
(other Timeline17 topics); Libya weighs most because those topics are wars and uprisings.  Set A's
events are judged to measure precision (nothing is fitted on it); set B's judged events may train
the confidence model.  Set C was round 5's held-out set (round 4's set A had been scored once); once
scored, its judged events joined the confidence's training rounds (session 11) and set D became the
held-out set of round 6.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fresh_inputs import BENCH, GOLDS  # noqa: E402

#: records per set from each Timeline17 topic set
PER_TOPIC = {"LibyaWar_reuters": 40, "LibyaWar_cnn": 20, "bpoil_guardian": 8, "bpoil_washingtonpost": 8,
             "bpoil_reuters": 8, "bpoil_bbc": 8, "bpoil_foxnews": 6, "H1N1_bbc": 6, "H1N1_guardian": 6,
             "H1N1_reuters": 6, "MJ_bbc": 10}
#: round 3's draws (fresh_inputs.py): the same seed and sizes, so the same records
ROUND3 = {"bpoil_foxnews": 60, "LibyaWar_cnn": 40}


def reading_part(pool: list, n: int) -> list:
    """The part of a topic set's shuffled pool engineers may read as fresh material: in no gold set,
    no judged round and no held-out set (set D is the last ``n``; the ``n`` before it stay unread for
    the next held-out set)."""
    return pool[3 * n:len(pool) - 2 * n]


def _pool(topic: str, used: set) -> list[dict]:
    arts = [json.loads(x) for x in (BENCH / "t17" / topic / "articles.jsonl").open(encoding="utf-8")]
    pool = [a for a in arts if (topic, str(a["id"])) not in used and a.get("text", "").strip()]
    if topic in ROUND3:
        round3 = {str(a["id"]) for a in random.Random(16).sample(pool, ROUND3[topic])}
        pool = [a for a in pool if str(a["id"]) not in round3]
    return pool


def main(out: Path) -> int:
    used = {(g["topic"], g["article_id"]) for p in GOLDS for g in map(json.loads, p.open(encoding="utf-8"))}
    sets = {"A": [], "B": [], "C": [], "D": [], "reading": []}
    for topic, n in PER_TOPIC.items():
        pool = _pool(topic, used)
        random.Random(17).shuffle(pool)
        for name, part in (("A", pool[:n]), ("B", pool[n:2 * n]), ("C", pool[2 * n:3 * n]), ("D", pool[-n:]),
                           ("reading", reading_part(pool, n))):
            sets[name] += [{"id": f"{topic}-{a['id']}", "time": a["time"], "text": a["text"],
                            "source": topic.split("_")[1]} for a in part]
    for name, records in sets.items():
        (out / name).mkdir(parents=True, exist_ok=True)
        with open(out / name / "records.jsonl", "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
