"""Reading a big JSON text of the store a piece at a time (#18): the walk gives what ``json`` gives,
whatever the chunks cut, and a report section read that way is the one made from the whole value."""
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from storyline.store import jsonstream
from storyline.store.jsonstream import JSONStream, stored_json


def _walk(js: JSONStream):
    first = js.peek()
    if first == "{":
        return {key: _walk(js) for key in js.members()}
    if first == "[":
        return [_walk(js) for _ in js.elements()]
    return js.value()


def _reader(data: bytes):
    at = [0]

    def read(n: int) -> bytes:
        piece = data[at[0]:at[0] + n]
        at[0] += n
        return piece
    return read


def _value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice([0, -7, 12.5, -3.25e12, 1234567, "", "plain", 'a "quoted" word', "back\\slash",
                           "naïve “curly” ünïcode", None, True, False])
    if roll < 0.65:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return {f"key {i} ß\"": _value(rng, depth + 1) for i in range(rng.randint(0, 5))}


@pytest.mark.parametrize("chunk", [1, 3, 16, 1 << 20])
def test_walk_and_skip_agree_with_json_whatever_the_chunks(monkeypatch, chunk):
    monkeypatch.setattr(jsonstream, "CHUNK", chunk)
    rng = random.Random(chunk)
    for i in range(60):
        value = _value(rng)
        text = json.dumps(value, ensure_ascii=False, indent=1 if i % 3 == 0 else None)
        assert _walk(JSONStream(_reader(text.encode()))) == value
        js = JSONStream(_reader(text.encode()))
        if isinstance(value, dict):
            assert list(js.members()) == list(value)        # values left by the caller are skipped
        elif isinstance(value, list):
            assert sum(1 for _ in js.elements()) == len(value)
        else:
            js.skip()
        assert js.peek() == ""


def test_a_number_cut_by_a_chunk_is_read_whole(monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK", 2)
    js = JSONStream(_reader(b"[-25000000000.0, 17]"))
    assert [js.value() for _ in js.elements()] == [-25000000000.0, 17]


def test_stored_json_reads_a_text_column_in_chunks(monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK", 5)
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (key text, value_json text)")
    value = {"outlets": {"Daily “News”": [1, 2, 3]}, "n": 2}
    conn.execute("insert into t values ('a', ?)", [json.dumps(value, ensure_ascii=False)])
    with stored_json(conn, "t", "value_json", "key = ?", ["a"]) as js:
        assert _walk(js) == value
    assert stored_json(conn, "t", "value_json", "key = ?", ["b"]) is None
    conn.close()
