"""The events tables: exact round-trips of mentions, events and facts, per-article
replacement (old mentions unlinked, orphan events deleted with their facts), the filters of
list_events, and id prefix lookups."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import count_rows
from newstrace.claims.records import Claim
from newstrace.errors import NotFoundError, UsageError
from newstrace.events.records import (
    Casualties,
    Event,
    EventActor,
    EventMention,
    Evidence,
    Fact,
    FactValue,
    FieldValue,
    event_id,
    mention_id,
)
from newstrace.language.records import Span
from newstrace.records import Run
from newstrace.store import MIGRATIONS, Store

STRIKE = ("Drones hit fuel depot near Al-Qaim\n\n"
          "Two drones struck a fuel depot near Al-Qaim late on Tuesday, killing three guards, "
          "the provincial council said. The Interior Ministry denied that any guards died. "
          "Back in June, a similar attack hit the same depot.\n")
PROTEST = ("Teachers march in Basra\n\n"
           "Hundreds of teachers marched through central Basra on Monday demanding unpaid "
           "salaries, organisers said.\n")
LATER = ("Depot strike toll rises\n\n"
         "The death toll from the drone strike on the Al-Qaim fuel depot rose to four, a "
         "hospital official said on Wednesday.\n")


def span(text: str, surface: str) -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), surface)


@pytest.fixture
def articles(write: Callable[..., Path], ingest_paths: Callable[..., object],
             store: Store) -> dict[str, str]:
    ingest_paths(write("strike.txt", STRIKE), published="2026-11-11T09:00:00+03:00")
    ingest_paths(write("protest.txt", PROTEST), published="2026-11-09T18:00:00+03:00")
    ingest_paths(write("later.txt", LATER), published="2026-11-12T07:30:00+03:00")
    store.save_run(Run("r1", "events", "test", "h", "2026-11-24T00:00:00+00:00"))
    by_title = {a.title: a.id for a in store.iter_articles()}
    return {"strike": by_title["Drones hit fuel depot near Al-Qaim"],
            "protest": by_title["Teachers march in Basra"],
            "later": by_title["Depot strike toll rises"]}


def strike_mentions(aid: str, text: str) -> list[EventMention]:
    """The strike (with every field filled) and the June attack recalled as background."""
    strike = EventMention(
        article_id=aid, index=0, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", trigger=span(text, "struck"),
        published_at="2026-11-11T09:00:00+03:00", date_start="2026-11-10",
        date_end="2026-11-10", time_precision="day", place_id="g-alqaim", place="Al-Qaim",
        country="IQ", admin1="Anbar", lat=34.3717, lon=41.0942, geo_precision="town",
        actors=[EventActor("unnamed drones", "perpetrator"),
                EventActor("depot guards", "target", "act-guards", "k3")],
        weapons=["drone"], fatalities=Casualties(3, 3, 3), injuries=None,
        sentences=[span(text, "Two drones struck a fuel depot near Al-Qaim late on Tuesday")],
        values=[
            FieldValue("fatalities", "3", "three guards", span(text, "killing three guards"),
                       claim_id="c-council", low=3, high=3),
            FieldValue("place", "g-alqaim", "Al-Qaim, Anbar, Iraq", span(text, "Al-Qaim"),
                       geo=(34.3717, 41.0942, "town")),
            FieldValue("fatalities", "0", "no guards died", span(text, "any guards died"),
                       claim_id="c-ministry", low=0.0, high=0.0, negated=True),
            FieldValue("date", "2026-11-10", "late on Tuesday → 2026-11-10",
                       span(text, "late on Tuesday"), low=739930.0, high=None, hedged=True),
        ],
        terms=("drone", "depot", "al-qaim", "struck"))
    june = EventMention(
        article_id=aid, index=1, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", trigger=span(text, "attack"),
        published_at="2026-11-11T09:00:00+03:00", date_start="2026-06-01",
        date_end="2026-06-30", time_precision="month",
        background=True, sentences=[span(text, "Back in June, a similar attack hit the same "
                                           "depot.")])
    return [strike, june]


def protest_mention(aid: str) -> EventMention:
    return EventMention(
        article_id=aid, index=0, event_type="Protests", sub_event_type="Peaceful protest",
        trigger=span(PROTEST, "marched"), published_at="2026-11-09T18:00:00+03:00",
        date_start="2026-11-09", date_end="2026-11-09", time_precision="day",
        place_id="g-basra", place="Basra", country="IQ", admin1="Basra", lat=30.5,
        lon=47.8, geo_precision="town", actors=[EventActor("teachers", "protester")])


def later_mention(aid: str) -> EventMention:
    return EventMention(
        article_id=aid, index=0, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", trigger=span(LATER, "drone strike"),
        published_at="2026-11-12T07:30:00+03:00", place="Al-Qaim",
        fatalities=Casualties(4, 4, None))


@pytest.fixture
def saved(articles: dict[str, str], store: Store) -> dict[str, list[EventMention]]:
    mentions = {"strike": strike_mentions(articles["strike"], STRIKE),
                "protest": [protest_mention(articles["protest"])],
                "later": [later_mention(articles["later"])]}
    with store.transaction():
        for name, ms in mentions.items():
            store.save_article_event_mentions(articles[name], ms, "r1")
    return mentions


def make_event(mentions: list[EventMention], **fields: object) -> Event:
    first = mentions[0]
    base = Event(
        id=event_id(first.id), event_type=first.event_type,
        sub_event_type=first.sub_event_type, date_start=first.date_start,
        date_end=first.date_end, time_precision=first.time_precision,
        place_id=first.place_id, place=first.place, country=first.country,
        admin1=first.admin1, lat=first.lat, lon=first.lon, geo_precision=first.geo_precision,
        actors=list(first.actors), weapons=list(first.weapons), fatalities=first.fatalities,
        background=all(m.background for m in mentions), mention_ids=[m.id for m in mentions],
        article_ids=list(dict.fromkeys(m.article_id for m in mentions)),
        first_seen=first.published_at, last_updated=mentions[-1].published_at)
    return replace(base, **fields)


def strike_facts(ev: str, strike: str, later: str) -> list[Fact]:
    council = Evidence(strike, span(STRIKE, "killing three guards"), "ch-1",
                       "provincial council", "the provincial council", "c-council")
    hospital = Evidence(later, span(LATER, "rose to four"), later, "hospital official",
                        "a hospital official")
    denial = Evidence(strike, span(STRIKE, "any guards died"), "ch-1", "Interior Ministry",
                      "The Interior Ministry", "c-ministry", "denies")
    return [
        Fact(ev, "fatalities", "denied",
             [FactValue("3", "three", [council], 1, 1, 3.0, 3.0),
              FactValue("4", "four", [hospital], 1, 1, 4.0, None)],
             denied_by=[denial], n_chains=2, n_origins=2),
        Fact(ev, "place", "corroborated",
             [FactValue("g-alqaim", "Al-Qaim", [replace(council, span=span(STRIKE, "Al-Qaim")),
                                                replace(hospital, span=span(LATER, "Al-Qaim"))],
                        2, 2)], n_chains=2, n_origins=2),
        Fact(ev, "weapon", "single-source"),
    ]


def test_mentions_round_trip_exactly(saved, articles, store):
    assert store.article_event_mentions(articles["strike"]) == saved["strike"]
    assert store.article_event_mentions(articles["protest"]) == saved["protest"]
    back = store.article_event_mentions(articles["strike"])[0]
    assert back.values[1].geo == (34.3717, 41.0942, "town")
    assert back.values[3].high is None and back.values[3].hedged
    assert back.injuries is None and back.fatalities == Casualties(3, 3, 3)
    assert back.id == mention_id(articles["strike"], 0)


def test_mentions_in_publication_order(saved, articles, store):
    everything = store.event_mentions()
    # protest (09 Nov) < strike (11 Nov, two mentions by index) < later (12 Nov)
    assert [(m.article_id, m.index) for m in everything] == [
        (articles["protest"], 0), (articles["strike"], 0), (articles["strike"], 1),
        (articles["later"], 0)]
    picked = store.event_mentions([saved["later"][0].id, saved["protest"][0].id, "nope"])
    assert [m.article_id for m in picked] == [articles["protest"], articles["later"]]
    # a mention with no publication time sorts last
    undated = replace(saved["protest"][0], published_at=None)
    with store.transaction():
        store.save_article_event_mentions(articles["protest"], [undated], "r1")
    assert store.event_mentions()[-1] == undated


def test_mentions_of_another_article_are_refused(saved, articles, store):
    with pytest.raises(ValueError, match="saved as mentions of"), store.transaction():
        store.save_article_event_mentions(articles["protest"], saved["later"], "r1")
    assert store.article_event_mentions(articles["protest"]) == saved["protest"]


def test_events_round_trip_and_link_mentions(saved, store):
    strike = make_event([saved["strike"][0], saved["later"][0]],
                        injuries=Casualties(None, None, 5))
    june = make_event([saved["strike"][1]])
    assert june.background
    assert len(store.unassigned_event_mentions()) == 4
    with store.transaction():
        store.save_events([strike, june], "r1")
    assert store.get_event(strike.id) == strike
    assert store.get_event(june.id) == june
    assert [m.id for m in store.unassigned_event_mentions()] == [saved["protest"][0].id]
    # re-saving replaces the stored version, links included
    smaller = replace(strike, mention_ids=[saved["strike"][0].id], article_ids=[
        saved["strike"][0].article_id], place="Al Qaim district")
    with store.transaction():
        store.save_events([smaller], "r1")
    assert store.get_event(strike.id) == smaller
    assert saved["later"][0].id in {m.id for m in store.unassigned_event_mentions()}


def test_a_mention_moves_to_the_event_that_names_it(saved, store):
    first = make_event([saved["strike"][0], saved["later"][0]])
    second = make_event([saved["later"][0]])
    with store.transaction():
        store.save_events([first, second], "r1")
    assert store.get_event(first.id).mention_ids == [saved["strike"][0].id]


def test_an_event_naming_an_unknown_mention_is_refused(saved, store):
    bad = replace(make_event(saved["protest"]), mention_ids=["0000000000000000"])
    with pytest.raises(ValueError, match="not in the store"), store.transaction():
        store.save_events([bad], "r1")
    assert store.all_events() == []


def test_facts_round_trip_exactly(saved, articles, store):
    event = make_event([saved["strike"][0], saved["later"][0]])
    facts = strike_facts(event.id, articles["strike"], articles["later"])
    with store.transaction():
        store.save_events([event], "r1")
        store.save_facts(event.id, facts, "r1")
    assert store.event_facts(event.id) == facts
    with store.transaction():
        store.save_facts(event.id, facts[1:], "r1")
    assert store.event_facts(event.id) == facts[1:]
    assert store.events_summary() == {
        "event_mentions": 4, "unassigned_event_mentions": 2, "events": 1,
        "background_events": 0, "facts": 2, "facts_corroborated": 1,
        "facts_single_source": 1, "facts_contested": 0, "facts_denied": 0}


def test_facts_of_another_event_and_bad_statuses_are_refused(saved, articles, store):
    event = make_event(saved["protest"])
    with store.transaction():
        store.save_events([event], "r1")
    with pytest.raises(ValueError, match="saved as facts of"), store.transaction():
        store.save_facts(event.id, [Fact("ev-other", "place", "corroborated")], "r1")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"), store.transaction():
        store.save_facts(event.id, [Fact(event.id, "place", "probable")], "r1")
    assert store.event_facts(event.id) == []


def test_resaving_an_articles_mentions_unlinks_them_and_drops_orphan_events(
        saved, articles, store, db):
    shared = make_event([saved["strike"][0], saved["later"][0]])
    june = make_event([saved["strike"][1]])
    with store.transaction():
        store.save_events([shared, june], "r1")
        store.save_facts(shared.id, strike_facts(shared.id, articles["strike"],
                                                  articles["later"]), "r1")
        store.save_facts(june.id, [Fact(june.id, "date", "single-source")], "r1")
    fewer = saved["strike"][:1]
    with store.transaction():
        store.save_article_event_mentions(articles["strike"], fewer, "r1")
    assert store.article_event_mentions(articles["strike"]) == fewer
    # june lost its only mention: gone with its fact; the shared event keeps the later one
    with pytest.raises(NotFoundError):
        store.get_event(june.id)
    kept = store.get_event(shared.id)
    assert kept.mention_ids == [saved["later"][0].id]
    assert kept.article_ids == [articles["later"]]
    assert count_rows(db, "event_field_values") == len(fewer[0].values)
    assert {m.id for m in store.unassigned_event_mentions()} == {
        saved["strike"][0].id, saved["protest"][0].id}
    assert [f.field for f in store.event_facts(shared.id)] == ["fatalities", "place", "weapon"]
    with store.transaction():
        store.save_article_event_mentions(articles["later"], [], "r1")
    assert store.all_events() == []
    assert count_rows(db, "facts") == count_rows(db, "fact_evidence") == 0


@pytest.fixture
def three_events(saved, store):
    events = [make_event(saved["strike"][:1]), make_event(saved["strike"][1:]),
              make_event(saved["protest"], country="Iraq")]
    with store.transaction():
        store.save_events(events, "r1")
    return events


def ids(events):
    return [e.id for e in events]


def test_list_events_newest_first_with_filters(three_events, store):
    strike, june, protest = three_events
    assert ids(store.list_events()) == ids([strike, protest, june])
    assert ids(store.list_events(include_background=False)) == ids([strike, protest])
    assert ids(store.list_events(since="2026-11-10")) == ids([strike])
    assert ids(store.list_events(since="2026-06-15", until="2026-06")) == ids([june])
    assert ids(store.list_events(until="2026-11-09")) == ids([protest, june])
    assert ids(store.list_events(until="2026")) == ids([strike, protest, june])
    assert ids(store.list_events(since="2027")) == []
    assert ids(store.list_events(place="ANBAR")) == ids([strike])
    assert ids(store.list_events(place="iraq")) == ids([protest])  # country as written
    assert ids(store.list_events(place="iq")) == ids([strike])  # a code
    assert ids(store.list_events(place="%")) == []
    assert ids(store.list_events(event_type="protest")) == ids([protest])
    assert ids(store.list_events(event_type="drone")) == ids([strike, june])
    assert ids(store.list_events(limit=1, offset=1)) == ids([protest])
    with pytest.raises(UsageError):
        store.list_events(limit=-1)


def test_get_event_by_prefix(three_events, store):
    strike = three_events[0]
    assert store.get_event(strike.id[:9]).id == strike.id
    with pytest.raises(NotFoundError, match="ev-zzz"):
        store.get_event("ev-zzz")
    with pytest.raises(NotFoundError):
        store.get_event("ev-")  # too short to be a prefix
    twins = [replace(three_events[2], id="ev-abcd01", mention_ids=[]),
             replace(three_events[2], id="ev-abcd02", mention_ids=[])]
    with store.transaction():
        store.save_events(twins, "r1")
    with pytest.raises(UsageError, match="ambiguous"):
        store.get_event("ev-abcd")
    assert store.get_event("ev-abcd02").id == "ev-abcd02"


def test_lookups_for_the_stages(articles, store):
    chains = store.chain_of_articles()
    assert chains == {a: a for a in articles.values()}
    aid = articles["strike"]
    claim = Claim(aid, "text", span(STRIKE, "the provincial council"), span(STRIKE, "said"),
                  "assert", span(STRIKE, "Two drones struck a fuel depot"))
    with store.transaction():
        store.save_article_claims(aid, [claim], "r1")
    assert store.claims_by_id([claim.id, "missing"]) == {claim.id: claim}
    assert store.actor_ids_by_key() == {}


def test_events_found_by_word_start_of_their_names(three_events, store):
    strike, june, _protest = three_events
    assert ids(store.list_events(place="qaim")) == ids([strike])  # "Al-Qaim"
    assert ids(store.list_events(place="al qa")) == ids([strike])
    assert ids(store.list_events(place="aim")) == []  # a word start, not any substring
    assert ids(store.list_events(actor="guards")) == ids([strike])  # "depot guards"
    assert ids(store.list_events(actor="unnamed drones")) == ids([strike])
    assert ids(store.list_events(event_type="air/drone")) == ids([strike, june])
    assert ids(store.list_events(event_type="drone strike")) == ids([strike, june])
    with pytest.raises(UsageError, match="status 'true'"):
        store.list_events(status="true")


def test_word_keys_fold_and_bound_names():
    from newstrace.store.event_filters import MAX_WORDS, word_keys

    assert word_keys("Ālbū Kamāl") == {"albukamal", "kamal"}
    assert word_keys("Al Qā’im") == {"alqaim", "qaim", "im"}
    assert word_keys("") == set()
    assert len(word_keys(" ".join(f"w{i}" for i in range(100)))) == MAX_WORDS


def test_a_v5_store_gets_its_event_keys_when_migrated(three_events, store, db):
    """Stores written before v6 have events but no keys; the migration computes them."""
    store.conn.executescript(
        "DROP TABLE search_index; DROP TABLE articles_fts; "
        "DROP TABLE event_keys; DROP INDEX events_newest; "
        "CREATE INDEX events_background ON events(background); PRAGMA user_version = 5;")
    store.conn.close()
    with Store.open(db) as again:
        assert again.schema_version == MIGRATIONS[-1][0]
        assert count_rows(db, "event_keys") > 0
        assert ids(again.list_events(place="anbar")) == ids(three_events[:1])
