"""Drop-ins for the rule components: :class:`CachedAttributeRuler` and :class:`CachedLemmatizer`.

Their results depend only on a few attributes of each token, which repeat heavily, so both are
computed once per distinct key (see :mod:`storyline.nlp.fast`).
"""
from __future__ import annotations

import re
from typing import Optional

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from .base import DropIn

__all__ = ["CachedAttributeRuler", "CachedLemmatizer", "ruler_mismatch", "lemmatizer_mismatch"]

#: token attributes a single-token pattern may test, in the order of the per-token key
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_KEY_IDS = [TAG, LOWER, DEP, IS_SPACE]
#: token attributes the attribute ruler may set here
_SET_IDS = [TAG, POS, MORPH, LEMMA, DEP]


def _predicate(value):
    """A test on one attribute's string (or bool) value, or None for a form not handled here."""
    if isinstance(value, bool):
        return lambda v, want=value: v == want
    if isinstance(value, str):
        return lambda v, want=value: v == want
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return lambda v, allowed=frozenset(arg): v in allowed
        if op == "NOT_IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return lambda v, banned=frozenset(arg): v not in banned
        if op == "REGEX" and isinstance(arg, str):
            return lambda v, rx=re.compile(arg): v is not None and bool(rx.search(v))
    return None


def _token_test(token_pattern: dict):
    """One single-token pattern as (test on the key (tag, lower, dep, is_space), anchor), or None.

    The anchor, ``(position, string)`` of an exact TAG or LOWER value, says which keys can match at all."""
    tests = []
    for attr, value in token_pattern.items():
        if attr not in _KEY_ATTRS:
            return None
        if (attr == "IS_SPACE") != isinstance(value, bool):
            return None
        test = _predicate(value)
        if test is None:
            return None
        tests.append((_KEY_ATTRS.index(attr), test))
    anchor = next(((_KEY_ATTRS.index(attr), token_pattern[attr]) for attr in ("TAG", "LOWER")
                   if isinstance(token_pattern.get(attr), str)), None)
    return (lambda key: all(test(key[i]) for i, test in tests)), anchor


class CachedAttributeRuler(DropIn):
    """:class:`AttributeRuler` with its token tests evaluated once per distinct token key."""

    def _stale(self) -> bool:
        return self.wrapped.matcher is not self._seen_matcher or len(self.wrapped.attrs) != self._seen_rules

    def _rebuild(self) -> None:
        """Take over the ruler's rules: token tests evaluated here, a Matcher for any other form."""
        ruler = self.wrapped
        self._seen_matcher, self._seen_rules = ruler.matcher, len(ruler.attrs)
        self.vocab = ruler.vocab
        # Rules that set anything but these attributes leave the whole job to the wrapped ruler.
        self._fallback = any(set(attrs) - set(_SET_IDS) for attrs in ruler.attrs)
        # single-token rules: (rule number, test), by anchor (position, string) or without one
        self._anchored: dict[tuple[int, str], list[tuple[int, object]]] = {}
        self._unanchored: list[tuple[int, object]] = []
        # fixed-length multi-token rules: (rule number, target offset, token tests)
        self._sequences: list[tuple[int, int, list]] = []
        self._matcher = Matcher(ruler.vocab, validate=False)  # every other rule
        self._has_matcher_rules = False
        # Words that some LOWER test here can accept: other words key as "no word" (fewer keys).
        self._lower_words: set[str] = set()
        self._lower_regexes: list = []
        self._every_lower = False
        for i in range(len(ruler.attrs)):
            _key, patterns = ruler.matcher.get(str(i))
            tests = [_token_test(token) for token in patterns[0]] if len(patterns) == 1 else [None]
            index = ruler.indices[i]
            if all(tests) and -len(tests) <= index < len(tests):
                for token in patterns[0]:
                    self._note_lower(token.get("LOWER"))
                if len(tests) == 1:
                    test, anchor = tests[0]
                    if anchor is None:
                        self._unanchored.append((i, test))
                    else:
                        self._anchored.setdefault(anchor, []).append((i, test))
                else:
                    self._sequences.append((i, index % len(tests), [test for test, _ in tests]))
            else:
                self._matcher.add(ruler.vocab.strings.add(str(i)), patterns)
                self._has_matcher_rules = True
        self._lower_class: dict[int, int] = {}            # LOWER hash -> itself, or 0: no test accepts it
        # per distinct key: its row in the tables below
        self._row_of: dict[tuple, int] = {}
        self._rules: list[tuple[int, ...]] = []           # single-token rules that match
        self._starts: list[tuple[int, ...]] = []          # sequences whose first test passes
        self._text_keys: list[tuple] = []
        self._values = numpy.zeros((256, len(_SET_IDS)), dtype="uint64")   # merged values per row
        self._is_set = numpy.zeros((256, len(_SET_IDS)), dtype=bool)       # which of them are set

    def _note_lower(self, value) -> None:
        if value is None:
            return
        if isinstance(value, str):
            self._lower_words.add(value)
        elif isinstance(value, dict) and set(value) == {"IN"}:
            self._lower_words.update(value["IN"])
        elif isinstance(value, dict) and set(value) == {"REGEX"}:
            self._lower_regexes.append(re.compile(value["REGEX"]))
        else:
            self._every_lower = True

    def _classify_lower(self, lower: int) -> int:
        word = self.vocab.strings[lower] if lower else ""
        keep = (self._every_lower or word in self._lower_words
                or any(rx.search(word) for rx in self._lower_regexes))
        self._lower_class[lower] = lower if keep else 0
        return self._lower_class[lower]

    def _merged(self, rules) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """The attribute values (in :data:`_SET_IDS` order) that ``rules`` applied in turn leave, and
        which of them they set."""
        merged: dict = {}
        for i in sorted(rules):
            merged.update(self.wrapped.attrs[i])
        return (tuple(merged.get(a, 0) for a in _SET_IDS), tuple(a in merged for a in _SET_IDS))

    def _add_key(self, key: tuple) -> int:
        strings = self.vocab.strings
        tag, lower, dep, is_space = key
        text_key = (strings[tag] if tag else "", strings[lower] if lower else None,
                    strings[dep] if dep else "", bool(is_space))
        candidates = [*self._anchored.get((0, text_key[0]), ()), *self._anchored.get((1, text_key[1]), ()),
                      *self._unanchored]
        rules = tuple(i for i, test in candidates if test(text_key))
        self._rules.append(rules)
        self._starts.append(tuple(n for n, (_i, _index, tests) in enumerate(self._sequences)
                                  if tests[0](text_key)))
        self._text_keys.append(text_key)
        row = self._row_of[key] = len(self._rules) - 1
        if row == len(self._values):
            self._values = numpy.concatenate([self._values, numpy.zeros_like(self._values)])
            self._is_set = numpy.concatenate([self._is_set, numpy.zeros_like(self._is_set)])
        self._values[row], self._is_set[row] = self._merged(rules)
        return row

    def _annotate(self, doc: Doc) -> Doc:
        if self._fallback:
            return self.wrapped(doc)
        if not len(doc):
            return doc
        row_of, add_key = self._row_of, self._add_key
        lower_class, classify = self._lower_class, self._classify_lower
        tags, lowers, deps, spaces = doc.to_array(_KEY_IDS).T.tolist()
        lowers = [lower_class[w] if w in lower_class else classify(w) for w in lowers]
        rows = [row_of[key] if key in row_of else add_key(key) for key in zip(tags, lowers, deps, spaces)]
        index = numpy.array(rows)
        values, is_set = self._values[index], self._is_set[index]
        extra: dict[int, list[int]] = {}
        if self._sequences:
            for start, row in enumerate(rows):
                for n in self._starts[row]:
                    rule, offset, tests = self._sequences[n]
                    if start + len(tests) <= len(rows) and all(
                            test(self._text_keys[rows[start + k]]) for k, test in enumerate(tests[1:], 1)):
                        extra.setdefault(start + offset, []).append(rule)
        if self._has_matcher_rules:
            for match_id, start, end in self._matcher(doc, allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                offset = self.wrapped.indices[rule]
                extra.setdefault(start + offset if offset >= 0 else end + offset, []).append(rule)
        for i, rules in extra.items():
            values[i], is_set[i] = self._merged((*self._rules[rows[i]], *rules))
        if is_set.any():
            doc.from_array(_SET_IDS, numpy.where(is_set, values, doc.to_array(_SET_IDS)))
        return doc


class CachedLemmatizer(DropIn):
    """A rule :class:`Lemmatizer` asked once per (ORTH, POS, MORPH); other tokens reuse the answer."""

    def _rebuild(self) -> None:
        self.vocab = self.wrapped.vocab
        self._seen = (self.wrapped.lookups, self.wrapped.mode)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _stale(self) -> bool:
        lookups, mode = self._seen
        return self.wrapped.lookups is not lookups or self.wrapped.mode != mode

    def _ask(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        value = self._lemmas[key] = self.vocab.strings.add(self.wrapped.lemmatize(doc[i])[0])
        return value

    def _annotate(self, doc: Doc) -> Doc:
        lemmatizer = self.wrapped
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        if not len(doc):
            return doc
        keep = not lemmatizer.overwrite
        orths, poses, morphs, current = doc.to_array([ORTH, POS, MORPH, LEMMA]).T.tolist()
        lemmas, ask = self._lemmas, self._ask
        new = [lemma if lemma and keep else (lemmas.get(key) or ask(doc, i, key))
               for i, (key, lemma) in enumerate(zip(zip(orths, poses, morphs), current))]
        if new != current:
            doc.from_array([LEMMA], numpy.array(new, dtype="uint64"))
        return doc


#: spaCy's rule lemmatizers whose answer depends only on (ORTH, POS, MORPH), the key of their cache
_LEMMATIZER_TYPES = (Lemmatizer, EnglishLemmatizer)


def ruler_mismatch(proc) -> Optional[str]:
    """Why ``proc`` is not an attribute ruler :class:`CachedAttributeRuler` can replace, or None."""
    if type(proc) is not AttributeRuler:
        return f"{type(proc).__name__} is not spaCy's AttributeRuler"
    missing = [a for a in ("attrs", "indices", "matcher", "vocab", "get_error_handler") if not hasattr(proc, a)]
    if missing:
        return f"no {', '.join(missing)}"
    if any(set(attrs) - set(_SET_IDS) for attrs in proc.attrs):
        return "a rule sets an attribute other than TAG, POS, MORPH, LEMMA or DEP"
    return None


def lemmatizer_mismatch(proc) -> Optional[str]:
    """Why ``proc`` is not a lemmatizer :class:`CachedLemmatizer` can replace, or None."""
    if type(proc) not in _LEMMATIZER_TYPES:
        return f"{type(proc).__name__} is not one of spaCy's rule lemmatizers"
    if getattr(proc, "mode", None) != "rule":
        return f"mode {getattr(proc, 'mode', None)!r}, not 'rule'"
    missing = [a for a in ("lemmatize", "lookups", "overwrite", "_validated", "_validate_tables",
                           "get_error_handler") if not hasattr(proc, a)]
    return f"no {', '.join(missing)}" if missing else None
