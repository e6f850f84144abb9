"""Storyline's pages, rendered from ``data/serve/*.html.j2`` (Jinja2, autoescape on) with what
:mod:`storyline.store.query` reads: the story, an article, an actor, the events list, search and
the outlets compared.  Article-derived text is escaped by the templates or by :mod:`.text`."""
from __future__ import annotations

import urllib.parse
from functools import lru_cache

from datasette.utils.asgi import Response
from markupsafe import Markup

from ..store import query
from . import api
from .text import annotated

PAGE = 50


@lru_cache(maxsize=None)
def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("storyline", "data/serve"), autoescape=True)
    env.filters["qs"] = lambda params: urllib.parse.urlencode(params)
    env.filters["url"] = lambda value: urllib.parse.quote(str(value), safe="")
    env.filters["codes"] = lambda refs: ", ".join(r.get("code") or "?" for r in (refs or []))
    return env


def render(template: str, status: int = 200, **context) -> Response:
    html = environment().get_template(template).render(**context)
    return Response.html(html, status=status)


def _bad(message: str, status: int = 400) -> Response:
    return render("error.html.j2", status=status, message=message, status_code=status)


def _story(conn) -> dict:
    from ..model import Relation, TimelineEntry
    from ..outputs.report.charts import relations_charts
    from ..outputs.report.framing import framing_section
    from ..store.framing import read_framing

    relations = [Relation.from_dict(query.decode("relations", r))
                 for r in query.fetch_rows(conn, "SELECT * FROM relations ORDER BY source, target, month")]
    entries = [TimelineEntry.from_dict({**query.decode("timeline", r), "background": bool(r["background"])})
               for r in query.fetch_rows(conn, "SELECT * FROM timeline ORDER BY position")]
    framing = read_framing(conn)
    counts = conn.execute("SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL), "
                          "(SELECT count(*) FROM quotes)").fetchone()
    return {"timeline": query.timeline(conn)["timeline"], "charts": Markup(relations_charts(relations, entries)),
            "framing": Markup(framing_section(framing, [])), "outlets": query.outlets(conn),
            "n_articles": counts[0], "n_quotes": counts[1],
            "n_events": query.events(conn, query.EventFilters(limit=1))["total"],
            "actors": query.actors(conn, limit=12)["actors"]}


async def story(request, datasette):
    return render("story.html.j2", **await api.run(datasette, _story))


async def chart_script(request, datasette):
    from ..outputs.report.charts import chart_script as script

    return Response(script(), content_type="application/javascript; charset=utf-8",
                    headers={"cache-control": "max-age=86400"})


def _labelled(record: dict) -> dict:
    for e in record["events"]:
        e["label"] = f"{e['event_type']} {e.get('cameo') or ''}".strip()
    for q in record["quotes"]:
        q["label"] = f"quote: {q.get('speaker') or 'unattributed'}"
    for t in record["timexes"]:
        t["label"] = f"{t.get('text')} → {t.get('value') or 'unresolved'}"
    return record


async def article(request, datasette):
    record = await api.run(datasette, query.article, request.url_vars["id"])
    if record is None:
        return _bad(f"No article {request.url_vars['id']!r} in this store.", 404)
    record = _labelled(record)
    focus = request.args.get("ev")
    text = Markup(annotated(record.get("text") or "", {"ev": record["events"], "q": record["quotes"],
                                                       "t": record["timexes"]}, focus))
    return render("article.html.j2", a=record, text=text, focus=focus)


def _actor(conn, code: str) -> dict:
    found = query.actors(conn, code=code, limit=1)["actors"]
    if not found:
        return {}
    months = query.fetch_rows(conn, "SELECT substr(e.date, 1, 7) AS month, "
                               "count(DISTINCT CASE WHEN x.side = 'source' THEN e.id END) AS as_source, "
                               "count(DISTINCT CASE WHEN x.side = 'target' THEN e.id END) AS as_target "
                               "FROM event_actors x JOIN events e ON e.id = x.event_id "
                               f"WHERE x.code = ? AND {query.kept_sql()} AND e.date IS NOT NULL "
                               "GROUP BY month ORDER BY month", [code])
    side = {s: query.events(conn, query.EventFilters(**{s: code}, limit=PAGE), with_articles=True)
            for s in ("source", "target")}
    stances = query.fetch_rows(conn, "SELECT * FROM stances WHERE actor = ? OR actor = ? ORDER BY issue LIMIT 100",
                          [code, found[0]["name"] or code])
    quotes = query.fetch_rows(conn, "SELECT q.id, q.article_id, q.text, q.speaker, a.title, a.published "
                               "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE instr(',' || q.speaker_code || ',', ',' || ? || ',') > 0 "
                               "ORDER BY a.published, q.id LIMIT 100", [code])
    return {"actor": found[0], "months": months, "side": side, "stances": stances, "quotes": quotes}


async def actor(request, datasette):
    code = request.url_vars["code"].upper()
    try:
        data = await api.run(datasette, _actor, query.code_param("code", code))
    except query.QueryError as exc:
        return _bad(str(exc))
    if not data:
        return _bad(f"No actor {code!r} on any event of this store.", 404)
    return render("actor.html.j2", actor=data["actor"], months=data["months"], side_events=data["side"], stances=data["stances"], quotes=data["quotes"])


def _choices(conn) -> dict:
    return {"types": [r[0] for r in conn.execute(
                f"SELECT DISTINCT event_type FROM events WHERE {query.kept_sql()} AND event_type IS NOT NULL "
                "ORDER BY event_type LIMIT 300")],
            "outlets": [r["outlet"] for r in query.outlets(conn) if r["outlet"]][:300]}


async def events(request, datasette):
    args = {k: request.args.get(k) for k in request.args.keys() if request.args.get(k) != ""}
    try:
        filters = query.EventFilters.parse(args)
        page = await api.run(datasette, query.events, filters, with_articles=True)
    except query.QueryError as exc:
        return _bad(str(exc))
    choices = await api.run(datasette, _choices)
    return render("events.html.j2", f=filters, args=args, page=page, choices=choices,
                  prev=filters.query_string(offset=max(0, filters.offset - filters.limit) or None),
                  next=filters.query_string(offset=filters.offset + filters.limit),
                  api=filters.query_string(offset=filters.offset or None))


async def search(request, datasette):
    args = {k: request.args.get(k) for k in request.args.keys() if request.args.get(k) != ""}
    if not args.get("q"):
        return render("search.html.j2", args=args, result=None)
    try:
        result = await api.run(datasette, query.search, args.get("q"), **api.search_kwargs(args))
    except query.QueryError as exc:
        return _bad(str(exc))
    for r in result["results"]:
        r["snippet_html"] = Markup(r["snippet_html"])
    offset = int(args.get("offset") or 0)
    return render("search.html.j2", args=args, result=result,
                  next={**args, "offset": offset + PAGE}, prev={**args, "offset": max(0, offset - PAGE)})


def _compare(conn) -> dict:
    from ..outputs.report.framing import framing_section
    from ..store.framing import read_framing

    framing = read_framing(conn)
    types = query.fetch_rows(conn, "SELECT a.source AS outlet, e.event_type AS type, count(*) AS n FROM events e "
                              f"JOIN articles a ON a.id = e.article_id WHERE {query.kept_sql()} "
                              "GROUP BY a.source, e.event_type ORDER BY a.source, n DESC")
    by_outlet: dict[str, list] = {}
    for r in types:
        if len(by_outlet.setdefault(r["outlet"], [])) < 6:
            by_outlet[r["outlet"]].append(f"{r['type']} ({r['n']})")
    return {"outlets": query.outlets(conn), "types": by_outlet, "framing": Markup(framing_section(framing, []))}


async def compare(request, datasette):
    return render("compare.html.j2", **await api.run(datasette, _compare))
