"""Throughput: bare spaCy ``nlp.pipe`` against the full Storyline pipeline on the same articles.

Run: ``.venv/bin/python benchmarks/throughput.py [N_ARTICLES]`` (default 300).  Reads the first N
articles of the Timeline17 ``articles.jsonl`` files, then in one process:

- bare: ``spacy.load(<model>)`` + ``nlp.pipe`` (1 and 2 processes);
- storyline: ``storyline.nlp.load_nlp()`` + ``pipe_articles`` (1 and 2 processes);
- the milliseconds each component of either pipeline takes, per article (one process).

The machine is shared, so the two are timed in turns over the same chunks of articles (bare
first on one chunk, storyline first on the next) and each one's times summed: load from other
work falls on both alike; with one process the CPU seconds of this process are reported too
(and used for the per-component lines), which other work on the machine hardly changes.

Prints ``name: value`` lines: articles/second for each, the storyline/bare ratio (1.0 = as fast
as bare spaCy), the CPU milliseconds per article of every component of both pipelines (one process,
component by component, on the first ``COMPONENT_ARTICLES`` articles), and peak resident memory
(``ru_maxrss`` of this process and of its workers).
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
from storyline.nlp import load_nlp, pipe_articles, resolve_model_name  # noqa: E402


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


#: chunks of the articles over which bare and storyline take turns
CHUNKS = 4
#: articles for the per-component lines
COMPONENT_ARTICLES = 100


def time_bare(nlp, texts: list[str], n_process: int) -> tuple[float, float]:
    """(wall-clock, this process's CPU) seconds of bare ``nlp.pipe`` over ``texts``."""
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, n_process=n_process, batch_size=16):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_storyline(nlp, articles: list[Article], n_process: int) -> tuple[float, float]:
    """(wall-clock, this process's CPU) seconds of Storyline's ``pipe_articles`` over ``articles``."""
    start, cpu = time.perf_counter(), time.process_time()
    for _article, _doc in pipe_articles(nlp, articles, n_process=n_process, batch_size=16):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_paired(bare, full, articles: list[Article], n_process: int) -> dict[str, list[float]]:
    """[wall, CPU] seconds for bare and storyline over ``articles``, taking turns chunk by chunk."""
    size = -(-len(articles) // CHUNKS)
    totals = {"bare": [0.0, 0.0], "storyline": [0.0, 0.0]}
    for k in range(0, len(articles), size):
        chunk = articles[k:k + size]
        runs = [("bare", lambda: time_bare(bare, [a.text for a in chunk], n_process)),
                ("storyline", lambda: time_storyline(full, chunk, n_process))]
        for name, run in runs if (k // size) % 2 == 0 else runs[::-1]:
            wall, cpu = run()
            totals[name][0] += wall
            totals[name][1] += cpu
    return totals


def time_components(nlp, articles: list[Article]) -> dict[str, float]:
    """CPU seconds each component of ``nlp`` takes over ``articles`` (one process, batches of 16)."""
    docs = []
    start = time.process_time()
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.article_id = article.id
        doc._.dct = article.published
        docs.append(doc)
    seconds = {"tokenizer": time.process_time() - start}
    for name, proc in nlp.pipeline:
        start = time.process_time()
        docs = list(proc.pipe(docs, batch_size=16)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
        seconds[name] = time.process_time() - start
    return seconds


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
    print(f"bare_pipes: {','.join(bare.pipe_names)}")
    print(f"storyline_pipes: {','.join(full.pipe_names)}")
    list(bare.pipe(texts[:5]))
    list(pipe_articles(full, articles[:5]))
    for n_process in (1, 2):
        totals = time_paired(bare, full, articles, n_process)
        (b, b_cpu), (s, s_cpu) = totals["bare"], totals["storyline"]
        print(f"bare_{n_process}proc_articles_per_s: {n / b:.2f}")
        print(f"storyline_{n_process}proc_articles_per_s: {n / s:.2f}")
        print(f"storyline_vs_bare_{n_process}proc_ratio: {b / s:.3f}")
        if n_process == 1:   # CPU time: what other work on a shared machine does not distort
            print(f"bare_1proc_cpu_articles_per_s: {n / b_cpu:.2f}")
            print(f"storyline_1proc_cpu_articles_per_s: {n / s_cpu:.2f}")
            print(f"storyline_vs_bare_1proc_cpu_ratio: {b_cpu / s_cpu:.3f}")
    # what each component costs, bare spaCy's and Storyline's pipeline alike, on the same articles
    sample = articles[:COMPONENT_ARTICLES]
    print(f"component_articles: {len(sample)}")
    for prefix, nlp in (("bare_component", bare), ("component", full)):
        for name, secs in time_components(nlp, sample).items():
            print(f"{prefix}_{name}_ms_per_article: {1000 * secs / len(sample):.2f}")
    own, children = peak_mb()
    print(f"peak_rss_mb_main: {own:.0f}")
    print(f"peak_rss_mb_workers: {children:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
