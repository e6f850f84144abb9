"""Plain text (``.txt``, ``.md``, no or an unknown suffix): header metadata off the top, boilerplate removed.

:func:`build_article` (clean text + metadata -> ``Article``) is shared by every format.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Optional

from ..model import Article, Rejected, article_id, content_hash
from .boilerplate import clean_text, normalise_whitespace
from .genre import judge_news
from .files import DEFAULT_MAX_BYTES, IngestError, Item, read_text, safe_text, show_path
from .metadata import Metadata, extract_source, extract_title, split_text_header
from .outlets import take_credit

__all__ = ["read_text_file", "article_from_text", "build_article"]


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, text: Optional[str] = None) -> Iterator[Item]:
    """The article of a plain-text file (``text``: its content, when already decoded)."""
    return read_decoded(path, article_from_text, max_bytes=max_bytes, text=text)


def read_decoded(path: Path, build: Callable[..., Item], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 text: Optional[str] = None) -> Iterator[Item]:
    """The one article of a text-based file: its decoded content (``text``, when already decoded)
    made into an article by ``build(text, path=..., source_path=...)``, or why it cannot be read."""
    try:
        text = read_text(path, max_bytes=max_bytes) if text is None else text
    except IngestError as exc:
        yield Rejected(str(path), str(exc))
        return
    yield build(text, path=str(path), source_path=path)


def article_from_text(raw: str, *, path: str, source_path: Optional[Path] = None,
                      meta: Optional[Metadata] = None, fmt: str = "txt",
                      source_field: Optional[str] = None) -> Item:
    """An Article from plain text: header metadata taken off the top, boilerplate removed."""
    body, header_removed, header_meta = split_text_header(raw)
    meta = meta or Metadata()
    if header_meta.published:
        meta = meta.fill(published=header_meta.published, published_how=header_meta.published_how,
                         published_evidence=header_meta.published_evidence)
    meta = meta.fill(author=header_meta.author, url=header_meta.url, source=header_meta.source,
                     source_how=header_meta.source_how)
    text, removed = clean_text(body)
    if header_meta.title and text.lstrip().startswith(header_meta.title):
        meta = meta.fill(title=header_meta.title)  # the headline survived boilerplate removal
    return build_article(text, [r for r in header_removed if r] + removed, meta, path=path, fmt=fmt,
                         source_path=source_path, source_field=source_field)


def build_article(text: str, removed: list[str], meta: Metadata, *, path: str, fmt: str,
                  source_path: Optional[Path], source_field: Optional[str] = None,
                  site_name: Optional[str] = None) -> Item:
    """An Article from clean text and metadata (title and outlet by their fallback chains; a wire
    credit is taken off the text and names the outlet when nothing stronger does)."""
    path = show_path(path)
    if not text.strip():
        return Rejected(path, "no article text after boilerplate removal")
    text = safe_text(text)
    credit = take_credit(text)  # the outlet's signature ("BRUSSELS (Reuters) -"), not article text
    if credit is not None:
        text, removed = normalise_whitespace(credit.text), [*removed, credit.removed]
        if not text.strip():
            return Rejected(path, "no article text after boilerplate removal")
    meta = meta.fill(title=extract_title(text))
    meta = extract_source(meta, path=source_path, site_name=site_name, source_field=source_field,
                          credit=credit.outlet if credit else None)
    safe = lambda value: safe_text(value) if isinstance(value, str) else value  # noqa: E731
    digest = content_hash(text)
    return Article(
        id=article_id(digest, source=meta.source, source_how=meta.source_how), path=path, text=text,
        source=safe(meta.source), title=safe(meta.title),
        published=meta.published, published_how=meta.published_how if meta.published else "unknown",
        published_evidence=safe(meta.published_evidence), url=safe(meta.url), author=safe(meta.author),
        removed=tuple(safe_text(r) for r in removed), content_hash=digest, format=fmt, source_how=meta.source_how,
        not_news=judge_news(text).reason,
    )

