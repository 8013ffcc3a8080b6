"""The language stage's tables: per-article replacement, cross-article actors, reading back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import count_rows
from newstrace.language.gazetteer import Place
from newstrace.language.records import (
    Actor,
    ActorMention,
    ArticleLanguage,
    PlaceRef,
    Quantity,
    Span,
    TimeRef,
)
from newstrace.records import Run
from newstrace.store import Store
from newstrace.store.language import mention_id

TEXT = ("Warplanes struck three vehicles near Al-Bukamal late on Tuesday, the Sword of the "
        "Euphrates Movement (HSF) said.\n")
TOWN = Place(id="gn:170794", name="Al Bu Kamal", feature="town", country="SY",
             country_name="Syria", admin1="Deir ez-Zor", admin2=None, lat=34.45, lon=40.92,
             population=0, coord_source="geonames")


def _span(text: str, surface: str) -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), surface)


def _annotations(article_id: str) -> ArticleLanguage:
    hsf = _span(TEXT, "HSF")
    return ArticleLanguage(
        article_id,
        actors=[ActorMention(_span(TEXT, "Sword of the Euphrates Movement"), "ORG",
                             "Sword of the Euphrates Movement", "k1", "armed group",
                             aliases=("HSF",)),
                ActorMention(hsf, "ORG", "Sword of the Euphrates Movement", "k1",
                             "armed group", aliases=("HSF",))],
        places=[PlaceRef(_span(TEXT, "Al-Bukamal"), TOWN.id, TOWN.name, "town", "SY",
                         "Deir ez-Zor", 34.45, 40.92, 0.9)],
        times=[TimeRef(_span(TEXT, "late on Tuesday"), "2026-11-10", "2026-11-10", "day",
                       "published", hedge="late on")],
        quantities=[Quantity(_span(TEXT, "three vehicles"), 3, 3, "vehicle")],
        countries=("SY",))


def _article(write: Callable[..., Path], ingest_paths: Callable[..., object],
             store: Store) -> str:
    ingest_paths(write("a.txt", "Strike near Al-Bukamal\n\n" + TEXT),
                 published="2026-11-10T23:52:00+03:00")
    for run_id in ("r1", "r2"):
        store.save_run(Run(run_id, "language", "test", "h", "2026-11-24T00:00:00+00:00"))
    return next(iter(store.iter_articles())).id


def test_annotations_round_trip_with_their_resolutions(write, ingest_paths, store):
    aid = _article(write, ingest_paths, store)
    article = store.get_article(aid)
    ann = _annotations(aid)
    assert all(article.text[m.span.start:m.span.end] == m.span.text
               for m in [*ann.actors, *ann.places, *ann.times, *ann.quantities])
    with store.transaction():
        store.save_article_language(ann, [TOWN], "test-model", "r1")
        store.replace_actors([Actor("a1", "Sword of the Euphrates Movement", "armed group",
                                    ("HSF",), n_mentions=2)], {(aid, "k1"): "a1"}, "r1")
    rows = store.article_mentions(aid)
    assert [m["kind"] for m in rows] == ["quantity", "place", "time", "actor", "actor"]
    by_text = {m["text"]: m for m in rows}
    assert by_text["HSF"]["actor_id"] == "a1"
    assert by_text["Al-Bukamal"]["place"] == "Al Bu Kamal"
    assert by_text["Al-Bukamal"]["lat"] == 34.45
    assert by_text["late on Tuesday"]["value_start"] == "2026-11-10"
    assert by_text["late on Tuesday"]["hedge"] == "late on"
    assert by_text["three vehicles"]["low"] == 3
    assert store.article_countries(aid) == ["SY"]
    assert store.list_places()[0]["surface_forms"] == ["Al-Bukamal"]
    assert store.list_actors("HSF")[0].aliases == ("HSF",)


def test_re_annotating_replaces_an_article_whole(write, ingest_paths, store, db):
    aid = _article(write, ingest_paths, store)
    ann = _annotations(aid)
    for _ in range(2):
        with store.transaction():
            store.save_article_language(ann, [TOWN], "m", "r1")
    assert count_rows(db, "mentions") == 5
    assert count_rows(db, "time_refs") == 1 and count_rows(db, "quantities") == 1
    fewer = ArticleLanguage(aid, places=ann.places)
    with store.transaction():
        store.save_article_language(fewer, [TOWN], "m", "r2")
    assert count_rows(db, "mentions") == 1
    assert count_rows(db, "time_refs") == 0 and count_rows(db, "quantities") == 0


def test_mention_ids_are_derived_from_content():
    span = Span(3, 9, "Tehran")
    assert mention_id("a", "place", span) == mention_id("a", "place", Span(3, 9, "Tehran"))
    assert mention_id("a", "place", span) != mention_id("a", "actor", span)
    assert mention_id("a", "place", span) != mention_id("b", "place", span)


def test_actor_mentions_read_back_for_the_merge(write, ingest_paths, store):
    aid = _article(write, ingest_paths, store)
    with store.transaction():
        store.save_article_language(_annotations(aid), [TOWN], "m", "r1")
    back = store.all_actor_mentions()[aid]
    assert back == _annotations(aid).actors
