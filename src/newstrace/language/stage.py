"""The language stage: every new article parsed once, its mentions found and resolved.

One spaCy parse per article feeds every finder (actors, places, times, quantities); the
claims stage reuses the same finders' output from the store rather than parsing again.
Per-article annotations are written with the article's processed mark in one transaction,
so a killed run resumes where it stopped. Actors are then re-merged across all articles,
because a new article can reveal that two names are one actor.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace import stages
from newstrace.config import Config
from newstrace.language.actor_dict import ActorDictionary, load_actor_dictionary, ruler_patterns
from newstrace.language.actors import merge_actors
from newstrace.language.aliases import find_actor_mentions
from newstrace.language.gazetteer import Gazetteer, Place
from newstrace.language.nlp import load_nlp, model_info
from newstrace.language.parses import doc_to_bytes
from newstrace.language.places import find_places
from newstrace.language.quantities import find_quantities
from newstrace.language.records import ArticleLanguage
from newstrace.language.timeref import find_times
from newstrace.records import Article, Rejection, Run
from newstrace.store import Store, now_iso

STAGE = "language"
VERSION = "1.0"
PIPE_BATCH = 16


@dataclass
class LanguageReport:
    run_id: str = ""
    articles: int = 0
    rejected: int = 0
    mentions: dict[str, int] = field(default_factory=dict)
    actors: int = 0
    model: str = ""
    gazetteer_built: bool = False


@dataclass
class Annotator:
    """What annotating an article needs, loaded once per run."""

    nlp: Any
    gazetteer: Gazetteer
    dictionary: ActorDictionary

    @classmethod
    def load(cls, config: Config, dictionary: ActorDictionary) -> Annotator:
        nlp = load_nlp(config.spacy_model, ruler_patterns(dictionary))
        nlp.max_length = max(nlp.max_length, config.max_text_chars + 1)
        gazetteer = Gazetteer.load(Path(config.cache) if config.cache else None)
        return cls(nlp, gazetteer, dictionary)

    def annotate(self, article: Article, doc: Any) -> ArticleLanguage:
        """All mentions of one parsed article, resolved."""
        actors = find_actor_mentions(doc, self.dictionary)
        metonyms = {(m.span.start, m.span.end) for m in actors if m.label == "GPE"}
        places = find_places(doc, self.gazetteer, dateline=article.dateline, exclude=metonyms)
        times = find_times(doc, article.published_at, article.published_precision)
        quantities = find_quantities(doc)
        countries = Counter(p.country for p in places if p.country and p.role == "mention")
        return ArticleLanguage(article.id, actors, places, times, quantities,
                               tuple(c for c, _ in countries.most_common()))

    def places_of(self, annotations: ArticleLanguage) -> list[Place]:
        found = (self.gazetteer.get(p.place_id) for p in annotations.places if p.place_id)
        return [p for p in found if p is not None]


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@stages.register(STAGE, VERSION, needs=("articles",),
                 produces=("mentions", "actors", "places", "time_refs", "quantities", "parses"))
def run_language(store: Store, config: Config) -> LanguageReport:
    """Find actors, places, dates and quantities in new articles and resolve them."""
    run = Run(id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
              config_hash=config.hash(), started_at=now_iso())
    store.save_run(run)
    report = LanguageReport(run_id=run.id)
    pending = store.unprocessed_ids(STAGE)
    dictionary = load_actor_dictionary(config.actors_file)
    if pending:  # the model and the gazetteer take seconds to load: only when needed
        annotator = Annotator.load(config, dictionary)
        report.model = model_info(annotator.nlp)["name"]
        report.gazetteer_built = annotator.gazetteer.build_report is not None
        for batch in _chunks(pending, config.batch_size):
            _annotate_batch(store, annotator, batch, run, report)
    actors, keys = merge_actors(store.all_actor_mentions(), dictionary)
    with store.transaction():
        store.replace_actors(actors, keys, run.id)
    report.actors = len(actors)
    run.n_in, run.n_out, run.n_rejected = len(pending), report.articles, report.rejected
    run.args = {"model": report.model}
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report


def _annotate_batch(store: Store, annotator: Annotator, batch: Sequence[str], run: Run,
                    report: LanguageReport) -> None:
    articles = [store.get_article(article_id) for article_id in batch]
    docs = annotator.nlp.pipe((a.text for a in articles), batch_size=PIPE_BATCH)
    for article, doc in zip(articles, docs, strict=True):
        try:
            annotations = annotator.annotate(article, doc)
        except Exception as exc:  # a bad article must not stop the batch: record it
            store.add_rejection(Rejection(article.id, STAGE, "annotation_failed",
                                          f"{type(exc).__name__}: {exc}", run.id))
            report.rejected += 1
            continue
        with store.transaction():
            store.save_article_language(annotations, annotator.places_of(annotations),
                                        report.model, run.id)
            store.save_parse(article.id, report.model, doc_to_bytes(doc), run.id)
            store.mark_processed(STAGE, article.id, run.id)
        report.articles += 1
        for kind, found in (("actor", annotations.actors), ("place", annotations.places),
                            ("time", annotations.times), ("quantity", annotations.quantities)):
            report.mentions[kind] = report.mentions.get(kind, 0) + len(found)
