"""Fixtures of the serve tests (the demo run, `demo_out`, is the suite's own, in tests/conftest.py): the hostile store, in-process
clients and a started `storyline serve` (helpers in serving.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from serving import Client, build_hostile, free_port, start_server


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile-out"))


@pytest.fixture(scope="session")
def demo(demo_out) -> Client:
    return Client(demo_out)


@pytest.fixture(scope="session")
def hostile(hostile_out) -> Client:
    return Client(hostile_out)


@pytest.fixture(scope="module")
def served(hostile_out):
    """The hostile store served on a free port (for the browser)."""
    port = free_port()
    proc = start_server(hostile_out, port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)
