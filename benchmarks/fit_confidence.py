"""Fit the event confidence model (``storyline.events.confidence``) on annotated real-news lines.

    .venv/bin/python benchmarks/fit_confidence.py [--gold FILE ...] [--out DIR [--reuse]] [--write]

1. ``storyline run`` over the gold passages' source articles (``benchmarks/realnews.py``: the same
   run, the same assignment of events to lines), every event it stored on a gold line, under the
   threshold too.
2. Each event becomes the features its evidence lists (``confidence.evidence_features``: the rule,
   modality, each weakening factor, QuadClass, kinds of sides, the pools of rare features of one
   meaning ...) and a label: 1 if realnews.py's one-to-one matching pairs it by type with a gold
   event of its line (fully right, type and both sides, is counted too).  A feature active in
   fewer than 5 events gets no weight of its own.
3. An L2-regularised logistic regression (scikit-learn); its strength C is chosen by
   cross-validation grouped by topic family (the HTML pages, bpoil_*, LibyaWar_*, H1N1_*, MJ_*: each
   family is scored by a model fitted on the others, so the figures are out-of-topic).  The
   cross-validated curve (type P/R, fully-right P at each threshold, scored as realnews.py scores)
   is printed, then the model fitted on everything: its weights, and with ``--write`` they go into
   ``data/events/confidence.json`` with the threshold chosen from the curve (the lowest whose
   cross-validated type precision is at least ``--precision`` with half the recall of keeping
   every event, else the one of highest type F0.5).  ``--drop PREFIX ...`` leaves features out
   (ablation).

The default gold is the shared dev set plus ``benchmarks/data/realnews/train-gold.jsonl`` when it is
there.  The held-out dev2 set is refused: the lead reports on it, nothing is fitted on it.
Prints one ``name: value`` per line.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from realnews import (HTML_TOPIC, REALNEWS, collect, html_pages, load_gold, match, run_storyline,  # noqa: E402
                      score, sides_agree, source_records)
from storyline.events.confidence import evidence_features, pooled  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "benchmarks" / "data" / "realnews" / "train-gold.jsonl"
CONFIDENCE = ROOT / "src" / "storyline" / "data" / "events" / "confidence.json"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MIN_COUNT = 5
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 19))


def family(topic: str) -> str:
    """The topic family a passage belongs to: HTML pages are one, Timeline17 topics by their stem."""
    return "html" if topic == HTML_TOPIC else topic.split("_", 1)[0]


def _type(e: dict) -> Optional[str]:
    return e.get("event_type") or e.get("type")


def examples(gold: list[dict], rows: list[tuple[str, list[dict], list[dict]]]) -> list[dict]:
    """One example per stored event of a gold line: its features, label (type-matched), fully
    right, family and line index."""
    families = {g["id"]: family(g["topic"]) for g in gold}
    out = []
    for k, (line_id, pred, gold_events) in enumerate(rows):
        pairs = dict(match(pred, gold_events, _type))
        for i, e in enumerate(pred):
            evidence = e.get("evidence")
            evidence = json.loads(evidence) if isinstance(evidence, str) else (evidence or [])
            full = i in pairs and all(sides_agree(e, gold_events[pairs[i]]))
            out.append({"features": pooled(evidence_features(evidence)), "label": int(i in pairs), "full": int(full),
                        "family": families[line_id.rsplit(" L", 1)[0]], "row": k, "index": i,
                        "confidence": e.get("confidence")})
    return out


def design(items: list[dict], names: Optional[list[str]] = None):
    """The 0/1 design matrix of the examples' features (columns ``names``, default every feature seen)."""
    import numpy as np

    names = names or sorted({f for x in items for f in x["features"]})
    col = {n: j for j, n in enumerate(names)}
    X = np.zeros((len(items), len(names)))
    for r, x in enumerate(items):
        for f in x["features"]:
            if f in col:
                X[r, col[f]] = 1.0
    return X, names


def fit(items: list[dict], C: float):
    """A logistic regression fitted on the examples: (model, feature names).  A feature active in
    fewer than ``MIN_COUNT`` of them gets no weight (one or two events would set it); a pool it is
    in still weighs."""
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for x in items for f in x["features"])
    X, names = design(items, sorted(f for f, n in seen.items() if n >= MIN_COUNT))
    y = [x["label"] for x in items]
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(X, y)
    return model, names


def out_of_topic(items: list[dict], C: float) -> list[float]:
    """Each example's probability from a model fitted on the other topic families."""
    probs = [0.0] * len(items)
    for fam in sorted({x["family"] for x in items}):
        train = [x for x in items if x["family"] != fam]
        test = [r for r, x in enumerate(items) if x["family"] == fam]
        if len({x["label"] for x in train}) < 2:
            continue
        model, names = fit(train, C)
        X, _ = design([items[r] for r in test], names)
        for r, p in zip(test, model.predict_proba(X)[:, 1]):
            probs[r] = float(p)
    return probs


def base_rate(items: list[dict]) -> list[float]:
    """Each example's probability as the share of right events in the other topic families (no features)."""
    out = []
    for x in items:
        other = [y["label"] for y in items if y["family"] != x["family"]]
        out.append(sum(other) / len(other) if other else 0.5)
    return out


def log_loss(items: list[dict], probs: list[float]) -> float:
    eps = 1e-6
    return -sum(math.log(max(eps, p if x["label"] else 1 - p)) for x, p in zip(items, probs)) / max(1, len(items))


def curve(rows, items: list[dict], probs: list[float], only=None) -> list[tuple[float, dict]]:
    """realnews.py's figures over the lines (those whose id starts with a passage id of ``only``)
    when only events of probability ≥ t are kept."""
    prob = {(x["row"], x["index"]): p for x, p in zip(items, probs)}
    out = []
    for t in (0.0,) + THRESHOLDS:
        kept = [(line_id, [e for i, e in enumerate(pred) if prob.get((k, i), 0.0) >= t], g)
                for k, (line_id, pred, g) in enumerate(rows)
                if only is None or line_id.rsplit(" L", 1)[0] in only]
        out.append((t, score(kept)))
    return out


def f_half(s: dict) -> float:
    """Type F0.5: precision weighs twice recall (an analyst reads what is kept)."""
    p, r = s["type_p"], s["type_r"]
    return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def calibration(items: list[dict], probs: list[float]) -> None:
    """Out-of-topic reliability: per band of predicted probability, its mean and the share of
    those events that were right (type-matched)."""
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        band = [(p, x["label"]) for x, p in zip(items, probs) if lo <= p < lo + 0.2 or (lo == 0.8 and p == 1.0)]
        if band:
            print(f"cv_calibration_{lo:.1f}_{lo + 0.2:.1f}: predicted {sum(p for p, _ in band) / len(band):.3f} "
                  f"right {sum(y for _, y in band) / len(band):.3f} n {len(band)}")


def choose_threshold(points: list[tuple[float, dict]], precision: float) -> tuple[float, str]:
    """The lowest threshold whose type precision reaches ``precision`` with at least half the
    recall of keeping every event, else the one of highest type F0.5."""
    floor = points[0][1]["type_r"] / 2
    for t, s in points:
        if t > 0 and s["type_p"] >= precision and s["type_r"] >= floor:
            return t, f"the lowest with type precision >= {precision:g}"
    best = max((p for p in points if p[0] > 0), key=lambda p: (round(f_half(p[1]), 4), -p[0]))[0]
    return best, f"no threshold reached type precision {precision:g}: the one of highest type F0.5"


def gather(gold: list[dict], out: Path, reuse: bool):
    if not (reuse and (out / "storyline.sqlite").is_file()):
        out.parent.mkdir(parents=True, exist_ok=True)
        run_storyline(source_records(gold), out, tuple(html_pages(gold)))
    return collect(gold, out, every=True)


def report(rows, items: list[dict], args) -> tuple[float, float, str]:
    """Print the data, the C grid and the chosen C's out-of-topic curve: (C, threshold, how chosen)."""
    print(f"examples: {len(items)}")
    print(f"examples_positive: {sum(x['label'] for x in items)}")
    print(f"examples_fully_right: {sum(x['full'] for x in items)}")
    print(f"gold_events: {sum(len(g) for _, _, g in rows)}")
    for fam, n in sorted(Counter(x["family"] for x in items).items()):
        print(f"family_{fam}_examples: {n}")
    print(f"cv_log_loss_base_rate: {log_loss(items, base_rate(items)):.4f}")
    losses = {}
    for C in C_GRID:
        losses[C] = log_loss(items, out_of_topic(items, C))
        print(f"cv_log_loss_C_{C:g}: {losses[C]:.4f}")
    C = min(C_GRID, key=lambda c: (round(losses[c], 4), c))
    print(f"chosen_C: {C:g}")
    points = curve(rows, items, out_of_topic(items, C))
    for t, s in points:
        for key in ("type_p", "type_r", "fully_right_p"):
            print(f"cv_threshold_{t:.2f}_{key}: {s[key]:.3f}")
        print(f"cv_threshold_{t:.2f}_type_f05: {f_half(s):.3f}")
    threshold, how = choose_threshold(points, args.precision)
    print(f"threshold_chosen_as: {how}")
    chosen = dict(points)[threshold]
    print(f"chosen_threshold: {threshold:.2f}")
    for key in ("type_p", "type_r", "fully_right_p", "events_predicted"):
        print(f"cv_at_chosen_{key}: {chosen[key]:.3f}" if isinstance(chosen[key], float) else
              f"cv_at_chosen_{key}: {chosen[key]}")
    probs = out_of_topic(items, C)
    calibration(items, probs)
    for name, ids in sorted(args.files.items()) if len(args.files) > 1 else ():
        s = dict(curve(rows, items, probs, ids))[threshold]
        print(f"cv_{name}_at_chosen_type_p: {s['type_p']:.3f}")
        print(f"cv_{name}_at_chosen_type_r: {s['type_r']:.3f}")
        print(f"cv_{name}_at_chosen_fully_right_p: {s['fully_right_p']:.3f}")
    old = curve(rows, items, [x["confidence"] or 0.0 for x in items])
    s = dict(old)[0.5]
    print(f"as_run_confidence_at_0.50_type_p: {s['type_p']:.3f}")
    print(f"as_run_confidence_at_0.50_type_r: {s['type_r']:.3f}")
    return C, threshold, how


def write(model, names: list[str], C: float, threshold: float, n: int, golds: list[str], how: str) -> None:
    data = json.loads(CONFIDENCE.read_text(encoding="utf-8"))
    weights = {name: round(float(w), 3) for name, w in sorted(zip(names, model.coef_[0]))}
    data["_about"] = (
        "How sure the event coder is of an event (storyline.events.confidence): confidence = "
        "sigmoid(bias + the sum of the weights of the event's active features). Fitted by "
        f"benchmarks/fit_confidence.py (L2 logistic regression, C={C:g} chosen by cross-validation "
        f"grouped by topic family) on {n} stored events of the annotated lines of {', '.join(golds)}; "
        f"default threshold from the cross-validated curve ({how}). "
        "A feature without a weight weighs 0.")
    data["bias"] = round(float(model.intercept_[0]), 3)
    data["weights"] = weights
    data["default_threshold"] = threshold
    CONFIDENCE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {CONFIDENCE.relative_to(ROOT)}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="*", default=None)
    ap.add_argument("--out", default=None, help="storyline's outputs here (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="use the run already in --out")
    ap.add_argument("--precision", type=float, default=0.8, help="the type precision the threshold aims at")
    ap.add_argument("--drop", nargs="*", default=None, help="leave out the features starting so (ablation)")
    ap.add_argument("--write", action="store_true", help="write the weights into data/events/confidence.json")
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.gold] if args.gold else \
        [REALNEWS / "dev-gold.jsonl"] + ([TRAIN] if TRAIN.is_file() else [])
    if any("dev2" in p.name for p in paths):
        sys.exit("dev2 is held out: nothing is fitted on it")
    gold = [g for p in paths for g in load_gold(p)]
    args.files = {p.name.split("-gold")[0]: {g["id"] for g in load_gold(p)} for p in paths}
    print(f"gold_files: {' '.join(p.name for p in paths)}")
    print(f"passages: {len(gold)}")
    with tempfile.TemporaryDirectory(prefix="fit-confidence-") as tmp:
        rows = gather(gold, Path(args.out) if args.out else Path(tmp) / "out", args.reuse)
    items = examples(gold, rows)
    if args.drop:
        for x in items:
            x["features"] = [f for f in x["features"] if not f.startswith(tuple(args.drop))]
    C, threshold, how = report(rows, items, args)
    model, names = fit(items, C)
    print(f"bias: {model.intercept_[0]:+.3f}")
    for name, w in sorted(zip(names, model.coef_[0]), key=lambda p: -abs(p[1])):
        print(f"weight {name}: {w:+.3f}")
    if args.write:
        write(model, names, C, threshold, len(items), [p.name for p in paths], how)
    return 0


if __name__ == "__main__":
    sys.exit(main())
