"""Scale-out on Dask: the articles of a run analysed by the workers of a ``distributed`` cluster.

``storyline run PATHS --out OUT --dask local:N`` starts a :class:`distributed.LocalCluster` of N
single-threaded worker processes for the run; ``--dask tcp://HOST:PORT`` (or ``tls://``) uses the
workers of a running scheduler (one started by hand, dask-jobqueue or Kubernetes), each with
Storyline and the spaCy pipeline installed (``tls://`` takes its certificates from Dask's own
configuration; only ``tcp://`` is tested).  The ``dask`` setting says the same (:mod:`storyline.settings`).

How a run goes (:func:`analyse_on`): the coordinator, the process that runs ``storyline run``,
reads the pending articles from the store a partition at a time (:data:`PARTITION` articles, fewer
at the end of the run: :func:`partition_sizes`) and submits each partition as one task; a worker
analyses it with :func:`storyline.nlp.analyse_stream`, the same code as the single-process run,
with a pipeline it loads once per process and keeps (:func:`storyline.nlp.load_nlp` caches it;
:func:`warm` checks that the worker's Storyline, model and actor files give this run's
fingerprint; :func:`start_loading` has every worker load the pipeline after its first tasks of
reading the inputs, while the coordinator stages and plans them).  The workers read the inputs
too: they extract the articles and make the duplicate test's sketches, the coordinator decides
the copies and stores (:mod:`storyline.cluster_read`).  A
worker turns each article's records into the rows the store writes
(:mod:`storyline.store.rows`), with the article's shares of the corpus stages that depend on its text
and quotes alone (framing, day salience: :func:`storyline.store.rows.corpus_parts`, which the
corpus stages would otherwise make one article after another in the coordinator after the
analysis), which come back to the coordinator, the one writer of the SQLite store; it saves them
in input order, a batch of articles a transaction, as it saves its own analyses: the store, its
ids and every output file are byte for byte those of the single-process run.
Completion events (:class:`distributed.as_completed`) advance the progress
bar.  At most :data:`IN_FLIGHT_PER_WORKER` partitions per worker are submitted and not yet saved
(queued, running, or done but waiting for an earlier one to be saved), so the coordinator's memory
holds a bounded number of partitions whatever the corpus size: backpressure.

What the coordinator does per article is kept small because on a machine of few cores it shares
them with the workers (``benchmarks/scale.py --workers-compare`` prints its CPU seconds beside
the workers'): it reads the article from the store, unpickles its rows and writes them; the
cluster it starts itself runs with Dask's profiler and frequent health checks off
(:data:`LOCAL_CONFIG`).

Why the records stream back to the one writer rather than workers writing Parquet partitions that
the coordinator merges: an article's records are small (on 300 Timeline17 articles, about 10 KB of
events and quotes as JSON per article of 5 KB of text, against 0.25 s of a worker's CPU to make
them), so the coordinator's share is small (``benchmarks/scale.py --workers-compare`` prints its
CPU seconds beside the workers') and is not the bottleneck at the cluster sizes a SQLite store is
for; the store stays the only truth (a transaction per batch: a run stopped anywhere continues where it
stopped, as without Dask); workers need no shared file system (a remote worker cannot write into
the coordinator's folder); and there is no second format, merge step or clean-up of half-written
partitions.  Parquet partitions (with DuckDB for the corpus stages) are the plan for when one
writer is the limit: see the README's scale section.

Failures: an article that fails on a worker is stored as failed with its reason, as in the
single-process run (``analyse_stream`` isolates it).  A task whose worker died (``KilledWorker``,
after the scheduler's ``allowed-failures``) or that failed as a whole is split: its articles are
run again alone, one such suspect at a time (beside the ordinary partitions), so the others are
analysed and only an article that loses its task :data:`ALONE_TRIES` times alone is stored as
failed, with the reason (a worker killed by another task must not condemn its bystanders).  A
scheduler that cannot be reached, has no workers, or whose workers run another Storyline is a
:class:`~storyline.errors.ClusterUnusable` error (exit code 8) raised before anything is written;
losing the scheduler mid-run stops the run with what was stored kept (a re-run continues).  The date
re-analysis of undated articles goes the same way; the corpus stages run in the coordinator (they
read the store).
"""
from __future__ import annotations

import contextlib
import importlib.util
import itertools
import math
import os
import resource
from collections import Counter, deque
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from .errors import ClusterUnusable, Messages, StorylineError, log, short_reason
from .model import Article
from .settings import DASK_SPEC, Settings

#: articles per task: one of spaCy's batches (storyline.pipeline.ARTICLE_BATCH), so a task's
#: scheduling cost (milliseconds) is nothing against its analysis (seconds), the last tasks of a
#: run leave few workers idle, and a lost worker costs little work
PARTITION = 16
#: partitions per worker submitted and not yet saved (queued, running, or waiting to be saved in order)
IN_FLIGHT_PER_WORKER = 2
#: the smallest partition: the last articles of a run go in partitions that shrink (guided
#: self-scheduling: a partition is at most 1/:data:`TAIL_SHARES` of the articles left per worker),
#: so the workers finish together instead of one waiting out the other's last 16 articles
MIN_PARTITION = 2
TAIL_SHARES = 2
#: Dask settings of the cluster a run starts itself (``local:N``): no statistical profiler on the
#: workers (it samples each worker's stack every 10 ms while it analyses); event-loop health checks,
#: system monitoring and the Nannies' checks of their workers' memory (in the run's own process)
#: every second or two, not every 20 / 500 / 100 ms.  On an idle cluster of two workers this takes
#: the run's process from 4.3% of a core to 0.7% and each worker from 3.2% to 0.3%: CPU the workers
#: of a small machine lose to the run's process for as long as the run lasts.  A scheduler reached
#: by address keeps its own settings.
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.tick.limit": "10s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
#: how long to try to reach a scheduler, and to wait for its first worker (seconds)
CONNECT_TIMEOUT_S = 10
#: times an article is run alone after a task holding it was lost, before it is stored as failed
ALONE_TRIES = 2
WORKERS_TIMEOUT_S = 60


# -- connecting ----------------------------------------------------------------------------------

@contextlib.contextmanager
def connect(spec: str, settings: Settings) -> Iterator["distributed.Client"]:  # noqa: F821
    """A client of the cluster ``spec`` names (``local:N`` or a scheduler's address), its workers
    checked and loading the pipeline (:func:`warm`); the cluster this started is closed on leaving."""
    import dask
    from distributed import Client, LocalCluster

    found = DASK_SPEC.fullmatch(spec)
    if not found or not spec:
        raise ClusterUnusable(Messages.E090.format(address=spec, reason="not local:N or tcp://HOST:PORT"))
    with contextlib.ExitStack() as stack:
        if found["workers"]:
            n = int(found["workers"])
            stack.enter_context(dask.config.set(LOCAL_CONFIG))  # the workers' Nannies pass it on
            try:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True,
                    dashboard_address=":0" if importlib.util.find_spec("bokeh") else None))
                client = stack.enter_context(Client(cluster, set_as_default=False))
            except (OSError, TimeoutError, RuntimeError) as exc:
                raise ClusterUnusable(Messages.E091.format(n=n, reason=short_reason(exc))) from exc
            if cluster.dashboard_link and importlib.util.find_spec("bokeh"):
                log.info("Dask dashboard of the run's local cluster: %s", cluster.dashboard_link)
        else:
            client = stack.enter_context(_reach(spec))
        warm(client, settings)
        try:
            yield client
            with contextlib.suppress(Exception):
                log.info("Dask workers' peak RSS (MB): %s", worker_peaks(client))
        finally:
            _LOADING.pop(id(client), None)


@contextlib.contextmanager
def _reach(address: str) -> Iterator["distributed.Client"]:  # noqa: F821
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnusable(Messages.E090.format(address=address, reason=short_reason(exc))) from exc
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise ClusterUnusable(Messages.E090.format(
                address=address, reason=f"it has no workers after {WORKERS_TIMEOUT_S} s")) from exc
        log.info("Dask scheduler %s, dashboard %s", address, client.dashboard_link)
        yield client


def for_workers(settings: Settings) -> Settings:
    """The settings a worker analyses with: the model resolved here (a worker's environment may
    name none), nothing of the cluster itself."""
    from .nlp import resolve_model_name

    return settings.replace(model=resolve_model_name(settings.model), dask="", jobs=1)


def warm(client, settings: Settings) -> None:
    """Refuse workers whose analyses would not be this run's (another Storyline version or code,
    model or actor files: another fingerprint; no such model).  The pipelines load later
    (:func:`start_loading`)."""
    from .pipeline import fingerprint

    settings = for_workers(settings)
    ours = fingerprint(settings.model, settings)
    workers = list(client.scheduler_info(n_workers=-1)["workers"])
    futures = [client.submit(worker_stamp, settings, workers=[w], allow_other_workers=True, pure=False)
               for w in workers]
    for theirs in client.gather(futures):
        if theirs != ours:
            raise ClusterUnusable(Messages.E092.format(theirs=theirs, ours=ours))


#: the pipeline loads started on a client's workers (by ``id(client)``), held while :func:`connect` holds it
_LOADING: dict[int, list] = {}


def start_loading(client, settings: Settings) -> None:
    """Have every worker load the pipeline (once per client; the futures are held, not waited for):
    after the first tasks reading the inputs (:mod:`storyline.cluster_read`, whose tasks go first),
    or when the analysis starts.  The workers load while the run stages and plans its inputs; a
    worker's first partition waits for its pipeline, and a pipeline that cannot load fails that
    partition's task as it would have."""
    if id(client) in _LOADING:
        return
    settings = for_workers(settings)
    _LOADING[id(client)] = [client.submit(worker_load, settings, workers=[w], allow_other_workers=True, pure=False)
                            for w in client.scheduler_info(n_workers=-1)["workers"]]


# -- on a worker ---------------------------------------------------------------------------------

def _pipeline(settings: Settings):
    """This process's pipeline for ``settings`` (loaded once: :func:`storyline.nlp.load_nlp` caches it)."""
    from .actors import use_actor_files
    from .nlp import load_nlp

    nlp = load_nlp(settings.model, fast=settings.fast, actor_files=settings.actor_files)
    use_actor_files(settings.actor_files)
    return nlp


def worker_stamp(settings: Settings) -> str:
    """Runs on a worker: the fingerprint of its analyses.  A model installed as a package or a folder
    is not loaded here (:func:`worker_load` does it while the run reads); any other name is loaded
    now, so a model the worker cannot load stops the run before anything is written."""
    import spacy

    from .model_names import resolve_model_name
    from .pipeline import fingerprint

    name = resolve_model_name(settings.model)
    if not (spacy.util.is_package(name) or importlib.util.find_spec(name) is not None or os.path.isdir(name)):
        _pipeline(settings)
    return fingerprint(settings.model, settings)


def worker_load(settings: Settings) -> None:
    """Runs on a worker: load the pipeline (kept for the partitions that follow), and move what the
    process holds then (the pipeline, its tables) out of the cyclic garbage collector's reach
    (``gc.freeze``): they live as long as the process, and the collector's last passes over them
    when the process ends took 2 s of the 2.2 s a worker took to exit (0.1 s frozen), time the
    run waited for when it closed its cluster (Dask kills a worker that takes over 4 s)."""
    import gc

    _pipeline(settings)
    gc.freeze()


def analyse_partition(articles: list[Article], settings: Settings) -> list:
    """Runs on a worker: each article's analysis as the rows the store writes
    (:class:`~storyline.store.rows.AnalysisRows`), or its :class:`~storyline.nlp.AnalysisFailure`, in order."""
    from .nlp import AnalysisFailure, analyse_stream
    from .pipeline import ARTICLE_BATCH
    from .settings import default_event_threshold
    from .store.rows import as_rows, corpus_parts

    nlp = _pipeline(settings)
    threshold = default_event_threshold() if settings.event_threshold is None else settings.event_threshold
    return [result if isinstance(result, AnalysisFailure) else corpus_parts(article, as_rows(result), threshold)
            for article, result in analyse_stream(nlp, articles, n_process=1, batch_size=ARTICLE_BATCH,
                                                  chunk_chars=settings.chunk_chars)]


def peak_rss_mb() -> float:
    """This process's peak resident memory (MB); :func:`worker_peaks` runs it on every worker."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peaks(client) -> dict[str, float]:
    """Each worker's peak resident memory so far (MB), by worker address."""
    return client.run(peak_rss_mb)


# -- the coordinator -----------------------------------------------------------------------------

@dataclass
class _Partition:
    articles: list[Article]
    results: list            # None where not yet known

    @property
    def complete(self) -> bool:
        return all(r is not None for r in self.results)


def partition_sizes(total: Optional[int], workers: int) -> Iterator[int]:
    """The sizes of the partitions of ``total`` articles (None: unknown, all :data:`PARTITION`):
    :data:`PARTITION` while many are left, then shrinking to :data:`MIN_PARTITION` (each at most
    1/:data:`TAIL_SHARES` of what is left per worker), so the last partitions are short and the
    workers end together."""
    left = total
    while left is None or left > 0:
        size = PARTITION if left is None else max(
            MIN_PARTITION, min(PARTITION, math.ceil(left / (TAIL_SHARES * max(1, workers)))))
        yield size
        if left is not None:
            left -= size


def _chunks(articles: Iterable[Article], sizes: Iterable[int]) -> Iterator[list[Article]]:
    articles = iter(articles)
    for size in sizes:
        chunk = list(itertools.islice(articles, size))
        if not chunk:
            return
        yield chunk
    if rest := list(articles):   # more than ``total`` said
        yield from _chunks(rest, itertools.repeat(PARTITION))


def analyse_on(client, articles: Iterable[Article], *, settings: Settings,
               progress, total: Optional[int] = None) -> Iterator[tuple[Article, object]]:
    """``(article, rows or AnalysisFailure)`` for each of ``articles`` (a stream of ``total``,
    when known: the last partitions are then smaller), in order, analysed on the cluster's workers
    a partition at a time; see the module's docstring."""
    start_loading(client, settings)
    flow = _Flow(client, articles, settings, total)
    try:
        flow.refill()
        for future in flow.done:
            settled = flow.settle(future)
            del future
            if settled:
                progress.advance(settled)
            yield from flow.ready()
            flow.refill()
    finally:
        flow.cancel()


class _Flow:
    """The partitions of one analysis on the cluster: submitted, settled, saved in order.

    The articles of a task that was lost as a whole (its worker died) are suspects: each is run
    again alone, one suspect at a time beside the ordinary partitions, and one that is lost
    :data:`ALONE_TRIES` times alone is the article's failure."""

    def __init__(self, client, articles: Iterable[Article], settings: Settings, total: Optional[int] = None):
        from distributed import as_completed

        self.client, self.settings = client, for_workers(settings)
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        self.source = _chunks(articles, partition_sizes(total, workers))
        self.limit = IN_FLIGHT_PER_WORKER * workers
        self.parts: dict[int, _Partition] = {}
        self.tasks: dict = {}                # future → (partition, first article, articles)
        self.done = as_completed(loop=client.loop)
        self.taken = self.saved = 0          # partitions read from the source; saved in order
        self.suspects: deque[tuple[int, int]] = deque()
        self.alone = None                    # the suspect's task in flight
        self.tries: Counter = Counter()

    def submit(self, index: int, start: int, count: int):
        future = self.client.submit(analyse_partition, self.parts[index].articles[start:start + count],
                                    self.settings, pure=False)
        self.tasks[future] = (index, start, count)
        self.done.add(future)
        return future

    def refill(self) -> None:
        while self.taken - self.saved < self.limit:
            chunk = next(self.source, None)
            if chunk is None:
                return
            self.parts[self.taken] = _Partition(chunk, [None] * len(chunk))
            self.submit(self.taken, 0, len(chunk))
            self.taken += 1

    def settle(self, future) -> int:
        """Take a finished task's results; how many articles they settled."""
        index, start, count = self.tasks.pop(future)
        if future is self.alone:
            self.alone = None
        results = _results(future)
        if isinstance(results, BaseException):
            reason = short_reason(results)
            self.tries[index, start] += count == 1
            if count > 1 or self.tries[index, start] < ALONE_TRIES:
                log.warning(Messages.W012.format(n=count, reason=reason))
                self.suspects.extend((index, i) for i in range(start, start + count))
                results = None
            else:
                results = [_died(reason)]
        if self.alone is None and self.suspects:
            self.alone = self.submit(*self.suspects.popleft(), 1)
        if results is None:
            return 0
        self.parts[index].results[start:start + count] = results
        return count

    def ready(self) -> Iterator[tuple[Article, object]]:
        """The articles of the complete partitions next in order, with their results, each once."""
        while self.saved in self.parts and self.parts[self.saved].complete:
            part = self.parts.pop(self.saved)
            self.saved += 1
            yield from zip(part.articles, part.results)

    def cancel(self) -> None:
        if self.tasks:
            self.client.cancel(list(self.tasks))


def _died(reason: str):
    from .nlp import AnalysisFailure

    return AnalysisFailure(f"a Dask worker died analysing it ({reason})")


def _results(future) -> list | BaseException:
    """A finished task's results, or what lost it as a whole: its worker died (``KilledWorker``) or
    it failed outside ``analyse_stream``.  The run's own errors (no model on the worker) and a lost
    scheduler stop the run."""
    from distributed.comm import CommClosedError
    from distributed.utils import CancelledError

    try:
        return future.result()
    except StorylineError:
        raise
    except (CommClosedError, CancelledError) as exc:
        raise ClusterUnusable(Messages.E093.format(reason=short_reason(exc))) from exc
    except Exception as exc:  # noqa: BLE001  (KilledWorker, or the task failed as a whole)
        return exc
