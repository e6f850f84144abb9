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
from typing import Optional, Sequence

from ..model import Article, content_hash

__all__ = ["mark_duplicates", "shingles", "SHINGLE_SIZE"]

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


def mark_duplicates(articles: Sequence[Article], *, threshold: float = 0.8,
                    num_perm: int = 128) -> list[Article]:
    """The articles in input order, later exact or near copies marked (MinHash-estimated Jaccard
    similarity of word 5-shingles ≥ ``threshold``; the estimate is within about ±0.04 at 0.8).

    A copy points at the first article of its group (``duplicate_of=<first id>``); an article
    already marked keeps its mark.  Articles whose id repeats an earlier one are left as they are.
    """
    from datasketch import MinHashLSH

    # The index is looser than the threshold (fewer misses); each candidate is then checked with
    # its MinHash similarity estimate (1 KB a sketch, so memory stays small as the corpus grows).
    lsh = MinHashLSH(threshold=max(0.3, threshold - LSH_SLACK), num_perm=num_perm)
    first_by_hash: dict[str, str] = {}
    sketch_by_id: dict[str, object] = {}
    order: dict[str, int] = {}
    out: list[Article] = []
    for n, article in enumerate(articles):
        digest = article.content_hash or content_hash(article.text)
        original: Optional[str] = article.duplicate_of
        if original is None and digest in first_by_hash and first_by_hash[digest] != article.id:
            original = first_by_hash[digest]
        grams = shingles(article.text) if original is None else set()
        mh = _minhash(grams, num_perm) if grams else None
        if mh is not None:
            candidates = sorted((c for c in lsh.query(mh) if c != article.id), key=order.__getitem__)
            original = next((c for c in candidates if mh.jaccard(sketch_by_id[c]) >= threshold), None)
        first_by_hash.setdefault(digest, original or article.id)
        if original is None and mh is not None and article.id not in order:
            lsh.insert(article.id, mh)
            sketch_by_id[article.id] = mh
            order[article.id] = n
        out.append(article.replace(duplicate_of=original) if original != article.duplicate_of else article)
    return out
