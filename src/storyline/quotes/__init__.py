"""Who said what: direct, indirect and mixed quotes with cue and speaker.

Three sources of evidence, merged per sentence:

1. a tolerant quote-mark scanner (:func:`scan_quote_marks`): straight, curly, guillemet and
   low-9 marks, nested single quotes, quotes running over several paragraphs, unbalanced marks
   closed at the end of their paragraph — it never raises and is linear in the text;
2. the dependency parse: a reporting verb from ``data/quotes/quote_cues.tsv`` (or any verb taking a clause
   said of a named person) with its subject as speaker and its clausal complement (or infinitive /
   object, per verb) as content — "Putin stated that the two countries share ideals such as 'not
   interfering …'"; nominal cues ("Clinton's assertion that …"); "said:" before a quote;
3. "according to X" attributions.

Quotes no cue claims are kept when they are eight words or more (a paragraph that is only a quote
continues the last speaker); "“A,” he said. “B.”" becomes one quote whose ``pieces`` leave the attribution
out (:func:`content_pieces`); short scare quotes are dropped.

Speakers are mention spans in the text; pronouns and plural descriptions ("he", "the two leaders",
"the statement") are resolved to the last named person / group, and the resolved name is coded
with :func:`storyline.actors.resolve_actor` when that stage is installed.  A plural speaker gets
comma-joined codes (``RUS,CHN``).

The spaCy component ``storyline_quotes`` writes ``doc._.quotes`` (plain dicts, see
:class:`storyline.model.Quote`, without ``id``/``article_id``) and each quote's content as a span in
``doc.spans["storyline_quotes"]`` (labelled with its kind).  Its setting ``code_speakers`` (default true)
codes speakers to actors.

Modules: :mod:`.lexicon` (cues and word sets from ``data/quotes/``), :mod:`.marks` (quote-mark
scanner), :mod:`.spans` (character-span helpers), :mod:`.speakers` (speaker mentions, resolution,
codes), :mod:`.cues` (cue helpers), :mod:`.content` and :mod:`.content_edges` (what a reporting verb
reports and where it stops), :mod:`.verbs` (the reporting-verb rule), :mod:`.rules` (nominal, adjective,
copular, 'reportedly', 'according to' rules), :mod:`.headlines` (headlines, "Source: claim" lines,
transcripts), :mod:`.merge` (overlaps, uncued quotations, split quotes), :mod:`.pieces` (content pieces).
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from .agency import can_speak, cue_reports
from .headlines import colon_headlines, dash_signature, headline, title_attributions, transcript_turns
from .lexicon import cue_lexicon, word_set
from .marks import scan_quote_marks
from .merge import absorb_adjacent, add_uncued, dedupe, drop_overlapping, quoted_words_of, through_colon
from .pieces import content_pieces
from .rules import (according_to, adjective_attribution, copular_claim, copular_stance, noun_attribution,
                    received_stance, reportedly)
from .spans import overlaps, paragraph
from .speakers import SpeakerFields, Memory
from .verbs import DocState, SentState, verb_attribution

__all__ = ["scan_quote_marks", "extract_quotes", "quotes_jsonl", "cue_lexicon", "QuoteExtractor"]


def extract_quotes(doc: Doc, *, code_speakers: bool = True) -> list[dict]:
    """Quote dicts (``Quote`` fields without id/article_id) for an annotated ``Doc``; ``code_speakers``
    codes each speaker to an actor (``speaker_code``, ``speaker_sector``)."""
    text = doc.text
    marks = sorted(scan_quote_marks(text))
    memory = Memory(doc, marks)
    d = DocState(doc, text, cue_lexicon(), marks, SpeakerFields(doc, text, memory, code=code_speakers))
    quotes: list[dict] = []
    for sent in doc.sents:
        s = _sentence(d, sent)
        if s is not None:
            quotes.extend(_sentence_quotes(d, s))
        memory.see_sentence(sent)
    return _document_quotes(d, quotes)


def _sentence(d: DocState, sent: Span) -> Optional[SentState]:
    """The sentence's state, or None for a headline the parser cannot read (the layout rules do)."""
    text, marks = d.text, d.marks
    s_start, s_end = sent.start_char, sent.end_char
    body_from = s_start
    if headline(text, sent):
        head_end = paragraph(text, s_start)[1]
        if sent.end_char <= head_end + 1 or not text[head_end:sent.end_char].strip():
            return None
        body_from = head_end     # a headline the parser ran into the first sentence: read what follows
    while d.mark_i < len(marks) and marks[d.mark_i][1] <= s_start:
        d.mark_i += 1
    sent_marks = tuple(k for k in range(d.mark_i, len(marks)) if marks[k][0] < s_end and s_start < marks[k][1])
    return SentState(sent, sent_marks, body_from)


def _noun_rule(d: DocState, s: SentState, tok: Token) -> Optional[dict]:
    """A noun cue: "the question is whether …", "Clinton's criticism of Trump"."""
    cue = d.cues.get("n:" + tok.lemma_.lower())
    if cue is None:
        return None
    return copular_claim(tok, d.marks, d.speakers, d.text) \
        or noun_attribution(tok, d.marks, d.speakers, d.text, cue)


def _adjective_rule(d: DocState, s: SentState, tok: Token) -> Optional[dict]:
    """An adjective cue after a copula: "critical of the deal", "hopeful that …"."""
    cue = d.cues.get("a:" + tok.lemma_.lower())
    if cue is None or tok.dep_ != "acomp":
        return None
    return adjective_attribution(tok, cue, d.marks, d.speakers, d.text)


def _copular_rule(d: DocState, s: SentState, tok: Token) -> Optional[dict]:
    """"Most Republicans are against the deal"."""
    return copular_stance(tok, d.marks, d.speakers, d.text) if tok.lemma_.lower() == "be" else None


def _received_rule(d: DocState, s: SentState, tok: Token) -> Optional[dict]:
    """"Rubio has won support from governors"."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in word_set("receiving_verbs"):
        return None
    return received_stance(tok, d.marks, d.speakers, d.text)


Rule = Callable[[DocState, SentState, Token], Optional[dict]]

#: the rules tried on a word, in order, by its part of speech; the first quote found is the word's
NOUN_RULES: tuple[Rule, ...] = (_noun_rule,)
ADJECTIVE_RULES: tuple[Rule, ...] = (_adjective_rule,)
WORD_RULES: tuple[Rule, ...] = (_copular_rule, _received_rule, verb_attribution)


def _word_quote(d: DocState, s: SentState, tok: Token) -> Optional[dict]:
    """The quote of the first rule for the word that finds one."""
    rules = NOUN_RULES if tok.pos_ == "NOUN" else ADJECTIVE_RULES if tok.pos_ == "ADJ" else WORD_RULES
    for rule in rules:
        q = rule(d, s, tok)
        if q is not None:
            return q
    return None


def _sentence_quotes(d: DocState, s: SentState) -> list[dict]:
    """The quotes of one sentence: one per cue word (no word inside quoted words is a cue), then
    'reportedly' and 'according to X' attributions."""
    text, sent = d.text, s.sent
    sent_quoted = [d.marks[k] for k in s.marks]
    found: list[dict] = []
    for tok in sent:
        if tok.idx < s.body_from or any(m[0] < tok.idx < m[1] for m in sent_quoted):
            continue
        q = _word_quote(d, s, tok)
        if q is not None:
            found.append(q)
    found.extend(reportedly(sent, d.marks, d.speakers, text))
    according = according_to(sent, d.marks, d.used_marks, d.speakers, text)
    if according:
        found = [q for q in found if not quoted_words_of(q, according, d.doc, d.cues)]
        found.extend(according)
    absorb_adjacent(found, sent_quoted, text)
    return found


def _document_quotes(d: DocState, quotes: list[dict]) -> list[dict]:
    """The document's quotes: the sentences' with headline, title and transcript attributions, overlaps
    resolved, uncued quotations added, and each content's pieces."""
    text, speakers = d.text, d.speakers
    quotes.extend(colon_headlines(text, quotes, speakers))
    quotes.extend(title_attributions(text, quotes, speakers))
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    quotes = drop_overlapping(quotes)
    turns = transcript_turns(text, speakers)
    if turns:
        quotes = sorted([q for q in quotes if not any(overlaps((q["start"], q["end"]), (t["start"], t["end"]))
                                                      for t in turns)] + turns, key=lambda q: (q["start"], q["end"]))
    quotes = [q for q in dedupe(add_uncued(text, d.marks, quotes, speakers)) if _has_speaker_kind(q, d)
              and can_speak(q, d.doc) and cue_reports(q, d.doc)]
    for q in quotes:
        through_colon(text, q, quotes)
        dash_signature(text, q, speakers)
        q["pieces"] = content_pieces(text, q, d.marks)
    return quotes


def _has_speaker_kind(q: dict, d: DocState) -> bool:
    """Can the quote's speaker say something? Not the writer ("I", "we" outside quotation marks: a
    reader's comment, a house note) nor a thing or fact ("it", "this" left unresolved)."""
    if q.get("speaker_start") is None:
        return True
    mention = d.text[q["speaker_start"]:q["speaker_end"]].strip().lower()
    if mention in word_set("writer_pronouns"):
        return any(a < q["speaker_start"] < b for a, b in d.marks)
    return not (mention in word_set("non_speaker_pronouns") and (q.get("speaker") or "").strip().lower() == mention)


@Language.factory("storyline_quotes", assigns=["doc._.quotes"], requires=["token.dep", "token.lemma"],
                  default_config={"code_speakers": True})
def make_quote_extractor(nlp: Language, name: str, code_speakers: bool) -> "QuoteExtractor":
    return QuoteExtractor(code_speakers=code_speakers)


SPANS_KEY = "storyline_quotes"


class QuoteExtractor:
    """spaCy component: ``doc._.quotes`` = list of quote dicts, ``doc.spans["storyline_quotes"]`` their
    contents (labelled direct/indirect/mixed)."""

    def __init__(self, *, code_speakers: bool = True) -> None:
        self.code_speakers = code_speakers

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, code_speakers=self.code_speakers)
        spans = (doc.char_span(q["start"], q["end"], label=q["kind"], alignment_mode="expand") for q in doc._.quotes)
        doc.spans[SPANS_KEY] = [span for span in spans if span is not None]
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
