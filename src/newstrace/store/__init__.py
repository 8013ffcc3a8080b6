"""The evidence store: one SQLite file; this package is the only code that speaks SQL.

The schema grows by forward migrations numbered in `MIGRATIONS`; `PRAGMA user_version`
records how far a file has come, so any later newstrace opens any earlier store. Writes
go through `transaction()` so a batch lands whole or not at all, which is what lets a
killed ingest be re-run without duplicates or half-written rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newstrace.store.articles import ArticleFilter, ArticleQueries
from newstrace.store.browse import BrowseQueries
from newstrace.store.claims import ClaimQueries
from newstrace.store.core import _connect as connect
from newstrace.store.core import now_iso, to_utc
from newstrace.store.event_filters import EventFilter
from newstrace.store.events import EventQueries
from newstrace.store.language import LanguageQueries
from newstrace.store.reuse import ReuseQueries
from newstrace.store.schema import MIGRATIONS


class Store(EventQueries, BrowseQueries, ClaimQueries, ArticleQueries, ReuseQueries,
            LanguageQueries):
    """An open evidence store. Use `Store.open(path)` as a context manager."""

    @classmethod
    @contextmanager
    def open(cls, path: str | Path) -> Iterator[Store]:
        store = cls(connect(str(path)), str(path))
        try:
            store.migrate()
            yield store
        finally:
            store.conn.close()


__all__ = ["MIGRATIONS", "ArticleFilter", "EventFilter", "Store", "now_iso", "to_utc"]
