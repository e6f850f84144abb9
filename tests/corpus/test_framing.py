"""Framing per outlet, coverage and stances (no spaCy needed)."""
from __future__ import annotations

import json

import pytest

from storyline.corpus.framing import analyse_framing, find_opinion_passages, naming_terms
from storyline.model import ActorRef, Article, Event, Quote, StoryEvent
from storyline.corpus.stances import extract_stances, positions_in


def _article(aid: str, source: str, text: str, published: str = "2024-02-08") -> Article:
    return Article(id=aid, path=f"/x/{aid}.txt", text=text, source=source, published=published)


HOSTILE = _article("a1", "hostile.example", (
    "Russian ruler Vladimir Putin and China's dictator, Xi Jinping have solidified their relations.\n\n"
    "This is terrible news for the West, as we have never even imagined such a brutal alliance."))
NEUTRAL = _article("a2", "neutral.example", (
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.\n\n"
    "“We oppose the expansion of NATO,” Putin said."))


@pytest.fixture(scope="module")
def framing():
    quote = Quote(id="q1", article_id="a2", text="“We oppose the expansion of NATO,”",
                  start=NEUTRAL.text.index("“"), end=NEUTRAL.text.index(",”") + 2, speaker="Vladimir Putin",
                  speaker_code="RUS", cue="said")
    story = [StoryEvent(id="s1", date="2024-02-08", article_ids=("a1", "a2"), sources=(), summary="call"),
             StoryEvent(id="s2", date="2024-05-16", article_ids=("a2",), sources=(), summary="visit")]
    return analyse_framing([HOSTILE, NEUTRAL], quotes=[quote], events=[], story_events=story)


def test_naming_separates_loaded_from_neutral(framing):
    hostile = framing["sources"]["hostile.example"]["naming"]
    neutral = framing["sources"]["neutral.example"]["naming"]
    assert hostile["RUS"] == {"ruler": 1}
    assert hostile["CHN"] == {"dictator": 1}
    assert neutral["RUS"] == {"president": 1} and neutral["CHN"] == {"president": 1}


def test_loaded_terms_keep_evidence(framing):
    terms = framing["sources"]["hostile.example"]["loaded_terms"]
    words = {t["term"].lower() for t in terms}
    assert {"ruler", "dictator", "terrible", "brutal"} <= words
    for t in terms:
        assert HOSTILE.text[t["start"]:t["end"]] == t["term"] and t["article_id"] == "a1"
    assert framing["sources"]["neutral.example"]["loaded_terms"] == []


def test_tone_quote_share_and_opinion(framing):
    hostile, neutral = framing["sources"]["hostile.example"], framing["sources"]["neutral.example"]
    assert hostile["tone"] < 0 <= neutral["tone"] + 1e-9
    assert hostile["quote_share"] == 0.0 and 0.2 < neutral["quote_share"] < 0.5
    assert [p["text"][:25] for p in hostile["opinion_passages"]] == ["This is terrible news for"]
    assert neutral["opinion_passages"] == []


def test_coverage_matrix(framing):
    assert framing["coverage"] == {"s1": {"hostile.example": True, "neutral.example": True},
                                   "s2": {"hostile.example": False, "neutral.example": True}}
    json.dumps(framing)


@pytest.mark.parametrize("sentence, is_opinion", [
    ("This is terrible news for the West, as China and Russia are both military powerhouses.", True),
    ("Being on the opposing side is going to wreck the West in ways we’ve never even imagined.", True),
    ("What an outrageous and shameful decision this was!", True),
    ("Putin met Xi in Beijing on Thursday for talks on trade.", False),
    ("The two leaders signed a statement on energy cooperation.", False),
    ("Officials said the threat of sanctions remained.", False),
])
def test_opinion_passages(sentence, is_opinion):
    assert bool(find_opinion_passages(sentence)) is is_opinion


def test_opinion_inside_quotes_is_not_the_outlets_voice():
    text = "“This is terrible news and we will never accept it,” the minister said."
    assert find_opinion_passages(text, quoted=[(0, text.index("”") + 1)]) == []


def test_seed_framing_view(corpus_dir):
    articles = [_article(p.stem, p.name[:3], p.read_text(encoding="utf-8"), "2024-02-08")
                for p in sorted(corpus_dir.glob("*.txt"))]
    result = analyse_framing(articles, quotes=[], events=[])
    s004 = result["sources"]["004"]
    assert s004["naming"]["RUS"].get("ruler") and s004["naming"]["CHN"].get("dictator")
    assert any(p["text"].startswith("This is terrible news for the West") for p in s004["opinion_passages"])
    negative = {t for t, c in naming_terms().items() if c in ("negative", "loaded")}
    for source in ("000", "001", "002", "003"):
        naming = result["sources"][source]["naming"]
        assert not any(term in negative for terms in naming.values() for term in terms), (source, naming)
        assert result["sources"][source]["opinion_passages"] == []


def test_framing_scales_linearly_in_output():
    arts = [_article(f"n{i}", f"s{i % 3}", NEUTRAL.text) for i in range(60)]
    result = analyse_framing(arts, quotes=[], events=[])
    assert sum(len(s["articles"]) for s in result["sources"].values()) == 60


@pytest.mark.parametrize("text, expected", [
    ("The sides oppose further enlargement of NATO", [("NATO enlargement", "oppose")]),
    ("they were both seriously concerned about the new AUKUS military pact", [("AUKUS", "condemn")]),
    ("Moscow strictly follows the One-China policy", [("Taiwan / One-China", "support")]),
    ("The two leaders met in Beijing to talk about AUKUS", []),
    # an issue named as a place is not what the position is about
    ("Moscow backed a separatist insurrection in Ukraine's east", []),
    ("Both voiced support for efforts to bring peace in the Middle East", []),
    ("Berlin pledged to support Ukraine for as long as it takes", [("Ukraine", "support")]),
])
def test_positions_in(text, expected):
    assert [(i, p) for i, p, _s, _e in positions_in(text)] == expected


def test_extract_stances_from_quotes_and_events():
    quotes = [Quote(id="q", article_id="a", text="“The sides oppose further enlargement of NATO,”", start=0, end=47,
                    speaker="Vladimir Putin and Xi Jinping", speaker_code="RUS,CHN", cue="said")]
    sentence = "Russia backs the One-China policy, the Kremlin said."
    events = [Event(id="e", article_id="b", event_type="SUPPORT", source=(ActorRef(text="Russia", code="RUS"),),
                    sentence=sentence, start=10, end=10 + len(sentence), trigger="backs")]
    stances = extract_stances(events, quotes)
    got = {(s.actor, s.issue, s.position) for s in stances}
    assert {("RUS", "NATO enlargement", "oppose"), ("CHN", "NATO enlargement", "oppose"),
            ("RUS", "Taiwan / One-China", "support")} <= got
    for s in stances:
        assert set(s.to_dict()["evidence"]) == {"article_id", "start", "end", "text"}


@pytest.mark.parametrize("word,biased", [
    ("china", False), ("moscow", False), ("obama", False), ("s", False), ("mr", False),
    ("dictator", True), ("regime", True), ("terrorist", True), ("hostile", True),
])
def test_bias_lexicon_counts_how_not_whom(word, biased):
    from storyline.corpus.framing import _bias_words

    assert (word in _bias_words()) is biased
