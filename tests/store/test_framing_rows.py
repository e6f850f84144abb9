"""Framing kept as rows (#18): the record read back is the one written, from a record in memory, from
the corpus stages' writer and from a store of the JSON values kept before; no stored value grows
with the corpus."""
from __future__ import annotations

import json

from storyline.corpus.framing import analyse_framing, framing_from_parts, framing_part
from storyline.model import Article, Quote, StoryEvent
from storyline.store import Store
from storyline.store.framing import FramingWriter, migration_013_framing_rows

_OUTLETS = ("Daily One", "The Second Herald", "Third Wire", "Ünïcode Post")


def _corpus(n: int) -> tuple[list[Article], list[Quote], list[StoryEvent]]:
    """Articles of four outlets (one never reports a story event), some copies, quotes in some, with
    loaded words and opinion; story events reported by one to three outlets, some by none."""
    articles = [Article(id=f"a{i}", path=f"/x/a{i}.txt", source=_OUTLETS[i % 4], published=f"2023-05-{1 + i % 27:02d}",
                        duplicate_of="a0" if i % 13 == 12 else None,
                        text=(f"The regime's brutal crackdown, round {i}, was a disgrace. We are clearly outraged! "
                              "“Our people will never surrender to these thugs,” the leader said. "
                              "Officials may perhaps meet again."))
                for i in range(n)]
    quotes = [Quote(id=f"q{i}", article_id=f"a{i}", text="Our people will never surrender to these thugs",
                    start=90, end=136) for i in range(0, n, 3)]
    stories = [StoryEvent(id=f"s{i}", date=None if i % 11 == 0 else f"2023-05-{1 + i % 20:02d}",
                          summary=f"Ministers met, session {i}", background=i % 5 == 0,
                          article_ids=tuple(f"a{j}" for j in range(i % n, min(n, i % n + i % 3)) if j % 4 != 3),
                          sources=("Elsewhere Daily",) if i % 7 == 0 else (), event_types=("CONSULT",),
                          actors=("RUS", "CHN")) for i in range(3 * n)]
    return articles, quotes, stories


def test_a_framing_record_read_back_from_its_rows_is_the_one_written(tmp_path):
    articles, quotes, stories = _corpus(40)
    framing = analyse_framing(articles, quotes=quotes, events=[], story_events=stories)
    assert framing["sources"]["Daily One"]["loaded_terms"] and framing["sources"]["Third Wire"]["opinion_passages"]
    assert any(not any(row.values()) for row in framing["coverage"].values())
    store = Store(tmp_path / "s.sqlite")
    store.finish_corpus(timeline=[], relations=[], stances=[], framing=framing)
    assert store.framing() == framing
    assert json.dumps(store.framing(), ensure_ascii=False) == json.dumps(framing, ensure_ascii=False)   # the same order
    store.start_corpus()
    assert store.framing() == {}
    empty = {"sources": {}, "coverage": {}, "story_events": {}}
    store.finish_corpus(timeline=[], relations=[], stances=[], framing=empty)
    assert store.framing() == empty


def test_the_stages_writer_makes_the_rows_of_the_record_in_memory(tmp_path):
    articles, quotes, stories = _corpus(40)
    framing = analyse_framing(articles, quotes=quotes, events=[], story_events=stories)
    by_article = {q.article_id: [q] for q in quotes}
    parts = [(a.id, json.loads(json.dumps(framing_part(a, by_article.get(a.id, ())))))
             for a in articles if not a.duplicate_of]
    store = Store(tmp_path / "s.sqlite")
    writer = framing_from_parts(iter(parts), n_events={}, story_events=iter(stories),
                                writer=FramingWriter(store.db.conn))
    store.finish_corpus(timeline=[], relations=[], stances=[], framing=writer)
    assert store.framing() == framing


def test_no_stored_framing_value_grows_with_the_corpus(tmp_path):
    lengths = []
    for n in (20, 200):
        articles, quotes, stories = _corpus(n)
        store = Store(tmp_path / f"s{n}.sqlite")
        store.finish_corpus(timeline=[], relations=[], stances=[],
                            framing=analyse_framing(articles, quotes=quotes, events=[], story_events=stories))
        conn = store.db.conn
        longest = max(conn.execute(f"select max(length({c})) from [{t}]").fetchone()[0] or 0
                      for t, c in (("framing_outlets", "record_json"), ("framing_items", "item_json"),
                                   ("framing_story_events", "info_json"), ("framing", "value_json")))
        lengths.append((longest, conn.execute("select count(*) from framing_items").fetchone()[0]))
    (small, items_small), (big, items_big) = lengths
    assert items_big > 5 * items_small and big < 1.2 * small


def test_the_json_values_of_an_older_store_become_rows(tmp_path):
    articles, quotes, stories = _corpus(30)
    framing = analyse_framing(articles, quotes=quotes, events=[], story_events=stories)
    store = Store(tmp_path / "s.sqlite")
    conn = store.db.conn
    conn.executemany("insert into framing (key, value_json) values (?, ?)",
                     [(k, json.dumps(v, ensure_ascii=False)) for k, v in framing.items()])
    migration_013_framing_rows(store.db)
    assert store.framing() == framing
    assert conn.execute("select count(*) from framing where value_json is not null").fetchone()[0] == 0


def test_a_record_written_again_replaces_the_one_stored(tmp_path):
    articles, quotes, stories = _corpus(12)
    first = analyse_framing(articles, quotes=quotes, events=[], story_events=stories)
    second = analyse_framing(articles[:5], quotes=[], events=[], story_events=stories[:4])
    store = Store(tmp_path / "s.sqlite")
    for framing in (first, second):
        store.finish_corpus(timeline=[], relations=[], stances=[], framing=framing)
    assert store.framing() == second
    store.finish_corpus(timeline=[], relations=[], stances=[], framing={})
    assert store.framing() == {}
