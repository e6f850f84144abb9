"""Where a reported content stops: conditions and contrasting clauses it keeps, relative clauses,
appositions and the speaker's next acts it drops."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .lexicon import Cue, cue_lexicon, word_set
from .spans import QUOTE_CHARS, SUBJ


def with_condition(verb: Token, content: Optional[list[Token]]) -> Optional[list[Token]]:
    """A condition right after the content that the parser hung on the reporting verb is part of what
    was said or promised: "would support Trump if he became the nominee", "say he would look zippier if
    he ate …" (the speaker did not say it only on that condition)."""
    if not content:
        return content
    last = max(t.i for t in content)
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > last and c.left_edge.i == last + 1 and c.left_edge.lower_ in ("if", "unless") \
                and c.left_edge.head.i == c.i:
            return content + list(c.subtree)
    return content


def but_clause(verb: Token, comp: Token, children: list[Token]) -> list[Token]:
    """A second that-clause in contrast, which the parser hung on the reporting verb, goes on with what
    was said: "said the U.S. needs to secure the border, but that he would not support mass deportation"
    (a clause with a subject of its own after ', but' is as often the writer's as the speaker's)."""
    doc = verb.doc
    k = comp.right_edge.i + 1
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("but", "and"):
        cc = [doc[k], doc[k + 1]]
    elif k < len(doc) and doc[k].lower_ in ("but", "and"):
        cc = [doc[k]]
    else:
        return []
    cues = cue_lexicon()
    for c in children:
        if c.dep_ != "conj" or c.left_edge.i != cc[-1].i + 1 or c.pos_ not in ("VERB", "AUX"):
            continue
        if not (c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"):
            return []
        if any(t.lemma_.lower() in cues and cues[t.lemma_.lower()].kind == "speech" and t.pos_ == "VERB"
               for t in c.subtree):
            return []
        return cc + list(c.subtree)
    return []


def stray_conjuncts(verb: Token, comp: Token, children: list[Token]) -> list[Token]:
    """Conjuncts of a complement that the parser hung on the reporting verb: "wants to triple X, grow Y
    and create Z" (grow, create: base forms like 'triple', not the finite 'wants'), with the commas and
    conjunctions between them.  A conjunct in the verb's own form ("said X and warned Y") is the
    speaker's next act and stays out."""
    out: list[Token] = []
    last = comp.right_edge.i
    for c in sorted(children, key=lambda c: c.i):
        if c.dep_ != "conj" or c.i <= last or c.pos_ not in ("VERB", "AUX") or c.tag_ != comp.tag_ \
                or c.tag_ == verb.tag_ or any(x.dep_ in SUBJ for x in c.children):
            continue
        between = verb.doc[last + 1: c.left_edge.i]
        if not all(t.dep_ in ("cc", "punct") and t.text != "." for t in between):
            break
        out.extend(between)
        out.extend(c.subtree)
        last = c.right_edge.i
    return out


def cut_relative(tokens: list[Token]) -> list[Token]:
    """An object content keeps a non-restrictive relative clause on it ("praised the plan, which
    passed": what was praised, as PolNeAR marks it) unless that clause reports speech of its own
    ("endorsed the governor, who says he is grateful": a quote in its own right).  A long one closing the
    content is still dropped by :func:`cut_final_relative`."""
    toks = sorted(tokens, key=lambda t: t.i)
    cues = cue_lexicon()
    for k, t in enumerate(toks[1:], 1):
        if t.text == "," and k + 1 < len(toks) and toks[k + 1].lower_ in ("which", "who", "whom", "whose") \
                and toks[k + 1].head.dep_ == "relcl" \
                and any(x.pos_ == "VERB" and x.lemma_.lower() in cues for x in toks[k + 1].head.subtree):
            return toks[:k]
    return toks


def cut_final_relative(tokens: list[Token]) -> list[Token]:
    """A content ending in a non-restrictive relative clause or an apposition drops it: "said the vote
    was split with Sanders, who also held a rally …" → "… with Sanders" (the writer's aside, not what
    was reported).  Only one that runs to the end of the content; none inside quotation marks, though
    the reported clause before it may quote words ("said he never saw Mateen “interact” with Albusalha,
    the suicide bomber who …")."""
    toks = sorted(tokens, key=lambda t: t.i)
    if len(toks) < 6:
        return toks
    last = max((t.i for t in toks if not t.is_punct), default=toks[-1].i)
    for k in range(2, len(toks) - 2):
        t, nxt = toks[k], toks[k + 1]
        if t.text != "," or nxt.lower_ not in word_set("relative_words") or any(x.text in QUOTE_CHARS for x in toks[k:]):
            continue
        rel = nxt if nxt.dep_ == "relcl" else next((h for h in (nxt.head, nxt.head.head) if h.dep_ == "relcl"), None)
        if rel is None or rel.right_edge.i < last or rel.head.i >= t.i:
            continue
        return toks[:k]
    for k in range(3, len(toks) - 2):
        # "… consider Rep. Don Beyer, a former lieutenant governor": a closing apposition is the
        # writer's gloss on a name, not part of what was said
        t, nxt = toks[k], toks[k + 1]
        if t.text != "," or any(x.text in QUOTE_CHARS for x in toks[k:]):
            continue
        app = next((h for h in (nxt, nxt.head, nxt.head.head) if h.dep_ == "appos" and h.left_edge.i == nxt.i), None)
        if app is not None and app.right_edge.i >= last and app.head.i < t.i:
            return toks[:k]
    return toks


def _cut_contrast(content: list[Token]) -> list[Token]:
    """A closing ', while …' clause with a report of its own is a second attribution set beside the
    first, not part of it: "say they prefer an outsider, while about 4 in 10 want one with experience",
    "said X, while Cruz said that …" (one without a reporting verb, "China expects 6.5 percent growth,
    while the U.S. will see 2 percent", is the same speaker's comparison and stays).  A closing ', even
    as/though …' is the writer's counterpoint: "said he will support the nominee, even as he has taken
    shots at him" ('even if' is a condition of what was said and stays)."""
    cues = cue_lexicon()
    for k in range(2, len(content) - 1):
        if content[k].text not in (",", "—", "–", "--") or any(x.text in QUOTE_CHARS for x in content[:k]):
            continue
        rest = [t for t in content[k + 1:] if not (t.is_punct and t.i == content[-1].i)]
        ids = {t.i for t in rest}
        roots = [t for t in rest if t.head.i not in ids]
        if len(roots) != 1 or roots[0].dep_ != "advcl":
            continue
        if len(rest) > 2 and rest[0].lower_ == "even" and rest[1].lower_ in ("as", "though"):
            return content[:k]
        if rest[0].lower_ != "while":
            continue
        if any(t.pos_ == "VERB" and t.lemma_.lower() in cues and cues[t.lemma_.lower()].kind in ("speech", "cognition")
               for t in rest):
            return content[:k]
    return content


def cut_tail(content: list[Token], verb: Token) -> list[Token]:
    """Drop a non-restrictive tail after the reported clause (", when …", ", adding …")."""
    content = _cut_contrast(sorted(content, key=lambda t: t.i))
    cues = cue_lexicon()
    for k, t in enumerate(content):
        # "said he'd battled three bouts of pneumonia and called it a common ailment": a conjoined
        # reporting verb without its own subject is the speaker's next act, not part of what was said
        if k > 2 and t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_.lower() in cues \
                and cues[t.lemma_.lower()].kind in ("speech", "cognition") \
                and not any(c.dep_ in SUBJ for c in t.children) \
                and any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children) \
                and (t.tag_ == verb.tag_ or t.tag_ != t.head.tag_ or t.tag_ == "VB" or t.lemma_.lower() in word_set("say_verbs")):
            # ("Police say he posed a threat and refused to drop the gun": in the reported clause's
            # tense, not the cue's, the verb goes on with what was said; 'says X promised Y and said Z':
            # a plain say/tell is a speech act of its own in any tense)
            ccs = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i and c.i > content[0].i]
            if ccs:
                cut = [x for x in content if x.i < ccs[-1].i]
                if len(cut) > 2 and not any(x.text in "\"“”" for x in cut):
                    return cut_tail(cut, verb)
    for k, t in enumerate(content[:-1]):
        nxt = content[k + 1]
        if k > 2 and t.i > verb.i and t.text in (",", "—", "--") and (
                nxt.lower_ in word_set("tail_starts")
                or (nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "conj", "xcomp")
                    and cue_lexicon().get(nxt.lemma_.lower(), Cue("", "", "")).kind == "speech")):
            # ", arguing that …", ", warning …": the speaker's next act, an attribution of its own
            if not any(c.text in "\"“”'" for c in content[:k]):    # not inside a quote
                return content[:k]
    return content
