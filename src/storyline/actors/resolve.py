"""Resolving a name or noun phrase to an actor: country/IGO code, PLOVER sector, canonical name.

People's codes are date-aware (``Vladimir Putin`` in 2009 is RUS GOV as prime minister); a role
phrase names the holder of the role ("the Russian president" on a date is that day's president).
"""
from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

from ..model import ActorRef
from .tables import PRIORITY as _PRIORITY, Person, actor_tables, name_rules, normalize_word, role_words, tokenize_words

__all__ = ["resolve_actor", "resolve_role", "resolve_words", "resolve_words_kind", "person_tenure"]


def _iso_day(date: Optional[str]) -> Optional[str]:
    if not date or not re.match(r"\d{4}", date):
        return None
    date = date[:10]
    if len(date) == 4:
        return date + "-07-01"
    if len(date) == 7:
        return date + "-15"
    return date


def person_tenure(person: Person, *, date: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(code, sector, role) of a person on a date; outside every tenure: their country, ELI."""
    day = _iso_day(date)
    dated = [t for t in person.tenures if t.start or t.end]
    undated = [t for t in person.tenures if not (t.start or t.end)]
    if day:
        for t in sorted(dated, key=lambda t: t.start or "", reverse=True):
            if (not t.start or t.start <= day) and (not t.end or day < t.end):
                return t.code, t.sector, t.role
        if undated:
            return undated[0].code, undated[0].sector, undated[0].role
        before = [t for t in dated if (t.start or "") <= day]
        t = max(before, key=lambda t: t.start or "") if before else min(dated, key=lambda t: t.start or "9")
        return t.code, ("ELI" if len(t.code) == 3 else None), None
    if dated:
        open_ended = [t for t in dated if not t.end]
        t = max(open_ended or dated, key=lambda t: t.start or "")
        return t.code, t.sector, t.role
    t = undated[0]
    return t.code, t.sector, t.role


def resolve_role(country: str, role: str, *, date: Optional[str] = None) -> Optional[str]:
    """Name of the holder of ``role`` (``president``, ``leader``, ``foreign_minister`` …) in
    ``country`` on ``date`` (latest holder when no date), from the curated leaders table."""
    tables = actor_tables()
    day = _iso_day(date) or "9999-12-31"
    rules = name_rules()
    roles = tuple(rules["leader_roles"].get(role, (role,)))
    if role == "leader" and country in rules["parliamentary"]:
        roles = tuple(rules["parliamentary_leader_roles"])
    best = None
    for r in roles:
        for person, t in tables.role_holders.get((country, r), ()):
            if (not t.start or t.start <= day) and (not t.end or day < t.end):
                if best is None or (t.start or "") > (best[1].start or ""):
                    best = (person, t)
        if best:
            break
    return best[0].name if best else None


@functools.lru_cache(maxsize=1)
def _role_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Role phrases, longest first, as whole-word patterns."""
    words = role_words()
    return tuple((re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"), words[phrase])
                 for phrase in sorted(words, key=len, reverse=True))


def _role_in(words: Sequence[str]) -> Optional[str]:
    text = " ".join(words)
    for pattern, role in _role_patterns():
        if pattern.search(text):
            return role
    return None


def resolve_words(words: Sequence[str], originals: Optional[Sequence[str]], *, text: str,
                  date: Optional[str] = None, start: Optional[int] = None,
                  end: Optional[int] = None, strict: bool = True) -> Optional[ActorRef]:
    """Resolve a noun phrase given as normalised words (and their original spellings)."""
    return resolve_words_kind(words, originals, text=text, date=date, start=start, end=end, strict=strict)[0]


def resolve_words_kind(words: Sequence[str], originals: Optional[Sequence[str]], *, text: str,
                       date: Optional[str] = None, start: Optional[int] = None,
                       end: Optional[int] = None, strict: bool = True) -> tuple[Optional[ActorRef], Optional[str]]:
    """:func:`resolve_words` plus the kind of what the phrase is (person, org, igo, country, agent)."""
    tables = actor_tables()
    matches = tables.scan(words, originals=originals, strict=strict)
    if not matches:
        return None, None
    named = [m for m in matches if m[2].kind != "agent"]
    agents = [m for m in matches if m[2].kind == "agent"]

    def possessed(m):  # followed by 's: an owner, not the head
        return m[1] < len(words) and words[m[1]] in ("'s", "'")

    heads = [m for m in named if not possessed(m)]
    owner_only = not heads
    heads = heads or named
    code = sector = name = None
    kind = "agent"
    if heads:
        # the head is the rightmost named thing, preferring people and organisations
        head = max(heads, key=lambda m: (_PRIORITY[m[2].kind] >= 3, m[0]))
        entry = head[2]
        kind = entry.kind
        if entry.kind == "person":
            code, sector, _role = person_tenure(entry.person, date=date)
            name = entry.person.name
        else:
            code, sector, name = entry.code, entry.sector, entry.name
            if entry.kind == "country":
                name = None
        # a role noun after the head or around it sets the sector of a bare country ("Chinese diplomats")
        if entry.kind in ("country", "igo") and agents:
            sector = agents[-1][2].sector
        if entry.kind == "country":
            role = _role_in(words)
            if role:
                name = resolve_role(code, role, date=date)
                kind = "person" if role in name_rules()["leader_roles"] or name else "agent"
                if sector is None:
                    sector = "GOV"
        elif entry.kind == "person" and agents and (sector is None or owner_only):
            sector = agents[-1][2].sector
        if owner_only and agents and agents[-1][0] > head[0]:
            name = None  # "Xi's foreign ministry": Xi owns the head, is not it
            sector = agents[-1][2].sector
            kind = "org"
    else:
        sector = agents[-1][2].sector
    return ActorRef(text=text, code=code, sector=sector, name=name, start=start, end=end), kind


def resolve_actor(text: str, *, date: Optional[str] = None) -> Optional[ActorRef]:
    """Resolve a name or noun phrase to an :class:`ActorRef` (code, sector, canonical name).

    ``date`` (ISO, or a TIMEX3 value like ``2009`` / ``2024-05``) makes people's codes date-aware:
    ``resolve_actor("Vladimir Putin", date="2009-06-01")`` is RUS GOV (prime minister then).
    Returns None when nothing in the phrase is a known actor or role.
    """
    if not text or not text.strip():
        return None
    toks = tokenize_words(text)
    originals = [w for w, _s, _e in toks]
    words = [normalize_word(w) for w in originals]
    # names are matched capitalised first; lower-case spellings only where no capitalised match exists
    ref = resolve_words(words, originals, text=text.strip(), date=date)
    if ref is None:
        ref = resolve_words(words, originals, text=text.strip(), date=date, strict=False)
    return ref
