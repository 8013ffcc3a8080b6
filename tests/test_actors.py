"""Actors: the bundled dictionary, in-article mentions and aliases, the cross-article merge.

Sentences here are written for the tests; the last tests run the example corpus against the
actors of examples/gold.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import ConfigError
from newstrace.language.actor_dict import (
    ActorDictionary,
    load_actor_dictionary,
    ruler_patterns,
    surface_variants,
)
from newstrace.language.records import ACTOR_TYPES

REQUIRED_COUNTRIES = ("US", "GB", "FR", "DE", "RU", "UA", "CN", "IR", "IQ", "SY", "IL", "LB",
                      "JO", "SA", "QA", "AE", "TR", "EG", "YE", "AF", "PK", "IN", "SD", "SO",
                      "NG", "ML", "ET", "LY", "MM", "CO", "MX")


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_actor_dictionary()


# ----------------------------------------------------------------------------- dictionary

def test_bundled_dictionary_is_modest_and_valid(dictionary: ActorDictionary) -> None:
    assert 150 <= len(dictionary.entries) <= 300
    assert all(e.type in ACTOR_TYPES for e in dictionary.entries.values())
    for code in REQUIRED_COUNTRIES:
        kinds = {e.type for e in dictionary.entries.values() if e.country == code}
        assert {"government", "state force"} <= kinds, code
    for io_id in ("io.un", "io.unhcr", "io.who", "io.icrc", "io.nato", "io.eu",
                  "io.arab_league", "io.ocha"):
        assert dictionary.entries[io_id].type == "international organization"


@pytest.mark.parametrize(("surface", "entry_id"), [
    ("the Pentagon", "us.military"), ("CENTCOM", "us.military"),
    ("U.S. Central Command", "us.military"), ("US Central Command", "us.military"),
    ("the Kremlin", "ru.government"), ("the White House", "us.government"),
    ("Downing Street", "gb.government"), ("IDF", "il.military"),
    ("Israel Defense Forces", "il.military"), ("WHO", "io.who"), ("U.N.", "io.un"),
    ("the Islamic Republic", "ir.government"), ("Kurdistan Regional Government", "iq.krg"),
    # compositions: a country's name, demonym or possessive + a head of the entry
    ("U.S. military", "us.military"), ("American forces", "us.military"),
    ("the United States military", "us.military"), ("Pakistan's army", "pk.military"),
    ("Pakistani border forces", "pk.military"), ("Afghan officials", "af.government"),
    ("Iraq’s foreign minister", "iq.foreign"), ("the foreign ministry of Qatar", "qa.foreign"),
    ("Pakistan's Foreign Office", "pk.foreign"), ("Iranian state media", "ir.state_media"),
    ("armed forces of Ukraine", "ua.military"), ("the Syrian authorities", "sy.government"),
])
def test_match(dictionary: ActorDictionary, surface: str, entry_id: str) -> None:
    entry = dictionary.match(surface)
    assert entry is not None and entry.id == entry_id


@pytest.mark.parametrize("surface", ["who", "the army", "Foreign Office", "Ministry of Defence",
                                     "Kurdish officials", "Washington", "forces"])
def test_no_match_without_context(dictionary: ActorDictionary, surface: str) -> None:
    """Lower-case words are not acronyms; heads need their country; metonyms need a caller
    who has seen the place act."""
    assert dictionary.match(surface) is None


def test_metonyms_and_roles(dictionary: ActorDictionary) -> None:
    assert dictionary.metonym("Tehran").id == "ir.government"  # type: ignore[union-attr]
    assert dictionary.metonym("Washington").id == "us.government"  # type: ignore[union-attr]
    assert dictionary.compose("iraqs foreign minister") is not None
    entry, role = dictionary.compose("iraqs foreign minister")  # type: ignore[misc]
    assert (entry.id, role) == ("iq.foreign", "foreign minister")
    assert dictionary.country_of("Pakistani") == "PK"
    assert dictionary.country_of("the United States") == "US"


def test_ruler_patterns(dictionary: ActorDictionary) -> None:
    patterns = ruler_patterns(dictionary)
    assert all(p["label"] == "ORG" and p["id"] in dictionary.entries for p in patterns)
    pairs = {(p["pattern"], p["id"]) for p in patterns}
    assert ("CENTCOM", "us.military") in pairs
    assert ("U.S. Central Command", "us.military") in pairs  # dotted variant
    assert ("Pentagon", "us.military") in pairs  # without "the"
    assert not any(p["pattern"] == "Washington" for p in patterns)  # metonyms stay GPE
    assert "People’s Liberation Army" in surface_variants("People's Liberation Army")
    assert "Al-Shabaab" in surface_variants("al-Shabaab")


# ----------------------------------------------------------------------------- user files

def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_yaml_extends_and_overrides(tmp_path: Path) -> None:
    user = _write(tmp_path, "actors.yaml", """
entries:
- id: iq.military
  aliases: [Iraqi Security Forces, ISF]
- id: sy.hsf
  name: Harakat Sayf al-Furat
  type: armed group
  country: SY
  aliases: [HSF, Sword of the Euphrates Movement]
countries:
  KP: {names: [North Korea], demonyms: [North Korean]}
""")
    d = load_actor_dictionary(user)
    assert d.entries["iq.military"].name == "Iraqi Security Forces"  # kept from the bundle
    assert d.match("ISF").id == "iq.military"  # type: ignore[union-attr]
    assert d.match("Sword of the Euphrates Movement").id == "sy.hsf"  # type: ignore[union-attr]
    assert d.country_of("North Korean") == "KP"
    assert d.sources[-1] == user


def test_user_csv_extends_and_overrides(tmp_path: Path) -> None:
    user = _write(tmp_path, "actors.csv",
                  "id,name,type,country,aliases,metonyms,parent\n"
                  "iq.hsf,Harakat Sayf al-Furat,armed group,IQ,HSF|Sayf al-Furat,,\n"
                  "us.military,US armed forces,,,,,\n"
                  "iq.hsf_media,HSF media office,media,IQ,,,iq.hsf\n")
    d = load_actor_dictionary(user)
    assert d.match("Sayf al-Furat").id == "iq.hsf"  # type: ignore[union-attr]
    assert d.entries["us.military"].name == "US armed forces"
    assert d.match("CENTCOM").id == "us.military"  # type: ignore[union-attr]  # empty cell keeps
    assert d.entries["iq.hsf_media"].parent == "iq.hsf"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: militia}\n", "type 'militia'"),
    ("bad.yaml", "entries:\n- {id: X A, name: A, type: group}\n", "id must be"),
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: group, country: Iraq}\n", "ISO 3166"),
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: group, alias: [B]}\n", "unknown field"),
    ("bad.yaml", "entries:\n- {id: x.a, type: group}\n", "needs name"),
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: group, parent: x.b}\n", "parent 'x.b'"),
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: group, aliases: [CENTCOM]}\n",
     "claimed by both"),
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: group, heads: [forces]}\n",
     "heads need a country"),
    ("bad.yaml", "entries: [\n", "not valid YAML"),
    ("bad.yaml", "actors: []\n", "unknown top-level"),
    ("bad.yaml", "entries:\n- {id: x.a, name: A, type: group}\n- {id: x.a, name: B, type: group}\n",
     "appears twice"),
    ("bad.csv", "id,name,kind\nx.a,A,group\n", "unknown CSV column"),
    ("bad.csv", "name,type\nA,group\n", "at least id"),
    ("bad.txt", "id,name,type\n", ".yaml, .yml or .csv"),
])
def test_bad_user_files(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(ConfigError) as err:
        load_actor_dictionary(path)
    assert message in str(err.value)
    assert path in str(err.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_actor_dictionary(str(tmp_path / "absent.yaml"))


def test_error_names_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", "entries:\n- {id: ok.one, name: A, type: group}\n"
                                        "- {id: x.two, name: B, type: armed}\n")
    with pytest.raises(ConfigError, match=r"entry 2 \(x\.two\)"):
        load_actor_dictionary(path)
