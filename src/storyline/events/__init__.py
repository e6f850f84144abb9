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

import re
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from .coder import _DEFY, depth
from .dating import date_for
from .lexicon import event_lexicon, load_cameo_table, plover_of
from .record import code_doc, code_doc_triggers
from .sides import plain_actor
from ..dates import BACKGROUND_DAYS

__all__ = ["code_doc", "code_doc_triggers", "code_jsonl", "load_cameo_table", "EventsComponent", "SPANS_KEY"]

#: the ``doc.spans`` key of event triggers
SPANS_KEY = "storyline_events"


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
    date = date_for(doc, sent, tok)
    return [{
        "event_type": row.plover, "cameo": row.code, "mode": row.mode or None,
        "goldstein": row.goldstein, "quad_class": row.quad_class,
        "source": [plain_actor(a) for a in source], "target": [plain_actor(a) for a in target],
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
