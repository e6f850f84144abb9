"""A weekday told as a possessive ("Tuesday's vote") in a next-day paper is the past weekday of that
week, not the next one (#15: "Just before Wednesday's ... summit" in a Thursday article)."""
from __future__ import annotations

import pytest

from storyline.timex import extract_timexes


@pytest.mark.parametrize("text,dct,word,value", [
    ("Shortly ahead of Tuesday's parliamentary vote, the party replaced its leader.", "2022-06-08", "Tuesday",
     "2022-06-07"),
    ("Right after Monday's border talks, both ministers flew home.", "2019-09-10", "Monday", "2019-09-09"),
])
def test_possessive_weekday_in_a_report_is_the_past_one(text, dct, word, value):
    found = [t for t in extract_timexes(text, dct) if t.text == word]
    assert found and found[0].value == value, [(t.text, t.value) for t in extract_timexes(text, dct)]
