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


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory, corpus_dir) -> Path:
    """The demo corpus run once per session into a folder (read it; do not write into it)."""
    import storyline

    out = tmp_path_factory.mktemp("demo-run")
    storyline.run([corpus_dir], out=out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless chromium (one per test module), for the report's and the served pages' browser tests."""
    from browser import start_browser

    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the files ``storyline.ingest.read_file`` opens during a test, in order."""
    import storyline.ingest

    names: list[str] = []
    real = storyline.ingest.read_file

    def spy(path, **kw):
        names.append(path.name)
        yield from real(path, **kw)

    monkeypatch.setattr(storyline.ingest, "read_file", spy)
    return names
