"""The stories stage: event mentions across articles grouped into events, online.

Each run rebuilds the event index from the stored events and their mentions (so their ids
and term statistics carry over) and places only the mentions no event holds yet, in
publication order: a new article joins the story it continues instead of regrouping the
whole store. Only events that gained a mention, or whose stored summary no longer matches
their mentions (an article re-extracted), are written, all in one transaction; a run with
nothing new writes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from newstrace import stages
from newstrace.config import Config
from newstrace.events.identity import EventIndex, summarize
from newstrace.events.records import Event, EventMention
from newstrace.records import Run
from newstrace.store import Store, now_iso

STAGE = "stories"
VERSION = "1.0"


@dataclass
class StoriesReport:
    run_id: str = ""
    mentions: int = 0
    events_new: int = 0
    events_updated: int = 0
    events_total: int = 0


def _existing(store: Store, names: Mapping[str, str]
              ) -> tuple[list[tuple[Event, list[EventMention]]], set[str]]:
    """Stored events with their mentions, and the ids of those whose stored summary no
    longer matches their mentions (an article's mentions were replaced since, or the
    summary rules changed)."""
    by_id = {m.id: m for m in store.event_mentions()}
    out: list[tuple[Event, list[EventMention]]] = []
    stale: set[str] = set()
    for event in store.all_events():
        mentions = [by_id[mid] for mid in event.mention_ids if mid in by_id]
        if summarize(event.id, mentions, names) != event:
            stale.add(event.id)
        out.append((event, mentions))
    return out, stale


@stages.register(STAGE, VERSION, needs=("event_mentions",), produces=("events", "stories"))
def run_stories(store: Store, config: Config) -> StoriesReport:
    """Group event mentions into events: the same happening across articles."""
    run = Run(id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
              config_hash=config.hash(), started_at=now_iso())
    store.save_run(run)
    report = StoriesReport(run_id=run.id)
    names = {a.id: a.name for a in store.list_actors()}
    existing, stale = _existing(store, names)
    known = {event.id for event, _ in existing}
    index = EventIndex(existing, names)
    pending = store.unassigned_event_mentions()
    index.refresh(stale)
    for mention in pending:
        index.add(mention)
    changed = set(index.changed)
    events = index.events(sorted(changed))
    if events:
        with store.transaction():
            store.save_events(events, run.id)
    report.mentions = len(pending)
    report.events_new = len(changed - known)
    report.events_updated = len(changed & known)
    report.events_total = len(index.clusters)
    run.n_in, run.n_out = len(pending), len(events)
    run.args = {"events_new": report.events_new, "events_updated": report.events_updated}
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report
