"""When an event happened: the time expression that governs its trigger, else the article's date;
and, inside one article, a contact the article dates elsewhere ("Wednesday's Putin-Xi virtual summit")."""
from __future__ import annotations

import collections
import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import types
from ..dates import date_interval

try:  # the dating stage may not be installed in every checkout
    from ..corpus.dating import governing_timex as _governing_timex
except ImportError:  # pragma: no cover
    _governing_timex = None

__all__ = ["dct_day", "after_article", "date_for", "date_by_dated_contact"]


def dct_day(dct: Optional[str]) -> Optional[str]:
    return dct[:10] if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct) else None


def after_article(value: Optional[str], dct: Optional[str]) -> bool:
    """True when a TIMEX3 value starts after the article's date (week and month values included)."""
    span, day = date_interval(value), date_interval(dct)
    return bool(span and day) and span[0] > day[1]


def date_for(doc: Doc, sent: Span, trigger: Token) -> dict:
    dct = dct_day(doc._.dct)
    if _governing_timex is not None:
        try:
            return _governing_timex(doc, sent.start_char, sent.end_char, dct=dct, timexes=doc._.timexes,
                                    trigger=(trigger.idx, trigger.idx + len(trigger)))
        except Exception:  # noqa: BLE001 - dating must never stop coding
            pass
    return {"value": dct, "text": None, "how": "article" if dct else None}


#: the contact a sentence may be told inside of
_CONTACT_RE = re.compile(r"\b(?:in|during|at|after|on|from|via) (?:the|their|this|that|a|an) (?:\w+ ){0,2}"
                         r"(?:call|conversation|meeting|summit|talks|visit|videoconference|conference)\b", re.I)


def _coded_parties(ev: dict) -> frozenset:
    return frozenset(a["code"] for a in ev["source"] + ev["target"] if a.get("code"))


def date_by_dated_contact(events: list[dict]) -> list[dict]:
    """Event-anchored dating inside one article: a sentence with no date of its own that tells of a
    contact (CONSULT) between two coded parties — "Xi hailed relations in a video call with Putin" —
    is the contact the article dates elsewhere ("Wednesday's Putin-Xi virtual summit"), when the
    article dates exactly one recent contact between those parties; its events take that day,
    marked ``inferred``."""
    dated: dict[frozenset, set[str]] = collections.defaultdict(set)
    for ev in events:
        iv = date_interval(ev["date"])
        if (ev["event_type"] == types.CONSULT and ev["date_how"] in ("timex", "inferred") and iv and iv[2] == 3
                and not (ev["intent"] or ev["negated"] or ev["background"])):
            dated[_coded_parties(ev)].add(ev["date"])
    if not dated:
        return events
    by_sentence: dict[int, list[dict]] = collections.defaultdict(list)
    for ev in events:
        by_sentence[ev["start"]].append(ev)
    for members in by_sentence.values():
        if any(ev["date_how"] != "article" for ev in members):
            continue
        told = [ev for ev in members if ev["event_type"] == types.CONSULT and not (ev["intent"] or ev["negated"])]
        if not told and _CONTACT_RE.search(members[0]["sentence"]):
            told = members          # "In the call, Xi praised Putin's stance": the call's parties act in it
        days = set()
        for ev in told:
            parties = _coded_parties(ev)
            if len(parties) >= 2:
                days |= {d for key, ds in dated.items() if len(key & parties) >= 2 for d in ds}
        if len(days) != 1:
            continue
        day = days.pop()
        for ev in members:
            if not ev["intent"]:
                ev.update(date=day, date_text=None, date_how="inferred")
    return events
