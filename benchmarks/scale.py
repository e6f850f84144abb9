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

(``--no-rerun``: the first run only) and prints one figure per line, ``name: value``: wall seconds, articles/second, the peak resident
memory of the run (``ru_maxrss`` of the child and what it waited for, from ``os.wait4``), the store's
size (SQLite file and its WAL), and the re-run's cost as a share of the first run.  The analysis
rate (articles/second) while the 2nd and the 9th tenth of the articles are analysed, and their ratio
(``analysis_rate_9th_over_2nd_tenth``): whether an article costs more once the store holds most of the
corpus (throughput at size).  With two or more sizes it ends with the ratios of the largest size to the
smallest: peak memory (the whole tree's, and the coordinator's with ``--dask``), wall time, articles
per second.

With ``--dask local:N`` (or ``tcp://HOST:PORT``) the runs analyse on Dask (:mod:`storyline.cluster`);
the figures then add the peak RSS of the coordinator (the run's own process) and of the largest
worker (sampled every 0.1 s with psutil over the run's child processes; ``peak_rss_mb`` stays the
whole tree's ``ru_maxrss``).  Each run also reports where its time went (``stage_*_s``: before the
first stage = the cluster's start and the workers' pipeline loading; analysing; linking stories =
the corpus stages; writing outputs), from a progress reporter that notes when each stage starts.

``--workers-compare`` runs the same corpus (the first size) with ``--dask local:1`` and
``local:2`` (alternately ``--rounds`` times; ``--with-plain`` adds a run without Dask, compared too) and prints both wall times, their ratio (the target is
≥ 1.8 on 2 cores), the ratio of the analysis stage alone, whether the two runs' outputs and stored
tables are identical, the peak RSS of coordinator and worker, the workers' CPU seconds (all, and
the busiest worker's: one worker's over the busiest of two is the ratio a core per worker would
give, which the machine's load does not change), and the load average before and after (the machine
is shared: a wall-time ratio measured under load says how busy it was, not what Dask does).  It
also prints, per article, the coordinator's CPU while the workers analyse (reading articles from
the store, receiving and saving their rows) and outside the analysis, in all and in each stage
(``coordinator_cpu_ms_per_article_reading`` ...: the serial parts of the run), the workers' CPU, the
seconds outside the analysis, and the wall ratio the run would have with the analysis exactly halved.

Which size to compare at: the first size given (there is no separate default: the lead's check
is ``300 --workers-compare``, a few minutes on a quiet machine).  300 articles flatters the fixed
costs: each worker loads the pipeline (about 4 s of CPU), the cluster starts and stops, and the
run's parts outside the analysis (the cluster's start, reading and staging, the corpus stages, the
output files: about 22 ms of the coordinator's CPU per article beside the workers' 260-280 ms, of
them 4 / 7-8 / 2 / 5 ms; 37 ms before the workers made the corpus stages' per-article shares, the
corpus stages then 15 ms; reading 2-2.3 ms since the workers read the inputs too, 14-17 ms in all:
:mod:`storyline.cluster_read`) do not split over workers, so the wall ratio is bounded by
``(S + A) / (S + A / 2)`` (``wall ratio bound with the analysis halved``), about 1.8 at 300 articles.  The
workers' CPU ratio and the analysis-stage ratio say what Dask does at any size; at 1000 articles
(measured under load 4-12: workers' CPU one / busiest of two 1.96, two workers' CPU 289 s against
one's 293 s, outputs identical) the pipeline loads are amortised; use 1000 for a figure of the
scale-out itself, 300 for a quick check.

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
import threading
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


#: the child: ``storyline.run`` with a progress reporter that notes when each stage starts; writes the
#: seconds of each stage and the child's own CPU seconds in it (summed over repeats) as JSON to its
#: last argument (the ``__main__`` guard: Dask's worker processes start by spawning)
_DRIVER = """
import json, resource, sys, time
from storyline.pipeline import run

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

class Clock:
    def __init__(self):
        self.marks, self.done, self.total, self.ticks = [], 0, 0, []
    def stage(self, name, total=None):
        self.marks.append((name, time.perf_counter(), cpu()))
        if name == "analysing":
            self.done, self.total, self.ticks = 0, total or 0, [(0, time.perf_counter())]
    def advance(self, n=1):
        self.done += n
        self.ticks.append((self.done, time.perf_counter()))

def decile_rate(ticks, total, k):
    # articles per second while the k-th tenth of the articles was analysed (k = 0 ... 9)
    lo, hi = total * k / 10, total * (k + 1) / 10
    inside = [(d, t) for d, t in ticks if lo <= d <= hi]
    if len(inside) < 2 or inside[-1][1] <= inside[0][1]:
        return 0.0
    return (inside[-1][0] - inside[0][0]) / (inside[-1][1] - inside[0][1])

if __name__ == "__main__":
    corpus, out, dask, jobs, report = sys.argv[1:6]
    clock, started = Clock(), (time.perf_counter(), cpu())
    run([corpus], out=out, dask=dask or None, jobs=int(jobs), progress=clock)
    marks = [("before the first stage", *started)] + clock.marks + [("end", time.perf_counter(), cpu())]
    spans = {}
    for (name, t0, c0), (_, t1, c1) in zip(marks, marks[1:]):
        spans[name] = spans.get(name, 0.0) + t1 - t0
        spans["cpu " + name] = spans.get("cpu " + name, 0.0) + c1 - c0
    if clock.total >= 100:
        spans["analysis rate 2nd tenth"] = decile_rate(clock.ticks, clock.total, 1)
        spans["analysis rate 9th tenth"] = decile_rate(clock.ticks, clock.total, 8)
    with open(report, "w") as fh:
        json.dump(spans, fh)
"""


def _sample_rss(pid: int, peaks: dict, stop: threading.Event) -> None:
    """Every 0.1 s: the largest RSS seen of process ``pid`` (``coordinator``) and of any of its
    descendants (``worker``), in MB."""
    import psutil

    try:
        root = psutil.Process(pid)
        while not stop.is_set():
            peaks["coordinator"] = max(peaks.get("coordinator", 0.0), root.memory_info().rss / 2**20)
            times = root.cpu_times()
            peaks["coordinator_cpu"] = times.user + times.system
            for child in root.children(recursive=True):
                try:
                    peaks["worker"] = max(peaks.get("worker", 0.0), child.memory_info().rss / 2**20)
                    times = child.cpu_times()
                    peaks.setdefault("cpu", {})[child.pid] = times.user + times.system
                except psutil.Error:
                    pass
            stop.wait(0.1)
    except psutil.Error:
        pass


def run_storyline(corpus: Path, out: Path, *, src: Path, jobs: int, dask: str = "") -> dict:
    """Wall seconds, peak RSS (MB: the tree's ``ru_maxrss``, and sampled for the coordinator and its
    largest worker) and the seconds of each stage of one run in a child process."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    report = out.parent / f".{out.name}-stages.json"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _DRIVER, str(corpus), str(out), dask, str(jobs), str(report)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks, stop = {}, threading.Event()
    sampler = threading.Thread(target=_sample_rss, args=(child.pid, peaks, stop), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"storyline run failed with exit code {child.returncode}")
    figures = {"seconds": wall, "peak_rss_mb": usage.ru_maxrss / 1024,
               "coordinator_peak_rss_mb": peaks.get("coordinator", 0.0),
               "coordinator_cpu_s": peaks.get("coordinator_cpu", 0.0)}
    if dask:
        cpu = peaks.get("cpu", {}).values()
        figures.update(worker_peak_rss_mb=peaks.get("worker", 0.0), workers_cpu_s=sum(cpu),
                       busiest_worker_cpu_s=max(cpu, default=0.0))
    stages = json.loads(report.read_text())
    report.unlink()
    for name in ("analysis rate 2nd tenth", "analysis rate 9th tenth"):
        if name in stages:
            figures[name.replace(" ", "_")] = stages.pop(name)
    if figures.get("analysis_rate_2nd_tenth"):
        # does an article cost more once the store is large? (1.0: the same; the workers' partitions
        # settle in input order, so the 9th tenth is analysed with 80% of the corpus already stored)
        figures["analysis_rate_9th_over_2nd_tenth"] = (figures["analysis_rate_9th_tenth"]
                                                      / figures["analysis_rate_2nd_tenth"])
    figures.update({f"stage_{name.replace(' ', '_')}_s": value for name, value in stages.items()})
    return figures


def store_mb(out: Path) -> float:
    return sum(p.stat().st_size for p in out.glob("storyline.sqlite*")) / 2**20


def make_corpus(n: int, work: Path, pool) -> Path:
    corpus = work / f"corpus-{n}"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    write_corpus(corpus / "part-000.jsonl", pool, n, seed=n, prefix=f"a{n}")
    return corpus


def measure(n: int, work: Path, pool, *, src: Path, jobs: int, dask: str = "", reruns: bool = True) -> dict:
    corpus = make_corpus(n, work, pool)
    out = work / f"out-{n}"
    shutil.rmtree(out, ignore_errors=True)
    first = run_storyline(corpus, out, src=src, jobs=jobs, dask=dask)
    figures = {**first, "articles_per_s": n / first["seconds"], "store_mb": store_mb(out)}
    if not reruns:
        return figures
    same = run_storyline(corpus, out, src=src, jobs=jobs, dask=dask)
    figures.update(rerun_unchanged_seconds=same["seconds"], rerun_unchanged_cost_share=same["seconds"] / first["seconds"],
                   rerun_unchanged_peak_rss_mb=same["peak_rss_mb"])
    extra = max(1, n // 100)
    write_corpus(corpus / "part-001.jsonl", pool, extra, seed=n + 1, prefix=f"b{n}", mixed_only=True)
    again = run_storyline(corpus, out, src=src, jobs=jobs, dask=dask)
    figures.update(rerun_new_articles=extra, rerun_seconds=again["seconds"],
                   rerun_cost_share=again["seconds"] / first["seconds"],
                   rerun_cost_share_minus_own=(again["seconds"] - extra * first["seconds"] / n) / first["seconds"],
                   rerun_peak_rss_mb=again["peak_rss_mb"], rerun_store_mb=store_mb(out))
    return figures


def same_outputs(a: Path, b: Path) -> str:
    """``yes`` when the two runs' output files are the same byte for byte and their stores' tables row
    for row (the runs' log, the migrations' times and the search index aside), else what differs."""
    names = sorted(p.name for p in a.iterdir() if p.is_file() and not p.name.startswith((".", "storyline.sqlite")))
    if names != sorted(p.name for p in b.iterdir() if p.is_file() and not p.name.startswith((".", "storyline.sqlite"))):
        return "no: not the same files"
    differ = [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]
    ta, tb = store_tables(a), store_tables(b)
    differ += [f"table {n}" for n in sorted(set(ta) | set(tb)) if ta.get(n) != tb.get(n)]
    return "no: " + ", ".join(differ) if differ else "yes"


def store_tables(out: Path) -> dict:
    """Every table of OUT's store but the runs' log, the migrations' times, the search index and the
    records of when inputs were read and outputs written, row by row (also tests/test_dask.py's)."""
    import sqlite3

    conn = sqlite3.connect(out / "storyline.sqlite")
    try:
        names = [n for (n,) in conn.execute("select name from sqlite_master where type = 'table'")
                 if n not in ("runs", "_sqlite_migrations", "input_files") and not n.startswith("search")]
        # input_files and the corpus digest record when files were read and outputs written (storyline.incremental)
        return {n: sorted(repr(r) for r in conn.execute(f'select * from "{n}"') if r[0] != "corpus_digest")
                for n in names}
    finally:
        conn.close()


def workers_compare(n: int, work: Path, pool, *, src: Path, rounds: int, plain: bool = False) -> dict:
    """The same corpus with ``--dask local:1`` and ``local:2``, alternately, ``rounds`` times each
    (and once without Dask, when ``plain``)."""
    corpus = make_corpus(n, work, pool)
    figures: dict = {"load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for r in range(rounds):
        for workers in ((1, 2) if r % 2 == 0 else (2, 1)):
            out = work / f"out-{n}-w{workers}"
            shutil.rmtree(out, ignore_errors=True)
            runs[workers].append(run_storyline(corpus, out, src=src, jobs=1, dask=f"local:{workers}"))
    for workers, got in runs.items():
        for key in ("seconds", "stage_analysing_s", "stage_before_the_first_stage_s", "stage_reading_s",
                    "stage_linking_stories_s", "stage_writing_outputs_s",
                    "coordinator_peak_rss_mb", "worker_peak_rss_mb", "workers_cpu_s", "busiest_worker_cpu_s",
                    "coordinator_cpu_s", "stage_cpu_analysing_s"):
            figures[f"local:{workers} {key}"] = min(g.get(key, 0.0) for g in got)
        # the coordinator's CPU per article in each stage outside the analysis (whatever the machine's
        # load: the serial parts of the run), #18
        for stage in ("before_the_first_stage", "reading", "linking_stories", "writing_outputs"):
            figures[f"local:{workers} coordinator_cpu_ms_per_article_{stage}"] = 1000 * min(
                g.get(f"stage_cpu_{stage}_s", 0.0) for g in got) / n
        # per article, whatever the machine's load: the coordinator's CPU while the workers analyse
        # (reading from the store, receiving, saving) and the workers' (analysis, pipeline loads)
        figures[f"local:{workers} coordinator_cpu_ms_per_article_analysing"] = (
            1000 * figures[f"local:{workers} stage_cpu_analysing_s"] / n)
        figures[f"local:{workers} workers_cpu_ms_per_article"] = 1000 * figures[f"local:{workers} workers_cpu_s"] / n
        # what runs in the coordinator alone, before and after the analysis (cluster start, reading,
        # corpus stages, outputs, closing): the same with any number of workers
        figures[f"local:{workers} coordinator_cpu_ms_per_article_outside_analysis"] = 1000 * (
            figures[f"local:{workers} coordinator_cpu_s"] - figures[f"local:{workers} stage_cpu_analysing_s"]) / n
        figures[f"local:{workers} seconds_outside_analysis"] = (figures[f"local:{workers} seconds"]
                                                               - figures[f"local:{workers} stage_analysing_s"])
    figures["wall ratio local:1/local:2"] = figures["local:1 seconds"] / figures["local:2 seconds"]
    # what the ratio would be with a core for each worker: the work split, whatever the machine's load
    figures["cpu-bound ratio local:1/local:2 (workers' CPU seconds, one / busiest of two)"] = (
        figures["local:1 busiest_worker_cpu_s"] / figures["local:2 busiest_worker_cpu_s"])
    figures["analysis ratio local:1/local:2"] = (figures["local:1 stage_analysing_s"]
                                                 / figures["local:2 stage_analysing_s"])
    # the wall ratio two workers would give if they split the analysis perfectly (half its time),
    # the rest of the run as it was: how far the analysis alone can take the run at this size
    outside, analysis = figures["local:2 seconds_outside_analysis"], figures["local:1 stage_analysing_s"]
    figures["wall ratio bound with the analysis halved"] = (outside + analysis) / (outside + analysis / 2)
    figures["outputs identical"] = same_outputs(work / f"out-{n}-w1", work / f"out-{n}-w2")
    if plain:
        out = work / f"out-{n}-plain"
        shutil.rmtree(out, ignore_errors=True)
        got = run_storyline(corpus, out, src=src, jobs=1)
        figures.update({f"plain {key}": got[key] for key in ("seconds", "stage_analysing_s", "peak_rss_mb")})
        figures["outputs identical to the plain run"] = same_outputs(out, work / f"out-{n}-w2")
    figures["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the Storyline source to run")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--dask", default="", help="analyse on Dask: local:N or tcp://HOST:PORT")
    parser.add_argument("--workers-compare", action="store_true",
                        help="the first size with --dask local:1 and local:2: wall times, ratio, identical outputs")
    parser.add_argument("--rounds", type=int, default=1, help="with --workers-compare: runs of each (alternated)")
    parser.add_argument("--with-plain", action="store_true", help="with --workers-compare: also a run without Dask")
    parser.add_argument("--no-rerun", action="store_true", help="the first run of each size only (no re-runs)")
    args = parser.parse_args()
    pool = load_pool()
    results = {}
    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as tmp:
        work = args.work or Path(tmp)
        if args.workers_compare:
            n = args.sizes[0]
            for name, value in workers_compare(n, work, pool, src=args.src.resolve(), rounds=args.rounds,
                                                plain=args.with_plain).items():
                _print(n, name, value)
            return 0
        for n in args.sizes:
            results[n] = figures = measure(n, work, pool, src=args.src.resolve(), jobs=args.jobs, dask=args.dask,
                                           reruns=not args.no_rerun)
            for name, value in figures.items():
                _print(n, name, value)
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"peak RSS ratio {large}/{small}: {results[large]['peak_rss_mb'] / results[small]['peak_rss_mb']:.3f}")
        if results[small].get("coordinator_peak_rss_mb"):
            # the target of #18: the coordinator's peak at the largest size over the smallest's
            print(f"coordinator peak RSS ratio {large}/{small}: "
                  f"{results[large]['coordinator_peak_rss_mb'] / results[small]['coordinator_peak_rss_mb']:.3f}")
        print(f"wall time ratio {large}/{small}: {results[large]['seconds'] / results[small]['seconds']:.3f}")
        print(f"articles per second ratio {large}/{small}: "
              f"{results[large]['articles_per_s'] / results[small]['articles_per_s']:.3f}")
    return 0


def _print(n: int, name: str, value) -> None:
    print(f"{n} articles, {name}: {value:.3f}" if isinstance(value, float) else f"{n} articles, {name}: {value}",
          flush=True)


if __name__ == "__main__":
    sys.exit(main())
