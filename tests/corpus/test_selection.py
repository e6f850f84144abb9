"""Selective timelines (storyline.corpus.selection, the news-tls task) and the cheap date references
(storyline.corpus.day_references)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from storyline.corpus.day_references import date_references
from storyline.corpus.selection import read_records, select_timeline, split_sentences, timeline_from_path

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"
SAT = dt.date(2010, 5, 15)   # a Saturday


@pytest.mark.parametrize("sentence,dct,expected", [
    ("BP said on Friday the leak slowed .", SAT, ["2010-05-14"]),
    ("The rig blew up on 20 April , killing 11 workers .", SAT, ["2010-04-20"]),
    ("The rig exploded on April 20 .", SAT, ["2010-04-20"]),
    ("It was sealed on Sept. 19 , 2010 .", None, ["2010-09-19"]),
    ("Talks are set for 2010-06-01 in Houston .", None, ["2010-06-01"]),
    ("Officials met yesterday .", SAT, ["2010-05-14"]),
    ("Officials meet today and again next Monday .", SAT, ["2010-05-15", "2010-05-17"]),
    ("Officials met last Saturday .", SAT, ["2010-05-08"]),
    ("BP may 5 times increase the payout .", SAT, []),
    ("Costs rose 20 % in May .", SAT, []),
    ("He said so on Friday .", None, []),
    ("A January 3 , 2011 hearing .", SAT, ["2011-01-03"]),
    ("On Dec. 30 the plan was filed .", dt.date(2011, 1, 2), ["2010-12-30"]),
])
def test_date_references(sentence, dct, expected):
    assert sorted(d.isoformat() for d in date_references(sentence, dct)) == expected


@pytest.mark.parametrize("text,n", [
    ("One line .\nTwo line .\nThree .", 3),
    ("First sentence here. Second one follows! Third?", 3),
    ("", 0),
    ("Mr. Smith met Dr. Jones on Jan. 5. Then he left.\nA second paragraph. It has two.", 4),
    ("Officials in the U.S. said so .", 1),
])
def test_split_sentences(text, n):
    assert len(split_sentences(text)) == n


def _corpus() -> list[dict]:
    """Three stories: a spill (referred to by many later articles), a hearing, a settlement."""
    arts = []
    for i in range(6):
        arts.append({"id": f"s{i}", "time": f"2010-04-{21 + i}",
                     "text": f"The Deepwater Horizon rig exploded on April 20 , spilling oil into the Gulf of Mexico .\n"
                             f"Crews worked on containment booms near the coast for day {i} .\n"
                             f"Oil company shares fell sharply in early trading again ."})
    for i in range(3):
        arts.append({"id": f"h{i}", "time": f"2010-06-{18 + i}",
                     "text": "BP chief executive Tony Hayward testified before Congress on June 17 .\n"
                             f"Lawmakers accused the oil company of cutting corners on well safety , report {i} says ."})
    arts.append({"id": "x0", "time": "2010-08-01",
                 "text": "A settlement fund of 20 billion dollars was announced by the company today ."})
    arts.append({"id": "z0", "time": "2009-01-01", "text": "An old article about drilling safety rules from before ."})
    return arts


@pytest.mark.parametrize("use_timex", [False, True])
def test_select_timeline_ranks_referenced_dates_first(use_timex):
    tl = select_timeline(_corpus(), n_dates=2, n_sentences=1, use_timex=use_timex)
    assert [e["date"] for e in tl] == ["2010-04-20", "2010-06-17"]
    assert "exploded" in tl[0]["sentences"][0]
    assert "testified" in tl[1]["sentences"][0]
    assert all(set(e) == {"date", "sentences", "article_ids"} for e in tl)


@pytest.mark.parametrize("n_dates,n_sentences", [(1, 1), (3, 2), (10, 3)])
def test_select_timeline_respects_bounds(n_dates, n_sentences):
    tl = select_timeline(_corpus(), n_dates=n_dates, n_sentences=n_sentences)
    assert 1 <= len(tl) <= n_dates
    assert all(1 <= len(e["sentences"]) <= n_sentences for e in tl)
    assert [e["date"] for e in tl] == sorted(e["date"] for e in tl)
    sentences = [s for e in tl for s in e["sentences"]]
    assert len(sentences) == len(set(sentences))


def test_undated_articles_count_through_full_dates_only():
    arts = [{"id": "u1", "text": "The summit took place on 4 February 2022 in Beijing .\nIt went well on Friday ."},
            {"id": "u2", "time": None, "text": "Leaders met on February 4 , 2022 at the Olympics ."}]
    tl = select_timeline(arts, n_dates=3, n_sentences=1)
    assert [e["date"] for e in tl] == ["2022-02-04"]
    assert "Friday" not in tl[0]["sentences"][0]


def test_copies_are_not_independent_reporting():
    copy = "The summit was held on March 3 , officials said after the talks ended ."
    arts = [{"id": "c1", "time": "2010-03-10", "text": copy}, {"id": "c2", "time": "2010-03-11", "text": copy},
            {"id": "c3", "time": "2010-03-12", "text": copy},
            {"id": "d1", "time": "2010-03-10", "text": "Ministers resigned on March 5 after the vote was lost ."},
            {"id": "d2", "time": "2010-03-11", "text": "Two ministers quit on March 5 over the lost budget vote ."}]
    tl = select_timeline(arts, n_dates=1, n_sentences=1, spread_penalty=0)
    assert [e["date"] for e in tl] == ["2010-03-05"]


def test_select_timeline_date_range():
    tl = select_timeline(_corpus(), n_dates=10, n_sentences=1, start="2010-06-01", end="2010-12-31")
    assert tl and all("2010-06-01" <= e["date"] <= "2010-12-31" for e in tl)
    assert select_timeline(_corpus(), n_dates=5, n_sentences=1, start="2012-01-01") == []


def test_select_timeline_keywords_prefer_topic_sentences():
    arts = [{"id": f"a{i}", "time": "2010-05-01",
             "text": "Football fans celebrated a long awaited victory downtown tonight .\n"
                     "Libya rebels advanced on the coastal town of Brega tonight ."} for i in range(3)]
    with_kw = select_timeline(arts, n_dates=1, n_sentences=1, keywords=["LibyaWar"])
    assert "Libya" in with_kw[0]["sentences"][0]
    # a keyword that never occurs is ignored rather than emptying the timeline
    assert select_timeline(arts, n_dates=1, n_sentences=1, keywords=["bpoil"])


def test_timeline_from_path_jsonl(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in _corpus()) + "\nnot json\n", encoding="utf-8")
    assert len(list(read_records(path))) == len(_corpus())
    tl = timeline_from_path(path, n_dates=2, n_sentences=1)
    assert [e["date"] for e in tl] == ["2010-04-20", "2010-06-17"]


def test_timeline_from_news_tls_folder(tmp_path):
    (tmp_path / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in _corpus()), encoding="utf-8")
    (tmp_path / "timelines.jsonl").write_text(json.dumps([["2010-04-20", ["Gold sentence ."]]]), encoding="utf-8")
    (tmp_path / "keywords.json").write_text(json.dumps(["bpoil"]), encoding="utf-8")
    assert len(list(read_records(tmp_path))) == len(_corpus())
    tl = timeline_from_path(tmp_path, n_dates=2, n_sentences=1)
    assert [e["date"] for e in tl] == ["2010-04-20", "2010-06-17"]


def test_timeline_from_folder_of_articles(corpus_dir):
    tl = timeline_from_path(corpus_dir, n_dates=4, n_sentences=1)
    assert 1 <= len(tl) <= 4
    assert "2021-12-15" in {e["date"] for e in tl}
    assert all(len(e["sentences"]) == 1 and e["article_ids"] for e in tl)


def test_folder_records_infer_missing_publication_dates(corpus_dir):
    records = {r["id"]: r for r in read_records(corpus_dir)}
    inferred = [r for r in records.values() if r["time_how"] == "inferred"]
    # 000 has no date line; it names the Beijing Olympics with "Friday": 2022-02-04
    assert [r["time"] for r in inferred] == ["2022-02-04"]
    assert all(r["time"] for r in records.values())


def test_undated_article_without_evidence_stays_undated(tmp_path):
    (tmp_path / "a.txt").write_text("Officials met again to discuss the plan. They agreed on little.",
                                    encoding="utf-8")
    (record,) = read_records(tmp_path)
    assert (record["time"], record["time_how"]) == (None, "unknown")


def test_timeline_cli(tmp_path):
    from click.testing import CliRunner

    from storyline.cli import main

    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in _corpus()), encoding="utf-8")
    result = CliRunner().invoke(main, ["timeline", str(path), "--dates", "2", "--sentences", "1",
                                       "--keywords", "oil,spill"])
    assert result.exit_code == 0, result.output
    assert [e["date"] for e in json.loads(result.output)] == ["2010-04-20", "2010-06-17"]


def _t17_task(folder: str) -> tuple[list[dict], dict]:
    root = BENCH / "t17" / folder
    articles = [json.loads(x) for x in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines() if x]
    gold = dict(json.loads((root / "timelines.jsonl").read_text(encoding="utf-8").splitlines()[0]))
    return articles, gold


@pytest.mark.skipif(not (BENCH / "t17").exists(), reason="needs ../shared/bench/t17")
@pytest.mark.parametrize("folder,floor", [("MJ_bbc", 0.30), ("bpoil_guardian", 0.55)])
def test_t17_date_f1_floor(folder, floor):
    """Quality gate: Date-F1 of the selective timeline on a Timeline17 task (benchmarks/tls.py has all)."""
    articles, gold = _t17_task(folder)
    dates = sorted(d[:10] for d in gold)
    k = round(sum(len(v) for v in gold.values()) / len(gold))
    tl = select_timeline(articles, n_dates=len(dates), n_sentences=k, start=dates[0], end=dates[-1])
    pred = {e["date"] for e in tl}
    shared = len(pred & set(dates))
    f1 = 2 * shared / (len(pred) + len(dates))
    assert f1 >= floor
