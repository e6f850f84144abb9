"""Small hand-built records for tests of the corpus stages and the report (no model needed), and the
few helpers the tests that run the full pipeline share."""
from __future__ import annotations

from storyline.corpus.relations import quad_class_of
from storyline.model import ActorRef, Article, Event

RUS = ActorRef("Russia", "RUS", "GOV")
CHN = ActorRef("China", "CHN", "GOV")


def art(aid, source, published, **kw):
    return Article(id=aid, path=f"{aid}.txt", text="", source=source, published=published, **kw)


def ev(eid, aid, etype="CONSULT", *, src=(RUS,), tgt=(CHN,), date="2021-12-15", how="timex",
       sentence="Putin and Xi held a video call on Wednesday to discuss security.", quad=None, **kw):
    quad = quad if quad is not None else quad_class_of(Event(id="", article_id="", event_type=etype))
    return Event(id=eid, article_id=aid, event_type=etype, quad_class=quad, source=tuple(src),
                 target=tuple(tgt), date=date, date_how=how, sentence=sentence, **kw)


def analysed(nlp, text: str, dct: str):
    """``text`` through the full pipeline ``nlp`` with its publication date ``dct``."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def coded_events(nlp, text: str, dct: str, kind: str | None = None) -> list[dict]:
    """The events coded in ``text`` (only those of PLOVER type ``kind`` when given)."""
    return [e for e in analysed(nlp, text, dct)._.events if kind is None or e["event_type"] == kind]


def codes(actors) -> set:
    """The actor codes of an event side (uncoded actors left out)."""
    return {a["code"] for a in actors if a.get("code")}
