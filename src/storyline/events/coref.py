"""Light, within-article coreference for event actors.

Resolves what an event's subject or object token stands for: a named actor mention (from
``doc._.actors``), "he"/"his" (the last person named), "it"/"its" (the last organisation or
country), "they"/"their", "the two leaders", "the sides", "both countries" (the last pair of
actors), "the statement" (the authors of the last coded event).
"""
from __future__ import annotations

import bisect
import functools
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .gender import people_of, person_key, pronoun_gender
from .lexicon import word_set

__all__ = ["Coref", "GROUP_NOUNS", "STATEMENT_NOUNS"]

GROUP_NOUNS = word_set("group_nouns")
STATEMENT_NOUNS = word_set("statement_nouns")
_PERSON_PRON = word_set("person_pron")
_GROUP_PRON = word_set("group_pron")
@functools.lru_cache(maxsize=1)
def _igo_codes() -> frozenset:
    from ..actors import actor_tables

    return frozenset(actor_tables().igo_phoenix.values())


_BLOC_NOUNS = word_set("bloc_nouns")
_IT_PRON = word_set("it_pron")
_SINGLE_ROLE = word_set("single_role")
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


class Coref:
    """Actor lookup for tokens of one document, in reading order.

    Every actor dict it hands out carries ``token_start``, ``token_end`` and ``root``."""

    def __init__(self, doc: Doc, mentions: list[dict]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m["token_start"])
        self.starts = [m["token_start"] for m in self.mentions]
        self.by_token: dict[int, dict] = {}
        # the other countries of a coordinated phrase ("French, British and U.S. leaders") are
        # plain actor dicts without token positions; they stand on the same words as their mention
        self.also: dict[int, list[dict]] = {}
        for m in self.mentions:
            for i in range(m["token_start"], m["token_end"]):
                self.by_token.setdefault(i, m)
            if m.get("also"):
                self.also[id(m)] = [{**a, "token_start": m["token_start"], "token_end": m["token_end"],
                                     "root": m["root"]} for a in m["also"]]
        self.last_group: list[dict] = []
        self.last_sources: list[dict] = []
        self._people: Optional[tuple[list[dict], dict[str, str]]] = None
        self.bare: dict[int, dict] = {}   # pronoun index -> the uncoded person it stands for

    def mention_at(self, i: int) -> Optional[dict]:
        return self.by_token.get(i)

    def enter_sentence(self, sent: Span) -> None:
        pass

    def sentence_has_actors(self, sent: Span) -> bool:
        k = bisect.bisect_left(self.starts, sent.start)
        if k < len(self.starts) and self.starts[k] < sent.end:
            return True
        return any(t.lower_ in _PERSON_PRON or t.lower_ in _GROUP_PRON or t.lower_ in _IT_PRON
                   or t.lemma_.lower() in STATEMENT_NOUNS for t in sent)

    def note_event(self, sources: list[dict]) -> None:
        coded = [s for s in sources if s.get("code")]
        if coded:
            self.last_sources = coded
        if len(coded) >= 2:
            self.last_group = coded

    # -- lookups ---------------------------------------------------------------------------------
    def _before(self, i: int) -> list[dict]:
        k = bisect.bisect_left(self.starts, i)
        return [m for m in self.mentions[:k] if m["token_end"] <= i]

    def last_person(self, i: int) -> list[dict]:
        gender = pronoun_gender(self.doc[i].lower_)
        if gender is None:
            return self._antecedent(i, lambda m: m.get("kind") == "person" and m.get("code"))
        return self._agreeing_person(i, gender)

    def _agreeing_person(self, i: int, gender: str) -> list[dict]:
        """The person "he"/"she" at ``i`` stands for: the antecedent (:meth:`_antecedent`'s order)
        among the people whose gender is not known to differ; a person named without a code whose
        gender is known to agree stands in the way of anyone named before (no actor then)."""
        if self._people is None:
            self._people = people_of(self.doc, self.mentions)
        people, genders = self._people

        def fits(m: dict) -> bool:
            known = genders.get(person_key(self.doc, m))
            if known is not None and known != gender:
                return False
            return bool(m.get("code")) or (m.get("bare") and known == gender) or bool(m.get("official"))

        found = self._antecedent(i, fits, candidates=people)
        if found and found[0].get("bare"):
            self.bare[i] = found[0]
        if found and found[0].get("bare") and _speaker_of(self.doc[found[0]["root"]], self.doc[i]):
            return [{**found[0], "unresolved": True}]   # "Jalil said he has offered ...": Jalil, uncoded
        # else a person named without a code stands for no actor
        return [m for m in found if m.get("code") or m.get("sector")]

    def last_thing(self, i: int) -> list[dict]:
        return self._antecedent(i, lambda m: m.get("kind") in ("org", "igo", "country") and m.get("code"))

    def _antecedent(self, i: int, fits, candidates: Optional[list[dict]] = None) -> list[dict]:
        """The mention a pronoun at ``i`` stands for: for a subject pronoun, the last fitting subject
        of its own or the sentence before ("BP refused a White House request. It also rejected
        ...": BP, not the White House) when both are subjects of main clauses, else the last fitting
        mention ("... target Gaddafi's army if he keeps ...": Gaddafi)."""
        before = self._before(i) if candidates is None else [m for m in candidates if m["token_end"] <= i]
        tok = self.doc[i]
        if tok.dep_ in _SUBJ_DEPS and _main_clause(tok.head):
            start = tok.sent.start
            start = self.doc[start - 1].sent.start if start > 0 else start
            for m in reversed(before):
                if m["token_start"] < start:
                    break
                root = self.doc[m["root"]]
                if fits(m) and root.dep_ in _SUBJ_DEPS and _main_clause(root.head):
                    return [m]
        for m in reversed(before):
            if fits(m):
                return [m]
        return []

    def private_person(self, tok: Token) -> Optional[dict]:
        """The person named without a code that "he"/"she"/"him"/"her" at ``tok`` stands for, as a
        private person's side (no country of their own: the context gives one), or None."""
        if pronoun_gender(tok.lower_) is None:
            return None
        self.last_person(tok.i)
        bare = self.bare.get(tok.i)
        if bare is None:
            return None
        return {**{k: v for k, v in bare.items() if k != "bare"}, "sector": "CVL", "private": True}

    def last_igo(self, i: int) -> list[dict]:
        for m in reversed(self._before(i)):
            if m.get("code") and (m.get("kind") == "igo" or m["code"] in _igo_codes()):
                return [m]
        return []

    def group(self, i: int) -> list[dict]:
        before = self._before(i)
        people: list[dict] = []
        for m in reversed(before):
            if m.get("kind") == "person" and m.get("code") and all(
                    (p.get("name"), p.get("code")) != (m.get("name"), m.get("code")) for p in people):
                if people and people[0].get("code") == m.get("code"):
                    continue
                people.append(m)
                if len(people) == 2:
                    break
        if self.last_group and (len(people) < 2 or self._newer(self.last_group, people)):
            return list(self.last_group)
        if len(people) == 2:
            return people[::-1]
        things: list[dict] = []
        for m in reversed(before):
            if m.get("code") and all(t.get("code") != m.get("code") for t in things):
                things.append(m)
                if len(things) == 2:
                    break
        return things[::-1] if len(things) == 2 else list(self.last_group)

    @staticmethod
    def _newer(group: list[dict], people: list[dict]) -> bool:
        g = max((m.get("start") or 0) for m in group)
        p = min((m.get("start") or 0) for m in people)
        return g >= p

    def resolve_token(self, tok: Token) -> list[dict]:
        """The actors a subject/object token stands for (empty when unknown)."""
        low = tok.lower_
        mention = self.by_token.get(tok.i)
        if mention is not None and mention.get("code"):
            return [mention, *self.also.get(id(mention), ())]
        head = tok.lemma_.lower()
        if low in _PERSON_PRON:
            return self.last_person(tok.i)
        if low in _GROUP_PRON:
            return self.group(tok.i)
        if low in _IT_PRON:
            return self.last_thing(tok.i)
        if head in STATEMENT_NOUNS:
            return list(self.last_sources)
        if (head in _BLOC_NOUNS and tok.tag_ in ("NN", "NNP") and any(c.lower_ == "the" for c in tok.lefts)
                and not any(c.dep_ in ("amod", "compound", "poss") for c in tok.lefts)):
            return self.last_igo(tok.i)   # "the bloc would provide ...": the last organisation named
        if head in GROUP_NOUNS or (mention is not None and mention.get("kind") == "agent"):
            lefts = [c.lower_ for c in tok.lefts]
            plural = tok.tag_ in ("NNS", "NNPS") or any(w in ("two", "both", "three") for w in lefts)
            definite = any(w in ("the", "both", "two", "these") for w in lefts) and not any(
                c.dep_ in ("amod", "compound") for c in tok.lefts)
            if plural and definite and (head in GROUP_NOUNS or any(w in ("two", "both") for w in lefts)):
                return self.group(tok.i)
            if not plural and head in _SINGLE_ROLE and any(c.lower_ == "the" for c in tok.lefts):
                return self.last_person(tok.i)
        if mention is not None and mention.get("sector"):
            return [mention]
        return []


def _speaker_of(name: Token, pron: Token) -> bool:
    """``name`` is the subject of a verb that governs the clause of ``pron`` ("X said he ...")."""
    if name.dep_ == "appos":
        name = name.head   # "The chairman of the council, Mustafa Abdul Jalil, said he ..."
    if name.dep_ not in _SUBJ_DEPS or name.sent.start != pron.sent.start:
        return False
    return name.head in pron.ancestors


def _main_clause(verb: Token) -> bool:
    """A sentence's main verb, or one coordinated with it ("... and it also rejected")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
