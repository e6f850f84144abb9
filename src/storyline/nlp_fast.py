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

All wrap the loaded component (its tables, patterns and weights), so the model's data is used
unchanged; :func:`install` swaps them into a loaded pipeline under the same pipe names.
"""
from __future__ import annotations

import re
from typing import Optional

import numpy

from spacy import util
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, DependencyParser, EntityRecognizer, Lemmatizer
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps, set_dropout_rate
from thinc.layers.chain import forward as _chain_forward

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


class CachedAttributeRuler:
    """:class:`AttributeRuler` with its token tests evaluated once per distinct token key."""

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self.ruler: Optional[AttributeRuler] = None

    def __getstate__(self) -> dict:        # the caches hold closures: rebuild them after unpickling
        return {"name": self.name, "ruler": self.ruler}

    def __setstate__(self, state: dict) -> None:
        self.name, self.ruler = state["name"], None
        if state["ruler"] is not None:
            self.wrap(state["ruler"])

    def wrap(self, ruler: AttributeRuler) -> None:
        """Take over ``ruler``'s rules: token tests evaluated here, a Matcher for any other form."""
        self.ruler = ruler
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
            merged.update(self.ruler.attrs[i])
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

    def __call__(self, doc: Doc) -> Doc:
        if self._fallback:
            return self.ruler(doc)
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
                offset = self.ruler.indices[rule]
                extra.setdefault(start + offset if offset >= 0 else end + offset, []).append(rule)
        for i, rules in extra.items():
            values[i], is_set[i] = self._merged((*self._rules[rows[i]], *rules))
        if is_set.any():
            doc.from_array(_SET_IDS, numpy.where(is_set, values, doc.to_array(_SET_IDS)))
        return doc


class CachedLemmatizer:
    """A rule :class:`Lemmatizer` asked once per (ORTH, POS, MORPH); other tokens reuse the answer."""

    def __init__(self, name: str = "lemmatizer") -> None:
        self.name = name
        self.lemmatizer: Optional[Lemmatizer] = None

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        """Answer for ``lemmatizer`` (its tables, mode and overwrite setting)."""
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _ask(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        value = self._lemmas[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        return value

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
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


def _is_embed_chain(node: Model) -> bool:
    return (node._func is _chain_forward and len(node.layers) == len(_EMBED_LAYERS)
            and all(layer.name.split("(")[0] == name for layer, name in zip(node.layers, _EMBED_LAYERS)))


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


class GreedyParser:
    """A greedy transition-based ``parser`` or ``ner`` decoded step by step with the GIL held."""

    def __init__(self, name: str = "parser") -> None:
        self.name = name
        self.parser = None

    def wrap(self, parser) -> None:
        """Decode for ``parser`` (its model, transition system and settings)."""
        self.parser = parser

    @property
    def model(self):
        """The wrapped component's model (a tok2vec finds its listener here)."""
        return self.parser.model

    def __getattr__(self, name: str):
        # anything else (labels, moves, cfg, serialization, error handlers) is the wrapped component's
        if name == "parser" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.parser, name)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.parser.get_error_handler()
        try:
            self.parser.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:  # noqa: BLE001  (handed to spaCy's error handler, as the parser does)
            error_handler(self.name, self, [doc], e)

    def pipe(self, docs, *, batch_size: int = 256):
        """:meth:`Parser.pipe`: the same batches, sorted by length and split in quarters."""
        parser = self.parser
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
        parser = self.parser
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
        except AttributeError:                     # another spaCy's internals: its own loop decodes
            upper = None
        if upper is None:
            step.clear_memory()
            return parser.predict(docs)
        weights, bias, gemm = upper.get_param("W"), upper.get_param("b"), upper.ops.gemm
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


@Language.factory("storyline_cached_attribute_ruler",
                  assigns=["token.tag", "token.pos", "token.morph", "token.lemma"])
def make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(name)


@Language.factory("storyline_cached_lemmatizer", assigns=["token.lemma"])
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(name)


@Language.factory("storyline_greedy_parser", assigns=["token.dep", "token.head", "token.is_sent_start",
                                                     "doc.sents", "doc.ents", "token.ent_iob",
                                                     "token.ent_type"])
def make_greedy_parser(nlp: Language, name: str) -> GreedyParser:
    return GreedyParser(name)


def install(nlp: Language) -> None:
    """Swap the drop-ins in for ``attribute_ruler``, a rule ``lemmatizer`` and greedy ``parser`` and
    ``ner`` components (same pipe names), and embed distinct feature rows once."""
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if isinstance(model, Model) and type(model.ops) is NumpyOps:
            for node in model.walk():
                if _is_embed_chain(node):
                    node._func = dedup_embed_forward
    for name, proc in list(nlp.pipeline):
        if type(proc) in (DependencyParser, EntityRecognizer) and proc.cfg.get("beam_width") == 1:
            nlp.replace_pipe(name, "storyline_greedy_parser")
            nlp.get_pipe(name).wrap(proc)
        elif type(proc) is AttributeRuler:
            nlp.replace_pipe(name, "storyline_cached_attribute_ruler")
            nlp.get_pipe(name).wrap(proc)
        elif isinstance(proc, Lemmatizer) and proc.mode == "rule":
            nlp.replace_pipe(name, "storyline_cached_lemmatizer")
            nlp.get_pipe(name).wrap(proc)
