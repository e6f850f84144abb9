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
   ``data/events/confidence.json`` with the threshold chosen from the curves (the lowest whose
   pooled precision — gold-line and judged events kept — is at least ``--precision`` while keeping
   half the right stored events, else the one of highest F0.5 of pooled precision and the pooled
   share of right stored events kept).  ``--drop PREFIX ...`` leaves features out (ablation).
4. Judged events (``--judged OUT FILE ...``, repeatable: a run's folder and the blind judgments of its
   events, ``benchmarks/judged_events.py``) join the examples with the label ``event and type_ok`` (a
   real political event of the right type), in the same cross-validation by topic family; an event
   already on a gold line is left out.  The cross-validated precision of the judged events kept at each
   threshold is printed too, and the threshold is chosen on the pooled precision of gold-line and
   judged events kept.  ``--gold-only`` ignores them (the fit of the gold lines alone).
   ``--ablate`` runs a forward selection of the groups of setting features (``storyline.events.signals``)
   by cross-validated log loss; ``--groups NAME ...`` keeps only those groups.

The weights in the data file: ``--judged B round4-B1-judged.jsonl round4-B2-judged.jsonl --judged R3
session7-...-round3.jsonl session8-...-round3.jsonl --judged R12 final-...-round2.jsonl after-... before-...
before-...-round2.jsonl`` (``benchmarks/data/event_sample/``; B, R3, R12 the current code's runs of those
rounds' inputs, see its README) ``--groups "article share" "long sentence" "adverbial clause" past
"other clause" --write``.  ``benchmarks/refit_confidence.py WORK --write`` does all of it in one command
(writes and runs each round's inputs with the current code, then this script with those arguments).

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
from judged_events import judged_examples, norm  # noqa: E402
from storyline.events.confidence import evidence_features, pooled  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "benchmarks" / "data" / "realnews" / "train-gold.jsonl"
CONFIDENCE = ROOT / "src" / "storyline" / "data" / "events" / "confidence.json"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MIN_COUNT = 5
MARGIN = 0.001   # the drop in cross-validated log loss a group must bring to be kept (--ablate)
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
                        "confidence": e.get("confidence"), "kind": "gold",
                        "key": (norm(e.get("sentence")), e.get("trigger"), e.get("event_type"))})
    return out


def judged_items(sets: list[list[str]], gold_items: list[dict]) -> list[dict]:
    """One example per judged event of each ``[OUT, judged file, ...]`` set (:mod:`judged_events`):
    label ``event and type_ok``.  An event already on a gold line (same sentence, trigger, type) or
    judged in an earlier set is left out (one example per event)."""
    seen = {x["key"] for x in gold_items}
    out = []
    for out_dir, *files in sets:
        stats: dict = {}
        name = Path(out_dir).name
        for j in judged_examples(Path(out_dir), [Path(f) for f in files], stats):
            e = j["event"]
            key = (norm(e.get("sentence")), e.get("trigger"), e.get("event_type"))
            if key in seen:
                stats["repeated"] = stats.get("repeated", 0) + 1
                continue
            seen.add(key)
            evidence = e.get("evidence")
            evidence = json.loads(evidence) if isinstance(evidence, str) else (evidence or [])
            out.append({"features": pooled(evidence_features(evidence)), "label": j["label"], "full": j["full"],
                        "family": j["family"], "row": None, "index": None, "confidence": e.get("confidence"),
                        "kind": "judged", "set": name, "key": key})
        for k in ("judged", "joined", "events", "repeated"):
            print(f"judged_{name}_{k}: {stats.get(k, 0)}")
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
    prob = {(x["row"], x["index"]): p for x, p in zip(items, probs) if x["kind"] == "gold"}
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


def judged_curve(items: list[dict], probs: list[float], only: Optional[str] = None) -> list[tuple[float, dict]]:
    """Of the judged events (of set ``only``) kept at each threshold: how many, the share that are
    real events of the right type (precision), fully right, and the share of the right ones kept."""
    judged = [(x, p) for x, p in zip(items, probs) if x["kind"] == "judged" and (only is None or x["set"] == only)]
    right = sum(x["label"] for x, _ in judged) or 1
    out = []
    for t in (0.0,) + THRESHOLDS:
        kept = [x for x, p in judged if p >= t]
        n = len(kept) or 1
        out.append((t, {"kept": len(kept), "right_kept": sum(x["label"] for x in kept),
                        "precision": sum(x["label"] for x in kept) / n,
                        "fully_right_p": sum(x["full"] for x in kept) / n,
                        "recall": sum(x["label"] for x in kept) / right}))
    return out


def pooled_precision(gold: dict, judged: dict) -> float:
    """Right events among the kept ones, gold-line events (type-matched) and judged events together."""
    n = gold["events_predicted"] + judged["kept"]
    return (gold["type_p"] * gold["events_predicted"] + judged["precision"] * judged["kept"]) / n if n else 0.0


def pooled_recall(gold: dict, judged: dict, gold0: dict, judged0: dict) -> float:
    """The share of the right stored events (gold-line events type-matched, judged events right) that
    are kept: what a threshold can lose (events never coded are no threshold's doing)."""
    right = gold0["type_r"] * gold0["events_gold"] + judged0["right_kept"]
    return (gold["type_r"] * gold["events_gold"] + judged["right_kept"]) / right if right else 0.0


def choose_threshold(points: list[tuple[float, dict]], judged: list[tuple[float, dict]],
                     precision: float) -> tuple[float, str]:
    """The lowest threshold whose pooled precision (:func:`pooled_precision`: gold-line and judged
    events kept) reaches ``precision`` while keeping at least half the right stored events
    (:func:`pooled_recall`), else the one of highest F0.5 of pooled precision and pooled recall."""
    j, gold0, judged0 = dict(judged), points[0][1], judged[0][1]

    def pr(t, s):
        return pooled_precision(s, j[t]), pooled_recall(s, j[t], gold0, judged0)
    for t, s in points:
        p, r = pr(t, s)
        if t > 0 and p >= precision and r >= 0.5:
            return t, f"the lowest with pooled precision >= {precision:g} keeping half the right stored events"

    def f05(point):
        p, r = pr(*point)
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    best = max((p for p in points if p[0] > 0), key=lambda p: (round(f05(p), 4), -p[0]))[0]
    return best, (f"no threshold reached pooled precision {precision:g}: the one of highest F0.5 "
                  "(pooled precision, pooled share of the right stored events kept)")


def gather(gold: list[dict], out: Path, reuse: bool):
    if not (reuse and (out / "storyline.sqlite").is_file()):
        out.parent.mkdir(parents=True, exist_ok=True)
        run_storyline(source_records(gold), out, tuple(html_pages(gold)))
    return collect(gold, out, every=True)


def report_data(rows, items: list[dict]) -> None:
    print(f"examples: {len(items)}")
    for kind in ("gold", "judged"):
        mine = [x for x in items if x["kind"] == kind]
        print(f"examples_{kind}: {len(mine)}")
        print(f"examples_{kind}_positive: {sum(x['label'] for x in mine)}")
        print(f"examples_{kind}_fully_right: {sum(x['full'] for x in mine)}")
    print(f"gold_events: {sum(len(g) for _, _, g in rows)}")
    for (fam, kind), n in sorted(Counter((x["family"], x["kind"]) for x in items).items()):
        print(f"family_{fam}_{kind}_examples: {n}")


def choose_c(items: list[dict]) -> float:
    print(f"cv_log_loss_base_rate: {log_loss(items, base_rate(items)):.4f}")
    losses = {}
    for C in C_GRID:
        probs = out_of_topic(items, C)
        losses[C] = log_loss(items, probs)
        print(f"cv_log_loss_C_{C:g}: {losses[C]:.4f}")
        for kind in ("gold", "judged"):
            mine = [(x, p) for x, p in zip(items, probs) if x["kind"] == kind]
            if mine:
                print(f"cv_log_loss_{kind}_C_{C:g}: {log_loss(*map(list, zip(*mine))):.4f}")
    C = min(C_GRID, key=lambda c: (round(losses[c], 4), c))
    print(f"chosen_C: {C:g}")
    return C


def print_curves(points, judged, sets: list[str], items, probs) -> None:
    for (t, s), (_, j) in zip(points, judged):
        for key in ("type_p", "type_r", "fully_right_p"):
            print(f"cv_threshold_{t:.2f}_{key}: {s[key]:.3f}")
        print(f"cv_threshold_{t:.2f}_type_f05: {f_half(s):.3f}")
        if j["kept"] or t == 0:
            print(f"cv_threshold_{t:.2f}_judged_kept: {j['kept']}")
            for key in ("precision", "fully_right_p", "recall"):
                print(f"cv_threshold_{t:.2f}_judged_{key}: {j[key]:.3f}")
            print(f"cv_threshold_{t:.2f}_pooled_precision: {pooled_precision(s, j):.3f}")
            print(f"cv_threshold_{t:.2f}_pooled_recall: {pooled_recall(s, j, points[0][1], judged[0][1]):.3f}")
    for name in sets if len(sets) > 1 else ():
        for t, j in judged_curve(items, probs, name):
            if t in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7):
                print(f"cv_judged_{name}_at_{t:.2f}: kept {j['kept']} precision {j['precision']:.3f} "
                      f"fully_right_p {j['fully_right_p']:.3f} recall {j['recall']:.3f}")


def report(rows, items: list[dict], args) -> tuple[float, float, str]:
    """Print the data, the C grid and the chosen C's out-of-topic curves: (C, threshold, how chosen)."""
    report_data(rows, items)
    C = choose_c(items)
    probs = out_of_topic(items, C)
    points, judged = curve(rows, items, probs), judged_curve(items, probs)
    sets = sorted({x["set"] for x in items if x["kind"] == "judged"})
    print_curves(points, judged, sets, items, probs)
    threshold, how = choose_threshold(points, judged, args.precision)
    print(f"threshold_chosen_as: {how}")
    chosen = dict(points)[threshold]
    print(f"chosen_threshold: {threshold:.2f}")
    for key in ("type_p", "type_r", "fully_right_p", "events_predicted"):
        print(f"cv_at_chosen_{key}: {chosen[key]:.3f}" if isinstance(chosen[key], float) else
              f"cv_at_chosen_{key}: {chosen[key]}")
    print(f"cv_at_chosen_judged_precision: {dict(judged)[threshold]['precision']:.3f}")
    calibration(items, probs)
    for name, ids in sorted(args.files.items()) if len(args.files) > 1 else ():
        s = dict(curve(rows, items, probs, ids))[threshold]
        print(f"cv_{name}_at_chosen_type_p: {s['type_p']:.3f}")
        print(f"cv_{name}_at_chosen_type_r: {s['type_r']:.3f}")
        print(f"cv_{name}_at_chosen_fully_right_p: {s['fully_right_p']:.3f}")
    as_run = [x["confidence"] or 0.0 for x in items]
    s, j = dict(curve(rows, items, as_run))[0.5], dict(judged_curve(items, as_run))[0.5]
    print(f"as_run_confidence_at_0.50_type_p: {s['type_p']:.3f}")
    print(f"as_run_confidence_at_0.50_type_r: {s['type_r']:.3f}")
    print(f"as_run_confidence_at_0.50_judged_precision: {j['precision']:.3f}")
    return C, threshold, how


#: The groups of features of an event's setting (storyline.events.signals), for ablation.
TYPES = ("AGREE", "CONSULT", "SUPPORT", "REQUEST", "CONCEDE", "COOPERATE", "AID", "RETREAT", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
GROUPS = {
    "clause": lambda f: f in ("main clause", "complement clause", "adverbial clause", "relative clause or participle",
                              "noun phrase", "other clause"),
    "adverbial clause": lambda f: f == "adverbial clause",
    "other clause": lambda f: f == "other clause",
    "past": lambda f: f == "told in the past",
    "side origin": lambda f: f in ("source from context", "target from context"),
    "dyad": lambda f: f == "two countries",
    "quad by source": lambda f: f.startswith("quad ") and " by " in f,
    "type by source": lambda f: f.split(" by ", 1)[0] in TYPES,
    "sentence events": lambda f: f == "several events in the sentence",
    "lead": lambda f: f == "lead sentence",
    "late": lambda f: f == "late in the article",
    "article share": lambda f: f.startswith("political article "),
    "article events": lambda f: f.startswith("article events "),
    "tense": lambda f: f.startswith("told ") and f not in ("told inside a quotation",),
    "date": lambda f: f.startswith("dated by "),
    "question": lambda f: f == "a question",
    "person": lambda f: f == "a first or second person",
    "long sentence": lambda f: f == "a long sentence",
}


def auc(items: list[dict], probs: list[float]) -> float:
    """The chance that a right event gets a higher probability than a wrong one (ties count half)."""
    pos = [p for x, p in zip(items, probs) if x["label"]]
    neg = [p for x, p in zip(items, probs) if not x["label"]]
    if not pos or not neg:
        return 0.0
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def with_groups(items: list[dict], groups) -> list[dict]:
    """The examples with the setting features of the groups not in ``groups`` left out."""
    off = [g for name, g in GROUPS.items() if name not in groups]
    on = [g for name, g in GROUPS.items() if name in groups]
    return [dict(x, features=[f for f in x["features"] if any(g(f) for g in on) or not any(g(f) for g in off)])
            for x in items]


def cv_summary(rows, items: list[dict]) -> tuple[float, str]:
    """(cross-validated log loss at the best C, a line of figures: log loss and AUC per kind, the
    gold type P/R and judged precision at 0.4/0.6)."""
    best = None
    for C in C_GRID:
        probs = out_of_topic(items, C)
        loss = log_loss(items, probs)
        if best is None or loss < best[0] - 1e-9:
            best = (loss, C, probs)
    loss, C, probs = best
    parts = [f"loss {loss:.4f} C {C:g}"]
    for kind in ("gold", "judged"):
        mine = [(x, p) for x, p in zip(items, probs) if x["kind"] == kind]
        if mine:
            xs, ps = map(list, zip(*mine))
            parts.append(f"{kind} loss {log_loss(xs, ps):.4f} auc {auc(xs, ps):.3f}")
    g, j = dict(curve(rows, items, probs)), dict(judged_curve(items, probs))
    for t in (0.4, 0.6):
        parts.append(f"@{t}: gold P {g[t]['type_p']:.3f} R {g[t]['type_r']:.3f} judged P {j[t]['precision']:.3f} "
                     f"n {j[t]['kept']}")
    return loss, " | ".join(parts)


def ablate(rows, items: list[dict]) -> list[str]:
    """Forward selection of the setting groups by cross-validated log loss: from none, add the group
    that lowers it most while one does; prints each step; returns the groups kept."""
    kept: list[str] = []
    loss, line = cv_summary(rows, with_groups(items, kept))
    print(f"ablation_base: {line}")
    for name in GROUPS:
        print(f"ablation_only_{name.replace(' ', '_')}: {cv_summary(rows, with_groups(items, [name]))[1]}")
    print(f"ablation_all: {cv_summary(rows, with_groups(items, list(GROUPS)))[1]}")
    while True:
        trials = {name: cv_summary(rows, with_groups(items, kept + [name]))
                  for name in GROUPS if name not in kept}
        if not trials:
            break
        name, (new, line) = min(trials.items(), key=lambda p: p[1][0])
        if new > loss - MARGIN:
            break
        kept.append(name)
        loss = new
        print(f"ablation_add_{name.replace(' ', '_')}: {line}")
    print(f"ablation_kept: {', '.join(kept) or 'none'}")
    return kept


def write(model, names: list[str], C: float, threshold: float, n: int, golds: list[str], how: str,
          judged: Optional[list[str]] = None) -> None:
    data = json.loads(CONFIDENCE.read_text(encoding="utf-8"))
    weights = {name: round(float(w), 3) for name, w in sorted(zip(names, model.coef_[0]))}
    data["_about"] = (
        "How sure the event coder is of an event (storyline.events.confidence): confidence = "
        "sigmoid(bias + the sum of the weights of the event's active features). Fitted by "
        f"benchmarks/fit_confidence.py (L2 logistic regression, C={C:g} chosen by cross-validation "
        f"grouped by topic family) on {n} stored events: those of the annotated lines of {', '.join(golds)}"
        + (f" and events of real runs judged blind ({', '.join(judged)}; label: a real event of the right type)"
           if judged else "") + "; "
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
    ap.add_argument("--judged", nargs="+", action="append", default=[], metavar="OUT FILE",
                    help="a run's folder and the judged files of its events (benchmarks/judged_events.py); repeatable")
    ap.add_argument("--ablate", action="store_true", help="forward selection of the setting feature groups")
    ap.add_argument("--groups", nargs="*", default=None,
                    help="keep only these setting feature groups (default: every group the run lists)")
    ap.add_argument("--gold-only", action="store_true", help="fit on the gold lines alone (ignore --judged)")
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
    if not args.gold_only:
        items += judged_items(args.judged, items)
    if args.drop:
        for x in items:
            x["features"] = [f for f in x["features"] if not f.startswith(tuple(args.drop))]
    if args.ablate:
        ablate(rows, items)
        return 0
    if args.groups is not None:
        items = with_groups(items, args.groups)
    C, threshold, how = report(rows, items, args)
    model, names = fit(items, C)
    print(f"bias: {model.intercept_[0]:+.3f}")
    for name, w in sorted(zip(names, model.coef_[0]), key=lambda p: -abs(p[1])):
        print(f"weight {name}: {w:+.3f}")
    if args.write:
        write(model, names, C, threshold, len(items), [p.name for p in paths], how,
              sorted({x["set"] for x in items if x["kind"] == "judged"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
