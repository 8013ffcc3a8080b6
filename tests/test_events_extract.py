"""Event mentions from hand-written articles, through the real language and claims stages:
the reported happening and the recalled one kept apart, fields with their passages, the
accused's denial as evidence against the perpetrator, casualty subsets not taken for totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newstrace.config import load_config
from newstrace.events.records import EventMention
from newstrace.ingest import ingest
from newstrace.pipeline import run_stages
from newstrace.store import Store

ARTICLES = {
    "strike.txt": """Drone strike kills four at checkpoint near Spin Boldak
Published: 2026-03-12T10:00:00+04:30
Source: Northern Ledger
URL: https://northernledger.example/2026/03/12/drone-strike-spin-boldak

KABUL (NL) — A drone strike killed four fighters at a checkpoint near Spin Boldak in \
Kandahar province on Tuesday, local officials said.

Pakistan's military denied any involvement. "Pakistani forces did not conduct any strikes \
in Afghanistan this week," its spokesman said in a statement.

The strike follows clashes near Spin Boldak back in January that killed 12 people.
""",
    "protest.txt": """Teachers rally in Sulaymaniyah over unpaid salaries
Published: 2026-03-15T18:00:00+03:00
Source: Northern Ledger
URL: https://northernledger.example/2026/03/15/teachers-rally-sulaymaniyah

Hundreds of teachers rallied outside the provincial council in Sulaymaniyah on Sunday to \
demand months of unpaid salaries, organisers said.

The protest ended peacefully in the early evening.
""",
    "flood.txt": """Floods kill 12 in Erbil
Published: 2026-04-05T09:00:00+03:00
Source: Northern Ledger
URL: https://northernledger.example/2026/04/05/floods-erbil

Flash floods killed 12 people, including five children, in Erbil on Saturday, the civil \
defence directorate said.
""",
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory: pytest.TempPathFactory, gaz_dir: Path
             ) -> Iterator[dict[str, list[EventMention]]]:
    folder = tmp_path_factory.mktemp("events-in")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path_factory.mktemp("events") / "events.db")
    config = load_config(env={}, overrides={"db": db, "cache": str(gaz_dir)})
    with Store.open(db) as store:
        assert ingest(store, [str(folder)], config).n_rejected == 0
        run_stages(store, config, ["language", "claims", "events"])
        yield {str(a.url).rsplit("/", 1)[-1]: store.article_event_mentions(a.id)
               for a in store.iter_articles()}


def test_reported_strike_and_recalled_clash_are_separate(
        mentions: dict[str, list[EventMention]]) -> None:
    found = mentions["drone-strike-spin-boldak"]
    main, *rest = found
    assert (main.event_type, main.sub_event_type) == ("Explosions/Remote violence",
                                                      "Air/drone strike")
    assert not main.background
    assert main.date_start == main.date_end == "2026-03-10"  # "on Tuesday" before the 12th
    assert main.place and "Spīn Bōldak" in main.place and main.geo_precision == "town"
    assert main.fatalities is not None and main.fatalities.best == 4
    assert "drone" in main.weapons
    clash = [m for m in rest if m.event_type == "Battles"]
    assert clash and clash[0].background
    assert clash[0].date_start is not None and clash[0].date_start.startswith("2026-01")
    assert clash[0].fatalities is not None and clash[0].fatalities.best == 12


def test_denial_is_evidence_against_the_accused(mentions: dict[str, list[EventMention]]
                                                ) -> None:
    main = mentions["drone-strike-spin-boldak"][0]
    denied = [v for v in main.values if v.field == "perpetrator" and v.negated]
    assert denied and denied[0].value == "state:PK"
    assert denied[0].claim_id is not None


def test_values_point_at_their_passages(mentions: dict[str, list[EventMention]]) -> None:
    main = mentions["drone-strike-spin-boldak"][0]
    deaths = [v for v in main.values if v.field == "fatalities"]
    assert deaths and deaths[0].low == deaths[0].high == 4
    assert "four" in deaths[0].span.text
    assert deaths[0].claim_id is not None  # "local officials said"
    assert any(v.field == "date" and v.value == "2026-03-10" for v in main.values)


def test_protest_with_participants(mentions: dict[str, list[EventMention]]) -> None:
    main = mentions["teachers-rally-sulaymaniyah"][0]
    assert main.event_type == "Protests"
    assert main.date_start == "2026-03-15"
    assert main.place == "Sulaymaniyah"
    crowd = [v for v in main.values if v.field == "participants"]
    assert crowd and crowd[0].low == 200


def test_casualty_subset_is_not_a_total(mentions: dict[str, list[EventMention]]) -> None:
    main = mentions["floods-erbil"][0]
    assert (main.event_type, main.sub_event_type) == ("Natural disaster", "Flood")
    assert main.fatalities is not None
    assert (main.fatalities.low, main.fatalities.best, main.fatalities.high) == (12, 12, 12)
    assert any(v.field.startswith("count:killed") and v.low == 5 for v in main.values)
