"""storyline.nlp.fast: the same annotations as spaCy's own components, bit for bit, on real news
sentences; and its guards (verified versions, the off switch, a structure check per drop-in) and
serialisation."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import NumpyOps

from storyline.nlp import fast as nlp_fast

T17 = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "t17"
needs_t17 = pytest.mark.skipif(not T17.exists(), reason="../shared/bench/t17 is not beside the checkout")


def t17_sentences(limit: int, per_article: int = 3) -> list[str]:
    """Up to ``limit`` sentences (lines of five words or more) of the Timeline17 articles, a few per
    article, topic by topic in turn."""
    per_topic: list[list[str]] = []
    for path in sorted(T17.glob("*/articles.jsonl")):
        lines: list[str] = []
        with open(path, encoding="utf-8") as fh:
            for row in fh:
                text = json.loads(row).get("text") or ""
                lines += [s.strip() for s in text.split("\n") if len(s.split()) >= 5][:per_article]
                if len(lines) >= limit:
                    break
        per_topic.append(lines)
    turns = (topic[k] for k in range(max(map(len, per_topic), default=0)) for topic in per_topic if k < len(topic))
    return [s for s, _ in zip(turns, range(limit))]


def annotations(doc: Doc) -> tuple:
    """Every annotation the drop-ins touch, token by token, and the entities."""
    return ([(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_)
             for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])


@pytest.fixture(autouse=True)
def running_versions_verified(monkeypatch):
    """Tests of the drop-ins run against the spaCy installed (the version guard is tested apart), and
    without a $STORYLINE_FAST of the environment."""
    monkeypatch.setattr(nlp_fast, "VERIFIED_VERSIONS", (nlp_fast.installed_versions(),))
    monkeypatch.delenv(nlp_fast.ENV_SWITCH, raising=False)


@pytest.fixture(scope="module")
def stock_and_fast():
    from storyline.nlp import resolve_model_name

    stock, fast = spacy.load(resolve_model_name()), spacy.load(resolve_model_name())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nlp_fast, "VERIFIED_VERSIONS", (nlp_fast.installed_versions(),))
        installed = nlp_fast.install(fast, enabled=True)
    return stock, fast, installed


# ---------------------------------------------------------------------------------------------
# the same annotations as spaCy's own components

@needs_t17
def test_drop_ins_give_spacys_annotations_on_300_t17_sentences(stock_and_fast):
    stock, fast, installed = stock_and_fast
    assert sorted(installed) == [("attribute_ruler", "attribute_ruler"), ("lemmatizer", "lemmatizer"),
                                 ("ner", "dedup_embed"), ("ner", "greedy_parser"),
                                 ("parser", "greedy_parser"), ("senter", "dedup_embed"),  # senter: disabled
                                 ("tok2vec", "dedup_embed")]
    sentences = t17_sentences(300)
    assert len(sentences) == 300
    for text, a, b in zip(sentences, stock.pipe(sentences, batch_size=32), fast.pipe(sentences, batch_size=32)):
        assert a.tensor.tobytes() == b.tensor.tobytes(), text
        assert annotations(a) == annotations(b), text


# ---------------------------------------------------------------------------------------------
# guards: versions and the off switch

def _blank_with_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks"}]], {"TAG": "NNS", "LEMMA": "talk"})
    return nlp, ruler


def test_unverified_versions_leave_spacys_components(monkeypatch, caplog):
    nlp, ruler = _blank_with_ruler()
    monkeypatch.setattr(nlp_fast, "installed_versions", lambda: ("3.99.0", "8.99.0"))
    with caplog.at_level(logging.INFO, logger="storyline"):
        assert nlp_fast.install(nlp, enabled=True) == []
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert "spaCy 3.99.0 + thinc 8.99.0 not verified" in caplog.text


@pytest.mark.parametrize("value", ["0", "false", "no", "No", " FALSE "])
def test_environment_switches_the_drop_ins_off(monkeypatch, caplog, value):
    nlp, ruler = _blank_with_ruler()
    monkeypatch.setenv(nlp_fast.ENV_SWITCH, value)
    with caplog.at_level(logging.DEBUG, logger="storyline"):
        assert nlp_fast.install(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert "drop-ins off" in caplog.text


@pytest.mark.parametrize("value", [None, "1", "yes"])
def test_drop_ins_are_on_unless_switched_off(monkeypatch, value):
    nlp, _ruler = _blank_with_ruler()
    if value is not None:
        monkeypatch.setenv(nlp_fast.ENV_SWITCH, value)
    assert nlp_fast.install(nlp) == [("attribute_ruler", "attribute_ruler")]
    assert type(nlp.get_pipe("attribute_ruler")) is nlp_fast.CachedAttributeRuler


def test_enabled_keyword_overrides_the_environment(monkeypatch):
    monkeypatch.setenv(nlp_fast.ENV_SWITCH, "0")
    nlp, _ruler = _blank_with_ruler()
    assert nlp_fast.install(nlp, enabled=True) == [("attribute_ruler", "attribute_ruler")]
    monkeypatch.setenv(nlp_fast.ENV_SWITCH, "1")
    nlp, ruler = _blank_with_ruler()
    assert nlp_fast.install(nlp, enabled=False) == []
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_installing_twice_changes_nothing(stock_and_fast):
    _stock, fast, _installed = stock_and_fast
    before = list(fast.components)
    assert nlp_fast.install(fast, enabled=True) == []
    assert all(a[1] is b[1] for a, b in zip(before, fast.components))


# ---------------------------------------------------------------------------------------------
# guards: a component not built as its drop-in expects keeps spaCy's code

def _examples(nlp) -> list[Example]:
    """Two hand-annotated sentences, enough to initialise small blank components."""
    rows = [(["Putin", "met", "Xi", "in", "Moscow", "."], [1, 1, 1, 1, 3, 1],
             ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], ["U-PERSON", "O", "U-PERSON", "O", "U-GPE", "O"]),
            (["Talks", "ended", "on", "Monday", "."], [1, 1, 1, 2, 1],
             ["nsubj", "ROOT", "prep", "pobj", "punct"], ["O", "O", "O", "U-DATE", "O"])]
    return [Example.from_dict(Doc(nlp.vocab, words=words), {"heads": heads, "deps": deps, "entities": ents})
            for words, heads, deps, ents in rows]


_PARSER_MODEL = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "parser",
                 "extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": 2, "use_upper": True,
                 "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 16,
                             "depth": 1, "embed_size": 300, "window_size": 1, "maxout_pieces": 2,
                             "subword_features": True}}
_CHARACTER_TOK2VEC = {"@architectures": "spacy.Tok2Vec.v2",
                      "embed": {"@architectures": "spacy.CharacterEmbed.v2", "width": 16, "rows": 300, "nM": 8,
                                "nC": 4, "include_static_vectors": False},
                      "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 1,
                                 "window_size": 1, "maxout_pieces": 2}}


def _parser_model(state_type="parser", **changes) -> dict:
    return {**_PARSER_MODEL, "state_type": state_type, **changes}


@pytest.mark.parametrize("factory,config,reason,run", [
    # spaCy's own beam parser fails an assertion on a model this small: not run here
    ("beam_parser", {"model": _parser_model()}, "beam search", False),
    ("beam_ner", {"model": _parser_model("ner")}, "beam search", True),
    ("parser", {"model": _parser_model(maxout_pieces=1)}, "not maxout", True),
    ("ner", {"model": _parser_model("ner", use_upper=False)}, "no output layer", True),
])
def test_parsers_built_otherwise_keep_spacys_code_and_annotations(caplog, factory, config, reason, run):
    nlp = spacy.blank("en")
    proc = nlp.add_pipe(factory, config=config)
    nlp.initialize(lambda: _examples(nlp))
    texts = ["Putin met Xi in Moscow on Monday.", "Talks ended.", ""]
    expected = [annotations(doc) for doc in nlp.pipe(texts)] if run else None
    with caplog.at_level(logging.INFO, logger="storyline"):
        installed = nlp_fast.install(nlp)
    assert nlp.get_pipe(proc.name) is proc
    assert (proc.name, "greedy_parser") not in installed
    assert reason in caplog.text
    if run:
        assert [annotations(doc) for doc in nlp.pipe(texts)] == expected


def test_small_greedy_parser_and_ner_take_the_drop_ins_with_the_same_annotations():
    """The counterpart of the test above: the structure the drop-ins expect, in a blank pipeline."""
    nlp = spacy.blank("en")
    nlp.add_pipe("parser", config={"model": _parser_model()})
    nlp.add_pipe("ner", config={"model": _parser_model("ner")})
    nlp.initialize(lambda: _examples(nlp))
    texts = ["Putin met Xi in Moscow on Monday.", "Talks ended.", "", "Xi and Putin met again in Beijing ."]
    expected = [(annotations(doc), doc.tensor.tobytes()) for doc in nlp.pipe(texts)]
    assert sorted(nlp_fast.install(nlp)) == [("ner", "dedup_embed"), ("ner", "greedy_parser"),
                                             ("parser", "dedup_embed"), ("parser", "greedy_parser")]
    assert [(annotations(doc), doc.tensor.tobytes()) for doc in nlp.pipe(texts)] == expected
    assert [annotations(nlp(text)) for text in texts] == [a for a, _ in expected]


def test_other_ops_keep_spacys_parser_and_embedding(caplog):
    class OtherOps(NumpyOps):
        name = "other"

    nlp = spacy.blank("en")
    parser = nlp.add_pipe("parser", config={"model": _parser_model()})
    for node in parser.model.walk():
        node.ops = OtherOps()
    with caplog.at_level(logging.INFO, logger="storyline"):
        assert nlp_fast.install(nlp) == []
    assert nlp.get_pipe("parser") is parser
    assert not any(node._func is nlp_fast.dedup_embed_forward for node in parser.model.walk())
    assert "ops OtherOps, not NumpyOps" in caplog.text


def test_embedding_other_than_multihashembed_is_left_alone():
    nlp = spacy.blank("en")
    tok2vec = nlp.add_pipe("tok2vec", config={"model": _CHARACTER_TOK2VEC})
    funcs = [node._func for node in tok2vec.model.walk()]
    assert nlp_fast.install(nlp) == []
    assert [node._func for node in tok2vec.model.walk()] == funcs


def test_attribute_ruler_setting_other_attributes_keeps_spacys_ruler(caplog):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks"}]], {"NORM": "negotiations", "TAG": "NNS"})
    with caplog.at_level(logging.INFO, logger="storyline"):
        assert nlp_fast.install(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert "other than TAG, POS, MORPH, LEMMA or DEP" in caplog.text
    assert [(t.norm_, t.tag_) for t in nlp("Talks ended")] == [("negotiations", "NNS"), ("ended", "")]


def test_attribute_ruler_missing_an_attribute_or_subclassed_keeps_spacys_ruler(caplog):
    nlp, ruler = _blank_with_ruler()
    del ruler.indices
    nlp2, ruler2 = _blank_with_ruler()
    ruler2.__class__ = type("OwnRuler", (type(ruler2),), {})
    with caplog.at_level(logging.INFO, logger="storyline"):
        assert nlp_fast.install(nlp) == [] and nlp_fast.install(nlp2) == []
    assert nlp.get_pipe("attribute_ruler") is ruler and nlp2.get_pipe("attribute_ruler") is ruler2
    assert "no indices" in caplog.text and "OwnRuler is not spaCy's AttributeRuler" in caplog.text


def test_a_drop_in_failing_to_wrap_keeps_spacys_component(caplog):
    nlp, ruler = _blank_with_ruler()
    ruler.matcher = object()      # no .get(): the patterns cannot be read
    with caplog.at_level(logging.INFO, logger="storyline"):
        assert nlp_fast.install(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert "AttributeError" in caplog.text


def test_cached_attribute_ruler_follows_rules_added_after_install():
    stock, _ = _blank_with_ruler()
    fast, _ = _blank_with_ruler()
    nlp_fast.install(fast)
    texts = ["Talks on trade ended", "The talks talks"]
    assert [annotations(fast(t)) for t in texts] == [annotations(stock(t)) for t in texts]
    for nlp in (stock, fast):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "trade"}]], {"POS": "NOUN", "LEMMA": "trade"})
    assert [annotations(fast(t)) for t in texts] == [annotations(stock(t)) for t in texts]
    assert fast("on trade")[1].pos_ == "NOUN"


@pytest.mark.parametrize("change,reason", [
    ("lookup", "mode 'lookup', not 'rule'"),
    ("subclass", "OwnLemmatizer is not one of spaCy's rule lemmatizers"),
    ("missing", "no _validated"),
])
def test_lemmatizers_built_otherwise_keep_spacys_lemmatizer(caplog, change, reason):
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup" if change == "lookup" else "rule"})
    if change == "subclass":
        lemmatizer.__class__ = type("OwnLemmatizer", (type(lemmatizer),), {})
    elif change == "missing":
        del lemmatizer._validated
    with caplog.at_level(logging.INFO, logger="storyline"):
        assert nlp_fast.install(nlp) == []
    assert nlp.get_pipe("lemmatizer") is lemmatizer
    assert reason in caplog.text


def test_rule_lemmatizer_of_a_blank_pipeline_takes_the_drop_in():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert nlp_fast.install(nlp) == [("lemmatizer", "lemmatizer")]
    assert type(nlp.get_pipe("lemmatizer")) is nlp_fast.CachedLemmatizer
    assert nlp.get_pipe("lemmatizer").mode == "rule"          # the wrapped lemmatizer's attributes


# ---------------------------------------------------------------------------------------------
# serialisation: saved as spaCy's own pipeline

def _texts() -> list[str]:
    base = ["Chinese President Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin.",
            "“We ain't gonna back down,” he told reporters. There's no deal yet, officials said.", ""]
    return base + (t17_sentences(30, per_article=1) if T17.exists() else [])


def test_saved_pipeline_loads_as_spacys_with_the_same_annotations(nlp, tmp_path):
    """The issue's case: ``load_nlp().to_disk(d)`` then ``spacy.load(d)``."""
    nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert loaded.pipe_names == nlp.pipe_names
    assert {loaded.get_pipe_meta(name).factory for name in ("parser", "ner", "attribute_ruler", "lemmatizer")} \
        == {"parser", "ner", "attribute_ruler", "lemmatizer"}
    assert type(loaded.get_pipe("parser")).__name__ == "DependencyParser"
    texts = _texts()
    assert [annotations(d) for d in loaded.pipe(texts)] == [annotations(d) for d in nlp.pipe(texts)]


def test_pipeline_bytes_load_as_spacys_with_the_same_annotations(stock_and_fast):
    stock, fast, _installed = stock_and_fast
    data = fast.to_bytes()
    assert data == stock.to_bytes()
    loaded = spacy.util.get_lang_class(fast.lang).from_config(fast.config).from_bytes(data)
    texts = _texts()
    assert [annotations(d) for d in loaded.pipe(texts)] == [annotations(d) for d in fast.pipe(texts)]


def test_installed_pipeline_reads_a_saved_one_and_keeps_its_drop_ins(stock_and_fast, tmp_path):
    stock, fast, _installed = stock_and_fast
    from storyline.nlp import resolve_model_name

    stock.to_disk(tmp_path)
    again = spacy.load(resolve_model_name())
    nlp_fast.install(again)
    again.from_disk(tmp_path)
    assert type(again.get_pipe("attribute_ruler")) is nlp_fast.CachedAttributeRuler
    texts = _texts()
    assert [annotations(d) for d in again.pipe(texts)] == [annotations(d) for d in stock.pipe(texts)]
