"""Queries of the web view: what a page of events, a timeline and an article page need.

Every query here touches only what one page shows (a page of event ids, one article), or
walks an index (counts, the timeline), so a page costs the same in a store of a hundred
events and of a hundred thousand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from newstrace.events.records import FACT_STATUSES
from newstrace.store.core import StoreBase
from newstrace.store.event_filters import EventFilter

CHUNK = 500
MONTHLY_AFTER_DAYS = 120
"""A timeline spanning more days than this counts events by month rather than by day."""


def _marks(ids: Sequence[str]) -> str:
    return ",".join("?" * len(ids))


class BrowseQueries(StoreBase):
    def update_search_index(self) -> int:
        """Add the articles ingested since the last call to the full-text index; returns
        how many. Articles are never updated or deleted, so appending is enough."""
        with self.transaction():
            last = int(self.conn.execute("SELECT last_seq FROM search_index "
                                         "WHERE name = 'articles_fts'").fetchone()[0])
            added = self.conn.execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text "
                "FROM articles WHERE seq > ? ORDER BY seq", (last,)).rowcount
            self.conn.execute("UPDATE search_index SET last_seq = (SELECT COALESCE("
                              "MAX(seq), 0) FROM articles) WHERE name = 'articles_fts'")
        return int(added)

    def count_events(self, flt: EventFilter) -> int:
        where, params = flt.where()
        sql = "SELECT count(*) FROM events e" + (" WHERE " + " AND ".join(where) if where
                                                  else "")
        return int(self.conn.execute(sql, params).fetchone()[0])

    def event_timeline(self, flt: EventFilter) -> list[tuple[str, int]]:
        """Events that pass ``flt`` counted by the day they start, or by month when they
        span more than `MONTHLY_AFTER_DAYS`; oldest first, undated left out."""
        where, params = flt.where()
        where.append("e.date_start IS NOT NULL")
        # grouped on the column itself, so SQLite follows the date index without a sort
        rows = self.conn.execute(
            "SELECT e.date_start, count(*) FROM events e WHERE " + " AND ".join(where)
            + " GROUP BY e.date_start ORDER BY e.date_start", params).fetchall()
        by_day: Counter[str] = Counter()
        for start, n in rows:
            by_day[str(start)[:10]] += int(n)
        days = sorted(by_day.items())
        if len(days) < 2 or _span_days(days[0][0], days[-1][0]) <= MONTHLY_AFTER_DAYS:
            return days
        months: Counter[str] = Counter()
        for day, n in days:
            months[day[:7]] += n
        return sorted(months.items())

    def event_types(self) -> list[str]:
        """The event types in the store, for a filter's choices."""
        return [str(r[0]) for r in self.conn.execute(
            "SELECT DISTINCT event_type FROM events ORDER BY 1")]

    def event_counts(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """For each event: its articles, its independent source chains, its facts by status."""
        out: dict[str, dict[str, Any]] = {
            i: {"n_articles": 0, "n_chains": 0,
                "status_counts": dict.fromkeys(FACT_STATUSES, 0)} for i in ids}
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start:start + CHUNK])
            for r in self.conn.execute(
                "SELECT ea.event_id, count(*), "
                "count(DISTINCT COALESCE(cm.chain_id, ea.article_id)) FROM event_articles ea "
                "LEFT JOIN chain_members cm ON cm.article_id = ea.article_id "
                f"WHERE ea.event_id IN ({_marks(chunk)}) GROUP BY ea.event_id", chunk):
                out[str(r[0])].update(n_articles=int(r[1]), n_chains=int(r[2]))
            for r in self.conn.execute(
                "SELECT event_id, status, count(*) FROM facts "
                f"WHERE event_id IN ({_marks(chunk)}) GROUP BY 1, 2", chunk):
                out[str(r[0])]["status_counts"][str(r[1])] = int(r[2])
        return out

    def chains_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id -> its source chain, for these articles only (an article in no chain
        is a chain of its own)."""
        out = {a: a for a in article_ids}
        unique = list(dict.fromkeys(article_ids))
        for start in range(0, len(unique), CHUNK):
            chunk = unique[start:start + CHUNK]
            for r in self.conn.execute("SELECT article_id, chain_id FROM chain_members "
                                       f"WHERE article_id IN ({_marks(chunk)})", chunk):
                out[str(r[0])] = str(r[1])
        return out

    def events_of_article(self, article_id: str) -> list[dict[str, Any]]:
        """The events an article stands behind, newest first."""
        rows = self.conn.execute(
            "SELECT e.id, e.event_type, e.sub_event_type, e.date_start, e.date_end, e.place, "
            "e.country, e.background FROM event_articles ea JOIN events e ON e.id = "
            "ea.event_id WHERE ea.article_id = ? ORDER BY e.date_start IS NULL, "
            "e.date_start DESC, e.id", (article_id,)).fetchall()
        return [dict(r) for r in rows]

    def outlets_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Outlet name and publication time of these articles, without their texts."""
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(article_ids))
        for start in range(0, len(unique), CHUNK):
            chunk = unique[start:start + CHUNK]
            for r in self.conn.execute(
                "SELECT a.id, o.name, a.title, a.published_at FROM articles a JOIN outlets o "
                f"ON o.id = a.outlet_id WHERE a.id IN ({_marks(chunk)})", chunk):
                out[str(r[0])] = {"outlet": r[1], "title": r[2], "published_at": r[3]}
        return out


def _span_days(first: str, last: str) -> int:
    try:
        return (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
    except ValueError:  # a partial date ("2026-11") sorts but does not parse
        return MONTHLY_AFTER_DAYS + 1


__all__ = ["BrowseQueries"]
