"""Selective timelines for big corpora: the news-tls task (``storyline timeline``).

:func:`select_timeline` works over ``{id, time, text}`` records: choose ``n_dates`` dates and
``n_sentences`` sentences per date.  Dates are ranked by independent reporting that points at them
— articles whose sentences resolve a reference to the day ("on Friday", "April 20", "yesterday")
and publication bursts on it, with neighbouring days of an already chosen date discounted so one
burst does not fill the timeline — and sentences are picked per date by centrality (TF-IDF cosine
to the date's centroid) with redundancy removal (maximal marginal relevance).  Date references
come from a cheap regex pass (:func:`storyline.corpus.day_references.date_references`), no
parsing, so thousands of articles take seconds.  :func:`timeline_from_path` reads a JSONL file or
a folder of articles (:func:`read_records`).
"""
from __future__ import annotations

import bisect
import collections
import datetime as _dt
import hashlib
import heapq
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from ..model import Article
from .day_references import date_references, parse_day

__all__ = ["select_timeline", "timeline_from_path", "split_sentences", "read_records", "with_inferred_dates",
           "day_salience", "rank_days", "default_size"]

#: the selection parameters (data/timeline/selection.json), shared with the run's timeline
PARAMS: dict = {k: v for k, v in json.loads(resources.files("storyline").joinpath(
    "data/timeline/selection.json").read_text(encoding="utf-8")).items() if not k.startswith("_")}

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they we you i his her their our your them him us me my not no
said says say will would could should can may might has have had do does did so than then there
here also after before over into about up out more most such which who whom what when where while
mr mrs ms -lrb- -rrb- lrb rrb 's""".split())
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'`(])")


_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|"
                           r"No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: lines (Timeline17 has one sentence per line), each line split
    further at sentence punctuation, not after abbreviations (``Mr.``, ``U.S.``, ``Jan.``)."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        pieces = [p for p in _SENT_SPLIT.split(line) if p.strip()]
        current = ""
        for piece in pieces:
            current = f"{current} {piece}" if current else piece
            if not _ABBREVIATION.search(current):
                out.append(current.strip())
                current = ""
        if current:
            out.append(current.strip())
    return out


def _terms(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP and len(t) > 1]


def _keyword_terms(keywords: Optional[Sequence[str]], df: dict[str, int]) -> set[str]:
    """Terms of the topic keywords that occur in the corpus.

    Camel case and underscores split (``LibyaWar`` → libya, war); a keyword that never occurs
    is tried as two glued corpus words (``bpoil`` → bp, oil).  Keywords that match nothing are
    ignored.
    """
    out: set[str] = set()
    for kw in keywords or ():
        parts = re.sub(r"([a-z])([A-Z])", r"\1 \2", kw).replace("_", " ").lower()
        terms = [t for t in _TOKEN.findall(parts) if t not in _STOP]
        for term in terms:
            if df.get(term):
                out.add(term)
                continue
            splits = [(min(df.get(term[:i], 0), df.get(term[i:], 0)), term[:i], term[i:])
                      for i in range(2, len(term) - 1)]
            best = max(splits, default=(0, "", ""))
            if best[0] > 0:
                out.update(best[1:])
    return out


class _Sentence:
    __slots__ = ("text", "article", "pub", "position", "refs", "terms", "vec", "norm")

    def __init__(self, text: str, article: str, pub: Optional[_dt.date], position: int, refs: list[_dt.date]):
        self.text = text
        self.article = article
        self.pub = pub
        self.position = position
        self.refs = refs
        self.terms = _terms(text)
        self.vec: dict[str, float] = {}
        self.norm = 0.0


def _cosine(a: dict[str, float], b: dict[str, float], na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items()) / (na * nb)


def _within(day: _dt.date, lo: Optional[_dt.date], hi: Optional[_dt.date]) -> bool:
    return (not lo or day >= lo) and (not hi or day <= hi)


def _article_sentences(record: dict, pub: Optional[_dt.date], lo: Optional[_dt.date], hi: Optional[_dt.date],
                       min_tokens: int, max_tokens: int, use_timex: bool) -> list[_Sentence]:
    """One article's sentences with the days they refer to; short and long ones only vote for dates."""
    art_id = str(record.get("id", ""))
    sents = split_sentences(record.get("text") or "")
    all_refs = [date_references(t, pub) for t in sents]
    if use_timex and pub is not None:
        all_refs = [sorted(set(a) | set(b)) for a, b in zip(all_refs, _timex_references(sents, pub))]
    out = []
    for i, text in enumerate(sents):
        n_tok = len(text.split())
        refs = [d for d in all_refs[i]
                if _within(d, lo, hi) and (pub is None or d <= pub + _dt.timedelta(days=1))]
        if pub is None and not refs:
            continue  # an undated article speaks only through the full dates it states
        if n_tok < min_tokens or n_tok > max_tokens:
            if refs:  # short/long sentences still vote for dates, never get picked
                s = _Sentence(text, art_id, pub, i, refs)
                s.terms = []
                out.append(s)
            continue
        out.append(_Sentence(text, art_id, pub, i, refs))
    return out


def _read_sentences(articles: Iterable[dict], lo: Optional[_dt.date], hi: Optional[_dt.date],
                    min_tokens: int, max_tokens: int, use_timex: bool) -> list[_Sentence]:
    """The sentences of the articles published within [lo, hi] (or undated), each copy read once."""
    return list(_iter_sentences(articles, lo, hi, min_tokens, max_tokens, use_timex))


def _iter_sentences(articles: Iterable[dict], lo: Optional[_dt.date], hi: Optional[_dt.date],
                    min_tokens: int, max_tokens: int, use_timex: bool) -> Iterator[_Sentence]:
    """:func:`_read_sentences` one article at a time: what it holds is a digest of each text read."""
    seen_texts: set[bytes] = set()
    for record in articles:
        pub = parse_day(record.get("time") or record.get("published") or record.get("date"))
        if pub is not None and not _within(pub, lo, hi):
            continue
        # a digest of the normalised text, not its hash(): a (seed-dependent) hash collision must not
        # drop an article on one run and keep it on the next; the digest keeps memory to 16 bytes a text
        key = hashlib.blake2b(" ".join((record.get("text") or "").split()).lower().encode("utf-8", "surrogatepass"),
                              digest_size=16).digest()
        if key in seen_texts:
            continue   # a copy (wire story, re-post) is not independent reporting
        seen_texts.add(key)
        yield from _article_sentences(record, pub, lo, hi, min_tokens, max_tokens, use_timex)


def _date_scores(sentences: Iterable[_Sentence], lo: Optional[_dt.date], hi: Optional[_dt.date],
                 pub_weight: float, next_day_weight: float) -> dict[_dt.date, float]:
    """Independent articles pointing at each day, plus publication bursts on it (and the day after)."""
    ref_articles: dict[_dt.date, set[str]] = collections.defaultdict(set)
    pub_articles: dict[_dt.date, set[str]] = collections.defaultdict(set)
    for s in sentences:
        if s.pub is not None:
            pub_articles[s.pub].add(s.article)
        for d in s.refs:
            if d != s.pub:
                ref_articles[d].add(s.article)
    days = {d for d in set(ref_articles) | set(pub_articles) if _within(d, lo, hi)}
    one = _dt.timedelta(days=1)
    return {d: len(ref_articles.get(d, ())) + pub_weight * len(pub_articles.get(d, ()))
            + next_day_weight * len(pub_articles.get(d + one, ())) for d in days}


def day_salience(articles: Iterable[dict], *, start: Optional[str] = None, end: Optional[str] = None,
                 pub_weight: float = PARAMS["pub_weight"],
                 next_day_weight: float = PARAMS["next_day_weight"]) -> dict[_dt.date, float]:
    """How much independent reporting points at each day: the articles whose sentences refer to
    it, plus ``pub_weight`` × the articles published on it (exact copies count once).  The date
    score of :func:`select_timeline` and of the ``storyline run`` timeline (:func:`rank_days`)."""
    lo, hi = parse_day(start), parse_day(end)
    return _date_scores(_iter_sentences(articles, lo, hi, 1, 10 ** 6, False), lo, hi, pub_weight, next_day_weight)


def salience_part(record: dict) -> dict:
    """One article's share of :func:`day_salience` over the whole corpus (no ``start`` or ``end``),
    JSON-ready: the digest that tells its copies, its day, whether it speaks at all, and the days its
    sentences refer to (other than its own).  ``record`` as for :func:`day_salience`."""
    pub = parse_day(record.get("time") or record.get("published") or record.get("date"))
    key = hashlib.blake2b(" ".join((record.get("text") or "").split()).lower().encode("utf-8", "surrogatepass"),
                          digest_size=16).hexdigest()
    sentences = _article_sentences(record, pub, None, None, 1, 10 ** 6, False)
    refs = sorted({d for s in sentences for d in s.refs if d != s.pub})
    return {"key": key, "pub": pub.isoformat() if pub else None, "speaks": bool(sentences),
            "refs": [d.isoformat() for d in refs]}


def salience_from_parts(parts: Iterable[tuple[str, dict]], *, pub_weight: float = PARAMS["pub_weight"],
                        next_day_weight: float = PARAMS["next_day_weight"]) -> dict[_dt.date, float]:
    """:func:`day_salience` over the whole corpus from its articles' shares (``(article id,``
    :func:`salience_part` ``)`` in corpus order): the same scores, with no text read."""
    ref_articles: dict[_dt.date, set[str]] = collections.defaultdict(set)
    pub_articles: dict[_dt.date, set[str]] = collections.defaultdict(set)
    seen: set[str] = set()
    for article_id, part in parts:
        if part["key"] in seen:
            continue
        seen.add(part["key"])
        if part["pub"] is not None and part["speaks"]:
            pub_articles[_dt.date.fromisoformat(part["pub"])].add(article_id)
        for d in part["refs"]:
            ref_articles[_dt.date.fromisoformat(d)].add(article_id)
    one = _dt.timedelta(days=1)
    return {d: len(ref_articles.get(d, ())) + pub_weight * len(pub_articles.get(d, ()))
            + next_day_weight * len(pub_articles.get(d + one, ())) for d in set(ref_articles) | set(pub_articles)}


def rank_days(score: dict[_dt.date, float], days: Sequence[_dt.date], *, spread_days: int = PARAMS["spread_days"],
              spread_penalty: float = PARAMS["spread_penalty"]) -> Iterator[_dt.date]:
    """``days`` best first by ``score``, a day near an already ranked one discounted (one burst of
    coverage must not fill the timeline): the date order of both timelines."""
    yield from _spread_dates(score, list(days), spread_days, spread_penalty)


def default_size(n_articles: int, *, per_sqrt: float = PARAMS["per_sqrt"], minimum: int = PARAMS["min_size"],
                 maximum: int = PARAMS["max_size"]) -> int:
    """The number of dates a timeline of ``n_articles`` gets by default: grows with the square
    root of the corpus (a few dozen for a few hundred articles), at least ``minimum``."""
    return max(minimum, min(maximum, round(per_sqrt * math.sqrt(max(n_articles, 0)))))


def _weigh_terms(sentences: Sequence[_Sentence]) -> collections.Counter:
    """Give each sentence its TF-IDF vector and norm; returns the document frequencies."""
    df: collections.Counter = collections.Counter()
    for s in sentences:
        df.update(set(s.terms))
    n_docs = len(sentences)
    for s in sentences:
        tf = collections.Counter(s.terms)
        s.vec = {t: (1 + math.log(c)) * math.log(n_docs / df[t]) for t, c in tf.items()}
        s.norm = math.sqrt(sum(w * w for w in s.vec.values()))
    return df


def _date_candidates(sentences: Sequence[_Sentence], score: dict) -> dict[_dt.date, list[_Sentence]]:
    """Candidates per date: sentences referring to it, and undated sentences published that day."""
    candidates: dict[_dt.date, list[_Sentence]] = collections.defaultdict(list)
    for s in sentences:
        if not s.terms:
            continue
        targets = set(s.refs) if s.refs else ({s.pub} if s.pub else set())
        for d in targets:
            if d in score:
                candidates[d].append(s)
    return candidates


def _topicality(sentences: Sequence[_Sentence], topic_weight: float) -> dict[int, float]:
    """Each sentence's closeness to the whole topic (the sum of all sentence vectors)."""
    topic: dict[str, float] = collections.defaultdict(float)
    for s in sentences:
        for t, w in s.vec.items():
            topic[t] += w / s.norm if s.norm else 0.0
    topic_norm = math.sqrt(sum(w * w for w in topic.values()))
    return {id(s): _cosine(s.vec, topic, s.norm, topic_norm) for s in sentences} if topic_weight else {}


def select_timeline(articles: Sequence[dict], *, n_dates: int, n_sentences: int,
                    keywords: Optional[Sequence[str]] = None, start: Optional[str] = None,
                    end: Optional[str] = None, min_tokens: int = PARAMS["min_tokens"],
                    max_tokens: int = PARAMS["max_tokens"], pub_weight: float = PARAMS["pub_weight"],
                    next_day_weight: float = PARAMS["next_day_weight"], mmr_lambda: float = PARAMS["mmr_lambda"],
                    topic_weight: float = PARAMS["topic_weight"], keyword_boost: float = PARAMS["keyword_boost"],
                    spread_days: int = PARAMS["spread_days"], spread_penalty: float = PARAMS["spread_penalty"],
                    use_timex: bool = False) -> list[dict]:
    """The news-tls task: ``n_dates`` dates, ``n_sentences`` sentences each, from ``{id, time, text}``.

    Returns ``[{date, sentences, article_ids}]`` in date order.  ``start``/``end`` (ISO days)
    restrict both the articles read and the dates chosen.  Articles without a ``time`` count
    only through the dates they state in full ("4 February 2022"); exact copies count once.
    ``keywords`` (topic words) weight sentences that contain them; keywords that never occur
    in the corpus are ignored.  ``use_timex`` adds the day references of
    :func:`storyline.timex.extract_timexes` to the regex pass (about four times slower; on
    Timeline17 +.005 Date-F1, same AR-1).

    Tuning (defaults in ``data/timeline/selection.json``, :data:`PARAMS`, chosen on Timeline17 by
    leave-one-topic-out cross-validation, ``benchmarks/tls.py --cv``): a date scores the articles referring to it plus ``pub_weight`` × the articles
    published on it (``next_day_weight`` × those published the day after); a chosen date divides
    the score of dates within ``spread_days`` by ``1 + spread_penalty``; sentences of
    ``min_tokens``..``max_tokens`` tokens are candidates, their centrality mixed with closeness
    to the whole topic by ``topic_weight``, keyword sentences × ``keyword_boost``, redundancy
    traded off by ``mmr_lambda``.
    """
    lo, hi = parse_day(start), parse_day(end)
    sentences = _read_sentences(articles, lo, hi, min_tokens, max_tokens, use_timex)
    if not sentences:
        return []
    score = _date_scores(sentences, lo, hi, pub_weight, next_day_weight)
    kw_terms = _keyword_terms(keywords, _weigh_terms(sentences))
    candidates = _date_candidates(sentences, score)
    topical = _topicality(sentences, topic_weight)
    chosen_texts: set[str] = set()
    result = []
    for day in rank_days(score, [d for d in score if candidates.get(d)], spread_days=spread_days,
                         spread_penalty=spread_penalty):
        if len(result) >= n_dates:
            break
        picked = _pick_sentences(candidates[day], day, n_sentences, kw_terms, chosen_texts, mmr_lambda,
                                 topical, topic_weight, keyword_boost)
        if not picked:
            continue
        chosen_texts.update(s.text for s in picked)
        result.append({"date": day.isoformat(), "sentences": [s.text for s in picked],
                       "article_ids": sorted({s.article for s in picked})})
    result.sort(key=lambda r: r["date"])
    return result


def _timex_references(sentences: list[str], pub: _dt.date) -> list[list[_dt.date]]:
    """Day references per sentence from :func:`storyline.timex.extract_timexes` (no parse)."""
    from ..timex import extract_timexes

    text = "\n".join(sentences)
    bounds, pos = [], 0
    for sent in sentences:
        bounds.append((pos, pos + len(sent)))
        pos += len(sent) + 1
    out: list[list[_dt.date]] = [[] for _ in sentences]
    starts = [b[0] for b in bounds]
    for t in extract_timexes(text, pub.isoformat()):
        if t.type not in ("DATE", "TIME") or not t.value:
            continue
        d = parse_day(t.value[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", t.value) else None
        if d is None:
            continue
        i = bisect.bisect_right(starts, t.start) - 1
        if 0 <= i < len(out) and d not in out[i]:
            out[i].append(d)
    return out


def _spread_dates(score: dict[_dt.date, float], days: list[_dt.date], spread_days: int,
                  penalty: float) -> Iterator[_dt.date]:
    """Dates best first, a date's score divided by ``1 + penalty × (chosen dates within
    spread_days)``: one burst of coverage should not fill the whole timeline."""
    if not spread_days or not penalty:
        yield from sorted(days, key=lambda d: (-score[d], d))
        return
    chosen: set[_dt.date] = set()
    neighbours: dict[_dt.date, int] = collections.defaultdict(int)
    heap = [(-score[d], d.toordinal(), d, 0) for d in days]
    heapq.heapify(heap)
    while heap:
        neg, ordinal, day, seen = heapq.heappop(heap)
        if neighbours[day] != seen:   # stale: re-score with the current neighbour count
            heapq.heappush(heap, (-score[day] / (1 + penalty * neighbours[day]), ordinal, day, neighbours[day]))
            continue
        chosen.add(day)
        yield day
        for k in range(1, spread_days + 1):
            for other in (day - _dt.timedelta(days=k), day + _dt.timedelta(days=k)):
                if other in score and other not in chosen:
                    neighbours[other] += 1


def _pick_sentences(cands: list[_Sentence], day: _dt.date, k: int, kw_terms: set[str],
                    taken: set[str], mmr_lambda: float, topical: dict[int, float],
                    topic_weight: float, keyword_boost: float) -> list[_Sentence]:
    """Central, non-redundant sentences for one date (centroid relevance + MMR)."""
    seen, pool = set(), []
    for s in cands:
        if s.text in taken or s.text in seen or not s.norm:
            continue
        seen.add(s.text)
        pool.append(s)
    if not pool:
        return []
    centroid: dict[str, float] = collections.defaultdict(float)
    for s in pool:
        for t, w in s.vec.items():
            centroid[t] += w / s.norm
    c_norm = math.sqrt(sum(w * w for w in centroid.values()))
    relevance = {}
    for s in pool:
        rel = _cosine(s.vec, centroid, s.norm, c_norm)
        if topic_weight:
            rel *= (1 - topic_weight) + topic_weight * topical.get(id(s), 0.0)
        if day in s.refs:
            rel *= 1.2            # says which day it is about
        if s.position < 3:
            rel *= 1.15           # news lead
        if kw_terms and kw_terms.intersection(s.terms):
            rel *= keyword_boost
        relevance[id(s)] = rel
    picked: list[_Sentence] = []
    while pool and len(picked) < k:
        best, best_score = None, -1e9
        for s in pool:
            redundancy = max((_cosine(s.vec, p.vec, s.norm, p.norm) for p in picked), default=0.0)
            value = mmr_lambda * relevance[id(s)] - (1 - mmr_lambda) * redundancy
            if value > best_score:
                best, best_score = s, value
        picked.append(best)
        pool = [s for s in pool if s is not best]
    return picked


def read_records(path: str | Path) -> Iterator[dict]:
    """``{id, time, text}`` records from a JSONL file, or from a folder of articles.

    A folder holding ``articles.jsonl`` (the news-tls layout) is read from that file.  Other
    folders go through :func:`storyline.ingest.iter_inputs` when available (articles become
    ``{id, time: published, text, time_how}``, undated ones dated by :func:`with_inferred_dates`);
    otherwise every ``*.jsonl`` file in the folder is read.
    """
    path = Path(path)
    if path.is_file() and path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        yield from _read_jsonl_file(path)
        return
    if path.is_dir() and (path / "articles.jsonl").is_file():   # a news-tls topic folder
        yield from _read_jsonl_file(path / "articles.jsonl")
        return
    try:
        from ..ingest import iter_inputs
    except ImportError:
        iter_inputs = None
    if iter_inputs is not None:
        articles = [item for item in iter_inputs([path]) if isinstance(item, Article)]
        for item in with_inferred_dates(articles):
            yield {"id": item.id, "time": item.published, "text": item.text,
                   "time_how": item.published_how}
        return
    for file in sorted(path.glob("*.jsonl")) if path.is_dir() else ():
        yield from _read_jsonl_file(file)


def with_inferred_dates(articles: Sequence[Article]) -> list[Article]:
    """``articles`` with a publication date inferred for the undated ones, as ``storyline run`` does.

    Without the NLP pipeline the evidence is the article's own time expressions (found by the
    rules alone) and the packaged scheduled events: see :func:`storyline.corpus.dating.infer_publication_dates`.
    """
    if all(a.published for a in articles):
        return list(articles)
    from .dating import infer_publication_dates
    from ..timex import extract_timexes

    timexes = {a.id: extract_timexes(a.text, None) for a in articles if not a.published}
    return infer_publication_dates(articles, timexes)


def _read_jsonl_file(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def timeline_from_path(path: str | Path, *, n_dates: Optional[int] = None, n_sentences: int = 1,
                       keywords: Optional[Sequence[str]] = None, start: Optional[str] = None,
                       end: Optional[str] = None) -> list[dict]:
    """:func:`select_timeline` over a JSONL file or a folder of articles.

    A news-tls topic folder (``articles.jsonl``, ``keywords.json``) is read as such; its
    keywords are used when none are given.  ``n_dates`` None = sized to the corpus
    (:func:`default_size`, as the ``storyline run`` timeline).
    """
    path = Path(path)
    if keywords is None and path.is_dir() and (path / "keywords.json").is_file():
        try:
            loaded = json.loads((path / "keywords.json").read_text(encoding="utf-8"))
            keywords = [str(k) for k in loaded] if isinstance(loaded, list) else None
        except ValueError:
            keywords = None
    records = list(read_records(path))
    if n_dates is None:
        n_dates = default_size(len(records))
    return select_timeline(records, n_dates=n_dates, n_sentences=n_sentences,
                           keywords=keywords, start=start, end=end)
