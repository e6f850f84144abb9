"""``storyline serve``'s events API on a large store: /api/events on a generated store of 100,000
events (10,000 articles, 40 actors, 20 event types, 30 outlets, 6 years) against a small one (1,000
events), same requests, answered in process by Datasette's client (no network).

Run: ``.venv/bin/python benchmarks/serve.py [--events N]``.  Prints one ``name: value`` line per
figure: the median time (ms) of each request on the small and the large store and their ratio
(large / small), then the worst ratio.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.model import ActorRef, Article, Event, TimelineEntry  # noqa: E402
from storyline.store import Store  # noqa: E402

REQUESTS = ("/api/events", "/api/events?actor=A07&type=T03", "/api/events?source=A01&from=2021-01&to=2021-06",
            "/api/events?outlet=Outlet%205&offset=200", "/api/events?quad=4&confidence=0.8",
            "/api/events?q=word17", "/api/search?q=word17", "/api/actors", "/article/a00042")
REPEAT = 7
WORDS = [f"word{i}" for i in range(500)]


def build(path: Path, n_events: int, *, seed: int = 17) -> None:
    rnd = random.Random(seed)
    n_articles = max(10, n_events // 10)
    store = Store(path)
    articles = [Article(id=f"a{i:05d}", path=f"a{i:05d}.txt", title=f"Article {i}", source=f"Outlet {i % 30}",
                        published=f"{2019 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        text=" ".join(rnd.choice(WORDS) for _ in range(200))) for i in range(n_articles)]
    events = []
    for k in range(n_events):
        a = articles[k % n_articles]
        sentence = " ".join(rnd.choice(WORDS) for _ in range(20))
        events.append(Event(id=f"e{k:06d}", article_id=a.id, event_type=f"T{rnd.randrange(20):02d}",
                            quad_class=rnd.randint(1, 4), source=(ActorRef("Actor", f"A{rnd.randrange(40):02d}"),),
                            target=(ActorRef("Other", f"A{rnd.randrange(40):02d}"),), date=a.published,
                            sentence=sentence, start=0, end=len(sentence), confidence=round(rnd.random(), 2)))
    with store.db.atomic():
        store._write("articles", (a.to_dict() for a in articles))
        store._write("events", (e.to_dict() for e in events))
    store.save_corpus(events=[], story_events=[], relations=[], stances=[], framing={}, event_threshold=0.3,
                      timeline=[TimelineEntry(date="2021-01-01", summary="x", event_ids=("e000001",))])
    store.db.execute("ANALYZE")
    store.close()


async def _measure(out: Path) -> dict[str, float]:
    from storyline.serve import make_app

    ds = make_app(out)
    await ds.invoke_startup()
    times = {}
    for url in REQUESTS:
        runs = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            answer = await ds.client.get(url)
            runs.append(time.perf_counter() - start)
            assert answer.status_code == 200, (url, answer.text[:200])
        times[url] = statistics.median(runs) * 1000
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-serve-bench-") as tmp:
        small, large = Path(tmp, "small"), Path(tmp, "large")
        small.mkdir()
        large.mkdir()
        build(small / "storyline.sqlite", 1_000)
        start = time.perf_counter()
        build(large / "storyline.sqlite", args.events)
        print(f"build {args.events} events (s): {time.perf_counter() - start:.1f}")
        t_small, t_large = asyncio.run(_measure(small)), asyncio.run(_measure(large))
    worst = 0.0
    for url in REQUESTS:
        ratio = t_large[url] / max(t_small[url], 1e-6)
        worst = max(worst, ratio)
        print(f"{url} ms small/large: {t_small[url]:.1f} / {t_large[url]:.1f}")
        print(f"{url} ratio: {ratio:.2f}")
    print(f"worst ratio: {worst:.2f}")


if __name__ == "__main__":
    main()
