"""Throughput: bare spaCy ``nlp.pipe`` against the full Storyline pipeline on the same articles.

Run: ``.venv/bin/python benchmarks/throughput.py [N_ARTICLES]`` (default 300).  Reads the first N
articles of the Timeline17 ``articles.jsonl`` files, then in one process:

- bare: ``spacy.load(<model>)`` + ``nlp.pipe`` (1 and 2 processes);
- storyline: ``storyline.nlp.load_nlp()`` + ``pipe_articles`` (1 and 2 processes);
- the seconds each Storyline component adds, per article (run on the bare docs, one process).

Prints ``name: value`` lines: articles/second for each, the storyline/bare ratio (1.0 = as fast
as bare spaCy), and peak resident memory (``ru_maxrss`` of this process and of its workers).
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "bench" / "t17"
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402

from storyline.model import Article  # noqa: E402
from storyline.nlp import STORYLINE_COMPONENTS, load_nlp, pipe_articles, resolve_model_name  # noqa: E402


def load_articles(limit: int) -> list[Article]:
    out: list[Article] = []
    for path in sorted(T17.glob("*/articles.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                rec = json.loads(line)
                text = rec.get("text") or ""
                if not text.strip():
                    continue
                out.append(Article(id=f"{path.parent.name}-{n}", path=str(path), text=text,
                                   published=(rec.get("time") or "")[:10] or None))
                if len(out) >= limit:
                    return out
    return out


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def time_bare(nlp, texts: list[str], n_process: int) -> float:
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=n_process, batch_size=16):
        pass
    return time.perf_counter() - start


def time_storyline(nlp, articles: list[Article], n_process: int) -> float:
    start = time.perf_counter()
    for _article, _doc in pipe_articles(nlp, articles, n_process=n_process, batch_size=16):
        pass
    return time.perf_counter() - start


def main() -> int:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    articles = load_articles(limit)
    texts = [a.text for a in articles]
    n = len(articles)
    words = sum(len(t.split()) for t in texts)
    print(f"articles: {n}")
    print(f"words: {words}")
    model = resolve_model_name()
    bare = spacy.load(model)
    full = load_nlp()
    print(f"storyline_pipes: {','.join(full.pipe_names)}")
    list(bare.pipe(texts[:5]))
    list(pipe_articles(full, articles[:5]))
    results = {}
    for n_process in (1, 2):
        results[("bare", n_process)] = time_bare(bare, texts, n_process)
        results[("storyline", n_process)] = time_storyline(full, articles, n_process)
        b, s = results[("bare", n_process)], results[("storyline", n_process)]
        print(f"bare_{n_process}proc_articles_per_s: {n / b:.2f}")
        print(f"storyline_{n_process}proc_articles_per_s: {n / s:.2f}")
        print(f"storyline_vs_bare_{n_process}proc_ratio: {b / s:.3f}")
    # what each Storyline component costs, on docs the statistical pipeline already annotated
    docs = []
    for article, doc in zip(articles, bare.pipe(texts, batch_size=16)):
        doc._.article_id = article.id
        doc._.dct = article.published
        docs.append(doc)
    for name in STORYLINE_COMPONENTS:
        if name not in full.pipe_names:
            continue
        proc = full.get_pipe(name)
        start = time.perf_counter()
        for doc in docs:
            proc(doc)
        print(f"component_{name}_ms_per_article: {1000 * (time.perf_counter() - start) / n:.2f}")
    own, children = peak_mb()
    print(f"peak_rss_mb_main: {own:.0f}")
    print(f"peak_rss_mb_workers: {children:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
