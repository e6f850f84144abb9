"""A finished run from Python: :func:`open_results` over its store, typed records and DataFrames.

>>> import storyline
>>> with storyline.open_results("out/putin-xi") as results:
...     events = results.events()            # the run's events: [storyline.Event, ...]
...     df = results.events_frame()           # one row per event, actors flattened (pandas)

The records are the :mod:`storyline.model` dataclasses, read from ``storyline.sqlite``; the run's
events are those at or above the ``event_threshold`` the run recorded (``include_held=True`` adds
those held below it).  The DataFrames have the columns of the export's flat tables
(:mod:`storyline.outputs.tables`) and need pandas: ``pip install 'storyline[frames]'``.  A folder
without a store is a :class:`~storyline.errors.BadArguments`; a database that is not Storyline's, or
is corrupt, is refused as a run refuses it (:class:`~storyline.errors.StoreRefused`).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Optional, Union

from .errors import BadArguments, Messages, MissingExtra
from .model import Article, Event, Quote, Relation, Stance, StoryEvent, TimelineEntry
from .outputs import tables as _tables

__all__ = ["open_results", "Results", "STORE_NAME"]

STORE_NAME = "storyline.sqlite"


def _store_path(out: Union[str, Path]) -> Path:
    """The store of a run folder (or the store file itself); a clear error when there is none."""
    path = Path(out)
    if path.is_dir():
        path = path / STORE_NAME
    folder = path.parent
    if not path.is_file() or path.stat().st_size == 0:
        reason = ("it does not exist" if not folder.exists() else
                  f"no {STORE_NAME} in it" if not path.exists() else f"{path.name} is empty or not a file")
        raise BadArguments(Messages.E033.format(out=out, reason=reason))
    return path


def open_results(out: Union[str, Path]) -> "Results":
    """The results of the run written into ``out`` (its folder, or its ``storyline.sqlite``)."""
    return Results(out)


class Results:
    """A run's records, read from its store.  Use it as a context manager, or call :meth:`close`."""

    def __init__(self, out: Union[str, Path]):
        from .store import Store

        self.path = _store_path(out)
        self.folder = self.path.parent
        self.store = Store(self.path)
        self._articles: Optional[list[Article]] = None

    def __enter__(self) -> "Results":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"<storyline results {str(self.folder)!r}>"

    # -- typed records ------------------------------------------------------------------------
    @property
    def event_threshold(self) -> Optional[float]:
        """The confidence the run's events have at least (None: the store recorded none; all are kept)."""
        return self.store.event_threshold()

    def articles(self) -> list[Article]:
        if self._articles is None:
            self._articles = self.store.articles()
        return list(self._articles)

    def article(self, article_id: str) -> Optional[Article]:
        return self.store.get_article(article_id)

    def events(self, *, include_held: bool = False) -> list[Event]:
        """The run's events (``events.jsonl``); with ``include_held`` every stored event."""
        return self.store.events(threshold=None if include_held else self.event_threshold)

    def held_events(self) -> list[Event]:
        """The events stored but held below the run's ``event_threshold``."""
        threshold = self.event_threshold
        return [] if threshold is None else self.store.events(threshold=threshold, held=True)

    def quotes(self) -> list[Quote]:
        return self.store.quotes()

    def timeline(self) -> list[TimelineEntry]:
        return self.store.timeline()

    def story_events(self) -> list[StoryEvent]:
        return self.store.story_events()

    def relations(self) -> list[Relation]:
        return self.store.relations()

    def stances(self) -> list[Stance]:
        return self.store.stances()

    def framing(self) -> dict:
        return self.store.framing()

    # -- flat tables --------------------------------------------------------------------------
    def rows(self, table: str, *, include_held: bool = False) -> list[dict]:
        """The flat rows of ``table`` (events, articles, quotes, timeline): see :mod:`storyline.outputs.tables`."""
        if table not in _tables.TABLES:
            raise BadArguments(f"Unknown table {table!r}: choose one of {', '.join(_tables.TABLES)}.")
        by_id = {a.id: a for a in self.articles()}
        if table == "events":
            return _tables.event_rows(self.events(include_held=include_held), by_id, self.event_threshold)
        if table == "articles":
            return _tables.article_rows(self.articles(), self.events(include_held=include_held), self.quotes())
        if table == "quotes":
            return _tables.quote_rows(self.quotes(), by_id)
        return _tables.timeline_rows(self.timeline())

    def table(self, table: str, *, include_held: bool = False):
        """``table`` as a pyarrow Table (the columns and types of the Parquet export)."""
        return _tables.arrow_table(table, self.rows(table, include_held=include_held))

    def frame(self, table: str, *, include_held: bool = False):
        """``table`` as a pandas DataFrame (the frames extra), equal to reading its Parquet export."""
        if importlib.util.find_spec("pandas") is None:
            raise MissingExtra(Messages.E082.format(what=f"{table}_frame()"))
        return self.table(table, include_held=include_held).to_pandas()

    def events_frame(self, *, include_held: bool = False):
        """One row per event, actors flattened; ``kept`` False for the held ones (``include_held``)."""
        return self.frame("events", include_held=include_held)

    def articles_frame(self):
        return self.frame("articles")

    def quotes_frame(self):
        return self.frame("quotes")

    def timeline_frame(self):
        return self.frame("timeline")
