"""Actors: the bundled dictionary, in-article mentions and aliases, the cross-article merge.

Sentences here are written for the tests; the last tests run the example corpus against the
actors of examples/gold.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.tokens import Span as SpacySpan

from newstrace.config import load_config
from newstrace.errors import ConfigError
from newstrace.ingest import ingest
from newstrace.language.actor_dict import (
    ActorDictionary,
    alias_key,
    load_actor_dictionary,
    ruler_patterns,
    surface_variants,
)
from newstrace.language.actor_words import strip_possessive
from newstrace.language.actors import merge_actors
from newstrace.language.aliases import find_actor_mentions
from newstrace.language.nlp import load_nlp
from newstrace.language.records import ACTOR_TYPES, Actor, ActorMention
from newstrace.store import Store

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


# ----------------------------------------------------------------------------- in-article

@pytest.fixture(scope="module")
def nlp(dictionary: ActorDictionary) -> Any:
    return load_nlp(patterns=ruler_patterns(dictionary))


def _mentions(nlp: Any, dictionary: ActorDictionary, text: str,
              ents: list[tuple[int, int, str]] | None = None) -> list[ActorMention]:
    """Mentions of one text; ``ents`` (token start, end, label) replace the model's entities
    when a test needs one particular mislabel."""
    doc = nlp(text)
    if ents is not None:
        doc.ents = [SpacySpan(doc, start, end, label=label) for start, end, label in ents]
    return find_actor_mentions(doc, dictionary)


def _groups(mentions: list[ActorMention]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for m in mentions:
        groups.setdefault(m.key, set()).add(m.span.text)
    return groups


def _one(mentions: list[ActorMention], surface: str) -> ActorMention:
    found = [m for m in mentions if m.span.text == surface]
    assert found, f"{surface!r} not among {[m.span.text for m in mentions]}"
    return found[0]


def test_acronym_defined_by_initials_skips_arabic_article(nlp: Any,
                                                          dictionary: ActorDictionary) -> None:
    text = ("Fighters of Harakat Sayf al-Furat (HSF) attacked an army checkpoint on Monday, "
            "and HSF said in a statement that two of its men were killed.")
    ms = _mentions(nlp, dictionary, text)
    full = _one(ms, "Harakat Sayf al-Furat")
    assert {m.span.text for m in ms if m.key == full.key} == {"Harakat Sayf al-Furat", "HSF"}
    assert full.name == "Harakat Sayf al-Furat" and full.actor_type == "armed group"
    assert set(full.aliases) == {"Harakat Sayf al-Furat", "HSF"}
    assert len([m for m in ms if m.span.text == "HSF"]) == 2


def test_acronym_of_a_clipped_name(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("The Euphrates Valley Command (EUVACOM), a coalition of tribal militias, said on "
            "Friday that EUVACOM units had taken the bridge.")
    ms = _mentions(nlp, dictionary, text)
    assert _one(ms, "EUVACOM").key == _one(ms, "Euphrates Valley Command").key


def test_also_known_as(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Liwa al-Qadisiya, also known as the Qadisiya Brigade, claimed the attack on "
            "Sunday. The Qadisiya Brigade said the convoy was carrying weapons.")
    ms = _mentions(nlp, dictionary, text)
    assert len(_groups(ms)) == 1
    assert _one(ms, "Liwa al-Qadisiya").label == "ORG"  # the model says PERSON
    assert _one(ms, "Liwa al-Qadisiya").actor_type == "armed group"


def test_or_alias_and_other_script(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("A statement from the Sword of the Euphrates Movement, or Harakat Sayf al-Furat, "
            "said the drone was shot down.")
    ms = _mentions(nlp, dictionary, text)
    assert _one(ms, "Sword of the Euphrates Movement").key == _one(
        ms, "Harakat Sayf al-Furat").key
    text = "Jabhat Tahrir al-Janub (جبهة تحرير الجنوب) said its fighters had left the village."
    ms = _mentions(nlp, dictionary, text)
    assert _one(ms, "جبهة تحرير الجنوب").key == _one(ms, "Jabhat Tahrir al-Janub").key
    assert _one(ms, "Jabhat Tahrir al-Janub").label == "ORG"  # the model says PERSON "Tahrir.."


def test_name_in_another_script_after_a_reference_back(nlp: Any,
                                                       dictionary: ActorDictionary) -> None:
    text = ("Jabhat Tahrir al-Janub claimed the ambush. The group, which calls itself "
            "جبهة تحرير الجنوب in its statements, said three soldiers were killed.")
    ms = _mentions(nlp, dictionary, text)
    assert len(_groups(ms)) == 1
    assert _one(ms, "group").name == "Jabhat Tahrir al-Janub"


def test_appositive_makes_media_affiliated(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Nahr al-Sabireen, a Telegram news channel associated with Kataib Hezbollah, "
            "published footage of the launch.")
    ms = _mentions(nlp, dictionary, text)
    channel = _one(ms, "Nahr al-Sabireen")
    assert (channel.label, channel.actor_type) == ("ORG", "media")
    assert channel.title is not None and "associated with Kataib Hezbollah" in channel.title
    assert _one(ms, "Kataib Hezbollah").dict_id == "iq.kataib_hezbollah"


def test_titles_and_surname(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Army Colonel Jane Doe, commander of the 41st Brigade, told reporters that the "
            "unit had pulled back. Doe said no soldiers were hurt.")
    ms = _mentions(nlp, dictionary, text)
    doe = _one(ms, "Jane Doe")
    assert doe.title == "Army Colonel, commander of the 41st Brigade"
    assert _one(ms, "Doe").key == doe.key
    assert _one(ms, "41st Brigade").actor_type == "armed group"
    assert "Army" not in {m.span.text for m in ms}  # part of the title, not an actor
    ms = _mentions(nlp, dictionary, "Press Secretary Mark Ellison said the White House "
                                    "would respond.")
    assert _one(ms, "Mark Ellison").title == "Press Secretary"
    assert _one(ms, "White House").dict_id == "us.government"


def test_titles_beside_the_name(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Lt. Col. Sarah Pike, a Central Command spokeswoman, said the strike was "
            "authorized. Kandahar's provincial spokesman, Mawlawi Abdul Hadi Rahimi, "
            "denied it.")
    ms = _mentions(nlp, dictionary, text)
    assert _one(ms, "Sarah Pike").title == "Lt. Col., Central Command spokeswoman"
    rahimi = _one(ms, "Abdul Hadi Rahimi")
    assert rahimi.title == "Mawlawi, Kandahar's provincial spokesman"


def test_people_kept_only_with_title_or_speech(nlp: Any, dictionary: ActorDictionary) -> None:
    text = "Ahmed Jassim stood by the road for hours. Karim Hadi said the road was closed."
    ms = _mentions(nlp, dictionary, text)
    assert {m.span.text for m in ms} == {"Karim Hadi"}


def test_model_mislabels_are_fixed(nlp: Any, dictionary: ActorDictionary) -> None:
    # PERSON with an organization's head word -> ORG; a town called ORG -> no actor;
    # "Warplanes" called ORG -> no actor
    text = "Harakat Sayf al-Furat said warplanes hit its base near Albu Kamal on Tuesday."
    ms = _mentions(nlp, dictionary, text, ents=[(0, 5, "PERSON"), (11, 13, "ORG")])
    assert [(m.span.text, m.label) for m in ms] == [("Harakat Sayf al-Furat", "ORG")]
    ms = _mentions(nlp, dictionary, "Warplanes struck the town overnight, residents said.",
                   ents=[(0, 1, "ORG")])
    assert ms == []
    ms = _mentions(nlp, dictionary, "Two people were killed near Jurf al-Nasr on Friday, "
                                    "according to a local official.")
    assert ms == []


def test_person_defined_by_an_acronym_is_an_organization(nlp: Any,
                                                         dictionary: ActorDictionary) -> None:
    text = "Abna al-Furat (AAF) said on Monday that AAF fighters had left the town."
    ms = _mentions(nlp, dictionary, text, ents=[(0, 4, "PERSON"), (5, 6, "ORG"), (11, 12, "ORG")])
    assert [(m.span.text, m.label) for m in ms] == [("Abna al-Furat", "ORG"), ("AAF", "ORG"),
                                                    ("AAF", "ORG")]
    assert len(_groups(ms)) == 1


def test_a_people_acting_is_an_actor(nlp: Any, dictionary: ActorDictionary) -> None:
    ms = _mentions(nlp, dictionary, "The Kurds said they would boycott the vote, according "
                                    "to Kurdish officials.")
    assert [(m.span.text, m.label, m.actor_type) for m in ms] == [("Kurds", "NORP", "group")]


def test_metonyms_only_when_the_place_acts(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Moscow said on Monday that it would retaliate. Officials in Moscow gave no "
            "details. There was no immediate comment from Kabul.")
    ms = _mentions(nlp, dictionary, text)
    assert [(m.span.text, m.dict_id, m.label) for m in ms] == [
        ("Moscow", "ru.government", "GPE"), ("Kabul", "af.government", "GPE")]
    ms = _mentions(nlp, dictionary, "KABUL, Afghanistan — Afghan forces clashed with "
                                    "gunmen near the border on Sunday, officials said.")
    assert [(m.span.text, m.dict_id) for m in ms] == [("Afghan forces", "af.military")]


def test_country_compositions(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Pakistani border forces opened fire on Sunday, and Afghanistan's defence "
            "ministry said two civilians were killed. Iraq's foreign minister urged restraint.")
    ms = _mentions(nlp, dictionary, text)
    assert [(m.span.text, m.dict_id, m.title) for m in ms] == [
        ("Pakistani border forces", "pk.military", None),
        ("Afghanistan's defence ministry", "af.defence", None),
        ("Iraq's foreign minister", "iq.foreign", "foreign minister")]


def test_references_back(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("Harakat Sayf al-Furat claimed the attack on Tuesday. The Movement said its "
            "fighters had returned safely, and the group added that more would follow.")
    ms = _mentions(nlp, dictionary, text)
    assert [m.span.text for m in ms] == ["Harakat Sayf al-Furat", "Movement", "group"]
    assert len(_groups(ms)) == 1
    text = ("Opening the debate, the minister of water and irrigation told lawmakers that "
            "wells were drying up. According to the ministry, 1,100 wells were sealed.")
    ms = _mentions(nlp, dictionary, text)
    assert {m.name for m in ms} == {"Ministry of Water and Irrigation"}
    assert len(ms) == 2
    ms = _mentions(nlp, dictionary, "The group said nothing about the attack.")
    assert ms == []  # nothing to refer back to


def test_institutions_keep_their_country(nlp: Any, dictionary: ActorDictionary) -> None:
    ms = _mentions(nlp, dictionary, "Jordan's House of Representatives approved the law on "
                                    "Thursday, and the Meridian News Agency reported it. "
                                    "MNA said the vote was close.")
    assert _one(ms, "Jordan's House of Representatives").name == \
        "Jordan House of Representatives"
    assert _one(ms, "MNA").key == _one(ms, "Meridian News Agency").key
    assert _one(ms, "MNA").actor_type == "media"


def test_dictionary_actors_share_one_key(nlp: Any, dictionary: ActorDictionary) -> None:
    text = ("The Pentagon said US forces did not conduct the strike, and US Central Command "
            "(CENTCOM) declined to comment.")
    ms = _mentions(nlp, dictionary, text)
    assert {m.key for m in ms} == {"dict:us.military"}
    assert {m.span.text for m in ms} == {"Pentagon", "US forces", "US Central Command",
                                        "CENTCOM"}
    assert all(m.actor_type == "state force" for m in ms)


# ----------------------------------------------------------------------------- across articles

def _merge(nlp: Any, dictionary: ActorDictionary,
           texts: dict[str, str]) -> tuple[list[Actor], dict[tuple[str, str], str],
                                           dict[str, list[ActorMention]]]:
    per = {aid: _mentions(nlp, dictionary, text) for aid, text in texts.items()}
    actors, mapping = merge_actors(per, dictionary)
    return actors, mapping, per


def _actor_of(actors: list[Actor], mapping: dict[tuple[str, str], str],
              per: dict[str, list[ActorMention]], article: str, surface: str) -> Actor:
    mention = _one(per[article], surface)
    actor_id = mapping[(article, mention.key)]
    return next(a for a in actors if a.id == actor_id)


def test_transliteration_variants_are_one_actor(nlp: Any, dictionary: ActorDictionary) -> None:
    actors, mapping, per = _merge(nlp, dictionary, {
        "a1": "Harakat Sayf al-Furat said it shot down a drone near the border on Monday.",
        "a2": "Harakah Saif al-Furaat said on Tuesday that two of its fighters were killed.",
        "a3": "Harakat Sayf al-Furat warned it would respond, a spokesman said.",
    })
    one = _actor_of(actors, mapping, per, "a1", "Harakat Sayf al-Furat")
    assert _actor_of(actors, mapping, per, "a2", "Harakah Saif al-Furaat") == one
    assert one.name == "Harakat Sayf al-Furat"  # the most frequent spelling
    assert one.aliases == ("Harakah Saif al-Furaat",)
    assert one.n_mentions == 3 and one.actor_type == "armed group"
    assert one.id.startswith("actor:") and one.dict_id is None


def test_acronym_shared_across_articles(nlp: Any, dictionary: ActorDictionary) -> None:
    actors, mapping, per = _merge(nlp, dictionary, {
        "a1": "Harakat Sayf al-Furat (HSF) claimed the rocket attack on the base.",
        "a2": "HSF said on Saturday that it would announce the names of its dead.",
        "a3": "The Sword of the Euphrates Movement, or Harakat Sayf al-Furat, mourned them.",
    })
    hsf = _actor_of(actors, mapping, per, "a2", "HSF")
    assert hsf == _actor_of(actors, mapping, per, "a1", "Harakat Sayf al-Furat")
    assert hsf == _actor_of(actors, mapping, per, "a3", "Sword of the Euphrates Movement")
    assert hsf.name == "Harakat Sayf al-Furat"
    assert set(hsf.aliases) == {"HSF", "Sword of the Euphrates Movement"}


def test_different_groups_stay_apart(nlp: Any, dictionary: ActorDictionary) -> None:
    actors, mapping, per = _merge(nlp, dictionary, {
        "a1": "Kataib Sayyid al-Nasr (KSN) claimed the attack, and the group said more "
              "would follow.",
        "a2": "Kataib Sayyid al-Quds (KSQ) denied any role, and the group said it had no "
              "fighters in the area.",
        "a3": "Harakat Sayf al-Furat (HSF) said the convoy was hit.",
        "a4": "Hezbollah Special Forces (HSF), a unit of the Lebanese group, said it was on "
              "alert.",
        "a5": "HSF said the report was false.",
    })
    ksn = _actor_of(actors, mapping, per, "a1", "KSN")
    ksq = _actor_of(actors, mapping, per, "a2", "KSQ")
    assert ksn != ksq  # acronyms differ, names differ by one word
    assert _actor_of(actors, mapping, per, "a1", "group") == ksn  # "the group" stays local
    assert _actor_of(actors, mapping, per, "a2", "group") == ksq
    hsf1 = _actor_of(actors, mapping, per, "a3", "Harakat Sayf al-Furat")
    hsf2 = _actor_of(actors, mapping, per, "a4", "Hezbollah Special Forces")
    bare = _actor_of(actors, mapping, per, "a5", "HSF")
    assert len({hsf1.id, hsf2.id, bare.id}) == 3  # one acronym spelled out two ways


def test_generic_names_never_merge(nlp: Any, dictionary: ActorDictionary) -> None:
    actors, mapping, per = _merge(nlp, dictionary, {
        "a1": "The Senate approved the budget on Monday. Police said the protest was calm.",
        "a2": "The Senate rejected the bill on Tuesday. Police said two men were arrested.",
    })
    for surface in ("Senate", "Police"):
        first = _actor_of(actors, mapping, per, "a1", surface)
        assert first != _actor_of(actors, mapping, per, "a2", surface)
        assert first.id.startswith("local:")


def test_dictionary_actors_and_people(nlp: Any, dictionary: ActorDictionary) -> None:
    texts = {
        "a1": "US Central Command (CENTCOM) said the strike killed a commander. "
              "Khalid al-Sulaiti, a Qatari official, said talks would resume.",
        "a2": "The Pentagon denied the report. Khalid al-Sulaiti said the ceasefire held.",
    }
    actors, mapping, per = _merge(nlp, dictionary, texts)
    military = _actor_of(actors, mapping, per, "a2", "Pentagon")
    assert military.id == "dict:us.military"
    assert military == _actor_of(actors, mapping, per, "a1", "CENTCOM")
    assert (military.name, military.country, military.n_mentions) == \
        ("United States military", "US", 3)
    person = _actor_of(actors, mapping, per, "a1", "Khalid al-Sulaiti")
    assert person == _actor_of(actors, mapping, per, "a2", "Khalid al-Sulaiti")
    assert person.actor_type == "person"
    again, mapping_again, _ = _merge(nlp, dictionary, texts)
    assert again == actors and mapping_again == mapping  # ids derive from content


# ----------------------------------------------------------------------------- example corpus

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def corpus_actors(tmp_path_factory: pytest.TempPathFactory, nlp: Any,
                  dictionary: ActorDictionary) -> tuple[list[Actor], dict[tuple[str, str], str],
                                                        dict[str, list[ActorMention]]]:
    """The example corpus ingested into a temporary store (as in test_example_corpus), its
    actor mentions found and merged."""
    db = str(tmp_path_factory.mktemp("actors") / "example.db")
    config = load_config(env={}, overrides={"db": db})
    with Store.open(db) as store:
        report = ingest(store, [str(EXAMPLES / "corpus")], config)
        assert report.n_rejected == 0
        articles = list(store.iter_articles())
    per = {a.id: find_actor_mentions(nlp(a.text), dictionary) for a in articles}
    actors, mapping = merge_actors(per, dictionary)
    return actors, mapping, per


def _norm(surface: str) -> str:
    words = alias_key(strip_possessive(surface.split(" (")[0])).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def test_every_gold_actor_is_found(corpus_actors: Any) -> None:
    _, _, per = corpus_actors
    found = {_norm(text) for ms in per.values() for m in ms
             for text in (m.span.text, m.name, *m.aliases)}
    gold = yaml.safe_load((EXAMPLES / "gold.yaml").read_text(encoding="utf-8"))["actors"]
    missing = [g["name"] for g in gold
               if not any(_norm(n) in found for n in [g["name"], *g["aliases"]])]
    assert missing == []


def test_corpus_aliases_land_in_one_actor(corpus_actors: Any) -> None:
    actors, mapping, per = corpus_actors

    def actor_ids(surface: str) -> set[str]:
        return {mapping[(aid, m.key)] for aid, ms in per.items() for m in ms
                if m.span.text == surface}

    hsf = set().union(*(actor_ids(s) for s in ("HSF", "Sword of the Euphrates Movement",
                                               "Harakat Sayf al-Furat", "حركة سيف الفرات")))
    assert len(hsf) == 1
    hsf_actor = next(a for a in actors if a.id in hsf)
    assert hsf_actor.name == "Harakat Sayf al-Furat"
    assert hsf_actor.actor_type == "armed group"
    assert {"HSF", "Sword of the Euphrates Movement", "حركة سيف الفرات"} <= set(hsf_actor.aliases)
    military = set().union(*(actor_ids(s) for s in ("CENTCOM", "US Central Command",
                                                    "U.S. Central Command", "Pentagon")))
    assert military == {"dict:us.military"}
    assert actor_ids("MNA") == actor_ids("Meridian News Agency")
