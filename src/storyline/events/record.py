"""Coding a document: every sentence with an actor goes through the sentence coder, and each coded
trigger becomes an Event dict (code adjusted by who acts, place, date, flags)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from .assess import cue_set, issue_object, modality
from .coder import EventCandidate, SentenceCoder, actor_participle
from .confidence import features, score_names
from . import signals
from .coref import Coref
from .counterpart import weakening
from .implied import implied_evidence, told_target
from .filters import PassageFilter, judge_document, record_verdict
from .lexicon import event_lexicon
from .backdrop import backdrop_fight
from .nonevents import no_meeting, non_event, private_happening
from .purpose import aim_not_act
from .dating import after_article, date_by_dated_contact, date_for, dct_day
from .sides import battle_adjust, civil_adjust, dateline_place, event_sides, sentence_place, plain_actor
from ..dates import BACKGROUND_DAYS, is_background_date
from ..errors import log

__all__ = ["event_record", "code_doc", "code_doc_triggers"]

def event_record(doc: Doc, sent: Span, sent_text: str, ev: EventCandidate, *, dateline: Optional[str],
            dct: Optional[str], background_days: int, coref: Optional[Coref] = None) -> dict:
    """The Event dict of a coded trigger: code adjusted by who acts, place, date, flags."""
    row, trigger = ev.row, ev.trigger
    location = sentence_place(doc, sent, trigger) or dateline
    row = battle_adjust(civil_adjust(row, ev.source, trigger), trigger)
    source, target = event_sides(doc, sent, trigger, row.plover, ev.source, ev.target, location)
    if not target and row.quad_class == 4 and any(a.get("unnamed") and a.get("code") for a in source):
        target = source   # "there was heavy fighting in X": unnamed parties of the place on both sides
    date = date_for(doc, sent, trigger)
    if not ev.intent and after_article(date.get("value"), dct) and date.get("how") != "article":
        date = {"value": dct, "text": None, "how": "article"}
    record = {
        "event_type": row.plover, "cameo": row.code, "mode": row.mode or None,
        "goldstein": row.goldstein, "quad_class": row.quad_class,
        "source": [plain_actor(a) for a in source],
        "target": [plain_actor(a) for a in target],
        "date": date.get("value"), "date_text": date.get("text"), "date_how": date.get("how"),
        "location": location,
        "negated": ev.negated, "intent": ev.intent,
        "trigger": trigger.text, "sentence": sent_text,
        "start": sent.start_char, "end": sent.end_char,
        "background": is_background_date(date.get("value"), dct, days=background_days),
    }
    record["_named_target"] = [plain_actor(a) for a in told_target(target)]
    record["_implied"] = implied_evidence(source, target)
    return _assessed(record, doc, sent, ev, coref)


def _in_quote(doc: Doc, sent: Span, trigger: Token) -> bool:
    """Whether the trigger stands inside quotation marks opened in its sentence."""
    before = doc[sent.start:trigger.i].text  # the sentence's tokens before the trigger (doc.text would rebuild it all)
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”")


def _assessed(record: dict, doc: Doc, sent: Span, ev: EventCandidate, coref: Optional[Coref] = None) -> dict:
    """The record with its modality, confidence and evidence (trigger offsets, rule, factors)."""
    own_tokens = frozenset(i for a in ev.source if a.get("token_start") is not None
                           for i in range(a["token_start"], a.get("token_end") or a["token_start"] + 1))
    codes = {a.get("code") for a in ev.source if a.get("code")}

    def same_side(speakers: list[Token]) -> bool:   # a spokesman of the actor's own country or body
        return coref is not None and any((coref.mention_at(t.i) or {}).get("code") in codes
                                         for s in speakers for t in s.subtree)
    mod = modality(ev.anchor, ev.trigger, sent, negated=ev.negated, intent=ev.intent, rule=ev.rule,
                   actor_tokens=own_tokens, same_side=same_side)
    in_quote = _in_quote(doc, sent, ev.trigger)
    voice = not in_quote and any((a.get("text") or "").lower() in cue_set("voice_pronouns") for a in ev.source)
    told = {**record, "target": record["_named_target"]}   # the sides the text tells, not those implied
    active = features(told, rule=ev.rule, modality=mod.value, in_quote=in_quote, writer_voice=voice,
                      background_clause=ev.anchor.dep_ == "relcl" or (
                          ev.anchor.dep_ == "acl" and not (coref and actor_participle(coref, ev.anchor))),
                      issue_object=issue_object(ev.trigger),
                      weakened_by=weakening(told, ev.trigger, ev.anchor, ev.source)) + _setting(told, ev)
    confidence, evidence = score_names(active)
    cue = ((f"cue {mod.cue.text!r}",) if mod.cue is not None else ()) + record.pop("_implied")
    record.update(confidence=confidence, modality=mod.value, rule=ev.rule or None,
                  # PLOVER's flag follows the modality for material acts ("sent troops to protect"); a
                  # verbal act with "would" ("said he would not provide support": a refusal) is done
                  intent=record["intent"] or (mod.value == "intended" and record["quad_class"] in (2, 4)),
                  trigger_start=ev.trigger.idx, trigger_end=ev.trigger.idx + len(ev.trigger),
                  evidence=evidence + cue, _active=active, _cue=cue)
    return record


def _setting(record: dict, ev: EventCandidate) -> list[str]:
    """The features of the event's place in the parse and of its sides (:mod:`.signals`) that the
    coder lists."""
    names = [signals.clause(ev.anchor), signals.tense(ev.trigger), f"dated by {record.get('date_how') or 'nothing'}"]
    names += signals.voice_and_mood(ev.trigger.sent)
    names += signals.side_origin(record, record["start"], record["end"]) + signals.dyad(record)
    return signals.listed(names + signals.crossed(record))


def _rescored(records: list[dict], places: list[tuple[int, int]], n_sentences: int, share: float) -> list[dict]:
    """The records with the features of their sentence and article added to their confidence and
    evidence (``places``: each record's sentence index and the number of events coded in it)."""
    article = signals.article_features(share, len(records))
    for record, (index, n) in zip(records, places):
        active = record.pop("_active") + signals.listed(signals.sentence_features(n, index, n_sentences) + article)
        confidence, evidence = score_names(active)
        record.update(confidence=confidence, evidence=evidence + record.pop("_cue"))
    return records


def _named_here(sides: list[dict], sent: Span) -> list[dict]:
    """The sides named in the sentence itself ("they" taken from an earlier sentence is not judged)."""
    return [a for a in sides if a.get("start") is not None and sent.start_char <= a["start"] < sent.end_char]


def _political(events: list[EventCandidate]) -> list[EventCandidate]:
    """The sentence's candidates without those that tell no political event (:mod:`.nonevents`)."""
    kept = []
    for ev in events:
        why = non_event(ev)
        if why is None:
            kept.append(ev)
        else:
            log.debug("no event: %s %r (%s)", ev.row.plover, ev.trigger.text, why)
    return kept


def code_doc_triggers(doc: Doc, *, background_days: int = BACKGROUND_DAYS) -> tuple[list[dict], list[Token]]:
    """:func:`code_doc` with the trigger token of each event (same order).  Sentences that are not article
    body yield none, nor does a document that is not public-affairs news in English (:mod:`.filters`;
    the verdict goes to ``doc._.event_filter``)."""
    if not doc.has_annotation("DEP"):
        return [], []
    mentions = doc._.actors
    if mentions is None:
        from ..actors import find_actor_mentions

        mentions = find_actor_mentions(doc, date=doc._.dct)
    event_lexicon().fix_lemmas(doc)
    coref = Coref(doc, mentions)
    dateline, dct = dateline_place(doc), dct_day(doc._.dct)
    out: list[dict] = []
    triggers: list[Token] = []
    passages, event_sentences = PassageFilter(), 0
    text = doc.text             # a sentence's text is its slice (Span.text rebuilds it token by token)
    places: list[int] = []
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        coref.enter_sentence(sent)
        sent_text = text[sent.start_char:sent.end_char]
        if passages.skip(sent_text) or not coref.sentence_has_actors(sent):
            continue
        events = _political(SentenceCoder(doc, coref).code_sentence(sent))
        for ev in events:
            aim = aim_not_act(ev)
            if aim is not None:   # after the candidates are known: the sentence still counts for context
                log.debug("no event: %s %r (%s)", ev.row.plover, ev.trigger.text, aim)
                continue
            record = event_record(doc, sent, sent_text, ev, dateline=dateline, dct=dct,
                                  background_days=background_days, coref=coref)
            unmet = no_meeting(record, ev.trigger) or backdrop_fight(record, ev.trigger)
            named_target = record.pop("_named_target")
            if unmet or private_happening(record["event_type"], _named_here(record["source"], sent), named_target):
                log.debug("no event: %s %r (%s)", record["event_type"], record["trigger"], unmet or "private")
                continue
            out.append(record)
            triggers.append(ev.trigger)
            places.append(index)
        if events:
            event_sentences += 1
            coref.note_event(events[0].source)
    verdict = judge_document(doc, mentions, event_sentences=event_sentences)
    record_verdict(doc, verdict)
    if not verdict.coded:
        return [], []
    per_sentence = {i: places.count(i) for i in set(places)}
    out = _rescored(out, [(i, per_sentence[i]) for i in places], len(sentences),
                    signals.political_share(doc, mentions))
    return date_by_dated_contact(out), triggers


def code_doc(doc: Doc, *, background_days: int = BACKGROUND_DAYS) -> list[dict]:
    """Code every sentence of an annotated ``doc``: Event dicts without ids, main event first.

    ``background_days``: an event dated more than this many days before the article is background."""
    return code_doc_triggers(doc, background_days=background_days)[0]
