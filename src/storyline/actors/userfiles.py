"""Reading users' own actor files: the kind from the header, every row checked, errors by line.

The columns of each kind are :data:`storyline.actors.tables.USER_KINDS` (the packaged tables'
columns); ``.csv`` files are comma-separated, anything else tab-separated; ``#`` lines and blank
lines are skipped.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Union

from .tables import _REQUIRED, USER_KINDS, ActorFileError

__all__ = ["read_actor_file", "detect_kind"]

_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CODE_RE = re.compile(r"[A-Z][A-Z0-9]{1,7}\Z")
_ROLE_RE = re.compile(r"[a-z_]+\Z")


def detect_kind(columns: list[str]) -> str:
    """The kind of actor file whose header names ``columns``: the kind whose columns are all
    there (the one with the most columns when several fit: leaders before orgs before countries)."""
    present = set(columns)
    fitting = [kind for kind, cols in USER_KINDS.items() if set(cols) <= present]
    if not fitting:
        raise ValueError
    return max(fitting, key=lambda kind: len(USER_KINDS[kind]))


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ActorFileError(f"{path}: no such actor file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorFileError(f"{path}: cannot read the actor file ({exc})") from None
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def _split(line: str, comma: bool) -> list[str]:
    if comma:
        return [cell.strip() for cell in next(csv.reader([line]))]
    return [cell.strip() for cell in line.split("\t")]


def _check_row(kind: str, row: dict, sectors: frozenset) -> str:
    """What is wrong with a row, or ``""``."""
    for col in _REQUIRED[kind]:
        if not row.get(col):
            return f"the {col!r} column is empty"
    code = row.get("country") if kind == "leaders" else row.get("code")
    if code and not _CODE_RE.match(code):
        return f"{code!r} is not a country or organisation code (upper case, like SDN or NATO)"
    if row.get("sector") and row["sector"] not in sectors:
        return f"unknown sector {row['sector']!r} (known: {', '.join(sorted(sectors))})"
    for col in ("start", "end"):
        if row.get(col) and not _DAY_RE.match(row[col]):
            return f"{col} {row[col]!r} is not an ISO day (YYYY-MM-DD)"
    if row.get("role") and not _ROLE_RE.match(row["role"]):
        return f"role {row['role']!r} is not a role name (lower case, like president or leader)"
    return ""


def read_actor_file(path: Union[str, Path], *, sectors: frozenset) -> tuple[str, list[dict]]:
    """``(kind, rows)`` of a user actor file; an :class:`ActorFileError` names the file and line
    of anything that cannot be used."""
    path = Path(path)
    lines = _lines(path)
    if not lines:
        raise ActorFileError(f"{path}: the actor file has no header line")
    comma = path.suffix.lower() == ".csv"
    header_no, header = lines[0]
    columns = [c.lower() for c in _split(header, comma)]
    try:
        kind = detect_kind(columns)
    except ValueError:
        kinds = "; ".join(f"{k}: {', '.join(cols)}" for k, cols in USER_KINDS.items())
        raise ActorFileError(f"{path}, line {header_no}: the header ({', '.join(columns)}) names the columns of "
                             f"no kind of actor table ({kinds})") from None
    rows = []
    for n, line in lines[1:]:
        cells = _split(line, comma)
        if len(cells) > len(columns):
            raise ActorFileError(f"{path}, line {n}: {len(cells)} fields, the header has {len(columns)}")
        row = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
        problem = _check_row(kind, row, sectors)
        if problem:
            raise ActorFileError(f"{path}, line {n}: {problem}")
        rows.append({col: row.get(col, "") for col in set(USER_KINDS[kind]) | set(columns)})
    return kind, rows
