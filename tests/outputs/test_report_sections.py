"""The report's charts and "Sources compared" section (storyline.outputs.report.charts, .framing):
offline, escaped."""
from __future__ import annotations

import json

from builders import art, ev
from storyline.corpus.framing import analyse_framing
from storyline.corpus.linking import link_events
from storyline.corpus.relations import compute_relations
from storyline.corpus.timeline import build_timeline
from storyline.model import Article, Relation, Stance, StanceEvidence, StoryEvent
from storyline.outputs.report.charts import relations_charts as render_relations_html
from storyline.outputs.report.framing import framing_section as render_framing_html



def _article(aid: str, source: str, text: str, published: str = "2024-02-08") -> Article:
    return Article(id=aid, path=f"/x/{aid}.txt", text=text, source=source, published=published)


def test_render_relations_html_is_offline_and_escaped():
    articles = [art("a1", "<b>Evil</b> Times", "2021-12-15")]
    events = [ev("e1", "a1", goldstein=1.0, sentence="Putin <script>alert(1)</script> met Xi on Wednesday.")]
    linked, stories = link_events(events, articles)
    timeline = build_timeline(stories, linked, articles)
    html = render_relations_html(compute_relations(linked), timeline)
    assert "<script>alert(1)" not in html and "<b>Evil" not in html
    assert html.count('class="chart-data"') == 2 and html.count("</script>") == 2   # no tag closed early
    assert "cdn.plot.ly" not in html and len(html) < 100_000   # the library is a file beside the page
    assert render_relations_html([], []) == ""


def test_relations_accept_string_quad_keys_after_json_round_trip():
    rel = json.loads(json.dumps([r.to_dict() for r in compute_relations([ev("e1", "a1", goldstein=1.0)])]))
    assert all(set(r["quad_counts"]) == {"1", "2", "3", "4"} for r in rel)
    rel = [Relation.from_dict(r) for r in rel]
    assert 'class="chart-data"' in render_relations_html(rel, [])


def test_render_escapes_article_text():
    evil = _article("e1", "<b>evil</b>.example", "The dictator <script>alert(1)</script> is terrible & we hate it!")
    result = analyse_framing([evil], quotes=[], events=[],
                             story_events=[StoryEvent(id="s<1>", date=None, article_ids=("e1",), summary="<img src=x>")])
    stances = [Stance(actor="RUS", issue="<i>x</i>", position="oppose",
                      evidence=StanceEvidence(article_id="e1", start=0, end=5, text="<script>bad()</script>"))]
    out = render_framing_html(result, stances)
    assert "<script>" not in out and "<img" not in out and "<b>evil" not in out and "<i>x" not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;evil&lt;/b&gt;.example" in out
    assert "http" not in out                     # self-contained: no external assets


def test_render_empty():
    assert "sl-framing" in render_framing_html({}, [])


def test_a_month_without_events_is_a_gap_in_the_line():
    events = [ev("e1", "a1", goldstein=1.0, date="2011-03-19"), ev("e2", "a1", goldstein=1.0, date="2013-05-02")]
    relations = [r for r in compute_relations(events) if r.month]
    html = render_relations_html(relations, [])
    block = html.split('data-for="relations-chart">', 1)[1].split("</script>", 1)[0]
    trace = json.loads(block)["data"][0]
    assert len(trace["x"]) == 27 and trace["x"][0] == "2011-03-01" and trace["x"][-1] == "2013-05-01"
    assert trace["y"][1] is None and trace["connectgaps"] is False


def test_the_framing_section_read_from_the_store_is_the_one_of_the_whole_record(tmp_path):
    """The report reads the store's framing rows a piece at a time (#18): the same section as from the
    whole record, with more outlets than it shows and more coverage rows than it lists."""
    from storyline.outputs.report import framing as section
    from storyline.outputs.report.framing import StoredFraming
    from storyline.store import Store
    outlets = [f"Outlet {i}" for i in range(11)]
    articles = [_article(f"a{i}", outlets[i % 11], f"The minister said the plan was a disaster, number {i}. "
                         "“We will resist,” she said.", published=f"2024-02-{1 + i % 20:02d}") for i in range(60)]
    stories = [StoryEvent(id=f"s{i}", date=f"2024-02-{1 + i % 9:02d}", summary=f"Talks held, round {i % 45}",
                          article_ids=tuple(f"a{j}" for j in range(i % 60, min(60, i % 60 + 1 + i % 4))),
                          background=i % 7 == 0) for i in range(90)]
    framing = analyse_framing(articles, quotes=[], events=[], story_events=stories)
    store = Store(tmp_path / "s.sqlite")
    store.finish_corpus(timeline=[], relations=[], stances=[], framing=framing)
    assert store.framing() == framing
    whole = render_framing_html(framing, [])
    assert render_framing_html(StoredFraming(store), []) == whole
    assert "of 11.</p>" in whole and "more event(s)" in whole
    assert not StoredFraming(Store(tmp_path / "empty.sqlite"))
    assert section._n_articles({"articles": ["a", "b"]}) == 2


def test_the_charts_from_the_main_dyads_relations_are_those_from_all(tmp_path):
    """The report holds the relations of the main dyads alone (#18): the same charts as from all of them."""
    from storyline.outputs.report import chart_relations
    from storyline.store import Store

    actors = ["RUS", "USA", "CHN", "UKR", "FRA", "DEU", "IRN", "TUR"]
    relations = [Relation(source=actors[i % 8], target=actors[(i * 3 + 1) % 8], month=f"20{10 + i % 5}-{1 + i % 12:02d}",
                          quad_counts={1 + i % 4: 1 + i % 3}, goldstein_mean=(i % 7) - 3.0, n=1 + i % 3)
                 for i in range(80) if actors[i % 8] != actors[(i * 3 + 1) % 8]]
    store = Store(tmp_path / "s.sqlite")
    store.finish_corpus(timeline=[], relations=relations, stances=[], framing={})
    shown = chart_relations(store)
    assert 0 < len(shown) < len(store.relations())
    assert render_relations_html(shown, []) == render_relations_html(store.relations(), [])
