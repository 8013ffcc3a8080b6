"""The claims stage: every annotated article's attributed statements, from its stored parse.

The language stage stores each article's spaCy parse; this stage reads it back (about a
millisecond, against tens for parsing) with the article's actor mentions, so claims cost a
fraction of the language stage and speakers link to the same actors. A store annotated
before parses were kept is parsed again once, and the report says how many were.
An article's claims are written with its processed mark in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from newstrace import stages
from newstrace.claims.extract import extract_claims
from newstrace.claims.speakers import ActorRef
from newstrace.config import Config
from newstrace.records import Article, Rejection, Run
from newstrace.store import Store, now_iso

STAGE = "claims"
VERSION = "1.0"
LANGUAGE = "language"


@dataclass
class ClaimsReport:
    run_id: str = ""
    articles: int = 0
    claims: int = 0
    rejected: int = 0
    reparsed: int = 0
    waiting: int = 0
    by_cue_type: dict[str, int] = field(default_factory=dict)
    by_stance: dict[str, int] = field(default_factory=dict)


class StoredParses:
    """Stored parses read back; a model loaded only if some article has none stored."""

    def __init__(self, store: Store, config: Config) -> None:
        from newstrace.language.parses import blank_vocab

        self.store, self.config, self.vocab = store, config, blank_vocab()
        self.nlp: Any = None

    def doc(self, article: Article) -> tuple[Any, bool]:
        from newstrace.language.parses import doc_from_bytes

        stored = self.store.get_parse(article.id)
        if stored is not None:
            return doc_from_bytes(stored[1], self.vocab), False
        if self.nlp is None:
            from newstrace.language.actor_dict import load_actor_dictionary, ruler_patterns
            from newstrace.language.nlp import load_nlp

            patterns = ruler_patterns(load_actor_dictionary(self.config.actors_file))
            self.nlp = load_nlp(self.config.spacy_model, patterns)
            self.nlp.max_length = max(self.nlp.max_length, self.config.max_text_chars + 1)
        return self.nlp(article.text), True


def actor_refs(store: Store, article_id: str) -> list[ActorRef]:
    return [ActorRef(m["start"], m["end"], m["key"], m.get("actor_type") or "unknown",
                     m.get("label") or "ORG")
            for m in store.article_mentions(article_id) if m["kind"] == "actor"]


@stages.register(STAGE, VERSION, needs=("articles", "mentions", "parses"), produces=("claims",))
def run_claims(store: Store, config: Config) -> ClaimsReport:
    """Find who said what, how and citing whom in every annotated article."""
    run = Run(id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
              config_hash=config.hash(), started_at=now_iso())
    store.save_run(run)
    report = ClaimsReport(run_id=run.id)
    not_annotated = set(store.unprocessed_ids(LANGUAGE))
    pending = [a for a in store.unprocessed_ids(STAGE) if a not in not_annotated]
    report.waiting = len(not_annotated)
    parses = StoredParses(store, config) if pending else None
    for article_id in pending:
        assert parses is not None
        _article_claims(store, parses, store.get_article(article_id), run, report)
    run.n_in, run.n_out, run.n_rejected = len(pending), report.articles, report.rejected
    run.args = {"reparsed": report.reparsed}
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report


def _article_claims(store: Store, parses: StoredParses, article: Article, run: Run,
                    report: ClaimsReport) -> None:
    try:
        doc, reparsed = parses.doc(article)
        claims = extract_claims(doc, article.id, actor_refs(store, article.id), article.title)
    except Exception as exc:  # one bad article must not stop the batch: record it
        store.add_rejection(Rejection(article.id, STAGE, "claims_failed",
                                      f"{type(exc).__name__}: {exc}", run.id))
        report.rejected += 1
        return
    with store.transaction():
        store.save_article_claims(article.id, claims, run.id)
        store.mark_processed(STAGE, article.id, run.id)
    report.articles += 1
    report.reparsed += int(reparsed)
    report.claims += len(claims)
    for claim in claims:
        report.by_cue_type[claim.cue_type] = report.by_cue_type.get(claim.cue_type, 0) + 1
        report.by_stance[claim.stance] = report.by_stance.get(claim.stance, 0) + 1
