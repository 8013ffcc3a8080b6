"""The Datasette plugin: newstrace's routes, and the security headers on every response.

Routes registered by a plugin come before Datasette's own, so `/` is the events page and
Datasette's database, table and SQL pages stay under the store's name.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, TypeVar

from datasette import hookimpl as _hookimpl
from datasette.utils.asgi import Base400

from newstrace.web import views
from newstrace.web.app import tile_origin

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

F = TypeVar("F", bound=Callable[..., Any])
hookimpl: Callable[[F], F] = _hookimpl  # pluggy's marker, typed so mypy keeps the signatures

_ID = r"[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}?"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
                    "x-frame-options")


def content_security_policy(tiles_from: str | None = None) -> str:
    """No inline script or style anywhere, nothing loaded from elsewhere but the configured
    map tiles: article text that slips past escaping still cannot run or call out."""
    images = "'self' data:" + (f" {tiles_from}" if tiles_from else "")
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def active(datasette: Any) -> bool:
    """Whether this Datasette serves a newstrace store. Installing newstrace must not take
    over `/` or the headers of someone's unrelated Datasette, so the plugin acts only when
    its config is present (`make_datasette` sets it; by hand: `"plugins": {"newstrace": {}}`
    in Datasette's metadata)."""
    return datasette.plugin_config("newstrace") is not None


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Callable[..., Any]]]:
    if not active(datasette):
        return []
    return [
        (r"^/$", views.events),
        (r"^/events(?P<fmt>\.json)?$", views.events),
        (rf"^/events/(?P<event_id>{_ID})(?P<fmt>\.json)?$", views.event),
        (rf"^/articles/(?P<article_id>{_ID})(?P<fmt>\.json)?$", views.article),
    ]


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    if not active(datasette):
        return lambda app: app
    config = views.plugin_config(datasette)
    headers = [
        (b"content-security-policy",
         content_security_policy(tile_origin(config.get("tiles"))).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]

    def wrap(app: ASGIApp) -> ASGIApp:
        async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    kept = [(k, v) for k, v in message.get("headers", [])
                            if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                    message = {**message, "headers": kept + headers}
                await send(message)

            await app(scope, receive, send_with_headers)

        return with_headers

    return wrap


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": "/events", "label": "Events"}] if active(datasette) else []


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """A 4xx from Datasette's own pages as a plain error page, and any other failure as one
    line on stderr: Datasette's default prints every local variable of the traceback,
    request included, into the server log."""
    if not active(datasette):
        return None

    async def inner() -> Any:
        if isinstance(exception, Base400):
            status, message = exception.status, str(exception.args[0] if exception.args
                                                     else "bad request")
        else:
            status, message = 500, "the server failed on this request"
            sys.stderr.write(f"newstrace: {request.path}: {type(exception).__name__}: "
                             f"{exception}\n")
        return await views.error_page(datasette, request, status, message)

    return inner
