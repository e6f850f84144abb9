"""Cross-article event linking: event mentions that report the same real-world event.

:func:`link_events` clusters :class:`~storyline.model.Event` mentions into
:class:`~storyline.model.StoryEvent` records.  Two mentions are linked when their dates are
compatible (same value, one containing the other, or — with similar evidence text — a day
apart), their actors overlap, their types are compatible (same PLOVER type, or the same
QuadClass with similar evidence) and neither negation nor intent differs.  Contacts (CONSULT)
between the same two coded parties on the same day link whatever their wording, and so do
mentions of one type from the same coded source to the same coded target on the same day (the
"one a day" rule of ICEWS-style event data), when each sentence names both sides itself.

It scales sub-quadratically: mentions are first put into blocks keyed by an actor pair and a
date bucket (month for day/month values, year for year values, a separate bucket for undated
mentions), and only mentions sharing a block are compared — in a very large block only those
whose evidence words MinHash-LSH finds similar; union-find joins the links.

For each cluster: the outlets reporting it (``sources``), the corroboration count (independent
outlets; near-duplicate articles are mapped to the article they duplicate and count once), the
earliest report, a canonical date (the most specific value the members agree on; values that
contradict it are kept in ``date_conflicts``, never averaged), an extractive summary (the most
central member sentence) and ``background`` (every member mentions it as context).
"""
from __future__ import annotations

import collections
import datetime as _dt
import itertools
import math
import re
from typing import Iterable, Optional, Sequence

from ..dates import BACKGROUND_DAYS, date_interval, is_background_date
from ..model import Article, Event, StoryEvent, make_id

__all__ = ["link_events", "date_relation", "outlet_of", "text_similarity", "canonical_date", "is_background",
           "MAX_BLOCK"]

#: in blocks bigger than this only pairs with similar evidence words (MinHash LSH) are compared
MAX_BLOCK = 400

# weight of a member's date by how it was obtained
# events.dating's date_how (timex and inferred: older stores' clause/sentence and contact)
_DATE_HOW_WEIGHT = {"clause": 1.0, "sentence": 1.0, "timex": 1.0, None: 1.0, "contact": 0.8, "inferred": 0.8,
                    "article": 0.4}

_WORD = re.compile(r"[a-z][a-z\-']+")
_STOP = frozenset("""the a an and or but of to in on at by for with from as is are was were be been being it its
this that these those he she they we his her their our them him us not no said says say will would could
should can may might has have had do does did so than then there here also after before over into about
up out more most such which who whom what when where while mr mrs ms""".split())


# ------------------------------------------------------------------------------------------------
# dates
# ------------------------------------------------------------------------------------------------

def date_relation(a: Optional[str], b: Optional[str]) -> str:
    """How two date values relate: ``same``, ``compatible`` (one contains the other),
    ``near`` (day values one day apart), ``far``, or ``undated`` (either has no calendar date)."""
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return "undated"
    if a == b or ia[:2] == ib[:2]:
        return "same"
    if (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1]):
        return "compatible"
    if ia[2] == ib[2] == 3 and abs(ia[0] - ib[0]) <= 1:
        return "near"
    return "far"


def _buckets(value: Optional[str]) -> list[str]:
    """Date buckets for blocking: months a day/month value touches (±1 day), or the year.

    Year-only values therefore meet only other year-only values (a year is too vague to link
    with a dated report on its own)."""
    iv = date_interval(value)
    if iv is None:
        return ["-"]
    first, last, gran = iv
    if gran == 1:
        return [str(_dt.date.fromordinal(first).year)]
    keys = []
    for o in (first - 1, first, last, last + 1):
        d = _dt.date.fromordinal(o)
        key = f"{d.year}-{d.month:02d}"
        if key not in keys:
            keys.append(key)
    return keys


# ------------------------------------------------------------------------------------------------
# actors, outlets, text
# ------------------------------------------------------------------------------------------------


def _actor_keys(refs) -> list[str]:
    keys = []
    for r in refs:
        key = r.code or (" ".join(r.text.lower().split()) if r.text else None)
        if key and key not in keys:
            keys.append(key)
    return keys


def _actor_tokens(event: Event) -> list[str]:
    """What identifies an event's actors for linking: codes (``RUS``), and for uncoded mentions
    up to three content words of their text (``the Deepwater Horizon rig`` → deepwater, horizon, rig)."""
    tokens: list[str] = []
    for r in tuple(event.source) + tuple(event.target):
        if r.code:
            words = [r.code]
        else:
            words = [w for w in _WORD.findall((r.text or "").lower()) if w not in _STOP and len(w) > 2][:3]
        for w in words:
            if w not in tokens:
                tokens.append(w)
    return tokens


def _actor_pairs(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """Blocking keys from an event's actor tokens (:func:`_actor_tokens`): unordered pairs of them,
    and each actor code alone."""
    tokens = list(tokens)[:5]
    # a coded actor alone is a key too: "France and Libya" must meet "Britain and Libya"
    singles = [(t,) for t in tokens if t.upper() == t]
    if len(tokens) >= 2:
        return sorted({tuple(sorted(p)) for p in itertools.combinations(tokens, 2)} | set(singles))
    return [tuple(tokens)] if tokens else [("",)]


def outlet_of(article: Optional[Article]) -> str:
    """The outlet an article comes from (:attr:`Article.outlet`); ``"?"`` for an unknown article."""
    return article.outlet if article is not None else "?"


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def text_similarity(a: str, b: str) -> float:
    """Cosine overlap of two sentences' content-word sets (0..1)."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / math.sqrt(len(wa) * len(wb))


# ------------------------------------------------------------------------------------------------
# linking
# ------------------------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


class LinkKey:
    """What the linking rules read of one event mention (:func:`link_key`): its article, type,
    QuadClass, date and how it was found, negation and intent, actor tokens (:func:`_actor_tokens`),
    the codes its own sentence names (:func:`_named_codes`) and its directed sides
    (:func:`_directed_sides`).  Small and made from the mention alone, so a corpus can be linked
    from these keys a window at a time (:mod:`storyline.corpus.linkstore`) without holding its events."""

    __slots__ = ("article_id", "event_type", "quad_class", "date", "date_how", "negated", "intent",
                 "tokens", "named", "sides")

    def __init__(self, **fields) -> None:
        for name in self.__slots__:
            setattr(self, name, fields[name])


def link_key(event: Event) -> LinkKey:
    """The :class:`LinkKey` of ``event``."""
    return LinkKey(article_id=event.article_id, event_type=event.event_type, quad_class=event.quad_class,
                   date=event.date, date_how=event.date_how, negated=event.negated, intent=event.intent,
                   tokens=tuple(_actor_tokens(event)), named=frozenset(_named_codes(event)),
                   sides=_directed_sides(event))


def _should_link(a: LinkKey, b: LinkKey, words_a: frozenset, words_b: frozenset,
                 actors_a: set, actors_b: set) -> bool:
    if a.negated != b.negated or a.intent != b.intent:
        return False
    rel = date_relation(a.date, b.date)
    if rel == "far":
        return False
    if rel == "undated" and (date_interval(a.date) is not None or date_interval(b.date) is not None):
        return False  # dated and undated mentions stay apart
    same_type = a.event_type == b.event_type
    same_quad = a.quad_class is not None and a.quad_class == b.quad_class
    if not (same_type or same_quad):
        return False
    smaller = min(len(actors_a), len(actors_b))
    actor_overlap = len(actors_a & actors_b) / smaller if smaller else 0.0
    sim = (len(words_a & words_b) / math.sqrt(len(words_a) * len(words_b))) if words_a and words_b else 0.0
    if a.article_id == b.article_id:
        # the same article repeating itself: same type, same date, very similar words
        return same_type and rel == "same" and sim >= 0.5
    # a day that is only the publication day says less: ask for more similar words
    weak = a.date_how == "article" or b.date_how == "article"
    if rel == "same":
        if same_type and (_same_dyad_contact(a, b, actors_a, actors_b) or _same_directed_dyad(a, b)):
            return True
        if same_type:
            return actor_overlap >= 0.5 and sim >= (0.3 if weak else 0.15) or sim >= 0.45
        return actor_overlap >= 0.5 and sim >= 0.35
    if rel == "compatible":
        return same_type and (actor_overlap >= 0.5 and sim >= 0.3 or sim >= 0.5)
    if rel == "near":   # a day apart: time zones, "on Friday" in a Saturday paper, a defaulted date
        return same_type and actor_overlap >= 0.5 and sim >= 0.3
    # both undated
    return same_type and actor_overlap >= 0.5 and sim >= 0.5


#: event types that are contacts between parties: one per dyad and day is the norm
DYAD_TYPES = frozenset({"CONSULT"})


def _same_dyad_contact(a: LinkKey, b: LinkKey, actors_a: set, actors_b: set) -> bool:
    """Two reports of a contact (meeting, call, visit) between the same two coded parties on the
    same day (``a`` and ``b`` are of the same type and dated the same): the same contact, however
    differently worded ("Putin and Xi held a video call" / "the Putin-Xi virtual summit")."""
    if a.event_type not in DYAD_TYPES or not _is_day(a.date):
        return False
    shared = {t for t in actors_a & actors_b if t.isupper()}
    return len(shared) >= 2 and all(len(e.named & shared) >= 2 for e in (a, b))


def _same_directed_dyad(a: LinkKey, b: LinkKey) -> bool:
    """Two mentions of one event type (``a`` and ``b`` are of the same type and dated the same)
    from the same coded source(s) to the same coded target(s) on the same day, every one of
    them named in each mention's own sentence: one event a day per directed dyad and type, the
    ICEWS convention ("Xi declared support for Russia's demand" / "Xi has indicated support for
    Russia's plan")."""
    if not _is_day(a.date) or a.sides is None or b.sides is None:
        return False
    return a.sides == b.sides


def _directed_sides(event: Event) -> Optional[tuple[frozenset[str], frozenset[str]]]:
    """The codes of the event's sources and of its targets when every one of them is named in its
    own sentence and no code is on both sides (what :func:`_same_directed_dyad` compares), else None."""
    src, tgt = _named_side_codes(event.source, event.sentence), _named_side_codes(event.target, event.sentence)
    if not src or not tgt or src & tgt:
        return None
    return src, tgt


def _named_side_codes(refs, sentence: str) -> Optional[frozenset[str]]:
    """The codes of one side of an event, or ``None`` when any actor of it is uncoded or not
    named in the sentence itself (filled in from context)."""
    sentence = sentence.lower()
    if not refs or not all(r.code and _named_in(r, sentence) for r in refs):
        return None
    return frozenset(r.code for r in refs)


def _named_codes(event: Event) -> set[str]:
    """Codes of the actors named in the event's own sentence (not filled in from elsewhere)."""
    sentence = event.sentence.lower()
    return {r.code for r in tuple(event.source) + tuple(event.target) if r.code and _named_in(r, sentence)}


def _named_in(ref, sentence_lower: str) -> bool:
    """The actor's own words stand in the (lower-cased) sentence."""
    return bool(ref.text) and ref.text.lower() in sentence_lower


def _is_day(value: Optional[str]) -> bool:
    """A day-level date value."""
    interval = date_interval(value)
    return interval is not None and interval[2] == 3


def _blocks(keys: Sequence[LinkKey]) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = collections.defaultdict(list)
    for i, k in enumerate(keys):
        buckets = _buckets(k.date)
        for pair in _actor_pairs(k.tokens):
            for bucket in buckets:
                blocks[(pair, bucket)].append(i)
    return blocks


def _candidate_pairs(members: list[int], words) -> Iterable[tuple[int, int]]:
    """Pairs to compare inside one block: all of them for a small block; for a big one only the
    pairs whose evidence words MinHash-LSH finds similar, at most :data:`MAX_BLOCK` per mention (keeps
    the cost near-linear).  ``words[i]``: mention ``i``'s content words (a list or a mapping)."""
    if len(members) <= MAX_BLOCK:
        yield from itertools.combinations(members, 2)
        return
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.3, num_perm=64)
    hashes = MinHash.bulk([[w.encode("utf-8") for w in sorted(words[i])] or [b""] for i in members],
                          num_perm=64, seed=1)
    for i, h in zip(members, hashes):
        lsh.insert(i, h)
    for i, h in zip(members, hashes):
        # at most MAX_BLOCK partners each: a block of thousands of look-alike mentions (one sentence
        # repeated through a long text) would otherwise compare all pairs, in time and memory
        for j in sorted(j for j in lsh.query(h) if i < j)[:MAX_BLOCK]:
            yield i, j


def link_block(members: list[int], keys, words, actors, uf: "_UnionFind", compared: set) -> None:
    """Join in ``uf`` the mentions of one block (``members``: indexes, ascending) that the rules link
    (:func:`_should_link`); ``keys``, ``words`` and ``actors`` give each index's :class:`LinkKey`,
    content words and actor token set (lists or mappings); pairs in ``compared`` are not compared again.
    The clusters (``uf``'s components) do not depend on the order the blocks come in."""
    if len(members) < 2:
        return
    for i, j in _candidate_pairs(members, words):
        key = (i, j) if i < j else (j, i)
        if key in compared or uf.find(i) == uf.find(j):
            continue
        compared.add(key)
        if _should_link(keys[i], keys[j], words[i], words[j], actors[i], actors[j]):
            uf.union(i, j)


def duplicate_copies(articles: Iterable[Article]) -> dict[str, list[str]]:
    """Article id -> the ids of the articles marked as its near-duplicates."""
    copies: dict[str, list[str]] = collections.defaultdict(list)
    for a in articles:
        if a.duplicate_of:
            copies[a.duplicate_of].append(a.id)
    return copies


def story_order(s: StoryEvent) -> tuple:
    """The order of story events: by canonical date (undated last), then id."""
    return story_order_of(s.date, s.id)


def story_order_of(date: Optional[str], story_id: str) -> tuple:
    """:func:`story_order` of the story event ``story_id`` dated ``date``."""
    return (date_interval(date) is None, (date_interval(date) or (0, 0, 0))[0], date or "", story_id)


def link_events(events: Sequence[Event], articles: Sequence[Article]) -> tuple[list[Event], list[StoryEvent]]:
    """Cluster event mentions into story events.

    Returns the events (same order) with ``story_event`` set, and the story events ordered by
    canonical date (undated last).
    """
    events = list(events)
    if not events:
        return [], []
    by_id = {a.id: a for a in articles}
    keys = [link_key(e) for e in events]
    words = [_content_words(e.sentence) for e in events]
    actors = [set(k.tokens) for k in keys]
    uf = _UnionFind(len(events))
    compared: set[tuple[int, int]] = set()
    for members in _blocks(keys).values():
        link_block(members, keys, words, actors, uf, compared)
    clusters: dict[int, list[int]] = collections.defaultdict(list)
    for i in range(len(events)):
        clusters[uf.find(i)].append(i)

    copies = duplicate_copies(articles)
    story_events: list[StoryEvent] = []
    assigned: dict[int, str] = {}
    for members in clusters.values():
        se = story_event([events[i] for i in members], [words[i] for i in members], by_id, copies)
        story_events.append(se)
        for i in members:
            assigned[i] = se.id
    linked = [e.replace(story_event=assigned[i]) for i, e in enumerate(events)]
    story_events.sort(key=story_order)
    return linked, story_events


def _root_article(article_id: str, by_id: dict[str, Article]) -> str:
    seen = set()
    while article_id in by_id and by_id[article_id].duplicate_of and article_id not in seen:
        seen.add(article_id)
        article_id = by_id[article_id].duplicate_of
    return article_id


def _day_only(value: str) -> str:
    """``2021-12-16T17:21`` → ``2021-12-16``: the timeline is day-granular."""
    return value.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value


def is_background(event: Event, article: Optional[Article], *, days: int = BACKGROUND_DAYS) -> bool:
    """An earlier event mentioned as context: flagged by the coder, or explicitly dated more
    than ``days`` before the article was published."""
    if event.background:
        return True
    if article is None or not article.published or event.date_how == "article":
        return False
    return is_background_date(event.date, article.published[:10], days=days)


def canonical_date(members: Sequence[Event]) -> tuple[Optional[str], tuple[str, ...]]:
    """The most specific date value the members agree on, and the values that contradict it.

    Each member weighs by how its date was found (an explicit expression counts more than an
    article's publication date).  Going from days to months to years, the first granularity
    with a candidate that more than half of the weight does not contradict (their intervals
    overlap) gives the canonical date — the best-supported such candidate, ties to the value
    stated most often, then the earliest.  When no candidate has such a majority, the
    best-supported value wins, the coarsest among equals, then the one stated most often, then
    the earliest (never the order of a set: the same members always give the same date).
    """
    values = [(e.date, _DATE_HOW_WEIGHT.get(e.date_how, 0.8)) for e in members
              if date_interval(e.date) is not None]
    if not values:
        return None, ()
    total = sum(w for _, w in values)
    best = None
    for granularity in (3, 2, 1):
        scored = []
        for cand in sorted({v for v, _ in values if date_interval(v)[2] == granularity}):
            support = sum(w for v, w in values if date_relation(v, cand) in ("same", "compatible"))
            exact = sum(w for v, w in values if date_relation(v, cand) == "same")
            if support > total / 2:
                scored.append((-support, -exact, cand))
        if scored:
            best = min(scored)[2]
            break
    if best is None:  # nothing has a majority: the best-supported value, coarsest first
        ranked = []
        for cand in sorted({v for v, _ in values}):
            support = sum(w for v, w in values if date_relation(v, cand) in ("same", "compatible"))
            exact = sum(w for v, w in values if date_relation(v, cand) == "same")
            ranked.append((-support, date_interval(cand)[2], -exact, date_interval(cand)[0], cand))
        best = min(ranked)[-1]
    best = _day_only(best)
    # a date defaulted from the publication day is no claim about the event: not a conflict
    conflicts = tuple(sorted({_day_only(e.date) for e in members
                              if date_interval(e.date) is not None and e.date_how != "article"
                              and date_relation(e.date, best) not in ("same", "compatible")}))
    return best, conflicts


def _without_title(sentence: str, article: Optional[Article]) -> str:
    """An evidence sentence without the article's headline glued in front of it."""
    sentence = " ".join(sentence.split())
    title = " ".join((article.title or "").split()) if article else ""
    if title and sentence.startswith(title):
        rest = sentence[len(title):].strip()
        if len(rest.split()) >= 5:
            return rest
    return sentence


def _choose_summary(members: Sequence[Event], words: Sequence[frozenset],
                    by_id: Optional[dict[str, Article]] = None) -> str:
    """The most central member sentence (extractive); foreground and shorter sentences win ties."""
    best, best_key = "", None
    by_id = by_id or {}
    for i, e in enumerate(members):
        if not e.sentence.strip():
            continue
        wi = words[i]
        centrality = 0.0
        for j, wj in enumerate(words):
            if j != i and wi and wj:
                centrality += len(wi & wj) / math.sqrt(len(wi) * len(wj))
        n_words = len(e.sentence.split())
        length_fit = 1.0 if 8 <= n_words <= 40 else 0.5
        stated = e.date_how in ("clause", "sentence", "timex")
        key = (centrality + length_fit + (0 if e.background else 0.5) + (0.3 if stated else 0),
               -n_words)
        if best_key is None or key > best_key:
            best, best_key = _without_title(e.sentence, by_id.get(e.article_id)), key
    return best


def story_event(members: list[Event], words: list[frozenset], by_id: dict[str, Article],
                 copies: dict[str, list[str]]) -> StoryEvent:
    def published(aid: str) -> str:
        art = by_id.get(aid)
        return art.published if art and art.published else "9999"

    reporting = {e.article_id for e in members}
    # near-duplicates of a reporting article report it too (their outlets are listed; they do
    # not add to the corroboration count)
    reporting |= {c for aid in list(reporting) for c in copies.get(aid, ())}
    article_ids = sorted(reporting, key=lambda a: (published(a), a))
    sources: list[str] = []
    for aid in article_ids:
        outlet = outlet_of(by_id.get(aid))
        if outlet not in sources:
            sources.append(outlet)
    roots = (by_id.get(_root_article(aid, by_id)) for aid in article_ids)
    independent = {root.outlet_key if root is not None else "?" for root in roots}
    date, conflicts = canonical_date(members)
    type_counts = collections.Counter(e.event_type for e in members)
    # actors by the number of members naming them; equals in the order the members name them
    # (members in their given order, sources before targets), never a set's order
    actor_counts: collections.Counter = collections.Counter()
    for e in members:
        actor_counts.update(list(dict.fromkeys(_actor_keys(e.source) + _actor_keys(e.target))))
    event_ids = tuple(sorted(e.id for e in members))
    return StoryEvent(
        id=make_id("story", *event_ids), date=date, event_ids=event_ids,
        article_ids=tuple(article_ids), sources=tuple(sources),
        event_types=tuple(t for t, _ in type_counts.most_common()),
        actors=tuple(a for a, _ in actor_counts.most_common() if a),
        corroboration=len(independent), earliest_report=article_ids[0] if article_ids else None,
        date_conflicts=conflicts, summary=_choose_summary(members, words, by_id),
        background=all(is_background(e, by_id.get(e.article_id)) for e in members))
