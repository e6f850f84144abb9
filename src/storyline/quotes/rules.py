"""Attribution rules other than a reporting verb: nominal cues ("Clinton's criticism of X"), adjective
cues ("critical of X"), copular and received stances, 'reportedly', 'according to X' and polls."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import Cue, cue_lexicon, word_set
from .spans import SUBJ, content_bounds, overlaps, paragraph, prep_objects, quote_kind, span_of, trim
from .speakers import subject
from .cues import cue_through, object_of_cue


def copular_claim(noun: Token, marks, speaker_fields, text: str) -> Optional[dict]:
    """"The question is whether voters will forgive him", "their fear is that the plant will close": a
    noun cue as the subject of 'be' with a that/whether clause after it; the cue runs from the noun's
    first word (not its possessor, who holds the view) to the copula."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_ != "be" or head.i < noun.i:
        return None
    comp = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i
                 and c.left_edge.lower_ in ("that", "whether") and c.left_edge.dep_ == "mark"), None)
    para = paragraph(text, noun.idx)
    if comp is None or not para[0] <= comp.left_edge.idx < para[1]:
        return None
    c_start, c_end = trim(text, *span_of(list(comp.subtree)))
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    held_by = {x.i for x in poss.subtree} if poss is not None else set()
    first = min((t for t in noun.subtree if t.i not in held_by), key=lambda t: t.i)
    cue_end = head.idx + len(head.text)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": quote_kind(marks, c_start, c_end),
         "cue": text[first.idx:cue_end], "cue_start": first.idx, "cue_end": cue_end}
    q.update(speaker_fields(poss) if poss is not None else speaker_fields(None))
    return q


def noun_attribution(noun: Token, marks, speaker_fields, text: str, cue: Optional[Cue] = None) -> Optional[dict]:
    """"Clinton's criticism of Trump", "his assertion that …": content from the noun's complement.
    Nouns listed with complement ``c`` ("statement") take only a that-clause or a 'saying …' clause:
    their 'of'/'on' phrases name a topic or an owner, not what was said.  Nouns listed with their own
    prepositions ("comments on X", "views on X", "her call for X") take those prepositions' objects,
    unless the object is a name, a pronoun or a date ("his view of NATO", "remarks on Saturday": a
    target or a time) or the noun is itself what a reporting verb reports ("condemned his call for X").
    Nouns listed with ``x`` take a to-infinitive right after them ("his promise to cut taxes")."""
    bounds = content_bounds(text, _noun_content(noun, cue, paragraph(text, noun.idx)))
    if bounds is None:
        return None
    c_start, c_end = bounds
    kind = quote_kind(marks, c_start, c_end)
    cue_end = cue_through(noun.doc, noun.idx + len(noun.text), c_start)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
         "cue": text[noun.idx:cue_end], "cue_start": noun.idx, "cue_end": cue_end}
    q.update(_noun_speaker(noun, text, speaker_fields))
    return q


def _noun_content(noun: Token, cue: Optional[Cue], para: tuple[int, int]) -> Optional[list[Token]]:
    """The words a nominal cue reports (see :func:`noun_attribution`), or None."""
    takes_clause = cue is not None and "c" in cue.complements
    takes_prep = cue is None or not cue.complements or "p" in cue.complements
    for child in noun.children:
        if not para[0] <= child.idx < para[1]:
            continue
        if child.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" and c.dep_ == "mark" for c in child.children):
            return list(child.subtree)
        if takes_clause and child.dep_ == "acl" and child.lower_ in ("saying", "stating", "declaring", "warning") \
                and child.i == noun.i + 1:
            return [t for c in child.children if c.dep_ == "ccomp" for t in c.subtree]
        if cue is not None and "x" in cue.complements and child.dep_ == "acl" and child.left_edge.lower_ == "to" \
                and child.left_edge.i == noun.i + 1:
            return list(child.subtree)       # "his promise to build a wall", "her refusal to testify"
        if not takes_prep:
            continue
        if child.dep_ == "prep" and child.lower_ in ((cue.preps if cue is not None else ()) or word_set("noun_preps")):
            objs = prep_objects(child)
            if objs and cue is not None and cue.preps and (object_of_cue(noun) or any(
                    o.dep_ == "pobj" and (o.ent_type_ in word_set("target_entity_types") or o.pos_ in ("PROPN", "PRON"))
                    for o in child.children)):
                return None     # "his view of NATO", "remarks on Saturday": a target or a time, no content
            if objs:
                return objs
    return None


def _noun_speaker(noun: Token, text: str, speaker_fields) -> dict:
    """The speaker of a nominal cue: its possessor or a name compounded with it ("Trump's claim", "the
    Kremlin statement"), the mention keeping its "'s"."""
    source = None
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            source = child
    if source is None:
        return speaker_fields(None)
    left = source.left_edge if source.dep_ == "poss" else source      # "the senator's": with its determiner
    s_start, s_end = trim(text, left.idx, source.idx + len(source.text))
    if text[s_end - 2:s_end] in ("'s", "’s"):
        s_end -= 2
    fields = speaker_fields(None, s_start, s_end)
    case = next((c for c in source.children if c.dep_ == "case" and c.i == source.i + 1), None)
    if case is not None:
        fields["speaker_end"] = case.idx + len(case.text)  # the mention keeps its "'s" ("Trump's claim")
    return fields


def adjective_attribution(adj: Token, cue: Cue, marks, speaker_fields, text: str) -> Optional[dict]:
    """A stance stated with an adjective: "Republicans were critical of the deal", "she is hopeful
    that …", "he was quick to blame …": content from the adjective's complement, speaker the subject."""
    para = paragraph(text, adj.idx)
    content = None
    for child in adj.children:
        if not para[0] <= child.idx < para[1] or child.i < adj.i:
            continue
        if (child.dep_ == "ccomp" and "c" in cue.complements) or (child.dep_ == "xcomp" and "x" in cue.complements):
            content = list(child.subtree)
            break
        if child.dep_ == "prep" and "p" in cue.complements \
                and child.lower_ in (cue.preps or ("of", "about", "with", "over", "on", "toward", "towards", "at")):
            objs = prep_objects(child)
            if objs:
                content = objs
                break
    bounds = content_bounds(text, content)
    if bounds is None:
        return None
    c_start, c_end = bounds
    kind = quote_kind(marks, c_start, c_end)
    cue_start = adj.idx
    if adj.head.lemma_ == "be" and adj.head.i < adj.i and adj.head.i >= adj.i - 3:
        cue_start = adj.head.idx        # "were frustrated": the copula belongs to the cue
    cue_end = cue_through(adj.doc, adj.idx + len(adj.text), c_start)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
         "cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end}
    subj = subject(adj.head) if adj.head.i != adj.i else None
    q.update(speaker_fields(subj) if subj is not None else speaker_fields(None))
    return q


def copular_stance(be: Token, marks, speaker_fields, text: str) -> Optional[dict]:
    """"Most Republicans are against the deal": a stance stated with the copula and 'against'."""
    against = next((c for c in be.children if c.dep_ == "prep" and c.lower_ == "against" and c.i > be.i), None)
    subj = next((c for c in be.children if c.dep_ == "nsubj" and c.i < be.i), None)
    bounds = content_bounds(text, prep_objects(against)) if against is not None and subj is not None else None
    if bounds is None:
        return None
    cue_end = against.idx + len(against.text)
    q = {"text": text[bounds[0]:bounds[1]], "start": bounds[0], "end": bounds[1], "kind": quote_kind(marks, *bounds),
         "cue": text[be.idx:cue_end], "cue_start": be.idx, "cue_end": cue_end}
    q.update(speaker_fields(subj))
    return q


def received_stance(verb: Token, marks, speaker_fields, text: str) -> Optional[dict]:
    """"Rubio has won support from governors", "the bill drew praise": a stance taken on the subject, by
    the 'from' phrase (or no one named)."""
    para = paragraph(text, verb.idx)
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or (subj.pos_ == "PRON" and subj.tag_ != "PRP") or not para[0] <= subj.idx:
        return None
    stance = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if stance is None or stance.lemma_.lower() not in word_set("received_stances"):
        return None
    source = next((o for p in list(verb.children) + list(stance.children)
                   if p.dep_ == "prep" and p.lower_ == "from" and p.i > stance.i
                   for o in p.children if o.dep_ == "pobj"), None)
    c_start, c_end = trim(text, *span_of(subj.subtree))
    cue_end = stance.idx + len(stance.text)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": quote_kind(marks, c_start, c_end),
         "cue": text[verb.idx:cue_end], "cue_start": verb.idx, "cue_end": cue_end}
    if source is not None:
        s_start, s_end = trim(text, *span_of(source.subtree))
        q.update(speaker_fields(None, s_start, s_end))
    else:
        q.update(speaker_fields(None))
    return q


def _polls(prep: Token) -> list[Token]:
    """The poll or survey an 'in' phrase names ("in a CNN poll")."""
    return [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in word_set("poll_nouns")]


def reportedly(sent: Span, marks, speaker_fields, text: str) -> list[dict]:
    """'X is reportedly considering a run': the clause the adverb modifies is attributed to unnamed
    reports (cue 'reportedly', no speaker).  'allegedly' and 'apparently' mostly hedge the writer's own
    account and are left alone."""
    out = []
    for tok in sent:
        if tok.lower_ != "reportedly" or tok.dep_ != "advmod" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        head = tok.head
        toks = [t for t in head.subtree if not (t.dep_ == "punct" and t.head.i == head.i
                                                and t.i == head.right_edge.i)]
        para = paragraph(text, tok.idx)
        toks = [t for t in toks if para[0] <= t.idx < para[1]]
        bounds = content_bounds(text, toks)
        if bounds is None or len(toks) < 3:
            continue
        c_start, c_end = bounds
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end,
             "kind": quote_kind(marks, c_start, c_end),
             "cue": tok.text, "cue_start": tok.idx, "cue_end": tok.idx + len(tok.text)}
        q.update(speaker_fields(None))
        out.append(q)
    return out


def _source_phrase(tok: Token, sent: Span, marks) -> Optional[tuple[Token, list[Token], bool]]:
    """An attribution phrase opened by ``tok``: its last word ('to' of "according to", or the poll's
    'in'), the words naming the source, and whether it measures the clause before it."""
    doc = sent.doc
    if tok.lower_ == "in" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX") and tok.i < tok.head.i:
        # "In the latest poll, Clinton led by 5 points": a poll set before the clause is its source
        objs = _polls(tok)
        after = tok.right_edge.i + 1
        if not objs or after >= len(doc) or doc[after].text != ",":
            return None
        return tok, objs, False
    if tok.lower_ == "in" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX") and tok.i > tok.head.i \
            and any(c.dep_ in SUBJ and c.i < tok.head.i for c in tok.head.children) \
            and tok.head.lemma_.lower() not in cue_lexicon() and tok.head.dep_ == "ROOT" \
            and not any(overlaps(m, (sent.start_char, sent.end_char)) for m in marks):
        # "Clinton held a 24-point lead in a CNN poll", "Trump is ahead in the polls": a poll after the
        # clause it measured (not "said in a poll", which the verb attributes)
        objs = _polls(tok)
        return (tok, objs, True) if objs else None
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    return (to, objs, False) if objs else None


def _source_bounds(objs: list[Token], text: str) -> tuple[int, int]:
    """The source's mention: the object ("according to the Kremlin"), or the owner of a statement
    ("according to a statement by the Kremlin")."""
    src = objs[0]
    if src.lemma_.lower() in word_set("statement_nouns"):
        by = [o for c in src.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
              for o in c.children if o.dep_ == "pobj"]
        if by:
            return trim(text, *span_of(by[0].subtree))
    return trim(text, *span_of(objs[0].subtree))


def _around_phrase(tok: Token, to: Token, objs: list[Token], after_clause: bool, sent: Span, marks,
                   text: str) -> tuple[int, int, Optional[tuple[int, int]]]:
    """The content an attribution phrase attributes: the longer side of its sentence without it (or the
    clause a poll measured), within the quotation it stands in if any (also returned)."""
    p_start, p_end = span_of(list(tok.subtree) + [to, *objs[0].subtree])
    para = paragraph(text, tok.idx)
    # an 'according to' inside a quotation attributes words of that quotation only
    inside = next((m for m in marks if m[0] < tok.idx and p_end <= m[1]), None)
    lo, hi = (inside[0] + 1, inside[1] - 1) if inside else (sent.start_char, sent.end_char)
    left = trim(text, max(sent.start_char, para[0], lo), p_start)
    right = trim(text, p_end, min(sent.end_char, para[1], hi))
    if right[1] > right[0] and text[right[1] - 1] in ".!?" and not text[right[1] - 1: right[1]] in "”\"":
        right = (right[0], right[1] - 1)
    if after_clause:
        # the clause the poll measured: from its subject up to the poll
        left = trim(text, max(left[0], tok.head.left_edge.idx), p_start)
    if after_clause or left[1] - left[0] >= right[1] - right[0]:
        return left[0], left[1], inside
    return right[0], right[1], inside


def according_to(sent: Span, marks, used_marks, speaker_fields, text: str) -> list[dict]:
    """"…, according to X", "In a CNN poll, …": the sentence without the phrase is attributed to its
    source; the quotation marks it covers are taken (but not a quotation it stands in)."""
    out = []
    for tok in sent:
        phrase = _source_phrase(tok, sent, marks)
        if phrase is None:
            continue
        to, objs, after_clause = phrase
        src_start, src_end = _source_bounds(objs, text)
        c_start, c_end, inside = _around_phrase(tok, to, objs, after_clause, sent, marks, text)
        if c_end - c_start < 3:
            continue
        for k, m in enumerate(marks):
            if overlaps(m, (c_start, c_end)) and m != inside:   # the quotation itself is still to attribute
                used_marks.add(k)
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": quote_kind(marks, c_start, c_end),
             "cue": text[tok.idx: to.idx + len(to.text)], "cue_start": tok.idx, "cue_end": to.idx + len(to.text)}
        q.update(speaker_fields(None, src_start, src_end))
        out.append(q)
    return out
