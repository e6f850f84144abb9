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


def test_a_store_of_the_earlier_migration_table_is_adopted_and_upgraded(tmp_path):
    import sqlite_utils

    from storyline.store import _migration_001_tables, _migration_002_quote_pieces

    path = tmp_path / "old.sqlite"
    db = sqlite_utils.Database(path)
    _migration_001_tables(db)
    _migration_002_quote_pieces(db)
    db["_migrations"].insert_all([{"name": "001_tables", "applied_at": "x"},
                                  {"name": "002_quote_pieces", "applied_at": "y"}], pk="name")
    db["articles"].insert({"id": "old", "path": "/tmp/a.txt", "text": "Old id scheme."})
    db.conn.commit()
    db.close()
    store = Store(path)
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    assert "_migrations" not in store.db.table_names()
    assert store.articles() == []  # ids of the path-based scheme are dropped: the next run re-reads
    store.close()


def test_quote_pieces_round_trip_and_older_stores_get_one_piece(tmp_path):
    path = tmp_path / "s.sqlite"
    store = Store(path)
    art = _article(1, text="“A,” he said, “B.”")
    split = Quote(id="q1", article_id="a1", text="“A,” he said, “B.”", start=0, end=18, pieces=((0, 4), (14, 18)))
    store.save_analysis(art, timexes=[], events=[], quotes=[split], fingerprint="fp1")
    assert store.quotes() == [split]
    # a store written before pieces existed: its quotes read back as one piece each
    store.db.conn.execute("UPDATE quotes SET pieces = NULL")
    store.db.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '002_quote_pieces'")
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


def _sync(store, file, *articles, rejected=()):
    return store.sync_inputs(files=[(file, file.encode())],
                             inputs=[(a.path, file, file.encode(), a.id) for a in articles],
                             articles=list(articles), rejected=[(file, r) for r in rejected])


def test_re_reading_a_file_replaces_what_it_gave_before(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    old, kept = _article(1), _article(2, "Biden spoke with Scholz.")
    assert _sync(store, "/tmp/f.jsonl", old, kept) == 0
    store.save_analysis(old, timexes=[], events=[Event(id="e", article_id="a1", event_type="CONSULT")],
                        quotes=[], fingerprint="fp")
    # the file now holds the second record and a new one: the first is gone with its analysis
    new = Article(id="a3", path="/tmp/f.jsonl:2", text="New text")
    assert _sync(store, "/tmp/f.jsonl", kept, new) == 1
    assert [a.id for a in store.articles()] == ["a2", "a3"] and store.events() == []


def test_an_article_another_file_still_gives_is_kept(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    art = _article(1)
    _sync(store, "/tmp/f.txt", art)
    _sync(store, "/tmp/copy.txt", art)
    assert _sync(store, "/tmp/f.txt") == 0  # f.txt now gives nothing, copy.txt still gives it
    assert [a.id for a in store.articles()] == ["a1"]


def test_articles_whose_input_files_are_gone_are_found_and_pruned(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    here = tmp_path / "here.txt"
    here.write_text("x")
    store.sync_inputs(files=[(str(here), bytes(here))], inputs=[("h", str(here), bytes(here), "a1")],
                      articles=[_article(1)], rejected=[])
    gone = str(tmp_path / "gone.txt")
    store.sync_inputs(files=[(gone, gone.encode())], inputs=[("g", gone, gone.encode(), "a2")],
                      articles=[_article(2, "Gone.")], rejected=[])
    assert store.orphaned_ids() == ["a2"]
    assert store.prune(["a2"]) == 1
    assert [a.id for a in store.articles()] == ["a1"] and store.orphaned_ids() == []


def test_a_date_change_drops_the_analysis_made_with_the_old_date(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    art = _article(1)
    _sync(store, "/tmp/f.txt", art)
    store.save_analysis(art, timexes=[], events=[], quotes=[], fingerprint="fp")
    assert store.pending("fp") == []
    _sync(store, "/tmp/f.txt", art.replace(published="2024-05-16"))
    assert [a.id for a in store.pending("fp")] == ["a1"]


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


def _scored(eid: str, confidence) -> Event:
    return Event(id=eid, article_id="a1", event_type="CONSULT", confidence=confidence, start=len(eid))


def test_every_event_is_stored_and_the_threshold_decides_which_are_the_runs(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    events = [_scored("e1", 0.9), _scored("e22", 0.5), _scored("e333", 0.2), _scored("e4444", None)]
    store.save_analysis(_article(1), timexes=[], events=events, quotes=[], fingerprint="fp")
    assert [e.id for e in store.events()] == ["e1", "e22", "e333", "e4444"]
    assert [e.id for e in store.events(threshold=0.5)] == ["e1", "e22", "e4444"]   # no confidence: kept
    assert [e.id for e in store.events(threshold=0.5, held=True)] == ["e333"]
    assert store.event_counts(0.5) == (3, 1) and store.event_counts(0.95) == (1, 3)
    # No run recorded a threshold yet: the views keep everything.
    assert store.event_threshold() is None
    assert store.db.execute("select count(*) from kept_events").fetchone()[0] == 4
    # The corpus tables record theirs; the views follow it, and a held event belongs to no story.
    store.db.execute("update events set story_event = 's' where id = 'e333'")
    store.save_corpus(events=store.events(threshold=0.6), story_events=[], timeline=[], relations=[],
                      stances=[], framing={}, event_threshold=0.6)
    assert store.event_threshold() == 0.6
    assert [r[0] for r in store.db.execute("select id from kept_events order by id")] == ["e1", "e4444"]
    assert [r[0] for r in store.db.execute("select id from held_events order by id")] == ["e22", "e333"]
    assert store.db.execute("select story_event from events where id = 'e333'").fetchone()[0] is None
    store.close()
