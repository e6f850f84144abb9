"""Storyline's data model: one set of frozen dataclasses shared by every stage.

Every record is immutable, serialises with ``to_dict`` (JSON-ready: tuples become lists)
and rebuilds with ``from_dict``.  Ids are content hashes (:func:`make_id`), so the same
input always yields the same ids and re-runs are idempotent.

Offsets (``start``/``end``) are character offsets into :attr:`Article.text` (the clean text).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import typing
from dataclasses import dataclass
from typing import Any, Optional

__all__ = [
    "make_id", "content_hash", "article_id", "Span", "ActorRef", "TimeRef", "Article", "Rejected",
    "Event", "Quote", "StoryEvent", "TimelineEntry", "RunSummary", "Relation", "StanceEvidence", "Stance",
]


def make_id(*parts: Any, length: int = 16) -> str:
    """A stable id: the SHA-1 of the parts joined by NUL, cut to ``length`` hex digits."""
    h = hashlib.sha1("\x00".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def content_hash(text: str) -> str:
    """Hash of an article's clean text, whitespace-normalised (exact-duplicate key)."""
    return make_id(" ".join(text.split()), length=40)


#: How an article's source was learnt when it says nothing about the outlet (so it is no part of identity).
_NOT_AN_OUTLET = ("folder", "unknown")


def article_id(digest: str, *, source: Optional[str], source_how: str) -> str:
    """What identifies an article: its clean text's hash and the outlet it came from — not the file or
    record it was read from, so a renamed folder, a moved JSONL line or a second copy of a file gives
    the same article.  A source guessed from the folder name is no outlet and takes no part."""
    outlet = "" if source_how in _NOT_AN_OUTLET or not source else " ".join(source.lower().split())
    return make_id(outlet, digest)


class _Record:
    """Mixin giving frozen dataclasses ``to_dict``/``from_dict`` with nested records."""

    def to_dict(self) -> dict:
        return _to_plain(self)

    @classmethod
    def from_dict(cls, data: dict):
        hints = _field_types(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                kwargs[f.name] = _from_plain(hints[f.name], data[f.name])
        return cls(**kwargs)

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)


@functools.lru_cache(maxsize=None)
def _field_types(cls: type) -> dict[str, Any]:
    """A record class's resolved field types (resolving them is slow and they never change)."""
    return typing.get_type_hints(cls)


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


def _from_plain(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:  # Optional[X]
        inner = [a for a in args if a is not type(None)]
        return _from_plain(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        item = args[0] if args else Any
        return tuple(_from_plain(item, v) for v in value)
    if isinstance(tp, type) and issubclass(tp, _Record) and isinstance(value, dict):
        return tp.from_dict(value)
    return value


@dataclass(frozen=True)
class Span(_Record):
    """A piece of evidence: char offsets into an article's clean text."""
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class ActorRef(_Record):
    """An actor mention resolved to a code: ``{text, code, sector}`` in the output files.

    ``code`` is ISO 3166-1 alpha-3 for countries (``RUS``) or a short IGO code (``NATO``);
    ``sector`` a PLOVER/CAMEO sector (``GOV``, ``MIL``, ``BUS``, ``MED``, ``REB``, ``CVL`` …);
    ``name`` the canonical person/organisation name where known (``Vladimir Putin``).
    ``implied`` marks a side no words of the sentence name (``start``/``end`` null, ``text`` what it
    stands for): the country where a use of force happens, protesters' own government, the
    authorities of an agentless arrest; the event's ``evidence`` names the rule that implied it.
    """
    text: str
    code: Optional[str] = None
    sector: Optional[str] = None
    name: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    implied: bool = False


@dataclass(frozen=True)
class TimeRef(_Record):
    """A TIMEX3-style time expression.

    ``type``: DATE, TIME, DURATION or SET.  ``value``: ``2021-12-15``, ``2024-04``, ``2020``,
    ``2024-W20``, ``P1W``, ``PRESENT_REF``, ``PAST_REF``, ``2024-04-24/2024-04-26`` …, or None
    when it could not be resolved.  ``anchor`` says what a relative value was resolved against
    (``dct``, ``event``, ``table``, ``absolute``); ``inferred`` marks values resolved from events.
    """
    start: int
    end: int
    text: str
    type: str
    value: Optional[str]
    anchor: Optional[str] = None
    inferred: bool = False
    id: str = ""
    article_id: str = ""


@dataclass(frozen=True)
class Article(_Record):
    """One news article after ingestion and cleaning."""
    id: str
    path: str
    text: str
    source: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None          # ISO date (YYYY-MM-DD) or None
    published_how: str = "unknown"           # header, dateline, byline, html-meta, jsonl-field, inferred, unknown
    published_evidence: Optional[str] = None # the line / field / references the date came from
    url: Optional[str] = None
    author: Optional[str] = None
    removed: tuple[str, ...] = ()            # boilerplate lines dropped from the text
    duplicate_of: Optional[str] = None       # id of the article this one duplicates
    content_hash: str = ""
    format: str = "txt"                      # txt, html, jsonl, warc
    source_how: str = "unknown"              # field, url, site-name, header, credit, folder-outlet, folder, unknown
    analysis_error: Optional[str] = None     # why the analysis failed (the article has no records)
    not_news: Optional[str] = None           # why the text is not news (recipe, shopping page, forum, not English):
                                             # analysed, but kept out of the corpus-level outputs

    @property
    def outlet(self) -> str:
        """The outlet's display name, the same in every output: :attr:`source` (learnt at ingestion from
        the record's fields, URL, site name, wire credit, else the folder); for a record made without
        ingestion, its URL's host; else ``"unknown"``."""
        if self.source:
            return self.source
        host = (self.url or "").split("://", 1)[-1].split("/", 1)[0].lower() if "://" in (self.url or "") else ""
        return (host[4:] if host.startswith("www.") else host) or "unknown"

    @property
    def outlet_key(self) -> str:
        """Who stands behind the article when independent reports are counted: the outlet when the
        article (or a known outlet's name on its folder) says so; when only a plain folder name or
        nothing says, the article itself (articles of unknown outlets are not assumed to share one)."""
        if self.source and self.source_how not in _NOT_AN_OUTLET:
            return " ".join(self.source.lower().split())
        return f"{self.outlet}#{self.id}"


@dataclass(frozen=True)
class Rejected(_Record):
    """An input that could not be read, decoded or parsed: a result, not a crash.

    ``count`` is how many inputs this stands for: 1, or N for a file's folded
    ``"N more records rejected: …"`` summary.
    """
    path: str
    reason: str
    count: int = 1


@dataclass(frozen=True)
class Event(_Record):
    """One coded event mention (PLOVER type + CAMEO code) with its evidence span."""
    id: str
    article_id: str
    event_type: str                          # PLOVER: AGREE, CONSULT, ... ASSAULT
    cameo: Optional[str] = None              # CAMEO code, e.g. "036"
    mode: Optional[str] = None               # PLOVER mode
    goldstein: Optional[float] = None
    quad_class: Optional[int] = None         # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    source: tuple[ActorRef, ...] = ()
    target: tuple[ActorRef, ...] = ()
    date: Optional[str] = None               # TIMEX3 value
    date_text: Optional[str] = None
    date_how: Optional[str] = None           # clause, sentence, contact, article (defaulted), None; older: timex, inferred
    location: Optional[str] = None
    negated: bool = False
    intent: bool = False                     # promised/planned, not done
    trigger: Optional[str] = None
    sentence: str = ""
    start: int = 0                           # sentence offsets in the clean text
    end: int = 0
    story_event: Optional[str] = None
    background: bool = False                 # an earlier event mentioned as context
    # how sure the coder is (0..1) and why: the events above ``event_threshold`` are the run's events
    confidence: Optional[float] = None
    # asserted, reported, hypothetical, wished, predicted, negated, intended, question, generic
    modality: Optional[str] = None
    rule: Optional[str] = None               # the trigger rule and clause wrapping that fired
    trigger_start: Optional[int] = None      # the trigger's offsets in the clean text
    trigger_end: Optional[int] = None
    evidence: tuple[str, ...] = ()           # the factors of the confidence, strongest first


@dataclass(frozen=True)
class Quote(_Record):
    """Who said what: a direct or indirect quote with cue and speaker."""
    id: str
    article_id: str
    text: str
    start: int
    end: int
    kind: str = "direct"                     # direct, indirect, mixed
    speaker: Optional[str] = None
    speaker_code: Optional[str] = None
    speaker_sector: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    cue: Optional[str] = None
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None
    # the content in pieces ([start, end] each), without the attribution that interrupts it:
    # "“A,” he said, “B.”" is two pieces; an uninterrupted content is one piece (start, end)
    pieces: tuple[tuple[int, int], ...] = ()

    def content_spans(self) -> tuple[tuple[int, int], ...]:
        """The content's pieces, or its one span (a record made without pieces)."""
        return self.pieces or ((self.start, self.end),)


@dataclass(frozen=True)
class StoryEvent(_Record):
    """One real-world event: a cluster of event mentions across articles and outlets."""
    id: str
    date: Optional[str]
    event_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    corroboration: int = 0                   # independent outlets (near-duplicates counted once)
    earliest_report: Optional[str] = None    # article id of the earliest report
    date_conflicts: tuple[str, ...] = ()
    summary: str = ""
    background: bool = False


@dataclass(frozen=True)
class TimelineEntry(_Record):
    """A dated line of the timeline (``timeline.json``)."""
    date: Optional[str]
    summary: str
    event_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    background: bool = False
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    story_event: Optional[str] = None


@dataclass(frozen=True)
class RunSummary(_Record):
    """What ``storyline.run`` returns and the CLI prints."""
    out: str
    inputs_seen: int = 0                     # articles read + inputs rejected (a JSONL line counts as one)
    articles_read: int = 0
    articles_analysed: int = 0
    articles_skipped_unchanged: int = 0
    duplicates: int = 0
    rejected: tuple[Rejected, ...] = ()
    events: int = 0                          # the run's events: confidence at or above event_threshold
    events_held: int = 0                     # events stored but held below event_threshold
    event_threshold: Optional[float] = None
    quotes: int = 0
    timeline_entries: int = 0
    seconds: float = 0.0
    failed: tuple[Rejected, ...] = ()        # articles read but not analysed: (path, reason)
    replaced: int = 0                        # stored articles dropped because their file now holds other records
    orphaned: int = 0                        # stored articles whose input files are gone (kept unless pruned)
    pruned: int = 0                          # of those, dropped by --prune
    stages_skipped: tuple[str, ...] = ()     # corpus stages that failed: "stage: reason"
    not_news: int = 0                        # articles whose text is not news, kept out of the corpus outputs

    @property
    def rejected_count(self) -> int:
        """Inputs rejected, counting every record folded into a per-file line."""
        return sum(r.count for r in self.rejected)


@dataclass(frozen=True)
class Relation(_Record):
    """Cooperation and conflict of one directed actor pair in one month (``relations.json``).

    ``quad_counts``: counted mentions per QuadClass (1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict), int keys however it was read (JSON and SQLite turn them
    into strings); ``goldstein_mean`` None when no counted mention has a Goldstein score.  ``to_dict``
    leads with the record's :attr:`id`.
    """
    source: str
    target: str
    month: str
    quad_counts: dict[int, int] = dataclasses.field(default_factory=dict)
    goldstein_mean: Optional[float] = None
    n: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "quad_counts", {int(k): int(v) for k, v in (self.quad_counts or {}).items()})

    @property
    def id(self) -> str:
        return make_id(self.source, self.target, self.month)

    def to_dict(self) -> dict:
        return {"id": self.id, **_to_plain(self)}


@dataclass(frozen=True)
class StanceEvidence(_Record):
    """Where a stance is stated: the quote or event sentence, with its article offsets."""
    article_id: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Stance(_Record):
    """An actor's stated position on an issue ("RUS oppose NATO enlargement"), its first evidence in
    corpus order, and how many times it is stated.  ``to_dict`` leads with the record's :attr:`id`."""
    actor: str
    issue: str
    position: str
    evidence: Optional[StanceEvidence] = None
    count: int = 1

    @property
    def id(self) -> str:
        evidence = None if self.evidence is None else self.evidence.to_dict()
        return make_id(self.actor, self.issue, self.position, json.dumps(evidence, sort_keys=True))

    def to_dict(self) -> dict:
        return {"id": self.id, **_to_plain(self)}
