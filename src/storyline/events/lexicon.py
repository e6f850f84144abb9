"""The event coder's data: CAMEO code table and trigger lexicon, loaded once per process.

- ``data/cameo_codes.tsv``: CAMEO code → name, Goldstein score, QuadClass, PLOVER type and mode.
- ``data/event_lexicon.tsv``: PETRARCH2 verb blocks (verb → default code) and the words that follow
  the verb in its phrase patterns (``block``, ``verb``, ``pattern``, ``cameo``).
- ``data/event_lexicon.json``: hand-kept verbs, verb+particle codes, event nouns, light, report,
  intent and request verbs (see its ``_about``).
"""
from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

__all__ = ["CameoCode", "load_cameo_table", "EventLexicon", "event_lexicon", "plover_of", "intent_code"]

DATA = Path(__file__).resolve().parents[1] / "data"

_STOP = {"a", "an", "the", "to", "in", "on", "of", "for", "with", "by", "at", "from", "and", "or", "as", "that",
         "it", "its", "is", "was", "be", "been", "will", "would", "not", "no", "this", "their", "his", "her",
         "into", "over", "about", "up", "out", "off", "down", "after", "before", "against", "between", "than",
         "they", "he", "she", "we", "i", "has", "have", "had", "said", "says", "more", "new", "all", "any",
         "some", "other", "also", "which", "who", "if", "but", "could", "should", "may", "must", "can"}


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
    root = int(code[:2])
    if commissive or root >= 13:
        if root == 4:
            return "036"
        if root == 5:
            return "032"
        if root == 6:
            return {"061": "0311", "062": "0312", "063": "0313", "064": "0314"}.get(code[:3], "031")
        if root == 7:
            return {"071": "0331", "072": "0332", "073": "0333", "074": "0334"}.get(code[:3], "033")
        if root == 8:
            return "035"
        if root == 12 and commissive:
            return "035"
        if root in (9, 10, 11, 14) and commissive:
            return "030"
        if root in (18, 19, 20):
            return "138"
        if root == 16:   # announced cuts: threats to reduce relations, aid, trade
            return {"161": "1313", "162": "1311", "163": "1312", "164": "1313", "166": "136"}.get(code[:3], "131")
        if root == 17:   # announced repression: threats of administrative sanctions
            return {"1723": "1323", "1724": "1324", "172": "132", "175": "137"}.get(
                code, {"172": "132", "175": "137"}.get(code[:3], "132"))
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
    # longer patterns first: the most specific wins
    for block, pats in lex.patterns.items():
        pats.sort(key=lambda p: -len(p[0]))
    return lex
