"""The evidence store's core: connection, migrations and transactions.

The store is one SQLite file in WAL mode with foreign keys on. Writes go through
`transaction()` so a batch lands whole or not at all, which is what lets a killed stage be
re-run without duplicates or half-written rows.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newstrace.errors import QueryTimeout, StoreError
from newstrace.store.schema import MIGRATIONS


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_utc(published_at: str | None) -> str | None:
    """A sortable UTC form of a published time; naive times are kept as written."""
    if not published_at:
        return None
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return published_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()



class StoreBase:
    """What every group of queries shares: the connection and transactions."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0

    # -- schema -----------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        latest = MIGRATIONS[-1][0]
        current = self.schema_version
        if current > latest:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this newstrace "
                f"understands ({latest}); upgrade newstrace"
            )
        for version, script in MIGRATIONS:
            if version <= current:
                continue
            # executescript commits what is pending, then leaves the script's BEGIN open:
            # the tables, what a migration computes in Python and the version bump land
            # together or not at all.
            self.conn.executescript(f"BEGIN; {script};")
            try:
                self.after_migration(version)
                self.conn.execute(f"PRAGMA user_version = {version}")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def after_migration(self, version: int) -> None:
        """Fill what a migration's new tables derive from existing rows, when SQL alone
        cannot (a query group overrides this; it runs inside the migration's transaction)."""

    @contextmanager
    def time_limit(self, ms: int | None) -> Iterator[None]:
        """Interrupt the reads inside after ``ms`` milliseconds (QueryTimeout); None or 0
        means no limit. SQLite checks the clock every few thousand VM steps."""
        if not ms:
            yield
            return
        deadline = time.monotonic() + ms / 1000
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 4000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout(f"{self.path}: the query took longer than {ms} ms") \
                    from None
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested calls join the outer transaction."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")



def _connect(path: str) -> sqlite3.Connection:
    if path != ":memory:":
        target = Path(path)
        if target.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        if target.parent and not target.parent.exists():
            raise StoreError(f"{path}: folder {target.parent} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a newstrace database ({exc})") from None
    return conn
