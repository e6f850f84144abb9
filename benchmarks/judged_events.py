"""Events of a real run joined to blind judgments of them (``benchmarks/event_sample.py``'s files).

    from judged_events import judged_examples
    judged_examples(OUT, [judged.jsonl, ...])   # one example per judged event the run still codes

A judged line (``id``, ``sentence``, ``trigger``, ``type``, ``source``, ``target`` and the judge's
``event``, ``type_ok``, ``source_ok``, ``target_ok``) is joined to an event the run ``OUT`` stored (every
event, those under the threshold too): the event of its ``id`` (or ``event_id``) when that event has the
same sentence, trigger, type and sides, else the one event of the same sentence text, trigger, type and
sides.  A judgment whose event the run no longer codes, or codes with another type or other sides, is
dropped.  An event judged more than once (the same sample in two rounds) is one example, right if most
of its judgments say so (a tie is wrong).  Label: ``event and type_ok`` (a real political event of the
right type); ``full``: and both sides right.  The family is the article's topic stem (``bpoil``,
``LibyaWar`` … from the record's id ``<topic>_<outlet>-<n>``) or ``html`` for a page.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional

from realnews import stored_events

__all__ = ["judged_examples", "side_strings", "norm"]


def norm(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def side_strings(actors: list[dict]) -> list[str]:
    """A side as ``event_sample.py`` shows it to the judge: ``text [CODE/SECTOR]``."""
    return [f"{a.get('text')} [{a.get('code') or '-'}{'/' + a['sector'] if a.get('sector') else ''}]" for a in actors]


def _key(sentence: str, trigger: str, kind: str) -> tuple:
    return norm(sentence), trigger, kind


def _same(e: dict, j: dict) -> bool:
    return (_key(e["sentence"], e.get("trigger"), e["event_type"]) == _key(j["sentence"], j.get("trigger"), j["type"])
            and side_strings(e["source"]) == list(j.get("source") or [])
            and side_strings(e["target"]) == list(j.get("target") or []))


def _families(out: Path) -> dict[str, str]:
    """Article id → topic family: a JSONL record by the id of its line in the input file, a page ``html``."""
    lines: dict[str, list[str]] = {}
    out_map = {}
    for raw in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(raw)
        path, _, number = a["path"].rpartition(":")
        if a["path"].endswith((".html", ".html.gz")) or not number.isdigit():
            out_map[a["id"]] = "html"
            continue
        if path not in lines:
            lines[path] = Path(path).read_text(encoding="utf-8").splitlines()
        record_id = str(json.loads(lines[path][int(number) - 1]).get("id", ""))
        out_map[a["id"]] = record_id.split("_", 1)[0] if "_" in record_id else "unknown"
    return out_map


def _join(j: dict, by_id: dict, by_key: dict) -> Optional[dict]:
    e = by_id.get(j.get("id")) or by_id.get(j.get("event_id"))
    if e is not None and _same(e, j):
        return e
    found = [e for e in by_key.get(_key(j["sentence"], j.get("trigger"), j["type"]), []) if _same(e, j)]
    return found[0] if found else None


def judged_examples(out: Path, files: Iterable[Path], stats: Optional[dict] = None) -> list[dict]:
    """The judged events ``out`` still codes: dicts with the event, ``label``, ``full``, ``family``,
    ``source_file``.  ``stats`` (if given) counts judged / joined / dropped lines."""
    events = stored_events(out)
    by_id = {e["id"]: e for e in events}
    by_key = defaultdict(list)
    for e in events:
        by_key[_key(e["sentence"], e.get("trigger"), e["event_type"])].append(e)
    families = _families(out)
    votes: dict[str, list] = defaultdict(list)
    for path in files:
        for raw in Path(path).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            j = json.loads(raw)
            if stats is not None:
                stats["judged"] = stats.get("judged", 0) + 1
            if j.get("event") is None:
                continue
            e = _join(j, by_id, by_key)
            if e is None:
                continue
            votes[e["id"]].append((e, j, Path(path).name))
    examples = []
    for event_id, judged in votes.items():
        e = judged[0][0]
        right = sum(bool(j["event"] and j["type_ok"]) for _, j, _ in judged)
        full = sum(bool(j["event"] and j["type_ok"] and j["source_ok"] and j["target_ok"]) for _, j, _ in judged)
        examples.append({"event": e, "label": int(2 * right > len(judged)), "full": int(2 * full > len(judged)),
                         "family": families.get(e["article_id"], "unknown"), "source_file": judged[-1][2],
                         "judgments": len(judged)})
    if stats is not None:
        stats["joined"] = stats.get("joined", 0) + sum(len(v) for v in votes.values())
        stats["events"] = stats.get("events", 0) + len(examples)
    return examples
