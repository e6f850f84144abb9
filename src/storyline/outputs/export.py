"""``storyline export``: a run's flat tables as Parquet, CSV or JSON Lines, or its events as a GDELT table.

``parquet``, ``csv`` and ``jsonl`` write ``events``, ``articles``, ``quotes`` and ``timeline``
(:mod:`storyline.outputs.tables`), one file each; ``gdelt`` writes ``events.gdelt.tsv``
(:mod:`storyline.outputs.gdelt`).  The events are the run's (confidence at or above its recorded
``event_threshold``), or every stored event with ``all_events`` (the ``kept`` column tells them
apart).  Files go into ``OUT/export`` unless told otherwise; each is written beside its place and
moved into it when complete, so a reader never sees half a file.
"""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from ..errors import BadArguments, DiskFull, Messages, OutputUnusable, is_disk_full, short_reason

__all__ = ["FORMATS", "ExportResult", "export"]

#: format -> file extension
FORMATS = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl", "gdelt": "gdelt.tsv"}
EXPORT_FOLDER = "export"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: ``files`` are ``(path, rows)`` in writing order."""
    format: str
    folder: str
    files: tuple[tuple[str, int], ...] = ()
    events: int = 0
    events_held: int = 0                     # events below the threshold (written only with all_events)
    event_threshold: Optional[float] = None
    all_events: bool = False


def _place(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file beside it (created with the user's umask), moved into
    place when complete."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(Messages.E050.format(what=path)) from exc
        raise OutputUnusable(Messages.E020.format(out=path.parent, reason=short_reason(exc))) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _text_writer(lines: Iterable[str]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for line in lines:
                fh.write(line)
    return write


def _csv_lines(columns: list[str], rows: list[dict]) -> Iterable[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for values in [columns, *([row.get(c) for c in columns] for row in rows)]:
        writer.writerow(["" if v is None else v for v in values])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _write_table(results, table: str, fmt: str, folder: Path, all_events: bool) -> tuple[str, int]:
    from . import tables

    rows = results.rows(table, include_held=all_events)
    path = folder / f"{table}.{FORMATS[fmt]}"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        arrow = tables.arrow_table(table, rows)
        _place(path, lambda p: pq.write_table(arrow, p))
    elif fmt == "csv":
        _place(path, _text_writer(_csv_lines([c for c, _ in tables.COLUMNS[table]], rows)))
    else:
        columns = [c for c, _ in tables.COLUMNS[table]]
        _place(path, _text_writer(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n"
                                  for r in rows))
    return str(path), len(rows)


def _write_gdelt(results, folder: Path, all_events: bool) -> tuple[str, int]:
    from .gdelt import gdelt_lines, gdelt_rows

    articles = {a.id: a for a in results.articles()}
    stories = {s.id: s for s in results.story_events()}
    rows = gdelt_rows(results.events(include_held=all_events), articles, stories, _date_added(results))
    path = folder / f"events.{FORMATS['gdelt']}"
    _place(path, _text_writer(gdelt_lines(rows)))
    return str(path), len(rows)


def _date_added(results) -> Optional[str]:
    """When the last run finished, as GDELT writes DATEADDED (YYYYMMDDHHMMSS, UTC)."""
    import datetime as _dt

    row = results.store.db.conn.execute("select finished from runs order by id desc limit 1").fetchone()
    if not row or not row[0]:
        return None
    try:
        when = _dt.datetime.fromisoformat(row[0]).astimezone(_dt.timezone.utc)
    except ValueError:
        return None
    return when.strftime("%Y%m%d%H%M%S")


def _folder(results, to: Optional[Union[str, Path]]) -> Path:
    folder = Path(to) if to is not None else results.folder / EXPORT_FOLDER
    if folder.resolve() == results.folder.resolve():
        raise BadArguments(Messages.E081.format(to=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(Messages.E050.format(what=folder)) from exc
        raise OutputUnusable(Messages.E020.format(out=folder, reason=short_reason(exc))) from exc
    if not folder.is_dir():
        raise OutputUnusable(Messages.E020.format(out=folder, reason="it is not a folder"))
    return folder


def export(out: Union[str, Path], fmt: str = "parquet", *, to: Optional[Union[str, Path]] = None,
           all_events: bool = False) -> ExportResult:
    """Write the run in ``out`` as ``fmt`` (parquet, csv, jsonl or gdelt) into ``to`` (default
    ``out/export``); returns what was written.  Raises :class:`~storyline.errors.BadArguments` (an
    unknown format, no run in ``out``), :class:`~storyline.errors.StoreRefused` (not a Storyline
    store), :class:`~storyline.errors.OutputUnusable` or :class:`~storyline.errors.DiskFull`."""
    from ..results import open_results

    if fmt not in FORMATS:
        raise BadArguments(Messages.E080.format(fmt=fmt, formats=", ".join(FORMATS)))
    with open_results(out) as results:
        folder = _folder(results, to)
        threshold = results.event_threshold
        kept, held = results.store.event_counts(threshold) if threshold is not None else (
            len(results.events()), 0)
        if fmt == "gdelt":
            files = [_write_gdelt(results, folder, all_events)]
        else:
            from .tables import TABLES

            files = [_write_table(results, table, fmt, folder, all_events) for table in TABLES]
    return ExportResult(format=fmt, folder=str(folder), files=tuple(files), events=kept + (held if all_events else 0),
                        events_held=held, event_threshold=threshold, all_events=all_events)
