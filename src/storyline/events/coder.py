"""The sentence coder behind ``storyline_events``: triggers, codes, actors, negation, intent.

:class:`SentenceCoder` reads one parsed sentence: verbs of the PETRARCH-derived lexicon and event
nouns become CAMEO codes (verb + particle, phrase patterns, promises/plans/requests through the
to-complement, light verbs handing the event to their object noun), with source and target actors
found by :class:`storyline.events_actors.ActorFinder` (subjects, passive agents, objects and
prepositional objects, coordination, possessives, light coreference).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from .actors import OBJ as _OBJ, SUBJ as _SUBJ, ActorFinder, misparsed_main
from .coref import Coref
from .lexicon import event_lexicon, intent_code, plover_of

__all__ = ["SentenceCoder", "depth"]

_NEG_WORDS = {"not", "n't", "never", "no"}
_CIRCUMSTANCE_PREPS = {"in", "during", "at", "after", "before", "following", "via", "by", "over", "ahead", "on"}
_DENIAL_VERBS = {"deny", "dismiss", "reject", "refute"}
_INTENT_ADJ = {"willing", "ready", "prepared", "committed", "determined", "eager", "keen", "poised", "set",
               "due", "scheduled", "expected"}
_THAT_REQUEST = {"demand", "urge", "ask", "insist", "call", "press", "request", "appeal", "order", "petition"}
_STATEMENT_HEADS = {"statement", "declaration", "letter", "resolution", "petition", "communique", "note",
                    "report", "appeal", "message", "call"}
_CESSATION = {"end", "stop", "halt", "suspend", "cut", "reduce", "freeze", "break", "sever", "cancel",
              "postpone", "abandon", "scale", "revoke", "scrap", "terminate", "annul", "rescind"}
_ONGOING = {"continue", "begin", "erupt", "rage", "intensify", "escalate", "spread", "resume", "start",
            "break", "flare", "occur", "happen", "persist", "grow"}
_CONCERN_ADJ = {"concerned", "worried", "alarmed", "troubled", "disturbed", "outraged", "angry", "unhappy",
                "dissatisfied", "critical", "wary", "opposed", "suspicious"}
_DEFY = {"violate", "breach", "flout", "ignore", "disregard", "abrogate", "derail", "jeopardize",
         "jeopardise", "undermine", "contravene", "defy"}
#: verbs whose that-clause is an allegation against its subject: "claimed that Russia shelled the plant"
_ALLEGE = {"allege", "claim", "charge", "accuse", "blame"}
#: quantities and measures whose "of" phrase names what is given or sent
_MEASURES = {"dollar", "million", "billion", "ton", "tonne", "kg", "kilogram", "worth", "amount", "shipment",
             "consignment", "batch", "load", "package", "quantity", "cargo", "truckload", "planeload", "crate",
             "tranche", "sum", "round", "wave", "series"}
#: documents that make allegations as their subject
_DOCUMENTS = {"report", "study", "document", "dossier", "investigation", "inquiry", "probe", "indictment",
              "lawsuit", "complaint", "statement", "findings", "review", "audit"}
#: taking a place by force: "captured the village", "seized Avdiivka" is fighting (ASSAULT), not occupation
_TAKE_PLACE = {"capture", "seize", "retake", "recapture", "overrun", "storm",
               "retook", "retaken", "overran"}   # irregular forms the lemmatizer may leave
_PLACE_NOUNS = {"village", "town", "city", "territory", "area", "region", "settlement", "district", "hill",
                "airport", "airfield", "port", "base", "outpost", "stronghold", "province", "capital", "suburb",
                "neighbourhood", "neighborhood", "camp", "bridge", "island", "peninsula", "border", "crossing"}
#: leaving an agreement or organisation is SANCTION (PLOVER: "withdraws itself from an organization,
#: treaty, or group"), not a military retreat
_LEAVE = {"withdraw", "exit", "quit", "leave", "pull"}
_PACTS = {"deal", "agreement", "treaty", "accord", "pact", "initiative", "organization", "organisation", "alliance",
          "convention", "protocol", "talks", "negotiations", "framework", "arrangement", "bloc", "union", "council"}
#: receiving or welcoming a person is hosting a visit
_RECEIVE = {"receive", "welcome", "greet"}
_WEAPONS = {"missile", "rocket", "weapon", "bomb", "device", "icbm", "warhead", "drone", "torpedo", "launcher"}
#: letting people or goods in: PLOVER RETREAT "access"
_ACCESS = {"enter", "reach", "cross", "pass", "access", "visit", "inspect", "return", "land", "dock", "operate"}
#: verbs of drawing a reaction: "drew condemnation from Japan", "faced criticism from France"
_DRAW = {"draw", "receive", "face", "win", "earn", "attract", "spark", "prompt", "provoke", "trigger", "meet",
         "elicit", "get", "garner", "invite", "bring", "court", "incur"}
_STRONG_COMMISSIVE = {"agree", "pledge", "vow", "promise", "commit", "swear", "consent", "offer"}
_COMMISSIVE = {"agree", "pledge", "vow", "promise", "commit", "offer", "consent", "swear", "decide",
               "resolve", "intend", "plan", "seek", "aim", "hope", "want", "wish", "propose", "volunteer",
               "determine", "try", "attempt", "strive", "endeavour", "endeavor", "look"}


class SentenceCoder:
    """Codes the triggers of one sentence."""

    def __init__(self, doc: Doc, coref: Coref) -> None:
        self.doc = doc
        self.coref = coref
        self.lex = event_lexicon()
        self.consumed: set[int] = set()
        self.actors = ActorFinder(coref, self.lex, self._noun_code)
        self.handed: set[int] = set()

    # -- trigger codes ---------------------------------------------------------------------------
    def _right_words(self, tok: Token, limit: int = 12) -> list[str]:
        words = []
        for t in tok.doc[tok.i + 1: tok.right_edge.i + 1]:
            if t.dep_ in ("ccomp", "advcl", "relcl") and t.head.i == tok.i:
                break
            if not t.is_punct:
                words.append(t.lower_)
            if len(words) >= limit:
                break
        return words

    def _noun_key(self, tok: Token) -> Optional[str]:
        nouns = self.lex.nouns
        for left in tok.lefts:
            if left.dep_ in ("compound", "amod") and f"{left.lower_} {tok.lower_}" in nouns:
                return f"{left.lower_} {tok.lower_}"
        if tok.lower_ in nouns:
            return tok.lower_
        if tok.lemma_.lower() in nouns:
            return tok.lemma_.lower()
        return None

    def _noun_code(self, tok: Token) -> Optional[str]:
        key = self._noun_key(tok)
        if key is None:
            return None
        if key == "call":
            preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
            for prep, code in self.lex.call_nouns.items():
                if prep in preps:
                    return code
            if not any(c.lower_ in ("phone", "video", "telephone", "conference") for c in tok.lefts):
                return None
        return self.lex.nouns[key]

    def _event_noun_object(self, verb: Token) -> Optional[Token]:
        for c in verb.children:
            if c.dep_ in _OBJ and c.pos_ in ("NOUN", "PROPN") and self._noun_code(c):
                return c
        for c in verb.children:
            # "gave 5 million dollars of aid", "handed over 700 kg of medicine": the measured thing
            if c.dep_ in _OBJ and (c.lemma_.lower() in _MEASURES or any(g.dep_ == "nummod" for g in c.children)):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for g in p.children:
                            if g.dep_ == "pobj" and g.pos_ == "NOUN" and self._noun_code(g):
                                return g
        return None

    def verb_code(self, verb: Token) -> tuple[Optional[str], Token, bool]:
        """(code, trigger token, intent) of a verb, without the promise/request wrapping."""
        lex = self.lex
        lemma = verb.lemma_.lower()
        if lemma == "test" and not any(c.dep_ in _OBJ and c.lemma_.lower() in _WEAPONS for c in verb.children):
            return None, verb, False    # "tested positive", "tested the waters"
        if lemma in ("fire", "launch", "test") and (
                lemma == "test" or (verb.i >= 2 and verb.doc[verb.i - 1].text == "-"
                                    and verb.doc[verb.i - 2].lower_ == "test")):
            return "150", verb, False   # "test-fired missiles": a show of force, not an attack
        if (lemma in _TAKE_PLACE or verb.lower_ in _TAKE_PLACE) and any(
                c.dep_ in _OBJ and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower() in _PLACE_NOUNS)
                for c in verb.children):
            return "190", verb, False   # "Russian troops captured the village"
        if lemma in _LEAVE:
            places = [c for c in verb.children if c.dep_ in _OBJ and lemma in ("quit", "exit", "leave")]
            preps = [c for c in verb.children if c.dep_ == "prep"]
            preps += [g for c in verb.children if c.lower_ == "out" for g in c.children if g.dep_ == "prep"]
            places += [g for c in preps if c.lower_ in ("from", "of") for g in c.children if g.dep_ == "pobj"]
            if any(t.lemma_.lower() in _PACTS or ((self.coref.mention_at(t.i) or {}).get("kind") == "igo"
                                                  and not self.coref.mention_at(t.i).get("sector"))
                   for t in places):
                return "160", verb, False   # "Russia withdrew from the grain deal"
        if lemma in ("allow", "permit", "let"):
            comp = self._complement(verb) or next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if comp is not None and comp.lemma_.lower() in _ACCESS:
                words = {t.lemma_.lower() for t in verb.subtree}
                return ("0863" if words & {"aid", "humanitarian", "food", "supply", "convoy", "truck"}
                        else "086"), verb, False   # "allowed aid trucks to enter Gaza"
        if lemma in _RECEIVE:
            guest = next((c for c in verb.children if c.dep_ in _OBJ), None)
            m = self.coref.mention_at(guest.i) if guest is not None else None
            if m is not None and m.get("kind") == "person" or (
                    m is not None and m.get("kind") == "agent" and m.get("sector") in ("GOV", "MIL", "IGO")
                    and m["root"] == guest.i):
                return "043", verb, False   # "the crown prince received the Iranian foreign minister"
        objects = lex.verb_objects.get(lemma)
        if objects:
            for c in verb.children:
                if c.dep_ in _OBJ and (c.lemma_.lower() in objects or c.lower_ in objects):
                    return objects.get(c.lower_) or objects[c.lemma_.lower()], verb, False
        if lemma in _CESSATION:
            noun = self._event_noun_object(verb)
            code = self._noun_code(noun) if noun is not None else None
            if code and 4 <= int(code[:2]) <= 7:
                # ending talks/aid/ties: "Syrian officers ended mediation efforts"
                return {"4": "164", "5": "161", "6": "160", "7": "162"}[str(int(code[:2]))], verb, False
            if code == "045":
                return "165", verb, False
        if lemma in _CESSATION | {"lift", "ease", "cancel", "scrap", "revoke", "rescind", "relax", "remove"}:
            noun = self._event_noun_object(verb)
            code = self._noun_code(noun) if noun is not None else None
            if code and code[:2] in ("16", "17"):
                # ending coercion: "lifted the sanctions" (085), "cancelled restrictions" (081)
                return ("085" if code.startswith("16") else "0813" if code == "1723"
                        else "0814" if code == "1724" else "081"), verb, False
        if lemma in _DEFY:
            noun = self._event_noun_object(verb)
            if noun is not None and (self._noun_code(noun) == "0871" or "fire" in noun.lower_):
                return "196", verb, False   # "violated the ceasefire/truce"
            if noun is not None and lex.verb_code(lemma) is None:
                return None, verb, False    # "violated the treaty" is no treaty (057)
        particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "agent")]
        for prep in particles:
            code = lex.verb_preps.get(lemma, {}).get(prep)
            if code:
                return self._refine(code, verb), verb, False
        if lemma in lex.light_verbs or lex.verb_code(lemma) is None:
            noun = self._event_noun_object(verb)
            if noun is not None:
                return self._refine(self._noun_code(noun), noun), noun, False
        if lemma in lex.verbs and lex.verbs[lemma] is None:
            return None, verb, False
        code = lex.verb_code(lemma)
        pattern = lex.pattern_code(lemma, self._right_words(verb))
        if pattern and (lemma not in lex.verbs or not code or (
                pattern[:2] == code[:2] and getattr(plover_of(pattern), "plover", None)
                == getattr(plover_of(code), "plover", None))):
            code = pattern  # a PETRARCH phrase pattern refines, but does not overrule, a hand-kept code
        return self._refine(code, verb), verb, False

    @staticmethod
    def _by_phone(code: Optional[str], verb: Token) -> Optional[str]:
        if code and code.startswith("04") and any(
                g.lemma_.lower() in ("phone", "telephone", "videoconference", "video")
                for c in verb.children if c.dep_ == "prep" for g in c.subtree):
            return "041"   # "spoke with Wang Yi by phone"
        return code

    def _refine(self, code: Optional[str], tok: Token) -> Optional[str]:
        """Specialise 03/06/07 cooperation codes by topic words under the trigger."""
        if not code or len(code) != 3 or code[:2] not in ("03", "06", "07", "10"):
            return code
        words = {t.lower_ for t in tok.subtree} if tok.n_rights or tok.n_lefts else set()
        if words & self.lex.refine["military"]:
            return {"031": "0312", "030": "0312", "060": "062", "070": "072", "033": "0332"}.get(code, code)
        if words & self.lex.refine["economic"]:
            return {"031": "0311", "030": "0311", "060": "061", "070": "071", "033": "0331"}.get(code, code)
        return code

    # -- clause structure ------------------------------------------------------------------------
    @staticmethod
    def _complement(verb: Token) -> Optional[Token]:
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

    def _negated(self, verb: Token) -> bool:
        if verb.dep_ in ("ccomp", "xcomp", "pcomp") and verb.head.lemma_.lower() in _DENIAL_VERBS:
            return True   # "Russia denied attacking the convoy"
        for t in (verb, verb.head if verb.dep_ in ("xcomp", "aux") else None):
            if t is not None and any(c.dep_ == "neg" or c.lower_ in _NEG_WORDS for c in t.children):
                return True
        return False

    @staticmethod
    def _future(verb: Token) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "may", "might")
                   for c in verb.children)

    def _intent_adjective(self, verb: Token) -> Optional[Token]:
        for c in verb.children:
            if c.dep_ == "acomp" and c.lower_ in _INTENT_ADJ:
                return c
        return None

    def _obligation(self, verb: Token) -> Optional[Token]:
        """"X said (that) Y must do Z", "X demanded that Y do Z": the complement verb of a report
        verb with must/should, or any that-clause of a request verb."""
        request = verb.lemma_.lower() in _THAT_REQUEST
        for c in verb.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and (request or any(
                    a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)):
                return c
        return None

    def _allegation(self, verb: Token) -> Optional[dict]:
        """"X claimed/alleged that Y attacked Z": an accusation (ACCUSE) by X against Y, coded as
        the main event when the reported act is hostile and Y is another party than X."""
        first = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if first is None:
            return None
        # "alleged that France knew ..., and that its military helped carry out killings": each
        # reported clause, and within it the acts it helps, plans or carries out
        clause = None
        for cand in [first] + [c for c in first.conjuncts if c.pos_ in ("VERB", "AUX") and c.i > first.i]:
            acts = [cand] + [x for x in cand.subtree if x.dep_ in ("xcomp", "conj", "pcomp") and x.pos_ == "VERB"
                             and x.head.i != first.i and x.head.pos_ in ("VERB", "ADP")]
            codes = [self.verb_code(a)[0] for a in acts]
            codes += [self._noun_code(o) for a in acts for o in a.children if o.dep_ == "dobj"]
            codes += [self._noun_code(o) for a in acts for p in a.children if p.dep_ == "prep"
                      and p.lower_ in ("in", "for") for o in p.children if o.dep_ == "pobj"]
            rows = [plover_of(c) for c in codes if c]
            if any(r is not None and r.quad_class >= 3 for r in rows):
                clause = cand
                break
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
        return self._event(plover_of("112"), trigger=verb, source=source, target=accused,
                           negated=self._negated(verb), intent=False, anchor=verb)

    def code_verb(self, verb: Token) -> Optional[dict]:
        lex = self.lex
        lemma = verb.lemma_.lower()
        intent = self._future(verb)
        if lemma == "be":
            concern = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in _CONCERN_ADJ), None)
            if concern is not None:
                subj = self.actors.subject_actors(self.actors.subject_tokens(verb)[0])
                target = self.actors.target_tokens(concern, set())
                if subj and target:
                    return self._event(plover_of("110"), trigger=concern, source=subj, target=target,
                                       negated=self._negated(verb), intent=False, anchor=verb)
                return None
            adj = self._intent_adjective(verb)
            if adj is None:
                return None
            comp = self._complement(adj)
            if comp is None:
                return None
            lemma = "agree"
            code, trigger = None, verb
        else:
            comp = self._complement(verb)
            code, trigger, _ = self.verb_code(verb)
            code = self._by_phone(code, verb)
            drawn = plover_of(code) if code and trigger is not verb else None
            if drawn is not None and drawn.quad_class in (1, 3) and self._drawn_from(verb, trigger):
                return None   # "won support from Xi": the noun's event, coded from its sender
        if comp is None and lemma in _ALLEGE:
            alleged = self._allegation(verb)
            if alleged is not None:
                return alleged
        if comp is None and lemma in (lex.report_verbs | lex.request_verbs) - _COMMISSIVE:
            must = self._obligation(verb)
            if must is not None:
                target = self.actors.actors_of([c for c in must.children if c.dep_ in _SUBJ])
                source = self.actors.subject_actors(self.actors.subject_tokens(verb)[0])
                self.consumed.add(must.i)
                row = plover_of(code if code and code[:2] in ("02", "10") else "100")
                return self._event(row, trigger=verb, source=source, target=target,
                                   negated=self._negated(verb), intent=False) if source else None
        target_trigger = trigger
        obj_actors: list[dict] = []
        if comp is not None and (lemma in lex.intent_verbs or lemma in lex.request_verbs
                                 or lemma in lex.reject_verbs):
            comp_code, comp_trigger, _ = self.verb_code(comp)
            objs = [c for c in verb.children if c.dep_ in _OBJ]
            objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for")
                     for g in c.children if g.dep_ == "pobj"]
            objs += [c for c in comp.children if c.dep_ == "nsubj"]
            obj_actors = self.actors.actors_of(objs) if objs else []
            self.consumed.update(c.i for c in comp.conjuncts)   # "to abandon ..., to respect ..."
            if lemma in lex.request_verbs and obj_actors:
                code = code if code and code[:2] in ("02", "10") else "020"
                if lemma == "order" and comp.lemma_.lower() in ("leave", "quit", "depart"):
                    own = {a.get("code") for a in self.actors.subject_actors(self.actors.subject_tokens(verb)[0])}
                    if not own & {a.get("code") for a in obj_actors}:
                        code = "166"   # "ordered the French ambassador to leave": an expulsion
                self.consumed.add(comp.i)
            elif lemma in lex.reject_verbs and comp.lemma_.lower() in ("comment", "elaborate", "say", "confirm", "speculate"):
                return None   # "declined to comment": a statement (CAMEO 011), not a rejection
            elif lemma in lex.reject_verbs:
                code = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}.get(
                    (comp_code or "12")[:2], "120") if lemma != "fail" else None
                self.consumed.add(comp.i)
            elif lemma in lex.intent_verbs and comp_code:
                if lemma not in _STRONG_COMMISSIVE and 9 <= int(comp_code[:2]) <= 14:
                    code = comp_code   # "sought refuge": still a request, now intended
                else:
                    code = intent_code(comp_code, commissive=lemma in _COMMISSIVE)
                if code in ("030", "031", "032"):
                    code = {"0312": "0312", "0311": "0311"}.get(self._refine("031", comp), code)
                target_trigger = comp_trigger
                intent = True
                self.consumed.add(comp.i)
                if comp_trigger.i != comp.i:
                    self.consumed.add(comp_trigger.i)
        elif lemma in lex.intent_verbs and trigger.i != verb.i and code:
            code = intent_code(code, commissive=lemma in _COMMISSIVE)
            intent = True
        elif lemma in lex.intent_verbs and code and code.startswith("03"):
            intent = True
        if intent and code and comp is None and not code.startswith("03"):
            code = intent_code(code, commissive=True)
        negated = self._negated(verb) or (comp is not None and self._negated(comp))
        if negated and intent and code and 3 <= int(code[:2]) <= 8:
            # "would not provide support", "refused to meet": a rejection, not a negated promise
            code = {3: "120", 4: "125", 5: "120", 6: "121", 7: "122", 8: "124"}[int(code[:2])]
            negated = intent = False
        row = plover_of(code)
        if row is None:
            return None
        subj_tokens, passive = self.actors.subject_tokens(verb)
        source = self.actors.subject_actors(subj_tokens)
        if not source and passive:
            source = self.actors.instrument_actors(verb)
        if not source and passive and row.plover == "ASSAULT":
            # "a mortar bomb was fired at Israel from the Gaza Strip": the attack came from there
            source = self.actors.actors_of([g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                                            for g in c.children if g.dep_ == "pobj"])
        if not source and not (passive and row.quad_class == 4):
            return None
        skip = {t.i for s in subj_tokens for t in s.subtree}
        exclude = frozenset(a.get("code") for a in source if a.get("code"))
        if obj_actors:
            target = obj_actors
        else:
            target = self.actors.target_tokens(target_trigger, skip, exclude)
            if target_trigger is not verb and not target:
                target = self.actors.target_tokens(verb, skip | {target_trigger.i}, exclude)
            if not target and comp is not None and comp.i != target_trigger.i:
                target = self.actors.target_tokens(comp, skip, exclude)   # "threatened to block Sweden's bid"
            if passive:
                # "the Russian building was demolished": the country of an unlisted patient noun
                target = (self.actors.actors_of(self.actors.passive_target(verb), modifiers=True)
                          or self.actors.subject_actors(self.actors.passive_target(verb)) or target)
        if trigger.i != verb.i:
            self.consumed.add(trigger.i)
            self.handed.add(verb.i)
        return self._event(row, trigger=verb if trigger.i == verb.i else trigger, source=source,
                           target=target, negated=negated, intent=intent, anchor=verb, passive=passive)

    @staticmethod
    def _drawn_from(verb: Token, noun: Token) -> bool:
        """``verb`` draws ``noun`` from someone ("won support from Xi", "received backing from China"):
        the one it comes from is the noun event's source, the verb's subject its target."""
        if verb.lemma_.lower() not in _DRAW or noun.dep_ not in _OBJ or noun.head.i != verb.i:
            return False
        return any(c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" for g in c.children)
                   for c in tuple(noun.children) + tuple(c for c in verb.children if c.i > noun.i))

    def code_noun(self, noun: Token) -> Optional[dict]:
        code = self._refine(self._noun_code(noun), noun)
        row = plover_of(code)
        if row is None or noun.dep_ in ("appos", "attr", "conj"):
            return None
        head = noun.head
        if noun.dep_ in _OBJ and head.lemma_.lower() in _DEFY:
            return None   # "violated the treaty": not a treaty signed
        light = noun.dep_ in _OBJ and (head.lemma_.lower() in self.lex.light_verbs
                                       or not self.lex.is_trigger_lemma(head.lemma_.lower()))
        light = light or (noun.dep_ == "nsubj" and head.lemma_.lower() in _ONGOING)  # "riots continued"
        if not light:
            # without a light verb only meetings/calls/visits and fighting are events ("during their
            # meeting", "engaged peacekeepers in a firefight")
            if not (code.startswith("04") or code[:2] in ("18", "19", "20")):
                return None
            if code[:2] in ("18", "19", "20") and not (noun.dep_ == "pobj" and head.lower_ == "in"):
                return None
            if noun.dep_ == "pobj" and head.lower_ not in _CIRCUMSTANCE_PREPS:
                return None
            if noun.dep_ in _OBJ:
                return None
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
        source = self.actors.actors_of(owners)
        senders = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
                   if g.dep_ == "pobj"]
        if not senders and noun.dep_ in _OBJ:   # "drew condemnation | from Japan" attached to the verb
            senders = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
                       for g in c.children if g.dep_ == "pobj"]
        if (not source and senders and noun.dep_ in _OBJ and row.quad_class in (1, 3)
                and head.lemma_.lower() in _DRAW):
            # "drawing condemnation from Japan", "won praise from Washington": the sender acts on
            # whoever drew it
            source = self.actors.actors_of(senders)
            if source:
                drawer = self.actors.subject_tokens(head)[0]
                target = self.actors.subject_actors(drawer)
                if not any(a.get("code") for a in target):   # "China's drills drew criticism"
                    target = self.actors.actors_of(drawer, modifiers=True) or self.actors.actors_of(
                        [c for t in drawer for c in t.children if c.dep_ == "poss"])
                # the same actor on both sides is dropped; a government and its opposition are two
                sides = {(a.get("code"), a.get("sector")) for a in source}
                return self._event(row, trigger=noun, source=source,
                                   target=[a for a in target if (a.get("code"), a.get("sector")) not in sides],
                                   negated=False, intent=False)
        for t in noun.doc[noun.left_edge.i:noun.i]:
            m = self.coref.mention_at(t.i)
            if m is not None and m.get("code") and m["root"] == t.i and m not in source:
                source.append(m)
        between = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                   for g in c.children if g.dep_ == "pobj"]
        if not source and between:
            source = self.actors.actors_of(between)
        if not source:
            if noun.dep_ in _OBJ | {"pobj"}:
                verb = head if noun.dep_ in _OBJ else head.head
                for _ in range(4):  # "hailed relations ... as better than an alliance in a video call"
                    if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                        break
                    verb = verb.head
                if verb.pos_ in ("VERB", "AUX"):
                    subj, passive = self.actors.subject_tokens(verb)
                    if not passive:
                        source = self.actors.actors_of(subj)
            elif noun.dep_ in ("nsubj", "nsubjpass") or noun.dep_ == "ROOT":
                source = []
        if not source:
            return None
        skip = {t.i for o in owners + between for t in o.subtree}
        target = [m for m in self.actors.target_tokens(noun, skip) if m not in source]
        if not target and noun.dep_ == "pobj" and head.head.pos_ == "VERB" and code[:2] in ("18", "19", "20"):
            verb = head.head
            target = self.actors.actors_of([c for c in verb.children if c.dep_ in _OBJ], modifiers=True)
        negated = noun.dep_ in _OBJ and self._negated(noun.head)
        return self._event(row, trigger=noun, source=source, target=target, negated=negated, intent=False)

    def _event(self, row, *, trigger: Token, source: list[dict], target: list[dict], negated: bool,
               intent: bool, anchor: Optional[Token] = None, passive: bool = False) -> Optional[dict]:
        source = [a for a in source if a.get("code") or a.get("sector") or a.get("unresolved")]
        if any(a.get("code") for a in source):
            source = [a for a in source if a.get("code")]
        # a target of the source's own country stays when it is another sector or person:
        # "demonstrators fired at the government" (GEO opposition -> GEO government)
        keys = {(a.get("code"), a.get("name"), a.get("sector")) for a in source}
        target = [a for a in target if (a.get("code"), a.get("name"), a.get("sector")) not in keys]
        codes = {a.get("code") for a in source}
        others = [a for a in target if a.get("code") not in codes]
        if others:
            target = others
        # "A and B met", "A and B agreed to ...": PLOVER codes both as actors with no recipient
        if not source and not (passive and row.quad_class == 4 and target):
            return None
        return {"row": row, "trigger": trigger, "source": source, "target": target,
                "negated": negated, "intent": intent, "anchor": anchor if anchor is not None else trigger}

    def code_sentence(self, sent: Span) -> list[dict]:
        lex = self.lex
        found = []
        for tok in sent:
            if tok.i in self.consumed:
                continue
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "ccomp", "conj")):
                statement_acl = ((tok.dep_ == "acl" and tok.tag_ == "VBG"
                                  and tok.head.lemma_.lower() in _STATEMENT_HEADS)
                                 or misparsed_main(tok))
                if (tok.dep_ in ("amod", "acl", "compound") and not statement_acl) or (
                        tok.dep_ == "xcomp" and tok.head.pos_ == "NOUN"):
                    continue
                if any(c.dep_ == "mark" and c.lower_ in ("for", "if", "unless", "whether") for c in tok.children):
                    continue   # "a call for China to withdraw", "if it is attacked": not done
                if tok.lemma_.lower() == "call" and any(
                        c.dep_ in ("oprd", "attr") or (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "PROPN"))
                        for c in tok.children):
                    continue   # "calling Putin an old friend"
                lemma = tok.lemma_.lower()
                if not (lex.is_trigger_lemma(lemma) or lemma in lex.light_verbs or lemma in lex.intent_verbs
                        or lemma in lex.request_verbs or lemma in lex.reject_verbs or lemma in lex.report_verbs
                        or lemma in _CESSATION or lemma in _DEFY or lemma == "be" or tok.lower_ in _TAKE_PLACE
                        or lemma in lex.verb_objects or lemma in _LEAVE or lemma in _RECEIVE or lemma == "test"):
                    continue
                ev = self.code_verb(tok)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound",) and self._noun_key(tok):
                if tok.dep_ in _OBJ and tok.head.i in {e["trigger"].i for e in found if "trigger" in e}:
                    continue
                ev = None  # nouns are coded after the verbs, see below
                found.append({"noun": tok})
                continue
            else:
                continue
            if ev is not None:
                found.append(ev)
        events = [e for e in found if "noun" not in e]
        used = {e["trigger"].i for e in events} | self.consumed
        handed = self.handed
        for entry in (e for e in found if "noun" in e):
            noun = entry["noun"]
            if noun.i in used or (noun.dep_ in _OBJ and noun.head.i in used and noun.head.i not in self.consumed):
                continue
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if governor.i in self.consumed or (noun.dep_ in _OBJ and noun.head.i in handed):
                continue
            ev = self.code_noun(noun)
            if ev is not None:
                events.append(ev)
                if noun.dep_ in _OBJ:
                    handed.add(noun.head.i)
        events = [e for e in events if e["trigger"].i not in self.consumed or e["trigger"].pos_ == "NOUN"]
        events.sort(key=lambda e: (depth(e["anchor"]), e["anchor"].i))
        return events

def depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d
