"""The stories stage on a store: mentions grouped into events, later runs continue the
stored events, and a run with nothing new changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.config import Config
from newstrace.events.records import EventActor, EventMention, event_id
from newstrace.events.stories import run_stories
from newstrace.language.records import Span
from newstrace.records import Run
from newstrace.store import Store

TEXTS = {
    "wire": ("Jets strike militia posts near Al-Qaim\n\nWarplanes struck militia positions "
             "near Al-Qaim on Tuesday night, a security source said.\n"),
    "local": ("Overnight raid hits Qaim outskirts\n\nAn air raid hit the outskirts of Qaim "
              "late on Tuesday, residents said. Back in June, drones hit the same area.\n"),
    "basra": ("Teachers march in Basra\n\nHundreds of teachers marched through central "
              "Basra on Wednesday demanding unpaid salaries.\n"),
    "later": ("Pentagon denies Qaim strike\n\nThe Pentagon said U.S. forces did not conduct "
              "any strikes near Al-Qaim this week.\n"),
}
QAIM = {"place_id": "g-qaim", "country": "IQ", "admin1": "Anbar", "lat": 34.37,
        "lon": 41.09, "geo_precision": "town"}
US = EventActor("U.S. forces", "perpetrator", "act-us", "us forces")


def mention(aid: str, index: int, text: str, word: str, **kw: object) -> EventMention:
    start = text.index(word)
    fields: dict[str, object] = {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "date_start": "2026-11-10", "date_end": "2026-11-10", "time_precision": "day",
        "place": "Al-Qaim", **QAIM,
    }
    fields.update(kw)
    return EventMention(aid, index, trigger=Span(start, start + len(word), word),
                        **fields)  # type: ignore[arg-type]


@pytest.fixture
def ids(write: Callable[..., Path], ingest_paths: Callable[..., object],
        store: Store) -> dict[str, str]:
    published = {"wire": "2026-11-11T06:00:00+03:00", "local": "2026-11-11T08:00:00+03:00",
                 "basra": "2026-11-11T12:00:00+03:00", "later": "2026-11-12T10:00:00+03:00"}
    for name, text in TEXTS.items():
        ingest_paths(write(f"{name}.txt", text), published=published[name])
    store.save_run(Run("ev-run", "events", "test", "h", "2026-11-24T00:00:00+00:00"))
    by_title = {a.title: a.id for a in store.iter_articles()}
    return {name: by_title[text.split("\n", 1)[0]] for name, text in TEXTS.items()}


def save(store: Store, aid: str, mentions: list[EventMention]) -> None:
    with store.transaction():
        store.save_article_event_mentions(aid, mentions, "ev-run")


def first_batch(store: Store, ids: dict[str, str]) -> None:
    wire, local, basra = TEXTS["wire"], TEXTS["local"], TEXTS["basra"]
    save(store, ids["wire"], [mention(ids["wire"], 0, wire, "struck", actors=[US],
                                      published_at="2026-11-11T06:00:00+03:00",
                                      terms=("warplanes", "struck", "militia", "qaim"))])
    save(store, ids["local"], [
        mention(ids["local"], 0, local, "air raid", place="Qaim",
                published_at="2026-11-11T08:00:00+03:00",
                terms=("air", "raid", "hit", "qaim", "outskirts")),
        mention(ids["local"], 1, local, "drones hit", background=True,
                date_start="2026-06-01", date_end="2026-06-30", time_precision="month",
                published_at="2026-11-11T08:00:00+03:00", terms=("drones", "hit", "june")),
    ])
    save(store, ids["basra"], [
        mention(ids["basra"], 0, basra, "marched", event_type="Protests",
                sub_event_type="Peaceful protest", place="Basra", place_id="g-basra",
                admin1="Basra", lat=30.51, lon=47.81, date_start="2026-11-11",
                date_end="2026-11-11", published_at="2026-11-11T12:00:00+03:00",
                terms=("teachers", "marched", "basra", "salaries"))])


def test_groups_continues_and_is_idempotent(store: Store, config: Config,
                                            ids: dict[str, str]) -> None:
    first_batch(store, ids)
    report = run_stories(store, config)
    assert (report.mentions, report.events_new, report.events_updated,
            report.events_total) == (4, 3, 0, 3)
    events = {e.id: e for e in store.all_events()}
    wire_event = event_id(mention(ids["wire"], 0, TEXTS["wire"], "struck").id)
    assert events[wire_event].article_ids == [ids["wire"], ids["local"]]
    assert sum(e.background for e in events.values()) == 1
    assert store.unassigned_event_mentions() == []

    again = run_stories(store, config)
    assert (again.mentions, again.events_new, again.events_updated) == (0, 0, 0)
    assert {e.id: e for e in store.all_events()} == events

    later = TEXTS["later"]
    save(store, ids["later"], [mention(ids["later"], 0, later, "did not conduct", denied=True,
                                       actors=[US], date_start="2026-11-09",
                                       date_end="2026-11-12", time_precision="week",
                                       published_at="2026-11-12T10:00:00+03:00",
                                       terms=("pentagon", "conduct", "strikes", "qaim"))])
    third = run_stories(store, config)
    assert (third.mentions, third.events_new, third.events_updated) == (1, 0, 1)
    updated = store.get_event(wire_event)
    assert updated.article_ids == [ids["wire"], ids["local"], ids["later"]]
    assert updated.last_updated == "2026-11-12T10:00:00+03:00"
    runs = [r for r in store.conn.execute(
        "SELECT status, n_in FROM runs WHERE stage = 'stories' ORDER BY started_at")]
    assert [tuple(r) for r in runs] == [("finished", 4), ("finished", 0), ("finished", 1)]


def test_re_extracted_article_refreshes_its_old_event(store: Store, config: Config,
                                                      ids: dict[str, str]) -> None:
    first_batch(store, ids)
    run_stories(store, config)
    wire_event = event_id(mention(ids["wire"], 0, TEXTS["wire"], "struck").id)
    # the local article is extracted again with no mention of the strike
    save(store, ids["local"], [])
    report = run_stories(store, config)
    assert report.events_updated == 1
    assert store.get_event(wire_event).article_ids == [ids["wire"]]
