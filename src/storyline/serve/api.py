"""The JSON API (stable URLs, documented in the README): ``/api/events`` (and ``.csv``),
``/api/articles/{id}``, ``/api/timeline``, ``/api/actors``, ``/api/search``.  Every error is
``{"ok": false, "status": N, "error": "…"}``: 400 for a bad parameter, 404 for an unknown id."""
from __future__ import annotations

import csv
import io
import json

from datasette.utils.asgi import Response

from ..store import query

#: the CSV's columns: the events' scalar fields, then the first actor of each side flattened
CSV_COLUMNS = ("id", "article_id", "date", "event_type", "cameo", "quad_class", "goldstein", "confidence",
               "mode", "modality", "negated", "intent", "background", "source_code", "source_name",
               "target_code", "target_name", "date_text", "date_how", "location", "trigger", "sentence",
               "start", "end", "story_event", "rule")
#: the most rows one CSV answer holds (page on with offset)
CSV_LIMIT = 100_000


def error(status: int, message: str) -> Response:
    return Response.json({"ok": False, "status": status, "error": message}, status=status)


def _args(request) -> dict:
    """The query string as a dict (a repeated parameter is refused: one value each)."""
    out = {}
    for key in request.args.keys():
        values = request.args.getlist(key)
        if len(values) > 1:
            raise query.QueryError(f"{key}: given {len(values)} times; give it once")
        out[key] = values[0]
    return out


def database(datasette):
    return datasette.get_database(datasette.plugin_config("storyline")["database"])


async def run(datasette, fn, *args, **kwargs):
    return await database(datasette).execute_fn(lambda conn: fn(conn, *args, **kwargs))


def _json(value) -> Response:
    return Response(json.dumps(value, ensure_ascii=False, default=str), content_type="application/json; charset=utf-8")


async def events(request, datasette):
    try:
        filters = query.EventFilters.parse(_args(request))
        return _json(await run(datasette, query.events, filters))
    except query.QueryError as exc:
        return error(400, str(exc))


def _csv_row(e: dict) -> dict:
    row = {k: e.get(k) for k in CSV_COLUMNS}
    for side in ("source", "target"):
        refs = e.get(side) or []
        row[f"{side}_code"] = ";".join(r.get("code") or "" for r in refs)
        row[f"{side}_name"] = ";".join(r.get("text") or "" for r in refs)
    return row


async def events_csv(request, datasette):
    try:
        args = _args(request)
        want = query.int_param("limit", args.pop("limit", None), CSV_LIMIT, low=1, high=CSV_LIMIT)
        filters = query.EventFilters.parse(args)
    except query.QueryError as exc:
        return error(400, str(exc))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    total, offset = None, filters.offset
    while want > 0:
        page = await run(datasette, query.events, query.EventFilters(**{**filters.__dict__, "offset": offset,
                                                                       "limit": min(want, query.MAX_LIMIT)}))
        total = page["total"]
        writer.writerows(_csv_row(e) for e in page["events"])
        if len(page["events"]) < min(want, query.MAX_LIMIT):
            break
        offset, want = offset + len(page["events"]), want - len(page["events"])
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"x-total-count": str(total or 0)})


async def article(request, datasette):
    record = await run(datasette, query.article, request.url_vars["id"])
    if record is None:
        return error(404, f"no article {request.url_vars['id']!r}")
    return _json(record)


async def timeline(request, datasette):
    try:
        args = _args(request)
        return _json(await run(datasette, query.timeline, limit=args.get("limit"), offset=args.get("offset")))
    except query.QueryError as exc:
        return error(400, str(exc))


async def actors(request, datasette):
    try:
        args = _args(request)
        return _json(await run(datasette, query.actors, limit=args.get("limit"), offset=args.get("offset"),
                               code=args.get("code")))
    except query.QueryError as exc:
        return error(400, str(exc))


def search_kwargs(args: dict) -> dict:
    kinds = tuple(k for k in (args.get("kind") or ",".join(query.KINDS)).split(",") if k)
    return {"kinds": kinds, "event_type": args.get("type"), "actor": args.get("actor"),
            "date_from": args.get("from"), "date_to": args.get("to"), "limit": args.get("limit"),
            "offset": args.get("offset")}


async def search(request, datasette):
    try:
        args = _args(request)
        unknown = sorted(set(args) - {"q", "kind", "type", "actor", "from", "to", "limit", "offset"})
        if unknown:
            raise query.QueryError(f"{unknown[0]}: unknown parameter")
        return _json(await run(datasette, query.search, args.get("q"), **search_kwargs(args)))
    except query.QueryError as exc:
        return error(400, str(exc))


async def not_found(request, datasette):
    return error(404, f"no API endpoint {request.path}")
