"""The NLP stage: one failing article costs only itself; long articles are analysed in pieces."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.ingest import read_path
from storyline.model import Article
from storyline.nlp import (AnalysisFailure, DocRecords, analyse_stream, doc_to_records, make_doc,
                           split_text)

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "putin-xi"
MARKER = "Zorblax"


@Language.component("test_marker_raises")
def _marker_raises(doc: Doc) -> Doc:
    if MARKER in doc.text:
        raise ValueError("marker found")
    return doc


class _BatchRaiser:
    """A component with its own ``pipe``: a batch holding the marker fails as a whole, either handed
    to spaCy's error handler (as trainable components do) or raised past it."""

    def __init__(self, use_handler: bool) -> None:
        self.use_handler = use_handler

    def __call__(self, doc: Doc) -> Doc:
        if MARKER in doc.text:
            raise RuntimeError("batch with marker")
        return doc

    def pipe(self, docs, *, batch_size: int = 16):
        from spacy.util import minibatch

        for batch in minibatch(docs, size=2):
            try:
                for doc in batch:
                    self(doc)
                yield from batch
            except Exception as exc:
                if not self.use_handler:
                    raise
                self.error_handler("test_batch", self, batch, exc)

    def set_error_handler(self, handler) -> None:
        self.error_handler = handler

    def get_error_handler(self):
        return getattr(self, "error_handler", None) or _reraise


def _reraise(name, proc, docs, exc):
    raise exc


@Language.factory("test_batch_handled")
def _batch_handled(nlp, name):
    return _BatchRaiser(use_handler=True)


@Language.factory("test_batch_unhandled")
def _batch_unhandled(nlp, name):
    return _BatchRaiser(use_handler=False)


@Language.component("test_bad_records")
def _bad_records(doc: Doc) -> Doc:
    if MARKER in doc.text:
        doc._.timexes = [{"text": "no offsets"}]
    return doc


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        article = next(a for a in read_path(path) if isinstance(a, Article))
        out.append(article.replace(published=article.published or "2022-02-04"))
    return out


@pytest.fixture(scope="module")
def clean(nlp, articles) -> dict[str, DocRecords]:
    """Every corpus article's records from a plain run."""
    return {a.id: doc_to_records(nlp(make_doc(nlp, a)), a) for a in articles}


@pytest.fixture()
def with_pipe(nlp):
    """Add a test component to the session pipeline for one test (removed afterwards)."""
    added = []

    def add(factory: str, **where):
        nlp.add_pipe(factory, name=factory, **where)
        added.append(factory)

    yield add
    for name in added:
        nlp.remove_pipe(name)


def _faulty(articles: list[Article]) -> Article:
    base = articles[1]
    return base.replace(id="faulty", text=base.text + f"\n\nA man called {MARKER} said nothing.\n")


def _check_isolated(nlp, articles, clean, expected_reason: str, **kwargs) -> None:
    stream = articles[:2] + [_faulty(articles)] + articles[2:]
    out = list(analyse_stream(nlp, stream, batch_size=2, **kwargs))
    assert [a.id for a, _ in out] == [a.id for a in stream]
    results = {a.id: r for a, r in out}
    assert results.pop("faulty") == AnalysisFailure(expected_reason)
    assert results == clean


@pytest.mark.parametrize("factory,where,reason", [
    ("test_marker_raises", {"last": True}, "analysis failed in test_marker_raises: ValueError: marker found"),
    ("test_marker_raises", {"after": "tok2vec"}, "analysis failed in test_marker_raises: ValueError: marker found"),
    ("test_batch_handled", {"before": "ner"}, "analysis failed in test_batch_handled: RuntimeError: batch with marker"),
    ("test_batch_unhandled", {"before": "storyline_events"},
     "analysis failed in test_batch_unhandled: RuntimeError: batch with marker"),
    ("test_bad_records", {"last": True}, "analysis failed in doc_to_records: KeyError: 'start'"),
])
def test_a_failing_article_costs_only_itself(nlp, articles, clean, with_pipe, factory, where, reason):
    with_pipe(factory, **where)
    _check_isolated(nlp, articles, clean, reason)


def test_error_handlers_are_restored(nlp, articles, with_pipe):
    with_pipe("test_marker_raises", last=True)
    list(analyse_stream(nlp, [_faulty(articles)]))
    with pytest.raises(ValueError, match="marker found"):
        list(nlp.pipe([_faulty(articles).text]))


def test_tokenizer_failure_is_a_result(nlp, articles, clean):
    big = articles[0].replace(id="big", text="word " * (nlp.max_length // 5 + 10))
    out = dict((a.id, r) for a, r in analyse_stream(nlp, [big, articles[0]], chunk_chars=nlp.max_length * 2))
    assert isinstance(out["big"], AnalysisFailure) and "tokenizer: ValueError: [E088]" in out["big"].reason
    assert out[articles[0].id] == clean[articles[0].id]


def test_isolation_with_two_processes(nlp, articles, clean, with_pipe):
    with_pipe("test_marker_raises", last=True)
    started = time.perf_counter()
    _check_isolated(nlp, articles, clean, "analysis failed in test_marker_raises: ValueError: marker found",
                    n_process=2)
    assert time.perf_counter() - started < 60


# -- long articles ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,limit,pieces", [
    ("short", 10, ["short"]),
    ("one two\n\nthree four\nfive six", 16, ["one two\n\n", "three four\n", "five six"]),
    ("aa bb\ncc dd\n \n\nee ff gg", 15, ["aa bb\ncc dd\n \n\n", "ee ff gg"]),
    ("aa bb\ncc dd\n \n\nee ff gg", 14, ["aa bb\ncc dd\n \n", "\nee ff gg"]),
    ("aaaa bbbb cccc", 10, ["aaaa bbbb ", "cccc"]),
    ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
])
def test_split_text(text, limit, pieces):
    spans = split_text(text, limit)
    assert [text[a:b] for a, b in spans] == pieces
    assert all(b - a <= limit for a, b in spans)


def test_long_article_in_pieces(nlp, articles, clean):
    """Two corpus articles as one: cut between them, each piece gives its own article's records with
    every offset moved into the joined text."""
    first, second = articles[3], articles[4]
    joined = first.replace(id="joined", text=first.text + "\n\n" + second.text)
    limit = max(len(first.text), len(second.text)) + 2
    assert split_text(joined.text, limit) == [(0, len(first.text) + 2), (len(first.text) + 2, len(joined.text))]
    short = [a for a in articles if len(a.text) <= limit][:2]
    out = list(analyse_stream(nlp, [short[0], joined, short[1]], chunk_chars=limit))
    assert [a.id for a, _ in out] == [short[0].id, "joined", short[1].id]
    assert out[0][1] == clean[short[0].id] and out[2][1] == clean[short[1].id]
    merged = out[1][1]
    offset = len(first.text) + 2
    pieces = [first.replace(id="joined", text=first.text + "\n\n"),
              second.replace(id="joined", published=first.published)]
    alone = [doc_to_records(nlp(make_doc(nlp, piece)), piece) for piece in pieces]
    text = joined.text

    def timexes(records, shift=0):
        return [(t.start + shift, t.end + shift, t.text, t.value) for t in records.timexes]

    def events(records, shift=0):
        return [(e.start + shift, e.end + shift, e.event_type, e.cameo,
                 [(a.start + shift, a.end + shift, a.code) for a in e.source + e.target if a.start is not None])
                for e in records.events]

    def quotes(records, shift=0):
        return [(q.start + shift, q.end + shift, q.cue_start + shift, q.cue_end + shift,
                 [(a + shift, b + shift) for a, b in q.pieces]) for q in records.quotes]

    for view in (timexes, events, quotes):
        assert view(merged) == view(alone[0]) + view(alone[1], offset)
    assert any(t.start >= offset for t in merged.timexes) and any(e.start >= offset for e in merged.events)
    assert any(q.start >= offset for q in merged.quotes)
    assert all(text[t.start:t.end] == t.text for t in merged.timexes)
    assert all(text[a.start:a.end] == a.text for e in merged.events for a in e.source + e.target
               if a.start is not None)
    assert all(text[q.cue_start:q.cue_end] == q.cue for q in merged.quotes if q.cue_start is not None)
    ids = [r.id for r in merged.timexes + merged.events + merged.quotes]
    assert len(ids) == len(set(ids))


def test_short_article_records_unchanged(nlp, articles, clean):
    assert dict((a.id, r) for a, r in analyse_stream(nlp, articles)) == clean


def test_a_text_written_one_sentence_per_line_breaks_at_its_lines(nlp):
    # a line that ends in a closing quotation mark must not run into the next line's sentence
    text = ("The envoy arrived in the capital .\n"
            "`` We are here to listen , '' she said .\n"
            "`` Nobody kept the promises made last year . ''\n"
            "`` We refuse this plan , '' a council member said .\n"
            "Talks resume on Friday .\n")
    starts = [s.text.split()[:2] for s in nlp(text).sents]
    assert ["``", "We"] in starts and ["``", "Nobody"] in starts
    assert len(starts) == 5


def test_hard_wrapped_prose_keeps_its_sentences_across_line_breaks(nlp):
    text = ("The minister said on Monday that the\n"
            "talks would continue next week in\n"
            "Geneva despite the objections raised\n"
            "by several delegations at the close\n"
            "of the last round of negotiations.\n")
    assert len(list(nlp(text).sents)) == 1
