"""Queries of the events, stories and corroboration stages: event mentions, events, facts.

Three writers share these tables, each replacing only what it owns: the events stage an
article's mentions (which unlinks them from events, and drops events left with none), the
stories stage events and their mention links, the corroboration stage an event's facts.
Records go in and come back out exactly (``events.records``), so a stage can re-read what
an earlier one wrote without knowing the columns.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newstrace.claims.records import Claim
from newstrace.errors import NotFoundError, UsageError
from newstrace.events.records import (
    FACT_STATUSES,
    Casualties,
    Event,
    EventActor,
    EventMention,
    Evidence,
    Fact,
    FactValue,
    FieldValue,
)
from newstrace.language.records import Span
from newstrace.store.claims import _claim
from newstrace.store.core import to_utc
from newstrace.store.event_filters import EventFilter, EventKeyQueries

CHUNK = 500
"""Ids per `IN (...)` list: well under SQLite's bound on parameters."""
MIN_PREFIX = 4
"""Shortest event id prefix `get_event` accepts ("ev-" alone would match every event)."""

PLACE_COLUMNS = ("date_start", "date_end", "time_precision", "place_id", "place", "country",
                 "admin1", "lat", "lon", "geo_precision")
MENTION_COLUMNS = ("id", "article_id", "idx", "event_type", "sub_event_type", "trigger_start",
                   "trigger_end", "trigger", "published_at", "published_utc", *PLACE_COLUMNS,
                   "actors", "weapons", "fatalities", "injuries", "background", "denied",
                   "sentences", "terms", "run_id")
VALUE_COLUMNS = ("mention_id", "position", "field", "value", "label", "start", "end", "text",
                 "claim_id", "low", "high", "lat", "lon", "precision", "negated", "hedged")
EVENT_COLUMNS = ("id", "event_type", "sub_event_type", *PLACE_COLUMNS, "actors", "weapons",
                 "fatalities", "injuries", "background", "first_seen", "last_updated",
                 "run_id")
EVIDENCE_COLUMNS = ("event_id", "fact_position", "value_position", "position", "article_id",
                    "start", "end", "text", "chain_id", "origin", "speaker", "claim_id",
                    "stance")
MENTION_ORDER = "m.published_utc IS NULL, m.published_utc, m.article_id, m.idx"
EVENT_ORDER = "e.date_start IS NULL, e.date_start DESC, e.date_end DESC, e.id"


def _insert(table: str, columns: Sequence[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _marks(ids: Sequence[str]) -> str:
    return ",".join("?" * len(ids))


class EventQueries(EventKeyQueries):
    # -- event mentions (the events stage) ----------------------------------------------

    def save_article_event_mentions(self, article_id: str, mentions: Sequence[EventMention],
                                    run_id: str) -> None:
        """Replace one article's event mentions (call inside a transaction).

        The old mentions go with their links: the article no longer stands behind any event
        until the stories stage links the new ones, and an event left with no mention at all
        is deleted with its facts rather than kept as a claim with no evidence.
        """
        strays = {m.article_id for m in mentions} - {article_id}
        if strays:  # they would escape the next replacement of either article
            raise ValueError(f"event mentions of {sorted(strays)} saved as mentions of "
                             f"{article_id}")
        touched = [str(r[0]) for r in self.conn.execute(
            "SELECT DISTINCT l.event_id FROM event_mention_links l JOIN event_mentions m "
            "ON m.id = l.mention_id WHERE m.article_id = ?", (article_id,))]
        self.conn.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM event_articles WHERE article_id = ?", (article_id,))
        orphans = [e for e in touched if self.conn.execute(
            "SELECT 1 FROM event_mention_links WHERE event_id = ? LIMIT 1", (e,)).fetchone()
            is None]
        self.delete_events(orphans)
        unique = {m.id: m for m in mentions}  # one position, one mention
        self.conn.executemany(_insert("event_mentions", MENTION_COLUMNS),
                              [_mention_row(m, run_id) for m in unique.values()])
        self.conn.executemany(_insert("event_field_values", VALUE_COLUMNS),
                              [_value_row(m.id, i, v) for m in unique.values()
                               for i, v in enumerate(m.values)])

    def article_event_mentions(self, article_id: str) -> list[EventMention]:
        """One article's mentions in index order."""
        rows = self.conn.execute("SELECT * FROM event_mentions m WHERE article_id = ? "
                                 "ORDER BY idx", (article_id,)).fetchall()
        return self._mentions(rows)

    def event_mentions(self, ids: Sequence[str] | None = None) -> list[EventMention]:
        """All mentions, or those with the given ids, oldest article first."""
        if ids is None:
            rows = self.conn.execute(
                f"SELECT * FROM event_mentions m ORDER BY {MENTION_ORDER}").fetchall()
            return self._mentions(rows)
        found: list[sqlite3.Row] = []
        for chunk in _chunks(list(dict.fromkeys(ids))):
            found += self.conn.execute(
                f"SELECT * FROM event_mentions m WHERE id IN ({_marks(chunk)})", chunk)
        found.sort(key=lambda r: (r["published_utc"] is None, r["published_utc"] or "",
                                  r["article_id"], r["idx"]))
        return self._mentions(found)

    def unassigned_event_mentions(self) -> list[EventMention]:
        """Mentions the stories stage has not linked to an event yet, oldest first."""
        rows = self.conn.execute(
            "SELECT m.* FROM event_mentions m LEFT JOIN event_mention_links l "
            f"ON l.mention_id = m.id WHERE l.mention_id IS NULL ORDER BY {MENTION_ORDER}"
        ).fetchall()
        return self._mentions(rows)

    def _mentions(self, rows: Sequence[sqlite3.Row]) -> list[EventMention]:
        values: dict[str, list[FieldValue]] = defaultdict(list)
        for chunk in _chunks([str(r["id"]) for r in rows]):
            for v in self.conn.execute(
                f"SELECT * FROM event_field_values WHERE mention_id IN ({_marks(chunk)}) "
                "ORDER BY mention_id, position", chunk):
                values[str(v["mention_id"])].append(_field_value(v))
        return [_mention(r, values.get(str(r["id"]), [])) for r in rows]

    # -- events (the stories stage) -------------------------------------------------------

    def save_events(self, events: Sequence[Event], run_id: str) -> None:
        """Upsert events and link their mentions (call inside a transaction).

        An event keeps its facts when re-saved (the corroboration stage replaces them); a
        mention named by an event is moved to it from any other event.
        """
        for event in events:
            self._check_mentions(event)
            row = _event_row(event, run_id)
            updates = ", ".join(f"{c}=excluded.{c}" for c in EVENT_COLUMNS[1:])
            self.conn.execute(_insert("events", EVENT_COLUMNS)
                              + f" ON CONFLICT(id) DO UPDATE SET {updates}", row)
            self.conn.execute("DELETE FROM event_mention_links WHERE event_id = ?", (event.id,))
            self.conn.executemany(
                "INSERT OR REPLACE INTO event_mention_links (mention_id, event_id, position) "
                "VALUES (?,?,?)", [(m, event.id, i) for i, m in enumerate(event.mention_ids)])
            self.conn.execute("DELETE FROM event_articles WHERE event_id = ?", (event.id,))
            self.conn.executemany(
                "INSERT INTO event_articles (event_id, position, article_id) VALUES (?,?,?)",
                [(event.id, i, a) for i, a in enumerate(event.article_ids)])
        self.save_event_keys(events)

    def _check_mentions(self, event: Event) -> None:
        """A clear error instead of SQLite's bare "FOREIGN KEY constraint failed"."""
        ids = list(dict.fromkeys(event.mention_ids))
        if len(ids) != len(event.mention_ids):
            raise ValueError(f"event {event.id} lists a mention twice")
        known: set[str] = set()
        for chunk in _chunks(ids):
            known |= {str(r[0]) for r in self.conn.execute(
                f"SELECT id FROM event_mentions WHERE id IN ({_marks(chunk)})", chunk)}
        missing = [m for m in ids if m not in known]
        if missing:
            raise ValueError(f"event {event.id} links mentions not in the store: {missing}")

    def delete_events(self, ids: Sequence[str]) -> None:
        """Delete events with their links and facts (the tables cascade)."""
        for chunk in _chunks(list(ids)):
            self.conn.execute(f"DELETE FROM events WHERE id IN ({_marks(chunk)})", chunk)

    def list_events(self, since: str | None = None, until: str | None = None,
                    place: str | None = None, event_type: str | None = None,
                    limit: int | None = None, offset: int = 0,
                    include_background: bool = True, actor: str | None = None,
                    status: str | None = None) -> list[Event]:
        """Events newest first, filtered as `EventFilter` says."""
        flt = EventFilter(since=since, until=until, place=place, actor=actor,
                          event_type=event_type, status=status,
                          include_background=include_background)
        return self.find_events(flt, limit=limit, offset=offset)

    def find_events(self, flt: EventFilter, limit: int | None = None, offset: int = 0,
                    many: bool = False) -> list[Event]:
        """A page of the events that pass ``flt``, newest first.

        ``many`` says the filter passes many events (the caller counted them): then walking
        the newest-first index and stopping after one page beats SQLite's own plan, which
        gathers every match through the filter's index and sorts them all.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise UsageError("limit and offset cannot be negative")
        where, params = flt.where()
        sql = "SELECT e.* FROM events e" + (" INDEXED BY events_newest" if many else "")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        return self._events(self.conn.execute(sql, params).fetchall())

    def after_migration(self, version: int) -> None:
        super().after_migration(version)
        if version == 6:  # the keys of the events stored before v6
            self.save_event_keys(self.all_events())

    def get_event(self, ref: str) -> Event:
        """An event by id, or by an unambiguous id prefix of at least 4 characters."""
        rows = self.conn.execute("SELECT * FROM events e WHERE id = ?", (ref,)).fetchall()
        if not rows and len(ref) >= MIN_PREFIX:
            # a range, not LIKE: "%" or "_" in the reference must not match every id
            rows = self.conn.execute(
                "SELECT * FROM events e WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (ref, ref + "\U0010ffff")).fetchall()
        if not rows:
            raise NotFoundError(f"no event with id {ref!r} in the store")
        if len(rows) > 1:
            raise UsageError(f"event id prefix {ref!r} is ambiguous; give more characters")
        return self._events(rows)[0]

    def all_events(self) -> list[Event]:
        """Every event, oldest first (undated last)."""
        rows = self.conn.execute("SELECT * FROM events e ORDER BY e.date_start IS NULL, "
                                 "e.date_start, e.date_end, e.id").fetchall()
        return self._events(rows)

    def related_events(self, event_id: str) -> list[Event]:
        """Other events reported by an article of this one, newest first."""
        rows = self.conn.execute(
            "SELECT DISTINCT e.* FROM event_articles mine "
            "JOIN event_articles theirs ON theirs.article_id = mine.article_id "
            "AND theirs.event_id != mine.event_id JOIN events e ON e.id = theirs.event_id "
            f"WHERE mine.event_id = ? ORDER BY {EVENT_ORDER}", (event_id,)).fetchall()
        return self._events(rows)

    def _events(self, rows: Sequence[sqlite3.Row]) -> list[Event]:
        ids = [str(r["id"]) for r in rows]
        mentions: dict[str, list[str]] = defaultdict(list)
        articles: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks(ids):
            for r in self.conn.execute(
                "SELECT event_id, mention_id FROM event_mention_links WHERE event_id IN "
                f"({_marks(chunk)}) ORDER BY event_id, position", chunk):
                mentions[str(r[0])].append(str(r[1]))
            for r in self.conn.execute(
                "SELECT event_id, article_id FROM event_articles WHERE event_id IN "
                f"({_marks(chunk)}) ORDER BY event_id, position", chunk):
                articles[str(r[0])].append(str(r[1]))
        return [_event(r, mentions.get(str(r["id"]), []), articles.get(str(r["id"]), []))
                for r in rows]

    # -- facts (the corroboration stage) --------------------------------------------------

    def save_facts(self, event_id: str, facts: Sequence[Fact], run_id: str) -> None:
        """Replace one event's facts, values and evidence (call inside a transaction)."""
        strays = {f.event_id for f in facts} - {event_id}
        if strays:
            raise ValueError(f"facts of {sorted(strays)} saved as facts of {event_id}")
        self.conn.execute("DELETE FROM facts WHERE event_id = ?", (event_id,))
        evidence: list[tuple[Any, ...]] = []
        for i, fact in enumerate(facts):
            self.conn.execute(
                "INSERT INTO facts (event_id, position, field, status, n_chains, n_origins, "
                "run_id) VALUES (?,?,?,?,?,?,?)",
                (event_id, i, fact.field, fact.status, fact.n_chains, fact.n_origins, run_id))
            self.conn.executemany(
                "INSERT INTO fact_values (event_id, fact_position, position, value, label, "
                "n_chains, n_origins, low, high) VALUES (?,?,?,?,?,?,?,?,?)",
                [(event_id, i, j, v.value, v.label, v.n_chains, v.n_origins, v.low, v.high)
                 for j, v in enumerate(fact.values)])
            for j, value in enumerate(fact.values):
                evidence += [_evidence_row(event_id, i, j, k, e)
                             for k, e in enumerate(value.evidence)]
            evidence += [_evidence_row(event_id, i, None, k, e)
                         for k, e in enumerate(fact.denied_by)]
        self.conn.executemany(_insert("fact_evidence", EVIDENCE_COLUMNS), evidence)

    def event_facts(self, event_id: str) -> list[Fact]:
        """One event's facts in saved order, with values, evidence and denials."""
        facts = [Fact(event_id, str(r["field"]), str(r["status"]), n_chains=int(r["n_chains"]),
                      n_origins=int(r["n_origins"]))
                 for r in self.conn.execute("SELECT * FROM facts WHERE event_id = ? "
                                            "ORDER BY position", (event_id,))]
        for r in self.conn.execute("SELECT * FROM fact_values WHERE event_id = ? "
                                   "ORDER BY fact_position, position", (event_id,)):
            facts[int(r["fact_position"])].values.append(FactValue(
                str(r["value"]), str(r["label"]), n_chains=int(r["n_chains"]),
                n_origins=int(r["n_origins"]), low=r["low"], high=r["high"]))
        for r in self.conn.execute(
            "SELECT * FROM fact_evidence WHERE event_id = ? ORDER BY fact_position, "
            "value_position IS NULL, value_position, position", (event_id,)):
            fact = facts[int(r["fact_position"])]
            target = fact.denied_by if r["value_position"] is None \
                else fact.values[int(r["value_position"])].evidence
            target.append(_evidence(r))
        return facts

    # -- what the stages read from earlier ones -------------------------------------------

    def chain_of_articles(self) -> dict[str, str]:
        """Article id -> its source chain; an article in no chain is a chain of its own."""
        rows = self.conn.execute("SELECT a.id, COALESCE(c.chain_id, a.id) FROM articles a "
                                 "LEFT JOIN chain_members c ON c.article_id = a.id")
        return {str(r[0]): str(r[1]) for r in rows}

    def actor_ids_by_key(self) -> dict[tuple[str, str], str]:
        """(article id, the article's actor key) -> canonical actor id."""
        rows = self.conn.execute("SELECT article_id, key, actor_id FROM actor_keys")
        return {(str(r[0]), str(r[1])): str(r[2]) for r in rows}

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]:
        out: dict[str, Claim] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for r in self.conn.execute(f"SELECT * FROM claims WHERE id IN ({_marks(chunk)})",
                                       chunk):
                out[str(r["id"])] = _claim(r)
        return out

    def event_places(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Gazetteer entries by id (name, feature, country code and name, admin1, admin2),
        for what an event keeps only as a place id: ACLED's admin2 and country name."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for r in self.conn.execute(
                "SELECT id, name, feature, country, country_name, admin1, admin2 FROM places "
                f"WHERE id IN ({_marks(chunk)})", chunk):
                out[str(r["id"])] = dict(r)
        return out

    def events_summary(self) -> dict[str, int]:
        """How many event mentions, events (and of them only recalled), facts by status."""
        one = self.conn.execute
        out = {
            "event_mentions": int(one("SELECT count(*) FROM event_mentions").fetchone()[0]),
            "unassigned_event_mentions": int(one(
                "SELECT count(*) FROM event_mentions m LEFT JOIN event_mention_links l "
                "ON l.mention_id = m.id WHERE l.mention_id IS NULL").fetchone()[0]),
            "events": int(one("SELECT count(*) FROM events").fetchone()[0]),
            "background_events": int(one(
                "SELECT count(*) FROM events WHERE background = 1").fetchone()[0]),
            "facts": int(one("SELECT count(*) FROM facts").fetchone()[0]),
        }
        counts = dict(one("SELECT status, count(*) FROM facts GROUP BY 1").fetchall())
        out.update({f"facts_{s.replace('-', '_')}": int(counts.get(s, 0))
                    for s in FACT_STATUSES})
        return out


# -- rows <-> records ---------------------------------------------------------------------

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _actors_json(actors: Sequence[EventActor]) -> str:
    return _dumps([{"name": a.name, "role": a.role, "actor_id": a.actor_id, "key": a.key}
                   for a in actors])


def _actors(raw: str) -> list[EventActor]:
    return [EventActor(a["name"], a["role"], a["actor_id"], a["key"]) for a in json.loads(raw)]


def _casualties_json(c: Casualties | None) -> str | None:
    return None if c is None else _dumps({"low": c.low, "best": c.best, "high": c.high})


def _casualties(raw: str | None) -> Casualties | None:
    if raw is None:
        return None
    c = json.loads(raw)
    return Casualties(c["low"], c["best"], c["high"])


def _place_values(r: EventMention | Event) -> tuple[Any, ...]:
    return (r.date_start, r.date_end, r.time_precision, r.place_id, r.place, r.country,
            r.admin1, r.lat, r.lon, r.geo_precision)


def _place_fields(row: sqlite3.Row) -> dict[str, Any]:
    return {c: row[c] for c in PLACE_COLUMNS}


def _mention_row(m: EventMention, run_id: str) -> tuple[Any, ...]:
    return (m.id, m.article_id, m.index, m.event_type, m.sub_event_type, m.trigger.start,
            m.trigger.end, m.trigger.text, m.published_at, to_utc(m.published_at),
            *_place_values(m), _actors_json(m.actors), _dumps(m.weapons),
            _casualties_json(m.fatalities), _casualties_json(m.injuries), int(m.background),
            int(m.denied), _dumps([[s.start, s.end, s.text] for s in m.sentences]),
            _dumps(list(m.terms)), run_id)


def _mention(row: sqlite3.Row, values: list[FieldValue]) -> EventMention:
    return EventMention(
        article_id=row["article_id"], index=int(row["idx"]), event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        trigger=Span(int(row["trigger_start"]), int(row["trigger_end"]), row["trigger"]),
        published_at=row["published_at"], **_place_fields(row),
        actors=_actors(row["actors"]), weapons=list(json.loads(row["weapons"])),
        fatalities=_casualties(row["fatalities"]), injuries=_casualties(row["injuries"]),
        background=bool(row["background"]), denied=bool(row["denied"]),
        sentences=[Span(int(s), int(e), t) for s, e, t in json.loads(row["sentences"])],
        values=values, terms=tuple(json.loads(row["terms"])))


def _value_row(mention: str, position: int, v: FieldValue) -> tuple[Any, ...]:
    lat, lon, precision = v.geo if v.geo is not None else (None, None, None)
    return (mention, position, v.field, v.value, v.label, v.span.start, v.span.end,
            v.span.text, v.claim_id, v.low, v.high, lat, lon, precision, int(v.negated),
            int(v.hedged))


def _field_value(r: sqlite3.Row) -> FieldValue:
    geo = None if r["precision"] is None else (r["lat"], r["lon"], r["precision"])
    return FieldValue(field=r["field"], value=r["value"], label=r["label"],
                      span=Span(int(r["start"]), int(r["end"]), r["text"]),
                      claim_id=r["claim_id"], low=r["low"], high=r["high"], geo=geo,
                      negated=bool(r["negated"]), hedged=bool(r["hedged"]))


def _event_row(e: Event, run_id: str) -> tuple[Any, ...]:
    return (e.id, e.event_type, e.sub_event_type, *_place_values(e), _actors_json(e.actors),
            _dumps(e.weapons), _casualties_json(e.fatalities), _casualties_json(e.injuries),
            int(e.background), e.first_seen, e.last_updated, run_id)


def _event(row: sqlite3.Row, mention_ids: list[str], article_ids: list[str]) -> Event:
    return Event(
        id=row["id"], event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        **_place_fields(row), actors=_actors(row["actors"]),
        weapons=list(json.loads(row["weapons"])), fatalities=_casualties(row["fatalities"]),
        injuries=_casualties(row["injuries"]), background=bool(row["background"]),
        mention_ids=mention_ids, article_ids=article_ids, first_seen=row["first_seen"],
        last_updated=row["last_updated"])


def _evidence_row(event_id: str, fact: int, value: int | None, position: int,
                  e: Evidence) -> tuple[Any, ...]:
    return (event_id, fact, value, position, e.article_id, e.span.start, e.span.end,
            e.span.text, e.chain_id, e.origin, e.speaker, e.claim_id, e.stance)


def _evidence(r: sqlite3.Row) -> Evidence:
    return Evidence(article_id=r["article_id"],
                    span=Span(int(r["start"]), int(r["end"]), r["text"]),
                    chain_id=r["chain_id"], origin=r["origin"], speaker=r["speaker"],
                    claim_id=r["claim_id"], stance=r["stance"])


__all__ = ["EventQueries"]
