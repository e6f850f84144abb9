"""The JSON API and the pages, in process (Datasette's client) over the demo corpus's run and a
store whose text is hostile HTML."""
from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from serving import HOSTILE, Client
from storyline.errors import StoreRefused
from storyline.events.confidence import default_threshold


def test_events_filtered_by_actor_and_type(demo):
    body = demo.get("/api/events?actor=CHN&type=CONSULT").json()
    assert body["total"] > 0 and len(body["events"]) == body["total"]
    for e in body["events"]:
        assert e["event_type"] == "CONSULT"
        assert "CHN" in {r["code"] for r in e["source"] + e["target"]}
    every = demo.get("/api/events?limit=1000").json()
    assert {"id", "article_id", "sentence", "confidence", "source", "target"} <= set(every["events"][0])
    kept = default_threshold()   # the demo run's threshold
    assert all(e["confidence"] is None or e["confidence"] >= kept for e in every["events"])   # the run's events
    assert demo.get("/api/events?limit=2&offset=1").json()["events"] == every["events"][1:3]


def test_csv_has_the_same_count(demo):
    body = demo.get("/api/events?actor=CHN&type=CONSULT").json()
    answer = demo.get("/api/events.csv?actor=CHN&type=CONSULT")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert answer.headers["content-type"].startswith("text/csv")
    assert len(rows) == body["total"] and {r["id"] for r in rows} == {e["id"] for e in body["events"]}


def test_search_finds_the_olympics_article(demo):
    body = demo.get("/api/search?q=Olympics").json()
    articles = demo.get("/api/articles/" + body["results"][0]["article_id"]).json()
    assert body["counts"]["article"] >= 1 and "000_" in "".join(
        demo.get("/api/articles/" + r["article_id"]).json()["path"] for r in body["results"])
    assert all("<mark>Olympics</mark>" in r["snippet_html"] for r in body["results"])
    assert articles["events"] and "text" in articles


def test_story_lists_the_contacts_with_evidence_links(demo):
    page = demo.get("/").text
    timeline = demo.get("/api/timeline").json()["timeline"]
    contacts = [t for t in timeline if "CONSULT" in (t["event_types"] or [])]
    assert len(contacts) >= 3      # 4 before the confidence refit; "The meeting between ..." nouns are now held
    for t in contacts:
        first = t["evidence"][0]
        assert f'/article/{first["article_id"]}?ev={first["event_id"]}#evidence' in page


def test_bad_parameters_get_400_and_unknown_ids_404(demo):
    for url in ("/api/events?from=yesterday", "/api/events?limit=0", "/api/events?limit=x",
                "/api/events?quad=9", "/api/events?colour=red", "/api/events?actor=<b>",
                "/api/search?q=", "/api/search?q=x&kind=tweet", "/api/events?type=A&type=B"):
        answer = demo.get(url)
        assert answer.status_code == 400, url
        assert set(answer.json()) == {"ok", "status", "error"} and answer.json()["status"] == 400
    for url in ("/api/articles/nope", "/api/nothing", "/article/nope", "/actor/NOBODY"):
        assert demo.get(url).status_code == 404, url
    assert demo.get('/api/search?q=" OR (').status_code == 200          # FTS syntax from the user is text


def test_every_write_is_refused(demo):
    for url in ("/api/events", "/", "/storyline/events/-/insert", "/storyline/-/query"):
        answer = demo.post(url, json={"rows": [{"id": "x"}]})
        assert answer.status_code == 405 and answer.json()["status"] == 405


def test_hostile_text_is_escaped_everywhere(hostile):
    pages = ["/", "/article/h1", "/article/h1?ev=eh", "/actor/RUS", "/events", "/search?q=script", "/compare",
             "/search?q=pwned"]
    for url in pages:
        text = hostile.get(url).text
        assert "<script>window" not in text and "<img src=x" not in text, url
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in hostile.get("/article/h1").text
    assert hostile.get("/api/articles/h1").json()["title"] == HOSTILE        # JSON keeps the text as it is


def test_article_page_marks_events_quotes_and_timexes(hostile):
    page = hostile.get("/article/h1?ev=eh").text
    assert 'id="evidence"' in page and 'href="#t-th"' in page and 'href="#q-qh"' in page
    assert 'id="ev-eh" class="target"' in page and "boilerplate line(s) removed" in page


def test_events_below_the_threshold_are_not_served(hostile):
    assert hostile.get("/api/events").json()["total"] == 2
    assert hostile.get("/api/events?outlet=Plain%20Post").json()["total"] == 1
    assert hostile.get("/api/events?q=Later").json()["total"] == 0


def test_a_foreign_database_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "storyline.sqlite")
    conn.execute("create table invoices (id integer)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreRefused, match="not a Storyline store"):
        Client(tmp_path)
    with pytest.raises(StoreRefused, match="no Storyline store"):
        Client(tmp_path / "missing")
