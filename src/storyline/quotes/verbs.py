"""The reporting-verb attribution: a verb cue, its speaker, its content (a complement, a quotation next
to it, a block quotation after a colon) and the cue's words.

:func:`verb_attribution` runs the steps in order: :func:`find_verb_cue` (is the token a cue?),
:func:`verb_speaker` (who?), :func:`_locate_content` (what was said, as character bounds),
:func:`_grow_over_marks` (the quotation marks the content touches, split quotes joined) and
:func:`_verb_cue_span` (the cue's words)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .content import closing_cue, content_tokens, pro_form, told_object
from .content_edges import cut_final_relative, cut_tail
from .cues import cue_through
from .lexicon import Cue, word_set
from .spans import overlaps, paragraph, quote_kind, span_of, trim
from .speakers import SpeakerFields, outer_speaker, subject


@dataclass
class DocState:
    """What the rules share over one document: its text, cue lexicon, quotation marks (in text order),
    the marks already taken by a quote, and the first mark not closed before the current sentence."""
    doc: Doc
    text: str
    cues: dict
    marks: list[tuple[int, int]]
    speakers: SpeakerFields
    used_marks: set[int] = field(default_factory=set)
    mark_i: int = 0

    def marks_in(self, start: int, end: int) -> list[int]:
        return [k for k, m in enumerate(self.marks) if m[0] < end and start < m[1]]


@dataclass(frozen=True)
class SentState:
    """One sentence: its span, the marks it overlaps (indices into ``DocState.marks``) and where its
    body starts (after a headline the parser ran into it)."""
    sent: Span
    marks: tuple[int, ...]
    body_from: int


@dataclass
class _Located:
    """A verb cue's content bounds and how they were found: from the complement's tokens (``content``),
    after a colon, from the quotation closing the sentence before (``prev_lead``), or from the clause
    before a closing ", she said." (``closing``)."""
    start: int
    end: int
    content: Optional[list[Token]] = None
    colon: Optional[int] = None
    prev_lead: Optional[int] = None
    closing: Optional[tuple[int, int]] = None

    @property
    def by_quotation(self) -> bool:
        """Taken from a quotation near the cue (no complement, colon, preceding quotation or clause)."""
        return self.content is None and self.colon is None and self.prev_lead is None and self.closing is None


def _phrasal_cue(tok: Token, lemma: str, cues: dict) -> Optional[Cue]:
    """Phrasal cues ("laid out his vision", "brushed off the criticism"): verb and particle."""
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    return cues.get(lemma + " " + prt.lower_) if prt is not None else None


def _clause_said_of_person(tok: Token, lemma: str) -> bool:
    """Any verb taking a clause, said of a person: a generic cue."""
    return tok.pos_ == "VERB" and lemma not in word_set("light_verbs") \
        and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children) \
        and any(c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                       or c.lower_ in ("he", "she", "they", "i", "we"))
                for c in tok.children)


def _experiencer(tok: Token) -> Optional[Token]:
    """"Protesters were frustrated that …", "she was convinced that …": a feeling or belief about a
    clause, held by the passive subject."""
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) \
            and any(c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ == "that"
                                                              for m in c.children) for c in tok.children):
        return next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    return None


def find_verb_cue(tok: Token, cues: dict) -> Optional[tuple[Cue, Optional[Token]]]:
    """The cue a verb is (listed, phrasal, or generic) with the experiencer of a passive feeling, or None."""
    lemma = tok.lemma_.lower()
    cue = cues.get(lemma)
    if cue is None:
        cue = _phrasal_cue(tok, lemma, cues)
    if cue is None and _clause_said_of_person(tok, lemma):
        cue = Cue(lemma, "generic", "c")
    experiencer = None
    if cue is None:
        experiencer = _experiencer(tok)
        if experiencer is not None:
            cue = Cue(lemma, "generic", "c")
    if cue is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "nsubj", "dobj", "pobj"):
        return None
    if lemma in word_set("purpose_topic_verbs") and tok.tag_ == "VB" and tok.dep_ in ("advcl", "xcomp") \
            and tok.head.lemma_.lower() not in cues:
        return None        # "met to discuss the threats": the purpose of a meeting, not what was said
    return cue, experiencer


def verb_speaker(tok: Token, cue: Cue, experiencer: Optional[Token], sent: Span, cues: dict) -> Optional[Token]:
    """The subject who says (thinks, holds) what the verb reports."""
    subj = experiencer or (None if "s" in cue.complements else (outer_speaker(tok, cues) or subject(tok)))
    if subj is None and tok.dep_ in ("advcl", "conj", "xcomp"):
        before = [t for t in sent if t.dep_ == "nsubj" and t.i < tok.i and t.pos_ in ("PROPN", "PRON", "NOUN")]
        subj = before[-1] if before else None
    if subj is None and tok.tag_ == "VBG" and tok.i == sent.start:
        # "Calling Putin "an old friend," Xi described …": the participle's subject follows
        after = [t for t in sent if t.dep_ == "nsubj" and t.i > tok.i and t.pos_ in ("PROPN", "PRON", "NOUN")]
        subj = after[0] if after else None
    return subj


def _adjacent(mark: tuple[int, int], cue: Token, subj: Optional[Token], text: str) -> bool:
    """Is the quote right before the attribution (“…,” he said) or right after it (he said, “…”)?"""
    toks = [cue] + ([subj.left_edge, subj.right_edge] if subj is not None else [])
    first = min(t.idx for t in toks)
    last = max(t.idx + len(t.text) for t in toks)
    return bool(re.fullmatch(r"[\s,]*", text[mark[1]:first]) if mark[1] <= first
                else re.fullmatch(r"[\s,:]*", text[last:mark[0]]) if last <= mark[0] else False)


def _lead_quotation(d: DocState, s: SentState, tok: Token, subj: Optional[Token], content,
                    para) -> tuple[Optional[int], bool]:
    """The quotation a speech verb introduces right after it ("while chanting, “Hands up, don't shoot.”")
    or closes right before its sentence ("“Is that all there is?” Trump said.": the parser ended a
    sentence at '?'), as a mark index, and whether it is the one before."""
    text, marks = d.text, d.marks
    gap = re.match(r"[ \t]*,?[ \t]*", text[tok.idx + len(tok.text): tok.idx + len(tok.text) + 8])
    at = tok.idx + len(tok.text) + gap.end()
    k = bisect.bisect_left(marks, (at, 0))
    if k < len(marks) and marks[k][0] == at and k not in d.used_marks and (content is None or not any(
            marks[k][0] <= t.idx < marks[k][1] for t in content)):
        return k, False
    k = d.mark_i - 1
    if content is None and d.mark_i > 0 and marks[k][1] <= s.sent.start_char and k not in d.used_marks \
            and para[0] <= marks[k][0] and _adjacent(marks[k], tok, subj, text):
        return k, True
    return None, False


def _near_quotations(d: DocState, s: SentState, tok: Token, subj: Optional[Token], para) -> Optional[_Located]:
    """"said in a statement" with a quote elsewhere in its sentence; else the clause before a closing
    ", she said." the parse missed."""
    text, marks = d.text, d.marks
    local = [k for k in s.marks if para[0] <= marks[k][0] < para[1]]
    spans = [marks[k] for k in local if k not in d.used_marks
             and (0 <= tok.idx - marks[k][1] < 80 or 0 <= marks[k][0] - tok.idx < 80)
             and (len(text[marks[k][0]:marks[k][1]].split()) >= 4 or _adjacent(marks[k], tok, subj, text))]
    if spans:
        return _Located(spans[0][0], spans[-1][1])
    closing = closing_cue(tok, subj, s.sent, text)
    return _Located(*closing, closing=closing) if closing is not None else None


def _after_colon(d: DocState, colon: int) -> Optional[_Located]:
    """"said:" and the quote, maybe in the next paragraph; or "The governor added:" closing its
    paragraph: the next paragraph is a block quotation."""
    text, marks = d.text, d.marks
    at = d.doc[colon].idx + 1
    k = bisect.bisect_left(marks, (at, 0))
    if k < len(marks) and not text[at:marks[k][0]].strip():
        d.used_marks.add(k)
        return _Located(*marks[k], colon=colon)
    line_end = paragraph(text, at)[1]
    nxt = line_end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if text[at:line_end].strip() or nxt >= len(text):
        return None
    return _Located(*trim(text, nxt, paragraph(text, nxt)[1]), colon=colon)


def _of_tokens(text: str, tok: Token, content: list[Token], para) -> Optional[_Located]:
    """The bounds of a complement's tokens within the cue's paragraph, its tail cut off."""
    content = cut_final_relative(cut_tail([t for t in content if para[0] <= t.idx < para[1]], tok))
    if not content:
        return None
    c_start, c_end = trim(text, *span_of(content))
    if c_start < tok.idx < c_end:
        # “…,” writes X, …: the content stops at the quote that precedes the cue
        cut = re.search(r"[,.!?][”\"’']\s*$", text[c_start:tok.idx])
        if cut:
            c_start, c_end = trim(text, c_start, c_start + cut.end())
    return _Located(c_start, c_end, content=content)


def _locate_content(d: DocState, s: SentState, tok: Token, cue: Cue, subj: Optional[Token],
                    para) -> Optional[_Located]:
    """Where the verb's content is: a quotation next to it, its complement, what follows its colon."""
    doc = d.doc
    content = content_tokens(tok, cue, d.text)
    if not content and cue.kind == "speech" and "c" in cue.complements:
        content = pro_form(tok) or told_object(tok) or content
    colon = tok.i + 1 if content is None and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" else None
    lead, before = (None, False)
    if cue.kind == "speech" and colon is None:
        lead, before = _lead_quotation(d, s, tok, subj, content, para)
    if lead is not None:
        d.used_marks.add(lead)
        return _Located(*d.marks[lead], prev_lead=lead if before else None)
    if content is None and colon is None:
        return _near_quotations(d, s, tok, subj, para) if cue.kind == "speech" else None
    if content is None:
        return _after_colon(d, colon)
    return _of_tokens(d.text, tok, content, para) if content else None


def _grow_over_marks(d: DocState, s: SentState, tok: Token, subj: Optional[Token], loc: _Located, para) -> None:
    """Grow the content over the quote marks it touches (over every quotation near the cue when it was
    found by one); join the second part of a quote split by the cue (“A,” he said, “B.”)."""
    text, marks = d.text, d.marks
    local = [k for k in s.marks if para[0] <= marks[k][0] < para[1]]
    own = span_of(subj.subtree) if subj is not None and subj.i > tok.i else (0, 0)
    for k in d.marks_in(loc.start, loc.end) + [k for k in local if k not in d.used_marks]:
        m = marks[k]
        if overlaps(m, (loc.start, loc.end)) or (loc.by_quotation
                                                  and not own[0] <= m[0] < own[1]):   # not in "said X, who …"
            loc.start, loc.end = min(loc.start, m[0]), max(loc.end, m[1])
            d.used_marks.add(k)
    after = max(tok.idx + len(tok.text), subj.right_edge.idx + len(subj.right_edge.text)
                if subj is not None and subj.i > tok.i else 0)
    for k in local:
        m = marks[k]
        if k not in d.used_marks and m[0] > tok.idx and loc.end <= tok.idx and m[0] - tok.idx < 60 \
                and (subj is None or m[0] > subj.idx) and after <= m[0] \
                and re.fullmatch(r"[\s,;:]*", text[after:m[0]]):
            # “A,” he said, “B.”
            if text[loc.end - 1:loc.end] in "”\"" or text[loc.end - 2:loc.end - 1] in "”\"":
                loc.end = m[1]
                d.used_marks.add(k)
    _unquoted_continuation(d, s, tok, subj, loc, local)


def _unquoted_continuation(d: DocState, s: SentState, tok: Token, subj: Optional[Token], loc: _Located,
                           local: list[int]) -> None:
    """“Only you,” she said, would do that: the quoted subject goes on unquoted after the cue."""
    text, doc, sent = d.text, d.doc, s.sent
    if text[loc.end - 2:loc.end] not in (",”", ',"') or loc.end > tok.idx:
        return
    last = max([tok] + ([subj.right_edge] if subj is not None and subj.i > tok.i else []), key=lambda t: t.i)
    if last.i + 2 < sent.end and doc[last.i + 1].text == "," and doc[last.i + 2].tag_ in ("MD", "VBZ", "VBD", "VBP") \
            and doc[last.i + 2].is_lower and not any(d.marks[k][0] >= doc[last.i + 1].idx for k in local
                                                      if d.marks[k][0] < sent.end_char):
        loc.end = trim(text, doc[last.i + 2].idx, sent.end_char)[1]
        if text[loc.end - 1:loc.end] in ".!?":
            loc.end -= 1


def _verb_cue_end(doc: Doc, sent: Span, tok: Token, subj: Optional[Token], c_start: int) -> int:
    """The cue's end: with its particle and the preposition that introduces what was said ("called for
    X", "spoke about X", "was accused of X", "accusing her of X", "was first reported by X")."""
    cue_end = tok.idx + len(tok.text)
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            cue_end = child.idx + len(child.text)
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.i > tok.i and child.i + 1 < sent.end \
                and child.idx + len(child.text) <= c_start <= doc[child.i + 1].idx \
                and not (subj is not None and tok.i < subj.i < child.i):
            cue_end = child.idx + len(child.text)
    return cue_through(doc, cue_end, c_start)


def _verb_cue_start(doc: Doc, sent: Span, tok: Token, subj: Optional[Token], c_start: int, c_end: int) -> int:
    """The cue's start: auxiliaries, negation and adverbs right before the verb belong to the cue ("has
    also said"), and so does the verb it completes ("appeared to suggest", "could not resist pointing out")."""
    cue_start = tok.idx
    head = tok
    for _ in range(3):
        k = head.i - 1
        while k >= sent.start and doc[k].head.i == head.i and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod") \
                and doc[k].tag_ != "WRB" and not doc[k].is_punct and k > (subj.i if subj is not None and subj.i < tok.i else -1):
            cue_start = doc[k].idx
            k -= 1
        if k >= sent.start and doc[k].dep_ == "prt" and doc[k].head.i == head.head.i:
            k -= 1                                      # "went on to say"
        if not (head.dep_ == "xcomp" and head.head.pos_ in ("VERB", "AUX") and head.head.i == k
                and not c_start <= head.head.idx < c_end and (subj is None or subj.i < head.head.i or subj.i > tok.i)):
            break
        head = head.head
        cue_start = head.idx
    return cue_start


def verb_attribution(d: DocState, s: SentState, tok: Token) -> Optional[dict]:
    """The quote a reporting verb attributes, or None."""
    found = find_verb_cue(tok, d.cues)
    if found is None:
        return None
    cue, experiencer = found
    para = paragraph(d.text, tok.idx)
    subj = verb_speaker(tok, cue, experiencer, s.sent, d.cues)
    loc = _locate_content(d, s, tok, cue, subj, para)
    if loc is None or loc.end <= loc.start:
        return None
    _grow_over_marks(d, s, tok, subj, loc, para)
    c_start, c_end, text = loc.start, loc.end, d.text
    kind = quote_kind(d.marks, c_start, c_end)
    cue_end = _verb_cue_end(d.doc, s.sent, tok, subj, c_start)
    cue_start = _verb_cue_start(d.doc, s.sent, tok, subj, c_start, c_end)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
         "cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end}
    q.update(d.speakers.within(subj, para))
    return q
