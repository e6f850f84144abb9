"""Cross-article event linking on shuffled Timeline17 topics.

Articles of several t17 topics (different outlets) are shuffled together and run through the
spaCy pipeline; :func:`storyline.story.link_events` clusters the event mentions.  Topics are
the gold partition: a story event must never mix topics.  Printed, one per line:

- pairwise precision: of the mention pairs put in one story event across articles, the share
  from the same topic (topic purity of the links);
- pairwise recall: of the cross-article mention pairs of the same topic *and* same canonical
  day (a proxy for "same real-world event"), the share put in one story event;
- mixed_story_events: story events whose articles come from more than one topic (target 0);
- multi_outlet_story_events, mean mentions per story event;
- a scaling check: comparisons made and seconds for ``link_events`` on synthetic corpora of
  growing size (blocking keeps comparisons far below n²/2).

    .venv/bin/python benchmarks/linking.py [--per-topic 25]
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import random
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
T17 = BENCH / "t17"
TOPICS = ("bpoil_bbc", "bpoil_guardian", "H1N1_bbc", "LibyaWar_cnn", "LibyaWar_reuters", "MJ_bbc")


def load_articles(per_topic: int, seed: int = 11):
    from storyline.model import Article

    rng = random.Random(seed)
    articles, topic_of = [], {}
    for folder in TOPICS:
        records = [json.loads(x) for x in (T17 / folder / "articles.jsonl").read_text(encoding="utf-8").splitlines() if x]
        rng.shuffle(records)
        for r in records[:per_topic]:
            a = Article(id=f"{folder}-{r['id']}", path=f"{folder}/{r['id']}", text=r["text"],
                        source=folder.split("_", 1)[1], published=r["time"][:10])
            articles.append(a)
            topic_of[a.id] = folder.split("_", 1)[0]
    rng.shuffle(articles)
    return articles, topic_of


def pairwise(events, topic_of):
    by_story = collections.defaultdict(list)
    for e in events:
        by_story[e.story_event].append(e)
    linked_pairs = same_topic_linked = 0
    for members in by_story.values():
        for a, b in itertools.combinations(members, 2):
            if a.article_id == b.article_id:
                continue
            linked_pairs += 1
            same_topic_linked += topic_of[a.article_id] == topic_of[b.article_id]
    # recall proxy: same topic, same day value, different articles
    gold = collections.defaultdict(list)
    for e in events:
        if e.date and len(e.date) >= 10:
            gold[(topic_of[e.article_id], e.date[:10])].append(e)
    gold_pairs = gold_hit = 0
    for members in gold.values():
        for a, b in itertools.combinations(members, 2):
            if a.article_id == b.article_id:
                continue
            gold_pairs += 1
            gold_hit += a.story_event == b.story_event
    precision = same_topic_linked / linked_pairs if linked_pairs else 1.0
    recall = gold_hit / gold_pairs if gold_pairs else 0.0
    return precision, recall, linked_pairs, gold_pairs


def scaling(sizes=(1000, 4000, 16000)):
    from storyline import story
    from storyline.model import ActorRef, Article, Event

    rows = []
    for n in sizes:
        rng = random.Random(n)
        codes = [f"C{i:03d}" for i in range(max(20, n // 100))]
        articles, events = [], []
        for i in range(n):
            a, b = rng.sample(codes, 2)
            day = f"20{rng.randint(10, 21)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            articles.append(Article(id=f"a{i}", path=f"x/a{i}.txt", text="", source=f"o{i % 17}", published=day))
            events.append(Event(id=f"e{i}", article_id=f"a{i}", event_type=rng.choice(["CONSULT", "ACCUSE"]),
                                source=(ActorRef(a, a),), target=(ActorRef(b, b),), date=day, date_how="timex",
                                sentence=f"{a} and {b} held talks about issue {rng.randint(0, 50)}."))
        calls = [0]
        real = story._should_link

        def counting(*args):
            calls[0] += 1
            return real(*args)

        story._should_link = counting
        try:
            t0 = time.perf_counter()
            story.link_events(events, articles)
            seconds = time.perf_counter() - t0
        finally:
            story._should_link = real
        rows.append((n, calls[0], seconds))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-topic", type=int, default=25)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)

    from storyline.nlp import doc_to_records, load_nlp, pipe_articles
    from storyline.story import link_events

    articles, topic_of = load_articles(args.per_topic)
    nlp = load_nlp()
    t0 = time.perf_counter()
    events = [e for article, doc in pipe_articles(nlp, articles, n_process=args.jobs)
              for e in doc_to_records(doc, article).events]
    nlp_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    linked, stories = link_events(events, articles)
    link_seconds = time.perf_counter() - t0
    precision, recall, linked_pairs, gold_pairs = pairwise(linked, topic_of)
    mixed = sum(1 for s in stories if len({topic_of[a] for a in s.article_ids}) > 1)
    multi = sum(1 for s in stories if len(s.article_ids) > 1)
    print(f"articles: {len(articles)}")
    print(f"topics: {len(set(topic_of.values()))}")
    print(f"event_mentions: {len(linked)}")
    print(f"story_events: {len(stories)}")
    print(f"multi_article_story_events: {multi}")
    print(f"multi_outlet_story_events: {sum(1 for s in stories if s.corroboration > 1)}")
    print(f"mixed_story_events: {mixed}")
    print(f"cross_article_linked_pairs: {linked_pairs}")
    print(f"pairwise_precision_topic: {precision:.4f}")
    print(f"pairwise_recall_same_topic_same_day: {recall:.4f} (of {gold_pairs} pairs)")
    print(f"nlp_seconds: {nlp_seconds:.1f}")
    print(f"link_seconds: {link_seconds:.3f}")
    for n, calls, seconds in scaling():
        print(f"scaling_{n}_comparisons: {calls} (n^2/2 = {n * (n - 1) // 2})")
        print(f"scaling_{n}_seconds: {seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
