"""Place mentions: spaCy's place spans and the label fixes resolve on the gazetteer, article
context picks the right namesake, and names of people, agencies and ordinary words stay out.

The sentences are written for these tests. The real gazetteer index is built once per
session (tens of seconds) and the spaCy pipeline once per module.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Collection
from typing import Any

import pytest

from newstrace.language.gazetteer import Gazetteer
from newstrace.language.nlp import load_nlp
from newstrace.language.places import find_places
from newstrace.language.records import PlaceRef
from newstrace.normalize import find_dateline
from newstrace.records import Dateline

ABU_KAMAL = (34.45, 40.92)  # GeoNames 174448, Ālbū Kamāl, Syria


@pytest.fixture(scope="module")
def nlp() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W036: the ruler holds no patterns in these tests
        return load_nlp()


def places(nlp: Any, gaz: Gazetteer, text: str, *, dateline: Dateline | None = None,
           exclude: Collection[tuple[int, int]] = ()) -> list[PlaceRef]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = nlp(text)
    found = find_places(doc, gaz, dateline=dateline, exclude=exclude)
    for ref in found:  # every span points at its text
        assert text[ref.span.start:ref.span.end] == ref.span.text
    return found


def by_text(found: list[PlaceRef]) -> dict[str, PlaceRef]:
    return {ref.span.text: ref for ref in found}


def near(ref: PlaceRef, lat: float, lon: float, km: float = 25.0) -> bool:
    assert ref.lat is not None and ref.lon is not None, ref
    return math.dist((ref.lat, ref.lon), (lat, lon)) * 111 < km


# -- the border town under its spellings --------------------------------------------------

@pytest.mark.parametrize(("text", "surface"), [
    ("Syrian government forces shelled Al-Bukamal, a town near the Iraqi border in "
     "Deir ez-Zor province, on Tuesday, activists said.", "Al-Bukamal"),
    ("Islamic State fighters withdrew from Albu Kamal on Sunday. The town lies on the "
     "Euphrates in Deir al-Zour province, close to the border with Iraq.", "Albu Kamal"),
    ("Residents of Abu Kamal said coalition aircraft struck the town overnight. Abu Kamal "
     "is the last major town the group holds in Syria.", "Abu Kamal"),
])
def test_border_town_resolves_under_each_spelling(nlp: Any, gaz: Gazetteer, text: str,
                                                  surface: str) -> None:
    found = by_text(places(nlp, gaz, text))
    town = found[surface]
    assert (town.country, town.precision, town.role) == ("SY", "town", "mention")
    assert near(town, *ABU_KAMAL), town
    assert town.place_id == "gn:174448" and town.score > 0.5
    assert town.label == "GPE"  # the model's ORG/PERSON label was fixed


def test_province_suffix_resolves_to_the_province(nlp: Any, gaz: Gazetteer) -> None:
    text = ("Islamic State fighters withdrew from Albu Kamal on Sunday. The town lies on the "
            "Euphrates in Deir al-Zour province, close to the border with Iraq.")
    province = by_text(places(nlp, gaz, text))["Deir al-Zour province"]
    assert (province.precision, province.country, province.name) == (
        "province", "SY", "Dayr az Zawr")
    idlib = by_text(places(nlp, gaz, "Government aircraft bombed villages across Idlib "
                                     "province on Monday, a monitoring group said."))
    assert idlib["Idlib province"].precision == "province"
    assert idlib["Idlib province"].country == "SY"


def test_idlib_and_edlib(nlp: Any, gaz: Gazetteer) -> None:
    text = ("The army shelled rebel positions in Edlib province on Monday. Thousands fled "
            "Idlib as the offensive widened, the UN said in Syria.")
    found = by_text(places(nlp, gaz, text))
    assert found["Edlib province"].precision == "province"
    assert found["Edlib province"].name == "Idlib"
    assert found["Idlib"].precision == "town"  # a bare name is the city
    assert near(found["Idlib"], 35.93, 36.63)
    assert found["Syria"].precision == "country"


def test_nationality_adjective_is_its_country(nlp: Any, gaz: Gazetteer) -> None:
    text = "Iraqi police said the convoy reached Kirkuk on Friday."
    found = by_text(places(nlp, gaz, text))
    assert (found["Iraqi"].precision, found["Iraqi"].country, found["Iraqi"].label) == (
        "country", "IQ", "NORP")
    assert found["Kirkuk"].country == "IQ"  # ORG in the model; "reached" + Iraqi context


# -- datelines ------------------------------------------------------------------------------

def test_dateline_is_the_reporting_place_not_a_mention(nlp: Any, gaz: Gazetteer) -> None:
    text = ("DAMASCUS (SANA) – Army units restored security to several villages in the "
            "countryside of Hama, the state news agency said.")
    dateline = find_dateline(text)
    assert dateline is not None
    found = places(nlp, gaz, text, dateline=dateline)
    roles = [(ref.span.text, ref.role) for ref in found]
    assert roles[0] == ("DAMASCUS", "dateline")
    assert [r for r in found if r.role == "dateline"] == found[:1]
    assert found[0].country == "SY" and near(found[0], 33.51, 36.29)
    assert not any(ref.span.start < dateline.end for ref in found[1:])
    assert not any(ref.span.text == "SANA" for ref in found)
    assert by_text(found)["Hama"].country == "SY"  # "the countryside of" + dateline country


def test_dateline_with_region(nlp: Any, gaz: Gazetteer) -> None:
    text = "KIRKUK, Iraq — Police closed the main roads after the blast, officials said."
    dateline = find_dateline(text)
    assert dateline is not None
    found = places(nlp, gaz, text, dateline=dateline)
    assert found[0].role == "dateline" and found[0].span.text == "KIRKUK, Iraq"
    assert found[0].country == "IQ" and found[0].precision == "town"
    assert [r.role for r in found].count("dateline") == 1


# -- what is not a place ----------------------------------------------------------------------

def test_agency_acronym_is_no_place(nlp: Any, gaz: Gazetteer) -> None:
    text = ("Iraqi police said the convoy reached Kirkuk on Friday, according to MNA. MNA "
            "reported no casualties in Iraq.")
    found = places(nlp, gaz, text)
    assert "MNA" not in by_text(found)
    assert {ref.span.text for ref in found} == {"Iraqi", "Kirkuk", "Iraq"}


def test_a_persons_first_name_is_no_place(nlp: Any, gaz: Gazetteer) -> None:
    text = ("The singer Paris Hilton opened a shop in Dubai on Friday. Paris told reporters "
            "she was delighted.")
    found = places(nlp, gaz, text)
    assert [ref.span.text for ref in found] == ["Dubai"]


def test_sentence_initial_word_is_no_place(nlp: Any, gaz: Gazetteer) -> None:
    text = "Reading the statement aloud, the Iraqi governor said militias had shelled Mosul."
    found = by_text(places(nlp, gaz, text))
    assert "Reading" not in found
    assert found["Mosul"].country == "IQ"


def test_exclude_skips_spans_claimed_as_actors(nlp: Any, gaz: Gazetteer) -> None:
    text = "Moscow said on Monday that its forces had left Aleppo, in northern Syria."
    assert "Moscow" in by_text(places(nlp, gaz, text))
    found = by_text(places(nlp, gaz, text, exclude=[(0, 6)]))
    assert "Moscow" not in found and "Syria" in found


# -- unresolved ----------------------------------------------------------------------------

def test_unknown_place_stays_unresolved(nlp: Any, gaz: Gazetteer) -> None:
    # an invented name, so that no gazetteer has it; the model calls it PERSON
    text = ("Clashes broke out near the town of Khirbat Umm Jaddur in Babil province, Iraqi "
            "officials said.")
    found = by_text(places(nlp, gaz, text))
    unknown = found["Khirbat Umm Jaddur"]
    assert (unknown.place_id, unknown.name, unknown.precision, unknown.score) == (
        None, None, None, 0.0)
    assert unknown.lat is None and unknown.role == "mention"
    assert found["Babil province"].precision == "province"


def test_no_places_in_text_without_any(nlp: Any, gaz: Gazetteer) -> None:
    assert places(nlp, gaz, "The committee will meet again next week, a spokesman said.") == []
    assert places(nlp, gaz, "") == []


# -- article context -----------------------------------------------------------------------

def test_state_after_a_comma_picks_the_namesake(nlp: Any, gaz: Gazetteer) -> None:
    text = ("Police in Alexandria, La., said a man was arrested on Orchard Street after a "
            "fire on Sunday.")
    found = by_text(places(nlp, gaz, text))
    assert (found["Alexandria"].country, found["Alexandria"].admin1) == ("US", "Louisiana")
    assert found["La."].precision == "province"
    street = found["Orchard Street"]  # a street: a place the gazetteer lacks
    assert street.place_id is None and street.label == "FAC"


def test_article_province_picks_the_local_namesake(nlp: Any, gaz: Gazetteer) -> None:
    text = ("A Paris man was arrested by Henry County deputies on Sunday. The Henry County "
            "Sheriff's Office in Tennessee said he was held at the county jail.")
    found = places(nlp, gaz, text)
    paris = by_text(found)["Paris"]
    assert (paris.country, paris.admin1) == ("US", "Tennessee")
    assert near(paris, 36.30, -88.33)
    assert {ref.admin1 for ref in found if ref.span.text == "Henry County"} == {"Tennessee"}


def test_place_inside_an_organization_name(nlp: Any, gaz: Gazetteer) -> None:
    text = "The Ohio Department of Health reported 12 new cases, officials in Columbus said."
    found = by_text(places(nlp, gaz, text))
    ohio = found["Ohio"]
    assert (ohio.precision, ohio.label) == ("province", "ORG")  # named inside an ORG's name
    assert found["Columbus"].admin1 == "Ohio"


def test_listed_provinces(nlp: Any, gaz: Gazetteer) -> None:
    text = ("Hundreds fled villages in Idlib and Hama provinces after Syrian and Russian jets "
            "struck the area.")
    found = by_text(places(nlp, gaz, text))
    assert found["Idlib"].precision == found["Hama"].precision == "province"
    assert found["Hama"].country == "SY"
    assert found["Russian"].country == "RU"


def test_dateline_after_a_headline(nlp: Any, gaz: Gazetteer) -> None:
    text = "Budget approved. COLUMBUS -- The city council approved the budget on Monday."
    found = places(nlp, gaz, text)
    assert [(ref.span.text, ref.role, ref.country) for ref in found] == [
        ("COLUMBUS", "dateline", "US")]


def test_a_hamlet_abroad_is_not_taken_for_a_name_in_the_article(nlp: Any,
                                                                gaz: Gazetteer) -> None:
    text = ("Afghan and Pakistani border forces exchanged fire on Sunday near the Friendship "
            "Gate, the busy crossing that links Spin Boldak with the Pakistani town of Chaman, "
            "traders said.")
    found = places(nlp, gaz, text)
    assert all(ref.country in (None, "AF", "PK") for ref in found), found
