"""Companies named in a document: an organisation the gazetteer does not know ("BP", "Transocean")
is a company when the article shows it (a legal form after the name, "oil firm BP", "BP's shares");
every mention of that name is then coded ``BUS`` (GUIDE.md), so that no place it operates in
("the Gulf of Mexico") and no article country is taken for its country, and "it" can stand for it."""
from __future__ import annotations

import functools
import json
from typing import Optional

from spacy.tokens import Doc, Span

from .tables import DATA_DIR

__all__ = ["company_mentions", "company_data"]

COMPANY_CODE = "BUS"


@functools.lru_cache(maxsize=1)
def company_data() -> dict:
    data = json.loads((DATA_DIR / "companies.json").read_text(encoding="utf-8"))
    news = json.loads((DATA_DIR / "context.json").read_text(encoding="utf-8"))["news_agencies"]
    out = {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}
    out["news_agencies"] = frozenset(news)
    return out


def _name_span(ent: Span) -> Optional[Span]:
    """The entity without a leading "the" and a trailing legal form: "BP Plc" → "BP"."""
    data = company_data()
    lo, hi = ent.start, ent.end
    if ent.doc[lo].lower_ == "the":
        lo += 1
    while hi - lo > 1 and ent.doc[hi - 1].lower_ in data["suffixes"]:
        hi -= 1
    return ent.doc[lo:hi] if hi > lo else None


def _shows_company(name: Span, ent: Span, org: bool) -> bool:
    """The article shows here that ``name`` is a company's (for a name the tagger calls a person's:
    only by its legal form, "Kestrel Ltd": "producer George Martin" is a person)."""
    data = company_data()
    doc = name.doc
    if ent.end > name.end or (ent.end < len(doc) and doc[ent.end].lower_ in data["suffixes"]
                              and doc[ent.end].text[:1].isupper()):
        return True   # "BP Plc", "Transocean Ltd."
    root = name.root
    head = root.head
    two = f"{head.lower_} {head.head.lower_}" if head.head.i > head.i else head.lower_
    if org and root.dep_ in ("compound", "poss", "nmod") and head.i != root.i:
        # "oil firm BP" (BP is the head, firm its compound) is read below; "BP's shares", "BP executives"
        if head.lower_ in data["corporate_nouns"] or two in data["corporate_nouns"] or (
                root.dep_ == "poss" and _lemma(head) in data["corporate_nouns"]):
            return True
    if org and root.dep_ == "pobj" and head.lower_ in ("of", "in") and head.head.lower_ in data["corporate_nouns"]:
        return True   # "shares of BP", "shares in BP"
    if not org:
        return False
    for c in root.children:   # "oil firm BP", "BP, the oil giant"
        if c.dep_ in ("compound", "appos") and c.i not in range(name.start, name.end) and (
                c.lower_ in data["business_nouns"]):
            return True
    if root.dep_ == "appos" and head.lower_ in data["business_nouns"]:
        return True   # "the oil company, BP"
    return False


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def company_mentions(doc: Doc, mentions: list[dict]) -> list[dict]:
    """``mentions`` with a mention (code ``BUS``, kind org) for each mention of a company's name
    that no other mention covers."""
    if not doc.has_annotation("ENT_IOB") or not doc.has_annotation("DEP"):
        return mentions
    data = company_data()
    companies = set()
    for ent in doc.ents:
        # the tagger calls one name ORG here and PERSON there; a person has no legal form or shares
        if ent.label_ in ("ORG", "PERSON") and (name := _name_span(ent)) is not None and (
                name.text.lower() not in data["news_agencies"]) and _shows_company(name, ent, ent.label_ == "ORG"):
            companies.add(tuple(t.text for t in name))
    if not companies:
        return mentions
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    added = []
    for lo, hi in _occurrences(doc, companies):
        if any(i in covered for i in range(lo, hi)) or doc[lo].ent_type_ in _PLACES:
            continue
        if hi < len(doc) and doc[hi].lower_ in data["suffixes"] and doc[hi].text[:1].isupper():
            hi += 1   # "BP Plc"
        span = doc[lo:hi]
        covered.update(range(lo, hi))
        added.append({"text": span.text, "code": COMPANY_CODE, "sector": COMPANY_CODE, "name": doc[lo:hi].text,
                      "start": span.start_char, "end": span.end_char, "kind": "org", "root": span.root.i,
                      "token_start": lo, "token_end": hi})
    return sorted(mentions + added, key=lambda m: m["token_start"])


_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _occurrences(doc: Doc, names: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Token spans ``(lo, hi)`` where one of ``names`` is written (capitals as given), not inside a
    longer name ("BP" in "BPZ Energy" is another token; "Kestrel" alone is not "Kestrel Petroleum")."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name)
    out = []
    for tok in doc:
        for name in sorted(by_first.get(tok.text, ()), key=len, reverse=True):
            hi = tok.i + len(name)
            if hi <= len(doc) and tuple(t.text for t in doc[tok.i:hi]) == name:
                out.append((tok.i, hi))
                break
    return out
