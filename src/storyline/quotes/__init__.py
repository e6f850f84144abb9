"""Who said what: direct, indirect and mixed quotes with cue and speaker.

Three sources of evidence, merged per sentence:

1. a tolerant quote-mark scanner (:func:`scan_quote_marks`): straight, curly, guillemet and
   low-9 marks, nested single quotes, quotes running over several paragraphs, unbalanced marks
   closed at the end of their paragraph — it never raises and is linear in the text;
2. the dependency parse: a reporting verb from ``data/quote_cues.tsv`` (or any verb taking a clause
   said of a named person) with its subject as speaker and its clausal complement (or infinitive /
   object, per verb) as content — "Putin stated that the two countries share ideals such as 'not
   interfering …'"; nominal cues ("Clinton's assertion that …"); "said:" before a quote;
3. "according to X" attributions.

Quotes no cue claims are kept when they are eight words or more (a paragraph that is only a quote
continues the last speaker); "“A,” he said. “B.”" becomes one quote whose ``pieces`` leave the attribution
out (:func:`_content_pieces`); short scare quotes are dropped.

Speakers are mention spans in the text; pronouns and plural descriptions ("he", "the two leaders",
"the statement") are resolved to the last named person / group, and the resolved name is coded
with :func:`storyline.actors.resolve_actor` when that stage is installed.  A plural speaker gets
comma-joined codes (``RUS,CHN``).

The spaCy component ``storyline_quotes`` writes ``doc._.quotes`` (plain dicts, see
:class:`storyline.model.Quote`, without ``id``/``article_id``).
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from .lexicon import Cue, cue_lexicon, word_set
from .spans import _overlaps, _paragraph, _quote_kind, _span_of, _trim
from .marks import scan_quote_marks
from .speakers import _Memory, _code_names, _outer_speaker, _resolve_names, _speaker_span, _subject
from .cues import _cue_through
from .content_edges import _cut_final_relative, _cut_tail
from .content import _closing_cue, _content_tokens, _pro_form, _told_object
from .rules import _according_to, _adjective_attribution, _copular_claim, _copular_stance, _noun_attribution, _received_stance, _reportedly
from .verbs import _adjacent
from .headlines import _colon_headlines, _dash_signature, _headline, _title_attributions, _transcript_turns
from .merge import _absorb_adjacent, _add_uncued, _dedupe, _drop_overlapping, _quoted_words_of, _through_colon
from .pieces import _content_pieces


__all__ = ["scan_quote_marks", "extract_quotes", "quotes_jsonl", "cue_lexicon", "QuoteExtractor"]


def extract_quotes(doc: Doc) -> list[dict]:
    """Quote dicts (``Quote`` fields without id/article_id) for an annotated ``Doc``."""
    text = doc.text
    cues = cue_lexicon()
    marks = sorted(scan_quote_marks(text))
    actors = list(doc._.actors or ())
    dct = doc._.dct
    memory = _Memory(doc)
    quotes: list[dict] = []
    used_marks: set[int] = set()
    mark_i = 0

    def marks_in(start: int, end: int) -> list[int]:
        return [k for k, m in enumerate(marks) if m[0] < end and start < m[1]]

    def speaker_fields(subj: Optional[Token], start: Optional[int] = None, end: Optional[int] = None) -> dict:
        if subj is None and start is None:
            return {"speaker": None, "speaker_code": None, "speaker_sector": None,
                    "speaker_start": None, "speaker_end": None}
        if subj is not None:
            start, end = _speaker_span(subj, text)
        mention = text[start:end]
        head = subj
        if head is None:
            span = doc.char_span(start, end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
        names = _resolve_names(mention, head, memory)
        head_end = head.idx + len(head) if head is not None else None
        code, sector = _code_names(names, mention, dct, actors, start, end, head_end)
        speaker = " and ".join(names) if len(names) > 1 else names[0]
        return {"speaker": speaker, "speaker_code": code, "speaker_sector": sector,
                "speaker_start": start, "speaker_end": end}

    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        body_from = s_start
        if _headline(text, sent):
            head_end = _paragraph(text, s_start)[1]
            if sent.end_char <= head_end + 1 or not text[head_end:sent.end_char].strip():
                memory.see_sentence(sent)
                continue
            body_from = head_end     # a headline the parser ran into the first sentence: read what follows
        while mark_i < len(marks) and marks[mark_i][1] <= s_start:
            mark_i += 1
        sent_marks = [k for k in range(mark_i, len(marks)) if marks[k][0] < s_end and s_start < marks[k][1]]
        sent_quoted = [marks[k] for k in sent_marks]

        def quoted(tok: Token) -> bool:     # a word inside the quoted words is no cue
            return any(m[0] < tok.idx < m[1] for m in sent_quoted)

        found: list[dict] = []
        for tok in sent:
            if tok.idx < body_from:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN":
                if "n:" + lemma in cues and not quoted(tok):
                    q = _copular_claim(tok, marks, speaker_fields, text) \
                        or _noun_attribution(tok, marks, speaker_fields, text, cues["n:" + lemma])
                    if q is not None:
                        found.append(q)
                continue
            if tok.pos_ == "ADJ":
                if "a:" + lemma in cues and tok.dep_ == "acomp" \
                        and not quoted(tok):
                    q = _adjective_attribution(tok, cues["a:" + lemma], marks, speaker_fields, text)
                    if q is not None:
                        found.append(q)
                continue
            if lemma == "be" and not quoted(tok):
                q = _copular_stance(tok, marks, speaker_fields, text)
                if q is not None:
                    found.append(q)
                    continue
            if tok.pos_ == "VERB" and lemma in word_set("receiving_verbs") \
                    and not quoted(tok):
                q = _received_stance(tok, marks, speaker_fields, text)
                if q is not None:
                    found.append(q)
                    continue
            cue = cues.get(lemma)
            if cue is None:
                # phrasal cues ("laid out his vision", "brushed off the criticism"): verb and particle
                prt = next((c for c in tok.children if c.dep_ == "prt"), None)
                cue = cues.get(lemma + " " + prt.lower_) if prt is not None else None
            if cue is None and tok.pos_ == "VERB" and lemma not in word_set("light_verbs") \
                    and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children) \
                    and any(c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                                   or c.lower_ in ("he", "she", "they", "i", "we"))
                            for c in tok.children):
                cue = Cue(lemma, "generic", "c")      # any verb taking a clause, said of a person
            experiencer = None
            if cue is None and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) \
                    and any(c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                      for m in c.children) for c in tok.children):
                # "Protesters were frustrated that …", "she was convinced that …": a feeling or belief
                # about a clause, held by the passive subject
                experiencer = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
                if experiencer is not None:
                    cue = Cue(lemma, "generic", "c")
            if cue is None or tok.pos_ not in ("VERB", "AUX"):
                continue
            if tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "nsubj", "dobj", "pobj"):
                continue
            if lemma in word_set("purpose_topic_verbs") and tok.tag_ == "VB" and tok.dep_ in ("advcl", "xcomp") \
                    and tok.head.lemma_.lower() not in cues:
                continue        # "met to discuss the threats": the purpose of a meeting, not what was said
            if quoted(tok):
                continue        # a verb inside the quoted words is not the cue
            para = _paragraph(text, tok.idx)
            local_marks = [k for k in sent_marks if para[0] <= marks[k][0] < para[1]]
            if cue.kind == "attitude" and tok.dep_ in ("amod", "compound"):
                continue
            subj = experiencer or (None if "s" in cue.complements else (_outer_speaker(tok, cues) or _subject(tok)))
            if subj is None and tok.dep_ in ("advcl", "conj", "xcomp"):
                before = [t for t in sent if t.dep_ == "nsubj" and t.i < tok.i and t.pos_ in ("PROPN", "PRON", "NOUN")]
                subj = before[-1] if before else None
            if subj is None and tok.tag_ == "VBG" and tok.i == sent.start:
                # "Calling Putin "an old friend," Xi described …": the participle's subject follows
                after = [t for t in sent if t.dep_ == "nsubj" and t.i > tok.i and t.pos_ in ("PROPN", "PRON", "NOUN")]
                subj = after[0] if after else None
            content = _content_tokens(tok, cue, text)
            if not content and cue.kind == "speech" and "c" in cue.complements:
                content = _pro_form(tok) or _told_object(tok) or content
            colon = None
            if content is None and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":":
                colon = tok.i + 1
            lead = prev_lead = closing = None
            if cue.kind == "speech" and colon is None:
                # "while chanting, “Hands up, don't shoot.”": a quote right after the cue is what was said
                gap = re.match(r"[ \t]*,?[ \t]*", text[tok.idx + len(tok.text): tok.idx + len(tok.text) + 8])
                at = tok.idx + len(tok.text) + gap.end()
                k = bisect.bisect_left(marks, (at, 0))
                if k < len(marks) and marks[k][0] == at and k not in used_marks and (content is None or not any(
                        marks[k][0] <= t.idx < marks[k][1] for t in content)):
                    content, lead = None, k
            if lead is None and content is None and colon is None and cue.kind == "speech" and mark_i > 0 \
                    and marks[mark_i - 1][1] <= s_start and mark_i - 1 not in used_marks \
                    and para[0] <= marks[mark_i - 1][0] and _adjacent(marks[mark_i - 1], tok, subj, text):
                # closing the quotation right before its sentence ("“Is that all there is?” Trump said."):
                # the parser ended a sentence at '?'
                lead = prev_lead = mark_i - 1
            if lead is not None:
                c_start, c_end = marks[lead]
                used_marks.add(lead)
            elif content is None and colon is None:
                # "said in a statement" with a quote elsewhere in the sentence, or closing the one
                # before it ("“Is that all there is?” Trump said.": the parser ended a sentence at '?')
                if cue.kind != "speech":
                    continue
                spans = [marks[k] for k in local_marks if k not in used_marks
                         and (0 <= tok.idx - marks[k][1] < 80 or 0 <= marks[k][0] - tok.idx < 80)
                         and (len(text[marks[k][0]:marks[k][1]].split()) >= 4 or _adjacent(marks[k], tok, subj, text))]
                if spans:
                    c_start, c_end = spans[0][0], spans[-1][1]
                else:
                    # no quotation to take: the clause before a closing ", she said." the parse missed
                    closing = _closing_cue(tok, subj, sent, text)
                    if closing is None:
                        continue
                    c_start, c_end = closing
            elif content is None:
                at = doc[colon].idx + 1
                k = bisect.bisect_left(marks, (at, 0))
                if k < len(marks) and not text[at:marks[k][0]].strip():
                    c_start, c_end = marks[k]       # "said:" and the quote, maybe in the next paragraph
                    used_marks.add(k)
                else:
                    # "The governor added:" closing its paragraph: the next paragraph is a block quotation
                    line_end = _paragraph(text, at)[1]
                    nxt = line_end
                    while nxt < len(text) and text[nxt].isspace():
                        nxt += 1
                    if text[at:line_end].strip() or nxt >= len(text):
                        continue
                    c_start, c_end = _trim(text, nxt, _paragraph(text, nxt)[1])
            else:
                if not content:
                    continue
                content = _cut_final_relative(_cut_tail([t for t in content if para[0] <= t.idx < para[1]], tok))
                if not content:
                    continue
                c_start, c_end = _span_of(content)
                c_start, c_end = _trim(text, c_start, c_end)
                if c_start < tok.idx < c_end:
                    # “…,” writes X, …: the content stops at the quote that precedes the cue
                    cut = re.search(r"[,.!?][”\"’']\s*$", text[c_start:tok.idx])
                    if cut:
                        c_end = c_start + cut.end()
                        c_start, c_end = _trim(text, c_start, c_end)
            if c_end <= c_start:
                continue
            # grow over quote marks the content touches; split quotes around the cue join up
            own = _span_of(subj.subtree) if subj is not None and subj.i > tok.i else (0, 0)
            for k in marks_in(c_start, c_end) + [k for k in local_marks if k not in used_marks]:
                m = marks[k]
                if _overlaps(m, (c_start, c_end)) or (content is None and colon is None and prev_lead is None
                                                      and closing is None
                                                      and not own[0] <= m[0] < own[1]):   # not in "said X, who …"
                    c_start, c_end = min(c_start, m[0]), max(c_end, m[1])
                    used_marks.add(k)
            for k in local_marks:
                m = marks[k]
                after = max(tok.idx + len(tok.text), subj.right_edge.idx + len(subj.right_edge.text)
                            if subj is not None and subj.i > tok.i else 0)
                if k not in used_marks and m[0] > tok.idx and c_end <= tok.idx and m[0] - tok.idx < 60 \
                        and (subj is None or m[0] > subj.idx) and after <= m[0] \
                        and re.fullmatch(r"[\s,;:]*", text[after:m[0]]):
                    # “A,” he said, “B.”
                    if text[c_end - 1:c_end] in "”\"" or text[c_end - 2:c_end - 1] in "”\"":
                        c_end = m[1]
                        used_marks.add(k)
            if text[c_end - 2:c_end] in (",”", ',"') and c_end <= tok.idx:
                # “Only you,” she said, would do that: the quoted subject goes on unquoted after the cue
                last = max([tok] + ([subj.right_edge] if subj is not None and subj.i > tok.i else []), key=lambda t: t.i)
                if last.i + 2 < sent.end and doc[last.i + 1].text == "," and doc[last.i + 2].tag_ in ("MD", "VBZ", "VBD", "VBP") \
                        and doc[last.i + 2].is_lower and not any(marks[k][0] >= doc[last.i + 1].idx for k in local_marks
                                                                  if marks[k][0] < sent.end_char):
                    c_end = _trim(text, doc[last.i + 2].idx, sent.end_char)[1]
                    if text[c_end - 1:c_end] in ".!?":
                        c_end -= 1
            kind = _quote_kind(marks, c_start, c_end)
            cue_start, cue_end = tok.idx, tok.idx + len(tok.text)
            for child in tok.children:
                if child.dep_ == "prt" and child.i == tok.i + 1:
                    cue_end = child.idx + len(child.text)
            # the preposition that introduces what was said belongs to the cue: "called for X",
            # "spoke about X", "was accused of X", "accusing her of X", "was first reported by X"
            for child in tok.children:
                if child.dep_ in ("prep", "agent") and child.i > tok.i and child.i + 1 < sent.end \
                        and child.idx + len(child.text) <= c_start <= doc[child.i + 1].idx \
                        and not (subj is not None and tok.i < subj.i < child.i):
                    cue_end = child.idx + len(child.text)
            cue_end = _cue_through(doc, cue_end, c_start)
            # auxiliaries, negation and adverbs right before the verb belong to the cue: "has also said"
            # and so does the verb it completes ("appeared to suggest", "could not resist pointing out")
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
            q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
                 "cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end}
            if subj is not None and not (para[0] <= subj.idx < para[1]):
                inside = [t for t in subj.subtree if para[0] <= t.idx < para[1] and not t.is_space]
                if inside:
                    sp = _trim(text, *_span_of(inside))
                    q.update(speaker_fields(None, sp[0], sp[1]))
                else:
                    q.update(speaker_fields(None))
            else:
                q.update(speaker_fields(subj))
            found.append(q)
        found.extend(_reportedly(sent, marks, speaker_fields, text))
        according = _according_to(sent, marks, used_marks, speaker_fields, text)
        if according:
            found = [q for q in found if not _quoted_words_of(q, according, doc, cues)]
            found.extend(according)
        _absorb_adjacent(found, sent_quoted, text)
        memory.see_sentence(sent)
        quotes.extend(found)
    quotes.extend(_colon_headlines(text, quotes, speaker_fields))
    quotes.extend(_title_attributions(text, quotes, speaker_fields))
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    quotes = _drop_overlapping(quotes)
    turns = _transcript_turns(text, speaker_fields)
    if turns:
        quotes = sorted([q for q in quotes if not any(_overlaps((q["start"], q["end"]), (t["start"], t["end"]))
                                                      for t in turns)] + turns, key=lambda q: (q["start"], q["end"]))
    quotes = _dedupe(_add_uncued(text, marks, quotes, speaker_fields))
    for q in quotes:
        _through_colon(text, q, quotes)
        _dash_signature(text, q, speaker_fields)
        q["pieces"] = _content_pieces(text, q, marks)
    return quotes


@Language.factory("storyline_quotes", assigns=["doc._.quotes"], requires=["token.dep", "token.lemma"])
def make_quote_extractor(nlp: Language, name: str) -> "QuoteExtractor":
    return QuoteExtractor()


class QuoteExtractor:
    """spaCy component: ``doc._.quotes`` = list of quote dicts."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc)
        return doc


_JSONL_FIELDS = ("start", "end", "text", "speaker", "speaker_start", "speaker_end", "kind", "cue",
                 "speaker_code", "pieces")


def _record_doc(nlp: Language, record: dict) -> Doc:
    """A Doc for a JSONL record; its ``dct``/``date`` (if any) dates the speakers' roles."""
    doc = nlp.make_doc(record["text"])
    date = record.get("dct") or record.get("date")
    doc._.dct = date if isinstance(date, str) else None
    return doc


def quotes_jsonl(records: Iterable[dict], *, model: Optional[str] = None,
                 batch_size: int = 16) -> Iterator[dict]:
    """``{id, text}`` records (optionally ``dct``) → ``{id, quotes: [...]}``, one per input, in order;
    a record with ``error``, without text, or whose analysis fails gives ``{id, quotes: [], error}``."""
    from ..nlp import annotate_records, load_nlp

    return annotate_records(
        records, load=lambda: load_nlp(model) if model else load_nlp(), field="quotes", make_doc=_record_doc,
        extract=lambda doc: [{k: q.get(k) for k in _JSONL_FIELDS} for q in (doc._.quotes or ())],
        batch_size=batch_size)
