"""Exact and near-duplicate articles: later copies point at the first one (``duplicate_of``).

Exact duplicates share a ``content_hash``.  Near-duplicates (the same wire story with a different
headline or footer) are found with MinHash LSH over word 5-shingles (datasketch): each article is
queried against the index of the articles before it, so the work grows with the number of
candidates, not with the square of the corpus.  Input order decides which copy is the original,
and the same input always gives the same answer (fixed seed, CRC-32 shingle hashes, candidates
checked in input order with their estimated Jaccard similarity).
"""
from __future__ import annotations

import functools
import re
import zlib
from typing import NamedTuple, Optional, Sequence

from ..model import Article, content_hash

__all__ = ["mark_duplicates", "DuplicateIndex", "shingles", "sketch_of", "Sketched", "SHINGLE_SIZE"]

#: words per shingle
SHINGLE_SIZE = 5
#: how much lower than the duplicate threshold the LSH index looks for candidates
LSH_SLACK = 0.2
_SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> set[str]:
    """Lower-cased word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int):
    """The MinHash permutations for ``num_perm`` (made once: building them dominates small sketches)."""
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm, seed=_SEED)
    return template.permutations, template.scheme


def _minhash(grams: set[str], num_perm: int):
    from datasketch import MinHash

    permutations, scheme = _permutations(num_perm)
    mh = MinHash(num_perm=num_perm, seed=_SEED, permutations=permutations, scheme=scheme,
                 hashfunc=zlib.crc32)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def _minhash_of(values: list[int], num_perm: int):
    """The sketch :meth:`DuplicateIndex.mark` made of some text before, from its hash values."""
    from datasketch import MinHash

    permutations, scheme = _permutations(num_perm)
    return MinHash(num_perm=num_perm, seed=_SEED, permutations=permutations, scheme=scheme, hashvalues=values,
                   hashfunc=zlib.crc32)


#: :meth:`DuplicateIndex.mark` was given no sketch, or made none.
NO_SKETCH = object()


def sketch_of(text: str, num_perm: int = 128) -> Optional[list[int]]:
    """The sketch :meth:`DuplicateIndex.mark` makes of ``text`` (its MinHash values; None: no words),
    made elsewhere (a Dask worker reading the inputs) and handed to it as ``sketch``."""
    grams = shingles(text)
    return [int(v) for v in _minhash(grams, num_perm).hashvalues] if grams else None


class Sketched(NamedTuple):
    """An article read elsewhere with its sketch (:func:`sketch_of`), as reading on Dask yields it."""
    article: Article
    sketch: Optional[list[int]]


def mark_duplicates(articles: Sequence[Article], *, threshold: float = 0.8,
                    num_perm: int = 128) -> list[Article]:
    """The articles in input order, later exact or near copies marked (MinHash-estimated Jaccard
    similarity of word 5-shingles ≥ ``threshold``; the estimate is within about ±0.04 at 0.8).

    A copy points at the first article of its group (``duplicate_of=<first id>``); an article
    already marked keeps its mark.  Articles whose id repeats an earlier one are left as they are.
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    return [index.mark(article) for article in articles]


class DuplicateIndex:
    """:func:`mark_duplicates` one article at a time, for a stream of articles: what it keeps of the
    articles marked so far is compact (a content hash and a MinHash sketch of about 1 KB each, in
    an LSH index), never their texts."""

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128) -> None:
        from datasketch import MinHashLSH

        self.threshold, self.num_perm = threshold, num_perm
        # The index is looser than the threshold (fewer misses); each candidate is then checked with
        # its MinHash similarity estimate (1 KB a sketch, so memory stays small as the corpus grows).
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - LSH_SLACK), num_perm=num_perm)
        self._first_by_hash: dict[str, str] = {}
        self._sketch_by_id: dict[str, object] = {}
        self._order: dict[str, int] = {}
        self._n = 0
        self.last_sketch: object = NO_SKETCH

    def mark(self, article: Article, *, sketch: object = NO_SKETCH) -> Article:
        """``article`` marked as a copy of the first article marked before it that it copies (or as it is).

        ``sketch``: the article's sketch as :attr:`last_sketch` gave it before (its text is then not
        read: a stored article may come without it).  :attr:`last_sketch` is the sketch made or used
        here (:data:`NO_SKETCH` when none was needed: an exact copy)."""
        n, self._n = self._n, self._n + 1
        digest = article.content_hash or content_hash(article.text)
        original: Optional[str] = article.duplicate_of
        if original is None and digest in self._first_by_hash and self._first_by_hash[digest] != article.id:
            original = self._first_by_hash[digest]
        mh, self.last_sketch = None, NO_SKETCH
        if original is None and sketch is not NO_SKETCH:
            mh = None if sketch is None else _minhash_of(sketch, self.num_perm)
            self.last_sketch = sketch
        elif original is None:
            grams = shingles(article.text)
            mh = _minhash(grams, self.num_perm) if grams else None
            self.last_sketch = None if mh is None else [int(v) for v in mh.hashvalues]
        if mh is not None:
            candidates = sorted((c for c in self._lsh.query(mh) if c != article.id), key=self._order.__getitem__)
            original = next((c for c in candidates if mh.jaccard(self._sketch_by_id[c]) >= self.threshold), None)
        self._first_by_hash.setdefault(digest, original or article.id)
        if original is None and mh is not None and article.id not in self._order:
            self._lsh.insert(article.id, mh)
            self._sketch_by_id[article.id] = mh
            self._order[article.id] = n
        return article.replace(duplicate_of=original) if original != article.duplicate_of else article
