"""Draw the dev2 passages (no annotation): 50 passages of 4 consecutive lines, seed 2026.

    python benchmarks/data/realnews/sample_dev2.py > passages.jsonl

- 30 from Timeline17 (``shared/bench/t17``): 10 from bpoil_foxnews, 2 from each other topic, articles
  not used by ``dev-gold.jsonl``; a line is a line of the record's text (one tokenised sentence).
- 20 from the HTML pages of ``shared/bench/html-extraction``, any page; a line is a sentence of the
  ground-truth ``articleBody`` (:func:`sentences`), each line's text a substring of it.

Each record has the gold's fields with empty ``events``; ``context`` is up to 15 earlier lines.
"""
from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[4] / "shared" / "bench"
SEED, SIZE, CONTEXT = 2026, 4, 15
# a sentence ends at . ! ? (then closing quotes/brackets) before whitespace and a capital, digit or opening quote
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|St|Gen|Col|Lt|Sgt|Capt|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|"
                     r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Mt|Ft|Ave|approx|etc)|\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")


def sentences(body: str) -> list[str]:
    """The body's sentences: paragraphs (newlines) cut at sentence ends, abbreviations and initials kept."""
    out = []
    for para in body.split("\n"):
        para = para.strip()
        start = 0
        for m in _END.finditer(para):
            if _ABBREV.search(para[max(0, m.start() - 12):m.start() + 1]):
                continue
            out.append(para[start:m.end()].strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return [s for s in out if s]


def record(topic: str, article_id: str, date: str, lines: list[str], first: int) -> dict:
    return {"id": f"{topic}/{article_id}#{first}", "topic": topic, "article_id": article_id, "date": date,
            "context": lines[max(0, first - CONTEXT):first],
            "lines": [{"line": first + i, "text": lines[first + i], "events": []} for i in range(SIZE)]}


def windows(lines: list[str]) -> list[int]:
    return [i for i in range(len(lines) - SIZE + 1) if all(x.strip() for x in lines[i:i + SIZE])]


def t17_passages(rng: random.Random) -> list[dict]:
    dev = [json.loads(x) for x in (BENCH / "events" / "realnews" / "dev-gold.jsonl").open(encoding="utf-8")]
    used = {(g["topic"], g["article_id"]) for g in dev}
    out = []
    topics = ["bpoil_foxnews"] + sorted(p.name for p in (BENCH / "t17").iterdir() if p.name != "bpoil_foxnews")
    for topic in topics:
        articles = [json.loads(x) for x in (BENCH / "t17" / topic / "articles.jsonl").open(encoding="utf-8")]
        pool = [a for a in articles if (topic, str(a["id"])) not in used and windows(a["text"].split("\n"))]
        pool.sort(key=lambda a: int(a["id"]) if str(a["id"]).isdigit() else str(a["id"]))
        for a in rng.sample(pool, 10 if topic == "bpoil_foxnews" else 2):
            lines = a["text"].split("\n")
            out.append(record(topic, str(a["id"]), a["time"], lines, rng.choice(windows(lines))))
    return out


def page_date(url: str, html: str) -> str:
    """The page's date from its URL (/YYYY/MM/DD/) or a published-time meta field, else ''."""
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url) or re.search(
        r"(?:published_time|datePublished|pubdate|publish-date)\W{1,40}(20\d\d)-(\d\d)-(\d\d)", html, re.I)
    return "-".join(m.groups()) if m else ""


def html_passages(rng: random.Random) -> list[dict]:
    root = BENCH / "html-extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pool = sorted(h for h, v in truth.items() if len(sentences(v["articleBody"])) >= SIZE)
    out = []
    for h in rng.sample(pool, 20):
        lines = sentences(truth[h]["articleBody"])
        html = gzip.decompress((root / "html" / f"{h}.html.gz").read_bytes()).decode("utf-8", "replace")
        out.append(record("html-extraction", h, page_date(truth[h]["url"], html), lines,
                          rng.randrange(len(lines) - SIZE + 1)))
    return out


def main() -> int:
    rng = random.Random(SEED)
    for r in t17_passages(rng) + html_passages(rng):
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
