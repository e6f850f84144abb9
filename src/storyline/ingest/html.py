"""HTML pages (``.html``, ``.htm``, …, or a page under a text name): body and metadata by trafilatura/htmldate."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ..model import Rejected
from .boilerplate import clean_text
from .files import DEFAULT_MAX_BYTES, IngestError, Item, decode_bytes
from .metadata import Metadata, parse_date, split_text_header
from .text import build_article, read_decoded

__all__ = ["HtmlExtract", "read_html_file", "looks_like_html", "extract_html", "article_from_html"]

#: an HTML extraction shorter than this is retried with a recall-oriented pass
HTML_RETRY_CHARS = 300
#: containers of a split article body hold at least this many characters of paragraphs
SPLIT_BODY_MIN_CHARS = 200

_WORDS = re.compile(r"\w+")


def read_html_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, text: Optional[str] = None) -> Iterator[Item]:
    """The article of an HTML file (``text``: its content, when already decoded)."""
    return read_decoded(path, article_from_html, max_bytes=max_bytes, text=text)


def looks_like_html(text: str) -> bool:
    """True for text that starts like an HTML page (a page saved as ``.txt`` is still a page)."""
    head = text.lstrip("\ufeff \t\r\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text[:4096].lower())


@dataclass(frozen=True)
class HtmlExtract:
    """What :func:`extract_html` finds in a page."""
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    site_name: Optional[str] = None
    url: Optional[str] = None


def _trafilatura_text(html: Union[str, bytes], url: Optional[str], **options: Any) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, **options) or ""


def extract_html(html: Union[str, bytes], *, url: Optional[str] = None,
                 with_metadata: bool = True) -> HtmlExtract:
    """The article body and metadata of an HTML page (the extraction ``.html`` ingestion uses).

    A precision-oriented trafilatura pass without comments; when it finds little text, a second
    pass with the default balance is taken instead if it finds more.  Metadata (title, original
    publication date by htmldate, author, site name) comes from trafilatura's metadata pass.
    """
    import trafilatura

    meta = None
    text = ""
    if with_metadata:
        meta = trafilatura.bare_extraction(html, url=url, include_comments=False, favor_precision=True,
                                           with_metadata=True)
        text = (getattr(meta, "text", None) or "") if meta is not None else ""
    else:
        text = _trafilatura_text(html, url, favor_precision=True)
    if len(text) < HTML_RETRY_CHARS:
        retry = _trafilatura_text(html, url)
        if len(retry) > len(text):
            text = retry
    text = _add_split_body(html, text, url=url)
    if meta is None:
        return HtmlExtract(text=text, url=url)
    text = _drop_title_line(text, meta.title)
    return HtmlExtract(
        text=text, title=meta.title or None, published=parse_date(meta.date),
        author=meta.author or None, site_name=meta.sitename or None, url=meta.url or url,
    )


def _shingle_set(text: str) -> set[tuple[str, ...]]:
    tokens = _WORDS.findall(text.lower())
    return {tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)}


def _add_split_body(html: Union[str, bytes], text: str, *, url: Optional[str]) -> str:
    """Add the rest of an article body that the page splits over sibling containers.

    Some sites cut one body into several elements of the same tag and class (with ads between);
    the extractor keeps the first.  When the extracted text covers one such element (70% of its
    4-shingles) and the others, each at least 30% of its size, not at all (5%), their text is
    extracted too and joined in document order.
    """
    import copy

    import lxml.html

    try:
        source = html if isinstance(html, str) else decode_bytes(html)
        source = re.sub(r"^\s*<\?xml[^>]*>", "", source)
        tree = lxml.html.document_fromstring(source)
    except (ValueError, IngestError, lxml.etree.ParserError):
        return text
    chars: dict[Any, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and (parent.get("class") or "").strip():
            chars[parent] = chars.get(parent, 0) + len(p.text_content().strip())
    groups: dict[tuple[str, str], list] = {}
    for element, n in chars.items():
        if n >= SPLIT_BODY_MIN_CHARS:
            groups.setdefault((element.tag, element.get("class")), []).append(element)
    candidates = [els for els in groups.values() if len(els) >= 2]
    if not candidates:
        return text
    elements = max(candidates, key=lambda els: sum(chars[e] for e in els))
    have = _shingle_set(text)
    cover = []
    for element in elements:
        grams = _shingle_set(" ".join(p.text_content() for p in element.iter("p")))
        cover.append(len(grams & have) / max(1, len(grams)))
    best = max(range(len(elements)), key=cover.__getitem__)
    rest = [e for i, e in enumerate(elements) if i != best]
    if (cover[best] < 0.7 or any(cover[i] > 0.05 for i in range(len(elements)) if i != best)
            or any(chars[e] < 0.3 * chars[elements[best]] for e in rest)):
        return text
    import trafilatura

    holder = lxml.html.document_fromstring("<html><body><article></article></body></html>")
    article = holder.find(".//article")
    for element in rest:
        article.append(copy.deepcopy(element))
    more = trafilatura.extract(holder, url=url, include_comments=False, favor_precision=True) or ""
    if not more.strip():
        return text
    before = [more] if best > 0 else []
    after = [more] if best == 0 else []
    return "\n".join(before + [text] + after)


def _drop_title_line(text: str, title: Optional[str]) -> str:
    """The body without a first line that repeats the page title (the headline lives in ``title``)."""
    if not title:
        return text
    first, _, rest = text.lstrip().partition("\n")
    squash = lambda s: " ".join(s.split()).casefold()  # noqa: E731
    if first.strip() and rest.strip() and (squash(first) == squash(title)
                                           or (len(first) > 20 and squash(title).startswith(squash(first)))):
        return rest.lstrip("\n")
    return text


def article_from_html(html: Union[str, bytes], *, path: str, source_path: Optional[Path] = None,
                      url: Optional[str] = None, fmt: str = "html") -> Item:
    """An Article from an HTML page; ``Rejected`` when the page has no article body."""
    try:
        page = extract_html(html, url=url)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many kinds on hostile markup
        return Rejected(path, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if not page.text.strip():
        return Rejected(path, "no article text found in HTML")
    meta = Metadata(url=page.url, title=page.title, author=page.author)
    if page.published:
        meta = meta.fill(published=page.published, published_how="html-meta",
                         published_evidence=f"htmldate: {page.published}"
                                            + (f" ({page.url})" if page.url else ""))
    body, header_removed, header_meta = split_text_header(page.text)
    if header_meta.published:  # a dateline or byline left in the body, when the page had no date
        meta = meta.fill(published=header_meta.published, published_how=header_meta.published_how,
                         published_evidence=header_meta.published_evidence)
    text, removed = clean_text(body)
    if header_meta.title and text.lstrip().startswith(header_meta.title):
        meta = meta.fill(title=header_meta.title)  # the headline survived boilerplate removal
    return build_article(text, [r for r in header_removed if r] + removed, meta, path=path, fmt=fmt,
                         source_path=source_path, site_name=page.site_name)

