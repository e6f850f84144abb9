"""Duplicate marking: exact copies by hash, near copies by MinHash LSH, first one wins."""
from __future__ import annotations

import random

import pytest

from storyline.ingest.dedup import mark_duplicates, shingles
from storyline.model import Article, content_hash, make_id

WORDS = ("russia china nato putin xi beijing moscow summit statement security alliance trade gas oil "
         "sanctions ukraine taiwan talks leaders agreed warned said friday meeting pact expansion").split()


def _story(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def _article(text: str, name: str) -> Article:
    digest = content_hash(text)
    return Article(id=make_id(name, digest), path=name, text=text, content_hash=digest)


def test_exact_and_near_duplicates_point_at_the_first():
    base = _story(1)
    near = base.replace(".", " reported by another outlet today.")  # a few words added at the end
    items = [_article(base, "a"), _article(_story(2), "b"), _article(base, "c"), _article(near, "d"),
             _article(_story(3), "e")]
    out = mark_duplicates(items)
    assert [a.duplicate_of for a in out] == [None, None, items[0].id, items[0].id, None]
    assert [a.id for a in out] == [a.id for a in items]


def test_order_decides_the_original():
    base = _story(7)
    a, b = _article(base, "a"), _article(base + " Extra closing words here.", "b")
    assert mark_duplicates([b, a])[1].duplicate_of == b.id
    assert mark_duplicates([a, b])[1].duplicate_of == a.id


@pytest.mark.parametrize("threshold,marked", [(0.5, True), (0.95, False)])
def test_threshold(threshold, marked):
    base = _story(11, 200)
    words = base.split()
    edited = " ".join(words[:150] + ["different"] * 5 + words[155:])
    out = mark_duplicates([_article(base, "a"), _article(edited, "b")], threshold=threshold)
    assert (out[1].duplicate_of is not None) is marked


def test_distinct_articles_untouched_and_deterministic():
    items = [_article(_story(s), f"p{s}") for s in range(50)]
    first = mark_duplicates(items)
    assert all(a.duplicate_of is None for a in first)
    assert first == mark_duplicates(items)


def test_many_copies_scale_and_chain_to_one_root():
    base = _story(5, 300)
    items = [_article(base + f" Footer number {i}.", f"x{i}") for i in range(200)]
    out = mark_duplicates(items)
    assert out[0].duplicate_of is None
    assert {a.duplicate_of for a in out[1:]} == {items[0].id}


def test_empty_and_tiny_texts():
    items = [_article("", "e1"), _article("", "e2"), _article("Hi there.", "t1"), _article("Hi there.", "t2")]
    out = mark_duplicates(items)
    assert [a.duplicate_of for a in out] == [None, items[0].id, None, items[2].id]


@pytest.mark.parametrize("text,count", [("a b c d e f", 2), ("a b", 1), ("", 0), ("A, B. c d e", 1)])
def test_shingles(text, count):
    assert len(shingles(text)) == count
