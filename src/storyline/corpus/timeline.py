"""The story's timeline: dated entries for ``timeline.json`` from linked story events.

:func:`build_timeline` turns linked story events (:mod:`storyline.corpus.linking`) into
:class:`~storyline.model.TimelineEntry` records: one entry per day and parties (story events of a
day sharing their actors merge: the call, and what was agreed and demanded in it), in date order,
each with an extractive one-line summary (one of its evidence sentences), its sources and article
ids; background events flagged — including sentences that state an explicit date well before
their article (:func:`background_mentions`); undated events listed last with ``date=None``.  It
runs in small steps: mention flags, same-day groups, publication-day groups absorbed into the
explicitly dated day before, month/week groups folded into a day they contain, then entries.

Selective timelines for big corpora (the news-tls task, ``storyline timeline``) are in
:mod:`storyline.corpus.selection`.
"""
from __future__ import annotations

import collections
import datetime as _dt
import math
import re
from collections.abc import Mapping
from typing import Iterable, Iterator, Optional, Sequence

from ..dates import BACKGROUND_DAYS, date_interval, is_background_date
from ..model import Article, Event, StoryEvent, TimelineEntry, TimeRef

__all__ = ["build_timeline", "background_mentions", "select_entries", "dated_by_evidence", "mention_flags"]

#: when several story events make one entry, the headline comes from the most corroborated;
#: among equals, a contact (meeting, call) heads the day
_TYPE_PRIORITY = {"CONSULT": 3, "AGREE": 2, "COOPERATE": 1}


def _main_story_event(group: Sequence[StoryEvent], weak: dict[str, bool]) -> StoryEvent:
    """The headline: foreground, happened (not only planned), most corroborated, explicitly dated,
    a contact before other types, then the one told earliest in its article."""
    return max(group, key=lambda s: (not s.background, not weak.get(("intent", s.id), False),
                                     len(_coded(s.actors)) >= 2, s.corroboration, not weak.get(s.id, False),
                                     _TYPE_PRIORITY.get(s.event_types[0] if s.event_types else "", 0),
                                     -weak.get(("position", s.id), 0), len(s.event_ids),
                                     bool(s.summary), s.id))


def _entry(group: Sequence[StoryEvent], date: Optional[str], weak: dict,
           by_id: dict[str, Article]) -> TimelineEntry:
    from .linking import outlet_of

    main = _main_story_event(group, weak)
    ordered = [main] + sorted((s for s in group if s is not main),
                              key=lambda s: (-s.corroboration, -len(s.event_ids), s.id))

    def union(attr: str) -> tuple:
        out: list = []
        for s in ordered:
            for v in getattr(s, attr):
                if v not in out:
                    out.append(v)
        return tuple(out)

    article_ids, sources = union("article_ids"), union("sources")
    background = all(s.background for s in group)
    iv = date_interval(date)
    if iv and not background and all(a in by_id for a in article_ids):
        # an article published before the day only announced what was planned: not a source
        def after(aid: str) -> bool:
            pub = date_interval((by_id[aid].published or "")[:10])
            return pub is None or pub[0] >= iv[0]
        reporting = tuple(a for a in article_ids if after(a))
        if reporting and len(reporting) < len(article_ids):
            article_ids = reporting
            sources = tuple(dict.fromkeys(outlet_of(by_id[a]) for a in reporting))
    return TimelineEntry(
        date=date, summary=" ".join((main.summary or "").split()),
        event_ids=tuple(sorted(union("event_ids"))), article_ids=article_ids,
        sources=sources, background=background,
        event_types=union("event_types"), actors=_coded_first(union("actors")), story_event=main.id)


def _coded(actors: Sequence[str]) -> set[str]:
    """Actor codes (``RUS``, ``NATO``), not the lower-case texts of uncoded mentions."""
    return {a for a in actors if a and a.upper() == a}


def _coded_first(actors: tuple) -> tuple:
    """The entry's actors: their codes when it has any, else the uncoded mentions."""
    coded = tuple(a for a in actors if a in _coded(actors))
    return coded or actors


def _weakly_dated(event: Event, published: dict[str, str]) -> bool:
    """The mention's day is only its article's publication day: defaulted to it, or a clock
    time ("5:21 p.m.") resolved against it."""
    if event.date_how == "article":
        return True
    date = event.date or ""
    return "T" in date and bool(published.get(event.article_id)) and date[:10] == published[event.article_id]


def mention_flags(events: Iterable[Event], published: dict[str, str]) -> tuple[dict[str, bool], dict]:
    """What the mentions of each story event say about it: ``negated[id]``, every mention negated;
    ``weak[id]``, every mention's date is only its article's publication day; ``weak[("intent", id)]``,
    every mention is only planned or promised; ``weak[("position", id)]``, the earliest offset of a
    mention (news puts what happened first: the earliest mention is the likeliest headline)."""
    negated: dict[str, bool] = {}
    weak: dict = {}
    for e in events:
        if e.story_event:
            negated[e.story_event] = negated.get(e.story_event, True) and e.negated
            weak[e.story_event] = weak.get(e.story_event, True) and _weakly_dated(e, published)
            weak[("intent", e.story_event)] = weak.get(("intent", e.story_event), True) and e.intent
            weak[("position", e.story_event)] = min(weak.get(("position", e.story_event), e.start), e.start)
    return negated, weak


def _joins(s: StoryEvent, group: Sequence[StoryEvent]) -> bool:
    """The same parties: two shared actor codes, or one shared code and a shared article; a story
    event without coded actors joins a group that shares an article with it."""
    coded = _coded(s.actors)
    g_actors = {a for m in group for a in m.actors}
    g_articles = {a for m in group for a in m.article_ids}
    shares_article = bool(g_articles & set(s.article_ids))
    if coded:
        return bool(len(coded & g_actors) >= 2 or (coded & g_actors and shares_article))
    return shares_article or not s.actors


def _group_same_day(dated: Sequence[StoryEvent]) -> list[list[StoryEvent]]:
    """Step 1: story events of the same date value and background flag and the same parties."""
    groups: list[list[StoryEvent]] = []
    index: dict[tuple, list[int]] = collections.defaultdict(list)
    for s in sorted(dated, key=lambda s: (s.date, not _coded(s.actors), -s.corroboration, s.id)):
        key = (s.date, s.background)
        target = next((g for g in index[key] if _joins(s, groups[g])), None)
        if target is None:
            index[key].append(len(groups))
            groups.append([s])
        else:
            groups[target].append(s)
    return groups


def _actors_of(group: Sequence[StoryEvent]) -> set:
    return {a for s in group for a in s.actors}


def _articles_of(group: Sequence[StoryEvent]) -> set:
    return {a for s in group for a in s.article_ids}


def _all_weak(group: Sequence[StoryEvent], weak: dict) -> bool:
    return all(weak.get(s.id, False) for s in group)


def _day_index(groups: Sequence[Sequence[StoryEvent]], absorbed: set[int]) -> dict[int, list[int]]:
    """Day ordinal → the day-precise groups on it (not absorbed)."""
    by_day: dict[int, list[int]] = collections.defaultdict(list)
    for i, g in enumerate(groups):
        iv = date_interval(g[0].date)
        if iv[2] == 3 and i not in absorbed:
            by_day[iv[0]].append(i)
    return by_day


def _absorb_weak_days(groups: list[list[StoryEvent]], weak: dict, absorbed: set[int]) -> None:
    """Step 2: a group dated only by its articles' publication day joins the explicitly dated group
    of the same article(s) and actors a day or two earlier (news reports yesterday's events)."""
    by_day = _day_index(groups, absorbed)
    for i in sorted(i for ids in by_day.values() for i in ids):
        g = groups[i]
        if not _all_weak(g, weak):
            continue
        day = date_interval(g[0].date)[0]
        fits = [j for back in (1, 2) for j in by_day.get(day - back, ())
                if j not in absorbed and not _all_weak(groups[j], weak)
                and groups[j][0].background == g[0].background
                and _articles_of(g) & _articles_of(groups[j]) and _actors_of(g) & _actors_of(groups[j])]
        if fits:
            best = max(fits, key=lambda j: (len(_articles_of(g) & _articles_of(groups[j])),
                                            date_interval(groups[j][0].date)[0]))
            groups[best].extend(g)
            absorbed.add(i)


def _fold_periods(groups: list[list[StoryEvent]], absorbed: set[int]) -> None:
    """Step 3: month/week/range groups fold into the best day group they contain."""
    by_day = _day_index(groups, absorbed)
    for i, g in enumerate(groups):
        iv = date_interval(g[0].date)
        if iv[2] != 2:
            continue
        fits = [j for day in range(iv[0], iv[1] + 1) for j in by_day.get(day, ())
                if groups[j][0].background == g[0].background and _actors_of(g) & _actors_of(groups[j])]
        if fits:
            best = max(fits, key=lambda j: (sum(s.corroboration for s in groups[j]), -j))
            groups[best].extend(g)
            absorbed.add(i)


def _entry_order(entry: TimelineEntry) -> tuple:
    iv = date_interval(entry.date)
    return iv[0], iv[2], -len(entry.sources), entry.summary


def build_timeline(story_events: Sequence[StoryEvent], events: Sequence[Event],
                   articles: Sequence[Article], timexes: Optional[Sequence[TimeRef] | Mapping] = None, *,
                   texts: Optional[Iterable[Article]] = None,
                   background: Optional[Sequence[TimelineEntry]] = None,
                   flags: Optional[tuple[dict, dict]] = None, undated: bool = True) -> list[TimelineEntry]:
    """Timeline entries: dated entries by date, then undated ones (``date=None``; not made without
    ``undated``: :func:`select_entries` leaves them out).

    Story events on the same date whose actors overlap make one entry (a day's happening
    between the same parties: the call, and what was agreed and demanded in it); a month-only
    story event joins the day entry it falls in when the actors overlap.  Story events whose
    mentions are all negated ("did not meet") are left out.  The summary is the headline
    story event's extractive summary (an evidence sentence, never generated text).

    ``texts``: the articles with their texts, read once for :func:`background_mentions` (default
    ``articles``; a stream from the store lets ``articles`` come without texts); ``background``, the
    background entries when known (:func:`background_from_parts`), spares that reading; ``flags``, what
    the mentions say of each story event when known (:func:`mention_flags` of ``events``), spares
    reading ``events`` (with both, ``events`` is not read at all).
    """
    by_id = {a.id: a for a in articles}
    negated, weak = flags or mention_flags(events, {a.id: (a.published or "")[:10] for a in articles})
    kept = [s for s in story_events if not negated.get(s.id, False)]
    groups = _group_same_day([s for s in kept if date_interval(s.date) is not None])
    absorbed: set[int] = set()
    _absorb_weak_days(groups, weak, absorbed)
    _fold_periods(groups, absorbed)
    entries = [_entry(g, g[0].date, weak, by_id) for i, g in enumerate(groups) if i not in absorbed]
    entries.sort(key=_entry_order)
    if background is None:
        background = background_mentions(articles if texts is None else texts, events, timexes)
    entries = _merge_background(entries, background)
    if not undated:
        return entries
    last = [_entry([s], None, weak, by_id) for s in kept if date_interval(s.date) is None]
    last.sort(key=lambda e: (-len(e.sources), e.summary))
    return entries + last


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\"'“‘(])|\n\s*")


_MONTH_HINT = re.compile(r"\b(?:January|February|March|April|May|June|July|August|"
                         r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
#: what makes a four-digit number a year: a word of time before it ("in 2020", "since 2014",
#: "early 2011", "the 2008 election" is not enough) or a month beside it
_YEAR_CONTEXT = re.compile(r"(?:\b(?:in|since|until|till|by|from|during|before|after|early|late|mid|"
                           r"throughout|around|circa|year|years|spring|summer|autumn|fall|winter|end|"
                           r"beginning|start)|\b(?:19|20)\d\d\s*(?:and|to|or|-|–))\s*-?\s*$", re.IGNORECASE)


def dated_by_evidence(text: str, start: int, end: int) -> bool:
    """Whether the time expression ``text[start:end]`` is a date a timeline may rest on: it names a
    month, or a year with a word of time before it ("in 2020", "since 2014").  A bare four-digit
    number ("GTX 1660", "1920 pixels", "1694 kcal", a street number) is not."""
    expression = text[start:end]
    if _MONTH_HINT.search(expression):
        return True
    year = _YEAR.search(expression)
    if not year:
        return False
    before = text[max(0, start - 30):start + year.start()]
    return bool(_YEAR_CONTEXT.search(before))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Char bounds of the sentences of a text."""
    spans, left = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > left:
            spans.append((left, m.start()))
        left = m.end()
    if left < len(text):
        spans.append((left, len(text)))
    return spans


def background_mentions(articles: Iterable[Article], events: Sequence[Event],
                        timexes: Optional[Sequence[TimeRef] | Mapping] = None, *,
                        days: Optional[int] = None) -> list[TimelineEntry]:
    """Earlier events the articles mention as context, found by their stored time expressions.

    A sentence with an explicit date (one naming a month or a year, or a scheduled event: "a week
    after the Biden-Putin virtual summit" names the summit's day) that is background by
    :func:`storyline.dates.is_background_date` (it ends more than ``days``, default
    :data:`storyline.dates.BACKGROUND_DAYS`, before its article's publication) becomes a
    background entry with that sentence as its summary, unless an event mention already carries
    that date for the sentence.  The same sentence in several outlets (similar words, same date)
    makes one entry with all of them.  ``timexes`` are the stored time expressions of the
    articles (a list, or a mapping article id -> its list, such as the store's
    :meth:`~storyline.store.Store.timexes_by_article`); without them the articles' texts are
    analysed again.  ``articles`` is read once (a stream will do when ``timexes`` is given).
    """
    from .linking import outlet_of

    evidence: dict[str, list[Event]] = collections.defaultdict(list)
    for e in events:
        evidence[e.article_id].append(e)
    if timexes is None:
        articles = list(articles)   # read twice: to find the time expressions, then the mentions
    by_article = _timexes_by_article(articles, timexes)
    return background_from_parts(
        (article.id, outlet_of(article),
         background_part(article, by_article.get(article.id, ()), evidence[article.id], days=days))
        for article in articles if not article.duplicate_of)


def background_part(article: Article, timexes: Sequence[TimeRef], events: Sequence[Event], *,
                    days: Optional[int] = None) -> list[list[str]]:
    """One article's share of :func:`background_mentions`: ``[date, sentence]`` of each background
    sentence it gives, in order (from its text, date, time expressions and events alone)."""
    days = BACKGROUND_DAYS if days is None else days
    if article.duplicate_of or not article.published or not article.text:
        return []
    text, spans, found = article.text, None, []
    for t, value in _background_dates(timexes, article.published[:10], days, text):
        spans = spans or _sentence_spans(text)
        a, b = next(((a, b) for a, b in spans if a <= t.start < b), (t.start, t.end))
        sentence = " ".join(text[a:b].split())
        if not 5 <= len(sentence.split()) <= 60:
            continue
        if any(e.date == value and e.start <= t.start < e.end for e in events):
            continue   # an event mention already carries it
        found.append([value, sentence])
    return found


def background_from_parts(parts: Iterable[tuple[str, str, list[list[str]]]]) -> list[TimelineEntry]:
    """The background entries from the articles' shares (``(article id, outlet,`` :func:`background_part`
    ``)`` in corpus order): the same sentence in several outlets makes one entry."""
    from .linking import text_similarity

    found: list[dict] = []
    by_date: dict[str, list[dict]] = {}     # only sentences of the same date are compared: linear, not quadratic
    for article_id, outlet, sentences in parts:
        for value, sentence in sentences:
            _add_background(found, value, sentence, article_id, outlet, text_similarity, by_date)
    return [TimelineEntry(date=f["date"], summary=f["summary"], article_ids=tuple(f["article_ids"]),
                          sources=tuple(f["sources"]), background=True) for f in found]


def _timexes_by_article(articles: Iterable[Article],
                        timexes: Optional[Sequence[TimeRef] | Mapping]) -> Mapping[str, list[TimeRef]]:
    """The time expressions of each article: the stored ones, else the articles analysed again."""
    if isinstance(timexes, Mapping):
        return timexes
    out: dict[str, list[TimeRef]] = collections.defaultdict(list)
    if timexes is None:
        try:
            from ..timex import extract_timexes
        except ImportError:
            return out
        for article in articles:
            if article.published and article.text and not article.duplicate_of:
                out[article.id] = list(extract_timexes(article.text, article.published[:10]))
        return out
    for t in timexes:
        out[t.article_id].append(t)
    return out


def _background_dates(timexes: Sequence[TimeRef], dct: str, days: int, text: str) -> Iterator[tuple[TimeRef, str]]:
    """``(time expression, date)`` for each explicit date of an article that is background: a
    DATE value naming a month, or a year as a year (:func:`dated_by_evidence`), and the day of a
    scheduled event an expression names."""
    from ..timex.events import find_scheduled

    for t in timexes:
        if t.type != "DATE":
            continue
        named = [e.value for _, _, e in find_scheduled(t.text)] if t.anchor == "table" else []
        explicit = [t.value] if dated_by_evidence(text, t.start, t.end) else []
        for value in dict.fromkeys(named + explicit):
            if is_background_date(value, dct, days=days):
                yield t, value


def _add_background(found: list[dict], date: str, sentence: str, article_id: str, outlet: str,
                    similarity, by_date: dict[str, list[dict]]) -> None:
    """Merge a background sentence into the first one already found with the same date and words
    (``by_date``: ``found`` by date, kept up to date here)."""
    same = next((f for f in by_date.get(date, ()) if similarity(f["summary"], sentence) >= 0.5
                 or article_id in f["article_ids"] and similarity(f["summary"], sentence) >= 0.3), None)
    if same is None:
        found.append({"date": date, "summary": sentence, "article_ids": [article_id], "sources": [outlet]})
        by_date.setdefault(date, []).append(found[-1])
        return
    if article_id not in same["article_ids"]:
        same["article_ids"].append(article_id)
    if outlet not in same["sources"]:
        same["sources"].append(outlet)


def _merge_background(entries: list[TimelineEntry], extra: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Add background mentions whose date and words no timeline entry already has, in date order."""
    from .linking import text_similarity

    out = list(entries)
    by_date: dict = {}      # only entries of the same date are compared: linear in the entries, not quadratic
    for e in out:
        by_date.setdefault(e.date, []).append(e)
    for b in extra:
        same_day = by_date.setdefault(b.date, [])
        if any(text_similarity(e.summary, b.summary) >= 0.5 for e in same_day):
            continue
        out.append(b)
        same_day.append(b)
    out.sort(key=lambda e: (date_interval(e.date)[0], date_interval(e.date)[2], -len(e.sources), e.summary))
    return out


# -- the selective timeline of a run ---------------------------------------------------------------

def _year_evidenced(entry: TimelineEntry) -> bool:
    """A year-only entry needs its year told as a year in its own sentence ("in 2020")."""
    iv = date_interval(entry.date)
    if iv[2] != 1:
        return True
    year = (entry.date or "")[:4]
    return any(dated_by_evidence(entry.summary, m.start(), m.end())
               for m in re.finditer(rf"\b{year}\b", entry.summary))


def _readable(entry: TimelineEntry) -> bool:
    """A summary a reader can use: a sentence of ``summary_words`` words (5..80)."""
    from .selection import PARAMS

    low, high = PARAMS["summary_words"]
    return low <= len(entry.summary.split()) <= high


_QUOTED = re.compile(r"^\s*(?:``|\"|“|‘|')")


def _salience(entry: TimelineEntry, topical: dict[str, float]) -> tuple:
    """A told event before a quotation, then corroboration (outlets; articles weighed by how close
    the summary is to the corpus's topic), event mentions, two parties named."""
    weight = 0.5 + topical.get(entry.summary, 0.0)
    return (not _QUOTED.match(entry.summary), len(set(entry.sources)), len(set(entry.article_ids)) * weight,
            len(entry.event_ids), len(_coded(entry.actors)) >= 2, date_interval(entry.date)[2], entry.summary)


def _topicality(entries: Sequence[TimelineEntry]) -> dict[str, float]:
    """Each summary's closeness (0..1) to the topic: the cosine of its content words' TF-IDF vector
    to the sum of all the summaries' vectors, scaled so the closest is 1.  The vectors are made
    again where they are read, from each summary's terms (one shared string per term), not held
    for every summary at once (#18); sums are taken in the same order, so the figures are the same."""
    from .selection import _terms

    shared: dict[str, str] = {}
    terms = {e.summary: tuple(shared.setdefault(t, t) for t in _terms(e.summary)) for e in entries}
    df = collections.Counter(t for ts in terms.values() for t in set(ts))
    n = len(terms) + 1

    def vectors() -> Iterator[tuple[str, dict[str, float], float]]:
        for s, ts in terms.items():
            v = {t: math.log(n / df[t]) for t in set(ts)}
            yield s, v, math.sqrt(sum(w * w for w in v.values())) or 1.0

    topic: dict[str, float] = collections.defaultdict(float)
    for _, v, norm in vectors():
        for t, w in v.items():
            topic[t] += w / norm
    t_norm = math.sqrt(sum(w * w for w in topic.values())) or 1.0
    out = {s: sum(w * topic.get(t, 0.0) for t, w in v.items()) / (norm * t_norm) for s, v, norm in vectors()}
    top = max(out.values(), default=0.0) or 1.0
    return {s: x / top for s, x in out.items()}


def _repeats(entry: TimelineEntry, chosen: Sequence[TimelineEntry], similarity) -> bool:
    from .selection import PARAMS

    text = " ".join(entry.summary.lower().split())
    return any(text == " ".join(c.summary.lower().split())
               or similarity(entry.summary, c.summary) >= PARAMS["repeat_similarity"] for c in chosen)


def _salience_of(articles: Iterable[Article]) -> tuple[dict, int]:
    """The day salience of the articles that are no copies, and how many they are."""
    from .selection import day_salience

    originals = [0]

    def records() -> Iterator[dict]:
        for a in articles:
            if not a.duplicate_of:
                originals[0] += 1
                yield {"id": a.id, "time": a.published, "text": a.text}

    return day_salience(records()), originals[0]


def select_entries(entries: Sequence[TimelineEntry], articles: Iterable[Article], *, size: int = 0,
                   background_size: Optional[int] = None,
                   salience: Optional[tuple[dict, int]] = None) -> list[TimelineEntry]:
    """The timeline a reader keeps: at most ``size`` dated entries, one per day that matters, and
    at most ``background_size`` background entries, in date order.

    ``size`` 0 = sized to the corpus (:func:`storyline.corpus.selection.default_size` of its
    original articles); ``background_size`` None = ``background_share`` of it, at least
    ``min_background`` (``data/timeline/selection.json``).  Days are ranked as
    :func:`storyline.corpus.selection.select_timeline` ranks them (the same
    :func:`~storyline.corpus.selection.day_salience` and
    :func:`~storyline.corpus.selection.rank_days`), plus the corroboration of the day's best
    entry; each chosen day keeps its most corroborated entry whose summary no chosen entry already
    has.  Undated entries, entries not dated to a day (foreground), years not told as years
    (:func:`dated_by_evidence`) and summaries that are not a sentence are left out.  ``articles``
    is read once, one article at a time (a stream from the store will do); ``salience``, the day
    salience and the number of original articles when known (:func:`~storyline.corpus.selection.salience_from_parts`),
    spares that reading.
    """
    from .linking import text_similarity
    from .selection import PARAMS, default_size, rank_days

    text_score, originals = salience or _salience_of(articles)
    size = size or default_size(originals)
    if background_size is None:
        background_size = max(PARAMS["min_background"], round(PARAMS["background_share"] * size))
    usable = [e for e in entries if date_interval(e.date) and _readable(e) and _year_evidenced(e)]
    by_day: dict = collections.defaultdict(list)
    for e in usable:
        iv = date_interval(e.date)
        if not e.background and iv[2] == 3:
            by_day[iv[0]].append(e)
    topical = _topicality(usable)
    score = {_dt.date.fromordinal(d): text_score.get(_dt.date.fromordinal(d), 0.0)
             + max(_salience(e, topical)[2] for e in es) for d, es in by_day.items()}
    chosen: list[TimelineEntry] = []
    for day in rank_days(score, sorted(score)):
        if len(chosen) >= size:
            break
        best = next((e for e in sorted(by_day[day.toordinal()], key=lambda e: _salience(e, topical), reverse=True)
                     if not _repeats(e, chosen, text_similarity)), None)
        if best is not None:
            chosen.append(best)
    background = []
    # background: the precisely dated first (a day before a month before a year), on days of its own
    taken_days = {e.date for e in chosen}
    for e in sorted((e for e in usable if e.background), reverse=True,
                    key=lambda e: (date_interval(e.date)[2],) + _salience(e, topical)):
        if len(background) >= background_size:
            break
        if e.date not in taken_days and not _repeats(e, chosen + background, text_similarity):
            background.append(e)
    return sorted(chosen + background, key=_entry_order)
