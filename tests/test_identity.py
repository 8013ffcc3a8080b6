"""Event identity: hand-built mentions of strikes, protests and general news."""

from __future__ import annotations

from typing import Any

from newstrace.events.identity import EventIndex, merge_casualties, summarize
from newstrace.events.records import (
    Casualties,
    EventActor,
    EventMention,
    FieldValue,
    event_id,
)
from newstrace.language.records import Span

BUKAMAL = {"place_id": "gn-170017", "country": "SY", "admin1": "Deir ez-Zor",
           "lat": 34.453, "lon": 40.918, "geo_precision": "town"}
DAMASCUS = {"place_id": "gn-170654", "place": "Damascus", "country": "SY",
            "admin1": "Damascus", "lat": 33.510, "lon": 36.291, "geo_precision": "town"}
US = EventActor("U.S. forces", "perpetrator", "act-us-forces", "us forces")
KH = EventActor("Kataib Hezbollah", "target", "act-kh", "kataib hezbollah")


def mention(article: str, index: int = 0, **kw: Any) -> EventMention:
    fields: dict[str, Any] = {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "trigger": Span(0, 6, "struck"), "published_at": "2026-11-10T18:00:00+00:00",
        "date_start": "2026-11-10", "date_end": "2026-11-10", "time_precision": "day",
        "terms": ("strike", "air", "bukamal", "militia", "border"),
    }
    fields.update(kw)
    return EventMention(article_id=article, index=index, **fields)


def strike_reports() -> list[EventMention]:
    return [
        mention("a1", place="Al-Bukamal", actors=[US, KH], **BUKAMAL,
                terms=("airstrike", "bukamal", "militia", "kataib", "hezbollah", "struck")),
        mention("a2", place="Abu Kamal", actors=[KH], **BUKAMAL,
                published_at="2026-11-11T07:30:00+00:00",
                terms=("strike", "abu", "kamal", "iran-backed", "fighters", "border")),
        mention("a3", place="Albu Kamal", **BUKAMAL, published_at="2026-11-11T09:00:00+00:00",
                date_start="2026-11-09", date_end="2026-11-10",
                terms=("jets", "hit", "albu", "kamal", "positions", "overnight")),
    ]


def test_one_strike_reported_three_ways_is_one_event() -> None:
    index = EventIndex()
    ids = [index.add(m) for m in strike_reports()]
    assert len(set(ids)) == 1
    assert ids[0] == event_id(strike_reports()[0].id)
    (event,) = index.events()
    assert event.article_ids == ["a1", "a2", "a3"]
    assert event.place_id == "gn-170017"
    assert (event.date_start, event.date_end, event.time_precision) == (
        "2026-11-10", "2026-11-10", "day")
    assert event.first_seen == "2026-11-10T18:00:00+00:00"
    assert event.last_updated == "2026-11-11T09:00:00+00:00"


def test_same_type_same_week_400_km_apart_are_two_events() -> None:
    index = EventIndex()
    first = index.add(strike_reports()[0])
    second = index.add(mention("b1", **DAMASCUS, date_start="2026-11-11",
                               date_end="2026-11-11", actors=[US],
                               terms=("airstrike", "damascus", "militia", "struck")))
    assert first != second
    assert len(index.events()) == 2


def test_same_place_june_background_is_not_the_november_strike() -> None:
    index = EventIndex()
    november = index.add(strike_reports()[0])
    june = index.add(mention("a4", place="Al-Bukamal", background=True, **BUKAMAL,
                             date_start="2026-06-01", date_end="2026-06-30",
                             time_precision="month", actors=[US, KH],
                             terms=("strikes", "bukamal", "june", "militia", "kataib")))
    assert june != november
    events = {e.id: e for e in index.events()}
    assert events[june].background and not events[november].background
    assert events[june].date_start == "2026-06-01"


def test_undated_background_does_not_join_a_dated_event() -> None:
    index = EventIndex()
    strike = index.add(strike_reports()[0])
    recalled = index.add(mention("a5", place="Al-Bukamal", background=True, **BUKAMAL,
                                 date_start=None, date_end=None, time_precision=None,
                                 terms=strike_reports()[0].terms))
    assert recalled != strike


def test_denial_joins_the_strike_it_denies() -> None:
    index = EventIndex()
    ids = {index.add(m) for m in strike_reports()}
    denial = mention("a6", denied=True, place="Syria", country="SY", geo_precision="country",
                     lat=35.0, lon=38.0, place_id="gn-163843",
                     actors=[EventActor("U.S. forces", "perpetrator", "act-us-forces")],
                     terms=("pentagon", "denied", "conduct", "strikes"),
                     published_at="2026-11-11T15:00:00+00:00")
    assert index.add(denial) in ids
    (event,) = index.events()
    role = {a.actor_id: a.role for a in event.actors}
    assert role["act-us-forces"] == "perpetrator"  # a1 states it plainly


def test_denial_with_nothing_to_join_starts_its_own_event() -> None:
    index = EventIndex()
    strike = index.add(strike_reports()[0])
    denial = mention("c1", denied=True, event_type="Protests", sub_event_type="Peaceful protest",
                     country="FR", place="Paris", lat=48.85, lon=2.35, geo_precision="town",
                     terms=("police", "deny", "rally"))
    assert index.add(denial) != strike


def test_clearly_different_dates_veto_even_with_same_words() -> None:
    index = EventIndex()
    a = index.add(strike_reports()[0])
    b = index.add(mention("d1", place="Al-Bukamal", **BUKAMAL, date_start="2026-11-20",
                          date_end="2026-11-20", actors=[US, KH],
                          terms=strike_reports()[0].terms))
    assert a != b


def test_other_countries_veto_and_types_of_other_families_split() -> None:
    index = EventIndex()
    a = index.add(strike_reports()[0])
    iraq = dict(BUKAMAL, country="IQ", place_id="gn-99", lat=34.38, lon=40.99)
    assert index.add(mention("e1", place="Al-Qaim", **iraq, terms=("strike", "qaim"))) != a
    protest = mention("e2", place="Al-Bukamal", **BUKAMAL, event_type="Protests",
                      sub_event_type="Peaceful protest", terms=("protest", "bukamal"))
    assert index.add(protest) != a


def test_general_news_groups_by_weighted_terms() -> None:
    """No type, place or date: the names carry the decision (ECB+ style)."""
    def news(article: str, terms: tuple[str, ...]) -> EventMention:
        return EventMention(article, 0, "Other", "", Span(0, 1, "x"), terms=terms)

    index = EventIndex()
    reid = [index.add(news(f"r{i}", ("tara", "reid", "tara", "reid", "rehab", "checked",
                                      "promises", "clinic", w))) for i, w in
            enumerate(("malibu", "actress", "rep", "friends"))]
    lohan = [index.add(news(f"l{i}", ("lindsay", "lohan", "lindsay", "lohan", "rehab",
                                       "checked", "betty", "ford", w))) for i, w in
             enumerate(("probation", "court", "actress"))]
    assert len(set(reid)) == 1 and len(set(lohan)) == 1
    assert set(reid) != set(lohan)


def test_index_continues_from_existing_events() -> None:
    first = EventIndex()
    reports = strike_reports()
    eid = first.add(reports[0])
    (event,) = first.events()
    later = EventIndex([(event, [reports[0]])])
    assert later.add(reports[1]) == eid
    assert later.changed == {eid}
    assert later.events()[0].article_ids == ["a1", "a2"]


def test_fatalities_low_best_high() -> None:
    figures = [("a1", Casualties(3, 3, 3)), ("a2", Casualties(5, 5, 5)),
               ("a3", Casualties(3, 3, 3)), ("a4", Casualties(2, None, 4)),
               ("a5", None)]
    assert merge_casualties(figures) == Casualties(2, 3, 5)
    assert merge_casualties([("a1", Casualties(3, 3, 3)), ("a2", Casualties(4, 4, 4))]) == (
        Casualties(3, 4, 4))  # a tie goes to the latest figure
    assert merge_casualties([("a1", None), ("a2", Casualties(None, None, None))]) is None
    # an article revising its figure counts once, with its latest figure
    assert merge_casualties([("a1", Casualties(2, 2, 2)), ("a1", Casualties(6, 6, 6)),
                             ("a2", Casualties(2, 2, 2))]).best == 2  # type: ignore[union-attr]


def test_summary_fatalities_from_mentions() -> None:
    reports = strike_reports()
    reports[0].fatalities = Casualties(4, 4, 4)
    reports[1].fatalities = Casualties(4, 4, 6)
    reports[2].fatalities = Casualties(at_least := 3, None, None)
    event = summarize("ev-x", reports)
    assert event.fatalities == Casualties(at_least, 4, 6)
    assert summarize("ev-y", strike_reports()).fatalities is None


def test_actor_roles_merge() -> None:
    hedged = FieldValue("perpetrator", "act-us-forces", "U.S. forces", Span(0, 3, "U.S."),
                        claim_id="cl-1", hedged=True)
    plain = FieldValue("perpetrator", "act-us-forces", "U.S. forces", Span(0, 3, "U.S."))
    only_hedged = [mention("a1", actors=[US, KH], values=[hedged]),
                   mention("a2", actors=[EventActor("US troops", "perpetrator",
                                                    "act-us-forces"), KH], values=[hedged])]
    event = summarize("ev-x", only_hedged, {"act-us-forces": "United States Armed Forces"})
    roles = {a.actor_id: (a.name, a.role) for a in event.actors}
    assert roles == {"act-us-forces": ("United States Armed Forces", "alleged perpetrator"),
                     "act-kh": ("Kataib Hezbollah", "target")}
    event = summarize("ev-y", [*only_hedged, mention("a3", actors=[US], values=[plain])])
    assert {a.actor_id: a.role for a in event.actors}["act-us-forces"] == "perpetrator"
    assert [a.actor_id for a in event.actors] == ["act-us-forces", "act-kh"]


def test_summary_type_place_and_background() -> None:
    generic = mention("a1", event_type="Violence against civilians", sub_event_type="Attack")
    specific = mention("a2")
    recalled = mention("a3", event_type="Battles", sub_event_type="Armed clash",
                       background=True)
    event = summarize("ev-x", [generic, specific, recalled])
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence", "Air/drone strike")
    assert not event.background
    assert summarize("ev-y", [recalled]).background
    country = mention("a4", place="Syria", country="SY", geo_precision="country",
                      lat=35.0, lon=38.0, place_id="gn-163843")
    towns = [mention(f"t{i}", place="Al-Bukamal", **BUKAMAL) for i in range(2)]
    event = summarize("ev-z", [country, country, country, *towns])
    assert event.place == "Al-Bukamal" and event.geo_precision == "town"
