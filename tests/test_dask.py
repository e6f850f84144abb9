"""Scale-out on Dask (#18): the same store and outputs as a run in one process, partitions in flight
bounded, an existing scheduler used, a scheduler out of reach refused before anything is written,
and failures on workers (an article that fails, a worker that dies) costing only their articles.

One LocalCluster of two worker processes serves the module (its scheduler runs in this process;
the tests reach it by its tcp:// address as a user's scheduler); the workers carry a plugin that
makes an article fail, or its worker die, when its text holds a marker word."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections import Counter

import pytest

import storyline
from storyline import cluster
from storyline.errors import BadArguments, ClusterUnusable
from storyline.model import Article
from storyline.settings import load_settings
from storyline.store.rows import AnalysisRows

distributed = pytest.importorskip("distributed")

#: in an article's text on a worker: its analysis raises (as a component's bug would) / its worker dies
FAILS, KILLS = "Zorblax", "Quuxmoor"

RECORDS = [
    {"time": "2023-03-02", "text": "The foreign ministers of India and Japan met in New Delhi on Thursday. "
                                   "They agreed to expand naval cooperation, officials said."},
    {"time": "2023-03-09", "text": f"Brazil's president telephoned the Argentine leader on Tuesday about {FAILS} "
                                   "trade. The two sides promised a new customs deal."},
    {"time": "2023-03-11", "text": f"Kenyan police arrested forty {KILLS} protesters in Nairobi on Friday. "
                                   "The opposition condemned the arrests."},
    {"text": "Egypt hosted talks between Israeli and Palestinian envoys on 12 March 2023. The envoys "
             "discussed a truce, Egypt's foreign ministry said."},
]


class Sabotage(distributed.WorkerPlugin):
    """On each worker (and on each one started to replace a dead one): the marker words' behaviour."""

    def setup(self, worker):
        from storyline import cluster as on_worker, nlp

        merge, partition = nlp.merge_chunks, on_worker.analyse_partition

        def fragile(article, docs):
            if FAILS in article.text:
                raise KeyError("token_start")
            return merge(article, docs)

        def mortal(articles, settings):
            if any(KILLS in a.text for a in articles):
                os._exit(3)
            return partition(articles, settings)

        nlp.merge_chunks, on_worker.analyse_partition = fragile, mortal


@pytest.fixture(scope="module")
def scheduler():
    """The address of a running scheduler with two single-threaded worker processes (a worker's
    death kills its task at once: no retries)."""
    import cloudpickle
    import dask

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as local, distributed.Client(local) as client:
            client.register_plugin(Sabotage())
            yield local.scheduler_address


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_local_cluster_gives_the_outputs_of_one_process_byte_for_byte(demo_out, corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "PARTITION", 2)            # three partitions for five articles
    monkeypatch.setattr(cluster, "IN_FLIGHT_PER_WORKER", 1)
    from storyline.corpus import framing, selection, stances, timeline

    made = []        # the articles whose shares of the corpus stages the run's own process made (the workers are others)
    for module, name in ((framing, "framing_part"), (selection, "salience_part"), (stances, "stance_hits"),
                         (timeline, "background_part")):
        def counting(*args, _real=getattr(module, name), _name=name, **kwargs):
            made.append(_name)
            return _real(*args, **kwargs)
        monkeypatch.setattr(module, name, counting)
    out = tmp_path / "out"
    summary = storyline.run([corpus_dir], out=out, dask="local:2")
    assert summary.articles_analysed == 5 and not summary.failed
    # the shares were made on the workers, but those of articles whose date the run inferred (or tried
    # to) after their analysis: what they are made from changed, so the corpus stages made them again
    with sqlite3.connect(out / "storyline.sqlite") as db:
        redated = [r[0] for r in db.execute("select id from articles where dated_with is not null")]
    assert 0 < len(redated) < 5
    assert Counter(made) == {name: len(redated) for name in ("framing_part", "salience_part", "stance_hits",
                                                               "background_part")}
    compared = sorted(p.name for p in demo_out.iterdir() if p.is_file() and not p.name.startswith("."))
    assert {"events.jsonl", "timeline.json", "articles.jsonl", "report.html"} <= set(compared)
    for name in compared:
        if not name.startswith("storyline.sqlite"):
            assert (out / name).read_bytes() == (demo_out / name).read_bytes(), name
    assert _tables(out) == _tables(demo_out)


def _tables(out) -> dict:
    """The store's tables row by row, as benchmarks/scale.py compares runs (:func:`store_tables`)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "scale.py"
    spec = importlib.util.spec_from_file_location("storyline_bench_scale", path)
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    return scale.store_tables(out)


def test_partitions_in_flight_are_bounded_and_results_come_in_input_order(scheduler, monkeypatch):
    monkeypatch.setattr(cluster, "PARTITION", 2)
    monkeypatch.setattr(cluster, "IN_FLIGHT_PER_WORKER", 1)  # two workers: at most 2 partitions, 4 articles
    articles = [Article(id=f"a{n:02d}", path=f"a{n:02d}.txt", published="2023-03-01",
                        text=f"Officials from Chile and Peru met in Lima on Monday, meeting number {n}.")
                for n in range(12)]
    pulled, ahead = [0], []

    def source():
        for article in articles:
            pulled[0] += 1
            yield article

    settings = load_settings()
    advanced = []
    with distributed.Client(scheduler, set_as_default=False) as client:
        progress = type("P", (), {"advance": lambda self, n=1: advanced.append(n)})()
        got = []
        for article, result in cluster.analyse_on(client, source(), settings=settings, progress=progress):
            got.append(article.id)
            ahead.append(pulled[0] - len(got))
            assert isinstance(result, AnalysisRows), result   # rows made on the worker, for the store
    assert got == [a.id for a in articles] and sum(advanced) == 12
    assert max(ahead) <= 2 * 2 * 1 - 1 and max(ahead) > 0, ahead


def test_a_scheduler_address_is_used_and_failures_on_workers_cost_only_their_articles(scheduler, tmp_path,
                                                                                       monkeypatch):
    monkeypatch.setattr(cluster, "PARTITION", 4)            # the dying worker takes all four down with it
    monkeypatch.setattr(cluster, "MIN_PARTITION", 4)
    monkeypatch.setattr(cluster, "ALONE_TRIES", 1)          # run alone, one at a time: the one that kills is known
    news = tmp_path / "news"
    news.mkdir()
    (news / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    out = tmp_path / "out"
    summary = storyline.run([news], out=out, dask=scheduler)
    reasons = {f.path.rsplit("#", 1)[-1]: f.reason for f in summary.failed}
    assert summary.articles_read == 4 and summary.articles_analysed == 2, summary.failed
    assert len(reasons) == 2
    assert any("KeyError" in r and "token_start" in r for r in reasons.values()), reasons
    assert any("worker died" in r for r in reasons.values()), reasons
    articles = {a["text"].split()[0]: a for a in _jsonl(out / "articles.jsonl")}
    assert FAILS in articles["Brazil's"]["text"] and "KeyError" in articles["Brazil's"]["analysis_error"]
    assert "worker died" in articles["Kenyan"]["analysis_error"]
    assert not articles["The"]["analysis_error"] and not articles["Egypt"]["analysis_error"]
    assert articles["Egypt"]["published"] == "2023-03-12"       # dated by the re-analysis, on the workers
    coded = {e["article_id"] for e in _jsonl(out / "events.jsonl")}
    assert articles["The"]["id"] in coded and articles["Kenyan"]["id"] not in coded


def test_a_scheduler_out_of_reach_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from storyline.cli import main

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    (tmp_path / "a.txt").write_text("Leaders met in Oslo on 2 May 2022.", encoding="utf-8")
    with pytest.raises(ClusterUnusable, match="Cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        storyline.run([tmp_path / "a.txt"], out=tmp_path / "out", dask="tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(main, ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "-q",
                                       "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == ClusterUnusable.exit_code == 8 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("spec", ["local:0", "local", "tcp://nohost", "http://h:8786", "local:2 "])
def test_a_malformed_dask_setting_is_refused(spec):
    with pytest.raises(BadArguments, match="dask must be"):
        load_settings(dask=spec)


def test_workers_that_would_analyse_otherwise_are_refused(scheduler, tmp_path, monkeypatch):
    from storyline import pipeline

    monkeypatch.setattr(pipeline, "fingerprint", lambda *a, **k: "storyline-0.0+other/model")
    (tmp_path / "a.txt").write_text("Leaders met in Oslo on 2 May 2022.", encoding="utf-8")
    with pytest.raises(ClusterUnusable, match="workers analyse with storyline-.*this run with storyline-0.0"):
        storyline.run([tmp_path / "a.txt"], out=tmp_path / "out", dask=scheduler)
    assert not (tmp_path / "out").exists()


def test_partitions_shrink_at_the_tail_so_the_workers_end_together(monkeypatch):
    monkeypatch.setattr(cluster, "PARTITION", 16)
    monkeypatch.setattr(cluster, "MIN_PARTITION", 2)
    monkeypatch.setattr(cluster, "TAIL_SHARES", 2)
    sizes = list(cluster.partition_sizes(300, 2))
    assert sum(sizes) == 300 and sizes[0] == 16 and sizes[-1] == 2
    assert sizes == sorted(sizes, reverse=True) and sizes.count(16) >= 14
    assert list(cluster.partition_sizes(5, 2)) == [2, 2, 2]           # never below MIN_PARTITION
    unknown = cluster.partition_sizes(None, 2)
    assert [next(unknown) for _ in range(3)] == [16, 16, 16]          # a stream of unknown length
    # the articles are cut by those sizes, and any past the total said go in full partitions
    chunks = list(cluster._chunks(iter(range(40)), cluster.partition_sizes(20, 2)))
    assert [len(c) for c in chunks] == [5, 4, 3, 2, 2, 2, 2, 16, 4]
    assert [a for c in chunks for a in c] == list(range(40))


def test_rows_made_elsewhere_and_pickled_store_what_the_records_store(tmp_path):
    import pickle

    from storyline.model import Event, Quote, TimeRef
    from storyline.store import Store
    from storyline.store.rows import analysis_rows

    article = Article(id="a1", path="a1.txt", published="2023-03-01", text="Chile and Peru met in Lima.")
    records = dict(
        timexes=[TimeRef(0, 4, "2023", "DATE", "2023", id="t1", article_id="a1")],
        events=[Event(id="e1", article_id="a1", event_type="CONSULT", negated=True, evidence=("cue", "met")),
                Event(id="e2", article_id="a1", event_type="ASSAULT", goldstein=-9.5)],
        quotes=[Quote(id="q1", article_id="a1", text="we met", start=1, end=7)])
    rows = pickle.loads(pickle.dumps(analysis_rows(**records)))
    assert rows.count("events") == 2 and rows.count("quotes") == 1
    tables = []
    for name, save in (("records", lambda s: s.save_analysis(article, **records, fingerprint="f")),
                       ("rows", lambda s: s.save_analysis_rows(article, rows, fingerprint="f"))):
        store = Store(tmp_path / f"{name}.sqlite")
        store.save_articles([article])
        save(store)
        tables.append({t: list(store.db.conn.execute(f"select * from {t} order by rowid"))
                       for t in ("articles", "timexes", "events", "quotes", "event_actors")})
        store.close()
    assert tables[0] == tables[1] and len(tables[0]["events"]) == 2


def _config(keys):
    import dask

    return {k: dask.config.get(k) for k in keys}


def test_the_runs_own_cluster_runs_without_dasks_profiler_and_frequent_checks():
    import dask

    keys = sorted(cluster.LOCAL_CONFIG)
    before = _config(keys)
    assert before != cluster.LOCAL_CONFIG     # Dask's defaults differ, or this test could not fail
    with cluster.connect("local:1", load_settings()) as client:
        assert list(client.run(_config, keys).values()) == [cluster.LOCAL_CONFIG]
    assert _config(keys) == before            # the process's own settings are left as they were
    assert dask.config.get("distributed.worker.profile.enabled") is True
