"""Custom ``Doc._`` attributes that Storyline's spaCy components read and write.

Every value stored here is plain data (str, int, bool, lists and dicts of them) so that
docs survive ``Doc.to_bytes`` and therefore ``nlp.pipe(..., n_process=N)``.

- ``doc._.article_id`` (str) and ``doc._.dct`` (ISO date or None): set before the pipe runs.
- ``doc._.timexes``: list of :class:`storyline.model.TimeRef` dicts (set by ``storyline_timex``).
- ``doc._.actors``: list of :class:`storyline.model.ActorRef` dicts (``storyline_actors``).
- ``doc._.events``: list of :class:`storyline.model.Event` dicts without ids (``storyline_events``).
- ``doc._.quotes``: list of :class:`storyline.model.Quote` dicts without ids (``storyline_quotes``).
"""
from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "article_id": None,
    "dct": None,
    "timexes": None,
    "actors": None,
    "events": None,
    "quotes": None,
}


def register_extensions() -> None:
    """Register the ``Doc._`` attributes (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
