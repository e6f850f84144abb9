"""The run's selective timeline (storyline.corpus.timeline.select_entries) and date evidence."""
from __future__ import annotations

import pytest

from storyline.corpus.selection import default_size, rank_days, day_salience
from storyline.corpus.timeline import background_mentions, dated_by_evidence, select_entries
from storyline.model import Article, TimelineEntry, TimeRef


def evidenced(text: str, expression: str) -> bool:
    start = text.index(expression)
    return dated_by_evidence(text, start, start + len(expression))


@pytest.mark.parametrize("text, expression, expected", [
    ("The card has a GTX 1660 inside.", "1660", False),
    ("Set the screen to 1920 pixels wide.", "1920", False),
    ("The plan gives 1694 kcal a day.", "1694", False),
    ("The shop at 1909 Elm Road has closed.", "1909", False),
    ("In 2020, the alliance changed course.", "2020", True),
    ("Talks have stalled since 2014.", "2014", True),
    ("The rebels took the port in March 2011.", "March 2011", True),
    ("Fighting resumed early 2011 near the coast.", "2011", True),
])
def test_a_year_needs_to_be_told_as_a_year(text, expression, expected):
    assert evidenced(text, expression) is expected


def test_background_mentions_skip_numbers_that_are_not_dates():
    text = ("Gamers queued for the new laptop on Monday.\n"
            "It ships with a GTX 1660 graphics chip and a bright screen.\n"
            "The maker was founded in 1998 by two engineers.")
    article = Article(id="a", path="x/a.txt", text=text, source="Site", published="2021-03-01")
    timexes = [TimeRef(article_id="a", start=text.index("1660"), end=text.index("1660") + 4, text="1660",
                       type="DATE", value="1660"),
               TimeRef(article_id="a", start=text.index("1998"), end=text.index("1998") + 4, text="1998",
                       type="DATE", value="1998")]
    assert [e.date for e in background_mentions([article], [], timexes)] == ["1998"]


PLACES = ["Ajdabiya", "Benghazi", "Brega", "Derna", "Ghadames", "Kufra", "Misrata", "Nalut", "Ras Lanuf",
          "Sabha", "Sirte", "Tobruk", "Tripoli", "Zawiya", "Zintan", "Zuwara", "Gharyan", "Bani Walid",
          "Hun", "Jalu", "Marj", "Yafran", "Kikla", "Tarhuna", "Ubari", "Waddan", "Sokna", "Msallata",
          "Khoms", "Zliten"]
VERBS = ["shelled", "seized", "blockaded", "evacuated", "bombed", "surrounded", "liberated", "raided",
         "defended", "abandoned"]


def sentence(i: int) -> str:
    return f"Fighters {VERBS[i % len(VERBS)]} {PLACES[i]} after {PLACES[(i * 7 + 3) % len(PLACES)]} fell."


def entry(date, summary, *, n=1, background=False, sources=None):
    ids = tuple(f"a{i}" for i in range(n))
    return TimelineEntry(date=date, summary=summary, article_ids=ids, event_ids=ids,
                         sources=tuple(sources or ("Wire",)), background=background)


def test_select_entries_is_bounded_one_per_day_without_repeats_or_undated():
    day = ["2011-03-%02d" % d for d in range(1, 29)]
    entries = [entry(d, sentence(i), n=1 + i % 5) for i, d in enumerate(day)]
    entries += [entry("2011-03-05", "A minor note was added to the record about town five.", n=1),
                entry("2011-03-09", sentence(3), n=9),
                entry(None, "They have long been rivals in the region and beyond.", n=7),
                entry("2011", "The budget line was 2011 units for the coastal towns.", n=9, background=True),
                entry("2010-06-01", "In June 2010 the ceasefire talks began in the capital.", n=2, background=True)]
    chosen = select_entries(entries, [], size=10, background_size=5)
    foreground = [e for e in chosen if not e.background]
    assert len(foreground) == 10
    assert len({e.date for e in foreground}) == 10                     # one entry per day
    assert len({e.summary for e in chosen}) == len(chosen)              # no summary twice
    assert all(e.date for e in chosen)                                   # no undated entry
    assert [e.date for e in chosen if e.background] == ["2010-06-01"]   # "2011 units" is not a year
    assert [e.date for e in chosen] == sorted(e.date for e in chosen)


def test_select_entries_prefers_the_corroborated_and_sizes_to_the_corpus():
    entries = [entry(f"2011-04-{d:02d}", sentence(d - 1), n=d % 7 + 1) for d in range(1, 31)]
    chosen = select_entries(entries, [])
    assert len(chosen) == default_size(0) == 8
    assert min(len(e.article_ids) for e in chosen) >= 4
    assert default_size(376) == 29 and default_size(5) == 8


def test_both_timelines_rank_days_alike():
    import datetime as dt
    articles = [{"id": f"a{i}", "time": "2011-03-20", "text": f"Jets struck on March 19, official {i} said."}
                for i in range(3)] + [{"id": "b", "time": "2011-03-25", "text": "A quiet day in the city."}]
    score = day_salience(articles)
    assert score[dt.date(2011, 3, 19)] == 3
    assert next(rank_days(score, list(score))) == dt.date(2011, 3, 19)


def _topicality_held_whole(entries):
    """The topicality as it was computed before #18's change: every summary's vector held at once."""
    import collections
    import math

    from storyline.corpus.selection import _terms

    terms = {e.summary: _terms(e.summary) for e in entries}
    df = collections.Counter(t for ts in terms.values() for t in set(ts))
    n = len(terms) + 1
    vecs = {s: {t: math.log(n / df[t]) for t in set(ts)} for s, ts in terms.items()}
    topic = collections.defaultdict(float)
    for v in vecs.values():
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        for t, w in v.items():
            topic[t] += w / norm
    t_norm = math.sqrt(sum(w * w for w in topic.values())) or 1.0
    out = {}
    for s, v in vecs.items():
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        out[s] = sum(w * topic.get(t, 0.0) for t, w in v.items()) / (norm * t_norm)
    top = max(out.values(), default=0.0) or 1.0
    return {s: x / top for s, x in out.items()}


def test_topicality_made_a_summary_at_a_time_is_the_one_held_whole():
    from storyline.corpus.timeline import _topicality

    words = ("ceasefire talks envoy border troops sanctions ministers summit rebels capital oil port "
             "the a of in vote parliament").split()
    entries = [TimelineEntry(date=f"2022-03-{1 + i % 28:02d}", summary=" ".join(
        words[(i * k) % len(words)] for k in range(1, 4 + i % 9)) + (" again" if i % 5 == 0 else ""))
        for i in range(300)]
    entries += entries[:40] + [TimelineEntry(date="2022-04-01", summary="")]       # repeated and empty summaries
    assert _topicality(entries) == _topicality_held_whole(entries)
    assert len(set(_topicality(entries).values())) > 10
