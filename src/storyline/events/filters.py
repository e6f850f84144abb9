"""Which text event coding reads: the document filter and the passage filter.

A document that is not public-affairs news in English (a product review, a recipe, a match report, a
market wrap, a page in German) yields no events, and within a news article the sentences that are not
article body (comment policies and reader comments, "Read more" and other navigation, photo captions
and credits, copyright lines, bylines) yield none either.  Quotes, time expressions and actors are
untouched: only event coding asks these filters.

The document verdict is kept in ``doc._.event_filter`` (a plain dict: ``coded``, ``reason`` and the
measures behind it) and logged.  Cue patterns and thresholds live in ``data/events/filters.json``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from ..errors import log
from ..ingest.genre import english_share, genre_data, genre_share
from .lexicon import DATA

__all__ = ["DocVerdict", "PassageFilter", "filter_data", "judge_document", "english_share", "political_share",
           "genre_share"]

if not Doc.has_extension("event_filter"):
    Doc.set_extension("event_filter", default=None)

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@functools.lru_cache(maxsize=1)
def filter_data() -> dict:
    """The parsed ``filters.json`` with its patterns compiled (case-insensitive)."""
    raw = json.loads((DATA / "filters.json").read_text(encoding="utf-8"))

    def compile_all(patterns: Iterable[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    genre = genre_data()["genre"]  # shared with the news-genre decision of ingestion (data/ingest/genre.json)
    passages = {name: compile_all(p) for name, p in raw["passages"].items()
                if not name.startswith("_") and name != "genre_cues"}
    # a sentence with a cue of a genre without political events ("beat Germany 2-1"): kind "genre"
    passages["genre"] = compile_all(genre[c].pattern for c in raw["passages"]["genre_cues"])
    document = dict(raw["document"])
    document["political_sectors"] = frozenset(document["political_sectors"])
    return {"document": document, "genre": genre, "passages": passages,
            "min_body_sentences": int(raw["comment_start"]["min_body_sentences"])}


# -- the document ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocVerdict:
    """Whether a document's events are coded, why, and the measures behind it."""
    coded: bool
    reason: str
    words: int = 0
    english: float = 0.0
    political: float = 0.0
    country: float = 0.0
    triggers: float = 0.0
    genre: float = 0.0
    score: float = 0.0


def political_share(sentences: list[Span], mentions: Iterable[dict]) -> tuple[float, float]:
    """The shares of ``sentences`` naming a political actor (an international organisation, or an actor of
    a political sector: GOV, MIL, JUD, …) and naming a country, among ``mentions`` (``doc._.actors``)."""
    if not sentences:
        return 0.0, 0.0
    sectors = filter_data()["document"]["political_sectors"]
    political, country = [], []
    for m in mentions:
        if m.get("start") is None:
            continue
        if m.get("sector") in sectors or m.get("kind") == "igo":
            political.append(m["start"])
        elif m.get("kind") == "country" and m.get("code"):
            country.append(m["start"])
    return sentence_share(sentences, political), sentence_share(sentences, country)


def sentence_share(sentences: list[Span], offsets: list[int]) -> float:
    """The share of ``sentences`` holding one of the character ``offsets`` (0 with no sentences)."""
    if not sentences:
        return 0.0
    offsets = sorted(offsets)
    hit, k = 0, 0
    for sent in sentences:
        while k < len(offsets) and offsets[k] < sent.start_char:
            k += 1
        if k < len(offsets) and offsets[k] < sent.end_char:
            hit += 1
    return hit / len(sentences)


def _page_kind(texts: list[str], conf: dict) -> Optional[tuple[str, float]]:
    """``(kind, share)`` when enough of ``texts`` have the genre cue of a page kind without political
    events (``document.page_kinds``: broadcast credits, family-history talk), else None."""
    for cue, least in conf["page_kinds"].items():
        share = genre_share(texts, [cue])
        if share >= least and share * len(texts) >= conf["min_page_kind_sentences"]:
            return f"not public-affairs news ({cue.replace('_', ' ')})", share
    return None


def judge_document(doc: Doc, mentions: Iterable[dict], *, event_sentences: int = 0) -> DocVerdict:
    """Whether ``doc``'s events are to be coded: a short text always is; a longer one when it reads as
    English and as public-affairs news (see ``filters.json``, ``document``).  ``event_sentences``: how
    many sentences yield an event before this verdict (event triggers are a sign of political news)."""
    conf = filter_data()["document"]
    words = _WORD_RE.findall(doc.text)
    if len(words) < conf["min_words"]:
        return DocVerdict(True, "short", words=len(words))
    english = english_share(words)
    if english < conf["min_english_share"]:
        return DocVerdict(False, "not English", words=len(words), english=round(english, 3))
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    text = doc.text  # built from the tokens on each access: once, not once per sentence
    texts = [text[s.start_char:s.end_char] for s in sentences]
    political, country = political_share(sentences, mentions)
    triggers = event_sentences / len(sentences)
    genre = genre_share(texts)
    sport = genre_share(texts, ["sport"])
    if sport >= conf["max_sport_share"]:   # a match report: its "beat" and "attack" are no assaults
        return DocVerdict(False, "sport", words=len(words), english=round(english, 3), genre=round(sport, 3))
    kind = _page_kind(texts, conf)
    if kind is not None:                   # broadcast listings, a family-history forum
        return DocVerdict(False, kind[0], words=len(words), english=round(english, 3), genre=round(kind[1], 3))
    score = (political + conf["country_weight"] * country + conf["trigger_weight"] * triggers
             - conf["genre_weight"] * genre)
    coded = score >= conf["min_political_score"]
    return DocVerdict(coded, "public-affairs news" if coded else "not public-affairs news", words=len(words),
                      english=round(english, 3), political=round(political, 3), country=round(country, 3), triggers=round(triggers, 3),
                      genre=round(genre, 3), score=round(score, 3))


def record_verdict(doc: Doc, verdict: DocVerdict) -> None:
    """Keep ``verdict`` in ``doc._.event_filter`` and log a document left uncoded."""
    doc._.event_filter = asdict(verdict)
    if not verdict.coded:
        log.info("events: %s left uncoded (%s; %s)", doc._.article_id or "document", verdict.reason,
                 ", ".join(f"{k} {v}" for k, v in asdict(verdict).items() if k not in ("coded", "reason")))


# -- passages ---------------------------------------------------------------------------------------

class PassageFilter:
    """Tells, sentence by sentence in document order, which sentences are not article body.

    A comment-section marker (a comment policy, "Leave a reply", "This discussion is now closed") ends
    the article: it and every later sentence are skipped.  So does the first sign of reader comments
    where no policy line precedes them: a comment's signature ("April 21, 2011 at 12:33 pm | Reply"),
    a reader talking back to the page ("Is the author of this article reporting from a sound
    stage?"), or, after some article body, the disclaimer that closes an opinion piece ("The views
    expressed in this article are solely those of ...")."""

    #: kinds of sentence that start the comment zone, checked before the others
    ZONE_STARTS = ("comment_zone", "comment_signature", "reader_turn")

    def __init__(self) -> None:
        data = filter_data()
        self.patterns = data["passages"]
        self.min_body = data["min_body_sentences"]
        self.in_comments = False
        self.body = 0
        self.reasons: dict[str, int] = {}

    def _zone_start(self, text: str) -> Optional[str]:
        for name in self.ZONE_STARTS:
            if name in self.patterns and self.patterns[name].search(text):
                return name
        if self.body >= self.min_body and "article_end" in self.patterns and self.patterns["article_end"].search(text):
            return "article_end"
        return None

    def kind(self, text: str) -> Optional[str]:
        """Why ``text`` is not article body (``comment_zone`` and the other starts of reader comments,
        ``teaser``, ``comment``, ``navigation``, ``caption``, ``copyright``, ``byline``, ``genre``: a
        sports result), or None for body text."""
        if self.in_comments:
            return "comment_zone"
        start = self._zone_start(text)
        if start is not None:
            self.in_comments = True
            return start
        for name, pattern in self.patterns.items():
            if name not in self.ZONE_STARTS and name != "article_end" and pattern.search(text):
                return name
        self.body += 1
        return None

    def skip(self, text: str) -> bool:
        """Whether the sentence ``text`` is not article body (counted in ``reasons``)."""
        why = self.kind(text)
        if why is not None:
            self.reasons[why] = self.reasons.get(why, 0) + 1
        return why is not None
