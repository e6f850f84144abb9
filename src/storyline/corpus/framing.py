"""How each outlet told the story: naming, loaded words, tone, quotation share, opinion, coverage.

Works from the clean article text with regular expressions and small packaged lexicons
(``data/framing/``), so it needs no spaCy and runs in one pass per article (linear in the corpus):

- **naming**: each naming term ("President", "leader", "ruler", "dictator" …, ``naming.tsv``) is tied
  to an actor by resolving the words around it ("Russian ruler", "China's dictator, Xi Jinping",
  "President Vladimir Putin") with :func:`storyline.actors.resolve_actor`;
- **loaded terms**: evaluative words (``evaluative.tsv``) and the outlet's loaded naming, each with its
  article id and offsets, and the actor named in the same sentence;
- **tone**: (positive − negative) / (positive + negative + own words / 50) over the outlet's own voice
  (text outside quotes), strong words weighing three, in [-1, 1]; hedges (Hyland 2005) and bias-lexicon words (Recasens et al. 2013) per 1,000 words;
- **quote share**: share of the text inside quotation marks, and of the text attributed to someone;
- **opinion passages**: own-voice sentences with evaluative words plus first person, a "This is …"
  judgement, an exclamation or intensifiers;
- **coverage**: for every story event, whether each outlet reports it.

The report shows the result (:mod:`storyline.outputs.report.framing`).
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Iterator, Optional, Sequence

from ..model import Article, Event, Quote, StoryEvent

__all__ = ["analyse_framing", "naming_terms", "evaluative_terms", "find_opinion_passages"]

_STRONG_WEIGHT = 3          # a strongly evaluative word counts as three weak ones in the tone
_TONE_PRIOR_WORDS = 50      # one neutral pseudo-count per 50 own-voice words damps the tone of long, flat texts
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|\n|$)")


def _data(name: str) -> str:
    return resources.files("storyline").joinpath(f"data/framing/{name}").read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines()
            if line.strip() and not line.startswith("#")]


def _word_list(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _data(name).splitlines()
                     if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def naming_terms() -> dict[str, str]:
    """Naming term → connotation (neutral, positive, loaded, negative)."""
    return {row[0].strip().lower(): row[1].strip() for row in _rows("naming.tsv") if len(row) >= 2}


@functools.lru_cache(maxsize=1)
def _naming_re() -> re.Pattern:
    terms = sorted(naming_terms(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms) + r")(?:s|es)?\b",
                      re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def evaluative_terms() -> tuple[dict[str, tuple[int, str]], list[tuple[str, int, str]]]:
    """(exact words, prefixes) → (polarity, strength)."""
    exact: dict[str, tuple[int, str]] = {}
    prefixes: list[tuple[str, int, str]] = []
    for row in _rows("evaluative.tsv"):
        if len(row) < 3:
            continue
        word, pol, strength = row[0].strip().lower(), int(row[1]), row[2].strip()
        if word.endswith("*"):
            prefixes.append((word[:-1], pol, strength))
        else:
            exact[word] = (pol, strength)
    return exact, prefixes


@functools.lru_cache(maxsize=1)
def _hedges() -> frozenset[str]:
    return frozenset(w for w in _word_list("hedges.txt") if " " not in w)


@functools.lru_cache(maxsize=1)
def _bias_words() -> frozenset[str]:
    return _word_list("bias_lexicon.txt")


@functools.lru_cache(maxsize=4096)
def _evaluate(word: str) -> Optional[tuple[int, str]]:
    exact, prefixes = evaluative_terms()
    if word in exact:
        return exact[word]
    for prefix, pol, strength in prefixes:
        if word.startswith(prefix):
            return pol, strength
    return None


def _resolver():
    try:
        from ..actors import resolve_actor
    except ImportError:
        return None
    return resolve_actor


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _containing(pos: int, spans: list[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """The span (sorted, non-overlapping) containing ``pos``: a binary search, so scans stay linear."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if k >= 0 and spans[k][0] <= pos < spans[k][1]:
        return spans[k]
    return None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return _containing(pos, spans) is not None


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > 1:
            out.append((s, e))
    return out


# ---------------------------------------------------------------------------------------------
# naming

def _naming_hits(text: str, sentences: list[tuple[int, int]], date: Optional[str],
                 quoted: list[tuple[int, int]]) -> list[dict]:
    """Naming terms in the outlet's own voice, each resolved to the actor it names."""
    resolve = _resolver()
    terms = naming_terms()
    hits = []
    for m in _naming_re().finditer(text):
        if _inside(m.start(), quoted):
            continue
        term = re.sub(r"\s+", " ", m.group(1).lower())
        sent = _containing(m.start(), sentences) or (m.start(), m.end())
        left = text[sent[0]:m.start()]
        right = text[m.end():sent[1]]
        left_words = re.split(r"[,;:()\"“”]|\b(?:and|or|with|of|by|to|from|for|between|as|than|that|who)\b",
                              left)[-1].split()[-3:]
        right_part = re.sub(r"^,\s*", "", right)        # "China's dictator, Xi Jinping"
        right_words = re.split(r"[,;:()\"“”.]", right_part)[0].split()[:3]
        code = name = None
        if resolve is not None:
            candidates = [left_words[-1:] + [m.group(0)], [m.group(0)] + right_words,
                          left_words[-2:] + [m.group(0)], left_words[-3:] + [m.group(0)]]
            for phrase in (" ".join(c) for c in candidates if len(c) > 1):
                ref = resolve(phrase, date=date)
                if ref is not None and ref.code:
                    code, name = ref.code, ref.name
                    break
        if code is None and re.search(r"\b(?:two|both)\b", " ".join(left_words), re.IGNORECASE):
            code = "(both)"
        hits.append({"term": term, "connotation": terms.get(term, "neutral"), "code": code or "(unresolved)",
                     "name": name, "start": m.start(), "end": m.end()})
    return hits


# ---------------------------------------------------------------------------------------------
# opinion

_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours|I|my|me)\b|\bwe[’']\w+", re.IGNORECASE)
_JUDGEMENT = re.compile(r"^(?:this|that|it)\s+(?:is|was|will be|would be)\b", re.IGNORECASE)
_INTENSIFIER = re.compile(r"\b(?:even|never|truly|clearly|obviously|surely|simply|extremely|utterly|"
                          r"absolutely|certainly|indeed|let alone|going to)\b", re.IGNORECASE)


def find_opinion_passages(text: str, *, quoted: Sequence[tuple[int, int]] = (),
                          sentences: Optional[list[tuple[int, int]]] = None) -> list[dict]:
    """Own-voice sentences that read as opinion, each ``{start, end, text, score, cues}``."""
    quoted = _merge(list(quoted))
    starts = [q[0] for q in quoted]
    out = []
    for s, e in sentences if sentences is not None else _sentences(text):
        first = max(0, bisect.bisect_right(starts, s) - 1)
        inside = 0
        for qs, qe in quoted[first:]:
            if qs >= e:
                break
            inside += max(0, min(e, qe) - max(s, qs))
        if inside > 0.3 * (e - s):
            continue
        sent = text[s:e]
        words = [w.lower() for w in _WORD.findall(sent)]
        if len(words) < 4:
            continue
        cues = []
        evaluative = [w for w in words if (v := _evaluate(w)) and v[1] == "strong"]
        cues += evaluative
        if _FIRST_PERSON.search(sent):
            cues.append("first person")
        if _JUDGEMENT.search(sent):
            cues.append("judgement")
        if sent.rstrip("\"”’'").endswith("!"):
            cues.append("exclamation")
        cues += [m.group(0).lower() for m in _INTENSIFIER.finditer(sent)]
        if len(cues) >= 2 and (evaluative or "first person" in cues):
            out.append({"start": s, "end": e, "text": sent, "score": len(cues), "cues": cues})
    return out


# ---------------------------------------------------------------------------------------------
# the analysis

def _quote_spans(text: str, quotes: Sequence[Quote]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans inside quotation marks, spans attributed to someone) for one article."""
    from ..quotes import scan_quote_marks

    marks = scan_quote_marks(text)
    attributed = _merge([span for q in quotes for span in q.content_spans()])
    quoted = _merge([m for m in marks if len(text[m[0]:m[1]].split()) >= 4
                     or any(a[0] <= m[0] and m[1] <= a[1] for a in attributed)])
    return quoted, attributed


@dataclass
class _Tally:
    """What one outlet's articles add up to, while they are read."""
    articles: list = field(default_factory=list)
    naming: dict = field(default_factory=lambda: defaultdict(Counter))
    loaded_terms: list = field(default_factory=list)
    opinion_passages: list = field(default_factory=list)
    pos: int = 0
    neg: int = 0
    pos_w: int = 0
    neg_w: int = 0
    words: int = 0
    own_words: int = 0
    hedges: int = 0
    bias_words: int = 0
    chars: int = 0
    quoted_chars: int = 0
    attributed_chars: int = 0
    quotes: int = 0
    events: int = 0


def _tally_naming(st: _Tally, article: Article, sentences: list[tuple[int, int]],
                  quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Count the naming terms; loaded ones become loaded terms.  Returns the naming spans."""
    text = article.text or ""
    naming_hits = _naming_hits(text, sentences, article.published, quoted)
    for hit in naming_hits:
        st.naming[hit["code"]][hit["term"]] += 1
        if hit["connotation"] in ("loaded", "negative", "positive"):
            st.loaded_terms.append({
                "term": text[hit["start"]:hit["end"]], "kind": "naming", "connotation": hit["connotation"],
                "actor": hit["code"], "article_id": article.id, "start": hit["start"], "end": hit["end"],
                "context": _context(text, sentences, hit["start"])})
    return _merge([(h["start"], h["end"]) for h in naming_hits])


def _tally_words(st: _Tally, article: Article, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]],
                 naming_spans: list[tuple[int, int]]) -> None:
    """Count words, own-voice words, hedges, bias words and evaluative words (strong ones outside a
    naming become loaded terms)."""
    text = article.text or ""
    hedges, bias = _hedges(), _bias_words()
    for m in _WORD.finditer(text):
        word = m.group(0).lower().strip("'’")
        st.words += 1
        if _inside(m.start(), quoted):
            continue
        st.own_words += 1
        st.hedges += word in hedges
        st.bias_words += word in bias
        value = _evaluate(word)
        if value is None:
            continue
        pol, strength = value
        weight = _STRONG_WEIGHT if strength == "strong" else 1
        if pol > 0:
            st.pos, st.pos_w = st.pos + 1, st.pos_w + weight
        else:
            st.neg, st.neg_w = st.neg + 1, st.neg_w + weight
        if strength == "strong" and not _inside(m.start(), naming_spans):
            st.loaded_terms.append({
                "term": m.group(0), "kind": "evaluative", "connotation": "positive" if pol > 0 else "negative",
                "actor": None, "article_id": article.id, "start": m.start(), "end": m.end(),
                "context": _context(text, sentences, m.start())})


def _tally_article(st: _Tally, article: Article, quotes: Sequence[Quote], n_events: int) -> None:
    """Add one article to its outlet's tally."""
    text = article.text or ""
    st.articles.append(article.id)
    sentences = _sentences(text)
    quoted, attributed = _quote_spans(text, quotes)
    st.chars += len(text)
    st.quoted_chars += sum(e - s for s, e in quoted)
    st.attributed_chars += sum(e - s for s, e in _merge(quoted + attributed))
    st.quotes += len(quotes)
    st.events += n_events
    naming_spans = _tally_naming(st, article, sentences, quoted)
    _tally_words(st, article, sentences, quoted, naming_spans)
    for passage in find_opinion_passages(text, quoted=quoted, sentences=sentences):
        st.opinion_passages.append({"article_id": article.id, **passage})


def _outlet_record(st: _Tally) -> dict:
    """An outlet's framing record, JSON-ready."""
    own = max(1, st.own_words)
    return {
        "articles": st.articles,
        "naming": {code: dict(terms.most_common()) for code, terms in sorted(st.naming.items())},
        "loaded_terms": st.loaded_terms,
        "tone": round((st.pos_w - st.neg_w) / (st.pos_w + st.neg_w + max(2.0, own / _TONE_PRIOR_WORDS)), 3),
        "positive_words": st.pos,
        "negative_words": st.neg,
        "hedges_per_1k": round(1000 * st.hedges / own, 2),
        "bias_words_per_1k": round(1000 * st.bias_words / own, 2),
        "quote_share": round(st.quoted_chars / st.chars, 3) if st.chars else 0.0,
        "attributed_share": round(st.attributed_chars / st.chars, 3) if st.chars else 0.0,
        "opinion_passages": st.opinion_passages,
        "words": st.words,
        "quotes": st.quotes,
        "events": st.events,
    }


def _coverage_rows(story_events: Iterable[StoryEvent], all_sources: Sequence[str],
                   source_of: dict[str, str]) -> Iterator[tuple[str, dict[str, bool], dict]]:
    """``(story event id, outlet → reports it, what the report shows of it)`` of each story event."""
    for se in story_events:
        reporting = set(se.sources) | {source_of[a] for a in se.article_ids if a in source_of}
        yield se.id, {s: s in reporting for s in all_sources}, {
            "date": se.date, "summary": se.summary, "background": se.background,
            "event_types": list(se.event_types), "actors": list(se.actors)}


def _coverage(story_events: Iterable[StoryEvent], all_sources: Sequence[str],
              source_of: dict[str, str]) -> tuple[dict[str, dict[str, bool]], dict[str, dict]]:
    """(story event → outlet → reports it, story event → what the report shows of it)."""
    coverage: dict[str, dict[str, bool]] = {}
    story_index: dict[str, dict] = {}
    for sid, reports, shown in _coverage_rows(story_events, all_sources, source_of):
        coverage[sid], story_index[sid] = reports, shown
    return coverage, story_index


#: The counts of a :class:`_Tally` that an article's share adds to its outlet's.
_COUNTS = ("pos", "neg", "pos_w", "neg_w", "words", "own_words", "hedges", "bias_words", "chars", "quoted_chars",
           "attributed_chars", "quotes")


def framing_part(article: Article, quotes: Sequence[Quote]) -> dict:
    """One article's share of its outlet's framing, JSON-ready (what :func:`framing_from_parts` adds up):
    it depends on the article (text, outlet, date) and its quotes alone."""
    st = _Tally()
    _tally_article(st, article, quotes, 0)
    return {"outlet": article.outlet, "naming": [[code, list(terms.items())] for code, terms in st.naming.items()],
            "loaded_terms": st.loaded_terms, "opinion_passages": st.opinion_passages,
            **{name: getattr(st, name) for name in _COUNTS}}


def _add_part(st: _Tally, article_id: str, part: dict, n_events: int, writer=None) -> None:
    """Add an article's share to its outlet's tally (its lists to ``writer`` when given)."""
    if writer is None:
        st.articles.append(article_id)
        st.loaded_terms += part["loaded_terms"]
        st.opinion_passages += part["opinion_passages"]
    else:
        writer.add_items(part["outlet"], "articles", [article_id])
        writer.add_items(part["outlet"], "loaded_terms", part["loaded_terms"])
        writer.add_items(part["outlet"], "opinion_passages", part["opinion_passages"])
    for code, terms in part["naming"]:
        for term, n in terms:
            st.naming[code][term] += n
    for name in _COUNTS:
        setattr(st, name, getattr(st, name) + part[name])
    st.events += n_events


def framing_from_parts(parts: Iterable[tuple[str, dict]], *, n_events: dict[str, int],
                       story_events: Iterable[StoryEvent] = (), writer=None):
    """Per-outlet framing and the coverage matrix from the articles' shares (``(article id,``
    :func:`framing_part` ``)``, the articles that are no copies in corpus order) and their numbers of
    events.  With ``writer`` (a :class:`storyline.store.framing.FramingWriter`) they are written as
    they are made, the outlets' lists an item at a time, the coverage a story event at a time, and
    ``writer`` is returned: nothing that grows with the corpus but the article ids' outlets is held."""
    tallies: dict[str, _Tally] = {}
    source_of: dict[str, str] = {}
    for article_id, part in parts:
        source_of[article_id] = part["outlet"]
        _add_part(tallies.setdefault(part["outlet"], _Tally()), article_id, part, n_events.get(article_id, 0), writer)
    names = sorted(tallies)
    if writer is None:
        sources = {source: _outlet_record(tallies[source]) for source in names}
        coverage, story_index = _coverage(story_events, names, source_of)
        return {"sources": sources, "coverage": coverage, "story_events": story_index}
    for source in names:
        writer.add_outlet(source, _outlet_record(tallies.pop(source)))
    for sid, reports, shown in _coverage_rows(story_events, names, source_of):
        writer.add_story_event(sid, [s for s, v in reports.items() if v], shown)
    writer.finish()
    return writer


def analyse_framing(articles: Iterable[Article], *, quotes: Sequence[Quote], events: Sequence[Event],
                    story_events: Sequence[StoryEvent] = ()) -> dict:
    """Per-outlet framing and the coverage matrix, JSON-ready (see the module docstring)."""
    by_article_quotes: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        by_article_quotes[q.article_id].append(q)
    parts = ((a.id, framing_part(a, by_article_quotes.get(a.id, ()))) for a in articles if not a.duplicate_of)
    return framing_from_parts(parts, n_events=Counter(ev.article_id for ev in events), story_events=story_events)


def _context(text: str, sentences: list[tuple[int, int]], pos: int) -> str:
    sent = _containing(pos, sentences)
    if sent is not None:
        return text[sent[0]:sent[1]][:300]
    return text[max(0, pos - 80): pos + 80]
