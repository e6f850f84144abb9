"""Quote attribution on PolNeAR: content, cue and source spans, and speaker accuracy.

    .venv/bin/python benchmarks/quotes.py [--split dev|train|test] [--limit N] [--errors FILE]

``--errors FILE`` writes one JSON line per content miss at ≥ .5 overlap (diagnostics only, no effect
on the figures): ``{"type": "FN", doc, content, cue, source}`` for an unmatched gold attribution,
``{"type": "FP", doc, content, cue, speaker, kind}`` for an unmatched prediction.

Gold: brat ``.ann`` files (``Source``, ``Cue``, ``Content`` text-bound spans joined by an
``Attribution`` event; ``Discard``/``Discuss`` ignored).  A document annotated by two people is
scored once per annotation file.  Spans are compared as sets of word tokens (``\\w+`` runs), so a
discontinuous content ("“Judge,” Brafman said, “I have …”"), gold or predicted (``pieces``), is the
union of its pieces:

- exact: the predicted token set equals the gold one;
- overlap: |pred ∩ gold| / max(|pred|, |gold|) ≥ 0.5.

Predictions and gold items are matched one-to-one, greedily by overlap.  Precision = matched /
predicted, recall = matched / gold.  Speaker accuracy: of the gold attributions with a Source whose
content is matched (overlap), the share whose predicted speaker span overlaps the gold Source at ≥ .5
(the mention: "He", not the resolved name).  Prints one ``name: value`` per line.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
POLNEAR = BENCH / "quotes" / "polnear"
_WORD = re.compile(r"\w+")


def load_gold(ann: Path) -> list[dict]:
    """Attributions of one brat file: ``{content, cue, source}`` → list of (start, end) fragments."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            try:
                frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
            except ValueError:
                continue
            spans[parts[0]] = (label, frags)
        elif parts[0].startswith("E"):
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            events.append(args)
    out = []
    for ev in events:
        rec = {}
        for role in ("Content", "Cue", "Source"):
            ref = ev.get(role)
            if ref in spans:
                rec[role.lower()] = spans[ref][1]
        if "content" in rec:
            out.append(rec)
    return out


def tokens(text: str, frags) -> frozenset[int]:
    """Start offsets of the word tokens inside the fragments."""
    out = set()
    for start, end in frags:
        for m in _WORD.finditer(text, start, end):
            out.add(m.start())
    return frozenset(out)


def content_spans(q: dict) -> list:
    """A predicted quote's content: its pieces, or its one span (as ``Quote.content_spans``)."""
    return q.get("pieces") or [(q["start"], q["end"])]


def overlap(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def match(pred: list[frozenset], gold: list[frozenset], *, threshold: float) -> list[tuple[int, int]]:
    """One-to-one greedy matching by overlap (exact when threshold is 1)."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            score = overlap(p, g)
            if score >= threshold - 1e-9:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def prf(n_match: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def documents(split: str, limit: int | None):
    folder = POLNEAR / split
    anns = sorted((folder / "attributions").glob("*.ann"))
    for ann in anns[:limit] if limit else anns:
        base = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        txt = folder / "text" / f"{base}.txt"
        if txt.exists():
            yield ann, txt.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", default=None, help="write content misses (JSON lines) to this file")
    args = ap.parse_args(argv)
    if not (POLNEAR / args.split).exists():
        print(f"missing: {POLNEAR / args.split}", file=sys.stderr)
        return 2

    from storyline.nlp import load_nlp

    nlp = load_nlp(components=("storyline_quotes",))
    docs = list(documents(args.split, args.limit))
    texts = {}
    for _, text in docs:
        texts.setdefault(text, None)
    t0 = time.perf_counter()
    for text, doc in zip(list(texts), nlp.pipe(list(texts), batch_size=8)):
        texts[text] = doc._.quotes or []
    seconds = time.perf_counter() - t0

    counts = {k: [0, 0, 0] for k in ("content_exact", "content_overlap", "cue_exact", "cue_overlap",
                                      "source_exact", "source_overlap")}
    speaker_ok = speaker_n = 0
    errors = []
    for ann, text in docs:
        gold = load_gold(ann)
        pred = texts[text]
        g_content = [tokens(text, g["content"]) for g in gold]
        p_content = [tokens(text, content_spans(q)) for q in pred]
        for name, thr in (("content_exact", 1.0), ("content_overlap", 0.5)):
            m = match(p_content, g_content, threshold=thr)
            counts[name][0] += len(m)
            counts[name][1] += len(p_content)
            counts[name][2] += len(g_content)
            if name == "content_overlap" and args.errors:
                got_p, got_g = {i for i, _ in m}, {j for _, j in m}
                piece = lambda frags: " | ".join(text[a:b] for a, b in frags)  # noqa: E731
                errors += [{"type": "FN", "doc": ann.stem, "content": piece(g["content"]),
                            "cue": piece(g.get("cue", [])), "source": piece(g.get("source", []))}
                           for j, g in enumerate(gold) if j not in got_g]
                errors += [{"type": "FP", "doc": ann.stem, "content": piece(content_spans(q)), "cue": q.get("cue"),
                            "speaker": q.get("speaker"), "kind": q.get("kind")}
                           for i, q in enumerate(pred) if i not in got_p]
            if name == "content_overlap":
                for i, j in m:
                    if "source" not in gold[j]:
                        continue
                    speaker_n += 1
                    q = pred[i]
                    if q.get("speaker_start") is not None:
                        sp = tokens(text, [(q["speaker_start"], q["speaker_end"])])
                        if overlap(sp, tokens(text, gold[j]["source"])) >= 0.5:
                            speaker_ok += 1
        for role, key in (("cue", ("cue_start", "cue_end")), ("source", ("speaker_start", "speaker_end"))):
            g = [tokens(text, x[role]) for x in gold if role in x]
            p = [tokens(text, [(q[key[0]], q[key[1]])]) for q in pred if q.get(key[0]) is not None]
            for name, thr in ((f"{role}_exact", 1.0), (f"{role}_overlap", 0.5)):
                m = match(p, g, threshold=thr)
                counts[name][0] += len(m)
                counts[name][1] += len(p)
                counts[name][2] += len(g)

    if args.errors:
        import json
        with open(args.errors, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    print(f"split: {args.split}")
    print(f"documents: {len(docs)}")
    print(f"gold_attributions: {counts['content_exact'][2]}")
    print(f"predicted_quotes: {counts['content_exact'][1]}")
    for name, (n_match, n_pred, n_gold) in counts.items():
        p, r, f = prf(n_match, n_pred, n_gold)
        print(f"{name}_precision: {p:.3f}")
        print(f"{name}_recall: {r:.3f}")
        print(f"{name}_f1: {f:.3f}")
    print(f"speaker_accuracy: {speaker_ok / speaker_n if speaker_n else 0.0:.3f}")
    print(f"docs_per_second: {len(texts) / seconds if seconds else 0.0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
