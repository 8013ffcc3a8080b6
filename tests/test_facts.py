"""Corroboration of event facts on hand-built records: the situations of the example corpus
(contested targets and tolls, copies in one chain, a denial by the accused, citing chains)
written as small mentions and claims."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newstrace.claims.records import Claim
from newstrace.events.facts import build_facts, summarize_casualties
from newstrace.events.records import Event, EventMention, Fact, FactValue, FieldValue
from newstrace.language.records import Span

EVENT = Event(id="ev-1", event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike")
OUTLETS = {"lw1": "levantwire.example", "gc1": "gulfcourier.example",
           "et1": "euphratestoday.example", "mna1": "meridiannews.example",
           "abn1": "atlasbroadcast.example", "cl1": "capitalledger.example",
           "lw2": "levantwire.example"}
NAMES = {"levantwire.example": "Levant Wire", "gulfcourier.example": "The Gulf Courier"}
# LW_A -> GC_B -> ET_C is one chain; every other article is its own
CHAINS = {"lw1": "chain-a", "gc1": "chain-a", "et1": "chain-a"}


def span(text: str, start: int = 0) -> Span:
    return Span(start, start + len(text), text)


def fv(field: str, value: str, label: str | None = None, *, claim: Claim | None = None,
       start: int = 0, low: float | None = None, high: float | None = None,
       negated: bool = False, hedged: bool = False,
       geo: tuple[float, float, str] | None = None) -> FieldValue:
    return FieldValue(field=field, value=value, label=label or value,
                      span=span(label or value, start), claim_id=claim.id if claim else None,
                      low=low, high=high, negated=negated, hedged=hedged, geo=geo)


def mention(article_id: str, *values: FieldValue, index: int = 0,
            **kw: object) -> EventMention:
    return EventMention(article_id=article_id, index=index, event_type=EVENT.event_type,
                        sub_event_type=EVENT.sub_event_type, trigger=span("struck"),
                        values=list(values), **kw)  # type: ignore[arg-type]


def claim(article_id: str, speaker: str | None, content: str, *, start: int = 100,
          stance: str = "asserts", speaker_actor: str | None = None, via: str | None = None,
          via_actor: str | None = None, speaker_ref: str | None = None,
          denies: str | None = None) -> Claim:
    return Claim(article_id=article_id, part="text",
                 speaker=span(speaker, start) if speaker else None,
                 cue=span("said", start + 50), cue_type="assert",
                 content=span(content, start + 60), stance=stance,
                 speaker_ref=span(speaker_ref) if speaker_ref else None,
                 speaker_actor=speaker_actor, via=span(via, start + 20) if via else None,
                 via_actor=via_actor, denies=denies)


def facts(mentions: list[EventMention], claims: Sequence[Claim] = (),
          keys: dict[tuple[str, str], str] | None = None,
          actor_names: dict[str, str] | None = None) -> dict[str, Fact]:
    built = build_facts(EVENT, mentions, {c.id: c for c in claims}, CHAINS, OUTLETS,
                        keys or {}, actor_names, NAMES)
    return {f.field: f for f in built}


def value(fact: Fact, name: str) -> FactValue:
    return next(v for v in fact.values if v.value == name)


# -- the group's channel, copied along one chain, and Meridian's officials ---------------

CHANNEL_LW = claim("lw1", "a messaging channel linked to the group",
                   "Foreign jets fired four missiles at three vehicles", speaker_actor="k2")
CHANNEL_GC = claim("gc1", "a messaging channel linked to the group",
                   "Foreign jets fired four missiles at three vehicles", speaker_actor="k4")
OFFICIALS_MNA = claim("mna1", "officials",
                      "American warplanes and drones struck a headquarters of the group")
CITING_LW = claim("lw1", "Iran's state-run Meridian News Agency",
                  "American warplanes struck the group's headquarters", start=400,
                  speaker_actor="k7", via="officials")
KEYS = {("lw1", "k2"): "actor-hsf", ("gc1", "k4"): "actor-hsf",
        ("lw1", "k7"): "actor-mna", ("mna1", "k1"): "actor-us", ("lw1", "k1"): "actor-us",
        ("abn1", "k3"): "actor-us", ("abn1", "k5"): "actor-centcom"}


def test_three_vehicles_against_a_headquarters_is_contested() -> None:
    got = facts([
        mention("lw1", fv("target", "vehicle", "three vehicles", claim=CHANNEL_LW)),
        mention("gc1", fv("target", "vehicle", "three vehicles", claim=CHANNEL_GC)),
        mention("mna1", fv("target", "headquarters", "a headquarters", claim=OFFICIALS_MNA)),
    ], [CHANNEL_LW, CHANNEL_GC, OFFICIALS_MNA], KEYS)["target"]
    assert got.status == "contested"
    assert [v.value for v in got.values] == ["headquarters", "vehicle"]  # by label
    vehicles = value(got, "vehicle")
    assert (vehicles.n_chains, vehicles.n_origins) == (1, 1)  # a copy is the same chain
    assert [e.article_id for e in vehicles.evidence] == ["lw1", "gc1"]
    assert {e.origin for e in vehicles.evidence} == {"actor-hsf"}
    assert (got.n_chains, got.n_origins) == (2, 2)


def test_fatalities_three_against_two_is_contested_and_summarized() -> None:
    got = facts([
        mention("lw1", fv("fatalities", "3", "three killed", low=3, high=3,
                           claim=CHANNEL_LW)),
        mention("mna1", fv("fatalities", "3", "3 people", low=3, high=3)),
        mention("abn1", fv("fatalities", "2", "two killed", low=2, high=2)),
    ], [CHANNEL_LW], KEYS)["fatalities"]
    assert got.status == "contested"
    assert [v.value for v in got.values] == ["3", "2"]
    three = value(got, "3")
    assert (three.n_chains, three.n_origins, three.low, three.high) == (2, 2, 3, 3)
    casualties = summarize_casualties(got)
    assert casualties is not None
    assert (casualties.low, casualties.best, casualties.high) == (2, 3, 3)


def test_three_and_three_in_words_are_one_value() -> None:
    got = facts([
        mention("lw1", fv("fatalities", "3", "3 killed", low=3, high=3)),
        mention("mna1", fv("fatalities", "three", "three people killed", low=3, high=3)),
    ])["fatalities"]
    assert len(got.values) == 1 and got.values[0].n_chains == 2
    assert got.status == "corroborated"


def test_at_least_two_is_compatible_with_three_but_not_the_same() -> None:
    got = facts([
        mention("lw1", fv("fatalities", "3", "three killed", low=3, high=3)),
        mention("mna1", fv("fatalities", "2+", "at least two", low=2, high=None)),
    ])["fatalities"]
    assert len(got.values) == 2
    assert got.status == "corroborated"
    casualties = summarize_casualties(got)
    assert casualties is not None and (casualties.low, casualties.high) == (2, None)


def test_summarize_casualties_without_a_fact() -> None:
    assert summarize_casualties(None) is None


def test_four_missiles_copied_within_one_chain_is_single_source() -> None:
    got = facts([
        mention("lw1", fv("count:missile", "4", "four missiles", low=4, high=4,
                           claim=CHANNEL_LW)),
        mention("gc1", fv("count:missile", "4", "four missiles", low=4, high=4,
                           claim=CHANNEL_GC)),
        mention("et1", fv("count:missile", "4", "four missiles", low=4, high=4)),
    ], [CHANNEL_LW, CHANNEL_GC], KEYS)["count:missile"]
    assert got.status == "single-source"
    assert got.n_chains == 1 and got.values[0].n_chains == 1
    assert len(got.values[0].evidence) == 3
    # ET's unattributed copy is no new origin: its chain attributes the value
    assert got.values[0].n_origins == 1
    assert {e.origin for e in got.values[0].evidence} == {"actor-hsf"}


def test_four_missiles_in_two_independent_chains_is_corroborated() -> None:
    witness = claim("abn1", "a resident", "I counted four missiles")
    got = facts([
        mention("lw1", fv("count:missile", "4", "four missiles", low=4, high=4,
                           claim=CHANNEL_LW)),
        mention("abn1", fv("count:missile", "4", "four missiles", low=4, high=4,
                            claim=witness)),
    ], [CHANNEL_LW, witness], KEYS)["count:missile"]
    assert got.status == "corroborated"
    assert (got.values[0].n_chains, got.values[0].n_origins) == (2, 2)
    assert {e.origin for e in got.values[0].evidence} == {"actor-hsf", "resident"}


def test_two_chains_relaying_one_origin_are_not_corroboration() -> None:
    relay = claim("abn1", "the group's Telegram channel", "four missiles",
                  speaker_actor="k9")
    got = facts([
        mention("lw1", fv("count:missile", "4", "four missiles", low=4, high=4,
                           claim=CHANNEL_LW)),
        mention("abn1", fv("count:missile", "4", "four missiles", low=4, high=4,
                            claim=relay)),
    ], [CHANNEL_LW, relay], {**KEYS, ("abn1", "k9"): "actor-hsf"})["count:missile"]
    assert (got.n_chains, got.n_origins) == (2, 1)
    assert got.status == "single-source"


def test_a_denial_by_the_accused_makes_the_perpetrator_denied() -> None:
    denial = claim("abn1", "U.S. Central Command",
                   "U.S. forces did not conduct any strikes in Abu Kamal", stance="denies",
                   speaker_actor="k5")
    got = facts([
        mention("mna1", fv("perpetrator", "k1", "American warplanes", claim=OFFICIALS_MNA)),
        mention("lw1", fv("perpetrator", "k1", "U.S. warplanes", claim=CITING_LW)),
        mention("abn1", fv("perpetrator", "k3", "U.S. forces", claim=denial, negated=True)),
    ], [OFFICIALS_MNA, CITING_LW, denial], KEYS, {"actor-us": "United States military"})
    fact = got["perpetrator"]
    assert fact.status == "denied"
    assert [v.value for v in fact.values] == ["actor-us"]
    assert fact.values[0].label == "United States military"
    assert [(e.article_id, e.claim_id, e.stance) for e in fact.denied_by] == [
        ("abn1", denial.id, "denies")]
    assert fact.denied_by[0].origin == "actor-centcom"
    assert fact.values[0].n_chains == 2  # the denial is not support


def test_a_denial_aimed_at_a_claim_denies_who_did_it_only() -> None:
    denial = claim("mna1", "the Pentagon", "the report was false", start=900,
                   stance="denies", denies=OFFICIALS_MNA.id)
    got = facts([
        mention("mna1", fv("perpetrator", "k1", "American warplanes", claim=OFFICIALS_MNA),
                fv("target", "headquarters", "a headquarters", claim=OFFICIALS_MNA)),
    ], [OFFICIALS_MNA, denial], KEYS)
    assert got["perpetrator"].status == "denied"
    assert [e.claim_id for e in got["perpetrator"].denied_by] == [denial.id]
    assert got["perpetrator"].denied_by[0].span == denial.content
    assert got["target"].status == "single-source"


def test_citing_gives_a_via_origin() -> None:
    got = facts([
        mention("lw1", fv("target", "headquarters", "the headquarters", claim=CITING_LW)),
    ], [CITING_LW], KEYS)["target"]
    evidence = got.values[0].evidence[0]
    assert evidence.origin == "via:officials"
    assert evidence.speaker == "Iran's state-run Meridian News Agency"
    assert evidence.chain_id == "chain-a"


def test_citing_a_resolved_actor_gives_its_id() -> None:
    relay = claim("abn1", "Iran's state media", "a headquarters was hit", via="the Pentagon",
                  via_actor="k3")
    got = facts([mention("abn1", fv("target", "headquarters", claim=relay))], [relay], KEYS)
    assert got["target"].values[0].evidence[0].origin == "via:actor-us"


def test_unnamed_officials_and_officials_are_one_origin() -> None:
    a = claim("abn1", "Iran's state media", "hq", via="unnamed officials")
    b = claim("cl1", "Iranian state media", "hq", via="officials")
    got = facts([mention("abn1", fv("target", "headquarters", claim=a)),
                 mention("cl1", fv("target", "headquarters", claim=b))], [a, b])["target"]
    assert {e.origin for e in got.values[0].evidence} == {"via:officials"}


def test_an_unattributed_value_is_the_outlets_own_voice() -> None:
    got = facts([mention("lw2", fv("date", "2026-11-10", "late on Tuesday"))])["date"]
    evidence = got.values[0].evidence[0]
    assert evidence.origin == "outlet:levantwire.example"
    assert evidence.speaker == "Levant Wire"
    assert (evidence.claim_id, evidence.stance, evidence.chain_id) == (None, "asserts", "lw2")
    day = float(date(2026, 11, 10).toordinal())
    assert (got.values[0].low, got.values[0].high) == (day, day)  # parsed from the value
    assert got.status == "single-source"


def test_an_outlet_restating_what_it_attributed_is_no_new_origin() -> None:
    officials = claim("lw1", "provincial officials", "two people were killed")
    got = facts([
        mention("lw1", fv("fatalities", "2", "two killed", low=2, high=2, claim=officials)),
        mention("lw2", fv("fatalities", "2", "two dead", low=2, high=2)),
    ], [officials])["fatalities"]
    assert got.n_chains == 2 and got.n_origins == 1
    assert got.status == "single-source"


def test_independent_outlets_in_their_own_voice_corroborate() -> None:
    got = facts([mention("lw2", fv("date", "2026-11-19", "on Thursday")),
                 mention("abn1", fv("date", "2026-11-19", "on Thursday evening"))])["date"]
    assert got.status == "corroborated"
    assert got.values[0].label in {"on Thursday", "on Thursday evening"}


def test_a_pronoun_speaker_is_shown_by_what_it_refers_to() -> None:
    he = claim("gc1", "he", "I heard three explosions", speaker_ref="Abu Mahmoud")
    got = facts([mention("gc1", fv("count:explosion", "3", "three explosions", low=3,
                                   high=3, claim=he))], [he])["count:explosion"]
    assert got.values[0].evidence[0].speaker == "Abu Mahmoud"
    assert got.values[0].evidence[0].origin == "abu mahmoud"


def test_unknown_perpetrator_is_compatible_with_a_named_one() -> None:
    got = facts([
        mention("lw2", fv("perpetrator", "unknown", "it was not clear who")),
        mention("mna1", fv("perpetrator", "k1", "the American occupation",
                           claim=OFFICIALS_MNA)),
    ], [OFFICIALS_MNA], KEYS)["perpetrator"]
    assert got.status == "single-source"  # an unknown corroborates nothing either
    assert {v.value for v in got.values} == {"unknown", "actor-us"}
    assert got.n_chains == 2


def test_two_named_perpetrators_contest() -> None:
    got = facts([
        mention("lw2", fv("perpetrator", "actor-pk", "Pakistani forces")),
        mention("abn1", fv("perpetrator", "actor-af", "Afghan forces")),
    ])["perpetrator"]
    assert got.status == "contested"


def test_a_hedged_value_does_not_contest() -> None:
    got = facts([
        mention("lw2", fv("perpetrator", "actor-pk", "Pakistani forces")),
        mention("abn1", fv("perpetrator", "actor-af", "possibly Afghan forces", hedged=True)),
    ])["perpetrator"]
    assert got.status != "contested"
    hedged = value(got, "actor-af").evidence[0]
    assert hedged.stance == "hedges"


TOWN = (34.45, 40.92, "town")          # Al-Bukamal
PROVINCE = (35.2, 40.4, "province")    # Deir ez-Zor governorate
FAR_TOWN = (35.33, 40.14, "town")      # Deir ez-Zor city, about 120 km away


def test_a_place_and_its_province_are_compatible() -> None:
    got = facts([mention("lw2", fv("place", "geo:1", "Al-Bukamal", geo=TOWN)),
                 mention("abn1", fv("place", "geo:2", "Deir ez-Zor province", geo=PROVINCE))
                 ])["place"]
    assert len(got.values) == 2
    assert got.status == "corroborated"


def test_two_towns_far_apart_contest() -> None:
    got = facts([mention("lw2", fv("place", "geo:1", "Al-Bukamal", geo=TOWN)),
                 mention("abn1", fv("place", "geo:3", "Deir ez-Zor city", geo=FAR_TOWN))
                 ])["place"]
    assert got.status == "contested"


def test_a_country_is_compatible_with_a_town_in_it_only() -> None:
    country = (35.0, 38.0, "country")
    same = facts([
        mention("lw2", fv("place", "geo:1", "Al-Bukamal", geo=TOWN), place_id="geo:1",
                country="Syria"),
        mention("abn1", fv("place", "iso:SY", "Syria", geo=country), place_id="iso:SY",
                country="Syria")])["place"]
    assert same.status != "contested"
    other = facts([
        mention("lw2", fv("place", "geo:4", "Al-Qaim", geo=(34.37, 41.09, "town")),
                place_id="geo:4", country="Iraq"),
        mention("abn1", fv("place", "iso:SY", "Syria", geo=country), place_id="iso:SY",
                country="Syria")])["place"]
    assert other.status == "contested"


def test_dates_that_overlap_are_compatible_and_distinct_days_contest() -> None:
    month = facts([mention("lw2", fv("date", "2026-11-10")),
                   mention("abn1", fv("date", "2026-11-01/2026-11-30", "in November"))])
    assert month["date"].status == "corroborated" and len(month["date"].values) == 2
    days = facts([mention("lw2", fv("date", "2026-11-10")),
                  mention("abn1", fv("date", "2026-11-11"))])
    assert days["date"].status == "contested"


def test_set_valued_platforms_do_not_contest() -> None:
    got = facts([
        mention("mna1", fv("platform", "warplane", "warplanes", claim=OFFICIALS_MNA),
                fv("platform", "drone", "drones", claim=OFFICIALS_MNA, start=40)),
        mention("lw1", fv("platform", "warplane", "jets", claim=CHANNEL_LW)),
    ], [OFFICIALS_MNA, CHANNEL_LW], KEYS)["platform"]
    assert got.status == "corroborated"
    assert [v.value for v in got.values] == ["warplane", "drone"]
    assert value(got, "warplane").label in {"warplanes", "jets"}


def test_actor_keys_of_different_articles_resolve_to_one_value() -> None:
    got = facts([
        mention("mna1", fv("perpetrator", "k1", "American warplanes", claim=OFFICIALS_MNA)),
        mention("lw1", fv("perpetrator", "k1", "U.S. warplanes", claim=CITING_LW)),
    ], [OFFICIALS_MNA, CITING_LW], KEYS)["perpetrator"]
    assert [v.value for v in got.values] == ["actor-us"]
    assert got.values[0].n_chains == 2


def test_facts_come_in_field_order_and_are_deterministic() -> None:
    mentions = [mention("lw2", fv("count:missile", "4", low=4, high=4),
                        fv("weapon", "missile"), fv("date", "2026-11-10"),
                        fv("event_type", "Explosions/Remote violence"),
                        fv("fatalities", "0", low=0, high=0))]
    first = build_facts(EVENT, mentions, {}, CHAINS, OUTLETS, {})
    assert [f.field for f in first] == ["event_type", "date", "weapon", "fatalities",
                                        "count:missile"]
    assert first == build_facts(EVENT, mentions, {}, CHAINS, OUTLETS, {})
    assert all(f.event_id == "ev-1" for f in first)


def test_a_copy_of_an_outlets_own_voice_is_its_origin_not_a_new_one() -> None:
    got = facts([mention("lw1", fv("date", "2026-11-10", "late on Tuesday")),
                 mention("gc1", fv("date", "2026-11-10", "late on Tuesday"))])["date"]
    assert [e.origin for e in got.values[0].evidence] == ["outlet:levantwire.example"] * 2
    assert (got.n_chains, got.n_origins, got.status) == (1, 1, "single-source")


def test_parties_resolve_to_actors_and_add_up() -> None:
    got = facts([
        mention("lw2", fv("party", "k1", "Afghan border forces"),
                fv("party", "k2", "Pakistani troops", start=30)),
        mention("abn1", fv("party", "k3", "Afghan forces")),
    ], keys={("lw2", "k1"): "actor-af", ("lw2", "k2"): "actor-pk",
             ("abn1", "k3"): "actor-af"})["party"]
    assert [v.value for v in got.values] == ["actor-af", "actor-pk"]
    assert got.status == "corroborated"  # two parties are no contest
