"""Acts told from the side of whoever undergoes them: "the Libyan leader stands accused of war
crimes", "Mubarak faces charges of corruption", "the minister came under criticism from Britain".

The grammatical subject of such a predicate is the act's target, not its source; the source is
whoever the sentence names as doing it (a by- or from-phrase, a court "at"/"before" which charges
are faced), else, for a legal process ("faces charges", "is under investigation"), the authorities
where it happens (:func:`storyline.events.context.fill_generic`), else an unnamed accuser.
The verbs and nouns are data (``undergo_*`` and ``legal_process_nouns`` of ``word_sets.json``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from . import context, types
from .actors import OBJ as _OBJ
from .lexicon import plover_of, word_set

if TYPE_CHECKING:  # pragma: no cover
    from .coder import EventCandidate, SentenceCoder

__all__ = ["undergoer_verb", "turned", "under_event"]

#: "stands accused", "remained charged": a participle complement of these verbs
_COMPLEMENT_VERBS = word_set("undergo_complement")
#: "faces charges", "faced arrest": an event noun as object of these verbs
_OBJECT_VERBS = word_set("undergo_object")
#: "came under criticism", "is under investigation": an event noun after "under"
_UNDER_VERBS = word_set("undergo_under")
_LEGAL = word_set("legal_process_nouns")
_SENDER_PREPS = ("by", "from")
_VENUE_PREPS = ("at", "before")


def undergoer_verb(trigger: Token) -> Optional[Token]:
    """The verb whose subject undergoes ``trigger``'s act, or None."""
    head = trigger.head
    lemma = head.lemma_.lower()
    if trigger.tag_ == "VBN" and lemma in _COMPLEMENT_VERBS and (
            trigger.dep_ in ("xcomp", "acomp", "oprd") or (trigger.dep_ == "advcl" and trigger.i == head.i + 1)):
        return head   # "stands accused" (an adjacent participle may be parsed as an adverbial clause)
    if trigger.pos_ == "NOUN" and trigger.dep_ in _OBJ and lemma in _OBJECT_VERBS:
        return head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and head.lower_ == "under" \
            and head.head.lemma_.lower() in _UNDER_VERBS and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _phrases(tokens: list[Token], preps: tuple[str, ...]) -> list[Token]:
    return [g for t in tokens for c in t.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _doers(coder: "SentenceCoder", trigger: Token, verb: Token) -> list[dict]:
    """Who the sentence names as doing the act: by/from phrases of the act or its verb, else a coded
    venue ("faces charges at the International Criminal Court")."""
    # "charges of corruption brought by prosecutors": the by-phrase of a participle on the act
    holders = [trigger, verb] + [t for t in trigger.subtree if t.dep_ == "acl" and t.tag_ == "VBN"]
    found = [a for a in coder.actors.actors_of(_phrases(holders, _SENDER_PREPS)) if a.get("code") or a.get("sector")]
    if found:
        return found
    # the venue may hang anywhere in the act's phrase ("charges of war crimes | at the ICC")
    return [a for a in coder.actors.actors_of(_phrases([verb, *trigger.subtree], _VENUE_PREPS)) if a.get("code")]


def _unnamed(trigger: Token) -> list[dict]:
    """The doer of an act no one is named for: the authorities for a legal process, else an
    accuser the text does not name."""
    if trigger.lemma_.lower() in _LEGAL or trigger.lower_ in _LEGAL:
        return [{"text": "the authorities", "code": None, "sector": "GOV", "name": None, "implied": True}]
    return [{"text": None, "code": None, "sector": None, "name": None, "unresolved": True}]


def _sides(coder: "SentenceCoder", trigger: Token, verb: Token) -> tuple[list[dict], list[dict]]:
    subj = coder.actors.subject_tokens(verb)[0]
    places = [t for t in subj if context.place_country(t.doc, t) is not None
              and not (coder.coref.mention_at(t.i) or {}).get("code")]
    if places:   # "their neighbourhood came under attack": the people of the place, in its country
        tok = places[0]
        span = tok.doc[tok.left_edge.i:tok.i + 1]
        target = [{"text": span.text, "code": context.place_country(tok.doc, tok) or None, "sector": "CVL",
                   "name": None, "start": span.start_char, "end": span.end_char}]
    else:
        target = coder.actors.subject_actors(subj) or coder.actors.private_side(subj)
    return _doers(coder, trigger, verb), target


def _suffered(row) -> bool:
    """Acts one undergoes: conflict (verbal or material) and demands ("faced calls to resign"), not
    a meeting or an aid one "faces"."""
    return row.quad_class in (3, 4) or row.plover == types.REQUEST


def turned(coder: "SentenceCoder", ev: "EventCandidate") -> "EventCandidate":
    """``ev`` with its sides turned when its trigger is undergone by the verb's subject."""
    verb = undergoer_verb(ev.trigger)
    if verb is None or not _suffered(ev.row):
        return ev
    source, target = _sides(coder, ev.trigger, verb)
    if not target:
        return ev
    out = coder.event(ev.row, trigger=ev.trigger, source=source or _unnamed(ev.trigger), target=target,
                      negated=ev.negated, intent=ev.intent, anchor=ev.anchor, rule=ev.rule)
    return out if out is not None else ev


def under_event(coder: "SentenceCoder", noun: Token) -> Optional["EventCandidate"]:
    """"came under criticism from Britain", "is under investigation by the FBI": the event of a noun
    after "under" when the sentence names who does it."""
    verb = undergoer_verb(noun)
    if verb is None or noun.dep_ != "pobj":
        return None
    row = plover_of(coder.triggers.refine(coder.triggers.noun_code(noun), noun))
    if row is None or not _suffered(row):
        return None
    source, target = _sides(coder, noun, verb)
    if not source or not target:
        return None
    return coder.event(row, trigger=noun, source=source, target=target, negated=coder.negated(verb),
                       intent=False, anchor=verb, rule="noun_drawn")
