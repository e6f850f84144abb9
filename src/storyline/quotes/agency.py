"""Can the quote's speaker speak, and does its cue report saying or a stance?

Checks on a finished quote (its ``cue_start``/``speaker_start`` spans against the parse):

- :func:`can_speak`: the speaker mention is a person, group or organisation — a pronoun, a PERSON/ORG/GPE/
  NORP entity, a name the actors component codes, or a noun phrase headed by an agent noun (the actors'
  role nouns, ``officials``, ``the ministry``, and the ``speaker_heads`` word set: "witnesses", "the
  statement") — not "Views", "a banner", "the incident";
- :func:`cue_reports`: a thought or finding in the passive with no agent ("is believed to …", "has been
  shown that …") attributes nothing to anyone.  (Rules on the cue's grammatical role — a relative
  clause's act on an object, "who had attacked oil fields"; a to-infinitive act, "was unable to confirm
  the report"; a cognition verb on a noun, "haven't decided on the strategy" — were measured and left
  out: PolNeAR annotates these as attributions, and together they cost .007 content F on dev.)
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .lexicon import cue_lexicon, word_set

#: entity types of a person, group or organisation that can say something
SPEAKING_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _agent_sector(word: str) -> Optional[str]:
    try:
        from ..actors.tables import actor_tables
    except ImportError:
        return None
    return actor_tables().agent_sector([word])


def _head(doc: Doc, start: int, end: int) -> Optional[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _agent_noun(tok: Token) -> bool:
    """A common noun for a person, group, organisation or a text that speaks for its owner: the actors'
    role nouns, the ``speaker_heads`` word set, or an agent suffix ("nominee", "narrator", "specialist")
    on a word not in ``writing_bearers`` (a banner, a sign: things with writing on them)."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    heads = word_set("speaker_heads")
    if low in heads or lemma in heads or _agent_sector(low) is not None or _agent_sector(lemma) is not None:
        return True
    return lemma not in word_set("writing_bearers") and len(lemma) >= 4 \
        and any(lemma.endswith(x) for x in word_set("agent_suffixes"))


_NAMES_CACHE: dict[int, tuple[Doc, frozenset[str]]] = {}


def _names(doc: Doc) -> frozenset[str]:
    """Words the document writes capitalised inside a sentence or in a PERSON/ORG entity: a sentence-initial
    "Hannity" or "Fields" is a name when the text names it so elsewhere ("Views" is not)."""
    hit = _NAMES_CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    names = {t.text for t in doc if t.is_title and (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"
             or (t.i > t.sent.start and not (doc[t.i - 1].is_punct or doc[t.i - 1].is_space)))
             and not t.is_sent_start}
    _NAMES_CACHE.clear()
    _NAMES_CACHE[id(doc)] = (doc, frozenset(names))
    return _NAMES_CACHE[id(doc)][1]


def _agent_token(tok: Token) -> bool:
    if tok.pos_ in ("PRON", "PROPN", "NUM", "DET") or tok.lower_ in word_set("speaker_pronouns"):
        return True                        # a name the model did not tag, "he", "some", "63 percent"
    if tok.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY") or tok.ent_type_ in ("PERSON", "NORP") \
            or (tok.ent_type_ in SPEAKING_TYPES and tok.pos_ != "NOUN"):
        return True
    if tok.pos_ != "NOUN":
        return False
    if tok.is_title and (tok.i > tok.sent.start and not (tok.doc[tok.i - 1].is_punct or tok.doc[tok.i - 1].is_space)
                         or tok.text in _names(tok.doc)):
        return True                        # a capitalised name the tagger took for a noun
    if _agent_noun(tok) or any(_agent_token(c) for c in tok.conjuncts if c.i > tok.i):
        return True
    # "a number of members", "a chorus of Republicans", "dozens of papers": the group in the 'of' phrase
    return any(o.dep_ == "pobj" and (_agent_noun(o) or o.pos_ == "PROPN" or o.ent_type_ in SPEAKING_TYPES)
               for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)


def can_speak_token(tok: Token) -> bool:
    """Can the noun phrase headed by ``tok`` say something (a person, group or organisation)?"""
    return _agent_token(tok)


def can_speak(q: dict, doc: Doc) -> bool:
    """Is the quote's speaker a person, group or organisation (or a pronoun, or no mention at all)?"""
    if q.get("speaker_start") is None or q.get("speaker_code"):
        return True
    head = _head(doc, q["speaker_start"], q["speaker_end"])
    while head is not None and head.is_punct and head.i > 0 and head.i - 1 >= doc[head.i].sent.start:
        head = doc[head.i - 1]                # "the film ― which …": the words before the dash
    if head is None or head.pos_ in ("VERB", "AUX") or _agent_token(head):   # (a mention the parse ran over)
        return True
    # "the Libyan rebels' spokesman", "Clinton's ad": an owner or compound name in the head's own words
    return any(t.pos_ == "PROPN" and t.ent_type_ in SPEAKING_TYPES for t in head.children
               if t.dep_ in ("compound", "poss", "appos"))


def _cue_verb(q: dict, doc: Doc) -> Optional[Token]:
    span = doc.char_span(q["cue_start"], q["cue_end"], alignment_mode="expand")
    if span is None or not len(span):
        return None
    cues = cue_lexicon()
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in cues]
    if verbs:
        return verbs[-1]
    verbs = [t for t in span if t.pos_ == "VERB"]
    return verbs[-1] if verbs else None


def cue_reports(q: dict, doc: Doc) -> bool:
    """Does the quote's verb cue attribute something to someone (see the module)?"""
    if q.get("cue_start") is None:
        return True
    verb = _cue_verb(q, doc)
    if verb is None:
        return True
    cue = cue_lexicon().get(verb.lemma_.lower())
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if passive and q.get("speaker_start") is None and not any(c.dep_ == "agent" for c in verb.children) \
            and cue is not None and cue.lemma not in word_set("forecast_passives") \
            and (cue.kind in ("cognition", "evidential") or cue.lemma in word_set("small_clause_verbs")):
        return False        # "is believed to", "has been shown that": a thought or finding of no one named
    return True
