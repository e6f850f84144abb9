"""Event nouns: "talks", "phone call", "condemnation from Japan" as events of their own.

:func:`noun_event` codes an event noun no verb event has taken, for a
:class:`storyline.events.coder.SentenceCoder`: is it an event here (after a light verb, or a
meeting or fight named in a circumstance: "during their meeting"), who are its sides (owners,
"between" phrases, the subject of the verb it hangs from; "drew condemnation from Japan" turns the
sender into the source).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from .actors import OBJ as _OBJ, deed_agents
from .lexicon import CameoCode, in_roots, plover_of, word_set

if TYPE_CHECKING:  # pragma: no cover
    from .coder import EventCandidate, SentenceCoder

__all__ = ["noun_event", "noun_row"]

_CIRCUMSTANCE_PREPS = word_set("circumstance_preps")
_DEFY = word_set("defy")
_ONGOING = word_set("ongoing")
_BACKDROP_MARKS = word_set("backdrop_marks")
_DRAW = word_set("draw")
#: an existential "there was/were ...": the happening noun is its attribute
_EXPLETIVES = frozenset({"expl"})


def existential(noun: Token) -> bool:
    """A happening told without who did it: "there was heavy fighting", "there were protests",
    "clashes broke out", "fighting raged" (the noun is the attribute of an expletive "be" or the
    subject of a verb of happening or going on)."""
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_.lower() == "be":
        return any(c.dep_ in _EXPLETIVES for c in head.children)
    return noun.dep_ == "nsubj" and head.lemma_.lower() in _ONGOING and head.pos_ in ("VERB", "AUX")


def own_agent(noun: Token) -> list[Token]:
    """Who does an event noun's act when it has an agent of its own: "condemned the attack by Syrian
    troops", "welcomed a call on Friday by the Arab League" (the parser may hang that by-phrase on
    the active verb, which can have no agent of its own).  Such a noun is an act of its own, not
    the object of the verb's act."""
    toks = deed_agents(noun)   # "the attack by Syrian troops", "the sanctions imposed by the EU"
    head = noun.head
    if not toks and noun.dep_ in _OBJ and not any(c.dep_ == "auxpass" for c in head.children):
        toks = [g for c in head.children if c.dep_ == "agent" and c.i > noun.i
                for g in c.children if g.dep_ == "pobj"]
    return toks


def _unnamed_parties(noun: Token, row: CameoCode) -> Optional[list]:
    """The unnamed side of a happening no actor is named for (GUIDE: the actors come from
    context): fighting is done by unnamed armed parties (CAMEO's UAF), protest by the opposition;
    they take the country where it happens (:func:`storyline.events.context.fill_generic`)."""
    if not (existential(noun) and in_roots(row.code, "happening")):
        return None
    sector = "OPP" if in_roots(row.code, "protest") else "UAF"
    return [{"text": None, "code": None, "sector": sector, "name": None, "unnamed": True,
             "token_start": noun.i, "token_end": noun.i + 1, "root": noun.i}]


def _fighting(code: str) -> bool:
    """Fighting: a fighting noun is an event on its own inside "in" ("in a firefight")."""
    return in_roots(code, "fighting")


def _stands_alone(noun: Token, code: str) -> bool:
    """Without a light verb only meetings/calls/visits and fighting are events ("during their
    meeting", "engaged peacekeepers in a firefight")."""
    head = noun.head
    if not (in_roots(code, "consult") or _fighting(code)):
        return False
    if _fighting(code) and not (noun.dep_ == "pobj" and head.lower_ == "in"):
        return False
    if noun.dep_ == "pobj" and head.lower_ not in _CIRCUMSTANCE_PREPS:
        return False
    return noun.dep_ not in _OBJ


def noun_row(coder: "SentenceCoder", noun: Token) -> Optional[CameoCode]:
    """The CAMEO row of an event noun where it is an event, else None."""
    triggers, lex = coder.triggers, coder.lex
    code = triggers.refine(triggers.noun_code(noun), noun)
    row = plover_of(code)
    if row is None or (noun.dep_ in ("appos", "attr", "conj") and not existential(noun)):
        return None
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_.lower() in _ONGOING and backdrop_clause(head):
        return None   # "since the protests began": the time of another event, not one of its own
    if existential(noun) and in_roots(code, "happening"):
        return row
    if noun.dep_ in _OBJ and head.lemma_.lower() in _DEFY:
        return None   # "violated the treaty": not a treaty signed
    light = noun.dep_ in _OBJ and (head.lemma_.lower() in lex.light_verbs
                                   or not lex.is_trigger_lemma(head.lemma_.lower()) or bool(own_agent(noun)))
    light = light or (noun.dep_ == "nsubj" and head.lemma_.lower() in _ONGOING)  # "riots continued"
    if not light and not _stands_alone(noun, code):
        return None
    return row


def backdrop_clause(verb: Token) -> bool:
    """A temporal adverbial clause ("since ...", "when ...", "as ...": ``backdrop_marks``) that
    dates or frames the main clause's event."""
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _BACKDROP_MARKS
                                        for c in verb.children)


def _senders(noun: Token) -> list[Token]:
    """Who a reaction comes from: "condemnation from Japan" (or "drew condemnation | from Japan")."""
    senders = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
               if g.dep_ == "pobj"]
    if not senders and noun.dep_ in _OBJ:   # attached to the verb
        senders = [g for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
                   for g in c.children if g.dep_ == "pobj"]
    return senders


def _drawn_sides(coder: "SentenceCoder", noun: Token, row: CameoCode,
                 source: list) -> Optional[tuple[list, list]]:
    """"drawing condemnation from Japan", "won praise from Washington": the sender acts on whoever
    drew it; (source, target), or None when the noun is not drawn from a named sender."""
    head, actors = noun.head, coder.actors
    senders = _senders(noun)
    if source or not senders or noun.dep_ not in _OBJ or row.quad_class not in (1, 3) \
            or head.lemma_.lower() not in _DRAW:
        return None
    source = actors.actors_of(senders)
    if not source:
        return None
    drawer = actors.subject_tokens(head)[0]
    target = actors.subject_actors(drawer)
    if not any(a.get("code") for a in target):   # "China's drills drew criticism"
        target = actors.actors_of(drawer, modifiers=True) or actors.actors_of(
            [c for t in drawer for c in t.children if c.dep_ == "poss"])
    # the same actor on both sides is dropped; a government and its opposition are two
    sides = {(a.get("code"), a.get("sector")) for a in source}
    return source, [a for a in target if (a.get("code"), a.get("sector")) not in sides]


def _governing_subject(coder: "SentenceCoder", noun: Token) -> list:
    """The actors of the active subject of the verb an object or prepositional noun hangs from."""
    verb = noun.head if noun.dep_ in _OBJ else noun.head.head
    for _ in range(4):  # "hailed relations ... as better than an alliance in a video call"
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        subj, passive = coder.actors.subject_tokens(verb)
        if not passive:
            return coder.actors.actors_of(subj)
    return []


def _noun_source(coder: "SentenceCoder", noun: Token, source: list, between: list[Token]) -> list:
    """Owners, then mentions before the noun in its phrase, "between" phrases, the verb's subject."""
    for t in noun.doc[noun.left_edge.i:noun.i]:
        m = coder.coref.mention_at(t.i)
        if m is not None and m.get("code") and m["root"] == t.i and m not in source:
            source.append(m)
    if not source and between:
        source = coder.actors.actors_of(between)
    if not source and noun.dep_ in _OBJ | {"pobj"}:
        source = _governing_subject(coder, noun)
    return source


def noun_event(coder: "SentenceCoder", noun: Token) -> Optional["EventCandidate"]:
    """The event of an event noun, or None."""
    row = noun_row(coder, noun)
    if row is None:
        return None
    actors, head = coder.actors, noun.head
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    agent = own_agent(noun)
    source = actors.actors_of(agent) if agent else actors.actors_of(owners)
    owners += agent
    drawn = _drawn_sides(coder, noun, row, source)
    if drawn is not None:
        return coder.event(row, trigger=noun, source=drawn[0], target=drawn[1], negated=False, intent=False,
                           rule="noun_drawn")
    between = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
               for g in c.children if g.dep_ == "pobj"]
    rule = "noun"
    if existential(noun):   # no one else's act: owners and "between" phrases only
        source = source or actors.actors_of(between)
    else:
        source = _noun_source(coder, noun, source, between)
    if not source:
        source = _unnamed_parties(noun, row)
        rule = "noun_unnamed"
    if not source:
        return None
    skip = {t.i for o in owners + between for t in o.subtree}
    target = [m for m in actors.target_tokens(noun, skip) if m not in source]
    if not target and noun.dep_ == "pobj" and head.head.pos_ == "VERB" and _fighting(row.code):
        verb = head.head
        target = actors.actors_of([c for c in verb.children if c.dep_ in _OBJ], modifiers=True)
    negated = noun.dep_ in _OBJ and coder.negated(noun.head)
    return coder.event(row, trigger=noun, source=source, target=target, negated=negated, intent=False,
                       rule=rule)
