from __future__ import annotations

import pytest

from storyline.model import ActorRef, Article, Event, Quote
from storyline.outputs.report import highlight, render_report

HOSTILE = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)>'


@pytest.mark.parametrize("text,spans,expected", [
    ("abc def", [(0, 3, "E")], '<mark title="E">abc</mark> def'),
    ("a<b", [], "a&lt;b"),
    ("abcdef", [(0, 4, "X"), (2, 6, "Y")], '<mark title="X; Y">abcdef</mark>'),
    ("abc", [(2, 9, "out of range")], "abc"),
])
def test_highlight(text, spans, expected):
    assert highlight(text, spans) == expected


def test_every_piece_of_article_text_is_escaped():
    article = Article(id="a", path=HOSTILE, text=HOSTILE, title=HOSTILE, source=HOSTILE, removed=(HOSTILE,),
                      published_evidence=HOSTILE)
    event = Event(id="e", article_id="a", event_type="ACCUSE", sentence=HOSTILE, start=0, end=10,
                  source=(ActorRef(HOSTILE, "RUS"),))
    quote = Quote(id="q", article_id="a", text=HOSTILE, start=0, end=5, speaker=HOSTILE, cue=HOSTILE)
    html = render_report(articles=[article], events=[event], quotes=[quote])
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("<script") == 1            # the page's own script only (no chart: no chart script)
    assert "&lt;script&gt;" in html


def test_each_event_shows_its_confidence_modality_and_evidence():
    article = Article(id="a", path="a.txt", text="Moscow said it met Beijing.")
    event = Event(id="e", article_id="a", event_type="CONSULT", start=0, end=27, confidence=0.72,
                  modality="reported", rule="lexicon_code", evidence=("rule lexicon_code 0.80", "reported ×0.9"))
    html = render_report(articles=[article], events=[event], event_threshold=0.5)
    assert 'title="rule lexicon_code 0.80; reported ×0.9">0.72 reported</span>' in html
    assert "1 event(s) (confidence ≥ 0.5)" in html
    plain = render_report(articles=[article], events=[Event(id="e", article_id="a", event_type="CONSULT")])
    assert 'class="badge conf"' not in plain     # events of older stores have none
