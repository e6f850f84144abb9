"""Attributions read from the layout rather than the parse: title-case headlines ("X Endorses Y"),
"Source: claim" lines, interview transcripts ("WALLACE: …") and dash signatures."""
from __future__ import annotations

import itertools
import re

from spacy.tokens import Span

from .lexicon import cue_lexicon, title_verb_forms, word_set
from .spans import overlaps, paragraph, trim


#: a name signing the quotation before it: "“…” ― Jane Q. Public", "“…”\n\n- Bernie Sanders."
_SIGNATURE = re.compile(r"[ \t]*\n{0,2}[ \t]*([―—–]|--?)[ \t]*"
                        r"((?:[A-Z][\w’'.-]*|[A-Z]\.)(?:[ \t]+(?:[A-Z][\w’'.-]*|[A-Z]\.|de|del|la|van|von)){0,4})"
                        r"(?=[ \t]*(?:[.,\n“\"]|$))")


def dash_signature(text: str, q: dict, speaker_fields) -> None:
    """A quotation with no speaker that a dash and a name close ("“…” ― Jane Q. Public") is that
    name's."""
    if q.get("speaker_start") is not None or q.get("cue_start") is not None or text[q["end"] - 1:q["end"]] not in "”\"":
        return
    m = _SIGNATURE.match(text, q["end"])
    if m is None:
        return
    end = m.end(2) - (1 if m.group(2).endswith(".") and not re.search(r"\b[A-Z]\.$", m.group(2)) else 0)
    q.update(speaker_fields(None, m.start(2), end))      # no cue: a dash is no word of the attribution


_COLON_LINE = re.compile(r"([A-Z][\w.’'&-]*(?:[ \t][\w.’'&-]+){0,3})[ \t]*:[ \t]+(\S[^\n]*)")

_TURN_LINE = re.compile(r"^[ \t]*([\"“]?)[ \t]*([A-Z][A-Z.’'-]+(?:[ \t][A-Z][A-Z.’'-]+){0,2}):[ \t]+(\S[^\n]*)", re.M)


def transcript_turns(text: str, speaker_fields) -> list[dict]:
    """Interview and debate transcripts ("WALLACE: …" / "PENCE: …"): a paragraph opened by a speaker's
    name in capitals and a colon is that speaker's turn, the colon its cue.  Only in a dialogue (three
    such lines, two speakers or more), so one-off labels ("UPDATE:", "BYLINE:") stay out.  A turn
    inside a quotation runs on over the next paragraphs that reopen the quote (the multi-paragraph
    convention) until the next turn or a stage note ("(CROSSTALK.)")."""
    lines = [m for m in _TURN_LINE.finditer(text)
             if not any(w.lower().strip(".’'") in word_set("not_sources") for w in m.group(2).split())]
    if len(lines) < 3 or len({m.group(2) for m in lines}) < 2:
        return []
    starts = {m.start() for m in lines}
    out = []
    for m in lines:
        end = paragraph(text, m.start(3))[1]
        if m.group(1):
            nxt = end
            while True:
                while nxt < len(text) and text[nxt].isspace():
                    nxt += 1
                if nxt >= len(text) or text[nxt] not in "\"“" or paragraph(text, nxt)[0] in starts \
                        or text[nxt + 1: nxt + 2] == "(" or nxt in starts:
                    break
                end = paragraph(text, nxt)[1]
                nxt = end
        c_start, c_end = trim(text, m.start(3), end)
        if text[c_end - 1:c_end] in "\"”" and text.count("\"", c_start, c_end) % 2 == 0:
            c_end -= 1
        if c_end - c_start < 3:
            continue
        colon = m.end(2)
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "direct",
             "cue": ":", "cue_start": colon, "cue_end": colon + 1}
        q.update(speaker_fields(None, m.start(2), m.end(2)))
        out.append(q)
    return out


def colon_headlines(text: str, quotes: list[dict], speaker_fields) -> list[dict]:
    """A short line "Source: claim" (news headline style: "Poll: X leads Y") attributes the claim to
    the name before the colon; the colon is the cue."""
    out = []
    for m in _COLON_LINE.finditer(text):
        if m.start() and text[m.start() - 1] != "\n":
            continue
        src, claim = m.group(1), m.group(2).rstrip()
        words = src.replace("\t", " ").split()
        src_end = m.end(1)
        # "Clinton to Planned Parenthood: …": the name before the addressee ("Still to come: …" is
        # no source); "Clinton camp: …": a group named by its head
        cut = next((k for k, w in enumerate(words) if k and w == "to" and k + 1 < len(words)
                    and words[k + 1][:1].isupper()), None)
        if cut is not None:
            src_end = m.start(1) + len(" ".join(words[:cut]))
            words = words[:cut]
        if any(w.lower().strip(".’'") in word_set("not_sources") for w in words) or any(ch.isdigit() for ch in src) \
                or not all(w[:1].isupper() or (k and w in word_set("headline_groups")) for k, w in enumerate(words)) \
                or len(claim.split()) > 30 or len(claim.split()) < 3:
            continue
        c_start = m.start(2)
        c_end = m.start(2) + len(claim)
        c_start, c_end = trim(text, c_start, c_end)
        if text[c_end - 1:c_end] in ".!?" :
            c_end -= 1
        if c_end - c_start < 3 or any(overlaps((c_start, c_end), (q["start"], q["end"])) for q in quotes):
            continue
        colon = text.index(":", m.end(1))
        q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
             "cue": ":", "cue_start": colon, "cue_end": colon + 1}
        q.update(speaker_fields(None, m.start(1), src_end))
        out.append(q)
    return out


def headline(text: str, sent: Span) -> bool:
    """A title-case line with no final punctuation ("China Vows To Support Russia …"), or one in strict
    title case with a stop: the parser cannot read it ("Icon Endorses Cruz." parses as a noun phrase);
    :func:`title_attributions` and :func:`colon_headlines` read it instead."""
    start, end = paragraph(text, sent.start_char)
    # at most 26 words are read: a paragraph of thousands (a text without line breaks) is no headline
    words = [m.group() for m in itertools.islice(_LETTERS.finditer(text, start, end), 26)]
    if not words or len(words) > 25:
        return False
    line = text[start:end].strip()
    if line[-1:] in ".!?\"”’:":
        return _title_case(line)
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words) and len(words) >= 3


_LETTERS = re.compile(r"[A-Za-z]+")
_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _title_case(line: str) -> bool:
    """Every word but the small ones capitalised, three words or more: "Blackwell Endorses Ted Cruz."."""
    words = _TITLE_WORD.findall(line)
    big = [w for w in words if w.lower() not in word_set("title_small_words")]
    return 3 <= len(words) <= 25 and len(big) >= 2 and all(w[0].isupper() for w in big)


def _verb_lemmas(word: str) -> list[str]:
    """Candidate lemmas of a capitalised title verb ("Endorses" → endorse, "Slammed" → slam)."""
    w = word.lower()
    if w in title_verb_forms():
        return [title_verb_forms()[w]]
    out = []
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    return out


def title_attributions(text: str, quotes: list[dict], speaker_fields) -> list[dict]:
    """A headline in title case, "Source Verb Claim" ("Conservative Icon Morton Blackwell Endorses Ted
    Cruz", "Trump Calls On Obama To Resign"): the first capitalised reporting verb in a present or past
    form is the cue, the words before it the source and those after it what was said or taken a stand
    on.  Lines in sentence case are parsed like any sentence."""
    cues = cue_lexicon()
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not _title_case(line) or ":" in line or any(overlaps((m.start(), m.end()), (q["start"], q["end"]))
                                                      for q in quotes):
            continue
        words = list(re.finditer(r"\S+", line))
        tail = _TITLE_TAIL.search(line)
        if tail and any(cues.get(l) is not None and cues[l].kind == "speech" for l in _verb_lemmas(tail.group(2))):
            # "Clinton Hid Health Problems, Former White House Doctor Says.": the claim first
            c_start, c_end = trim(text, m.start(), m.start() + tail.start())
            q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
                 "cue": tail.group(2), "cue_start": m.start() + tail.start(2), "cue_end": m.start() + tail.end(2)}
            q.update(speaker_fields(None, m.start() + tail.start(1), m.start() + tail.end(1)))
            out.append(q)
            continue
        for k in range(1, len(words) - 1):
            word = words[k].group(0).strip(",;")
            if not word[:1].isupper() or not word.isalpha():
                continue
            cue = next((cues[l] for l in _verb_lemmas(word) if l in cues
                        and cues[l].kind in ("speech", "cognition", "attitude")), None)
            if cue is None:
                continue
            cue_end = k + 1
            if "p" in cue.complements and words[cue_end].group(0).lower() in (cue.preps or word_set("title_topic_preps")) \
                    and cue_end + 1 < len(words):
                cue_end += 1                    # "Calls On", "Votes For"
            c_start, c_end = trim(text, m.start() + words[cue_end].start(), m.end())
            if text[c_end - 1:c_end] in ".!?":
                c_end -= 1
            s_start, s_end = m.start() + words[0].start(), m.start() + words[k - 1].end()
            if k > 8 or c_end - c_start < 3 or not text[s_start].isupper():
                break
            q = {"text": text[c_start:c_end], "start": c_start, "end": c_end, "kind": "indirect",
                 "cue": text[m.start() + words[k].start(): m.start() + words[cue_end - 1].end()],
                 "cue_start": m.start() + words[k].start(), "cue_end": m.start() + words[cue_end - 1].end()}
            q.update(speaker_fields(None, *trim(text, s_start, s_end)))
            out.append(q)
            break
    return out


#: a title ending in its source and reporting verb: "…, Lindsey Graham Says."
_TITLE_TAIL = re.compile(r",[ \t]+([A-Z][^,:;]{0,60}?)[ \t]+([A-Z][a-z]+)[.!]?[ \t]*$")
