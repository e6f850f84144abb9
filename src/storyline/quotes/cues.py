"""Cue helpers: how far a cue's words run (:func:`cue_through`), noun cues a verb points to, and where
a cue clause sits among commas and quotation marks."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import cue_lexicon
from .spans import text_before, text_length


def cue_through(doc: Doc, cue_end: int, c_start: int) -> int:
    """The cue's end carried over an infinitival 'to' or a preposition right after it that introduces the
    content ("vowed to X", "was critical of X", "her criticism of X", "opposition to X")."""
    # (doc.text is rebuilt from the tokens at every access: read only the tokens near the cue)
    span = doc.char_span(cue_end, text_length(doc), alignment_mode="expand")
    nxt = next((t for t in span if not t.is_space), None) if span is not None else None
    if nxt is not None and (nxt.tag_ == "TO" or nxt.dep_ in ("prep", "agent")) and nxt.i + 1 < len(doc) \
            and nxt.idx + len(nxt.text) <= c_start <= doc[nxt.i + 1].idx \
            and not text_before(doc, span.start, nxt.i, cue_end).strip():
        return nxt.idx + len(nxt.text)
    return cue_end


def between_commas(verb: Token) -> bool:
    """Is the cue clause set off by commas (its own or its neighbours: "…, many economists say, …")?"""
    doc, first, last = verb.doc, verb.left_edge.i, verb.right_edge.i
    return (doc[first].text == "," or (first > 0 and doc[first - 1].text == ",")) \
        and (doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ","))


def comma_conjunct(verb: Token) -> bool:
    """Is the conjunct verb joined to its head by a comma only, with a subject of its own ("…, said the
    company's chief executive")?"""
    start = verb.left_edge.i
    return any(c.dep_ == "nsubj" for c in verb.children) and start >= 2 and verb.doc[start - 1].text == "," \
        and verb.doc[start - 2].dep_ != "cc"


def split_quote(comp: Token, verb: Token) -> bool:
    """Does a clause before the verb end a quotation that the cue splits (“A,” he said, “B.”)?"""
    doc = verb.doc
    end = comp.right_edge.i
    return any(doc[k].text in ("”", '"', "’", "''") for k in range(end, min(end + 3, verb.i)))


def attributes_itself(noun: Token) -> bool:
    """Is a noun a topic verb points to an attribution of its own ("pointed to Clinton's assertion that …")?
    A noun listed with its own prepositions or an infinitive is one only with a that-clause ("responded to
    the senator's remarks", "pointed to his decision to veto the bill" report the remarks and the decision)."""
    cue = cue_lexicon().get("n:" + noun.lemma_.lower())
    if cue is None:
        return False
    if not cue.preps and "x" not in cue.complements:
        return True
    return any(a.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)
               for a in noun.children)


def object_of_cue(noun: Token) -> bool:
    """Is the noun what a reporting verb reports ("condemned Trump's call for a ban", "responded to his
    attacks on her")? Then the verb's attribution holds the noun's."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return noun.dep_ in ("dobj", "pobj") and head.i != noun.i and head.pos_ == "VERB" \
        and head.lemma_.lower() in cue_lexicon()
