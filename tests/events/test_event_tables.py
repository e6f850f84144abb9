"""The event coder's tables (PLOVER types, word sets, rule codes) and its rules one at a time."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.events import types
from storyline.events.coref import Coref
from storyline.events.lexicon import (cameo_map, cameo_rule, event_lexicon, in_roots, intent_code,
                                      load_cameo_table, lookup_code, word_set)
from storyline.events.triggers import VERB_RULES, TriggerCoder, missile_test, take_place, untested, withdraw_from_pact


def test_the_plover_table_has_the_16_types_and_their_quad_classes():
    names = types.type_names()
    assert len(names) == 16 and len(set(names)) == 16
    assert [types.quad_class(n) for n in ("CONSULT", "AID", "ACCUSE", "ASSAULT")] == [1, 2, 3, 4]
    assert types.is_conflict("protest") and not types.is_material("PROTEST")
    assert types.is_material("SANCTION") and not types.is_conflict("SUPPORT")
    assert types.quad_class("EXPLODE") is None and types.ASSAULT == "ASSAULT"
    with pytest.raises(AttributeError, match="PLOVER types"):
        types.EXPLODE  # noqa: B018
    # every CAMEO code that maps to PLOVER maps to one of the 16
    assert {row.plover for row in load_cameo_table().values() if row.plover} == set(names)


def test_named_word_sets_and_rule_codes():
    assert "ceasefire" not in word_set("defy") and "violate" in word_set("defy")
    assert cameo_rule("test_fire") == "150" and cameo_rule("withdraw_from_pact") == "160"
    assert cameo_map("end_cooperation")["04"] == "164"
    assert lookup_code(cameo_map("lift_coercion"), "1723") == "0813"
    assert lookup_code(cameo_map("lift_coercion"), "163") == "085"
    assert lookup_code(cameo_map("lift_coercion"), "0") is None
    assert in_roots("190", "fighting") and in_roots("2042", "fighting") and not in_roots("173", "fighting")
    assert in_roots("042", "consult") and not in_roots(None, "consult") and not in_roots("", "agree")
    with pytest.raises(KeyError, match="cameo_roots.tsv"):
        in_roots("190", "no such group")
    with pytest.raises(KeyError, match="word_sets.json"):
        word_set("no such set")
    with pytest.raises(KeyError, match="cameo_rules.tsv"):
        cameo_rule("no such rule")
    # every code a rule assigns is a CAMEO code
    table = load_cameo_table()
    from storyline.events.lexicon import _cameo_rules
    assert all(code in table for rules in _cameo_rules().values() for code in rules.values())


@pytest.mark.parametrize("code,commissive,expected", [
    ("042", True, "036"), ("042", False, "042"), ("061", True, "0311"), ("064", True, "0314"),
    ("060", True, "031"), ("190", False, "138"), ("1725", False, "132"), ("1724", False, "1324"),
    ("166", False, "136"), ("120", True, "035"), ("100", True, "030"), ("100", False, "100"),
])
def test_intent_code(code, commissive, expected):
    assert intent_code(code, commissive=commissive) == expected


def _parsed(words, heads, deps, lemmas, pos, ents=None):
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos,
              ents=ents)
    return doc, TriggerCoder(Coref(doc, []), event_lexicon())


def test_rules_one_at_a_time():
    # "Russia withdrew from the deal": leaving a pact is a sanction
    doc, tc = _parsed(["Russia", "withdrew", "from", "the", "deal"], [1, 1, 1, 4, 2],
                      ["nsubj", "ROOT", "prep", "det", "pobj"], ["Russia", "withdraw", "from", "the", "deal"],
                      ["PROPN", "VERB", "ADP", "DET", "NOUN"])
    assert withdraw_from_pact(tc, doc[1], "withdraw").code == "160"
    assert take_place(tc, doc[1], "withdraw") is None
    assert tc.verb_trigger(doc[1]).code == "160"
    # "troops captured the village": fighting; "test-fired missiles": a show of force
    doc, tc = _parsed(["troops", "captured", "the", "village"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                      ["troop", "capture", "the", "village"], ["NOUN", "VERB", "DET", "NOUN"])
    assert take_place(tc, doc[1], "capture").code == "190"
    doc, tc = _parsed(["They", "test", "-", "fired", "missiles"], [3, 3, 3, 3, 3],
                      ["nsubj", "amod", "punct", "ROOT", "dobj"], ["they", "test", "-", "fire", "missile"],
                      ["PRON", "NOUN", "PUNCT", "VERB", "NOUN"])
    assert missile_test(tc, doc[3], "fire").code == "150"
    # "tested positive": no weapon, no event, and no later rule is asked
    doc, tc = _parsed(["He", "tested", "positive"], [1, 1, 1], ["nsubj", "ROOT", "acomp"],
                      ["he", "test", "positive"], ["PRON", "VERB", "ADJ"])
    found = untested(tc, doc[1], "test")
    assert found.code is None and found.trigger.i == 1 and tc.verb_trigger(doc[1]).code is None
    assert VERB_RULES[0] is untested and VERB_RULES[-1].__name__ == "lexicon_code"


def test_event_triggers_are_spans_in_the_order_of_the_events(nlp):
    doc = nlp.make_doc("Putin met Xi in Beijing on Friday. Russia withdrew from the grain deal.")
    doc._.dct = "2024-05-17"
    doc = nlp(doc)
    events, spans = doc._.events, doc.spans["storyline_events"]
    assert len(events) >= 2 and len(spans) == len(events)
    assert [(s.text, s.label_) for s in spans] == [(e["trigger"], e["event_type"]) for e in events]
    assert all(e["start"] <= s.start_char < e["end"] for s, e in zip(spans, events))
    assert [(s.text, s.label_) for s in doc.spans["storyline_actors"]][:2] == [("Putin", "person"), ("Xi", "person")]


def test_the_events_component_settings():
    from storyline.events import EventsComponent

    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("storyline_events", config={"background_days": 90, "spans_key": ""})
    assert isinstance(pipe, EventsComponent) and (pipe.background_days, pipe.spans_key) == (90, "")
    doc = nlp("No parse here.")
    assert doc._.events == [] and "storyline_events" not in doc.spans
