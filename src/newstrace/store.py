"""The evidence store: one SQLite file, the only module that speaks SQL.

The schema grows by forward migrations numbered in `MIGRATIONS`; `PRAGMA user_version`
records how far a file has come, so any later newstrace opens any earlier store. Writes
go through `transaction()` so a batch lands whole or not at all, which is what lets a
killed ingest be re-run without duplicates or half-written rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newstrace.errors import NotFoundError, StoreError, UsageError
from newstrace.records import Article, Dateline, Outlet, Rejection, Run

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE outlets (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            domain TEXT,
            country TEXT,
            kind TEXT
        );
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            n_in INTEGER NOT NULL DEFAULT 0,
            n_out INTEGER NOT NULL DEFAULT 0,
            n_rejected INTEGER NOT NULL DEFAULT 0,
            n_skipped INTEGER NOT NULL DEFAULT 0,
            args TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            outlet_id TEXT NOT NULL REFERENCES outlets(id),
            url TEXT,
            title TEXT,
            text TEXT NOT NULL,
            published_at TEXT,
            published_utc TEXT,
            published_precision TEXT NOT NULL,
            published_source TEXT,
            dateline_place TEXT,
            dateline_agency TEXT,
            dateline_start INTEGER,
            dateline_end INTEGER,
            byline TEXT,
            language TEXT,
            raw_sha256 TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            source_format TEXT NOT NULL,
            summary_only INTEGER NOT NULL DEFAULT 0,
            input_ref TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            revision_of TEXT REFERENCES articles(id),
            run_id TEXT REFERENCES runs(id),
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_outlet ON articles(outlet_id, published_utc);
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE UNIQUE INDEX articles_seq ON articles(seq);
        CREATE TRIGGER articles_immutable BEFORE UPDATE ON articles
        BEGIN SELECT RAISE(ABORT, 'articles are immutable'); END;
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY,
            run_id TEXT REFERENCES runs(id),
            stage TEXT NOT NULL,
            input_ref TEXT NOT NULL,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (stage, input_ref, reason)
        );
        CREATE INDEX rejections_reason ON rejections(reason);
        """,
    ),
]

ARTICLE_COLUMNS = (
    "id, outlet_id, url, title, text, published_at, published_utc, published_precision, "
    "published_source, dateline_place, dateline_agency, dateline_start, dateline_end, byline, "
    "language, raw_sha256, text_sha256, source_format, summary_only, input_ref, metadata, "
    "revision_of, run_id, ingested_at, seq"
)


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


@dataclass(frozen=True)
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


class Store:
    """An open evidence store. Use `Store.open(path)` as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0

    @classmethod
    @contextmanager
    def open(cls, path: str | Path) -> Iterator[Store]:
        store = cls(_connect(str(path)), str(path))
        try:
            store.migrate()
            yield store
        finally:
            store.conn.close()

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
            # executescript commits on its own, so the version bump rides in the script.
            self.conn.executescript(
                f"BEGIN; {script}; PRAGMA user_version = {version}; COMMIT;"
            )

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

    # -- runs and rejections ----------------------------------------------------------

    def save_run(self, run: Run) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO runs (id, stage, stage_version, config_hash, started_at, "
                "finished_at, status, n_in, n_out, n_rejected, n_skipped, args) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "finished_at=excluded.finished_at, status=excluded.status, n_in=excluded.n_in, "
                "n_out=excluded.n_out, n_rejected=excluded.n_rejected, "
                "n_skipped=excluded.n_skipped",
                (
                    run.id, run.stage, run.stage_version, run.config_hash, run.started_at,
                    run.finished_at, run.status, run.n_in, run.n_out, run.n_rejected,
                    run.n_skipped, json.dumps(run.args, sort_keys=True),
                ),
            )

    def list_runs(self, limit: int = 20) -> list[Run]:
        rows = self.conn.execute(
            "SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?", (limit,)
        ).fetchall()
        return [
            Run(
                id=r["id"], stage=r["stage"], stage_version=r["stage_version"],
                config_hash=r["config_hash"], started_at=r["started_at"],
                finished_at=r["finished_at"], status=r["status"], n_in=r["n_in"],
                n_out=r["n_out"], n_rejected=r["n_rejected"], n_skipped=r["n_skipped"],
                args=json.loads(r["args"]),
            )
            for r in rows
        ]

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejection; the same input rejected again for the same reason updates it."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO rejections (run_id, stage, input_ref, reason, message, created_at) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(stage, input_ref, reason) DO UPDATE SET "
                "run_id=excluded.run_id, message=excluded.message, created_at=excluded.created_at",
                (
                    rejection.run_id, rejection.stage, rejection.input_ref, rejection.reason,
                    rejection.message, rejection.created_at or now_iso(),
                ),
            )

    def clear_rejection(self, stage: str, input_ref: str) -> None:
        """Forget earlier rejections of an input that has now been accepted."""
        with self.transaction():
            self.conn.execute(
                "DELETE FROM rejections WHERE stage = ? AND input_ref = ?", (stage, input_ref)
            )

    def list_rejections(self, stage: str | None = None) -> list[Rejection]:
        sql = "SELECT * FROM rejections"
        params: tuple[Any, ...] = ()
        if stage:
            sql, params = sql + " WHERE stage = ?", (stage,)
        rows = self.conn.execute(sql + " ORDER BY created_at, id", params).fetchall()
        return [
            Rejection(
                input_ref=r["input_ref"], stage=r["stage"], reason=r["reason"],
                message=r["message"], run_id=r["run_id"], created_at=r["created_at"],
            )
            for r in rows
        ]

    # -- outlets and articles ---------------------------------------------------------

    def upsert_outlet(self, outlet: Outlet) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO outlets (id, name, domain, country, kind) VALUES (?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET domain=COALESCE(outlets.domain, excluded.domain), "
                "country=COALESCE(outlets.country, excluded.country), "
                "kind=COALESCE(outlets.kind, excluded.kind)",
                (outlet.id, outlet.name, outlet.domain, outlet.country, outlet.kind),
            )

    def list_outlets(self) -> list[tuple[Outlet, int]]:
        rows = self.conn.execute(
            "SELECT o.*, COUNT(a.id) AS n FROM outlets o LEFT JOIN articles a "
            "ON a.outlet_id = o.id GROUP BY o.id ORDER BY o.name"
        ).fetchall()
        return [
            (Outlet(r["id"], r["name"], r["domain"], r["country"], r["kind"]), r["n"])
            for r in rows
        ]

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def latest_revision(self, url: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url = ? ORDER BY seq DESC LIMIT 1", (url,)
        ).fetchone()
        return None if row is None else str(row["id"])

    def add_article(self, article: Article, run_id: str | None) -> bool:
        """Insert an article; False when an article with that id is already stored."""
        if self.has_article(article.id):
            return False
        dl = article.dateline
        with self.transaction():
            seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()
            self.conn.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, article.outlet_id, article.url, article.title, article.text,
                    article.published_at, to_utc(article.published_at),
                    article.published_precision, article.published_source,
                    dl.place if dl else None, dl.agency if dl else None,
                    dl.start if dl else None, dl.end if dl else None,
                    article.byline, article.language, article.raw_sha256, article.text_sha256,
                    article.source_format, int(article.summary_only), article.input_ref,
                    json.dumps(article.metadata, sort_keys=True, ensure_ascii=False),
                    article.revision_of, run_id, article.ingested_at or now_iso(), seq[0],
                ),
            )
        return True

    def get_article(self, ref: str) -> Article:
        """An article by id, or by an unambiguous id prefix of at least 6 characters."""
        rows = self.conn.execute(
            "SELECT a.*, o.name AS outlet_name FROM articles a JOIN outlets o "
            "ON o.id = a.outlet_id WHERE a.id = ?",
            (ref,),
        ).fetchall()
        if not rows and len(ref) >= 6:
            # a range, not LIKE: "%" or "_" in the reference must not match every id
            rows = self.conn.execute(
                "SELECT a.*, o.name AS outlet_name FROM articles a JOIN outlets o "
                "ON o.id = a.outlet_id WHERE a.id >= ? AND a.id < ? LIMIT 2",
                (ref, ref + "\U0010ffff"),
            ).fetchall()
        if not rows:
            raise NotFoundError(f"no article with id {ref!r} in the store")
        if len(rows) > 1:
            raise UsageError(f"article id prefix {ref!r} is ambiguous; give more characters")
        return _article(rows[0])

    def iter_articles(self, flt: ArticleFilter | None = None) -> Iterator[Article]:
        flt = flt or ArticleFilter()
        where, params = [], []
        if flt.outlet:
            where.append("(o.name = ? COLLATE NOCASE OR o.id = ? OR o.domain = ?)")
            params += [flt.outlet, flt.outlet, flt.outlet]
        if flt.since:
            where.append("a.published_utc >= ?")
            params.append(flt.since)
        if flt.until:
            where.append("a.published_utc < ?")
            params.append(flt.until)
        sql = (
            "SELECT a.*, o.name AS outlet_name FROM articles a JOIN outlets o "
            "ON o.id = a.outlet_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published_utc IS NULL, a.published_utc, a.seq"
        if flt.limit:
            sql += f" LIMIT {int(flt.limit)}"
        for row in self.conn.execute(sql, params):
            yield _article(row)

    def revisions_of(self, article_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE revision_of = ? ORDER BY seq", (article_id,)
        ).fetchall()
        return [str(r["id"]) for r in rows]

    def summary(self) -> dict[str, Any]:
        """Counts that tell a user what is in the store at a glance."""
        one = self.conn.execute
        out: dict[str, Any] = {
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "outlets": one("SELECT COUNT(*) FROM outlets").fetchone()[0],
            "revisions": one(
                "SELECT COUNT(*) FROM articles WHERE revision_of IS NOT NULL"
            ).fetchone()[0],
            "rejections": one("SELECT COUNT(*) FROM rejections").fetchone()[0],
        }
        span = one("SELECT MIN(published_utc), MAX(published_utc) FROM articles").fetchone()
        out["published_first"], out["published_last"] = span[0], span[1]
        for column in ("source_format", "language", "published_precision"):
            rows = one(
                f"SELECT COALESCE({column}, 'unknown'), COUNT(*) FROM articles "
                f"GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall()
            out[f"by_{column}"] = {r[0]: r[1] for r in rows}
        rows = one("SELECT reason, COUNT(*) FROM rejections GROUP BY 1 ORDER BY 2 DESC").fetchall()
        out["rejections_by_reason"] = {r[0]: r[1] for r in rows}
        return out


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


def _article(row: sqlite3.Row) -> Article:
    dateline = None
    if row["dateline_place"]:
        dateline = Dateline(
            row["dateline_place"], row["dateline_agency"], row["dateline_start"],
            row["dateline_end"],
        )
    return Article(
        id=row["id"], outlet_id=row["outlet_id"], outlet=row["outlet_name"], url=row["url"],
        title=row["title"], text=row["text"], published_at=row["published_at"],
        published_precision=row["published_precision"],
        published_source=row["published_source"], dateline=dateline, byline=row["byline"],
        language=row["language"], raw_sha256=row["raw_sha256"],
        text_sha256=row["text_sha256"], source_format=row["source_format"],
        summary_only=bool(row["summary_only"]), input_ref=row["input_ref"],
        metadata=json.loads(row["metadata"]), revision_of=row["revision_of"],
        ingested_at=row["ingested_at"],
    )
