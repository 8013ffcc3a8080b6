"""What each page of the web view shows, as plain data built from the store.

The views (`newstrace.web.views`) turn a request into one of these queries and render the
result as HTML or hand it out as JSON; nothing here knows about HTTP, so the pages can be
tested and timed without a server. Every string from an article stays a plain string: the
templates escape it (Jinja's autoescape), and the JSON is served as JSON.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from newstrace.errors import UsageError
from newstrace.events.dossier import DossierReader
from newstrace.events.records import FACT_STATUSES, Event
from newstrace.store import EventFilter, Store
from newstrace.store.event_filters import partial_date
from newstrace.web.graph import layout_chains
from newstrace.web.highlight import article_segments, reuse_pairs
from newstrace.web.timeline import build_timeline

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 100_000
MAX_FILTER_CHARS = 200
MANY_EVENTS = 2000
"""Above this many matches a page walks the newest-first index instead of sorting them."""
FILTER_FIELDS = ("since", "until", "type", "place", "actor", "status", "background")


def event_href(event_id: str) -> str:
    return f"/events/{event_id}"


def article_href(article_id: str) -> str:
    return f"/articles/{article_id}"


@dataclass(frozen=True)
class EventQuery:
    """A request for a page of events: the filter as typed, and which page."""

    since: str = ""
    until: str = ""
    type: str = ""
    place: str = ""
    actor: str = ""
    status: str = ""
    background: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> EventQuery:
        """Checked query parameters; a bad one is a UsageError naming it."""
        values = {k: (args.get(k) or "").strip() for k in FILTER_FIELDS}
        for name, value in values.items():
            if len(value) > MAX_FILTER_CHARS:
                raise UsageError(f"{name}: longer than {MAX_FILTER_CHARS} characters")
        for name in ("since", "until"):
            partial_date(values[name], name)
        if values["background"] not in ("", "hide", "show"):
            raise UsageError(f"background {values['background']!r}: expected hide or show")
        page = _integer(args, "page", 1, MAX_PAGE)
        per_page = _integer(args, "per_page", PER_PAGE, MAX_PER_PAGE)
        return cls(**values, page=page, per_page=per_page)  # EventFilter checks the status

    @property
    def event_filter(self) -> EventFilter:
        return EventFilter(since=self.since or None, until=self.until or None,
                           place=self.place or None, actor=self.actor or None,
                           event_type=self.type or None, status=self.status or None,
                           include_background=self.background != "hide")

    def href(self, fmt: str = "", **changes: Any) -> str:
        """This query's URL with some parts changed; empty parts are left out."""
        query = replace(self, **changes)
        params = {k: v for k, v in asdict(query).items()
                  if v and not (k == "page" and v == 1)
                  and not (k == "per_page" and v == PER_PAGE)}
        return f"/events{fmt}" + (f"?{urlencode(params)}" if params else "")


def _integer(args: Mapping[str, str], name: str, default: int, top: int) -> int:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= top:
        raise UsageError(f"{name} {raw!r}: expected a whole number from 1 to {top}")
    return int(raw)


# -- the events page ------------------------------------------------------------------------

def events_page(store: Store, query: EventQuery) -> dict[str, Any]:
    """A page of events newest first, with their source counts and a timeline."""
    flt = query.event_filter
    offset = (query.page - 1) * query.per_page
    total = store.count_events(flt)
    events = store.find_events(flt, limit=query.per_page + 1, offset=offset,
                               many=total > MANY_EVENTS)
    has_next = len(events) > query.per_page
    events = events[:query.per_page]
    counts = store.event_counts([e.id for e in events])
    timeline = store.event_timeline(flt)
    return {
        "query": asdict(query),
        "events": [event_summary(e, counts[e.id]) for e in events],
        "total": total, "page": query.page, "per_page": query.per_page,
        "pages": max(1, math.ceil(total / query.per_page)),
        "has_next": has_next,
        "prev_url": query.href(page=query.page - 1) if query.page > 1 else None,
        "next_url": query.href(page=query.page + 1) if has_next else None,
        "json_url": query.href(".json"),
        "timeline": [{"period": p, "count": n} for p, n in timeline],
        "types": store.event_types(),
        "statuses": list(FACT_STATUSES),
    }


def events_view(page: dict[str, Any], query: EventQuery) -> dict[str, Any]:
    """What the HTML page adds to the data: the timeline drawn, its bars as links."""
    counts = [(t["period"], t["count"]) for t in page["timeline"]]
    return {**page, "timeline_graph": build_timeline(
        counts, lambda period: query.href(since=period, until=period, page=1))}


def event_summary(event: Event, counts: Mapping[str, Any]) -> dict[str, Any]:
    """One row of the events page."""
    return {
        "id": event.id, "url": event_href(event.id), "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "date_start": event.date_start,
        "date_end": event.date_end, "time_precision": event.time_precision,
        "dates": dates_text(event.date_start, event.date_end),
        "place": event.place, "admin1": event.admin1, "country": event.country,
        "place_text": place_text(event.place, event.admin1, event.country),
        "lat": event.lat, "lon": event.lon, "geo_precision": event.geo_precision,
        "actors": [{"name": a.name, "role": a.role, "actor_id": a.actor_id}
                   for a in event.actors],
        "fatalities": None if event.fatalities is None else asdict(event.fatalities),
        "background": event.background, **counts,
    }


def dates_text(start: str | None, end: str | None) -> str:
    if not start:
        return "undated"
    return start if end in (None, start) else f"{start} – {end}"


def place_text(*parts: str | None) -> str:
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "unknown place"


# -- the dossier ----------------------------------------------------------------------------

def dossier_page(store: Store, event_ref: str) -> dict[str, Any]:
    """The event's dossier (`events.dossier`), as the JSON document at /events/<id>.json."""
    return DossierReader(store).dossier(store.get_event(event_ref))


def dossier_view(dossier: dict[str, Any], map_config: Mapping[str, Any]) -> dict[str, Any]:
    """What the HTML page adds: passages cut for highlighting, claims by id for the
    via and medium of each passage, the chain graph laid out, the map's place."""
    claims = {c["id"]: c for c in dossier["claims"]}
    event = dossier["event"]
    facts = [{**f, "values": [{**v, "evidence": [_passage(e, claims) for e in v["evidence"]]}
                              for v in f["values"]],
              "denied_by": [_passage(e, claims) for e in f["denied_by"]]}
             for f in dossier["facts"]]
    return {
        "dossier": dossier, "event": event, "facts": facts,
        "claims": dossier["claims"],
        "dates": dates_text(event["date_start"], event["date_end"]),
        "place_text": place_text(event["place"], event["admin1"], event["country"]),
        "graph": layout_chains(dossier["source_chains"], article_href),
        "articles": [{**a, "url_local": article_href(a["id"])} for a in dossier["articles"]],
        "related": [{**r, "url": event_href(r["id"]),
                     "dates": dates_text(r["date_start"], r["date_end"])}
                    for r in dossier["related"]],
        "place": {"lat": event["lat"], "lon": event["lon"],
                  "geo_precision": event["geo_precision"],
                  "label": place_text(event["place"], event["admin1"], event["country"])},
        "map_config": map_config,
        "json_url": f"{event_href(event['id'])}.json",
    }


def _passage(ev: Mapping[str, Any], claims: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A passage with its context cut in three (before, passage, after) for the template."""
    claim = claims.get(ev.get("claim_id") or "") or {}
    context = ev.get("context")
    cut = None
    if context:
        text, s, e = context["text"], context["passage_start"], context["passage_end"]
        cut = {"before": ("… " if context["clipped_start"] else "") + text[:s],
               "passage": text[s:e],
               "after": text[e:] + (" …" if context["clipped_end"] else "")}
    return {**ev, "cut": cut, "via": claim.get("via"), "medium": claim.get("medium"),
            "quote_type": claim.get("quote_type"), "article_url": article_href(ev["article_id"])}


# -- the article page -----------------------------------------------------------------------

def article_page(store: Store, article_ref: str) -> dict[str, Any]:
    """An article with what each stage found in it, as /articles/<id>.json."""
    article = store.get_article(article_ref)
    mentions = store.article_mentions(article.id)
    claims = store.list_claims(article=article.id)
    links = store.reuse_links(article=article.id)
    return {
        "article": article.as_json(with_text=True),
        "mentions": mentions, "claims": claims,
        "reuse": [link.as_json() for link in links],
        "events": [{**e, "url": event_href(e["id"]),
                    "dates": dates_text(e["date_start"], e["date_end"])}
                   for e in store.events_of_article(article.id)],
    }


def article_view(store: Store, page: dict[str, Any]) -> dict[str, Any]:
    """What the HTML page adds: the text cut into highlighted segments, and each reused
    passage beside its counterpart in the other article."""
    article = page["article"]
    text_claims = [c for c in page["claims"] if c["part"] == "text"]
    segments = article_segments(article["text"], page["mentions"], text_claims,
                                page["reuse"], article["id"])
    pairs = reuse_pairs(store, article["id"], article["text"], page["reuse"])
    return {**page, "segments": segments, "pairs": pairs,
            "json_url": f"{article_href(article['id'])}.json"}


__all__ = ["EventQuery", "article_page", "article_view", "dossier_page", "dossier_view",
           "events_page", "events_view"]
