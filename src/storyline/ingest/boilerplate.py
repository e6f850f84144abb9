"""Boilerplate removal for article text: keep every story sentence, drop the page furniture.

:func:`clean_text` works on lines and paragraph blocks with generic signals, never on the
strings of one site:

- *stop lines*: a whole line that is a known piece of furniture ("Share", "Advertisement");
- *drop patterns*: cookie notices, syndication notes, copyright lines, "click here" …;
- *teaser lines*: "… Read More" snippets, relative ages ("6 hours ago"), bullet category labels;
- *section markers* ("Recent Posts", "Related Articles") open a teaser block that lasts until a
  line that reads like story prose;
- *weak lines* (short, no final punctuation: headlines, site names) next to teaser lines are
  teasers too, and a run of two or more title-cased weak lines between paragraphs is a
  related-links list;
- lone section labels ("News") above the headline;
- the *comment section*: from a comment-policy line after the story began ("We welcome comments
  …", "Comments are closed") to the end, readers' comments included (:func:`cut_comment_section`).
  JSON/JSONL records and WARC/HTML bodies go through the same cleaning as plain text.

Every signal lives in ``data/ingest/boilerplate.json``.  Whitespace is normalised (no indentation,
single spaces, one blank line between paragraphs).
"""
from __future__ import annotations

import functools
import json
import re
from collections import deque
from dataclasses import dataclass
from importlib import resources
from typing import Optional

__all__ = ["clean_text", "cut_comment_section", "normalise_whitespace", "is_weak_line", "is_title_case", "is_story_line"]

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_INVISIBLE = re.compile("[\u00ad\u2060]")  # soft hyphen, word joiner
_TERMINAL = re.compile(r"[.!?:;…\"”’')\]]$")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to via vs with".split())

#: a line of at least this many words that ends like a sentence reads as story prose
STORY_MIN_WORDS = 12
#: a line of at most this many words without final punctuation is "weak" (headline, label)
WEAK_MAX_WORDS = 20


@dataclass(frozen=True)
class _Patterns:
    stop_lines: frozenset
    section_markers: frozenset
    top_labels: frozenset
    drop: "_Combined"
    teaser: "_Combined"
    comments: "_Combined"


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = json.loads(resources.files("storyline").joinpath("data/ingest/boilerplate.json").read_text("utf-8"))
    return _Patterns(
        stop_lines=frozenset(raw["stop_lines"]),
        section_markers=frozenset(raw["section_markers"]),
        top_labels=frozenset(raw["top_labels"]),
        drop=_combine(raw["drop_patterns"]),
        teaser=_combine(raw["teaser_patterns"]),
        comments=_combine(raw["comment_section_patterns"]),
    )


class _Combined:
    """Many patterns as two regexes: the ``^``-anchored ones tried at the start only, the rest searched."""

    def __init__(self, anchored: Optional[re.Pattern], floating: Optional[re.Pattern]):
        self.anchored, self.floating = anchored, floating

    def search(self, line: str) -> bool:
        return bool((self.anchored and self.anchored.match(line))
                    or (self.floating and self.floating.search(line)))


def _combine(patterns: list[str]) -> _Combined:
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    join = lambda ps: re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE) if ps else None  # noqa: E731
    return _Combined(join(anchored), join(floating))


def normalise_whitespace(raw: str) -> str:
    """Strip indentation and trailing blanks, collapse runs of spaces and of blank lines.

    Unicode spaces become plain spaces; soft hyphens and word joiners are dropped."""
    text = _INVISIBLE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _key(line: str) -> str:
    """A line reduced for list lookups: lower case, no surrounding punctuation or bullets."""
    return line.strip(" \t•·▪►»▸‣◦*|:-–—>").lower()


def is_weak_line(line: str) -> bool:
    """Short and without final punctuation: a headline, label or site name rather than prose."""
    return 0 < len(line.split()) <= WEAK_MAX_WORDS and not _TERMINAL.search(line)


def is_title_case(line: str) -> bool:
    """Most content words capitalised (``Title Case`` or ``ALL CAPS``)."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _MINOR_WORDS]
    if len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def is_story_line(line: str) -> bool:
    """Reads like prose: long enough and ending like a sentence, not like a teaser."""
    return (len(line.split()) >= STORY_MIN_WORDS and bool(_TERMINAL.search(line))
            and not _patterns().teaser.search(line))


def _classify(line: str) -> Optional[str]:
    """The boilerplate kind of one line on its own, or None."""
    pats = _patterns()
    key = _key(line)
    if key in pats.section_markers:
        return "section"
    if key in pats.stop_lines:
        return "stop"
    if pats.teaser.search(line):
        return "teaser"
    if pats.drop.search(line):
        return "drop"
    return None


def cut_comment_section(lines: list[str]) -> tuple[list[str], list[str]]:
    """``(lines, removed)``: the lines without the comment section — from the first line after the
    story began (a line of prose before it) that matches a comment-section pattern ("We welcome
    comments …", "Views expressed in the comments …", "Comments are closed") to the end of the text.
    On the marker's line, a sentence of prose before the marker is kept (sentence-split corpora
    join "(Editing by …) We welcome comments …" into one line)."""
    comments = _patterns().comments
    story_seen = False
    for n, line in enumerate(lines):
        if story_seen and line and comments.search(line):
            at = _marker_start(line, comments)
            head = line[:at].strip()
            keep = [head] if head and is_story_line(head) and _classify(head) is None else []
            removed = [line[len(head):].strip() if keep else line] + [x for x in lines[n + 1:] if x]
            return lines[:n] + keep, removed
        story_seen = story_seen or is_story_line(line)
    return lines, []


def _marker_start(line: str, comments: _Combined) -> int:
    """Where the comment-section marker begins in its line (0 for a pattern anchored at the start)."""
    if comments.anchored and comments.anchored.match(line):
        return 0
    m = comments.floating.search(line) if comments.floating else None
    return m.start() if m else 0


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Clean article text: ``(text, removed_lines)``; paragraphs stay separated by a blank line.
    The comment section goes first (:func:`cut_comment_section`), then line by line."""
    lines, comment_lines = cut_comment_section(normalise_whitespace(raw).split("\n"))
    idx = [i for i, line in enumerate(lines) if line]
    kind: dict[int, Optional[str]] = {i: _classify(lines[i]) for i in idx}
    story = [i for i in idx if kind[i] is None and is_story_line(lines[i])]
    first_story = story[0] if story else len(lines)

    # Lone section labels above the headline ("News", "World").
    for i in idx:
        if kind[i] is None and _key(lines[i]) in _patterns().top_labels:
            kind[i] = "label"
        elif kind[i] is None:
            break

    # Section markers open a teaser block that runs until the next line of prose.
    in_block = False
    for i in idx:
        if kind[i] == "section":
            in_block = True
        elif in_block and kind[i] is None:
            if is_story_line(lines[i]):
                in_block = False
            else:
                kind[i] = "teaser"

    # Weak lines beside teasers are teaser headlines, spreading outwards (one pass over a queue);
    # the headline zone above the first line of prose is kept.
    position = {i: n for n, i in enumerate(idx)}
    queue = deque(i for i in idx if kind[i] in ("teaser", "section"))
    while queue:
        n = position[queue.popleft()]
        for m in (n - 1, n + 1):
            if 0 <= m < len(idx):
                j = idx[m]
                if kind[j] is None and j >= first_story and is_weak_line(lines[j]):
                    kind[j] = "teaser"
                    queue.append(j)

    _mark_link_lists(lines, idx, kind, first_story)
    removed = [lines[i] for i in idx if kind[i] is not None] + comment_lines
    kept = [line if (not line or kind[i] is None) else None for i, line in enumerate(lines)]
    return normalise_whitespace("\n".join(line for line in kept if line is not None)), removed


def _mark_link_lists(lines: list[str], idx: list[int], kind: dict, first_story: int) -> None:
    """Runs of two or more title-cased weak one-line paragraphs after the story began are
    related-link lists (consecutive lines of one block are a list of the story's own)."""
    def lone(i: int) -> bool:
        return (i == 0 or not lines[i - 1]) and (i + 1 == len(lines) or not lines[i + 1])

    n = 0
    while n < len(idx):
        run = []
        while (n < len(idx) and kind[idx[n]] is None and idx[n] > first_story and lone(idx[n])
               and is_weak_line(lines[idx[n]]) and is_title_case(lines[idx[n]])):
            run.append(idx[n])
            n += 1
        if len(run) >= 2:
            for i in run:
                kind[i] = "links"
        n += 1
