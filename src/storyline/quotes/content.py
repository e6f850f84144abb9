"""What a reporting verb reports: :func:`content_tokens` tries the verb's lexicon complements, then any
other complement; :func:`_content_by_cue` reads the parse for one complement frame."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import Cue, word_list, word_set
from .spans import SUBJ, paragraph, prep_objects, trim
from .cues import attributes_itself, between_commas, comma_conjunct, split_quote
from .content_edges import but_clause, cut_relative, stray_conjuncts, with_condition


def content_tokens(verb: Token, cue: Cue, text: str) -> Optional[list[Token]]:
    """What the cue verb reports: its lexicon complements first, then any other complement it has
    ("told a different tale", "feared the toll", "welcomed the fight"): attributions report beliefs,
    stances and topics as well as speech."""
    content = with_condition(verb, _content_by_cue(verb, cue, text))
    if content is not None or "s" in cue.complements or "!" in cue.complements or cue.kind == "generic":
        return content
    comps = "cxp" if cue.lemma in word_set("addressee_verbs") else "cxop"
    if set(comps) <= set(cue.complements):
        return None
    content = with_condition(verb, _content_by_cue(verb, Cue(cue.lemma, cue.kind, comps, cue.preps), text))
    if content and all(t.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") or t.pos_ in ("DET", "PRON") for t in content):
        return None             # "praised Smith": a person is the target, not a content, unless listed
    if content and all(t.ent_type_ in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY", "DATE", "TIME") or t.is_punct
                       for t in content):
        return None             # "support has declined 55 percent": an amount, not a stance
    return content


NO_CONTENT: list[Token] = []    # a rule's verdict that the verb reports nothing (the other rules are not tried)


@dataclass(frozen=True)
class _Frame:
    """A reporting verb read for one complement frame: the verb, its cue, the complement letters it
    takes, its dependents in its own paragraph and its passive subjects."""
    verb: Token
    cue: Cue
    text: str
    comps: str
    children: tuple[Token, ...]
    passive: tuple[Token, ...]


def _passive_patient(f: _Frame) -> Optional[list[Token]]:
    """A passive verb: the patient with what it is called or blamed for, or the patient
    alone when an agent takes a stance on it."""
    verb, comps, children = f.verb, f.comps, f.children
    passive = f.passive
    if not (passive and "o" in comps and any(c.dep_ == "auxpass" for c in verb.children)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in children)):
        return None
    # "He has been criticized for his policies", "Pence was dubbed the winner": the patient and
    # what it is called or blamed for
    more = [t for c in children if c.i > verb.i and (c.dep_ in ("oprd", "attr")
            or (c.dep_ == "prep" and c.lower_ in ("as", "for", "of", "with", "over")))
            for t in c.subtree]
    if more and passive[0].pos_ != "PRON" or len(more) >= 2:
        return [t for t in verb.doc[passive[0].left_edge.i: max(t.i for t in more) + 1]]
    if any(c.dep_ == "agent" and c.i > verb.i and prep_objects(c) for c in children):
        # "The proposal was rejected by the council", "his comments were derided by X": the agent's
        # stance is on the patient
        return list(passive[0].subtree)
    return NO_CONTENT


def _passive_expectation(f: _Frame) -> Optional[list[Token]]:
    """A passive 'expected/thought to': what is expected is said of the subject."""
    verb, comps, children = f.verb, f.comps, f.children
    passive = f.passive
    if not (passive and "x" in comps and passive[0].pos_ != "PRON" and any(c.dep_ == "auxpass" for c in verb.children)
            and not any(c.dep_ in ("ccomp", "agent") for c in children)):
        return None
    # "The vote is expected to be close", "North Korea is not thought to be capable of …": what is
    # expected or thought is said of the subject (the cue between them is left out of the pieces)
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if xcomp is not None:
        return list(passive[0].subtree) + list(xcomp.subtree)
    return None


def _as_clause(f: _Frame) -> Optional[list[Token]]:
    """'As X pointed out, …': 'as' stands for the clause it modifies."""
    verb, comps, children = f.verb, f.comps, f.children
    if not (verb.dep_ == "advcl" and "c" in comps and verb.head.i != verb.i
            and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children)
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep", "dative") for c in children)):
        return None
    # "As many tax experts have pointed out, Mr. Trump is free to …": 'as' stands for what was said,
    # the clause it modifies
    own = {t.i for t in verb.subtree}
    return [t for t in verb.head.subtree if t.i not in own]


def _evidential(f: _Frame) -> Optional[list[Token]]:
    """'seem', 'appear': an appearance attributed to no one."""
    verb, comps, children = f.verb, f.comps, f.children
    if not ("s" in comps):
        return None
    # "the city can appear to be an economic powerhouse", "it seems that …": an appearance
    # attributed to no one, whose content is the subject with what it seems to be
    comp = [c for c in children if c.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and c.i > verb.i]
    subj = [c for c in children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not comp or not subj:
        return NO_CONTENT
    if subj[0].lower_ == "it" and comp[0].dep_ == "ccomp":
        return list(comp[0].subtree)
    if subj[0].pos_ == "PRON" and subj[0].lower_ not in ("they", "he", "she", "it", "this", "that"):
        return NO_CONTENT
    return [t for t in verb.doc[subj[0].left_edge.i: comp[0].right_edge.i + 1]]


def _narrowed(f: _Frame) -> _Frame:
    """The frame with 'call' narrowed to its 'for' phrase unless something says what was called."""
    verb, cue, text, comps = f.verb, f.cue, f.text, f.comps
    if cue.lemma == "call" and not any(c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prt" and c.lower_ == "out")
                                       for c in verb.children) \
            and not any(c.dep_ == "dobj" and (re.match(r"\s?[\"“‘']", text[c.right_edge.idx + len(c.right_edge.text):])
                                              or any(a.dep_ == "appos" and a.i > c.i for a in c.children)
                                              or (c.i > c.left_edge.i and c.nbor(-1).text in ("“", '"', "‘", "''"))
                                              # "called the use of orders "quite dangerous"": the quoted
                                              # words hung in the object are what it was called
                                              or any(t.text in ("“", '"', "‘", "''") and t.i > c.i
                                                     for t in c.subtree))
                        for c in verb.children):
        comps = "p"           # "called for X", not "called a meeting"; "called them "rapists"", "called out X" stay
    return replace(f, comps=comps)


def _clausal_complement(f: _Frame) -> Optional[list[Token]]:
    """The clausal complement ("said he would …")."""
    verb, comps, children = f.verb, f.comps, f.children
    # "…: He said he's raised $100,000", "…; 46 percent said they were …": a clause before the verb that
    # the parser also hung on it is the writer's; the one after is what was said
    for child in sorted(children, key=lambda c: c.i < verb.i and not split_quote(c, verb)):
        if child.dep_ == "ccomp" and "c" in comps:
            return list(child.subtree) + stray_conjuncts(verb, child, children) + but_clause(verb, child, children)
    return None


def _embedded_question(f: _Frame) -> Optional[list[Token]]:
    """An embedded question the parser made an adverbial clause."""
    verb, cue, comps, children = f.verb, f.cue, f.comps, f.children
    for child in children:
        # "was asked if she had ever been discriminated against": an embedded question the parser
        # made an adverbial clause
        if child.dep_ == "advcl" and "c" in comps and child.i > verb.i and any(
                m.dep_ == "mark" and (m.lower_ == "whether" or (m.lower_ == "if" and cue.lemma in word_set("asking_verbs")))
                and m.i == child.left_edge.i for m in child.children):
            return list(child.subtree)
    return None


def _infinitive_complement(f: _Frame) -> Optional[list[Token]]:
    """The to-infinitive, with an object before it ("urged Congress to X")."""
    verb, comps, children = f.verb, f.comps, f.children
    for child in children:
        if child.dep_ == "xcomp" and "x" in comps:
            objs = [c for c in children if c.dep_ == "dobj" and verb.i < c.i < child.i]
            return list(child.subtree) + [t for o in objs for t in o.subtree] + stray_conjuncts(verb, child, children)
    return None


def _that_clause_on_object(f: _Frame) -> Optional[list[Token]]:
    """A that-clause the parser hung on the object."""
    verb, comps, children = f.verb, f.comps, f.children
    if not ("c" in comps):
        return None
    # "told a meeting of leaders that …": a that-clause the parser hung on the object
    for child in children:
        if child.dep_ in ("dobj", "dative") and child.i > verb.i:
            for t in child.subtree:
                if t.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i
                                                      for c in t.children):
                    return list(t.subtree)
    return None


def _pronoun_reproach(f: _Frame) -> Optional[list[Token]]:
    """A pronoun object with the reproach or description after it."""
    verb, comps, children = f.verb, f.comps, f.children
    for child in children:
        if child.dep_ == "dobj" and "o" in comps and child.pos_ == "PRON":
            # "accusing her of being asleep": with a pronoun object the reproach is the content
            for c in children:
                if c.dep_ == "prep" and c.i > child.i and c.lower_ in ("of", "for", "as"):
                    objs = [t for o in c.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
                    if objs:
                        # "described themselves as liberals": what is said of them, with them
                        return ([child, c] if c.lower_ == "as" and child.i > verb.i else []) + objs
    return None


def _view_noun_object(f: _Frame) -> Optional[list[Token]]:
    """A light verb and view noun: the noun's object ("offered his thoughts on X")."""
    verb, cue, comps, children = f.verb, f.cue, f.comps, f.children
    for child in children:
        if child.dep_ == "dobj" and "o" in comps and child.i > verb.i and cue.lemma in word_set("light_view_verbs") \
                and child.lemma_.lower() in word_set("view_nouns"):
            # "offered his thoughts on the budget": the noun is part of the act, its object the content
            # (the preposition on the noun, or on the verb right after it: "offered his thoughts on X")
            prep = next((c for c in list(child.children) + [c for c in children if c.i == child.right_edge.i + 1]
                         if c.dep_ == "prep" and c.lower_ in ("about", "on", "of", "for", "toward", "towards")), None)
            if prep is not None:
                objs = [t for o in prep.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
                if objs:
                    return objs
    return None


def _object_with_arguments(f: _Frame) -> Optional[list[Token]]:
    """The object with the arguments after it ("accused X of Y", "called X a Z")."""
    verb, cue, comps, children = f.verb, f.cue, f.comps, f.children
    for child in children:
        # "Three senators endorsed him", "the deal, which Putin opposed": a stance is on what the pronoun stands for
        stance_on = cue.lemma in word_set("pronoun_stance_verbs") and child.pos_ == "PRON" and child.tag_ in ("PRP", "WDT", "WP")
        if child.dep_ == "dobj" and "o" in comps and (child.pos_ != "PRON" or stance_on or (
                child.tag_ not in ("WP", "WDT") and any(c.dep_ in ("oprd", "attr") and c.i > child.i for c in children))):
            # "calling him a “train wreck”", "Critics call it a giveaway": a pronoun with what it is called
            # "accused X of Y", "denounced X as Y", "called X a Z", "denied X to Y": the verb's
            # dependents right after the object, up to a comma
            more = _after_object(verb, cue, child, children)
            if child.pos_ == "PRON" and not more and not stance_on:
                return NO_CONTENT
            return cut_relative(list(child.subtree)) + more
    return None


def _after_object(verb: Token, cue: Cue, child: Token, children: tuple[Token, ...]) -> list[Token]:
    """The verb's dependents right after its object ``child``, up to a comma."""
    more: list[Token] = []
    held: list[Token] = []
    for c in sorted(children, key=lambda c: c.i):
        if c.i <= child.i:
            continue
        if c.dep_ == "advcl" and c.left_edge.lower_ == "as" and c.left_edge.i == (held or [child.right_edge])[-1].i + 1 \
                and not any(x.dep_ in SUBJ for x in c.children):
            more.extend(held + list(c.subtree))       # "described the country as beset by …"
            break
        if c.dep_ in ("advcl", "xcomp") and not held \
                and (c.left_edge.lower_ == "to"
                     or (c.tag_ == "VBG" and c.left_edge.i == c.i and not verb.doc[c.i - 1].is_punct)) \
                and c.left_edge.i == max([child.right_edge.i] + [t.i for t in more]) + 1 \
                and not any(x.dep_ in SUBJ for x in c.children):
            # "urging Congress to fast-track the deal", "praised the efforts of Kerry to find a
            # solution", "recalled her days advising the governor": a to-infinitive or a
            # gerund (no comma before it) right after the object, which the parser hung on the verb
            more.extend(c.subtree)
            break
        if c.text == "," and c.i == child.right_edge.i + 1 and not more and not held \
                and any(a.dep_ == "appos" and a.i > child.i for a in child.children):
            continue    # "criticized the county clerk, John Doe, for …": the comma closing a name
        if c.dep_ in ("punct", "cc", "conj", "advcl", "parataxis", "relcl") or c.is_punct:
            break
        if cue.lemma in word_set("small_clause_verbs") and c.dep_ in ("prt", "advmod", "prep", "npadvmod") \
                and c.left_edge.i == max([child.right_edge.i] + [t.i for t in more]) + 1:
            more.extend(c.subtree)   # "polls show Clinton up by 10 points": what they show of her
            continue
        if c.dep_ == "prep" and c.lower_ == "in" and not held and _in_argument(c):
            more.extend(c.subtree)   # "questioned her judgment in supporting the war"
            continue
        if c.dep_ == "prep" and c.lower_ not in word_set("argument_preps"):
            # "in early-morning tweets", "during a campaign stop": the when/where, unless an
            # argument follows ("sees its role in enforcing the law as antiquated")
            held.extend(c.subtree)
            continue
        if held and not (c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr") or c.lower_ == "as"):
            break
        if c.dep_ in ("oprd", "ccomp", "xcomp", "prep", "dative", "acomp", "npadvmod", "attr"):
            more.extend(held + list(c.subtree))
            held = []
        else:
            break
    return more


def _folded_object(f: _Frame) -> Optional[list[Token]]:
    """An object the parser folded into what it is called ("called her “third-rate”")."""
    verb, comps, children = f.verb, f.comps, f.children
    if not ("o" in comps and not any(c.dep_ == "dobj" for c in children)):
        return None
    # "called her “third-rate”", "called the frontrunner “ISIS' best recruiter”": the parser folded
    # the object into what it is called
    for child in children:
        if child.dep_ == "oprd" and child.i > verb.i and child.left_edge.i > verb.i \
                and any(t.pos_ in ("PRON", "PROPN", "NOUN") and t.i < child.i and t.dep_ != "compound"
                        for t in child.subtree if t.i == child.left_edge.i or t.dep_ in ("nsubj", "det", "poss")):
            return list(child.subtree)
    return None


def _prepositional_object(f: _Frame) -> Optional[list[Token]]:
    """A topic preposition's object ("called for X", "complained about X")."""
    verb, cue, comps, children = f.verb, f.cue, f.comps, f.children
    for child in children:
        if child.dep_ == "prep" and "p" in comps and child.lower_ in (cue.preps or word_set("topic_preps")):
            if child.lower_ == "to" and cue.lemma in word_set("topic_verbs") - {"respond", "reply"}:
                continue        # "spoke to reporters": the addressee, not what was said
            if child.lower_ in ("on", "for") and cue.lemma in word_set("venue_verbs"):
                continue        # "speaking on condition of anonymity", "spoke on CNN", "talked for an hour"
            if cue.lemma in word_set("topic_verbs") | {"point"} and any(
                    c.dep_ == "pobj" and attributes_itself(c) for c in child.children):
                continue        # "pointed to Clinton's assertion that …": the noun is the attribution
            objs = prep_objects(child)
            if objs and not all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in objs):   # not "on Sunday"
                if child.lower_ in ("on", "upon"):
                    # "called on Obama to retaliate": the one called upon with what they should do
                    objs += [t for c in children if c.dep_ == "xcomp" and c.i > child.i for t in c.subtree]
                as_ = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"
                            and c.i == child.right_edge.i + 1), None)
                if as_ is not None and prep_objects(as_):
                    # "referred to Rubio as “a bright leader”", "spoke of him as a friend": what
                    # the object is called goes with it
                    objs += [as_] + prep_objects(as_)
                end = max(t.i for t in objs)
                inf = next((c for c in children if c.dep_ in ("advcl", "xcomp")
                            and (c.left_edge.lower_ == "to" or (c.tag_ == "VBG" and c.left_edge.i == c.i))
                            and c.left_edge.i == end + 1 and verb.doc[end].text not in (",", ";", ":", "—", "--")
                            and not any(x.dep_ in SUBJ for x in c.children)), None)
                if inf is not None and child.lower_ not in ("on", "upon"):
                    # "called for an independent monitor to review the contract", "railed about the
                    # council's tendency to raise fees", "bragged about his daughter winning the
                    # title": a to-infinitive or gerund right after the object (no comma between),
                    # which the parser hung on the verb
                    objs += list(inf.subtree)
                return objs
    return None


def _parenthetical_cue(f: _Frame) -> Optional[list[Token]]:
    """A parenthetical cue inside the reported clause."""
    verb, cue, comps = f.verb, f.cue, f.comps
    # "The trouble, Frank writes, began …": a parenthetical cue inside the reported clause
    if not (verb.dep_ == "parataxis" and "c" in comps and cue.kind == "speech" and between_commas(verb)
            and verb.head.i != verb.i
            and verb.head.left_edge.i < verb.left_edge.i and verb.head.right_edge.i > verb.right_edge.i
            and not verb.doc[verb.left_edge.i - 1].text in ("”", '"', "’")):
        return None
    own = {t.i for t in verb.subtree}
    return [t for t in verb.head.subtree if t.i not in own]


def _cue_after_clause(f: _Frame) -> Optional[list[Token]]:
    """A cue hanging off the reported clause before it."""
    verb, cue, comps = f.verb, f.cue, f.comps
    # "X is bad, he said": the cue hangs off the reported clause (or is joined to it as a conjunct with a
    # subject of its own and no 'and' before it: "…, said the company's chief executive")
    if not ((verb.dep_ in ("parataxis", "advcl", "ccomp") or (verb.dep_ == "conj" and comma_conjunct(verb)))
            and verb.head is not verb and verb.i > verb.head.i
            and "c" in comps and cue.kind == "speech" and verb.left_edge.i > 0
            and verb.doc[verb.left_edge.i - 1].is_punct):
        return None
    own = {t.i for t in verb.subtree}
    nxt = verb.right_edge.i + 1
    if nxt + 1 < len(verb.doc) and verb.doc[nxt].text == "," and verb.doc[nxt].head.i == verb.head.i \
            and not verb.doc[verb.left_edge.i - 1].text in ("”", '"') and verb.doc[verb.left_edge.i - 1].text == ",":
        # "The trouble, Frank writes, began …": a parenthetical cue inside the reported clause
        return [t for t in verb.head.subtree if t.i not in own]
    return [t for t in verb.head.subtree if t.i not in own and t.i < verb.left_edge.i]


#: the rules for one complement frame, tried in order (the first that decides gives the content); 'call'
#: is narrowed between the two groups
FRAME_RULES = (_passive_patient, _passive_expectation, _as_clause, _evidential)
NARROWED_RULES = (_clausal_complement, _embedded_question, _infinitive_complement, _that_clause_on_object,
                  _pronoun_reproach, _view_noun_object, _object_with_arguments, _folded_object, _prepositional_object,
                  _parenthetical_cue, _cue_after_clause)


def _content_by_cue(verb: Token, cue: Cue, text: str) -> Optional[list[Token]]:
    """What the verb reports under the cue's complement frame (the rules above), or None."""
    para = paragraph(text, verb.idx)
    children = tuple(c for c in verb.children if para[0] <= c.idx < para[1])
    passive = tuple(c for c in children if c.dep_ == "nsubjpass" and c.i < verb.i)
    f = _Frame(verb, cue, text, cue.complements, children, passive)
    for rules in (FRAME_RULES, NARROWED_RULES):
        for rule in rules:
            content = rule(f)
            if content is NO_CONTENT:
                return None
            if content is not None:
                return content
        f = _narrowed(f)
    return None


def closing_cue(verb: Token, subj: Optional[Token], sent: Span, text: str) -> Optional[tuple[int, int]]:
    """The reported clause before a closing ", she said." that the parse did not hang the cue on ("The
    web has made it easier for fringe groups to organize, she said.", the cue parsed as a clause of its
    own), or the sentence before it when the splitter cut the cue off (", he said." a sentence alone)."""
    doc = verb.doc
    if subj is None or subj.head.i != verb.i or subj.i > verb.i or len(list(subj.subtree)) > 10 \
            or verb.dep_ == "relcl":
        return None
    if not all(t.is_punct or t.is_space for t in doc[verb.i + 1: sent.end]):
        return None
    own = {t.i for t in subj.subtree}
    k = verb.i - 1
    while k >= sent.start and (k in own or (doc[k].head.i == verb.i and doc[k].dep_ in ("aux", "neg", "advmod")
                                            and not doc[k].tag_.startswith("W"))):   # not ", where she spoke"
        k -= 1
    if k < sent.start or doc[k].text != ",":
        return None
    if k == sent.start:
        # ", he said." cut off from what was said
        if k == 0 or "\n" in text[doc[k - 1].idx: doc[k].idx]:
            return None
        prev = doc[k - 1].sent
        start, end = prev.start_char, doc[k - 1].idx + len(doc[k - 1])
    else:
        start, end = sent.start_char, doc[k].idx
    start, end = trim(text, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span):
        return None     # "Then, last week, Eric Trump called.": no clause before the cue
    return start, end


def pro_form(verb: Token) -> Optional[list[Token]]:
    """A word standing for the clause a verb of saying takes: "half said so", "the chairman said yes",
    "the mayor said the opposite", "they said the same about the plan"."""
    for c in verb.children:
        if c.i == verb.i + 1 and c.lower_ in word_set("pro_clauses") and c.dep_ in ("advmod", "intj", "dobj", "ccomp"):
            return [c]
        if c.i > verb.i and c.dep_ == "dobj" and c.lemma_.lower() in word_set("pro_objects"):
            return list(c.subtree)
    return None


def told_object(verb: Token) -> Optional[list[Token]]:
    """A finite 'tell' with a thing told as its object reports it: "told a joke", "told a different story"."""
    if verb.lemma_.lower() != "tell" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None     # an act of telling, not "needs to tell more jokes", "sworn in to tell the truth"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.lemma_.lower() not in word_list("told_nouns"):
        return None
    return list(obj.subtree)


def _in_argument(prep: Token) -> bool:
    """An 'in' phrase the parser hung on a reporting verb after its object belongs to the object
    ("any role in the attacks", "her stance in support of …", "his skills in whittling $25 million off the
    price") unless it names the time or place of the act ("in December", "in Virginia") or its venue
    ("in a speech", "in the primary": nouns for where or through what something was said, listed in
    ``data/quote_venues.txt``)."""
    if any(t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for t in prep.subtree):
        return False
    return not any(o.dep_ == "pobj" and o.lemma_.lower() in word_list("quote_venues")
               for o in prep.children)
