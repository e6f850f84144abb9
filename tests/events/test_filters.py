"""Document and passage filters of event coding (storyline.events.filters)."""
from __future__ import annotations

import pytest

from storyline.events.filters import PassageFilter, english_share, filter_data, genre_share
from builders import analysed, coded_events


def _events(nlp, text: str) -> list[dict]:
    return coded_events(nlp, text, "2012-05-14")


def _doc(nlp, text: str):
    return analysed(nlp, text, "2012-05-14")


# -- passages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("Click here to get the latest headlines from the region.", "navigation"),
    ("Read more: Kenyan troops advance on the port of Kismayo", "navigation"),
    ("Sign up for our free newsletter on Asian politics.", "navigation"),
    ("Riot police face protesters in the capital (AP Photo/Jane Roe)", "caption"),
    ("Photo: soldiers patrol the border crossing near the town.", "caption"),
    ("Copyright 2012 The Gazette. All rights reserved.", "copyright"),
    ("By Maria Lopez and Tom Baker", "byline"),
    ("(Additional reporting by Tom Baker; Editing by Ann Smith)", "byline"),
    ("Report abuse", "comment"),
    ("Talks resumed on Friday. RELATED: Kenyan troops cross the border", "teaser"),
    ("The vote was delayed READ MORE Kenya sends troops to Somalia", "teaser"),
    ("Kenya beat Uganda 3-1 in Nairobi on Saturday.", "genre"),
    ("Ghana defeated Egypt in the final on Sunday.", "genre"),
    ("May 3 , 2012 10:14 am at 10:14 am | the senator should resign now .", "comment"),
])
def test_non_body_sentences_are_named(text, kind):
    assert PassageFilter().kind(text) == kind


@pytest.mark.parametrize("text", [
    "By Tuesday the rebels had left the town.",
    "A Reuters/Ipsos poll showed support for the president falling.",
    "The minister said the sale of the weapons would go ahead.",
    "Ministers agreed a peace deal in the capital on Sunday.",
    "Protesters subscribed to the view that the election was rigged.",
    "The photographer was arrested by police in the capital.",
    "The Senate voted 58-42 to win approval for the sanctions.",
    "Parliament rejected the bill in the final vote.",
    "More than 40 people died in the clashes, the minister said.",
])
def test_body_sentences_pass(text):
    assert PassageFilter().kind(text) is None


def test_a_comment_policy_ends_the_article():
    passages = PassageFilter()
    assert not passages.skip("The army shelled the town on Monday.")
    assert passages.skip("We welcome comments that keep to the subject of the story.")
    # reader comments after the policy: skipped whatever they say
    assert passages.skip("The army should stop shelling the town, I demand it.")
    assert passages.reasons == {"comment_zone": 2}


def test_comment_section_yields_no_events(nlp):
    body = "Kenyan troops attacked rebel positions near the port on Monday. "
    comments = ("Leave a comment\n\nThe Kenyan government should condemn the rebels. "
                "I think Somalia accused Kenya of lying.")
    events = _events(nlp, body + "\n\n" + comments)
    assert events and all(e["sentence"].startswith("Kenyan troops") for e in events)


def test_caption_yields_no_event(nlp):
    text = "Police arrest a protester outside parliament in Nairobi (AP Photo/John Doe)"
    assert _events(nlp, text) == []


# -- documents --------------------------------------------------------------------------------------

def test_english_share_tells_languages_apart():
    english = "The minister said that the talks would resume in the capital after the holiday".split()
    german = "Der Minister sagte, dass die Gespräche nach dem Feiertag in der Hauptstadt weitergehen".split()
    assert english_share(english) > 0.35
    assert english_share(german) < 0.15


def test_genre_cues():
    assert genre_share(["Preheat the oven and add 2 cups of flour to the bowl."]) == 1.0
    assert genre_share(["The laptop has 16GB of memory and a 2.3GHz processor."]) == 1.0
    assert genre_share(["The minister met his French counterpart in Paris."]) == 0.0


def test_short_text_is_always_coded(nlp):
    doc = _doc(nlp, "Chinese police arrested two activists in Beijing on Sunday.")
    assert doc._.event_filter["coded"] and doc._.event_filter["reason"] == "short"
    assert doc._.events


def test_german_page_yields_no_events(nlp):
    text = ("Die Polizei hat am Montag in Berlin zwei Männer festgenommen, die einen Anschlag auf die "
            "Botschaft geplant haben sollen. Der Innenminister sagte, die Ermittlungen dauerten an. ") * 6
    doc = _doc(nlp, text)
    assert doc._.event_filter["coded"] is False and doc._.event_filter["reason"] == "not English"
    assert doc._.events == []


def test_product_review_yields_no_events(nlp):
    text = " ".join([
        "The new laptop costs $1,299 and ships with 16GB of memory and a 512GB drive.",
        "Its 14-inch display is bright, and the keyboard is a joy to type on.",
        "Battery life reached eleven hours in our tests, better than last year's model.",
        "The trackpad is large and the speakers are loud enough for a small room.",
        "Users who attacked the old model for its weak graphics will find the new chip much faster.",
        "At $1,299 it is not cheap, but the discount over the holidays brings it to $1,099.",
        "The webcam is still only 720p, which is disappointing at this price.",
        "We tested the 2.8GHz version with the optional 32GB of memory.",
        "Overall it is the best machine the company has made in years, and we recommend it.",
    ])
    doc = _doc(nlp, text)
    assert doc._.event_filter["coded"] is False
    assert doc._.events == []


def test_political_article_is_coded(nlp):
    text = " ".join([
        "The Kenyan army attacked al Shabaab positions near the port of Kismayo on Monday, officials said.",
        "Somalia's president welcomed the offensive and urged the African Union to send more troops.",
        "The rebels accused Kenya of killing civilians in air strikes on villages outside the town.",
        "The United Nations called on both sides to protect civilians and allow aid convoys through.",
        "Ethiopian troops crossed the border last month to support the Somali government.",
        "Al Shabaab threatened to strike Nairobi if Kenyan forces did not withdraw.",
        "The foreign ministers of the region will meet in Addis Ababa next week to discuss the war.",
        "Kenya's defence minister said the operation would continue until the port was taken.",
    ])
    doc = _doc(nlp, text)
    assert doc._.event_filter["coded"] is True
    assert doc._.events


def test_filter_data_loads():
    data = filter_data()
    assert set(data["passages"]) >= {"comment_zone", "comment", "navigation", "caption", "copyright", "byline"}
    assert 0 < data["document"]["min_english_share"] < 1
