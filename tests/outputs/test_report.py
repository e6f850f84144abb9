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
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
