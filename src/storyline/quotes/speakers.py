"""Speakers: the mention a cue's subject spans, what it stands for (pronouns and group or statement
nouns resolved through a discourse memory) and its actor codes."""
from __future__ import annotations

import bisect
import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .lexicon import word_set
from .spans import SUBJ, paragraph, span_of, trim


def _resolver():
    try:
        from ..actors import resolve_actor
    except ImportError:
        return None
    return resolve_actor


class Memory:
    """Discourse memory for speaker resolution: last named person, last group, statement owner."""

    def __init__(self, doc: Optional[Doc] = None, marks: Optional[list[tuple[int, int]]] = None) -> None:
        self.marks = marks or []           # quotation spans (sorted): a subject inside one is the quoted speaker's
        self.person: Optional[str] = None
        self.persons: list[str] = []           # distinct full names, most recent last
        # the last person named as a sentence's subject (the salient one a "he said" goes on with) and
        # how many sentences ago: a person only mentioned in between ("Gaddafi's forces") does not take over
        self.subject_person: Optional[str] = None
        self.subject_age = 0
        self.organisation: Optional[str] = None      # the last organisation named: what an "it said" is
        self.group: Optional[list[str]] = None
        self.group_age = 0
        self.group_subject = False      # the group was a coordinated subject ("Putin and Xi said")
        # the last plural subject that can speak ("rights groups", "Russia and China", "the rebels") and how
        # many sentences ago: the group a "they said" goes on with, unless a pair of names came after it
        self.plural_subject: Optional[list[str]] = None
        self.plural_age = 0
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
        self.subject_age += 1
        self.group_age += 1
        self.plural_age += 1
        for e in people:
            name = self.full_name(e.text)
            if name in self.persons:
                self.persons.remove(name)
            self.persons.append(name)
            self.person = name
            if _is_subject(e.root):
                self.subject_person, self.subject_age = name, 0
        orgs = [e for e in sent.ents if e.label_ == "ORG"]
        if orgs:
            self.organisation = orgs[-1].text
        self._see_groups(sent, people)
        self._see_plural_subject(sent)

    def _see_plural_subject(self, sent: Span) -> None:
        from .agency import can_speak_token
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON" or tok.head.dep_ == "relcl" \
                    or self.quoted(tok.idx):
                continue
            conj = [t for t in tok.conjuncts if t.i > tok.i]
            if not (tok.tag_ in ("NNS", "NNPS") or conj) or not can_speak_token(tok):
                continue
            if conj:
                self.plural_subject = [_ent_text(t) if t.ent_type_ else t.text for t in [tok, *conj]]
            else:
                words = [t for t in sent.doc[tok.left_edge.i: tok.i + 1] if t.dep_ != "det" or t.i > tok.left_edge.i]
                self.plural_subject = [sent.doc[words[0].i: tok.i + 1].text if words else tok.text]
            self.plural_age = 0

    def quoted(self, idx: int) -> bool:
        """Is the character offset inside quotation marks?"""
        k = bisect.bisect_right(self.marks, (idx, float("inf"))) - 1
        return k >= 0 and self.marks[k][0] < idx < self.marks[k][1]

    def plural(self) -> Optional[list[str]]:
        """Whom a "they" stands for: the last plural subject unless a group of names came after it."""
        if self.plural_subject and (self.group is None or self.plural_age < self.group_age
                                    or (self.plural_age == self.group_age and not self.group_subject)):
            return list(self.plural_subject)
        return list(self.group) if self.group else None

    def salient_person(self) -> Optional[str]:
        """Whom a singular pronoun stands for: the last subject person of the last few sentences, else
        the last person named."""
        if self.subject_person and self.subject_age <= _SUBJECT_REACH:
            return self.subject_person
        return self.person

    def _see_groups(self, sent: Span, people: list[Span]) -> None:
        # "Putin and Xi", "Putin, Xi" coordinated as one subject → a group
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ != "relcl" \
                    and any(c.dep_ == "conj" for c in tok.children):
                members = [t for t in [tok, *tok.conjuncts] if t.ent_type_ == "PERSON"]
                group = [self.full_name(_ent_text(t)) for t in members]
                if len(group) >= 2 and all(_plain_name(g) for g in group):
                    self.group, self.group_age, self.group_subject = group, 0, True
        names = []
        for e in people:
            name = self.full_name(e.text)
            if name not in names and _plain_name(name):
                names.append(name)
        if len(names) >= 2 and not (self.group_age == 0 and self.group_subject):
            self.group, self.group_age, self.group_subject = names[-2:], 0, False
        low = sent.text.lower()
        if any(h in low for h in word_set("statement_nouns")):
            owner = _statement_owner(sent)
            if owner is None:
                for tok in sent:
                    if tok.lemma_.lower() in word_set("statement_nouns") and tok.dep_ == "dobj":
                        subj = subject(tok.head)
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


#: sentences over which a subject person stays the antecedent of a singular pronoun
_SUBJECT_REACH = 3


def _is_subject(tok: Token) -> bool:
    """Is the name's head the subject of its clause ("Tarhouni said", "said rebel fighter Yasser",
    "Salam, the envoy, said"), through name parts and appositions?"""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("compound", "appos", "flat") or tok.head is tok:
            return False
        tok = tok.head
    return False


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
        if tok.lemma_.lower() in word_set("statement_nouns"):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        sub = list(objs[0].subtree)
                        return [sent.doc[sub[0].i: sub[-1].i + 1].text]
    return None


def _resolve_names(mention: str, head: Optional[Token], memory: Memory) -> list[str]:
    """What a speaker mention stands for: one or more names (unresolved text if nothing better)."""
    low = mention.lower().strip()
    if head is not None and low in ("who", "that", "which") and head.head.dep_ == "relcl":
        antecedent = head.head.head          # "Beck, who said …" → Beck
        mention, head = _ent_text(antecedent), antecedent
        low = mention.lower()
    words = set(re.findall(r"[a-z]+", low))
    if low in word_set("singular_pronouns") and head is not None and (bound := _clause_subject_person(head)):
        return [memory.full_name(bound)]
    if low in word_set("singular_pronouns") and memory.person:
        return [memory.salient_person()]
    if low in word_set("organisation_pronouns") and memory.organisation:
        return [memory.organisation]
    if low in word_set("plural_pronouns") and memory.plural():
        return memory.plural()
    if words & word_set("statement_nouns") and len(words) <= 4:
        if memory.statement:
            return list(memory.statement)
        if memory.group:
            return list(memory.group)
    if (words & word_set("group_heads")) and len(words) <= 4 and memory.group and not (head is not None and head.ent_type_):
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


def _clause_subject_person(pronoun: Token) -> Optional[str]:
    """The person a pronoun in a clause under the sentence's main clause stands for: that main clause's
    subject ("Salabi took a swipe at groups he said were …", "From what he said was a suburb, Ibrahim
    derided …"); None for the main clause's own subject."""
    root = pronoun.sent.root
    if pronoun.head.i == root.i or pronoun.head.dep_ in ("conj", "ccomp"):
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i == pronoun.i or subj.ent_type_ != "PERSON":
        return None
    return _ent_text(subj)


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


def subject(verb: Token) -> Optional[Token]:
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
    para = paragraph(text, subj.idx)
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
    start, end = span_of(toks or [subj])
    return trim(text, start, end)


def outer_speaker(verb: Token, cues: dict) -> Optional[Token]:
    """The speaker of a reporting verb that continues another one from inside its reported clause:
    "X said Y, arguing …" and "X said Y and called …" (cut off that content by :func:`cut_tail`)."""
    doc = verb.doc
    after_comma = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") and verb.i > 0 \
        and doc[verb.i - 1].text in (",", "—", "--")
    bare_conj = verb.dep_ == "conj" and not any(c.dep_ in SUBJ for c in verb.children)
    if not (after_comma or bare_conj):
        return None
    tok = verb.head
    for _ in range(8):
        if tok.dep_ == "ccomp" and tok.head.i < verb.i:
            outer = tok.head
            cue = cues.get(outer.lemma_.lower())
            if cue is not None and cue.kind == "speech":
                return subject(outer)
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_NO_SPEAKER = {"speaker": None, "speaker_code": None, "speaker_sector": None, "speaker_start": None, "speaker_end": None}


class SpeakerFields:
    """The speaker fields of a quote (``speaker``, ``speaker_code``, ``speaker_sector``, ``speaker_start``,
    ``speaker_end``) for a subject token or a character span, resolved through the document's memory
    and, with ``code``, coded to actors."""

    def __init__(self, doc: Doc, text: str, memory: Memory, *, code: bool = True) -> None:
        self.doc, self.text, self.memory, self.code = doc, text, memory, code
        self.actors = list(doc._.actors or ())
        self.dct = doc._.dct

    def __call__(self, subj: Optional[Token], start: Optional[int] = None, end: Optional[int] = None) -> dict:
        if subj is None and start is None:
            return dict(_NO_SPEAKER)
        if subj is not None:
            start, end = _speaker_span(subj, self.text)
        mention = self.text[start:end]
        head = subj
        if head is None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
        names = _resolve_names(mention, head, self.memory)
        head_end = head.idx + len(head) if head is not None else None
        code, sector = None, None
        if self.code:
            code, sector = _code_names(names, mention, self.dct, self.actors, start, end, head_end)
        speaker = " and ".join(names) if len(names) > 1 else names[0]
        return {"speaker": speaker, "speaker_code": code, "speaker_sector": sector,
                "speaker_start": start, "speaker_end": end}

    def within(self, subj: Optional[Token], para: tuple[int, int]) -> dict:
        """The fields of a subject, cut to the paragraph of its cue (a subject the parse ran over from
        another paragraph keeps only its words in this one, or is no speaker)."""
        if subj is None or para[0] <= subj.idx < para[1]:
            return self(subj)
        inside = [t for t in subj.subtree if para[0] <= t.idx < para[1] and not t.is_space]
        if not inside:
            return self(None)
        return self(None, *trim(self.text, *span_of(inside)))
