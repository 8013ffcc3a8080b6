"""The example corpus's event gold (examples/gold.yaml, ``events:``) against a store the
pipeline has run on: events found, articles grouped, background events kept apart, facts
with their status and chain counts.

A gold event is *found* when a system event has the same ACLED event type, a date interval
overlapping the gold date (at the gold's precision), a point within 50 km of the gold's (when
both have one) and at least one of the gold event's articles; of several, the one sharing
most articles. Grouping is scored per found event: article precision (the system event's
articles that the gold lists for it) and recall (the gold's articles the system event has).
A background event is *separated* when it is found and is not the same system event as the
event it is the background of. A gold fact is compared on the field newstrace gives the
same meaning (target, perpetrator, fatalities, date, place, munitions/platform as weapon and
platform); its status must be equal, and n_chains is compared as reported.

Used by benchmarks/events.py (``--section gold``) and tests/test_example_events.py.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from newstrace.events.records import Event, Fact
from newstrace.geo import km
from newstrace.store import Store

GOLD = Path(__file__).resolve().parent.parent / "examples" / "gold.yaml"
FIELDS = {"target": "target", "perpetrator": "perpetrator", "fatalities": "fatalities",
          "date": "date", "place": "place", "munitions": "weapon", "platform": "platform"}


@dataclass
class GoldReport:
    found: dict[str, str | None] = field(default_factory=dict)        # gold id -> event id
    article_p: dict[str, float] = field(default_factory=dict)
    article_r: dict[str, float] = field(default_factory=dict)
    separated: dict[str, bool] = field(default_factory=dict)           # background gold id
    facts: list[dict[str, Any]] = field(default_factory=list)
    n_events: int = 0

    def summary(self) -> dict[str, float]:
        found = [g for g, e in self.found.items() if e]
        facts = [f for f in self.facts if f["ours"] is not None]
        return {
            "gold_events": float(len(self.found)), "found": float(len(found)),
            "system_events": float(self.n_events),
            "article_precision": _mean(self.article_p.values()),
            "article_recall": _mean(self.article_r.values()),
            "background_separated": float(sum(self.separated.values())),
            "background_total": float(len(self.separated)),
            "facts_gold": float(len(self.facts)), "facts_present": float(len(facts)),
            "fact_status_equal": float(sum(f["ours"] == f["gold"] for f in facts)),
            "fact_chains_equal": float(sum(f["chains"] == f["gold_chains"] for f in facts)),
        }


def _mean(values: Any) -> float:
    vals = list(values)
    return sum(vals) / len(vals) if vals else 0.0


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["events"])


def score(store: Store, gold: list[dict[str, Any]] | None = None) -> GoldReport:
    gold = gold if gold is not None else load_gold()
    by_url = {a.url: a.id for a in store.iter_articles() if a.url}
    events = store.all_events()
    report = GoldReport(n_events=len(events))
    for g in gold:
        articles = {by_url[u] for u in g["articles"] if u in by_url}
        match = _best(g, articles, events)
        report.found[g["id"]] = match.id if match else None
        if match is not None:
            mine = set(match.article_ids)
            report.article_p[g["id"]] = len(mine & articles) / len(mine) if mine else 0.0
            report.article_r[g["id"]] = len(mine & articles) / len(articles) if articles else 0
            report.facts += _facts(g, store.event_facts(match.id))
        else:
            report.facts += [{"event": g["id"], "field": f["field"], "gold": f["status"],
                              "ours": None, "gold_chains": f.get("n_chains"), "chains": None}
                             for f in g.get("facts", []) if f["field"] in FIELDS]
    for g in gold:
        if g.get("background_of"):
            mine, other = report.found[g["id"]], report.found.get(g["background_of"])
            report.separated[g["id"]] = mine is not None and mine != other
    return report


def _best(g: dict[str, Any], articles: set[str], events: list[Event]) -> Event | None:
    fits = [e for e in events if e.event_type == g["event_type"] and _dates(g, e)
            and _near(g, e) and articles & set(e.article_ids)]
    return max(fits, key=lambda e: len(articles & set(e.article_ids)), default=None)


def _dates(g: dict[str, Any], e: Event) -> bool:
    if e.date_start is None or e.date_end is None:
        return False
    raw = str(g["date"])
    parts = [int(x) for x in raw.split("-")]
    start = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 1:
        end = date(start.year, 12, 31)
    elif len(parts) == 2:
        end = date(start.year, start.month, monthrange(start.year, start.month)[1])
    else:
        end = start
    return date.fromisoformat(e.date_start) <= end and date.fromisoformat(e.date_end) >= start


def _near(g: dict[str, Any], e: Event) -> bool:
    if e.lat is None or e.lon is None or g.get("lat") is None:
        return True
    return km(float(g["lat"]), float(g["lon"]), e.lat, e.lon) <= 50.0


def _facts(g: dict[str, Any], facts: list[Fact]) -> list[dict[str, Any]]:
    ours = {f.field: f for f in facts}
    out = []
    for gf in g.get("facts", []):
        name = FIELDS.get(gf["field"])
        if name is None:
            continue
        mine = ours.get(name)
        out.append({"event": g["id"], "field": gf["field"], "gold": gf["status"],
                    "ours": mine.status if mine else None, "gold_chains": gf.get("n_chains"),
                    "chains": mine.n_chains if mine else None})
    return out


def print_report(report: GoldReport) -> None:
    s = report.summary()
    print(f"example gold: {int(s['found'])}/{int(s['gold_events'])} events found "
          f"({int(s['system_events'])} system events); articles P {s['article_precision']:.3f} "
          f"R {s['article_recall']:.3f}; background separated "
          f"{int(s['background_separated'])}/{int(s['background_total'])}")
    print(f"  facts: {int(s['facts_present'])}/{int(s['facts_gold'])} present, status equal "
          f"{int(s['fact_status_equal'])}, n_chains equal {int(s['fact_chains_equal'])}")
    for gid, eid in report.found.items():
        print(f"  {gid}: {eid or 'NOT FOUND'}"
              + (f"  articles P {report.article_p[gid]:.2f} R {report.article_r[gid]:.2f}"
                 if eid else ""))
    for f in report.facts:
        mark = "ok" if f["ours"] == f["gold"] else "--"
        print(f"  {mark} {f['event']} {f['field']}: gold {f['gold']} ({f['gold_chains']} "
              f"chains), ours {f['ours']} ({f['chains']} chains)")
