"""Is a document news?  The genre decision of ingestion, and the genre measures it shares with event coding.

A page that is not news — a recipe, a shopping page of deals and prices, a forum or comment thread, a page
not in English (the pipeline reads English) — is flagged on its :class:`~storyline.model.Article`
(``not_news``: the reason) and kept out of the corpus-level outputs.  "Not news" is not "not political":
sport, business, markets and product reviews are news (the event filter,
:mod:`storyline.events.filters`, decides whether their events are coded).

The measures (:func:`english_share`, :func:`genre_share`) are shared with the event filter; the cues,
thresholds and rules live in ``data/ingest/genre.json``.  The decision reads the cleaned text only, so
it is made at ingestion, for every input format alike.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Optional

__all__ = ["NewsVerdict", "genre_data", "english_share", "genre_share", "judge_news", "text_units"]

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


@functools.lru_cache(maxsize=1)
def genre_data() -> dict:
    """The parsed ``genre.json``: ``genre`` and ``forum`` cue patterns (compiled, case-insensitive), the
    ``not_news`` rules and the thresholds."""
    raw = json.loads(resources.files("storyline").joinpath("data/ingest/genre.json").read_text("utf-8"))
    compile_map = lambda cues: {name: re.compile(p, re.IGNORECASE)  # noqa: E731
                                for name, p in cues.items() if not name.startswith("_")}
    return {"genre": compile_map(raw["genre_cues"]), "forum": compile_map(raw["forum_cues"]),
            "list": compile_map(raw["list_cues"]),
            "not_news": list(raw["not_news"]), "min_words": raw["min_words"],
            "min_english_share": raw["min_english_share"]}


@functools.lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in STOP_WORDS)


def english_share(words: list[str]) -> float:
    """The share of ``words`` that are English function words (spaCy's English stop list)."""
    if not words:
        return 0.0
    stops = _english_stop_words()
    return sum(1 for w in words if w.lower() in stops) / len(words)


def genre_share(texts: list[str], cues: Optional[Iterable[str]] = None) -> float:
    """The share of ``texts`` (sentences) with a cue of a non-political genre (a price, a market move, a
    recipe quantity, a sports result, a product specification, a shopping prompt); ``cues``: only these
    cues (names in ``genre.json``)."""
    if not texts:
        return 0.0
    patterns = genre_data()["genre"]
    chosen = [patterns[c] for c in cues] if cues is not None else list(patterns.values())
    return sum(1 for t in texts if any(c.search(t) for c in chosen)) / len(texts)


def _cue_share(cue: str, sentences: list[str], lines: list[str]) -> tuple[float, int]:
    """``(share, count)`` of the units with ``cue``: ``list`` (a bullet) and ``forum`` (a post header, a
    reply button, …) over ``lines``, a genre cue over ``sentences``."""
    if cue in ("list", "forum"):
        units, patterns = lines, list(genre_data()[cue].values())
    else:
        units, patterns = sentences, [genre_data()["genre"][cue]]
    count = sum(1 for t in units if any(c.search(t) for c in patterns))
    return (count / len(units) if units else 0.0), count


def text_units(text: str) -> tuple[list[str], list[str]]:
    """``(sentences, lines)`` of a cleaned text: its non-blank lines, and those split at sentence ends."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    sentences = [s for line in lines for s in _SENTENCE_END.split(line) if s.strip()]
    return sentences, lines


@dataclass(frozen=True)
class NewsVerdict:
    """Whether a text reads as news; ``reason`` is why not (None for news); ``shares``: the measures."""
    news: bool
    reason: Optional[str] = None
    words: int = 0
    english: float = 0.0
    shares: dict = field(default_factory=dict)


def judge_news(text: str) -> NewsVerdict:
    """The news-genre verdict of a cleaned article text (see ``genre.json``)."""
    conf = genre_data()
    words = _WORD_RE.findall(text)
    if len(words) < conf["min_words"]:
        return NewsVerdict(True, words=len(words))
    english = round(english_share(words), 3)
    if english < conf["min_english_share"]:
        return NewsVerdict(False, "not English prose", words=len(words), english=english)
    sentences, lines = text_units(text)
    shares: dict[str, float] = {}
    measured: dict[str, tuple[float, int]] = {}     # a cue of several rules is measured once
    for rule in conf["not_news"]:
        hits = 0
        for n, (cue, least) in enumerate(rule["min_shares"].items()):
            if cue not in measured:
                measured[cue] = _cue_share(cue, sentences, lines)
            share, count = measured[cue]
            shares[cue] = round(share, 3)
            hits = count if n == 0 else hits
            if share < least:
                break
        else:
            if hits >= rule.get("min_sentences", 1):
                return NewsVerdict(False, rule["reason"], words=len(words), english=english, shares=shares)
    return NewsVerdict(True, words=len(words), english=english, shares=shares)
