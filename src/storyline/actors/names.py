"""People's names in a document, after the gazetteer scan: a name is not a country ("Dr Murray" is
no Murray river of Australia), an organisation's officer takes the organisation's code ("NATO
Secretary-General Anders Fogh Rasmussen" is NATO, not Denmark) and a surname repeats the person
named in full before it ("Felipe Calderon … Calderon said")."""
from __future__ import annotations

import functools
import json
from typing import Iterable

from spacy.tokens import Doc

from .tables import DATA_DIR

__all__ = ["person_name_matches", "igo_officers", "surname_mentions"]

#: entity types a repeated surname cannot be (the tagger often calls a lone surname ORG)
_NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "PRODUCT", "EVENT"})


@functools.lru_cache(maxsize=1)
def _honorifics() -> frozenset:
    data = json.loads((DATA_DIR / "context.json").read_text(encoding="utf-8"))
    return frozenset(data["honorifics"])


def _person_ents(doc: Doc) -> list:
    return [e for e in doc.ents if e.label_ == "PERSON"] if doc.has_annotation("ENT_IOB") else []


def person_name_matches(doc: Doc, matches: list) -> tuple[list, frozenset]:
    """The gazetteer matches without the country names that are part of a person's name: after a
    title ("Dr Murray"), inside a longer name ("Conrad Murray"), or that surname anywhere in the doc;
    and the tokens of those names (with a possessive "'s"), which no actor phrase takes in."""
    people = _person_ents(doc)
    honorifics = _honorifics()
    surnames: set[str] = set()   # found anywhere in the doc: "Murray" before "Conrad Murray" too
    for start, end, entry in matches:
        if entry.kind == "country" and doc[start].text[:1].isupper() and (
                (start > 0 and doc[start - 1].lower_ in honorifics)
                or any(e.start < start and e.end == end for e in people)):
            surnames.add(doc[start:end].text.lower())
    kept, names = [], set()
    for m in matches:
        if m[2].kind == "country" and doc[m[0]].text[:1].isupper() and doc[m[0]:m[1]].text.lower() in surnames:
            names.update(range(m[0], m[1] + (m[1] < len(doc) and doc[m[1]].lower_ in ("'s", "’s"))))
        else:
            kept.append(m)
    return kept, frozenset(names)


def igo_officers(doc: Doc, mentions: list[dict], igo_codes: Iterable[str]) -> None:
    """An organisation named right before a person or role ("NATO Secretary-General Rasmussen",
    "the UN's envoy") makes them its officer: the organisation's code (in place)."""
    igos = frozenset(igo_codes)
    by_end = {m["token_end"]: m for m in mentions if m.get("kind") == "igo" or m.get("code") in igos}
    for m in mentions:
        if m.get("kind") not in ("person", "agent") or m.get("code") in igos:
            continue
        k = m["token_start"]
        if k > 0 and doc[k - 1].lower_ in ("'s", "’s"):
            k -= 1
        igo = by_end.get(k)
        if igo is not None and igo is not m and doc[igo["root"]].head.i >= m["token_start"]:
            m.update(code=igo["code"], igo_officer=True)


def surname_mentions(doc: Doc, mentions: list[dict]) -> list[dict]:
    """Mentions for surnames that repeat a person named in full earlier ("Hisham Youssef … Youssef
    said"), and an organisation's officer's code for a later mention of their surname."""
    known: dict[str, dict] = {}
    covered = set()
    for m in mentions:
        covered.update(range(m["token_start"], m["token_end"]))
    added = []
    items = sorted([(m["token_start"], 0, m) for m in mentions]
                   + [(t.i, 1, t) for t in doc if t.pos_ == "PROPN" and t.i not in covered], key=lambda x: x[:2])
    for _pos, what, item in items:
        if what == 0:
            _remember(doc, item, known)
            continue
        tok = item
        earlier = known.get(tok.lower_)
        if earlier is None or tok.ent_type_ in _NOT_PEOPLE or not tok.text[:1].isupper() or any(
                0 <= k < len(doc) and doc[k].pos_ == "PROPN" for k in (tok.i - 1, tok.i + 1)):
            continue   # a lone name, not part of a longer one ("Calderon Street")
        added.append({**{k: v for k, v in earlier.items() if k != "also"},
                      "text": tok.text, "start": tok.idx, "end": tok.idx + len(tok),
                      "root": tok.i, "token_start": tok.i, "token_end": tok.i + 1})
    return sorted(mentions + added, key=lambda m: m["token_start"])


def _remember(doc: Doc, mention: dict, known: dict[str, dict]) -> None:
    """Note a person's surname (the head of their mention); a later mention of an organisation's
    officer by surname alone takes the organisation's code."""
    root = doc[mention["root"]]
    if not ((mention.get("code") or mention.get("official")) and root.pos_ == "PROPN"
            and (mention.get("kind") == "person" or root.ent_type_ == "PERSON")):
        return
    earlier = known.get(root.lower_)
    if (earlier is not None and earlier.get("igo_officer") and mention.get("kind") == "person"
            and mention.get("name") == earlier.get("name")):
        mention.update(code=earlier["code"], igo_officer=True)
    known.setdefault(root.lower_, mention)
