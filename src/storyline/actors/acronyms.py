"""Names an article gives an actor again: a body named with its country once ("Libya's National
Transitional Council") keeps that country when named bare later ("the National Transitional
Council"), and an acronym defined in brackets ("the National Transitional Council (NTC)") makes every
later "NTC" the same actor (code, sector, name), as a reader takes them; so does an acronym of three
letters or more that spells an earlier mention's initials with no brackets ("the Libyan Islamic
Fighting Group ... the LIFG"), and a body named again by its head noun alone ("Libya's ruling
interim council ... the council")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

__all__ = ["acronym_mentions", "named_again", "head_again"]

_OPEN = ("(", "-LRB-")
_CLOSE = (")", "-RRB-")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}\Z")
#: small words an acronym may leave out ("Council of Ministers" -> CM or COM)
_SMALL = frozenset({"of", "for", "the", "and", "on", "in", "de", "du", "la", "des", "&"})


def _initials_match(words: list[str], acronym: str) -> bool:
    """Whether ``acronym`` spells the initials of ``words`` (small words optional)."""
    def match(i: int, k: int) -> bool:
        if k == len(acronym):
            return all(w.lower() in _SMALL for w in words[i:])
        if i == len(words):
            return False
        w = words[i]
        if w.lower() in _SMALL and match(i + 1, k):
            return True
        return w[:1].upper() == acronym[k] and match(i + 1, k + 1)
    return match(0, 0)


def _defined(doc: Doc, mention: dict) -> str | None:
    """The acronym defined in brackets right after a mention, or None."""
    end = mention["token_end"]
    if end + 2 >= len(doc) or doc[end].text not in _OPEN or doc[end + 2].text not in _CLOSE:
        return None
    acronym = doc[end + 1].text
    if not _ACRONYM.match(acronym):
        return None
    words = [t.text for t in doc[mention["token_start"]:end] if t.text[:1].isalpha() and t.lower_ != "the"]
    return acronym if len(words) >= 2 and _initials_match(words, acronym) else None


def _initials(doc: Doc, mention: dict) -> str | None:
    """The acronym of three letters or more that a mention's capitalised name words spell ("Libyan
    Islamic Fighting Group": LIFG), or None."""
    words = [t.text for t in doc[mention["token_start"]:mention["token_end"]] if t.text[:1].isalpha()
             and t.lower_ not in _SMALL]
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def acronym_mentions(doc: Doc, mentions: list[dict]) -> list[dict]:
    """``mentions`` plus a mention for every later use of an acronym an actor mention defines, in
    brackets or by the initials of its name."""
    defined: dict[str, tuple[int, dict]] = {}
    for m in mentions:
        if m.get("token_start") is None or not (m.get("code") or m.get("sector")):
            continue
        acronym = _defined(doc, m)
        if acronym and acronym not in defined:
            defined[acronym] = (m["token_end"] + 2, m)
        acronym = _initials(doc, m)
        if acronym and acronym not in defined:
            defined[acronym] = (m["token_end"] - 1, m)
    if not defined:
        return mentions
    taken = {k for m in mentions if m.get("token_start") is not None for k in range(m["token_start"], m["token_end"])}
    added = []
    for tok in doc:
        hit = defined.get(tok.text)
        if hit is None or tok.i <= hit[0] or tok.i in taken:
            continue
        added.append(_again(hit[1], tok))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m["token_start"])


def _again(m: dict, tok) -> dict:
    """Mention ``m`` named again by the one token ``tok``."""
    return {**m, "text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text), "root": tok.i,
            "token_start": tok.i, "token_end": tok.i + 1}


def head_again(doc: Doc, mentions: list[dict]) -> list[dict]:
    """``mentions`` plus "the council", "the group": a bare definite head noun that no mention
    covers, naming again the nearest earlier coded mention of two words or more ending in that noun
    ("Libya's ruling interim council ... the council", "the Security Council ... the Council")."""
    taken = {k for m in mentions if m.get("token_start") is not None for k in range(m["token_start"], m["token_end"])}
    # a firm named again ("the company") is left to the coreference of events, which follows the
    # article's own firm rather than the last phrase ending in "company"
    bodies = [m for m in mentions if m.get("token_start") is not None and m.get("code")
              and m.get("kind") not in ("person", "country") and m.get("sector") != "BUS"
              and len(_name_words(doc, m)) >= 2]
    added = []
    for tok in doc:
        if tok.i in taken or tok.tag_ != "NN" or [c.lower_ for c in tok.lefts] != ["the"] or any(
                c.dep_ == "prep" for c in tok.rights):
            continue   # "the council of elders", "the city council": not the body named before
        earlier = next((m for m in reversed(bodies) if m["token_end"] <= tok.i - 1
                        and doc[m["token_end"] - 1].lower_ == tok.lower_), None)
        if earlier is not None:
            added.append(_again(earlier, tok))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m["token_start"])


def _name_words(doc: Doc, m: dict) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[m["token_start"]:m["token_end"]] if t.is_alpha and t.lower_ != "the")


def named_again(doc: Doc, mentions: list[dict]) -> list[dict]:
    """Uncoded mentions of a proper name of a body ("the National Transitional Council") with the
    country of an earlier mention that ends with the same name ("Libya's National Transitional
    Council", "the Libyan National Transitional Council")."""
    out, coded = [], []
    for m in mentions:
        if m.get("token_start") is None:
            out.append(m)
            continue
        words = _name_words(doc, m)
        if not m.get("code") and m.get("sector") and len(words) >= 2 and all(
                t.text[:1].isupper() for t in doc[m["token_start"]:m["token_end"]] if t.is_alpha and t.lower_ != "the"):
            earlier = next((c for c, w in reversed(coded) if len(w) > len(words) and w[-len(words):] == words), None)
            if earlier is not None:
                m = {**m, "code": earlier["code"]}
        if m.get("code"):
            coded.append((m, words))
        out.append(m)
    return out
