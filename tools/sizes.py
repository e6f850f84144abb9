"""List functions over ``--max-function`` lines and modules over ``--max-module`` lines in ``src/``.

    python tools/sizes.py [PATH ...] [--max-function 60] [--max-module 600]

A function's length runs from its ``def`` (decorators included) to its last line, docstring and
comments included, nested functions counted in their parent too.  Exits 1 when anything is over.
``tests/test_layout.py`` holds the package to the same limits.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def oversized(paths: list[Path], *, max_function: int, max_module: int) -> list[str]:
    found = []
    for path in sorted(p for base in paths for p in (base.rglob("*.py") if base.is_dir() else [base])):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        lines = text.count("\n")
        if lines > max_module:
            found.append(f"{rel}: module of {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                length = node.end_lineno - first + 1
                if length > max_function:
                    found.append(f"{rel}:{node.lineno}: {node.name} has {length} lines")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "src" / "storyline"])
    ap.add_argument("--max-function", type=int, default=60)
    ap.add_argument("--max-module", type=int, default=600)
    args = ap.parse_args()
    found = oversized([p.resolve() for p in args.paths], max_function=args.max_function, max_module=args.max_module)
    print("\n".join(found) or "nothing over the limits")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
