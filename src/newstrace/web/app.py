"""The evidence base in the browser: a Datasette instance over one store, read-only.

Datasette gives the tables, faceting, full-text search, SQL, JSON and CSV; the newstrace
plugin (`newstrace.web.plugin`, loaded from the package's entry point) adds the events
page, the event dossier and the article page. A public deployment turns arbitrary SQL off
(``allow_sql=False``); every query has a time limit; the server binds to loopback unless
told otherwise.
"""

from __future__ import annotations

import importlib
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newstrace.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
DEFAULT_TIME_LIMIT_MS = 1000
RESERVED_NAMES = {"events", "articles", "-"}
"""Database names that would sit under the plugin's own routes."""


@dataclass(frozen=True)
class WebConfig:
    """What the plugin needs to know of how it is served (Datasette's plugin config)."""

    tiles: str | None = None
    attribution: str = ""
    time_limit_ms: int = DEFAULT_TIME_LIMIT_MS

    def as_plugin_config(self) -> dict[str, Any]:
        return {"tiles": self.tiles, "attribution": self.attribution,
                "time_limit_ms": self.time_limit_ms}


def check_tiles(tiles: str | None) -> str | None:
    """A tile URL template must be http(s) with {z}/{x}/{y}: it goes into the page's
    Content-Security-Policy, so anything else is refused rather than trusted."""
    if not tiles:
        return None
    parts = urlsplit(tiles)
    if parts.scheme not in ("http", "https") or not parts.netloc or not all(
            f"{{{k}}}" in tiles for k in "zxy"):
        raise UsageError(f"--tiles {tiles!r}: expected an http(s) URL template with "
                         "{z}, {x} and {y}")
    if any(c in tiles for c in " ;,'\"<>"):
        raise UsageError(f"--tiles {tiles!r}: the URL holds a character it cannot have")
    return tiles


def tile_origin(tiles: str | None) -> str | None:
    """The scheme and host the browser may load map tiles from, for the CSP."""
    if not tiles:
        return None
    parts = urlsplit(tiles)
    host = parts.netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}"


def database_name(db_path: str | Path) -> str:
    name = Path(db_path).stem or "store"
    return "store" if name in RESERVED_NAMES else name


def make_datasette(db_path: str | Path, *, allow_sql: bool = True,
                   time_limit_ms: int = DEFAULT_TIME_LIMIT_MS, tiles: str | None = None,
                   attribution: str = "") -> Any:
    """A Datasette app serving this store with the newstrace plugin (not yet listening)."""
    from datasette.app import Datasette  # first: importing it registers Datasette's own
    from datasette.database import Database  # hooks, its fallback error handler among them

    # That handler prints every local of a traceback (the request among them) into the
    # log, even for a 404; the plugin's handler logs one line instead. (Imported by name
    # only now: imported before datasette.app, the module registers half-built, hookless.)
    setattr(importlib.import_module("datasette.handle_exception"), "rich", None)  # noqa: B010

    path = Path(db_path)
    if not path.is_file():
        raise UsageError(f"{db_path}: no such store file")
    if time_limit_ms <= 0:
        raise UsageError("--time-limit-ms must be a positive number of milliseconds")
    config = WebConfig(tiles=check_tiles(tiles), attribution=attribution,
                       time_limit_ms=time_limit_ms)
    settings = {"sql_time_limit_ms": time_limit_ms, "default_allow_sql": allow_sql,
                "allow_download": False, "max_returned_rows": 1000,
                "default_page_size": 50}
    name = database_name(path)
    # the articles' search index is keyed by seq (schema v7), which Datasette must be told
    search = {"articles": {"fts_table": "articles_fts", "fts_pk": "seq"}}
    metadata = {"title": "newstrace", "plugins": {"newstrace": config.as_plugin_config()},
                "databases": {name: {"tables": search}}}
    ds = Datasette(files=[], settings=settings, metadata=metadata)
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name=name)
    return ds


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          allow_sql: bool = True, time_limit_ms: int = DEFAULT_TIME_LIMIT_MS,
          tiles: str | None = None, attribution: str = "") -> None:
    """Serve the store until interrupted."""
    import asyncio

    import uvicorn

    if not 0 < port < 65536:
        raise UsageError(f"--port {port}: not a TCP port")
    ds = make_datasette(db_path, allow_sql=allow_sql, time_limit_ms=time_limit_ms,
                        tiles=tiles, attribution=attribution)
    asyncio.run(ds.invoke_startup())
    sock = _listen(host, port)
    config = uvicorn.Config(ds.app(), log_level="warning", server_header=False,
                            proxy_headers=False)
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"newstrace: serving {db_path} at http://{shown}:{port}/"
                     f"{'' if allow_sql else ' (arbitrary SQL off)'}\n")
    sys.stderr.flush()
    uvicorn.Server(config).run(sockets=[sock])


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the server starts: a taken port or an unknown
    address is one clear error, and "serving at" is printed only once connections queue."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "WebConfig", "make_datasette", "serve"]
