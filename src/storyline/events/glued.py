"""Headlines glued to the sentence after them: a trigger in the headline part tells no event of its own.

Page extraction and concatenated records often lose the line break between a headline (or a
related-story teaser) and the first sentence of the body, and the sentence splitter then reads them
as one sentence: "Military leaders talk U.S. role in Libya The reports of civilian deaths were given
little credence ...".  The seam shows in the parse as a capitalised determiner in mid-sentence
("The", "A", "An") right after a word (no punctuation, quote or bracket between) and before a
lower-case word, or before a capitalised one when the word before the seam is a noun ("... al Qaeda
The United States has accused"): proper text puts such a determiner there only at a sentence start,
and a title goes on with a capital after a preposition or a verb ("in The Hague", "told The
Associated Press").  When the sentence splitter has cut at the seam, the headline is a sentence of
its own with no closing punctuation, and the seam is its end.  The headline before the seam is page
furniture or a summary that the body tells again; an event coded from it is dropped
(:func:`glued_headline`).  The determiners are data (``data/events/word_sets.json``:
``seam_determiners``).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import word_set

__all__ = ["headline_seam", "glued_headline"]


def headline_seam(sent: Span) -> Optional[int]:
    """The token index where the body starts after a headline glued to the front of ``sent``, or None."""
    doc = sent.doc
    for i in range(sent.start + 2, min(sent.end + 1, len(doc) - 1)):
        if _seam(doc[i]):
            return i
    return None


def _seam(tok: Token) -> bool:
    """Whether a body sentence starts at ``tok``: a capitalised determiner after a word and a plain
    space, and before a lower-case word, or before a capitalised one when the word before is a noun
    ("... unless Gaddafi goes A Libyan army tank", "... al Qaeda The United States has accused"; after
    a preposition or a verb it is a title: "in The Hague", "told The Associated Press")."""
    before, after = tok.nbor(-1), tok.nbor(1)
    if tok.text not in word_set("seam_determiners") or not before.is_alpha or before.whitespace_ != " " \
            or not after.is_alpha:
        return False
    return after.is_lower or (after.is_title and before.pos_ in ("NOUN", "PROPN"))


def glued_headline(trigger: Token) -> Optional[str]:
    """``"glued_headline"`` when ``trigger`` stands in a headline glued before its sentence's body."""
    seam = headline_seam(trigger.sent)
    return "glued_headline" if seam is not None and trigger.i < seam else None
