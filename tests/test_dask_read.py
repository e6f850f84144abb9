"""Reading the inputs on Dask (#18, :mod:`storyline.cluster_read`): the workers read, extract and
sketch, the coordinator decides duplicates and stores; the items, their order, the stored articles
and events are those of a run in one process, and what the workers cannot read is read here."""
from __future__ import annotations

import gzip
import json
import os
import sqlite3

import pytest

import storyline
from storyline import cluster_read, pipeline
from storyline.ingest import dedup, iter_paths, read_file, json as ingest_json
from storyline.ingest.dedup import Sketched

distributed = pytest.importorskip("distributed")

#: an article long enough for word 5-shingles to tell a near copy (our own words)
STORY = ("Lawmakers in Chile approved a new water law on Tuesday after two years of debate in the Senate. "
         "The law gives towns first claim on rivers during droughts and sets fines for farms that take more "
         "than their share. Farmers' unions said the fines would ruin small growers, while mayors of dry "
         "northern towns welcomed the vote. The president is expected to sign the bill next week, his "
         "spokeswoman told reporters in Santiago. Opposition senators said they would ask the constitutional "
         "court to review two articles of the law. The water authority will publish the first allocation "
         "rules within ninety days, officials said.")
NEAR = STORY.replace("officials said.", "according to the ministry.")
PAGE = ("<html><head><title>Peru and Bolivia sign border accord</title></head><body><article>"
        "<h1>Peru and Bolivia sign border accord</h1><p>The foreign ministers of Peru and Bolivia signed an "
        "accord on border crossings in La Paz on Monday, 6 March 2023.</p><p>The accord opens two new "
        "crossings for trucks and lets residents of border towns pass with an identity card, the ministers "
        "said at a news conference.</p></article></body></html>")


def _records() -> list:
    return [{"id": "w1", "time": "2023-05-02", "source": "wire", "text": STORY},
            {"id": "w2", "time": "2023-05-03", "text": "Kenya's parliament rejected a tax bill on Wednesday. "
                                                       "Protesters had gathered outside in Nairobi."},
            "{not json",
            {"id": "w3", "time": "2023-05-02", "source": "wire", "text": STORY},   # an exact copy
            "{not json",                                                            # a bad line repeated
            {"id": "w4", "time": "2023-05-04", "source": "paper", "text": NEAR},   # a near copy
            {"id": "w5", "time": "2023-05-05", "text": "Ghana's central bank raised its main rate on Monday."}]


def _corpus(folder):
    folder.mkdir()
    lines = [r if isinstance(r, str) else json.dumps(r) for r in _records()]
    (folder / "a-news.jsonl").write_text("\ufeff" + "\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n",
                                         encoding="utf-8")
    (folder / "b-page.html").write_text(PAGE, encoding="utf-8")
    (folder / "c-broken.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "cut')[:-12])  # read here
    (folder / "d-junk.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 40)                       # on a worker
    return folder


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, distributed.Client(local) as made:
        yield made


def _plain(items) -> list:
    return [(f, fo, (got.article, got.sketch) if isinstance(got, Sketched) else got) for f, fo, got in items]


def test_items_read_on_workers_are_those_read_here_in_the_same_order(tmp_path, client, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    monkeypatch.setattr(cluster_read, "PIECE_LINES", 2)      # the JSON Lines file in four tasks
    here = list(pipeline.read_inputs([corpus]))
    parsed = []
    real = ingest_json._article_from_line
    monkeypatch.setattr(ingest_json, "_article_from_line", lambda line, **kw: parsed.append(kw) or real(line, **kw))
    with cluster_read.Prefetch(client, max_bytes=pipeline.Settings.max_bytes) as prefetch:
        there = _plain(pipeline.read_inputs([corpus], prefetch=prefetch))
        assert not prefetch.live and not prefetch.queue           # every task consumed and let go
    assert parsed == []                                           # no record of the lines was made here
    sketched = [got for _, _, got in there if isinstance(got, tuple)]
    assert len(sketched) == 6 and all(s == dedup.sketch_of(a.text) for a, s in sketched)
    assert [(f, fo, got[0] if isinstance(got, tuple) else got) for f, fo, got in there] == here
    rejected = {r.path.rsplit("/", 1)[-1]: r.reason for _, _, r in here if isinstance(r, pipeline.Rejected)}
    assert set(rejected) == {"a-news.jsonl:4", "a-news.jsonl:6", "c-broken.jsonl.gz:1", "d-junk.txt"}
    # files over PIECE_BYTES are read here, but a JSON Lines file of any size goes in runs of lines
    monkeypatch.setattr(cluster_read, "PIECE_BYTES", 100)
    started = []     # the workers' pipelines start loading once, with the first reading task
    with cluster_read.Prefetch(client, max_bytes=pipeline.Settings.max_bytes,
                               on_first=lambda: started.append(len(prefetch.live))) as prefetch:
        there = _plain(pipeline.read_inputs([corpus], prefetch=prefetch))
    assert parsed == [] and len([got for _, _, got in there if isinstance(got, tuple)]) == 5
    assert [(f, fo, got[0] if isinstance(got, tuple) else got) for f, fo, got in there] == here
    assert started == [1]
    started.clear()  # ... and at once when the files are all read here
    with cluster_read.Prefetch(client, max_bytes=pipeline.Settings.max_bytes,
                               on_first=lambda: started.append(len(prefetch.live))) as prefetch:
        gz = corpus / "c-broken.jsonl.gz"
        assert list(pipeline.read_inputs([gz], prefetch=prefetch)) == list(pipeline.read_inputs([gz]))
    assert started == [0]


def test_a_file_changed_after_it_was_planned_is_read_here(tmp_path, client):
    corpus = _corpus(tmp_path / "in")
    news = corpus / "a-news.jsonl"
    with cluster_read.Prefetch(client, max_bytes=pipeline.Settings.max_bytes) as prefetch:
        path, plan = next(prefetch.walk(iter_paths([news]), None))
        assert plan.lines                                         # planned as lines for the workers
        with open(news, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "w9", "time": "2023-05-09", "text": "Chad closed its border on Friday."}) + "\n")
        os.utime(news, ns=(1, 1))
        items = [got.article if isinstance(got, Sketched) else got for got in plan.read()]
    assert "Chad closed its border" in items[-1].text        # the line added after the planning
    assert items == list(read_file(news))


def _tables(out) -> dict:
    with sqlite3.connect(out / pipeline.STORE_NAME) as db:
        tables = {t: db.execute(f"select * from {t} order by rowid").fetchall()
                  for t in ("articles", "events", "quotes", "inputs", "timexes")}
        tables["rejects"] = db.execute("select path, reason, count, file from rejects order by rowid").fetchall()
    return tables


def test_a_dask_run_stores_the_articles_and_events_of_a_plain_run(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    monkeypatch.setattr(cluster_read, "PIECE_LINES", 3)
    made = []
    real = dedup.shingles
    monkeypatch.setattr(dedup, "shingles", lambda text, **kw: made.append(1) or real(text, **kw))
    dasked = storyline.run([corpus], out=tmp_path / "dask", dask="local:2")
    assert made == []                        # every sketch was made on a worker, none here
    plain = storyline.run([corpus], out=tmp_path / "plain")
    assert made                              # ... where the plain run makes them
    tables = _tables(tmp_path / "dask")
    with sqlite3.connect(tmp_path / "dask" / pipeline.STORE_NAME) as db:
        marked = db.execute("select count(*) from articles where duplicate_of is not null").fetchone()[0]
    # the exact copy is the same article (text and outlet), the near copy is stored marked
    assert len(tables["events"]) > 0 and len(tables["articles"]) == 5 and marked == 1
    assert tables == _tables(tmp_path / "plain")
    assert dasked.duplicates == plain.duplicates == 2
    assert dasked.rejected == plain.rejected and len(dasked.rejected) == 4
    assert {r.path.rsplit("/", 1)[-1] for r in dasked.rejected} >= {"c-broken.jsonl.gz:1", "d-junk.txt"}
    for name in ("events.jsonl", "articles.jsonl"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()
