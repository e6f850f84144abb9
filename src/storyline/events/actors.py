"""Who did it to whom: the source and target actors of an event trigger.

:class:`ActorFinder` reads subjects (following xcomp/conj/advcl heads, passive agents, reporters of
first-person quotes), objects and prepositional objects of a trigger, and turns their tokens into
actor mentions with the light coreference of :mod:`storyline.events_coref` (coordination, lists
parsed as apposition, "a group of diplomats", "the foreign ministers of Russia and China").
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from spacy.tokens import Token

from ..actors import actor_tables, is_role_noun, resolve_actor
from ..actors.officials import office_sectors
from ..actors.mentions import PERSON_NAMES_KEY, after_credit
from .context import context_data
from .coref import Coref
from .assess import cue_set
from .lexicon import EventLexicon, event_lexicon, in_roots, plover_of, word_set

__all__ = ["ActorFinder", "misparsed_main", "dedupe", "deed_agents"]

SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "attr", "oprd"}
_TARGET_PREPS = word_set("target_preps")
_OBJECT_PRON = word_set("object_pron")
_COLLECTIVE = word_set("collective")
_ACTORISH = word_set("actorish")
_OPINION = cue_set("speculation_verbs")

#: contact words whose on/about/over phrase is a topic
_CONTACTS = word_set("contacts")
_TOPIC_PREPS = word_set("topic_preps")
#: verbs whose object is a topic when a with-phrase names the partner
_DISCUSS = word_set("discuss")
#: nouns of what someone said or proposed: "welcomed a call by X", "backed the plan by X"
_AUTHORED = context_data()["authored_nouns"]
#: verbs whose past participle on a noun tells that its act was done, by the one its by-phrase
#: names: "the sanctions imposed by the EU", "the charges brought by prosecutors"
_MAKING = word_set("making_participles")


def deed_agents(noun: Token) -> list[Token]:
    """Who did what a noun names: its own by-phrase ("violations of the law by China") or the
    by-phrase of a participle of doing on it ("the sanctions imposed by the EU")."""
    out = [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
           for g in c.children if g.dep_ == "pobj"]
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in _MAKING:
            out += [g for c in acl.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return out


class ActorFinder:
    """Source and target actors for the triggers of one sentence."""

    def __init__(self, coref: Coref, lex: EventLexicon, noun_code: Callable[[Token], Optional[str]]) -> None:
        self.coref = coref
        self.lex = lex
        self.noun_code = noun_code

    def subject_tokens(self, verb: Token) -> tuple[list[Token], bool]:
        """(subject tokens, passive); follows xcomp/conj/advcl/relcl heads when a verb has none."""
        t = verb
        antecedent = _relative_garden_path(verb)
        if antecedent is not None:
            return [antecedent], False
        for _ in range(5):
            subj = [c for c in t.children if c.dep_ in SUBJ]
            if len(subj) == 1 and subj[0].tag_ in ("WDT", "WP") and t.dep_ == "relcl" and self._told_of(t.head, subj[0]):
                return [t.head], False   # "the United States, which accuses him": the actor it modifies
            if subj:
                if (len(subj) == 1 and subj[0].pos_ == "PRON" and t.dep_ == "ccomp"
                        and t.head.lemma_.lower() in self.lex.report_verbs):
                    reporter = [c for c in t.head.children if c.dep_ in SUBJ]
                    first_person = subj[0].lower_ in ("i", "we")
                    # "NATO said it would ...": "it" is the reporting organisation or country
                    self_ref = subj[0].lower_ == "it" and any(
                        (a.get("code") or (a.get("sector") and (a.get("sector") != "BUS"
                                                                 or any(t.pos_ == "PROPN" for t in reporter))))
                        and a.get("kind") != "person"
                        for a in self.actors_of(reporter))
                    # "X said he had offered ...": he is the reporter, not the last person named before
                    same_person = subj[0].lower_ in ("he", "she") and _one_person(reporter)
                    if reporter and (first_person or self_ref or same_person
                                     or not self.coref.resolve_token(subj[0])):
                        return reporter, False   # "NATO said it would ...", "'We condemn ...,' Lavrov said"
                return subj, False
            pas = [c for c in t.children if c.dep_ in PASS_SUBJ]
            if pas:
                agents = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if not agents and (t.i != verb.i or t.lemma_.lower() in self.lex.intent_verbs):
                    return pas, False   # "Obama is scheduled to attend": Obama attends
                return agents, True
            agents = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents and any(c.dep_ == "auxpass" for c in t.children):
                return agents, True   # a passive conjunct without its own subject: "... were released by Putin"
            if (t.dep_ == "relcl" or misparsed_main(t)) and t.head.pos_ in ("NOUN", "PROPN"):
                return [t.head], False
            if t.dep_ == "acl" and t.head.pos_ == "NOUN" and t.head.dep_ in OBJ | {"pobj"}:
                t = t.head.head if t.head.dep_ in OBJ else t.head.head.head
                continue   # "X issued a declaration demanding ...": X demands
            if t.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and t.head.i != t.i:
                if t.dep_ == "pcomp":
                    t = t.head.head
                    continue
                # object control: "call on NATO to abandon" -> NATO does the abandoning
                t = t.head
                continue
            break
        return self._stranded_subject(verb), False

    def _told_of(self, head: Token, rel: Token) -> bool:
        """A relative clause tells an act of the actor it modifies: an armed or state group ("the
        gunmen who shot dead their commander"), or an actor set off by a comma ("the United States,
        which accuses him", "his forces, who fired rockets"); not "people who volunteer", "a leader
        who has loomed large", nor a name of no actor ("the Wild, who improved to 4-2-1")."""
        mention = self.coref.mention_at(head.i) or {}
        if mention.get("sector") in _ARMED_OR_STATE:
            return True
        set_off = rel.i > 0 and rel.doc[rel.i - 1].text == ","
        return set_off and bool(mention.get("code") or mention.get("sector"))

    def _stranded_subject(self, verb: Token) -> list[Token]:
        """A main verb left without a subject because the parser hung its subject on the clause
        before it ("As fighting raged in Khartoum, the United States and Saudi Arabia urged ..."):
        the actor heads between the last comma and the verb."""
        if verb.dep_ != "ROOT":
            return []
        sent = verb.sent
        comma = next((k for k in range(verb.i - 1, sent.start - 1, -1) if verb.doc[k].text == ","), None)
        if comma is None or verb.i - comma > 12:
            return []
        out = []
        for k in range(comma + 1, verb.i):
            m = self.coref.mention_at(k)
            tok = verb.doc[k]
            if m is not None and m["root"] == k and tok.pos_ in ("NOUN", "PROPN") and tok.head.i < verb.i:
                out.append(tok)
        return out

    def private_side(self, tokens: list[Token]) -> list[dict]:
        """Private persons named by ``tokens`` (a name with no actor entry, or "he"/"she" standing
        for one): "he was arrested"."""
        out = []
        for tok in tokens:
            person = self.coref.private_person(tok) if tok.pos_ == "PRON" else (
                _private_person(tok) if _named_person(tok) else None)
            if person is not None:
                out.append(person)
        return out

    def passive_target(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep_ in PASS_SUBJ]

    def target_tokens(self, trigger: Token, skip: set[int], exclude: frozenset = frozenset()) -> list[dict]:
        """Actor mentions among the objects of ``trigger``, nearest first (prepositions add cost);
        mentions of the ``exclude`` codes (the source's) only when there is nothing else."""
        best: list[tuple[int, int, dict]] = []
        generic: list[tuple[int, int, dict]] = []   # uncoded group mentions, when nothing is coded
        # a mention's words and code: the countries of "French, British and U.S. leaders" share the words
        seen: set[tuple[int, Optional[str]]] = set()
        stack = [(c, 1 if c.dep_ == "prep" else 0) for c in trigger.children
                 if c.dep_ in OBJ | {"prep", "dobj", "npadvmod", "advmod", "prt", "agent_never"}
                 or (c.dep_ == "compound" and trigger.pos_ == "NOUN") or (c.dep_ == "poss" and trigger.pos_ == "NOUN")]
        stack += [(g, 1) for g in self._doers_of_deed(trigger)]
        if trigger.lemma_.lower() in _DISCUSS and any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
            # "discussed Ukraine with Scholz": the object is the topic, the with-phrase the partner
            stack = [(c, 0 if c.dep_ == "prep" and c.lower_ == "with" else cost + (c.dep_ in OBJ))
                     for c, cost in stack]
        while stack:
            tok, cost = stack.pop()
            if tok.i in skip:
                continue
            authored = tok.dep_ == "prep" and tok.lower_ == "by" and tok.head.lemma_.lower() in _AUTHORED
            if tok.dep_ == "prep" and tok.lower_ not in _TARGET_PREPS and not authored:
                continue
            if (tok.dep_ == "prep" and tok.head.i == trigger.i and tok.lower_ in _TOPIC_PREPS
                    and trigger.lemma_.lower() in _CONTACTS):
                continue   # "a summit on Ukraine", "talks about Iran": the topic, not the other party
            mention = self.coref.mention_at(tok.i)
            if (mention is not None and mention["root"] == tok.i and mention["code"] is None
                    and mention.get("sector") and (mention.get("kind") == "agent" or mention.get("official"))):
                generic.append((cost, tok.i, mention))   # "fired at government forces": a country from context
            elif mention is None and tok.dep_ in OBJ | {"pobj"} and _named_person(tok):
                # "the court convicted Ayman Nour": a private person named, of the country where it happens
                generic.append((cost + 1, tok.i, _private_person(tok)))
            if mention is not None and mention["root"] == tok.i and mention["code"] is not None:
                if (mention["token_start"], mention["code"]) not in seen:
                    seen.add((mention["token_start"], mention["code"]))
                    best.append((cost, tok.i, mention))
            elif mention is None and tok.lower_ in _OBJECT_PRON and tok.dep_ in OBJ | {"pobj"}:
                found = self._pronoun_target(tok, exclude, cost, generic)
                for m in found:
                    if m.get("code") and (m["token_start"], m["code"]) not in seen:
                        seen.add((m["token_start"], m["code"]))
                        best.append((cost, tok.i, m))
            for c in tok.children:
                if c.dep_ in ("relcl", "ccomp", "advcl", "acl", "punct", "cc", "det", "aux", "neg"):
                    continue
                if c.pos_ == "VERB" and c.dep_ not in ("pcomp", "xcomp"):
                    continue
                # "welcomed a call by Medvedev for Gadhafi to go": the call's author is addressed
                by_author = tok.lemma_.lower() in _AUTHORED and c.dep_ == "prep" and c.lower_ == "by"
                stack.append((c, cost + (0 if by_author else 2 if c.dep_ == "prep" and tok.lemma_.lower()
                                         in _AUTHORED else 1 if c.dep_ == "prep" else 0)))
        others = [b for b in best if b[2].get("code") not in exclude]
        best = others or best or generic[:1]
        if not best:
            return []
        low = min(b[0] for b in best)
        return [m for cost, _i, m in sorted(best, key=lambda b: (b[0], b[1])) if cost <= low + 0]

    def _doers_of_deed(self, trigger: Token) -> list[Token]:
        """"opposed violations of the law by China", "criticised the sanctions imposed by the EU": who did
        the deed a verbal act (praise, criticism, rejection ...) acts on is the one it is directed at (after
        the object's own actors)."""
        row = plover_of(self.lex.verb_code(trigger.lemma_.lower()))
        if trigger.pos_ != "VERB" or row is None or row.quad_class not in (1, 3):
            return []   # verbal acts judge a deed's doer; "enforcing a no-fly zone ordered by the UN" does not
        deeds = [c for c in trigger.children if c.dep_ in OBJ and c.pos_ == "NOUN" and self.coref.mention_at(c.i) is None]
        out = [g for c in deeds for g in deed_agents(c)]
        if deeds and not any(c.dep_ == "auxpass" for c in trigger.children):
            # the deed's by-phrase hung on the active verb: "oppose violations of the law by China"
            out += [g for c in trigger.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                    and c.i > deeds[0].i for g in c.children if g.dep_ == "pobj"]
        return out

    def _pronoun_target(self, tok: Token, exclude: frozenset, cost: int, generic: list) -> list[dict]:
        """The coded actors an object pronoun stands for ("a mortar bomb was fired at it", "attacked
        them"); an uncoded person it stands for goes to ``generic`` ("which accuses him")."""
        found = [m for m in self.coref.resolve_token(tok) if m.get("code")]
        if all(m.get("code") in exclude for m in found):
            found = self._reporter(tok) or found   # "Russia said Ukraine attacked it"
        private = None if found else self.coref.private_person(tok)
        if private is not None:
            generic.append((cost + 1, tok.i, private))
        return found

    def _reporter(self, tok: Token) -> list[dict]:
        """The subject of the report verb whose that-clause holds ``tok``."""
        t = tok
        for _ in range(8):
            if t.head.i == t.i:
                return []
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.lex.report_verbs:
                return self.actors_of([c for c in t.head.children if c.dep_ in SUBJ])
            t = t.head
        return []

    def instrument_actors(self, verb: Token) -> list[dict]:
        """Who did a passive attack, from the attack noun: "killed in Israeli tank shelling",
        "killed in an air strike by government forces"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "by"):
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                if not self.noun_code(noun):
                    # "killed in Israeli tank shelling" parsed as "in Israeli tank" + a "shelling" clause
                    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
                    if (nxt is None or nxt.head.i != verb.i or nxt.dep_ != "advcl" or nxt.tag_ != "VBG"
                            or not self.noun_code(nxt)):
                        continue
                    owners = [t for t in noun.doc[noun.left_edge.i:nxt.i]
                              if (m := self.coref.mention_at(t.i)) is not None and m.get("code")]
                    return self.actors_of(owners[:1])
                owners = [t for t in noun.doc[noun.left_edge.i:noun.i]
                          if (m := self.coref.mention_at(t.i)) is not None and m.get("code")]
                found = self.actors_of(owners[:1])
                by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj"]
                return found or self.subject_actors(by)
        return []

    def subject_actors(self, tokens: list[Token]) -> list[dict]:
        """Actors of subject tokens; an unknown subject is resolved from its whole phrase
        ("Opposition groups in Zimbabwe"), or kept uncoded when it is a name."""
        out = self.actors_of(tokens)
        if any(a.get("code") for a in out):
            return out
        if tokens and all(in_roots(self.noun_code(t), "fighting") for t in tokens):
            # "Israeli air strikes killed ...": the attacker is whoever owns the strikes
            owned = self.actors_of(tokens, modifiers=True)
            if any(a.get("code") for a in owned):
                return owned
        uncoded = out
        out = []
        for tok in tokens:
            tok = self.collective(tok)
            for t in [tok, *self.conjuncts(tok)]:
                if t.pos_ not in ("NOUN", "PROPN"):
                    continue
                lo = after_credit(t.doc, t.left_edge.i, t.i)
                hi = t.i + 1
                for c in t.rights:
                    if c.dep_ in ("prep", "compound", "appos", "nmod") and c.right_edge.i - lo < 14:
                        hi = max(hi, c.right_edge.i + 1)
                span = t.doc[lo:hi]
                if not (t.pos_ == "PROPN" or _role_head(t) or t.lemma_.lower() in _ACTORISH):
                    continue   # "US sanctions", "the meeting between Putin and Xi": not actors
                names = t.doc.user_data.get(PERSON_NAMES_KEY) or ()
                # "Dr Conrad Murray" is a person, not the Murray river of Australia
                ref = None if any(span.start <= k < span.end for k in names) else resolve_actor(
                    span.text, date=t.doc._.dct)
                if ref is not None and (ref.code or (ref.sector and _role_head(t))):
                    out.append({**ref.to_dict(), "start": span.start_char, "end": span.end_char})
                elif (t.pos_ == "PROPN" or t.text[:1].isupper()
                      or any(c.pos_ == "PROPN" and c.dep_ == "compound" for c in t.lefts)):
                    out.append({"text": span.text, "code": None, "sector": None, "name": None,
                                "start": span.start_char, "end": span.end_char, "unresolved": True})
        if not any(a.get("code") for a in out):
            # "Soviet aircraft killed ...", "Palestinian prisoners rioted": an unlisted agent noun
            # with a country adjective or name before it acts for that country
            owned = [a for a in self.actors_of(tokens, modifiers=True) if a.get("code")]
            if owned:
                return dedupe(owned)
        if not any(a.get("code") for a in out) and uncoded:
            return uncoded
        return dedupe(out)

    @staticmethod
    def collective(tok: Token) -> Token:
        """"A group of diplomats", "thousands of students": the members, not the group."""
        for _ in range(3):
            if tok.lemma_.lower() not in _COLLECTIVE and tok.pos_ != "NUM":
                break
            member = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"), None)
            if member is None:
                break
            tok = member
        return tok

    def actors_of(self, tokens: Iterable[Token], *, modifiers: bool = False) -> list[dict]:
        out: list[dict] = []
        for tok in tokens:
            tok = self.collective(tok)
            group = [tok, *self.conjuncts(tok)]
            # a mis-parsed coordination: "Xi and Russian President Putin" with Xi as a modifier of Putin
            for c in tok.lefts:
                if c.dep_ in ("nmod", "compound", "poss") and any(g.dep_ == "cc" for g in c.children):
                    group += [c, *self.conjuncts(c)]
            for c in tok.rights:   # "The US, Russia, and Switzerland met": a list parsed as apposition
                if c.dep_ == "appos" and any(g.dep_ == "cc" for g in c.children):
                    group += [c, *self.conjuncts(c)]
            if modifiers and self.coref.mention_at(tok.i) is None:
                # "engaged Filipino peacekeepers": the country of an unlisted role noun
                for c in tok.lefts:
                    m = self.coref.mention_at(c.i) if c.dep_ in ("amod", "compound", "nmod", "poss") else None
                    if m is not None and m.get("code") and m["root"] == c.i:
                        out.append(m)
            own = self.coref.mention_at(tok.i)
            if own is not None and not own.get("code") and own.get("sector"):
                # "the foreign ministers of Russia and China"
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                        for g in c.children:
                            for t in ([g, *self.conjuncts(g)] if g.dep_ == "pobj" else []):
                                m = self.coref.mention_at(t.i)
                                if m is not None and m.get("code"):
                                    out.append({**m, "sector": own["sector"]})
                # "Armenian and Azerbaijani foreign ministers": each country, with the head's sector
                for c in tok.lefts:
                    if c.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "cc" for g in c.children):
                        for t in [c, *self.conjuncts(c)]:
                            m = self.coref.mention_at(t.i)
                            if m is not None and m.get("code"):
                                out.append({**m, "sector": own["sector"]})
            for t in group:
                found = self.coref.resolve_token(t)
                if found and not any(a.get("code") for a in found):
                    # "its troops", "their forces": the owner's country, the head's sector
                    owner = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                    owned = [a for a in (self.coref.resolve_token(owner) if owner is not None else [])
                             if a.get("code")]
                    if owned:
                        found = [{**owned[0], "sector": found[0].get("sector") or owned[0].get("sector"),
                                  "name": None, "text": found[0].get("text")}]
                out.extend(found)
        return dedupe(out)

    @staticmethod
    def conjuncts(tok: Token) -> list[Token]:
        return [c for c in tok.conjuncts if c.i > tok.i]


def misparsed_main(tok: Token) -> bool:
    """An "acl" that is really the main verb: past tense, or a participle with a direct object
    ("Israeli air strikes killed 20 people")."""
    return tok.dep_ == "acl" and (tok.tag_ == "VBD" or (
        tok.tag_ == "VBN" and any(c.dep_ == "dobj" for c in tok.children)))


def _relative_garden_path(verb: Token) -> Optional[Token]:
    """The subject of a main verb the parser hung, with the object of a relative clause as its
    subject, under that clause ("The soldiers who guard Benghazi fired on the crowd" parsed as
    "soldiers [who guard [Benghazi fired ...]]", the noun left as the sentence's root): the noun
    the relative clause modifies, which has no verb of its own."""
    rel = verb.head
    if verb.dep_ != "ccomp" or rel.dep_ != "relcl" or not any(c.dep_ in SUBJ for c in verb.children):
        return None
    noun = rel.head
    if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    lex = event_lexicon()
    if rel.lemma_.lower() in lex.report_verbs | _OPINION:   # "the man who said Benghazi fell": a report
        return None
    return noun


def _one_person(tokens: list[Token]) -> bool:
    """A single named person or singular role noun ("Abdul Jalil", "the head of the council")."""
    if len(tokens) != 1 or any(c.dep_ == "conj" for c in tokens[0].children):
        return False
    tok = tokens[0]
    return tok.tag_ == "NNP" and tok.ent_type_ == "PERSON" or (tok.tag_ == "NN" and _role_head(tok))


#: sectors of groups whose relative clause tells their act even unset by a comma
_ARMED_OR_STATE = office_sectors() | {"UAF"}


def _named_person(tok: Token) -> bool:
    """The last word of a person's name the tagger found (no actor mention covers it), written in
    full here or before ("Ayman Nour", then "Nour"; a lone "Moon" is no one's name)."""
    doc = tok.doc
    if not (tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I")):
        return False
    return tok.ent_iob_ == "I" or any(e.label_ == "PERSON" and len(e) > 1 and e.end <= tok.i and e[-1].text == tok.text
                                      for e in doc.ents)


def _private_person(tok: Token) -> dict:
    """A named person with no actor entry, as a civilian side (the context gives the country)."""
    lo = tok.i
    while lo > 0 and tok.doc[lo].ent_iob_ == "I":
        lo -= 1
    span = tok.doc[lo:tok.i + 1]
    return {"text": span.text, "code": None, "sector": "CVL", "name": span.text, "kind": "person", "private": True,
            "start": span.start_char, "end": span.end_char, "root": tok.i, "token_start": lo, "token_end": tok.i + 1}


def _role_head(tok: Token) -> bool:
    return is_role_noun(actor_tables(), tok)


def dedupe(actors: list[dict]) -> list[dict]:
    """Each actor once: coded ones by code and sector (and name), uncoded ones by text."""
    out, seen = [], set()
    for a in actors:
        key = (a.get("code"), a.get("sector"), a.get("name") or (None if a.get("code") else a.get("text")))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
