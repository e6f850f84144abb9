"""Putting a document's quotes together: overlaps, duplicates, quotations no cue claimed (continuing
the last speaker or the second part of a split quote) and contents that run on past a colon."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from .lexicon import word_set
from .spans import WORDS, overlaps, paragraph


#: what a colon after a reported clause introduces, up to the end of its sentence
_AFTER_COLON = re.compile(r"[ \t]*:[ \t]+([^\n\"“”]+?[.!?]?)(?=[ \t]+[A-Z\"“]|[ \t]*\n|[ \t]*$)")


def through_colon(text: str, q: dict, quotes: list[dict]) -> None:
    """A reported clause that announces what follows its colon goes on with it: "notes that three things
    are happening at once: home values are rising, rates are low …" (a list or an explanation, up to
    the end of its sentence; not a quotation, which is attributed on its own)."""
    if q["kind"] != "indirect" or q.get("cue_start") is None or q["cue_start"] >= q["end"]:
        return
    m = _AFTER_COLON.match(text, q["end"])
    if m is None or len(WORDS.findall(m.group(1))) < 3 \
            or any(o is not q and o["start"] < m.end(1) and m.start(1) < o["end"] for o in quotes):
        return
    end = m.end(1) - (1 if text[m.end(1) - 1] in ".!?" else 0)
    q["end"] = end
    q["text"] = text[q["start"]:end]


#: the speaker's next act between two quotations (", adding", ", going on to say"): the second is its own
_NEXT_ACT = re.compile(r"[,—–-]\s*((?:before |then |and )?(?:adding|continuing|going on to \w+|went on to \w+|"
                       r"concluding|explaining|noting|arguing|insisting|warning))\b")


#: the end of a sentence: a stop after a word that is no short abbreviation ("Sen.", "Mrs.", "D-Mo.")
_SENTENCE_END = re.compile(r"(?:\b[a-z]\w*|\b\w{4,}|\d)[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")

_SPEAKER_KEYS = ("speaker", "speaker_code", "speaker_sector")


def _closed_before_cue(text: str, q: Optional[dict]) -> bool:
    """A quotation closed right before its cue (“A,” he said …)."""
    return q is not None and q.get("cue_start") is not None and q["cue_start"] >= q["end"] - 1 \
        and text[q["end"] - 1] in "\"”’'\u200b"


def _splits(text: str, q: Optional[dict], m: tuple[int, int]) -> bool:
    """“A,” he said. “B.”: a quotation closed right before its cue, and a second one ``m`` after the cue."""
    return _closed_before_cue(text, q) and q["end"] <= m[0] and m[0] - q["end"] < 150 and q["cue_end"] <= m[0]


def _second_part(text: str, last: dict, m: tuple[int, int], out: list[dict]) -> None:
    """“A,” he said. “B.” — the second part of a quote split by its attribution joins the first (its
    pieces leave the attribution out), however long the attribution ("said X, a lawyer who has long
    fought Y."); after the speaker's next act (", adding") it is that act's; with a sentence of the
    writer's own after the attribution it is the speaker's next quote."""
    act = _NEXT_ACT.search(text, last["cue_end"], m[0])
    stop = None if act is not None else _SENTENCE_END.search(text, last["cue_start"], m[0])
    if act is not None:
        # “A,” she said, going on to contrast X with Y. “B.”: B is what the next act said
        out.append({"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
                    "cue": act.group(1), "cue_start": act.start(1), "cue_end": act.end(1),
                    **{k: last.get(k) for k in _SPEAKER_KEYS}, "speaker_start": None, "speaker_end": None})
    elif stop is None or not WORDS.search(text, stop.end(), m[0]):
        last["end"] = m[1]
        last["text"] = text[last["start"]:last["end"]]
    else:
        out.append({"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
                    "cue": None, "cue_start": None, "cue_end": None,
                    **{k: last.get(k) for k in _SPEAKER_KEYS}, "speaker_start": None, "speaker_end": None})


def _uncued_quote(text: str, m: tuple[int, int], prior: list[dict], last: Optional[dict], para: tuple[int, int],
                  speaker_fields) -> Optional[dict]:
    """A quotation no cue claimed: after a colon that closes an attribution, that attribution's; else, of
    eight words or more, the last speaker's when it is a paragraph of its own, or no one's."""
    if prior and re.fullmatch(r"['’\s]*:\s*", text[prior[-1]["end"]:m[0]]):
        # Bloomberg characterized it as 'closer than allies': "…"
        src = prior[-1]
        return {"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
                **{k: src.get(k) for k in ("cue", "cue_start", "cue_end", "speaker", "speaker_code",
                                           "speaker_sector", "speaker_start", "speaker_end")}}
    if len(text[m[0]:m[1]].split()) < 8:
        return None                # scare quotes ("interference") and short phrases quoted from somewhere
    standalone = not text[para[0]:m[0]].strip()
    q = {"text": text[m[0]:m[1]], "start": m[0], "end": m[1], "kind": "direct",
         "cue": None, "cue_start": None, "cue_end": None}
    if standalone and last is not None and m[0] - last["end"] < 1500:
        q.update({k: last.get(k) for k in _SPEAKER_KEYS})
        q.update({"speaker_start": None, "speaker_end": None})
    else:
        q.update(speaker_fields(None))
    return q


def _takes_over(q: dict, last: Optional[dict]) -> bool:
    """Does an attributed quote become the last speaker's? Not one inside the last speaker's description
    ("said Smith, who wrote about …"): that speaker goes on with the quotation."""
    return bool(q.get("speaker")) and not (
        last is not None and last.get("speaker_start") is not None
        and last["speaker_start"] <= (q.get("cue_start") or -1) < last["speaker_end"])


def add_uncued(text: str, marks: list[tuple[int, int]], quotes: list[dict], speaker_fields) -> list[dict]:
    """Quoted passages no cue claimed: a paragraph that is only a quote continues the last speaker;
    other quotes of eight words or more are kept without a speaker; shorter ones are scare quotes or
    phrases quoted in passing (on PolNeAR train, 5-7 word ones are attributions in fewer than 3 of 10)."""
    out = list(quotes)
    q_i = 0
    last: Optional[dict] = None
    opening: Optional[dict] = None      # the last quotation closed before its cue: “A,” he said …
    ordered = sorted(quotes, key=lambda q: q["start"])
    for m in marks:
        while q_i < len(ordered) and ordered[q_i]["start"] < m[0]:
            if _takes_over(ordered[q_i], last):
                last = ordered[q_i]
                if _closed_before_cue(text, last):
                    opening = last
            q_i += 1
        if not _splits(text, last, m) and _splits(text, opening, m) and last is not None \
                and last["start"] > opening["end"]:
            # “A,” said X, who has been challenging Y. “B.”: the attribution between the two parts has an
            # attribution of its own; the second part still goes with the first
            last = opening
        if any(overlaps(m, (q["start"], q["end"])) and not (_according(q) and m[0] < q["start"] and q["end"] < m[1])
               for q in ordered[max(0, q_i - 3): q_i + 3]):
            continue   # claimed, though an 'according to' inside it leaves the quotation itself to attribute
        para = paragraph(text, m[0])
        prev_para = paragraph(text, max(0, para[0] - 2))[0] if para[0] > 1 and not text[para[0]:m[0]].strip() else para[0]
        if _splits(text, last, m) and prev_para <= last["start"] \
                and re.search(r"[.,:;!?—–-][\"”’']?\s*$", text[last["cue_end"]:m[0]]):
            # (a quotation inside the attribution, "said X, who waited in an “extraordinarily long line”",
            # follows no punctuation and is not the second part)
            _second_part(text, last, m, out)
            continue
        prior = [q for q in ordered[max(0, q_i - 3): q_i] if q["end"] <= m[0] and q.get("speaker")]
        q = _uncued_quote(text, m, prior, last, para, speaker_fields)
        if q is not None:
            out.append(q)
    out.sort(key=lambda q: (q["start"], q["end"]))
    return out


def quoted_words_of(q: dict, according: list[dict], doc: Doc, cues: dict) -> bool:
    """"The two presidents discussed “growing dangers …”, according to Z": a direct quote that a verb
    other than a speech verb takes as object, inside what 'according to Z' reports, is Z's wording."""
    if q["kind"] != "direct" or q.get("cue_end") is None:
        return False
    tok = doc.char_span(q["cue_end"] - 1, q["cue_end"], alignment_mode="expand")
    cue = cues.get(tok.root.lemma_.lower()) if tok is not None and len(tok) else None
    if cue is not None and cue.kind == "speech" and tok.root.lemma_.lower() not in word_set("topic_verbs") | {"discuss"}:
        return False
    return any(a["start"] <= q["start"] and q["end"] <= a["end"] for a in according)


def absorb_adjacent(found: list[dict], sent_marks: list[tuple[int, int]], text: str) -> None:
    """Extend a quote over quoted passages that follow it: “a,” “b,” and “c”."""
    for q in found:
        for m in sent_marks:
            if m[0] >= q["end"] and re.fullmatch(r"[\s,;]*(?:and|or)?[\s,]*", text[q["end"]:m[0]]):
                q["end"] = m[1]
                q["text"] = text[q["start"]:q["end"]]


def _according(q: dict) -> bool:
    return (q.get("cue") or "").lower() == "according to"


def _nested_source(inner: dict, outer: dict) -> bool:
    """``inner`` is an 'according to Z' inside the quotation ``outer`` of another speaker: Bloomberg's
    quoted words "Xi hailed relations …, according to the Kremlin, …" are both Bloomberg's and,
    within them, the Kremlin's."""
    return (_according(inner) and outer["kind"] == "direct" and outer["start"] < inner["start"]
            and inner["end"] < outer["end"] and inner.get("speaker") != outer.get("speaker"))


def drop_overlapping(found: list[dict]) -> list[dict]:
    """Of quotes sharing most of their content, keep the best attributed one."""
    def rank(q: dict) -> tuple:
        return (q.get("speaker") is not None, (q.get("cue") or "").lower() != "according to",
                q["end"] - q["start"])
    # overlapping quotes form clusters (a sweep over start order); each cluster keeps its best members
    clusters: list[list[dict]] = []
    reach = -1
    for q in sorted(found, key=lambda q: (q["start"], q["end"])):
        if clusters and q["start"] < reach:
            clusters[-1].append(q)
            reach = max(reach, q["end"])
        else:
            clusters.append([q])
            reach = q["end"]
    kept: list[dict] = []
    for cluster in clusters:
        chosen: list[dict] = []
        for q in sorted(cluster, key=rank, reverse=True):
            length = max(1, q["end"] - q["start"])
            if any(min(q["end"], k["end"]) - max(q["start"], k["start"])
                   > 0.5 * (max if _according(q) or _according(k) else min)(length, k["end"] - k["start"])
                   and not _nested_source(q, k) and not _nested_source(k, q)
                   for k in chosen):
                continue
            chosen.append(q)
        kept.extend(chosen)
    kept.sort(key=lambda q: (q["start"], q["end"]))
    return kept


def dedupe(quotes: list[dict]) -> list[dict]:
    """Drop exact duplicates; a content nested in another with the same cue keeps the outer."""
    out: list[dict] = []
    seen: set[tuple] = set()
    for q in quotes:
        key = (q["start"], q["end"])
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out
