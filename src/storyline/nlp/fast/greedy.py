"""The parser/NER drop-in: :class:`GreedyParser`, greedy decoding step by step with the GIL held."""
from __future__ import annotations

from typing import Optional

import numpy
from spacy import util
from spacy.pipeline import DependencyParser, EntityRecognizer
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps, set_dropout_rate

from .base import DropIn

__all__ = ["GreedyParser", "parser_mismatch"]


class GreedyParser(DropIn):
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


def parser_mismatch(proc) -> Optional[str]:
    """Why ``proc`` is not a parser or NER :class:`GreedyParser` can decode, or None."""
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
