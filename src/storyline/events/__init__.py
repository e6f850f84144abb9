"""Event coding: sentences that report political events become PLOVER/CAMEO records.

The ``storyline_events`` component reads the dependency parse and ``doc._.actors`` (from
``storyline_actors``).  For each sentence with an actor mention it finds triggers — verbs in the
PETRARCH-derived lexicon and event nouns ("talks", "phone call", "condemnation") — and for each one
the CAMEO code (verb + particle, PETRARCH phrase patterns, promises/plans/requests through the
to-complement), source and target actors (subjects, passive agents, objects and prepositional
objects; coordination, possessives and light coreference: "the two leaders", "the sides", "he"),
negation, intent, date (:func:`storyline.dating.governing_timex`) and place.  Events go to
``doc._.events`` as :class:`storyline.model.Event` dicts without ids, main event of a sentence first.
"""
from __future__ import annotations

import collections
import re
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from .coder import _DEFY, EventCandidate, SentenceCoder, depth
from ..actors.mentions import DATELINE_RE
from .coref import Coref
from . import types
from .lexicon import cameo_map, cameo_rule, event_lexicon, load_cameo_table, plover_of, word_set
from ..dates import BACKGROUND_DAYS, date_interval, is_background_date

try:  # the dating stage may not be installed in every checkout
    from ..corpus.dating import governing_timex as _governing_timex
except ImportError:  # pragma: no cover
    _governing_timex = None

__all__ = ["code_doc", "code_doc_triggers", "code_jsonl", "load_cameo_table", "EventsComponent", "SPANS_KEY"]

#: the ``doc.spans`` key of event triggers
SPANS_KEY = "storyline_events"
_SKIP_TEXT_RE = re.compile(r"cookies|subscribe|newsletter|read more|all rights reserved|click here|sign up",
                           re.IGNORECASE)


def _dct_day(dct: Optional[str]) -> Optional[str]:
    return dct[:10] if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct) else None


def _after(value: Optional[str], dct: Optional[str]) -> bool:
    """True when a TIMEX3 value starts after the article's date (week and month values included)."""
    span, day = date_interval(value), date_interval(dct)
    return bool(span and day) and span[0] > day[1]


def _date_for(doc: Doc, sent: Span, trigger: Token) -> dict:
    dct = _dct_day(doc._.dct)
    if _governing_timex is not None:
        try:
            return _governing_timex(doc, sent.start_char, sent.end_char, dct=dct, timexes=doc._.timexes,
                                    trigger=(trigger.idx, trigger.idx + len(trigger)))
        except Exception:  # noqa: BLE001 - dating must never stop coding
            pass
    return {"value": dct, "text": None, "how": "article" if dct else None}


def _plain_actor(a: dict) -> dict:
    return {"text": a.get("text"), "code": a.get("code"), "sector": a.get("sector"), "name": a.get("name"),
            "start": a.get("start"), "end": a.get("end")}


def _dateline(doc: Doc) -> Optional[str]:
    m = DATELINE_RE.match(doc[:120].text_with_ws[:120])
    if m and not m.group(1).strip().lower().startswith(("news", "date", "by ")):
        return m.group(1).strip().title()
    return None


def _location(doc: Doc, sent: Span, trigger: Token) -> Optional[str]:
    top = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB" else trigger
    for t in top.subtree:
        if t.ent_type_ in ("GPE", "LOC", "FAC") and t.head.lower_ in ("in", "at") and t.dep_ == "pobj":
            ent = next((e for e in sent.ents if e.start <= t.i < e.end), None)
            if ent is not None:
                return ent.text
    return None


_CIVIL_SECTORS = word_set("civil_sectors")
#: codes that mean something else when civilians do them: clashes and blockades are violent protest
_CIVIL_CODES = cameo_map("civil_adjust")
_STATE_CODES = cameo_map("state_adjust")
_HACKER_RE = re.compile(r"\b(?:hackers?|cyber\w*)\b", re.IGNORECASE)
_PROTESTER_RE = re.compile(r"\b(?:protesters?|protestors?|demonstrators?|marchers?|rallygoers?)\b", re.IGNORECASE)


def _is_civil(actor: dict) -> bool:
    if actor.get("sector") in _CIVIL_SECTORS:
        return True
    if actor.get("sector") or actor.get("name"):
        return False
    last = (actor.get("text") or "").lower().split()[-1:] or [""]
    return bool(actor.get("code")) and last[0].endswith(("ans", "ese", "people", "supporters", "residents"))


def _civil_adjust(row, source: list[dict], trigger: Token):
    """Adjust a code by who acts: protesters who "clash" riot (145); a state that "blocks" vetoes (129)."""
    civil = bool(source) and all(_is_civil(a) for a in source)
    if civil and trigger.lemma_.lower() == "strike" and trigger.pos_ == "NOUN":
        return plover_of(cameo_rule("civil_strike")) or row
    if row.plover == types.ASSAULT and source and all(_HACKER_RE.search(a.get("text") or "") for a in source):
        return plover_of(cameo_rule("cyber_attack")) or row   # PLOVER COERCE "cyber": hackers who attack or target
    if row.plover == types.REQUEST and source and all(_PROTESTER_RE.search(a.get("text") or "") for a in source):
        # PLOVER: "protests (including protests making requests)" are PROTEST, not REQUEST
        return plover_of(cameo_rule("protest_request")) or row
    code = (_CIVIL_CODES if civil else _STATE_CODES).get(row.code)
    if code is None or code == row.code:
        return row
    return plover_of(code) or row


def _domestic(source: list[dict], location: Optional[str], dct: Optional[str]) -> list[dict]:
    """Uncoded domestic actors ("police", "thousands of people") take the country where they act."""
    source = _named_first(source)
    if not location or any(a.get("code") for a in source) or not source:
        return source
    if any(a.get("sector") in ("GOV", "MIL") or not a.get("sector") for a in source):
        return source   # officials and troops may be abroad; police and protesters act at home
    from ..actors import resolve_actor

    place = resolve_actor(location, date=dct)
    if place is None or not place.code or len(place.code) != 3:
        return source
    return [{**a, "code": place.code} for a in source]


def _named_first(actors: list[dict]) -> list[dict]:
    """Drop an unnamed duplicate ("his Russian counterpart") of a named actor with the same code."""
    named = {a.get("code") for a in actors if a.get("name") and a.get("code")}
    return [a for a in actors if a.get("name") or a.get("code") not in named]


def _record(doc: Doc, sent: Span, sent_text: str, ev: EventCandidate, *, dateline: Optional[str],
            dct: Optional[str], background_days: int) -> dict:
    """The Event dict of a coded trigger: code adjusted by who acts, place, date, flags."""
    row, trigger = ev.row, ev.trigger
    location = _location(doc, sent, trigger) or dateline
    row = _civil_adjust(row, ev.source, trigger)
    source = _domestic(ev.source, location, doc._.dct)
    date = _date_for(doc, sent, trigger)
    if not ev.intent and _after(date.get("value"), dct) and date.get("how") != "article":
        date = {"value": dct, "text": None, "how": "article"}
    return {
        "event_type": row.plover, "cameo": row.code, "mode": row.mode or None,
        "goldstein": row.goldstein, "quad_class": row.quad_class,
        "source": [_plain_actor(a) for a in source],
        "target": [_plain_actor(a) for a in _named_first(ev.target)],
        "date": date.get("value"), "date_text": date.get("text"), "date_how": date.get("how"),
        "location": location,
        "negated": ev.negated, "intent": ev.intent,
        "trigger": trigger.text, "sentence": sent_text,
        "start": sent.start_char, "end": sent.end_char,
        "background": is_background_date(date.get("value"), dct, days=background_days),
    }


def code_doc_triggers(doc: Doc, *, background_days: int = BACKGROUND_DAYS) -> tuple[list[dict], list[Token]]:
    """:func:`code_doc` with the trigger token of each event (same order)."""
    if not doc.has_annotation("DEP"):
        return [], []
    mentions = doc._.actors
    if mentions is None:
        from ..actors import find_actor_mentions

        mentions = find_actor_mentions(doc, date=doc._.dct)
    coref = Coref(doc, mentions)
    dateline, dct = _dateline(doc), _dct_day(doc._.dct)
    out: list[dict] = []
    triggers: list[Token] = []
    text = doc.text             # a sentence's text is its slice (Span.text rebuilds it token by token)
    for sent in doc.sents:
        coref.enter_sentence(sent)
        if not coref.sentence_has_actors(sent):
            continue
        sent_text = text[sent.start_char:sent.end_char]
        if _SKIP_TEXT_RE.search(sent_text):
            continue
        events = SentenceCoder(doc, coref).code_sentence(sent)
        for ev in events:
            out.append(_record(doc, sent, sent_text, ev, dateline=dateline, dct=dct,
                               background_days=background_days))
            triggers.append(ev.trigger)
        if events:
            coref.note_event(events[0].source)
    return _date_by_dated_contact(out), triggers


def code_doc(doc: Doc, *, background_days: int = BACKGROUND_DAYS) -> list[dict]:
    """Code every sentence of an annotated ``doc``: Event dicts without ids, main event first.

    ``background_days``: an event dated more than this many days before the article is background."""
    return code_doc_triggers(doc, background_days=background_days)[0]


#: the contact a sentence may be told inside of
_CONTACT_RE = re.compile(r"\b(?:in|during|at|after|on|from|via) (?:the|their|this|that|a|an) (?:\w+ ){0,2}"
                         r"(?:call|conversation|meeting|summit|talks|visit|videoconference|conference)\b", re.I)


def _coded_parties(ev: dict) -> frozenset:
    return frozenset(a["code"] for a in ev["source"] + ev["target"] if a.get("code"))


def _date_by_dated_contact(events: list[dict]) -> list[dict]:
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


@Language.factory(
    "storyline_events",
    assigns=["doc._.events", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma"],
    default_config={"background_days": BACKGROUND_DAYS, "spans_key": SPANS_KEY},
)
def make_events_component(nlp: Language, name: str, background_days: int, spans_key: str) -> "EventsComponent":
    return EventsComponent(background_days=background_days, spans_key=spans_key)


class EventsComponent:
    """Codes events: ``doc._.events`` = list of Event dicts (no ids), main event of a sentence first,
    and ``doc.spans[spans_key]`` their trigger tokens (same order, label: the PLOVER type; empty key:
    no spans).  ``background_days``: events dated more than this many days before the article are
    ``background``."""

    def __init__(self, *, background_days: int = BACKGROUND_DAYS, spans_key: str = SPANS_KEY) -> None:
        event_lexicon()
        load_cameo_table()
        self.background_days = background_days
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        events, triggers = code_doc_triggers(doc, background_days=self.background_days)
        doc._.events = events
        if self.spans_key:
            doc.spans[self.spans_key] = [Span(doc, t.i, t.i + 1, label=e["event_type"])
                                         for e, t in zip(events, triggers)]
        return doc


def _iso(date: object) -> Optional[str]:
    if not date:
        return None
    s = str(date).strip()
    m = re.match(r"^(\d{4})(\d{2})(\d{2})$", s)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.match(r"^(\d{2})(\d{2})(\d{2})$", s)
    if m:
        return f"20{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return s[:10] if re.match(r"\d{4}-\d{2}-\d{2}", s) else None


def fallback_events(doc: Doc) -> list[dict]:
    """For single-sentence coding (``storyline code``) when the parse-based coder found nothing:
    the highest lexicon trigger in the tree with the named actors around it, flagged ``fallback``.
    Never used in article runs, where an uncoded sentence simply has no event."""
    if not doc.has_annotation("DEP"):
        return []
    lex = event_lexicon()
    mentions = [m for m in (doc._.actors or []) if m.get("code")]
    if not mentions:
        return []
    candidates = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lex.verbs.get(lemma, "") is not None:
            code = lex.verb_code(lemma)
            objects = lex.verb_objects.get(lemma, {})
            if any(c.dep_ in ("dobj", "obj") and objects.get(c.lemma_.lower(), "") is None for c in tok.children):
                continue   # "signed a decree": no agreement signed
        elif tok.pos_ == "NOUN":
            if tok.head.lemma_.lower() in _DEFY:
                continue   # "violated the treaty"
            code = lex.nouns.get(tok.lower_) or lex.nouns.get(lemma)
        else:
            continue
        row = plover_of(code)
        if row is not None:
            candidates.append((depth(tok), tok.i, tok, row))
    if not candidates:
        return []
    _d, _i, tok, row = min(candidates, key=lambda c: (c[0], c[1]))
    before = [m for m in mentions if m["root"] < tok.i]
    after = [m for m in mentions if m["root"] > tok.i]
    source = before[-1:] or after[:1]
    target = [m for m in after if m is not source[0] and m["code"] != source[0]["code"]][:1]
    sent = tok.sent
    date = _date_for(doc, sent, tok)
    return [{
        "event_type": row.plover, "cameo": row.code, "mode": row.mode or None,
        "goldstein": row.goldstein, "quad_class": row.quad_class,
        "source": [_plain_actor(a) for a in source], "target": [_plain_actor(a) for a in target],
        "date": date.get("value"), "date_text": date.get("text"), "date_how": date.get("how"),
        "location": None, "negated": False, "intent": False, "trigger": tok.text, "sentence": sent.text,
        "start": sent.start_char, "end": sent.end_char, "background": False, "fallback": True,
    }]


def code_jsonl(records: Iterable[dict], *, model: Optional[str] = None, batch_size: int = 64) -> Iterator[dict]:
    """For ``storyline code``: ``{id, text, date}`` in, ``{id, events: [...]}`` out, in input order.

    A record with ``error``, without text, or whose analysis fails gives ``{id, events: [], error}``.
    """
    from ..nlp import annotate_records, load_nlp

    def make_doc(nlp, record: dict):
        doc = nlp.make_doc(record["text"])
        doc._.dct = _iso(record.get("date") or record.get("dct"))
        return doc

    return annotate_records(records, load=lambda: load_nlp(model), field="events", make_doc=make_doc,
                            extract=lambda doc: doc._.events or fallback_events(doc), batch_size=batch_size)
