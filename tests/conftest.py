"""Shared fixtures: paths to ../shared and one spaCy pipeline per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "putin-xi"
BENCH = SHARED / "bench"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def nlp():
    """The full Storyline pipeline (loaded once per test session)."""
    from storyline.nlp import load_nlp

    return load_nlp()
