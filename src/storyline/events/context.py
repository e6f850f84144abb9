"""The article's context for an event's sides: the country an article is about, the country where
a sentence's act takes place, and the data of ``data/actors/context.json`` (news agencies, place
nouns, the types whose unnamed target is the place acted upon)."""
from __future__ import annotations

import functools
import json
from collections import Counter
from typing import Iterable, Optional

from spacy.tokens import Token

from ..actors.tables import DATA_DIR
from .implied import PLACE_OF_ACT

__all__ = ["leading_country", "place_code", "fill_generic", "place_target", "industry_target", "is_news_agency",
           "civil_target_types", "context_data", "sentence_country", "where_target", "is_place", "act_origin", "place_country"]

#: objects and prepositional objects that name what an act is done to
_PLACE_DEPS = {"dobj", "obj", "nsubjpass"}
#: dependencies of a name that qualifies a noun rather than naming a place
_QUALIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
_PLACE_PREPS = {"on", "against", "at", "into", "upon", "toward", "towards", "to", "of"}


@functools.lru_cache(maxsize=1)
def context_data() -> dict:
    data = json.loads((DATA_DIR / "context.json").read_text(encoding="utf-8"))
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items() if not k.startswith("_")}


def civil_target_types() -> frozenset:
    return context_data()["civil_target_types"]


def is_news_agency(actor: dict) -> bool:
    agencies = context_data()["news_agencies"]
    for key in (actor.get("name"), actor.get("text")):
        low = (key or "").lower().strip()
        if low.startswith("the "):
            low = low[4:]
        if low and low in agencies:
            return True
    return False


def _country(code: Optional[str]) -> Optional[str]:
    """``code`` when it is a country's (not an organisation's: ``WHO``, ``NATO``)."""
    from ..actors import actor_tables

    return code if code and code in actor_tables().country_names else None


def place_code(place: Optional[str], date: Optional[str]) -> Optional[str]:
    """The country of a place name ("Homs" → SYR), or None."""
    if not place:
        return None
    from ..actors import resolve_actor

    ref = resolve_actor(place, date=date)
    return _country(ref.code) if ref is not None else None


def leading_country(mentions: Iterable[dict], dateline: Optional[str], date: Optional[str]) -> Optional[str]:
    """The country the mentions name most, when it leads every other and is named twice or more;
    else the dateline's country."""
    counts: Counter = Counter()
    for m in mentions:
        if is_news_agency(m):
            continue
        for code in {_country(m.get("code")), *(_country(a.get("code")) for a in m.get("also") or ())}:
            if code:
                counts[code] += 1
    top = counts.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return place_code(dateline, date)


def sentence_country(doc, sent, place: Optional[str], trigger: Optional[Token] = None
                     ) -> tuple[Optional[str], Optional[str]]:
    """Where a sentence's act happens: (the country of its "in X" place, of the first place it names:
    "southwest of the capital, Tripoli"; not a place told in a relative clause about someone, "the
    rebels, who fled to Tunisia, attacked ...", unless the act is told in that clause)."""
    code = place_code(place, doc._.dct)
    if code:
        return code, code
    for ent in sent.ents:
        if ent.label_ == "GPE" and not _qualifies_private(ent.root) and not _in_other_relative(ent.root, trigger):
            named = place_code(ent.text, doc._.dct)
            if named:
                return None, named
    return None, None


def _in_other_relative(tok: Token, trigger: Optional[Token]) -> bool:
    """Whether ``tok`` stands in a relative clause that does not hold ``trigger``."""
    for anc in tok.ancestors:
        if anc.dep_ == "relcl":
            return trigger is None or not (anc.left_edge.i <= trigger.i <= anc.right_edge.i)
    return False


def _qualifies_private(tok: Token) -> bool:
    """A country that qualifies something other than a place of acts: a person or body ("a US
    citizen", "Britain's envoy", "the U.S. official said": their nationality, not where the act
    happens), or, as a compound, a name ("the Ouagadougou conference centre", "the Beijing
    Olympics"); "Libya's civil war" still places the act."""
    if tok.dep_ not in _QUALIFIER_DEPS:
        return False
    from ..actors import actor_tables

    head = tok.head
    role = actor_tables().agent_sector((head.lower_,)) or actor_tables().agent_sector((head.lemma_.lower(),))
    return tok.dep_ == "compound" or role is not None


def fill_generic(actors: list[dict], where: tuple[Optional[str], Optional[str]], home: Optional[str],
                 origin: Optional[str] = None) -> list[dict]:
    """Uncoded generic groups ("rebels", "security forces", "the government") take a country: state
    organs the article's country, else the "in X" place; others (police, protesters, rebels) where
    they act, else a place the sentence names, else the article's country; the authorities implied by
    an agentless state act ("was arrested in Tunisia") where it happened, else the country it
    removed someone from (``origin``: "was deported from Qatar"), else the article's country, else a
    place the sentence names.  A group of many countries' actors ("the international community",
    "world leaders") takes none."""
    out = []
    state = context_data()["home_sectors_first"]
    place, named = where
    for a in actors:
        bloc = [] if a.get("code") else _bloc(a)
        if bloc:
            out += [{**a, "code": code, "sector": a.get("sector") or "GOV"} for code in bloc]
            continue
        if a.get("code") or not a.get("sector") or a.get("unresolved") or _many_states(a):
            out.append(a)
            continue
        if a.get("implied"):   # "was arrested in Tunisia", no agent: the state where it happened
            code = place or origin or home or named
        else:
            code = (home or place) if a.get("sector") in state else (place or named or home)
        out.append({**a, "code": code, "filled": True} if code else a)   # filled: the context's, not its own
    return out


def _many_states(actor: dict) -> bool:
    """A group of many countries' actors ("the international community", "world leaders", "foreign
    governments"): no one country is theirs."""
    words = set((actor.get("text") or "").lower().split())
    return bool(words & context_data()["many_states_words"])


def _bloc(actor: dict) -> list[str]:
    """The countries a bloc group stands for ("Western leaders", "the West"), or []."""
    blocs = context_data()["blocs"]
    text = " ".join((actor.get("text") or "").lower().split())
    if text in blocs:
        return list(blocs[text])
    words = text.split()
    if words[:1] == ["the"]:
        words = words[1:]
    if actor.get("sector") and len(words) > 1 and words[0] in blocs:
        return list(blocs[words[0]])   # "Western leaders": the group's modifier names the bloc
    return []


def act_origin(doc, trigger: Token) -> Optional[str]:
    """The country an act removes someone from, named by a from-phrase of the act's verb ("was
    deported from Qatar", "were expelled from Egypt", "was extradited from Spain to France"): for an
    agentless state act, the state that did it."""
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB" else trigger
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for g in prep.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC"):
                    code = _place_of(doc, g)
                    if code:
                        return code
    return None


def place_target(doc, trigger: Token, plover: str, fallback: Optional[str]) -> Optional[dict]:
    """The place an assault, coercion, threat or protest is done to ("shelled the town of Tiji",
    "an attack on Misrata") as a target: its country, else the country where the act happens."""
    if plover not in context_data()["place_target_types"]:
        return None
    for tok in _objects(trigger):
        code = _place_of(doc, tok)
        if code == "":
            code = fallback
        if code:
            span = doc[tok.left_edge.i:tok.i + 1]
            return {"text": span.text, "code": code, "sector": None, "name": None,
                    "start": span.start_char, "end": span.end_char}
    return None


def where_target(plover: str, where: tuple[Optional[str], Optional[str]], home: Optional[str],
                 source: list[dict]) -> Optional[dict]:
    """The side a use of force by a state, organisation or armed group is done to when the sentence
    names none with a code ("NATO aircraft struck a rocket launcher near Brega", "troops are hitting
    us"): the country where the act happens (its "in"/"near" place), else the country of a source
    that acts at home (rebels, police), else the country the article is about, else the first place
    the sentence names that is not the source's own country (the attacker's home is no place of the
    attack).  A private doer ("a gunman", a company) gets none: a private happening stays private."""
    data = context_data()
    if plover not in data["where_target_types"] or not any(_political_side(a) for a in source):
        return None
    if any(a.get("unnamed") for a in source):
        return None   # "fierce battles continue in X": unnamed parties of the place on both sides (the record's)
    place, named = where
    own = {a.get("code") for a in source}
    at_home = next((_country(a.get("code")) for a in source if a.get("sector") in data["home_acting_sectors"]
                    and _country(a.get("code"))), None)
    code = place or at_home or home or (named if named not in own else None)
    if not code:
        return None
    from ..actors import actor_tables

    # implied: told by no words of the sentence, so it neither vouches for the event (confidence) nor
    # makes a private happening political
    return {"text": actor_tables().country_names.get(code) or code, "code": code, "sector": None, "name": None,
            "implied": PLACE_OF_ACT}


def _political_side(actor: dict) -> bool:
    """A coded actor of a state, an organisation or an armed group, not of a private sector."""
    from .lexicon import word_set

    return bool(actor.get("code")) and actor.get("code") != "BUS" and actor.get("sector") not in word_set("private_sectors")


def industry_target(trigger: Token, plover: str) -> Optional[dict]:
    """A coercion or sanction of an economic activity or a kind of firm ("a ban on deepwater
    drilling", "fined two refineries"): the business sector (BUS) is its target."""
    data = context_data()
    if plover not in data["industry_target_types"]:
        return None
    for tok in _objects(trigger):
        words = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod")]
        if tok.pos_ == "NOUN" and any(w.lemma_.lower() in data["industry_activities"] for w in words):
            span = tok.doc[tok.left_edge.i:tok.i + 1]
            return {"text": span.text, "code": "BUS", "sector": "BUS", "name": None,
                    "start": span.start_char, "end": span.end_char}
    return None


def _objects(trigger: Token) -> list[Token]:
    out = [c for c in trigger.children if c.dep_ in _PLACE_DEPS]
    heads = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ in _PLACE_DEPS and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)   # "set an ultimatum to the town": the verb holds the to-phrase
    for prep in (c for h in heads for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
            out += [g for g in prep.children if g.dep_ == "pobj"]
    return out


def place_country(doc, tok: Token) -> Optional[str]:
    """A place's country code; "" for a place noun of unknown country ("the town"), None for no place."""
    return _place_of(doc, tok)


def is_place(doc, tok: Token) -> bool:
    """Whether ``tok`` names a place (a place entity, or a place noun: "the town")."""
    return _place_of(doc, tok) is not None


def _place_of(doc, tok: Token) -> Optional[str]:
    """A place's country code; "" for a place noun of unknown country ("the town"), None for no place."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        return (place_code(ent.text, doc._.dct) or "") if ent is not None else None
    if tok.lemma_.lower() not in context_data()["place_nouns"] and tok.lower_ not in context_data()["place_nouns"]:
        return None
    for prep in tok.children:   # "the town of Tiji"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for g in prep.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC"):
                    return _place_of(doc, g) or ""
    return ""


def heard_from(trigger: Token, source: list[dict], target: list[dict]) -> tuple[list[dict], list[dict]]:
    """Sides of a verb of receiving whose from-phrase names who acts ("the United States continued
    to hear from members of the government"): the from-phrase's actors act, the subject is addressed."""
    if trigger.lemma_.lower() not in context_data()["from_source_verbs"]:
        return source, target
    spans = [(p.left_edge.idx, p.right_edge.idx + len(p.right_edge)) for p in trigger.children
             if p.dep_ == "prep" and p.lower_ == "from"]
    inside = [a for a in target if a.get("start") is not None and any(lo <= a["start"] < hi for lo, hi in spans)]
    if not inside:
        return source, target
    return inside, [a for a in source if a.get("code") not in {b.get("code") for b in inside}] or source


def is_attack_noun(tok: Token) -> bool:
    """An attack told as a thing ("a NATO air strike", "the raid")."""
    nouns = context_data()["attack_nouns"]
    return tok.pos_ == "NOUN" and (tok.lower_ in nouns or tok.lemma_.lower() in nouns)


def attack_referred(trigger: Token) -> bool:
    """A passive act that happens in a definite attack told before ("had been killed in the
    attack", "died in that strike")."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        return False
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if (noun.dep_ == "pobj" and is_attack_noun(noun)
                        and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in noun.children)
                        and not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in noun.children)):
                    return True
    return False
