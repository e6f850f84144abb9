"""Small hand-built records for tests of the corpus stages and the report (no model needed)."""
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
