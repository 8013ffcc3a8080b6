"""The MUC event-field benchmark's parser, matchers and arithmetic, on key blocks and texts
written here in the MUC format (invented incidents; nothing from the corpus)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from events_fields import (
    Counts,
    name_match,
    our_fills,
    place_match,
    prf,
    score_slot,
    weapon_match,
)
from events_fields_data import (
    INF,
    GoldDoc,
    parse_count,
    parse_date_fill,
    parse_keys,
    parse_texts,
    truecase,
)

KEYS = """
0.  MESSAGE: ID                     TEST-MUC9-0001 (XYZ)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  - 14 FEB 91
3.  INCIDENT: LOCATION              HONDURAS: OLANCHO (DEPARTMENT): JUTICALPA (CITY)
4.  INCIDENT: TYPE                  BOMBING
5.  INCIDENT: STAGE OF EXECUTION    ACCOMPLISHED
6.  INCIDENT: INSTRUMENT ID         "CAR BOMB" / "BOMB"
7.  INCIDENT: INSTRUMENT TYPE       VEHICLE BOMB: "CAR BOMB"
8.  PERP: INCIDENT CATEGORY         TERRORIST ACT
9.  PERP: INDIVIDUAL ID             ? "GUNMEN"
10. PERP: ORGANIZATION ID           "PEOPLE'S VANGUARD ARMY" / "PVA"
11. PERP: ORGANIZATION CONFIDENCE   SUSPECTED OR ACCUSED: "PEOPLE'S VANGUARD ARMY" / "PVA"
12. PHYS TGT: ID                    "CITY HALL"
13. PHYS TGT: TYPE                  GOVERNMENT OFFICE OR RESIDENCE: "CITY HALL"
14. PHYS TGT: NUMBER                1: "CITY HALL"
15. PHYS TGT: FOREIGN NATION        -
16. PHYS TGT: EFFECT OF INCIDENT    SOME DAMAGE: "CITY HALL"
17. PHYS TGT: TOTAL NUMBER          -
18. HUM TGT: NAME                   "ROSA MEJIA"
19. HUM TGT: DESCRIPTION            "TREASURER": "ROSA MEJIA"
                                    "GUARDS"
20. HUM TGT: TYPE                   GOVERNMENT OFFICIAL: "ROSA MEJIA"
                                    SECURITY GUARD: "GUARDS"
21. HUM TGT: NUMBER                 1: "ROSA MEJIA"
                                    PLURAL: "GUARDS"
22. HUM TGT: FOREIGN NATION         -
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "ROSA MEJIA"
                                    INJURY: "GUARDS"
24. HUM TGT: TOTAL NUMBER           -

;;; a note the parser must skip
0.  MESSAGE: ID                     TEST-MUC9-0001 (XYZ)
1.  MESSAGE: TEMPLATE               2 (OPTIONAL)
2.  INCIDENT: DATE                  10 FEB 91 - 11 FEB 91
3.  INCIDENT: LOCATION              HONDURAS
4.  INCIDENT: TYPE                  KIDNAPPING
6.  INCIDENT: INSTRUMENT ID         -
9.  PERP: INDIVIDUAL ID             -
23. HUM TGT: EFFECT OF INCIDENT     NO INJURY OR DEATH: "DRIVER"

0.  MESSAGE: ID                     TEST-MUC9-0002 (XYZ)
1.  MESSAGE: TEMPLATE               *
2.  INCIDENT: DATE                  *
4.  INCIDENT: TYPE                  *
"""

TEXTS = """TEST-MUC9-0001 (XYZ)

   TEGUCIGALPA, 15 FEB 91 (RADIO AMERICA) -- [REPORT] [TEXT] A CAR BOMB
EXPLODED LAST NIGHT OUTSIDE THE CITY HALL OF JUTICALPA.

   THE PVA [PEOPLE'S VANGUARD ARMY] WAS BLAMED.

TEST-MUC9-0002 (XYZ)

   CLANDESTINE, 2 MAR 91 -- [COMMENTARY] THE HARVEST WAS GOOD.
"""


def _day(text: str) -> float:
    return float(date.fromisoformat(text).toordinal())


def test_key_blocks_become_templates_with_continuation_lines() -> None:
    templates = parse_keys(KEYS)
    assert [(t.doc_id, t.number, t.incident_type) for t in templates] == [
        ("TEST-MUC9-0001", "1", "BOMBING"), ("TEST-MUC9-0001", "2 (OPTIONAL)", "KIDNAPPING"),
        ("TEST-MUC9-0002", "*", "*")]
    assert templates[0].slots[19] == ['"TREASURER": "ROSA MEJIA"', '"GUARDS"']
    assert [t.relevant for t in templates] == [True, True, False]


def test_gold_fills_pool_the_documents_templates() -> None:
    gold = GoldDoc("TEST-MUC9-0001", parse_keys(KEYS)[:2], 1991)
    fills = gold.fills()
    assert gold.relevant and gold.types() == {"BOMBING", "KIDNAPPING"}
    assert fills["date"] == [[(-INF, _day("1991-02-14"))],
                             [(_day("1991-02-10"), _day("1991-02-11"))]]
    assert fills["location"] == [[("HONDURAS", "OLANCHO", "JUTICALPA")], [("HONDURAS",)]]
    assert fills["perpetrator"] == [["GUNMEN"], ["PEOPLE'S VANGUARD ARMY", "PVA"]]
    assert score_slot(fills["location"], [("Olancho", None, "Honduras")], place_match).recalled == 2
    # the description of a named victim is the string before its cross-reference
    assert fills["target"] == [["CITY HALL"], ["ROSA MEJIA"], ["TREASURER"], ["GUARDS"]]
    assert fills["weapon"] == [["CAR BOMB", "BOMB", "VEHICLE BOMB"]]
    # template 1: one death (the injured guards do not count); template 2: a stated zero
    assert fills["deaths"] == [[(1.0, 1.0)], [(0.0, 0.0)]]


def test_an_irrelevant_document_has_no_fills() -> None:
    gold = GoldDoc("TEST-MUC9-0002", parse_keys(KEYS)[2:], 1991)
    assert not gold.relevant
    assert all(not v for v in gold.fills().values())


def test_dates_and_counts_parse_to_intervals() -> None:
    assert parse_date_fill("3 MAR 90") == [(_day("1990-03-03"),) * 2]
    assert parse_date_fill("MAR 90") == [(_day("1990-03-01"), _day("1990-03-31"))]
    assert parse_date_fill("12 DEC", default_year=1989) == [(_day("1989-12-12"),) * 2]
    assert parse_date_fill("(- 5 MAY 90) / 7 MAY 90") == [
        (-INF, _day("1990-05-05")), (_day("1990-05-07"),) * 2]
    assert parse_date_fill("-") == []
    assert parse_count("PLURAL") == (2.0, INF)
    assert parse_count("5-") == (5.0, INF)
    assert parse_count("3-4") == (3.0, 4.0)
    assert parse_count("10 / 10- / PLURAL") == (2.0, INF)
    assert parse_count("? 7") == (7.0, 7.0)
    assert parse_count("MANY") is None


def test_texts_split_with_dateline_and_header_notes_removed() -> None:
    first, second = parse_texts(TEXTS)
    assert (first.doc_id, first.place, first.published, first.source) == (
        "TEST-MUC9-0001", "TEGUCIGALPA", "1991-02-15", "RADIO AMERICA")
    assert first.body.startswith("A CAR BOMB\nEXPLODED")
    assert (second.place, second.source, second.body) == (
        "CLANDESTINE", None, "THE HARVEST WAS GOOD.")


def test_truecasing_changes_case_only() -> None:
    text = ("THE PVA [PEOPLE'S VANGUARD ARMY] CLAIMED THE ATTACK IN JUTICALPA. "
            "GEN. ORTEGA SAID THE M-19 DID NOT.")
    lexicon = frozenset(["the", "people's", "vanguard", "army", "claimed", "attack", "in",
                         "said", "did", "not", "gen"])
    cased = truecase(text, ["JUTICALPA"], lexicon)
    assert len(cased) == len(text) and cased.upper() == text
    assert cased == ("The PVA [People's Vanguard Army] claimed the attack in Juticalpa. "
                     "Gen. Ortega said the M-19 did not.")


@pytest.mark.parametrize(("ours", "gold", "expected"), [
    ("the PVA", "PVA", True),                      # containment
    ("Vanguard Army rebels", "PEOPLE'S VANGUARD ARMY", True),   # shared token
    ("urban terrorists", "TERRORIST", True),       # plural folded
    ("the army", "PEOPLE'S VANGUARD ARMY", True),
    ("unidentified people", "PEOPLE'S VANGUARD ARMY", False),  # stopwords only
    ("police", "GUNMEN", False),
])
def test_name_match(ours: str, gold: str, expected: bool) -> None:
    assert name_match(ours, gold) is expected


def test_weapon_and_place_matches() -> None:
    assert weapon_match("bombs", "CAR BOMB")
    assert weapon_match("rifles", "RIFLE")
    assert not weapon_match("mortar", "MACHINE GUN")
    assert place_match(("Juticalpa", "Olancho", "Honduras"), ["HONDURAS", "JUTICALPA"])
    assert place_match(("San José",), ["SAN JOSE"])  # accents folded
    assert not place_match(("Tegucigalpa", None, "Honduras"), ["EL SALVADOR"])  # type: ignore[arg-type]


def test_slot_counts_and_prf() -> None:
    gold = [["PVA", "PEOPLE'S VANGUARD ARMY"], ["GUNMEN"]]
    counts = score_slot(gold, ["the PVA", "soldiers", "vanguard army"], name_match)
    assert (counts.pred, counts.correct, counts.gold, counts.recalled) == (3, 2, 2, 1)
    p, r, f = counts.prf()
    assert (p, r) == (2 / 3, 1 / 2)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert prf(0, 0, 0, 5) == (0.0, 0.0, 0.0)
    total = Counts()
    total.add(counts)
    total.add(Counts(1, 1, 1, 1))
    assert total.prf()[:2] == (3 / 4, 2 / 3)


def _mention(**kw: Any) -> Any:
    base: dict[str, Any] = dict(
        background=False, denied=False, event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED", date_start="1991-02-14", date_end=None,
        place="Juticalpa", admin1="Olancho", country="HN", actors=[], values=[],
        weapons=["car bomb"], fatalities=SimpleNamespace(low=None, best=1, high=None))
    base.update(kw)
    return SimpleNamespace(**base)


def test_our_fills_take_violent_reported_mentions_only() -> None:
    actor = SimpleNamespace(name="PVA", role="alleged perpetrator")
    value = SimpleNamespace(field="target", label="city hall", negated=False)
    mentions = [_mention(actors=[actor], values=[value]),
                _mention(background=True, place="Danli"),
                _mention(event_type="Protests", place="Choluteca")]
    fills = our_fills(mentions, {"HN": "Honduras"}.get)
    assert fills["location"] == [("Juticalpa", "Olancho", "Honduras")]
    assert fills["date"] == [(_day("1991-02-14"),) * 2]
    assert fills["perpetrator"] == ["PVA"] and fills["target"] == ["city hall"]
    assert fills["weapon"] == ["car bomb"] and fills["deaths"] == [(1.0, 1.0)]


def test_deaths_sum_the_dead_targets_and_keep_each_count() -> None:
    from events_fields_data import Template, gold_deaths

    t = Template("X", "1", {
        21: ['3: "TEACHERS"', 'PLURAL: "SOLDIERS"', '1: "DRIVER"'],
        23: ['DEATH: "TEACHERS"', 'DEATH: "SOLDIERS"', 'INJURY: "DRIVER"'],
        24: ["-"]})
    assert gold_deaths(t) == [(5.0, INF), (3.0, 3.0), (2.0, INF)]
    t.slots[23] = ['DEATH: "TEACHERS"']
    t.slots[24] = ["4"]  # every effect is a death: the total number wins
    assert gold_deaths(t) == [(4.0, 4.0)]
    t.slots[23] = ["-"]
    assert gold_deaths(t) == []


def test_truecasing_spells_out_a_parenthesized_acronym() -> None:
    lexicon = frozenset(["guerrillas", "of", "the", "popular", "army", "liberation",
                         "attacked", "a", "bridge"])
    text = "GUERRILLAS OF THE POPULAR ARMY OF LIBERATION (EPL) ATTACKED A BRIDGE."
    assert truecase(text, [], lexicon) == (
        "Guerrillas of the Popular Army of Liberation (EPL) attacked a bridge.")
