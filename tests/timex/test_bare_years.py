"""A 4-digit number is a year only with date evidence (issue #16: "GTX 1660", "1920 pixels",
"1694 kcal" and a street number opened the timeline of the HTML pages)."""
from __future__ import annotations

import pytest

from storyline.timex import extract_timexes

DCT = "2019-11-20"


def _years(text: str) -> list[str]:
    return [t.value for t in extract_timexes(text, DCT) if t.text.isdigit() and len(t.text) == 4]


@pytest.mark.parametrize("text", [
    "The shop sells a gaming laptop with an RTX 1650 card and 16GB of memory.",
    "The panel shows 1080 by 1920 pixels on a six-inch screen.",
    "A daily menu of about 1694 kcal keeps the plan simple.",
    "Police stopped a car whose driver lives at 1909 Maple Grove Road.",
    "For tickets call 02-555-1800 during office hours.",
    "The narrator cites hadith no. 1987 for the rule.",
    "The laptop earned a benchmark score of 2090 and ran cool.",
    "The store lists Castle Builder 2011 next to newer puzzle games.",
])
def test_numbers_that_are_not_dates(text):
    assert _years(text) == []


@pytest.mark.parametrize("text, years", [
    ("The mill closed in 1998 and reopened since 2004.", ["1998", "2004"]),
    ("She chaired the board from 2001 to 2006.", ["2001", "2006"]),
    ("The 2016 campaign was long; the governor's 2018 budget was short.", ["2016", "2018"]),
    ("Their planned 2024 lunar landing slipped.", ["2024"]),
    ("The film (1975) is back in cinemas.", ["1975"]),
    ("In hindsight, 2019 was the year of cheap earbuds.", ["2019"]),
    ("1989's protests are still remembered.", ["1989"]),
    ("The agency hopes to cut emissions by half by 2050.", ["2050"]),
    ("Visitors crowded the stands at Lisbon Design Week 2019 on Friday.", ["2019"]),
])
def test_years_with_date_evidence(text, years):
    assert _years(text) == years
