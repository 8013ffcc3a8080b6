"""Gazetteer: transliterated names resolve to the right places, context changes ambiguous
choices, and the on-disk index is built once, reused, and rebuilt when damaged.

The real index is built once per test session (tens of seconds); tests of the cache logic
substitute a copy of it for a second build so that they stay fast.
"""

from __future__ import annotations

import math
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from newstrace.language import gazetteer_build
from newstrace.language.gazetteer import Gazetteer, feature_cue, name_key
from newstrace.language.gazetteer_build import BuildReport, ensure_index, index_path

KM = 30.0  # how far a resolved point may be from the real one


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# -- name keys ---------------------------------------------------------------------------

@pytest.mark.parametrize("group", [
    ["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor", "Deir-ez-Zor province",
     "Governorate of Deir ez-Zor"],
    ["Daraa", "Deraa", "Dar'a", "Dar`a", "Dar‘ā"],
    ["Idlib", "Edlib", "Idlib Governorate"],
    ["Hasakah", "Hassakeh", "Al-Hasakah", "Al Ḩasakah"],
    ["Sulaymaniyah", "Sulaimani"],
    ["Albu Kamal", "Abu Kamal", "Al-Bukamal", "Bukamal", "Ālbū Kamāl"],
    ["Erbil", "Irbil", "Arbil"],
])
def test_spelling_variants_share_a_key(group: list[str]) -> None:
    shared = set(name_key(group[0]))
    for surface in group[1:]:
        shared &= set(name_key(surface))
    assert shared, {s: name_key(s) for s in group}


def test_keys_are_long_enough_and_keep_other_scripts() -> None:
    assert name_key("Of") == []
    assert name_key("Ur") == []
    assert "البوكمال" in name_key("البوكمال")
    assert name_key("Idlib province")[0] == "idlib"
    assert feature_cue("Idlib province") == "province"
    assert feature_cue("Governorate of Idlib") == "province"
    assert feature_cue("Kuwait City") == "town"
    assert feature_cue("Idlib") is None


# -- resolution --------------------------------------------------------------------------

PLACES = [  # surface, context countries, country, lat, lon
    ("Al-Bukamal", [], "SY", 34.45, 40.92),
    ("Albu Kamal", ["SY"], "SY", 34.45, 40.92),
    ("Abu Kamal", [], "SY", 34.45, 40.92),
    ("Bukamal", ["Syria"], "SY", 34.45, 40.92),
    ("البوكمال", [], "SY", 34.45, 40.92),
    ("Deir ez-Zor", [], "SY", 35.34, 40.14),
    ("Deir al-Zour", ["SY"], "SY", 35.34, 40.14),
    ("Dayr az Zawr", [], "SY", 35.34, 40.14),
    ("Deir Ezzor", [], "SY", 35.34, 40.14),
    ("Daraa", [], "SY", 32.62, 36.10),
    ("Deraa", ["SY"], "SY", 32.62, 36.10),
    ("Dar'a", ["SY"], "SY", 32.62, 36.10),
    ("Dar`a", ["SY"], "SY", 32.62, 36.10),
    ("Idlib", ["SY"], "SY", 35.93, 36.63),
    ("Edlib", [], "SY", 35.93, 36.63),
    ("Hasakah", [], "SY", 36.50, 40.75),
    ("Hassakeh", ["SY"], "SY", 36.50, 40.75),
    ("Al-Hasakah", [], "SY", 36.50, 40.75),
    ("Sulaymaniyah", [], "IQ", 35.56, 45.43),
    ("Sulaimani", ["IQ"], "IQ", 35.56, 45.43),
    ("Slemani", [], "IQ", 35.56, 45.43),
    ("Erbil", [], "IQ", 36.19, 44.01),
    ("Irbil", ["Iraq"], "IQ", 36.19, 44.01),
    ("Hewlêr", [], "IQ", 36.19, 44.01),
    ("Al-Qaim", ["IQ"], "IQ", 34.37, 41.09),
    ("Spin Boldak", [], "AF", 31.0, 66.4),
    ("Chaman", ["PK"], "PK", 30.92, 66.45),
    ("Chaman", [], "PK", 30.92, 66.45),
    ("Doha", [], "QA", 25.29, 51.53),
    ("Kabul", [], "AF", 34.53, 69.17),
    ("Tehran", [], "IR", 35.69, 51.42),
    ("Baghdad", [], "IQ", 33.34, 44.40),
    ("Damascus", [], "SY", 33.51, 36.29),
]


@pytest.mark.parametrize(("surface", "countries", "country", "lat", "lon"), PLACES)
def test_transliterations_resolve_to_the_right_town(
    gaz: Gazetteer, surface: str, countries: list[str], country: str, lat: float, lon: float
) -> None:
    res = gaz.resolve(surface, countries=countries)
    assert res is not None, surface
    place = res.place
    assert place.country == country, place
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, lat, lon) < KM, place
    assert res.precision == "town" == place.feature
    assert 0 < res.score <= 1


def test_province_surface_resolves_to_the_province(gaz: Gazetteer) -> None:
    for surface in ("Deir ez-Zor province", "Deir ez-Zor Governorate",
                    "Governorate of Deir ez-Zor", "Dayr az Zawr province"):
        res = gaz.resolve(surface, countries=["SY"])
        assert res is not None
        assert (res.place.id, res.precision, res.place.country) == ("gn:170792", "province", "SY")
    province = gaz.resolve("Deir ez-Zor province")
    assert province is not None and province.place.lat is not None
    assert province.place.lon is not None and province.place.coord_source == "towns_center"
    # the governorate's point lies within it, not at a same-named town elsewhere
    assert km(province.place.lat, province.place.lon, 35.0, 40.5) < 150
    idlib = gaz.resolve("Idlib province")
    assert idlib is not None and idlib.precision == "province" and idlib.place.country == "SY"


def test_bare_name_prefers_the_city_but_lookup_shows_the_province(gaz: Gazetteer) -> None:
    res = gaz.resolve("Idlib", countries=["SY"])
    assert res is not None and res.place.feature == "town"
    assert res.place.admin1 == "Idlib"
    features = {c.place.feature for c in gaz.lookup("Idlib") if c.place.country == "SY"}
    assert {"town", "province"} <= features
    preferred = gaz.resolve("Idlib", countries=["SY"], prefer="province")
    assert preferred is not None and preferred.place.feature == "province"
    district = gaz.resolve("Idlib District", countries=["SY"])
    assert district is not None and district.precision == "district"


def test_context_countries_change_an_ambiguous_choice(gaz: Gazetteer) -> None:
    lebanon = gaz.resolve("Tripoli", countries=["LB"])
    libya = gaz.resolve("Tripoli", countries=["Libya"])
    assert lebanon is not None and libya is not None
    assert lebanon.place.country == "LB" and libya.place.country == "LY"
    assert lebanon.place.lat is not None and lebanon.place.lon is not None
    assert km(lebanon.place.lat, lebanon.place.lon, 34.43, 35.84) < KM
    syria = gaz.resolve("Hama", countries=["SY"])
    japan = gaz.resolve("Hama", countries=["JP"])
    assert syria is not None and japan is not None
    assert syria.place.country == "SY" and syria.place.feature == "town"
    assert japan.place.country == "JP"
    us = gaz.resolve("Alexandria", countries=["US"])
    egypt = gaz.resolve("Alexandria", countries=["EG"])
    assert us is not None and egypt is not None
    assert us.place.country == "US" and egypt.place.country == "EG"


def test_containing_province_picks_among_same_named_towns(gaz: Gazetteer) -> None:
    res = gaz.resolve("Springfield", countries=["US"], admin1="Illinois")
    assert res is not None and res.place.admin1 == "Illinois"
    assert res.place.lat is not None and res.place.lon is not None
    assert km(res.place.lat, res.place.lon, 39.80, -89.64) < KM
    other = gaz.resolve("Springfield", countries=["US"], admin1="Massachusetts")
    assert other is not None and other.place.admin1 == "Massachusetts"


def test_countries_by_code_name_and_news_forms(gaz: Gazetteer) -> None:
    expected = {
        "SY": ["Syria", "Syrian Arab Republic", "SY", "SYR"],
        "US": ["the US", "United States", "U.S.", "US", "USA", "United States of America"],
        "IR": ["Iran", "Islamic Republic of Iran"],
        "IQ": ["Iraq"], "AF": ["Afghanistan"], "PK": ["Pakistan"], "JO": ["Jordan"],
        "QA": ["Qatar"], "GB": ["UK", "United Kingdom", "Britain"],
    }
    for code, forms in expected.items():
        for form in forms:
            place = gaz.country(form)
            assert place is not None and place.country == code, form
            assert place.feature == "country" and place.lat is not None
    assert gaz.country("Atlantis") is None
    us = gaz.resolve("U.S.")
    assert us is not None and us.place.country == "US" and us.precision == "country"
    syria = gaz.resolve("Syria")
    assert syria is not None and syria.precision == "country" and syria.place.country == "SY"


def test_get_round_trips_and_exposes_alternate_names(gaz: Gazetteer) -> None:
    place = gaz.get("gn:174448")
    assert place is not None and place.country == "SY" and place.country_name == "Syria"
    assert place.admin1 == "Dayr az Zawr" and place.population > 0
    assert "Abu Kamal" in gaz.alternate_names("gn:174448")
    assert gaz.get("gn:0") is None
    for candidate in gaz.lookup("Kabul"):
        assert gaz.get(candidate.place.id) == candidate.place


def test_unknown_and_non_place_names_return_none(gaz: Gazetteer) -> None:
    assert gaz.resolve("Xqzzyvillex") is None
    assert gaz.resolve("Of") is None
    assert gaz.resolve("") is None
    assert gaz.lookup("zzzz qqqq") == []
    # a made-up village: no near-spelled substitute either
    assert gaz.resolve("Tell Qasrawiyat", countries=["IQ"]) is None


def test_common_words_and_lowercase_are_reported_with_low_confidence(gaz: Gazetteer) -> None:
    word = gaz.resolve("reading")
    place = gaz.resolve("Reading", countries=["GB"])
    assert word is not None and place is not None
    assert word.score < 0.2 < place.score


def test_abbreviations_demonyms_and_continents(gaz: Gazetteer) -> None:
    expected = {  # surface -> (id, match)
        "Calif.": ("gn:5332921", "abbreviation"), "W.Va.": ("gn:4826850", "abbreviation"),
        "B.C.": ("gn:5909050", "abbreviation"), "U.S.": ("gn:6252001", "abbreviation"),
        "Syrian": ("gn:163843", "demonym"), "Iraqis": ("gn:99237", "demonym"),
        "Sri Lankan": ("gn:1227603", "demonym"),
    }
    for surface, (place_id, match) in expected.items():
        res = gaz.resolve(surface)
        assert res is not None and (res.place.id, res.match) == (place_id, match), surface
    # abbreviations count only as written: with their dots or in capitals
    assert all(c.match != "abbreviation" for c in gaz.lookup("calif"))
    assert all(c.match != "demonym" for c in gaz.lookup("syrian"))
    asia = gaz.resolve("Asia")
    assert asia is not None and asia.precision == "continent" and asia.place.country == ""


def test_weak_matches_do_not_invent_places(gaz: Gazetteer) -> None:
    # a plain match of a country beats a vowel-folded town in the context country
    iran = gaz.resolve("Iran", countries=["TR"])
    assert iran is not None and iran.place.country == "IR" and iran.precision == "country"
    # no plain match and nothing sizeable: no answer rather than a look-alike hamlet
    assert gaz.resolve("Qqarbazzuk") is None
    assert all(c.match in ("variant", "skeleton") for c in gaz.lookup("Hassakeh")
               if c.place.id == "gn:173811")


def test_iso_ids_find_units_and_countries(gaz: Gazetteer) -> None:
    damascus = gaz.get("iso:SY-DI")
    assert damascus is not None and damascus.feature == "province" and damascus.country == "SY"
    texas = gaz.get("iso:US-TX")
    assert texas is not None and texas.name == "Texas"
    syria = gaz.get("iso:SY")
    assert syria is not None and syria.feature == "country"
    assert gaz.get("iso:ZZ-99") is None


def test_lookup_reports_how_it_matched(gaz: Gazetteer) -> None:
    by_id = {c.place.id: c for c in gaz.lookup("Deir Ezzor")}
    assert by_id["gn:170794"].match in ("name", "alternate")
    variant = {c.place.id: c for c in gaz.lookup("Hassakeh")}["gn:173811"]
    assert variant.match == "variant" and variant.key.startswith("~")
    assert variant.score < by_id["gn:170794"].score


# -- the on-disk cache -------------------------------------------------------------------

def test_second_load_reuses_the_cache(gaz_dir: Path) -> None:
    started = time.perf_counter()
    with Gazetteer.load(gaz_dir) as gaz:
        elapsed = time.perf_counter() - started
        assert gaz.build_report is None
        assert gaz.resolve("Kabul") is not None
    assert elapsed < 0.5
    assert gaz.path == index_path(gaz_dir)
    assert list(gaz_dir.glob("*.tmp")) == []


def test_default_cache_dir_follows_the_environment(
    gaz_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSTRACE_CACHE", str(gaz_dir))
    with Gazetteer.load() as gaz:
        assert gaz.build_report is None and gaz.path.parent == gaz_dir


@pytest.fixture
def fake_build(gaz_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace the (slow) real build by a copy of the session's index; record each build."""
    built: list[Path] = []
    source = index_path(gaz_dir)

    def build(dest: Path) -> BuildReport:
        built.append(dest)
        tmp = dest.with_name(dest.name + ".copy.tmp")
        shutil.copyfile(source, tmp)
        time.sleep(0.2)  # long enough for a concurrent loader to queue on the lock
        tmp.replace(dest)
        return BuildReport(dest, 0.2, dest.stat().st_size, 0, 0, 0.0)

    monkeypatch.setattr(gazetteer_build, "build_index", build)
    return built


def test_garbled_cache_file_is_rebuilt(tmp_path: Path, fake_build: list[Path]) -> None:
    path = index_path(tmp_path)
    path.write_bytes(b"this is not a database" * 1000)
    with Gazetteer.load(tmp_path) as gaz:
        assert gaz.build_report is not None
        assert gaz.resolve("Idlib") is not None
    assert fake_build == [path]


def test_truncated_cache_file_is_rebuilt(
    tmp_path: Path, gaz_dir: Path, fake_build: list[Path]
) -> None:
    path = index_path(tmp_path)
    data = index_path(gaz_dir).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with Gazetteer.load(tmp_path) as gaz:
        assert gaz.build_report is not None
        assert gaz.resolve("Damascus") is not None
    assert len(fake_build) == 1


def test_cache_of_another_version_is_not_used(tmp_path: Path, gaz_dir: Path,
                                              fake_build: list[Path]) -> None:
    path = index_path(tmp_path)
    shutil.copyfile(index_path(gaz_dir), path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'other' WHERE key = 'version'")
    conn.close()
    with Gazetteer.load(tmp_path) as gaz:
        assert gaz.build_report is not None
    assert len(fake_build) == 1


def test_killed_build_leaves_no_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: object, conn: sqlite3.Connection) -> tuple[int, int]:
        conn.execute("INSERT INTO places (pid, id, name, feature, country, population, "
                     "coord_source, capital, alt_names) VALUES (1, 'x', 'x', 'town', 'XX', 0, "
                     "'geonames', 0, '')")
        raise KeyboardInterrupt

    monkeypatch.setattr(gazetteer_build._Builder, "write", crash)
    stale = tmp_path / (index_path(tmp_path).name + ".123-abc.tmp")
    stale.write_bytes(b"left by a killed build")
    with pytest.raises(KeyboardInterrupt):
        ensure_index(tmp_path)
    assert not index_path(tmp_path).exists()
    assert list(tmp_path.glob("*.tmp")) == []


def test_concurrent_first_loads_build_once(tmp_path: Path, fake_build: list[Path]) -> None:
    results: list[bool] = []

    def load() -> None:
        conn, report = ensure_index(tmp_path)
        results.append(report is not None)
        conn.close()

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake_build) == 1
    assert sorted(results) == [False, False, True]


def test_bundled_supplement_adds_places_geonames_lacks(gaz: Gazetteer) -> None:
    jurf = gaz.resolve("Jurf al-Nasr", countries=["IQ"])
    assert jurf is not None and jurf.place.id == "nt:jurf-al-sakhar"
    assert jurf.place.admin1 == "Bābil" and jurf.place.lat == 32.88
    assert gaz.resolve("Jurf al-Sakhar").place.name == "Jurf al-Sakhar"  # type: ignore[union-attr]
