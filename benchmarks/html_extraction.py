"""Article body extraction on the ScrapingHub article-extraction-benchmark (181 pages).

Scores the text Storyline's ``.html`` ingestion stores (:func:`storyline.ingest.article_from_html`:
trafilatura passes + boilerplate removal) and, in the same run, plain ``trafilatura.extract``
with its defaults.  Metric as the benchmark's ``evaluate.py``: per document, TP/FP/FN over
4-token shingles (``\\w+`` tokens, multiset counts), normalised to sum 1; precision and recall
averaged over documents; F1 from the averages.  ``*_lc`` figures lower-case the tokens first.

    .venv/bin/python benchmarks/html_extraction.py [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "html-extraction"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingle_counts(text: str, n: int = 4, *, lower: bool = False) -> Counter:
    tokens = _TOKEN.findall((text or "").lower() if lower else (text or ""))
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(true: str, pred: str, *, lower: bool = False) -> tuple[float, float, float]:
    gold, got = shingle_counts(true, lower=lower), shingle_counts(pred, lower=lower)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summarise(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(f1, precision, recall) the way the benchmark's evaluate.py computes them."""
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(prec(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(rec(*r) for r in rows if r[0] + r[2] > 0)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def run(name: str, extract: Callable[[bytes, str], str], pages: dict, gold: dict) -> list[str]:
    rows, rows_lc = [], []
    started = time.perf_counter()
    for key, html in pages.items():
        text = extract(html, gold[key].get("url"))
        rows.append(tp_fp_fn(gold[key]["articleBody"], text))
        rows_lc.append(tp_fp_fn(gold[key]["articleBody"], text, lower=True))
    seconds = time.perf_counter() - started
    f1, p, r = summarise(rows)
    return [f"{name}_f1: {f1:.4f}", f"{name}_precision: {p:.4f}", f"{name}_recall: {r:.4f}",
            f"{name}_f1_lc: {summarise(rows_lc)[0]:.4f}", f"{name}_docs_per_sec: {len(pages) / seconds:.1f}"]


def ours(html: bytes, url: str) -> str:
    from storyline.ingest import article_from_html, decode_bytes
    from storyline.model import Article

    item = article_from_html(decode_bytes(html), path="bench.html", url=url)
    return item.text if isinstance(item, Article) else ""


def trafilatura_default(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages (sorted ids)")
    args = parser.parse_args(argv)
    import logging

    logging.disable(logging.WARNING)  # trafilatura logs every discarded element
    gold = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[: args.limit or None]
    pages = {k: gzip.decompress((BENCH / "html" / f"{k}.html.gz").read_bytes()) for k in keys}
    print(f"documents: {len(pages)}")
    for line in run("body", ours, pages, gold) + run("trafilatura_default", trafilatura_default, pages, gold):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
