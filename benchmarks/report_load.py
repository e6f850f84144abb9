"""The report in a real browser: bytes, load time and page size (DOM) of ``report.html``, for the
demo corpus and the Libya topic (Timeline17 LibyaWar, Reuters; skipped when ../shared is absent).

Run: ``.venv/bin/python benchmarks/report_load.py [--demo-out DIR] [--libya-out DIR]``.  Each corpus
is run with ``storyline run`` into its folder (default under /tmp/storyline-report-load/); a folder
that already holds a run re-analyses nothing, so only the outputs are written again.  The page is
then opened LOADS times in Debian's headless chromium (chromium-driver, selenium; ``make bench``
installs them) from file://, each time in a fresh tab.

Prints ``name: value`` lines per corpus: report bytes, chart script bytes, median load time (ms,
navigation start to the end of the load event, charts included), elements and all nodes of the
page once loaded (its first view: one page of each list, no article opened).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT.parent / "shared" / "corpora" / "putin-xi"
LIBYA = ROOT.parent / "shared" / "bench" / "t17" / "LibyaWar_reuters" / "articles.jsonl"
LOADS = 3
_MEASURE = """
var nav = performance.getEntriesByType("navigation")[0], all = 0;
var walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
while (walker.nextNode()) all++;
return [nav.loadEventEnd - nav.startTime, document.getElementsByTagName("*").length, all];
"""


def run_storyline(corpus: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "storyline.cli", "run", str(corpus), "--out", str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL)


def browser(profile: str):
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options,
                            service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))


def measure(driver, report: Path, name: str) -> None:
    loads, elements, nodes = [], 0, 0
    for _ in range(LOADS):
        driver.switch_to.new_window("tab")
        driver.get(report.as_uri())
        ms, elements, nodes = driver.execute_script(_MEASURE)
        loads.append(ms)
    script = report.parent / "plotly.min.js"
    print(f"{name} report bytes: {report.stat().st_size}")
    print(f"{name} chart script bytes: {script.stat().st_size if script.exists() else 0}")
    print(f"{name} load ms (median of {LOADS}): {statistics.median(loads):.0f}")
    print(f"{name} DOM elements (first view): {elements}")
    print(f"{name} DOM nodes (first view): {nodes}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    base = Path(tempfile.gettempdir()) / "storyline-report-load"
    parser.add_argument("--demo-out", type=Path, default=base / "demo")
    parser.add_argument("--libya-out", type=Path, default=base / "libya")
    args = parser.parse_args()
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        sys.exit("chromium and chromium-driver are needed (make bench installs them)")
    corpora = [("demo", DEMO, args.demo_out)] + ([("libya", LIBYA, args.libya_out)] if LIBYA.exists() else [])
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(profile)
        try:
            for name, corpus, out in corpora:
                out.mkdir(parents=True, exist_ok=True)
                run_storyline(corpus, out)
                measure(driver, out / "report.html", name)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
