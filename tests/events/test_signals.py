"""Features of an event's setting for its confidence (storyline.events.signals)."""
from __future__ import annotations

import pytest

from storyline.events import confidence, signals


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word, expected", [
    ("Poland expelled two Belarusian diplomats on Tuesday.", "expelled", "main clause"),
    ("Poland expelled two diplomats and closed its consulate in Grodno.", "closed", "main clause"),
    ("A spokesman said that Poland expelled two Belarusian diplomats.", "expelled", "complement clause"),
    ("After Poland expelled two diplomats, Belarus recalled its envoy.", "expelled", "adverbial clause"),
    ("The diplomats whom Poland expelled left on Friday.", "expelled", "relative clause or participle"),
])
def test_where_the_trigger_stands(nlp, text, word, expected):
    assert signals.clause(_token(nlp, text, word)) == expected


def test_a_side_not_named_in_the_sentence_comes_from_context():
    here = {"text": "Chile", "code": "CHL", "start": 12}
    earlier = {"text": "Peru", "code": "PER", "start": 3}
    event = {"source": [here], "target": [earlier]}
    assert signals.side_origin(event, 10, 60) == ["target from context"]
    assert signals.side_origin({"source": [here], "target": []}, 10, 60) == []
    assert signals.side_origin({"source": [dict(here, start=None)], "target": []}, 10, 60) == ["source from context"]


def test_two_countries_on_the_two_sides():
    chile, peru = {"code": "CHL"}, {"code": "PER"}
    assert signals.dyad({"source": [chile], "target": [peru]}) == ["two countries"]
    assert signals.dyad({"source": [chile], "target": [dict(chile, sector="GOV")]}) == []
    assert signals.dyad({"source": [chile], "target": [dict(peru, sector="BUS")]}) == []
    assert signals.dyad({"source": [{"code": "NATO"}], "target": [peru]}) == []


def test_crossed_features_name_the_kind_of_source():
    event = {"event_type": "ACCUSE", "quad_class": 3, "source": [{"code": "CHL"}], "target": []}
    assert signals.crossed(event) == ["quad 3 by state", "ACCUSE by state"]
    assert "quad 3 by none" in signals.crossed(dict(event, source=[]))


def test_sentence_and_article_bands():
    assert "several events in the sentence" in signals.sentence_features(2, 9, 20)
    assert "several events in the sentence" not in signals.sentence_features(1, 9, 20)
    assert "lead sentence" in signals.sentence_features(1, 0, 20)
    assert "late in the article" in signals.sentence_features(1, 15, 20)
    assert "late in the article" not in signals.sentence_features(1, 2, 20)
    low = signals.article_features(0.0, 1)
    high = signals.article_features(1.0, 1000)
    assert low[0].startswith("political article ") and high[0].startswith("political article ")
    assert low != high
    assert confidence.weights()["article_share_bands"][0][1] in low[0]
    assert confidence.weights()["article_event_bands"][-1][1] in high[1]


def test_political_share_counts_sentences_naming_a_coded_state(nlp):
    doc = nlp("Chile protested loudly. The weather stayed mild all week. Peru answered the next day.")
    sents = list(doc.sents)
    assert len(sents) == 3
    mentions = [{"code": "CHL", "token_start": sents[0].start}, {"code": "PER", "token_start": sents[2].start},
                {"code": "CHL", "sector": "BUS", "token_start": sents[1].start + 1}]
    assert signals.political_share(doc, mentions) == pytest.approx(2 / 3)
    assert signals.political_share(doc, []) == 0.0


@pytest.mark.parametrize("text, word, expected", [
    ("Chile expelled two Peruvian diplomats on Monday.", "expelled", "told in the past"),
    ("Chile expels two Peruvian diplomats.", "expels", "told in the present"),
    ("Chile will expel two Peruvian diplomats.", "expel", "told as a base form"),
    ("The expulsion of two diplomats angered Lima.", "expulsion", "told as a noun"),
])
def test_the_form_the_trigger_is_told_in(nlp, text, word, expected):
    assert signals.tense(_token(nlp, text, word)) == expected


def test_voice_and_mood_of_the_sentence(nlp):
    def names(text):
        return signals.voice_and_mood(next(nlp(text).sents))

    assert "a question" in names("Will Chile expel the Peruvian diplomats?")
    assert "a first or second person" in names("I think Chile should expel the diplomats.")
    assert "a first or second person" not in names('Chile said: "We expel the diplomats."')
    assert "a first or second person" not in names("Chile expelled the diplomats.")
    assert "a long sentence" in names("Chile expelled " + ", ".join(["a diplomat"] * 30) + ".")


def test_the_coder_lists_only_the_chosen_setting_features(nlp):
    from builders import coded_events

    chosen = set(confidence.weights()["signals"])
    text = ("Chile accused Peru of spying on Monday. After Peru expelled a Chilean diplomat, "
            "the government in Santiago recalled its ambassador.")
    events = coded_events(nlp, text, "2011-03-20")
    accused = next(e for e in events if e["trigger"] == "accused")
    names = confidence.evidence_features(accused["evidence"])
    assert ("told in the past" in names) == ("told in the past" in chosen)
    assert "main clause" not in names or "main clause" in chosen
    assert "two countries" not in names or "two countries" in chosen
    assert any(n.startswith("political article ") for n in names) == any(
        n.startswith("political article ") for n in chosen)
    assert all(not k.startswith("_") for e in events for k in e)
    # the confidence is the model's over the names the evidence lists
    assert accused["confidence"] == confidence.score_names(names)[0]
