"""The events commands over a store built by hand (no spaCy): `events`, `show` of an event
dossier, `export` in its three formats, `summary`; and the dossier's content."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from types import SimpleNamespace

import pytest

from newstrace.claims.records import Claim
from newstrace.errors import NewstraceError
from newstrace.events.dossier import build_dossier, event_row
from newstrace.events.export import CSV_COLUMNS, actor_sides, event_date, export_events
from newstrace.events.records import Casualties, Event, EventActor, Evidence, Fact, FactValue
from newstrace.records import Run
from newstrace.store import Store
from test_events_store import (
    LATER,
    PROTEST,
    STRIKE,
    later_mention,
    make_event,
    protest_mention,
    span,
    strike_mentions,
)

COPY = ("Drone strike on Al-Qaim depot\n\n"
        "AL-QAIM (Reuters) - Two drones struck a fuel depot near Al-Qaim late on Tuesday, "
        "killing three guards, the provincial council said.\n")
def body(text: str) -> str:
    """An article's text as stored: the title line is kept apart."""
    return text.split("\n\n", 1)[1]


HOSTILE = "\x1b]0;pwned\x07\x1b[2J"
ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def built(write, ingest_paths, store: Store) -> dict[str, str]:
    """Four articles; the strike told by two chains (a wire story and its copy; a later
    report), a protest, and a June attack the strike article recalls as background."""
    ingest_paths(write("strike.txt", STRIKE), published="2026-11-11T09:00:00+03:00",
                 outlet="Euphrates Wire")
    ingest_paths(write("copy.txt", COPY), published="2026-11-11T10:15:00+03:00",
                 outlet="Desert Daily")
    ingest_paths(write("later.txt", LATER), published="2026-11-12T07:30:00+03:00",
                 outlet="Anbar Today")
    ingest_paths(write("protest.txt", PROTEST), published="2026-11-09T18:00:00+03:00",
                 outlet="Basra Voice")
    ids = {a.outlet: a.id for a in store.iter_articles()}
    strike, copy, later, protest = (ids["Euphrates Wire"], ids["Desert Daily"],
                                    ids["Anbar Today"], ids["Basra Voice"])
    store.save_run(Run("r1", "events", "test", "h", "2026-11-24T00:00:00+00:00"))
    council = Claim(strike, "text", span(STRIKE, "the provincial council"),
                    span(STRIKE, "said"), "report",
                    span(STRIKE, "Two drones struck a fuel depot near Al-Qaim late on Tuesday, "
                                 "killing three guards"))
    denial = Claim(strike, "text", span(STRIKE, "The Interior Ministry"),
                   span(STRIKE, "denied"), "deny", span(STRIKE, "that any guards died"),
                   stance="denies")
    chain = SimpleNamespace(id="ch-wire", members=[strike, copy], roots=[strike], credited=True,
                            edges=[{"source": strike, "target": copy, "directed": True,
                                    "similarity": 0.97, "shared_chars": 118,
                                    "credited": True}])
    strike_ms = strike_mentions(strike, STRIKE)
    copy_m = replace(later_mention(later), article_id=copy, trigger=span(COPY, "struck"),
                     published_at="2026-11-11T10:15:00+03:00")
    mentions = {strike: strike_ms, copy: [copy_m], later: [later_mention(later)],
                protest: [protest_mention(protest)]}
    shared = make_event([strike_ms[0], copy_m, later_mention(later)],
                        fatalities=Casualties(3, 3, 4),
                        actors=[EventActor("unnamed drones", "perpetrator"),
                                EventActor("depot guards" + HOSTILE, "target", "act-g")])
    june = make_event(strike_ms[1:])
    rally = make_event(mentions[protest])
    with store.transaction():
        store.save_article_claims(strike, [council, denial], "r1")
        store.replace_chains([chain], "r1")
        for aid, ms in mentions.items():
            store.save_article_event_mentions(aid, ms, "r1")
        store.save_events([shared, june, rally], "r1")
        store.save_facts(shared.id, shared_facts(shared.id, strike, later, council, denial),
                         "r1")
        store.save_facts(rally.id, [Fact(rally.id, "place", "single-source", [
            FactValue("g-basra", "Basra", [Evidence(protest, span(body(PROTEST), "central Basra"),
                                                    protest, "Basra Voice", "Basra Voice")],
                      1, 1)], n_chains=1, n_origins=1)], "r1")
    return {"strike": strike, "copy": copy, "later": later, "protest": protest,
            "shared": shared.id, "june": june.id, "rally": rally.id}


def shared_facts(ev: str, strike: str, later: str, council: Claim, denial: Claim) -> list[Fact]:
    said = Evidence(strike, span(body(STRIKE), "killing three guards"), "ch-wire",
                    "provincial council", "the provincial council" + HOSTILE, council.id,
                    "asserts")
    hospital = Evidence(later, span(body(LATER), "rose to four"), later, "hospital",
                        "a hospital official")
    denied = Evidence(strike, span(body(STRIKE), "that any guards died"), "ch-wire",
                      "Interior Ministry", "The Interior Ministry", denial.id, "denies")
    headline = Evidence(strike, span("Drones hit fuel depot near Al-Qaim", "Al-Qaim"),
                        "ch-wire", "Euphrates Wire", "Euphrates Wire")
    return [
        Fact(ev, "fatalities", "denied",
             [FactValue("3", "three" + HOSTILE, [said], 1, 1, 3.0, 3.0),
              FactValue("4", "four", [hospital], 1, 1, 4.0, 4.0)],
             denied_by=[denied], n_chains=2, n_origins=3),
        Fact(ev, "place", "corroborated",
             [FactValue("g-alqaim", "Al-Qaim",
                        [replace(hospital, span=span(body(LATER), "Al-Qaim")), headline], 2, 2)],
             n_chains=2, n_origins=2),
    ]


def test_events_table(built, cli, db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    result = cli("--db", db, "events")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["id", "date", "prec", "type", "place", "killed", "articles",
                                "chains", "facts"]
    assert lines[-1].startswith("3 events (facts: c corroborated")
    by_id = {line.split()[0]: line for line in lines[2:-1]}
    # newest first, ids cut to "ev-" and 8 characters (show takes any prefix)
    assert list(by_id) == [built[k][:11] for k in ("shared", "rally", "june")]
    shared = by_id[built["shared"][:11]]
    assert re.search(r"2026-11-10 +day +Air/drone strike +Al-Qaim, IQ +3 \(3-4\) ", shared)
    assert shared.endswith("3         2       1c 1d")
    june = by_id[built["june"][:11]]
    assert "2026-06-01..30" in june and "Air/drone strike [bg]" in june


def test_events_json_and_filters(built, cli, db):
    rows = cli("--db", db, "events", "--json").jsonl()
    shared = rows[0]
    assert shared["id"] == built["shared"]
    assert shared["n_articles"] == 3 and shared["n_chains"] == 2  # the copy is one chain
    assert shared["fatalities"] == {"low": 3, "best": 3, "high": 4}
    assert shared["actors"][0] == {"name": "unnamed drones", "role": "perpetrator",
                                   "actor_id": None}
    assert shared["facts"][0] == {"field": "fatalities", "status": "denied", "n_chains": 2,
                                  "values": ["three" + HOSTILE, "four"]}
    assert (shared["lat"], shared["lon"], shared["geo_precision"]) == (34.3717, 41.0942, "town")

    def ids(*flags):
        result = cli("--db", db, "events", "--json", *flags)
        assert result.code == 0, result.err
        return [r["id"] for r in result.jsonl()]

    assert ids("--place", "basra") == [built["rally"]]
    assert ids("--type", "DRONE", "--no-background") == [built["shared"]]
    assert ids("--since", "2026-11-10") == [built["shared"]]
    assert ids("--until", "2026-06") == [built["june"]]
    assert ids("--limit", "1") == [built["shared"]]
    bad = cli("--db", db, "events", "--since", "last week")
    assert bad.code == 2 and "--since 'last week'" in bad.err
    assert cli("--db", db, "events", "--until", "2026-02-30").code == 2


def test_show_event_dossier_in_the_terminal(built, cli, db):
    result = cli("--db", db, "show", built["shared"][:8])
    assert result.code == 0, result.err
    out = result.out
    assert not ESCAPES.search(out.replace("\n", ""))  # hostile strings printed as text
    assert out.startswith(f"{built['shared']}  Explosions/Remote violence / Air/drone strike")
    assert "Al-Qaim, Anbar, IQ [town] 34.3717, 41.0942" in out
    assert "unnamed drones (perpetrator); depot guards]0;pwned[2J (target)" in out
    assert "low 3, best 3, high 4" in out
    assert "fatalities: denied (2 chains, 3 origins)" in out
    assert "the provincial council]0;pwned[2J said [asserts] - Euphrates Wire" in out
    assert "\u201ckilling three guards\u201d" in out
    assert "denied by:" in out and "The Interior Ministry denied [denies]" in out
    assert "chain ch-wire: 2 articles, credited" in out
    assert f"    {built['strike']} Euphrates Wire 2026-11-11" in out  # the root
    assert f"      -> {built['copy']} Desert Daily" in out
    assert f"chain {built['later']}: 1 article\n" in out
    assert f"[reports] {built['strike']} Euphrates Wire" in out
    assert "= four (1 chain, 1 origin)" in out
    assert built["june"] in out.split("related events")[1]


def test_show_event_json_is_the_dossier(built, cli, db):
    dossier = json.loads(cli("--db", db, "show", built["shared"], "--json").out)
    assert dossier == json.loads(json.dumps(build_dossier_for(db, built["shared"])))
    head = dossier["event"]
    assert head["n_articles"] == 3 and head["n_chains"] == 2
    assert head["status_counts"] == {"corroborated": 1, "single-source": 0, "contested": 0,
                                     "denied": 1}
    fatalities = dossier["facts"][0]
    said = fatalities["values"][0]["evidence"][0]
    assert (said["outlet"], said["cue"], said["cue_type"], said["claim_stance"]) == (
        "Euphrates Wire", "said", "report", "asserts")
    context = said["context"]
    assert context["text"][context["passage_start"]:context["passage_end"]] == \
        "killing three guards"
    assert len(context["text"]) < len(STRIKE) and context["text"].startswith("Two drones")
    assert fatalities["denied_by"][0]["claim_stance"] == "denies"
    headline = dossier["facts"][1]["values"][0]["evidence"][1]
    assert headline["part"] == "title" and headline["context"]["text"].endswith("Al-Qaim")
    assert {c["cue"] for c in dossier["claims"]} == {"said", "denied"}
    chains = {c["id"]: c for c in dossier["source_chains"]}
    assert set(chains) == {"ch-wire", built["later"]}
    assert chains["ch-wire"]["edges"][0]["credited"] is True
    assert [m["id"] for m in chains["ch-wire"]["members"]] == [built["strike"], built["copy"]]
    roles = {a["id"]: a["role"] for a in dossier["articles"]}
    assert set(roles.values()) == {"reports"}
    assert [r["id"] for r in dossier["related"]] == [built["june"]]


def build_dossier_for(db: str, ref: str) -> dict:
    with Store.open(db) as store:
        return build_dossier(store, ref)


def test_a_background_event_marks_its_article_as_background(built, store):
    dossier = build_dossier(store, built["june"])
    assert dossier["event"]["background"] is True
    assert dossier["articles"] == [{
        "id": built["strike"], "outlet": "Euphrates Wire",
        "title": "Drones hit fuel depot near Al-Qaim", "url": None,
        "published_at": "2026-11-11T09:00:00+03:00", "chain_id": "ch-wire",
        "role": "background"}]
    assert dossier["facts"] == [] and dossier["claims"] == []
    assert [r["id"] for r in dossier["related"]] == [built["shared"]]


def test_unknown_event_ref_is_a_clear_error(built, cli, db):
    result = cli("--db", db, "show", "ev-nothere")
    assert result.code == 1
    assert "no event with id 'ev-nothere'" in result.err
    article = cli("--db", db, "show", built["protest"])  # articles still shown
    assert article.code == 0 and "Teachers march in Basra" in article.out


def test_export_jsonl_is_one_dossier_per_event(built, cli, db):
    rows = cli("--db", db, "export", "--format", "jsonl").jsonl()
    assert [r["event"]["id"] for r in rows] == [built["june"], built["rally"], built["shared"]]
    assert rows[2]["facts"][0]["denied_by"][0]["speaker"] == "The Interior Ministry"


def test_export_csv_in_acled_columns(built, cli, db):
    result = cli("--db", db, "export", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    shared = next(r for r in rows if r["event_id_cnty"] == built["shared"])
    assert shared["event_date"] == "2026-11-10" and shared["time_precision"] == "1"
    assert (shared["actor1"], shared["actor2"]) == ("unnamed drones", "depot guards" + HOSTILE)
    assert (shared["latitude"], shared["longitude"], shared["geo_precision"]) == (
        "34.3717", "41.0942", "1")
    assert shared["source"] == "Euphrates Wire; Desert Daily; Anbar Today"
    assert shared["fatalities"] == "3"
    assert (shared["n_articles"], shared["n_chains"], shared["n_corroborated"],
            shared["n_denied"], shared["background"]) == ("3", "2", "1", "1", "0")
    assert shared["notes"].startswith("Air/drone strike by unnamed drones against depot")
    assert "3 killed (reports range 3-4)" in shared["notes"]
    assert "denied: fatalities" in shared["notes"] and shared["notes"].endswith(".")
    june = next(r for r in rows if r["event_id_cnty"] == built["june"])
    assert (june["event_date"], june["time_precision"], june["fatalities"]) == (
        "2026-06-15", "3", "")
    assert june["background"] == "1"


def test_export_geojson(built, cli, db):
    collection = json.loads(cli("--db", db, "export", "--format", "geojson").out)
    assert collection["type"] == "FeatureCollection"
    assert collection["unlocated"] == 1  # the June attack has no place
    points = {f["id"]: f for f in collection["features"]}
    assert points[built["shared"]]["geometry"] == {"type": "Point",
                                                  "coordinates": [41.0942, 34.3717]}
    assert points[built["rally"]]["properties"]["n_chains"] == 1


def test_export_to_a_file_is_atomic(built, cli, db, tmp_path, monkeypatch):
    target = tmp_path / "events.csv"
    result = cli("--db", db, "export", "--format", "csv", "--out", target)
    assert result.code == 0 and result.out == f"exported 3 events (csv) to {target}\n"
    first = target.read_text(encoding="utf-8")
    assert first.startswith("event_id_cnty,")

    def broken(store, fmt, out):
        out.write("half a file")
        raise NewstraceError("disk gone")

    monkeypatch.setattr("newstrace.cli_events.export_events", broken)
    failed = cli("--db", db, "export", "--format", "csv", "--out", target)
    assert failed.code == 1 and "disk gone" in failed.err
    assert target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".events")) == []
    missing = cli("--db", db, "export", "--format", "csv", "--out", tmp_path / "no" / "x.csv")
    assert missing.code == 2 and "does not exist" in missing.err


def test_export_unknown_format_is_a_usage_error(built, cli, db):
    result = cli("--db", db, "export", "--format", "parquet")
    assert result.code == 2 and "parquet" in result.err
    with Store.open(db) as store, pytest.raises(NewstraceError, match="unknown export"):
        export_events(store, "xml", io.StringIO())


def test_summary_counts_events(built, cli, db):
    summary = json.loads(cli("--db", db, "summary", "--json").out)
    assert summary["events"]["events"] == 3
    assert summary["events"]["background_events"] == 1
    assert summary["events"]["facts_denied"] == 1
    text = cli("--db", db, "summary").out
    assert "events     3 events (1 only recalled) from 5 mentions (0 not yet grouped)" in text


def test_empty_store(cli, db):
    result = cli("--db", db, "events")
    assert result.code == 0 and "no events in the store" in result.err
    assert cli("--db", db, "export", "--format", "geojson").out.strip() == (
        '{"type": "FeatureCollection", "features": [], "unlocated": 0}')


def test_event_row_without_a_chain_map_counts_evidence_chains(built, store):
    event = store.get_event(built["shared"])
    facts = store.event_facts(event.id)
    assert event_row(event, facts, store.chain_of_articles())["n_chains"] == 2
    # without the map, only passages name chains: the copy has none and counts on its own
    assert event_row(event, facts)["n_chains"] == 3


def test_actor_sides_and_event_dates():
    parties = [EventActor("Army", "party"), EventActor("Militia", "party"),
               EventActor("Allied tribe", "party")]
    assert actor_sides(parties) == (("Army", ""), ("Militia", "Allied tribe"))
    mixed = [EventActor("Victims", "target"), EventActor("Gunmen", "alleged perpetrator"),
             EventActor("Bystanders", "affected"), EventActor("Villagers", "target")]
    assert actor_sides(mixed) == (("Gunmen", ""), ("Victims", "Villagers"))
    assert actor_sides([]) == (("", ""), ("", ""))
    week = Event("ev-x", "Battles", "Armed clash", date_start="2026-11-02",
                 date_end="2026-11-08", time_precision="week")
    assert event_date(week) == "2026-11-05"
    assert event_date(replace(week, date_start=None, date_end=None)) == ""
