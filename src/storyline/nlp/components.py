"""Import the modules that register Storyline's spaCy components.

Each stage module registers its component with ``@Language.factory`` on import; importing
this module makes them all available to ``nlp.add_pipe("storyline_...")``.
"""
from __future__ import annotations

import importlib

#: modules whose import registers a ``storyline_*`` factory
COMPONENT_MODULES = (
    "storyline.timex",
    "storyline.actors",
    "storyline.events",
    "storyline.quotes",
)

for _module in COMPONENT_MODULES:
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as exc:  # a stage not built yet
        if exc.name != _module:
            raise
