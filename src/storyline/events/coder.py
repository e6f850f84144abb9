"""The sentence coder behind ``storyline_events``: triggers, codes, actors, negation, intent.

:class:`SentenceCoder` reads one parsed sentence.  Verbs of the PETRARCH-derived lexicon and event
nouns get their CAMEO code from :class:`storyline.events.triggers.TriggerCoder`; the clause around a
verb then wraps it (promises, plans, requests and rejections through the to-complement,
allegations and obligations through the that-clause, negation, intent), and source and target
actors come from :class:`storyline.events.actors.ActorFinder` (subjects, passive agents, objects
and prepositional objects, coordination, possessives, light coreference).  Each coded trigger is an
:class:`EventCandidate`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import types
from ..actors.officials import office_sectors
from .assess import cue_set
from .actors import OBJ as _OBJ, SUBJ as _SUBJ, ActorFinder, misparsed_main
from .contest import electoral
from .coref import Coref
from .lexicon import CameoCode, cameo_map, cameo_rule, event_lexicon, in_roots, intent_code, plover_of, word_set
from .nouns import noun_event, own_agent
from .undergone import turned, under_event
from .addressed import addressed
from .triggers import BLOCK_DEFAULT, TriggerCoder, by_phone, complement

__all__ = ["SentenceCoder", "EventCandidate", "depth", "one_per_act", "actor_participle"]

_NEG_WORDS = word_set("neg_words")
_DENIAL_VERBS = word_set("denial_verbs")
_INTENT_ADJ = word_set("intent_adj")
_THAT_REQUEST = word_set("that_request")
_STATEMENT_HEADS = word_set("statement_heads")
_CESSATION = word_set("cessation")
_CONCERN_ADJ = word_set("concern_adj")
#: concern adjectives with a second sense (important): concern only with an "of" phrase
_CONCERN_OF_ONLY = word_set("concern_of_only")
_DEFY = word_set("defy")
#: verbs whose that-clause is an allegation against its subject: "claimed that Russia shelled the plant"
_ALLEGE = word_set("allege")
#: documents that make allegations as their subject
_DOCUMENTS = word_set("documents")
_TAKE_PLACE = word_set("take_place")
_LEAVE = word_set("leave")
_RECEIVE = word_set("receive")
#: verbs of drawing a reaction: "drew condemnation from Japan", "faced criticism from France"
_DRAW = word_set("draw")
_STRONG_COMMISSIVE = word_set("strong_commissive")
_COMMISSIVE = word_set("commissive")
_FUTURE_AUX = word_set("future_aux")
_NO_COMMENT = word_set("no_comment")
_DEPART = word_set("depart")
#: verbs of opinion: "thinks Y should do Z" is an opinion, not a demand on Y
_OPINION = cue_set("speculation_verbs")
_STATE_SECTORS = office_sectors()
_STATE_ACTS = word_set("state_acts")
#: acts far more often demanded than told done ("needs to step down"): coded only in a finite form
_DONE_ONLY = word_set("done_only_codes")
_LEGAL = word_set("legal_process_nouns")


@dataclass(frozen=True)
class EventCandidate:
    """A coded trigger: its CAMEO row, the trigger token, source and target actor dicts, and the
    token that orders the sentence's events (``anchor``: the verb of a clause)."""
    row: CameoCode
    trigger: Token
    source: list
    target: list
    negated: bool
    intent: bool
    anchor: Token
    #: how it was found: the trigger rule and the clause's wrapping ("lexicon_code+request", "noun")
    rule: str = ""


@dataclass(frozen=True)
class _Wrapped:
    """A verb's code after its to-complement: "agreed to meet" is AGREE to meet."""
    code: Optional[str]
    target_trigger: Token
    intent: bool
    obj_actors: list


class SentenceCoder:
    """Codes the triggers of one sentence."""

    def __init__(self, doc: Doc, coref: Coref) -> None:
        self.doc = doc
        self.coref = coref
        self.lex = event_lexicon()
        self.consumed: set[int] = set()
        self.triggers = TriggerCoder(coref, self.lex)
        self.actors = ActorFinder(coref, self.lex, self.triggers.noun_code)
        self.handed: set[int] = set()

    # -- clause structure ------------------------------------------------------------------------
    def negated(self, verb: Token) -> bool:
        if verb.dep_ in ("ccomp", "xcomp", "pcomp") and verb.head.lemma_.lower() in _DENIAL_VERBS:
            return True   # "Russia denied attacking the convoy"
        for t in (verb, verb.head if verb.dep_ in ("xcomp", "aux") else None):
            if t is not None and any((c.dep_ == "neg" or c.lower_ in _NEG_WORDS) and not _in_complement(t, c)
                                     for c in t.children):
                return True
        return False

    @staticmethod
    def _future(verb: Token) -> bool:
        """"will meet", "may sign": a planned act; "may have killed", "would have gone" are about
        the past (a speculation, a counterfactual), no plan."""
        auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
        return any(a in _FUTURE_AUX for a in auxes) and not (verb.tag_ == "VBN" and "have" in auxes)

    @staticmethod
    def _obligation(verb: Token) -> Optional[Token]:
        """"X said (that) Y must do Z", "X demanded that Y do Z": the complement verb of a report
        verb with must/should, or any that-clause of a request verb."""
        request = verb.lemma_.lower() in _THAT_REQUEST
        for c in verb.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and (request or any(
                    a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)):
                return c
        return None

    def _hostile_clause(self, verb: Token) -> Optional[Token]:
        """The first reported clause of ``verb`` that tells of a hostile act (QuadClass 3-4).

        "alleged that France knew ..., and that its military helped carry out killings": each
        reported clause, and within it the acts it helps, plans or carries out."""
        first = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if first is None:
            return None
        noun_code = self.triggers.noun_code
        for cand in [first] + [c for c in first.conjuncts if c.pos_ in ("VERB", "AUX") and c.i > first.i]:
            acts = [cand] + [x for x in cand.subtree if x.dep_ in ("xcomp", "conj", "pcomp") and x.pos_ == "VERB"
                             and x.head.i != first.i and x.head.pos_ in ("VERB", "ADP")]
            codes = [self.triggers.verb_trigger(a).code for a in acts]
            codes += [noun_code(o) for a in acts for o in a.children if o.dep_ == "dobj"]
            codes += [noun_code(o) for a in acts for p in a.children if p.dep_ == "prep"
                      and p.lower_ in ("in", "for") for o in p.children if o.dep_ == "pobj"]
            rows = [plover_of(c) for c in codes if c]
            if any(r is not None and r.quad_class >= 3 for r in rows):
                return cand
        return None

    def _allegation(self, verb: Token) -> Optional[EventCandidate]:
        """"X claimed/alleged that Y attacked Z": an accusation (ACCUSE) by X against Y, coded as
        the main event when the reported act is hostile and Y is another party than X."""
        clause = self._hostile_clause(verb)
        if clause is None:
            return None
        subj_toks = self.actors.subject_tokens(verb)[0]
        source = self.actors.subject_actors(subj_toks)
        if not source and any(t.lemma_.lower() in _DOCUMENTS for t in subj_toks):
            # "a report released in the Rwandan capital alleged ...": who issued the document
            source = [m for t in subj_toks for x in t.subtree
                      if (m := self.coref.mention_at(x.i)) is not None and m.get("code") and m["root"] == x.i]
        subj, passive = self.actors.subject_tokens(clause)
        accused = self.actors.instrument_actors(clause) if passive and not subj else self.actors.actors_of(subj)
        codes = {a.get("code") for a in source}
        accused = [a for a in accused if a.get("code") and a.get("code") not in codes]
        if not source or not accused:
            return None
        return self.event(plover_of(cameo_rule("accuse")), trigger=verb, source=source, target=accused,
                          negated=self.negated(verb), intent=False, anchor=verb, rule="allegation")

    def _obligation_event(self, verb: Token, must: Token, code: Optional[str]) -> Optional[EventCandidate]:
        """"X demanded that Y withdraw": a demand by X on Y."""
        target = self.actors.actors_of([c for c in must.children if c.dep_ in _SUBJ] or _orphan_subject(verb, must))
        source = self.actors.subject_actors(self.actors.subject_tokens(verb)[0])
        self.consumed.add(must.i)
        row = plover_of(code if in_roots(code, "demand") else cameo_rule("demand"))
        if _past_obligation(must):
            row = plover_of(cameo_rule("reproach"))   # "X said Y should have stayed": criticism
        return self.event(row, trigger=verb, source=source, target=target,
                          negated=self.negated(verb), intent=False, rule="obligation") if source else None

    def _be_event(self, verb: Token) -> Optional[EventCandidate]:
        """"X is concerned about Y" (a complaint); "X is ready to talk" (a promise to talk)."""
        concern = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in _CONCERN_ADJ and (
            c.lower_ not in _CONCERN_OF_ONLY or any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children))), None)
        if concern is not None:
            subj = self.actors.subject_actors(self.actors.subject_tokens(verb)[0])
            target = self.actors.target_tokens(concern, set())
            if subj and target:
                return self.event(plover_of(cameo_rule("express_concern")), trigger=concern, source=subj,
                                  target=target, negated=self.negated(verb), intent=False, anchor=verb,
                                  rule="concern")
            return None
        adj = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in _INTENT_ADJ), None)
        comp = complement(adj) if adj is not None else None
        if comp is None:
            return None
        return self._clause_event(verb, "agree", comp, None, verb, rule="ready_to")

    def verb_event(self, verb: Token) -> Optional[EventCandidate]:
        """The event of a verb trigger with its clause (complement, that-clause), or None."""
        lemma = verb.lemma_.lower()
        if lemma == "be":
            return self._be_event(verb)
        if electoral(verb):   # "beat the incumbent governor": an election won, no assault
            return None
        comp = complement(verb)
        found = self.triggers.verb_trigger(verb)
        if found.rule == "question":   # "asked which firms he talked to": the question's clause is not told
            self.consumed.update(c.i for c in verb.children if c.dep_ in ("ccomp", "advcl", "xcomp", "parataxis"))
            return None
        code, trigger = by_phone(found.code, verb), found.trigger
        drawn = plover_of(code) if code and trigger is not verb else None
        if drawn is not None and drawn.quad_class in (1, 3) and self._drawn_from(verb, trigger):
            return None   # "won support from Xi": the noun's event, coded from its sender
        if comp is None and lemma in _ALLEGE:
            alleged = self._allegation(verb)
            if alleged is not None:
                return alleged
        if comp is None and lemma in (self.lex.report_verbs | self.lex.request_verbs) - _COMMISSIVE - _OPINION:
            must = self._obligation(verb)
            if must is not None:
                return self._obligation_event(verb, must, code)
        return self._clause_event(verb, lemma, comp, code, trigger, rule=found.rule)

    def _request(self, verb: Token, comp: Token, code: Optional[str], obj_actors: list) -> str:
        """"urged Iran to stop", "ordered the French ambassador to leave" (an expulsion)."""
        code = code if in_roots(code, "demand") else cameo_rule("request")
        if verb.lemma_.lower() == "order" and comp.lemma_.lower() in _DEPART:
            own = {a.get("code") for a in self.actors.subject_actors(self.actors.subject_tokens(verb)[0])}
            if not own & {a.get("code") for a in obj_actors}:
                code = cameo_rule("expel")
        self.consumed.add(comp.i)
        return code

    def _intended(self, lemma: str, comp: Token, comp_code: str) -> str:
        """The code of promising or planning the complement's event: "agreed to meet" (036)."""
        if lemma not in _STRONG_COMMISSIVE and 9 <= int(comp_code[:2]) <= 14:
            return comp_code   # "sought refuge": still a request, now intended
        code = intent_code(comp_code, commissive=lemma in _COMMISSIVE)
        base = cameo_map("refinable_promise").get(code)
        if base is not None:
            refined = self.triggers.refine(base, comp)
            code = refined if refined != base else code
        return code

    def _wrap_complement(self, verb: Token, lemma: str, comp: Token, code: Optional[str],
                         trigger: Token, intent: bool) -> Optional[_Wrapped]:
        """Promise, request or rejection of the to-complement's event; None when there is no event
        ("declined to comment")."""
        lex = self.lex
        found = self.triggers.verb_trigger(comp)
        comp_code, comp_trigger = found.code, found.trigger
        objs = [c for c in verb.children if c.dep_ in _OBJ]
        objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for")
                 for g in c.children if g.dep_ == "pobj"]
        objs += [c for c in comp.children if c.dep_ == "nsubj"]
        obj_actors = self.actors.actors_of(objs) if objs else []
        self.consumed.update(c.i for c in comp.conjuncts)   # "to abandon ..., to respect ..."
        if lemma in lex.request_verbs and obj_actors:
            code = self._request(verb, comp, code, obj_actors)
        elif lemma in lex.reject_verbs and comp.lemma_.lower() in _NO_COMMENT:
            return None   # "declined to comment": a statement (CAMEO 011), not a rejection
        elif lemma in lex.reject_verbs:
            code = cameo_map("reject_by_root").get((comp_code or cameo_rule("reject"))[:2], cameo_rule("reject")) \
                if lemma != "fail" else None
            self.consumed.add(comp.i)
        elif lemma in lex.intent_verbs and comp_code:
            code = self._intended(lemma, comp, comp_code)
            trigger, intent = comp_trigger, True
            self.consumed.add(comp.i)
            if comp_trigger.i != comp.i:
                self.consumed.add(comp_trigger.i)
        return _Wrapped(code, trigger, intent, obj_actors)

    def _clause_event(self, verb: Token, lemma: str, comp: Optional[Token], code: Optional[str],
                      trigger: Token, *, rule: str) -> Optional[EventCandidate]:
        """The event of a verb whose trigger code is known: wrapping, negation, actors."""
        lex = self.lex
        if comp is None and code in _DONE_ONLY and _undone(verb):
            return None   # "Gadhafi needs to step down", "adamant that he step down", "him stepping down"
        intent = self._future(verb)
        wrapped = _Wrapped(code, trigger, intent, [])
        if comp is not None and (lemma in lex.intent_verbs or lemma in lex.request_verbs
                                 or lemma in lex.reject_verbs):
            wrapped = self._wrap_complement(verb, lemma, comp, code, trigger, intent)
            if wrapped is None:
                return None
        elif lemma in lex.intent_verbs and trigger.i != verb.i and code:
            wrapped = _Wrapped(intent_code(code, commissive=lemma in _COMMISSIVE), trigger, True, [])
        elif lemma in lex.intent_verbs and in_roots(code, "agree"):
            wrapped = _Wrapped(code, trigger, True, [])
        code, intent = wrapped.code, wrapped.intent
        if intent and code and comp is None and not in_roots(code, "agree"):
            code = intent_code(code, commissive=True)
        negated = self.negated(verb) or (comp is not None and self.negated(comp))
        cannot = negated and not intent and _cannot(verb)
        refused = cameo_map("refuse_by_root").get(code[:2]) if negated and (intent or cannot) and code else None
        if refused:
            # "would not provide support", "refused to meet", "we cannot accept": a rejection, not a
            # negated promise
            code, negated, intent = refused, False, False
            rule += "+refuse" if cannot else ""
        row = plover_of(code)
        if row is None:
            return None
        rule += _wrapping(lex, lemma, wrapped is not None and comp is not None, intent)
        return self._verb_sides(verb, row, comp, trigger, wrapped, negated=negated, intent=intent, rule=rule)

    def _actor_participle(self, verb: Token) -> bool:
        return actor_participle(self.coref, verb)

    def _verb_sources(self, verb: Token, row: CameoCode) -> tuple[list, list, bool]:
        """(source actors, subject tokens, passive) of a verb."""
        if self._actor_participle(verb):
            return self.actors.actors_of([verb.head]), [verb.head], False
        subj_tokens, passive = self.actors.subject_tokens(verb)
        source = self.actors.subject_actors(subj_tokens)
        if not source and passive:
            source = self.actors.instrument_actors(verb)
        if not source and passive and row.plover == types.ASSAULT:
            # "a mortar bomb was fired at Israel from the Gaza Strip": the attack came from there
            source = self.actors.actors_of([g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                                            for g in c.children if g.dep_ == "pobj"])
        return source, subj_tokens, passive

    def _verb_targets(self, verb: Token, comp: Optional[Token], target_trigger: Token, skip: set,
                      exclude: frozenset, passive: bool) -> list:
        actors = self.actors
        target = actors.target_tokens(target_trigger, skip, exclude)
        if target_trigger is not verb and not target:
            target = actors.target_tokens(verb, skip | {target_trigger.i}, exclude)
        if not target and comp is not None and comp.i != target_trigger.i:
            target = actors.target_tokens(comp, skip, exclude)   # "threatened to block Sweden's bid"
        if passive:
            # "the Russian building was demolished": the country of an unlisted patient noun
            patient = actors.passive_target(verb)
            target = (actors.actors_of(patient, modifiers=True) or actors.subject_actors(patient)
                      or actors.private_side(patient) or target)
        return target

    def _verb_sides(self, verb: Token, row: CameoCode, comp: Optional[Token], trigger: Token,
                    wrapped: _Wrapped, *, negated: bool, intent: bool, rule: str) -> Optional[EventCandidate]:
        source, subj_tokens, passive = self._verb_sources(verb, row)
        if not source and passive and (row.code in _STATE_ACTS or (trigger.i != verb.i and trigger.lower_ in _LEGAL)):
            # "he was deported", "charges were filed against him": acts only the authorities do
            source = [{"text": "the authorities", "code": None, "sector": "GOV", "name": None, "implied": True}]
        if not source and not (passive and row.quad_class == 4):
            return None
        inner = {t.i for t in verb.subtree}   # an actor noun's participle is inside its subject's subtree
        skip = {t.i for s in subj_tokens for t in s.subtree if t.i not in inner}
        exclude = frozenset(a.get("code") for a in source if a.get("code"))
        target = wrapped.obj_actors or self._verb_targets(verb, comp, wrapped.target_trigger, skip, exclude,
                                                          passive)
        if trigger.i != verb.i:
            self.consumed.add(trigger.i)
            self.handed.add(verb.i)
        return self.event(row, trigger=verb if trigger.i == verb.i else trigger, source=source,
                          target=target, negated=negated, intent=intent, anchor=verb, passive=passive, rule=rule)

    @staticmethod
    def _drawn_from(verb: Token, noun: Token) -> bool:
        """``verb`` draws ``noun`` from someone ("won support from Xi", "received backing from China"):
        the one it comes from is the noun event's source, the verb's subject its target."""
        if verb.lemma_.lower() not in _DRAW or noun.dep_ not in _OBJ or noun.head.i != verb.i:
            return False
        return any(c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" for g in c.children)
                   for c in tuple(noun.children) + tuple(c for c in verb.children if c.i > noun.i))

    def event(self, row: CameoCode, *, trigger: Token, source: list[dict], target: list[dict], negated: bool,
              intent: bool, anchor: Optional[Token] = None, passive: bool = False,
              rule: str = "") -> Optional[EventCandidate]:
        """The candidate, with actors cleaned: unresolved sources dropped when a coded one exists,
        targets that are the source itself dropped."""
        source = [a for a in source if a.get("code") or a.get("sector") or a.get("unresolved")]
        if any(a.get("code") for a in source):
            source = [a for a in source if a.get("code")]
        # a target of the source's own country stays when it is another sector or person:
        # "demonstrators fired at the government" (GEO opposition -> GEO government)
        if not any(a.get("sector") in _STATE_SECTORS or (a.get("code") and a.get("kind") in ("country", "igo")
                                                          and not a.get("sector")) for a in source):
            target = [a for a in target if not a.get("private")]   # a private person is a side only to the state
        keys = {(a.get("code"), a.get("name"), a.get("sector")) for a in source}
        target = [a for a in target if (a.get("code"), a.get("name"), a.get("sector")) not in keys]
        codes = {a.get("code") for a in source}
        others = [a for a in target if a.get("code") not in codes]
        if others:
            target = others
        # "A and B met", "A and B agreed to ...": PLOVER codes both as actors with no recipient
        if not source and not (passive and row.quad_class == 4 and target):
            return None
        if rule in (BLOCK_DEFAULT, BLOCK_DEFAULT + "+intent") and not (any(a.get("code") for a in source) and any(
                a.get("code") and _verb_argument(self.doc, a, trigger) for a in target)):
            # a verb block's default code stands only between two coded actors (PETRARCH): without
            # them the event is kept with the prior of rule block_default_loose, under the threshold
            rule = BLOCK_DEFAULT + "_loose" + rule[len(BLOCK_DEFAULT):]
        return EventCandidate(row, trigger, source, target, negated, intent,
                              anchor if anchor is not None else trigger, rule)

    # -- the sentence --------------------------------------------------------------------------
    def _is_verb_trigger(self, tok: Token) -> bool:
        """Whether a verb may trigger an event: a main or complement verb the lexicon knows."""
        statement_acl = ((tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in _STATEMENT_HEADS)
                         or misparsed_main(tok))
        if (tok.dep_ in ("amod", "acl", "compound") and not statement_acl and not self._actor_participle(tok)) or (
                tok.dep_ == "xcomp" and tok.head.pos_ == "NOUN"):
            return False
        if any(c.dep_ == "mark" and c.lower_ in ("for", "if", "unless", "whether") for c in tok.children):
            return False   # "a call for China to withdraw", "if it is attacked": not done
        if tok.lemma_.lower() == "call" and any(
                c.dep_ in ("oprd", "attr") or (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "PROPN"))
                for c in tok.children):
            return False   # "calling Putin an old friend"
        lex, lemma = self.lex, tok.lemma_.lower()
        return (lex.is_trigger_lemma(lemma) or lemma in lex.light_verbs or lemma in lex.intent_verbs
                or lemma in lex.request_verbs or lemma in lex.reject_verbs or lemma in lex.report_verbs
                or lemma in _CESSATION or lemma in _DEFY or lemma == "be" or tok.lower_ in _TAKE_PLACE
                or lemma in lex.verb_objects or lemma in _LEAVE or lemma in _RECEIVE or lemma == "test")

    def _code_nouns(self, nouns: list[Token], events: list[EventCandidate]) -> None:
        """Code the event nouns no verb event has taken, after the verbs."""
        used = {e.trigger.i for e in events} | self.consumed
        handed = self.handed
        for noun in nouns:
            agent = bool(own_agent(noun))   # "condemned the attack by X": an act of its own
            if noun.i in used or (noun.dep_ in _OBJ and noun.head.i in used and noun.head.i not in self.consumed
                                  and not agent):
                continue
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if governor.i in self.consumed or (noun.dep_ in _OBJ and noun.head.i in handed and not agent):
                continue
            ev = noun_event(self, noun) or under_event(self, noun)
            if ev is not None:
                events.append(ev)
                if noun.dep_ in _OBJ:
                    handed.add(noun.head.i)

    def code_sentence(self, sent: Span) -> list[EventCandidate]:
        """The sentence's events, main event (the shallowest anchor) first."""
        events: list[EventCandidate] = []
        nouns: list[Token] = []
        for tok in sent:
            if tok.i in self.consumed:
                continue
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "ccomp", "conj")):
                ev = self.verb_event(tok) if self._is_verb_trigger(tok) else None
                if ev is not None:
                    events.append(ev)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound",) and self.triggers.noun_key(tok):
                if not (tok.dep_ in _OBJ and tok.head.i in {e.trigger.i for e in events}) or own_agent(tok):
                    nouns.append(tok)   # nouns are coded after the verbs
        self._code_nouns(nouns, events)
        events = [addressed(self, turned(self, e)) for e in events if e.trigger.i not in self.consumed or e.trigger.pos_ == "NOUN"]
        events.sort(key=lambda e: (depth(e.anchor), e.anchor.i))
        return one_per_act(events)


#: dependency labels across which two coded triggers tell different acts: a relative clause about
#: something else ("fighters who had fired mortars"), a reported or complement clause of its own
_ACT_BOUNDARY = frozenset({"relcl", "acl", "ccomp", "csubj"})


def _path_labels(a: Token, b: Token) -> Optional[list[str]]:
    """The dependency labels on the tree path between two tokens of one sentence (None: no path)."""
    up_a = [a] + list(a.ancestors)
    index = {t.i: k for k, t in enumerate(up_a)}
    labels_b = []
    for t in [b] + list(b.ancestors):
        if t.i in index:
            return [x.dep_ for x in up_a[:index[t.i]]] + labels_b
        labels_b.append(t.dep_)
    return None


def _sides_agree(x: list, y: list) -> bool:
    cx, cy = {a.get("code") for a in x if a.get("code")}, {a.get("code") for a in y if a.get("code")}
    return not cx or not cy or bool(cx & cy)


def _same_act(a: EventCandidate, b: EventCandidate) -> bool:
    """Two coded triggers of one type that tell one act: linked in the parse by coordination, a
    participle, an object noun ("launched an offensive ..., seizing three towns"), with sides that
    do not disagree."""
    if a.row.plover != b.row.plover or a.negated != b.negated:
        return False
    labels = _path_labels(a.trigger, b.trigger)
    if labels is None or any(lab in _ACT_BOUNDARY for lab in labels):
        return False
    if _own_subject(a.anchor) and _own_subject(b.anchor) and a.anchor.i != b.anchor.i:
        return False   # "Western leaders rejected the deal, and NATO refused to stop": two actors, two acts
    return _sides_agree(a.source, b.source) and _sides_agree(a.target, b.target)


def _own_subject(verb: Token) -> bool:
    """Whether a verb names its own subject ("X rejected ..., and NATO refused"), rather than
    sharing another verb's ("launched an offensive ..., seizing three towns")."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def one_per_act(events: list[EventCandidate]) -> list[EventCandidate]:
    """The sentence's events with each act once: a trigger and its nominalisations or coordinated
    restatements of the same type are one event, kept as the main one (first in ``events``) with
    the sides the others add when it has none."""
    kept: list[EventCandidate] = []
    for ev in events:
        twin = next((k for k, old in enumerate(kept) if _same_act(old, ev)), None)
        if twin is None:
            kept.append(ev)
            continue
        old = kept[twin]
        kept[twin] = replace(old, source=old.source or ev.source, target=old.target or ev.target)
    return kept


def _verb_argument(doc: Doc, actor: dict, verb: Token) -> bool:
    """Whether an actor phrase is the verb's own object, prepositional object or their possessor
    ("attacked Iran", "fired at Israel", "shelled Ukraine's ports", "heard from members of the
    government"), not an actor under some other noun ("heightened tensions with Greece"):
    PETRARCH's SOURCE VERB TARGET."""
    if actor.get("root") is None:
        return True   # an actor found by coreference or context: no parse position to check
    start = actor.get("token_start", actor["root"])
    end = max(actor.get("token_end") or start + 1, actor["root"] + 1)
    for tok in (doc[i] for i in range(start, end)):
        while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "poss":
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head.head   # "members of the government", "troops of the coalition"
        if tok.dep_ == "pobj":
            tok = tok.head
        if tok.i == verb.i or (tok.head.i == verb.i and (tok.dep_ in _OBJ or tok.dep_ in ("prep", "agent"))):
            return True
    return False


def actor_participle(coref: Coref, verb: Token) -> bool:
    """A participle telling what an actor noun does: "forces loyal to Assad firing on protesters",
    "police using tear gas" (the noun is its subject)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    m = coref.mention_at(verb.head.i)
    return m is not None and m.get("root") == verb.head.i and bool(m.get("code") or m.get("sector"))


def _in_complement(verb: Token, neg: Token) -> bool:
    """A negation the parser hangs on a report verb though it stands inside the verb's reported
    clause ("said that BP cannot, should not ... leave"): after the clause's first word."""
    return neg.i > verb.i and any(c.dep_ in ("ccomp", "dep") and verb.i < c.i < neg.i for c in verb.children)


def _orphan_subject(verb: Token, must: Token) -> list[Token]:
    """The demanded-of party the parser cut loose from the reported clause: a name or noun hung on
    the report verb between it and the clause's verb ("said that BP cannot, should not ... leave")."""
    return [c for c in verb.children if c.dep_ in ("dep", "nsubj") and verb.i < c.i < must.i
            and c.pos_ in ("PROPN", "NOUN")][:1]


def _undone(verb: Token) -> bool:
    """A base form with no will/would ("must step down", "that he step down") or a gerund with no
    "be" and not after "after"/"since" ("the option of him stepping down"): the act is not told done."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VB":
        return not auxes & {"will", "would", "'ll", "wo", "shall"}
    if verb.tag_ == "VBG":
        return not auxes & {"is", "was", "are", "were", "be", "been", "'s", "'re"} and not (
            verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "since"))
    return False


def _cannot(verb: Token) -> bool:
    """"we cannot accept", "they can't support": a present refusal, not a failed act."""
    return any(c.dep_ == "aux" and c.lower_ in ("can", "ca") for c in verb.children)


def _past_obligation(verb: Token) -> bool:
    """"should have stuck it out", "must have known": an obligation about the past, a reproach."""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBN" and "have" in auxes and any(a in ("should", "must", "ought") for a in auxes)


def _wrapping(lex, lemma: str, complemented: bool, intent: bool) -> str:
    """The part of a rule name the clause adds: "+request" ("urged X to ..."), "+reject", "+intent"."""
    if complemented and lemma in lex.request_verbs:
        return "+request"
    if complemented and lemma in lex.reject_verbs:
        return "+reject"
    return "+intent" if intent else ""


def depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d
