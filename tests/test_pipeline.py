"""End to end: `storyline.run` over the seed corpus, re-runs, and hostile inputs."""
from __future__ import annotations

import gzip
import json
import sqlite3

import pytest

import storyline
from storyline.outputs import OUTPUT_FILES


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("putin-xi")
    summary = storyline.run([corpus_dir], out=out)
    return out, summary


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_output_file_is_written(seed_run):
    out, summary = seed_run
    for name in OUTPUT_FILES:
        assert (out / name).exists(), name
    assert summary.articles_read == 5 and summary.rejected == ()
    assert isinstance(json.loads((out / "timeline.json").read_text()), list)
    assert isinstance(json.loads((out / "relations.json").read_text()), list)


@pytest.mark.parametrize("prefix,date,how", [
    ("001", "2021-12-15", "header"),
    ("002", "2021-12-16", "dateline"),
    ("003", "2024-05-17", "header"),
    ("004", "2024-02-08", "byline"),
])
def test_publication_dates_and_how_found(seed_run, prefix, date, how):
    out, _ = seed_run
    (article,) = [a for a in _jsonl(out / "articles.jsonl") if a["path"].rsplit("/", 1)[-1].startswith(prefix)]
    assert article["published"] == date
    assert article["published_how"] == how


def test_undated_article_is_flagged_or_inferred(seed_run):
    out, _ = seed_run
    (article,) = [a for a in _jsonl(out / "articles.jsonl") if "/000_" in a["path"]]
    assert article["published_how"] in {"inferred", "unknown"}
    if article["published_how"] == "inferred":
        assert article["published"].startswith("2022-02") and article["published_evidence"]
    else:
        assert article["published"] is None


def test_boilerplate_gone_story_intact(seed_run):
    out, _ = seed_run
    articles = {a["path"].rsplit("/", 1)[-1][:3]: a for a in _jsonl(out / "articles.jsonl")}
    text0 = articles["000"]["text"]
    assert "The sides oppose further enlargement of NATO" in text0
    assert "seriously concerned" in text0 and "$117.5 billion" in text0
    for teaser in ("Roofing", "ROOFING", "Starliner", "Blood Types", "Recent Posts", "uses cookies"):
        assert teaser not in text0
    assert any("Recent Posts" in line for line in articles["000"]["removed"])
    assert "Advertisement" not in articles["003"]["text"]
    assert "Blinken was in China for 24th April to 26th April." in articles["003"]["text"]


def test_second_run_reanalyses_nothing(seed_run, corpus_dir):
    out, first = seed_run
    events_before = (out / "events.jsonl").read_text()
    again = storyline.run([corpus_dir], out=out)
    assert again.articles_analysed == 0
    assert again.articles_skipped_unchanged == 5
    assert (out / "events.jsonl").read_text() == events_before
    with sqlite3.connect(out / "storyline.sqlite") as db:
        assert db.execute("select count(*) from articles").fetchone()[0] == 5
        assert db.execute("select count(*) from runs").fetchone()[0] == 2


def test_changed_code_reanalyses(tmp_path, corpus_dir, monkeypatch):
    from storyline import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    source = next(corpus_dir.glob("001_*.txt"))
    (folder / source.name).write_bytes(source.read_bytes())
    assert storyline.run([folder], out=tmp_path / "out").articles_analysed == 1
    assert storyline.run([folder], out=tmp_path / "out").articles_analysed == 0
    monkeypatch.setattr(pipeline, "_code_digest", lambda: "a-changed-rule")   # new code, same version
    assert storyline.run([folder], out=tmp_path / "out").articles_analysed == 1


def test_hostile_inputs_are_reported_and_good_ones_kept(tmp_path, corpus_dir):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Thursday, December 16, 2021\n\nRussia and China agreed to deepen ties.\n"
                                  "<script>alert(1)</script> was in the page.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "garbage.txt").write_bytes(bytes(range(256)) * 64)
    (src / "broken.txt.gz").write_bytes(gzip.compress(b"Putin met Xi in Beijing. " * 200)[:60])
    (src / "lines.jsonl").write_text('{"text": "Putin called Xi on Friday.", "date": "2024-02-08"}\n{broken\n',
                                     encoding="utf-8")
    (src / "loop").symlink_to(src, target_is_directory=True)
    out = tmp_path / "out"
    summary = storyline.run([src], out=out)
    assert summary.articles_read == 2
    reasons = {r.path.rsplit("/", 1)[-1]: r.reason for r in summary.rejected}
    assert {"empty.txt", "garbage.txt", "broken.txt.gz"} <= set(reasons)
    assert any(name.startswith("lines.jsonl") for name in reasons)
    assert all(reason for reason in reasons.values())
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_nothing_readable_still_finishes(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    summary = storyline.run([tmp_path], out=tmp_path / "out")
    assert summary.articles_read == 0 and len(summary.rejected) == 1
    assert (tmp_path / "out" / "events.jsonl").read_text() == ""


def test_two_processes_give_the_same_records(seed_run, corpus_dir, tmp_path):
    out, _ = seed_run
    storyline.run([corpus_dir], out=tmp_path / "j2", jobs=2)
    for name in ("events.jsonl", "quotes.jsonl", "articles.jsonl"):
        assert (tmp_path / "j2" / name).read_text() == (out / name).read_text(), name


# ---------------------------------------------------------------------------------------------
# the pipeline's drop-ins for spaCy's attribute ruler, lemmatizer, parser and ner, and paragraph starts

_RULE_CASES = [
    "Russian President Vladimir Putin and Chinese leader Xi Jinping held a video call on Wednesday.",
    "There were no talks, but there is a plan: officials said they'd meet again.",
    "“We ain't gonna back down,” he told reporters. “Let's see what happens, y'all.”",
    "It isn't clear whether Beijing has agreed; I don't think it did, and you can't tell.",
    "The Kremlin's spokesman, Dmitry Peskov, didn't rule out a visit. Nothin' was decided.",
    "Xi   met  Putin.\n\n\nThe two leaders signed   a joint statement \t on deepening ties.",
    "Headline: Putin, Xi pledge 'no limits' partnership\nBEIJING (Reuters) - China and Russia...",
]


@pytest.fixture(scope="module")
def stock_and_cached():
    import spacy

    from storyline.nlp import fast as nlp_fast
    from storyline.nlp import resolve_model_name

    stock, cached = spacy.load(resolve_model_name()), spacy.load(resolve_model_name())
    nlp_fast.install(cached)
    return stock, cached


@pytest.mark.parametrize("text", _RULE_CASES)
def test_cached_rule_components_give_spacys_annotations(stock_and_cached, text):
    stock, cached = stock_and_cached
    a, b = stock(text), cached(text)
    for x, y in zip(a, b):
        assert _annotations(x) == _annotations(y), x.text


def _annotations(token):
    return (token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_, token.head.i,
            token.is_sent_start, token.ent_iob_, token.ent_type_)


def test_drop_ins_give_spacys_annotations_in_batches(stock_and_cached):
    """nlp.pipe sorts each batch by length and parses it in quarters: the same batches here."""
    stock, cached = stock_and_cached
    texts = ["", *_RULE_CASES, "  \n\n ", *_RULE_CASES * 2, ""]     # empty and blank docs in a batch too
    for a, b in zip(stock.pipe(texts, batch_size=8), cached.pipe(texts, batch_size=8)):
        assert a.tensor.tobytes() == b.tensor.tobytes()      # the tok2vec output, bit for bit
        assert [_annotations(t) for t in a] == [_annotations(t) for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


def test_pipeline_uses_greedy_parser_drop_ins_under_spacys_names(nlp):
    assert {type(nlp.get_pipe(name)).__name__ for name in ("parser", "ner")} == {"GreedyParser"}
    assert "ENTITY" not in nlp.get_pipe("ner").labels and "GPE" in nlp.get_pipe("ner").labels
    doc = nlp("Chinese President Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Chinese", "NORP"), ("Xi Jinping", "PERSON"), ("Moscow", "GPE"), ("Monday", "DATE"),
        ("Vladimir Putin", "PERSON")]
    assert [t.text for t in doc if t.dep_ == "ROOT"] == ["arrived"]


def test_token_embeddings_are_computed_once_per_distinct_row(nlp):
    from storyline.nlp import fast as nlp_fast

    for name in ("tok2vec", "ner"):
        assert any(node._func is nlp_fast.dedup_embed_forward for node in nlp.get_pipe(name).model.walk()), name


def test_pipeline_uses_cached_rule_components_under_spacys_names(nlp):
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "CachedAttributeRuler"
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "CachedLemmatizer"
    doc = nlp("He wasn't there. They're meeting the Chinese leaders.")
    assert [t.lemma_ for t in doc if t.text in ("was", "'re", "meeting", "leaders")] == ["be", "be", "meet", "leader"]
    assert [t.pos_ for t in doc if t.text in ("n't", "'re")] == ["PART", "AUX"]


@pytest.mark.parametrize("text,starts", [
    ("Putin Meets Xi\n\nThe two leaders met in Beijing on Thursday.", ["Putin", "The"]),
    ("Putin Meets Xi\n \n\nThe two leaders met in Beijing.", ["Putin", "The"]),
    ("The two leaders met in Beijing\non Thursday to sign a statement.", ["The"]),
])
def test_blank_line_starts_a_sentence(nlp, text, starts):
    assert [s[0].text for s in nlp(text).sents if not s[0].is_space] == starts


def test_cached_rule_components_survive_pickling(nlp):
    """Worker processes started with 'spawn' or 'forkserver' receive the components pickled."""
    import pickle

    text = "There's no deal yet, but the two sides aren't giving up, a spokesman said."
    expected = [(t.pos_, str(t.morph), t.lemma_) for t in nlp(text)]
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("attribute_ruler", "lemmatizer"):
            proc = pickle.loads(pickle.dumps(proc))
            assert type(proc).__name__.startswith("Cached")
        doc = proc(doc)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in doc] == expected


def test_greedy_parser_drop_in_survives_pickling(nlp):
    import pickle

    text = "Beijing and Moscow signed 14 agreements, the Kremlin said on Tuesday."
    expected = [(t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in nlp(text)]
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("parser", "ner"):
            proc = pickle.loads(pickle.dumps(proc))
            assert type(proc).__name__ == "GreedyParser"
        doc = proc(doc)
    assert [(t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc] == expected
