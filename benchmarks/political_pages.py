"""The document filter of event coding (storyline.events.filters) on hand-labelled pages.

``benchmarks/data/political_pages.tsv`` labels pages of the html-extraction bench by reading: political /
public-affairs news in English (yes) or not (no).  Each page is read as ``storyline run`` reads it (.html
ingestion) and analysed; the page counts as political when its events are coded
(``doc._.event_filter["coded"]``).  Prints accuracy and precision/recall of political = yes, and the
pages it gets wrong with the measures behind the verdict.

    PYTHONPATH=src python benchmarks/political_pages.py [--pages DIR]

With ``--news``: the news-genre decision of ingestion (storyline.ingest.genre, ``Article.not_news``) against
the ``news`` column (is the page news at all: recipes, deal lists, forum threads, pages not in English are
not), with precision/recall of not-news, and the share of Timeline17 records (the first ``--t17-records`` of
each topic, all news) flagged, with the flagged ones listed.
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
T17 = ROOT.parent / "shared" / "bench" / "t17"


def labels(path: Path = LABELS, column: str = "label") -> dict[str, bool]:
    lines = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    at = lines[0].index(column)
    return {row[0]: row[at] == "yes" for row in lines[1:]}


def first_article(page: Path):
    articles = [a for a in read_path(page) if isinstance(a, Article)]
    return articles[0] if articles else None


def news_main(pages: Path, t17_records: int) -> None:
    """Precision/recall of not-news on the labelled pages; the share of Timeline17 records flagged."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for page, gold_news in labels(column="news").items():
        article = first_article(pages / f"{page}.html.gz")
        flagged = bool(article and article.not_news)
        key = ("t" if flagged != gold_news else "f") + ("p" if flagged else "n")
        counts[key] += 1
        if key in ("fp", "fn"):
            print(f"# {key} {page[:12]} {article.not_news if article else 'no text'} {article.title if article else ''}")
    tp, fp, fn, tn = counts["tp"], counts["fp"], counts["fn"], counts["tn"]
    print(f"pages: {tp + fp + fn + tn}  not news (gold): {tp + fn}  flagged: {tp + fp}")
    print(f"not_news_p: {tp / max(1, tp + fp):.3f}  not_news_r: {tp / max(1, tp + fn):.3f}")
    total = flagged = 0
    for topic in sorted(T17.glob("*/articles.jsonl")):
        n = 0
        for article in read_path(topic):
            if not isinstance(article, Article):
                continue
            if n >= t17_records:
                break
            n += 1
            if article.not_news:
                flagged += 1
                print(f"# t17 {topic.parent.name} {article.id[:8]} {article.not_news}: {article.text[:80]!r}")
        total += n
    print(f"timeline17 records: {total}  flagged not news: {flagged} ({flagged / max(1, total):.2%})")


def verdict(nlp, page: Path) -> dict:
    articles = [a for a in read_path(page) if isinstance(a, Article)]
    if not articles:
        return {"coded": False, "reason": "no text"}
    return nlp(make_doc(nlp, articles[0]))._.event_filter or {"coded": False, "reason": "no parse"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--news", action="store_true", help="score the news-genre decision instead")
    ap.add_argument("--t17-records", type=int, default=100, help="records per Timeline17 topic (--news)")
    args = ap.parse_args()
    if args.news:
        news_main(args.pages, args.t17_records)
        return
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
