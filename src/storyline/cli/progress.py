"""Progress reporting: a protocol the library calls, and the rich implementation the CLI uses."""
from __future__ import annotations

import re
from typing import Optional, Protocol

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..model import RunSummary


class ProgressReporter(Protocol):
    def stage(self, name: str, total: Optional[int] = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...


class NullProgress:
    """The library default: report nothing."""

    def stage(self, name: str, total: Optional[int] = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


class RichProgress:
    """A progress bar on stderr (a context manager)."""

    def __init__(self, *, disable: bool = False):
        self.console = Console(stderr=True)
        self._progress = Progress(TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), console=self.console, disable=disable, transient=False)
        self._task = None

    def __enter__(self) -> "RichProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._close_stage()
        self._progress.__exit__(*exc)

    def _close_stage(self) -> None:
        """Mark an open-ended stage (no total) complete when the next one starts."""
        if self._task is not None:
            task = self._progress.tasks[-1]
            if task.total is None:
                self._progress.update(self._task, total=task.completed or 1, completed=task.completed or 1)

    def stage(self, name: str, total: Optional[int] = None) -> None:
        self._close_stage()
        self._task = self._progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """A user-supplied string (a path, a reason) made safe for the terminal: control characters
    (terminal escape codes among them) shown as ``\\x1b``-style escapes, rich markup escaped."""
    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text)))


def render_summary(summary: RunSummary, *, console: Optional[Console] = None) -> None:
    """The end-of-run summary on stderr: counts, rejects and failures with reasons, time taken."""
    console = console or Console(stderr=True)
    table = Table(title=f"storyline run → {printable(summary.out)}", show_header=False)
    rows = [
        ("inputs (files, records)", summary.inputs_seen),
        ("articles read", summary.articles_read),
        ("analysed now", summary.articles_analysed),
        ("unchanged (skipped)", summary.articles_skipped_unchanged),
        ("duplicates", summary.duplicates),
        ("rejected", summary.rejected_count),
        ("failed analysis", len(summary.failed)),
        ("not news (kept out of the timeline)", summary.not_news),
    ]
    if summary.replaced:
        rows.append(("replaced (file changed)", summary.replaced))
    if summary.orphaned or summary.pruned:
        rows.append(("inputs gone (kept; --prune drops)", summary.orphaned))
        rows.append(("pruned", summary.pruned))
    threshold = "" if summary.event_threshold is None else f" (confidence ≥ {summary.event_threshold:g})"
    rows += [
        (f"events{threshold}", summary.events),
        ("events held below (in the store)", summary.events_held),
        ("quotes", summary.quotes),
        ("timeline entries", summary.timeline_entries),
        ("time taken", f"{summary.seconds:.1f} s"),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    for reject in summary.rejected:
        console.print(f"[yellow]rejected[/yellow] {printable(reject.path)}: {printable(reject.reason)}", highlight=False)
    for failure in summary.failed:
        console.print(f"[red]failed[/red] {printable(failure.path)}: {printable(failure.reason)}", highlight=False)
    for stage in summary.stages_skipped:
        console.print(f"[red]skipped[/red] {printable(stage)}", highlight=False)
