"""Fixtures of the corpus stages' tests."""
from __future__ import annotations

import pytest

import storyline.corpus.linking as linking
import storyline.corpus.linkstore as linkstore

from builders import varied_store


@pytest.fixture
def varied(tmp_path, monkeypatch):
    """A store of varied mentions (:func:`builders.varied_store`), linked in small batches and blocks."""
    monkeypatch.setattr(linking, "MAX_BLOCK", 12)       # the big blocks' MinHash path too
    monkeypatch.setattr(linkstore, "LINK_BATCH", 25)    # several batches of clusters
    monkeypatch.setattr(linkstore, "READ_BATCH", 16)
    store = varied_store(tmp_path / "s.sqlite")
    yield store
    store.close()
