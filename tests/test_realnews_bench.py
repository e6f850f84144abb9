"""benchmarks/realnews.py with HTML passages, and the dev2 gold it reads (benchmarks/data/realnews)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV2 = ROOT / "benchmarks" / "data" / "realnews" / "dev2-gold.jsonl"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def rn():
    spec = importlib.util.spec_from_file_location("realnews_bench", ROOT / "benchmarks" / "realnews.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_table_row_is_found_across_the_cell_bars_the_extraction_writes(rn):
    # the NASCAR standings page (html-extraction 11ea38…): articleBody row vs Storyline's clean text
    clean = "| 36 | Andy Seuss | 9 | 0 | 0 | 0 | 0 |\n| 37 | Drew Herring | 8 | 0 | 0 | 0 | 0 |\n"
    spans = rn.line_spans(clean, [{"line": 41, "text": "37 Drew Herring 8 0 0 0 0"}])
    start, end = spans[41]
    assert clean[start:end] == "37 | Drew Herring | 8 | 0 | 0 | 0 | 0"
    assert rn.line_spans(clean, [{"line": 1, "text": "37 Drew Herring 9"}]) == {}


def test_stored_articles_are_keyed_by_record_number_and_by_page_hash(rn, tmp_path):
    gold = [{"topic": "t", "article_id": "7"}, {"topic": "html-extraction", "article_id": "abc"},
            {"topic": "t", "article_id": "7"}, {"topic": "u", "article_id": "9"}]
    rows = [{"path": "/x/realnews-articles.jsonl:1", "text": "seven"},
            {"path": "/x/realnews-articles.jsonl:2", "text": "nine"},
            {"path": "/x/realnews-html/abc.html.gz", "text": "page"}]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = {k: a["text"] for k, a in rn.stored_articles(gold, tmp_path).items()}
    assert got == {("t", "7"): "seven", ("u", "9"): "nine", ("html-extraction", "abc"): "page"}


def test_one_run_reads_the_records_and_a_folder_of_the_pages(rn, tmp_path, monkeypatch):
    page = tmp_path / "abc.html.gz"
    page.write_bytes(b"\x1f\x8b page")
    seen = []
    monkeypatch.setattr(rn.subprocess, "run", lambda cmd, **kw: seen.append(cmd) or subprocess.CompletedProcess(cmd, 0))
    out = tmp_path / "run" / "out"
    out.parent.mkdir()
    rn.run_storyline([{"id": "t/7", "text": "x"}], out)
    rn.run_storyline([{"id": "t/7", "text": "x"}], out, (page,))
    corpus, folder = str(out.parent / "realnews-articles.jsonl"), out.parent / "realnews-html"
    assert seen[0][3:] == ["run", corpus, "--out", str(out), "-q"]
    assert seen[1][3:] == ["run", corpus, str(folder), "--out", str(out), "-q"]
    assert (folder / "abc.html.gz").read_bytes() == page.read_bytes()


def test_the_dev2_gold_is_well_formed():
    gold = [json.loads(line) for line in DEV2.read_text(encoding="utf-8").splitlines()]
    assert len(gold) == 50 and len({g["id"] for g in gold}) == 50
    for g in gold:
        numbers = [entry["line"] for entry in g["lines"]]
        assert numbers == list(range(numbers[0], numbers[0] + 4))
        assert g["id"] == f"{g['topic']}/{g['article_id']}#{numbers[0]}"
        assert len(g["context"]) == min(15, numbers[0])
        for event in (e for entry in g["lines"] for e in entry["events"]):
            assert event["type"] in PLOVER and event["source"] and all(event["source"] + event["target"])
            assert not (event["reciprocal"] and event["target"])


def test_the_dev2_html_lines_are_verbatim_sentences_of_the_page_body():
    truth_file = ROOT.parent / "shared" / "bench" / "html-extraction" / "ground-truth.json"
    if not truth_file.is_file():
        pytest.skip("shared html-extraction benchmark not present")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    gold = map(json.loads, DEV2.read_text(encoding="utf-8").splitlines())
    html = [g for g in gold if g["topic"] == "html-extraction"]
    assert len(html) == 20
    for g in html:
        body = truth[g["article_id"]]["articleBody"]
        assert all(entry["text"] in body for entry in g["lines"])
