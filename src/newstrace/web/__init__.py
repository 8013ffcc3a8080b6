"""The web view: the evidence base served read-only by Datasette with a newstrace plugin.

This package is the plugin Datasette loads (entry point ``datasette: newstrace``): its
hooks live in `plugin`, its templates and static files beside it.
"""

from newstrace.web.plugin import asgi_wrapper, handle_exception, menu_links, register_routes

__all__ = ["asgi_wrapper", "handle_exception", "menu_links", "register_routes"]
