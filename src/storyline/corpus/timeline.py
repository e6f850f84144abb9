"""Timelines: the story's dated entries, and selective timelines for big corpora (news-tls).

Two jobs live here:

- :func:`build_timeline` turns linked story events (:mod:`storyline.story`) into
  :class:`~storyline.model.TimelineEntry` records for ``timeline.json``: one entry per day and
  parties (story events of a day sharing their actors merge: the call, and what was agreed and
  demanded in it), in date order, each with an extractive one-line summary (one of its
  evidence sentences), its sources and article ids; background events flagged — including
  sentences that state an explicit date well before their article (:func:`background_mentions`);
  undated events listed last with ``date=None``.
- :func:`select_timeline` solves the news-tls task over ``{id, time, text}`` records: choose
  ``n_dates`` dates and ``n_sentences`` sentences per date.  Dates are ranked by independent
  reporting that points at them — articles whose sentences resolve a reference to the day
  ("on Friday", "April 20", "yesterday") and publication bursts on it, with neighbouring days
  of an already chosen date discounted so one burst does not fill the timeline — and sentences are
  picked per date by centrality (TF-IDF cosine to the date's centroid) with redundancy removal
  (maximal marginal relevance).  Date references come from a cheap regex pass
  (:func:`date_references`), no parsing, so thousands of articles take seconds.
"""
from __future__ import annotations

import collections
import datetime as _dt
import json
import math
import re
from pathlib import Path
from typing import Iterator, Optional, Sequence

from ..dates import BACKGROUND_DAYS, date_interval, is_background_date
from ..model import Article, Event, StoryEvent, TimeRef, TimelineEntry

__all__ = [
    "build_timeline", "background_mentions", "select_timeline", "timeline_from_path",
    "date_references", "split_sentences", "read_records", "with_inferred_dates",
]

# --------------------------------------------------------------------------------------------
# timeline.json entries from story events
# --------------------------------------------------------------------------------------------


def _date_sort_key(value: str) -> tuple:
    """Sort TIMEX-like values: ``2021`` < ``2021-12`` < ``2021-12-15`` within their period."""
    return tuple(value.split("-")) if value else ("9999",)


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


def build_timeline(story_events: Sequence[StoryEvent], events: Sequence[Event],
                   articles: Sequence[Article], timexes: Optional[Sequence[TimeRef]] = None) -> list[TimelineEntry]:
    """Timeline entries: dated entries by date, then undated ones (``date=None``).

    Story events on the same date whose actors overlap make one entry (a day's happening
    between the same parties: the call, and what was agreed and demanded in it); a month-only
    story event joins the day entry it falls in when the actors overlap.  Story events whose
    mentions are all negated ("did not meet") are left out.  The summary is the headline
    story event's extractive summary (an evidence sentence, never generated text).
    """
    by_id = {a.id: a for a in articles}
    published = {a.id: (a.published or "")[:10] for a in articles}
    negated: dict[str, bool] = {}
    # every mention's date is only its article's publication day; ("intent", id): every mention
    # is only planned or promised
    weak: dict = {}
    for e in events:
        if e.story_event:
            negated[e.story_event] = negated.get(e.story_event, True) and e.negated
            weak[e.story_event] = weak.get(e.story_event, True) and _weakly_dated(e, published)
            weak[("intent", e.story_event)] = weak.get(("intent", e.story_event), True) and e.intent
            # news puts what happened first: the earliest mention is the likeliest headline
            weak[("position", e.story_event)] = min(weak.get(("position", e.story_event), e.start), e.start)
    kept = [s for s in story_events if not negated.get(s.id, False)]
    dated = [s for s in kept if date_interval(s.date) is not None]
    undated = [s for s in kept if date_interval(s.date) is None]

    # 1. same date value and background flag, and the same parties: two shared actor codes, or
    #    one shared code and a shared article; a story event without coded actors joins a group
    #    of that day that shares an article with it
    groups: list[list[StoryEvent]] = []
    index: dict[tuple, list[int]] = collections.defaultdict(list)
    for s in sorted(dated, key=lambda s: (s.date, not _coded(s.actors), -s.corroboration, s.id)):
        key = (s.date, s.background)
        coded = _coded(s.actors)
        target = None
        for g in index[key]:
            g_actors = {a for m in groups[g] for a in m.actors}
            g_articles = {a for m in groups[g] for a in m.article_ids}
            shares_article = bool(g_articles & set(s.article_ids))
            if (len(coded & g_actors) >= 2 or (coded & g_actors and shares_article)) if coded \
                    else (shares_article or not s.actors):
                target = g
                break
        if target is None:
            index[key].append(len(groups))
            groups.append([s])
        else:
            groups[target].append(s)
    group_date = {i: g[0].date for i, g in enumerate(groups)}

    absorbed: set[int] = set()

    def actors_of(i: int) -> set:
        return {a for s in groups[i] for a in s.actors}

    def articles_of(i: int) -> set:
        return {a for s in groups[i] for a in s.article_ids}

    # 2. a group dated only by its articles' publication day joins the explicitly dated group of
    #    the same article(s) and actors a day or two earlier (news reports yesterday's events)
    day_groups = [i for i in range(len(groups)) if date_interval(group_date[i])[2] == 3]
    by_day: dict[int, list[int]] = collections.defaultdict(list)
    for i in day_groups:
        by_day[date_interval(group_date[i])[0]].append(i)
    for i in day_groups:
        if not all(weak.get(s.id, False) for s in groups[i]):
            continue
        day = date_interval(group_date[i])[0]
        fits = [j for back in (1, 2) for j in by_day.get(day - back, ())
                if j not in absorbed
                and not all(weak.get(s.id, False) for s in groups[j])
                and groups[j][0].background == groups[i][0].background
                and articles_of(i) & articles_of(j) and actors_of(i) & actors_of(j)]
        if fits:
            best = max(fits, key=lambda j: (len(articles_of(i) & articles_of(j)), date_interval(group_date[j])[0]))
            groups[best].extend(groups[i])
            absorbed.add(i)
    day_groups = [i for i in day_groups if i not in absorbed]
    by_day = collections.defaultdict(list)
    for i in day_groups:
        by_day[date_interval(group_date[i])[0]].append(i)

    # 3. month/week/range groups fold into the best day group they contain
    for i, g in enumerate(groups):
        iv = date_interval(group_date[i])
        if iv[2] != 2:
            continue
        actors = {a for s in g for a in s.actors}
        fits = [j for day in range(iv[0], iv[1] + 1) for j in by_day.get(day, ())
                if groups[j][0].background == g[0].background
                and actors & {a for s in groups[j] for a in s.actors}]
        if fits:
            best = max(fits, key=lambda j: (sum(s.corroboration for s in groups[j]), -j))
            groups[best].extend(g)
            absorbed.add(i)
    entries = [_entry(g, group_date[i], weak, by_id) for i, g in enumerate(groups) if i not in absorbed]
    entries.sort(key=lambda e: (date_interval(e.date)[0], date_interval(e.date)[2], -len(e.sources),
                                e.summary))
    entries = _merge_background(entries, background_mentions(articles, events, timexes))
    undated_entries = [_entry([s], None, weak, by_id) for s in undated]
    undated_entries.sort(key=lambda e: (-len(e.sources), e.summary))
    return entries + undated_entries


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\"'“‘(])|\n\s*")


_DATE_HINT = re.compile(r"\b(?:1[5-9]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")


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


def background_mentions(articles: Sequence[Article], events: Sequence[Event],
                        timexes: Optional[Sequence[TimeRef]] = None, *,
                        days: Optional[int] = None) -> list[TimelineEntry]:
    """Earlier events the articles mention as context, found by their stored time expressions.

    A sentence with an explicit date (one naming a month or a year, or a scheduled event: "a week
    after the Biden-Putin virtual summit" names the summit's day) that is background by
    :func:`storyline.dates.is_background_date` (it ends more than ``days``, default
    :data:`storyline.dates.BACKGROUND_DAYS`, before its article's publication) becomes a
    background entry with that sentence as its summary, unless an event mention already carries
    that date for the sentence.  The same sentence in several outlets (similar words, same date)
    makes one entry with all of them.  ``timexes`` are the stored time expressions of the
    articles; without them the articles' texts are analysed again.
    """
    from .linking import outlet_of, text_similarity

    days = BACKGROUND_DAYS if days is None else days
    evidence: dict[str, list[Event]] = collections.defaultdict(list)
    for e in events:
        evidence[e.article_id].append(e)
    by_article = _timexes_by_article(articles, timexes)
    found: list[dict] = []
    for article in articles:
        if article.duplicate_of or not article.published or not article.text:
            continue
        text, spans = article.text, None
        for t, value in _background_dates(by_article.get(article.id, ()), article.published[:10], days):
            spans = spans or _sentence_spans(text)
            a, b = next(((a, b) for a, b in spans if a <= t.start < b), (t.start, t.end))
            sentence = " ".join(text[a:b].split())
            if not 5 <= len(sentence.split()) <= 60:
                continue
            if any(e.date == value and e.start <= t.start < e.end for e in evidence[article.id]):
                continue   # an event mention already carries it
            _add_background(found, value, sentence, article, outlet_of(article), text_similarity)
    return [TimelineEntry(date=f["date"], summary=f["summary"], article_ids=tuple(f["article_ids"]),
                          sources=tuple(f["sources"]), background=True) for f in found]


def _timexes_by_article(articles: Sequence[Article],
                        timexes: Optional[Sequence[TimeRef]]) -> dict[str, list[TimeRef]]:
    """The time expressions of each article: the stored ones, else the articles analysed again."""
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


def _background_dates(timexes: Sequence[TimeRef], dct: str, days: int) -> Iterator[tuple[TimeRef, str]]:
    """``(time expression, date)`` for each explicit date of an article that is background: a
    DATE value naming a month or a year, and the day of a scheduled event an expression names."""
    from ..timex.events import find_scheduled

    for t in timexes:
        if t.type != "DATE":
            continue
        named = [e.value for _, _, e in find_scheduled(t.text)] if t.anchor == "table" else []
        explicit = [t.value] if _DATE_HINT.search(t.text) else []
        for value in dict.fromkeys(named + explicit):
            if is_background_date(value, dct, days=days):
                yield t, value


def _add_background(found: list[dict], date: str, sentence: str, article: Article, outlet: str,
                    similarity) -> None:
    """Merge a background sentence into one already found with the same date and words."""
    same = next((f for f in found if f["date"] == date and (
        similarity(f["summary"], sentence) >= 0.5
        or article.id in f["article_ids"] and similarity(f["summary"], sentence) >= 0.3)), None)
    if same is None:
        found.append({"date": date, "summary": sentence, "article_ids": [article.id], "sources": [outlet]})
        return
    if article.id not in same["article_ids"]:
        same["article_ids"].append(article.id)
    if outlet not in same["sources"]:
        same["sources"].append(outlet)


def _merge_background(entries: list[TimelineEntry], extra: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Add background mentions whose date and words no timeline entry already has, in date order."""
    from .linking import text_similarity

    out = list(entries)
    for b in extra:
        if any(e.date == b.date and text_similarity(e.summary, b.summary) >= 0.5 for e in out):
            continue
        out.append(b)
    out.sort(key=lambda e: (date_interval(e.date)[0], date_interval(e.date)[2], -len(e.sources), e.summary))
    return out


# --------------------------------------------------------------------------------------------
# cheap date references (regex over one sentence)
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s*,?\s*((?:19|20)\d\d)\b)?"
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+{_DAY}\b(?!\s*(?:%|per|million|billion|bn|m)\b){_YEAR}",
                        re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?({_MONTH_RE})\b\.?{_YEAR}", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_WEEKDAY = re.compile(r"\b(last\s+|next\s+|this\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                      r"(?:'s|\s+'s)?\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|tomorrow|this\s+morning|this\s+afternoon|"
                       r"this\s+evening|last\s+night)\b", re.IGNORECASE)
_RELATIVE_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "this morning": 0,
                    "this afternoon": 0, "this evening": 0, "last night": -1}


def _safe_date(year: int, month: int, day: int) -> Optional[_dt.date]:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, dct: _dt.date) -> Optional[_dt.date]:
    """A month-day without year: the candidate year closest to the publication date."""
    best = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe_date(year, month, day)
        if d and (best is None or abs((d - dct).days) < abs((best - dct).days)):
            best = d
    return best


def date_references(sentence: str, dct: Optional[_dt.date]) -> list[_dt.date]:
    """Day-granular dates a sentence refers to, resolved against the publication date ``dct``.

    Absolute (``April 20 , 2010``, ``20 April``, ``2010-04-20``) and relative to ``dct``
    (weekdays, ``yesterday``, ``today``, ``last night``).  Without ``dct`` only dates with a
    year are returned.  Cheap by design: a regex pass, no parsing.
    """
    found: list[_dt.date] = []
    taken: list[tuple[int, int]] = []

    def add(d: Optional[_dt.date], span: tuple[int, int]) -> None:
        if d is None or any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        found.append(d)

    for m in _ISO.finditer(sentence):
        add(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.span())
    for rx, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for m in rx.finditer(sentence):
            month_word = m.group(month_group).lower()
            if month_word == "may" and not m.group(month_group)[0].isupper():
                continue  # the verb "may"
            month, day = _MONTHS[month_word], int(m.group(day_group))
            if m.group(3):
                add(_safe_date(int(m.group(3)), month, day), m.span())
            elif dct is not None:
                add(_nearest_year(month, day, dct), m.span())
    if dct is None:
        return found
    for m in _WEEKDAY.finditer(sentence):
        weekday = _WEEKDAYS[m.group(2).lower()]
        modifier = (m.group(1) or "").strip().lower()
        back = (dct.weekday() - weekday) % 7
        if modifier == "next":
            d = dct + _dt.timedelta(days=(weekday - dct.weekday()) % 7 or 7)
        elif modifier == "last" and back == 0:
            d = dct - _dt.timedelta(days=7)
        else:
            d = dct - _dt.timedelta(days=back)
        add(d, m.span())
    for m in _RELATIVE.finditer(sentence):
        key = " ".join(m.group(1).lower().split())
        add(dct + _dt.timedelta(days=_RELATIVE_OFFSET[key]), m.span())
    return found


# --------------------------------------------------------------------------------------------
# selective timeline (news-tls)
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they we you i his her their our your them him us me my not no
said says say will would could should can may might has have had do does did so than then there
here also after before over into about up out more most such which who whom what when where while
mr mrs ms -lrb- -rrb- lrb rrb 's""".split())
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'`(])")


_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|"
                           r"No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: lines (Timeline17 has one sentence per line), each line split
    further at sentence punctuation, not after abbreviations (``Mr.``, ``U.S.``, ``Jan.``)."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        pieces = [p for p in _SENT_SPLIT.split(line) if p.strip()]
        current = ""
        for piece in pieces:
            current = f"{current} {piece}" if current else piece
            if not _ABBREVIATION.search(current):
                out.append(current.strip())
                current = ""
        if current:
            out.append(current.strip())
    return out


def _terms(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP and len(t) > 1]


def _parse_day(value) -> Optional[_dt.date]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _keyword_terms(keywords: Optional[Sequence[str]], df: dict[str, int]) -> set[str]:
    """Terms of the topic keywords that occur in the corpus.

    Camel case and underscores split (``LibyaWar`` → libya, war); a keyword that never occurs
    is tried as two glued corpus words (``bpoil`` → bp, oil).  Keywords that match nothing are
    ignored.
    """
    out: set[str] = set()
    for kw in keywords or ():
        parts = re.sub(r"([a-z])([A-Z])", r"\1 \2", kw).replace("_", " ").lower()
        terms = [t for t in _TOKEN.findall(parts) if t not in _STOP]
        for term in terms:
            if df.get(term):
                out.add(term)
                continue
            splits = [(min(df.get(term[:i], 0), df.get(term[i:], 0)), term[:i], term[i:])
                      for i in range(2, len(term) - 1)]
            best = max(splits, default=(0, "", ""))
            if best[0] > 0:
                out.update(best[1:])
    return out


class _Sentence:
    __slots__ = ("text", "article", "pub", "position", "refs", "terms", "vec", "norm")

    def __init__(self, text: str, article: str, pub: Optional[_dt.date], position: int, refs: list[_dt.date]):
        self.text = text
        self.article = article
        self.pub = pub
        self.position = position
        self.refs = refs
        self.terms = _terms(text)
        self.vec: dict[str, float] = {}
        self.norm = 0.0


def _cosine(a: dict[str, float], b: dict[str, float], na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items()) / (na * nb)


def select_timeline(articles: Sequence[dict], *, n_dates: int, n_sentences: int,
                    keywords: Optional[Sequence[str]] = None, start: Optional[str] = None,
                    end: Optional[str] = None, min_tokens: int = 5, max_tokens: int = 40,
                    pub_weight: float = 1.0, next_day_weight: float = 0.0, mmr_lambda: float = 0.7,
                    topic_weight: float = 0.5, keyword_boost: float = 1.2, spread_days: int = 2,
                    spread_penalty: float = 0.5, use_timex: bool = False) -> list[dict]:
    """The news-tls task: ``n_dates`` dates, ``n_sentences`` sentences each, from ``{id, time, text}``.

    Returns ``[{date, sentences, article_ids}]`` in date order.  ``start``/``end`` (ISO days)
    restrict both the articles read and the dates chosen.  Articles without a ``time`` count
    only through the dates they state in full ("4 February 2022"); exact copies count once.
    ``keywords`` (topic words) weight sentences that contain them; keywords that never occur
    in the corpus are ignored.  ``use_timex`` adds the day references of
    :func:`storyline.timex.extract_timexes` to the regex pass (about four times slower; on
    Timeline17 +.005 Date-F1, same AR-1).

    Tuning (defaults chosen on Timeline17, each helping on both the BP-spill and the other
    topics): a date scores the articles referring to it plus ``pub_weight`` × the articles
    published on it (``next_day_weight`` × those published the day after); a chosen date divides
    the score of dates within ``spread_days`` by ``1 + spread_penalty``; sentences of
    ``min_tokens``..``max_tokens`` tokens are candidates, their centrality mixed with closeness
    to the whole topic by ``topic_weight``, keyword sentences × ``keyword_boost``, redundancy
    traded off by ``mmr_lambda``.
    """
    lo, hi = _parse_day(start), _parse_day(end)
    sentences: list[_Sentence] = []
    seen_texts: set[str] = set()
    for record in articles:
        pub = _parse_day(record.get("time") or record.get("published") or record.get("date"))
        if pub is not None and ((lo and pub < lo) or (hi and pub > hi)):
            continue
        art_id = str(record.get("id", ""))
        # the normalised text itself, not its hash(): a (seed-dependent) hash collision must not
        # drop an article on one run and keep it on the next
        key = " ".join((record.get("text") or "").split()).lower()
        if key in seen_texts:
            continue   # a copy (wire story, re-post) is not independent reporting
        seen_texts.add(key)
        sents = split_sentences(record.get("text") or "")
        all_refs = [date_references(t, pub) for t in sents]
        if use_timex and pub is not None:
            all_refs = [sorted(set(a) | set(b)) for a, b in zip(all_refs, _timex_references(sents, pub))]
        for i, text in enumerate(sents):
            n_tok = len(text.split())
            refs = [d for d in all_refs[i]
                    if (not lo or d >= lo) and (not hi or d <= hi)
                    and (pub is None or d <= pub + _dt.timedelta(days=1))]
            if pub is None and not refs:
                continue  # an undated article speaks only through the full dates it states
            if n_tok < min_tokens or n_tok > max_tokens:
                if refs:  # short/long sentences still vote for dates, never get picked
                    s = _Sentence(text, art_id, pub, i, refs)
                    s.terms = []
                    sentences.append(s)
                continue
            sentences.append(_Sentence(text, art_id, pub, i, refs))
    if not sentences:
        return []

    # --- date ranking: independent articles pointing at the day + publication bursts
    ref_articles: dict[_dt.date, set[str]] = collections.defaultdict(set)
    pub_articles: dict[_dt.date, set[str]] = collections.defaultdict(set)
    for s in sentences:
        if s.pub is not None:
            pub_articles[s.pub].add(s.article)
        for d in s.refs:
            if d != s.pub:
                ref_articles[d].add(s.article)
    days = set(ref_articles) | set(pub_articles)
    if lo:
        days = {d for d in days if d >= lo}
    if hi:
        days = {d for d in days if d <= hi}
    one = _dt.timedelta(days=1)
    score = {d: len(ref_articles.get(d, ())) + pub_weight * len(pub_articles.get(d, ()))
             + next_day_weight * len(pub_articles.get(d + one, ())) for d in days}

    # --- term weights
    df: collections.Counter = collections.Counter()
    for s in sentences:
        df.update(set(s.terms))
    n_docs = len(sentences)
    kw_terms = _keyword_terms(keywords, df)
    for s in sentences:
        tf = collections.Counter(s.terms)
        s.vec = {t: (1 + math.log(c)) * math.log(n_docs / df[t]) for t, c in tf.items()}
        s.norm = math.sqrt(sum(w * w for w in s.vec.values()))

    # --- candidates per date: sentences referring to it, and undated sentences published that day
    candidates: dict[_dt.date, list[_Sentence]] = collections.defaultdict(list)
    for s in sentences:
        if not s.terms:
            continue
        targets = set(s.refs) if s.refs else ({s.pub} if s.pub else set())
        for d in targets:
            if d in score:
                candidates[d].append(s)

    topic: dict[str, float] = collections.defaultdict(float)
    for s in sentences:
        for t, w in s.vec.items():
            topic[t] += w / s.norm if s.norm else 0.0
    topic_norm = math.sqrt(sum(w * w for w in topic.values()))
    topical = {id(s): _cosine(s.vec, topic, s.norm, topic_norm) for s in sentences} if topic_weight else {}

    chosen_texts: set[str] = set()
    result = []
    for day in _spread_dates(score, [d for d in score if candidates.get(d)], spread_days, spread_penalty):
        if len(result) >= n_dates:
            break
        picked = _pick_sentences(candidates[day], day, n_sentences, kw_terms, chosen_texts, mmr_lambda,
                                 topical, topic_weight, keyword_boost)
        if not picked:
            continue
        chosen_texts.update(s.text for s in picked)
        result.append({"date": day.isoformat(), "sentences": [s.text for s in picked],
                       "article_ids": sorted({s.article for s in picked})})
    result.sort(key=lambda r: r["date"])
    return result


def _timex_references(sentences: list[str], pub: _dt.date) -> list[list[_dt.date]]:
    """Day references per sentence from :func:`storyline.timex.extract_timexes` (no parse)."""
    from ..timex import extract_timexes

    text = "\n".join(sentences)
    bounds, pos = [], 0
    for sent in sentences:
        bounds.append((pos, pos + len(sent)))
        pos += len(sent) + 1
    out: list[list[_dt.date]] = [[] for _ in sentences]
    import bisect
    starts = [b[0] for b in bounds]
    for t in extract_timexes(text, pub.isoformat()):
        if t.type not in ("DATE", "TIME") or not t.value:
            continue
        d = _parse_day(t.value[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", t.value) else None
        if d is None:
            continue
        i = bisect.bisect_right(starts, t.start) - 1
        if 0 <= i < len(out) and d not in out[i]:
            out[i].append(d)
    return out


def _spread_dates(score: dict[_dt.date, float], days: list[_dt.date], spread_days: int,
                  penalty: float) -> Iterator[_dt.date]:
    """Dates best first, a date's score divided by ``1 + penalty × (chosen dates within
    spread_days)``: one burst of coverage should not fill the whole timeline."""
    import heapq

    if not spread_days or not penalty:
        yield from sorted(days, key=lambda d: (-score[d], d))
        return
    chosen: set[_dt.date] = set()
    neighbours: dict[_dt.date, int] = collections.defaultdict(int)
    heap = [(-score[d], d.toordinal(), d, 0) for d in days]
    heapq.heapify(heap)
    while heap:
        neg, ordinal, day, seen = heapq.heappop(heap)
        if neighbours[day] != seen:   # stale: re-score with the current neighbour count
            heapq.heappush(heap, (-score[day] / (1 + penalty * neighbours[day]), ordinal, day, neighbours[day]))
            continue
        chosen.add(day)
        yield day
        for k in range(1, spread_days + 1):
            for other in (day - _dt.timedelta(days=k), day + _dt.timedelta(days=k)):
                if other in score and other not in chosen:
                    neighbours[other] += 1


def _pick_sentences(cands: list[_Sentence], day: _dt.date, k: int, kw_terms: set[str],
                    taken: set[str], mmr_lambda: float, topical: dict[int, float],
                    topic_weight: float, keyword_boost: float) -> list[_Sentence]:
    """Central, non-redundant sentences for one date (centroid relevance + MMR)."""
    seen, pool = set(), []
    for s in cands:
        if s.text in taken or s.text in seen or not s.norm:
            continue
        seen.add(s.text)
        pool.append(s)
    if not pool:
        return []
    centroid: dict[str, float] = collections.defaultdict(float)
    for s in pool:
        for t, w in s.vec.items():
            centroid[t] += w / s.norm
    c_norm = math.sqrt(sum(w * w for w in centroid.values()))
    relevance = {}
    for s in pool:
        rel = _cosine(s.vec, centroid, s.norm, c_norm)
        if topic_weight:
            rel *= (1 - topic_weight) + topic_weight * topical.get(id(s), 0.0)
        if day in s.refs:
            rel *= 1.2            # says which day it is about
        if s.position < 3:
            rel *= 1.15           # news lead
        if kw_terms and kw_terms.intersection(s.terms):
            rel *= keyword_boost
        relevance[id(s)] = rel
    picked: list[_Sentence] = []
    while pool and len(picked) < k:
        best, best_score = None, -1e9
        for s in pool:
            redundancy = max((_cosine(s.vec, p.vec, s.norm, p.norm) for p in picked), default=0.0)
            value = mmr_lambda * relevance[id(s)] - (1 - mmr_lambda) * redundancy
            if value > best_score:
                best, best_score = s, value
        picked.append(best)
        pool = [s for s in pool if s is not best]
    return picked


def read_records(path: str | Path) -> Iterator[dict]:
    """``{id, time, text}`` records from a JSONL file, or from a folder of articles.

    A folder holding ``articles.jsonl`` (the news-tls layout) is read from that file.  Other
    folders go through :func:`storyline.ingest.iter_inputs` when available (articles become
    ``{id, time: published, text, time_how}``, undated ones dated by :func:`with_inferred_dates`);
    otherwise every ``*.jsonl`` file in the folder is read.
    """
    path = Path(path)
    if path.is_file() and path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        yield from _read_jsonl_file(path)
        return
    if path.is_dir() and (path / "articles.jsonl").is_file():   # a news-tls topic folder
        yield from _read_jsonl_file(path / "articles.jsonl")
        return
    try:
        from ..ingest import iter_inputs
    except ImportError:
        iter_inputs = None
    if iter_inputs is not None:
        articles = [item for item in iter_inputs([path]) if isinstance(item, Article)]
        for item in with_inferred_dates(articles):
            yield {"id": item.id, "time": item.published, "text": item.text,
                   "time_how": item.published_how}
        return
    for file in sorted(path.glob("*.jsonl")) if path.is_dir() else ():
        yield from _read_jsonl_file(file)


def with_inferred_dates(articles: Sequence[Article]) -> list[Article]:
    """``articles`` with a publication date inferred for the undated ones, as ``storyline run`` does.

    Without the NLP pipeline the evidence is the article's own time expressions (found by the
    rules alone) and the packaged scheduled events: see :func:`storyline.dating.infer_publication_dates`.
    """
    if all(a.published for a in articles):
        return list(articles)
    from .dating import infer_publication_dates
    from ..timex import extract_timexes

    timexes = {a.id: extract_timexes(a.text, None) for a in articles if not a.published}
    return infer_publication_dates(articles, timexes)


def _read_jsonl_file(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def timeline_from_path(path: str | Path, *, n_dates: int, n_sentences: int,
                       keywords: Optional[Sequence[str]] = None, start: Optional[str] = None,
                       end: Optional[str] = None) -> list[dict]:
    """:func:`select_timeline` over a JSONL file or a folder of articles.

    A news-tls topic folder (``articles.jsonl``, ``keywords.json``) is read as such; its
    keywords are used when none are given.
    """
    path = Path(path)
    if keywords is None and path.is_dir() and (path / "keywords.json").is_file():
        try:
            loaded = json.loads((path / "keywords.json").read_text(encoding="utf-8"))
            keywords = [str(k) for k in loaded] if isinstance(loaded, list) else None
        except ValueError:
            keywords = None
    return select_timeline(list(read_records(path)), n_dates=n_dates, n_sentences=n_sentences,
                           keywords=keywords, start=start, end=end)
