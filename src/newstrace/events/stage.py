"""The events stage: every annotated article's event mentions, from its stored parse.

It reads what the earlier stages left (the parse, the language stage's mentions with their
resolutions, the claims) so no article is parsed or resolved twice, and writes each
article's mentions with its processed mark in one transaction. An article whose extraction
fails is recorded as a rejection and the batch goes on.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field

from newstrace import stages
from newstrace.claims.stage import StoredParses
from newstrace.config import Config
from newstrace.events.extract import Context, extract_event_mentions
from newstrace.records import Article, Rejection, Run
from newstrace.store import Store, now_iso

STAGE = "events"
VERSION = "1.0"
CLAIMS = "claims"


@dataclass
class EventsReport:
    run_id: str = ""
    articles: int = 0
    mentions: int = 0
    background: int = 0
    rejected: int = 0
    waiting: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


@dataclass
class _Actors:
    country: dict[str, str]
    kind: dict[str, str]


@stages.register(STAGE, VERSION, needs=("articles", "mentions", "parses", "claims"),
                 produces=("event_mentions",))
def run_events(store: Store, config: Config) -> EventsReport:
    """Find the happenings each article reports or recalls, with their evidence."""
    run = Run(id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
              config_hash=config.hash(), started_at=now_iso())
    store.save_run(run)
    report = EventsReport(run_id=run.id)
    not_ready = set(store.unprocessed_ids(CLAIMS))
    pending = [a for a in store.unprocessed_ids(STAGE) if a not in not_ready]
    report.waiting = len(not_ready)
    if pending:
        parses = StoredParses(store, config)
        actors = _Actors({a.id: a.country for a in store.list_actors() if a.country},
                         {a.id: a.actor_type for a in store.list_actors()})
        types: Counter[str] = Counter()
        for article_id in pending:
            _article_events(store, parses, actors, store.get_article(article_id), run, report,
                            types)
        report.by_type = dict(types)
    run.n_in, run.n_out, run.n_rejected = len(pending), report.articles, report.rejected
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report


def _article_events(store: Store, parses: StoredParses, actors: _Actors, article: Article,
                    run: Run, report: EventsReport, types: Counter[str]) -> None:
    try:
        doc, _ = parses.doc(article)
        ctx = Context(doc, article.text, store.article_mentions(article.id),
                      store.article_claims(article.id), actors.country, actors.kind,
                      (article.published_at or "")[:10] or None)
        mentions = extract_event_mentions(ctx, article.id, article.title, article.published_at)
    except Exception as exc:  # one bad article must not stop the batch: record it
        store.add_rejection(Rejection(article.id, STAGE, "events_failed",
                                      f"{type(exc).__name__}: {exc}", run.id))
        report.rejected += 1
        return
    with store.transaction():
        store.save_article_event_mentions(article.id, mentions, run.id)
        store.mark_processed(STAGE, article.id, run.id)
    report.articles += 1
    report.mentions += len(mentions)
    report.background += sum(m.background for m in mentions)
    types.update(m.sub_event_type for m in mentions)
