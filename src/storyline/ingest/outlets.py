"""Outlet identity: who published an article, as one display name (``reuters.com``, "REUTERS" → "Reuters").

Evidence, strongest first (:func:`storyline.ingest.metadata.extract_source` runs the chain):

1. the record's own fields: a ``source``/``source_domain``/… field, the URL's host, an HTML site name,
   a ``Source:`` header line;
2. the outlet's signature in the text: a dateline wire credit (``BRUSSELS (Reuters) -``, the
   tokenised ``-LRB- Reuters -RRB- -``) near the top, or a closing signature (``… -RT``) — only for an
   outlet of the table; the credit (and the dateline before it) is taken off the text;
3. the folder the file sat in, when a token of its name names a known outlet (``LibyaWar_reuters``);
4. the folder's name as it is, when nothing else says (never a file name); a generic folder name
   (``html``, ``data``) says nothing at all.

:func:`normalise_outlet` maps a value to the table's display name (a known domain, its subdomains,
a name or alias in any case); an unknown domain stays a domain, an unknown name is kept as written.
The table, the folder names that say nothing and the credit patterns live in
``data/ingest/outlets.json``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

__all__ = ["normalise_outlet", "known_outlet", "outlet_from_folder", "take_credit", "Credit"]

#: the dateline credit is looked for in this many non-blank lines at the top of a text
CREDIT_LINES = 3
#: … and at most this many characters into its line (a dateline, a header run before it)
CREDIT_MAX_START = 400
#: a source value longer than this (words) is no outlet name
NAME_MAX_WORDS = 8

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$", re.I)
_HASHLIKE = re.compile(r"^[0-9a-f]{16,}$", re.I)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]?\s+")
_FOLDER_TOKENS = re.compile(r"[^a-z0-9.]+")


@dataclass(frozen=True)
class _Table:
    by_domain: dict
    by_alias: dict
    generic_folders: frozenset
    dateline_credit: re.Pattern
    end_signature: re.Pattern


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    raw = json.loads(resources.files("storyline").joinpath("data/ingest/outlets.json").read_text("utf-8"))
    by_domain: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    for outlet in raw["outlets"]:
        name = outlet["name"]
        for domain in outlet["domains"]:
            by_domain[domain.lower()] = name
        for alias in [name, *outlet["aliases"], *outlet["domains"]]:
            by_alias[_alias_key(alias)] = name
    return _Table(by_domain, by_alias, frozenset(raw["generic_folders"]),
                  re.compile(raw["dateline_credit"]), re.compile(raw["end_signature"]))


def _alias_key(value: str) -> str:
    """A name reduced for lookup: case-folded, single-spaced, without a leading "the" or edge punctuation."""
    key = " ".join(value.casefold().split()).strip(" .,;:|-–—©@")
    return key[4:] if key.startswith("the ") else key


def _host(value: str) -> Optional[str]:
    """The host of a URL or a bare domain (``www.``/``m.`` off), or None."""
    text = value.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/", 1)[0].split(":", 1)[0]
    text = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", text)
    return text if _DOMAIN.match(text) else None


def _known_domain(host: str) -> Optional[str]:
    """The table's outlet for a host or any parent domain of it (``uk.reuters.com`` → Reuters)."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = _table().by_domain.get(".".join(parts[i:]))
        if name:
            return name
    return None


def known_outlet(value: Optional[str]) -> Optional[str]:
    """The table's display name for a domain, URL, name or alias; None when the table does not know it."""
    if not value or not value.strip():
        return None
    host = _host(value)
    if host and _known_domain(host):
        return _known_domain(host)
    return _table().by_alias.get(_alias_key(value))


def normalise_outlet(value: Optional[str]) -> Optional[str]:
    """One display name for an outlet value: the table's name, else the domain, else the name as
    written (the first piece of ``Site | tagline``); None for nothing, a hash or a sentence."""
    if not value or not str(value).strip():
        return None
    value = " ".join(str(value).split())
    known = known_outlet(value)
    if known:
        return known
    host = _host(value)
    if host:
        return host
    first = re.split(r"\s[|•·–—-]\s|\s\|\s?", value, maxsplit=1)[0].strip()
    if not first or _HASHLIKE.match(first) or len(first.split()) > NAME_MAX_WORDS:
        return None
    return known_outlet(first) or first


def outlet_from_folder(path: Optional[str | Path]) -> tuple[Optional[str], str]:
    """``(outlet, how)`` from the folder a file sat in: ``folder-outlet`` when a token of its name is a
    known outlet (``LibyaWar_reuters`` → Reuters), ``folder`` for the name itself, ``(None, "unknown")``
    for a generic folder name (``html``, ``data``) or none."""
    if path is None:
        return None, "unknown"
    name = Path(path).resolve().parent.name
    if not name:
        return None, "unknown"
    whole = known_outlet(name)
    if whole:
        return whole, "folder-outlet"
    tokens = [t for t in _FOLDER_TOKENS.split(name.lower()) if t]
    found = [known_outlet(t) for t in tokens if len(t) >= 2]
    found = list(dict.fromkeys(f for f in found if f))
    if len(found) == 1:
        return found[0], "folder-outlet"
    if name.lower() in _table().generic_folders or _HASHLIKE.match(name):
        return None, "unknown"
    return name, "folder"


@dataclass(frozen=True)
class Credit:
    """An outlet's signature found in a text: the outlet, the text without it, the piece taken off."""
    outlet: str
    text: str
    removed: str


def take_credit(text: str) -> Optional[Credit]:
    """The outlet's wire credit in a text, taken off it: a dateline credit in the first
    :data:`CREDIT_LINES` non-blank lines (with the dateline/header run before it on its line, back to
    the last sentence end), else a closing signature on the last line (``… -RT``).  Only outlets of
    the table count (``(Updated) -`` is no credit)."""
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > CREDIT_LINES:
            break
        for m in _table().dateline_credit.finditer(line):
            if m.start() > CREDIT_MAX_START:
                break
            outlet = known_outlet(m.group("name"))
            if outlet:
                head = line[:m.start()]
                ends = list(_SENTENCE_END.finditer(head))
                keep = head[:ends[-1].end()] if ends and len(head[:ends[-1].end()].split()) >= 12 else ""
                lines[i] = keep + line[m.end():]
                return Credit(outlet, "\n".join(lines), line[len(keep):m.end()].strip())
    last = max((i for i, line in enumerate(lines) if line.strip()), default=None)
    if last is not None:
        m = _table().end_signature.search(lines[last].rstrip())
        if m and known_outlet(m.group("name")):
            lines[last] = lines[last].rstrip()[:m.start()].rstrip()
            return Credit(known_outlet(m.group("name")), "\n".join(lines), m.group(0).strip())
    return None
