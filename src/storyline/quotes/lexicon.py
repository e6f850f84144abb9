"""The quote extractor's knowledge, read once from ``data/quotes/``.

- :func:`cue_lexicon`: attribution cues (``quote_cues.tsv``, filled in from ``framing/report_verbs.txt``);
- :func:`word_set`: the named word sets of ``word_sets.json`` (each with a note on what it is for);
- :func:`word_list`: a one-word-a-line list (``quote_venues.txt``, ``told_nouns.txt``);
- :func:`title_verb_forms`: irregular verb forms a headline uses (``title_verb_forms.tsv``).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

DATA = "data/quotes"


@dataclass(frozen=True)
class Cue:
    lemma: str
    kind: str              # speech, cognition, attitude
    complements: str       # letters: c (ccomp), x (xcomp), o (dobj), p (object of a preposition)
    preps: tuple[str, ...] = ()    # the prepositions whose object p takes (empty: the topic_preps word set)


def _read(path: str) -> str:
    return resources.files("storyline").joinpath(path).read_text(encoding="utf-8")


def _lines(path: str) -> list[str]:
    """The lines of a data file without blank lines and ``#`` comments."""
    return [line for line in _read(path).splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    sets = json.loads(_read(f"{DATA}/word_sets.json"))
    return {name: frozenset(entry["words"]) for name, entry in sets.items() if not name.startswith("_")}


def word_set(name: str) -> frozenset[str]:
    """The word set ``name`` of ``data/quotes/word_sets.json``."""
    try:
        return _word_sets()[name]
    except KeyError:
        raise KeyError(f"no word set {name!r} in {DATA}/word_sets.json") from None


@functools.lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/quotes/<name>.txt`` (one a line, ``#`` comments)."""
    return frozenset(w.strip() for w in _lines(f"{DATA}/{name}.txt"))


@functools.lru_cache(maxsize=1)
def title_verb_forms() -> dict[str, str]:
    """Irregular verb forms of a headline by their lemma: ``{"said": "say", "told": "tell", …}``."""
    return dict(line.split("\t")[:2] for line in _lines(f"{DATA}/title_verb_forms.tsv"))


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, Cue]:
    """Attribution cues by lemma (``data/quotes/quote_cues.tsv`` + ``data/framing/report_verbs.txt``),
    loaded once; noun cues are keyed ``n:<lemma>``, adjective cues ``a:<lemma>``."""
    out: dict[str, Cue] = {}
    for line in _lines(f"{DATA}/quote_cues.tsv"):
        lemma, kind, comps, preps = (line.split("\t") + ["", "", ""])[:4]
        prefix = {"noun": "n:", "adjective": "a:"}.get(kind.strip(), "")
        key = prefix + lemma.strip()   # nouns and adjectives apart: "hope" is both verb and noun
        out[key] = Cue(lemma.strip(), kind.strip(), comps.strip(), tuple(p for p in preps.strip().split(",") if p))
    # the report-verb list of Recasens et al. (2013) fills in reporting verbs not listed above
    for line in _read("data/framing/report_verbs.txt").splitlines():
        lemma = line.strip().lower()
        if lemma and not lemma.startswith("#") and " " not in lemma and lemma not in out \
                and lemma not in word_set("report_verbs_not_cues"):
            out[lemma] = Cue(lemma, "speech", "c!")       # strict: no fallback to other complements
    return out
