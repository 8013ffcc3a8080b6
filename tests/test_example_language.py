"""The language stage end to end on the example corpus, checked against examples/gold.yaml:
every gold actor found under one canonical actor, every event place resolved where it is,
dates of the core case resolved against publication time, quantities attached."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from newstrace.config import load_config
from newstrace.language.records import Actor
from newstrace.pipeline import run_stages
from newstrace.records import Article
from newstrace.store import Store

EXAMPLES = Path(__file__).parent.parent / "examples"
GOLD: dict[str, Any] = yaml.safe_load((EXAMPLES / "gold.yaml").read_text(encoding="utf-8"))
DESCRIPTIONS = re.compile(r"^(an? |the |organisers|lawmakers|water officials|civil defence)",
                          re.IGNORECASE)
"""Gold aliases that are descriptions ("an Iran-aligned militia", "the lower house"): context,
not names an actor is found by."""


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _names(actor: Actor) -> set[str]:
    return {n.casefold() for n in (actor.name, *actor.aliases)}


@pytest.fixture(scope="module")
def actors(corpus_store: Store) -> list[Actor]:
    return corpus_store.list_actors()


@pytest.fixture(scope="module")
def articles(corpus_store: Store) -> dict[str, Article]:
    return {a.url: a for a in corpus_store.iter_articles() if a.url}


@pytest.mark.parametrize("gold", GOLD["actors"], ids=lambda g: g["name"])
def test_every_gold_actor_is_found(gold: dict[str, Any], actors: list[Actor]) -> None:
    wanted = {n.casefold() for n in (gold["name"], *gold["aliases"])
              if not DESCRIPTIONS.match(n)}
    # a name of three words or more inside the gold name counts ("Ministry of Water and
    # Irrigation" for "Jordan Ministry of Water and Irrigation")
    assert any(_names(a) & wanted or any(len(n.split()) >= 3 and n in w
                                         for n in _names(a) for w in wanted)
               for a in actors), gold["name"]


def test_aliases_of_one_group_are_one_actor(actors: list[Actor]) -> None:
    hsf = [a for a in actors if {"hsf", "sword of the euphrates movement",
                                 "harakat sayf al-furat", "حركة سيف الفرات"} & _names(a)]
    assert len(hsf) == 1, [a.name for a in hsf]
    assert {"hsf", "sword of the euphrates movement", "harakat sayf al-furat",
            "حركة سيف الفرات"} <= _names(hsf[0])
    us = [a for a in actors if {"centcom", "us central command"} & _names(a)]
    assert len(us) == 1 and us[0].actor_type == "state force"
    assert {"centcom", "us central command", "pentagon"} <= _names(us[0])


@pytest.mark.parametrize("event", [e for e in GOLD["events"] if e.get("lat") is not None],
                         ids=lambda e: e["id"])
def test_event_places_are_resolved_where_they_are(event: dict[str, Any],
                                                  corpus_store: Store,
                                                  articles: dict[str, Article]) -> None:
    variants = [v.casefold() for v in event["place_variants"] if "(" not in v]
    resolved = []
    for url in event["articles"]:
        for m in corpus_store.article_mentions(articles[url].id):
            if m["kind"] == "place" and m["text"].casefold() in variants:
                resolved.append(m)
    assert resolved, f"no mention of {event['place']}"
    for m in resolved:
        assert m["place_id"], f"{m['text']!r} unresolved"
        assert m["lat"] is not None
        km = _km(m["lat"], m["lon"], event["lat"], event["lon"])
        assert km < 40, f"{m['text']!r} resolved to {m['place']} ({km:.0f} km away)"


def test_datelines_are_marked_as_reporting_locations(corpus_store: Store,
                                                     articles: dict[str, Article]) -> None:
    datelined = [a for a in articles.values() if a.dateline]
    assert datelined
    for article in datelined:
        roles = [m for m in corpus_store.article_mentions(article.id)
                 if m["kind"] == "place" and m["start"] == article.dateline.start]  # type: ignore[union-attr]
        assert [m["role"] for m in roles] == ["dateline"], article.url


def test_core_case_dates_and_quantities(corpus_store: Store,
                                        articles: dict[str, Article]) -> None:
    copy = articles["https://gulfcourier.example/region/2026/11/11/"
                    "armed-group-says-jets-struck-vehicles-eastern-syria"]
    mentions = corpus_store.article_mentions(copy.id)
    times = {m["text"]: m for m in mentions if m["kind"] == "time"}
    tuesday = next(m for t, m in times.items() if "Tuesday" in t)
    assert (tuesday["value_start"], tuesday["precision"]) == ("2026-11-10", "day")
    june = next(m for t, m in times.items() if "June" in t)
    assert (june["value_start"], june["value_end"]) == ("2026-06-01", "2026-06-30")
    quantities = {(m["low"], m["counted"], m["category"]) for m in mentions
                  if m["kind"] == "quantity"}
    assert {(3, "vehicle", "count"), (4, "missile", "count")} <= quantities
    assert any(m["stated_zero"] for m in mentions if m["kind"] == "quantity")


def test_language_rerun_is_idempotent(corpus_store: Store) -> None:
    before = corpus_store.language_summary()
    actors = [a.id for a in corpus_store.list_actors()]
    config = load_config(env={}, overrides={"db": corpus_store.path})
    [(name, report)] = run_stages(corpus_store, config, ["language"])
    assert name == "language" and report.articles == 0
    assert corpus_store.language_summary() == before
    assert [a.id for a in corpus_store.list_actors()] == actors


def test_cli_mentions_actors_places(corpus_store: Store, articles: dict[str, Article],
                                    cli: Any) -> None:
    db = corpus_store.path
    article = articles["https://levantwire.example/2026/11/11/"
                       "militia-says-foreign-jets-hit-vehicles-near-al-bukamal"]
    shown = cli("--db", db, "mentions", article.id)
    assert shown.code == 0 and "Dayr az Zawr, SY [province]" in shown.out
    rows = cli("--db", db, "mentions", article.id, "--json").jsonl()
    assert {r["kind"] for r in rows} == {"actor", "place", "time", "quantity"}
    assert all(article.text[r["start"]:r["end"]] == r["text"] for r in rows)
    actor_rows = cli("--db", db, "actors", "--json").jsonl()
    assert all({"id", "name", "type", "aliases", "n_mentions"} <= set(r) for r in actor_rows)
    place_rows = cli("--db", db, "places", "--json").jsonl()
    assert all({"id", "name", "country", "admin1", "lat", "lon", "feature", "n_mentions",
                "surface_forms"} <= set(r) for r in place_rows)
    assert cli("--db", db, "mentions", "nope").code == 1
