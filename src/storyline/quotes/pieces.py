"""A quote's content in pieces, without the attribution that interrupts it."""
from __future__ import annotations

import re


_WORD_CHAR = re.compile(r"\w")


def content_pieces(text: str, q: dict, marks: list[tuple[int, int]]) -> list[list[int]]:
    """The content in pieces, without the attribution that interrupts it: "“A,” he said, “B.”" is
    [“A,”] + [“B.”]; "The museum, Mr. Obama said, would make …" is [The museum] + [would make …];
    "peacekeepers have been accused of hurting …" is [peacekeepers] + [of hurting …].

    The holes are the cue and speaker spans inside the content but outside every quotation; a hole
    between two quotations takes the whole stretch between them ("he said, referring to …"), other
    holes take the punctuation around them.  Pieces are ``[start, end]`` character offsets; a
    content with nothing inside it is one piece."""
    s, e = q["start"], q["end"]
    inside = [m for m in marks if s <= m[0] and m[1] <= e]     # quotations within the content
    holes = []
    for a, b in ((q.get("cue_start"), q.get("cue_end")), (q.get("speaker_start"), q.get("speaker_end"))):
        if a is None or b is None or b <= s or a >= e or any(m[0] <= a < m[1] for m in marks):
            continue
        holes.append([max(a, s), min(b, e)])
    if not holes:
        a, b = _trim_connectives(text, s, e)
        return [[a, b]] if _WORD_CHAR.search(text, a, b) else [[s, e]]
    holes.sort()
    merged = [holes[0]]
    for a, b in holes[1:]:
        if a <= merged[-1][1] or not _WORD_CHAR.search(text, merged[-1][1], a):
            merged[-1][1] = max(merged[-1][1], b)               # "Mr. Obama said", "said Blair"
        else:
            merged.append([a, b])
    for hole in merged:
        prev_end = max((m[1] for m in inside if m[1] <= hole[0]), default=None)
        next_start = min((m[0] for m in inside if m[0] >= hole[1]), default=None)
        if prev_end is not None and not _WORD_CHAR.search(text, prev_end, hole[0]):
            hole[0] = prev_end                                  # the quotation closes before the attribution
            if next_start is not None:
                hole[1] = next_start                            # “A,” he said, referring to X, “B.”
                continue
        while hole[0] > s and (text[hole[0] - 1].isspace() or text[hole[0] - 1] in ",;—–-("):
            hole[0] -= 1
        while hole[1] < e and (text[hole[1]].isspace() or text[hole[1]] in ",;—–-)"):
            hole[1] += 1                                        # "The test, North Korea said, was …"
    pieces, at = [], s
    for a, b in merged:
        if a > at:
            pieces.append(_trim_piece(text, at, a))
        at = max(at, b)
    if at < e:
        pieces.append(_trim_piece(text, at, e))
    pieces = [list(_trim_connectives(text, a, b)) for a, b in pieces]
    pieces = [[a, b] for a, b in pieces if b > a and _WORD_CHAR.search(text, a, b)]
    return pieces or [[s, e]]


#: a sentence connective opening a reported clause ("But the goal is …, according to X") links it to
#: the writer's text, not to what was said; a conjunction or 'as' left dangling at the end of a
#: content ("… would be more intense — and", "… had a gun, as") belongs to what follows
_LEADING_CONNECTIVE = re.compile(r"(?:but|and|however|yet|moreover|meanwhile|in addition)\b,?\s+(?=\w)", re.I)

_TRAILING_CONJUNCTION = re.compile(r"(?:[\s,;]|[—–-])+(?:and|or|but|as)[\s,;—–-]*$", re.I)


def _trim_connectives(text: str, start: int, end: int) -> tuple[int, int]:
    """A piece without a sentence connective before it or a conjunction left dangling after it (only
    outside quotation marks: a quotation keeps its words)."""
    lead = _LEADING_CONNECTIVE.match(text, start, end)
    if lead:
        start = lead.end()
    tail = _TRAILING_CONJUNCTION.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def _trim_piece(text: str, start: int, end: int) -> tuple[int, int]:
    """A piece without the spaces and separating commas around it (its quote marks stay)."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end
