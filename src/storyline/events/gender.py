"""Pronoun agreement for people: who in a document "he" and "she" can stand for.

Each person named (an actor mention of a person, or a name the tagger marks PERSON that no mention
covers) is one *person* keyed by the head of their name (a later surname alone is the same person).
Their gender is known from a gendered word written beside the name ("Mr", "Mrs", "spokeswoman",
``data/events/gender.json``) or from a "he"/"she" for which they are the only person named in reach
(the pronoun's sentence and the one before)."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc

__all__ = ["pronoun_gender", "people_of", "person_key"]

DATA = Path(__file__).resolve().parents[1] / "data" / "events" / "gender.json"


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def pronoun_gender(word: str) -> Optional[str]:
    """"m" for "he"/"him"/"his", "f" for "she"/"her", None for any other word."""
    return _data()["pronouns"].get(word.lower())


def people_of(doc: Doc, mentions: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """Every person named in ``doc`` in reading order (actor dicts; an uncoded name as a dict with
    ``code`` None and ``bare`` True) and the known gender of each person's key."""
    people = [m for m in mentions if m.get("kind") == "person" or _unnamed_person(doc, m)]
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    if doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in covered for i in range(ent.start, ent.end)):
                people.append({"text": ent.text, "code": None, "sector": None, "name": ent.text,
                               "kind": "person", "bare": True, "root": ent.root.i,
                               "token_start": ent.start, "token_end": ent.end,
                               "start": ent.start_char, "end": ent.end_char})
    people.sort(key=lambda m: m["token_start"])
    genders: dict[str, str] = {}
    for m in people:
        g = _written_gender(doc, m)
        if g:
            genders.setdefault(person_key(doc, m), g)
    _chain_genders(doc, people, genders)
    return people, genders


def _unnamed_person(doc: Doc, m: dict) -> bool:
    """A person introduced by an indefinite singular noun of a private sector ("a British engineer",
    "a Libyan doctor"): someone a later "he"/"she" can stand for, with the mention's country."""
    if not m.get("code") or m.get("sector") not in _data()["unnamed_person_sectors"] or m.get("root") is None:
        return False
    root = doc[m["root"]]
    return root.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children)


def person_key(doc: Doc, m: dict) -> str:
    return doc[m["root"]].lower_


def _written_gender(doc: Doc, m: dict) -> Optional[str]:
    """A gendered word in the name's phrase, right before it or set beside it ("Mrs Clinton",
    "Clinton, the spokeswoman")."""
    words = _data()["words"]
    root = doc[m["root"]]
    near = [doc[k] for k in range(max(0, m["token_start"] - 1), m["token_end"])]
    near += [c for c in root.children if c.dep_ in ("appos", "compound")]
    if root.dep_ == "appos":
        near.append(root.head)
    for tok in near:
        g = words.get(tok.lower_)
        if g:
            return g
    return None


def _chain_genders(doc: Doc, people: list[dict], genders: dict[str, str]) -> None:
    """A "he"/"she" with one person only named in its sentence and the one before gives that
    person's gender."""
    if not people:
        return
    k = 0
    for tok in doc:
        g = pronoun_gender(tok.lower_) if tok.pos_ == "PRON" else None
        if not g:
            continue
        start = tok.sent.start
        start = doc[start - 1].sent.start if start > 0 else start
        while k < len(people) and people[k]["token_end"] <= tok.i:
            k += 1
        keys = {person_key(doc, m) for m in people[:k] if m["token_start"] >= start}
        if len(keys) == 1:
            genders.setdefault(keys.pop(), g)
