"""Dating: which time expression governs a sentence, and when an undated article was published.

- :func:`governing_timex` is the event-dating hook: given a sentence span, the DATE timex inside
  it that is syntactically closest to the sentence's main verb (or trigger), else the article
  date (marked ``"article"``, i.e. defaulted), else nothing.
- :func:`infer_publication_dates` dates articles that have no publication date from what they
  say: scheduled events they name with a weekday ("met … on the sidelines of the Beijing
  Olympics on Friday"), absolute dates they cite, and dated events of other articles they repeat.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Mapping, Optional, Sequence

from spacy.tokens import Doc

from ..model import Article, Event, TimeRef
from ..timex.rules import lexicon, tense_cue

__all__ = ["governing_timex", "infer_publication_dates", "specificity"]

_SKIP_TYPES = {"DURATION", "SET"}
_REF_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


def specificity(value: Optional[str]) -> int:
    """How precise a TIMEX3 value is: day 5, week 4, month 3, quarter/season 2, year 1, decade 0, REF -1."""
    if not value or value in _REF_VALUES:
        return -1
    v = value.split("/")[0]
    if re.match(r"\d{4}-\d{2}-\d{2}", v):
        return 5
    if re.match(r"\d{4}-W\d", v):
        return 4
    if re.match(r"\d{4}-\d{2}$", v):
        return 3
    if re.match(r"\d{4}-(?:Q|H|SP|SU|FA|WI)", v):
        return 2
    if re.match(r"\d{4}$", v):
        return 1
    return 0


def _tree_distance(doc: Doc, start: int, end: int, target) -> int:
    """Edges from the root token of the char span ``start:end`` up to ``target`` (large if unrelated)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 99
    tok = span.root
    for steps in range(30):
        if tok == target:
            return steps
        if tok.head is tok:
            break
        tok = tok.head
    # not under the target: distance through the common ancestor
    ancestors = {t.i: k for k, t in enumerate([target, *target.ancestors])}
    tok, steps = span.root, 0
    while True:
        if tok.i in ancestors:
            return steps + ancestors[tok.i] + 5
        if tok.head is tok:
            return 99
        tok, steps = tok.head, steps + 1


def _governing_verb(tok):
    """The nearest verb at or above ``tok`` (the sentence root when there is none)."""
    for _ in range(30):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _attached(doc: Doc, timex: dict, main) -> bool:
    """Whether the timex dates ``main``: its governing verb is ``main``'s own verb or one above it.

    "they agree …, and intend to meet during the Olympics": "during the Olympics" dates the
    meeting, not the agreeing; "On Wednesday, Xi said Russia supported …" dates both.
    """
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    if span is None or len(span) == 0 or main is None:
        return True
    verb = _governing_verb(span.root)
    while verb.dep_ in ("relcl", "acl") and verb.head is not verb:
        verb = _governing_verb(verb.head)   # "the discussion, which lasted from 4:07 p.m., …": the noun's clause
    target = _governing_verb(main)
    return verb == target or verb in target.ancestors


def _main_token(doc: Doc, sent_start: int, sent_end: int, trigger: Optional[tuple[int, int]] = None):
    if trigger is not None:
        span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    span = doc.char_span(sent_start, sent_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if doc.has_annotation("DEP"):
        roots = [t for t in span if t.head is t or not (sent_start <= t.head.idx < sent_end)]
        verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
        return (verbs or roots or [span.root])[0]
    return span.root


def governing_timex(doc: Optional[Doc], sent_start: int, sent_end: int, *, dct: str | None,
                    timexes: list[dict] | None = None, trigger: Optional[tuple[int, int]] = None) -> dict:
    """The time expression that dates the sentence ``doc.text[sent_start:sent_end]``.

    Returns ``{"value", "text", "how"}``: ``how`` is ``"timex"`` (a DATE/TIME expression in the
    sentence, the one syntactically closest to the main verb — or to ``trigger``, char offsets —
    and among equals the most specific), ``"inferred"`` (that expression was resolved from an
    event rather than the text), ``"article"`` (none in the sentence: defaulted to ``dct``) or
    None (no date at all).
    """
    if timexes is None:
        timexes = list(getattr(doc._, "timexes", None) or []) if doc is not None else []
    inside = [
        t for t in timexes
        if t.get("start", -1) >= sent_start and t.get("end", 10**12) <= sent_end
        and t.get("type") not in _SKIP_TYPES and re.match(r"\d", t.get("value") or "")
    ]
    main = _main_token(doc, sent_start, sent_end, trigger) if doc is not None and inside else None
    if main is not None and doc.has_annotation("DEP"):
        inside = [t for t in inside if _attached(doc, t, main)]
    if inside:
        anchor = trigger[0] if trigger else sent_start

        def rank(t: dict):
            dist = _tree_distance(doc, t["start"], t["end"], main) if main is not None else 0
            return (dist, -specificity(t["value"]), abs(t["start"] - anchor))

        best = min(inside, key=rank)
        value = best["value"]
        if best.get("type") == "TIME" and re.match(r"\d{4}-\d{2}-\d{2}T", value):
            value = value[:10]          # events are dated to the day
        return {"value": value, "text": best.get("text"),
                "how": "inferred" if best.get("inferred") else "timex"}
    if dct:
        return {"value": str(dct)[:10], "text": None, "how": "article"}
    return {"value": None, "text": None, "how": None}


# ---------------------------------------------------------------- publication dates

def infer_publication_dates(articles: Sequence[Article], timexes: Mapping[str, Sequence[TimeRef]],
                            events: Sequence[Event] = ()) -> list[Article]:
    """``articles`` with a publication date inferred for those that have none (``published_how="inferred"``).

    Evidence, strongest first: a scheduled event the article names together with a weekday
    (the weekday falls inside the event's dates), an absolute day-level date it cites (the
    article is on or after the latest), and dated events of other articles it repeats.  An
    article with no usable evidence keeps ``published=None``, ``published_how="unknown"``.
    """
    out = []
    for article in articles:
        if article.published is not None:
            out.append(article)
            continue
        own = [t if isinstance(t, TimeRef) else TimeRef.from_dict(t) for t in timexes.get(article.id, ())]
        published, evidence = _infer_one(article, own, articles, timexes, events)
        if published:
            out.append(article.replace(published=published, published_how="inferred", published_evidence=evidence))
        else:
            out.append(article.replace(published=None, published_how="unknown",
                                       published_evidence=evidence or "no datable reference in the text"))
    return out


def _day(value: Optional[str]) -> Optional[dt.date]:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


_FUTURE_RE = tense_cue("article_future")
#: full weekday names (the timex lexicon's, without its abbreviations) and their numbers, Monday 0
_WEEKDAY_NUM = {w.capitalize(): i for w, i in lexicon()["weekdays"].items() if w.endswith("day")}
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAY_NUM) + r")\b")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return left, (min(rights) if rights else len(text))


def _from_scheduled(article: Article) -> tuple[Optional[str], Optional[str]]:
    """A scheduled event named in the same sentence as a weekday: the first such weekday inside the event."""
    from ..timex.events import find_scheduled

    text = article.text
    for start, end, event in sorted(find_scheduled(text), key=lambda x: x[0]):
        a, b = _sentence_bounds(text, start, end)
        if _FUTURE_RE.search(text, a, b):
            continue    # "they will meet during the Olympics on Friday": written before the event
        for wm in _WEEKDAY_RE.finditer(text, a, b):
            wd = _WEEKDAY_NUM[wm.group(1)]
            day = event.start
            while day <= event.end:
                if day.weekday() == wd:
                    return day.isoformat(), (
                        f"names the {event.name} ({event.value}) with '{wm.group(1)}' in the same sentence:"
                        f" {wm.group(1)} {day.isoformat()}")
                day += dt.timedelta(days=1)
    return None, None


def _event_key(e: Event) -> tuple:
    return (e.event_type, tuple(sorted(a.code or "" for a in e.source)), tuple(sorted(a.code or "" for a in e.target)))


def _infer_one(article: Article, own: list[TimeRef], articles: Sequence[Article],
              timexes: Mapping[str, Sequence[TimeRef]], events: Sequence[Event]) -> tuple[Optional[str], Optional[str]]:
    """``(published, evidence)`` for one undated article; ``published`` None when it cannot be dated."""
    published, evidence = _from_scheduled(article)
    if published:
        return published, evidence
    notes = []
    absolute = [(t, _day(t.value)) for t in own if t.anchor == "absolute" and t.type in ("DATE", "TIME")]
    days = [(t, d) for t, d in absolute if d is not None]
    # other articles' dated events that this article repeats (same type and actors)
    dated_articles = {a.id for a in articles if a.published}
    theirs: dict[tuple, list[dt.date]] = {}
    for e in events:
        dated = e.date_how in ("clause", "sentence", "contact", "timex", "inferred")  # not defaulted
        if e.article_id in dated_articles and dated and _day(e.date):
            theirs.setdefault(_event_key(e), []).append(_day(e.date))
    repeated = [max(theirs[_event_key(e)]) for e in events if e.article_id == article.id and _event_key(e) in theirs]
    candidates = [(d, f"cites {t.text!r} ({d.isoformat()})") for t, d in days]
    candidates += [(d, f"repeats an event other articles date {d.isoformat()}") for d in repeated]
    if candidates:
        d, why = max(candidates, key=lambda x: x[0])
        return d.isoformat(), f"latest dated reference: {why}"
    from ..timex.events import find_scheduled

    past_events = sorted({(e.start, e.name) for _, _, e in find_scheduled(article.text)})
    if past_events:
        start, name = past_events[-1]
        notes.append(f"names the {name}, so probably published on or after {start.isoformat()}")
    years = [t.value[:4] for t in own if t.anchor == "absolute" and t.value and re.match(r"\d{4}", t.value)]
    if years:
        notes.append(f"no day-level evidence; mentions {max(years)}, so published in or after {max(years)}")
    return None, "; ".join(notes) or None
