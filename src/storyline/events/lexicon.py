"""The event coder's data: CAMEO code table and trigger lexicon, loaded once per process.

- ``data/events/cameo_codes.tsv``: CAMEO code → name, Goldstein score, QuadClass, PLOVER type and mode.
- ``data/events/event_lexicon.tsv``: PETRARCH2 verb blocks (verb → default code) and the words that follow
  the verb in its phrase patterns (``block``, ``verb``, ``pattern``, ``cameo``).
- ``data/events/event_lexicon.json``: hand-kept verbs, verb+particle codes, event nouns, light, report,
  intent and request verbs (see its ``_about``).
- ``data/events/word_sets.json``: the coder's named word sets (:func:`word_set`).
- ``data/events/cameo_rules.tsv``: the CAMEO codes its rules assign, by name (:func:`cameo_rule`,
  :func:`cameo_map`); ``data/events/cameo_roots.tsv``: named groups of CAMEO roots (:func:`in_roots`).
"""
from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

__all__ = ["CameoCode", "load_cameo_table", "EventLexicon", "event_lexicon", "plover_of", "intent_code",
           "word_set", "cameo_rule", "cameo_map", "lookup_code", "in_roots"]

DATA = Path(__file__).resolve().parents[1] / "data" / "events"


@functools.lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset]:
    raw = json.loads((DATA / "word_sets.json").read_text(encoding="utf-8"))
    return {name: frozenset(words) for name, words in raw.items() if not name.startswith("_")}


def word_set(name: str) -> frozenset:
    """The named word set of ``data/events/word_sets.json`` (``"cessation"``, ``"pacts"`` …)."""
    try:
        return _word_sets()[name]
    except KeyError:
        raise KeyError(f"no word set {name!r} in {DATA / 'word_sets.json'}") from None


@functools.lru_cache(maxsize=1)
def _cameo_rules() -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    with open(DATA / "cameo_rules.tsv", encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            rules.setdefault(row["rule"], {})[row["key"] or ""] = row["cameo"]
    return rules


def cameo_map(name: str) -> dict[str, str]:
    """The named code map of ``data/events/cameo_rules.tsv`` (key: a code, a code root or a name)."""
    try:
        return _cameo_rules()[name]
    except KeyError:
        raise KeyError(f"no rule {name!r} in {DATA / 'cameo_rules.tsv'}") from None


def cameo_rule(name: str) -> str:
    """The CAMEO code a named rule assigns (``cameo_rule("test_fire")`` is ``"150"``)."""
    return cameo_map(name)[""]


@functools.lru_cache(maxsize=1)
def _root_groups() -> dict[str, frozenset]:
    with open(DATA / "cameo_roots.tsv", encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return {row["group"]: frozenset(row["roots"].split())
                for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def in_roots(code: Optional[str], group: str) -> bool:
    """Whether ``code``'s CAMEO root is in the named group of ``data/events/cameo_roots.tsv``
    (``in_roots("190", "fighting")``)."""
    try:
        roots = _root_groups()[group]
    except KeyError:
        raise KeyError(f"no root group {group!r} in {DATA / 'cameo_roots.tsv'}") from None
    return bool(code) and code[:2] in roots


def lookup_code(mapping: dict[str, str], code: str, default: Optional[str] = None) -> Optional[str]:
    """``mapping``'s value for ``code``, else for its first three, else its first two digits."""
    for key in (code, code[:3], code[:2]):
        if key in mapping:
            return mapping[key]
    return default


_STOP = word_set("stop")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: Optional[float]
    quad_class: int
    plover: Optional[str]
    mode: Optional[str]


@functools.lru_cache(maxsize=1)
def load_cameo_table() -> dict[str, CameoCode]:
    """CAMEO code → :class:`CameoCode` (name, goldstein, quad_class, plover, mode)."""
    table = {}
    with open(DATA / "cameo_codes.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            try:
                goldstein = float(row["goldstein"])
            except ValueError:
                goldstein = None
            table[row["code"]] = CameoCode(row["code"], row["name"], goldstein, int(row["quad_class"]),
                                           row["plover"] or None, row["mode"] or None)
    return table


def plover_of(code: Optional[str]) -> Optional[CameoCode]:
    """The table row for a code, falling back to its parent codes (``0312`` → ``031`` → ``03``)."""
    if not code:
        return None
    table = load_cameo_table()
    for cut in (len(code), 3, 2):
        row = table.get(code[:cut])
        if row is not None and row.plover:
            return row if cut == len(code) else CameoCode(code, row.name, row.goldstein, row.quad_class,
                                                           row.plover, row.mode)
    return None


def intent_code(code: Optional[str], *, commissive: bool) -> Optional[str]:
    """The code of a promise/plan to do ``code``: cooperation → AGREE (03x), force → THREATEN (13x).

    ``commissive`` verbs (agree, pledge, vow) turn cooperation into AGREE; plain plans (schedule,
    expect) keep the planned event's code (the caller marks it ``intent``).
    """
    if not code:
        return None
    root = code[:2]
    promise = cameo_map("promise_by_root")
    if commissive and root in promise:
        return promise[root]
    maps = {"06": "promise_material_cooperation", "07": "promise_aid"} if commissive else {}
    maps.update({"16": "threaten_cuts", "17": "threaten_sanctions"})
    if root in maps:
        return lookup_code(cameo_map(maps[root]), code)
    return cameo_map("threat_by_root").get(root, code)
    single = {4: "promise_meeting", 5: "promise_settle", 8: "promise_yield"}
    if root in single or (root == 12 and commissive):
        return cameo_rule(single.get(root, "promise_yield"))
    if root in (6, 7, 16, 17):
        names = {6: "promise_material_cooperation", 7: "promise_aid", 16: "threaten_cuts", 17: "threaten_sanctions"}
        return lookup_code(cameo_map(names[root]), code)
    if root in (9, 10, 11, 14) and commissive:
        return cameo_rule("promise_cooperation")
    if root in (18, 19, 20):
        return cameo_rule("threaten_force")
    return code


@dataclass
class EventLexicon:
    verbs: dict[str, Optional[str]] = field(default_factory=dict)       # hand codes (None: never)
    petr_default: dict[str, str] = field(default_factory=dict)          # PETRARCH verb → code
    verb_block: dict[str, str] = field(default_factory=dict)
    patterns: dict[str, list[tuple[tuple[tuple[str, ...], ...], str]]] = field(default_factory=dict)
    verb_preps: dict[str, dict[str, str]] = field(default_factory=dict)
    verb_objects: dict[str, dict[str, str]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    call_nouns: dict[str, str] = field(default_factory=dict)
    light_verbs: frozenset = frozenset()
    report_verbs: frozenset = frozenset()
    intent_verbs: frozenset = frozenset()
    request_verbs: frozenset = frozenset()
    reject_verbs: frozenset = frozenset()
    refine: dict[str, frozenset] = field(default_factory=dict)
    lemma_fixes: dict[str, str] = field(default_factory=dict)            # tagger's wrong verb lemma → right

    def fix_lemmas(self, doc) -> None:
        """Set the right lemma on verbs the lemmatizer gets wrong ("fined" → "fin")."""
        if self.lemma_fixes:
            for tok in doc:
                if tok.pos_ == "VERB" and tok.lemma_ in self.lemma_fixes:
                    tok.lemma_ = self.lemma_fixes[tok.lemma_]

    def verb_code(self, lemma: str) -> Optional[str]:
        if lemma in self.verbs:
            return self.verbs[lemma]
        return self.petr_default.get(lemma)

    def is_trigger_lemma(self, lemma: str) -> bool:
        if lemma in self.verbs:
            return self.verbs[lemma] is not None or lemma in self.verb_preps
        return lemma in self.petr_default or lemma in self.verb_preps

    def pattern_code(self, lemma: str, words: Sequence[str]) -> Optional[str]:
        """The code of the first PETRARCH pattern of the verb's block whose words follow the verb
        (in order, gaps allowed; a pattern word matches a word it starts)."""
        block = self.verb_block.get(lemma)
        if not block:
            return None
        # what any pattern word can match here: the words and their prefixes of four letters or more
        # (a pattern none of whose slots can match is skipped without walking it)
        present = set(words)
        present.update(w[:n] for w in words for n in range(4, len(w)))
        for slots, code in self.patterns.get(block, ()):
            if not all(any(_parts(alt)[0] in present for alt in alternatives) for alternatives in slots):
                continue
            pos = 0
            for k, alternatives in enumerate(slots):
                found = False
                limit = min(len(words), pos + (3 if k == 0 else 2))   # small gaps only (articles, adjectives)
                while pos < limit:
                    pos += 1
                    if any(_slot_match(alt, words, pos - 1) for alt in alternatives):
                        pos += len(_parts(alternatives[0])) - 1
                        found = True
                        break
                if not found:
                    break
            else:
                return code
        return None


@functools.lru_cache(maxsize=None)
def _parts(alt: str) -> tuple[str, ...]:
    """A pattern slot's words (``talks_with`` → talks, with), split once."""
    return tuple(alt.split("_"))


def _slot_match(alt: str, words: Sequence[str], i: int) -> bool:
    parts = _parts(alt)
    if i + len(parts) > len(words):
        return False
    for k, part in enumerate(parts):
        w = words[i + k]
        if not (w == part or (len(part) >= 4 and w.startswith(part))):
            return False
    return True


@functools.lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    """The trigger lexicon, loaded once per process."""
    lex = EventLexicon()
    with open(DATA / "event_lexicon.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            block, verb, pattern, code = row["block"], row["verb"], row["pattern"], row["cameo"]
            if verb:
                lex.verb_block.setdefault(verb, block)
                if code and " " not in verb:
                    lex.petr_default.setdefault(verb, code)
            elif pattern and code:
                # function words make patterns fire everywhere: keep content words only
                slots = tuple(s for s in (tuple(a for a in slot.split("/") if a and a not in _STOP)
                                          for slot in pattern.split(" ")) if s)
                if slots:
                    lex.patterns.setdefault(block, []).append((slots, code))
    hand = json.loads((DATA / "event_lexicon.json").read_text(encoding="utf-8"))
    lex.verbs = dict(hand["verbs"])
    lex.verb_preps = hand["verb_preps"]
    lex.verb_objects = hand.get("verb_objects", {})
    lex.nouns = hand["nouns"]
    lex.call_nouns = hand["call_nouns"]
    lex.light_verbs = frozenset(hand["light_verbs"])
    lex.report_verbs = frozenset(hand["report_verbs"])
    lex.intent_verbs = frozenset(hand["intent_verbs"])
    lex.request_verbs = frozenset(hand["request_verbs"])
    lex.reject_verbs = frozenset(hand["reject_verbs"])
    lex.refine = {k: frozenset(v) for k, v in hand["refine"].items()}
    lex.lemma_fixes = hand.get("verb_lemma_fixes", {})
    # longer patterns first: the most specific wins
    for block, pats in lex.patterns.items():
        pats.sort(key=lambda p: -len(p[0]))
    return lex
