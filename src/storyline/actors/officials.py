"""Officials named with their office: a person the gazetteer does not know, named with an office title
("Orange County Mayor Rich Crotty", "U.S. Interior Secretary Ken Salazar", "Ken Salazar, the interior
secretary"), is an actor: the office's sector (from the agents table) and the country of the title's
place or organisation ("U.S.", "Libyan"); with no known place the sides' context gives the article's
country (``events.context.fill_generic``).  A later mention of the surname takes the same actor
(``names.surname_mentions``)."""
from __future__ import annotations

import functools
import json
from typing import Optional

from spacy.tokens import Doc, Span

from .nationals import national_of
from .resolve import resolve_words_kind
from .tables import DATA_DIR, actor_tables, normalize_word

__all__ = ["titled_officials", "office_sectors"]

#: entity types of a title's unknown words that name the office's place ("Orange County Mayor")
_PLACES = frozenset({"GPE", "LOC", "NORP", "FAC"})
#: dependency labels of the words of a title before a name ("U.S. Interior Secretary Ken Salazar")
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "nn", "poss", "case", "punct"})


@functools.lru_cache(maxsize=1)
def _context() -> dict:
    return json.loads((DATA_DIR / "context.json").read_text(encoding="utf-8"))


def office_sectors() -> frozenset:
    """The sectors of state and political offices (``office_sectors`` of ``data/actors/context.json``)."""
    return frozenset(_context()["office_sectors"])


def _title_before(doc: Doc, ent: Span) -> Optional[int]:
    """The first token of the title written before the name: the name root's left modifiers that
    run up to the name without a gap ("Orange County Mayor" before "Rich Crotty")."""
    inside = set(range(ent.start, ent.end))
    lo = ent.start
    while lo > 0:
        tok = doc[lo - 1]
        if tok.dep_ not in _TITLE_DEPS or not (tok.head.i in inside or lo - 1 < tok.head.i < ent.end):
            break
        if tok.dep_ == "punct" and tok.text not in ("-", "–"):
            break
        if tok.ent_type_ in ("DATE", "TIME"):
            break   # "On Saturday Foreign Minister X said": the day is no part of the title
        inside.add(tok.i)
        lo -= 1
    while lo < ent.start and doc[lo].lower_ in ("'s", "’s", "the", "-", "–"):
        lo += 1
    return lo if lo < ent.start else None


def _appositive_title(ent: Span) -> Optional[Span]:
    """A title set beside the name: "Ken Salazar, the interior secretary" or "the interior
    secretary, Ken Salazar"."""
    root = ent.root
    for c in root.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN":   # the whole title: "vice president for space at Boeing"
            return root.doc[c.left_edge.i:c.right_edge.i + 1]
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "PROPN" and head.ent_type_ not in _PLACES and head.dep_ == "pobj" \
            and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head   # "the head of the Council, X" with X hung on "Council": the office's noun
        # (not "his envoy for Libya, X": a place the office is for is no body the person belongs to)
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < ent.start:
        end = ent.start
        while end > head.i + 1 and root.doc[end - 1].is_punct:
            end -= 1
        return root.doc[head.left_edge.i:end]
    return None


def _office(doc: Doc, title: Span, date: Optional[str]) -> Optional[dict]:
    """(code, sector) of a title naming a political office, as an actor dict without position."""
    words = [normalize_word(t.text) for t in title]
    originals = [t.text for t in title]
    ref, _kind = resolve_words_kind(words, originals, text=title.text, date=date)
    if ref is None or ref.sector is None:
        return None
    matches = actor_tables().scan(words, originals=originals)
    known = {k for m in matches for k in range(m[0], m[1])}
    head = title.root.i - title.start   # the office noun heads the title: "Mayor", not "the Mayor's aide Bob"
    bodies = _state_bodies(title, matches, head)
    if ref.code is None and any(k not in known | bodies and (t.ent_type_ == "ORG" or (t.pos_ == "PROPN" and t.ent_type_ not in _PLACES))
                                for k, t in enumerate(title)):
        return None   # an organisation the tables do not know ("Disney Chief Executive"): not a state office
    agents = [m for m in matches if m[2].kind == "agent"]
    agents = [m for m in agents if m[0] <= head < m[1]]
    if not agents and bodies and title.root.lower_ in _context()["body_office_nouns"]:
        sector = ref.sector   # "the chairman of the ... Council": an office of the body, in its sector
    elif not agents:
        return None
    else:
        sector = agents[-1][2].sector
    if sector not in office_sectors():
        return None
    return {"code": ref.code, "sector": sector}


def _state_bodies(title: Span, matches: list, head: int) -> set[int]:
    """The title's words (offsets in the title) that name a state body the tables know only by its
    kind: the proper words of "the National Transitional Council" in "the head of the National
    Transitional Council", whose last word is a state office's or a state body's noun ("council",
    ``state_body_nouns`` of ``context.json``) other than the title's own office noun."""
    offices = {k for m in matches if m[2].kind == "agent" and m[2].sector in office_sectors()
               for k in range(m[0], m[1]) if k != head}
    offices |= {k for k, tok in enumerate(title) if k != head and tok.lower_ in _context()["state_body_nouns"]}
    out = set()
    for k, tok in enumerate(title):
        up = tok
        while up.dep_ in ("compound", "det", "amod") and title.start <= up.head.i < title.end and up.head.i != up.i:
            up = up.head
        if up.i - title.start in offices:
            out.add(k)
    return out


def titled_officials(doc: Doc, mentions: list[dict], *, date: Optional[str] = None) -> list[dict]:
    """``mentions`` with a person mention for each official named with an office title whose name
    no mention covers (a mention of a known person keeps its own code)."""
    if not doc.has_annotation("ENT_IOB") or not doc.has_annotation("DEP"):
        return mentions
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    added = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if any(i in covered for i in range(ent.start, ent.end)):
            _named_agent(mentions, ent)
            continue
        lo = _title_before(doc, ent)
        title = doc[lo:ent.start] if lo is not None else _appositive_title(ent)
        office = _office(doc, title, date) if title is not None else None
        private = national_of(title) if office is None and title is not None else None
        if office is None and private is None:
            continue
        start = lo if lo is not None else ent.start
        if any(i in covered for i in range(start, ent.end)):
            # a mention on the title's words ("U.S." as a place) gives way to the official
            mentions = [m for m in mentions if not (start <= m["token_start"] and m["token_end"] <= ent.start)]
        span = doc[start:ent.end]
        covered.update(range(start, ent.end))
        added.append({"text": span.text, **(office or private), "name": ent.text, "start": span.start_char,
                      "end": span.end_char, "kind": "person", "root": ent.root.i, "token_start": start,
                      "token_end": ent.end, "official": office is not None})
    return sorted(mentions + added, key=lambda m: m["token_start"])


def _named_agent(mentions: list[dict], ent: Span) -> None:
    """An office phrase that holds a person's name ("Libyan Foreign Minister Moussa Koussa") is that
    person (in place): a person mention, which "he" can stand for."""
    for m in mentions:
        if (m.get("kind") in ("agent", "country") and m["token_start"] < ent.start and m["token_end"] == ent.end
                and m.get("sector") in office_sectors()):
            m.update(kind="person", name=m.get("name") or ent.text, official=True)
