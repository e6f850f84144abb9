"""Migration 009_serve_speed: the served lists' kept decision follows the recorded threshold (and any
later write), and the events list is answered from an index (mechanism checks, not wall-clock)."""
from __future__ import annotations

import sqlite3

from builders import CHN, RUS, art, ev
from storyline.store import Store, query


def _store(path) -> Store:
    store = Store(path)
    a = art("a1", "Wire", "2022-02-04").replace(text="Putin and Xi spoke. They met. They argued.")
    events = [ev("e1", "a1", confidence=0.9, date="2022-02-04"),
              ev("e2", "a1", "ACCUSE", src=(CHN,), tgt=(RUS,), confidence=0.5, date="2022-02-05"),
              ev("e3", "a1", "ACCUSE", src=(CHN,), tgt=(RUS,), confidence=0.2, date=None)]
    store.save_articles([a])
    store.save_analysis(a, timexes=[], events=events, quotes=[], fingerprint="f")
    return store


def _served(conn, **filters):
    page = query.events(conn, query.EventFilters(**filters))
    return page["total"], [e["id"] for e in page["events"]]


def _actors(conn):
    return {a["code"]: (a["as_source"], a["as_target"], a["events"]) for a in query.actors(conn)["actors"]}


def test_the_kept_decision_follows_a_changed_threshold(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    conn = store.db.conn
    store.save_corpus(events=[], story_events=[], timeline=[], relations=[], stances=[], framing={},
                      event_threshold=0.3)
    assert query.summary(conn, "kept_events") == 2                  # precomputed with the threshold
    assert _served(conn) == (2, ["e1", "e2"])
    assert _served(conn, actor="CHN") == (2, ["e1", "e2"]) and _served(conn, source="CHN") == (1, ["e2"])
    assert _actors(conn) == {"RUS": (1, 1, 2), "CHN": (1, 1, 2)}
    # a re-run at another threshold re-analyses nothing: only the corpus stage records the new one
    store.save_corpus(events=[], story_events=[], timeline=[], relations=[], stances=[], framing={},
                      event_threshold=0.1)
    assert _served(conn) == (3, ["e1", "e2", "e3"]) and _served(conn, source="CHN") == (2, ["e2", "e3"])
    assert _actors(conn) == {"RUS": (1, 2, 3), "CHN": (2, 1, 3)}
    store.save_corpus(events=[], story_events=[], timeline=[], relations=[], stances=[], framing={},
                      event_threshold=0.95)
    assert _served(conn) == (0, []) and _actors(conn) == {}
    store.close()


def test_a_write_after_the_corpus_stage_is_never_served_stale(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    conn = store.db.conn
    store.save_corpus(events=[], story_events=[], timeline=[], relations=[], stances=[], framing={},
                      event_threshold=0.3)
    with store.db.atomic():                  # a user's own SQL, or a run killed before its corpus stage
        conn.execute("UPDATE run_settings SET value = 0.6 WHERE key = 'event_threshold'")
    assert query.summary(conn, "kept_events") is None                # stale: aggregated live instead
    assert _served(conn) == (1, ["e1"]) and _actors(conn) == {"RUS": (1, 0, 1), "CHN": (0, 1, 1)}
    assert _served(conn, actor="CHN") == (1, ["e1"])
    with store.db.atomic():
        conn.execute("UPDATE events SET confidence = 0.7 WHERE id = 'e2'")
    assert _served(conn) == (2, ["e1", "e2"]) and _actors(conn)["CHN"] == (1, 1, 2)
    store.close()


def _plan(conn, sql, params) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


def test_the_events_list_is_walked_in_a_covering_index(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    conn: sqlite3.Connection = store.db.conn
    for args in ({}, {"type": "CONSULT"}, {"quad": "4", "confidence": "0.8"}, {"from": "2021", "to": "2022-06"},
                 {"actor": "RUS", "type": "CONSULT"}, {"outlet": "Wire"}):
        f = query.EventFilters.parse(args)
        where, params = query._event_where(f)
        order = "e.date, e.id" if "from" in args else query.EVENT_ORDER      # as query.events orders
        page = _plan(conn, f"SELECT e.rowid FROM events e WHERE {where} ORDER BY {order} LIMIT 50", params)
        count = _plan(conn, f"SELECT count(*) FROM events e WHERE {where}", params)
        for plan in (page, count):
            assert any("USING COVERING INDEX idx_events_" in step for step in plan), (args, plan)
            assert not any(step.startswith("SCAN e") and "INDEX" not in step for step in plan), (args, plan)
        if not args.get("outlet"):          # an outlet is many articles: their events are sorted
            assert not any("TEMP B-TREE" in step for step in page), (args, page)
    store.close()
