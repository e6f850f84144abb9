"""Finding actor mentions in a parsed ``Doc``: a gazetteer scan, then the noun phrase around each hit.

Mentions are :class:`~storyline.model.ActorRef` dicts with char offsets, plus ``kind`` (person, org,
igo, country, agent), ``root`` (token index of the phrase head), ``token_start``/``token_end`` and,
for "Armenian and Azerbaijani ministers", ``also`` (the other coordinated countries).
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from ..model import ActorRef
from .acronyms import acronym_mentions, head_again, named_again
from .companies import company_mentions
from .officials import titled_officials
from .names import igo_officers, person_name_matches, surname_mentions
from .resolve import resolve_words_kind
from .tables import ActorTables, actor_tables, normalize_word, role_words

__all__ = ["find_actor_mentions", "is_role_noun"]

#: a dateline opening a story ("GAZA CITY, Palestinian Territories:", "MOSCOW (Reuters) -"): group 1 the place
#: a wire credit ("(Reuters) -", "-LRB- AP -RRB- —", in the middle of a dateline line too): the agency
#: signs the story; it is no actor in it, and no actor phrase runs across it
CREDIT_RE = re.compile(r"(?:\(|-LRB-)\s*[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}\s*(?:\)|-RRB-)\s*(?:-{1,2}|–|—)(?=\s)")
DATELINE_RE = re.compile(r"\A\s*([A-Z][A-Z .'-]{2,40}?)(?:,[^:\n]{0,60})?(?:\s*\([^)\n]{1,30}\))?\s*(?::|—|–|--?)\s")

#: ``doc.user_data`` key of the tokens of people's names that are also place names ("Dr Murray")
PERSON_NAMES_KEY = "storyline.person_names"

_CLIMB_DEPS = {"compound", "amod", "poss", "nmod", "nn"}
_NOUN_POS = {"NOUN", "PROPN"}


def is_role_noun(tables: "ActorTables", tok) -> bool:
    low = normalize_word(tok.lower_)
    roles = role_words()
    return bool(tables.agent_sector((low,))) or low in roles or tok.lemma_.lower() in roles


def _phrase_bounds(doc: Doc, start: int, end: int, kind: str = "country",
                   named_tokens: frozenset = frozenset(),
                   agent_heads: frozenset = frozenset()) -> tuple[int, int, int]:
    """Grow a matched token span [start, end) to its noun phrase: (start, end, head index)."""
    head = doc[end - 1]
    for tok in doc[start:end]:
        if tok.head.i < start or tok.head.i >= end:
            head = tok
            break
    steps = 0
    tables = actor_tables()
    while (head.dep_ in _CLIMB_DEPS and head.head.pos_ in _NOUN_POS and head.head.i > head.i and steps < 4
           and not any(c.dep_ == "cc" for c in head.children)
           and not (kind != "country" and head.head.i in named_tokens)
           and not (head.head.i in named_tokens and doc[head.head.i - 1].text in ("-", "–", "—", "/"))
           and (head.head.pos_ == "PROPN" or is_role_noun(tables, head.head) or head.head.i in agent_heads
                or any(c.dep_ == "compound" and c.i != head.i and is_role_noun(tables, c)
                       for c in head.head.lefts))):   # "Sudanese army units"
        head = head.head
        steps += 1
    lo = min(start, head.i)
    for child in head.lefts:
        if child.i >= start or child.i in named_tokens:
            continue
        if child.dep_ in _CLIMB_DEPS or child.dep_ == "case":
            if any(t.dep_ in ("cc", "conj") for t in child.subtree):
                continue
            lo = min(lo, child.left_edge.i)
    hi = max(end, head.i + 1)
    return lo, hi, head.i


def credit_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens of the doc's wire credits (:data:`CREDIT_RE`): near the start of a line,
    after a dateline's capitalised place ("BENGHAZI", "TRIPOLI, Libya"), not "the State (ISIS) - which".
    Found once per doc (kept in ``doc.user_data``)."""
    if _CREDITS_KEY not in doc.user_data:   # a list: Docs sent between processes keep their user_data
        doc.user_data[_CREDITS_KEY] = sorted(_find_credit_tokens(doc))
    return frozenset(doc.user_data[_CREDITS_KEY])


def after_credit(doc: Doc, lo: int, upto: int) -> int:
    """``lo`` moved past any wire credit between it and token ``upto``: "(Reuters) - Libyan rebels"."""
    credit = credit_tokens(doc)
    return max([lo] + [k + 1 for k in range(lo, upto) if k in credit]) if credit else lo


_CREDITS_KEY = "storyline.credit_tokens"


def _find_credit_tokens(doc: Doc) -> frozenset[int]:
    text = doc.text
    if "(" not in text and "-LRB-" not in text:
        return frozenset()
    found = set()
    for m in CREDIT_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        if m.start() - line_start > _CREDIT_WITHIN or not _DATELINE_PLACE.search(before):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return frozenset(found)


#: how far into its line a wire credit may stand (after a byline and a dateline)
_CREDIT_WITHIN = 300
_DATELINE_PLACE = re.compile(r"\b[A-Z]{3,}\b")


def find_actor_mentions(doc: Doc, *, date: Optional[str] = None) -> list[dict]:
    """Actor mentions in ``doc``: ActorRef dicts with ``start``/``end`` char offsets, plus
    ``kind`` (person, org, igo, country, agent) and ``root`` (token index of the phrase head)."""
    tables = actor_tables()
    strings = doc.vocab.strings        # token texts and lower forms, without a Token object each
    orths, lowers = doc.to_array([ORTH, LOWER]).T.tolist() if len(doc) else ([], [])
    originals = [strings[orth] for orth in orths]
    words = [normalize_word(strings[lower]) for lower in lowers]
    matches = tables.scan(words, originals=originals)
    dateline = DATELINE_RE.match(doc[:120].text_with_ws[:120])
    if dateline:  # "GAZA CITY, Palestinian Territories:" places the story, it is not an actor
        matches = [m for m in matches if doc[m[0]].idx >= dateline.end()]
    credit = credit_tokens(doc)
    matches = [m for m in matches if not any(k in credit for k in range(m[0], m[1]))]
    matches, person_names = person_name_matches(doc, matches)
    doc.user_data[PERSON_NAMES_KEY] = sorted(person_names)   # a list: it travels between processes
    named_tokens = frozenset(i for start, end, entry in matches if entry.kind != "agent" for i in range(start, end))
    has_dep = doc.has_annotation("DEP")
    # last words of role phrases ("coast guard"): a country adjective before them climbs to them
    agent_heads = frozenset(end - 1 for start, end, entry in matches if entry.kind == "agent" and end - start > 1)
    mentions: list[dict] = []
    used_heads: dict[int, int] = {}
    countries = _CountryMatches(matches)
    for start, end, entry in matches:
        if entry.kind == "agent":
            tok = doc[end - 1]
            if tok.dep_ in _CLIMB_DEPS or tok.pos_ not in _NOUN_POS:
                continue
        lo, hi, head = (_phrase_bounds(doc, start, end, entry.kind, named_tokens, agent_heads) if has_dep
                        else (start, end, end - 1))
        lo = after_credit(doc, lo, start)
        lo = max([lo] + [k + 1 for k in range(lo, start) if k in person_names])   # "Murray's lawyers"
        if head in used_heads:
            continue
        if (entry.kind == "country" and has_dep and not start <= head < end
                and not any(is_role_noun(tables, doc[k]) for k in range(end, head + 1)) and head not in agent_heads):
            continue  # "the Beijing Olympics", "Ukraine's border": a place, not an actor
        if entry.kind == "country" and _inside_place_name(doc, start, end):
            continue  # "the Gulf of Mexico", "the Bay of Bengal": a place named after a country
        span = doc[lo:hi]
        ref, kind = resolve_words_kind(words[lo:hi], originals[lo:hi], text=span.text, date=date,
                                       start=span.start_char, end=span.end_char)
        if ref is None or (ref.code is None and ref.sector is None):
            continue
        used_heads[head] = len(mentions)
        mention = ref.to_dict()
        mention.update(kind=kind, root=head, token_start=lo, token_end=hi)
        also = _coordinated_countries(doc, countries, lo, hi, ref)
        if also:
            mention["also"] = also   # "Armenian and Azerbaijani foreign ministers": two actors
        mentions.append(mention)
    igo_officers(doc, mentions, tables.igo_phoenix.values())
    found = company_mentions(doc, surname_mentions(doc, titled_officials(doc, mentions, date=date)))
    return head_again(doc, acronym_mentions(doc, named_again(doc, found)))


def _inside_place_name(doc: Doc, start: int, end: int) -> bool:
    """A country's name inside the name of a place (a location or facility entity) headed by
    another word: "the Gulf of Mexico", "the Sea of Japan"."""
    ent_type = doc[start].ent_type_
    if ent_type not in ("LOC", "FAC") or doc[start].ent_iob_ == "B":
        return False
    k = start
    while k > 0 and doc[k].ent_iob_ == "I":
        k -= 1
    ent = next((e for e in doc.ents if e.start == k), None)
    return ent is not None and not start <= ent.root.i < end


class _CountryMatches:
    """The country matches of a doc, found by position in logarithmic time (a long article has
    thousands: scanning them all for every mention made actor finding quadratic)."""

    def __init__(self, matches) -> None:
        self.items = sorted((s, n, e, entry) for n, (s, e, entry) in enumerate(matches) if entry.kind == "country")
        self.starts = [item[0] for item in self.items]

    def within(self, lo: int, hi: int) -> list:
        """``(start, end, entry)`` of the matches inside tokens ``lo:hi``, in the matches' order."""
        found = []
        for s, n, e, entry in self.items[bisect.bisect_left(self.starts, lo):]:
            if s >= hi:
                break
            if e <= hi:
                found.append((n, s, e, entry))
        return [(s, e, entry) for n, s, e, entry in sorted(found, key=lambda item: item[0])]


def _coordinated_countries(doc: Doc, countries: _CountryMatches, lo: int, hi: int, ref: ActorRef) -> list[dict]:
    """Other countries coordinated inside one phrase ("US and British activists")."""
    inside = countries.within(lo, hi)
    if len(inside) < 2 or not any(t.dep_ == "cc" or t.lower_ in ("and", "&") for t in doc[lo:hi]):
        return []
    out = []
    for s, e, entry in inside:
        if entry.code != ref.code and entry.code not in {o["code"] for o in out}:
            span = doc[s:e]
            out.append(ActorRef(text=span.text, code=entry.code, sector=ref.sector, name=None,
                                start=span.start_char, end=span.end_char).to_dict())
    return out
