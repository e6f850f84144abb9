"""Scale: wall time, throughput, peak memory and store size of ``storyline run`` as the corpus grows.

Run: ``.venv/bin/python benchmarks/scale.py [N ...] [--work DIR] [--src DIR] [--jobs J]`` (default
one size, 1000 articles).  For each size N it writes a corpus of N articles made from the shared
Timeline17 articles (``shared/bench/t17/*/articles.jsonl``: 2,785 articles of 11 topic/outlet sets),
with new ids and publication dates spread over ten years (a fixed seed, so the same N gives the
same corpus): the first pass over the pool takes each article as it is (in a shuffled order); past
the pool's size an article is the first half of one article's paragraphs followed by the second half
of another's, so it is no copy of either (word 5-shingle Jaccard far below the 0.8 of the
near-duplicate test).  Each article's outlet is the one its Timeline17 set names (``bbc``,
``reuters`` ...).

Then, in a child process each (``python -m storyline.cli run CORPUS --out OUT -q``, with ``--src``
first on ``PYTHONPATH``, default this checkout's ``src``):

1. the first run;
2. a re-run with nothing changed (``rerun_unchanged_cost_share``: its wall time over the first run's);
3. a re-run after adding 1% new articles (a second file of mixed articles of another seed):
   ``rerun_cost_share`` is its wall time over the first run's, ``rerun_cost_share_minus_own`` the
   same after taking off the new articles' own cost, estimated as their number times the first
   run's seconds per article (an upper bound of their analysis: it includes their share of reading,
   of the corpus stages and of loading the model).

and prints one figure per line, ``name: value``: wall seconds, articles/second, the peak resident
memory of the run (``ru_maxrss`` of the child and what it waited for, from ``os.wait4``), the store's
size (SQLite file and its WAL), and the re-run's cost as a share of the first run.  With two or
more sizes it ends with the peak-memory and time ratios of the largest size to the smallest.

The machine is shared: wall times swing with other work; peak memory does not.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "bench" / "t17"
START = _dt.date(2005, 1, 1)
YEARS = 10


def load_pool() -> list[tuple[str, list[str]]]:
    """Every Timeline17 article with text: ``(outlet, paragraphs)``, in file order."""
    pool = []
    for path in sorted(T17.glob("*/articles.jsonl")):
        outlet = path.parent.name.split("_")[-1]
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = (json.loads(line).get("text") or "").strip()
                if text:
                    pool.append((outlet, [p for p in text.split("\n") if p.strip()]))
    return pool


def _mixed(pool, rng: random.Random) -> tuple[str, str]:
    (outlet, first), (_, second) = rng.sample(pool, 2)
    return outlet, "\n".join(first[:max(1, len(first) // 2)] + second[len(second) // 2:])


def write_corpus(path: Path, pool, n: int, *, seed: int, prefix: str, mixed_only: bool = False) -> None:
    """``n`` records (``id``, ``time``, ``source``, ``text``) into the JSONL file ``path``."""
    rng = random.Random(seed)
    order = list(range(len(pool)))
    rng.shuffle(order)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i < len(pool) and not mixed_only:
                outlet, paragraphs = pool[order[i]]
                text = "\n".join(paragraphs)
            else:
                outlet, text = _mixed(pool, rng)
            day = START + _dt.timedelta(days=rng.randrange(365 * YEARS))
            fh.write(json.dumps({"id": f"{prefix}-{i}", "time": day.isoformat(), "source": outlet,
                                 "text": text}, ensure_ascii=False) + "\n")


def run_storyline(corpus: Path, out: Path, *, src: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``storyline run`` in a child process."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "storyline.cli", "run", str(corpus), "--out", str(out),
                              "-q", "--jobs", str(jobs)], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"storyline run failed with exit code {child.returncode}")
    return wall, usage.ru_maxrss / 1024


def store_mb(out: Path) -> float:
    return sum(p.stat().st_size for p in out.glob("storyline.sqlite*")) / 2**20


def measure(n: int, work: Path, pool, *, src: Path, jobs: int) -> dict:
    corpus = work / f"corpus-{n}"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    write_corpus(corpus / "part-000.jsonl", pool, n, seed=n, prefix=f"a{n}")
    out = work / f"out-{n}"
    shutil.rmtree(out, ignore_errors=True)
    wall, rss = run_storyline(corpus, out, src=src, jobs=jobs)
    figures = {"seconds": wall, "articles_per_s": n / wall, "peak_rss_mb": rss, "store_mb": store_mb(out)}
    wall1, rss1 = run_storyline(corpus, out, src=src, jobs=jobs)
    figures.update(rerun_unchanged_seconds=wall1, rerun_unchanged_cost_share=wall1 / wall,
                   rerun_unchanged_peak_rss_mb=rss1)
    extra = max(1, n // 100)
    write_corpus(corpus / "part-001.jsonl", pool, extra, seed=n + 1, prefix=f"b{n}", mixed_only=True)
    wall2, rss2 = run_storyline(corpus, out, src=src, jobs=jobs)
    figures.update(rerun_new_articles=extra, rerun_seconds=wall2, rerun_cost_share=wall2 / wall,
                   rerun_cost_share_minus_own=(wall2 - extra * wall / n) / wall,
                   rerun_peak_rss_mb=rss2, rerun_store_mb=store_mb(out))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the Storyline source to run")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    pool = load_pool()
    results = {}
    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as tmp:
        work = args.work or Path(tmp)
        for n in args.sizes:
            results[n] = figures = measure(n, work, pool, src=args.src.resolve(), jobs=args.jobs)
            for name, value in figures.items():
                print(f"{n} articles, {name}: {value:.3f}" if isinstance(value, float) else f"{n} articles, {name}: {value}",
                      flush=True)
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"peak RSS ratio {large}/{small}: {results[large]['peak_rss_mb'] / results[small]['peak_rss_mb']:.3f}")
        print(f"wall time ratio {large}/{small}: {results[large]['seconds'] / results[small]['seconds']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
