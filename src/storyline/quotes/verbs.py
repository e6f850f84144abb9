"""The reporting-verb attribution: a verb cue, its speaker, its content (a complement, a quotation next
to it, a block quotation after a colon) and the cue's words."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token



def _adjacent(mark: tuple[int, int], cue: Token, subj: Optional[Token], text: str) -> bool:
    """Is the quote right before the attribution (“…,” he said) or right after it (he said, “…”)?"""
    toks = [cue] + ([subj.left_edge, subj.right_edge] if subj is not None else [])
    first = min(t.idx for t in toks)
    last = max(t.idx + len(t.text) for t in toks)
    return bool(re.fullmatch(r"[\s,]*", text[mark[1]:first]) if mark[1] <= first
                else re.fullmatch(r"[\s,:]*", text[last:mark[0]]) if last <= mark[0] else False)
