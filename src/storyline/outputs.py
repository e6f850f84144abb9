"""Write the output files of PRODUCT.md from the store (atomically: tmp file, then rename)."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from .store import Store

OUTPUT_FILES = ("articles.jsonl", "events.jsonl", "quotes.jsonl", "timeline.json",
                "relations.json", "storyline.sqlite", "report.html")


def _atomic_write(path: Path, chunks: Iterable[str]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_jsonl(path: Path, records: Iterable[dict]) -> None:
    _atomic_write(path, (json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def write_json(path: Path, value) -> None:
    _atomic_write(path, [json.dumps(value, ensure_ascii=False, indent=1), "\n"])


def write_outputs(store: Store, out: Path) -> dict[str, Path]:
    """Write every output file into ``out`` from what the store holds; returns name → path."""
    from .report import render_report

    out = Path(out)
    articles = store.articles()
    events = store.events()
    quotes = store.quotes()
    timeline = store.timeline()
    relations = store.relations()
    write_jsonl(out / "articles.jsonl", (a.to_dict() for a in articles))
    write_jsonl(out / "events.jsonl", (e.to_dict() for e in events))
    write_jsonl(out / "quotes.jsonl", (q.to_dict() for q in quotes))
    write_json(out / "timeline.json", [t.to_dict() for t in timeline])
    write_json(out / "relations.json", relations)
    html = render_report(articles=articles, events=events, quotes=quotes, timeline=timeline,
                         story_events=store.story_events(), relations=relations,
                         framing=store.framing(), stances=store.stances(), timexes=store.timexes())
    _atomic_write(out / "report.html", [html])
    return {name: out / name for name in OUTPUT_FILES}
