"""The actor tables: packaged gazetteers under ``storyline/data/actors/``, plus users' own files.

:func:`actor_tables` loads them once per process into an :class:`ActorTables`, indexed for
longest-match scanning over normalised words.  Users add actors without editing the package with
:func:`use_actor_files` (or the ``actor_files`` setting of the ``storyline_actors`` component): TSV
or CSV files whose header names the same columns as one of the packaged tables, layered over them
(a user entry wins over a packaged one with the same name or phrase):

==========  ======================================================  ==========================
kind        columns (header line; ``#`` lines are comments)           example row
==========  ======================================================  ==========================
leaders     name, aliases, country, sector, role, start, end          ``Hemedti | hemeti | SDN |
                                                                       REB | leader | 2013-08-01 |``
orgs        alias, code, sector, name                                  ``rsf | SDN | REB | RSF``
agents      phrase, sector (, subsector)                               ``paramilitaries | REB``
igos        code, name, aliases, phoenix                               ``IGAD | Intergovernmental …``
countries   alias, code                                                ``darfuri | SDN``
==========  ======================================================  ==========================

``aliases`` are ``|``-separated; dates are ISO days (``start`` and ``end`` may be empty: open);
``country``/``code`` is an ISO 3166-1 alpha-3 code (an IGO's short code in igos); ``sector`` a
PLOVER/CAMEO sector (GOV, MIL, REB, OPP …) or empty.  A file that is not one of these kinds, or a
row with a missing field or a bad date, code or sector, is an :class:`ActorFileError` naming the
file and line.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from ..errors import StorylineError

__all__ = ["ActorTables", "ActorFileError", "Entry", "Person", "Tenure", "actor_tables", "use_actor_files",
           "actor_files", "normalize_word", "tokenize_words", "name_rules", "role_words", "USER_KINDS"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"

_WORD_RE = re.compile(r"[’']s\b|[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_]+|[^\w\s]", re.UNICODE)

#: the kinds of user file, by the columns their header must name (the packaged tables' columns)
USER_KINDS = {
    "leaders": ("name", "aliases", "country", "sector", "role", "start", "end"),
    "orgs": ("alias", "code", "sector", "name"),
    "agents": ("phrase", "sector"),
    "igos": ("code", "name", "aliases", "phoenix"),
    "countries": ("alias", "code"),
}
#: columns a row of each kind must fill
_REQUIRED = {"leaders": ("name", "country"), "orgs": ("alias", "code"), "agents": ("phrase", "sector"),
             "igos": ("code", "name"), "countries": ("alias", "code")}


class ActorFileError(StorylineError, ValueError):
    """A user actor file that cannot be used: the message names the file and line."""

    exit_code = 2


@functools.lru_cache(maxsize=1)
def name_rules() -> dict:
    """``data/actors/name_rules.json``: case-sensitive aliases, short names, stop aliases, leader roles."""
    return json.loads((DATA_DIR / "name_rules.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def role_words() -> dict[str, str]:
    """Role words → canonical role (``top diplomat`` → ``foreign_minister``), in the table's order."""
    return {row["phrase"]: row["role"] for row in _read_tsv("role_words.tsv")}


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


PRIORITY = {"person": 4, "org": 3, "igo": 2, "country": 1, "agent": 0}


def _demonym_forms(alias: str) -> list[str]:
    """The people-nouns a one-word demonym makes: the plural of a noun demonym with an ending of
    ``name_rules.json``'s ``demonym_plural_endings`` ("Briton" → "Britons", "Saudi" → "Saudis",
    "Dane" → "Danes"), and "-man"/"-men"/"-woman"/"-women" nouns of an adjective in -ch or -sh
    ("French" → "Frenchman", "Frenchmen")."""
    if " " in alias or "-" in alias or len(alias) < 4:
        return []
    if alias.endswith(("ch", "sh")):
        return [alias + suffix for suffix in ("man", "men", "woman", "women")]
    if alias.endswith(tuple(name_rules()["demonym_plural_endings"])):
        return [alias + "s"]
    return []


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


class ActorTables:
    """All actor data, indexed for longest-match scanning over normalised words.

    ``files`` are users' own actor files (see the module docs), layered over the packaged tables."""

    def __init__(self, files: Sequence[Union[str, Path]] = ()) -> None:
        self.index: dict[tuple[str, ...], Entry] = {}
        self.agents: dict[tuple[str, ...], str] = {}
        self.by_first: dict[str, int] = {}          # first word -> longest key length
        self.agent_first: dict[str, int] = {}
        self.role_holders: dict[tuple[str, str], list[tuple[Person, Tenure]]] = {}
        self.igo_phoenix: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        rules = name_rules()
        self._case_sensitive = frozenset(rules["case_sensitive"])
        self._short_names = frozenset(rules["short_names"])
        self._stop_aliases = frozenset(rules["stop_aliases"])
        self._load()
        from .userfiles import read_actor_file

        for path in files:
            kind, rows = read_actor_file(path, sectors=self.sectors())
            self._layer(kind, rows)

    # -- loading -----------------------------------------------------------------------------
    def _add(self, phrase: str, entry: Entry, *, force: bool = False) -> None:
        key = _key(phrase)
        if key and key[0] == "the" and len(key) > 1:
            key = key[1:]
        if not key or " ".join(key) in self._stop_aliases:
            return
        if len(key) == 1 and len(key[0]) <= 3 and key[0] not in self._short_names:
            entry = replace(entry, case="upper")
        elif len(key) == 1 and (key[0] in self._case_sensitive or len(key[0]) <= 3):
            entry = replace(entry, case="cap")
        old = self.index.get(key)
        if not force and old is not None and PRIORITY[old.kind] >= PRIORITY[entry.kind]:
            if not (old.kind == entry.kind == "person" and entry.person and entry.person.curated
                    and not (old.person and old.person.curated)):
                return
        self.index[key] = entry
        self.by_first[key[0]] = max(self.by_first.get(key[0], 0), len(key))

    def _add_agent(self, phrase: str, sector: str, *, overwrite: bool) -> None:
        key = _key(phrase)
        if not key:
            return
        for form in (key, key[:-1] + (_plural(key[-1]),)):
            if overwrite:
                self.agents[form] = sector
            else:
                self.agents.setdefault(form, sector)
            self.agent_first[form[0]] = max(self.agent_first.get(form[0], 0), len(form))

    def _add_igo(self, row: dict, *, force: bool = False) -> None:
        entry = Entry("igo", row["code"], None, row["name"])
        for alias in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
            self._add(alias, entry, force=force)
        for ph in filter(None, (row.get("phoenix") or "").split("|")):
            self.igo_phoenix[ph] = row["code"]

    def _add_country_alias(self, alias: str, code: str, *, force: bool = False) -> None:
        self.index.pop(_key(alias), None)
        self._add(alias, Entry("country", code, None, self.country_names.get(code)), force=force)

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
                for form in _demonym_forms(alias):   # Britons, Saudis, Frenchmen: capitalised only
                    self._add(form, Entry("country", code, None, name, case="cap"))
        for row in _read_tsv("countries_extra.tsv"):
            self._add_country_alias(row["alias"], row["code"])
        for row in _read_tsv("igos.tsv"):
            self._add_igo(row)
        for row in _read_tsv("orgs.tsv"):
            self._add(row["alias"], Entry("org", row["code"], row["sector"] or None, row["name"]))
        self._load_people()
        for row in _read_tsv("agents_extra.tsv"):
            self._add_agent(row["phrase"], row["sector"], overwrite=True)
        for row in _read_tsv("agents.tsv"):
            self._add_agent(row["phrase"], row["sector"], overwrite=False)

    def _add_leaders(self, rows: Iterable[dict], *, force: bool = False) -> set[tuple[str, ...]]:
        """People with dated roles (leaders.tsv columns); the keys of their names and aliases."""
        by_name: dict[str, list[dict]] = {}
        for row in rows:
            by_name.setdefault(row["name"], []).append(row)
        keys = set()
        for name, rows in by_name.items():
            tenures = tuple(Tenure(r["country"], r["sector"] or None, r["role"] or None, r["start"], r["end"])
                            for r in rows)
            person = Person(name, tenures, True)
            entry = Entry("person", None, None, name, person)
            for alias in {name, *(a for r in rows for a in r["aliases"].split("|") if a)}:
                keys.add(_key(alias))
                self._add(alias, entry, force=force)
            for t in tenures:
                if t.role:
                    holders = self.role_holders.setdefault((t.code, t.role), [])
                    holders.insert(0, (person, t)) if force else holders.append((person, t))
        return keys

    def _load_people(self) -> None:
        curated_keys = self._add_leaders(_read_tsv("leaders.tsv"))
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

    def _layer(self, kind: str, rows: list[dict]) -> None:
        """A user file's rows over the tables: its entries win."""
        if kind == "leaders":
            self._add_leaders(rows, force=True)
        for row in rows:
            if kind == "orgs":
                self._add(row["alias"], Entry("org", row["code"], row["sector"] or None, row.get("name") or None),
                          force=True)
            elif kind == "agents":
                self._add_agent(row["phrase"], row["sector"], overwrite=True)
            elif kind == "igos":
                self._add_igo(row, force=True)
            elif kind == "countries":
                self.country_names.setdefault(row["code"], row["alias"].title())
                self._add_country_alias(row["alias"], row["code"], force=True)

    def sectors(self) -> frozenset:
        """The sector codes the packaged tables use (GOV, MIL, REB …)."""
        found = set(self.agents.values()) | {e.sector for e in self.index.values() if e.sector}
        return frozenset(found)

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
    def _named_at(self, words: Sequence[str], i: int, originals: Optional[Sequence[str]],
                  strict: bool) -> Optional[tuple[int, int, Entry]]:
        longest = self.by_first.get(words[i])
        if not longest:
            return None
        for length in range(min(longest, len(words) - i), 0, -1):
            entry = self.index.get(tuple(words[i:i + length]))
            if entry is None:
                continue
            if entry.case and originals is not None and not (
                    originals[i].isupper() if entry.case == "upper" else originals[i][:1].isupper()):
                continue   # "us" is not the US, "Who" is not the WHO
            if strict and originals is not None and not (originals[i][:1].isupper() or originals[i][:1].isdigit()):
                continue
            return i, i + length, entry
        return None

    def _agent_at(self, words: Sequence[str], i: int) -> Optional[tuple[int, int, Entry]]:
        longest = self.agent_first.get(words[i])
        if longest:
            for length in range(min(longest, len(words) - i), 0, -1):
                sector = self.agent_sector(words[i:i + length])
                if sector:
                    return i, i + length, Entry("agent", None, sector, None)
        return None

    def scan(self, words: Sequence[str], *, originals: Optional[Sequence[str]] = None,
             agents: bool = True, strict: bool = True) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping matches ``(start, end, entry)`` over normalised words."""
        out: list[tuple[int, int, Entry]] = []
        i, n = 0, len(words)
        while i < n:
            hit = self._named_at(words, i, originals, strict)
            if hit is None and agents:
                hit = self._agent_at(words, i)
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit[1]
        return out


_active_files: tuple[str, ...] = ()


def _normal_paths(files: Iterable[Union[str, Path]]) -> tuple[str, ...]:
    return tuple(str(Path(f).expanduser().resolve()) for f in files)


@functools.lru_cache(maxsize=4)
def _tables_for(files: tuple[str, ...]) -> ActorTables:
    return ActorTables(files)


def actor_tables(files: Optional[Iterable[Union[str, Path]]] = None) -> ActorTables:
    """The actor data, loaded once per process: the packaged tables with the user files in use
    (:func:`use_actor_files`), or with ``files`` when given."""
    return _tables_for(_active_files if files is None else _normal_paths(files))


def use_actor_files(files: Iterable[Union[str, Path]]) -> ActorTables:
    """Layer users' own actor files over the packaged tables for everything that resolves actors
    in this process (mentions, :func:`storyline.actors.resolve_actor`); ``[]`` goes back to the
    packaged tables alone.  Files are read once; a bad file raises :class:`ActorFileError` and
    leaves the tables in use unchanged."""
    global _active_files
    paths = _normal_paths(files)
    tables = _tables_for(paths)
    _active_files = paths
    return tables


def actor_files() -> tuple[str, ...]:
    """The user actor files in use (absolute paths)."""
    return _active_files
