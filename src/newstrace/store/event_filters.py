"""Finding events: the names an event answers to, and the filters over them as SQL.

A reader looks for "Abu Kamal" or "Al-Qaim", "Hezbollah" or "the IRGC", and the store has
"Ālbū Kamāl", "Al Qā’im" and actor ids. Matching folded names with a function over every
row is a full scan; a large store needs an index. So each event keeps its names in
`event_keys`, folded (case, accents and punctuation gone) and cut at every word start
("abukamal", "kamal"), and a filter is a range scan on that index: the folded query must be
a prefix of a key. The CLI and the web view share these filters, so they find the same
events.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from newstrace.errors import UsageError
from newstrace.events.records import FACT_STATUSES, Event
from newstrace.store.core import StoreBase

KEY_KINDS = ("place", "actor", "type")
MAX_WORDS = 12
"""Word starts keyed per name: a long name is still found by its first dozen words."""
MAX_NAME = 200
"""Characters of a name that are keyed; article text is untrusted and unbounded."""
_WORD = re.compile(r"[^\W_]+")
_TOP = "\U0010ffff"


def fold(value: Any) -> str:
    """Case, accents and punctuation folded away: "Al-Qaim" finds "Al Qā’im"."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value).casefold())
    return "".join(c for c in text if c.isalnum())


def word_keys(name: str | None) -> set[str]:
    """The folded name from each of its word starts: "Abu Kamal" -> abukamal, kamal."""
    if not name:
        return set()
    text = "".join(c for c in unicodedata.normalize("NFKD", name[:MAX_NAME].casefold())
                   if not unicodedata.combining(c))
    words = _WORD.findall(text)[:MAX_WORDS]
    return {"".join(words[i:]) for i in range(len(words))}


_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def partial_date(value: str | None, name: str) -> str | None:
    """An ISO date or its year/month prefix, checked: the store compares them as text, so
    "last week" would silently match nothing."""
    if not value:
        return None
    try:
        if not _PARTIAL_DATE.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise UsageError(f"{name} {value!r}: give YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


@dataclass(frozen=True)
class EventFilter:
    """What a reader narrows the events to; every part is optional and they all apply.

    ``since``/``until`` are ISO dates or their prefixes ("2026", "2026-11"), compared with
    the event's interval: it must end on or after ``since`` and start on or before (any day
    of) ``until``; an undated event never passes a date filter. ``place``, ``actor`` and
    ``event_type`` match the start of a word of a name (folded). ``status`` keeps events
    with at least one fact of that status.
    """

    since: str | None = None
    until: str | None = None
    place: str | None = None
    actor: str | None = None
    event_type: str | None = None
    status: str | None = None
    include_background: bool = True

    def __post_init__(self) -> None:
        if self.status and self.status not in FACT_STATUSES:
            raise UsageError(f"status {self.status!r} is not one of "
                             f"{', '.join(FACT_STATUSES)}")

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over `events e`, and their parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.since:
            where.append("(e.date_end >= ? OR (e.date_end IS NULL AND e.date_start >= ?))")
            params += [self.since, self.since]
        if self.until:
            # "~" sorts after every digit, "-" and "T": "2026-11~" bounds all of November
            where.append("e.date_start <= ?")
            params.append(self.until + "~")
        for kind, text in (("place", self.place), ("actor", self.actor),
                           ("type", self.event_type)):
            if text:
                key = fold(text)
                if not key:  # "%" or "--" names nothing
                    where.append("0")
                    continue
                where.append("e.id IN (SELECT event_id FROM event_keys WHERE kind = ? "
                             "AND key >= ? AND key < ?)")
                params += [kind, key, key + _TOP]
        if self.status:
            where.append("e.id IN (SELECT event_id FROM facts WHERE status = ?)")
            params.append(self.status)
        if not self.include_background:
            where.append("e.background = 0")
        return where, params


class EventKeyQueries(StoreBase):
    def save_event_keys(self, events: Iterable[Event]) -> None:
        """Replace the keys of these events (call inside a transaction)."""
        for event in events:
            self.conn.execute("DELETE FROM event_keys WHERE event_id = ?", (event.id,))
            names = {"place": self._place_names(event), "actor": self._actor_names(event),
                     "type": [event.event_type, event.sub_event_type]}
            self.conn.executemany(
                "INSERT OR IGNORE INTO event_keys (kind, key, event_id) VALUES (?,?,?)",
                [(kind, key, event.id) for kind, ns in names.items() for n in ns
                 for key in word_keys(n)])

    def _place_names(self, event: Event) -> list[str]:
        """The event's place as stored and as the gazetteer names it, and every name its
        articles gave that place ("Abu Kamal", "Albukamal")."""
        names = [n for n in (event.place, event.admin1, event.country) if n]
        if not event.place_id:
            return names
        row = self.conn.execute("SELECT name, country_name, admin1, admin2 FROM places "
                                "WHERE id = ?", (event.place_id,)).fetchone()
        if row is not None:
            names += [str(v) for v in row if v]
        if event.article_ids:
            marks = ",".join("?" * len(event.article_ids[:500]))
            names += [str(r[0]) for r in self.conn.execute(
                # "+ref": through the event's articles, not every mention of a busy place
                "SELECT DISTINCT text FROM mentions WHERE kind = 'place' AND +ref = ? "
                f"AND article_id IN ({marks})", (event.place_id, *event.article_ids[:500]))]
        return names

    def _actor_names(self, event: Event) -> list[str]:
        """Each actor's name in the event and its canonical name and aliases."""
        names = [a.name for a in event.actors]
        ids = [a.actor_id for a in event.actors if a.actor_id]
        if ids:
            for r in self.conn.execute(
                f"SELECT name, aliases FROM actors WHERE id IN ({','.join('?' * len(ids))})",
                    ids):
                names.append(str(r[0]))
                names += [str(a) for a in json.loads(r[1])]
        return names


__all__ = ["KEY_KINDS", "EventFilter", "EventKeyQueries", "fold", "partial_date", "word_keys"]
