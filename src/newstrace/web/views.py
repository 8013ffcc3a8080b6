"""Request handlers of the newstrace pages: a query on Datasette's read connection, under
the time limit, rendered as HTML or returned as JSON; errors become pages with a status.

Reads run on Datasette's own read-only connections (`execute_fn`), so the plugin adds no
connection of its own and never writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from datasette.utils.asgi import Response

from newstrace.errors import NewstraceError, NotFoundError, QueryTimeout, UsageError
from newstrace.store import MIGRATIONS, Store
from newstrace.web import pages
from newstrace.web.app import DEFAULT_TIME_LIMIT_MS

T = TypeVar("T")
BASEMAP = "/-/static-plugins/newstrace/world.geojson"


def plugin_config(datasette: Any) -> dict[str, Any]:
    return dict(datasette.plugin_config("newstrace") or {})


def store_database(datasette: Any) -> Any:
    """The store: the first attached file database (`newstrace serve` attaches one)."""
    for name, db in datasette.databases.items():
        if name != "_internal" and db.path:
            return db
    raise NotFoundError("no newstrace store is attached to this server")


async def read(datasette: Any, fn: Callable[[Store], T]) -> T:
    db = store_database(datasette)
    limit = int(plugin_config(datasette).get("time_limit_ms") or DEFAULT_TIME_LIMIT_MS)
    latest = MIGRATIONS[-1][0]

    def run(conn: Any) -> T:
        store = Store(conn, db.path)
        if store.schema_version != latest:
            raise UsageError(f"{db.path}: store schema {store.schema_version}, this newstrace "
                             f"reads {latest}; run `newstrace --db {db.path} summary` once "
                             "to upgrade it")
        with store.time_limit(limit):
            return fn(store)

    result: T = await db.execute_fn(run)
    return result


def map_config(datasette: Any) -> dict[str, Any]:
    config = plugin_config(datasette)
    return {"basemap_url": BASEMAP, "tiles": config.get("tiles") or "",
            "attribution": config.get("attribution") or ""}


async def events(request: Any, datasette: Any) -> Response:
    as_json = request.url_vars.get("fmt") == ".json"
    try:
        query = pages.EventQuery.from_args(request.args)
        page = await read(datasette, lambda store: pages.events_page(store, query))
    except NewstraceError as exc:
        return await _error(datasette, request, exc, as_json)
    if as_json:
        return Response.json(page)
    return await _html(datasette, request, "nt_events.html", pages.events_view(page, query))


async def event(request: Any, datasette: Any) -> Response:
    as_json = request.url_vars.get("fmt") == ".json"
    ref = request.url_vars["event_id"]
    try:
        dossier = await read(datasette, lambda store: pages.dossier_page(store, ref))
    except NewstraceError as exc:
        return await _error(datasette, request, exc, as_json)
    if as_json:
        return Response.json(dossier)
    return await _html(datasette, request, "nt_event.html",
                       pages.dossier_view(dossier, map_config(datasette)))


async def article(request: Any, datasette: Any) -> Response:
    as_json = request.url_vars.get("fmt") == ".json"
    ref = request.url_vars["article_id"]
    try:
        if as_json:
            return Response.json(await read(datasette,
                                            lambda store: pages.article_page(store, ref)))
        context = await read(datasette, lambda store: pages.article_view(
            store, pages.article_page(store, ref)))
    except NewstraceError as exc:
        return await _error(datasette, request, exc, as_json)
    return await _html(datasette, request, "nt_article.html", context)


async def _html(datasette: Any, request: Any, template: str,
                context: dict[str, Any]) -> Response:
    db = store_database(datasette)
    body = await datasette.render_template(
        template, {**context, "db_name": db.name, "nt_title": "newstrace"}, request=request)
    return Response.html(body)


async def _error(datasette: Any, request: Any, exc: NewstraceError,
                 as_json: bool) -> Response:
    status = 404 if isinstance(exc, NotFoundError) else 503 if isinstance(
        exc, QueryTimeout) else 400 if isinstance(exc, UsageError) else 500
    if as_json:
        return Response.json({"ok": False, "error": str(exc)}, status=status)
    return await error_page(datasette, request, status, str(exc))


async def error_page(datasette: Any, request: Any, status: int, message: str) -> Response:
    body = await datasette.render_template(
        "nt_error.html", {"message": message, "status": status,
                          "db_name": store_database(datasette).name}, request=request)
    return Response.html(body, status=status)


__all__ = ["article", "event", "events"]
