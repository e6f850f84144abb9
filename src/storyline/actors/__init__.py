"""Actors: resolve names and noun phrases to country/IGO codes and PLOVER sectors, date-aware.

Data (``storyline/data/actors/``, loaded once):

- ``phoenix_countries.tsv`` + ``countries_extra.tsv``: country names, adjectives, demonyms, capitals
  (ISO 3166-1 alpha-3);
- ``igos.tsv``: international organisations and alliances (short codes: ``NATO``, ``UN``, ``BRICS``…);
- ``orgs.tsv``: institutions and metonyms (``the Kremlin`` → RUS GOV), media, armed groups;
- ``leaders.tsv`` (curated, to 2026) and ``phoenix_people.tsv`` (PETRARCH, to 2014): people with
  dated roles, so ``Vladimir Putin`` in 2009 is RUS GOV as prime minister;
- ``agents.tsv`` + ``agents_extra.tsv``: role nouns → sectors (``minister`` → GOV, ``rebels`` → REB);
- ``role_words.tsv`` and ``name_rules.json``: role phrases ("top diplomat"), how names are matched.

Users add their own actors in files with the same columns (:mod:`storyline.actors.tables`), through
the component's setting or :func:`use_actor_files`::

    nlp.add_pipe("storyline_actors", config={"actor_files": ["my/leaders.tsv", "my/orgs.tsv"]})

Modules: :mod:`~storyline.actors.tables` (loading, scanning), :mod:`~storyline.actors.userfiles`
(users' files), :mod:`~storyline.actors.resolve` (:func:`resolve_actor`, :func:`resolve_role`),
:mod:`~storyline.actors.mentions` (:func:`find_actor_mentions`).  The ``storyline_actors`` spaCy
component stores mentions in ``doc._.actors`` (:class:`~storyline.model.ActorRef` dicts with char
offsets) and as spans in ``doc.spans["storyline_actors"]`` (same order, label: the mention's kind).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from .mentions import find_actor_mentions, is_role_noun
from .resolve import person_tenure, resolve_actor, resolve_role, resolve_words, resolve_words_kind
from .tables import (DATA_DIR, ActorFileError, ActorTables, Entry, Person, Tenure, actor_files, actor_tables,
                     name_rules, normalize_word, role_words, tokenize_words, use_actor_files)

__all__ = [
    "resolve_actor", "resolve_role", "find_actor_mentions", "actor_tables", "normalize_word",
    "tokenize_words", "ActorTables", "use_actor_files", "actor_files", "ActorFileError", "SPANS_KEY",
]

#: the ``doc.spans`` key of actor mentions
SPANS_KEY = "storyline_actors"


@Language.factory(
    "storyline_actors",
    assigns=["doc._.actors", "doc.spans"],
    requires=["token.dep", "token.pos"],
    default_config={"actor_files": [], "spans_key": SPANS_KEY},
)
def make_actors_component(nlp: Language, name: str, actor_files: list[str],
                          spans_key: str) -> "ActorsComponent":
    return ActorsComponent(actor_files=actor_files, spans_key=spans_key)


class ActorsComponent:
    """Marks actor mentions: ``doc._.actors`` = list of ActorRef dicts with char offsets, and
    ``doc.spans[spans_key]`` the same mentions as spans.

    ``actor_files``: users' own actor files layered over the packaged tables (:func:`use_actor_files`;
    they apply to the whole process, :func:`resolve_actor` included).  ``spans_key``: where the
    spans go (empty: no spans)."""

    def __init__(self, *, actor_files: list[str] = (), spans_key: str = SPANS_KEY) -> None:
        if actor_files:
            use_actor_files(actor_files)
        actor_tables()  # load data once, before forking workers
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_actor_mentions(doc, date=doc._.dct)
        doc._.actors = mentions
        if self.spans_key:
            doc.spans[self.spans_key] = [Span(doc, m["token_start"], m["token_end"], label=m["kind"])
                                         for m in mentions]
        return doc
