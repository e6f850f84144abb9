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
from typing import Optional

import spacy
import thinc
from spacy.language import Language
from spacy.pipeline import AttributeRuler, DependencyParser, EntityRecognizer, Lemmatizer
from thinc.api import Model

from .embed import dedup_embed_forward, embed_mismatch, looks_like_embed
from .greedy import GreedyParser, parser_mismatch
from .rules import CachedAttributeRuler, CachedLemmatizer, lemmatizer_mismatch, ruler_mismatch

__all__ = ["install", "switched_on", "installed_versions", "version_mismatch", "VERIFIED_VERSIONS", "ENV_SWITCH",
           "CachedAttributeRuler", "CachedLemmatizer", "GreedyParser", "dedup_embed_forward"]

_log = logging.getLogger("storyline")

#: (spaCy, thinc) version pairs the drop-ins were verified against (same annotations, token for
#: token, as spaCy's own components); any other pair runs spaCy's components unchanged
VERIFIED_VERSIONS: tuple[tuple[str, str], ...] = (
    ("3.8.18", "8.3.14"),
)
#: the environment variable of the off switch, and the values that turn the drop-ins off
ENV_SWITCH = "STORYLINE_FAST"
_OFF_VALUES = frozenset({"0", "false", "no", "off"})


#: drop-in kind -> (what it fits, what it is)
_WRAPPERS = {
    "attribute_ruler": (ruler_mismatch, CachedAttributeRuler),
    "lemmatizer": (lemmatizer_mismatch, CachedLemmatizer),
    "greedy_parser": (parser_mismatch, GreedyParser),
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
            if not looks_like_embed(node) or node._func is dedup_embed_forward:
                continue
            reason = embed_mismatch(node)
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
