"""The library API behind ``storyline run``: ingest → dedup → NLP → corpus stages → store → outputs.

Stages are plain functions over the data model (see each module); this module only wires
them together, keeps the store consistent and counts what happened.

Every step that changes the store is one transaction or can be re-done, so a run killed at any
point and run again gives the outputs of a clean run: inputs are recorded file by file in one
transaction (:meth:`Store.sync_inputs`), the analyses a batch of articles in one, the inferred
publication dates together with the re-analysis they call for in one, the corpus-level tables in
one, and the output files are swapped in as a set (:mod:`storyline.outputs`).  An article that
cannot be analysed is stored as failed with its reason; a corpus stage that fails is skipped
with its reason; neither stops the run.

The store keeps every coded event; the corpus stages and the output files use only the run's
events, those at or above the ``event_threshold`` setting (:meth:`Store.events`), and the threshold
is recorded with the corpus tables and in the run's summary.  Changing it re-analyses nothing.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import fcntl
import functools
import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, TypeVar

from . import __version__
from .errors import (BadArguments, DiskFull, Messages, OutputUnusable, StoreBusy, StoreRefused,
                     StorylineError, is_disk_full, is_locked, log, short_reason)
from .model import Article, Rejected, RunSummary
from .settings import Settings, default_event_threshold, load_settings
from .cli.progress import NullProgress, ProgressReporter
from .store import BUSY_TIMEOUT_S, Store

ARTICLE_BATCH = 16
#: Articles read from or staged in the store at a time while reading and analysing.
STAGE_BATCH = 64
STORE_NAME = "storyline.sqlite"
LOCK_NAME = ".storyline.lock"

T = TypeVar("T")


def fingerprint(model_name: str, settings: Optional[Settings] = None) -> str:
    """What an article's stored analysis depends on: Storyline's version, a digest of its code and
    data files (so a changed rule or lexicon re-analyses even without a new version number), the
    spaCy pipeline, and the settings that change analyses (the piece size of long articles, the
    contents of the user's actor files)."""
    stamp = f"storyline-{__version__}+{_code_digest()}/{model_name}"
    if settings is not None and (settings.actor_files or settings.chunk_chars != Settings().chunk_chars):
        digest = hashlib.sha256(str(settings.chunk_chars).encode())
        for path in settings.actor_files:
            digest.update(path.encode("utf-8", "surrogateescape"))
            try:
                digest.update(Path(path).read_bytes())
            except OSError:
                pass  # the actors component names the file it cannot read
        stamp += f"/{digest.hexdigest()[:12]}"
    return stamp


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A short digest of the package's Python modules and data files."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# -- arguments and the output folder ----------------------------------------------------------

def check_paths(paths) -> list[Path]:
    """``paths`` as a list: one path (str or PathLike) or an iterable of them; none missing, not empty."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif isinstance(paths, (bytes, dict)) or not hasattr(paths, "__iter__"):
        raise BadArguments(Messages.E013.format(kind=type(paths).__name__))
    paths = list(paths)
    if not paths:
        raise BadArguments(Messages.E010)
    if not all(isinstance(p, (str, os.PathLike)) for p in paths):
        raise BadArguments(Messages.E013.format(kind="a list holding " + ", ".join(
            sorted({type(p).__name__ for p in paths if not isinstance(p, (str, os.PathLike))}))))
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise BadArguments(Messages.E011.format(paths=", ".join(missing)))
    return [Path(p) for p in paths]


def prepare_out(out) -> Path:
    """The output folder, created if needed; a file in its place or a folder that cannot be made is refused."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputUnusable(Messages.E020.format(out=out, reason="it exists and is not a folder"))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputUnusable(Messages.E020.format(out=out, reason=exc.strerror or exc)) from exc
    return out


@contextlib.contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for this run: a second run into the same folder is refused at once."""
    try:
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputUnusable(Messages.E020.format(out=out, reason=exc.strerror or exc)) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreBusy(Messages.E040.format(out=out)) from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def plain_failures(out: Path) -> Iterator[None]:
    """Turn the operating system's and SQLite's failures into Storyline's errors with one clear message."""
    try:
        yield
    except StorylineError:
        raise
    except sqlite3.DatabaseError as exc:
        if is_disk_full(exc):
            raise DiskFull(Messages.E050.format(what=out / STORE_NAME)) from exc
        if is_locked(exc):
            raise StoreBusy(Messages.E041.format(path=out / STORE_NAME, seconds=BUSY_TIMEOUT_S)) from exc
        raise StoreRefused(Messages.E031.format(path=out / STORE_NAME, reason=exc)) from exc
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(Messages.E050.format(what=exc.filename or out)) from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise OutputUnusable(Messages.E020.format(out=out, reason=f"{exc.strerror}: {exc.filename}")) from exc
        raise


# -- reading -------------------------------------------------------------------------------------

@dataclass
class Reading:
    """What one run read: how many articles (staged in the store, not held), rejected inputs, the files
    read, and the files left unread because they are unchanged (``kept``: what they gave stands)."""
    articles: int = 0
    rejected: list[tuple[Optional[str], Rejected]] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    identities: dict[str, str] = field(default_factory=dict)   # file read -> its identity when read
    read_with: Optional[str] = None

    @property
    def seen(self) -> int:
        return self.articles + sum(r.count for _, r in self.rejected)


#: What :func:`read_inputs` yields for a file it leaves unread because it is unchanged.
UNCHANGED = "unchanged"


def read_inputs(paths: Sequence[str | Path], *, exclude: Optional[Path] = None,
                max_bytes: int = Settings.max_bytes,
                unchanged: Optional[Callable[[str, bytes], bool]] = None, prefetch=None,
                ) -> Iterator[tuple[Optional[str], Optional[bytes], object]]:
    """Ingest files/folders lazily, file by file, skipping ``exclude`` (the output folder): yields
    ``(file, file bytes, None)`` when a file is opened, then ``(file, file bytes, Article or
    Rejected)`` for each thing it gives, and ``(None, None, Rejected)`` for a path that gives no file.
    Nothing is read ahead of what the caller has taken: the next file is opened only when the
    last item of the one before is consumed.  A file for which ``unchanged(file, file bytes)`` is
    true is not read: it gives ``(file, file bytes, UNCHANGED)`` alone.  With ``prefetch``
    (:class:`storyline.cluster_read.Prefetch`) Dask workers read the files ahead (articles then come
    as :class:`~storyline.ingest.dedup.Sketched`); the items and their order are the same."""
    from .ingest import iter_paths, read_file, show_path

    walk = iter_paths(paths, exclude=[exclude] if exclude else ())
    for item, plan in prefetch.walk(walk, unchanged) if prefetch is not None else ((i, None) for i in walk):
        if isinstance(item, Rejected):
            yield None, None, item
            continue
        file, file_os = show_path(item), os.fsencode(item)
        if plan.unchanged if plan is not None else unchanged is not None and unchanged(file, file_os):
            yield file, file_os, UNCHANGED
            continue
        yield file, file_os, None
        for got in plan.read() if plan is not None else read_file(item, max_bytes=max_bytes):
            yield file, file_os, got


def stage_inputs(store: Store, items: Iterable[tuple[Optional[str], Optional[bytes], object]],
                 read_with: Optional[str] = None) -> Reading:
    """Consume :func:`read_inputs`, staging its articles in the store a batch at a time
    (:meth:`Store.stage_reading`), and what unchanged files gave when they were read
    (:meth:`Store.stage_kept`).  With ``read_with`` (:func:`storyline.incremental.read_with`), each
    file read records its identity taken just before it is parsed (none if the file itself is rejected)."""
    from .incremental import identify
    from .ingest.dedup import Sketched

    store.clear_staging()
    reading, batch = Reading(read_with=read_with), []
    for file, file_os, got in items:
        if got is None:
            reading.files.append((file, file_os))
            identity = identify(file_os) if read_with is not None else None
            if identity is not None:
                reading.identities[file] = identity.to_text()
        elif got is UNCHANGED:
            store.stage_reading(batch)
            batch = []
            reading.kept.append(file)
            reading.articles += store.stage_kept(file)
            reading.rejected += [(file, r) for r in store.file_rejects(file)]
        elif isinstance(got, Rejected):
            reading.rejected.append((file, got))
            if got.path == file:
                reading.identities.pop(file, None)
        else:
            reading.articles += 1
            batch.append((got.article.path, file, file_os, *got) if isinstance(got, Sketched) else
                         (got.path, file, file_os, got))
            if len(batch) >= STAGE_BATCH:
                store.stage_reading(batch)
                batch = []
    store.stage_reading(batch)
    return reading


@dataclass
class Plan:
    """What a run's reading changed in the store."""
    replaced: int = 0                       # articles no input gives any more, deleted
    duplicates: int = 0
    originals: set[str] = field(default_factory=set)   # ids of this run's articles that are no copy


def _with_known(article: Article, known: Optional[Article]) -> Article:
    """What this reading does not say, the store may know (a date, inferred or read)."""
    if known is not None:
        if article.published is None and known.published is not None:
            article = article.replace(published=known.published, published_how=known.published_how,
                                      published_evidence=known.published_evidence)
        article = article.replace(title=article.title or known.title, url=article.url or known.url,
                                  author=article.author or known.author)
    return article.replace(duplicate_of=None)


def _stored_in_order(store: Store, ids: Iterable[str], sketches) -> Iterator[tuple[Article, object]]:
    """The stored articles of ``ids`` with their sketches (:meth:`Sketches.of
    <storyline.incremental.Sketches.of>`), ordered by (path, id), read a batch at a time."""
    ids, keys = sorted(ids), []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        keys += store.db.conn.execute(f"select path, id from articles where id in ({', '.join('?' for _ in chunk)})",
                                      chunk).fetchall()
    keys.sort()
    for i in range(0, len(keys), STAGE_BATCH):
        yield from sketches.of([k[1] for k in keys[i:i + STAGE_BATCH]])


def plan_articles(store: Store, reading: Reading) -> Plan:
    """Record the staged reading in the store (:meth:`Store.sync_inputs`, one transaction): one article
    per identity (text + outlet; the first reading of it wins), with what the store knows of it and
    this reading leaves out (a date read elsewhere or inferred), and exact or near copies marked
    against the articles read before it: stored articles that this run does not re-read come first,
    then this run's in input order (those of unchanged files, left unread, among them: their stored
    article, marked again).  Articles stream from the staging table a batch at a time; the
    duplicate test keeps hashes and sketches (:class:`~storyline.ingest.dedup.DuplicateIndex`).
    When every file is unchanged, what they gave stands as it is."""
    from .incremental import Sketches
    from .ingest.dedup import DuplicateIndex

    # inputs of other files, still there, give articles this run does not re-read, or copies of its own
    reread = {file for file, _ in reading.files} | set(reading.kept)
    alive = {file for file, file_os in store.db.execute("select distinct file, file_os from inputs")
             if file not in reread and file_os is not None and os.path.exists(file_os)}
    elsewhere = {article_id for article_id, file in store.db.execute("select article_id, file from inputs")
                 if file in alive}
    run_ids = store.staged_ids()
    plan = Plan(duplicates=reading.articles - len(run_ids))
    kept = set(reading.kept)
    fresh_rejects = [(f, r) for f, r in reading.rejected if f not in kept]
    if not reading.files:
        _plan_unchanged(store, plan, run_ids, elsewhere)
        if fresh_rejects:
            store.sync_inputs(files=[], inputs=(), articles=(), rejected=fresh_rejects)
        store.clear_staging()
        return plan
    index, sketches = DuplicateIndex(), Sketches(store)
    for article, sketch in _stored_in_order(store, elsewhere - run_ids, sketches):
        index.mark(article, sketch=sketch)
        sketches.keep(article, index)
    sketches.flush()

    def planned() -> Iterator[Article]:
        for chunk in store.staged_firsts():
            stored = store.get_articles(i for i, a, _ in chunk if a is not None)
            kept = {a.id: (a, sketch) for a, sketch in sketches.of([i for i, a, _ in chunk if a is None])}
            for article_id, article, staged in chunk:
                if article is None and article_id not in kept:
                    continue
                known, sketch = kept[article_id] if article is None else (stored.get(article_id), staged)
                marked = index.mark(_with_known(article or known, known), sketch=sketch)
                sketches.keep(marked, index)
                plan.duplicates += bool(marked.duplicate_of or marked.id in elsewhere)
                if marked.duplicate_of is None:
                    plan.originals.add(marked.id)
                if article is not None:
                    yield marked
                elif marked.duplicate_of != known.duplicate_of:   # the stored article, whole, marked anew
                    yield store.get_articles([article_id])[article_id].replace(duplicate_of=marked.duplicate_of)
        sketches.flush()

    plan.replaced = store.sync_inputs(files=reading.files, inputs=store.staged_inputs(), articles=planned(),
                                      rejected=fresh_rejects, identities=reading.identities,
                                      read_with=reading.read_with)
    store.clear_staging()
    return plan


def _plan_unchanged(store: Store, plan: Plan, run_ids: set[str], elsewhere: set[str]) -> None:
    """The counts of a plan that changes nothing: the stored articles of unchanged files as they are."""
    ids = sorted(run_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for article_id, copy in store.db.conn.execute(
                f"select id, duplicate_of from articles where id in ({', '.join('?' for _ in chunk)})", chunk):
            plan.duplicates += bool(copy or article_id in elsewhere)
            if copy is None:
                plan.originals.add(article_id)


# -- analysis ------------------------------------------------------------------------------------

def analyse(articles: Iterable[Article], *, settings: Settings, progress: ProgressReporter,
            total: Optional[int] = None, client=None) -> Iterator[tuple[Article, object]]:
    """``(article, records)`` or ``(article, reason)`` for each article, in order; nothing raises for
    one article.  The records are :class:`storyline.nlp.DocRecords`, or from a Dask cluster the rows
    they make in the store (:class:`storyline.store.rows.AnalysisRows`, made on the workers).  ``articles`` may be a stream (then say how many in ``total``).  With a Dask
    ``client`` the cluster's workers analyse them (:func:`storyline.cluster.analyse_on`)."""
    if total is None:
        articles = list(articles)
        total = len(articles)
    if not total:
        return
    from .nlp import AnalysisFailure

    progress.stage("analysing", total=total)
    if client is not None:
        from .cluster import analyse_on

        results = analyse_on(client, articles, settings=settings, progress=progress, total=total)
    else:
        results = _analyse_here(articles, settings=settings, progress=progress)
    for article, result in results:
        if isinstance(result, AnalysisFailure):
            log.warning(Messages.W011.format(path=article.path, reason=result.reason))
            yield article, result.reason
        else:
            yield article, result


def _analyse_here(articles: Iterable[Article], *, settings: Settings, progress: ProgressReporter) -> Iterator:
    from .actors import use_actor_files
    from .nlp import analyse_stream, load_nlp

    nlp = load_nlp(settings.model, fast=settings.fast, actor_files=settings.actor_files)
    use_actor_files(settings.actor_files)  # the tables are the process's: this run's, not a cached pipeline's
    for item in analyse_stream(nlp, articles, n_process=settings.jobs, batch_size=ARTICLE_BATCH,
                               chunk_chars=settings.chunk_chars):
        progress.advance()
        yield item


def stored_articles(store: Store, ids: Sequence[str], *, batch: int = STAGE_BATCH) -> Iterator[Article]:
    """The stored articles of ``ids`` in that order, read from the store ``batch`` at a time."""
    for i in range(0, len(ids), batch):
        got = store.get_articles(ids[i:i + batch])
        yield from (got[a] for a in ids[i:i + batch] if a in got)


def analyse_articles(store: Store, ids: Sequence[str], *, settings: Settings, stamp: str,
                     progress: ProgressReporter, client=None) -> list[Rejected]:
    """Analyse the stored articles ``ids`` (read a batch at a time) and store each one's analysis or
    failure, :data:`ARTICLE_BATCH` articles a transaction (:meth:`Store.save_analyses`: a commit and
    its sync per batch, not per article; a run stopped mid-batch analyses that batch again)."""
    failed, batch = [], []
    for article, result in analyse(stored_articles(store, ids), settings=settings, progress=progress,
                                   total=len(ids), client=client):
        if isinstance(result, str):
            failed.append(Rejected(article.path, result))
        batch.append((article, result))
        if len(batch) >= ARTICLE_BATCH:
            store.save_analyses(batch, fingerprint=stamp)
            batch = []
    store.save_analyses(batch, fingerprint=stamp)
    return failed


def date_undated(store: Store, *, settings: Settings, stamp: str,
                 progress: ProgressReporter, client=None) -> list[Rejected]:
    """Infer publication dates for undated articles, then re-analyse them with the new DCT.

    Each undated article is tried once per fingerprint; the new dates and the re-analyses they
    call for are stored in one transaction.  The dated events of other articles it goes by are those
    kept at the default threshold, not the run's: a date inferred once is kept, so it must not depend
    on a setting that changes nothing else of the analysis."""
    from .corpus.dating import infer_publication_dates

    ids = store.undated_ids(stamp)
    if not ids:
        return []
    # the undated articles with their texts; of the others, what the inference reads (their dates)
    undated = store.get_articles(ids)
    articles = [undated.get(a.id, a) for a in store.iter_articles(text=False)]
    inferred = {a.id: a for a in infer_publication_dates(
        articles, store.timexes_by_article(), store.events(threshold=default_event_threshold()))}
    dated = [inferred[i] for i in ids if inferred[i].published]
    tried = [inferred[i] for i in ids if not inferred[i].published]
    results = list(analyse(dated, settings=settings, progress=progress, client=client))
    store.save_dating(tried=tried, results=results, fingerprint=stamp)
    return [Rejected(a.path, r) for a, r in results if isinstance(r, str)]


def _attempt(name: str, skipped: list[str], compute: Callable[[], T], default: T) -> T:
    """Run one corpus stage; a failure skips it with its reason instead of stopping the run."""
    try:
        return compute()
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 — a stage's failure must not cost the per-article outputs
        reason = short_reason(exc)
        log.warning(Messages.W010.format(stage=name, reason=reason))
        skipped.append(f"{name}: {reason}")
        return default


#: The articles whose text is news (over ``articles``): a recipe, a shopping page, a forum thread or a
#: page not in English (``Article.not_news``) is analysed but kept out of the corpus stages.
NEWS_SQL = "(not_news is null or not_news = '')"


def corpus_stages(store: Store, *, event_threshold: Optional[float] = None, timeline_entries: int = 0,
                  progress: ProgressReporter, stamp: Optional[str] = None) -> list[str]:
    """Recompute the corpus-level records from everything stored, with the events kept at
    ``event_threshold`` (default: the setting's default): story events, timeline, relations,
    framing, stances.  Returns the stages skipped, each with its reason.

    Memory does not grow with the events (#18, :mod:`storyline.corpus.stages`): linking reads them a
    date window at a time and writes the story events a batch at a time, relations reduce a cursor,
    and the stages that read texts (the timeline's background mentions and day salience, framing)
    and stances take from each article what is kept per article in the store with what it was made
    from (:class:`storyline.incremental.ArticleShares`, made with code and settings ``stamp``), made
    again, from the article's text and events read from the store a batch at a time, only where that
    changed.  The news articles are held without their texts, and the story events."""
    from .corpus.stages import stream_corpus_stages

    progress.stage("linking stories")
    if event_threshold is None:
        event_threshold = default_event_threshold()
    return stream_corpus_stages(store, news_sql=NEWS_SQL, event_threshold=event_threshold,
                                timeline_entries=timeline_entries,
                                salt=stamp or f"storyline-{__version__}+{_code_digest()}", attempt=_attempt)


def corpus_and_outputs(store: Store, out: Path, *, settings: Settings, stamp: str,
                       progress: ProgressReporter) -> list[str]:
    """The corpus stages and the output files, unless they were made from what the store holds now,
    with the same settings and code, and the output files are as they were written
    (:func:`storyline.incremental.corpus_unchanged`).  Returns the stages skipped, with their reasons."""
    from .incremental import corpus_state, corpus_unchanged, record_corpus_state
    from .outputs import STAGED_FILES, write_outputs

    state = corpus_state(store, repr((settings.event_threshold, settings.timeline_entries,
                                      settings.report_article_views, stamp)))
    skipped = corpus_unchanged(store, out, state)
    if skipped is not None:
        log.info("nothing changed since the corpus tables and outputs were made: left as they are")
        return skipped
    skipped = corpus_stages(store, event_threshold=settings.event_threshold,
                            timeline_entries=settings.timeline_entries, progress=progress, stamp=stamp)
    progress.stage("writing outputs")
    skipped += write_outputs(store, out, event_threshold=settings.event_threshold,
                             article_views=settings.report_article_views)
    record_corpus_state(store, out, state, [n for n in STAGED_FILES if (out / n).exists()], skipped)
    return skipped


def _read(store: Store, paths: Sequence[Path], *, out: Path, settings: Settings, stamp: str,
          client=None) -> Reading:
    """Stage the inputs under ``paths``, leaving unread the files unchanged since they were read with
    this code and these settings (:class:`storyline.incremental.KnownFiles`); with a Dask ``client``
    its workers read them (:mod:`storyline.cluster_read`)."""
    from .incremental import KnownFiles, read_with

    known = KnownFiles(store, read_with(stamp, settings.max_bytes))
    with contextlib.ExitStack() as stack:
        if client is not None:
            from .cluster import start_loading
            from .cluster_read import Prefetch

            prefetch = stack.enter_context(Prefetch(client, max_bytes=settings.max_bytes,
                                                    on_first=lambda: start_loading(client, settings)))
        return stage_inputs(store, read_inputs(paths, exclude=out, max_bytes=settings.max_bytes,
                                               unchanged=known.unchanged, prefetch=prefetch if client else None),
                            read_with=known.reading)


# -- the run -------------------------------------------------------------------------------------

def run(paths, *, out: str | Path, model: Optional[str] = None, jobs: Optional[int] = None, prune: bool = False,
        config: Optional[str | Path] = None, actors: Sequence[str | Path] = (),
        event_threshold: Optional[float] = None, dask: Optional[str] = None,
        progress: Optional[ProgressReporter] = None) -> RunSummary:
    """Read ``paths`` (a path or a list of paths), analyse what is new, and write every output file
    into ``out``.  ``prune`` drops stored articles whose input files are gone.  Settings come from
    the packaged defaults, the TOML file ``config`` over them, then ``model``, ``jobs``,
    ``event_threshold``, ``dask`` (``"local:N"`` or ``"tcp://HOST:PORT"``: analyse on a Dask
    cluster, :mod:`storyline.cluster`) and the user actor files ``actors`` (added to the file's)
    over both (:mod:`storyline.settings`)."""
    paths = check_paths(paths)
    settings = load_settings(config, model=model, jobs=jobs, event_threshold=event_threshold, dask=dask,
                             actor_files=[str(Path(a).resolve()) for a in actors] or None)
    if settings.actor_files:  # a bad actor file is refused before anything is written
        from .actors import actor_tables

        actor_tables(settings.actor_files)
    started = time.perf_counter()
    started_at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    progress = progress or NullProgress()
    with _engine(settings) as client:  # a Dask cluster out of reach is refused before anything is written
        out = prepare_out(out)
        with plain_failures(out), run_lock(out):
            from .outputs import clean_leftovers

            clean_leftovers(out)
            store = Store(out / STORE_NAME)
            try:
                summary = _run_into(store, out, paths, settings=settings, prune=prune, client=client,
                                    progress=progress)
                summary = summary.replace(seconds=round(time.perf_counter() - started, 2))
                store.record_run(started=started_at, summary=summary.to_dict())
                return summary
            finally:
                store.close()


def _engine(settings: Settings) -> contextlib.AbstractContextManager:
    """Where articles are analysed: a Dask client (:func:`storyline.cluster.connect`), or None: here."""
    if not settings.dask:
        return contextlib.nullcontext(None)
    from .cluster import connect

    return connect(settings.dask, settings)


def _run_into(store: Store, out: Path, paths: Sequence[Path], *, settings: Settings, prune: bool, client,
              progress: ProgressReporter) -> RunSummary:
    """The stages of a run, into the open ``store`` of ``out``; its summary (time not yet set)."""
    from .model_names import resolve_model_name

    progress.stage("reading")
    stamp = fingerprint(resolve_model_name(settings.model), settings)
    reading = _read(store, paths, out=out, settings=settings, stamp=stamp, client=client)
    plan = plan_articles(store, reading)
    todo = store.pending_ids(stamp)
    failed = analyse_articles(store, todo, settings=settings, stamp=stamp, progress=progress, client=client)
    analysed_now = len(todo) - len(failed)
    failed += date_undated(store, settings=settings, stamp=stamp, progress=progress, client=client)
    orphans = store.orphaned_ids()
    pruned = store.prune(orphans) if prune and orphans else 0
    skipped = corpus_and_outputs(store, out, settings=settings, stamp=stamp, progress=progress)
    kept, held = store.event_counts(settings.event_threshold)
    return RunSummary(
        out=str(out), inputs_seen=reading.seen, articles_read=reading.articles,
        articles_analysed=analysed_now,
        articles_skipped_unchanged=len(plan.originals - set(todo)),
        duplicates=plan.duplicates, rejected=tuple(r for _, r in reading.rejected),
        events=kept, events_held=held, event_threshold=settings.event_threshold, quotes=store.db["quotes"].count,
        timeline_entries=store.db["timeline"].count, seconds=0.0,
        failed=tuple(failed), replaced=plan.replaced, orphaned=len(orphans) - pruned, pruned=pruned,
        stages_skipped=tuple(skipped), not_news=store.not_news_count())
