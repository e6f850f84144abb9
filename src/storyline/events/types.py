"""The 16 PLOVER event types and their QuadClass, from ``data/events/plover_types.tsv``.

    >>> from storyline.events import types
    >>> types.quad_class("ASSAULT"), types.is_conflict("ASSAULT"), types.is_material("CONSULT")
    (4, True, False)

Code that names one type writes ``types.ASSAULT`` (the table's spelling; an unknown name is an
``AttributeError``), so every type name lives in the table.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

__all__ = ["PloverType", "QUAD_NAMES", "plover_types", "type_names", "quad_class", "is_conflict", "is_material"]

_TABLE = Path(__file__).resolve().parents[1] / "data" / "events" / "plover_types.tsv"

#: QuadClass → its name
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int            # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    description: str

    @property
    def material(self) -> bool:
        """Material (an act), not verbal (a statement): QuadClass 2 and 4."""
        return self.quad_class in (2, 4)

    @property
    def conflict(self) -> bool:
        """Conflict, not cooperation: QuadClass 3 and 4."""
        return self.quad_class >= 3


@functools.lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    """Type name → :class:`PloverType`, in the table's order (cooperation first)."""
    out = {}
    with open(_TABLE, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for n, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
            quad = int(row["quad_class"])
            if quad not in QUAD_NAMES:
                raise ValueError(f"{_TABLE}: type {row['type']}: quad_class {quad} is not 1-4")
            out[row["type"]] = PloverType(row["type"], quad, row["description"])
    return out


def type_names() -> tuple[str, ...]:
    """The 16 PLOVER type names."""
    return tuple(plover_types())


def quad_class(name: Optional[str]) -> Optional[int]:
    """The QuadClass a PLOVER type implies (case-insensitive), None for anything else."""
    row = plover_types().get((name or "").upper())
    return row.quad_class if row else None


def is_conflict(name: Optional[str]) -> bool:
    row = plover_types().get((name or "").upper())
    return bool(row and row.conflict)


def is_material(name: Optional[str]) -> bool:
    row = plover_types().get((name or "").upper())
    return bool(row and row.material)


def __getattr__(name: str) -> str:
    if name.isupper() and name in plover_types():
        return name
    raise AttributeError(f"module {__name__!r} has no attribute {name!r} (PLOVER types: {', '.join(plover_types())})")
