"""Saving analyses (#18): several articles in one transaction, the article's row updated in place and
its text re-indexed for search only when it changed."""
from __future__ import annotations

import pytest

from storyline.model import Article, Event
from storyline.store import Store
from storyline.store.rows import analysis_rows


def _article(i: int, text: str) -> Article:
    return Article(id=f"a{i}", path=f"/tmp/{i}.txt", text=text, title=f"T{i}")


def _fts(store: Store) -> list:
    return store.db.conn.execute("select * from articles_fts_data order by id").fetchall()


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.save_articles([_article(1, "Envoys of Chile met in Lima."), _article(2, "Peru recalled its ambassador.")])
    yield store
    store.close()


def test_a_batch_is_saved_whole_or_not_at_all(store, monkeypatch):
    rows = analysis_rows(events=[Event(id="e2", article_id="a2", event_type="CONSULT")])
    broken = [(_article(1, "Envoys of Chile met in Lima."), analysis_rows()), (_article(2, "x"), rows)]
    original = store._write_rows

    def failing(table, columns, values, **kw):
        if table == "events":
            raise RuntimeError("disk gone")
        return original(table, columns, values, **kw)

    monkeypatch.setattr(store, "_write_rows", failing)
    with pytest.raises(RuntimeError):
        store.save_analyses(broken, fingerprint="fp")
    assert store.analysed_ids("fp") == set()           # the first article's save went with the batch
    monkeypatch.undo()
    store.save_analyses([(broken[0][0], analysis_rows()), (store.get_article("a2"), rows),
                         (_article(3, "Bolivia closed its border."), "it failed")], fingerprint="fp")
    assert store.analysed_ids("fp") == {"a1", "a2", "a3"}
    assert [e.id for e in store.events()] == ["e2"]
    assert store.get_article("a3").analysis_error == "it failed"


def test_saving_an_analysis_leaves_the_search_index_alone_unless_the_text_changed(store):
    before, order = _fts(store), store.db.conn.execute("select rowid, id from articles order by rowid").fetchall()
    store.save_analyses([(store.get_article("a1"), analysis_rows()), (store.get_article("a2"), "failed")],
                        fingerprint="fp")
    assert _fts(store) == before                       # nothing re-indexed: the texts are the same
    assert store.db.conn.execute("select rowid, id from articles order by rowid").fetchall() == order
    assert [r["id"] for r in store.search("ambassador")] == ["a2"]
    store.save_analyses([(_article(2, "Peru expelled the attaché."), analysis_rows())], fingerprint="fp")
    assert _fts(store) != before
    assert store.search("ambassador") == [] and [r["id"] for r in store.search("attaché")] == ["a2"]
    assert store.get_article("a2").text == "Peru expelled the attaché." and store.get_article("a2").title == "T2"
