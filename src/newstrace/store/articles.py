"""Queries of ingestion: outlets, articles, runs and rejections."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newstrace.errors import NotFoundError, UsageError
from newstrace.records import Article, Dateline, Outlet, Rejection, Run
from newstrace.store.core import StoreBase, now_iso, to_utc

ARTICLE_COLUMNS = (
    "id, outlet_id, url, title, text, published_at, published_utc, published_precision, "
    "published_source, dateline_place, dateline_agency, dateline_start, dateline_end, byline, "
    "language, raw_sha256, text_sha256, source_format, summary_only, input_ref, metadata, "
    "revision_of, run_id, ingested_at, seq"
)


@dataclass(frozen=True)
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None



class ArticleQueries(StoreBase):
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

    def finished_stages(self) -> set[str]:
        """Stages that have completed at least one run on this store."""
        rows = self.conn.execute("SELECT DISTINCT stage FROM runs WHERE status = 'finished'")
        return {str(r[0]) for r in rows}

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
        """Add an outlet, or better its name when this one ranks higher than the stored."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO outlets (id, name, domain, country, kind, name_rank) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "name=CASE WHEN excluded.name_rank > outlets.name_rank THEN excluded.name "
                "ELSE outlets.name END, name_rank=MAX(outlets.name_rank, excluded.name_rank), "
                "domain=COALESCE(outlets.domain, excluded.domain), "
                "country=COALESCE(outlets.country, excluded.country), "
                "kind=COALESCE(outlets.kind, excluded.kind)",
                (outlet.id, outlet.name, outlet.domain, outlet.country, outlet.kind,
                 outlet.name_rank),
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

    def latest_revision(self, url: str, outlet_id: str) -> str | None:
        """The newest stored article at this URL from this outlet (what a new one revises)."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url = ? AND outlet_id = ? ORDER BY seq DESC LIMIT 1",
            (url, outlet_id),
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
