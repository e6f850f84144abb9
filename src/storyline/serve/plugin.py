"""Storyline's Datasette plugin: the routes of the pages (:mod:`.pages`) and of the JSON API
(:mod:`.api`), and an ASGI wrapper refusing every method but GET, HEAD and OPTIONS."""
from __future__ import annotations

import json

from datasette import hookimpl

from . import api, pages

ALLOWED = frozenset({"GET", "HEAD", "OPTIONS"})


@hookimpl
def register_routes():
    return [
        (r"^/$", pages.story),
        (r"^/article/(?P<id>[^/]+)$", pages.article),
        (r"^/actor/(?P<code>[^/]+)$", pages.actor),
        (r"^/events$", pages.events),
        (r"^/search$", pages.search),
        (r"^/compare$", pages.compare),
        (r"^/-/storyline/plotly\.min\.js$", pages.chart_script),
        (r"^/api/events\.csv$", api.events_csv),
        (r"^/api/events$", api.events),
        (r"^/api/articles/(?P<id>[^/]+)$", api.article),
        (r"^/api/timeline$", api.timeline),
        (r"^/api/actors$", api.actors),
        (r"^/api/search$", api.search),
        (r"^/api(/.*)?$", api.not_found),
    ]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope.get("method", "GET").upper() not in ALLOWED:
                body = json.dumps({"ok": False, "status": 405,
                                   "error": "this server is read-only: only GET, HEAD and OPTIONS are allowed"})
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                        (b"allow", b"GET, HEAD, OPTIONS")]})
                await send({"type": "http.response.body", "body": body.encode()})
                return
            await app(scope, receive, send)
        return read_only
    return wrap
