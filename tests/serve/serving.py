"""Helpers of the serve tests — stores to serve: the demo corpus's run (once per session), and a hand-built store whose article
text is hostile HTML; an in-process client and a started ``storyline serve``."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from builders import CHN, RUS, art, ev
from storyline.model import ActorRef, Quote, TimelineEntry, TimeRef
from storyline.store import Store

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & "x"'
SRC = Path(__file__).resolve().parents[2] / "src"


def build_hostile(out: Path) -> Path:
    """Two articles: one whose every field is hostile HTML, one plain (Russia and China talking)."""
    text = HOSTILE + " Putin met Xi in Beijing on Monday."
    hostile = art("h1", HOSTILE, "2021-12-15", title=HOSTILE, removed=(HOSTILE,)).replace(text=text)
    plain = art("p1", "Plain Post", "2022-02-04", title="Talks").replace(
        text="Putin and Xi spoke on Friday. Later they met.")
    events = [ev("eh", "h1", sentence=text, start=0, end=len(text), confidence=0.9,
                 src=(ActorRef(HOSTILE, "RUS"),), tgt=(CHN,)),
              ev("ep", "p1", sentence="Putin and Xi spoke on Friday.", start=0, end=29, confidence=0.9,
                 date="2022-02-04"),
              ev("eq", "p1", "ACCUSE", src=(CHN,), tgt=(RUS,), sentence="Later they met.", start=30, end=45,
                 confidence=0.2, date="2022-02-04")]           # below the threshold: not served
    quote = Quote(id="qh", article_id="h1", text=HOSTILE, start=0, end=len(HOSTILE), speaker=HOSTILE,
                  speaker_code="RUS")
    timex = TimeRef(id="th", article_id="h1", start=text.index("Monday"), end=text.index("Monday") + 6,
                    text="Monday", type="DATE", value="2021-12-13")
    store = Store(out / "storyline.sqlite")
    store.save_articles([hostile, plain])
    store.save_analysis(hostile, timexes=[timex], events=events[:1], quotes=[quote], fingerprint="f")
    store.save_analysis(plain, timexes=[], events=events[1:], quotes=[], fingerprint="f")
    timeline = [TimelineEntry(date="2021-12-15", summary=HOSTILE, event_ids=("eh",), article_ids=("h1",),
                              sources=(HOSTILE,), actors=("RUS", "CHN"), event_types=("CONSULT",)),
                TimelineEntry(date="2022-02-04", summary="Putin and Xi spoke.", event_ids=("ep",),
                              article_ids=("p1",), sources=("Plain Post",), actors=("RUS", "CHN"),
                              event_types=("CONSULT",))]
    store.save_corpus(events=events[:2], story_events=[], timeline=timeline, relations=[], stances=[],
                      framing={}, event_threshold=0.5)
    store.close()
    return out


class Client:
    """Datasette's in-process client, called synchronously."""

    def __init__(self, out: Path):
        from storyline.serve import make_app

        self.ds = make_app(out)
        asyncio.run(self.ds.invoke_startup())

    def get(self, url: str):
        return asyncio.run(self.ds.client.get(url))

    def post(self, url: str, **kw):
        return asyncio.run(self.ds.client.post(url, **kw))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(out: Path, port: int, *extra: str) -> subprocess.Popen:
    """``storyline serve OUT --port PORT`` in a subprocess, once it answers."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", str(out), "--port", str(port), *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode(errors="replace"))
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/actors", timeout=2)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("storyline serve did not answer within 60 s")
