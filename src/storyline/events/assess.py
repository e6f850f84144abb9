"""Modality and factuality of a coded event: is the act told as fact, or only reported, supposed,
wished, predicted, intended or denied?

:func:`modality` reads the clauses that govern an event's trigger, from the trigger's own clause up to
the sentence's root, and returns the first cue it meets with the word that carries it:

- ``negated``: the coder's negation ("did not meet", "denied attacking");
- ``hypothetical``: a condition ("if it is attacked", "unless"), a counterfactual "would" that no
  report governs, a question, or a gerund that is the topic of talk ("said about the U.S. seizing BP");
- ``predicted``: a speculation verb over the clause ("speculated that", "suspect", "fear"), a hedge
  ("possibly", "likely to"), "may"/"might"/"could", or a noun of supposition over the clause
  ("rumours that he sought a deal", "the fear is that he intends to") (:mod:`.hedges`);
- ``wished``: a wish verb over the clause ("wants America to do more", "hope to"), or an obligation
  ("they should set up") that is not itself the coded demand;
- ``intended``: "will", "plans to", "promised to", or a purpose clause ("sent troops to protect");
- ``generic``: a habitual or generic statement ("they have always refused to fight");
- ``alleged``: the act an accusation charges someone with ("accused Gaddafi of shelling civilians"):
  the accusation is the event, the charge is not told as fact; or what an allegation verb reports
  ("officials alleged that the group carried out attacks");
- ``reported``: a report verb over the clause whose speaker is not the act's own actor ("officials
  said troops shelled the town");
- ``asserted``: none of these.

Verbal acts that are events in themselves (accuse, appeal, threaten, praise, promise) take the
modality of their own clause, so "X accused Y" is asserted and "X may accuse Y" predicted.  The cue
words are data (``data/events/modality.json``).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Span, Token

from .hedges import between_clauses, future_time_clause, habitual, open_choice, scheduled, topic_gerund
from .lexicon import DATA

__all__ = ["MODALITIES", "Modality", "modality", "FACTUAL", "issue_object"]

#: every value :func:`modality` returns
MODALITIES = ("asserted", "reported", "negated", "intended", "predicted", "wished", "hypothetical", "generic",
              "alleged")
#: the modalities under which an act is told as having happened (or, negated, as not)
FACTUAL = frozenset({"asserted", "reported", "negated"})
#: dependency labels that link a clause to the clause that governs it
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis", "csubj"})


@dataclass(frozen=True)
class Modality:
    """An event's modality and the word that decided it (None for ``asserted``)."""
    value: str
    cue: Optional[Token] = None

    @property
    def factual(self) -> bool:
        return self.value in FACTUAL


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset]:
    raw = json.loads((DATA / "modality.json").read_text(encoding="utf-8"))
    return {name: frozenset(words) for name, words in raw.items() if not name.startswith("_")}


def cue_set(name: str) -> frozenset:
    """The named cue list of ``data/events/modality.json``."""
    try:
        return _cues()[name]
    except KeyError:
        raise KeyError(f"no cue list {name!r} in {DATA / 'modality.json'}") from None


def _clause_head(tok: Token) -> Token:
    """The verb (or predicate) whose clause holds ``tok``: an event noun's governing verb."""
    while tok.dep_ not in _CLAUSAL and tok.dep_ != "ROOT" and tok.head.i != tok.i and tok.pos_ not in ("VERB",):
        tok = tok.head
    return tok


def _chain(anchor: Token) -> list[Token]:
    """The clause heads from the anchor's clause up to the sentence root."""
    out, tok = [], _clause_head(anchor)
    for _ in range(12):
        out.append(tok)
        if tok.head.i == tok.i or tok.dep_ == "ROOT":
            break
        tok = _clause_head(tok.head)
    return out


def _aux(verb: Token, names: str) -> Optional[Token]:
    words = cue_set(names)
    return next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in words), None)


def _own_clause(verb: Token, *, reported: bool, obligation: bool, intended: bool,
                refusal: bool = False) -> Optional[Modality]:
    """The modality the anchor's own clause gives (its auxiliaries, marks and hedges)."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in cue_set("conditional_marks")), None)
    if mark is not None:
        return Modality("hypothetical", mark)
    choice = open_choice(verb, cue_set)
    if choice is not None:
        return Modality("hypothetical", choice)      # "deciding whether to send troops"
    hedge = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ in cue_set("hedge_adverbs")), None)
    hedge = hedge if hedge is not None else scheduled(verb, cue_set)
    if hedge is not None:
        return Modality("predicted", hedge)
    habit = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ in cue_set("habitual_adverbs")), None)
    habit = habit if habit is not None else habitual(verb, cue_set)
    if habit is not None:
        return Modality("generic", habit)
    aux = _aux(verb, "hypothetical_aux")
    if aux is not None:
        return Modality("intended" if reported else "hypothetical", aux)
    aux = _aux(verb, "prediction_aux")
    if aux is not None and not refusal:
        return Modality("predicted", aux)
    aux = _aux(verb, "obligation_aux")
    if aux is not None and not obligation:
        return Modality("wished", aux)
    aux = _aux(verb, "future_aux")
    if aux is not None or intended:
        return Modality("intended", aux)
    return None


def _forms(tok: Token) -> frozenset[str]:
    """The token's lemma and its word with a plain inflection cut off: the tagger's lemma is not
    always right ("hopes" lemmatised "hop")."""
    word = tok.lower_
    cut = {word[:-n] for n, end in ((1, "s"), (2, "es"), (1, "d"), (2, "ed"), (3, "ing")) if word.endswith(end)}
    if word.endswith("ing"):
        cut.add(word[:-3] + "e")   # "hoping": hope
    return frozenset({tok.lemma_.lower(), word} | cut)


def _governing(head: Token, child: Token, actors: frozenset[int]) -> Optional[Modality]:
    """The modality a governing clause ``head`` gives its clause ``child``."""
    lemma = head.lemma_.lower()
    forms = _forms(head)
    if child.dep_ in ("ccomp", "xcomp") and forms & cue_set("wish_verbs"):
        return Modality("wished", head)
    if child.dep_ in ("ccomp", "xcomp") and lemma in cue_set("prediction_adjectives"):
        return Modality("predicted", head)
    if child.dep_ == "xcomp" and head.pos_ == "AUX" or (child.dep_ == "xcomp" and any(
            c.dep_ == "acomp" and c.lower_ in cue_set("prediction_adjectives") for c in head.children)):
        return Modality("predicted", head)
    if child.dep_ == "ccomp" and forms & cue_set("speculation_verbs"):
        return Modality("predicted", head)
    if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in cue_set("conditional_marks")
                                     for c in child.children):
        return Modality("hypothetical", next(c for c in child.children if c.dep_ == "mark"))
    if child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        return Modality("intended", child)   # "sent troops to protect civilians"
    when = future_time_clause(child, head, cue_set)
    if when is not None:
        return Modality("predicted", when)   # "once the US withdraws, the Taliban will ..."
    charged = child.dep_ in ("pcomp", "pobj") or (child.head.dep_ == "prep" and child.head.lower_ in ("of", "for")
                                                 and child.head.head.i == head.i) or (
        # "accusing Gaddafi of bombing, shelling ...": a charge the parser hangs on the verb
        child.dep_ == "advcl" and child.tag_ == "VBG" and any(
            c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i < child.i for c in head.children))
    if charged and forms & cue_set("accusation_verbs"):
        return Modality("alleged", head)   # "accused Gaddafi of shelling civilians": the charge
    if child.dep_ in ("ccomp", "parataxis") and lemma in cue_set("report_verbs"):
        speaker = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        if not speaker & actors:
            return Modality("reported", head)
    return None


def modality(anchor: Token, trigger: Token, sent: Span, *, negated: bool, intent: bool, rule: str,
             actor_tokens: frozenset[int] = frozenset(),
             same_side: Optional[Callable[[list[Token]], bool]] = None) -> Modality:
    """The modality of the event whose clause is headed by ``anchor`` (see the module's docstring).

    ``rule`` is the coder's rule name ("obligation" when the event is the demand itself, "+intent"
    when the coder read a promise or plan); ``actor_tokens`` the token indices of the event's own
    actors (their own report of their act is not hearsay); ``same_side(tokens)`` whether a speaker
    (the subject tokens of a report verb) is of the event's own side (its country or organisation:
    a spokesman announcing what his government will do)."""
    if negated:
        return Modality("negated", None)
    denial = _no_one(anchor, trigger)
    if denial is not None:
        return Modality("negated", denial)
    chain = _chain(anchor)
    reported_above = len(chain) > 1 and any(h.lemma_.lower() in cue_set("report_verbs") for h in chain[1:])
    found = [_own_clause(chain[0], reported=reported_above, obligation=rule == "obligation",
                         intended=intent or rule.endswith("+intent"), refusal=rule.endswith("+refuse"))]
    for child, head in zip(chain, chain[1:]):
        found.append(_governing(head, child, actor_tokens))
        if child.dep_ != "conj":
            higher = _own_clause(head, reported=False, obligation=False, intended=False)
            if higher is not None and (higher.value in ("hypothetical", "predicted") or (
                    child.dep_ == "xcomp" and higher.value == "intended")):
                found.append(higher)   # "will be allowed to import weapons": the complement's future too
    found += [Modality(*cue) for cue in (between_clauses(c, cue_set) for c in chain) if cue is not None]
    topic = topic_gerund(trigger, cue_set)
    if topic is not None:
        found.append(Modality("hypothetical", topic))
    if sent.text.rstrip().rstrip("\"'”’ ").endswith("?") and chain[-1].dep_ == "ROOT":
        found.append(Modality("hypothetical", sent[-1]))
    cues = [m for m in found if m is not None]
    if not cues:
        return Modality("asserted", None)
    best = min(cues, key=lambda m: _RANK[m.value])
    if best.value == "intended" and _foretold(best.cue) and not rule.startswith(_STANCE_RULES) \
            and not _announced(chain, actor_tokens, same_side):
        return Modality("predicted", best.cue)   # "the Taliban will attack Kabul": the writer's forecast
    return best


def _no_one(anchor: Token, trigger: Token) -> Optional[Token]:
    """The "no" that denies the act through its subject or its noun ("no rebel fighters were wounded",
    "no attack took place", "they have no support"), or None."""
    nouns = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")] + [trigger]
    for noun in nouns:
        if noun.lower_ in cue_set("no_one_words"):
            return noun
        det = next((c for c in noun.children if c.dep_ == "det" and c.lower_ == "no"), None)
        if det is not None:
            return det
    return None


#: coder rules whose event is a stance told of its holder ("would be willing to meet"): no forecast
_STANCE_RULES = ("ready_to", "concern")


def _foretold(cue: Optional[Token]) -> bool:
    """Whether an ``intended`` cue is a bare future or "would" (not a promise or plan verb)."""
    return cue is not None and cue.dep_ in ("aux", "auxpass") and cue.lower_ in (
        cue_set("future_aux") | cue_set("hypothetical_aux"))


def _announced(chain: list[Token], actors: frozenset[int],
               same_side: Optional[Callable[[list[Token]], bool]] = None) -> bool:
    """Whether the act a future tells of is announced by its own actor: a report verb over it whose
    speaker is the actor, or whom a pronoun subject of the act stands for ("Britain said it will
    send ships"); with no report verb, a first-person actor ("we will attack").  A forecast of what
    others will do, by the writer or by someone else ("Obama noted NATO will meet"), is not."""
    clause = chain[0]
    while clause.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        clause = clause.head   # "we will keep fighting": the complement's subject is its governor's
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child, head in zip(chain, chain[1:]):
        if child.dep_ in ("ccomp", "parataxis", "conj") and head.lemma_.lower() in cue_set("report_verbs"):
            speakers = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if {t.i for c in speakers for t in c.subtree} & actors or (
                    speakers and same_side is not None and same_side(speakers)):
                return True
            return any(_stands_for(s, speakers) for s in subjects)
    return any(s.lower_ in cue_set("first_person") for s in subjects)


def _stands_for(subject: Token, speakers: list[Token]) -> bool:
    """A pronoun subject that can stand for the speaker: "it" or "they" for a state or a group, "he",
    "she", "I" or "we" for a person ("they" not for one named person); or the speaker's own people
    ("his men", "its troops", "our forces") or body ("the agency", "the government")."""
    word = subject.lower_
    if any(c.dep_ == "poss" and c.lower_ in cue_set("speaker_possessives") for c in subject.children):
        return True   # "said his men would storm the town": the speaker's own people
    if subject.lemma_.lower() in cue_set("own_body_nouns") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return True   # "Chan said the agency would work with ...": the body the speaker speaks for
    if word not in cue_set("speaker_pronouns"):
        return False
    if word == "they" and speakers and all(s.ent_type_ == "PERSON" and s.tag_ == "NNP" for s in speakers):
        return False
    return True


#: which cue wins when a clause chain has several: the one that takes most away from fact
_RANK = {"hypothetical": 0, "predicted": 1, "generic": 2, "alleged": 3, "wished": 4, "intended": 5, "reported": 6}


#: the dependents of a trigger that name the issue it acts on
_ISSUE_DEPS = frozenset({"dobj", "ccomp", "xcomp"})


def issue_object(trigger: Token) -> bool:
    """Whether the trigger acts on an issue: a noun object that is no pronoun ("supports the
    no-fly zone", "rejected any deal"), a clause ("suggested that the agency should ..."), or a
    "for" phrase ("called for a ceasefire")."""
    for c in trigger.children:
        if c.dep_ in _ISSUE_DEPS and c.pos_ != "PRON":
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            return True
    return False
