"""Who said what: direct, indirect and mixed quotes with cue and speaker.

Three sources of evidence, merged per sentence:

1. a tolerant quote-mark scanner (:func:`scan_quote_marks`): straight, curly, guillemet and
   low-9 marks, nested single quotes, quotes running over several paragraphs, unbalanced marks
   closed at the end of their paragraph — it never raises and is linear in the text;
2. the dependency parse: a reporting verb from ``data/quote_cues.tsv`` (or any verb taking a clause
   said of a named person) with its subject as speaker and its clausal complement (or infinitive /
   object, per verb) as content — "Putin stated that the two countries share ideals such as 'not
   interfering …'"; nominal cues ("Clinton's assertion that …"); "said:" before a quote;
3. "according to X" attributions.

Quotes no cue claims are kept when they are eight words or more (a paragraph that is only a quote
continues the last speaker); "“A,” he said. “B.”" becomes one quote whose ``pieces`` leave the attribution
out (:func:`_content_pieces`); short scare quotes are dropped.

Speakers are mention spans in the text; pronouns and plural descriptions ("he", "the two leaders",
"the statement") are resolved to the last named person / group, and the resolved name is coded
with :func:`storyline.actors.resolve_actor` when that stage is installed.  A plural speaker gets
comma-joined codes (``RUS,CHN``).

The spaCy component ``storyline_quotes`` writes ``doc._.quotes`` (plain dicts, see
:class:`storyline.model.Quote`, without ``id``/``article_id``).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)

__all__ = ["scan_quote_marks", "extract_quotes", "quotes_jsonl", "cue_lexicon", "QuoteExtractor"]

# ---------------------------------------------------------------------------------------------
# data

@dataclass(frozen=True)
class Cue:
    lemma: str
    kind: str              # speech, cognition, attitude
    complements: str       # letters: c (ccomp), x (xcomp), o (dobj), p (object of a preposition)
    preps: tuple[str, ...] = ()    # the prepositions whose object p takes (empty: _TOPIC_PREPS)


#: report-list verbs that mostly do not introduce what someone said
_NOT_CUES = frozenset({"discuss", "see", "read", "sing", "learn", "present", "issue", "raise", "rule", "order",
                       "spread", "teach", "gather", "hear", "imagine", "forget", "remember", "decide",
                       "determine", "discover", "find", "show", "compare", "interview", "negotiate", "pray",
                       "provoke", "rally", "reflect", "relate", "refer", "mean", "insert", "learn", "spoke",
                       "told", "debate", "express", "voice", "offer", "invite", "command", "forbid"})


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, Cue]:
    """Attribution cues by lemma (``data/quote_cues.tsv`` + ``data/framing/report_verbs.txt``), loaded once;
    noun cues are keyed ``n:<lemma>``."""
    text = resources.files("storyline").joinpath("data/quote_cues.tsv").read_text(encoding="utf-8")
    out: dict[str, Cue] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, kind, comps, preps = (line.split("\t") + ["", "", ""])[:4]
        prefix = {"noun": "n:", "adjective": "a:"}.get(kind.strip(), "")
        key = prefix + lemma.strip()   # nouns and adjectives apart: "hope" is both verb and noun
        out[key] = Cue(lemma.strip(), kind.strip(), comps.strip(), tuple(p for p in preps.strip().split(",") if p))
    # the report-verb list of Recasens et al. (2013) fills in reporting verbs not listed above
    extra = resources.files("storyline").joinpath("data/framing/report_verbs.txt").read_text(encoding="utf-8")
    for line in extra.splitlines():
        lemma = line.strip().lower()
        if lemma and not lemma.startswith("#") and " " not in lemma and lemma not in out \
                and lemma not in _NOT_CUES:
            out[lemma] = Cue(lemma, "speech", "c!")       # strict: no fallback to other complements
    return out


# ---------------------------------------------------------------------------------------------
# quote-mark scanner

_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", "「": "」", '"': '"'}
_DOUBLE_CLOSE = {"”", "»", "」", '"', "“"}
_SINGLE_OPEN = {"‘", "'", "‹"}
_SINGLE_CLOSE = {"’", "'", "›"}
_OPEN_CONTEXT = set(" \t\n\r([{—–-/:;,“\"‘'") 


def _opens(ch: str) -> bool:
    """Can a quote open after this character?"""
    return ch in _OPEN_CONTEXT or ch.isspace()


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def scan_quote_marks(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of quoted passages, marks included, in text order.

    Top-level double quotes and top-level single quotes (British style) are returned; single quotes
    nested in a double quote belong to it.  A quote left open at the end of a paragraph continues
    if the next paragraph opens with a quote mark (the multi-paragraph convention), else it is
    closed there.  Never raises; runs in one pass.
    """
    original = text
    if "''" in text or "``" in text:
        # typewriter doubles (''word'' / ``word''): one double mark; same length keeps offsets
        text = text.replace("``", "\"\u200b").replace("''", "\"\u200b")
    spans: list[tuple[int, int]] = []
    n = len(text)
    dq_start: Optional[int] = None      # open double quote position
    dq_close: Optional[str] = None
    sq_start: Optional[int] = None      # open single quote position (top-level or nested)
    i = 0
    while i < n:
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            # paragraph end: close or continue open quotes
            j = i
            while j < n and text[j] in " \t\r\n":
                j += 1
            if dq_start is not None:
                if j < n and text[j] in _DOUBLE_OPEN and j + 1 < n and not text[j + 1].isspace():
                    i = j + 1          # continuation: skip the re-opening mark
                    sq_start = None
                    continue
                end = i
                while end > dq_start and text[end - 1].isspace():
                    end -= 1
                spans.append((dq_start, end))
                dq_start = dq_close = None
            sq_start = None            # single quotes never run over a paragraph
            i = j
            continue
        if dq_start is None:
            if ch in _DOUBLE_OPEN and ch not in ("”",) and (_opens(prev) or ch in "“„«「") \
                    and not nxt.isspace():
                if ch == '"' and _is_word(prev):
                    i += 1
                    continue
                if sq_start is not None:   # a double inside a top-level single: ignore
                    i += 1
                    continue
                dq_start, dq_close = i, _DOUBLE_OPEN[ch]
                i += 1
                continue
            if ch == "”" and _opens(prev) and not nxt.isspace():   # ” used as an opener
                dq_start, dq_close = i, "”"
                i += 1
                continue
            # top-level single quotes
            if sq_start is None and ch in _SINGLE_OPEN and _opens(prev) and _is_word(nxt):
                sq_start = i
            elif sq_start is not None and ch in _SINGLE_CLOSE and not _is_word(nxt) \
                    and not prev.isspace() and i - sq_start > 1:
                spans.append((sq_start, i + 1))
                sq_start = None
            i += 1
            continue
        # inside a double quote
        if ch in _SINGLE_OPEN and sq_start is None and _opens(prev) and _is_word(nxt):
            sq_start = i
        elif ch in _SINGLE_CLOSE and sq_start is not None and not _is_word(nxt):
            sq_start = None
        elif ch in _DOUBLE_CLOSE and (ch == dq_close or ch in "”\"»") and not (ch == '"' and prev in " \t" and _is_word(nxt)):
            spans.append((dq_start, i + 1))
            dq_start = dq_close = None
            sq_start = None
        elif ch in "“«„" and _opens(prev) and i - dq_start > 1 and text[i - 1] in " \t":
            # a new opening mark while open: the previous quote was never closed
            end = i
            while end > dq_start and text[end - 1].isspace():
                end -= 1
            spans.append((dq_start, end))
            dq_start, dq_close = i, _DOUBLE_OPEN[ch]
            sq_start = None
        i += 1
    if dq_start is not None:
        end = n
        while end > dq_start and text[end - 1].isspace():
            end -= 1
        spans.append((dq_start, end))
    spans = [(s, e + 1 if text[e:e + 1] == "\u200b" else e) for s, e in spans]
    return [(s, e) for s, e in spans if e - s > 2 and any(ch.isalnum() for ch in original[s:e])]


# ---------------------------------------------------------------------------------------------
# speaker resolution

_PRONOUNS_SING = {"he", "she", "him", "her", "his"}
_PRONOUNS_PLUR = {"they", "them", "their", "we"}
_GROUP_HEADS = {"leaders", "presidents", "sides", "parties", "countries", "nations", "heads", "two", "both"}
_STATEMENT_HEADS = {"statement", "declaration", "communique", "communiqué", "readout", "document", "text"}


def _resolver():
    try:
        from ..actors import resolve_actor
    except ImportError:
        return None
    return resolve_actor


def _prep_objects(prep: Token) -> list[Token]:
    """The words of a preposition's object ("of [the deal]", "about [how it ended]")."""
    return [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]


def _content_bounds(text: str, content: list[Token]) -> Optional[tuple[int, int]]:
    """Trimmed character bounds of a content's tokens; None for nothing or a single character."""
    if not content:
        return None
    start, end = _trim(text, *_span_of(content))
    return (start, end) if end - start >= 2 else None


def _quote_kind(marks, start: int, end: int) -> str:
    """``direct`` when quote marks enclose (almost) all of a content span, ``mixed`` when some, else ``indirect``."""
    quoted = sum(max(0, min(end, m[1]) - max(start, m[0])) for m in marks if _overlaps(m, (start, end)))
    return "direct" if quoted >= 0.8 * (end - start) else ("mixed" if quoted else "indirect")


class _Memory:
    """Discourse memory for speaker resolution: last named person, last group, statement owner."""

    def __init__(self, doc: Optional[Doc] = None) -> None:
        self.person: Optional[str] = None
        self.persons: list[str] = []           # distinct full names, most recent last
        self.group: Optional[list[str]] = None
        self.statement: Optional[list[str]] = None
        # the document's PERSON entities, read once (``sent.ents`` walks all of them at every call)
        self._people = [e for e in doc.ents if e.label_ == "PERSON"] if doc is not None else None
        self._people_starts = [e.start for e in self._people] if self._people is not None else None

    def _people_in(self, sent: Span) -> list[Span]:
        if self._people is None:
            return [e for e in sent.ents if e.label_ == "PERSON"]
        i = bisect.bisect_left(self._people_starts, sent.start)
        out = []
        while i < len(self._people) and self._people[i].start < sent.end:
            if self._people[i].end <= sent.end:
                out.append(self._people[i])
            i += 1
        return out

    def see_sentence(self, sent: Span) -> None:
        people = self._people_in(sent)
        for e in people:
            name = self.full_name(e.text)
            if name in self.persons:
                self.persons.remove(name)
            self.persons.append(name)
            self.person = name
        # "Putin and Xi", "Putin, Xi" coordinated as one subject → a group
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "conj" for c in tok.children):
                members = [t for t in [tok, *tok.conjuncts] if t.ent_type_ == "PERSON"]
                group = [self.full_name(_ent_text(t)) for t in members]
                if len(group) >= 2 and all(_plain_name(g) for g in group):
                    self.group = group
        names = []
        for e in people:
            name = self.full_name(e.text)
            if name not in names and _plain_name(name):
                names.append(name)
        if len(names) >= 2:
            self.group = names[-2:]
        low = sent.text.lower()
        if any(h in low for h in _STATEMENT_HEADS):
            owner = _statement_owner(sent)
            if owner is None:
                for tok in sent:
                    if tok.lemma_.lower() in _STATEMENT_HEADS and tok.dep_ == "dobj":
                        subj = _subject(tok.head)
                        if subj is not None:
                            owner = _resolve_names(subj.text if not any(c.dep_ == "conj" for c in subj.children)
                                                   else sent.doc[subj.left_edge.i: subj.right_edge.i + 1].text,
                                                   subj, self)
                        break
            if owner:
                self.statement = owner
            elif "joint" in low and self.group:
                self.statement = list(self.group)

    def full_name(self, text: str) -> str:
        text = re.sub(r"['’]s$", "", text.strip())
        for name in reversed(self.persons):
            if name != text and (name.endswith(" " + text) or name.startswith(text + " ")):
                return name
        return text


def _plain_name(name: str) -> bool:
    """A person's name, not a headline fragment ("Putin-Xi", "Putin And Xi Call")."""
    words = name.split()
    return 0 < len(words) <= 4 and "-" not in name and all(w[:1].isupper() for w in words)


def _ent_text(tok: Token) -> str:
    doc = tok.doc
    if tok.ent_iob_ in ("B", "I"):
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    return tok.text


def _statement_owner(sent: Span) -> Optional[list[str]]:
    """"a statement by the Kremlin" → ["the Kremlin"]."""
    for tok in sent:
        if tok.lemma_.lower() in _STATEMENT_HEADS:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        sub = list(objs[0].subtree)
                        return [sent.doc[sub[0].i: sub[-1].i + 1].text]
    return None


def _resolve_names(mention: str, head: Optional[Token], memory: _Memory) -> list[str]:
    """What a speaker mention stands for: one or more names (unresolved text if nothing better)."""
    low = mention.lower().strip()
    if head is not None and low in ("who", "that", "which") and head.head.dep_ == "relcl":
        antecedent = head.head.head          # "Beck, who said …" → Beck
        mention, head = _ent_text(antecedent), antecedent
        low = mention.lower()
    words = set(re.findall(r"[a-z]+", low))
    if low in _PRONOUNS_SING and memory.person:
        return [memory.person]
    if low in _PRONOUNS_PLUR and memory.group:
        return list(memory.group)
    if words & _STATEMENT_HEADS and len(words) <= 4:
        if memory.statement:
            return list(memory.statement)
        if memory.group:
            return list(memory.group)
    if (words & _GROUP_HEADS) and len(words) <= 4 and memory.group and not (head is not None and head.ent_type_):
        return list(memory.group)
    if head is not None and any(c.dep_ == "conj" for c in head.children):
        members = [head, *[t for t in head.conjuncts if t.i > head.i]]
        return [memory.full_name(_ent_text(t)) if t.ent_type_ == "PERSON" else _ent_text(t) for t in members]
    if head is not None and " and " in low:
        people = _coordinated_people(head)
        if len(people) >= 2:       # "Xi and Russian President Vladimir Putin", Xi parsed as a modifier
            return [memory.full_name(p) for p in people]
    if head is not None and head.ent_type_ == "PERSON":
        return [memory.full_name(_ent_text(head))]
    return [mention]


def _coordinated_people(head: Token) -> list[str]:
    """The person names in the phrase of ``head``, in order (each entity once)."""
    doc, names = head.doc, []
    for i in range(head.left_edge.i, head.right_edge.i + 1):
        tok = doc[i]
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
            j = i + 1
            while j <= head.right_edge.i and doc[j].ent_iob_ == "I":
                j += 1
            names.append(doc[i:j].text)
    return names


def _code_names(names: list[str], mention: str, dct: Optional[str], actors: list[dict],
                start: int, end: int, head_end: Optional[int] = None) -> tuple[Optional[str], Optional[str]]:
    """(comma-joined codes, sector of the first) for the resolved names."""
    # an actor the actors component already found inside the mention, up to its head word: "a Kremlin
    # official", not the "Blinken" of "the state visit, seen as a response to Blinken's call"
    last = min(end, head_end) if head_end is not None and start < head_end <= end else end
    if names == [mention] and last < end:
        mention = mention[:last - start]    # an unresolved mention is coded by its words up to its head
        names = [mention]
    if len(names) == 1 and actors:
        for a in actors:
            if a.get("start") is not None and start <= a["start"] and a.get("end", 0) <= last and a.get("code"):
                return a["code"], a.get("sector")
    resolve = _resolver()
    if resolve is None:
        return None, None
    codes: list[str] = []
    sector: Optional[str] = None
    for name in names:
        ref = resolve(name, date=dct)
        if ref is None and name != mention and len(names) == 1:
            ref = resolve(mention, date=dct)
        if ref is not None and getattr(ref, "code", None):
            if ref.code not in codes:
                codes.append(ref.code)
            sector = sector or getattr(ref, "sector", None)
    return (",".join(codes) or None), sector


# ---------------------------------------------------------------------------------------------
# dependency cues

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_TRIM = set(" \t\r\n,;:—–-")


def _span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _TRIM or text[start].isspace()
                           or (text[start] in "\"”’" and (start + 1 >= end or text[start + 1].isspace()))):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _cue_through(doc: Doc, cue_end: int, c_start: int) -> int:
    """The cue's end carried over an infinitival 'to' or a preposition right after it that introduces the
    content ("vowed to X", "was critical of X", "her criticism of X", "opposition to X")."""
    # (doc.text is rebuilt from the tokens at every access: read only the tokens near the cue)
    span = doc.char_span(cue_end, _text_length(doc), alignment_mode="expand")
    nxt = next((t for t in span if not t.is_space), None) if span is not None else None
    if nxt is not None and (nxt.tag_ == "TO" or nxt.dep_ in ("prep", "agent")) and nxt.i + 1 < len(doc) \
            and nxt.idx + len(nxt.text) <= c_start <= doc[nxt.i + 1].idx \
            and not _text_before(doc, span.start, nxt.i, cue_end).strip():
        return nxt.idx + len(nxt.text)
    return cue_end


def _text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _text_before(doc: Doc, first: int, upto: int, start_char: int) -> str:
    """``doc.text[start_char:doc[upto].idx]`` for a ``start_char`` in or just before token ``first``
    (anything before that token is its predecessor's trailing whitespace, kept as such)."""
    base = doc[first].idx
    text = "".join(t.text_with_ws for t in doc[first:upto])
    return text[start_char - base:] if start_char >= base else " " * (base - start_char) + text


def _subject(verb: Token) -> Optional[Token]:
    """The verb's subject, inherited through conj/xcomp/advcl chains ("met and said", "saying")."""
    tok: Optional[Token] = verb
    for _ in range(6):
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent":   # "was told by X"
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if tok.dep_ in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


_DASHES = frozenset({"-", "--", "—", "–", "―"})


def _speaker_span(subj: Token, text: str) -> tuple[int, int]:
    para = _paragraph(text, subj.idx)
    toks = [t for t in subj.subtree if para[0] <= t.idx < para[1]]
    # the mention without a focus 'even' before it ("even some of his admirers"), what a dash sets off
    # before it ("WASHINGTON — Sen. X", "an old favorite - others", a parse that ran on over the dash)
    # or a time after it ("the campaign on Monday", "a panel in 2001", "defenders today")
    while len(toks) > 1 and toks[0].lower_ == "even" and toks[0].dep_ in ("advmod", "preconj"):
        toks = toks[1:]
    # nor a participle set off after it ("Marco Rubio, speaking at a rally in Miami, said")
    cut = min((c.left_edge.i for c in subj.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > subj.i
               and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","), default=None)
    if cut is not None:
        toks = [t for t in toks if t.i < cut]
    dash = max((t.i for t in toks if t.i < subj.i and t.text in _DASHES and t.i > 0
                and t.doc[t.i - 1].whitespace_), default=None)
    if dash is not None:
        toks = [t for t in toks if t.i > dash]
    for c in sorted((c for c in subj.children if c.i > subj.i), key=lambda c: -c.i):
        if (c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)) \
                or (c.dep_ in ("npadvmod", "advmod") and (c.ent_type_ in ("DATE", "TIME") or c.lower_ in ("here", "today"))):
            toks = [t for t in toks if t.i < c.left_edge.i]
        else:
            break
    start, end = _span_of(toks or [subj])
    return _trim(text, start, end)


#: verbs whose direct object is the addressee, not what was said ("told reporters")
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge", "answer", "brief",
                              "thank", "congratulate", "persuade", "convince", "notify", "caution", "advise"})


def _content_tokens(verb: Token, cue: "Cue", text: str) -> Optional[list[Token]]:
    """What the cue verb reports: its lexicon complements first, then any other complement it has
    ("told a different tale", "feared the toll", "welcomed the fight"): attributions report beliefs,
    stances and topics as well as speech."""
    content = _with_condition(verb, _content_by_cue(verb, cue, text))
    if content is not None or "s" in cue.complements or "!" in cue.complements or cue.kind == "generic":
        return content
    comps = "cxp" if cue.lemma in _ADDRESSEE_VERBS else "cxop"
    if set(comps) <= set(cue.complements):
        return None
    content = _with_condition(verb, _content_by_cue(verb, Cue(cue.lemma, cue.kind, comps, cue.preps), text))
    if content and all(t.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") or t.pos_ in ("DET", "PRON") for t in content):
        return None             # "praised Smith": a person is the target, not a content, unless listed
    if content and all(t.ent_type_ in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY", "DATE", "TIME") or t.is_punct
                       for t in content):
        return None             # "support has declined 55 percent": an amount, not a stance
    return content


def _with_condition(verb: Token, content: Optional[list[Token]]) -> Optional[list[Token]]:
    """A condition right after the content that the parser hung on the reporting verb is part of what
    was said or promised: "would support Trump if he became the nominee", "say he would look zippier if
    he ate …" (the speaker did not say it only on that condition)."""
    if not content:
        return content
    last = max(t.i for t in content)
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > last and c.left_edge.i == last + 1 and c.left_edge.lower_ in ("if", "unless") \
                and c.left_edge.head.i == c.i:
            return content + list(c.subtree)
    return content


def _content_by_cue(verb: Token, cue: "Cue", text: str) -> Optional[list[Token]]:
    comps = cue.complements
    para = _paragraph(text, verb.idx)
    children = [c for c in verb.children if para[0] <= c.idx < para[1]]
    passive = [c for c in children if c.dep_ == "nsubjpass" and c.i < verb.i]
    if passive and "o" in comps and any(c.dep_ == "auxpass" for c in verb.children) \
            and not any(c.dep_ in ("ccomp", "xcomp") for c in children):
        # "He has been criticized for his policies", "Pence was dubbed the winner": the patient and
        # what it is called or blamed for
        more = [t for c in children if c.i > verb.i and (c.dep_ in ("oprd", "attr")
                or (c.dep_ == "prep" and c.lower_ in ("as", "for", "of", "with", "over")))
                for t in c.subtree]
        if more and passive[0].pos_ != "PRON" or len(more) >= 2:
            return [t for t in verb.doc[passive[0].left_edge.i: max(t.i for t in more) + 1]]
        if any(c.dep_ == "agent" and c.i > verb.i and _prep_objects(c) for c in children):
            # "The proposal was rejected by the council", "his comments were derided by X": the agent's
            # stance is on the patient
            return list(passive[0].subtree)
        return None
    if passive and "x" in comps and passive[0].pos_ != "PRON" and any(c.dep_ == "auxpass" for c in verb.children) \
            and not any(c.dep_ in ("ccomp", "agent") for c in children):
        # "The vote is expected to be close", "North Korea is not thought to be capable of …": what is
        # expected or thought is said of the subject (the cue between them is left out of the pieces)
        xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None:
            return list(passive[0].subtree) + list(xcomp.subtree)
    if verb.dep_ == "advcl" and "c" in comps and verb.head.i != verb.i \
            and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children) \
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep", "dative") for c in children):
        # "As many tax experts have pointed out, Mr. Trump is free to …": 'as' stands for what was said,
        # the clause it modifies
        own = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in own]
    if "s" in comps:
        # "the city can appear to be an economic powerhouse", "it seems that …": an appearance
        # attributed to no one, whose content is the subject with what it seems to be
        comp = [c for c in children if c.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and c.i > verb.i]
        subj = [c for c in children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
        if not comp or not subj:
            return None
        if subj[0].lower_ == "it" and comp[0].dep_ == "ccomp":
            return list(comp[0].subtree)
        if subj[0].pos_ == "PRON" and subj[0].lower_ not in ("they", "he", "she", "it", "this", "that"):
            return None
        return [t for t in verb.doc[subj[0].left_edge.i: comp[0].right_edge.i + 1]]
    if cue.lemma == "call" and not any(c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prt" and c.lower_ == "out")
                                       for c in verb.children) \
            and not any(c.dep_ == "dobj" and (re.match(r"\s?[\"“‘']", text[c.right_edge.idx + len(c.right_edge.text):])
                                              or any(a.dep_ == "appos" and a.i > c.i for a in c.children)
                                              or (c.i > c.left_edge.i and c.nbor(-1).text in ("“", '"', "‘", "''"))
                                              # "called the use of orders "quite dangerous"": the quoted
                                              # words hung in the object are what it was called
                                              or any(t.text in ("“", '"', "‘", "''") and t.i > c.i
                                                     for t in c.subtree))
                        for c in verb.children):
        comps = "p"           # "called for X", not "called a meeting"; "called them "rapists"", "called out X" stay
    # "…: He said he's raised $100,000", "…; 46 percent said they were …": a clause before the verb that
    # the parser also hung on it is the writer's; the one after is what was said
    for child in sorted(children, key=lambda c: c.i < verb.i and not _split_quote(c, verb)):
        if child.dep_ == "ccomp" and "c" in comps:
            return list(child.subtree) + _stray_conjuncts(verb, child, children) + _but_clause(verb, child, children)
    for child in children:
        # "was asked if she had ever been discriminated against": an embedded question the parser
        # made an adverbial clause
        if child.dep_ == "advcl" and "c" in comps and child.i > verb.i and any(
                m.dep_ == "mark" and (m.lower_ == "whether" or (m.lower_ == "if" and cue.lemma in _ASKING_VERBS))
                and m.i == child.left_edge.i for m in child.children):
            return list(child.subtree)
    for child in children:
        if child.dep_ == "xcomp" and "x" in comps:
            objs = [c for c in children if c.dep_ == "dobj" and verb.i < c.i < child.i]
            return list(child.subtree) + [t for o in objs for t in o.subtree] + _stray_conjuncts(verb, child, children)
    if "c" in comps:
        # "told a meeting of leaders that …": a that-clause the parser hung on the object
        for child in children:
            if child.dep_ in ("dobj", "dative") and child.i > verb.i:
                for t in child.subtree:
                    if t.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i
                                                          for c in t.children):
                        return list(t.subtree)
    for child in children:
        if child.dep_ == "dobj" and "o" in comps and child.pos_ == "PRON":
            # "accusing her of being asleep": with a pronoun object the reproach is the content
            for c in children:
                if c.dep_ == "prep" and c.i > child.i and c.lower_ in ("of", "for", "as"):
                    objs = [t for o in c.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
                    if objs:
                        # "described themselves as liberals": what is said of them, with them
                        return ([child, c] if c.lower_ == "as" and child.i > verb.i else []) + objs
    for child in children:
        if child.dep_ == "dobj" and "o" in comps and child.i > verb.i and cue.lemma in _LIGHT_VIEW_VERBS \
                and child.lemma_.lower() in _VIEW_NOUNS:
            # "offered his thoughts on the budget": the noun is part of the act, its object the content
            # (the preposition on the noun, or on the verb right after it: "offered his thoughts on X")
            prep = next((c for c in list(child.children) + [c for c in children if c.i == child.right_edge.i + 1]
                         if c.dep_ == "prep" and c.lower_ in ("about", "on", "of", "for", "toward", "towards")), None)
            if prep is not None:
                objs = [t for o in prep.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
                if objs:
                    return objs
    for child in children:
        # "Three senators endorsed him", "the deal, which Putin opposed": a stance is on what the pronoun stands for
        stance_on = cue.lemma in _PRONOUN_STANCE_VERBS and child.pos_ == "PRON" and child.tag_ in ("PRP", "WDT", "WP")
        if child.dep_ == "dobj" and "o" in comps and (child.pos_ != "PRON" or stance_on or (
                child.tag_ not in ("WP", "WDT") and any(c.dep_ in ("oprd", "attr") and c.i > child.i for c in children))):
            # "calling him a “train wreck”", "Critics call it a giveaway": a pronoun with what it is called
            # "accused X of Y", "denounced X as Y", "called X a Z", "denied X to Y": the verb's
            # dependents right after the object, up to a comma
            more: list[Token] = []
            held: list[Token] = []
            for c in sorted(children, key=lambda c: c.i):
                if c.i <= child.i:
                    continue
                if c.dep_ == "advcl" and c.left_edge.lower_ == "as" and c.left_edge.i == (held or [child.right_edge])[-1].i + 1 \
                        and not any(x.dep_ in _SUBJ for x in c.children):
                    more.extend(held + list(c.subtree))       # "described the country as beset by …"
                    break
                if c.dep_ in ("advcl", "xcomp") and not held \
                        and (c.left_edge.lower_ == "to"
                             or (c.tag_ == "VBG" and c.left_edge.i == c.i and not verb.doc[c.i - 1].is_punct)) \
                        and c.left_edge.i == max([child.right_edge.i] + [t.i for t in more]) + 1 \
                        and not any(x.dep_ in _SUBJ for x in c.children):
                    # "urging Congress to fast-track the deal", "praised the efforts of Kerry to find a
                    # solution", "recalled her days advising the governor": a to-infinitive or a
                    # gerund (no comma before it) right after the object, which the parser hung on the verb
                    more.extend(c.subtree)
                    break
                if c.text == "," and c.i == child.right_edge.i + 1 and not more and not held \
                        and any(a.dep_ == "appos" and a.i > child.i for a in child.children):
                    continue    # "criticized the county clerk, John Doe, for …": the comma closing a name
                if c.dep_ in ("punct", "cc", "conj", "advcl", "parataxis", "relcl") or c.is_punct:
                    break
                if cue.lemma in _SMALL_CLAUSE_VERBS and c.dep_ in ("prt", "advmod", "prep", "npadvmod") \
                        and c.left_edge.i == max([child.right_edge.i] + [t.i for t in more]) + 1:
                    more.extend(c.subtree)   # "polls show Clinton up by 10 points": what they show of her
                    continue
                if c.dep_ == "prep" and c.lower_ == "in" and not held and _in_argument(c):
                    more.extend(c.subtree)   # "questioned her judgment in supporting the war"
                    continue
                if c.dep_ == "prep" and c.lower_ not in _ARGUMENT_PREPS:
                    # "in early-morning tweets", "during a campaign stop": the when/where, unless an
                    # argument follows ("sees its role in enforcing the law as antiquated")
                    held.extend(c.subtree)
                    continue
                if held and not (c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr") or c.lower_ == "as"):
                    break
                if c.dep_ in ("oprd", "ccomp", "xcomp", "prep", "dative", "acomp", "npadvmod", "attr"):
                    more.extend(held + list(c.subtree))
                    held = []
                else:
                    break
            if child.pos_ == "PRON" and not more and not stance_on:
                return None
            return _cut_relative(list(child.subtree)) + more
    if "o" in comps and not any(c.dep_ == "dobj" for c in children):
        # "called her “third-rate”", "called the frontrunner “ISIS' best recruiter”": the parser folded
        # the object into what it is called
        for child in children:
            if child.dep_ == "oprd" and child.i > verb.i and child.left_edge.i > verb.i \
                    and any(t.pos_ in ("PRON", "PROPN", "NOUN") and t.i < child.i and t.dep_ != "compound"
                            for t in child.subtree if t.i == child.left_edge.i or t.dep_ in ("nsubj", "det", "poss")):
                return list(child.subtree)
    for child in children:
        if child.dep_ == "prep" and "p" in comps and child.lower_ in (cue.preps or _TOPIC_PREPS):
            if child.lower_ == "to" and cue.lemma in _TOPIC_VERBS - {"respond", "reply"}:
                continue        # "spoke to reporters": the addressee, not what was said
            if child.lower_ in ("on", "for") and cue.lemma in _VENUE_VERBS:
                continue        # "speaking on condition of anonymity", "spoke on CNN", "talked for an hour"
            if cue.lemma in _TOPIC_VERBS | {"point"} and any(
                    c.dep_ == "pobj" and _attributes_itself(c) for c in child.children):
                continue        # "pointed to Clinton's assertion that …": the noun is the attribution
            objs = _prep_objects(child)
            if objs and not all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in objs):   # not "on Sunday"
                if child.lower_ in ("on", "upon"):
                    # "called on Obama to retaliate": the one called upon with what they should do
                    objs += [t for c in children if c.dep_ == "xcomp" and c.i > child.i for t in c.subtree]
                as_ = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"
                            and c.i == child.right_edge.i + 1), None)
                if as_ is not None and _prep_objects(as_):
                    # "referred to Rubio as “a bright leader”", "spoke of him as a friend": what
                    # the object is called goes with it
                    objs += [as_] + _prep_objects(as_)
                end = max(t.i for t in objs)
                inf = next((c for c in children if c.dep_ in ("advcl", "xcomp")
                            and (c.left_edge.lower_ == "to" or (c.tag_ == "VBG" and c.left_edge.i == c.i))
                            and c.left_edge.i == end + 1 and verb.doc[end].text not in (",", ";", ":", "—", "--")
                            and not any(x.dep_ in _SUBJ for x in c.children)), None)
                if inf is not None and child.lower_ not in ("on", "upon"):
                    # "called for an independent monitor to review the contract", "railed about the
                    # council's tendency to raise fees", "bragged about his daughter winning the
                    # title": a to-infinitive or gerund right after the object (no comma between),
                    # which the parser hung on the verb
                    objs += list(inf.subtree)
                return objs
    # "The trouble, Frank writes, began …": a parenthetical cue inside the reported clause
    if verb.dep_ == "parataxis" and "c" in comps and cue.kind == "speech" and _between_commas(verb) \
            and verb.head.i != verb.i \
            and verb.head.left_edge.i < verb.left_edge.i and verb.head.right_edge.i > verb.right_edge.i \
            and not verb.doc[verb.left_edge.i - 1].text in ("”", '"', "’"):
        own = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in own]
    # "X is bad, he said": the cue hangs off the reported clause (or is joined to it as a conjunct with a
    # subject of its own and no 'and' before it: "…, said the company's chief executive")
    if (verb.dep_ in ("parataxis", "advcl", "ccomp") or (verb.dep_ == "conj" and _comma_conjunct(verb))) \
            and verb.head is not verb and verb.i > verb.head.i \
            and "c" in comps and cue.kind == "speech" and verb.left_edge.i > 0 \
            and verb.doc[verb.left_edge.i - 1].is_punct:
        own = {t.i for t in verb.subtree}
        nxt = verb.right_edge.i + 1
        if nxt + 1 < len(verb.doc) and verb.doc[nxt].text == "," and verb.doc[nxt].head.i == verb.head.i \
                and not verb.doc[verb.left_edge.i - 1].text in ("”", '"') and verb.doc[verb.left_edge.i - 1].text == ",":
            # "The trouble, Frank writes, began …": a parenthetical cue inside the reported clause
            return [t for t in verb.head.subtree if t.i not in own]
        return [t for t in verb.head.subtree if t.i not in own and t.i < verb.left_edge.i]
    return None


def _closing_cue(verb: Token, subj: Optional[Token], sent: Span, text: str) -> Optional[tuple[int, int]]:
    """The reported clause before a closing ", she said." that the parse did not hang the cue on ("The
    web has made it easier for fringe groups to organize, she said.", the cue parsed as a clause of its
    own), or the sentence before it when the splitter cut the cue off (", he said." a sentence alone)."""
    doc = verb.doc
    if subj is None or subj.head.i != verb.i or subj.i > verb.i or len(list(subj.subtree)) > 10 \
            or verb.dep_ == "relcl":
        return None
    if not all(t.is_punct or t.is_space for t in doc[verb.i + 1: sent.end]):
        return None
    own = {t.i for t in subj.subtree}
    k = verb.i - 1
    while k >= sent.start and (k in own or (doc[k].head.i == verb.i and doc[k].dep_ in ("aux", "neg", "advmod")
                                            and not doc[k].tag_.startswith("W"))):   # not ", where she spoke"
        k -= 1
    if k < sent.start or doc[k].text != ",":
        return None
    if k == sent.start:
        # ", he said." cut off from what was said
        if k == 0 or "\n" in text[doc[k - 1].idx: doc[k].idx]:
            return None
        prev = doc[k - 1].sent
        start, end = prev.start_char, doc[k - 1].idx + len(doc[k - 1])
    else:
        start, end = sent.start_char, doc[k].idx
    start, end = _trim(text, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span):
        return None     # "Then, last week, Eric Trump called.": no clause before the cue
    return start, end


_PRO_CLAUSES = frozenset({"so", "yes", "no"})
_PRO_OBJECTS = frozenset({"same", "opposite"})


def _pro_form(verb: Token) -> Optional[list[Token]]:
    """A word standing for the clause a verb of saying takes: "half said so", "the chairman said yes",
    "the mayor said the opposite", "they said the same about the plan"."""
    for c in verb.children:
        if c.i == verb.i + 1 and c.lower_ in _PRO_CLAUSES and c.dep_ in ("advmod", "intj", "dobj", "ccomp"):
            return [c]
        if c.i > verb.i and c.dep_ == "dobj" and c.lemma_.lower() in _PRO_OBJECTS:
            return list(c.subtree)
    return None


@functools.lru_cache(maxsize=None)
def _word_list(name: str) -> frozenset[str]:
    """A word list from ``data/<name>`` (one word per line, ``#`` comments), loaded once."""
    text = resources.files("storyline").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _told_object(verb: Token) -> Optional[list[Token]]:
    """A finite 'tell' with a thing told as its object reports it: "told a joke", "told a different story"."""
    if verb.lemma_.lower() != "tell" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None     # an act of telling, not "needs to tell more jokes", "sworn in to tell the truth"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.lemma_.lower() not in _word_list("told_nouns.txt"):
        return None
    return list(obj.subtree)


#: nouns that, object of a light verb in _LIGHT_VIEW_VERBS, only carry the act: "offered his thoughts on
#: X", "uttered a harsh word about X", "showed no sign of backing down": the content is X
_VIEW_NOUNS = frozenset({"thought", "opinion", "word", "view", "forecast", "enthusiasm", "language",
                         "understanding", "sign", "praise"})
_LIGHT_VIEW_VERBS = frozenset({"offer", "utter", "show", "express", "voice", "share", "give"})


def _between_commas(verb: Token) -> bool:
    """Is the cue clause set off by commas (its own or its neighbours: "…, many economists say, …")?"""
    doc, first, last = verb.doc, verb.left_edge.i, verb.right_edge.i
    return (doc[first].text == "," or (first > 0 and doc[first - 1].text == ",")) \
        and (doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ","))


def _comma_conjunct(verb: Token) -> bool:
    """Is the conjunct verb joined to its head by a comma only, with a subject of its own ("…, said the
    company's chief executive")?"""
    start = verb.left_edge.i
    return any(c.dep_ == "nsubj" for c in verb.children) and start >= 2 and verb.doc[start - 1].text == "," \
        and verb.doc[start - 2].dep_ != "cc"


def _split_quote(comp: Token, verb: Token) -> bool:
    """Does a clause before the verb end a quotation that the cue splits (“A,” he said, “B.”)?"""
    doc = verb.doc
    end = comp.right_edge.i
    return any(doc[k].text in ("”", '"', "’", "''") for k in range(end, min(end + 3, verb.i)))


def _but_clause(verb: Token, comp: Token, children: list[Token]) -> list[Token]:
    """A second that-clause in contrast, which the parser hung on the reporting verb, goes on with what
    was said: "said the U.S. needs to secure the border, but that he would not support mass deportation"
    (a clause with a subject of its own after ', but' is as often the writer's as the speaker's)."""
    doc = verb.doc
    k = comp.right_edge.i + 1
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("but", "and"):
        cc = [doc[k], doc[k + 1]]
    elif k < len(doc) and doc[k].lower_ in ("but", "and"):
        cc = [doc[k]]
    else:
        return []
    cues = cue_lexicon()
    for c in children:
        if c.dep_ != "conj" or c.left_edge.i != cc[-1].i + 1 or c.pos_ not in ("VERB", "AUX"):
            continue
        if not (c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"):
            return []
        if any(t.lemma_.lower() in cues and cues[t.lemma_.lower()].kind == "speech" and t.pos_ == "VERB"
               for t in c.subtree):
            return []
        return cc + list(c.subtree)
    return []


def _stray_conjuncts(verb: Token, comp: Token, children: list[Token]) -> list[Token]:
    """Conjuncts of a complement that the parser hung on the reporting verb: "wants to triple X, grow Y
    and create Z" (grow, create: base forms like 'triple', not the finite 'wants'), with the commas and
    conjunctions between them.  A conjunct in the verb's own form ("said X and warned Y") is the
    speaker's next act and stays out."""
    out: list[Token] = []
    last = comp.right_edge.i
    for c in sorted(children, key=lambda c: c.i):
        if c.dep_ != "conj" or c.i <= last or c.pos_ not in ("VERB", "AUX") or c.tag_ != comp.tag_ \
                or c.tag_ == verb.tag_ or any(x.dep_ in _SUBJ for x in c.children):
            continue
        between = verb.doc[last + 1: c.left_edge.i]
        if not all(t.dep_ in ("cc", "punct") and t.text != "." for t in between):
            break
        out.extend(between)
        out.extend(c.subtree)
        last = c.right_edge.i
    return out


#: topic verbs that, as the purpose of another act ("met to discuss X"), report nothing yet
_PURPOSE_TOPIC_VERBS = frozenset({"discuss"})

#: verbs too light to report anything when the parser hangs a clause on them ("Cruz has 69, Rubio has 41")
_LIGHT_VERBS = frozenset({"have", "be", "do", "get", "go", "come", "take", "give", "put", "let"})

#: stance verbs whose pronoun object is what the stance is on ("three senators endorsed him", "the deal, which
#: Putin opposed", "business leaders decried it"); 'support', 'back' and 'embrace' with a pronoun are more
#: often help than a stated stance, and 'call', 'challenge', 'describe' take it with something more
_PRONOUN_STANCE_VERBS = frozenset({"endorse", "oppose", "defend", "favor", "favour", "decry", "denounce", "condemn",
                                   "dispute", "deny", "reject", "dismiss", "question"})

#: verbs whose 'if' clause is a question, not a condition ("asked if she had been discriminated against")
_ASKING_VERBS = frozenset({"ask", "wonder", "question", "inquire", "know", "check", "decide", "doubt"})

#: verbs with a small clause after the object: "polls show Clinton up by 10 points", "found him in contempt"
_SMALL_CLAUSE_VERBS = frozenset({"show", "find", "rate", "rank", "put"})

#: verbs whose 'to' phrase is whom they spoke to ("spoke to reporters"), not a topic
_TOPIC_VERBS = frozenset({"speak", "talk", "write", "complain", "comment", "respond", "reply"})

#: prepositions whose object a cue's p complement takes unless the lexicon names its own ("argued for X",
#: "complained about X", "warned against X")
_TOPIC_PREPS = ("for", "on", "about", "to", "against", "of")

#: verbs whose 'on'/'for' phrase is where, how or for whom they spoke ("speaking on condition of
#: anonymity", "spoke on ABC's 'This Week'", "speaks for the campaign"), not a topic
_VENUE_VERBS = frozenset({"speak", "talk"})

#: prepositions that carry a reporting verb's argument after its object ("accused X of Y",
#: "criticized X as Y", "blamed X for Y") or the means of the act, which is part of what is reported
#: ("attacked her by reminding voters …", "never mentioned him by name", "promoted X through grants");
#: others ("in", "during", "since") place the act
_ARGUMENT_PREPS = frozenset({"of", "as", "for", "from", "against", "to", "into", "over", "about", "with", "on",
                             "by", "through"})


def _in_argument(prep: Token) -> bool:
    """An 'in' phrase the parser hung on a reporting verb after its object belongs to the object
    ("any role in the attacks", "her stance in support of …", "his skills in whittling $25 million off the
    price") unless it names the time or place of the act ("in December", "in Virginia") or its venue
    ("in a speech", "in the primary": nouns for where or through what something was said, listed in
    ``data/quote_venues.txt``)."""
    if any(t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for t in prep.subtree):
        return False
    return not any(o.dep_ == "pobj" and o.lemma_.lower() in _word_list("quote_venues.txt")
               for o in prep.children)


def _cut_relative(tokens: list[Token]) -> list[Token]:
    """An object content keeps a non-restrictive relative clause on it ("praised the plan, which
    passed": what was praised, as PolNeAR marks it) unless that clause reports speech of its own
    ("endorsed the governor, who says he is grateful": a quote in its own right).  A long one closing the
    content is still dropped by :func:`_cut_final_relative`."""
    toks = sorted(tokens, key=lambda t: t.i)
    cues = cue_lexicon()
    for k, t in enumerate(toks[1:], 1):
        if t.text == "," and k + 1 < len(toks) and toks[k + 1].lower_ in ("which", "who", "whom", "whose") \
                and toks[k + 1].head.dep_ == "relcl" \
                and any(x.pos_ == "VERB" and x.lemma_.lower() in cues for x in toks[k + 1].head.subtree):
            return toks[:k]
    return toks


_REL_WORDS = frozenset({"which", "who", "whom", "whose", "where"})
_QUOTE_CHARS = frozenset("\"“”'‘’")


def _cut_final_relative(tokens: list[Token]) -> list[Token]:
    """A content ending in a non-restrictive relative clause or an apposition drops it: "said the vote
    was split with Sanders, who also held a rally …" → "… with Sanders" (the writer's aside, not what
    was reported).  Only one that runs to the end of the content; none inside quotation marks, though
    the reported clause before it may quote words ("said he never saw Mateen “interact” with Albusalha,
    the suicide bomber who …")."""
    toks = sorted(tokens, key=lambda t: t.i)
    if len(toks) < 6:
        return toks
    last = max((t.i for t in toks if not t.is_punct), default=toks[-1].i)
    for k in range(2, len(toks) - 2):
        t, nxt = toks[k], toks[k + 1]
        if t.text != "," or nxt.lower_ not in _REL_WORDS or any(x.text in _QUOTE_CHARS for x in toks[k:]):
            continue
        rel = nxt if nxt.dep_ == "relcl" else next((h for h in (nxt.head, nxt.head.head) if h.dep_ == "relcl"), None)
        if rel is None or rel.right_edge.i < last or rel.head.i >= t.i:
            continue
        return toks[:k]
    for k in range(3, len(toks) - 2):
        # "… consider Rep. Don Beyer, a former lieutenant governor": a closing apposition is the
        # writer's gloss on a name, not part of what was said
        t, nxt = toks[k], toks[k + 1]
        if t.text != "," or any(x.text in _QUOTE_CHARS for x in toks[k:]):
            continue
        app = next((h for h in (nxt, nxt.head, nxt.head.head) if h.dep_ == "appos" and h.left_edge.i == nxt.i), None)
        if app is not None and app.right_edge.i >= last and app.head.i < t.i:
            return toks[:k]
    return toks


def _outer_speaker(verb: Token, cues: dict) -> Optional[Token]:
    """The speaker of a reporting verb that continues another one from inside its reported clause:
    "X said Y, arguing …" and "X said Y and called …" (cut off that content by :func:`_cut_tail`)."""
    doc = verb.doc
    after_comma = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") and verb.i > 0 \
        and doc[verb.i - 1].text in (",", "—", "--")
    bare_conj = verb.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in verb.children)
    if not (after_comma or bare_conj):
        return None
    tok = verb.head
    for _ in range(8):
        if tok.dep_ == "ccomp" and tok.head.i < verb.i:
            outer = tok.head
            cue = cues.get(outer.lemma_.lower())
            if cue is not None and cue.kind == "speech":
                return _subject(outer)
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_TAIL_STARTS = frozenset({"saying", "adding", "according", "noting", "citing"})

#: the plain speech verbs, whose conjunct with a content of its own is always a new attribution
_SAY_VERBS = frozenset({"say", "tell"})


def _cut_contrast(content: list[Token]) -> list[Token]:
    """A closing ', while …' clause with a report of its own is a second attribution set beside the
    first, not part of it: "say they prefer an outsider, while about 4 in 10 want one with experience",
    "said X, while Cruz said that …" (one without a reporting verb, "China expects 6.5 percent growth,
    while the U.S. will see 2 percent", is the same speaker's comparison and stays).  A closing ', even
    as/though …' is the writer's counterpoint: "said he will support the nominee, even as he has taken
    shots at him" ('even if' is a condition of what was said and stays)."""
    cues = cue_lexicon()
    for k in range(2, len(content) - 1):
        if content[k].text not in (",", "—", "–", "--") or any(x.text in _QUOTE_CHARS for x in content[:k]):
            continue
        rest = [t for t in content[k + 1:] if not (t.is_punct and t.i == content[-1].i)]
        ids = {t.i for t in rest}
        roots = [t for t in rest if t.head.i not in ids]
        if len(roots) != 1 or roots[0].dep_ != "advcl":
            continue
        if len(rest) > 2 and rest[0].lower_ == "even" and rest[1].lower_ in ("as", "though"):
            return content[:k]
        if rest[0].lower_ != "while":
            continue
        if any(t.pos_ == "VERB" and t.lemma_.lower() in cues and cues[t.lemma_.lower()].kind in ("speech", "cognition")
               for t in rest):
            return content[:k]
    return content


def _cut_tail(content: list[Token], verb: Token) -> list[Token]:
    """Drop a non-restrictive tail after the reported clause (", when …", ", adding …")."""
    content = _cut_contrast(sorted(content, key=lambda t: t.i))
    cues = cue_lexicon()
    for k, t in enumerate(content):
        # "said he'd battled three bouts of pneumonia and called it a common ailment": a conjoined
        # reporting verb without its own subject is the speaker's next act, not part of what was said
        if k > 2 and t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_.lower() in cues \
                and cues[t.lemma_.lower()].kind in ("speech", "cognition") \
                and not any(c.dep_ in _SUBJ for c in t.children) \
                and any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children) \
                and (t.tag_ == verb.tag_ or t.tag_ != t.head.tag_ or t.tag_ == "VB" or t.lemma_.lower() in _SAY_VERBS):
            # ("Police say he posed a threat and refused to drop the gun": in the reported clause's
            # tense, not the cue's, the verb goes on with what was said; 'says X promised Y and said Z':
            # a plain say/tell is a speech act of its own in any tense)
            ccs = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i and c.i > content[0].i]
            if ccs:
                cut = [x for x in content if x.i < ccs[-1].i]
                if len(cut) > 2 and not any(x.text in "\"“”" for x in cut):
                    return _cut_tail(cut, verb)
    for k, t in enumerate(content[:-1]):
        nxt = content[k + 1]
        if k > 2 and t.i > verb.i and t.text in (",", "—", "--") and (
                nxt.lower_ in _TAIL_STARTS
                or (nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "conj", "xcomp")
                    and cue_lexicon().get(nxt.lemma_.lower(), Cue("", "", "")).kind == "speech")):
            # ", arguing that …", ", warning …": the speaker's next act, an attribution of its own
            if not any(c.text in "\"“”'" for c in content[:k]):    # not inside a quote
                return content[:k]
    return content


# ---------------------------------------------------------------------------------------------
# extraction

def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def extract_quotes(doc: Doc) -> list[dict]:
    """Quote dicts (``Quote`` fields without id/article_id) for an annotated ``Doc``."""
    text = doc.text
    cues = cue_lexicon()
    marks = sorted(scan_quote_marks(text))
    actors = list(doc._.actors or ())
    dct = doc._.dct
    memory = _Memory(doc)
    quotes: list[dict] = []
    used_marks: set[int] = set()
    mark_i = 0

    def marks_in(start: int, end: int) -> list[int]:
        return [k for k, m in enumerate(marks) if m[0] < end and start < m[1]]

    def speaker_fields(subj: Optional[Token], start: Optional[int] = None, end: Optional[int] = None) -> dict:
        if subj is None and start is None:
            return {"speaker": None, "speaker_code": None, "speaker_sector": None,
                    "speaker_start": None, "speaker_end": None}
        if subj is not None:
            start, end = _speaker_span(subj, text)
        mention = text[start:end]
        head = subj
        if head is None:
            span = doc.char_span(start, end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
        names = _resolve_names(mention, head, memory)
        head_end = head.idx + len(head) if head is not None else None
        code, sector = _code_names(names, mention, dct, actors, start, end, head_end)
        speaker = " and ".join(names) if len(names) > 1 else names[0]
        return {"speaker": speaker, "speaker_code": code, "speaker_sector": sector,
                "speaker_start": start, "speaker_end": end}

    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        body_from = s_start
        if _headline(text, sent):
            head_end = _paragraph(text, s_start)[1]
            if sent.end_char <= head_end + 1 or not text[head_end:sent.end_char].strip():
                memory.see_sentence(sent)
                continue
            body_from = head_end     # a headline the parser ran into the first sentence: read what follows
        while mark_i < len(marks) and marks[mark_i][1] <= s_start:
            mark_i += 1
        sent_marks = [k for k in range(mark_i, len(marks)) if marks[k][0] < s_end and s_start < marks[k][1]]
        sent_quoted = [marks[k] for k in sent_marks]

        def quoted(tok: Token) -> bool:     # a word inside the quoted words is no cue
            return any(m[0] < tok.idx < m[1] for m in sent_quoted)

        found: list[dict] = []
        for tok in sent:
            if tok.idx < body_from:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN":
                if "n:" + lemma in cues and not quoted(tok):
                    q = _copular_claim(tok, marks, speaker_fields, text) \
                        or _noun_attribution(tok, marks, speaker_fields, text, cues["n:" + lemma])
                    if q is not None:
                        found.append(q)
                continue
            if tok.pos_ == "ADJ":
                if "a:" + lemma in cues and tok.dep_ == "acomp" \
                        and not quoted(tok):
                    q = _adjective_attribution(tok, cues["a:" + lemma], marks, speaker_fields, text)
                    if q is not None:
                        found.append(q)
                continue
            if lemma == "be" and not quoted(tok):
                q = _copular_stance(tok, marks, speaker_fields, text)
                if q is not None:
                    found.append(q)
                    continue
            if tok.pos_ == "VERB" and lemma in _RECEIVING_VERBS \
                    and not quoted(tok):
                q = _received_stance(tok, marks, speaker_fields, text)
                if q is not None:
                    found.append(q)
                    continue
            cue = cues.get(lemma)
            if cue is None:
                # phrasal cues ("laid out his vision", "brushed off the criticism"): verb and particle
                prt = next((c for c in tok.children if c.dep_ == "prt"), None)
                cue = cues.get(lemma + " " + prt.lower_) if prt is not None else None
            if cue is None and tok.pos_ == "VERB" and lemma not in _LIGHT_VERBS \
                    and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children) \
                    and any(c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                                   or c.lower_ in ("he", "she", "they", "i", "we"))
                            for c in tok.children):
                cue = Cue(lemma, "generic", "c")      # any verb taking a clause, said of a person
            experiencer = None
            if cue is None and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) \
                    and any(c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                      for m in c.children) for c in tok.children):
                # "Protesters were frustrated that …", "she was convinced that …": a feeling or belief
                # about a clause, held by the passive subject
                experiencer = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
                if experiencer is not None:
                    cue = Cue(lemma, "generic", "c")
            if cue is None or tok.pos_ not in ("VERB", "AUX"):
                continue
            if tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "nsubj", "dobj", "pobj"):
                continue
            if lemma in _PURPOSE_TOPIC_VERBS and tok.tag_ == "VB" and tok.dep_ in ("advcl", "xcomp") \
                    and tok.head.lemma_.lower() not in cues:
                continue        # "met to discuss the threats": the purpose of a meeting, not what was said
            if quoted(tok):
                continue        # a verb inside the quoted words is not the cue
            para = _paragraph(text, tok.idx)
            local_marks = [k for k in sent_marks if para[0] <= marks[k][0] < para[1]]
            if cue.kind == "attitude" and tok.dep_ in ("amod", "compound"):
                continue
            subj = experiencer or (None if "s" in cue.complements else (_outer_speaker(tok, cues) or _subject(tok)))
            if subj is None and tok.dep_ in ("advcl", "conj", "xcomp"):
                before = [t for t in sent if t.dep_ == "nsubj" and t.i < tok.i and t.pos_ in ("PROPN", "PRON", "NOUN")]
                subj = before[-1] if before else None
            if subj is None and tok.tag_ == "VBG" and tok.i == sent.start:
                # "Calling Putin "an old friend," Xi described …": the participle's subject follows
                after = [t for t in sent if t.dep_ == "nsubj" and t.i > tok.i and t.pos_ in ("PROPN", "PRON", "NOUN")]
                subj = after[0] if after else None
            content = _content_tokens(tok, cue, text)
            if not content and cue.kind == "speech" and "c" in cue.complements:
                content = _pro_form(tok) or _told_object(tok) or content
            colon = None
            if content is None and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":":
                colon = tok.i + 1
            lead = prev_lead = closing = None
            if cue.kind == "speech" and colon is None:
                # "while chanting, “Hands up, don't shoot.”": a quote right after the cue is what was said
                gap = re.match(r"[ \t]*,?[ \t]*", text[tok.idx + len(tok.text): tok.idx + len(tok.text) + 8])
                at = tok.idx + len(tok.text) + gap.end()
                k = bisect.bisect_left(marks, (at, 0))
                if k < len(marks) and marks[k][0] == at and k not in used_marks and (content is None or not any(
                        marks[k][0] <= t.idx < marks[k][1] for t in content)):
                    content, lead = None, k
            if lead is None and content is None and colon is None and cue.kind == "speech" and mark_i > 0 \
                    and marks[mark_i - 1][1] <= s_start and mark_i - 1 not in used_marks \
                    and para[0] <= marks[mark_i - 1][0] and _adjacent(marks[mark_i - 1], tok, subj, text):
                # closing the quotation right before its sentence ("“Is that all there is?” Trump said."):
                # the parser ended a sentence at '?'
                lead = prev_lead = mark_i - 1
            if lead is not None:
                c_start, c_end = marks[lead]
                used_marks.add(lead)
            elif content is None and colon is None:
                # "said in a statement" with a quote elsewhere in the sentence, or closing the one
                # before it ("“Is that all there is?” Trump said.": the parser ended a sentence at '?')
                if cue.kind != "speech":
                    continue
                spans = [marks[k] for k in local_marks if k not in used_marks
                         and (0 <= tok.idx - marks[k][1] < 80 or 0 <= marks[k][0] - tok.idx < 80)
                         and (len(text[marks[k][0]:marks[k][1]].split()) >= 4 or _adjacent(marks[k], tok, subj, text))]
                if spans:
                    c_start, c_end = spans[0][0], spans[-1][1]
                else:
                    # no quotation to take: the clause before a closing ", she said." the parse missed
                    closing = _closing_cue(tok, subj, sent, text)
                    if closing is None:
                        continue
                    c_start, c_end = closing
            elif content is None:
                at = doc[colon].idx + 1
                k = bisect.bisect_left(marks, (at, 0))
                if k < len(marks) and not text[at:marks[k][0]].strip():
                    c_start, c_end = marks[k]       # "said:" and the quote, maybe in the next paragraph
                    used_marks.add(k)
                else:
                    # "The governor added:" closing its paragraph: the next paragraph is a block quotation
                    line_end = _paragraph(text, at)[1]
                    nxt = line_end
                    while nxt < len(text) and text[nxt].isspace():
                        nxt += 1
                    if text[at:line_end].strip() or nxt >= len(text):
                        continue
                    c_start, c_end = _trim(text, nxt, _paragraph(text, nxt)[1])
            else:
                if not content:
                    continue
                content = _cut_final_relative(_cut_tail([t for t in content if para[0] <= t.idx < para[1]], tok))
                if not content:
                    continue
                c_start, c_end = _span_of(content)
                c_start, c_end = _trim(text, c_start, c_end)
                if c_start < tok.idx < c_end:
                    # “…,” writes X, …: the content stops at the quote that precedes the cue
                    cut = re.search(r"[,.!?][”\"’']\s*$", text[c_start:tok.idx])
                    if cut:
                        c_end = c_start + cut.end()
                        c_start, c_end = _trim(text, c_start, c_end)
            if c_end <= c_start:
                continue
            # grow over quote marks the content touches; split quotes around the cue join up
            own = _span_of(subj.subtree) if subj is not None and subj.i > tok.i else (0, 0)
            for k in marks_in(c_start, c_end) + [k for k in local_marks if k not in used_marks]:
                m = marks[k]
                if _overlaps(m, (c_start, c_end)) or (content is None and colon is None and prev_lead is None
                                                      and closing is None
                                                      and not own[0] <= m[0] < own[1]):   # not in "said X, who …"
                    c_start, c_end = min(c_start, m[0]), max(c_end, m[1])
                    used_marks.add(k)
            for k in local_marks:
                m = marks[k]
                after = max(tok.idx + len(tok.text), subj.right_edge.idx + len(subj.right_edge.text)
                            if subj is not None and subj.i > tok.i else 0)
                if k not in used_marks and m[0] > tok.idx and c_end <= tok.idx and m[0] - tok.idx < 60 \
                        and (subj is None or m[0] > subj.idx) and after <= m[0] \
                        and re.fullmatch(r"[\s,;:]*", text[after:m[0]]):
                    # “A,” he said, “B.”
                    if text[c_end - 1:c_end] in "”\"" or text[c_end - 2:c_end - 1] in "”\"":
                        c_end = m[1]
                        used_marks.add(k)
            if text[c_end - 2:c_end] in (",”", ',"') and c_end <= tok.idx:
                # “Only you,” she said, would do that: the quoted subject goes on unquoted after the cue
                last = max([tok] + ([subj.right_edge] if subj is not None and subj.i > tok.i else []), key=lambda t: t.i)
                if last.i + 2 < sent.end and doc[last.i + 1].text == "," and doc[last.i + 2].tag_ in ("MD", "VBZ", "VBD", "VBP") \
                        and doc[last.i + 2].is_lower and not any(marks[k][0] >= doc[last.i + 1].idx for k in local_marks
                                                                  if marks[k][0] < sent.end_char):
                    c_end = _trim(text, doc[last.i + 2].idx, sent.end_char)[1]
                    if text[c_end - 1:c_end] in ".!?":
                        c_end -= 1
            kind = _quote_kind(marks, c_start, c_end)
            cue_start, cue_end = tok.idx, tok.idx + len(tok.text)
            for child in tok.children:
                if child.dep_ == "prt" and child.i == tok.i + 1:
                    cue_end = child.idx + len(child.text)
            # the preposition that introduces what was said belongs to the cue: "called for X",
            # "spoke about X", "was accused of X", "accusing her of X", "was first reported by X"
            for child in tok.children:
                if child.dep_ in ("prep", "agent") and child.i > tok.i and child.i + 1 < sent.end \
                        and child.idx + len(child.text) <= c_start <= doc[child.i + 1].idx \
                        and not (subj is not None and tok.i < subj.i < child.i):
                    cue_end = child.idx + len(child.text)
            cue_end = _cue_through(doc, cue_end, c_start)
            # auxiliaries, negation and adverbs right before the verb belong to the cue: "has also said"
            # and so does the verb it completes ("appeared to suggest", "could not resist pointing out")
            head = tok
            for _ in range(3):
                k = head.i - 1
                while k >= sent.start and doc[k].head.i == head.i and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod") \
                        and doc[k].tag_ != "WRB" and not doc[k].is_punct and k > (subj.i if subj is not None and subj.i < tok.i else -1):
                    cue_start = doc[k].idx
                    k -= 1
                if k >= sent.start and doc[k].dep_ == "prt" and doc[k].head.i == head.head.i:
                    k -= 1                                      # "went on to say"
                if not (head.dep_ == "xcomp" and head.head.pos_ in ("VERB", "AUX") and head.head.i == k
                        and not c_start <= head.head.idx < c_end and (subj is None or subj.i < head.head.i or subj.i > tok.i)):
                    break
                head = head.head
                cue_start = head.idx
            q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
                 "cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end}
            if subj is not None and not (para[0] <= subj.idx < para[1]):
                inside = [t for t in subj.subtree if para[0] <= t.idx < para[1] and not t.is_space]
                if inside:
                    sp = _trim(text, *_span_of(inside))
                    q.update(speaker_fields(None, sp[0], sp[1]))
                else:
                    q.update(speaker_fields(None))
            else:
                q.update(speaker_fields(subj))
            found.append(q)
        found.extend(_reportedly(sent, marks, speaker_fields, text))
        according = _according_to(sent, marks, used_marks, speaker_fields, text)
        if according:
            found = [q for q in found if not _quoted_words_of(q, according, doc, cues)]
            found.extend(according)
        _absorb_adjacent(found, sent_quoted, text)
        memory.see_sentence(sent)
        quotes.extend(found)
    quotes.extend(_colon_headlines(text, quotes, speaker_fields))
    quotes.extend(_title_attributions(text, quotes, speaker_fields))
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    quotes = _drop_overlapping(quotes)
    turns = _transcript_turns(text, speaker_fields)
    if turns:
        quotes = sorted([q for q in quotes if not any(_overlaps((q["start"], q["end"]), (t["start"], t["end"]))
                                                      for t in turns)] + turns, key=lambda q: (q["start"], q["end"]))
    quotes = _dedupe(_add_uncued(text, marks, quotes, speaker_fields))
    for q in quotes:
        _through_colon(text, q, quotes)
        _dash_signature(text, q, speaker_fields)
        q["pieces"] = _content_pieces(text, q, marks)
    return quotes


#: what a colon after a reported clause introduces, up to the end of its sentence
_AFTER_COLON = re.compile(r"[ \t]*:[ \t]+([^\n\"“”]+?[.!?]?)(?=[ \t]+[A-Z\"“]|[ \t]*\n|[ \t]*$)")


def _through_colon(text: str, q: dict, quotes: list[dict]) -> None:
    """A reported clause that announces what follows its colon goes on with it: "notes that three things
    are happening at once: home values are rising, rates are low …" (a list or an explanation, up to
    the end of its sentence; not a quotation, which is attributed on its own)."""
    if q["kind"] != "indirect" or q.get("cue_start") is None or q["cue_start"] >= q["end"]:
        return
    m = _AFTER_COLON.match(text, q["end"])
    if m is None or len(_WORDS.findall(m.group(1))) < 3 \
            or any(o is not q and o["start"] < m.end(1) and m.start(1) < o["end"] for o in quotes):
        return
    end = m.end(1) - (1 if text[m.end(1) - 1] in ".!?" else 0)
    q["end"] = end
    q["text"] = text[q["start"]:end]


#: a name signing the quotation before it: "“…” ― Jane Q. Public", "“…”\n\n- Bernie Sanders."
_SIGNATURE = re.compile(r"[ \t]*\n{0,2}[ \t]*([―—–]|--?)[ \t]*"
                        r"((?:[A-Z][\w’'.-]*|[A-Z]\.)(?:[ \t]+(?:[A-Z][\w’'.-]*|[A-Z]\.|de|del|la|van|von)){0,4})"
                        r"(?=[ \t]*(?:[.,\n“\"]|$))")


def _dash_signature(text: str, q: dict, speaker_fields) -> None:
    """A quotation with no speaker that a dash and a name close ("“…” ― Jane Q. Public") is that
    name's."""
    if q.get("speaker_start") is not None or q.get("cue_start") is not None or text[q["end"] - 1:q["end"]] not in "”\"":
        return
    m = _SIGNATURE.match(text, q["end"])
    if m is None:
        return
    end = m.end(2) - (1 if m.group(2).endswith(".") and not re.search(r"\b[A-Z]\.$", m.group(2)) else 0)
    q.update(speaker_fields(None, m.start(2), end))      # no cue: a dash is no word of the attribution


_COLON_LINE = re.compile(r"([A-Z][\w.’'&-]*(?:[ \t][\w.’'&-]+){0,3})[ \t]*:[ \t]+(\S[^\n]*)")
_NOT_SOURCES = frozenset({"the", "a", "an", "editor", "editors", "note", "latest", "daily", "update", "updated",
                          "breaking", "exclusive", "watch", "video", "photos", "photo", "live", "analysis", "opinion",
                          "editorial", "review", "related", "read", "more", "see", "also", "source", "sources",
                          "q", "a", "transcript", "correction", "warning", "note", "by", "posted", "published",
                          "tags", "filed", "share", "listen", "podcast", "episode", "part", "chapter", "day",
                          "week", "year", "today", "tonight", "why", "how", "what", "when", "who", "where"})


_TURN_LINE = re.compile(r"^[ \t]*([\"“]?)[ \t]*([A-Z][A-Z.’'-]+(?:[ \t][A-Z][A-Z.’'-]+){0,2}):[ \t]+(\S[^\n]*)", re.M)


def _transcript_turns(text: str, speaker_fields) -> list[dict]:
    """Interview and debate transcripts ("WALLACE: …" / "PENCE: …"): a paragraph opened by a speaker's
    name in capitals and a colon is that speaker's turn, the colon its cue.  Only in a dialogue (three
    such lines, two speakers or more), so one-off labels ("UPDATE:", "BYLINE:") stay out.  A turn
    inside a quotation runs on over the next paragraphs that reopen the quote (the multi-paragraph
    convention) until the next turn or a stage note ("(CROSSTALK.)")."""
    lines = [m for m in _TURN_LINE.finditer(text)
             if not any(w.lower().strip(".’'") in _NOT_SOURCES for w in m.group(2).split())]
    if len(lines) < 3 or len({m.group(2) for m in lines}) < 2:
        return []
    starts = {m.start() for m in lines}
    out = []
    for m in lines:
        end = _paragraph(text, m.start(3))[1]
        if m.group(1):
            nxt = end
            while True:
                while nxt < len(text) and text[nxt].isspace():
                    nxt += 1
                if nxt >= len(text) or text[nxt] not in "\"“" or _paragraph(text, nxt)[0] in starts \
                        or text[nxt + 1: nxt + 2] == "(" or nxt in starts:
                    break
                end = _paragraph(text, nxt)[1]
                nxt = end
        c_start, c_end = _trim(text, m.start(3), end)
        if text[c_end - 1:c_end] in "\"”" and text.count("\"", c_start, c_end) % 2 == 0:
            c_end -= 1
        if c_end - c_start < 3:
            continue
        colon = m.end(2)
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "direct",
             "cue": ":", "cue_start": colon, "cue_end": colon + 1}
        q.update(speaker_fields(None, m.start(2), m.end(2)))
        out.append(q)
    return out


def _colon_headlines(text: str, quotes: list[dict], speaker_fields) -> list[dict]:
    """A short line "Source: claim" (news headline style: "Poll: X leads Y") attributes the claim to
    the name before the colon; the colon is the cue."""
    out = []
    for m in _COLON_LINE.finditer(text):
        if m.start() and text[m.start() - 1] != "\n":
            continue
        src, claim = m.group(1), m.group(2).rstrip()
        words = src.replace("\t", " ").split()
        src_end = m.end(1)
        # "Clinton to Planned Parenthood: …": the name before the addressee ("Still to come: …" is
        # no source); "Clinton camp: …": a group named by its head
        cut = next((k for k, w in enumerate(words) if k and w == "to" and k + 1 < len(words)
                    and words[k + 1][:1].isupper()), None)
        if cut is not None:
            src_end = m.start(1) + len(" ".join(words[:cut]))
            words = words[:cut]
        if any(w.lower().strip(".’'") in _NOT_SOURCES for w in words) or any(ch.isdigit() for ch in src) \
                or not all(w[:1].isupper() or (k and w in _HEADLINE_GROUPS) for k, w in enumerate(words)) \
                or len(claim.split()) > 30 or len(claim.split()) < 3:
            continue
        c_start = m.start(2)
        c_end = m.start(2) + len(claim)
        c_start, c_end = _trim(text, c_start, c_end)
        if text[c_end - 1:c_end] in ".!?" :
            c_end -= 1
        if c_end - c_start < 3 or any(_overlaps((c_start, c_end), (q["start"], q["end"])) for q in quotes):
            continue
        colon = text.index(":", m.end(1))
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
             "cue": ":", "cue_start": colon, "cue_end": colon + 1}
        q.update(speaker_fields(None, m.start(1), src_end))
        out.append(q)
    return out


#: lower-case heads of a group named in a headline source ("Clinton camp: …", "Trump aides: …")
_HEADLINE_GROUPS = frozenset({"camp", "campaign", "aides", "aide", "allies", "team", "officials", "spokesman",
                          "spokeswoman", "lawyer", "lawyers"})


_WORDS = re.compile(r"\w+")


#: the speaker's next act between two quotations (", adding", ", going on to say"): the second is its own
_NEXT_ACT = re.compile(r"[,—–-]\s*((?:before |then |and )?(?:adding|continuing|going on to \w+|went on to \w+|"
                       r"concluding|explaining|noting|arguing|insisting|warning))\b")

#: the end of a sentence: a stop after a word that is no short abbreviation ("Sen.", "Mrs.", "D-Mo.")
_SENTENCE_END = re.compile(r"(?:\b[a-z]\w*|\b\w{4,}|\d)[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")


def _add_uncued(text: str, marks: list[tuple[int, int]], quotes: list[dict], speaker_fields) -> list[dict]:
    """Quoted passages no cue claimed: a paragraph that is only a quote continues the last speaker;
    other quotes of eight words or more are kept without a speaker; shorter ones are scare quotes or
    phrases quoted in passing (on PolNeAR train, 5-7 word ones are attributions in fewer than 3 of 10)."""
    out = list(quotes)
    q_i = 0
    last: Optional[dict] = None
    opening: Optional[dict] = None      # the last quotation closed before its cue: “A,” he said …
    ordered = sorted(quotes, key=lambda q: q["start"])

    def closed_before_cue(q: Optional[dict]) -> bool:
        return q is not None and q.get("cue_start") is not None and q["cue_start"] >= q["end"] - 1 \
            and text[q["end"] - 1] in "\"”’'\u200b"

    def splits(q: Optional[dict], m: tuple[int, int]) -> bool:
        # “A,” he said. “B.”: a quotation closed right before its cue, and a second one after the cue
        return closed_before_cue(q) and q["end"] <= m[0] and m[0] - q["end"] < 150 and q["cue_end"] <= m[0]

    for m in marks:
        while q_i < len(ordered) and ordered[q_i]["start"] < m[0]:
            if ordered[q_i].get("speaker") and not (
                    last is not None and last.get("speaker_start") is not None
                    and last["speaker_start"] <= (ordered[q_i].get("cue_start") or -1) < last["speaker_end"]):
                # an attribution inside the last speaker's description ("said Smith, who wrote about …")
                # does not take over the quotation that speaker goes on with
                last = ordered[q_i]
                if closed_before_cue(last):
                    opening = last
            q_i += 1
        if not splits(last, m) and splits(opening, m) and last is not None and last["start"] > opening["end"]:
            # “A,” said X, who has been challenging Y. “B.”: the attribution between the two parts has an
            # attribution of its own; the second part still goes with the first
            last = opening
        if any(_overlaps(m, (q["start"], q["end"])) and not (_according(q) and m[0] < q["start"] and q["end"] < m[1])
               for q in ordered[max(0, q_i - 3): q_i + 3]):
            continue   # claimed, though an 'according to' inside it leaves the quotation itself to attribute
        para = _paragraph(text, m[0])
        prev_para = _paragraph(text, max(0, para[0] - 2))[0] if para[0] > 1 and not text[para[0]:m[0]].strip() else para[0]
        if splits(last, m) and prev_para <= last["start"] \
                and re.search(r"[.,:;!?—–-][\"”’']?\s*$", text[last["cue_end"]:m[0]]):
            # “A,” he said. “B.” — the second part of a quote split by its attribution joins the first
            # (its pieces leave the attribution out), however long the attribution ("said X, a lawyer
            # who has long fought Y."); with a sentence of the writer's own after the attribution it
            # is the speaker's next quote.  (A quotation inside the attribution, "said X, who waited in
            # an “extraordinarily long line”", follows no punctuation and is not the second part.)
            act = _NEXT_ACT.search(text, last["cue_end"], m[0])
            stop = None if act is not None else _SENTENCE_END.search(text, last["cue_start"], m[0])
            if act is not None:
                # “A,” she said, going on to contrast X with Y. “B.”: B is what the next act said
                q = {"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
                     "cue": act.group(1), "cue_start": act.start(1), "cue_end": act.end(1),
                     **{k: last.get(k) for k in ("speaker", "speaker_code", "speaker_sector")},
                     "speaker_start": None, "speaker_end": None}
                out.append(q)
            elif stop is None or not _WORDS.search(text, stop.end(), m[0]):
                last["end"] = m[1]
                last["text"] = text[last["start"]:last["end"]]
            else:
                out.append({"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
                            "cue": None, "cue_start": None, "cue_end": None,
                            **{k: last.get(k) for k in ("speaker", "speaker_code", "speaker_sector")},
                            "speaker_start": None, "speaker_end": None})
            continue
        n_words = len(text[m[0]:m[1]].split())
        prior = [q for q in ordered[max(0, q_i - 3): q_i] if q["end"] <= m[0] and q.get("speaker")]
        if prior and re.fullmatch(r"['’\s]*:\s*", text[prior[-1]["end"]:m[0]]):
            # Bloomberg characterized it as 'closer than allies': "…"
            src = prior[-1]
            out.append({"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
                        **{k: src.get(k) for k in ("cue", "cue_start", "cue_end", "speaker", "speaker_code",
                                                   "speaker_sector", "speaker_start", "speaker_end")}})
            continue
        if n_words < 8:
            continue                # scare quotes ("interference") and short phrases quoted from somewhere
        standalone = not text[para[0]:m[0]].strip()
        q = {"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
             "cue": None, "cue_start": None, "cue_end": None}
        if standalone and last is not None and m[0] - last["end"] < 1500:
            q.update({k: last.get(k) for k in ("speaker", "speaker_code", "speaker_sector")})
            q.update({"speaker_start": None, "speaker_end": None})
        else:
            q.update(speaker_fields(None))
        out.append(q)
    out.sort(key=lambda q: (q["start"], q["end"]))
    return out


def _headline(text: str, sent: Span) -> bool:
    """A title-case line with no final punctuation ("China Vows To Support Russia …"), or one in strict
    title case with a stop: the parser cannot read it ("Icon Endorses Cruz." parses as a noun phrase);
    :func:`_title_attributions` and :func:`_colon_headlines` read it instead."""
    para = _paragraph(text, sent.start_char)
    line = text[para[0]:para[1]].strip()
    words = re.findall(r"[A-Za-z]+", line)
    if not words or len(words) > 25:
        return False
    if line[-1:] in ".!?\"”’:":
        return _title_case(line)
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words) and len(words) >= 3


#: words a title leaves in lower case ("Trump Calls On Obama to Resign", "Votes for the Bill")
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "for", "on", "at", "by", "and", "or", "with",
                                "as", "from", "into", "over", "about", "after", "amid", "vs", "but", "nor", "per",
                                "via", "up", "off", "out", "is", "are", "be", "if", "than", "that", "so"})
_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _title_case(line: str) -> bool:
    """Every word but the small ones capitalised, three words or more: "Blackwell Endorses Ted Cruz."."""
    words = _TITLE_WORD.findall(line)
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return 3 <= len(words) <= 25 and len(big) >= 2 and all(w[0].isupper() for w in big)


#: irregular past and present forms a title uses for a reporting verb
_IRREGULAR_VERBS = {"said": "say", "says": "say", "told": "tell", "thought": "think", "spoke": "speak",
                    "wrote": "write", "sees": "see", "saw": "see", "knew": "know", "felt": "feel"}


def _verb_lemmas(word: str) -> list[str]:
    """Candidate lemmas of a capitalised title verb ("Endorses" → endorse, "Slammed" → slam)."""
    w = word.lower()
    if w in _IRREGULAR_VERBS:
        return [_IRREGULAR_VERBS[w]]
    out = []
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    return out


def _title_attributions(text: str, quotes: list[dict], speaker_fields) -> list[dict]:
    """A headline in title case, "Source Verb Claim" ("Conservative Icon Morton Blackwell Endorses Ted
    Cruz", "Trump Calls On Obama To Resign"): the first capitalised reporting verb in a present or past
    form is the cue, the words before it the source and those after it what was said or taken a stand
    on.  Lines in sentence case are parsed like any sentence."""
    cues = cue_lexicon()
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not _title_case(line) or ":" in line or any(_overlaps((m.start(), m.end()), (q["start"], q["end"]))
                                                      for q in quotes):
            continue
        words = list(re.finditer(r"\S+", line))
        tail = _TITLE_TAIL.search(line)
        if tail and any(cues.get(l) is not None and cues[l].kind == "speech" for l in _verb_lemmas(tail.group(2))):
            # "Clinton Hid Health Problems, Former White House Doctor Says.": the claim first
            c_start, c_end = _trim(text, m.start(), m.start() + tail.start())
            q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
                 "cue": tail.group(2), "cue_start": m.start() + tail.start(2), "cue_end": m.start() + tail.end(2)}
            q.update(speaker_fields(None, m.start() + tail.start(1), m.start() + tail.end(1)))
            out.append(q)
            continue
        for k in range(1, len(words) - 1):
            word = words[k].group(0).strip(",;")
            if not word[:1].isupper() or not word.isalpha():
                continue
            cue = next((cues[l] for l in _verb_lemmas(word) if l in cues
                        and cues[l].kind in ("speech", "cognition", "attitude")), None)
            if cue is None:
                continue
            cue_end = k + 1
            if "p" in cue.complements and words[cue_end].group(0).lower() in (cue.preps or _TOPIC_PREPS_TITLE) \
                    and cue_end + 1 < len(words):
                cue_end += 1                    # "Calls On", "Votes For"
            c_start, c_end = _trim(text, m.start() + words[cue_end].start(), m.end())
            if text[c_end - 1:c_end] in ".!?":
                c_end -= 1
            s_start, s_end = m.start() + words[0].start(), m.start() + words[k - 1].end()
            if k > 8 or c_end - c_start < 3 or not text[s_start].isupper():
                break
            q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
                 "cue": text[m.start() + words[k].start(): m.start() + words[cue_end - 1].end()],
                 "cue_start": m.start() + words[k].start(), "cue_end": m.start() + words[cue_end - 1].end()}
            q.update(speaker_fields(None, *_trim(text, s_start, s_end)))
            out.append(q)
            break
    return out


#: a title ending in its source and reporting verb: "…, Lindsey Graham Says."
_TITLE_TAIL = re.compile(r",[ \t]+([A-Z][^,:;]{0,60}?)[ \t]+([A-Z][a-z]+)[.!]?[ \t]*$")

#: prepositions that go with a title's verb into its cue ("Calls For Action", "Weighs In On")
_TOPIC_PREPS_TITLE = ("for", "on", "about", "against", "to", "at", "with", "over")


def _adjacent(mark: tuple[int, int], cue: Token, subj: Optional[Token], text: str) -> bool:
    """Is the quote right before the attribution (“…,” he said) or right after it (he said, “…”)?"""
    toks = [cue] + ([subj.left_edge, subj.right_edge] if subj is not None else [])
    first = min(t.idx for t in toks)
    last = max(t.idx + len(t.text) for t in toks)
    return bool(re.fullmatch(r"[\s,]*", text[mark[1]:first]) if mark[1] <= first
                else re.fullmatch(r"[\s,:]*", text[last:mark[0]]) if last <= mark[0] else False)


def _attributes_itself(noun: Token) -> bool:
    """Is a noun a topic verb points to an attribution of its own ("pointed to Clinton's assertion that …")?
    A noun listed with its own prepositions or an infinitive is one only with a that-clause ("responded to
    the senator's remarks", "pointed to his decision to veto the bill" report the remarks and the decision)."""
    cue = cue_lexicon().get("n:" + noun.lemma_.lower())
    if cue is None:
        return False
    if not cue.preps and "x" not in cue.complements:
        return True
    return any(a.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)
               for a in noun.children)


def _object_of_cue(noun: Token) -> bool:
    """Is the noun what a reporting verb reports ("condemned Trump's call for a ban", "responded to his
    attacks on her")? Then the verb's attribution holds the noun's."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return noun.dep_ in ("dobj", "pobj") and head.i != noun.i and head.pos_ == "VERB" \
        and head.lemma_.lower() in cue_lexicon()


#: entity types of a person, group, place or time, which a stance is about or at, never what is said
_TARGET_ENTS = frozenset({"PERSON", "NORP", "GPE", "ORG", "DATE", "TIME", "LOC", "FAC"})

#: prepositions whose object a nominal cue takes unless the lexicon names its own ("criticism of X",
#: "concern about X", "warning against X")
_NOUN_PREPS = ("of", "for", "to", "about", "on", "against", "over", "that")


def _copular_claim(noun: Token, marks, speaker_fields, text: str) -> Optional[dict]:
    """"The question is whether voters will forgive him", "their fear is that the plant will close": a
    noun cue as the subject of 'be' with a that/whether clause after it; the cue runs from the noun's
    first word (not its possessor, who holds the view) to the copula."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_ != "be" or head.i < noun.i:
        return None
    comp = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i
                 and c.left_edge.lower_ in ("that", "whether") and c.left_edge.dep_ == "mark"), None)
    para = _paragraph(text, noun.idx)
    if comp is None or not para[0] <= comp.left_edge.idx < para[1]:
        return None
    c_start, c_end = _trim(text, *_span_of(list(comp.subtree)))
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    held_by = {x.i for x in poss.subtree} if poss is not None else set()
    first = min((t for t in noun.subtree if t.i not in held_by), key=lambda t: t.i)
    cue_end = head.idx + len(head.text)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": _quote_kind(marks, c_start, c_end),
         "cue": text[first.idx:cue_end], "cue_start": first.idx, "cue_end": cue_end}
    q.update(speaker_fields(poss) if poss is not None else speaker_fields(None))
    return q


def _noun_attribution(noun: Token, marks, speaker_fields, text: str, cue: Optional[Cue] = None) -> Optional[dict]:
    """"Clinton's criticism of Trump", "his assertion that …": content from the noun's complement.
    Nouns listed with complement ``c`` ("statement") take only a that-clause or a 'saying …' clause:
    their 'of'/'on' phrases name a topic or an owner, not what was said.  Nouns listed with their own
    prepositions ("comments on X", "views on X", "her call for X") take those prepositions' objects,
    unless the object is a name, a pronoun or a date ("his view of NATO", "remarks on Saturday": a
    target or a time) or the noun is itself what a reporting verb reports ("condemned his call for X").
    Nouns listed with ``x`` take a to-infinitive right after them ("his promise to cut taxes")."""
    para = _paragraph(text, noun.idx)
    content = None
    takes_clause = cue is not None and "c" in cue.complements
    takes_prep = cue is None or not cue.complements or "p" in cue.complements
    for child in noun.children:
        if not para[0] <= child.idx < para[1]:
            continue
        if child.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" and c.dep_ == "mark" for c in child.children):
            content = list(child.subtree)
            break
        if takes_clause and child.dep_ == "acl" and child.lower_ in ("saying", "stating", "declaring", "warning") \
                and child.i == noun.i + 1:
            content = [t for c in child.children if c.dep_ == "ccomp" for t in c.subtree]
            break
        if cue is not None and "x" in cue.complements and child.dep_ == "acl" and child.left_edge.lower_ == "to" \
                and child.left_edge.i == noun.i + 1:
            content = list(child.subtree)       # "his promise to build a wall", "her refusal to testify"
            break
        if not takes_prep:
            continue
        if child.dep_ == "prep" and child.lower_ in ((cue.preps if cue is not None else ()) or _NOUN_PREPS):
            objs = _prep_objects(child)
            if objs and cue is not None and cue.preps and (_object_of_cue(noun) or any(
                    o.dep_ == "pobj" and (o.ent_type_ in _TARGET_ENTS or o.pos_ in ("PROPN", "PRON"))
                    for o in child.children)):
                return None     # "his view of NATO", "remarks on Saturday": a target or a time, no content
            if objs:
                content = objs
                break
    bounds = _content_bounds(text, content)
    if bounds is None:
        return None
    c_start, c_end = bounds
    source = None
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            source = child
    kind = _quote_kind(marks, c_start, c_end)
    cue_end = _cue_through(noun.doc, noun.idx + len(noun.text), c_start)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
         "cue": text[noun.idx:cue_end], "cue_start": noun.idx, "cue_end": cue_end}
    if source is not None:
        left = source.left_edge if source.dep_ == "poss" else source      # "the senator's": with its determiner
        s_start, s_end = _trim(text, left.idx, source.idx + len(source.text))
        if text[s_end - 2:s_end] in ("'s", "’s"):
            s_end -= 2
        q.update(speaker_fields(None, s_start, s_end))
        case = next((c for c in source.children if c.dep_ == "case" and c.i == source.i + 1), None)
        if case is not None:
            q["speaker_end"] = case.idx + len(case.text)  # the mention keeps its "'s" ("Trump's claim")
    else:
        q.update(speaker_fields(None))
    return q


def _adjective_attribution(adj: Token, cue: Cue, marks, speaker_fields, text: str) -> Optional[dict]:
    """A stance stated with an adjective: "Republicans were critical of the deal", "she is hopeful
    that …", "he was quick to blame …": content from the adjective's complement, speaker the subject."""
    para = _paragraph(text, adj.idx)
    content = None
    for child in adj.children:
        if not para[0] <= child.idx < para[1] or child.i < adj.i:
            continue
        if (child.dep_ == "ccomp" and "c" in cue.complements) or (child.dep_ == "xcomp" and "x" in cue.complements):
            content = list(child.subtree)
            break
        if child.dep_ == "prep" and "p" in cue.complements \
                and child.lower_ in (cue.preps or ("of", "about", "with", "over", "on", "toward", "towards", "at")):
            objs = _prep_objects(child)
            if objs:
                content = objs
                break
    bounds = _content_bounds(text, content)
    if bounds is None:
        return None
    c_start, c_end = bounds
    kind = _quote_kind(marks, c_start, c_end)
    cue_start = adj.idx
    if adj.head.lemma_ == "be" and adj.head.i < adj.i and adj.head.i >= adj.i - 3:
        cue_start = adj.head.idx        # "were frustrated": the copula belongs to the cue
    cue_end = _cue_through(adj.doc, adj.idx + len(adj.text), c_start)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": kind,
         "cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end}
    subj = _subject(adj.head) if adj.head.i != adj.i else None
    q.update(speaker_fields(subj) if subj is not None else speaker_fields(None))
    return q


def _copular_stance(be: Token, marks, speaker_fields, text: str) -> Optional[dict]:
    """"Most Republicans are against the deal": a stance stated with the copula and 'against'."""
    against = next((c for c in be.children if c.dep_ == "prep" and c.lower_ == "against" and c.i > be.i), None)
    subj = next((c for c in be.children if c.dep_ == "nsubj" and c.i < be.i), None)
    bounds = _content_bounds(text, _prep_objects(against)) if against is not None and subj is not None else None
    if bounds is None:
        return None
    cue_end = against.idx + len(against.text)
    q = {"text": text[bounds[0]:bounds[1]], "start": bounds[0], "end": bounds[1], "kind": _quote_kind(marks, *bounds),
         "cue": text[be.idx:cue_end], "cue_start": be.idx, "cue_end": cue_end}
    q.update(speaker_fields(subj))
    return q


#: verbs whose object is a stance someone else took on the subject ("Rubio has won support from governors")
_RECEIVING_VERBS = frozenset({"draw", "receive", "win", "earn", "attract", "garner"})

#: stances received: support, not criticism ("the proposal drew criticism", "came under fire/scrutiny" are
#: the writer's account of a reaction far more often than an attribution in PolNeAR)
_RECEIVED_STANCES = frozenset({"support", "backing", "endorsement", "praise"})


def _received_stance(verb: Token, marks, speaker_fields, text: str) -> Optional[dict]:
    """"Rubio has won support from governors", "the bill drew praise": a stance taken on the subject, by
    the 'from' phrase (or no one named)."""
    para = _paragraph(text, verb.idx)
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or (subj.pos_ == "PRON" and subj.tag_ != "PRP") or not para[0] <= subj.idx:
        return None
    stance = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if stance is None or stance.lemma_.lower() not in _RECEIVED_STANCES:
        return None
    source = next((o for p in list(verb.children) + list(stance.children)
                   if p.dep_ == "prep" and p.lower_ == "from" and p.i > stance.i
                   for o in p.children if o.dep_ == "pobj"), None)
    c_start, c_end = _trim(text, *_span_of(subj.subtree))
    cue_end = stance.idx + len(stance.text)
    q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": _quote_kind(marks, c_start, c_end),
         "cue": text[verb.idx:cue_end], "cue_start": verb.idx, "cue_end": cue_end}
    if source is not None:
        s_start, s_end = _trim(text, *_span_of(source.subtree))
        q.update(speaker_fields(None, s_start, s_end))
    else:
        q.update(speaker_fields(None))
    return q


#: data sources whose 'in' phrase attributes a finding: "In the latest poll, …"
_POLL_NOUNS = frozenset({"poll", "survey"})


def _polls(prep: Token) -> list[Token]:
    """The poll or survey an 'in' phrase names ("in a CNN poll")."""
    return [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in _POLL_NOUNS]


def _reportedly(sent: Span, marks, speaker_fields, text: str) -> list[dict]:
    """'X is reportedly considering a run': the clause the adverb modifies is attributed to unnamed
    reports (cue 'reportedly', no speaker).  'allegedly' and 'apparently' mostly hedge the writer's own
    account and are left alone."""
    out = []
    for tok in sent:
        if tok.lower_ != "reportedly" or tok.dep_ != "advmod" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        head = tok.head
        toks = [t for t in head.subtree if not (t.dep_ == "punct" and t.head.i == head.i
                                                and t.i == head.right_edge.i)]
        para = _paragraph(text, tok.idx)
        toks = [t for t in toks if para[0] <= t.idx < para[1]]
        bounds = _content_bounds(text, toks)
        if bounds is None or len(toks) < 3:
            continue
        c_start, c_end = bounds
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end,
             "kind": _quote_kind(marks, c_start, c_end),
             "cue": tok.text, "cue_start": tok.idx, "cue_end": tok.idx + len(tok.text)}
        q.update(speaker_fields(None))
        out.append(q)
    return out


def _according_to(sent: Span, marks, used_marks, speaker_fields, text: str) -> list[dict]:
    out = []
    for tok in sent:
        after_clause = False
        if tok.lower_ == "in" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX") and tok.i < tok.head.i:
            # "In the latest poll, Clinton led by 5 points": a poll set before the clause is its source
            objs = _polls(tok)
            after = tok.right_edge.i + 1
            if not objs or after >= len(sent.doc) or sent.doc[after].text != ",":
                continue
            to = tok
        elif tok.lower_ == "in" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX") and tok.i > tok.head.i \
                and any(c.dep_ in _SUBJ and c.i < tok.head.i for c in tok.head.children) \
                and tok.head.lemma_.lower() not in cue_lexicon() and tok.head.dep_ == "ROOT" \
                and not any(_overlaps(m, (sent.start_char, sent.end_char)) for m in marks):
            # "Clinton held a 24-point lead in a CNN poll", "Trump is ahead in the polls": a poll after the
            # clause it measured (not "said in a poll", which the verb attributes)
            objs = _polls(tok)
            if not objs:
                continue
            to = tok
            after_clause = True
        elif tok.lower_ != "according" or tok.i + 1 >= len(sent.doc) or sent.doc[tok.i + 1].lower_ != "to":
            continue
        else:
            to = sent.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        src = objs[0]
        if src.lemma_.lower() in _STATEMENT_HEADS:
            by = [o for c in src.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                  for o in c.children if o.dep_ == "pobj"]
            if by:
                src = by[0]
                src_start, src_end = _span_of(src.subtree)
            else:
                src_start, src_end = _span_of(objs[0].subtree)
        else:
            src_start, src_end = _span_of(objs[0].subtree)
        src_start, src_end = _trim(text, src_start, src_end)
        phrase = list(tok.subtree)
        p_start, p_end = _span_of(phrase + [to, *objs[0].subtree])
        para = _paragraph(text, tok.idx)
        # an 'according to' inside a quotation attributes words of that quotation only
        inside = next((m for m in marks if m[0] < tok.idx and p_end <= m[1]), None)
        lo, hi = (inside[0] + 1, inside[1] - 1) if inside else (sent.start_char, sent.end_char)
        # content: the sentence minus the attribution phrase
        left = _trim(text, max(sent.start_char, para[0], lo), p_start)
        right = _trim(text, p_end, min(sent.end_char, para[1], hi))
        if right[1] > right[0] and text[right[1] - 1] in ".!?" and not text[right[1] - 1: right[1]] in "”\"":
            right = (right[0], right[1] - 1)
        if after_clause:
            # the clause the poll measured: from its subject up to the poll
            left = _trim(text, max(left[0], tok.head.left_edge.idx), p_start)
        if after_clause or left[1] - left[0] >= right[1] - right[0]:
            c_start, c_end = left
        else:
            c_start, c_end = right
        if c_end - c_start < 3:
            continue
        for k, m in enumerate(marks):
            if _overlaps(m, (c_start, c_end)) and m != inside:   # the quotation itself is still to attribute
                used_marks.add(k)
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
             "cue": text[tok.idx: to.idx + len(to.text)], "cue_start": tok.idx, "cue_end": to.idx + len(to.text)}
        q["kind"] = _quote_kind(marks, c_start, c_end)
        q.update(speaker_fields(None, src_start, src_end))
        out.append(q)
    return out


def _quoted_words_of(q: dict, according: list[dict], doc: Doc, cues: dict) -> bool:
    """"The two presidents discussed “growing dangers …”, according to Z": a direct quote that a verb
    other than a speech verb takes as object, inside what 'according to Z' reports, is Z's wording."""
    if q["kind"] != "direct" or q.get("cue_end") is None:
        return False
    tok = doc.char_span(q["cue_end"] - 1, q["cue_end"], alignment_mode="expand")
    cue = cues.get(tok.root.lemma_.lower()) if tok is not None and len(tok) else None
    if cue is not None and cue.kind == "speech" and tok.root.lemma_.lower() not in _TOPIC_VERBS | {"discuss"}:
        return False
    return any(a["start"] <= q["start"] and q["end"] <= a["end"] for a in according)


def _absorb_adjacent(found: list[dict], sent_marks: list[tuple[int, int]], text: str) -> None:
    """Extend a quote over quoted passages that follow it: “a,” “b,” and “c”."""
    for q in found:
        for m in sent_marks:
            if m[0] >= q["end"] and re.fullmatch(r"[\s,;]*(?:and|or)?[\s,]*", text[q["end"]:m[0]]):
                q["end"] = m[1]
                q["text"] = text[q["start"]:q["end"]]


def _according(q: dict) -> bool:
    return (q.get("cue") or "").lower() == "according to"


def _nested_source(inner: dict, outer: dict) -> bool:
    """``inner`` is an 'according to Z' inside the quotation ``outer`` of another speaker: Bloomberg's
    quoted words "Xi hailed relations …, according to the Kremlin, …" are both Bloomberg's and,
    within them, the Kremlin's."""
    return (_according(inner) and outer["kind"] == "direct" and outer["start"] < inner["start"]
            and inner["end"] < outer["end"] and inner.get("speaker") != outer.get("speaker"))


def _drop_overlapping(found: list[dict]) -> list[dict]:
    """Of quotes sharing most of their content, keep the best attributed one."""
    def rank(q: dict) -> tuple:
        return (q.get("speaker") is not None, (q.get("cue") or "").lower() != "according to",
                q["end"] - q["start"])
    # overlapping quotes form clusters (a sweep over start order); each cluster keeps its best members
    clusters: list[list[dict]] = []
    reach = -1
    for q in sorted(found, key=lambda q: (q["start"], q["end"])):
        if clusters and q["start"] < reach:
            clusters[-1].append(q)
            reach = max(reach, q["end"])
        else:
            clusters.append([q])
            reach = q["end"]
    kept: list[dict] = []
    for cluster in clusters:
        chosen: list[dict] = []
        for q in sorted(cluster, key=rank, reverse=True):
            length = max(1, q["end"] - q["start"])
            if any(min(q["end"], k["end"]) - max(q["start"], k["start"])
                   > 0.5 * (max if _according(q) or _according(k) else min)(length, k["end"] - k["start"])
                   and not _nested_source(q, k) and not _nested_source(k, q)
                   for k in chosen):
                continue
            chosen.append(q)
        kept.extend(chosen)
    kept.sort(key=lambda q: (q["start"], q["end"]))
    return kept


_WORD_CHAR = re.compile(r"\w")


def _content_pieces(text: str, q: dict, marks: list[tuple[int, int]]) -> list[list[int]]:
    """The content in pieces, without the attribution that interrupts it: "“A,” he said, “B.”" is
    [“A,”] + [“B.”]; "The museum, Mr. Obama said, would make …" is [The museum] + [would make …];
    "peacekeepers have been accused of hurting …" is [peacekeepers] + [of hurting …].

    The holes are the cue and speaker spans inside the content but outside every quotation; a hole
    between two quotations takes the whole stretch between them ("he said, referring to …"), other
    holes take the punctuation around them.  Pieces are ``[start, end]`` character offsets; a
    content with nothing inside it is one piece."""
    s, e = q["start"], q["end"]
    inside = [m for m in marks if s <= m[0] and m[1] <= e]     # quotations within the content
    holes = []
    for a, b in ((q.get("cue_start"), q.get("cue_end")), (q.get("speaker_start"), q.get("speaker_end"))):
        if a is None or b is None or b <= s or a >= e or any(m[0] <= a < m[1] for m in marks):
            continue
        holes.append([max(a, s), min(b, e)])
    if not holes:
        a, b = _trim_connectives(text, s, e)
        return [[a, b]] if _WORD_CHAR.search(text, a, b) else [[s, e]]
    holes.sort()
    merged = [holes[0]]
    for a, b in holes[1:]:
        if a <= merged[-1][1] or not _WORD_CHAR.search(text, merged[-1][1], a):
            merged[-1][1] = max(merged[-1][1], b)               # "Mr. Obama said", "said Blair"
        else:
            merged.append([a, b])
    for hole in merged:
        prev_end = max((m[1] for m in inside if m[1] <= hole[0]), default=None)
        next_start = min((m[0] for m in inside if m[0] >= hole[1]), default=None)
        if prev_end is not None and not _WORD_CHAR.search(text, prev_end, hole[0]):
            hole[0] = prev_end                                  # the quotation closes before the attribution
            if next_start is not None:
                hole[1] = next_start                            # “A,” he said, referring to X, “B.”
                continue
        while hole[0] > s and (text[hole[0] - 1].isspace() or text[hole[0] - 1] in ",;—–-("):
            hole[0] -= 1
        while hole[1] < e and (text[hole[1]].isspace() or text[hole[1]] in ",;—–-)"):
            hole[1] += 1                                        # "The test, North Korea said, was …"
    pieces, at = [], s
    for a, b in merged:
        if a > at:
            pieces.append(_trim_piece(text, at, a))
        at = max(at, b)
    if at < e:
        pieces.append(_trim_piece(text, at, e))
    pieces = [list(_trim_connectives(text, a, b)) for a, b in pieces]
    pieces = [[a, b] for a, b in pieces if b > a and _WORD_CHAR.search(text, a, b)]
    return pieces or [[s, e]]


#: a sentence connective opening a reported clause ("But the goal is …, according to X") links it to
#: the writer's text, not to what was said; a conjunction or 'as' left dangling at the end of a
#: content ("… would be more intense — and", "… had a gun, as") belongs to what follows
_LEADING_CONNECTIVE = re.compile(r"(?:but|and|however|yet|moreover|meanwhile|in addition)\b,?\s+(?=\w)", re.I)
_TRAILING_CONJUNCTION = re.compile(r"(?:[\s,;]|[—–-])+(?:and|or|but|as)[\s,;—–-]*$", re.I)


def _trim_connectives(text: str, start: int, end: int) -> tuple[int, int]:
    """A piece without a sentence connective before it or a conjunction left dangling after it (only
    outside quotation marks: a quotation keeps its words)."""
    lead = _LEADING_CONNECTIVE.match(text, start, end)
    if lead:
        start = lead.end()
    tail = _TRAILING_CONJUNCTION.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def _trim_piece(text: str, start: int, end: int) -> tuple[int, int]:
    """A piece without the spaces and separating commas around it (its quote marks stay)."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _dedupe(quotes: list[dict]) -> list[dict]:
    """Drop exact duplicates; a content nested in another with the same cue keeps the outer."""
    out: list[dict] = []
    seen: set[tuple] = set()
    for q in quotes:
        key = (q["start"], q["end"])
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out


# ---------------------------------------------------------------------------------------------
# spaCy component and JSONL building block

@Language.factory("storyline_quotes", assigns=["doc._.quotes"], requires=["token.dep", "token.lemma"])
def make_quote_extractor(nlp: Language, name: str) -> "QuoteExtractor":
    return QuoteExtractor()


class QuoteExtractor:
    """spaCy component: ``doc._.quotes`` = list of quote dicts."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc)
        return doc


_JSONL_FIELDS = ("start", "end", "text", "speaker", "speaker_start", "speaker_end", "kind", "cue",
                 "speaker_code", "pieces")


def _record_doc(nlp: Language, record: dict) -> Doc:
    """A Doc for a JSONL record; its ``dct``/``date`` (if any) dates the speakers' roles."""
    doc = nlp.make_doc(record["text"])
    date = record.get("dct") or record.get("date")
    doc._.dct = date if isinstance(date, str) else None
    return doc


def quotes_jsonl(records: Iterable[dict], *, model: Optional[str] = None,
                 batch_size: int = 16) -> Iterator[dict]:
    """``{id, text}`` records (optionally ``dct``) → ``{id, quotes: [...]}``, one per input, in order;
    a record with ``error``, without text, or whose analysis fails gives ``{id, quotes: [], error}``."""
    from ..nlp import annotate_records, load_nlp

    return annotate_records(
        records, load=lambda: load_nlp(model) if model else load_nlp(), field="quotes", make_doc=_record_doc,
        extract=lambda doc: [{k: q.get(k) for k in _JSONL_FIELDS} for q in (doc._.quotes or ())],
        batch_size=batch_size)
