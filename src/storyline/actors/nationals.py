"""Private people named with their nationality ("Libyan psychologist Hana Idris", "Hana Idris, a
Libyan psychologist"): the country of the demonym that qualifies the title's noun, and the noun's
sector from the agents table, else civilian (CVL).  A later mention of the surname takes the same
actor (``names.surname_mentions``); a place the person works in ("a London-based lawyer") is no
nationality."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from .tables import actor_tables, normalize_word

__all__ = ["national_of"]

_QUALIFY = frozenset({"amod", "compound", "nmod"})


def national_of(title: Span) -> Optional[dict]:
    """``{code, sector}`` of a title that gives a private person's nationality, or None."""
    root = title.root
    if root.pos_ != "NOUN":
        return None
    tables = actor_tables()
    words = [normalize_word(t.text) for t in title]
    matches = tables.scan(words, originals=[t.text for t in title])
    code = None
    for start, end, entry in matches:
        tok = title[end - 1]
        if entry.kind == "country" and entry.code in tables.country_names and tok.dep_ in _QUALIFY \
                and tok.head.i == root.i and tok.i < root.i:
            code = entry.code   # the demonym nearest the noun wins ("a French-born Algerian lawyer")
    if code is None:
        return None
    sector = tables.agent_sector((root.lower_,)) or tables.agent_sector((root.lemma_.lower(),)) or "CVL"
    return {"code": code, "sector": sector}
