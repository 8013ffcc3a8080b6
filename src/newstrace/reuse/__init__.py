"""Reuse: every passage one article takes from another, who took it, and the chains it makes.

Incremental by design: each article is compared once, when it is new, against the articles
already indexed (candidates from a sampled n-gram index, then full alignment), so old pairs
are never recomputed. Chains are rebuilt from all stored links, which is cheap.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from dataclasses import dataclass

from newstrace import stages
from newstrace.config import Config
from newstrace.records import Run
from newstrace.reuse.boilerplate import outlet_boilerplate
from newstrace.reuse.chains import LinkView, build_chains
from newstrace.reuse.compare import PreparedDoc, compare, prepare
from newstrace.store import Store, now_iso

STAGE = "reuse"
VERSION = "1.0"
MIN_SHARED_SHINGLES = 2
MAX_CANDIDATES = 200  # the most similar indexed articles; bounds the cost per new article
MAX_SHINGLE_DF = 200
CACHE_SIZE = 2000


@dataclass
class ReuseReport:
    run_id: str = ""
    articles: int = 0
    candidates: int = 0
    links: int = 0
    quotations: int = 0
    chains: int = 0
    multi_member_chains: int = 0


class _Docs:
    """Prepared documents, cached: a popular source is compared with many new articles."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: OrderedDict[str, PreparedDoc] = OrderedDict()
        self.boilerplate: dict[str, set[str]] = {}

    def get(self, article_id: str) -> PreparedDoc:
        doc = self.cache.get(article_id)
        if doc is None:
            article = self.store.get_article(article_id)
            if article.outlet_id not in self.boilerplate:
                texts = self.store.outlet_texts(article.outlet_id)
                self.boilerplate[article.outlet_id] = outlet_boilerplate(texts)
            info = self.store.article_order(article.id)
            doc = prepare(article, info.seq, info.outlet_domain, info.outlet_offset,
                          self.boilerplate[article.outlet_id])
            self.cache[article.id] = doc
            if len(self.cache) > CACHE_SIZE:
                self.cache.popitem(last=False)
        return doc


@stages.register(STAGE, VERSION, needs=("articles",), produces=("reuse_links", "source_chains"))
def run_reuse(store: Store, config: Config) -> ReuseReport:
    """Find passages shared between articles, their direction, and the source chains."""
    run = Run(id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
              config_hash=config.hash(), started_at=now_iso())
    store.save_run(run)
    report = ReuseReport(run_id=run.id)
    docs = _Docs(store)
    for article_id in store.unprocessed_ids(STAGE):
        doc = docs.get(article_id)
        shingles = doc.shingles()
        candidates = store.reuse_candidates(
            shingles, MIN_SHARED_SHINGLES, MAX_SHINGLE_DF, MAX_CANDIDATES
        )
        links = []
        for other_id in candidates:  # indexed articles only: never the article itself
            links.extend(compare(docs.get(other_id), doc))
        with store.transaction():
            store.add_reuse_links(links, run.id)
            store.index_shingles(article_id, shingles)
            store.mark_processed(STAGE, article_id, run.id)
        report.articles += 1
        report.candidates += len(candidates)
        report.links += sum(1 for link in links if link.kind == "copy")
        report.quotations += sum(1 for link in links if link.kind == "quotation")
    chains = build_chains(store.article_ids(), [
        LinkView(link.source_article, link.target_article, link.direction != "unknown",
                 link.similarity, link.source_end - link.source_start, link.credited)
        for link in store.reuse_links(kind="copy")
    ])
    with store.transaction():
        store.replace_chains(chains, run.id)
    report.chains = len(chains)
    report.multi_member_chains = sum(1 for c in chains if len(c.members) > 1)
    run.n_in, run.n_out = report.articles, report.links
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report
