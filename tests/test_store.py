from __future__ import annotations

import sqlite3

import pytest

from storyline.model import ActorRef, Article, Event, Quote, TimeRef
from storyline.store import MIGRATIONS, Store


def _article(i: int, text: str = "Putin met Xi in Beijing.") -> Article:
    return Article(id=f"a{i}", path=f"/tmp/{i}.txt", text=text, title=f"T{i}", removed=("Share",))


def test_migrations_recorded_once(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    store.close()
    again = Store(tmp_path / "s.sqlite")
    assert again.migrate() == []


def test_quote_pieces_round_trip_and_older_stores_get_one_piece(tmp_path):
    path = tmp_path / "s.sqlite"
    store = Store(path)
    art = _article(1, text="“A,” he said, “B.”")
    split = Quote(id="q1", article_id="a1", text="“A,” he said, “B.”", start=0, end=18, pieces=((0, 4), (14, 18)))
    store.save_analysis(art, timexes=[], events=[], quotes=[split], fingerprint="fp1")
    assert store.quotes() == [split]
    # a store written before pieces existed: its quotes read back as one piece each
    store.db.conn.execute("UPDATE quotes SET pieces = NULL")
    store.db.conn.execute("DELETE FROM _migrations WHERE name = '002_quote_pieces'")
    store.db.conn.commit()
    store.close()
    again = Store(path)
    assert again.quotes()[0].pieces == ((0, 18),)
    assert again.quotes()[0].content_spans() == ((0, 18),)
    assert Quote(id="q", article_id="a", text="x", start=3, end=9).content_spans() == ((3, 9),)
    again.close()


def test_analysis_round_trip_and_replace(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    art = _article(1)
    event = Event(id="e1", article_id="a1", event_type="CONSULT", source=(ActorRef("Putin", "RUS", "GOV"),),
                  negated=False, intent=True, sentence="Putin met Xi in Beijing.", start=0, end=24)
    store.save_analysis(art, timexes=[TimeRef(0, 4, "2020", "DATE", "2020", id="t1", article_id="a1")],
                        events=[event], quotes=[Quote(id="q1", article_id="a1", text="x", start=0, end=1)],
                        fingerprint="fp1")
    assert store.analysed_ids("fp1") == {"a1"}
    assert store.analysed_ids("fp2") == set()
    assert store.events() == [event]
    assert store.get_article("a1").removed == ("Share",)
    # Re-analysis replaces, never duplicates.
    store.save_analysis(art, timexes=[], events=[event], quotes=[], fingerprint="fp1")
    assert len(store.events()) == 1 and store.quotes() == [] and store.timexes() == []


def test_changed_file_replaces_old_article(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.save_articles([_article(1)])
    store.save_articles([Article(id="a1-new", path="/tmp/1.txt", text="New text")])
    assert [a.id for a in store.articles()] == ["a1-new"]


def test_full_text_search(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.save_articles([_article(1), _article(2, "Biden spoke with Scholz.")])
    assert [r["id"] for r in store.search("Scholz")] == ["a2"]


def test_failed_transaction_leaves_store_unchanged(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.save_articles([_article(1)])
    bad = Event(id="e", article_id="a1", event_type="CONSULT", sentence=object())  # not storable
    with pytest.raises((sqlite3.Error, TypeError, ValueError)):
        store.save_analysis(_article(1), timexes=[], events=[bad], quotes=[], fingerprint="fp")
    assert store.analysed_ids("fp") == set()
    assert store.events() == []
