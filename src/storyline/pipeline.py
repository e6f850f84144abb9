"""The library API behind ``storyline run``: ingest → dedup → NLP → corpus stages → store → outputs.

Stages are plain functions over the data model (see each module); this module only wires
them together, keeps the store consistent and counts what happened.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import time
from pathlib import Path
from typing import Iterable, Optional, Sequence

from . import __version__
from .model import Article, Rejected, RunSummary
from .progress import NullProgress, ProgressReporter
from .store import Store

ARTICLE_BATCH = 16


def fingerprint(model_name: str) -> str:
    """What an article's stored analysis depends on: Storyline's version, a digest of its code and
    data files (so a changed rule or lexicon re-analyses even without a new version number) and the
    spaCy pipeline."""
    return f"storyline-{__version__}+{_code_digest()}/{model_name}"


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A short digest of the package's Python modules and data files."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def read_inputs(paths: Iterable[str | Path], *, exclude: Optional[Path] = None
                ) -> tuple[list[Article], list[Rejected], int]:
    """Ingest files/folders: (articles, rejected, inputs seen), skipping ``exclude`` (the output folder)."""
    from .ingest import iter_inputs

    articles, rejected = [], []
    for item in iter_inputs(paths, exclude=[exclude] if exclude else ()):
        (rejected if isinstance(item, Rejected) else articles).append(item)
    return articles, rejected, len(articles) + len(rejected)


def analyse_articles(store: Store, articles: Sequence[Article], *, model: Optional[str], jobs: int,
                     progress: ProgressReporter) -> int:
    """Run the spaCy pipeline over ``articles`` and store each one's analysis (one transaction each)."""
    if not articles:
        return 0
    from .nlp import doc_to_records, load_nlp, pipe_articles, resolve_model_name

    nlp = load_nlp(model)
    stamp = fingerprint(resolve_model_name(model))
    progress.stage("analysing", total=len(articles))
    done = 0
    for article, doc in pipe_articles(nlp, articles, n_process=jobs, batch_size=ARTICLE_BATCH):
        records = doc_to_records(doc, article)
        store.save_analysis(article, timexes=records.timexes, events=records.events,
                            quotes=records.quotes, fingerprint=stamp)
        done += 1
        progress.advance()
    return done


def date_undated(store: Store, *, model: Optional[str], jobs: int, progress: ProgressReporter) -> int:
    """Infer publication dates for undated articles, then re-analyse them with the new DCT."""
    from .dating import infer_publication_dates

    articles = store.articles()
    undated = [a for a in articles if a.published is None and a.duplicate_of is None]
    if not undated:
        return 0
    by_article: dict[str, list] = {}
    for t in store.timexes():
        by_article.setdefault(t.article_id, []).append(t)
    inferred = {a.id: a for a in infer_publication_dates(articles, by_article, store.events())}
    changed = [inferred[a.id] for a in undated if a.id in inferred and inferred[a.id].published]
    store.save_articles([inferred[a.id] for a in undated if a.id in inferred])
    analyse_articles(store, changed, model=model, jobs=jobs, progress=progress)
    return len(changed)


def corpus_stages(store: Store, *, progress: ProgressReporter) -> None:
    """Recompute the corpus-level records from everything stored: story events, timeline, relations, framing."""
    from .framing import analyse_framing
    from .relations import compute_relations
    from .stances import extract_stances
    from .story import link_events
    from .timeline import build_timeline

    progress.stage("linking stories")
    articles = store.articles()
    quotes = store.quotes()
    events, story_events = link_events(store.events(), articles)
    timeline = build_timeline(story_events, events, articles)
    store.save_corpus(
        events=events, story_events=story_events, timeline=timeline,
        relations=compute_relations(events),
        stances=extract_stances(events, quotes),
        framing=analyse_framing(articles, quotes=quotes, events=events, story_events=story_events),
    )


def run(paths: Sequence[str | Path], *, out: str | Path, model: Optional[str] = None, jobs: int = 1,
        progress: Optional[ProgressReporter] = None) -> RunSummary:
    """Read ``paths``, analyse what is new, and write every output file into ``out``."""
    from .dedup import mark_duplicates
    from .nlp import resolve_model_name
    from .outputs import write_outputs

    started = time.perf_counter()
    started_at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    progress = progress or NullProgress()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(out / "storyline.sqlite")
    try:
        progress.stage("reading")
        articles, rejected, seen = read_inputs(paths, exclude=out)
        store.save_rejects(rejected)

        stamp = fingerprint(resolve_model_name(model))
        analysed = store.analysed_ids(stamp)
        # Already-analysed articles keep what later stages learnt about them (e.g. an inferred date).
        articles = [store.get_article(a.id) if a.id in analysed else a for a in articles]
        articles = mark_duplicates(articles)
        duplicates = sum(1 for a in articles if a.duplicate_of)
        store.save_articles(a for a in articles if a.id not in analysed)
        todo = [a for a in articles if a.id not in analysed and a.duplicate_of is None]
        analysed_now = analyse_articles(store, todo, model=model, jobs=jobs, progress=progress)
        date_undated(store, model=model, jobs=jobs, progress=progress)
        corpus_stages(store, progress=progress)
        progress.stage("writing outputs")
        write_outputs(store, out)
        summary = RunSummary(
            out=str(out), inputs_seen=seen, articles_read=len(articles), articles_analysed=analysed_now,
            articles_skipped_unchanged=sum(1 for a in articles if a.id in analysed),
            duplicates=duplicates, rejected=tuple(rejected),
            events=store.db["events"].count, quotes=store.db["quotes"].count,
            timeline_entries=store.db["timeline"].count,
            seconds=round(time.perf_counter() - started, 2))
        store.record_run(started=started_at, summary=summary.to_dict())
        return summary
    finally:
        store.close()
