"""Trigger codes: the CAMEO code a verb or an event noun stands for, before clause structure.

:class:`TriggerCoder` codes one trigger.  A verb goes through :data:`VERB_RULES`, small named rules
tried in order (the first that decides wins: a :class:`TriggerCode`, whose ``code`` may be None for
"no event here"); the last rule is the lexicon itself (hand-kept codes, PETRARCH phrase patterns).
Promises, requests and rejections around the trigger are the sentence coder's business
(:mod:`storyline.events.coder`).  Word sets and the codes the rules assign are data
(``data/events/word_sets.json``, ``data/events/cameo_rules.tsv``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Token

from . import types
from .actors import OBJ as _OBJ
from .coref import Coref
from .assess import cue_set
from .lexicon import EventLexicon, cameo_map, cameo_rule, in_roots, lookup_code, plover_of, word_set
from .senses import no_act, own_phrase

__all__ = ["TriggerCode", "TriggerCoder", "VERB_RULES", "BLOCK_DEFAULT", "complement"]

#: the rule name of a PETRARCH verb block's default code (see :func:`lexicon_code`)
BLOCK_DEFAULT = "block_default"

_CESSATION = word_set("cessation")
_DEFY = word_set("defy")
#: quantities and measures whose "of" phrase names what is given or sent
_MEASURES = word_set("measures")
#: taking a place by force: "captured the village", "seized Avdiivka" is fighting (ASSAULT), not occupation
_TAKE_PLACE = word_set("take_place")
_PLACE_NOUNS = word_set("place_nouns")
#: leaving an agreement or organisation is SANCTION (PLOVER: "withdraws itself from an organization,
#: treaty, or group"), not a military retreat
_LEAVE = word_set("leave")
_PACTS = word_set("pacts")
#: receiving or welcoming a person is hosting a visit
_RECEIVE = word_set("receive")
_WEAPONS = word_set("weapons")
#: letting people or goods in: PLOVER RETREAT "access"
_ACCESS = word_set("access")
_LIFT = _CESSATION | word_set("lift")
_AID_WORDS = word_set("aid_words")
_PHONE_WORDS = word_set("phone_words")
#: what makes a bare "call" a phone call
_CALL_MODIFIERS = word_set("call_modifiers")
#: semantic classes of objects (PETRARCH-like synsets) and the types they restrict
_POLICY_NOUNS = word_set("policy_nouns")
_INFORMATION_NOUNS = word_set("information_nouns")
_EFFORT_TYPES = word_set("effort_types")
_OBJECT_SENSE_CODES = word_set("object_sense_codes")
_INFORMATION_SENSE_TYPES = word_set("information_sense_types")
_PERCEPTION = word_set("perception_verbs")
_CONTROL_NOUNS = word_set("control_nouns")
_PERSON_OBJECT_CODES = word_set("person_object_codes")
_PEOPLE_NOUNS = word_set("people_nouns")
_LEGISLATION = word_set("legislation_nouns")
_LEGISLATIVE_TYPES = word_set("legislative_types")
_QUESTION_VERBS = word_set("question_verbs")
_QUESTION_WORDS = word_set("question_words")
_QUESTION_TOPIC = word_set("question_topic_preps")
_TRIP_NOUNS = word_set("trip_nouns")
_UNDERGO = word_set("undergo_verbs")
_HOSPITALITY = word_set("hospitality_verbs")
_ECONOMIC = word_set("economic_objects")
_COMMON_PEOPLE = word_set("common_people_sectors")
#: verbs of a state, of knowing or examining: no act under a PETRARCH block default
_STATIVE = word_set("stative_verbs")
#: what one "meets" or "faces" that is no one met: "met fierce resistance", "met his end"
_NOT_MET = word_set("not_met_nouns")
_MET_DEMANDS = word_set("met_demand_types")


@dataclass(frozen=True)
class TriggerCode:
    """What a verb rule decided: the code (None: no event) and the token that carries it (the verb,
    or the event noun a light verb hands it to)."""
    code: Optional[str]
    trigger: Token
    #: the verb rule that decided (its function name)
    rule: str = ""


def complement(verb: Token) -> Optional[Token]:
    """The to-complement of a verb: "agreed to meet", "called on X to withdraw"."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "ccomp" and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in ("to", "on"):
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    return g
    return None


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in _OBJ]


class TriggerCoder:
    """Codes verbs and event nouns of one document."""

    def __init__(self, coref: Coref, lex: EventLexicon) -> None:
        self.coref = coref
        self.lex = lex

    # -- nouns -------------------------------------------------------------------------------
    def noun_key(self, tok: Token) -> Optional[str]:
        """The lexicon entry of an event noun ("phone call", "talks"), or None."""
        nouns = self.lex.nouns
        for left in tok.lefts:
            if left.dep_ in ("compound", "amod") and f"{left.lower_} {tok.lower_}" in nouns:
                return f"{left.lower_} {tok.lower_}"
        if tok.lower_ in nouns:
            return tok.lower_
        if tok.lemma_.lower() in nouns:
            return tok.lemma_.lower()
        return None

    def noun_code(self, tok: Token) -> Optional[str]:
        """The CAMEO code of an event noun ("a call for" is a request, a bare "call" nothing)."""
        key = self.noun_key(tok)
        if key is None:
            return None
        if key == "call":
            preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
            for prep, code in self.lex.call_nouns.items():
                if prep in preps:
                    return code
            if not any(c.lower_ in _CALL_MODIFIERS for c in tok.lefts):
                return None
        return self.lex.nouns[key]

    def event_noun_object(self, verb: Token) -> Optional[Token]:
        """The event noun a verb takes as object, or the measured thing ("5 million dollars of aid")."""
        # "charges were filed against him": a light verb's passive subject ("an inquiry is needed" is none)
        deps = _OBJ | {"nsubjpass"} if verb.lemma_.lower() in self.lex.light_verbs else _OBJ
        for c in verb.children:
            if c.dep_ in deps and c.pos_ in ("NOUN", "PROPN") and self.noun_code(c):
                return c
        for c in verb.children:
            if c.dep_ in _OBJ and (c.lemma_.lower() in _MEASURES or any(g.dep_ == "nummod" for g in c.children)):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for g in p.children:
                            if g.dep_ == "pobj" and g.pos_ == "NOUN" and self.noun_code(g):
                                return g
        return None

    def object_noun_code(self, verb: Token) -> Optional[str]:
        noun = self.event_noun_object(verb)
        return self.noun_code(noun) if noun is not None else None

    # -- verbs -------------------------------------------------------------------------------
    def verb_trigger(self, verb: Token) -> TriggerCode:
        """The code of a verb (or of the event noun it hands over), without the promise/request
        wrapping: the first of :data:`VERB_RULES` that decides."""
        lemma = verb.lemma_.lower()
        for rule in VERB_RULES:
            found = rule(self, verb, lemma)
            if found is not None:
                return found if found.rule else TriggerCode(found.code, found.trigger, rule.__name__)
        raise AssertionError("the lexicon rule always decides")   # pragma: no cover

    def right_words(self, tok: Token, limit: int = 12) -> list[str]:
        """The words after a verb in its own clause, for PETRARCH phrase patterns."""
        words = []
        for t in tok.doc[tok.i + 1: tok.right_edge.i + 1]:
            if t.dep_ in ("ccomp", "advcl", "relcl") and t.head.i == tok.i:
                break
            if not t.is_punct:
                words.append(t.lower_)
            if len(words) >= limit:
                break
        return words

    def refine(self, code: Optional[str], tok: Token) -> Optional[str]:
        """Specialise 03/06/07/10 cooperation codes by topic words under the trigger."""
        if not code or len(code) != 3 or not in_roots(code, "refinable"):
            return code
        words = {t.lower_ for t in tok.subtree} if tok.n_rights or tok.n_lefts else set()
        if words & self.lex.refine["military"]:
            return cameo_map("refine_military").get(code, code)
        if words & self.lex.refine["economic"]:
            return cameo_map("refine_economic").get(code, code)
        return code


def by_phone(code: Optional[str], verb: Token) -> Optional[str]:
    """A contact (04) by phone or video is a phone call: "spoke with Wang Yi by phone"."""
    if in_roots(code, "consult") and any(
            g.lemma_.lower() in _PHONE_WORDS
            for c in verb.children if c.dep_ == "prep" for g in c.subtree):
        return cameo_rule("by_phone")
    return code


# -- verb rules, tried in order ---------------------------------------------------------------------
Rule = Callable[[TriggerCoder, Token, str], Optional[TriggerCode]]


def untested(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"tested positive", "tested the waters": no weapon tested, no event."""
    if lemma == "test" and not any(c.dep_ in _OBJ and c.lemma_.lower() in _WEAPONS for c in verb.children):
        return TriggerCode(None, verb)
    return None


def missile_test(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"test-fired missiles": a show of force, not an attack."""
    if lemma in ("fire", "launch", "test") and (
            lemma == "test" or (verb.i >= 2 and verb.doc[verb.i - 1].text == "-"
                                and verb.doc[verb.i - 2].lower_ == "test")):
        return TriggerCode(cameo_rule("test_fire"), verb)
    return None


def _place_taken(obj: Token) -> bool:
    """A place, or control of one ("control of the main hospital")."""
    if obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _PLACE_NOUNS:
        return True
    return obj.lemma_.lower() in _CONTROL_NOUNS and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(g.dep_ == "pobj" for g in p.children) for p in obj.children)


def take_place(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"Russian troops captured the village", "rebels wrested control of the airport": fighting."""
    if (lemma in _TAKE_PLACE or verb.lower_ in _TAKE_PLACE) and any(_place_taken(c) for c in _objects(verb)):
        return TriggerCode(cameo_rule("take_place"), verb)
    return None


def perception(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"witnesses heard gunfire": perceiving is no act; the event noun perceived is the event (its
    code, carried by the noun).  "heard from the minister" (a contact) goes on to the lexicon."""
    if lemma not in _PERCEPTION or any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
        return None
    noun = tc.event_noun_object(verb)
    if noun is not None and (plover_of(tc.noun_code(noun)) or _NO_ROW).quad_class >= 3:
        return TriggerCode(tc.noun_code(noun), noun)
    return TriggerCode(None, verb) if _objects(verb) else None


def withdraw_from_pact(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"Russia withdrew from the grain deal", "quit the alliance": a sanction."""
    if lemma not in _LEAVE:
        return None
    places = [c for c in verb.children if c.dep_ in _OBJ and lemma in ("quit", "exit", "leave")]
    preps = [c for c in verb.children if c.dep_ == "prep"]
    preps += [g for c in verb.children if c.lower_ == "out" for g in c.children if g.dep_ == "prep"]
    places += [g for c in preps if c.lower_ in ("from", "of") for g in c.children if g.dep_ == "pobj"]
    mention_at = tc.coref.mention_at
    if any(t.lemma_.lower() in _PACTS or ((mention_at(t.i) or {}).get("kind") == "igo"
                                          and not mention_at(t.i).get("sector"))
           for t in places):
        return TriggerCode(cameo_rule("withdraw_from_pact"), verb)
    return None


def allow_access(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"allowed aid trucks to enter Gaza": access (humanitarian when aid goes in)."""
    if lemma not in ("allow", "permit", "let"):
        return None
    comp = complement(verb) or next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is None or comp.lemma_.lower() not in _ACCESS:
        return None
    words = {t.lemma_.lower() for t in verb.subtree}
    aid = words & _AID_WORDS
    return TriggerCode(cameo_rule("allow_aid_access" if aid else "allow_access"), verb)


def host_visit(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"the crown prince received the Iranian foreign minister": hosting a visit."""
    if lemma not in _RECEIVE:
        return None
    guest = next((c for c in verb.children if c.dep_ in _OBJ), None)
    m = tc.coref.mention_at(guest.i) if guest is not None else None
    if m is not None and m.get("kind") == "person" or (
            m is not None and m.get("kind") == "agent" and m.get("sector") in ("GOV", "MIL", "IGO")
            and m["root"] == guest.i):
        return TriggerCode(cameo_rule("host_visit"), verb)
    return None


class _NoRow:
    quad_class = 0


_NO_ROW = _NoRow()


def _plover_type(tc: TriggerCoder, lemma: str) -> Optional[str]:
    row = plover_of(tc.lex.verb_code(lemma))
    return row.plover if row is not None else None


def opinion(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"thinks", "feels", "wonders": a verb of opinion or speculation is no act (a PETRARCH block
    default such as "think" → consult is not coded), nor is a verb of a state, of knowing or of
    examining ("includes", "understand", "control", "studied": ``stative_verbs``) that the hand-kept
    lexicon does not code; what it governs is coded on its own."""
    if (lemma in cue_set("speculation_verbs") or lemma in _STATIVE) and lemma not in tc.lex.verbs:
        return TriggerCode(None, verb)   # states and cognition too: "his air force includes 25 jets"
    return None


def effort(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"struggled to plug the well", "battled to contain the fire": a verb of fighting or protest
    with a to-complement tells the effort, not a fight; the complement is coded on its own."""
    lex = tc.lex
    if lemma in lex.intent_verbs or lemma in lex.request_verbs or lemma in lex.reject_verbs:
        return None
    if _plover_type(tc, lemma) not in _EFFORT_TYPES:
        return None
    if any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                  for a in c.children) for c in verb.children):
        return TriggerCode(None, verb)
    return None


def _object_class(tc: TriggerCoder, obj: Token) -> str:
    """The semantic class of a verb's object: actor, place, event, policy, information or thing."""
    if tc.coref.mention_at(obj.i) is not None or obj.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") \
            or obj.pos_ == "PRON":
        return "actor"
    if obj.ent_type_ in ("LOC", "FAC") or obj.lemma_.lower() in _PLACE_NOUNS:
        return "place"
    if tc.noun_code(obj):
        return "event"
    word, lemma = obj.lower_, obj.lemma_.lower()
    if word in _POLICY_NOUNS or lemma in _POLICY_NOUNS:
        return "policy"
    if word in _INFORMATION_NOUNS or lemma in _INFORMATION_NOUNS:
        return "information"
    return "thing"


def object_sense(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """The verb's sense by the semantic class of its object (a selectional restriction):
    attacking a policy or a report is criticism ("attacked each other's policies"); releasing or
    showing information is no release or protest ("released a video"); a protest verb whose object
    is a mere thing or a that-clause is "show" ("demonstrated a technology"); a verb with "as" and an adjective is
    an impression ("it struck me as odd")."""
    patient = patient_sense(tc, verb, lemma)
    if patient is not None:
        return patient
    shown = (tc.lex.verb_code(lemma) or "")[:3] in _OBJECT_SENSE_CODES
    if shown and any(c.dep_ == "ccomp" for c in verb.children):
        return TriggerCode(None, verb)   # "demonstrated that they could hold the town": showed
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "as" and any(g.pos_ == "ADJ" for g in c.children)
           for c in verb.children):
        return TriggerCode(None, verb)
    kind = _plover_type(tc, lemma)
    classes = {_object_class(tc, o) for o in objs}
    if in_roots(tc.lex.verb_code(lemma), "fighting") and classes <= {"policy", "information"}:
        return TriggerCode(cameo_rule("criticise_policy"), verb)
    if kind in _INFORMATION_SENSE_TYPES and all(_information(o) for o in objs):
        return TriggerCode(None, verb)
    if shown and classes == {"thing"}:
        return TriggerCode(None, verb)
    return None


def _requested(verb: Token) -> bool:
    """A request's complement: someone asked to do something ("asked Britain to send aid"), for
    something ("asked for weapons") or that something be done ("asked that the talks resume")."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "for":
            return True
        if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return True
    return False


def _asked_question(verb: Token) -> bool:
    """A question put to someone: "asked about the spill", "asked whether he would go", a quoted
    question ending in "?"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _QUESTION_TOPIC:
            return True
        if c.dep_ in ("ccomp", "advcl", "xcomp", "dobj") and c.i != verb.i:
            first = c.left_edge
            if first.lower_ in _QUESTION_WORDS or any(
                    m.dep_ == "mark" and m.lower_ in _QUESTION_WORDS for m in c.children):
                return True
    said = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    return any(t.lower_ == "?" and (t.head.i == verb.i or any(t in c.subtree for c in said)) for t in verb.sent)


def question(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"Asked about the spill, he said ...", "he was asked whether ...": a question put to someone
    is no REQUEST; a request asks someone to do something, for something or that something be
    done (:func:`_requested`)."""
    if lemma not in _QUESTION_VERBS:
        return None
    if _requested(verb) and not _interviewed(verb):
        return None
    return TriggerCode(None, verb) if _asked_question(verb) else None


def _interviewed(verb: Token) -> bool:
    """"Asked about the rule to revise the plan, the spokesman said": a participle with no agent that
    opens the sentence and puts a topic to the main clause's subject is an interview question, whatever
    complement the parser hangs on it."""
    return (verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.i == verb.sent.start
            and any(c.dep_ == "prep" and c.lower_ in _QUESTION_TOPIC for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children))


def _information(obj: Token) -> bool:
    """"released a statement": information, also when the word is a policy noun as well."""
    return obj.lower_ in _INFORMATION_NOUNS or obj.lemma_.lower() in _INFORMATION_NOUNS


def _people(tc: TriggerCoder, tok: Token, own: bool = False) -> bool:
    """A patient that is people: an actor mention or name in its phrase ("the British sailors"; with
    ``own``, not in its clauses or possessive pronouns either: :func:`.senses.own_phrase`), or a noun of people."""
    words = own_phrase(tok) if own else [t for t in tok.subtree if t.dep_ not in ("prep", "pobj", "relcl")]
    return tok.lemma_.lower() in _PEOPLE_NOUNS or tok.lower_ in _PEOPLE_NOUNS or any(
        _object_class(tc, t) == "actor" for t in words)


def _common_people(tc: TriggerCoder, tok: Token) -> bool:
    """Ordinary people, no named actor: a people noun no mention covers, or a civilian mention."""
    m = tc.coref.mention_at(tok.i)
    if m is None:
        back = any(c.lower_ == "back" or (c.dep_ == "prep" and c.lower_ == "to") for c in tok.head.children)
        return tok.lemma_.lower() in _PEOPLE_NOUNS or (back and _object_class(tc, tok) == "thing")
    return m.get("sector") in _COMMON_PEOPLE and not m.get("name")


def patient_sense(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """Selectional restrictions on the patient (PETRARCH-like synsets, ``word_sets.json``):
    releasing or dispersing (``person_object_codes``) acts on people ("released two hostages",
    "dispersed the crowd"), not on a statement or the oil; pushing a bill or seeking co-sponsors
    is legislative business, no request or promise (``legislation_nouns``); cutting one's own
    visit short is no sanction (``trip_nouns``)."""
    code, kind = tc.lex.verb_code(lemma) or "", _plover_type(tc, lemma)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on") for g in c.children
             if g.dep_ == "pobj"]
    if code[:3] in _PERSON_OBJECT_CODES:
        patients = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(_people(tc, p) or p.lemma_.lower() in _ECONOMIC for p in patients):
            return TriggerCode(None, verb)
    if kind in _LEGISLATIVE_TYPES and any(o.lemma_.lower() in _LEGISLATION or o.lower_ in _LEGISLATION
                                          for o in objs):
        return TriggerCode(None, verb)
    guests = [c for c in verb.children if c.dep_ == "dobj"]
    if lemma in _HOSPITALITY and guests and all(_common_people(tc, o) for o in guests):
        return TriggerCode(None, verb)   # "welcomed beachgoers back": hospitality
    if kind == types.SANCTION and not any(c.dep_ == "prt" for c in verb.children) and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _TRIP_NOUNS for c in verb.children):
        return TriggerCode(None, verb)
    return None


def sense(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """A sense of the verb that carries no act here (:mod:`.senses`: "met resistance", "surrounded by
    oil fields", "have no support", "managed to arrest": the complement is the act)."""
    def noun_type(tok: Token) -> str:
        return getattr(plover_of(tc.noun_code(tok)), "plover", "") or ""
    def person(tok: Token) -> bool:   # not a mere thing, event, stance or place ("resistance", "his end");
        if noun_type(tok) in _MET_DEMANDS:   # meeting a demand is yielding to it: the lexicon's code stays
            return True
        return _object_class(tc, tok) in ("actor", "thing") and not (
            tok.lemma_.lower() in _NOT_MET or tok.lower_ in _NOT_MET) and tok.lemma_.lower() not in _WEAPONS
    found = no_act(verb, lemma, tc.lex.verb_block.get(lemma, ""), person=person, noun_type=noun_type,
                   party=lambda tok: _object_class(tc, tok) == "actor" or _people(tc, tok, own=True))
    return TriggerCode(None, verb) if found else None


def verb_object(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """A verb whose object decides its code (lexicon ``verb_objects``: "signed a deal")."""
    objects = tc.lex.verb_objects.get(lemma)
    if objects:
        for c in _objects(verb):
            if c.lemma_.lower() in objects or c.lower_ in objects:
                return TriggerCode(objects.get(c.lower_) or objects[c.lemma_.lower()], verb)
    return None


def end_cooperation(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """Ending talks, aid or ties: "Syrian officers ended mediation efforts"."""
    if lemma not in _CESSATION:
        return None
    code = tc.object_noun_code(verb)
    ended = cameo_map("end_cooperation").get(code[:2]) if code else None
    return TriggerCode(ended, verb) if ended else None


def lift_coercion(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """Ending coercion: "lifted the sanctions" (085), "cancelled restrictions" (081)."""
    if lemma not in _LIFT:
        return None
    code = tc.object_noun_code(verb)
    if in_roots(code, "coercion"):
        return TriggerCode(lookup_code(cameo_map("lift_coercion"), code), verb)
    return None


def defy(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"violated the ceasefire" is an attack; "violated the treaty" no treaty signed."""
    if lemma not in _DEFY:
        return None
    noun = tc.event_noun_object(verb)
    if noun is not None and (tc.noun_code(noun) == cameo_rule("ceasefire") or "fire" in noun.lower_):
        return TriggerCode(cameo_rule("violate_ceasefire"), verb)
    if noun is not None and tc.lex.verb_code(lemma) is None:
        return TriggerCode(None, verb)
    return None


def verb_particle(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """Verb + particle or preposition (lexicon ``verb_preps``: "pull out", "call for")."""
    # a particle the parser takes for an adverb right after the verb: "stepped down", "pulled out"
    keys = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "agent")
            or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.pos_ in ("ADV", "ADP"))]
    # "taken into custody", "held in detention"; "took him prisoner", "held them hostage"
    keys += [f"{c.lower_} {g.lemma_.lower()}" for c in verb.children if c.dep_ == "prep"
             for g in c.children if g.dep_ == "pobj"]
    keys += [c.lemma_.lower() for c in verb.children if c.dep_ in ("oprd", "xcomp", "dobj") and c.pos_ == "NOUN"
             and c.lemma_.lower() in ("prisoner", "hostage", "captive")]
    for prep in keys:
        code = tc.lex.verb_preps.get(lemma, {}).get(prep)
        if code:
            return TriggerCode(tc.refine(code, verb), verb)
    return None


def light_verb(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """A light or uncoded verb hands the event to its object noun: "held talks", "gave aid"."""
    if lemma in tc.lex.light_verbs or tc.lex.verb_code(lemma) is None:
        noun = tc.event_noun_object(verb)
        if noun is not None:
            return TriggerCode(tc.refine(tc.noun_code(noun), noun), noun)
    return None


def never(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """Verbs the hand-kept lexicon marks as never an event."""
    if lemma in tc.lex.verbs and tc.lex.verbs[lemma] is None:
        return TriggerCode(None, verb)
    return None


def criticise_for(tc: TriggerCoder, verb: Token, lemma: str) -> Optional[TriggerCode]:
    """"attacked Obama for keeping his cool", "slammed the minister for failing to act": a verb of
    force whose object is a person and that gives a reason with "for" is criticism (PETRARCH's
    ATTACK/BLAST "* FOR ..." patterns, as a structure)."""
    if not in_roots(tc.lex.verb_code(lemma), "fighting"):
        return None
    person = any(c.ent_type_ in ("PERSON", "NORP")
                 or (tc.coref.mention_at(c.i) or {}).get("kind") in ("person", "agent") for c in _objects(verb))
    reason = any(c.dep_ == "prep" and c.lower_ == "for" and any(
        g.dep_ == "pcomp" or (g.dep_ == "pobj" and g.tag_ == "VBG") for g in c.children) for c in verb.children)
    return TriggerCode(cameo_rule("criticise_for"), verb) if person and reason else None


def lexicon_code(tc: TriggerCoder, verb: Token, lemma: str) -> TriggerCode:
    """The lexicon's code; a PETRARCH phrase pattern refines, but does not overrule, a hand-kept code.

    A PETRARCH verb block's default code (no hand-kept code, no phrase pattern matched) is named
    ``block_default``: PETRARCH codes it only between a coded source and a coded target, and so does
    the sentence coder (:meth:`storyline.events.coder.SentenceCoder.event`)."""
    lex = tc.lex
    code = lex.verb_code(lemma)
    pattern = lex.pattern_code(lemma, tc.right_words(verb))
    if pattern and (lemma not in lex.verbs or not code or (
            pattern[:2] == code[:2] and getattr(plover_of(pattern), "plover", None)
            == getattr(plover_of(code), "plover", None))):
        code = pattern
    elif lemma not in lex.verbs and code:
        if lemma in _UNDERGO:
            return TriggerCode(None, verb)   # "three children died": no act without the block's pattern
        return TriggerCode(tc.refine(code, verb), verb, BLOCK_DEFAULT)
    return TriggerCode(tc.refine(code, verb), verb)


#: the verb rules, in the order they are tried
VERB_RULES: tuple[Rule, ...] = (untested, question, sense, missile_test, take_place, withdraw_from_pact, allow_access, host_visit,
                                perception, opinion, effort, object_sense, verb_object, end_cooperation, lift_coercion, defy, verb_particle, light_verb,
                                never, criticise_for, lexicon_code)
