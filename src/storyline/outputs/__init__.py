"""Write the output files of PRODUCT.md from the store, swapped in as a set.

Every file of a run is written into a staging folder inside OUT first; only when all of them
are complete (and synced to disk) is a ``COMPLETE`` manifest written and the files moved into
place.  A run that fails or is killed while writing leaves the previous outputs as they were;
the next run removes an incomplete staging folder, or finishes moving a complete one
(:func:`clean_leftovers`).  Files are created with the user's umask.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import Messages, log, short_reason
from ..store import Store

OUTPUT_FILES = ("articles.jsonl", "events.jsonl", "quotes.jsonl", "timeline.json",
                "relations.json", "storyline.sqlite", "report.html", "plotly.min.js")
#: The files written through the staging folder (the store is written in place, transactionally).
STAGED_FILES = tuple(name for name in OUTPUT_FILES if name != "storyline.sqlite")
STAGING_PREFIX = ".staging-"
MANIFEST = "COMPLETE"
#: Temporary files of earlier versions, which wrote each output beside it (``.name.XXXX.tmp``).
_OLD_TMP = re.compile(r"^\.(?:%s)\..+\.tmp$" % "|".join(re.escape(n) for n in OUTPUT_FILES))


def _write(path: Path, chunks: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())


def _jsonl(records: Iterable[dict]) -> Iterable[str]:
    return (json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _json(value) -> list[str]:
    return [json.dumps(value, ensure_ascii=False, indent=1), "\n"]


def _json_list(records: Iterable[dict]) -> Iterator[str]:
    """``_json(list(records))``, written an item at a time (the items indented one level deeper: a JSON
    text holds no line break but its indentation's)."""
    first = True
    for record in records:
        yield ("[\n " if first else ",\n ") + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")
        first = False
    yield "[]\n" if first else "\n]\n"


def _swap(staging: Path, out: Path) -> None:
    """Move a complete staging folder's files into ``out``; an output it lacks (a report that could
    not be made) is removed, so no file of an older run stays beside the new ones."""
    written = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    for name in STAGED_FILES:
        if name in written:
            os.replace(staging / name, out / name)
        elif (out / name).exists():
            (out / name).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Finish or discard what an interrupted run left in ``out``: a complete staging folder is moved
    into place, an incomplete one removed, and older versions' temporary files deleted."""
    for entry in sorted(out.iterdir()):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
            if (entry / MANIFEST).exists():
                _swap(entry, out)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif _OLD_TMP.match(entry.name) and entry.is_file():
            entry.unlink()


def write_outputs(store: Store, out: Path, *, event_threshold: Optional[float] = None,
                  article_views: Optional[int] = None) -> list[str]:
    """Write every output file into ``out`` from what the store holds, as one set: of the events,
    those kept at ``event_threshold`` (default: the threshold recorded with the corpus tables; none
    recorded, all of them); the report holds the full view of the first ``article_views`` articles
    (default :data:`~storyline.outputs.report.ARTICLE_VIEWS`) and of those its lists link to.  Every file is written as a stream,
    a batch of rows at a time: memory does not grow with the corpus (#18).  Returns what was skipped,
    with the reason (a report that could not be rendered); other failures leave the previous
    outputs in place and raise."""
    from .report import ARTICLE_VIEWS, CHART_SCRIPT, chart_script, write_report

    out = Path(out)
    skipped: list[str] = []
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        if event_threshold is None:
            event_threshold = store.event_threshold()
        _write(staging / "articles.jsonl", _jsonl(a.to_dict() for a in store.iter_articles()))
        _write(staging / "events.jsonl", _jsonl(e.to_dict() for e in store.iter_events(threshold=event_threshold)))
        _write(staging / "quotes.jsonl", _jsonl(q.to_dict() for q in store.iter_quotes()))
        _write(staging / "timeline.json", _json([t.to_dict() for t in store.timeline()]))
        _write(staging / "relations.json", _json_list(r.to_dict() for r in store.iter_relations()))
        try:
            charts = write_report(store, staging / "report.html", event_threshold=event_threshold,
                                  article_views=ARTICLE_VIEWS if article_views is None else article_views)
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 — the data files are still worth having
            reason = short_reason(exc)
            log.warning(Messages.W010.format(stage="report", reason=reason))
            skipped.append(f"report: {reason}")
            (staging / "report.html").unlink(missing_ok=True)
        else:
            if charts:          # the report's charts: one shared script beside it
                _write(staging / CHART_SCRIPT, [chart_script()])
        written = sorted(p.name for p in staging.iterdir())
        _write(staging / MANIFEST, _json(written))
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return skipped
