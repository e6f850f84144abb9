"""Reading a run's inputs on Dask (#18): the workers read, extract and sketch; the coordinator decides.

When a run analyses on Dask (:mod:`storyline.cluster`), the costly part of reading its inputs goes to
the workers too: making each record's article (decoding, metadata, boilerplate, the genre test) and
the duplicate test's MinHash sketch, about 8 ms of CPU an article that the coordinator spent alone
before the analysis could start.  What stays with the coordinator, the one writer of the store, is
cheap, and every decision stays where it was:

- it walks the input paths as before and, a little ahead of its own reading (:class:`Prefetch`),
  cuts the files into tasks (``client.submit``): a JSON Lines file into runs of :data:`PIECE_LINES`
  lines (byte ranges, found by scanning the file for line ends), other files whole, up to
  :data:`PIECE_FILES` files a task;
- it then reads every file as without Dask (:func:`storyline.pipeline.read_inputs`: the same walk,
  JSON Lines state machine, rejections, folding and order), except that a file's items, or a line's,
  are taken from the task that made them: the same function of the same bytes, run elsewhere.  A file
  whose size, times or inode changed since it was planned, that a worker cannot see (a remote worker
  without the coordinator's files), or whose task failed, is read here; a line is taken only when
  its CRC-32 is the line's here.  Compressed JSON Lines, and other files over :data:`PIECE_BYTES`,
  are read here (streamed, as before: a task's result is held whole);
- articles come with their sketches (:class:`storyline.ingest.dedup.Sketched`), staged with them; the
  duplicate test (:func:`storyline.pipeline.plan_articles`) stays in the coordinator, in input order,
  made from those sketches: the same ids, the same copies marked, the same store.

Tasks submitted and not yet consumed are at most :data:`AHEAD_PER_WORKER` per worker (backpressure:
the coordinator holds a bounded number of results), and the walk is planned at most :data:`AHEAD_FILES`
files ahead.  The workers load their spaCy pipelines after the first reading tasks (``on_first``:
:func:`storyline.cluster.start_loading`; at once when the first files are read here), so the pipelines
load while the coordinator stages and plans.
"""
from __future__ import annotations

import os
import zlib
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .model import Rejected

#: JSON Lines lines per task (about 0.2 s of a worker's CPU)
PIECE_LINES = 32
#: whole files per task, and the largest file read whole on a worker (bytes; a larger one is read here)
PIECE_FILES = 16
PIECE_BYTES = 8 << 20
#: tasks submitted and not yet consumed, per worker; files planned ahead of the reading
AHEAD_PER_WORKER = 4
AHEAD_FILES = 256
#: reading tasks go before the workers' pipeline loads (priority 0), which fill the time the workers wait
READ_PRIORITY = 1
_BOM = b"\xef\xbb\xbf"


def stat_key(path) -> Optional[tuple]:
    """What says a file is still the one planned: size, times, device and inode (None: not there)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino


# -- on a worker ---------------------------------------------------------------------------------

def _sketched(item):
    from .ingest.dedup import Sketched, sketch_of

    return item if isinstance(item, Rejected) else Sketched(item, sketch_of(item.text))


def read_files(files: list[tuple[Path, tuple]], max_bytes: int) -> list[Optional[list]]:
    """Runs on a worker: each file's items as :func:`storyline.ingest.read_file` gives them (articles
    sketched), or None for a file that is not the one planned (changed, or not there)."""
    from .ingest import read_file

    return [[_sketched(item) for item in read_file(path, max_bytes=max_bytes)] if stat_key(path) == key else None
            for path, key in files]


def _split_lines(data: bytes) -> list[bytes]:
    """``data`` cut after each line end, as a binary file's ``readline`` cuts it."""
    lines = [line + b"\n" for line in data.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def read_lines(path: Path, key: tuple, start: int, end: int, first: int, max_bytes: int) -> Optional[dict]:
    """Runs on a worker: line number -> (CRC-32 of the raw line, its item, an article sketched) of the
    lines at bytes ``start``..``end`` of the JSON Lines file ``path`` (the first is line ``first``) that
    the reader would parse (:class:`storyline.ingest.json._JsonLines`); None when the file is not the
    one planned."""
    from .ingest.files import IngestError
    from .ingest.json import _article_from_line, _decode_line

    if stat_key(path) != key:
        return None
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    got = {}
    for lineno, raw in enumerate(_split_lines(data), first):
        raw = raw.lstrip(_BOM) if lineno == 1 else raw
        if len(raw) > max_bytes:
            continue
        try:
            line = _decode_line(raw).strip()
        except IngestError:
            continue
        if line:
            got[lineno] = (zlib.crc32(raw), _sketched(_article_from_line(line, path=path, lineno=lineno)))
    return got


# -- the coordinator -----------------------------------------------------------------------------

@dataclass(eq=False)
class _Task:
    """One reading task: submitted when there is room (or when its result is wanted), released when
    every file or run of lines it serves has been read."""
    call: Callable
    args: tuple
    users: int = 1
    future: object = None
    done: bool = False
    value: object = None      # its result, once fetched (each fetch is a round trip through the client's loop)
    fetched: bool = False


class _FilePlan:
    """How one file of the walk is read: ``unchanged`` (not at all), or with what its tasks made."""

    def __init__(self, prefetch: "Prefetch", path: Path, key: Optional[tuple], unchanged: bool) -> None:
        self.prefetch, self.path, self.key, self.unchanged = prefetch, path, key, unchanged
        self.whole: Optional[tuple[_Task, int]] = None      # the task reading it whole, its place there
        self.lines: deque[tuple[int, int, _Task]] = deque()  # (first line, last line, task)

    def read(self) -> Iterator:
        """The file's items, as :func:`storyline.ingest.read_file` gives them here."""
        from .ingest import read_file

        max_bytes = self.prefetch.max_bytes
        if stat_key(self.path) != self.key:
            self.close()
        if self.whole is not None:
            task, place = self.whole
            got, self.whole = self.prefetch.result(task), None
            self.prefetch.release(task)
            if got is not None and got[place] is not None:
                yield from got[place]
                return
        try:
            yield from read_file(self.path, max_bytes=max_bytes, memo=self.memo if self.lines else None)
        finally:
            self.close()

    def memo(self, lineno: int, raw: bytes):
        """A line's item as its task made it (:data:`storyline.ingest.json.LineMemo`), or None."""
        while self.lines and self.lines[0][1] < lineno:
            self.prefetch.release(self.lines.popleft()[2])
        if not self.lines or self.lines[0][0] > lineno:
            return None
        got = self.prefetch.result(self.lines[0][2])
        hit = got.get(lineno) if got else None
        return hit[1] if hit is not None and hit[0] == zlib.crc32(raw) else None

    def close(self) -> None:
        if self.whole is not None:
            self.prefetch.release(self.whole[0])
            self.whole = None
        while self.lines:
            self.prefetch.release(self.lines.popleft()[2])


class Prefetch:
    """The reading tasks of one run on a Dask ``client``: see the module's docstring.  A context
    manager: leaving it cancels what was not consumed."""

    def __init__(self, client, *, max_bytes: int, on_first: Optional[Callable[[], None]] = None) -> None:
        self.client, self.max_bytes, self.on_first = client, max_bytes, on_first
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        self.limit = AHEAD_PER_WORKER * workers
        self.queue: deque[_Task] = deque()        # planned, not yet submitted
        self.live: set[_Task] = set()             # submitted, not yet released
        self.ahead: deque = deque()               # (walk item, plan) planned, not yet read
        self.group: Optional[_Task] = None        # whole files gathering into one task
        self.group_bytes = 0
        self.walked, self.items, self.unchanged = True, iter(()), None

    def __enter__(self) -> "Prefetch":
        return self

    def __exit__(self, *exc) -> None:
        live = [t.future for t in self.live if t.future is not None]
        self.live.clear()
        if live:
            self.client.cancel(live)

    def walk(self, items: Iterable, unchanged: Optional[Callable[[str, bytes], bool]]) -> Iterator[tuple]:
        """``(walk item, its plan or None)`` for each item of :func:`storyline.ingest.iter_paths`, in order."""
        self.items, self.unchanged, self.walked = iter(items), unchanged, False
        while True:
            if not self.ahead:
                self._plan_next()
            if not self.ahead:
                break
            self._top_up()
            self._started()   # no reading task ahead (compressed or large files, read here): load now
            yield self.ahead.popleft()
        self._started()

    # -- planning --------------------------------------------------------------------------------
    def _plan_next(self) -> None:
        from .ingest import show_path

        item = next(self.items, None)
        if item is None:
            self.walked = True
            self._close_group()
            return
        if isinstance(item, Rejected):
            self.ahead.append((item, None))
            return
        unchanged = self.unchanged is not None and self.unchanged(show_path(item), os.fsencode(item))
        plan = _FilePlan(self, item, stat_key(item), unchanged)
        self.ahead.append((item, plan))
        if not unchanged and plan.key is not None:
            self._plan_reading(plan)

    def _plan_reading(self, plan: _FilePlan) -> None:
        from .ingest import detect_format
        from .ingest.json import is_jsonl_name

        fmt = detect_format(plan.path)
        if fmt == "binary":
            return
        if fmt == "json" and is_jsonl_name(plan.path):
            self._plan_lines(plan)
            return
        if plan.key[0] > PIECE_BYTES:
            return
        if self.group is None:
            self.group, self.group_bytes = _Task(read_files, ([], self.max_bytes), users=0), 0
        self.group.args[0].append((plan.path, plan.key))
        self.group.users += 1
        self.group_bytes += plan.key[0]
        plan.whole = (self.group, len(self.group.args[0]) - 1)
        if len(self.group.args[0]) >= PIECE_FILES or self.group_bytes >= PIECE_BYTES:
            self._close_group()

    def _close_group(self) -> None:
        if self.group is not None:
            self.queue.append(self.group)
            self.group = None

    def _plan_lines(self, plan: _FilePlan) -> None:
        """Runs of :data:`PIECE_LINES` lines of a plain (not compressed, not UTF-16/32) JSON Lines file."""
        try:
            with open(plan.path, "rb") as fh:
                head = fh.read(4)
                if head[:2] in (b"\x1f\x8b", b"\xff\xfe", b"\xfe\xff") or head == b"\x00\x00\xfe\xff" \
                        or plan.path.suffix.lower() in (".gz", ".gzip"):
                    return
                fh.seek(0)
                self._close_group()
                start = pos = 0
                first = lineno = 1
                for raw in fh:
                    pos += len(raw)
                    if lineno - first + 1 >= PIECE_LINES:
                        self._add_lines(plan, start, pos, first, lineno)
                        start, first = pos, lineno + 1
                    lineno += 1
                if pos > start:
                    self._add_lines(plan, start, pos, first, lineno - 1)
        except OSError:
            plan.close()   # read here: its reason is the coordinator's

    def _add_lines(self, plan: _FilePlan, start: int, end: int, first: int, last: int) -> None:
        task = _Task(read_lines, (plan.path, plan.key, start, end, first, self.max_bytes))
        plan.lines.append((first, last, task))
        self.queue.append(task)

    # -- the tasks -------------------------------------------------------------------------------
    def _submit(self, task: _Task) -> None:
        task.future = self.client.submit(task.call, *task.args, pure=False, priority=READ_PRIORITY)
        self.live.add(task)
        self._started()

    def _started(self) -> None:
        if self.on_first is not None:
            self.on_first, start = None, self.on_first
            start()

    def _top_up(self) -> None:
        """Submit planned tasks while there is room, planning further files when none are left."""
        while len(self.live) < self.limit:
            if self.queue:
                self._submit(self.queue.popleft())
            elif not self.walked and len(self.ahead) < AHEAD_FILES:
                self._plan_next()
            elif self.group is not None:   # nothing more to plan now: the files gathered go as they are
                self._close_group()
            else:
                return

    def result(self, task: _Task):
        """A task's result (submitted now if it was not yet), or None when it failed."""
        if task.fetched:
            return task.value
        if task.future is None:
            if task is self.group:
                self._close_group()
            if task in self.queue:
                self.queue.remove(task)
            self._submit(task)
        try:
            task.value = task.future.result()
        except Exception:  # noqa: BLE001  (read here instead: the coordinator's reading says why)
            task.value = None
        task.fetched = True
        return task.value

    def release(self, task: _Task) -> None:
        """One file or run of lines of ``task`` is read: when it was its last, the task is let go."""
        task.users -= 1
        if task.users <= 0 and not task.done:
            task.done = True
            task.value = None
            if task.future is not None:
                self.live.discard(task)
                task.future.release()
                task.future = None
            elif task in self.queue:
                self.queue.remove(task)
            self._top_up()
