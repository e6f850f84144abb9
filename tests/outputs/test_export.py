"""storyline export: flat tables a data scientist loads in one line, and a GDELT 2.0 event table."""
from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from click.testing import CliRunner

from builders import CHN, RUS, art, ev
from storyline.cli import main
from storyline.errors import BadArguments, StoreRefused
from storyline.outputs.export import export
from storyline.outputs.gdelt import GDELT_COLUMNS, lead_span
from storyline.outputs.tables import event_rows, gdelt_id

pd = pytest.importorskip("pandas")

# GDELT 2.0's event table, written out here independently of the package's data file.
GDELT_2 = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code"))
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources"
      " NumArticles AvgTone "
    + " ".join(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))
    + " DATEADDED SOURCEURL").split()


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def exported(demo_out, tmp_path_factory):
    """Every format of the demo run, each in its own folder."""
    folders = {}
    for fmt in ("parquet", "csv", "jsonl", "gdelt"):
        folders[fmt] = tmp_path_factory.mktemp(fmt)
        export(demo_out, fmt, to=folders[fmt])
    return folders


def test_parquet_has_one_row_per_event_of_the_run(demo_out, exported):
    events = pd.read_parquet(exported["parquet"] / "events.parquet")
    run_events = _jsonl(demo_out / "events.jsonl")
    assert len(events) == len(run_events) > 0
    assert list(events["id"]) == [e["id"] for e in run_events]
    assert events["kept"].all() and events["confidence"].notna().all()
    assert events["gdelt_id"].dtype == "int64"
    for name, jsonl in (("articles", "articles.jsonl"), ("quotes", "quotes.jsonl")):
        assert len(pd.read_parquet(exported["parquet"] / f"{name}.parquet")) == len(_jsonl(demo_out / jsonl))
    timeline = json.loads((demo_out / "timeline.json").read_text(encoding="utf-8"))
    assert list(pd.read_parquet(exported["parquet"] / "timeline.parquet")["date"]) == [t["date"] for t in timeline]


def test_joint_actors_are_flattened_first_actor_and_all_codes(demo_out, exported):
    events = pd.read_parquet(exported["parquet"] / "events.parquet")
    run_events = {e["id"]: e for e in _jsonl(demo_out / "events.jsonl")}
    joint = events[events["source_count"] > 1]
    assert len(joint) > 0
    for row in joint.itertuples():
        source = run_events[row.id]["source"]
        assert row.source_code == source[0]["code"] and row.source_text == source[0]["text"]
        assert row.source_codes.split(";") == [a["code"] or "" for a in source]


def test_all_events_adds_the_held_ones(demo_out, tmp_path):
    result = export(demo_out, "parquet", to=tmp_path, all_events=True)
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert len(events) == result.events == len(_jsonl(demo_out / "events.jsonl")) + result.events_held
    assert result.events_held > 0 and (~events["kept"]).sum() == result.events_held
    assert (events.loc[~events["kept"], "confidence"] < result.event_threshold).all()


def test_csv_and_jsonl_hold_the_same_tables(exported):
    parquet = pd.read_parquet(exported["parquet"] / "events.parquet")
    with open(exported["csv"] / "events.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == list(parquet["id"])
    frame = pd.read_csv(exported["csv"] / "events.csv")
    assert list(frame.columns) == list(parquet.columns) and len(frame) == len(parquet)
    assert list(frame["gdelt_id"]) == list(parquet["gdelt_id"])
    lines = _jsonl(exported["jsonl"] / "events.jsonl")
    assert [r["id"] for r in lines] == list(parquet["id"]) and list(lines[0]) == list(parquet.columns)
    assert len(pd.read_csv(exported["csv"] / "quotes.csv")) == len(_jsonl(exported["jsonl"] / "quotes.jsonl"))


def test_gdelt_has_gdelt_columns_in_order_tab_separated_with_integer_ids(exported, demo_out):
    assert GDELT_COLUMNS == tuple(GDELT_2) and len(GDELT_2) == 61
    lines = (exported["gdelt"] / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == GDELT_2
    rows = [dict(zip(GDELT_2, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == 61 for line in lines)
    run_events = _jsonl(demo_out / "events.jsonl")
    assert [int(r["GLOBALEVENTID"]) for r in rows] == [gdelt_id(e["id"]) for e in run_events]
    for row, event in zip(rows, run_events):
        assert row["EventCode"] == event["cameo"] and row["EventRootCode"] == event["cameo"][:2]
        assert row["EventBaseCode"] == event["cameo"][:3] and row["QuadClass"] == str(event["quad_class"])
        assert row["IsRootEvent"] in ("0", "1") and row["AvgTone"] == "" and row["Actor1Geo_Lat"] == ""
        assert len(row["SQLDATE"]) == 8 and row["SQLDATE"].startswith(row["MonthYear"])
        assert 1 <= int(row["NumSources"]) <= int(row["NumArticles"]) <= int(row["NumMentions"])
        assert len(row["DATEADDED"]) == 14 and row["SOURCEURL"]
    first = next(r for r, e in zip(rows, run_events) if e["source"] and e["source"][0]["code"] == "RUS")
    assert first["Actor1Code"].startswith("RUS") and first["Actor1CountryCode"] == "RUS"
    frame = pd.read_csv(exported["gdelt"] / "events.gdelt.tsv", sep="\t", dtype={"EventCode": str})
    assert list(frame.columns) == GDELT_2 and frame["GLOBALEVENTID"].dtype == "int64"


def test_gdelt_ids_are_stable_positive_64_bit_integers():
    assert gdelt_id("783ffd0c1d5709e3") == gdelt_id("783ffd0c1d5709e3") == int("783ffd0c1d5709e", 16)
    assert 0 < gdelt_id("ffffffffffffffff") < 2 ** 63 and 0 < gdelt_id("not hex") < 2 ** 63


def test_flat_event_rows_from_hand_built_records():
    a = art("a1", "Outlet", "2021-12-15", url="https://example.org/a1")
    unknown = type(RUS)("their partners")
    rows = event_rows([ev("e1", "a1", src=(RUS, CHN), tgt=(unknown,), confidence=0.4)], {"a1": a}, 0.5)
    row = rows[0]
    assert (row["source_code"], row["source_codes"], row["source_count"]) == ("RUS", "RUS;CHN", 2)
    assert (row["target_code"], row["target_codes"], row["target_names"]) == (None, "", "their partners")
    assert row["kept"] is False and row["outlet"] == "Outlet" and row["url"] == "https://example.org/a1"


def test_the_lead_paragraph_is_the_first_that_is_not_the_title():
    text = "Leaders Meet\n\nThe two leaders met on Monday.\n\nMore later."
    a = art("a", "X", None, title="Leaders Meet").replace(text=text)
    start, end = lead_span(a)
    assert text[start:end] == "The two leaders met on Monday."


def test_cli_lists_the_files_and_counts(demo_out, tmp_path):
    result = CliRunner().invoke(main, ["export", str(demo_out), "--format", "csv", "--to", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'events.csv'}\t" in result.output and "rows" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.csv", "events.csv", "quotes.csv", "timeline.csv"]


def test_default_folder_is_out_export(demo_out, tmp_path):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(demo_out, out)
    result = export(out, "jsonl")
    assert result.folder == str(out / "export") and (out / "export" / "events.jsonl").exists()


@pytest.mark.parametrize("args,code,words", [
    (["--format", "xlsx"], 2, "xlsx"),
])
def test_cli_refuses_a_bad_format(demo_out, args, code, words):
    result = CliRunner().invoke(main, ["export", str(demo_out), *args])
    assert result.exit_code == code and words in result.output


def test_bad_out_and_foreign_store_are_clear_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["export", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "no Storyline results" in missing.output
    assert not (tmp_path / "nowhere").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(main, ["export", str(empty)]).exit_code == 2
    assert not (empty / "storyline.sqlite").exists()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    with sqlite3.connect(foreign / "storyline.sqlite") as conn:
        conn.execute("create table cats (name text)")
    refused = runner.invoke(main, ["export", str(foreign)])
    assert refused.exit_code == StoreRefused.exit_code and "not a Storyline store" in refused.output
    with pytest.raises(BadArguments):
        export(tmp_path / "nowhere", "parquet")


def test_export_into_the_run_folder_itself_is_refused(demo_out):
    with pytest.raises(BadArguments, match="own folder"):
        export(demo_out, "jsonl", to=demo_out)
