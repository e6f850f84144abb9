"""The evaluation gate: small runs of the benchmarks with floors, so quality cannot silently drop.

Each benchmark script prints ``name: value`` lines; the gate runs a cheap slice of it (against
``../shared/bench``) and compares chosen figures with floors set a little under what was measured
when the floor was raised.  The floors, and a digest of the benchmark data each slice reads, are in
``gate_floors.toml``.  Raise a floor when a change lifts the figure; never lower one to pass.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
FLOORS = Path(__file__).with_name("gate_floors.toml")
GATES = tomllib.loads(FLOORS.read_text(encoding="utf-8"))["gate"]


def data_digest(relative: list[str]) -> str:
    """SHA-256 (16 hex digits) of the benchmark files under ``relative``: paths and bytes, sorted."""
    digest = hashlib.sha256()
    for rel in relative:
        path = BENCH / rel
        for file in sorted(f for f in (path.rglob("*") if path.is_dir() else [path]) if f.is_file()):
            digest.update(file.relative_to(BENCH).as_posix().encode("utf-8"))
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


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


CASES = [(gate, figure, floor) for gate in GATES for figure, floor in gate["floors"].items()]


@pytest.mark.skipif(not BENCH.exists(), reason="../shared/bench is not beside the checkout")
@pytest.mark.parametrize("gate", GATES, ids=[g["script"][0] + ":" + ",".join(g["data"]) for g in GATES])
def test_benchmark_data_is_the_data_the_floors_were_set_on(gate):
    assert data_digest(gate["data"]) == gate["digest"], (
        f"the data of {gate['script'][0]} changed ({', '.join(gate['data'])}): re-measure its floors "
        f"in {FLOORS.name} and record the new digest")


@pytest.mark.skipif(not BENCH.exists(), reason="../shared/bench is not beside the checkout")
@pytest.mark.parametrize("gate,figure,floor", CASES, ids=[f"{g['script'][0]}:{f}" for g, f, _ in CASES])
def test_quality_floor(benchmark_figures, gate, figure, floor):
    figures = benchmark_figures(gate["script"])
    assert figure in figures, f"{gate['script'][0]} no longer prints {figure}"
    assert figures[figure] >= floor, f"{figure} = {figures[figure]:.3f} fell below its floor {floor}"
