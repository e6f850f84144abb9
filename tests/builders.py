"""Small hand-built records for tests of the corpus stages and the report (no model needed), and the
few helpers the tests that run the full pipeline share."""
from __future__ import annotations

import random

from storyline.corpus.relations import quad_class_of
from storyline.model import ActorRef, Article, Event

RUS = ActorRef("Russia", "RUS", "GOV")
CHN = ActorRef("China", "CHN", "GOV")


def art(aid, source, published, **kw):
    return Article(id=aid, path=f"{aid}.txt", text="", source=source, published=published, **kw)


def ev(eid, aid, etype="CONSULT", *, src=(RUS,), tgt=(CHN,), date="2021-12-15", how="timex",
       sentence="Putin and Xi held a video call on Wednesday to discuss security.", quad=None, **kw):
    quad = quad if quad is not None else quad_class_of(Event(id="", article_id="", event_type=etype))
    return Event(id=eid, article_id=aid, event_type=etype, quad_class=quad, source=tuple(src),
                 target=tuple(tgt), date=date, date_how=how, sentence=sentence, **kw)


def analysed(nlp, text: str, dct: str):
    """``text`` through the full pipeline ``nlp`` with its publication date ``dct``."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def coded_events(nlp, text: str, dct: str, kind: str | None = None) -> list[dict]:
    """The events coded in ``text`` (only those of PLOVER type ``kind`` when given)."""
    return [e for e in analysed(nlp, text, dct)._.events if kind is None or e["event_type"] == kind]


def last_event(nlp, text: str, dct: str, kind: str) -> dict:
    """The last event of PLOVER type ``kind`` coded in ``text`` (failing the test when there is none)."""
    evs = coded_events(nlp, text, dct, kind)
    assert evs, f"no {kind} event coded"
    return evs[-1]


def codes(actors) -> set:
    """The actor codes of an event side (uncoded actors left out)."""
    return {a["code"] for a in actors if a.get("code")}


# -- a store of varied event mentions for the corpus stages over the store (#18) ----------------------

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


def varied_store(path, n_articles: int = 40, per_article: int = 8, seed: int = 3):
    """A store of varied mentions: dates across a month's end, month, year and no dates, coded and
    uncoded actors, four types, negation and intent, confidences on both sides of the threshold, a
    near-copy article and one that is not news."""
    from storyline.store import Store

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


def listed_corpus(store):
    """What linking the lists makes: the news articles, the linked events kept, the story events."""
    from storyline import pipeline
    from storyline.corpus.linking import link_events
    from storyline.settings import default_event_threshold

    articles = store.articles(pipeline.NEWS_SQL)
    news = {a.id for a in articles}
    events = [e for e in store.events(threshold=default_event_threshold()) if e.article_id in news]
    linked, story_events = link_events(events, articles)
    return articles, linked, story_events
