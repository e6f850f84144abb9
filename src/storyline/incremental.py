"""Incremental runs at scale (#18): what a re-run may leave as it is.

**Unchanged files are not read again.**  Each file read records its identity (:class:`FileIdentity`:
size, modification and change times, device and inode, and a digest of its bytes taken before it
was parsed) and what it was read with (Storyline's code stamp and the reading settings:
:func:`read_with`).  A file is unchanged when its size, times and inode are as recorded and it was
already old when it was read (its modification time more than :data:`RACY_NS` before the reading,
so a write in the same clock tick as the recorded one cannot hide), or else when the digest of its
bytes is as recorded.  Its stored inputs, articles and rejections then stand.  A file under a new
path (a renamed folder, a copy) is read: its path has no record.

**Unchanged corpus, unchanged outputs.**  The corpus stages and the output files are a function of the
stored articles and analyses and of a few settings; :func:`corpus_state` is a digest of those and
of the output files as written.  A run that finds the state it recorded after its last complete
writing has nothing to recompute or rewrite.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .errors import log
from .store import Store

#: How much older than its reading a file's modification time must be for its times to be trusted alone.
RACY_NS = 2_000_000_000
_DIGEST_BLOCK = 1 << 20


@dataclass(frozen=True)
class FileIdentity:
    size: int
    mtime_ns: int
    ctime_ns: int
    dev: int
    ino: int
    read_ns: int            # when the identity was taken (just before the file was parsed)
    digest: str             # of the file's bytes then

    def to_text(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> Optional["FileIdentity"]:
        try:
            return cls(**json.loads(text))
        except (TypeError, ValueError):
            return None

    def same_times(self, other: "FileIdentity") -> bool:
        return (self.size, self.mtime_ns, self.ctime_ns, self.dev, self.ino) == \
            (other.size, other.mtime_ns, other.ctime_ns, other.dev, other.ino)


def _stat(file_os: bytes) -> Optional[os.stat_result]:
    try:
        st = os.stat(file_os)
    except OSError:
        return None
    return st


def file_digest(file_os: bytes) -> Optional[str]:
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(file_os, "rb") as fh:
            while block := fh.read(_DIGEST_BLOCK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def identify(file_os: bytes) -> Optional[FileIdentity]:
    """The identity of the file ``file_os`` now (None: it cannot be read)."""
    read_ns = time.time_ns()
    st = _stat(file_os)
    digest = file_digest(file_os) if st is not None else None
    if st is None or digest is None:
        return None
    return FileIdentity(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino, read_ns, digest)


def read_with(stamp: str, max_bytes: int) -> str:
    """What a file's reading depends on besides its bytes: Storyline's code (in ``stamp``) and settings."""
    return f"{stamp}|max_bytes={max_bytes}"


class KnownFiles:
    """The files the store recorded as read with the same code and settings, and the test whether one
    is unchanged since (see the module docstring)."""

    def __init__(self, store: Store, reading: str) -> None:
        self.reading = reading
        self._known = store.file_identities(reading)

    def unchanged(self, file: str, file_os: bytes) -> bool:
        recorded = FileIdentity.from_text(self._known[file]) if file in self._known else None
        if recorded is None:
            return False
        st = _stat(file_os)
        if st is None:
            return False
        now = FileIdentity(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino, 0, "")
        if recorded.same_times(now) and recorded.read_ns - recorded.mtime_ns > RACY_NS:
            return True
        return st.st_size == recorded.size and file_digest(file_os) == recorded.digest


# -- the corpus tables and the outputs -------------------------------------------------------------

def _outputs_signature(out: Path, names: Sequence[str]) -> list:
    found = []
    for name in names:
        st = _stat(os.fsencode(out / name))
        found.append(None if st is None else [name, st.st_size, st.st_mtime_ns, st.st_ino])
    return found


def corpus_state(store: Store, settings: str) -> str:
    """What the corpus tables and outputs would be computed from (:meth:`Store.corpus_sources_digest`)."""
    return store.corpus_sources_digest(settings)


def corpus_unchanged(store: Store, out: Path, state: str) -> Optional[list[str]]:
    """The stages skipped when the corpus tables and outputs were last made from ``state``, if they were
    and the output files are as then written (present, same size, time and inode); else None."""
    recorded = store.recorded_corpus_digest()
    if recorded is None:
        return None
    try:
        record = json.loads(recorded)
    except ValueError:
        return None
    if record.get("state") != state:
        return None
    if _outputs_signature(out, record.get("names", [])) != record.get("outputs"):
        log.info("output files changed since they were written: writing them again")
        return None
    return list(record.get("skipped", []))


def record_corpus_state(store: Store, out: Path, state: str, names: Sequence[str], skipped: Sequence[str]) -> None:
    """Record, after a complete writing of the outputs, what they and the corpus tables were made from."""
    names = sorted(names)
    store.record_corpus_digest(json.dumps({"state": state, "names": names, "skipped": list(skipped),
                                           "outputs": _outputs_signature(out, names)}))


# -- each article's share of the corpus stages that read texts ------------------------------------

#: The articles the corpus stages read texts of: news (``pipeline.NEWS_SQL``), not copies.
_ORIGINAL_NEWS = "(not_news is null or not_news = '') and duplicate_of is null"
#: Articles whose shares are looked up and made at a time.
_SHARE_BATCH = 200


class ArticleShares:
    """The corpus stages' per-article shares (:mod:`storyline.store.parts`), read from the store where
    they were made from the same things, made (from the article's text, read now) where not.  Every
    reader goes through the news articles that are no copies in corpus order (path, id), a batch at
    a time, and adds up as a run from scratch would."""

    def __init__(self, store: Store, *, salt: str) -> None:
        self.store, self.salt = store, salt
        store.forget_parts()

    def _shares(self, kind: str, threshold: Optional[float], make) -> Iterator[tuple[str, object]]:
        """``(article id, share)`` in corpus order; ``make(articles)`` gives the shares of articles that
        lack one (made from the events kept at ``threshold``, or none)."""
        from .store.parts import part_salt

        sources = self.store.part_sources(_ORIGINAL_NEWS, salt=part_salt(kind, self.salt, threshold))
        while wanted := dict(itertools.islice(sources, _SHARE_BATCH)):
            found = self.store.stored_parts(kind, wanted)
            missing = [a for a in wanted if a not in found]
            if missing:
                articles = self.store.get_articles(missing)
                made = [json.loads(json.dumps(p, ensure_ascii=False)) for p in make([articles[a] for a in missing])]
                self.store.save_parts(kind, [(a, wanted[a], p) for a, p in zip(missing, made)])
                found.update(zip(missing, made))
            yield from ((a, found[a]) for a in wanted)

    def framing(self, n_events: dict[str, int], story_events: Iterable):
        """The framing, from each article's share and its number of events kept (``n_events``), written
        into the store's framing tables as it is made (:func:`framing_from_parts`; the caller's
        transaction): returns the writer, which :meth:`~storyline.store.Store.finish_corpus` takes as written."""
        from .corpus.framing import framing_from_parts, framing_part
        from .store.framing import FramingWriter

        def make(articles):
            quotes = self.store.quotes_of([a.id for a in articles])
            return [framing_part(a, quotes.get(a.id, ())) for a in articles]

        return framing_from_parts(self._shares("framing", None, make), n_events=n_events,
                                  story_events=story_events, writer=FramingWriter(self.store.db.conn))

    def stances(self, events_of: Callable[[list[str]], dict], threshold: float) -> list:
        """The stances, from each article's quotes and its events kept at ``threshold`` (``events_of(ids)``:
        the events of a batch of articles, by article id, read only for the articles whose share is made)."""
        from .corpus.stances import stance_hits, stances_from_hits

        def make(articles):
            quotes = self.store.quotes_of([a.id for a in articles])
            of_article = events_of([a.id for a in articles])
            return [stance_hits(quotes.get(a.id, ()), of_article.get(a.id, [])) for a in articles]

        parts = dict(self._shares("stances", threshold, make))
        return stances_from_hits([parts[a] for a in sorted(parts) if parts[a]["quotes"] or parts[a]["events"]])

    def salience(self) -> tuple[dict, int]:
        """The timeline's day salience and the number of articles it went through."""
        from .corpus.selection import salience_from_parts, salience_part

        counted = [0]

        def counting():
            for item in self._shares("salience", None, lambda articles: [
                    salience_part({"id": a.id, "time": a.published, "text": a.text}) for a in articles]):
                counted[0] += 1
                yield item

        return salience_from_parts(counting()), counted[0]

    def background(self, events_of: Callable[[list[str]], dict], threshold: float) -> list:
        """The timeline's background entries (``events_of`` as for :meth:`stances`)."""
        from .corpus.linking import outlet_of
        from .corpus.timeline import background_from_parts, background_part

        timexes = self.store.timexes_by_article()

        def make(articles):
            evidence = events_of([a.id for a in articles])
            return [[outlet_of(a), background_part(a, timexes.get(a.id, ()), evidence.get(a.id, []))]
                    for a in articles]

        return background_from_parts((a, outlet, part) for a, (outlet, part) in
                                     self._shares("background", threshold, make))


# -- the duplicate test's sketches ----------------------------------------------------------------

class Sketches:
    """Each stored article's MinHash sketch (:class:`~storyline.ingest.dedup.DuplicateIndex`), kept in
    ``article_parts`` under its content hash, so marking copies against the stored articles reads
    their sketches, not their texts (only an article without one is read whole)."""

    KIND = "sketch"

    def __init__(self, store: Store) -> None:
        from .ingest.dedup import SHINGLE_SIZE

        self.store, self._made, self._salt = store, [], f"shingles={SHINGLE_SIZE}"

    def _key(self, article) -> Optional[str]:
        return f"{article.content_hash}|{self._salt}" if article.content_hash else None

    def of(self, ids: Sequence[str]) -> list[tuple[object, object]]:
        """``(stored article, its sketch)`` for ``ids`` that are stored, in that order: without its text
        when its sketch is stored, else whole with ``NO_SKETCH``."""
        from .ingest.dedup import NO_SKETCH

        light = self.store.light_articles(ids)
        keys = {a: k for a, k in ((a, self._key(art)) for a, art in light.items()) if k}
        found = self.store.stored_parts(self.KIND, keys)
        whole = self.store.get_articles([a for a in light if a not in found])
        return [(whole.get(a) or light[a], found.get(a, NO_SKETCH)) for a in ids if a in light]

    def keep(self, article, index) -> None:
        """Keep the sketch ``index`` made or used for ``article`` (saved by :meth:`flush`)."""
        from .ingest.dedup import NO_SKETCH

        key = self._key(article)
        if key and index.last_sketch is not NO_SKETCH:
            self._made.append((article.id, key, index.last_sketch))
            if len(self._made) >= 500:
                self.flush()

    def flush(self) -> None:
        self.store.save_parts(self.KIND, self._made)
        self._made = []
