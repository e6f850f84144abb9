"""Golden outputs for refactoring: record what Storyline writes on fixed inputs, then diff against it.

    .venv/bin/python tools/golden.py record DIR     # write DIR/<name>.* for every case below
    .venv/bin/python tools/golden.py compare DIR    # record into a temporary folder and diff with DIR

Every case goes through the command line (``storyline run/code/quotes/timex/timeline``), which a
redesign keeps stable, so the same script serves before and after a move of modules:

- ``demo``: ``storyline run`` on the demo corpus (every output file but the SQLite store);
- ``libya``: ``storyline run`` on the first 60 records of the Libya topic;
- ``html``: ``storyline run`` on 40 pages of the HTML extraction benchmark;
- ``events``: ``storyline code`` on the PETR2 validation sentences and CAMEO examples;
- ``quotes``: ``storyline quotes`` on the PolNeAR dev texts;
- ``timex``: ``storyline timex`` on the TimeML documents (TimeBank, AQUAINT, MEANTIME);
- ``timeline``: ``storyline timeline`` on two Timeline17 topics.

``compare`` prints one line per case (``same`` or the number of differing lines, with the first few
differences) and exits 1 when anything differs.
"""
from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"
sys.path.insert(0, str(ROOT / "benchmarks"))
RUN_FILES = ("articles.jsonl", "events.jsonl", "quotes.jsonl", "timeline.json", "relations.json", "report.html")


def cli(*args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-m", "storyline.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"storyline {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def run_case(name: str, inputs: list[Path], dest: Path, work: Path) -> None:
    out = work / f"out-{name}"
    cli("run", *map(str, inputs), "--out", str(out), "-q")
    for file in RUN_FILES:
        if (out / file).exists():
            text = (out / file).read_text(encoding="utf-8")
            (dest / f"{name}.{file}").write_text(text.replace(str(work), "WORK").replace(str(SHARED), "SHARED"),
                                                 encoding="utf-8")


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def record(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        work = Path(tmp)
        run_case("demo", [SHARED / "corpora" / "putin-xi"], dest, work)
        libya = work / "libya" / "libya.jsonl"
        libya.parent.mkdir()
        lines = (BENCH / "t17" / "LibyaWar_reuters" / "articles.jsonl").read_text(encoding="utf-8").splitlines(True)
        libya.write_text("".join(lines[:60]), encoding="utf-8")
        run_case("libya", [libya], dest, work)
        pages = work / "html"
        pages.mkdir()
        for page in sorted((BENCH / "html-extraction" / "html").glob("*"))[:40]:
            shutil.copy(page, pages / page.name)
        run_case("html", [pages], dest, work)

    import events as events_bench
    import quotes as quotes_bench
    import timex as timex_bench

    sentences = (events_bench.load_petr2(events_bench.BENCH / "PETR2_GSR_validation.xml")
                 + events_bench.load_cameo_examples(events_bench.BENCH / "cameo-codes.csv"))
    (dest / "events.jsonl").write_text(cli("code", stdin=jsonl(
        {"id": s["id"], "text": s["text"], "date": s["date"]} for s in sentences)), encoding="utf-8")
    texts = sorted({text for _, text in quotes_bench.documents("dev", None)})
    (dest / "quotes.jsonl").write_text(cli("quotes", stdin=jsonl(
        {"id": n, "text": t} for n, t in enumerate(texts))), encoding="utf-8")
    docs = timex_bench.load_documents()
    (dest / "timex.jsonl").write_text(cli("timex", stdin=jsonl(
        {"id": n, "text": d.text, "dct": d.dct} for n, d in enumerate(docs))), encoding="utf-8")
    for topic in ("bpoil_bbc", "H1N1_reuters"):
        (dest / f"timeline.{topic}.json").write_text(
            cli("timeline", str(BENCH / "t17" / topic / "articles.jsonl"), "--dates", "12", "--sentences", "2"),
            encoding="utf-8")


def compare(golden: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="golden-now-") as tmp:
        now = Path(tmp)
        record(now)
        names = sorted({p.name for p in golden.iterdir()} | {p.name for p in now.iterdir()})
        differing = 0
        for name in names:
            a = (golden / name).read_text(encoding="utf-8").splitlines() if (golden / name).exists() else []
            b = (now / name).read_text(encoding="utf-8").splitlines() if (now / name).exists() else []
            if a == b:
                print(f"{name}: same")
                continue
            differing += 1
            diff = [d for d in difflib.unified_diff(a, b, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
            print(f"{name}: {len(diff)} lines differ")
            for line in diff[:6]:
                print("   " + line[:300])
        return 1 if differing else 0


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(sys.argv[2])
    if sys.argv[1] == "record":
        record(target)
        return 0
    return compare(target)


if __name__ == "__main__":
    sys.exit(main())
