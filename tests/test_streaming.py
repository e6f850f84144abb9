"""Bounded memory (#18): reading is lazy, and the corpus stages read article texts from the store as a
stream, never all at once.  Checked by mechanisms (which files were opened, which store readers were
called, how many article texts were alive at once), not by timing or by the process's memory."""
from __future__ import annotations

import gc
import json

import pytest

import storyline.incremental
import storyline.store.streams
from storyline import pipeline
from storyline.cli.progress import NullProgress
from storyline.model import Article
from storyline.store import Store

from builders import RUS, ev

WORDS = ("talks ministers border trade sanctions envoy summit treaty ceasefire election parliament "
         "budget protest court ruling pipeline export tariff army navy").split()


def _text(n: int) -> str:
    """A text of its own for article ``n`` (no two are near copies), with a date in it."""
    words = [WORDS[(n * 7 + i * (n % 5 + 1)) % len(WORDS)] + str(n * 31 + i) for i in range(60)]
    return f"On 3 March 2020 the ministers met. {' '.join(words)}. The envoy spoke again on Monday."


def test_read_inputs_opens_the_next_file_only_when_asked(tmp_path, parsed):
    for n in range(3):
        (tmp_path / f"f{n}.txt").write_text(_text(n), encoding="utf-8")
    opened = parsed
    items = pipeline.read_inputs([tmp_path])
    assert opened == []                                 # a generator: nothing read yet
    file, _, marker = next(items)
    assert marker is None and file.endswith("f0.txt")   # the file is announced before it is read
    _, _, first = next(items)
    assert isinstance(first, Article) and opened == ["f0.txt"]
    file, _, marker = next(items)
    assert marker is None and opened == ["f0.txt"]      # f1 announced, not yet read
    assert isinstance(next(items)[2], Article) and opened == ["f0.txt", "f1.txt"]


def test_reading_is_staged_in_the_store_not_held(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": _text(n), "time": "2020-03-04"}) + "\n" for n in range(12))
                      + json.dumps({"text": _text(0), "time": "2020-03-04"}) + "\n", encoding="utf-8")
    store = Store(tmp_path / "s.sqlite")
    reading = pipeline.stage_inputs(store, pipeline.read_inputs([corpus]))
    assert reading.articles == 13 and len(reading.files) == 1
    plan = pipeline.plan_articles(store, reading)
    assert plan.duplicates == 1 and len(plan.originals) == 12
    # the same text from the same outlet is the same article, read twice: one article, two inputs
    assert len(store.articles()) == 12 and store.db.execute("select count(*) from inputs").fetchone()[0] == 13
    staged = store.db.execute("select count(*) from sqlite_temp_master where name = 'staged'").fetchone()[0]
    assert staged == 0                                  # the staging table is dropped once planned


@pytest.fixture
def big_store(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    articles = [Article(id=f"streamed{n:03d}", path=f"a{n:03d}.txt", text=_text(n), source=f"outlet{n % 3}",
                        published="2020-03-05") for n in range(40)]
    store.save_articles(articles)
    for n, a in enumerate(articles):
        store.save_analysis(a, timexes=(), quotes=(), fingerprint="x",
                            events=[ev(f"e{n}", a.id, src=(RUS,), date="2020-03-03", sentence=a.text[:80])])
    del articles, a                                     # the test counts the article texts alive
    yield store
    store.close()


def test_corpus_stages_read_article_texts_a_batch_at_a_time_and_once(big_store, monkeypatch):
    monkeypatch.setattr(storyline.store.streams, "FETCH_ROWS", 4)
    monkeypatch.setattr(storyline.incremental, "_SHARE_BATCH", 4)
    monkeypatch.setattr(Store, "articles", lambda *a, **k: pytest.fail("corpus stages loaded every article"))
    monkeypatch.setattr(Store, "timexes", lambda *a, **k: pytest.fail("corpus stages loaded every time expression"))
    real_iter, real_get = Store.iter_articles, Store.get_articles
    peak, read = [0], []

    def light(self, *args, **kw):
        assert kw.get("text") is False, "corpus stages streamed every text"
        yield from real_iter(self, *args, **kw)

    def counting(self, ids):
        got = real_get(self, ids)
        read.extend(got)
        # only this store's articles: other tests of the session may keep Articles of their own alive
        alive = sum(1 for o in gc.get_objects() if type(o) is Article and o.text and o.id.startswith("streamed"))
        peak[0] = max(peak[0], alive)
        return got

    monkeypatch.setattr(Store, "iter_articles", light)
    monkeypatch.setattr(Store, "get_articles", counting)
    assert pipeline.corpus_stages(big_store, progress=NullProgress()) == []
    assert sorted(set(read)) == [f"streamed{n:03d}" for n in range(40)]   # framing, salience, background
    assert 0 < peak[0] <= 2 * 4, peak[0]                 # the batch in hand and the one before it
    assert big_store.story_events() and big_store.framing()["sources"]
    framing, read[:] = big_store.framing(), []
    assert pipeline.corpus_stages(big_store, progress=NullProgress()) == []
    assert read == [] and big_store.framing() == framing  # each article's shares are kept: no text read again


def test_stream_and_list_give_the_same_corpus_records(big_store):
    """The streaming stages agree with the stages run on lists loaded whole."""
    from storyline.corpus.framing import analyse_framing
    from storyline.corpus.linking import link_events
    from storyline.corpus.timeline import build_timeline, select_entries

    pipeline.corpus_stages(big_store, progress=NullProgress())
    articles, events = big_store.articles(), big_store.events(threshold=0.0)
    linked, story_events = link_events(events, articles)
    timeline = select_entries(build_timeline(story_events, linked, articles, big_store.timexes()), articles)
    assert [t.to_dict() for t in timeline] == [t.to_dict() for t in big_store.timeline()]
    assert analyse_framing(articles, quotes=[], events=linked, story_events=story_events) == big_store.framing()
