"""Faster drop-ins for spaCy components, with exactly the same output.

spaCy's ``attribute_ruler`` runs a :class:`~spacy.matcher.Matcher` with ~180 patterns over every
token and builds a ``Span`` per match; its rule ``lemmatizer`` walks every token in Python.  In
``en_core_web_sm`` the two cost about as much as the parser.  Their results depend only on a few
attributes of each token, which repeat heavily, so both are computed once per distinct key:

- :class:`CachedAttributeRuler` evaluates each pattern's token tests once per distinct
  (TAG, LOWER, DEP, IS_SPACE) and applies the merged attributes in the ruler's own order (later
  patterns win, as in :meth:`AttributeRuler.set_annotations`); fixed-length multi-token patterns
  are checked from the cached tests of their first token, and any pattern form not evaluated
  here (operators, other attributes) stays with a ``Matcher`` of just those patterns.
- :class:`CachedLemmatizer` asks the wrapped lemmatizer once per (ORTH, POS, MORPH), the key of
  spaCy's own rule cache, and fills every other token from that answer.

Two more speed up the statistical components without changing their arithmetic:

- :func:`dedup_embed_forward` replaces the forward pass of the token embedding (``MultiHashEmbed``:
  hashed NORM/PREFIX/SUFFIX/SHAPE ... rows, a maxout layer and a layer norm) of the ``tok2vec``
  and of the ``ner``'s own tok2vec at prediction time: each token's vector depends only on its
  row of features, and a news batch has about one distinct row in seven, so each distinct row is
  embedded once and copied to its tokens (the same layers on the same rows; training unchanged).
- :class:`GreedyParser` runs the greedy decoding of the ``parser`` and ``ner`` with the GIL held.
  spaCy's own loop runs without the GIL, but the state accessors it calls for every action of every
  step (``StateC.B()`` ...) take the GIL back each time; in a one-thread process that cost about
  40% of the NER's CPU time.  The loop here makes the same calls as spaCy's ``beam_width == 1``
  path step by step (the same feature sums, maxout, output layer and ``transition_states``), so
  the parses are the same.

:func:`install` puts them into a loaded pipeline under the same pipe names.  They read spaCy and
thinc internals, so they are guarded three ways, and wherever a guard says no, spaCy's own
component runs unchanged (a message on the ``storyline`` logger says why; nothing raises):

- versions: only the (spaCy, thinc) pairs in :data:`VERIFIED_VERSIONS`, the ones the drop-ins were
  checked against annotation for annotation, get them;
- an off switch: ``STORYLINE_FAST=0`` (or ``false``/``no``/``off``) in the environment, or
  ``install(nlp, enabled=False)`` (``enabled=True``/``False`` overrides the environment; the
  default ``None`` reads it);
- structure: each drop-in is installed for a component only if it is built the way the drop-in
  expects (e.g. a greedy, maxout, output-layer parser on numpy ops; a ``MultiHashEmbed`` of hash
  embeddings and maxout; an attribute ruler setting only TAG/POS/MORPH/LEMMA/DEP; a rule-mode
  spaCy lemmatizer).

The wrappers keep the loaded component (its tables, patterns and weights) and hand it everything
but the annotating: attributes, error handlers and serialisation.  The pipeline's config keeps
spaCy's factories, so ``nlp.to_disk(path)`` / ``nlp.to_bytes()`` write exactly what spaCy would
and ``spacy.load(path)`` gives spaCy's own components back (with the same annotations).
"""
from __future__ import annotations

import logging
import os
import re
from typing import Optional

import numpy
import spacy
import thinc

from spacy import util
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, DependencyParser, EntityRecognizer, Lemmatizer
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps, set_dropout_rate
from thinc.layers.chain import forward as _chain_forward
from thinc.layers.concatenate import forward as _concatenate_forward
from thinc.layers.with_array import forward as _with_array_forward

_log = logging.getLogger("storyline")

#: (spaCy, thinc) version pairs the drop-ins were verified against (same annotations, token for
#: token, as spaCy's own components); any other pair runs spaCy's components unchanged
VERIFIED_VERSIONS: tuple[tuple[str, str], ...] = (
    ("3.8.18", "8.3.14"),
)
#: the environment variable of the off switch, and the values that turn the drop-ins off
ENV_SWITCH = "STORYLINE_FAST"
_OFF_VALUES = frozenset({"0", "false", "no", "off"})

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


class _DropIn:
    """A wrapped spaCy component: annotating is done here, everything else (attributes, error
    handler, serialisation) is the wrapped component's, so a saved pipeline is spaCy's own."""

    def __init__(self, name: str, wrapped) -> None:
        self.name = name
        self.wrapped = wrapped
        self._rebuild()

    def __getstate__(self) -> dict:        # derived tables may hold closures: rebuilt after unpickling
        return {"name": self.name, "wrapped": self.wrapped}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["name"], state["wrapped"])

    def __getattr__(self, name: str):
        # anything not defined here (labels, cfg, lookups, patterns, add ...) is the wrapped component's
        if name == "wrapped" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.wrapped, name)

    def _rebuild(self) -> None:
        """Derive what the drop-in needs from the wrapped component (again after it changed)."""

    def _stale(self) -> bool:
        """Whether the wrapped component changed since :meth:`_rebuild` (e.g. rules added)."""
        return False

    def _annotate(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if self._stale():
            self._rebuild()
        try:
            return self._annotate(doc)
        except Exception as e:  # noqa: BLE001  (handed to spaCy's error handler, as spaCy's pipes do)
            return self.wrapped.get_error_handler()(self.name, self, [doc], e)

    def pipe(self, docs, *, batch_size: int = 128):
        """:meth:`Pipe.pipe`: each doc in turn, errors to the component's error handler."""
        error_handler = self.wrapped.get_error_handler()
        for doc in docs:
            try:
                yield self(doc)
            except Exception as e:  # noqa: BLE001
                error_handler(self.name, self, [doc], e)

    # serialisation and initialisation: the wrapped component's, then the derived tables again
    def to_disk(self, path, *, exclude=()) -> None:
        return self.wrapped.to_disk(path, exclude=exclude)

    def to_bytes(self, *, exclude=()) -> bytes:
        return self.wrapped.to_bytes(exclude=exclude)

    def from_disk(self, path, *, exclude=()):
        self.wrapped.from_disk(path, exclude=exclude)
        self._rebuild()
        return self

    def from_bytes(self, bytes_data: bytes, *, exclude=()):
        self.wrapped.from_bytes(bytes_data, exclude=exclude)
        self._rebuild()
        return self

    def initialize(self, *args, **kwargs):
        result = self.wrapped.initialize(*args, **kwargs)
        self._rebuild()
        return result


class CachedAttributeRuler(_DropIn):
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



class CachedLemmatizer(_DropIn):
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


#: the layers of spaCy's ``MultiHashEmbed`` chain, by name (the two middle ones are ``with_array(...)``)
_EMBED_LAYERS = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")
#: the row-by-row layers inside them: hash embeddings of feature columns, then maxout + layer norm
_EMBED_LEAVES = ("ints-getitem", "hashembed")
_MIX_LEAVES = ("maxout", "layernorm", "dropout")


def _looks_like_embed(node: Model) -> bool:
    """Whether ``node`` is a chain starting with a feature extractor: a ``MultiHashEmbed`` candidate."""
    return node._func is _chain_forward and bool(node.layers) and node.layers[0].name == "extract_features"


def _embed_mismatch(node: Model) -> Optional[str]:
    """Why ``node`` is not the ``MultiHashEmbed`` chain :func:`dedup_embed_forward` computes (every
    layer after the features works row by row), or None."""
    names = tuple(layer.name.split("(")[0] for layer in node.layers)
    if node._func is not _chain_forward or names != _EMBED_LAYERS:
        return f"layers {names}, not {_EMBED_LAYERS}"
    for wrapper, leaves in ((node.layers[2], _EMBED_LEAVES), (node.layers[3], _MIX_LEAVES)):
        if wrapper._func is not _with_array_forward or len(wrapper.layers) != 1:
            return f"{wrapper.name} is not with_array of one layer"
        for inner in wrapper.layers[0].walk():
            if inner.layers and inner._func not in (_chain_forward, _concatenate_forward):
                return f"{inner.name} combines its layers in an unexpected way"
            if not inner.layers and inner.name not in leaves:
                return f"unexpected layer {inner.name} (expected only {', '.join(leaves)})"
    odd_ops = {type(inner.ops).__name__ for inner in node.walk() if type(inner.ops) is not NumpyOps}
    if odd_ops:
        return f"ops {', '.join(sorted(odd_ops))}, not NumpyOps"
    return None


def dedup_embed_forward(model: Model, docs, is_train: bool):
    """The ``MultiHashEmbed`` chain, with each distinct row of token features embedded once when
    predicting (a token's vector depends on its features only: hash embeddings, maxout and layer
    norm all work row by row)."""
    if is_train:
        return _chain_forward(model, docs, is_train)
    extract, _to_ragged, embed, mix, _to_list = model.layers
    features = extract.predict(docs)
    lengths = model.ops.asarray1i([len(f) for f in features])
    rows = model.ops.flatten(features)
    if not len(rows) or rows.ndim != 2:
        return _chain_forward(model, docs, is_train)
    rows = numpy.ascontiguousarray(rows)
    keys = rows.view(numpy.dtype((numpy.void, rows.shape[1] * rows.itemsize))).ravel()
    _distinct, first, inverse = numpy.unique(keys, return_index=True, return_inverse=True)
    vectors = mix.layers[0].predict(embed.layers[0].predict(rows[first]))
    return model.ops.unflatten(vectors[inverse.ravel()], lengths), lambda d_vectors: []


class GreedyParser(_DropIn):
    """A greedy transition-based ``parser`` or ``ner`` decoded step by step with the GIL held."""

    def __call__(self, doc: Doc) -> Doc:
        parser = self.wrapped
        try:
            parser.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:  # noqa: BLE001  (handed to spaCy's error handler, as the parser does)
            return parser.get_error_handler()(self.name, self, [doc], e)

    def pipe(self, docs, *, batch_size: int = 256):
        """:meth:`Parser.pipe`: the same batches, sorted by length and split in quarters."""
        parser = self.wrapped
        error_handler = parser.get_error_handler()
        for batch in util.minibatch(docs, size=batch_size):
            batch_in_order = list(batch)
            try:
                by_length = sorted(batch_in_order, key=len)
                for subbatch in util.minibatch(by_length, size=max(batch_size // 4, 2)):
                    subbatch = list(subbatch)
                    parser.set_annotations(subbatch, self.predict(subbatch))
                yield from batch_in_order
            except Exception as e:  # noqa: BLE001
                error_handler(self.name, self, batch_in_order, e)

    def predict(self, docs):
        """The parse states for ``docs``; beam search or non-numpy ops are left to the parser."""
        parser = self.wrapped
        if isinstance(docs, Doc):
            docs = [docs]
        if (not any(len(doc) for doc in docs) or parser.cfg["beam_width"] != 1
                or type(parser.model.ops) is not NumpyOps):
            return parser.predict(docs)
        parser._ensure_labels_are_added(docs)
        set_dropout_rate(parser.model, 0.0)
        batch = parser.moves.init_batch(docs)
        step = parser.model.predict(docs)          # the ParserStepModel spaCy's greedy loop uses
        try:
            hiddens, upper = step.state2vec.predict, step.vec2scores
            token_ids, transition = step.get_token_ids, parser.transition_states
            unseen = step._class_mask == 0
            weights, bias, gemm = upper.get_param("W"), upper.get_param("b"), upper.ops.gemm
        except (AttributeError, KeyError, ValueError):   # not the structure checked at install
            step.clear_memory()
            return parser.predict(docs)
        any_unseen = bool(unseen.any())
        states = [state for state in batch if not state.is_final()]
        while states:
            scores = gemm(hiddens(token_ids(states)), weights, trans2=True)
            scores += bias
            if any_unseen:
                scores[:, unseen] = numpy.nanmin(scores)
            states = transition(states, scores)
        step.clear_memory()
        return batch



# ---------------------------------------------------------------------------------------------
# what each drop-in expects of the component it replaces (a reason it does not fit, or None)

#: spaCy's rule lemmatizers whose answer depends only on (ORTH, POS, MORPH), the key of their cache
_LEMMATIZER_TYPES = (Lemmatizer, EnglishLemmatizer)


def _ruler_mismatch(proc) -> Optional[str]:
    if type(proc) is not AttributeRuler:
        return f"{type(proc).__name__} is not spaCy's AttributeRuler"
    missing = [a for a in ("attrs", "indices", "matcher", "vocab", "get_error_handler") if not hasattr(proc, a)]
    if missing:
        return f"no {', '.join(missing)}"
    if any(set(attrs) - set(_SET_IDS) for attrs in proc.attrs):
        return "a rule sets an attribute other than TAG, POS, MORPH, LEMMA or DEP"
    return None


def _lemmatizer_mismatch(proc) -> Optional[str]:
    if type(proc) not in _LEMMATIZER_TYPES:
        return f"{type(proc).__name__} is not one of spaCy's rule lemmatizers"
    if getattr(proc, "mode", None) != "rule":
        return f"mode {getattr(proc, 'mode', None)!r}, not 'rule'"
    missing = [a for a in ("lemmatize", "lookups", "overwrite", "_validated", "_validate_tables",
                           "get_error_handler") if not hasattr(proc, a)]
    return f"no {', '.join(missing)}" if missing else None


def _parser_mismatch(proc) -> Optional[str]:
    from spacy.ml import parser_model, tb_framework

    if type(proc) not in (DependencyParser, EntityRecognizer):
        return f"{type(proc).__name__} is not spaCy's DependencyParser or EntityRecognizer"
    missing = [a for a in ("cfg", "model", "moves", "transition_states", "set_annotations",
                           "_ensure_labels_are_added", "get_error_handler") if not hasattr(proc, a)]
    missing += [f"ParserStepModel.{a}" for a in ("get_token_ids", "clear_memory")
                if not hasattr(parser_model.ParserStepModel, a)]
    if missing:
        return f"no {', '.join(missing)}"
    if proc.cfg.get("beam_width") != 1:
        return f"beam_width {proc.cfg.get('beam_width')!r}: beam search"
    model = proc.model
    if not isinstance(model, Model) or model._func is not tb_framework.forward:
        return f"model {getattr(model, 'name', model)!r} is not spaCy's TransitionModel"
    if not model.attrs.get("has_upper"):
        return "no output layer (use_upper = false)"
    lower, upper = model.get_ref("lower"), model.get_ref("upper")
    if upper.has_param("W") is False or upper.has_param("b") is False:   # None: not initialised yet
        return f"output layer {upper.name} has no W and b"
    if not lower.has_dim("nP") or lower.get_dim("nP") < 2:
        return "hidden layer is not maxout (maxout_pieces < 2)"
    odd_ops = {type(node.ops).__name__ for node in model.walk() if type(node.ops) is not NumpyOps}
    if odd_ops:
        return f"ops {', '.join(sorted(odd_ops))}, not NumpyOps"
    return None


#: drop-in kind -> (what it fits, what it is)
_WRAPPERS = {
    "attribute_ruler": (_ruler_mismatch, CachedAttributeRuler),
    "lemmatizer": (_lemmatizer_mismatch, CachedLemmatizer),
    "greedy_parser": (_parser_mismatch, GreedyParser),
}


def _kind_of(proc) -> Optional[str]:
    """The drop-in that would replace ``proc`` (by what spaCy component it is), or None."""
    if isinstance(proc, (DependencyParser, EntityRecognizer)):
        return "greedy_parser"
    if isinstance(proc, AttributeRuler):
        return "attribute_ruler"
    if isinstance(proc, Lemmatizer):
        return "lemmatizer"
    return None


# ---------------------------------------------------------------------------------------------
# installing

def switched_on(enabled: Optional[bool] = None) -> bool:
    """``enabled`` if given, else whether ``$STORYLINE_FAST`` leaves the drop-ins on (unset: on)."""
    if enabled is not None:
        return bool(enabled)
    return os.environ.get(ENV_SWITCH, "").strip().lower() not in _OFF_VALUES


def installed_versions() -> tuple[str, str]:
    """The (spaCy, thinc) versions running."""
    return spacy.about.__version__, thinc.about.__version__


def version_mismatch() -> Optional[str]:
    """Why the running spaCy and thinc are not a verified pair, or None."""
    versions = installed_versions()
    if versions in VERIFIED_VERSIONS:
        return None
    verified = "; ".join(f"spaCy {s} + thinc {t}" for s, t in VERIFIED_VERSIONS) or "none"
    return f"spaCy {versions[0]} + thinc {versions[1]} not verified (verified: {verified})"


def install(nlp: Language, *, enabled: Optional[bool] = None) -> list[tuple[str, str]]:
    """Put the drop-ins in for the components of ``nlp`` they fit, under the same pipe names; return
    the (pipe name, drop-in) pairs installed.

    Nothing is installed when ``enabled`` is False (None: unless ``$STORYLINE_FAST`` is 0/false/no/off)
    or the running spaCy and thinc are not in :data:`VERIFIED_VERSIONS`; a component whose structure
    is not what its drop-in expects keeps spaCy's own code.  Either way a message on the
    ``storyline`` logger says why, and nothing raises.  Installing twice changes nothing."""
    if not switched_on(enabled):
        _log.debug("nlp_fast: drop-ins off (%s)", "enabled=False" if enabled is not None
                   else f"${ENV_SWITCH}={os.environ.get(ENV_SWITCH)}")
        return []
    reason = version_mismatch()
    if reason:
        _log.info("nlp_fast: spaCy's own components run: %s", reason)
        return []
    installed: list[tuple[str, str]] = []
    for name, proc in nlp.components:
        model = getattr(proc, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if not _looks_like_embed(node) or node._func is dedup_embed_forward:
                continue
            reason = _embed_mismatch(node)
            if reason:
                _log.info("nlp_fast: %r keeps spaCy's token embedding: %s", name, reason)
            else:
                node._func = dedup_embed_forward
                installed.append((name, "dedup_embed"))
    components = getattr(nlp, "_components", None)
    for name, proc in list(nlp.components):
        kind = _kind_of(proc)
        if kind is None:
            continue
        fits, wrapper = _WRAPPERS[kind]
        try:
            reason = fits(proc)
            if reason is None:
                if not (isinstance(components, list) and (name, proc) in components):
                    reason = "the Language keeps its components differently"
                else:
                    drop_in = wrapper(name, proc)
                    # in place: the pipeline's config and metadata stay spaCy's (saved as spaCy's)
                    components[components.index((name, proc))] = (name, drop_in)
                    installed.append((name, kind))
        except Exception as e:  # noqa: BLE001  (an unexpected structure: spaCy's own component stays)
            reason = f"{type(e).__name__}: {e}"
        if reason:
            _log.info("nlp_fast: %r keeps spaCy's %s: %s", name, type(proc).__name__, reason)
    return installed
