"""The JSONL reader and writer of the building-block commands (``storyline timex/code/quotes``).

The loop between them, records in and records out, is :func:`storyline.nlp.annotate_records`.
"""
from __future__ import annotations

import json
import sys
from typing import IO, Iterable, Iterator

import click

from ..errors import Messages

__all__ = ["read_jsonl", "write_jsonl"]


def read_jsonl(stream: IO[str]) -> Iterator[dict]:
    """JSON objects from a JSONL stream; a bad line is reported on stderr and gives an error record
    ``{id: None, error: "line N: <reason>"}`` in its place (blank lines are skipped)."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            click.echo(Messages.E003.format(line=lineno, reason=exc), err=True)
            yield {"id": None, "error": f"line {lineno}: {exc}"}
            continue
        yield record


def write_jsonl(records: Iterable[dict]) -> None:
    """Each record as one JSON line on stdout (UTF-8 kept, flushed line by line)."""
    out = sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
