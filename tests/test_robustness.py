"""A store that mirrors its inputs, runs that survive being stopped anywhere, failures that speak plainly."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import stat

import pytest

import storyline
from storyline.errors import BadArguments, DiskFull, OutputUnusable, StoreBusy, StoreRefused

RECORDS = [
    {"time": "2024-05-16", "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing "
                                   "on Thursday. The two leaders signed a joint statement on deepening ties."},
    {"time": "2024-02-08", "text": "Putin and Xi spoke by phone on Thursday, the Kremlin said. Xi praised "
                                   "the partnership and invited Putin to visit China."},
    {"time": "2021-12-15", "text": "Putin and Xi held a video call on Wednesday. China accused the United "
                                   "States of interfering in its internal affairs."},
]


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _ids(out, name):
    return sorted(r["id"] for r in _jsonl(out / name))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    _write_jsonl(folder / "wire.jsonl", RECORDS)
    return folder


def test_renamed_folder_and_moved_lines_re_analyse_nothing_and_double_nothing(tmp_path, corpus):
    out = tmp_path / "out"
    first = storyline.run(corpus, out=out)
    events = _ids(out, "events.jsonl")
    assert first.articles_analysed == 3 and events
    moved = corpus.rename(tmp_path / "renamed")
    _write_jsonl(moved / "wire.jsonl", list(reversed(RECORDS)))
    again = storyline.run([moved], out=out)
    assert again.articles_analysed == 0 and again.articles_skipped_unchanged == 3
    assert _ids(out, "events.jsonl") == events
    assert all("/renamed/" in a["path"] for a in _jsonl(out / "articles.jsonl"))


def test_a_line_added_at_the_top_analyses_only_that_line(tmp_path, corpus):
    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    extra = {"time": "2024-04-26", "text": "Blinken met Xi in Beijing on Friday and warned him about support for Russia."}
    _write_jsonl(corpus / "wire.jsonl", [extra, *RECORDS])
    again = storyline.run(corpus, out=out)
    assert again.articles_analysed == 1
    assert len(_jsonl(out / "articles.jsonl")) == 4


def test_a_changed_file_replaces_its_old_records(tmp_path, corpus):
    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    _write_jsonl(corpus / "wire.jsonl", RECORDS[1:])
    again = storyline.run(corpus, out=out)
    assert again.replaced == 1 and again.articles_analysed == 0
    texts = [a["text"] for a in _jsonl(out / "articles.jsonl")]
    assert len(texts) == 2 and RECORDS[0]["text"] not in texts
    gone = {a["id"] for a in _jsonl(out / "articles.jsonl")}
    assert all(e["article_id"] in gone for e in _jsonl(out / "events.jsonl"))


def test_copies_arriving_in_a_later_run_are_duplicates(tmp_path, corpus):
    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    later = tmp_path / "later"
    later.mkdir()
    # the same text (same article) and a near copy with an extra closing line
    (later / "copy.txt").write_text(RECORDS[0]["text"] + "\n", encoding="utf-8")
    near = " ".join(r["text"] for r in RECORDS)
    _write_jsonl(corpus / "wire.jsonl", RECORDS + [{"time": "2024-02-08", "text": near + " Reporting by staff."}])
    first_near = storyline.run(corpus, out=out)
    assert first_near.articles_analysed == 1
    (later / "near.txt").write_text(near + " Editing by the desk.\n", encoding="utf-8")
    summary = storyline.run([later], out=out)
    assert summary.duplicates == 2 and summary.articles_analysed == 0
    by_path = {a["path"].rsplit("/", 1)[-1]: a for a in _jsonl(out / "articles.jsonl")}
    assert by_path["near.txt"]["duplicate_of"]


def test_deleted_inputs_are_reported_and_pruned_on_request(tmp_path, corpus):
    out = tmp_path / "out"
    other = tmp_path / "other.txt"
    other.write_text("Xi Jinping met Vladimir Putin in Moscow on Monday and praised the partnership.\n", encoding="utf-8")
    storyline.run([corpus, other], out=out)
    other.unlink()
    kept = storyline.run(corpus, out=out)
    assert kept.orphaned == 1 and kept.pruned == 0
    assert len(_jsonl(out / "articles.jsonl")) == 4
    pruned = storyline.run(corpus, out=out, prune=True)
    assert pruned.pruned == 1 and pruned.orphaned == 0
    assert len(_jsonl(out / "articles.jsonl")) == 3


# -- a run stopped anywhere, then run again, gives the clean run's outputs --------------------------

def _outputs(out):
    return {name: sorted((out / name).read_text(encoding="utf-8").splitlines())
            for name in ("articles.jsonl", "events.jsonl", "quotes.jsonl", "timeline.json", "relations.json")}


class Killed(BaseException):
    """Stands for kill -9: not an Exception, so nothing in the run catches it."""


@pytest.fixture(scope="module")
def seed_clean(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("clean")
    storyline.run([corpus_dir], out=out)
    return _outputs(out)


def _kill_at(monkeypatch, target, name, after=0):
    calls = {"n": 0}
    original = getattr(target, name)

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > after:
            raise Killed(name)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, dying)


@pytest.mark.parametrize("point", ["schema", "inputs", "analysis", "dating", "corpus", "outputs"])
def test_a_run_killed_anywhere_then_run_again_equals_a_clean_run(tmp_path, corpus_dir, seed_clean, monkeypatch, point):
    from storyline import store

    out = tmp_path / "out"
    target, name, after = {
        "schema": (store, "_migration_003_inputs", 0),
        "inputs": (store.Store, "save_articles", 0),
        "analysis": (store.Store, "save_analyses", 1),    # the second batch of two articles
        "dating": (store.Store, "save_dating", 0),
        "corpus": (store.Store, "add_story_events", 0),   # inside the corpus stages' transaction
        "outputs": (os, "replace", 2),
    }[point]
    with monkeypatch.context() as patch:
        _kill_at(patch, target, name, after)
        if point == "analysis":
            patch.setattr(storyline.pipeline, "ARTICLE_BATCH", 2)
        if point == "schema":
            patch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:2] + (("003_inputs", store._migration_003_inputs),))
        with pytest.raises(Killed):
            storyline.run([corpus_dir], out=out)
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")] or point == "outputs"
    storyline.run([corpus_dir], out=out)
    assert _outputs(out) == seed_clean
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-") or p.name.endswith(".tmp")]


# -- plain failures ---------------------------------------------------------------------------------

def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_foreign_database_is_refused_and_left_untouched(tmp_path, corpus):
    out = tmp_path / "out"
    out.mkdir()
    with sqlite3.connect(out / "storyline.sqlite") as db:
        db.execute("create table customers (id integer primary key, name text)")
        db.execute("insert into customers (name) values ('Ada')")
    before = _digest(out / "storyline.sqlite")
    with pytest.raises(StoreRefused, match="not a Storyline store"):
        storyline.run(corpus, out=out)
    assert _digest(out / "storyline.sqlite") == before
    assert not (out / "events.jsonl").exists()


@pytest.mark.parametrize("content", [b"not a database at all" * 50, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_corrupt_store_is_refused_and_left_untouched(tmp_path, corpus, content):
    out = tmp_path / "out"
    out.mkdir()
    (out / "storyline.sqlite").write_bytes(content)
    with pytest.raises(StoreRefused, match="corrupt"):
        storyline.run(corpus, out=out)
    assert (out / "storyline.sqlite").read_bytes() == content


def test_a_second_run_into_the_same_folder_is_refused(tmp_path, corpus):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".storyline.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StoreBusy, match="Another storyline run"):
            storyline.run(corpus, out=out)
    assert storyline.run(corpus, out=out).articles_read == 3


def test_an_out_that_is_a_file_is_refused(tmp_path, corpus):
    (tmp_path / "out").write_text("mine")
    with pytest.raises(OutputUnusable, match="not a folder"):
        storyline.run(corpus, out=tmp_path / "out")
    assert (tmp_path / "out").read_text() == "mine"


@pytest.mark.parametrize("paths,message", [
    ([], "No input paths"), ("no/such/folder", "not found"), (["no/such/file.txt"], "not found"),
    (42, "a path or a list"), ([b"bytes"], "a path or a list"),
])
def test_run_arguments_are_checked(tmp_path, paths, message):
    with pytest.raises(BadArguments, match=message):
        storyline.run(paths, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", [0, -1, "2", 1.5, True])
def test_jobs_must_be_a_positive_whole_number(tmp_path, corpus, jobs):
    with pytest.raises(BadArguments, match="jobs"):
        storyline.run(corpus, out=tmp_path / "out", jobs=jobs)


def test_a_path_given_as_one_string_is_one_path(tmp_path, corpus):
    assert storyline.run(str(corpus), out=str(tmp_path / "out")).articles_read == 3


def test_a_full_disk_keeps_the_earlier_outputs_in_place(tmp_path, corpus, monkeypatch):
    import errno

    from storyline import outputs

    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix != ".sqlite"}
    _write_jsonl(corpus / "wire.jsonl", RECORDS[:1])
    calls = {"n": 0}
    original = outputs._write

    def full(path, chunks):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        original(path, chunks)

    monkeypatch.setattr(outputs, "_write", full)
    with pytest.raises(DiskFull, match="disk is full"):
        storyline.run(corpus, out=out)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix != ".sqlite"}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]


def test_output_files_follow_the_umask(tmp_path, corpus):
    old = os.umask(0o022)
    try:
        storyline.run(corpus, out=tmp_path / "out")
    finally:
        os.umask(old)
    for name in ("articles.jsonl", "events.jsonl", "timeline.json", "report.html"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o644, name


def test_leftovers_of_an_interrupted_run_are_removed(tmp_path, corpus):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".staging-abc").mkdir()
    (out / ".staging-abc" / "events.jsonl").write_text("half")
    (out / ".events.jsonl.x1y2.tmp").write_text("half")
    storyline.run(corpus, out=out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".storyline.lock"]


def test_a_failing_corpus_stage_or_report_is_skipped_with_its_reason(tmp_path, corpus, monkeypatch):
    from storyline.corpus import relations
    from storyline.outputs import report

    def broken(*args, **kwargs):
        raise ValueError("no pairs today")

    monkeypatch.setattr(relations, "compute_relations", broken)
    monkeypatch.setattr(report, "write_report", broken)
    summary = storyline.run(corpus, out=tmp_path / "out")
    assert summary.stages_skipped == ("relations: ValueError: no pairs today", "report: ValueError: no pairs today")
    assert _jsonl(tmp_path / "out" / "events.jsonl") and not (tmp_path / "out" / "report.html").exists()
    assert json.loads((tmp_path / "out" / "relations.json").read_text()) == []


def test_an_article_that_fails_analysis_is_listed_and_the_run_goes_on(tmp_path, corpus, monkeypatch):
    from storyline import nlp

    original = nlp.merge_chunks

    def fragile(article, docs):
        if "phone" in article.text:
            raise KeyError("token_start")
        return original(article, docs)

    monkeypatch.setattr(nlp, "merge_chunks", fragile)
    summary = storyline.run(corpus, out=tmp_path / "out")
    assert summary.articles_analysed == 2 and len(summary.failed) == 1
    assert "KeyError" in summary.failed[0].reason
    failed = [a for a in _jsonl(tmp_path / "out" / "articles.jsonl") if a["analysis_error"]]
    assert len(failed) == 1 and "phone" in failed[0]["text"]
    assert not [e for e in _jsonl(tmp_path / "out" / "events.jsonl") if e["article_id"] == failed[0]["id"]]
    # the same code fails the same way: a re-run does not retry it, a code change would
    assert storyline.run(corpus, out=tmp_path / "out").articles_analysed == 0


def test_a_stop_signal_is_never_taken_for_one_stage_failing(tmp_path, corpus, monkeypatch):
    from storyline.corpus import relations
    from storyline.errors import Interrupted

    def stopped(*args, **kwargs):
        raise Interrupted("SIGTERM")

    monkeypatch.setattr(relations, "compute_relations", stopped)
    with pytest.raises(Interrupted):
        storyline.run(corpus, out=tmp_path / "out")
