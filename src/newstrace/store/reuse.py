"""Queries of the reuse stage: the shingle index, reuse links and source chains."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newstrace.records import ReuseLink
from newstrace.store.core import StoreBase


@dataclass(frozen=True)
class ArticleOrder:
    """Where an article stands in time and ingestion order, for deciding direction."""

    seq: int
    published_at: str | None
    outlet_domain: str | None
    outlet_offset: str | None  # the UTC offset the outlet's zoned articles carry, if one


class ReuseQueries(StoreBase):
    def unprocessed_ids(self, stage: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN processed p ON p.stage = ? AND "
            "p.article_id = a.id WHERE p.article_id IS NULL ORDER BY a.seq",
            (stage,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def mark_processed(self, stage: str, article_id: str, run_id: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO processed (stage, article_id, run_id) VALUES (?,?,?)",
                (stage, article_id, run_id),
            )

    def article_ids(self) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("SELECT id FROM articles ORDER BY seq")]

    def article_order(self, article_id: str) -> ArticleOrder:
        row = self.conn.execute(
            "SELECT a.seq, a.published_at, o.domain, a.outlet_id FROM articles a "
            "JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return ArticleOrder(int(row[0]), row[1], row[2], self.outlet_offset(row[3]))

    def outlet_offset(self, outlet_id: str) -> str | None:
        """The one UTC offset all of an outlet's zoned publication times share, else None."""
        rows = self.conn.execute(
            "SELECT DISTINCT substr(published_at, -6) FROM articles WHERE outlet_id = ? "
            "AND length(published_at) > 16 AND (published_at LIKE '%+__:__' "
            "OR published_at LIKE '%-__:__') LIMIT 2",
            (outlet_id,),
        ).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def outlet_texts(self, outlet_id: str) -> Iterator[tuple[str, str]]:
        for row in self.conn.execute(
            "SELECT id, text FROM articles WHERE outlet_id = ? ORDER BY seq", (outlet_id,)
        ):
            yield str(row[0]), str(row[1])

    def index_shingles(self, article_id: str, shingles: list[int]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR IGNORE INTO reuse_shingles (h, article_id) VALUES (?, ?)",
                ((h, article_id) for h in shingles),
            )

    def reuse_candidates(
        self, shingles: list[int], min_shared: int, max_df: int, limit: int
    ) -> list[str]:
        """Indexed articles sharing at least `min_shared` shingles that are not too common,
        most shared first, at most `limit`."""
        if not shingles:
            return []
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS query_shingles (h INTEGER PRIMARY KEY)")
        self.conn.execute("DELETE FROM query_shingles")
        self.conn.executemany("INSERT OR IGNORE INTO query_shingles VALUES (?)",
                              ((h,) for h in shingles))
        rows = self.conn.execute(
            "WITH hits AS (SELECT s.h, s.article_id FROM reuse_shingles s "
            "JOIN query_shingles q ON q.h = s.h), "
            "common AS (SELECT h FROM hits GROUP BY h HAVING COUNT(*) > ?) "
            "SELECT article_id FROM hits WHERE h NOT IN (SELECT h FROM common) "
            "GROUP BY article_id HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC LIMIT ?",
            (max_df, min_shared, limit),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def add_reuse_links(self, links: list[ReuseLink], run_id: str) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO reuse_links (id, source_article, source_start, "
                "source_end, target_article, target_start, target_end, similarity, direction, "
                "direction_evidence, kind, credited, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (link.id, link.source_article, link.source_start, link.source_end,
                     link.target_article, link.target_start, link.target_end, link.similarity,
                     link.direction, json.dumps(link.direction_evidence), link.kind,
                     int(link.credited), run_id)
                    for link in links
                ),
            )

    def reuse_links(self, kind: str | None = None, article: str | None = None) -> list[ReuseLink]:
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if article:
            where.append("(source_article = ? OR target_article = ?)")
            params += [article, article]
        sql = "SELECT * FROM reuse_links"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.conn.execute(sql + " ORDER BY source_article, source_start", params)
        return [_link(r) for r in rows]

    def replace_chains(self, chains: list[Any], run_id: str) -> None:
        """Store the chains (objects with id, members, roots, edges, credited)."""
        with self.transaction():
            self.conn.execute("DELETE FROM chain_members")
            self.conn.execute("DELETE FROM source_chains")
            for chain in chains:
                self.conn.execute(
                    "INSERT INTO source_chains (id, root_articles, members, edges, credited, "
                    "n_members, run_id) VALUES (?,?,?,?,?,?,?)",
                    (chain.id, json.dumps(chain.roots), json.dumps(chain.members),
                     json.dumps(chain.edges), int(chain.credited), len(chain.members), run_id),
                )
                self.conn.executemany(
                    "INSERT INTO chain_members (article_id, chain_id) VALUES (?, ?)",
                    ((member, chain.id) for member in chain.members),
                )

    def reuse_summary(self) -> dict[str, Any]:
        one = self.conn.execute
        kinds = one("SELECT kind, COUNT(*) FROM reuse_links GROUP BY 1").fetchall()
        chains = one(
            "SELECT COUNT(*), COALESCE(SUM(n_members > 1), 0), "
            "COALESCE(SUM(CASE WHEN n_members > 1 THEN n_members END), 0) FROM source_chains"
        ).fetchone()
        return {
            "reuse_links": {str(r[0]): int(r[1]) for r in kinds},
            "chains": int(chains[0]), "chains_with_copies": int(chains[1]),
            "articles_in_copy_chains": int(chains[2]),
        }

    def chains(self, min_members: int = 1, article: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM source_chains WHERE n_members >= ?"
        params: list[Any] = [min_members]
        if article:
            sql += " AND id = (SELECT chain_id FROM chain_members WHERE article_id = ?)"
            params.append(article)
        rows = self.conn.execute(sql + " ORDER BY n_members DESC, id", params).fetchall()
        return [
            {"id": r["id"], "root_articles": json.loads(r["root_articles"]),
             "members": json.loads(r["members"]), "edges": json.loads(r["edges"]),
             "credited": bool(r["credited"])}
            for r in rows
        ]


def _link(row: sqlite3.Row) -> ReuseLink:
    return ReuseLink(
        source_article=row["source_article"], source_start=row["source_start"],
        source_end=row["source_end"], target_article=row["target_article"],
        target_start=row["target_start"], target_end=row["target_end"],
        similarity=row["similarity"], direction=row["direction"],
        direction_evidence=json.loads(row["direction_evidence"]), kind=row["kind"],
        credited=bool(row["credited"]),
    )


__all__ = ["ArticleOrder", "ReuseQueries"]
