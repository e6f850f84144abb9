"""``storyline serve``: a local, read-only web app over a run's store — Datasette (tables, facets,
its own read-only SQL page, CSV) with Storyline's pages and JSON API as a plugin shipped here
(:mod:`.plugin`): ``/`` the story, ``/article/{id}``, ``/actor/{code}``, ``/events``, ``/search``,
``/compare`` and ``/api/…`` (documented in the README).

The store is checked (and brought to the current schema) once before serving; Datasette then opens
it read-only (``mode=ro``), and every request but GET/HEAD/OPTIONS is refused with a 405.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import Messages, StoreRefused

__all__ = ["make_app", "store_path", "serve", "DATABASE"]

#: Datasette's name of the store (its tables under ``/storyline/…``)
DATABASE = "storyline"


def store_path(out: Path | str) -> Path:
    """The store of an output folder (or the store file itself); refused when missing or not a store."""
    from ..store import Store

    out = Path(out)
    path = out / "storyline.sqlite" if out.is_dir() else out
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreRefused(Messages.E034.format(path=path))
    Store(path).close()            # refuses a foreign or corrupt file; applies pending migrations
    return path


def make_app(out: Path | str):
    """A Datasette instance serving the store of ``out`` with Storyline's plugin registered."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from . import plugin

    path = store_path(out)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="storyline")
    return Datasette(
        files=[str(path)],
        settings={"default_page_size": 50, "max_returned_rows": 1000, "sql_time_limit_ms": 3000,
                  "allow_signed_tokens": False, "allow_download": False, "suggest_facets": False},
        metadata={"title": "Storyline", "databases": {path.stem: {"source": "storyline run"}},
                  "plugins": {"storyline": {"database": path.stem}}})


def serve(out: Path | str, *, host: str = "127.0.0.1", port: int = 8000, log_level: Optional[str] = "warning") -> None:
    """Serve ``out`` until interrupted (uvicorn, Datasette's server)."""
    import asyncio

    import uvicorn

    ds = make_app(out)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level=log_level or "warning")
