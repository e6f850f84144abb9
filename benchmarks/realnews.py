"""Event coding on real news, as a user meets it: ``storyline run`` over whole articles, scored on
annotated passages where most lines hold no event (``../shared/bench/events/realnews/GUIDE.md``).

    .venv/bin/python benchmarks/realnews.py [--gold dev-gold.jsonl] [--out DIR] [--errors]

1. The source articles of the gold passages (Timeline17 records, by topic and article id) are written
   to one JSONL file, one record per article, and ``storyline run`` analyses them whole (the article's
   earlier text is the context a reader has).  Passages of topic ``html-extraction`` (article id = the
   page's hash in ``shared/bench/html-extraction/html``) come from real HTML pages: each page's
   ``.html.gz`` is copied into one folder that the same run reads (``.html`` ingestion, gzip read as is).
2. Each gold line (a line of the article's text, or a sentence of an HTML page's body) is found in the
   article's clean text; an event belongs to the line that holds the start of its evidence sentence.
   Events of lines outside the passages are not scored.
3. Per line, predictions are matched one-to-one to gold events of the same PLOVER type (for QuadClass,
   of the same QuadClass).  Type precision = matched / predicted, recall = matched / gold.  Fully
   right: type matched and source and target agree at country/organisation level (a non-empty overlap
   of codes, or both empty; for a reciprocal gold event the union of both sides is compared).  Line
   detection: does a line hold any event.  These headline figures are of the run's events
   (``events.jsonl``: those at or above the ``event_threshold`` setting).  Then, over every event
   the run stored (``storyline.sqlite``, under the threshold too), type precision/recall and
   fully-right precision for confidence thresholds 0.0 … 0.9: the curve to choose the threshold by.

Prints one ``name: value`` per line; ``--errors`` first prints, as ``#`` lines, every missed or
spurious event with its line.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
REALNEWS = BENCH / "events" / "realnews"
T17 = BENCH / "t17"
HTML_TOPIC = "html-extraction"
HTML_PAGES = BENCH / HTML_TOPIC / "html"
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def source_records(gold: list[dict]) -> list[dict]:
    """The Timeline17 records of the gold passages' articles, each once, in gold order."""
    gold = [g for g in gold if g["topic"] != HTML_TOPIC]
    wanted = {(g["topic"], g["article_id"]) for g in gold}
    found: dict[tuple[str, str], dict] = {}
    for topic in sorted({t for t, _ in wanted}):
        with open(T17 / topic / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if (topic, str(record["id"])) in wanted:
                    found[(topic, str(record["id"]))] = record
    order = list(dict.fromkeys((g["topic"], g["article_id"]) for g in gold))
    missing = [k for k in order if k not in found]
    if missing:
        sys.exit(f"source articles not found: {missing[:5]}")
    return [dict(found[k], id=f"{k[0]}/{k[1]}") for k in order]


def html_pages(gold: list[dict]) -> list[Path]:
    """The HTML pages (``<hash>.html.gz``) of the gold's ``html-extraction`` passages, each once, in gold order."""
    pages = [HTML_PAGES / f"{h}.html.gz" for h in dict.fromkeys(g["article_id"] for g in gold
                                                                 if g["topic"] == HTML_TOPIC)]
    missing = [p.name for p in pages if not p.is_file()]
    if missing:
        sys.exit(f"source pages not found: {missing[:5]}")
    return pages


def run_storyline(records: list[dict], out: Path, pages: tuple[Path, ...] = ()) -> None:
    """One ``storyline run`` over the records (one JSONL file) and the pages (copied into one folder)."""
    inputs = []
    if records or not pages:
        corpus = out.parent / "realnews-articles.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        inputs.append(str(corpus))
    if pages:
        folder = out.parent / "realnews-html"
        shutil.rmtree(folder, ignore_errors=True)  # the harness's own folder: no page of an earlier run
        folder.mkdir()
        for page in pages:
            shutil.copyfile(page, folder / page.name)
        inputs.append(str(folder))
    done = subprocess.run([sys.executable, "-m", "storyline.cli", "run", *inputs, "--out", str(out), "-q"],
                          capture_output=True, text=True, env={**__import__("os").environ,
                                                               "PYTHONPATH": str(ROOT / "src")})
    if done.returncode != 0:
        sys.exit(f"storyline run failed:\n{done.stderr[-3000:]}")


def line_spans(clean: str, lines: list[dict]) -> dict[int, tuple[int, int]]:
    """Gold line number → its char span in the clean text (searched in order; lines not found are left out)."""
    spans, pos = {}, 0
    for entry in lines:
        text = " ".join(entry["text"].split())
        at = _find_words(clean, text, pos)
        if at is not None:
            spans[entry["line"]] = at
            pos = at[1]
    return spans


def _find_words(text: str, needle: str, start: int) -> Optional[tuple[int, int]]:
    """Where ``needle`` stands in ``text`` at or after ``start``, whitespace-insensitively (and across the
    cell bars of a table row, which the HTML extraction writes as ``| 37 | Drew Herring | 8 |``)."""
    i = text.find(needle, start)
    if i < 0:
        i = text.find(needle)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words:
        return None
    first = text.find(words[0], start)
    while first >= 0:
        j, ok = first, True
        for w in words:
            k = text.find(w, j)
            if k < 0 or text[j:k].replace("|", " ").strip():
                ok = False
                break
            j = k + len(w)
        if ok:
            return first, j
        first = text.find(words[0], first + 1)
    return None


def codes(actors: list) -> set[str]:
    return {a["code"] if isinstance(a, dict) else a for a in actors if (a.get("code") if isinstance(a, dict) else a)}


def sides_agree(pred: dict, gold: dict) -> tuple[bool, bool]:
    ps, pt = codes(pred["source"]), codes(pred["target"])
    gs, gt = set(gold["source"]), set(gold["target"])
    if gold.get("reciprocal"):
        both = ps | pt
        ok = bool(both & gs) if gs else not both
        return ok, ok
    agree = lambda p, g: bool(p & g) if (p and g) else (not p and not g)  # noqa: E731
    return agree(ps, gs), agree(pt, gt)


def match(pred: list[dict], gold: list[dict], key) -> list[tuple[int, int]]:
    """One-to-one matches by ``key``, preferring pairs whose sides agree."""
    pairs, used_p, used_g = [], set(), set()
    ranked = sorted(((not all(sides_agree(p, g)), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                     if key(p) == key(g)))
    for _, i, j in ranked:
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def score(lines: list[tuple[str, list[dict], list[dict]]]) -> dict[str, float]:
    n_pred = sum(len(p) for _, p, _ in lines)
    n_gold = sum(len(g) for _, _, g in lines)
    typed = full = quad = src_ok = tgt_ok = 0
    detect = Counter()
    for _, pred, gold in lines:
        pairs = match(pred, gold, lambda e: e.get("event_type") or e.get("type"))
        typed += len(pairs)
        for i, j in pairs:
            s, t = sides_agree(pred[i], gold[j])
            src_ok += s
            tgt_ok += t
            full += s and t
        quad += len(match(pred, gold, lambda e: QUAD.get(e.get("event_type") or e.get("type"))))
        detect[(bool(pred), bool(gold))] += 1
    ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    p, r = ratio(typed, n_pred), ratio(typed, n_gold)
    dp, dr = ratio(detect[(True, True)], detect[(True, True)] + detect[(True, False)]), \
        ratio(detect[(True, True)], detect[(True, True)] + detect[(False, True)])
    return {"events_predicted": n_pred, "events_gold": n_gold, "type_p": p, "type_r": r, "type_f1": f1(p, r),
            "fully_right_p": ratio(full, n_pred), "fully_right_r": ratio(full, n_gold),
            "source_right_of_type_matched": ratio(src_ok, typed), "target_right_of_type_matched": ratio(tgt_ok, typed),
            "quad_p": ratio(quad, n_pred), "quad_r": ratio(quad, n_gold), "line_detection_p": dp,
            "line_detection_r": dr}


def stored_articles(gold: list[dict], out: Path) -> dict[tuple[str, str], dict]:
    """The run's stored articles by gold ``(topic, article id)``: a JSONL record by its number
    (``corpus.jsonl:N``, in :func:`source_records` order), an HTML page by its file name (the hash)."""
    keys = dict.fromkeys((g["topic"], g["article_id"]) for g in gold if g["topic"] != HTML_TOPIC)
    record_no = {str(n): key for n, key in enumerate(keys, 1)}
    articles = {}
    for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        name = Path(a["path"]).name
        if name.endswith((".html.gz", ".html")):
            articles[(HTML_TOPIC, name.split(".", 1)[0])] = a
        elif a["path"].rsplit(":", 1)[-1] in record_no:
            articles[record_no[a["path"].rsplit(":", 1)[-1]]] = a
    return articles


def stored_events(out: Path) -> list[dict]:
    """Every event the run coded, from the store: those under the confidence threshold too."""
    import sqlite3

    with sqlite3.connect(out / "storyline.sqlite") as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("select * from events")]
    for r in rows:
        for key in ("source", "target"):
            r[key] = json.loads(r[key] or "[]")
    return rows


def collect(gold: list[dict], out: Path, *, every: bool = False) -> list[tuple[str, list[dict], list[dict]]]:
    """``(line id, predicted events, gold events)`` for every gold line found in its article: the
    run's events (``events.jsonl``), or with ``every`` all the events it stored."""
    articles = stored_articles(gold, out)
    events = defaultdict(list)
    found = stored_events(out) if every else [
        json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    for e in found:
        events[e["article_id"]].append(e)
    rows, lost = [], []
    for g in gold:
        article = articles.get((g["topic"], g["article_id"]))
        spans = line_spans(article["text"], g["lines"]) if article else {}
        for entry in g["lines"]:
            span = spans.get(entry["line"])
            if span is None:
                lost.append(f"# not found in clean text: {g['id']} L{entry['line']} "
                            f"({len(entry['events'])} gold events): {entry['text'][:60]!r}")
                pred = []
            else:
                pred = [e for e in events[article["id"]] if span[0] <= e["start"] < span[1]]
            rows.append((f"{g['id']} L{entry['line']}", pred, entry["events"]))
    if not every:
        print(f"lines_not_found_in_clean_text: {len(lost)}")
        print("".join(f"{line}\n" for line in lost), end="")
    return rows


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(REALNEWS / "dev-gold.jsonl"))
    ap.add_argument("--out", default=None, help="keep storyline's outputs here (default: a temporary folder)")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    gold = load_gold(Path(args.gold))
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "out"
        out.parent.mkdir(parents=True, exist_ok=True)
        run_storyline(source_records(gold), out, tuple(html_pages(gold)))
        rows = collect(gold, out)
        stored = collect(gold, out, every=True)
    if args.errors:
        for line_id, pred, gold_events in rows:
            got = sorted(f"{e['event_type']} {sorted(codes(e['source']))}->{sorted(codes(e['target']))}" for e in pred)
            want = sorted(f"{e['type']} {e['source']}->{e['target']}" for e in gold_events)
            if got != want:
                print(f"# {line_id}: predicted {got} gold {want}")
    print(f"lines: {len(rows)}")
    for name, value in score(rows).items():
        print(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}")
    print(f"events_stored: {sum(len(p) for _, p, _ in stored)}")
    if any(e.get("confidence") is not None for _, pred, _ in stored for e in pred):
        for threshold in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            kept = [(i, [e for e in p if (e.get("confidence") or 0) >= threshold], g) for i, p, g in stored]
            s = score(kept)
            print(f"threshold_{threshold:.1f}_type_p: {s['type_p']:.3f}")
            print(f"threshold_{threshold:.1f}_type_r: {s['type_r']:.3f}")
            print(f"threshold_{threshold:.1f}_fully_right_p: {s['fully_right_p']:.3f}")
    else:
        print("confidence_curve: events carry no confidence yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
