"""Build the packaged actor and event tables from the MIT-licensed PETRARCH/Phoenix dictionaries.

Run once by a developer (never at run time)::

    python tools/events_build.py ../shared/bench

It reads ``actors/Phoenix.Countries.actors.txt``, ``actors/Phoenix.International.actors.txt``,
``actors/Phoenix.agents.txt``, ``events/cameo-codes.csv``, ``events/CAMEO2PLOVER-2021.txt`` and
``events/CAMEO.verbpatterns.150430.txt`` and writes ``src/storyline/data/actors/phoenix_*.tsv``,
``data/actors/agents.tsv``, ``data/events/cameo_codes.tsv`` and ``data/events/event_lexicon.tsv``.  Hand-kept
tables (``countries_extra.tsv``, ``igos.tsv``, ``leaders.tsv``) are not touched.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Iterator, Optional

DATA = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data"

_CODE_RE = re.compile(r"\[([A-Z0-9-]{3,})\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\]")


def _phrase(raw: str) -> str:
    """``PRESIDENT_VLADIMIR_PUTIN_`` -> ``president vladimir putin``."""
    raw = raw.split("#", 1)[0].strip().lstrip("+").strip()
    raw = raw.replace("{}", "").strip()
    return " ".join(w for w in raw.lower().replace("_", " ").split())


def _date(raw: str) -> str:
    digits = raw.lstrip("<>")
    if len(digits) == 8:
        y, m, d = digits[:4], digits[4:6], digits[6:]
    else:
        yy = int(digits[:2])
        y = str(1900 + yy if yy >= 30 else 2000 + yy)
        m, d = digits[2:4], digits[4:6]
    m = m if "01" <= m <= "12" else "01"
    d = d if "01" <= d <= "31" else "01"
    return f"{y}-{m}-{d}"


def _tenure(match: re.Match) -> tuple[str, str, str]:
    code, a, b = match.group(1), match.group(2), match.group(3)
    start = end = ""
    if a and a.startswith(">"):
        start = _date(a)
    elif a and a.startswith("<"):
        end = _date(a)
    elif a and b:
        start, end = _date(a), _date(b)
    return code, start, end


def _blocks(path: Path) -> Iterator[tuple[list[str], list[tuple[str, str, str]]]]:
    """(names, [(code, start, end)]) for each entry of a TABARI .actors file."""
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t":
            codes += [_tenure(m) for m in _CODE_RE.finditer(line.split("#", 1)[0])]
            continue
        if line.startswith("+"):
            names.append(_phrase(line))
            continue
        if names and codes:
            yield names, codes
        head = line.split("#", 1)[0]
        names = [_phrase(_CODE_RE.sub("", head))]
        codes = [_tenure(m) for m in _CODE_RE.finditer(head)]
    if names and codes:
        yield names, codes


def _split_code(code: str) -> tuple[str, str]:
    """``RUSGOVMIL`` -> (``RUS``, ``GOV``); ``IGOUNO`` -> (``IGOUNO``, ``""``)."""
    if code.startswith("IGO"):
        return code, ""
    return code[:3], code[3:6]


def build_phoenix_tables(bench: Path) -> None:
    countries_out, people_out = [], []
    for names, codes in _blocks(bench / "actors" / "Phoenix.Countries.actors.txt"):
        names = [n for n in dict.fromkeys(names) if n and len(n) > 1]
        if not names:
            continue
        iso = [c for c, _s, _e in codes if len(c) == 3 and c.isalpha()]
        if iso:
            countries_out.append((iso[-1], names[0], "|".join(names[1:])))
            continue
        tenures = [f"{code}:{start}:{end}" for code, start, end in codes if not code.startswith("---")]
        if tenures and names[0]:
            people_out.append((names[0], "|".join(names[1:]), ";".join(tenures)))
    actors_dir = DATA / "actors"
    actors_dir.mkdir(parents=True, exist_ok=True)
    with open(actors_dir / "phoenix_countries.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(("code", "name", "aliases"))
        w.writerows(countries_out)
    with open(actors_dir / "phoenix_people.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(("name", "aliases", "tenures"))
        w.writerows(people_out)
    agents = []
    subst: dict[str, list[str]] = {}
    for line in (bench / "actors" / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"!(\w+)!\s*=\s*(.*)", line)
        if m:
            subst[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
            continue
        m = re.match(r"(.+?)\s*(?:\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        raw, code = m.group(1), m.group(2)
        forms = [raw]
        for key, values in subst.items():
            if f"!{key}!" in raw:
                forms = [f.replace(f"!{key}!", v.upper()) for f in forms for v in values]
        for form in forms:
            agents.append((_phrase(form), code[:3], code[3:]))
    with open(actors_dir / "agents.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(("phrase", "sector", "subsector"))
        w.writerows(sorted(set(a for a in agents if a[0])))


def _plover_map(path: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"\s*(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m:
            out[m.group(1)] = (m.group(2), (m.group(3) or "").strip())
    return out


def _quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def build_cameo_table(bench: Path) -> None:
    plover = _plover_map(bench / "events" / "CAMEO2PLOVER-2021.txt")
    rows = []
    with open(bench / "events" / "cameo-codes.csv", encoding="utf-8", errors="replace") as fh:
        for rec in csv.DictReader(fh):
            code = rec["code"].strip()
            if not code.isdigit():
                continue
            p_type, mode = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2]) or ("", "")
            if not p_type and code[:2] == "02":
                p_type = "REQUEST"   # PLOVER folds CAMEO's appeals into REQUEST
            rows.append((code, rec["name"].strip(), rec["goldstein"].strip(), _quad(code), p_type, mode))
    with open(DATA / "events" / "cameo_codes.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(("code", "name", "goldstein", "quad_class", "plover", "mode"))
        w.writerows(rows)


def _slot(raw: str) -> str:
    """One pattern word: lower-case, multi-word forms joined by ``_``."""
    return "_".join(_phrase(raw).split())


def _pattern_words(text: str, synsets: dict[str, list[str]]) -> Optional[list[str]]:
    """The literal words after the verb (``*``) of a PETRARCH pattern, as slots; synsets become
    ``a/b/c`` alternatives.  Patterns with literal words before the verb are skipped (they need
    context this lexicon does not keep)."""
    if "*" not in text:
        return None
    before, after = text.split("*", 1)
    if any(tok not in {"+", "$", "^", "%"} for tok in before.split()):
        return None
    words: list[str] = []
    for tok in after.split():
        if tok in {"+", "$", "^", "%"}:
            continue
        tok = tok.lstrip("+$^%")
        if not tok:
            continue
        if tok.startswith("&"):
            members = synsets.get(tok[1:].rstrip("_"), [])
            if not members:
                return None
            words.append("/".join(_slot(m) for m in members[:60]))
        else:
            words.append("/".join(_slot(part) for part in tok.split("&") if part) or _slot(tok))
        if len(words) == 5:
            break
    return words or None


def build_event_lexicon(bench: Path) -> None:
    text = (bench / "events" / "CAMEO.verbpatterns.150430.txt").read_text(encoding="utf-8", errors="replace")
    synsets: dict[str, list[str]] = {}
    current = None
    rows: list[tuple[str, str, str, str]] = []    # (block, verb, pattern words, code)
    block_code = None
    block = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            current = line[1:].strip().rstrip("_")
            synsets[current] = []
            continue
        if line.startswith("---"):
            current = None
            m = re.search(r"\[(\d+|---)(?::\d+)?\]", line)
            block_code = m.group(1) if m else None
            block = line.strip("- ").split("[", 1)[0].strip().lower()
            continue
        if current is not None and line.startswith("+"):
            synsets[current].append(line[1:].strip())
            continue
        if block_code is None:
            continue
        if line.startswith("-"):
            m = re.search(r"\[(\d+)(?::\d+)?\]", line)
            if not m:
                continue
            words = _pattern_words(line[1:].split("[", 1)[0], synsets)
            if words:
                rows.append((block, "", " ".join(words), m.group(1)))
            continue
        m = re.match(r"\s*\+?([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[(\d+|---)(?::\d+)?\])?", line)
        if not m:
            continue
        verb = _phrase(m.group(1))
        code = m.group(4) or block_code
        rows.append((block, verb, "", code if code and code != "---" else ""))
    seen = set()
    with open(DATA / "events" / "event_lexicon.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(("block", "verb", "pattern", "cameo"))
        for row in rows:
            if row not in seen:
                seen.add(row)
                w.writerow(row)


def main(argv: list[str]) -> int:
    bench = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "bench"
    build_phoenix_tables(bench)
    build_cameo_table(bench)
    build_event_lexicon(bench)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
