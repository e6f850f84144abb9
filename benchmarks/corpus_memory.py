"""Memory and time of the corpus stages alone, on an existing store (#18).

Run: ``.venv/bin/python benchmarks/corpus_memory.py STORE_OR_OUT_DIR [--src DIR] [--keep DIR]
[--same-as OUT_DIR]``.

Copies the store (``storyline.sqlite`` of an output folder, or the file given; SQLite's backup API,
so a store another process writes is copied as of one moment; the original is only read) into a
work folder, then runs, in a child process each (``--src`` first on ``PYTHONPATH``, default this
checkout's ``src``; ``PYTHONHASHSEED=0``), :func:`storyline.pipeline.corpus_stages` and
:func:`storyline.outputs.write_outputs` with the default settings, twice:

1. ``fresh_*``: the articles' shares of the stages that read texts (``article_parts``) were made
   with another code stamp than this code's (the run's, which names the model), so they are all made
   again, reading every article's text a batch at a time, as in a first run;
2. ``stored_*``: again on the same copy, the shares now stored, as in a re-run with new settings or
   new articles.

and prints, for each, ``corpus_stages_peak_rss_mb`` (the child's peak resident memory when the corpus
stages end: ``ru_maxrss``), ``outputs_peak_rss_mb`` (when the output files are written),
``baseline_rss_mb`` (its memory before the stages: the interpreter, Storyline's modules, the open
store), ``corpus_stages_seconds`` and ``outputs_seconds``; then the numbers of news articles, events
kept and story events.  ``--keep DIR`` keeps the work folder (the copied store and the output files)
in ``DIR``; ``--same-as OUT_DIR`` compares the output files and the corpus tables (story events,
timeline, relations, stances, framing, each event's story event and background flag) with those of
``OUT_DIR`` (a run's output folder; framing compared as its record, read back from its rows or JSON
values) and prints ``outputs_identical: yes`` or what differs.

Memory figures do not depend on the machine's load; seconds do.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE_NAME = "storyline.sqlite"

#: the child: the corpus stages and the outputs on the store in its first argument's folder; writes
#: its figures as JSON to the second
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from storyline.cli.progress import NullProgress
from storyline.outputs import write_outputs
from storyline.pipeline import corpus_stages
from storyline.settings import load_settings
from storyline.store import Store

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20

out, report = Path(sys.argv[1]), sys.argv[2]
settings = load_settings(None)
store = Store(out / "storyline.sqlite")
figures = {"baseline_rss_mb": rss()}
started = time.perf_counter()
skipped = corpus_stages(store, event_threshold=settings.event_threshold, timeline_entries=settings.timeline_entries,
                        progress=NullProgress())
figures.update(corpus_stages_seconds=time.perf_counter() - started, corpus_stages_peak_rss_mb=peak())
started = time.perf_counter()
skipped += write_outputs(store, out, event_threshold=settings.event_threshold,
                         article_views=settings.report_article_views)
figures.update(outputs_seconds=time.perf_counter() - started, outputs_peak_rss_mb=peak(), skipped=skipped)
store.close()
with open(report, "w") as fh:
    json.dump(figures, fh)
"""


def copy_store(source: Path, dest: Path) -> None:
    """A consistent copy of the store ``source`` (read only) at ``dest``."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def run_child(out: Path, src: Path) -> dict:
    report = out.parent / f".{out.name}-corpus.json"
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-c", _CHILD, str(out), str(report)], env=env, check=True)
    figures = json.loads(report.read_text())
    report.unlink()
    return figures


def counts(store: Path) -> dict:
    conn = sqlite3.connect(store)
    try:
        news = "(not_news is null or not_news = '')"
        return {
            "news_articles": conn.execute(f"select count(*) from articles where {news}").fetchone()[0],
            "events_kept": conn.execute("select count(*) from events where story_event is not null").fetchone()[0],
            "story_events": conn.execute("select count(*) from story_events").fetchone()[0],
        }
    finally:
        conn.close()


def framing_record(conn: sqlite3.Connection) -> dict:
    """The framing record of a store: its JSON values (a store made before migration 013) or read back
    from its rows by the code run (``--src``)."""
    rows = conn.execute("select key, value_json from framing order by rowid").fetchall()
    if rows and all(v is not None for _, v in rows):
        return {k: json.loads(v) for k, v in rows}
    from storyline.store.framing import read_framing

    return read_framing(conn)


def corpus_tables(out: Path) -> dict:
    """The corpus tables of OUT's store row by row, and each event's story event and background flag."""
    conn = sqlite3.connect(out / STORE_NAME)
    try:
        tables = {n: sorted(repr(r) for r in conn.execute(f"select * from [{n}]"))
                  for n in ("story_events", "timeline", "relations", "stances", "run_settings")}
        tables["framing"] = [json.dumps(framing_record(conn), ensure_ascii=False)]
        tables["events"] = sorted(repr(r) for r in conn.execute("select id, story_event, background from events"))
        return tables
    finally:
        conn.close()


def same_outputs(a: Path, b: Path) -> str:
    """``yes`` when the output files of ``a`` and ``b`` are the same byte for byte and their corpus tables
    row for row, else what differs."""
    def files(folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir()
                      if p.is_file() and not p.name.startswith((".", STORE_NAME)))
    if files(a) != files(b):
        return f"no: not the same files ({files(a)} / {files(b)})"
    differ = [n for n in files(a) if (a / n).read_bytes() != (b / n).read_bytes()]
    ta, tb = corpus_tables(a), corpus_tables(b)
    differ += [f"table {n}" for n in sorted(ta) if ta[n] != tb[n]]
    return "no: " + ", ".join(differ) if differ else "yes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path, help="a store, or the output folder holding one")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the Storyline source to run")
    parser.add_argument("--keep", type=Path, default=None, help="keep the copied store and the outputs here")
    parser.add_argument("--same-as", type=Path, default=None, help="compare outputs and corpus tables with this output folder")
    args = parser.parse_args()
    source = args.store / STORE_NAME if args.store.is_dir() else args.store
    sys.path.insert(0, str(args.src.resolve()))     # the framing rows are read by the code run
    with tempfile.TemporaryDirectory(prefix="storyline-corpus-") as tmp:
        out = args.keep or Path(tmp) / "out"
        out.mkdir(parents=True, exist_ok=True)
        if (out / STORE_NAME).exists():
            raise SystemExit(f"{out} already holds a store")
        copy_store(source.resolve(), out / STORE_NAME)
        for label in ("fresh", "stored"):
            figures = run_child(out, args.src.resolve())
            for name in ("corpus_stages_peak_rss_mb", "outputs_peak_rss_mb", "baseline_rss_mb",
                         "corpus_stages_seconds", "outputs_seconds"):
                print(f"{label}_{name}: {figures[name]:.1f}", flush=True)
            if figures["skipped"]:
                print(f"{label}_skipped: {'; '.join(figures['skipped'])}")
        for name, value in counts(out / STORE_NAME).items():
            print(f"{name}: {value}")
        if args.same_as:
            print(f"outputs_identical: {same_outputs(out, args.same_as)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
