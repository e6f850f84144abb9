"""``storyline export``: the run in OUT as flat tables or a GDELT event table (a thin shell over
:func:`storyline.outputs.export.export`)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click
from rich.console import Console

from ..errors import StorylineError


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="parquet", show_default=True,
              type=click.Choice(["parquet", "csv", "jsonl", "gdelt"]), help="What to write.")
@click.option("--to", "to", default=None, type=click.Path(path_type=Path),
              help="Folder to write into (default OUT/export).")
@click.option("--all-events", is_flag=True,
              help="Also the events held below the run's event_threshold (their column kept is false).")
def export_cmd(out: Path, fmt: str, to: Optional[Path], all_events: bool) -> None:
    """Write the run in OUT as flat tables (events, articles, quotes, timeline: parquet, csv, jsonl)
    or as a GDELT 2.0 event table (gdelt), and list the files written with their rows.

    Exit codes: 0 done; 2 bad arguments or no run in OUT; 4 the folder cannot be written;
    5 the store in OUT is not Storyline's or is corrupt; 7 disk full.
    """
    from ..outputs.export import export
    from .progress import printable

    console = Console(stderr=True)
    try:
        result = export(out, fmt, to=to, all_events=all_events)
    except StorylineError as exc:
        console.print(f"[red]error[/red] {printable(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)
    for path, rows in result.files:
        click.echo(f"{path}\t{rows} rows")
    threshold = "none recorded" if result.event_threshold is None else f"{result.event_threshold:g}"
    if result.all_events:
        note = f"{result.events} events, {result.events_held} of them held below the event threshold ({threshold})"
    else:
        note = (f"{result.events} events at or above the event threshold ({threshold}); "
                f"{result.events_held} held below it are left out (--all-events adds them)")
    click.echo(note, err=True)
