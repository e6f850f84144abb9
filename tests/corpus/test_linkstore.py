"""Story linking and the corpus stages over the store (#18): the same records as the stages run on
lists loaded whole, while holding a batch of events at a time, never all of them."""
from __future__ import annotations

import random
import weakref

import pytest

import storyline.corpus.linking as linking
import storyline.corpus.linkstore as linkstore
import storyline.incremental
from storyline import pipeline
from storyline.cli.progress import NullProgress
from storyline.corpus.framing import analyse_framing
from storyline.corpus.linking import link_events, story_order
from storyline.corpus.relations import compute_relations
from storyline.corpus.timeline import build_timeline, select_entries
from storyline.model import ActorRef, Article, Event
from storyline.settings import default_event_threshold
from storyline.store import Store

from builders import CHN, RUS, ev

USA = ActorRef("Washington", "USA", "GOV")
REBELS = ActorRef("the northern rebels")
DATES = ("2020-03-30", "2020-03-31", "2020-04-01", "2020-04-01T09:30", "2020-04", "2020", None, "2020-02-29")
SENTENCES = (
    "Russia and China held talks on border trade in Moscow on Tuesday.",
    "Officials from Russia and China discussed border trade and a new pipeline.",
    "Washington accused the northern rebels of shelling the border town.",
    "The northern rebels threatened Washington over the sanctions on the pipeline.",
    "China agreed with Russia on a ceasefire plan for the border region.",
)


def _store(path, n_articles: int = 40, per_article: int = 8, seed: int = 3) -> Store:
    """A store of varied mentions: dates across a month's end, month, year and no dates, coded and
    uncoded actors, four types, negation and intent, confidences on both sides of the threshold, a
    near-copy article and one that is not news."""
    rng = random.Random(seed)
    store = Store(path)
    articles = [Article(id=f"art{n:03d}", path=f"a{n:03d}.txt", text=f"Article {n}. " + " ".join(SENTENCES),
                        source=f"outlet{n % 4}", published=f"2020-0{3 + n % 2}-{1 + n % 28:02d}",
                        duplicate_of="art000" if n == 7 else None, not_news="recipe" if n == 9 else None)
                for n in range(n_articles)]
    store.save_articles(articles)
    for a in articles:
        events = []
        for k in range(per_article):
            src, tgt = rng.choice([((RUS,), (CHN,)), ((RUS, CHN), ()), ((USA,), (REBELS,)), ((REBELS,), (USA,))])
            events.append(ev(f"{a.id}-e{k}", a.id, rng.choice(["CONSULT", "AGREE", "ACCUSE", "THREATEN"]),
                             src=src, tgt=tgt, date=rng.choice(DATES), how=rng.choice(["timex", "article", "clause"]),
                             sentence=rng.choice(SENTENCES), negated=rng.random() < 0.1, intent=rng.random() < 0.1,
                             confidence=round(rng.uniform(0.2, 0.95), 2), start=k * 10, end=k * 10 + 9))
        store.save_analysis(a, timexes=(), quotes=(), events=events, fingerprint="x")
    return store


@pytest.fixture
def varied(tmp_path, monkeypatch):
    monkeypatch.setattr(linking, "MAX_BLOCK", 12)       # the big blocks' MinHash path too
    monkeypatch.setattr(linkstore, "LINK_BATCH", 25)    # several batches of clusters
    monkeypatch.setattr(linkstore, "READ_BATCH", 16)
    store = _store(tmp_path / "s.sqlite")
    yield store
    store.close()


def _listed(store: Store):
    """What the stages on lists make: the news articles, the linked events kept, the story events."""
    articles = store.articles(pipeline.NEWS_SQL)
    news = {a.id for a in articles}
    events = [e for e in store.events(threshold=default_event_threshold()) if e.article_id in news]
    linked, story_events = link_events(events, articles)
    return articles, linked, story_events


def test_stored_linking_makes_the_story_events_of_the_listed_linking(varied):
    assert pipeline.corpus_stages(varied, progress=NullProgress()) == []
    articles, linked, story_events = _listed(varied)
    assert max(len(s.event_ids) for s in story_events) >= 5                    # clusters, not singletons
    month = {e.id: (e.date or "")[:7] for e in linked}
    assert any(len({month[i] for i in s.event_ids}) > 1 for s in story_events)  # across a month's end
    assert [s.to_dict() for s in sorted(varied.story_events(), key=story_order)] == \
        [s.to_dict() for s in story_events]
    stored = dict(varied.db.execute("select id, story_event from events").fetchall())
    assert {e.id: e.story_event for e in linked} == {i: s for i, s in stored.items() if s is not None}
    assert sum(s is None for s in stored.values()) > 0                         # held, not news: linked to none


def test_stored_stages_make_the_records_of_the_listed_stages(varied):
    pipeline.corpus_stages(varied, progress=NullProgress())
    articles, linked, story_events = _listed(varied)
    timeline = select_entries(build_timeline(story_events, linked, articles, varied.timexes()), articles)
    assert [t.to_dict() for t in timeline] == [t.to_dict() for t in varied.timeline()]
    assert compute_relations(linked) == varied.relations() and varied.relations()
    assert analyse_framing(articles, quotes=[], events=linked, story_events=story_events) == varied.framing()


def test_a_failed_linking_leaves_no_story_event_and_the_other_stages_go_on(varied, monkeypatch):
    pipeline.corpus_stages(varied, progress=NullProgress())
    real = linkstore._write_batch
    batches = []

    def failing(*args):
        batches.append(1)
        if len(batches) == 2:                            # after a batch was written
            raise RuntimeError("disk on fire")
        return real(*args)

    monkeypatch.setattr(linkstore, "_write_batch", failing)
    skipped = pipeline.corpus_stages(varied, progress=NullProgress())
    assert skipped == ["linking: RuntimeError: disk on fire", "timeline: needs the story linking"]
    assert varied.db.execute("select count(*) from events where story_event is not null").fetchone()[0] == 0
    assert varied.story_events() == [] and varied.timeline() == [] and varied.relations()


def test_the_corpus_stages_hold_a_batch_of_events_not_all_of_them(varied, monkeypatch):
    monkeypatch.setattr(storyline.incremental, "_SHARE_BATCH", 4)
    monkeypatch.setattr(Store, "events", lambda *a, **k: pytest.fail("corpus stages loaded every event"))
    monkeypatch.setattr(Store, "iter_events", lambda *a, **k: pytest.fail("corpus stages read the events API"))
    alive, peak, made = weakref.WeakSet(), [0], [0]
    real = Event.from_dict.__func__

    def counted(cls, data):
        got = real(cls, data)
        if cls is Event:
            alive.add(got)
            made[0] += 1
            peak[0] = max(peak[0], len(alive))
        return got

    monkeypatch.setattr(Event, "from_dict", classmethod(counted))
    assert pipeline.corpus_stages(varied, progress=NullProgress()) == []
    kept = varied.db.execute("select count(*) from events where story_event is not null").fetchone()[0]
    biggest = max(len(s.event_ids) for s in varied.story_events())
    # a batch of clusters (LINK_BATCH mentions and the rest of its last cluster), or one batch of
    # articles' events (4 articles of 8): never the corpus's
    assert made[0] > kept > 3 * (2 * 25 + biggest)
    assert 0 < peak[0] <= 2 * 25 + biggest, (peak[0], kept)
