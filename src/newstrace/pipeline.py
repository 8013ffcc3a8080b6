"""Running the processing stages in order over what the store holds.

Importing this module registers every stage. `run_stages` checks the plan (each stage's
needs met by what the store has or an earlier stage makes) before any stage runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newstrace import stages
from newstrace.claims.stage import STAGE as CLAIMS
from newstrace.config import Config
from newstrace.events.corroborate import STAGE as CORROBORATE
from newstrace.events.stage import STAGE as EVENTS
from newstrace.events.stories import STAGE as STORIES
from newstrace.ingest import STAGE as INGEST
from newstrace.language.stage import STAGE as LANGUAGE
from newstrace.reuse import STAGE as REUSE
from newstrace.store import Store

# in order; each module registers itself on import
PIPELINE = (REUSE, LANGUAGE, CLAIMS, EVENTS, STORIES, CORROBORATE)

SOURCE_KINDS = ("articles", "outlets")  # what ingestion leaves in the store


def processing_stages() -> list[str]:
    """Stages that work over the store, in pipeline order (ingest takes inputs instead)."""
    registered = {s.name for s in stages.all_stages()} - {INGEST}
    return [name for name in PIPELINE if name in registered]


def available_kinds(store: Store) -> set[str]:
    """What the store holds already: ingested sources plus what every finished stage made,
    so a later stage can run alone ("newstrace run claims" after "run language")."""
    kinds = set(SOURCE_KINDS)
    for stage in stages.all_stages():
        if stage.name in store.finished_stages():
            kinds.update(stage.produces)
    return kinds


def run_stages(
    store: Store, config: Config, names: Iterable[str] | None = None
) -> list[tuple[str, Any]]:
    """Run the named stages (default: all, in order); returns each stage's report."""
    chosen = list(names) if names else processing_stages()
    order = processing_stages()
    chosen.sort(key=lambda n: order.index(n) if n in order else -1)
    plan = stages.plan(chosen, available=available_kinds(store))
    reports = [(stage.name, stage.fn(store, config)) for stage in plan]
    store.update_search_index()  # so `datasette store.db` searches what was just ingested
    return reports
