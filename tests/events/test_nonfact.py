"""Acts not told as fact, aims that are no acts, and reader comments with no policy line
(storyline.events.hedges, storyline.events.purpose, the comment starts of storyline.events.filters)."""
from __future__ import annotations

import pytest

from storyline.events.filters import PassageFilter
from storyline.events.purpose import purpose_clause
from builders import coded_events


def _events(nlp, text: str) -> list[dict]:
    return coded_events(nlp, text, "2011-03-20")


def _by_trigger(nlp, text: str, trigger: str) -> list[dict]:
    return [e for e in _events(nlp, text) if e["trigger"] == trigger]


@pytest.mark.parametrize("text, trigger, expected", [
    # a noun of supposition governs the clause
    ("The possibility that the army shelled the town worries diplomats.", "shelled", "predicted"),
    ("Rumours that the army had shelled the city spread quickly.", "shelled", "predicted"),
    # ... or is the subject of the copula that introduces it
    ("The fear among diplomats is that Syria will attack Lebanon.", "attack", "predicted"),
    # an allegation verb does not vouch for what it reports
    ("Officials alleged that rebels shelled the town.", "shelled", "alleged"),
    # an act told as a gerund is the topic of talk
    ("She spoke about NATO bombing the capital.", "bombing", "hypothetical"),
    # "hoping": a wish verb whatever the tagger's lemma
    ("The prosecutor said he was hoping the court would soon issue a warrant for the general.", "warrant",
     "wished"),
])
def test_cues_beyond_the_clause_chain(nlp, text, trigger, expected):
    found = _by_trigger(nlp, text, trigger)
    assert found, (text, [(e["event_type"], e["trigger"]) for e in _events(nlp, text)])
    assert found[0]["modality"] == expected
    assert found[0]["confidence"] < 0.4


@pytest.mark.parametrize("text, trigger", [
    ("The government says the protesters attacked the police.", "attacked"),
    ("Officials said rebels shelled the town.", "shelled"),
])
def test_plain_reports_stay_reported(nlp, text, trigger):
    found = _by_trigger(nlp, text, trigger)
    assert found and found[0]["modality"] == "reported"


@pytest.mark.parametrize("text, aim, act", [
    ("The EU lifted sanctions on the ports to help the transition.", "help", "lifted"),
    ("Local fighters entered the town to reassure residents.", "reassure", None),
    ("Spain will hold elections in November to help restore stability.", "restore", None),
])
def test_an_infinitive_of_purpose_is_no_event(nlp, text, aim, act):
    triggers = [e["trigger"] for e in _events(nlp, text)]
    assert aim not in triggers
    if act is not None:
        assert act in triggers


def test_a_demand_made_at_a_meeting_is_kept(nlp):
    found = _by_trigger(nlp, "Clinton met the senators to urge support for the resolution.", "urge")
    assert [e["event_type"] for e in found] == ["REQUEST"]


def test_the_purpose_of_sending_tells_what_is_sent(nlp):
    assert _by_trigger(nlp, "Britain sent advisers to Benghazi to support the rebels.", "support")


def test_an_attempt_verb_is_no_trigger(nlp):
    assert not _by_trigger(nlp, "The army is trying to crush the protests.", "trying")


def test_purpose_clause_reads_the_parse(nlp):
    doc = nlp("NATO sent warplanes to protect civilians in Benghazi.")
    protect = next(t for t in doc if t.lower_ == "protect")
    assert purpose_clause(protect) is protect
    assert purpose_clause(next(t for t in doc if t.lower_ == "sent")) is None
    ranked = nlp("Qatar became the first Arab state to recognise the council.")
    assert purpose_clause(next(t for t in ranked if t.lower_ == "recognise")) is None


_BODY = ["Rebels took the town of Brega on Monday.", "NATO aircraft struck tanks near Misrata.",
         "The foreign minister flew to Rome.", "Talks on a ceasefire stalled.", "Oil prices rose."]


def _skipped(sentences: list[str]) -> list[bool]:
    passages = PassageFilter()
    return [passages.skip(s) for s in sentences]


def test_a_comment_signature_starts_the_comment_zone():
    page = _BODY + ["Send in the marines now !!! May 2 , 2011 at 9:14 am | Reply NATO should bomb them all .",
                    "Ground troops should go in tomorrow ."]
    assert _skipped(page) == [False] * 5 + [True, True]


def test_a_reader_talking_back_starts_the_comment_zone():
    page = _BODY + ["Has the writer of this piece ever been to Tripoli ?", "The rebels are killing everyone ."]
    assert _skipped(page) == [False] * 5 + [True, True]


def test_a_closing_disclaimer_ends_the_article_only_after_its_body():
    note = "The opinions expressed in this commentary are solely those of Jane Roe ."
    assert _skipped([note] + _BODY) == [False] * 6
    assert _skipped(_BODY + [note, "Obama should be impeached for this war ."]) == [False] * 5 + [True, True]


def test_news_naming_an_author_is_body():
    assert _skipped(["The author of the report, a UN official, said troops fired on protesters ."]) == [False]


def _page(nlp, sentences: list[str]):
    from builders import analysed
    return analysed(nlp, " ".join(sentences), "2010-06-20")


def test_a_broadcast_listings_page_yields_no_events(nlp):
    blurbs = []
    for n, host in enumerate(["Ann Lee", "Tom Hart", "Raj Patel", "Mia Ross", "Ben Cole", "Eva Stone"]):
        blurbs += [f"{host} meets the foreign minister and asks whether the army attacked the rebels in week {n}.",
                   f"Presenter/{host}, Producer/Sam Gray for the BBC.",
                   "The programme was recorded in Cardiff before an audience of listeners."]
    doc = _page(nlp, blurbs)
    assert doc._.event_filter["coded"] is False
    assert "credits" in doc._.event_filter["reason"]
    assert doc._.events == []


def test_a_family_history_page_yields_no_events(nlp):
    posts = []
    for name, place in [("Huw", "Brecon"), ("Gwen", "Rhayader"), ("Alun", "Tregaron"), ("Nia", "Llandovery"),
                        ("Dai", "Builth"), ("Beth", "Newtown")]:
        posts += [f"My great grandfather {name} was a soldier who fought the Boers and left {place} in 1899.",
                  f"My grandmother said the police arrested his brother at {place} for poaching.",
                  "Can anyone help me trace this branch of my family tree?"]
    doc = _page(nlp, posts)
    assert doc._.event_filter["coded"] is False
    assert "family history" in doc._.event_filter["reason"]


def test_a_news_article_with_one_family_remark_is_coded(nlp):
    doc = _page(nlp, [
        "The Kenyan army attacked al Shabaab positions near the port of Kismayo on Monday, officials said.",
        "Somalia's president welcomed the offensive and urged the African Union to send more troops.",
        "The rebels accused Kenya of killing civilians in air strikes on villages outside the town.",
        "The United Nations called on both sides to protect civilians and allow aid convoys through.",
        "A soldier said his grandfather had fought in the same hills, and my family tree goes back there too.",
        "Al Shabaab threatened to strike Nairobi if Kenyan forces did not withdraw.",
        "Kenya's defence minister said the operation would continue until the port was taken.",
    ])
    assert doc._.event_filter["coded"] is True


def test_a_page_trailer_or_the_authorities_are_no_reader_turn():
    assert _skipped(["This article was published on the paper's site; if you need help, call us ."]) == [False]
    assert _skipped(["Why did the authorities close the port ?"]) == [False]


def test_an_interview_question_is_no_request(nlp):
    text = "Asked about the new rule to review the permits within ten days, the spokesman said the company complied."
    assert not _by_trigger(nlp, text, "Asked")
