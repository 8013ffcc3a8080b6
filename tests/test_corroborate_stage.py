"""The corroborate stage over a small store: hand-saved articles, claims, chains, event
mentions and one event; facts written, counted, recomputed when chains change, idempotent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import count_rows
from newstrace import stages
from newstrace.claims.records import Claim
from newstrace.config import Config
from newstrace.events.corroborate import run_corroborate
from newstrace.events.records import Event, EventMention, Fact, FieldValue, event_id
from newstrace.language.records import Actor, Span
from newstrace.records import Run
from newstrace.store import Store

LW = ("Militia says foreign jets hit vehicles near Al-Bukamal\n\n"
      "Foreign jets fired four missiles at three vehicles near Al-Bukamal late on Tuesday, "
      "a messaging channel linked to the group said.\n")
GC = ("Armed group says jets struck vehicles in eastern Syria\n\n"
      "Foreign jets fired four missiles at three vehicles near Al-Bukamal late on Tuesday, "
      "a messaging channel linked to the group said.\n")
MNA = ("Resistance headquarters struck in Albu Kamal\n\n"
       "American warplanes struck a headquarters of the group in Albu Kamal on Tuesday night, "
       "officials said.\n")
ABN = ("US military denies strike in Abu Kamal\n\n"
       "Iran's state media, citing unnamed officials, said American jets struck the town. "
       "U.S. Central Command denied the report, saying U.S. forces did not conduct any "
       "strikes in Abu Kamal on November 10.\n")
TUESDAY = 739565.0  # 2026-11-10
TOWN = (34.45, 40.92, "town")


def at(text: str, surface: str, after: str = "") -> Span:
    start = text.index(surface, text.index(after) if after else 0)
    return Span(start, start + len(surface), surface)


def body(text: str) -> str:
    return text.split("\n\n", 1)[1]


def say(aid: str, text: str, speaker: str, cue: str, content: str, **kw: object) -> Claim:
    t = body(text)
    return Claim(aid, "text", at(t, speaker), at(t, cue), "assert", at(t, content),
                 **kw)  # type: ignore[arg-type]


def value(field: str, val: str, text: str, surface: str, claim: Claim | None, *,
          low: float | None = None, high: float | None = None, negated: bool = False,
          geo: tuple[float, float, str] | None = None) -> FieldValue:
    return FieldValue(field, val, surface, at(body(text), surface),
                      claim.id if claim else None, low=low, high=high, negated=negated,
                      geo=geo)


def mention(aid: str, text: str, trigger: str, values: list[FieldValue]) -> EventMention:
    return EventMention(aid, 0, "Explosions/Remote violence", "Air/drone strike",
                        at(body(text), trigger), values=values)


@pytest.fixture
def filled(write: Callable[..., Path], ingest_paths: Callable[..., object],
           store: Store) -> dict[str, str]:
    """Four articles of four outlets; LW and its uncredited copy GC form one chain."""
    sources = {"lw": (LW, "Levant Wire", "2026-11-11T07:14:00+00:00"),
               "gc": (GC, "The Gulf Courier", "2026-11-11T10:30:00+00:00"),
               "mna": (MNA, "Meridian News Agency", "2026-11-10T21:10:00+00:00"),
               "abn": (ABN, "Atlas Broadcasting Network", "2026-11-11T16:20:00+00:00")}
    for key, (text, outlet, published) in sources.items():
        ingest_paths(write(f"{key}.txt", text), outlet=outlet, published=published)
    ids = {a.outlet: a.id for a in store.iter_articles()}
    aid = {key: ids[outlet] for key, (_, outlet, _) in sources.items()}
    for key, (text, _, _) in sources.items():  # offsets below assume the stored text
        assert store.get_article(aid[key]).text.endswith(body(text).strip())
    store.save_run(Run("r0", "test", "test", "h", "2026-11-24T00:00:00+00:00"))
    store.replace_chains([SimpleNamespace(id="chain-lw", members=[aid["lw"], aid["gc"]],
                                          roots=[aid["lw"]], edges=[], credited=False)], "r0")
    _save_claims_and_mentions(store, aid)
    return aid


def _save_claims_and_mentions(store: Store, aid: dict[str, str]) -> None:
    channel = {k: say(aid[k], t, "a messaging channel linked to the group", "said",
                      "Foreign jets fired four missiles at three vehicles near Al-Bukamal "
                      "late on Tuesday", speaker_actor="k1") for k, t in (("lw", LW), ("gc", GC))}
    officials = say(aid["mna"], MNA, "officials", "said",
                    "American warplanes struck a headquarters of the group in Albu Kamal "
                    "on Tuesday night")
    media = say(aid["abn"], ABN, "Iran's state media", "said",
                "American jets struck the town", via=at(body(ABN), "unnamed officials"))
    denial = say(aid["abn"], ABN, "U.S. Central Command", "denied", "the report",
                 stance="denies", speaker_actor="k2", denies=media.id)
    centcom = say(aid["abn"], ABN, "U.S. Central Command", "saying",
                  "U.S. forces did not conduct any strikes in Abu Kamal on November 10",
                  stance="denies", speaker_actor="k2")
    mentions = {k: mention(aid[k], t, "fired", [
        value("date", "2026-11-10", t, "late on Tuesday", channel[k], low=TUESDAY,
              high=TUESDAY),
        value("place", "geo:bukamal", t, "Al-Bukamal", channel[k], geo=TOWN),
        value("target", "vehicle", t, "three vehicles", channel[k]),
        value("count:missile", "4", t, "four missiles", channel[k], low=4, high=4),
    ]) for k, t in (("lw", LW), ("gc", GC))}
    mentions["mna"] = mention(aid["mna"], MNA, "struck", [
        value("date", "2026-11-10", MNA, "Tuesday night", officials, low=TUESDAY,
              high=TUESDAY),
        value("place", "geo:bukamal", MNA, "Albu Kamal", officials, geo=TOWN),
        value("target", "headquarters", MNA, "a headquarters", officials),
        value("perpetrator", "k3", MNA, "American warplanes", officials)])
    mentions["abn"] = mention(aid["abn"], ABN, "struck", [
        value("perpetrator", "k3", ABN, "American jets", media),
        value("perpetrator", "k4", ABN, "U.S. forces", centcom, negated=True)])
    actors = [Actor("actor-hsf", "Harakat Sayf al-Furat", "armed group"),
              Actor("actor-us", "United States military", "state force"),
              Actor("actor-centcom", "U.S. Central Command", "state force")]
    keys = {(aid["lw"], "k1"): "actor-hsf", (aid["gc"], "k1"): "actor-hsf",
            (aid["mna"], "k3"): "actor-us", (aid["abn"], "k3"): "actor-us",
            (aid["abn"], "k4"): "actor-us", (aid["abn"], "k2"): "actor-centcom"}
    claims = {"lw": [channel["lw"]], "gc": [channel["gc"]], "mna": [officials],
              "abn": [media, denial, centcom]}
    ordered = [mentions[k] for k in ("mna", "lw", "gc", "abn")]
    with store.transaction():
        for key, found in claims.items():
            store.save_article_claims(aid[key], found, "r0")
        store.replace_actors(actors, keys, "r0")
        for key, m in mentions.items():
            store.save_article_event_mentions(aid[key], [m], "r0")
        store.save_events([Event(event_id(ordered[0].id), "Explosions/Remote violence",
                                 "Air/drone strike", mention_ids=[m.id for m in ordered],
                                 article_ids=[m.article_id for m in ordered])], "r0")


def facts_of(store: Store) -> dict[str, Fact]:
    (event,) = store.all_events()
    return {f.field: f for f in store.event_facts(event.id)}


def test_the_stage_is_registered_with_its_needs() -> None:
    stage = stages.get("corroborate")
    assert stage.needs == ("events", "claims", "source_chains")
    assert stage.produces == ("facts",)


def test_facts_are_saved_with_counts_and_statuses(filled: dict[str, str], store: Store,
                                                  config: Config) -> None:
    report = run_corroborate(store, config)
    assert (report.events, report.facts) == (1, 5)
    facts = facts_of(store)
    assert list(facts) == ["date", "place", "perpetrator", "target", "count:missile"]
    assert facts["date"].status == "corroborated"
    assert (facts["date"].n_chains, facts["date"].n_origins) == (2, 2)
    assert facts["target"].status == "contested"
    assert facts["count:missile"].status == "single-source"
    assert facts["count:missile"].n_chains == 1
    perpetrator = facts["perpetrator"]
    assert perpetrator.status == "denied"
    assert perpetrator.values[0].label == "United States military"
    assert perpetrator.values[0].value == "actor-us"
    origins = {e.origin for e in perpetrator.values[0].evidence}
    assert origins == {"officials", "via:officials"}
    denials = [(e.article_id, e.stance, e.origin) for e in perpetrator.denied_by]
    assert denials == [(filled["abn"], "denies", "actor-centcom")] * 2  # negated + aimed
    place = facts["place"]
    assert place.values[0].label in {"Al-Bukamal", "Albu Kamal"}
    lw_evidence = [e for e in place.values[0].evidence if e.article_id == filled["lw"]]
    assert lw_evidence[0].chain_id == "chain-lw"
    assert lw_evidence[0].speaker == "a messaging channel linked to the group"
    assert report.by_status["denied"] == 1 and report.by_status["contested"] == 1
    assert report.by_status["corroborated"] == 2 and report.by_status["single-source"] == 1
    runs = [r for r in store.list_runs() if r.stage == "corroborate"]
    assert runs and runs[0].status == "finished" and runs[0].n_out == 5


def test_a_rerun_is_idempotent(filled: dict[str, str], store: Store, config: Config,
                               db: str) -> None:
    run_corroborate(store, config)
    first = facts_of(store)
    rows = (count_rows(db, "facts"), count_rows(db, "fact_values"),
            count_rows(db, "fact_evidence"))
    run_corroborate(store, config)
    assert facts_of(store) == first
    assert rows == (count_rows(db, "facts"), count_rows(db, "fact_values"),
                    count_rows(db, "fact_evidence"))


def test_facts_follow_the_chains_as_they_change(filled: dict[str, str], store: Store,
                                                config: Config) -> None:
    run_corroborate(store, config)
    assert facts_of(store)["date"].status == "corroborated"
    # Meridian's report turns out to be a copy of Levant Wire's: one chain, one source
    store.replace_chains([SimpleNamespace(
        id="chain-lw", members=[filled["lw"], filled["gc"], filled["mna"]],
        roots=[filled["lw"]], edges=[], credited=False)], "r0")
    run_corroborate(store, config)
    date = facts_of(store)["date"]
    assert (date.n_chains, date.status) == (1, "single-source")


def test_an_empty_store_runs_and_counts_nothing(store: Store, config: Config) -> None:
    report = run_corroborate(store, config)
    assert (report.events, report.facts) == (0, 0)
