"""Article metadata by fallback chains: each ``extract_*`` fills a field only while it is empty.

Text files carry their metadata in the first lines: a header line (`` date 2021-12-15 <headline>``),
a dateline (``Thursday, December 16, 2021``), a byline (``by | Feb 8, 2024 | Headline News``),
a URL line, a ``Source:`` line.
:func:`split_text_header` takes those lines off the text and records where the date came from
(``published_how`` and ``published_evidence``, the line itself).  HTML and JSON records bring
their own fields (:func:`metadata_from_fields`); the source falls back to the URL's domain, the
site name, the wire credit, and finally the parent folder (:mod:`.outlets`).  No date found leaves ``published=None`` and
``published_how="unknown"`` for a later stage to infer.
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from collections.abc import Mapping, Sequence
from typing import Any, Optional
from urllib.parse import urlsplit

from .boilerplate import is_story_line
from .outlets import normalise_outlet, outlet_from_folder

__all__ = [
    "Metadata", "parse_date", "find_date", "split_text_header", "extract_header_date",
    "extract_dateline", "extract_byline", "extract_url_line", "extract_source_line", "extract_title", "extract_source", "source_from_url",
    "metadata_from_fields", "FIELD_ALIASES",
]

#: how many non-blank lines at the top of a text may hold header metadata
HEADER_LINES = 6
#: a byline is short, and each of its ``|``-separated pieces shorter still
BYLINE_MAX_WORDS = 20
BYLINE_PIECE_WORDS = 6
#: a headline is at most this many words
TITLE_MAX_WORDS = 25
HEADER_TITLE_MIN_WORDS = 3  # words a headline on the date header line needs
#: how deep a structured field value is looked into (``{"$date": {"$numberLong": …}}``, lists of authors)
FIELD_DEPTH = 4
#: a date field longer than this is only searched for a written date (no free-form date parsing)
DATE_FIELD_CHARS = 200

_MONTHS = {m: i for i, ms in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for m in ms}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE_RES = (
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?![\d])", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(_WEEKDAY + r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
)
_HEADER_DATE = re.compile(
    r"^(?:date|published|posted|updated)\s*[:=]?\s*(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\s*(?P<rest>.*)$", re.I)
_BYLINE_START = re.compile(r"^(?:by\b|posted\b|published\b|updated\b|written by\b)", re.I)
_URL_LIKE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text (every field optional)."""
    title: Optional[str] = None
    published: Optional[str] = None
    published_how: str = "unknown"
    published_evidence: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    source_how: str = "unknown"

    def fill(self, **values: Any) -> "Metadata":
        """A copy with each given field set only where it is still empty (``published`` brings its how)."""
        changes = {}
        for name, value in values.items():
            if value in (None, ""):
                continue
            if name in ("published_how", "published_evidence", "source_how"):
                continue
            if getattr(self, name) in (None, ""):
                changes[name] = value
        if "published" in changes:
            changes["published_how"] = values.get("published_how", "unknown")
            changes["published_evidence"] = values.get("published_evidence")
        if "source" in changes:
            changes["source_how"] = values.get("source_how", "unknown")
        return replace(self, **changes) if changes else self

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ---------------------------------------------------------------------------------------------
# dates

def _valid(year: int, month: int, day: int) -> Optional[str]:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> Optional[tuple[str, int, int]]:
    """The first calendar date written in ``text``: ``(iso, start, end)``, or None."""
    best = None
    for pattern in _DATE_RES:
        m = pattern.search(text)
        if not m or (best and m.start() >= best[1]):
            continue
        groups = m.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else _MONTHS.get(groups["month"].lower().rstrip("."))
        iso = _valid(int(groups["year"]), month or 0, int(groups["day"]))
        if iso:
            best = (iso, m.start(), m.end())
    return best


def parse_date(value: Any, *, _depth: int = 0) -> Optional[str]:
    """An ISO date (YYYY-MM-DD) from a field value: ISO timestamps, RFC 2822, written dates, epochs.

    A mapping (``{"$date": …}``) is looked into at most :data:`FIELD_DEPTH` levels deep.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if 0 < value < 4e9 or 1e11 < value < 4e12:  # seconds or milliseconds since the epoch
            seconds = value / 1000 if value > 1e11 else value
            return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).date().isoformat()
        return None
    if isinstance(value, Mapping):  # e.g. {"$date": "..."}
        if _depth >= FIELD_DEPTH:
            return None
        return next((d for v in value.values() if (d := parse_date(v, _depth=_depth + 1))), None)
    if not isinstance(value, str):
        return None  # a list or other structure is not a date
    text = value.strip()
    if not text:
        return None
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(text)
    if found:
        return found[0]
    if re.fullmatch(r"(19|20)\d\d", text) or len(text) > DATE_FIELD_CHARS:
        return None  # a bare year is not a publication day; a long text is not a date
    import dateparser  # slow to import; only for odd formats

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None


# ---------------------------------------------------------------------------------------------
# text headers

def _header_indexes(lines: Sequence[str]) -> list[int]:
    """Indexes of the non-blank lines at the top, up to the first line of prose."""
    out = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if len(out) >= HEADER_LINES or (out and is_story_line(line.strip())):
            break
        out.append(i)
    return out


def extract_header_date(lines: Sequence[str]) -> Optional[tuple[int, str, str]]:
    """A `` date 2021-12-15 <rest>`` header line: ``(index, iso_date, rest_of_line)``."""
    for i in _header_indexes(lines):
        m = _HEADER_DATE.match(lines[i].strip())
        if m and _valid(*map(int, m.group("date").split("-"))):
            return i, m.group("date"), m.group("rest").strip()
    return None


def extract_dateline(lines: Sequence[str]) -> Optional[tuple[int, str]]:
    """A line that is a date and nothing else (``Thursday, December 16, 2021``): ``(index, iso)``."""
    for i in _header_indexes(lines):
        line = lines[i].strip()
        found = find_date(line)
        if not found:
            continue
        rest = (line[:found[1]] + line[found[2]:]).strip(" ,.|-–—:")
        rest = re.sub(r"^(?:published|posted|updated|date|on)\b:?\s*", "", rest, flags=re.I)
        rest = re.sub(r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|UTC|GMT)?", "", rest, flags=re.I)
        if not rest.strip(" ,.|-–—:"):
            return i, found[0]
    return None


def extract_byline(lines: Sequence[str]) -> Optional[tuple[int, str, Optional[str]]]:
    """A byline carrying a date (``by | Feb 8, 2024 | Headline News``): ``(index, iso, author)``."""
    for i in _header_indexes(lines):
        line = lines[i].strip()
        if not _BYLINE_START.match(line) and "|" not in line:
            continue
        found = find_date(line)
        if not found or len(line.split()) > BYLINE_MAX_WORDS:
            continue
        pieces = re.split(r"[|•·]", line[:found[1]] + " | " + line[found[2]:])
        if any(len(piece.split()) > BYLINE_PIECE_WORDS for piece in pieces):
            continue  # a sentence rides on this line: not a byline
        author = None
        head = line[:found[1]]
        m = re.match(r"^(?:written\s+)?by\s+(?P<name>[^|•,\d][^|•\d]*?)\s*(?:[|•,]|on\b|$)", head, re.I)
        if m and m.group("name").strip():
            author = m.group("name").strip()
        return i, found[0], author
    return None


_URL_LINE = re.compile(r"^(?:(?:url|link|source|original|canonical)\s*:\s*)?(?P<url>https?://\S+)$", re.I)
_SOURCE_LINE = re.compile(r"^(?:source|publisher|outlet|site)\s*:\s*(?P<source>\S.{0,60})$", re.I)


def extract_url_line(lines: Sequence[str]) -> Optional[tuple[int, str]]:
    """A header line that is a URL (``https://…`` or ``URL: https://…``): ``(index, url)``."""
    for i in _header_indexes(lines):
        m = _URL_LINE.match(lines[i].strip())
        if m:
            return i, m.group("url")
    return None


def extract_source_line(lines: Sequence[str]) -> Optional[tuple[int, str]]:
    """A ``Source: Reuters`` header line: ``(index, source)``."""
    for i in _header_indexes(lines):
        m = _SOURCE_LINE.match(lines[i].strip())
        if m:
            return i, m.group("source").strip()
    return None


def split_text_header(raw: str) -> tuple[str, list[str], Metadata]:
    """Take header/dateline/byline lines off the top of a text: ``(text, removed_lines, metadata)``.

    The header line's words after the date stay in the text; when they are a paragraph of their
    own and headline-sized they are also the title (``date 2021-12-15 Putin and Xi agree …``).
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta = Metadata()
    removed: list[str] = []
    header = extract_header_date(lines)
    if header:
        i, iso, rest = header
        meta = meta.fill(published=iso, published_how="header", published_evidence=lines[i].strip())
        removed.append(lines[i].strip()[: len(lines[i].strip()) - len(rest)].strip())
        lines[i] = rest
        standalone = i + 1 >= len(lines) or not lines[i + 1].strip()
        if standalone and _headline_like(rest, final_period=True):
            meta = meta.fill(title=rest)
    dateline = extract_dateline(lines)
    if dateline:
        i, iso = dateline
        meta = meta.fill(published=iso, published_how="dateline", published_evidence=lines[i].strip())
        removed.append(lines[i].strip())
        lines[i] = ""
    byline = extract_byline(lines)
    if byline:
        i, iso, author = byline
        meta = meta.fill(published=iso, published_how="byline", published_evidence=lines[i].strip(),
                         author=author)
        removed.append(lines[i].strip())
        lines[i] = ""
    url_line = extract_url_line(lines)
    if url_line:
        i, url = url_line
        meta = meta.fill(url=url)
        removed.append(lines[i].strip())
        lines[i] = ""
    source_line = extract_source_line(lines)
    if source_line:
        i, source = source_line
        meta = meta.fill(source=source, source_how="header")
        removed.append(lines[i].strip())
        lines[i] = ""
    return "\n".join(lines), removed, meta


def _headline_like(line: str, *, final_period: bool = False) -> bool:
    """Short and capitalised; a final period only where ``final_period`` allows it."""
    words = line.split()
    if not words or len(words) > TITLE_MAX_WORDS or len(line) > 200:
        return False
    if final_period and len(words) < HEADER_TITLE_MIN_WORDS:
        return False  # "Advertisement", "Updated": not a headline
    endings = (";", ",", ":") if final_period else (".", ";", ",", ":")
    if line.endswith(endings) and not line.endswith("..."):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"


def extract_title(text: str) -> Optional[str]:
    """The first line when it looks like a headline: short, no final period, capitalised.

    (A line sharing the ``date …`` header is a headline even with a final period: see
    :func:`split_text_header`.)
    """
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first if _headline_like(first) else None


# ---------------------------------------------------------------------------------------------
# sources and structured fields

def source_from_url(url: Optional[str]) -> Optional[str]:
    """A URL's host without ``www.``/``m.`` and port (``https://www.rt.com/x`` → ``rt.com``)."""
    if not url or not _URL_LIKE.match(str(url).strip()):
        return None
    host = (urlsplit(str(url).strip()).hostname or "").lower()
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host or None


def extract_source(meta: Metadata, *, path: Optional[str | Path] = None, site_name: Optional[str] = None,
                   source_field: Optional[str] = None, credit: Optional[str] = None) -> Metadata:
    """Fill ``source`` with the outlet's display name (:mod:`.outlets`): a source field, else the URL's
    domain, else the HTML site name (a ``Source:`` header line may have filled it before), else the
    wire credit found in the text, else the folder (a known outlet in its name, or the name itself)."""
    if meta.source:
        meta = replace(meta, source=normalise_outlet(meta.source) or meta.source)
    meta = meta.fill(source=normalise_outlet(source_field), source_how="field")
    meta = meta.fill(source=normalise_outlet(source_from_url(meta.url)), source_how="url")
    meta = meta.fill(source=normalise_outlet(site_name), source_how="site-name")
    meta = meta.fill(source=credit, source_how="credit")
    if path is not None and not meta.source:
        folder, how = outlet_from_folder(path)
        meta = meta.fill(source=folder, source_how=how)
    return meta


#: field names of news-please, news-tls/Timeline17, and common JSON exports, by Article field
FIELD_ALIASES = {
    "text": ("text", "body", "content", "maintext", "article", "articleBody", "article_text", "full_text"),
    "title": ("title", "headline", "name"),
    "published": ("date", "time", "published", "date_publish", "datePublished", "published_at",
                  "publish_date", "pubdate", "publication_date", "timestamp", "created_at"),
    "url": ("url", "link", "uri", "canonical_url"),
    "source": ("source", "source_domain", "domain", "site", "sitename", "outlet", "publisher"),
    "author": ("author", "authors", "byline"),
}


def field_value(record: Mapping[str, Any], name: str) -> tuple[Optional[str], Any]:
    """The first non-empty alias of ``name`` in ``record``: ``(key, value)``."""
    for key in FIELD_ALIASES[name]:
        if key in record:
            value = record[key]
            if value is not None and not (isinstance(value, (str, list, dict)) and not value):
                return key, value
    return None, None


def _as_text(value: Any, _depth: int = 0) -> Optional[str]:
    """A field value as text: lists joined by ``, ``, a mapping by its ``name`` or ``url``
    (looked into at most :data:`FIELD_DEPTH` levels deep)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, Mapping)):
        if _depth >= FIELD_DEPTH:
            return None
        if isinstance(value, Mapping):
            return _as_text(value.get("name") or value.get("url"), _depth + 1)
        parts = [_as_text(v, _depth + 1) for v in value]
        return ", ".join(p for p in parts if p) or None
    return str(value).strip() or None


def metadata_from_fields(record: Mapping[str, Any], *, how: str = "jsonl-field") -> Metadata:
    """Metadata from a structured record (JSON line, news-please record, HTML extraction result)."""
    meta = Metadata(url=_as_text(field_value(record, "url")[1]))
    meta = meta.fill(title=_as_text(field_value(record, "title")[1]),
                     author=_as_text(field_value(record, "author")[1]))
    key, value = field_value(record, "published")
    iso = parse_date(value) if key else None
    if iso:
        meta = meta.fill(published=iso, published_how=how, published_evidence=f"{key}: {value}")
    return meta
