"""The words around place names in English news, and token tests built on them.

Shared by ``places`` (which spans are places) and ``place_context`` (how the article's
context resolves them). The lists are small and hand-made: each names a signal a reader uses
("in X", "X County", "Gainesville Police", "the Catawba River").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newstrace.language.gazetteer_keys import fold_chars

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT",
                         "LANGUAGE"})
"""Labels the small model puts on towns, or on names that contain one."""
FEATURE_WORDS = frozenset({
    "province", "governorate", "district", "county", "region", "parish", "oblast",
    "prefecture", "municipality", "subdistrict", "wilayah", "wilaya", "township",
})
"""Words after a name that make it an administrative unit ("Idlib province")."""
PLURAL_FEATURES = {"provinces": "province", "governorates": "governorate",
                   "districts": "district", "counties": "County", "parishes": "Parish",
                   "regions": "region", "oblasts": "oblast"}
LOCATIVE_WORDS = frozenset({
    "in", "near", "outside", "around", "into", "across", "throughout", "inside", "toward",
    "towards", "from", "at", "to", "through", "via", "between", "within", "nearby",
})
"""Prepositions before a place ("of" only after a settlement noun: "the town of X")."""
CONFLICT_VERBS = frozenset({
    "entered", "captured", "seized", "shelled", "bombed", "stormed", "struck", "liberated",
    "recaptured", "besieged", "reached", "attacked", "targeted", "overran", "encircled",
    "raided", "visited", "evacuated", "fled", "left", "taking", "took", "retook", "retaking",
    "capturing", "seizing", "shelling", "bombing",
})
"""Verbs whose object is, in conflict news, usually a place ("shelled Al-Bukamal")."""
SETTLEMENT_NOUNS = frozenset({
    "town", "city", "village", "province", "district", "governorate", "region", "county",
    "suburb", "capital", "neighborhood", "neighbourhood", "municipality", "state",
    "township", "hamlet", "outskirts", "residents", "resident", "people", "mayor",
    "countryside", "camp", "centre", "center", "towns", "cities", "villages", "provinces",
    "districts", "suburbs", "camps", "control",
})
"""Nouns in "the town of X", "the outskirts of X", "residents of X"."""
STREET_WORDS = frozenset({
    "Street", "St.", "Road", "Rd.", "Avenue", "Ave.", "Drive", "Boulevard", "Blvd.", "Highway",
    "Parkway", "Lane", "Trail", "Pike",
})
TOWN_NOUNS = frozenset({"town", "city", "village", "hamlet", "township", "settlement",
                        "district", "province", "governorate", "neighborhood",
                        "neighbourhood", "suburb", "camp", "towns", "villages", "settlements",
                        "camps"})
"""Nouns in "the town of X": X is a place, known to the gazetteer or not."""
ORG_HEADS = frozenset({
    "police", "department", "council", "university", "college", "school", "schools", "high",
    "middle", "elementary", "academy", "county", "city", "state", "district", "court",
    "hospital", "center", "centre", "club", "chamber", "association", "society", "board",
    "commission", "committee", "authority", "office", "library", "airport", "church", "bank",
    "times", "post", "herald", "journal", "news", "tribune", "gazette", "daily", "zoo",
    "museum", "fire", "sheriff", "government", "ministry", "army", "forces", "federation",
    "union", "company", "corporation", "group", "foundation", "institute", "agency",
    "service", "services", "public", "parks", "water", "electric", "transit", "housing",
    "community", "regional", "memorial", "national", "international", "metro", "area",
    "parliament", "embassy", "senate", "press", "census", "airlines", "airways", "harbour",
    "harbor", "village", "labour", "party", "port", "assembly", "cabinet", "navy", "guard",
    "railway", "railways", "coast", "football", "star", "sun",
})
"""Words that, after a place name, make a name an organization's ("Gainesville Police")."""
QUALIFIERS = frozenset({"central", "greater", "upper", "lower", "downtown", "far", "metro",
                        "metropolitan", "rural", "coastal", "inner", "outer", "western",
                        "eastern", "northern", "southern"})
"""Words that narrow a place without naming another ("Greater Atlanta", "Far North")."""
NATURAL_WORDS = frozenset({
    "river", "creek", "lake", "island", "islands", "mountain", "mountains", "mount", "valley",
    "bay", "gulf", "sea", "ocean", "canyon", "forest", "desert", "peninsula", "strait",
    "coast", "beach", "hills", "falls", "reservoir", "glacier", "delta", "basin", "cape",
    "plain", "plains", "marsh", "swamp", "oasis",
})
"""Words of natural features, which the gazetteer of settlements and units lacks: such a
name is kept unresolved rather than read as the town it shares a word with."""
WAY_WORDS = frozenset({"highway", "route", "interstate", "freeway", "airport", "port",
                       "harbor", "harbour", "dam", "crossing", "border", "bridge"})
"""Words of man-made features: a town in the name is the place ("Vancouver International
Airport"), else the name is kept unresolved."""
GENERIC_WORDS = frozenset({
    "central", "united", "national", "union", "city", "state", "new", "old", "great",
    "greater", "upper", "lower", "middle", "royal", "mount", "grand", "western", "eastern",
    "northern", "southern", "metro", "capital", "federal", "international",
})
"""Words that open organizations' names far more often than they name a place there."""
COMPASS = re.compile(r"(north|south|east|west|northeast|northwest|southeast|southwest)"
                     r"(ern|ward)?", re.IGNORECASE)
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt",
                    "capt", "president", "minister", "judge", "sheriff", "chief"})
DATELINE_TAIL = re.compile(r"\s*(?:,[^,\n]{2,30})?\s*(?:\([^()\n]{1,40}\))?\s*(?:[–—:]|--?)\s")
"""What follows a dateline's place: ", Ohio", "(AP)", then a dash or a colon."""


def locative(doc: Any, start: int, end: int) -> bool:
    """Whether tokens [start, end) stand where a place stands: after "in", "near", a
    conflict verb, in "the town of _", before a feature word ("_ province") or a state
    ("_, Ohio"), after a place and a comma ("Seaton Street, _"), or listed with a name that
    stands so ("in Foua and _")."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in FEATURE_WORDS:
        return True
    if after is not None and after.text == "," and end + 1 < len(doc):
        state = doc[end + 1]
        if state.ent_type_ == "GPE" and state.text[:1].isupper() and (
                "." in state.text or state.ent_iob_ == "B"):
            return True
    if start == 0:
        return False
    before = doc[start - 1]
    word = before.lower_
    if word == "of":
        return start >= 2 and (doc[start - 2].lower_ in SETTLEMENT_NOUNS
                               or COMPASS.fullmatch(doc[start - 2].text) is not None)
    if word in LOCATIVE_WORDS or word in CONFLICT_VERBS:
        return True
    if word in (",", "and", "or"):
        return _listed_after_place(doc, start - 1)
    return COMPASS.fullmatch(before.text) is not None and start >= 2 and doc[
        start - 2].lower_ in ("in", "of")


def _listed_after_place(doc: Any, joint: int) -> bool:
    """Whether the name before a "," / "and" at ``joint`` is a place or stands as one."""
    end = joint - 1 if joint >= 1 and doc[joint - 1].text == "," else joint
    if end < 1:
        return False
    last = doc[end - 1]
    if last.ent_type_ in ("GPE", "LOC", "FAC") or last.text in STREET_WORDS:
        return bool(doc[joint].text == "," or last.ent_type_ != "FAC")
    start = name_start(doc, end)
    return start < end and start > 0 and doc[start - 1].lower_ in LOCATIVE_WORDS


def capitalized(token: Any) -> bool:
    """A capitalized proper noun: what a name is made of."""
    return bool(token.pos_ == "PROPN" and token.text[:1].isupper())


def acronym(text: str) -> bool:
    """"MNA", "SANA": agency and group acronyms are not places (abbreviations of places,
    "U.S.", "UAE", come as entities)."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 5


def surface_key(text: str) -> str:
    """How one name is recognized across an article: case, spacing and "'s" aside."""
    return " ".join(text.replace("’", "'").removesuffix("'s").split()).casefold()


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """A name folded for exact comparison (case, accents, spaces, punctuation)."""
    return fold_chars(text).replace(" ", "")


def name_start(doc: Any, end: int) -> int:
    """First token of the run of capitalized proper nouns ending before ``end``."""
    start = end
    while start > 0 and capitalized(doc[start - 1]):
        start -= 1
    return start
