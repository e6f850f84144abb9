"""Event coding benchmark: PETRARCH2 validation sentences and CAMEO codebook examples.

Run: ``.venv/bin/python benchmarks/events.py [--errors]``.  Prints one ``name: value`` per line:
PLOVER-type accuracy, CAMEO root-code accuracy, source- and target-country accuracy of the
sentence's first (main) event, for Storyline and for a keyword baseline (first lexicon word in the
sentence; first/second actor named), in the same run.

Scoring: a sentence counts for PLOVER accuracy when its gold code has a PLOVER type (CAMEO 01x
statements have none); root accuracy over all gold events; source/target country over PETR2
sentences with gold actors (``---`` and a missing actor both count as "no country"; IGO codes are
mapped to Storyline's short codes).  ``noevent_ok`` is the share of PETR2 "noevents" sentences
left uncoded.  ``storyline`` is ``storyline code`` as shipped (its lexicon fallback codes a sentence
the parse-based coder left empty); ``storyline_parse_only`` drops those fallback events, as article
runs do.  ``--errors`` first lists, as ``#`` lines, each sentence whose main event misses.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "events"
sys.path.insert(0, str(ROOT / "src"))

from storyline.actors import actor_tables, normalize_word, tokenize_words  # noqa: E402
from storyline.events import code_jsonl  # noqa: E402
from storyline.events.lexicon import event_lexicon, plover_of  # noqa: E402


def load_petr2(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8", errors="replace")
    out = []
    for block in re.split(r"(?=<Sentence\s)", text)[1:]:
        head = re.match(r"<Sentence\s([^>]*)>", block)
        body = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not head or not body or not body.group(1).strip():
            continue
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', head.group(1)))
        codings = [dict(re.findall(r'(\w+)="([^"]*)"', c)) for c in re.findall(r"<EventCoding\s([^>]*)>", block)]
        events = [c for c in codings if "eventcode" in c]
        out.append({"id": attrs.get("id"), "date": attrs.get("date"), "text": " ".join(body.group(1).split()),
                    "gold": events, "noevents": not events and any(c.get("noevents") for c in codings)})
    return out


def load_cameo_examples(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            ex = (row.get("example") or "").strip()
            if not ex or ex == "NA":
                continue
            ex = re.split(r"\s+Note:", ex)[0].strip()
            out.append({"id": f"cameo-{row['code']}", "date": None, "text": ex,
                        "gold": [{"eventcode": row["code"].strip()}], "noevents": False})
    return out


def gold_country(code: Optional[str]) -> Optional[str]:
    if not code or code.startswith("---"):
        return None
    if code.startswith("IGO"):
        igo = actor_tables().igo_phoenix
        for cut in range(len(code), 5, -1):
            if code[:cut] in igo:
                return igo[code[:cut]]
        return code
    return code[:3]


def keyword_baseline(text: str) -> Optional[dict]:
    """First lexicon word (crudely stemmed) gives the code; first two named actors source/target."""
    lex = event_lexicon()
    toks = [w for w, _s, _e in tokenize_words(text)]
    words = [normalize_word(w) for w in toks]
    code = None
    for w in words:
        for cand in (w, w[:-1], w[:-2], w[:-3], w[:-2] + "e" if w.endswith("ed") else None,
                     w[:-3] + "e" if w.endswith("ing") else None, w[:-3] + "y" if w.endswith("ies") else None):
            if cand and lex.verb_code(cand) and plover_of(lex.verb_code(cand)):
                code = lex.verb_code(cand)
                break
            if cand and cand in lex.nouns and plover_of(lex.nouns[cand]):
                code = lex.nouns[cand]
                break
        if code:
            break
    if code is None:
        return None
    actors = [m[2].code for m in actor_tables().scan(words, originals=toks, agents=False) if m[2].code]
    if not actors:
        for m in actor_tables().scan(words, originals=toks, agents=False):
            if m[2].person is not None:
                actors.append(m[2].person.tenures[-1].code)
    distinct = list(dict.fromkeys(actors))
    return {"cameo": code, "event_type": plover_of(code).plover,
            "source": [{"code": distinct[0]}] if distinct else [],
            "target": [{"code": distinct[1]}] if len(distinct) > 1 else []}


def score(items: list[dict], predictions: list[Optional[dict]]) -> dict[str, float]:
    n_type = ok_type = n_root = ok_root = n_src = ok_src = n_tgt = ok_tgt = n_none = ok_none = 0
    for item, pred in zip(items, predictions):
        if item["noevents"]:
            n_none += 1
            ok_none += pred is None
            continue
        gold = item["gold"]
        if not gold:
            continue
        gold_types = {plover_of(g["eventcode"]).plover for g in gold if plover_of(g["eventcode"])}
        if gold_types:
            n_type += 1
            ok_type += bool(pred) and pred["event_type"] in gold_types
        n_root += 1
        ok_root += bool(pred) and (pred.get("cameo") or "")[:2] in {g["eventcode"][:2] for g in gold}
        if "sourcecode" in gold[0]:
            src_gold = {gold_country(g.get("sourcecode")) for g in gold}
            tgt_gold = {gold_country(g.get("targetcode")) for g in gold}
            src_pred = {a.get("code") for a in (pred or {}).get("source", [])} or {None}
            tgt_pred = {a.get("code") for a in (pred or {}).get("target", [])} or {None}
            n_src += 1
            ok_src += bool(pred) and bool(src_gold & src_pred)
            n_tgt += 1
            ok_tgt += bool(pred) and bool(tgt_gold & tgt_pred)
    return {"plover_type_acc": ok_type / max(n_type, 1), "cameo_root_acc": ok_root / max(n_root, 1),
            "source_country_acc": ok_src / max(n_src, 1), "target_country_acc": ok_tgt / max(n_tgt, 1),
            "noevent_ok": ok_none / max(n_none, 1), "n_type": n_type, "n_root": n_root, "n_actor": n_src,
            "n_noevent": n_none}


def print_errors(name: str, items: list[dict], results: list[dict]) -> None:
    """``--errors``: each sentence whose main event misses the gold PLOVER type (T), source (S)
    or target (G) country, with the gold codes and Storyline's first events."""
    for item, res in zip(items, results):
        gold = item["gold"]
        if item["noevents"] or not gold:
            continue
        pred = (res["events"] or [None])[0]
        kinds = ""
        gold_types = {plover_of(g["eventcode"]).plover for g in gold if plover_of(g["eventcode"])}
        kinds += "T" if gold_types and not (pred and pred["event_type"] in gold_types) else "-"
        for role, key in (("S", "sourcecode"), ("G", "targetcode")):
            if key not in gold[0]:
                kinds += "-"
                continue
            want = {gold_country(g.get(key)) for g in gold}
            got = {a.get("code") for a in (pred or {}).get("source" if role == "S" else "target", [])} or {None}
            kinds += role if not (pred and want & got) else "-"
        if kinds == "---":
            continue
        shown = [(e["cameo"], e["event_type"], e["trigger"], [a.get("code") for a in e["source"]],
                  [a.get("code") for a in e["target"]]) for e in res["events"][:3]]
        print(f"# {name} [{kinds}] {item['id']} gold={[(g['eventcode'], g.get('sourcecode'), g.get('targetcode')) for g in gold]}"
              f" pred={shown}\n#     {item['text'][:200]}")


def main() -> int:
    errors = "--errors" in sys.argv[1:]
    sets = {"petr2": load_petr2(BENCH / "PETR2_GSR_validation.xml"),
            "cameo_examples": load_cameo_examples(BENCH / "cameo-codes.csv")}
    for name, items in sets.items():
        results = list(code_jsonl({"id": it["id"], "text": it["text"], "date": it["date"]} for it in items))
        if errors:
            print_errors(name, items, results)
        system = [(r["events"] or [None])[0] for r in results]
        parse_only = [None if e and e.get("fallback") else e for e in system]
        baseline = [keyword_baseline(it["text"]) for it in items]
        for label, preds in (("storyline", system), ("storyline_parse_only", parse_only), ("keyword", baseline)):
            for key, value in score(items, preds).items():
                if key.startswith("n_"):
                    if label == "storyline":
                        print(f"{name}_{key}: {value}")
                    continue
                if name == "cameo_examples" and key in ("source_country_acc", "target_country_acc", "noevent_ok"):
                    continue
                print(f"{name}_{label}_{key}: {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
