"""Actors: resolve names and noun phrases to country/IGO codes and PLOVER sectors, date-aware.

Data (``storyline/data/actors/``, loaded once):

- ``phoenix_countries.tsv`` + ``countries_extra.tsv``: country names, adjectives, demonyms, capitals
  (ISO 3166-1 alpha-3);
- ``igos.tsv``: international organisations and alliances (short codes: ``NATO``, ``UN``, ``BRICS``…);
- ``orgs.tsv``: institutions and metonyms (``the Kremlin`` → RUS GOV), media, armed groups;
- ``leaders.tsv`` (curated, to 2026) and ``phoenix_people.tsv`` (PETRARCH, to 2014): people with
  dated roles, so ``Vladimir Putin`` in 2009 is RUS GOV as prime minister;
- ``agents.tsv``: role nouns → sectors (``minister`` → GOV, ``rebels`` → REB).

:func:`resolve_actor` resolves a phrase; the ``storyline_actors`` spaCy component finds actor
mentions in a ``Doc`` (gazetteer scan, then the noun phrase around each hit) and stores them in
``doc._.actors`` as :class:`~storyline.model.ActorRef` dicts with char offsets.
"""
from __future__ import annotations

import bisect

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from ..model import ActorRef

__all__ = [
    "resolve_actor", "resolve_role", "find_actor_mentions", "actor_tables", "normalize_word",
    "tokenize_words", "ActorTables",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"

#: role words → canonical role (for "the Russian president", "China's top diplomat")
ROLE_WORDS = {
    "president": "president", "presidents": "president", "head of state": "president",
    "leader": "leader", "leaders": "leader", "strongman": "leader", "ruler": "leader",
    "dictator": "leader", "supreme leader": "leader",
    "prime minister": "prime_minister", "premier": "prime_minister", "pm": "prime_minister",
    "chancellor": "chancellor",
    "vice president": "vice_president", "vice-president": "vice_president",
    "foreign minister": "foreign_minister", "top diplomat": "foreign_minister",
    "secretary of state": "foreign_minister", "foreign secretary": "foreign_minister",
    "foreign affairs minister": "foreign_minister", "minister of foreign affairs": "foreign_minister",
    "defence minister": "defence_minister", "defense minister": "defence_minister",
    "defense secretary": "defence_minister", "defence secretary": "defence_minister",
    "secretary of defense": "defence_minister", "minister of defence": "defence_minister",
    "minister of defense": "defence_minister",
    "national security adviser": "security_adviser", "national security advisor": "security_adviser",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
}
#: roles that stand for the head of state/government when asking "who is the X's leader"
LEADER_ROLES = {"leader": ("leader", "president", "prime_minister", "chancellor", "monarch"),
                "president": ("president",), "prime_minister": ("prime_minister",),
                "chancellor": ("chancellor",)}

#: countries whose head of government, not the president, is "the leader"
PARLIAMENTARY = {"DEU", "ISR", "IND", "ITA", "GBR", "JPN", "CAN", "AUS", "HUN", "POL", "PAK", "ARM",
                 "NLD", "EST", "MYS", "ESP", "GRC", "AUT", "IRQ", "NZL"}

#: aliases that are ordinary lower-case words: only matched when written capitalised
_CASE_SENSITIVE = {"us", "who", "ap", "rt", "au", "chad", "jordan", "turkey", "georgia", "may", "guinea",
                   "niger", "china", "wagner", "lai", "abe", "borne", "sisi", "tsai", "lula", "harris",
                   "bush", "kerry", "cameron", "rubio", "vance", "waltz", "gallant", "bennett", "lapid",
                   "duda", "tusk", "marcos", "fidan", "carney", "anwar", "grossi", "tedros", "yoon",
                   "senate", "congress", "sputnik", "interfax", "reuters", "bloomberg", "xi", "hu"}
#: short names that are names, not acronyms ("Xi", not "XI")
_SHORT_NAMES = {"xi", "hu", "abe", "lai", "wen", "li", "kim", "mbs"}
_STOP_ALIASES = {"the", "a", "an", "of", "in", "and", "president", "government", "minister", "leader",
                 "he", "she", "it", "they", "we", "said", "will", "new", "south", "north", "east", "west",
                 "central", "republic", "union", "state", "states", "island", "islands", "city", "capital",
                 "general", "mission", "christian", "catholic", "muslim", "arab", "western", "eastern",
                 "the alliance"}

_DATELINE_RE = re.compile(r"\A\s*[A-Z][A-Z .'-]{2,40}(?:,[^:\n]{0,60})?(?:\s*\([^)\n]{1,30}\))?\s*(?::|—|–|--?)\s")
_WORD_RE = re.compile(r"[’']s\b|[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_]+|[^\w\s]", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """Lower-case, strip accents and abbreviation dots: ``U.S.`` → ``us``, ``Élysée`` → ``elysee``."""
    word = word.replace("’", "'")
    if word.isascii():
        low = word.lower()
    else:
        low = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower() or word.lower()
    if "." in low and len(low) > 1:
        low = low.replace(".", "") or low
    return low


def tokenize_words(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` for a phrase, split like spaCy's English tokenizer on the cases we need."""
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(normalize_word(w) for w, _s, _e in tokenize_words(phrase))


@dataclass(frozen=True)
class Tenure:
    code: str
    sector: Optional[str]
    role: Optional[str]
    start: str
    end: str


@dataclass(frozen=True)
class Person:
    name: str
    tenures: tuple[Tenure, ...]
    curated: bool


@dataclass(frozen=True)
class Entry:
    """What a gazetteer key stands for: kind is person, org, igo, country or agent."""
    kind: str
    code: Optional[str]
    sector: Optional[str]
    name: Optional[str]
    person: Optional[Person] = None
    case: str = ""            # "cap": must be capitalised; "upper": an acronym, all capitals


_PRIORITY = {"person": 4, "org": 3, "igo": 2, "country": 1, "agent": 0}


class ActorTables:
    """All actor data, indexed for longest-match scanning over normalised words."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], Entry] = {}
        self.agents: dict[tuple[str, ...], str] = {}
        self.by_first: dict[str, int] = {}          # first word -> longest key length
        self.agent_first: dict[str, int] = {}
        self.role_holders: dict[tuple[str, str], list[tuple[Person, Tenure]]] = {}
        self.igo_phoenix: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self._load()

    # -- loading -----------------------------------------------------------------------------
    def _add(self, phrase: str, entry: Entry) -> None:
        key = _key(phrase)
        if key and key[0] == "the" and len(key) > 1:
            key = key[1:]
        if not key or " ".join(key) in _STOP_ALIASES:
            return
        if len(key) == 1 and len(key[0]) <= 3 and key[0] not in _SHORT_NAMES:
            entry = Entry(entry.kind, entry.code, entry.sector, entry.name, entry.person, "upper")
        elif len(key) == 1 and (key[0] in _CASE_SENSITIVE or len(key[0]) <= 3):
            entry = Entry(entry.kind, entry.code, entry.sector, entry.name, entry.person, "cap")
        old = self.index.get(key)
        if old is not None and _PRIORITY[old.kind] >= _PRIORITY[entry.kind]:
            if not (old.kind == entry.kind == "person" and entry.person and entry.person.curated
                    and not (old.person and old.person.curated)):
                return
        self.index[key] = entry
        self.by_first[key[0]] = max(self.by_first.get(key[0], 0), len(key))

    def _load(self) -> None:
        for row in _read_tsv("phoenix_countries.tsv"):
            code = row["code"]
            if len(code) != 3 or not code.isalpha():
                continue
            name = row["name"].title()
            self.country_names.setdefault(code, name)
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                self._add(alias, Entry("country", code, None, name))
                if alias.endswith("an") and " " not in alias and len(alias) > 4:
                    self._add(alias + "s", Entry("country", code, None, name))  # Liberians, Afghans
        for row in _read_tsv("countries_extra.tsv"):
            self.index.pop(_key(row["alias"]), None)
            self._add(row["alias"], Entry("country", row["code"], None, self.country_names.get(row["code"])))
        for row in _read_tsv("igos.tsv"):
            entry = Entry("igo", row["code"], None, row["name"])
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                self._add(alias, entry)
            for ph in filter(None, row["phoenix"].split("|")):
                self.igo_phoenix[ph] = row["code"]
        for row in _read_tsv("orgs.tsv"):
            self._add(row["alias"], Entry("org", row["code"], row["sector"] or None, row["name"]))
        self._load_people()
        extra = list(_read_tsv("agents_extra.tsv"))
        for row in extra:
            key = _key(row["phrase"])
            for form in (key, key[:-1] + (_plural(key[-1]),)):
                self.agents[form] = row["sector"]
                self.agent_first[form[0]] = max(self.agent_first.get(form[0], 0), len(form))
        for row in _read_tsv("agents.tsv"):
            key = _key(row["phrase"])
            if not key:
                continue
            for form in (key, key[:-1] + (_plural(key[-1]),)):
                self.agents.setdefault(form, row["sector"])
                self.agent_first[form[0]] = max(self.agent_first.get(form[0], 0), len(form))

    def _load_people(self) -> None:
        curated: dict[str, list[dict]] = {}
        for row in _read_tsv("leaders.tsv"):
            curated.setdefault(row["name"], []).append(row)
        curated_keys = set()
        for name, rows in curated.items():
            tenures = tuple(Tenure(r["country"], r["sector"] or None, r["role"] or None, r["start"], r["end"])
                            for r in rows)
            person = Person(name, tenures, True)
            aliases = {name, *(a for r in rows for a in r["aliases"].split("|") if a)}
            entry = Entry("person", None, None, name, person)
            for alias in aliases:
                curated_keys.add(_key(alias))
                self._add(alias, entry)
            for t in tenures:
                if t.role:
                    self.role_holders.setdefault((t.code, t.role), []).append((person, t))
        merged: dict[str, list[Tenure]] = {}
        aliases_of: dict[str, set[str]] = {}
        for row in _read_tsv("phoenix_people.tsv"):
            name = row["name"]
            for spec in row["tenures"].split(";"):
                code, start, end = (spec.split(":") + ["", ""])[:3]
                if code.startswith("IGO"):
                    country, sector = code, None
                else:
                    country, sector = code[:3], code[3:6] or None
                merged.setdefault(name, []).append(Tenure(country, sector, None, start, end))
            aliases_of.setdefault(name, set()).update(a for a in row["aliases"].split("|") if a)
        for name, tenures in merged.items():
            person = Person(name.title(), tuple(dict.fromkeys(tenures)), False)
            if not any(t.start or t.end for t in person.tenures):
                # no dated role: an institution or place ("Kremlin", "Gaza City"), not a person
                t = person.tenures[0]
                entry = Entry("org", t.code, t.sector, None)
            else:
                entry = Entry("person", None, None, person.name, person)
            for alias in {name, *aliases_of[name]}:
                key = _key(alias)
                if len(key) < 2 or key in curated_keys:
                    continue
                self._add(alias, entry)

    def agent_sector(self, words: Sequence[str]) -> Optional[str]:
        """Sector of a role noun phrase (``foreign ministry`` → GOV), plurals included."""
        key = tuple(words)
        sector = self.agents.get(key)
        if sector is None and key and len(key[-1]) > 3 and key[-1].endswith("s"):
            last = key[-1]
            for stem in (last[:-1], last[:-2] if last.endswith("es") else None,
                         last[:-3] + "y" if last.endswith("ies") else None,
                         last[:-3] + "an" if last.endswith("men") else None):
                if stem and (sector := self.agents.get(key[:-1] + (stem,))):
                    break
        return sector

    # -- scanning ----------------------------------------------------------------------------
    def scan(self, words: Sequence[str], *, originals: Optional[Sequence[str]] = None,
             agents: bool = True, strict: bool = True) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping matches ``(start, end, entry)`` over normalised words."""
        out: list[tuple[int, int, Entry]] = []
        i, n = 0, len(words)
        index, by_first = self.index, self.by_first
        while i < n:
            w = words[i]
            longest = by_first.get(w)
            hit = None
            if longest:
                for length in range(min(longest, n - i), 0, -1):
                    entry = index.get(tuple(words[i:i + length]))
                    if entry is None:
                        continue
                    if entry.case and originals is not None and not (
                            originals[i].isupper() if entry.case == "upper" else originals[i][:1].isupper()):
                        continue   # "us" is not the US, "Who" is not the WHO
                    if strict and originals is not None and not (
                            originals[i][:1].isupper() or originals[i][:1].isdigit()):
                        continue
                    hit = (i, i + length, entry)
                    break
            if hit is None and agents:
                longest = self.agent_first.get(w)
                if longest:
                    for length in range(min(longest, n - i), 0, -1):
                        sector = self.agent_sector(words[i:i + length])
                        if sector:
                            hit = (i, i + length, Entry("agent", None, sector, None))
                            break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit[1]
        return out


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _read_tsv(name: str) -> Iterable[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@functools.lru_cache(maxsize=1)
def actor_tables() -> ActorTables:
    """The actor data, loaded once per process."""
    return ActorTables()


# -- resolution ----------------------------------------------------------------------------------

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
    roles = LEADER_ROLES.get(role, (role,))
    if role == "leader" and country in PARLIAMENTARY:
        roles = ("leader", "prime_minister", "chancellor", "president", "monarch")
    best = None
    for r in roles:
        for person, t in tables.role_holders.get((country, r), ()):
            if (not t.start or t.start <= day) and (not t.end or day < t.end):
                if best is None or (t.start or "") > (best[1].start or ""):
                    best = (person, t)
        if best:
            break
    return best[0].name if best else None


def _role_in(words: Sequence[str]) -> Optional[str]:
    text = " ".join(words)
    for phrase in sorted(ROLE_WORDS, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            return ROLE_WORDS[phrase]
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
                kind = "person" if role in LEADER_ROLES or name else "agent"
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


# -- spaCy component -----------------------------------------------------------------------------

_CLIMB_DEPS = {"compound", "amod", "poss", "nmod", "nn"}
_NOUN_POS = {"NOUN", "PROPN"}


def is_role_noun(tables: "ActorTables", tok) -> bool:
    low = normalize_word(tok.lower_)
    return bool(tables.agent_sector((low,))) or low in ROLE_WORDS or tok.lemma_.lower() in ROLE_WORDS


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


def find_actor_mentions(doc: Doc, *, date: Optional[str] = None) -> list[dict]:
    """Actor mentions in ``doc``: ActorRef dicts with ``start``/``end`` char offsets, plus
    ``kind`` (person, org, igo, country, agent) and ``root`` (token index of the phrase head)."""
    tables = actor_tables()
    strings = doc.vocab.strings        # token texts and lower forms, without a Token object each
    orths, lowers = doc.to_array([ORTH, LOWER]).T.tolist() if len(doc) else ([], [])
    originals = [strings[orth] for orth in orths]
    words = [normalize_word(strings[lower]) for lower in lowers]
    matches = tables.scan(words, originals=originals)
    dateline = _DATELINE_RE.match(doc[:120].text_with_ws[:120])
    if dateline:  # "GAZA CITY, Palestinian Territories:" places the story, it is not an actor
        matches = [m for m in matches if doc[m[0]].idx >= dateline.end()]
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
        if head in used_heads:
            continue
        if (entry.kind == "country" and has_dep and not start <= head < end
                and not any(is_role_noun(tables, doc[k]) for k in range(end, head + 1)) and head not in agent_heads):
            continue  # "the Beijing Olympics", "Ukraine's border": a place, not an actor
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
    return mentions


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


@Language.factory(
    "storyline_actors",
    assigns=["doc._.actors"],
    requires=["token.dep", "token.pos"],
    default_config={},
)
def make_actors_component(nlp: Language, name: str) -> "ActorsComponent":
    return ActorsComponent()


class ActorsComponent:
    """Marks actor mentions: ``doc._.actors`` = list of ActorRef dicts with char offsets."""

    def __init__(self) -> None:
        actor_tables()  # load data once, before forking workers

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = find_actor_mentions(doc, date=doc._.dct)
        return doc
