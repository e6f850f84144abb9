"""Cross-article event linking (storyline.corpus.linking) and relations (storyline.corpus.relations)."""
from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

from builders import CHN, RUS, art, ev
from storyline.corpus import linking as story
from storyline.model import ActorRef, Article
from storyline.corpus.relations import compute_relations, main_dyads
from storyline.corpus.linking import canonical_date, date_relation, link_events, outlet_of
from storyline.dates import date_interval
from storyline.corpus.timeline import build_timeline

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"

USA = ActorRef("Washington", "USA", "GOV")
NATO = ActorRef("NATO", "NATO")


@pytest.mark.parametrize("value,expected", [
    ("2021-12-15", ("2021-12-15", "2021-12-15", 3)),
    ("2021-12", ("2021-12-01", "2021-12-31", 2)),
    ("2024-02", ("2024-02-01", "2024-02-29", 2)),
    ("2020", ("2020-01-01", "2020-12-31", 1)),
    ("2021-12-16T17:21", ("2021-12-16", "2021-12-16", 3)),
    ("2024-W20", ("2024-05-13", "2024-05-19", 2)),
    ("2024-04-24/2024-04-26", ("2024-04-24", "2024-04-26", 2)),
    ("2022-Q1", ("2022-01-01", "2022-03-31", 1)),
    ("PRESENT_REF", None), ("P1W", None), (None, None), ("2021-13-40", None),
])
def test_date_interval(value, expected):
    import datetime as dt

    got = date_interval(value)
    if expected is None:
        assert got is None
    else:
        assert (dt.date.fromordinal(got[0]).isoformat(), dt.date.fromordinal(got[1]).isoformat(), got[2]) == expected


@pytest.mark.parametrize("a,b,relation", [
    ("2021-12-15", "2021-12-15", "same"),
    ("2021-12", "2021-12-15", "compatible"),
    ("2021", "2021-12-15", "compatible"),
    ("2021-12-15", "2021-12-16", "near"),
    ("2021-12-15", "2021-12-18", "far"),
    ("2021-11", "2021-12-15", "far"),
    ("2021-12-15", None, "undated"),
    ("PRESENT_REF", "2021-12-15", "undated"),
])
def test_date_relation(a, b, relation):
    assert date_relation(a, b) == relation
    assert date_relation(b, a) == relation


def test_two_outlets_reporting_one_call_make_one_story_event():
    articles = [art("a1", "TASS", "2021-12-15"), art("a2", "Reuters", "2021-12-16")]
    events = [ev("e1", "a1"), ev("e2", "a2", src=(CHN,), tgt=(RUS,),
                                 sentence="Xi Jinping told Vladimir Putin during a video call that ties were strong.")]
    linked, stories = link_events(events, articles)
    assert len(stories) == 1
    s = stories[0]
    assert s.date == "2021-12-15" and s.corroboration == 2
    assert s.sources == ("TASS", "Reuters") and s.earliest_report == "a1"
    assert set(s.event_ids) == {"e1", "e2"} and set(s.actors) == {"RUS", "CHN"}
    assert [e.id for e in linked] == ["e1", "e2"]
    assert all(e.story_event == s.id for e in linked)
    assert s.summary in {e.sentence for e in events}      # extractive


def test_near_duplicate_copies_are_listed_but_not_counted():
    articles = [art("a1", "Reuters", "2021-12-15"), art("a2", "Yahoo", "2021-12-15", duplicate_of="a1")]
    _, stories = link_events([ev("e1", "a1")], articles)      # copies are not analysed: no events
    assert stories[0].sources == ("Reuters", "Yahoo") and set(stories[0].article_ids) == {"a1", "a2"}
    assert stories[0].corroboration == 1


def test_near_duplicate_articles_count_once():
    articles = [art("a1", "Reuters", "2021-12-15"), art("a2", "Yahoo", "2021-12-15", duplicate_of="a1"),
                art("a3", "TASS", "2021-12-16")]
    events = [ev("e1", "a1"), ev("e2", "a2"), ev("e3", "a3")]
    _, stories = link_events(events, articles)
    assert len(stories) == 1
    assert stories[0].corroboration == 2
    assert set(stories[0].sources) == {"Reuters", "Yahoo", "TASS"}


@pytest.mark.parametrize("second,linked", [
    (dict(date="2021-12-15"), True),
    (dict(date="2021-12"), True),                                          # compatible granularity
    (dict(date="2022-02-04"), False),                                      # another contact
    (dict(date=None), False),                                              # undated stays apart
    (dict(negated=True), False),
    (dict(intent=True), False),
    (dict(etype="ASSAULT"), False),                                        # incompatible type
    (dict(src=(USA,), tgt=(NATO,)), False),                                # no shared actor pair
    (dict(sentence="Oil prices rose sharply in Asian trading on Wednesday."), False),
])
def test_linking_rules(second, linked):
    articles = [art("a1", "TASS", "2021-12-15"), art("a2", "Reuters", "2021-12-16")]
    kw = {"etype": "CONSULT", **second}
    etype = kw.pop("etype")
    events = [ev("e1", "a1"), ev("e2", "a2", etype, **kw)]
    _, stories = link_events(events, articles)
    assert (len(stories) == 1) is linked


def test_canonical_date_prefers_most_specific_agreed_value_and_keeps_conflicts():
    members = [ev("e1", "a1", date="2021-12"), ev("e2", "a2", date="2021-12-15"),
               ev("e3", "a3", date="2021-12-15"), ev("e4", "a4", date="2021-12-16"),
               ev("e5", "a5", date="2021-12-17", how="article")]
    date, conflicts = canonical_date(members)
    assert date == "2021-12-15"
    assert conflicts == ("2021-12-16",)       # defaulted publication dates are no claim


def test_canonical_date_without_majority_is_the_best_supported_then_coarsest_then_earliest():
    # eight reports, each dated only by its own publication day, a day or a week apart: no value
    # has a majority and all are equally supported (this picked by set order, i.e. by hash seed)
    days = ["2011-03-28", "2011-03-29", "2011-04-05", "2011-04-12", "2011-04-19", "2011-04-26",
            "2011-05-03", "2011-05-10"]
    members = [ev(f"e{i}", f"a{i}", date=d, how="article") for i, d in enumerate(days)]
    for order in (members, members[::-1], members[3:] + members[:3]):
        assert canonical_date(order) == ("2011-03-28", ())
    # better support wins over earlier; among equals a coarser value wins over a day
    assert canonical_date([ev("e1", "a1", date="2011-03-28", how="article"),
                           ev("e2", "a2", date="2011-04-05")])[0] == "2011-04-05"
    assert canonical_date([ev("e1", "a1", date="2012-05-01"), ev("e2", "a2", date="2011")])[0] == "2011"


def test_story_event_actors_by_count_then_in_the_order_named():
    named = [ActorRef(n, n) for n in ("RUS", "CHN", "USA", "NATO", "GBR", "FRA")]
    events = [ev("e1", "a1", src=named[:3], tgt=named[3:]),
              ev("e2", "a2", src=named[:3], tgt=named[3:] + [ActorRef("Paris", "FRA")])]
    _, stories = link_events(events, [art("a1", "TASS", "2021-12-15"), art("a2", "Reuters", "2021-12-15")])
    assert len(stories) == 1
    # every actor is named by both mentions (FRA twice by one: it counts once per mention)
    assert stories[0].actors == ("RUS", "CHN", "USA", "NATO", "GBR", "FRA")
    entry, = build_timeline(stories, [e.replace(story_event=stories[0].id) for e in events], [])
    assert entry.actors == stories[0].actors
    _, stories = link_events([ev("e1", "a1", src=named[:3], tgt=named[3:]),
                              ev("e2", "a2", src=[named[4]], tgt=[named[5]])],
                             [art("a1", "TASS", "2021-12-15"), art("a2", "Reuters", "2021-12-15")])
    assert stories[0].actors == ("GBR", "FRA", "RUS", "CHN", "USA", "NATO")


def test_background_only_when_every_mention_is_background():
    articles = [art("a1", "TASS", "2024-05-16"), art("a2", "Reuters", "2024-05-17")]
    sent = "In 2020, NATO identified China as a security threat for the first time."
    events = [ev("e1", "a1", "ACCUSE", src=(NATO,), tgt=(CHN,), date="2020", sentence=sent, background=True),
              ev("e2", "a2", "ACCUSE", src=(NATO,), tgt=(CHN,), date="2020", sentence=sent, background=True)]
    _, stories = link_events(events, articles)
    assert len(stories) == 1 and stories[0].background and stories[0].corroboration == 2


@pytest.mark.parametrize("article,outlet", [
    (art("a", "The Guardian", None), "The Guardian"),
    (art("a", None, None, url="https://www.reuters.com/world/x"), "reuters.com"),
    (art("a", None, None), "unknown"),  # never a file name
    (None, "?"),
])
def test_outlet_of(article, outlet):
    assert outlet_of(article) == outlet


def test_blocking_keeps_comparisons_sub_quadratic(monkeypatch):
    calls = []
    real = story._should_link
    monkeypatch.setattr(story, "_should_link", lambda *a: calls.append(1) or real(*a))
    codes = [f"C{i:02d}" for i in range(30)]
    rng = random.Random(7)
    events, articles = [], []
    for i in range(600):
        a, b = rng.sample(codes, 2)
        day = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        articles.append(art(f"a{i}", f"outlet{i % 9}", day))
        events.append(ev(f"e{i}", f"a{i}", src=(ActorRef(a, a),), tgt=(ActorRef(b, b),), date=day,
                         sentence=f"{a} and {b} met for talks on day {i}."))
    linked, stories = link_events(events, articles)
    assert len(linked) == 600 and all(e.story_event for e in linked)
    assert len(calls) < 600 * 599 / 2 / 20


def test_big_block_compares_only_similar_evidence(monkeypatch):
    calls = []
    real = story._should_link
    monkeypatch.setattr(story, "_should_link", lambda *a: calls.append(1) or real(*a))
    rng = random.Random(5)
    vocab = [f"word{i}" for i in range(3000)]
    events, articles = [], []
    for i in range(1200):
        articles.append(art(f"a{i}", f"outlet{i % 50}", "2021-12-16"))
        if i < 20:
            sentence = "Putin and Xi held a long video call about NATO expansion and security guarantees."
        else:
            sentence = " ".join(rng.sample(vocab, 12))
        events.append(ev(f"e{i}", f"a{i}", sentence=sentence))
    linked, stories = link_events(events, articles)
    assert len(calls) < 1200 * 1199 / 2 / 20
    call = [s for s in stories if "e0" in s.event_ids][0]
    assert set(call.event_ids) == {f"e{i}" for i in range(20)}
    assert call.corroboration == 20


def test_link_events_empty():
    assert link_events([], []) == ([], [])


# --- relations ---------------------------------------------------------------------------------

def test_compute_relations_counts_by_quad_class_and_month():
    events = [ev("e1", "a1", "CONSULT", goldstein=1.0), ev("e2", "a1", "AGREE", goldstein=3.0),
              ev("e3", "a1", "ACCUSE", src=(RUS,), tgt=(NATO,), goldstein=-2.0),
              ev("e4", "a1", "ASSAULT", date="2022-02-24", src=(RUS,), tgt=(ActorRef("Ukraine", "UKR"),),
                 goldstein=-10.0),
              ev("e5", "a1", "CONSULT", negated=True), ev("e6", "a1", "CONSULT", date=None),
              ev("e7", "a1", "CONSULT", tgt=(RUS,)),
              ev("e8", "a1", "AGREE", src=(RUS, CHN), tgt=(), date="2022-02-04", goldstein=3.0)]
    rel = {(r.source, r.target, r.month): r for r in compute_relations(events)}
    assert set(rel) == {("RUS", "CHN", "2021-12"), ("RUS", "NATO", "2021-12"), ("RUS", "UKR", "2022-02"),
                        ("CHN", "RUS", "2022-02")}
    r = rel[("RUS", "CHN", "2021-12")]
    assert r.quad_counts == {1: 2, 2: 0, 3: 0, 4: 0} and r.n == 2 and r.goldstein_mean == 2.0
    assert rel[("RUS", "UKR", "2022-02")].quad_counts[4] == 1
    assert rel[("CHN", "RUS", "2022-02")].quad_counts[1] == 1          # joint actors, no target
    assert main_dyads(list(rel.values()), limit=1) == [("CHN", "RUS")]
    json.dumps([r.to_dict() for r in rel.values()])


# --- linking on shuffled Timeline17 topics (needs the event coder) ------------------------------

T17 = BENCH / "t17"


@pytest.mark.skipif(importlib.util.find_spec("storyline.events") is None or not T17.exists(),
                    reason="needs storyline.events and ../shared/bench/t17")
def test_story_events_do_not_mix_topics(nlp):
    from storyline.nlp import doc_to_records, pipe_articles

    rng = random.Random(3)
    articles, topic_of = [], {}
    for folder in ("bpoil_bbc", "H1N1_bbc", "LibyaWar_cnn", "MJ_bbc"):
        lines = (T17 / folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:8]
        for line in lines:
            r = json.loads(line)
            text = "\n".join(r["text"].split("\n")[:12])          # leads only: keeps the test fast
            a = Article(id=f"{folder}-{r['id']}", path=folder, text=text, source=folder.split("_")[1],
                        published=r["time"][:10])
            articles.append(a)
            topic_of[a.id] = folder.split("_")[0]
    rng.shuffle(articles)
    events = [e for article, doc in pipe_articles(nlp, articles) for e in doc_to_records(doc, article).events]
    _, stories = link_events(events, articles)
    assert events
    for s in stories:
        assert len({topic_of[a] for a in s.article_ids}) == 1, s


# --- the same contact told in different words -------------------------------------------------

PUTIN = ActorRef("Putin", "RUS", "GOV")
XI = ActorRef("Xi", "CHN", "GOV")
CALL = "Putin and Xi held a video call, their aides said."
SUMMIT = "Officials described the Putin-Xi virtual summit as essential for the allies."


@pytest.mark.parametrize("kw_b,linked", [
    ({}, True),                                                   # same dyad, same day, both named
    ({"date": "2021-12-16"}, False),                              # another day
    ({"etype": "ACCUSE"}, False),                                 # not a contact
    ({"src": (ActorRef("the Kremlin", "RUS", "GOV"),)}, False),   # one party not named in the sentence
    ({"date": "2021-12"}, False),                                 # a month is not a day
])
def test_same_dyad_contact_links_across_wording(kw_b, linked):
    kw_b = {"src": (PUTIN,), "tgt": (XI,), "sentence": SUMMIT, **kw_b}
    a = ev("e1", "a1", src=(PUTIN,), tgt=(XI,), sentence=CALL, how="article")
    b = ev("e2", "a2", how="timex", **kw_b)
    assert story.text_similarity(CALL, SUMMIT) < 0.15             # the words alone would not link them
    events, _ = link_events([a, b], [art("a1", "AP", "2021-12-15"), art("a2", "Reuters", "2021-12-16")])
    assert (events[0].story_event == events[1].story_event) is linked


# --- one event a day per directed dyad and type (ICEWS convention) --------------------------------

XI_NAMED = ActorRef("Xi", "CHN", "GOV")
RUSSIA_NAMED = ActorRef("Russia", "RUS", "GOV")
BACKED = "On Wednesday Xi declared formal backing for this central security concern of Russia's."
INDICATED = "Xi has indicated support for Russia's plan to keep the alliance from expanding."


@pytest.mark.parametrize("kw_b,linked", [
    ({}, True),                                                       # same direction, day, type
    ({"src": (RUSSIA_NAMED,), "tgt": (XI_NAMED,)}, False),            # the other direction
    ({"date": "2021-12-14"}, False),                                  # another day (and few shared words)
    ({"etype": "ACCUSE"}, False),                                     # another type
    ({"tgt": (ActorRef("Moscow", "RUS", "GOV"),)}, False),            # target not named in the sentence
    ({"tgt": (RUSSIA_NAMED, ActorRef("Beijing", "CHN", "GOV"))}, False),  # source and target overlap
    ({"tgt": (RUSSIA_NAMED, ActorRef("the alliance", None))}, False),    # an uncoded party
])
def test_same_directed_dyad_links_across_wording(kw_b, linked):
    kw_b = {"src": (XI_NAMED,), "tgt": (RUSSIA_NAMED,), "sentence": INDICATED, **kw_b}
    a = ev("e1", "a1", "SUPPORT", src=(XI_NAMED,), tgt=(RUSSIA_NAMED,), sentence=BACKED)
    b = ev("e2", "a2", kw_b.pop("etype", "SUPPORT"), how="article", **kw_b)
    assert story.text_similarity(BACKED, INDICATED) < 0.3             # the words alone would not link them
    events, _ = link_events([a, b], [art("a1", "Reuters", "2021-12-16"), art("a2", "AP", "2021-12-15")])
    assert (events[0].story_event == events[1].story_event) is linked
