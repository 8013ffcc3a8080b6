"""Queries of the language stage: mentions, their resolutions, actors and places.

Mentions are stored per article and replaced whole when an article is re-annotated, so a
re-run never leaves a mix of old and new spans. Actors are a cross-article result: they are
rebuilt from every article's actor mentions and replaced in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from newstrace.language.gazetteer import Place
from newstrace.language.records import (
    Actor,
    ActorMention,
    ArticleLanguage,
    PlaceRef,
    Quantity,
    Span,
    TimeRef,
)
from newstrace.store.core import StoreBase

MENTION_COLUMNS = ("id, article_id, kind, start, end, text, label, role, ref, score, data, "
                   "run_id")


def mention_id(article_id: str, kind: str, span: Span) -> str:
    """Derived from content, so re-annotating an article gives the same ids."""
    raw = f"{article_id}\x1f{kind}\x1f{span.start}\x1f{span.end}".encode()
    return hashlib.sha256(raw).hexdigest()[:16]


class LanguageQueries(StoreBase):
    def save_article_language(self, annotations: ArticleLanguage, places: Iterable[Place],
                              model: str, run_id: str) -> None:
        """Replace one article's annotations (call inside a transaction)."""
        aid = annotations.article_id
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
        for place in places:
            self._upsert_place(place)
        rows = [*(self._actor_row(aid, m) for m in annotations.actors),
                *(self._place_row(aid, p) for p in annotations.places),
                *(self._time_row(aid, t) for t in annotations.times),
                *(self._quantity_row(aid, q) for q in annotations.quantities)]
        unique = {row[0]: row for row in rows}  # one span of one kind is one mention
        self.conn.executemany(
            f"INSERT INTO mentions ({MENTION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*row, run_id) for row in unique.values()])
        self.conn.executemany(
            "INSERT OR REPLACE INTO time_refs (mention_id, value_start, value_end, precision, "
            "anchor, hedge, reason) VALUES (?,?,?,?,?,?,?)",
            [(mention_id(aid, "time", t.span), t.start, t.end, t.precision, t.anchor, t.hedge,
              t.reason) for t in annotations.times])
        self.conn.executemany(
            "INSERT OR REPLACE INTO quantities (mention_id, low, high, counted, category, "
            "approximate, stated_zero) VALUES (?,?,?,?,?,?,?)",
            [(mention_id(aid, "quantity", q.span), q.low, q.high, q.counted, q.category,
              int(q.approximate), int(q.stated_zero)) for q in annotations.quantities])
        self.conn.execute(
            "INSERT OR REPLACE INTO article_language (article_id, countries, model, run_id) "
            "VALUES (?,?,?,?)", (aid, json.dumps(list(annotations.countries)), model, run_id))

    def _upsert_place(self, place: Place) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO places (id, name, feature, country, country_name, admin1, "
            "admin2, lat, lon, population) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (place.id, place.name, place.feature, place.country, place.country_name,
             place.admin1, place.admin2, place.lat, place.lon, place.population))

    @staticmethod
    def _actor_row(aid: str, m: ActorMention) -> tuple[Any, ...]:
        data = {"name": m.name, "actor_type": m.actor_type, "dict_id": m.dict_id,
                "title": m.title, "aliases": list(m.aliases)}
        return (mention_id(aid, "actor", m.span), aid, "actor", m.span.start, m.span.end,
                m.span.text, m.label, None, m.key, None, json.dumps(data, ensure_ascii=False))

    @staticmethod
    def _place_row(aid: str, p: PlaceRef) -> tuple[Any, ...]:
        data = {"precision": p.precision, "name": p.name}
        return (mention_id(aid, "place", p.span), aid, "place", p.span.start, p.span.end,
                p.span.text, p.label, p.role, p.place_id, p.score, json.dumps(data))

    @staticmethod
    def _time_row(aid: str, t: TimeRef) -> tuple[Any, ...]:
        return (mention_id(aid, "time", t.span), aid, "time", t.span.start, t.span.end,
                t.span.text, None, None, None, None, "{}")

    @staticmethod
    def _quantity_row(aid: str, q: Quantity) -> tuple[Any, ...]:
        return (mention_id(aid, "quantity", q.span), aid, "quantity", q.span.start, q.span.end,
                q.span.text, None, None, None, None, "{}")

    # -- actors across articles ---------------------------------------------------------

    def all_actor_mentions(self) -> dict[str, list[ActorMention]]:
        """Every article's actor mentions, for the cross-article merge."""
        out: dict[str, list[ActorMention]] = defaultdict(list)
        for row in self.conn.execute(
            "SELECT article_id, start, end, text, label, ref, data FROM mentions "
            "WHERE kind = 'actor' ORDER BY article_id, start"
        ):
            data = json.loads(row[6])
            out[str(row[0])].append(ActorMention(
                span=Span(int(row[1]), int(row[2]), str(row[3])), label=str(row[4]),
                name=data["name"], key=str(row[5]), actor_type=data["actor_type"],
                dict_id=data["dict_id"], title=data["title"], aliases=tuple(data["aliases"])))
        return dict(out)

    def replace_actors(self, actors: Iterable[Actor], keys: Mapping[tuple[str, str], str],
                       run_id: str) -> None:
        """Swap in a new cross-article resolution (call inside a transaction)."""
        self.conn.execute("DELETE FROM actor_keys")
        self.conn.execute("DELETE FROM actors")
        self.conn.executemany(
            "INSERT INTO actors (id, name, type, country, dict_id, aliases, n_mentions, run_id) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [(a.id, a.name, a.actor_type, a.country, a.dict_id,
              json.dumps(list(a.aliases), ensure_ascii=False), a.n_mentions, run_id)
             for a in actors])
        self.conn.executemany(
            "INSERT INTO actor_keys (article_id, key, actor_id) VALUES (?,?,?)",
            [(aid, key, actor_id) for (aid, key), actor_id in keys.items()])

    def list_actors(self, name: str | None = None) -> list[Actor]:
        sql = ("SELECT id, name, type, aliases, dict_id, country, n_mentions FROM actors")
        params: tuple[Any, ...] = ()
        if name:
            sql += " WHERE name LIKE ? OR aliases LIKE ?"
            params = (f"%{name}%", f"%{name}%")
        rows = self.conn.execute(sql + " ORDER BY n_mentions DESC, name", params).fetchall()
        return [Actor(id=r[0], name=r[1], actor_type=r[2], aliases=tuple(json.loads(r[3])),
                      dict_id=r[4], country=r[5], n_mentions=int(r[6])) for r in rows]

    # -- reading annotations -------------------------------------------------------------

    def article_mentions(self, article_id: str) -> list[dict[str, Any]]:
        """One article's mentions in text order, each with its resolution."""
        rows = self.conn.execute(
            "SELECT m.id, m.kind, m.start, m.end, m.text, m.label, m.role, m.ref, m.score, "
            "m.data, k.actor_id, a.name, p.name, p.country, p.admin1, p.lat, p.lon, "
            "p.feature, t.value_start, t.value_end, t.precision, t.anchor, t.hedge, t.reason, "
            "q.low, q.high, q.counted, q.category, q.approximate, q.stated_zero "
            "FROM mentions m "
            "LEFT JOIN actor_keys k ON m.kind = 'actor' AND k.article_id = m.article_id "
            "AND k.key = m.ref LEFT JOIN actors a ON a.id = k.actor_id "
            "LEFT JOIN places p ON m.kind = 'place' AND p.id = m.ref "
            "LEFT JOIN time_refs t ON t.mention_id = m.id "
            "LEFT JOIN quantities q ON q.mention_id = m.id "
            "WHERE m.article_id = ? ORDER BY m.start, m.end, m.kind", (article_id,)).fetchall()
        return [_mention_dict(r) for r in rows]

    def article_countries(self, article_id: str) -> list[str] | None:
        row = self.conn.execute("SELECT countries FROM article_language WHERE article_id = ?",
                                (article_id,)).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def list_places(self) -> list[dict[str, Any]]:
        """Places mentioned in the store, with how often and under which surface forms."""
        forms: dict[str, list[str]] = defaultdict(list)
        counts: dict[str, int] = defaultdict(int)
        for pid, text in self.conn.execute(
            "SELECT ref, text FROM mentions WHERE kind = 'place' AND ref IS NOT NULL"
        ):
            counts[pid] += 1
            if text not in forms[pid]:
                forms[pid].append(text)
        out = []
        for r in self.conn.execute("SELECT id, name, country, admin1, lat, lon, feature "
                                   "FROM places"):
            if counts.get(r[0]):
                out.append({"id": r[0], "name": r[1], "country": r[2], "admin1": r[3],
                            "lat": r[4], "lon": r[5], "feature": r[6],
                            "n_mentions": counts[r[0]], "surface_forms": forms[r[0]]})
        return sorted(out, key=lambda p: (-p["n_mentions"], p["name"]))

    def language_summary(self) -> dict[str, int]:
        counts = dict(self.conn.execute(
            "SELECT kind, count(*) FROM mentions GROUP BY kind").fetchall())
        return {"articles_annotated": self.conn.execute(
                    "SELECT count(*) FROM article_language").fetchone()[0],
                "actors": self.conn.execute("SELECT count(*) FROM actors").fetchone()[0],
                "places": self.conn.execute(
                    "SELECT count(DISTINCT ref) FROM mentions WHERE kind = 'place'").fetchone()[0],
                **{f"{kind}_mentions": int(n) for kind, n in counts.items()}}


def _mention_dict(r: Any) -> dict[str, Any]:
    kind = r[1]
    out: dict[str, Any] = {"id": r[0], "kind": kind, "start": r[2], "end": r[3], "text": r[4],
                           "label": r[5]}
    data = json.loads(r[9])
    if kind == "actor":
        out.update(actor_id=r[10], actor=r[11] or data["name"], actor_type=data["actor_type"],
                   title=data["title"], key=r[7])
    elif kind == "place":
        out.update(role=r[6], place_id=r[7], score=r[8], place=r[12], country=r[13],
                   admin1=r[14], lat=r[15], lon=r[16], precision=data.get("precision"))
    elif kind == "time":
        out.update(value_start=r[18], value_end=r[19], precision=r[20], anchor=r[21],
                   hedge=r[22], reason=r[23])
    else:
        out.update(low=r[24], high=r[25], counted=r[26], category=r[27],
                   approximate=bool(r[28]), stated_zero=bool(r[29]))
    return out
