"""The quotes package's parts on their own: the data loader, the spaCy component's settings and spans,
and single rules on hand-built parses (no model needed)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from storyline.quotes import extract_quotes
from storyline.quotes.content import _content_by_cue
from storyline.quotes.lexicon import Cue, _word_sets, cue_lexicon, title_verb_forms, word_list, word_set
from storyline.quotes.verbs import find_verb_cue

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "storyline" / "quotes"


def _parsed(words, heads, deps, pos, lemmas, tags=None) -> Doc:
    """A hand-built parse: ``heads`` are absolute token indices."""
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               tags=tags or ["" for _ in words])


def test_every_word_set_the_code_names_is_in_the_data():
    named = set()
    for path in PACKAGE.glob("*.py"):
        named |= set(re.findall(r'word_set\("(\w+)"\)', path.read_text(encoding="utf-8")))
    assert named and named == set(_word_sets()), "word sets named in the code and in word_sets.json differ"
    assert all(_word_sets()[name] for name in named)


def test_word_set_unknown_name_is_a_clear_error():
    with pytest.raises(KeyError, match="no word set 'nonsense'"):
        word_set("nonsense")


def test_data_lists_load():
    assert "say" in cue_lexicon() and cue_lexicon()["say"].kind == "speech"
    assert "n:criticism" in cue_lexicon()
    assert "pray" not in cue_lexicon()          # in the report-verb list, kept out by report_verbs_not_cues
    assert {"story", "joke"} <= word_list("told_nouns")
    assert "interview" in word_list("quote_venues")
    assert title_verb_forms()["said"] == "say"


def test_verb_cue_and_its_clausal_content_on_a_hand_built_parse():
    # "Putin said ties grew ."
    doc = _parsed(["Putin", "said", "ties", "grew", "."], heads=[1, 1, 3, 1, 1],
                  deps=["nsubj", "ROOT", "nsubj", "ccomp", "punct"], pos=["PROPN", "VERB", "NOUN", "VERB", "PUNCT"],
                  lemmas=["Putin", "say", "tie", "grow", "."], tags=["NNP", "VBD", "NNS", "VBD", "."])
    cue, experiencer = find_verb_cue(doc[1], cue_lexicon())
    assert cue.lemma == "say" and experiencer is None
    content = _content_by_cue(doc[1], cue, doc.text)
    assert [t.text for t in content] == ["ties", "grew"]


def test_purpose_clause_is_no_cue():
    # "They met to discuss trade ."
    doc = _parsed(["They", "met", "to", "discuss", "trade", "."], heads=[1, 1, 3, 1, 3, 1],
                  deps=["nsubj", "ROOT", "aux", "advcl", "dobj", "punct"],
                  pos=["PRON", "VERB", "PART", "VERB", "NOUN", "PUNCT"],
                  lemmas=["they", "meet", "to", "discuss", "trade", "."], tags=["PRP", "VBD", "TO", "VB", "NN", "."])
    assert find_verb_cue(doc[3], {"discuss": Cue("discuss", "speech", "p")}) is None


def test_evidential_without_a_subject_reports_nothing():
    # "Seems to be slowing ." : an evidential frame with no subject decides: no content
    doc = _parsed(["Seems", "to", "be", "slowing", "."], heads=[0, 3, 3, 0, 0],
                  deps=["ROOT", "aux", "aux", "xcomp", "punct"], pos=["VERB", "PART", "AUX", "VERB", "PUNCT"],
                  lemmas=["seem", "to", "be", "slow", "."])
    assert _content_by_cue(doc[0], Cue("seem", "evidential", "s"), doc.text) is None


def test_component_config_and_spans(nlp):
    text = "Putin said the two countries would deepen their ties. Xi agreed that trade would grow."
    doc = nlp(text)
    spans = doc.spans["storyline_quotes"]
    assert [(s.start_char, s.end_char, s.label_) for s in spans] == \
        [(q["start"], q["end"], q["kind"]) for q in doc._.quotes] and len(spans) >= 2
    plain = extract_quotes(doc, code_speakers=False)
    assert [q["speaker"] for q in plain] == [q["speaker"] for q in doc._.quotes]
    assert all(q["speaker_code"] is None for q in plain)
    assert any(q["speaker_code"] for q in doc._.quotes)
    blank = spacy.blank("en")
    assert blank.add_pipe("storyline_quotes", config={"code_speakers": False}).code_speakers is False
