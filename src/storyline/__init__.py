"""Storyline: turn a pile of news articles into a sourced, dated, coded account of a story."""
from __future__ import annotations

__version__ = "0.1.0"

#: what ``from storyline import X`` offers besides run(): the store and the record types (loaded on
#: first use, so that spaCy finding a component through its entry point imports nothing else)
_LAZY = {
    "Store": "storyline.store", "open_results": "storyline.results", "Results": "storyline.results", "Settings": "storyline.settings", "load_settings": "storyline.settings",
    **{name: "storyline.model" for name in ("Article", "ActorRef", "TimeRef", "Event", "Quote", "StoryEvent",
                                            "TimelineEntry", "Relation", "Stance", "Rejected", "RunSummary")},
}

__all__ = ["run", "__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


def run(paths, *, out, model=None, jobs=None, prune=False, config=None, actors=(), event_threshold=None,
        dask=None, progress=None):
    """Ingest ``paths`` (a path or a list of paths), analyse them and write the outputs into ``out``;
    returns a RunSummary.  ``prune`` drops stored articles whose input files are gone; ``config`` is
    a settings TOML file and ``actors`` the user's actor tables (see :mod:`storyline.settings`);
    ``dask`` (``"local:N"`` or ``"tcp://HOST:PORT"``) analyses on a Dask cluster (:mod:`storyline.cluster`).
    Raises a :class:`storyline.errors.StorylineError` (bad arguments, unusable OUT, a foreign store, …)."""
    from .pipeline import run as _run

    return _run(paths, out=out, model=model, jobs=jobs, prune=prune, config=config, actors=actors,
                event_threshold=event_threshold, dask=dask, progress=progress)
