"""Storyline: turn a pile of news articles into a sourced, dated, coded account of a story."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["run", "__version__"]


def run(paths, *, out, model=None, jobs=1, progress=None):
    """Ingest ``paths``, analyse them and write the outputs into ``out``; returns a RunSummary."""
    from .pipeline import run as _run

    return _run(paths, out=out, model=model, jobs=jobs, progress=progress)
