"""The embedding drop-in: :func:`dedup_embed_forward`, each distinct row of token features embedded once."""
from __future__ import annotations

from typing import Optional

import numpy
from thinc.api import Model, NumpyOps
from thinc.layers.chain import forward as _chain_forward
from thinc.layers.concatenate import forward as _concatenate_forward
from thinc.layers.with_array import forward as _with_array_forward

__all__ = ["dedup_embed_forward", "looks_like_embed", "embed_mismatch"]


#: the layers of spaCy's ``MultiHashEmbed`` chain, by name (the two middle ones are ``with_array(...)``)
_EMBED_LAYERS = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")
#: the row-by-row layers inside them: hash embeddings of feature columns, then maxout + layer norm
_EMBED_LEAVES = ("ints-getitem", "hashembed")
_MIX_LEAVES = ("maxout", "layernorm", "dropout")


def looks_like_embed(node: Model) -> bool:
    """Whether ``node`` is a chain starting with a feature extractor: a ``MultiHashEmbed`` candidate."""
    return node._func is _chain_forward and bool(node.layers) and node.layers[0].name == "extract_features"


def embed_mismatch(node: Model) -> Optional[str]:
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
