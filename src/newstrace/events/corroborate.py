"""The corroborate stage: every event's facts, recomputed from the whole store on each run.

A fact's counts depend on things that change as articles arrive: a new article can join a
source chain (two "independent" chains become one), a new claim can deny a value, a new
mention can contest one. Facts are therefore rebuilt for every event on every run rather
than incrementally; it is a pass over records already in memory, with no parsing, and it
makes the stage idempotent by construction. All events' facts land in one transaction, so
a reader never sees half of the events counted against old chains.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newstrace import stages
from newstrace.claims.records import Claim
from newstrace.config import Config
from newstrace.errors import NotFoundError
from newstrace.events.facts import build_facts
from newstrace.events.records import FACT_STATUSES, Event, EventMention
from newstrace.records import Run
from newstrace.store import Store, now_iso

STAGE = "corroborate"
VERSION = "1.0"


@dataclass
class CorroborateReport:
    run_id: str = ""
    events: int = 0
    facts: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Outlets:
    """Who publishes each article: the outlet id (an origin when it speaks in its own
    voice) and its name (shown as the speaker)."""

    of_article: dict[str, str]
    names: dict[str, str]


@stages.register(STAGE, VERSION, needs=("events", "claims", "source_chains"),
                 produces=("facts",))
def run_corroborate(store: Store, config: Config) -> CorroborateReport:
    """Count, for every fact of every event, the evidence, source chains and origins."""
    run = Run(id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
              config_hash=config.hash(), started_at=now_iso())
    store.save_run(run)
    report = CorroborateReport(run_id=run.id, by_status={s: 0 for s in FACT_STATUSES})
    events = store.all_events()
    by_event = _mentions_by_event(store, events)
    article_ids = sorted({m.article_id for ms in by_event.values() for m in ms})
    claims = _claims_by_article(store, article_ids, by_event)
    outlets = _outlets(store, article_ids)
    chain_of = store.chain_of_articles()
    keys = store.actor_ids_by_key()
    actor_names = {a.id: a.name for a in store.list_actors()}
    with store.transaction():
        for event in events:
            mentions = by_event.get(event.id, [])
            event_claims = {cid: c for aid in _articles(mentions)
                            for cid, c in claims.get(aid, {}).items()}
            facts = build_facts(event, mentions, event_claims, chain_of, outlets.of_article,
                                keys, actor_names, outlets.names)
            store.save_facts(event.id, facts, run.id)
            report.events += 1
            report.facts += len(facts)
            for fact in facts:
                report.by_status[fact.status] = report.by_status.get(fact.status, 0) + 1
    run.n_in, run.n_out = report.events, report.facts
    run.args = {"by_status": report.by_status}
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report


def _mentions_by_event(store: Store, events: Sequence[Event]) -> dict[str, list[EventMention]]:
    """Each event's mentions in the store's order (publication time first), which is the
    order evidence is shown in and the order a copy's origin is inherited along."""
    event_of = {mid: e.id for e in events for mid in e.mention_ids}
    out: dict[str, list[EventMention]] = {}
    if not event_of:
        return out
    for mention in store.event_mentions(list(event_of)):
        out.setdefault(event_of[mention.id], []).append(mention)
    return out


def _articles(mentions: Iterable[EventMention]) -> list[str]:
    return list(dict.fromkeys(m.article_id for m in mentions))


def _claims_by_article(store: Store, article_ids: Sequence[str],
                       by_event: dict[str, list[EventMention]]) -> dict[str, dict[str, Claim]]:
    """Every claim of the articles, not only those values cite: a denial aimed at a cited
    claim ("the Pentagon denied the report") is a denial of the fact without being evidence
    of any value. Cited claims from elsewhere are fetched by id."""
    out: dict[str, dict[str, Claim]] = {
        aid: {c.id: c for c in store.article_claims(aid)} for aid in article_ids}
    cited = {v.claim_id for ms in by_event.values() for m in ms for v in m.values
             if v.claim_id and v.claim_id not in out.get(m.article_id, {})}
    for cid, claim in store.claims_by_id(sorted(cited)).items():
        out.setdefault(claim.article_id, {})[cid] = claim
    return out


def _outlets(store: Store, article_ids: Sequence[str]) -> _Outlets:
    of_article: dict[str, str] = {}
    names: dict[str, str] = {}
    for aid in article_ids:
        try:
            article = store.get_article(aid)
        except NotFoundError:  # mentions outlive no article, but never fail a run on it
            continue
        of_article[aid] = article.outlet_id
        names.setdefault(article.outlet_id, article.outlet)
    return _Outlets(of_article, names)
