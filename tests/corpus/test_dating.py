"""Dating: the governing time expression of a sentence and publication-date inference."""
from __future__ import annotations

import pytest

from storyline.corpus.dating import governing_timex, infer_publication_dates, specificity
from storyline.model import ActorRef, Article, Event
from storyline.timex import extract_timexes
from builders import analysed


def _parse(nlp, text: str, dct):
    return analysed(nlp, text, dct)


@pytest.mark.parametrize("text,dct,expected", [
    ("In 2020, NATO identified China as a threat to the alliance.", "2022-02-04",
     {"value": "2020", "text": "2020", "how": "timex"}),
    ("Putin met Xi in Beijing on Thursday.", "2024-05-17", {"value": "2024-05-16", "text": "Thursday", "how": "timex"}),
    # durations and SETs never date an event: defaulted to the article date
    ("The meeting, spanning two days, aims to highlight the bond.", "2024-05-17",
     {"value": "2024-05-17", "text": None, "how": "article"}),
    ("The two leaders issued a call for a halt to NATO expansion.", None, {"value": None, "text": None, "how": None}),
    # the date attached to the main verb wins over one inside a subordinate phrase
    ("On Wednesday China's Xi declared support for the plan Russia presented in 2020.", "2021-12-16",
     {"value": "2021-12-15", "text": "Wednesday", "how": "timex"}),
    ("Putin met Xi on the sidelines of the Beijing Olympics.", "2022-02-05",
     {"value": "2022-02-04/2022-02-20", "text": "the Beijing Olympics", "how": "inferred"}),
    # a date in another clause dates that clause's verb, not the main one
    ("Putin and Xi agree that NATO should not expand, and they intend to meet during the Beijing Olympics.",
     "2021-12-15", {"value": "2021-12-15", "text": None, "how": "article"}),
    # a date in a relative clause on a noun of the main clause dates the main clause
    ("In the discussion, which took place on Wednesday, Xi affirmed his support.", "2021-12-16",
     {"value": "2021-12-15", "text": "Wednesday", "how": "timex"}),
    # events are dated to the day, even by a clock time
    ("The talks ended at 5:21 p.m. Beijing time.", "2021-12-15",
     {"value": "2021-12-15", "text": "5:21 p.m. Beijing time", "how": "timex"}),
])
def test_governing_timex(nlp, text, dct, expected):
    doc = _parse(nlp, text, dct)
    assert governing_timex(doc, 0, len(text), dct=dct) == expected


def test_governing_timex_only_looks_inside_the_sentence(nlp):
    text = "Putin met Xi on Friday. The two leaders issued a statement."
    doc = _parse(nlp, text, "2022-02-05")
    second = text.index("The two")
    assert governing_timex(doc, second, len(text), dct="2022-02-05")["how"] == "article"
    assert governing_timex(doc, 0, second, dct="2022-02-05")["value"] == "2022-02-04"


def test_governing_timex_skips_unanchored_values():
    text = "The talks ended at 5:21 p.m. and resumed now."
    tx = [t.to_dict() for t in extract_timexes(text, None)]
    assert governing_timex(None, 0, len(text), dct=None, timexes=tx) == {"value": None, "text": None, "how": None}


def test_governing_timex_without_doc_uses_given_timexes():
    text = "Blinken was in China for 24th April to 26th April."
    tx = [t.to_dict() for t in extract_timexes(text, "2024-05-17")]
    assert governing_timex(None, 0, len(text), dct="2024-05-17", timexes=tx)["value"] == "2024-04-24/2024-04-26"


@pytest.mark.parametrize("value,rank", [
    ("2021-12-15", 5), ("2021-W50", 4), ("2021-12", 3), ("2021-Q3", 2), ("2021", 1), ("199", 0),
    ("PRESENT_REF", -1), (None, -1), ("2024-04-24/2024-04-26", 5),
])
def test_specificity(value, rank):
    assert specificity(value) == rank


def _article(aid, text, published=None):
    return Article(id=aid, path=f"{aid}.txt", text=text, published=published,
                   published_how="header" if published else "unknown")


def test_infer_from_scheduled_event_and_weekday(corpus_dir):
    text = next(corpus_dir.glob("000_*.txt")).read_text("utf-8")
    a = _article("000", text)
    out = infer_publication_dates([a], {"000": extract_timexes(text, None)})
    assert out[0].published == "2022-02-04"
    assert out[0].published_how == "inferred"
    assert "Beijing" in out[0].published_evidence and "Friday" in out[0].published_evidence


def test_infer_from_absolute_date():
    text = "The treaty signed on March 3, 2019 took effect. Officials met again on Friday."
    a = _article("x", text)
    out = infer_publication_dates([a], {"x": extract_timexes(text, None)})
    assert (out[0].published, out[0].published_how) == ("2019-03-03", "inferred")


def test_infer_from_other_articles_events():
    dated = _article("d", "Russia and China signed a deal on Friday.", "2022-02-05")
    undated = _article("u", "Russia and China signed a deal.")
    key = dict(event_type="AGREE", source=(ActorRef("Russia", "RUS"),), target=(ActorRef("China", "CHN"),))
    events = [Event(id="e1", article_id="d", date="2022-02-04", date_how="timex", **key),
              Event(id="e2", article_id="u", date=None, date_how=None, **key)]
    out = {a.id: a for a in infer_publication_dates([dated, undated], {}, events)}
    assert out["u"].published == "2022-02-04" and out["u"].published_how == "inferred"
    assert out["d"] is dated


def test_unknown_stays_unknown_and_says_why():
    text = "In 2020, NATO identified China as a threat. Officials met on Friday."
    a = _article("y", text)
    out = infer_publication_dates([a], {"y": extract_timexes(text, None)})
    assert out[0].published is None and out[0].published_how == "unknown"
    assert "2020" in out[0].published_evidence


def test_governing_timex_follows_the_trigger(nlp):
    text = "Putin and Xi agree that NATO should not expand, and they intend to meet during the Beijing Olympics."
    doc = _parse(nlp, text, "2021-12-15")
    meet = text.index("meet ")
    got = governing_timex(doc, 0, len(text), dct="2021-12-15", trigger=(meet, meet + 4))
    assert got == {"value": "2022-02-04/2022-02-20", "text": "the Beijing Olympics", "how": "inferred"}


@pytest.mark.parametrize("text,published,evidence_has", [
    # future talk about a scheduled event says nothing about the day of writing
    ("Putin and Xi will meet on the sidelines of the Beijing Olympics on Friday.", None, "Beijing"),
    ("Putin met Xi on the sidelines of the Beijing Olympics.", None, "on or after 2022-02-04"),
    ("Putin met Xi during the Tokyo Olympics on Sunday.", "2021-07-25", "Tokyo"),
    ("Nothing here has a date.", None, "no datable reference"),
])
def test_infer_publication_dates_table(text, published, evidence_has):
    a = _article("z", text)
    out = infer_publication_dates([a], {"z": [t.to_dict() for t in extract_timexes(text, None)]})[0]
    assert out.published == published
    assert out.published_how == ("inferred" if published else "unknown")
    assert evidence_has in out.published_evidence
