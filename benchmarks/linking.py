"""Cross-article event linking on shuffled Timeline17 topics.

Articles of several t17 topics (different outlets) are shuffled together and run through the
spaCy pipeline; :func:`storyline.corpus.linking.link_events` clusters the event mentions.  Topics are
the gold partition: a story event must never mix topics.  Printed, one per line:

- pairwise precision: of the mention pairs put in one story event across articles, the share
  from the same topic (topic purity of the links);
- pairwise recall: of the cross-article mention pairs of the same topic *and* same canonical
  day (a proxy for "same real-world event"), the share put in one story event;
- mixed_story_events: story events whose articles come from more than one topic (target 0);
- multi_outlet_story_events, mean mentions per story event;
- one week of the BP spill from five outlets: story events reported by more than one outlet;
- MEANTIME cross-document event coreference (where our coded events fall on gold event
  sentences): pairwise precision/recall;
- a scaling check: comparisons made and seconds for ``link_events`` on synthetic corpora of
  growing size (blocking keeps comparisons far below n²/2).

    .venv/bin/python benchmarks/linking.py [--per-topic 25]
"""
from __future__ import annotations

import argparse
import collections
import html
import itertools
import json
import random
import re
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


def load_week(topic: str, first: str, last: str):
    """Every outlet's articles on ``topic`` published between two days."""
    from storyline.model import Article

    articles = []
    for folder in sorted(T17.glob(f"{topic}_*")):
        outlet = folder.name.split("_", 1)[1]
        for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line) if line.strip() else None
            if r and first <= r["time"][:10] <= last:
                articles.append(Article(id=f"{outlet}-{r['id']}", path=f"{folder.name}/{r['id']}", text=r["text"],
                                        source=outlet, published=r["time"][:10]))
    return articles


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


MEANTIME = BENCH / "timeml" / "meantime_newsreader_english_oct15" / "intra_cross-doc_annotation"
_TOKEN = re.compile(r'<token number="\d+" sentence="(\d+)" t_id="(\d+)">(.*?)</token>')
_MENTION = re.compile(r'<EVENT_MENTION [^>]*m_id="(\d+)"[^>]*>(.*?)</EVENT_MENTION>', re.S)
_ANCHOR = re.compile(r't_id="(\d+)"')
_EVENT = re.compile(r'<EVENT [^>]*instance_id="([^"]+)"[^>]*m_id="(\d+)"')
_REFERS = re.compile(r"<REFERS_TO[^>]*>(.*?)</REFERS_TO>", re.S)
_DCT = re.compile(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"')


def load_meantime():
    """MEANTIME documents as Articles, and per document the gold event instances by char span."""
    from storyline.model import Article

    articles, gold = [], {}
    for path in sorted(MEANTIME.glob("*/*.xml")):
        xml = path.read_text(encoding="utf-8")
        tokens = [(int(s), t, html.unescape(w)) for s, t, w in _TOKEN.findall(xml)]
        text, offsets, sentence = "", {}, None
        for sent, tid, word in tokens:
            if sentence is not None and sent != sentence:
                text += "\n"
            elif text:
                text += " "
            sentence = sent
            offsets[tid] = (len(text), len(text) + len(word))
            text += word
        instance_of = {m: inst for inst, m in _EVENT.findall(xml)}
        mention_instance = {}
        for body in _REFERS.findall(xml):
            targets = re.findall(r'<target m_id="(\d+)"', body)
            if targets and targets[0] in instance_of:
                for src in re.findall(r'<source m_id="(\d+)"', body):
                    mention_instance[src] = instance_of[targets[0]]
        spans = []
        for m_id, body in _MENTION.findall(xml):
            anchors = [offsets[t] for t in _ANCHOR.findall(body) if t in offsets]
            if anchors and m_id in mention_instance:
                spans.append((anchors[0][0], anchors[-1][1], mention_instance[m_id]))
        dct = _DCT.search(xml)
        published = None
        if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct.group(1)):
            published = dct.group(1)[:10]
        a = Article(id=path.stem.split("_", 1)[0], path=str(path), text=text, source=path.parent.name,
                    published=published)
        articles.append(a)
        gold[a.id] = spans
    return articles, gold


def meantime_scores(events, gold, texts):
    """Cross-document pairwise P/R of story events against MEANTIME event instances.

    An event mention takes the gold instance of the gold mention its trigger word matches in
    its sentence, else every gold instance of the sentence."""
    labelled = []
    for e in events:
        spans = [(s, t, inst) for s, t, inst in gold.get(e.article_id, ()) if e.start <= s < e.end]
        if e.trigger and spans:
            words = set(e.trigger.lower().split())
            by_trigger = [x for x in spans if texts[e.article_id][x[0]:x[1]].lower() in words]
            spans = by_trigger or spans
        instances = {inst for _, _, inst in spans}
        if instances:
            labelled.append((e, instances))
    tp = linked = gold_pairs = 0
    for (a, ia), (b, ib) in itertools.combinations(labelled, 2):
        if a.article_id == b.article_id:
            continue
        same_gold = bool(ia & ib)
        same_story = a.story_event == b.story_event
        gold_pairs += same_gold
        linked += same_story
        tp += same_gold and same_story
    precision = tp / linked if linked else 0.0
    recall = tp / gold_pairs if gold_pairs else 0.0
    return precision, recall, linked, gold_pairs, len(labelled)


def scaling(sizes=(1000, 4000, 16000, 64000)):
    from storyline.corpus import linking as story
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
    from storyline.corpus.linking import link_events

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
    # one week of the BP spill told by five outlets: the same events should link across them
    week = load_week("bpoil", "2010-07-14", "2010-07-17")
    w_events = [e for article, doc in pipe_articles(nlp, week, n_process=args.jobs)
                for e in doc_to_records(doc, article).events]
    _, w_stories = link_events(w_events, week)
    print(f"bpoil_week_articles: {len(week)} from {len({a.source for a in week})} outlets")
    print(f"bpoil_week_story_events: {len(w_stories)}")
    print(f"bpoil_week_multi_outlet_story_events: {sum(1 for s in w_stories if s.corroboration > 1)}")
    print(f"bpoil_week_max_corroboration: {max((s.corroboration for s in w_stories), default=0)}")
    if MEANTIME.exists():
        m_articles, m_gold = load_meantime()
        m_events = [e for article, doc in pipe_articles(nlp, m_articles, n_process=args.jobs)
                    for e in doc_to_records(doc, article).events]
        m_linked, m_stories = link_events(m_events, m_articles)
        p, r, n_linked, n_gold, n_labelled = meantime_scores(m_linked, m_gold, {a.id: a.text for a in m_articles})
        print(f"meantime_documents: {len(m_articles)}")
        print(f"meantime_event_mentions: {len(m_linked)} ({n_labelled} on gold event sentences)")
        print(f"meantime_cross_doc_linked_pairs: {n_linked}")
        print(f"meantime_cross_doc_gold_pairs: {n_gold}")
        print(f"meantime_pairwise_precision: {p:.4f}")
        print(f"meantime_pairwise_recall: {r:.4f}")
    for n, calls, seconds in scaling():
        print(f"scaling_{n}_comparisons: {calls} (n^2/2 = {n * (n - 1) // 2})")
        print(f"scaling_{n}_seconds: {seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
