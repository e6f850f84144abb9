"""The document filter of event coding (storyline.events.filters) on hand-labelled pages.

``benchmarks/data/political_pages.tsv`` labels pages of the html-extraction bench by reading: political /
public-affairs news in English (yes) or not (no).  Each page is read as ``storyline run`` reads it (.html
ingestion) and analysed; the page counts as political when its events are coded
(``doc._.event_filter["coded"]``).  Prints accuracy and precision/recall of political = yes, and the
pages it gets wrong with the measures behind the verdict.

    PYTHONPATH=src python benchmarks/political_pages.py [--pages DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.ingest import read_path  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.nlp import load_nlp, make_doc  # noqa: E402

LABELS = ROOT / "benchmarks" / "data" / "political_pages.tsv"
PAGES = ROOT.parent / "shared" / "bench" / "html-extraction" / "html"


def labels(path: Path = LABELS) -> dict[str, bool]:
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "page\t"))]
    return {row[0]: row[1] == "yes" for row in rows}


def verdict(nlp, page: Path) -> dict:
    articles = [a for a in read_path(page) if isinstance(a, Article)]
    if not articles:
        return {"coded": False, "reason": "no text"}
    return nlp(make_doc(nlp, articles[0]))._.event_filter or {"coded": False, "reason": "no parse"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    args = ap.parse_args()
    nlp = load_nlp()
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for page, gold in labels().items():
        v = verdict(nlp, args.pages / f"{page}.html.gz")
        key = ("t" if v["coded"] == gold else "f") + ("p" if v["coded"] else "n")
        counts[key] += 1
        if key in ("fp", "fn"):
            print(f"# {key} {page[:12]} {v}")
    tp, fp, fn, tn = counts["tp"], counts["fp"], counts["fn"], counts["tn"]
    print(f"pages: {tp + fp + fn + tn}  political (gold): {tp + fn}")
    print(f"accuracy: {(tp + tn) / max(1, tp + fp + fn + tn):.3f}")
    print(f"political_p: {tp / max(1, tp + fp):.3f}  political_r: {tp / max(1, tp + fn):.3f}")
    print(f"not_political_p: {tn / max(1, tn + fn):.3f}  not_political_r: {tn / max(1, tn + fp):.3f}")


if __name__ == "__main__":
    main()
