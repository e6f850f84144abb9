"""What the parse, the sentence and the article tell of how far an event can be trusted.

The confidence model (:mod:`.confidence`) reads, besides the rule, modality and sides, features of
the event's setting, named here from structure only:

- :func:`clause` — where the trigger stands: the main clause, a complement clause ("said that ...",
  "wants to ..."), an adverbial clause ("after ..."), a relative or participle clause, a noun phrase;
- :func:`tense` — the trigger's form (past, present, base form, gerund, noun);
- :func:`voice_and_mood` — a question, a first or second person outside quotations, a long sentence;
- :func:`side_origin` — a side not named in the sentence itself (taken from context: the article's
  country, an earlier sentence);
- :func:`dyad` — two different countries on the two sides;
- :func:`crossed` — the QuadClass and the PLOVER type crossed with the kind of source;
- :func:`sentence_features` — how many events the sentence holds, where it stands in the article;
- :func:`article_features` — whether the article is political news: the share of its sentences with
  a coded state or organisation, the number of events coded in it.

The bands of the counts and shares are data (``article_share_bands`` etc. in
``data/events/confidence.json``).  The coder lists those of these features named in ``signals`` of
the data file (:func:`listed`): those that ``benchmarks/fit_confidence.py --ablate`` found to lower the
cross-validated loss on unseen topic families; the others are computed and left out.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Token

from .confidence import weights
from .filters import sentence_share

__all__ = ["clause", "tense", "voice_and_mood", "side_origin", "dyad", "crossed", "sentence_features", "article_features", "listed",
           "political_share"]

_COMPLEMENT = ("ccomp", "xcomp", "parataxis")
_RELATIVE = ("relcl", "acl")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def listed(names: Sequence[str]) -> list[str]:
    """Those of ``names`` the coder lists (``signals`` of the data file: the features of the setting
    that ``benchmarks/fit_confidence.py --ablate`` found to help on unseen topics)."""
    keep = weights().get("signals", ())
    return [n for n in names if n in keep]


def clause(anchor: Token) -> str:
    """Where the trigger's clause stands: "main clause", "complement clause", "adverbial clause",
    "relative clause or participle", "noun phrase" or "other clause".  A conjunct stands where
    its first conjunct stands ("met and agreed": both in the main clause)."""
    t = anchor
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ == "ROOT":
        return "main clause"
    if t.dep_ in _COMPLEMENT:
        return "complement clause"
    if t.dep_ == "advcl":
        return "adverbial clause"
    if t.dep_ in _RELATIVE:
        return "relative clause or participle"
    if t.pos_ in _NOMINAL:
        return "noun phrase"
    return "other clause"


def tense(trigger: Token) -> str:
    """The trigger's form: "told in the past" (VBD, or a participle with a past auxiliary ...),
    "told in the present", "told as a base form", "told as a gerund", "told as a noun" (the
    fine-grained tag; a verb's participle counts as past)."""
    tag = trigger.tag_
    if tag in ("VBD", "VBN"):
        return "told in the past"
    if tag in ("VBZ", "VBP"):
        return "told in the present"
    if tag == "VB":
        return "told as a base form"
    if tag == "VBG":
        return "told as a gerund"
    return "told as a noun" if trigger.pos_ in _NOMINAL else "told otherwise"


def voice_and_mood(sent) -> list[str]:
    """"a question": the sentence ends with a question mark; "a first or second person": the
    sentence has "I", "we", "you" ... (``voice_pronouns`` of ``data/events/modality.json``) outside
    quotation marks (a writer's or reader's comment); "a long sentence": over ``long_sentence`` tokens."""
    from .assess import cue_set

    out = []
    if sent.text.rstrip().rstrip("'\"”’ ").endswith("?"):
        out.append("a question")
    pronouns, inside = cue_set("voice_pronouns"), False
    for t in sent:
        if t.text in ('"', "“", "”", "``", "''"):
            inside = (not inside) if t.text == '"' else t.text in ("“", "``")
        elif not inside and t.lower_ in pronouns:
            out.append("a first or second person")
            break
    if len(sent) > int(weights().get("long_sentence", 40)):
        out.append("a long sentence")
    return out


def _named_in(actors: Sequence[dict], start: int, end: int) -> bool:
    return any(a.get("start") is not None and start <= a["start"] < end for a in actors)


def side_origin(event: dict, start: int, end: int) -> list[str]:
    """"source from context" / "target from context": a side none of whose actors is named between
    the sentence's character offsets ``start`` and ``end``."""
    out = []
    for side in ("source", "target"):
        actors = event.get(side) or []
        if actors and not _named_in(actors, start, end):
            out.append(f"{side} from context")
    return out


def _countries(actors: Sequence[dict]) -> set:
    private = weights()["private_sectors"]
    return {a["code"] for a in actors if a.get("code") and len(a["code"]) == 3 and a.get("sector") not in private}


def dyad(event: dict) -> list[str]:
    """"two countries": the sides are coded countries and none of the source's is on the target side."""
    source, target = _countries(event.get("source") or []), _countries(event.get("target") or [])
    return ["two countries"] if source and target and not source & target else []


def _source_kinds(event: dict) -> list[str]:
    from .confidence import _kind

    return sorted({_kind(a) for a in event.get("source") or []}) or ["none"]


def crossed(event: dict) -> list[str]:
    """The QuadClass and the PLOVER type each crossed with the kind of source ("quad 4 by state",
    "ACCUSE by private")."""
    out = []
    for kind in _source_kinds(event):
        if event.get("quad_class"):
            out.append(f"quad {event['quad_class']} by {kind}")
        if event.get("event_type"):
            out.append(f"{event['event_type']} by {kind}")
    return out


def _band(value: float, bands: Sequence, name: str) -> str:
    """``name`` with the label of the first band whose upper bound ``value`` is under (the last otherwise)."""
    for upper, label in bands:
        if upper is None or value < upper:
            return f"{name} {label}"
    return f"{name} {bands[-1][1]}"


def sentence_features(n_events: int, index: int, n_sentences: int) -> list[str]:
    """The sentence's events and place: "several events in the sentence", "lead sentence" (one of
    the article's first ``lead_sentences``), "late in the article" (in its last half)."""
    out = []
    if n_events > 1:
        out.append("several events in the sentence")
    if index < int(weights().get("lead_sentences", 3)):
        out.append("lead sentence")
    if n_sentences > 4 and index >= n_sentences / 2:
        out.append("late in the article")
    return out


def political_share(doc: Doc, mentions: Sequence[dict]) -> float:
    """The share of the document's sentences that name a coded state or organisation (not a
    private sector)."""
    private = weights()["private_sectors"]
    return sentence_share(list(doc.sents), [doc[m["token_start"]].idx for m in mentions
                                            if m.get("code") and m.get("sector") not in private])


def article_features(share: float, n_events: int) -> list[str]:
    """The article's bands: political share ("political article low/mid/high") and its number of
    coded events ("article events few/some/many")."""
    w = weights()
    return [_band(share, w["article_share_bands"], "political article"),
            _band(n_events, w["article_event_bands"], "article events")]
