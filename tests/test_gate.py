"""The evaluation gate: small runs of the benchmarks with floors, so quality cannot silently drop.

Each benchmark script prints ``name: value`` lines; the gate runs a cheap slice of it (against
``../shared/bench``) and compares chosen figures with floors set a little under what was measured
when the floor was raised.  Raise a floor when a change lifts the figure; never lower one to pass.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"

GATES = [
    # (script and arguments, figure, floor)
    (["events.py"], "petr2_storyline_plover_type_acc", 0.75),
    (["events.py"], "petr2_storyline_source_country_acc", 0.85),
    (["events.py"], "petr2_storyline_target_country_acc", 0.60),
    (["events.py"], "cameo_examples_storyline_plover_type_acc", 0.80),
    (["events.py"], "cameo_examples_storyline_cameo_root_acc", 0.74),
    (["timex.py", "--limit", "15", "--no-heideltime"], "storyline.all.strict_f1", 0.90),
    (["timex.py", "--limit", "15", "--no-heideltime"], "storyline.all.relaxed_f1", 0.95),
    (["timex.py", "--limit", "15", "--no-heideltime"], "storyline.all.value_f1", 0.82),
    (["quotes.py", "--limit", "20"], "content_overlap_f1", 0.745),
    (["quotes.py", "--limit", "20"], "content_exact_f1", 0.61),
]


def _figures(args: tuple[str, ...]) -> dict[str, float]:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:]],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition(": ")
        try:
            figures[name.strip()] = float(value)
        except ValueError:
            continue
    return figures


@pytest.fixture(scope="module")
def benchmark_figures():
    cache: dict[tuple[str, ...], dict[str, float]] = {}

    def get(args: list[str]) -> dict[str, float]:
        key = tuple(args)
        if key not in cache:
            cache[key] = _figures(key)
        return cache[key]

    return get


@pytest.mark.skipif(not BENCH.exists(), reason="../shared/bench is not beside the checkout")
@pytest.mark.parametrize("args,figure,floor", GATES, ids=[f"{a[0]}:{f}" for a, f, _ in GATES])
def test_quality_floor(benchmark_figures, args, figure, floor):
    figures = benchmark_figures(args)
    assert figure in figures, f"{args[0]} no longer prints {figure}"
    assert figures[figure] >= floor, f"{figure} = {figures[figure]:.3f} fell below its floor {floor}"
