"""Incremental at scale (#18): a re-run leaves unread the files that did not change, and leaves the corpus
tables and output files as they are when nothing they are made from changed.  Checked by mechanisms
(which files were parsed, which stages ran) and by equal outputs, never by timing."""
from __future__ import annotations

import json
import os

import pytest

import storyline
import storyline.outputs
from storyline import pipeline

OLD_NS = 1_600_000_000 * 10**9          # a modification time long past (so a file's times can be trusted)

RECORDS = [
    {"time": "2023-06-02", "source": "wire", "text": "Kenyan President William Ruto met Ethiopian Prime Minister "
                                                     "Abiy Ahmed in Nairobi on Friday to discuss a border dispute."},
    {"time": "2023-06-05", "source": "wire", "text": "Ethiopia accused Kenya on Monday of arming rebels near the "
                                                     "border, and Kenya denied the charge."},
    {"time": "2023-07-11", "source": "daily", "text": "The Kenyan parliament approved a new budget on Tuesday after "
                                                      "weeks of street protests in Nairobi."},
]


def _write(path, records, *, old=True):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    if old:
        os.utime(path, ns=(OLD_NS, OLD_NS))


def _outputs(out):
    return {name: (out / name).read_bytes() for name in storyline.outputs.STAGED_FILES if (out / name).exists()}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    _write(folder / "a.jsonl", RECORDS[:2])
    _write(folder / "b.jsonl", RECORDS[2:])
    return folder


def _summary(s):
    return (s.inputs_seen, s.articles_read, s.duplicates, s.rejected, s.events, s.quotes, s.timeline_entries)


def test_unchanged_files_are_not_parsed_again_and_change_nothing(tmp_path, corpus, parsed):
    out = tmp_path / "out"
    (corpus / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    first = storyline.run(corpus, out=out)
    assert sorted(parsed) == ["a.jsonl", "b.jsonl", "bad.jsonl"]
    before = _outputs(out)
    parsed.clear()
    again = storyline.run(corpus, out=out)
    assert parsed == []
    assert again.articles_analysed == 0 and _summary(again) == _summary(first)   # the rejected record too
    assert len(first.rejected) == 1
    assert _outputs(out) == before


def test_a_changed_file_is_parsed_even_with_its_old_size_and_times(tmp_path, corpus, parsed):
    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    swapped = [dict(r, text=r["text"].replace("Friday", "Sunday").replace("Monday", "Sunday")) for r in RECORDS[:2]]
    assert len(json.dumps(swapped[0])) == len(json.dumps(RECORDS[0]))
    _write(corpus / "a.jsonl", swapped)                   # same size, same modification time put back
    parsed.clear()
    again = storyline.run(corpus, out=out)
    assert parsed == ["a.jsonl"] and again.articles_analysed == 2 and again.replaced == 2
    texts = {a["text"] for a in map(json.loads, (out / "articles.jsonl").read_text().splitlines())}
    assert texts == {r["text"] for r in swapped + RECORDS[2:]}


def test_a_file_written_just_before_its_reading_is_checked_by_its_bytes(tmp_path, corpus, parsed):
    out = tmp_path / "out"
    _write(corpus / "b.jsonl", RECORDS[2:], old=False)    # its times alone cannot be trusted
    storyline.run(corpus, out=out)
    parsed.clear()
    storyline.run(corpus, out=out)
    assert parsed == []                                   # same bytes: left unread all the same


def test_an_unchanged_rerun_skips_the_corpus_stages_and_the_outputs_unless_asked_otherwise(tmp_path, corpus, monkeypatch):
    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    before = _outputs(out)
    calls = []
    real_stages, real_write = pipeline.corpus_stages, storyline.outputs.write_outputs
    monkeypatch.setattr(pipeline, "corpus_stages", lambda *a, **k: calls.append("stages") or real_stages(*a, **k))
    monkeypatch.setattr(storyline.outputs, "write_outputs", lambda *a, **k: calls.append("write") or real_write(*a, **k))
    storyline.run(corpus, out=out)
    assert calls == [] and _outputs(out) == before
    (out / "timeline.json").unlink()                      # an output gone: everything is made again
    storyline.run(corpus, out=out)
    assert calls == ["stages", "write"] and _outputs(out) == before
    calls.clear()
    pipeline.run(corpus, out=out, event_threshold=0.9)   # another threshold: the corpus tables change
    assert calls == ["stages", "write"]
    calls.clear()
    _write(corpus / "b.jsonl", RECORDS[2:] + [dict(RECORDS[0], source="daily")])
    pipeline.run(corpus, out=out, event_threshold=0.9)   # a new article
    assert calls == ["stages", "write"]


MORE = [
    {"time": "2023-06-03", "source": "courier", "text": "Abiy Ahmed and William Ruto met in Nairobi on Friday. \"We agreed "
                                                        "to settle the border dispute,\" Ruto told reporters."},
    {"time": "2023-06-06", "source": "courier", "text": "Kenya denied on Monday that it armed rebels near the Ethiopian "
                                                        "border. In March 2021 the two countries signed a border pact."},
    {"time": "2023-07-12", "source": "wire", "text": "Police fired tear gas at protesters in Nairobi on Wednesday, a "
                                                     "day after parliament approved the budget."},
    {"time": "2023-08-01", "source": "daily", "text": "Ruto visited Addis Ababa on Tuesday and praised Abiy for his "
                                                      "efforts to end the dispute, the presidency said."},
]


def test_an_incremental_run_gives_the_outputs_of_a_clean_run(tmp_path, corpus):
    """Additions, a changed record, a removed line and a removed file (pruned), with a near copy across
    files: the re-run into the old output folder writes what a first run into a new one writes."""
    out = tmp_path / "out"
    _write(corpus / "c.jsonl", MORE[:2])
    _write(corpus / "d.jsonl", MORE[2:3])
    storyline.run(corpus, out=out)
    copies = [a for a in map(json.loads, (out / "articles.jsonl").read_text().splitlines()) if a["duplicate_of"]]
    assert copies == []
    near = dict(MORE[0], text=MORE[0]["text"] + " Officials agreed.")
    _write(corpus / "a.jsonl", [near, RECORDS[1]])   # a changed record, a near copy of one in c.jsonl (unchanged)
    _write(corpus / "b.jsonl", MORE[3:])               # a removed line, an added one
    (corpus / "d.jsonl").unlink()                              # a removed file
    _write(corpus / "e.jsonl", [dict(RECORDS[2], source="courier")])   # a new file
    again = storyline.run(corpus, out=out, prune=True)
    assert again.pruned == 1 and again.duplicates == 1
    clean = tmp_path / "clean"
    storyline.run(corpus, out=clean)
    copies = [a for a in map(json.loads, (out / "articles.jsonl").read_text().splitlines()) if a["duplicate_of"]]
    assert [a["path"].rsplit("/", 1)[-1] for a in copies] == ["c.jsonl:1"]   # the earlier file's article is the original
    assert _outputs(out) == _outputs(clean)
    assert {"articles.jsonl", "events.jsonl", "timeline.json", "report.html"} <= set(_outputs(clean))


def test_a_file_pruned_then_put_back_is_read_again(tmp_path, corpus):
    out = tmp_path / "out"
    storyline.run(corpus, out=out)
    saved = (corpus / "b.jsonl").read_bytes()
    (corpus / "b.jsonl").unlink()
    assert storyline.run(corpus, out=out, prune=True).pruned == 1
    (corpus / "b.jsonl").write_bytes(saved)                  # the same bytes, back where they were
    os.utime(corpus / "b.jsonl", ns=(OLD_NS, OLD_NS))
    storyline.run(corpus, out=out)
    texts = {a["text"] for a in map(json.loads, (out / "articles.jsonl").read_text().splitlines())}
    assert RECORDS[2]["text"] in texts and len(texts) == 3
