"""An article's clean text with its records marked: every event sentence, quote and time expression
is a link to its record on the page (``#ev-…``, ``#q-…``, ``#t-…``); the text is cut at every
boundary so overlapping records need no nesting.  Every piece of text is escaped here."""
from __future__ import annotations

import html
from typing import Optional, Sequence

#: how each kind of record is named in its anchor, and which wins the link where several overlap
_KINDS = (("t", "timex"), ("q", "quote"), ("ev", "event"))


def _spans(record: dict, kind: str) -> list[tuple[int, int]]:
    if kind == "q" and record.get("pieces"):
        return [tuple(p) for p in record["pieces"]]
    return [(record.get("start"), record.get("end"))]


def annotated(text: str, records: dict[str, Sequence[dict]], focus: Optional[str] = None) -> str:
    """``text`` escaped, each stretch covered by records in ``<a class="hl ev q t" href=#…>``;
    ``records``: ``{"ev": events, "q": quotes, "t": timexes}``; ``focus``, an event id whose
    sentence is marked ``evidence`` (and its first stretch ``id="evidence"``)."""
    text = text or ""
    marks = []
    for kind, _ in _KINDS:
        for r in records.get(kind, ()):
            for start, end in _spans(r, kind):
                if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                    marks.append((start, end, kind, str(r.get("id")), r.get("label") or ""))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out, focus_seen = [], False
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        piece = html.escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        kinds = {m[2] for m in covering}
        link = next(m for kind, _ in _KINDS for m in covering if m[2] == kind)
        classes = ["hl", *sorted(kinds)]
        attrs = ""
        if focus and any(m[2] == "ev" and m[3] == focus for m in covering):
            classes.append("evidence")
            if not focus_seen:
                attrs, focus_seen = ' id="evidence"', True
        title = "; ".join(dict.fromkeys(m[4] for m in covering if m[4]))
        out.append(f'<a class="{" ".join(classes)}"{attrs} href="#{link[2]}-{html.escape(link[3])}" '
                   f'title="{html.escape(title)}">{piece}</a>')
    return "".join(out)
