"""Exports of the events: JSON Lines of dossiers, CSV in ACLED's column layout, GeoJSON.

The CSV lets the events go where ACLED data goes (its columns, in its order, with its
precision codes) and then adds what ACLED has no column for: how many articles and
independent source chains carry the event, and how many of its facts stand corroborated,
on a single source, contested or denied.

ACLED's precision codes, as its codebook defines them:

* ``time_precision``: 1 the day is known; 2 only the week (or a weekend, or a few days);
  3 only the month, or something coarser. newstrace maps day -> 1, week -> 2, month and
  year -> 3. ``event_date`` is the day itself at precision 1, else the middle day of the
  event's interval; ``date_start``/``date_end`` keep the interval.
* ``geo_precision``: 1 a town (coordinates of that town); 2 a small part of a region, or
  near a town (the town's coordinates); 3 a larger region (a provincial capital or the
  region's point). newstrace maps town -> 1, district -> 2, province, country and
  continent -> 3.

``fatalities`` is the best-supported figure (else the lowest reported); it is left empty
when no article states one, where ACLED would write 0: a stated zero stays 0.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any, TextIO

from newstrace.errors import UsageError
from newstrace.events.dossier import DossierReader, event_row, iter_dossiers, status_counts
from newstrace.events.records import Event, EventActor, Fact
from newstrace.store import Store

FORMATS = ("jsonl", "csv", "geojson")
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "n_articles", "n_chains", "n_corroborated", "n_single_source", "n_contested",
    "n_denied", "date_start", "date_end", "background",
)
TIME_CODES = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_CODES = {"town": 1, "district": 2, "province": 3, "country": 3, "continent": 3}
SIDE_ONE = ("perpetrator", "alleged perpetrator", "protester", "party", "signatory",
            "actor", "responder", "mediator")
"""Roles that make actor1, first present wins: who acted (or is said to have)."""
SIDE_TWO = ("target", "affected")
"""Roles that make actor2: who was acted upon."""
PAIRED = ("party", "signatory")
"""Roles with two sides of their own (two parties clashing): the first is actor1, the rest
actor2."""


def export_events(store: Store, fmt: str, out: TextIO) -> int:
    """Write every event to ``out`` in ``fmt``; returns how many events were written (for
    GeoJSON, the located ones: the others are only counted, as ``unlocated``)."""
    if fmt == "jsonl":
        n = 0
        for dossier in iter_dossiers(store):
            out.write(json.dumps(dossier, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        return _write_csv(store, out)
    if fmt == "geojson":
        return _write_geojson(store, out)
    raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _events_with_facts(store: Store) -> Iterator[tuple[Event, list[Fact]]]:
    for event in store.all_events():
        yield event, store.event_facts(event.id)


# -- CSV ------------------------------------------------------------------------------------

def _write_csv(store: Store, out: TextIO) -> int:
    reader = DossierReader(store)
    events = store.all_events()
    places = store.event_places(e.place_id for e in events if e.place_id)
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        facts = store.event_facts(event.id)
        writer.writerow(acled_row(event, facts, reader, places.get(event.place_id or "")))
    return len(events)


def acled_row(event: Event, facts: Sequence[Fact], reader: DossierReader,
              place: Mapping[str, Any] | None) -> dict[str, Any]:
    """One event as a row of the CSV export."""
    (actor1, assoc1), (actor2, assoc2) = actor_sides(event.actors)
    counts = status_counts(facts)
    row = event_row(event, facts, reader.chains(event.article_ids))
    outlets = dict.fromkeys(reader.article(a).outlet for a in event.article_ids)
    return {
        "event_id_cnty": event.id, "event_date": event_date(event),
        "time_precision": TIME_CODES.get(event.time_precision or "", 3)
        if event.time_precision else "",
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": actor1, "assoc_actor_1": assoc1, "actor2": actor2, "assoc_actor_2": assoc2,
        "country": (place or {}).get("country_name") or event.country or "",
        "admin1": event.admin1 or (place or {}).get("admin1") or "",
        "admin2": (place or {}).get("admin2") or "",
        "location": event.place or "", "latitude": _num(event.lat),
        "longitude": _num(event.lon),
        "geo_precision": GEO_CODES.get(event.geo_precision or "", 3)
        if event.geo_precision else "",
        "source": "; ".join(o for o in outlets if o),
        "notes": notes(event, facts, actor1, actor2, row["n_chains"]),
        "fatalities": _fatalities(event),
        "n_articles": row["n_articles"], "n_chains": row["n_chains"],
        "n_corroborated": counts["corroborated"], "n_single_source": counts["single-source"],
        "n_contested": counts["contested"], "n_denied": counts["denied"],
        "date_start": event.date_start or "", "date_end": event.date_end or "",
        "background": int(event.background),
    }


def _num(value: float | None) -> str:
    return "" if value is None else repr(value)


def _fatalities(event: Event) -> int | str:
    f = event.fatalities
    if f is None:
        return ""
    best = f.best if f.best is not None else f.low
    return "" if best is None else best


def event_date(event: Event) -> str:
    """The day ACLED's event_date names: the day itself, or the middle of the interval."""
    start, end = event.date_start, event.date_end
    if not start or not end or start == end or event.time_precision == "day":
        return start or ""
    try:
        first, last = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    except ValueError:
        return start
    return date.fromordinal((first.toordinal() + last.toordinal()) // 2).isoformat()


def actor_sides(actors: Sequence[EventActor]) -> tuple[tuple[str, str], tuple[str, str]]:
    """(actor1, its associates), (actor2, its associates) from the actors' roles.

    actor1 is who acted: the perpetrator, else the alleged one, else the first party or
    protester...; actor2 who was acted upon: the target, else the affected, else the other
    party. Associates are the others of the same role, joined by "; " as ACLED does.
    """
    one = next((r for r in SIDE_ONE if any(a.role == r for a in actors)), None)
    first = [a.name for a in actors if a.role == one]
    second: list[str] = []
    if one in PAIRED:
        first, second = first[:1], first[1:]
    if not second:
        two = next((r for r in SIDE_TWO if any(a.role == r for a in actors)), None)
        second = [a.name for a in actors if a.role == two] if two else []
    return _side(first), _side(second)


def _side(names: Sequence[str]) -> tuple[str, str]:
    return (names[0], "; ".join(names[1:])) if names else ("", "")


def notes(event: Event, facts: Sequence[Fact], actor1: str, actor2: str,
          n_chains: int) -> str:
    """A one-sentence summary built from the event's fields and fact statuses."""
    parts = [event.sub_event_type or event.event_type]
    if actor1:
        parts.append(f"by {actor1}")
    if actor2:
        parts.append(f"against {actor2}")
    where = ", ".join(x for x in (event.place, event.admin1, event.country) if x)
    if where:
        parts.append(f"in {where}")
    start, end = event.date_start, event.date_end
    if start:
        parts.append(f"on {start}" if end in (None, start) else f"between {start} and {end}")
    if event.weapons:
        parts.append(f"with {', '.join(event.weapons)}")
    sentence = " ".join(parts)
    f = event.fatalities
    if f is not None and (f.best is not None or f.low is not None):
        best = f.best if f.best is not None else f.low
        low, high = ("?" if n is None else n for n in (f.low, f.high))
        spread = "" if f.low == f.high == best else f" (reports range {low}-{high})"
        sentence += f"; {best} killed{spread}"
    sentence += (f"; reported by {len(event.article_ids)} article"
                 f"{'s' if len(event.article_ids) != 1 else ''} in {n_chains} source chain"
                 f"{'s' if n_chains != 1 else ''}")
    for status in ("contested", "denied"):
        fields = [fact.field for fact in facts if fact.status == status]
        if fields:
            sentence += f"; {status}: {', '.join(fields)}"
    if event.background:
        sentence += "; only recalled as background"
    return sentence + "."


# -- GeoJSON --------------------------------------------------------------------------------

def _write_geojson(store: Store, out: TextIO) -> int:
    chains = store.chain_of_articles()
    features: list[dict[str, Any]] = []
    unlocated = 0
    for event, facts in _events_with_facts(store):
        if event.lat is None or event.lon is None:
            unlocated += 1
            continue
        features.append({"type": "Feature", "id": event.id,
                         "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
                         "properties": event_row(event, facts, chains)})
    json.dump({"type": "FeatureCollection", "features": features, "unlocated": unlocated},
              out, ensure_ascii=False)
    out.write("\n")
    return len(features)
