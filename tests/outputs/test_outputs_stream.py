"""write_outputs reads the store a batch at a time (#18): its memory does not grow with the corpus,
its files are those of the stored records in the store's order, and the report it streams to disk
is the page :func:`render_report` makes of the same records held in lists.  No wall-clock figure:
memory is measured with tracemalloc, on stores of N and 4N generated articles."""
from __future__ import annotations

import gc
import json
import tracemalloc
import weakref

import pytest

from storyline.model import ActorRef, Article, Event, Quote, TimelineEntry, TimeRef
from storyline.outputs import write_outputs
from storyline.outputs.report import render_report
from storyline.store import Store, streams

WORDS = "the council said on monday that talks with the envoys of the northern provinces would resume".split()


def _article(i: int) -> tuple[Article, list[Event], list[Quote], list[TimeRef]]:
    aid = f"art{i:05d}"
    body = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(300)) + "."
    text = f'The mayor of town {i} met the governor. "We agreed on roads," she said. {body}'
    article = Article(id=aid, path=f"{aid}.txt", text=text, title=f"Roads deal {i}", source=f"Outlet {i % 7}",
                      published=f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}", published_how="header")
    events = [Event(id=f"{aid}-e{k}", article_id=aid, event_type=("CONSULT", "AGREE")[k], start=0, end=38,
                    source=(ActorRef("mayor", f"M{i % 40:02d}", "GOV"),), target=(ActorRef("governor", "GOV"),),
                    sentence=text[:38], confidence=(0.9, 0.2)[k] if i % 3 else None) for k in range(2)]
    quotes = [Quote(id=f"{aid}-q", article_id=aid, text=text[39:59], start=39, end=59, speaker="she", cue="said")]
    timexes = [TimeRef(id=f"{aid}-t", article_id=aid, text="monday", type="DATE", start=text.index("monday"),
                       end=text.index("monday") + 6, value="2020-01-06")]
    return article, events, quotes, timexes


def _store(path, n: int) -> Store:
    store = Store(path)
    for i in range(n):
        article, events, quotes, timexes = _article(i)
        store.save_articles([article])
        store.save_analysis(article, timexes=timexes, events=events, quotes=quotes, fingerprint="f")
    return store


def _peaks(store: Store, out) -> tuple[int, int]:
    """While writing every output of ``store``: the most article, event and quote objects alive at
    once, and tracemalloc's peak (bytes above what was held before).  CPython keeps some memory of
    freed records (its free lists) until a full collection, which a short run never makes: one is
    made at every batch of rows read here, so the peak is what the code holds, not that slack."""
    alive, most = weakref.WeakSet(), [0]
    with pytest.MonkeyPatch.context() as patch:
        for cls in (Article, Event, Quote):
            def init(self, *args, _init=cls.__init__, **kwargs):
                _init(self, *args, **kwargs)
                alive.add(self)
                most[0] = max(most[0], len(alive))
            patch.setattr(cls, "__init__", init)
        out.mkdir()
        rows = streams.StreamReads._iter_rows

        def collected_rows(self, *args, **kwargs):
            for i, row in enumerate(rows(self, *args, **kwargs)):
                if i % streams.FETCH_ROWS == 0:
                    gc.collect()
                yield row
        patch.setattr(streams.StreamReads, "_iter_rows", collected_rows)
        gc.collect()
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            write_outputs(store, out, event_threshold=0.5)
            return most[0], tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()


def test_the_memory_of_writing_outputs_does_not_grow_with_the_corpus(tmp_path, monkeypatch):
    small, large = _store(tmp_path / "small.sqlite", 100), _store(tmp_path / "large.sqlite", 400)
    write_outputs(small, (tmp_path / "warm").mkdir() or tmp_path / "warm")   # templates compiled, caches filled
    monkeypatch.setattr(streams, "FETCH_ROWS", 20)     # batches of 20 articles: N and 4N are many batches
    (records_small, bytes_small), (records_large, bytes_large) = (_peaks(small, tmp_path / "s"),
                                                                  _peaks(large, tmp_path / "l"))
    # holding the corpus (its articles, their records, the page as one string) makes both grow
    # about 4x from N to 4N; one batch at a time keeps them where they were
    assert records_large == records_small <= 6 * 20, (records_small, records_large)
    assert bytes_large < 1.5 * bytes_small, (bytes_small, bytes_large)
    print(f"records alive {records_small} / {records_large}, traced peak {bytes_small} / {bytes_large} B")
    assert len((tmp_path / "l" / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 400


def test_the_streamed_files_are_the_stored_records_in_order(tmp_path):
    store = _store(tmp_path / "s.sqlite", 45)
    write_outputs(store, tmp_path, event_threshold=0.5)

    def lines(name):
        return (tmp_path / name).read_text(encoding="utf-8").splitlines()
    assert lines("articles.jsonl") == [json.dumps(a.to_dict(), ensure_ascii=False) for a in store.articles()]
    assert lines("events.jsonl") == [json.dumps(e.to_dict(), ensure_ascii=False) for e in store.events(threshold=0.5)]
    assert lines("quotes.jsonl") == [json.dumps(q.to_dict(), ensure_ascii=False) for q in store.quotes()]
    assert len(lines("events.jsonl")) == 45 + 15          # the held events (0.2) are not among them
    assert list(store.iter_events(threshold=0.5, batch=7)) == store.events(threshold=0.5)


@pytest.mark.parametrize("views", [1000, 10])
def test_the_streamed_report_is_the_page_of_the_same_records(tmp_path, views):
    store = _store(tmp_path / "s.sqlite", 30)
    entry = TimelineEntry(date="2020-03-03", summary="Roads deal signed", event_ids=("art00025-e0",),
                          article_ids=("art00025",), sources=("Outlet 4",), event_types=("CONSULT",))
    store.save_corpus(events=[], story_events=[], timeline=[entry], relations=[], stances=[], framing={})
    write_outputs(store, tmp_path, event_threshold=0.5, article_views=views)
    streamed = (tmp_path / "report.html").read_text(encoding="utf-8")
    held = render_report(articles=store.articles(), events=store.events(threshold=0.5), quotes=store.quotes(),
                         timexes=store.timexes(), timeline=store.timeline(), event_threshold=0.5,
                         article_views=views)
    assert streamed == held
    # the first ``views`` articles' full views, and that of the article the timeline links to
    assert streamed.count('<template class=article-tpl') == min(views + 1, 30)
    assert 'id="art-art00025"' in streamed and 'href="#ev-art00025-e0"' in streamed
    assert ('id=views-note' in streamed) == (views < 30)
    assert "30 article(s) from 7 outlet(s)" in streamed and "40 event(s) (confidence ≥ 0.5)" in streamed


def test_a_json_list_written_an_item_at_a_time_is_the_one_dumped_whole():
    """relations.json is written an item at a time (#18): the same text as the list dumped whole."""
    from storyline.outputs import _json, _json_list

    for value in ([], [{}], [{"a": [1, {"b": "two\nlines"}], "c": "é", "d": {}}], [{"a": 1}, {"b": [], "c": 2.5}, [1, []]]):
        assert "".join(_json_list(iter(value))) == "".join(_json(value))
        assert json.loads("".join(_json_list(iter(value)))) == value
