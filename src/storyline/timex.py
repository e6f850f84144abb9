"""Time expressions: find them in text and normalise them to TIMEX3 values.

:func:`extract_timexes` runs the grammar of :mod:`storyline.timex_rules` over a text, keeps the
longest non-overlapping matches, joins ranges ("24th April to 26th April" →
``2024-04-24/2024-04-26``) and resolves relative expressions against the document creation
time (DCT), using the tense of the governing verb from the spaCy parse when a ``Doc`` is given.
Event-anchored expressions ("on the sidelines of the Beijing Olympics") are resolved against a
packaged table of scheduled events (:mod:`storyline.timex_events`) and marked ``inferred``.

The spaCy factory ``storyline_timex`` stores ``doc._.timexes`` (TimeRef dicts) using
``doc._.dct``; :func:`timex_jsonl` backs the ``storyline timex`` command.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc._ attributes)
from .model import TimeRef
from .timex_rules import Candidate, Context, find_candidates, parse_dct

__all__ = ["extract_timexes", "timex_jsonl", "make_tense_finder", "TimexComponent"]

_FUTURE_WORDS = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planned|planning|scheduled|expected\s+to|"
    r"is\s+to|are\s+to|set\s+to|due\s+to|intends?\s+to|would|upcoming|next)\b", re.I)
_PAST_WORDS = re.compile(r"\b(?:was|were|had|did|said|\w+ed)\b", re.I)


def _sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


def make_tense_finder(text: str, doc: Optional[Doc] = None):
    """A function ``(start, end) -> "past" | "future" | "present" | None``: the tense governing a span."""

    def tense_from_words(start: int, end: int) -> Optional[str]:
        a, b = _sentence_window(text, start, end)
        window = text[a:b]
        if _FUTURE_WORDS.search(window):
            return "future"
        if _PAST_WORDS.search(window):
            return "past"
        return None


    if doc is not None and doc.has_annotation("DEP"):
        def tense_from_parse(start: int, end: int) -> Optional[str]:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                return tense_from_words(start, end)
            tok = span.root
            for _ in range(8):
                if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
                    break
                if tok.head is tok:
                    break
                tok = tok.head
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            words = {a.lower_ for a in aux}
            if words & {"will", "'ll", "shall", "wo"}:
                return "future"
            if any(a.lower_ == "to" for a in aux) and tok.head is not tok:
                # infinitive: "plans to meet on Friday", "agreed to meet in February"
                head = tok.head
                if head.lemma_ in ("plan", "intend", "expect", "schedule", "hope", "aim", "want", "agree",
                                   "promise", "vow", "pledge", "prepare", "set", "due", "going", "be"):
                    return "future"
                tok = head
                words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
                if words & {"will", "'ll", "shall"}:
                    return "future"
            if words & {"would", "could", "may", "might", "should"}:
                return None
            if tok.tag_ in ("VBD", "VBN") or "Past" in tok.morph.get("Tense") or words & {"was", "were", "had", "did"}:
                return "past"
            if tok.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
                return "future"
            if tok.tag_ in ("VBZ", "VBP"):
                return "present"
            return tense_from_words(start, end)
        return tense_from_parse

    return tense_from_words


# ---------------------------------------------------------------- overlap resolution and ranges

_RULE_PRIORITY = {"mdy": 9, "dmy": 9, "iso": 9, "slash": 8, "md": 7, "dm": 7, "my": 7, "event": 8}


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest-first, non-overlapping selection (ties: more specific rule, resolved value)."""
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -_RULE_PRIORITY.get(c.rule, 5),
                                         c.value is None, c.start))
    taken: list[Candidate] = []
    for c in cands:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


_RANGE_JOIN = re.compile(r"^\s*(?:to|through|until|till|-|–|—|and)\s*$", re.I)
_DAY_RANGE = re.compile(r"^(?:[-–]|\s+to\s+|\s+and\s+)(\d{1,2})(?:st|nd|rd|th)?\b")


def _join_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join "24th April to 26th April" / "from May 3 to May 5" / "April 24-26" into one DATE range."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if (i + 1 < len(cands) and c.type == "DATE" and cands[i + 1].type == "DATE"
                and c.value and cands[i + 1].value
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cands[i + 1].value)
                and _RANGE_JOIN.match(text[c.end:cands[i + 1].start])
                and c.value < cands[i + 1].value):
            n = cands[i + 1]
            between = text[c.end:n.start].strip().lower()
            if between != "and" or re.search(r"\bbetween\s+$", text[max(0, c.start - 9):c.start], re.I):
                out.append(Candidate(c.start, n.end, "DATE", f"{c.value}/{n.value}", c.anchor, "range",
                                     c.inferred or n.inferred))
                i += 2
                continue
        if c.type == "DATE" and c.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value):
            m = _DAY_RANGE.match(text[c.end:c.end + 12])
            if m and int(m.group(1)) > int(c.value[-2:]) and int(m.group(1)) <= 31:
                end_value = f"{c.value[:8]}{int(m.group(1)):02d}"
                out.append(Candidate(c.start, c.end + m.end(), "DATE", f"{c.value}/{end_value}", c.anchor,
                                     "range", c.inferred))
                i += 1
                continue
        out.append(c)
        i += 1
    return out


def _trim_doc_bounds(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        s, e = c.start, c.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            c.start, c.end = s, e
            out.append(c)
    return out


def extract_timexes(text: str, dct: str | None, *, doc: Optional[Doc] = None) -> list[TimeRef]:
    """Time expressions in ``text``, normalised to TIMEX3 values anchored on ``dct``.

    Offsets are exact character offsets into ``text``.  ``doc`` (a parsed spaCy Doc of the same
    text) lets the tense of governing verbs decide weekday and month references.
    """
    if not text:
        return []
    if doc is not None and doc.text != text:
        doc = None
    ctx = Context(text, parse_dct(dct), make_tense_finder(text, doc))
    cands = list(find_candidates(ctx))
    try:
        from .timex_events import event_candidates
        cands.extend(event_candidates(ctx))
    except ImportError:  # pragma: no cover
        pass
    chosen = _join_ranges(text, _select(_trim_doc_bounds(text, cands)))
    return [
        TimeRef(start=c.start, end=c.end, text=text[c.start:c.end], type=c.type, value=c.value,
                anchor=c.anchor if c.value else None, inferred=c.inferred)
        for c in chosen
    ]


# ---------------------------------------------------------------- spaCy component and JSONL

class TimexComponent:
    """Pipeline component: ``doc._.timexes`` = TimeRef dicts for ``doc.text`` anchored on ``doc._.dct``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = [t.to_dict() for t in extract_timexes(doc.text, doc._.dct, doc=doc)]
        return doc


@Language.factory("storyline_timex", assigns=["doc._.timexes"], requires=["doc._.dct"])
def make_timex_component(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent(nlp, name)


def _out(t: dict) -> dict:
    return {k: t[k] for k in ("start", "end", "text", "type", "value")}


def timex_jsonl(records: Iterable[dict], *, model: Optional[str] = None, batch_size: int = 32) -> Iterator[dict]:
    """``storyline timex``: ``{id, text, dct}`` records in, ``{id, timexes: [...]}`` out, in input order."""
    from .nlp import load_nlp

    nlp = None
    pending: list[tuple[dict, Optional[str]]] = []

    def flush() -> Iterator[dict]:
        nonlocal nlp
        good = [(r, err) for r, err in pending if err is None]
        docs = {}
        if good:
            nlp = nlp or load_nlp(model, components=("storyline_timex",))
            made = []
            for r, _ in good:
                d = nlp.make_doc(r["text"])
                d._.dct = r.get("dct")
                made.append((d, id(r)))
            for d, key in nlp.pipe(made, as_tuples=True, batch_size=batch_size):
                docs[key] = d
        for r, err in pending:
            if err is not None:
                yield {"id": r.get("id"), "timexes": [], "error": err}
            else:
                yield {"id": r.get("id"), "timexes": [_out(t) for t in docs[id(r)]._.timexes or []]}
        pending.clear()

    for record in records:
        if "error" in record:
            pending.append((record, str(record["error"])))
        elif not isinstance(record.get("text"), str):
            pending.append((record, "missing text"))
        else:
            pending.append((record, None))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()
