"""Place mentions of an article, resolved on the offline gazetteer.

Only spans that something already marks as places are resolved: fuzzy matching over raw text
invents places from ordinary words and first names. Those spans are

* spaCy's GPE, LOC and FAC entities, extended over a following feature word ("Idlib"
  + "province") so that the gazetteer's feature cue applies. A one-word GPE the gazetteer
  does not know as written, outside a locative context, is dropped: the small model calls
  surnames GPE ("Hartmann said");
* nationality adjectives (NORP "Syrian", "Russians"), resolved to their country: news
  geoparsing corpora annotate them as toponyms, and they tell which countries an article is
  about;
* "X County", "X Province": a capitalized name with a feature word is a place whatever the
  model called it ("Anderson County Sheriff Greg Taylor"), and so is each name in "Idlib
  and Hama provinces";
* label fixes: the small model calls towns ORG, PERSON or FAC ("Al-Bukamal", "Lancaster
  police") or leaves them unlabelled. Such a span becomes a place only with strong evidence:
  the gazetteer has it, as written, in one of the article's countries AND the context is
  locative ("in X", "near X", "the town of X", "X province", "shelled X", "X, Ohio"); or the
  same surface is a place elsewhere in the article (one sense per discourse). A word of a
  person's name, an acronym ("MNA") and a lone sentence-initial word never qualify;
* places opening or closing an organization's name ("the Ohio Department of Health",
  "University of Cincinnati"), when the place is a country, province or county, is a place
  elsewhere in the article, or is a town in the article's province. They keep the
  organization's label ("ORG"), so a later stage can tell them from where things happened;
* datelines: the one ingest found (role "dateline", its entity no "mention") and a wire
  dateline opening a later paragraph or following a headline ("COLUMBUS --").

Resolution runs twice. The first pass, without context, collects the article's countries:
named countries, nationality adjectives, places whose every exact namesake lies in one
country or that resolve confidently, and the dateline (counted double: it says where the
reporter was). The second resolves every span with those countries (most mentioned first) and
a province: the one the text attaches ("X, Y", "X in Y province"), else the province the
article's places share most. One surface keeps one reading per article: a province attached
to one of its mentions applies to all of them. Spans the gazetteer does not know stay,
unresolved (place_id None, score 0): "Jurf al-Sakhar" is still a place.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from newstrace.language.gazetteer import Gazetteer, Place, Resolution, feature_cue
from newstrace.language.gazetteer_keys import fold_chars
from newstrace.language.records import PlaceRef, Span
from newstrace.records import Dateline

__all__ = ["find_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
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
    "towards", "from", "at", "to", "through", "via", "between", "within", "nearby", "of",
})
CONFLICT_VERBS = frozenset({
    "entered", "captured", "seized", "shelled", "bombed", "stormed", "struck", "liberated",
    "recaptured", "besieged", "reached", "attacked", "targeted", "overran", "encircled",
    "raided", "visited", "evacuated", "fled", "left",
})
"""Verbs whose object is, in conflict news, usually a place ("shelled Al-Bukamal")."""
SETTLEMENT_NOUNS = frozenset({
    "town", "city", "village", "province", "district", "governorate", "region", "county",
    "suburb", "capital", "neighborhood", "neighbourhood", "municipality", "state",
    "township", "hamlet", "outskirts", "residents", "resident", "people", "mayor",
    "countryside", "camp", "centre", "center",
})
"""Nouns in "the town of X", "the outskirts of X", "residents of X"."""
STREET_WORDS = frozenset({
    "Street", "St.", "Road", "Rd.", "Avenue", "Ave.", "Drive", "Boulevard", "Blvd.", "Highway",
    "Parkway", "Lane", "Trail", "Pike",
})
TOWN_NOUNS = frozenset({"town", "city", "village", "hamlet", "township", "settlement",
                        "district", "province", "governorate", "neighborhood",
                        "neighbourhood", "suburb", "camp"})
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
COUNTRY_WEIGHT = 1.0
PLACE_WEIGHT = 0.5
DATELINE_WEIGHT = 2.0
STRONG_SCORE = 0.75
BIG_CITY = 100_000
CONTEXT_ROUNDS = 2
NEAR_KM = 100.0
"""How near the article's unambiguous places a namesake must lie to be preferred."""
MIN_WEAK_SCORE = 0.3
"""A vowel-folded or skeleton match less sure than this is left unresolved."""
DOMINANT_SHARE = 0.9
"""A unit holding this share of the people of all places so named is the one meant."""
PROVINCE_RATIO = 100
"""The article's province may pick a namesake up to this many times smaller."""
"""A context-free resolution at least this sure counts towards the article's countries."""
EMBEDDED_FEATURES = frozenset({"country", "province", "district", "continent"})
MIN_HINT_SCORE = 0.5
EXACT_MATCHES = frozenset({"name", "alternate", "abbreviation"})
NAMED_PROVINCE_VOTES = 2
MIN_PROVINCE_VOTES = 2


@dataclass(frozen=True, slots=True)
class _Cand:
    """A span to resolve, why it is one (``source``) and what the text attaches to it."""

    start: int
    end: int
    text: str
    label: str
    source: str  # "entity", "street", "demonym", "feature", "fixed", "embedded", "dateline"
    admin1: str | None = None
    country: str | None = None


@dataclass(slots=True)
class _Article:
    """One article being read: its parse, the gazetteer and what the first pass learned."""

    doc: Any
    text: str  # doc.text, which spaCy rebuilds from the tokens at every access
    gaz: Gazetteer
    persons: set[str]
    countries: list[str] = field(default_factory=list)
    province: str | None = None
    known: set[str] = field(default_factory=set)
    alternates: dict[str, frozenset[str]] = field(default_factory=dict)
    namesakes: dict[str, list[Place]] = field(default_factory=dict)


def find_places(doc: Any, gazetteer: Gazetteer, *, dateline: Dateline | None = None,
                exclude: Collection[tuple[int, int]] = ()) -> list[PlaceRef]:
    """Place mentions of a parsed article, in text order.

    ``doc`` is the spaCy Doc of the article's normalized text; ``dateline`` the one ingest
    found (its place becomes a "dateline" PlaceRef and its entity no "mention"); ``exclude``
    the (start, end) spans another module claimed ("Washington said": a government).
    """
    art = _Article(doc, doc.text, gazetteer, _person_words(doc))
    blocked = list(exclude) + ([(dateline.start, dateline.end)] if dateline else [])
    dl = _dateline_cand(art.text, dateline)
    base = _merge([], [c for c in _entity_cands(art) if not _overlaps(c, blocked)])
    art.countries = _article_countries(art, base, dl)
    art.province = _article_province(art, base)
    art.known = {_norm(c.text) for c in base if c.source == "entity" and c.label != "FAC"}
    for _ in range(CONTEXT_ROUNDS):  # the places found refine the context, which finds more
        extra = [c for c in _extra_cands(art) if not _overlaps(c, blocked)]
        cands = _merge(([dl] if dl else []) + base, extra)
        found = [c for c in cands if c.source != "dateline"]
        art.countries = _article_countries(art, found, dl)
        art.province = _article_province(art, found)
    cands = _share_hints(_attach_context(art.text, cands, gazetteer))
    return _nearest_namesakes(art, cands, [_resolve(c, art) for c in cands])


# -- entity spans ----------------------------------------------------------------------------

def _entity_cands(art: _Article) -> Iterator[_Cand]:
    """Streets, GPE/LOC/FAC entities, nationality adjectives and "X County" spans."""
    doc = art.doc
    yield from _street_cands(doc)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            cand = _place_entity(art, ent)
            if cand is not None:
                yield cand
        elif ent.label_ == "NORP":
            res = art.gaz.resolve(ent.text)
            if res is not None and res.match == "demonym":
                yield _Cand(ent.start_char, ent.end_char, ent.text, "NORP", "demonym")
    yield from _feature_cands(doc)


def _place_entity(art: _Article, ent: Any) -> _Cand | None:
    """The place a GPE/LOC/FAC entity names, if any. A name of several words the gazetteer
    does not know is read on the place it holds ("Northeast Georgia" as Georgia, "Henderson
    County Jail" as Henderson County), kept unresolved when it names a feature the gazetteer
    lacks (rivers, islands, highways) or stands where a place stands, and dropped otherwise
    ("United Way", "St. Patrick's Day", a name the model took for a place)."""
    doc = art.doc
    tokens = _trim(doc, ent.start, ent.end)
    if tokens is None or not _plausible_entity(art, *tokens):
        return None
    start, end = _extend_feature(doc, *tokens)
    whole = _cand(doc, start, end, ent.label_, "entity")
    if end - start == 1 or _known(art, whole.text):
        return whole
    core = start
    while core < end - 1 and (COMPASS.fullmatch(doc[core].text) or doc[core].lower_ in (
            QUALIFIERS)):
        core += 1
    if core > start and _known(art, doc[core:end].text):
        return replace(whole, text=doc[core:end].text)
    words = {t.lower_ for t in doc[start:end]}
    if not words.isdisjoint(NATURAL_WORDS):
        return whole  # the Catawba River is not the town of Catawba
    for part in _name_parts(doc, start, end):
        if part != (start, end) and _exact(art, doc[part[0]:part[1]].text):
            return _cand(doc, *part, ent.label_, "entity")
    if not words.isdisjoint(WAY_WORDS) or _locative(doc, start, end):
        return whole
    return None


def _known(art: _Article, text: str) -> bool:
    """Whether the gazetteer resolves a surface by name, or by a sure enough variant."""
    res = art.gaz.resolve(text)
    return res is not None and (res.match in EXACT_MATCHES or res.score >= MIN_WEAK_SCORE)


def _plausible_entity(art: _Article, start: int, end: int) -> bool:
    """Whether a GPE/LOC/FAC span may be a place: not a person's name or title ("Paris said"
    after "Paris Hilton", "Ms Izevbekhai"), not a lone word the gazetteer does not know as
    written outside a locative context ("Hartmann said")."""
    doc = art.doc
    text = doc[start:end].text
    if doc[start].lower_.rstrip(".") in TITLES:
        return False
    if _locative(doc, start, end):
        return True
    if _norm(text) in art.persons:
        return False
    return end - start > 1 or _exact(art, text)


def _trim(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """Token range without a leading "the" and a trailing possessive; None for spans that
    hold no capitalized word ("meth", "n't")."""
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    if end <= start or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    return start, end


def _extend_feature(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Include a following feature word: "Deir ez-Zor" + "province"."""
    if end < len(doc) and doc[end].lower_ in FEATURE_WORDS:
        return start, end + 1
    return start, end


def _feature_cands(doc: Any) -> Iterator[_Cand]:
    """"Anderson County", "Rapides Parish" (capitalized feature word: a name, whatever the
    model says) and each name of "Idlib and Hama provinces"."""
    for token in doc:
        word = token.lower_
        if word in FEATURE_WORDS and token.text[:1].isupper() and token.i > 0:
            start = _name_start(doc, token.i)
            if start < token.i:
                yield _cand(doc, start, token.i + 1, "GPE", "feature")
        elif word in PLURAL_FEATURES:
            yield from _listed(doc, token.i, PLURAL_FEATURES[word])


def _street_cands(doc: Any) -> Iterator[_Cand]:
    """"Orchard Street", "Wichita Drive": streets are places the gazetteer lacks (kept
    unresolved), and a street named after a town is not the town."""
    for token in doc:
        if token.text in STREET_WORDS and token.i > 0:
            start = _name_start(doc, token.i)
            if start < token.i:
                yield _cand(doc, start, token.i + 1, "FAC", "street")


def _name_start(doc: Any, end: int) -> int:
    """First token of the run of capitalized proper nouns ending before ``end``."""
    start = end
    while start > 0 and _capitalized(doc[start - 1]):
        start -= 1
    return start


def _listed(doc: Any, i: int, feature: str) -> Iterator[_Cand]:
    """Names listed before a plural feature word, each read as "<name> <feature>"."""
    end = i
    while end > 0:
        start = _name_start(doc, end)
        if start == end:
            return
        span = _cand(doc, start, end, "GPE", "feature")
        yield replace(span, text=f"{span.text} {feature}")
        if start == 0 or doc[start - 1].lower_ not in (",", "and", "or"):
            return
        end = start - 1
        if end > 0 and doc[end - 1].text == "," and doc[end].lower_ in ("and", "or"):
            end -= 1


def _person_words(doc: Any) -> set[str]:
    """Words that name people in this article, so a lone "Saakashvili" or "Paris" is not
    read as a place: the words of multi-word PERSON entities made of proper nouns only (a
    headline "Rethinking Egypt" taken for a person does not make Egypt one), and the first
    word of a two-word name the model calls ORG ("Paris Hilton") whose second word is no
    organization's ("Police", "Council"), unless that word stands somewhere as a place
    ("in Paris")."""
    words = {_norm(t.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
             and all(t.pos_ == "PROPN" or not t.is_alpha for t in ent)
             for t in ent if t.text[:1].isupper()}
    firsts = {_norm(ent[0].text) for ent in doc.ents if ent.label_ == "ORG" and len(ent) == 2
              and ent[1].is_title and ent[1].lower_ not in ORG_HEADS}
    if firsts:
        firsts -= {_norm(t.text) for t in doc if _norm(t.text) in firsts
                   and _locative(doc, t.i, t.i + 1)}
    return words | firsts


def _dateline_cand(text: str, dateline: Dateline | None) -> _Cand | None:
    """The dateline's place ("KABUL, Afghanistan") as a span of the text."""
    if dateline is None or not dateline.place:
        return None
    city, _, region = (part.strip() for part in dateline.place.partition(","))
    start = text.find(city, dateline.start, dateline.end)
    if start < 0:
        return None
    end = start + len(city)
    if region:
        at = text.find(region, end, dateline.end)
        end = at + len(region) if at >= 0 else end
    return _Cand(start, end, city, "GPE", "dateline", country=region or None)


# -- label fixes and names inside names --------------------------------------------------------

def _extra_cands(art: _Article) -> Iterator[_Cand]:
    yield from _fixed_cands(art)
    yield from _embedded_cands(art)
    yield from _text_datelines(art)


def _fixed_cands(art: _Article) -> Iterator[_Cand]:
    """Names the model mislabelled or missed that are places (see the module docstring)."""
    doc = art.doc
    for start, end, label in _name_runs(doc):
        text = doc[start:end].text
        norm = _norm(text)
        if norm in art.persons or _acronym(text):
            continue
        if norm not in art.known:
            if doc[start].is_sent_start and end - start == 1:
                continue
            if not (_locative(doc, start, end) and _exact_in(art, text)) and not (
                    _settlement(doc, start, end)) and not (
                    label != "PERSON" and _local_town(art, text)):
                continue
        yield _cand(doc, *_extend_feature(doc, start, end), "GPE", "fixed")


def _local_town(art: _Article, text: str) -> bool:
    """Whether a name is, exactly, a town of the province the article's places lie in
    ("Gainesville officials" in an article about Hall County, Georgia)."""
    return art.province is not None and any(
        c.place.feature == "town" and c.place.country == art.countries[0]
        and c.place.admin1 == art.province and _exact_name(art, text, c.place.id, c.place.name)
        for c in art.gaz.lookup(text) if c.match in ("name", "alternate"))


def _settlement(doc: Any, start: int, end: int) -> bool:
    """"the town of X", "the village of X": a place even when the gazetteer lacks it."""
    return (start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 3].lower_ == "the"
            and doc[start - 2].lower_ in TOWN_NOUNS)


def _name_runs(doc: Any) -> Iterator[tuple[int, int, str]]:
    """Whole ORG/PERSON/... entities ("the X" excepted: "the White House" is no town), and
    runs of capitalized proper nouns no entity covers (label "")."""
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and ent[0].lower_ != "the":
            end = ent.end - (1 if ent[-1].text in ("'s", "’s") else 0)
            if end > ent.start:
                yield ent.start, end, ent.label_
    i = 0
    while i < len(doc):
        if doc[i].ent_type_ or not _capitalized(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and not doc[j].ent_type_ and _capitalized(doc[j]):
            j += 1
        yield i, j, ""
        i = j


def _embedded_cands(art: _Article) -> Iterator[_Cand]:
    """Places that open or close an organization's name: "the Ohio Department of Health",
    "Gainesville Police", "University of Cincinnati"."""
    doc = art.doc
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or ent.label_ == "NORP":
            continue  # "Syrian" of NORP "Syrian Kurds" is found as a nationality
        first = ent.start + (1 if ent[0].lower_ == "the" else 0)
        for start, end in _name_parts(doc, first, ent.end):
            if (start, end) == (first, ent.end) or (
                    doc[start].is_upper and not _abbreviation(art, doc[start].text)):
                continue
            if start == first and ent.end - end == 1 and not _org_head(doc[end]):
                continue  # "Paris Hilton": a person's name, not Paris's Hilton
            text = doc[start:end].text
            if _norm(text) in art.persons and ent.label_ == "PERSON":
                continue
            if _norm(text) in art.known or _embedded_place(art, text):
                yield _cand(doc, start, end, ent.label_, "embedded")
                break


def _org_head(token: Any) -> bool:
    return bool(token.lower_ in ORG_HEADS or token.text in ("'s", "’s"))


def _name_parts(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges that may be a place inside a name, longest first: the leading run of
    proper nouns and its prefixes (after a qualifier too: "Western Pennsylvania Kennel
    Association"), then the same after a final "of" ("University of Kentucky Medical
    Center"). A hyphen ends a run: "Nebraska-Lincoln"."""
    parts: list[tuple[int, int]] = []
    ofs = [k + 1 for k in range(start, end - 1) if doc[k].lower_ == "of"]
    for first in [start, *ofs[-1:]]:
        run = first
        while run < end and _capitalized(doc[run]) and doc[run].text != "-":
            run += 1
        parts.extend((first, k) for k in range(run, first, -1))
        if run - first > 1 and (COMPASS.fullmatch(doc[first].text)
                                or doc[first].lower_ in QUALIFIERS):
            parts.extend((first + 1, k) for k in range(run, first + 1, -1))
    return parts


def _embedded_place(art: _Article, text: str) -> bool:
    """Whether a name inside a name is a place: a country, province or county by its exact
    name, or a town of the article's provinces."""
    if COMPASS.fullmatch(text) or text.casefold() in GENERIC_WORDS:
        return False  # "North Fulton Regional Hospital", "Central Activities Center"
    cue = feature_cue(text)
    for cand in art.gaz.lookup(text):
        place = cand.place
        if cand.match == "demonym":
            return True  # "the Turkish Government", "The Lebanese Army"
        if not _exact_name(art, text, place.id, place.name):
            continue
        if place.feature == "district" and cue != "district":
            continue  # "Lee School" is not Lee County's
        if place.feature in EMBEDDED_FEATURES and (
                place.country in art.countries or place.feature != "district"):
            return True
        if place.country in art.countries[:1] and place.admin1 == art.province:
            return True
    return False


def _text_datelines(art: _Article) -> Iterator[_Cand]:
    """Wire datelines that open a later sentence, as after a headline: "COLUMBUS -- The
    board ..." (a capitalized place the gazetteer knows as written)."""
    doc = art.doc
    for sent in doc.sents:
        end = sent.start
        while end < sent.end and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        if end == sent.start or end - sent.start > 4:
            continue
        tail = DATELINE_TAIL.match(art.text, doc[end - 1].idx + len(doc[end - 1].text))
        text = doc[sent.start:end].text
        if tail and len(text) > 2 and _exact(art, text):
            yield _cand(doc, sent.start, end, "GPE", "dateline")


# -- context ---------------------------------------------------------------------------------

def _article_countries(art: _Article, cands: Sequence[_Cand], dl: _Cand | None) -> list[str]:
    """The article's countries, most mentioned first.

    Every mention of a country, a nationality or a province counts when its reading is sure
    (one country has places so named, or the gazetteer is confident); a town once per name,
    when all its exact namesakes lie in one country or it is a large city named confidently
    (a repeated "Innisfail" must not outvote "Alberta" and "Canada"); the dateline double.
    A unit that merely dwarfs its namesakes ("Indiana", "Palestine") only confirms a country
    other names support, or speaks when nothing else does: next to Anderson County, Texas,
    "Palestine" is the Texan town."""
    weights: defaultdict[str, float] = defaultdict(float)
    if dl is not None:
        res = art.gaz.resolve(dl.text, countries=[dl.country] if dl.country else ())
        if res is not None and res.place.country:
            weights[res.place.country] += DATELINE_WEIGHT
    towns: set[str] = set()
    maybe: list[str] = []
    for cand in cands:
        res = art.gaz.resolve(cand.text)
        if res is None or not res.place.country:
            continue
        one, strong = _one_country(art, cand.text), res.score >= STRONG_SCORE
        if res.precision in ("country", "province"):
            if one or strong or res.match == "demonym":
                weights[res.place.country] += COUNTRY_WEIGHT
            elif _dominant(art, cand.text, res):
                maybe.append(res.place.country)
        elif _norm(cand.text) not in towns and (
                one or (strong and res.place.population >= BIG_CITY)):
            towns.add(_norm(cand.text))
            weights[res.place.country] += PLACE_WEIGHT
    alone = not weights
    for country in maybe:
        if alone or country in weights:
            weights[country] += COUNTRY_WEIGHT
    return sorted(weights, key=lambda code: -weights[code])


def _dominant(art: _Article, text: str, res: Resolution) -> bool:
    """Whether the resolved unit dwarfs every other place named exactly so ("Indiana" the
    state, not the Brazilian district; but "Gaza" and "Georgia" stay open)."""
    people = {p.id: p.population for p in _namesakes(art, text)}
    total = sum(people.values())
    return total > 0 and people.get(res.place.id, 0) >= DOMINANT_SHARE * total


def _one_country(art: _Article, text: str) -> bool:
    """Whether every place named exactly so lies in one country ("Walker County"); for a
    name no place bears exactly, every place it matches by name or spelling variant
    ("Deir al-Zour province": the governorate is "Dayr az Zawr")."""
    places = _namesakes(art, text) or [c.place for c in art.gaz.lookup(text)
                                       if c.match in ("name", "alternate", "variant")]
    return len({p.country for p in places}) == 1


def _namesakes(art: _Article, text: str) -> list[Place]:
    """The places named exactly ``text``; failing that, for a name with a feature word
    ("Deir al-Zour province"), the units of that feature named exactly as the rest."""
    found = art.namesakes.get(text)
    if found is None:
        found = art.namesakes[text] = _find_namesakes(art, text)
    return found


def _find_namesakes(art: _Article, text: str) -> list[Place]:
    hits = [c.place for c in art.gaz.lookup(text) if c.match in ("name", "alternate")]
    exact = [p for p in hits if _exact_name(art, text, p.id, p.name)]
    words = text.split()
    cue = feature_cue(text)
    if exact or not cue or len(words) < 2 or words[-1].lower() not in FEATURE_WORDS:
        return exact
    bare = " ".join(words[:-1])
    return [p for p in hits if p.feature == cue and _exact_name(art, bare, p.id, p.name)]


def _article_province(art: _Article, cands: Sequence[_Cand]) -> str | None:
    """The province of the article's first country that the most distinct names can lie in
    (a named province counts double; ties go to the more populous reading): "Paris" and
    "Henry County" are both in Tennessee, and Dublin is the one in Ohio when Ohio is named.
    None unless two names agree or a province is named."""
    if not art.countries:
        return None
    country = art.countries[0]
    votes: defaultdict[str, float] = defaultdict(float)
    mass: defaultdict[str, float] = defaultdict(float)
    for text in {_norm(c.text): c.text for c in cands}.values():
        seen: set[str] = set()
        for cand in art.gaz.lookup(text):
            place = cand.place
            if place.country != country or cand.match not in EXACT_MATCHES:
                continue
            province = place.name if place.feature == "province" else place.admin1
            if province is None or province in seen:
                continue
            seen.add(province)
            vote = NAMED_PROVINCE_VOTES if place.feature == "province" else 1
            primary = _compact(text) == _compact(place.name) or cand.match == "abbreviation"
            votes[province] += vote if primary else vote / 2
            mass[province] += math.log10(1 + place.population)
    if not votes:
        return None
    best = max(votes, key=lambda p: (votes[p], mass[p]))
    return best if votes[best] >= MIN_PROVINCE_VOTES else None


def _attach_context(text: str, cands: list[_Cand], gazetteer: Gazetteer) -> list[_Cand]:
    """Give "X, Y" and "X in Y province" the province (or country) Y names."""
    out = list(cands)
    for i, cand in enumerate(cands[:-1]):
        nxt = cands[i + 1]
        if text[cand.end:nxt.start].strip() not in (",", "in") or cand.source == "dateline":
            continue
        res = gazetteer.resolve(nxt.text)
        if res is None or res.score < MIN_HINT_SCORE:
            continue
        if res.precision == "province":
            out[i] = replace(cand, admin1=nxt.text, country=res.place.country)
        elif res.precision == "country":
            out[i] = replace(cand, country=res.place.country)
    return out


def _share_hints(cands: list[_Cand]) -> list[_Cand]:
    """One reading per surface: a province or country attached to one mention of a name
    ("New Haven, Conn.") applies to its other mentions ("New Haven")."""
    hints: dict[str, tuple[str | None, str | None]] = {}
    for cand in cands:
        if cand.admin1 or cand.country:
            hints.setdefault(_norm(cand.text), (cand.admin1, cand.country))
    out = []
    for cand in cands:
        hint = hints.get(_norm(cand.text))
        if hint and not (cand.admin1 or cand.country):
            cand = replace(cand, admin1=hint[0], country=hint[1])
        out.append(cand)
    return out


# -- resolution ------------------------------------------------------------------------------

def _resolve(cand: _Cand, art: _Article) -> PlaceRef:
    res = _best_resolution(cand, art)
    if res is not None and res.match in ("variant", "skeleton") and res.score < MIN_WEAK_SCORE:
        res = None  # "South Ossetia" is not "South-West" by its consonants
    span = Span(cand.start, cand.end, art.text[cand.start:cand.end])
    role = "dateline" if cand.source == "dateline" else "mention"
    if res is None:
        return PlaceRef(span=span, place_id=None, name=None, precision=None, country=None,
                        admin1=None, lat=None, lon=None, score=0.0, role=role, label=cand.label)
    place = res.place
    return PlaceRef(span=span, place_id=place.id, name=place.name, precision=res.precision,
                    country=place.country or None, admin1=place.admin1, lat=place.lat,
                    lon=place.lon, score=res.score, role=role, label=cand.label)


def _nearest_namesakes(art: _Article, cands: Sequence[_Cand],
                       refs: list[PlaceRef]) -> list[PlaceRef]:
    """Local news names places near each other: a town or county whose name several places
    of the article's country bear becomes the one nearest the article's unambiguous places
    (Columbus, Georgia next to Harris County and a town only Georgia has), when one lies
    within NEAR_KM of them and is not a hamlet beside the chosen city."""
    if not art.countries:
        return refs
    country = art.countries[0]
    options = {i: _local_namesakes(art, c.text, country, refs[i].precision or "")
               for i, c in enumerate(cands)
               if refs[i].precision in ("town", "district") and c.source != "dateline"}
    anchors = [(i, refs[i]) for i, found in options.items() if len(found) == 1
               and refs[i].place_id == found[0].id]
    anchors += [(i, refs[i]) for i, c in enumerate(cands)
                if c.admin1 and refs[i].lat is not None and refs[i].country == country]
    out = list(refs)
    for i, found in options.items():
        points = [(r.lat, r.lon) for j, r in anchors if _norm(cands[j].text) != _norm(
            cands[i].text) and r.lat is not None and r.lon is not None]
        if len(found) < 2 or not points or cands[i].admin1:
            continue
        best = min(found, key=lambda p: _distance(p, points))
        current = refs[i]
        if best.id == current.place_id or _distance(best, points) > NEAR_KM:
            continue
        if best.population * PROVINCE_RATIO < _population(art, current):
            continue
        out[i] = replace(current, place_id=best.id, name=best.name, precision=best.feature,
                         country=best.country, admin1=best.admin1, lat=best.lat, lon=best.lon)
    return out


def _local_namesakes(art: _Article, text: str, country: str, feature: str) -> list[Place]:
    """Places of a country and feature that bear a name as their own (not as a former or
    alternate name: Korolev was once Kaliningrad)."""
    key = _compact(text)
    return [p for p in _namesakes(art, text) if p.country == country and p.feature == feature
            and p.lat is not None and (_compact(p.name) == key or feature_cue(text))]


def _distance(place: Place, points: Sequence[tuple[float, float]]) -> float:
    """Kilometres from a place to the nearest of ``points``."""
    assert place.lat is not None and place.lon is not None
    return min(_km(place.lat, place.lon, lat, lon) for lat, lon in points)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _population(art: _Article, ref: PlaceRef) -> int:
    place = art.gaz.get(ref.place_id) if ref.place_id else None
    return place.population if place else 0


def _best_resolution(cand: _Cand, art: _Article) -> Resolution | None:
    """Resolve with the article's countries and the province the text attaches; the
    article's inferred province only wins when its reading is not a hamlet next to a city
    (a Denver of 500 people in the article's state is not the Denver it names)."""
    context = list(art.countries)
    if cand.country:
        code = art.gaz.country(cand.country)
        first = code.country if code else cand.country
        context = [first, *[c for c in context if c != first]]
    res = art.gaz.resolve(cand.text, countries=context, admin1=cand.admin1)
    if cand.admin1 or art.province is None or res is None:
        return res
    local = art.gaz.resolve(cand.text, countries=context, admin1=art.province)
    if local is None or local.place.id == res.place.id:
        return res
    return local if local.place.population * PROVINCE_RATIO >= res.place.population else res


# -- helpers ---------------------------------------------------------------------------------

def _locative(doc: Any, start: int, end: int) -> bool:
    """Whether tokens [start, end) stand where a place stands: after "in", "near", a
    conflict verb, in "the town of _", before a feature word ("_ province") or a state
    ("_, Ohio")."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in FEATURE_WORDS:
        return True
    if after is not None and after.text == "," and end + 1 < len(doc):
        state = doc[end + 1]
        if state.ent_type_ == "GPE" and state.text[:1].isupper() and (
                "." in state.text or state.ent_iob_ == "B"):
            return True
    before = doc[start - 1] if start > 0 else None
    if before is None:
        return False
    word = before.lower_
    if word == "of":
        return start >= 2 and (doc[start - 2].lower_ in SETTLEMENT_NOUNS
                               or COMPASS.fullmatch(doc[start - 2].text) is not None)
    if word in LOCATIVE_WORDS or word in CONFLICT_VERBS:
        return True
    return COMPASS.fullmatch(before.text) is not None and start >= 2 and doc[
        start - 2].lower_ in ("in", "of")


def _capitalized(token: Any) -> bool:
    return bool(token.pos_ == "PROPN" and token.text[:1].isupper())


def _acronym(text: str) -> bool:
    """"MNA", "SANA": agency and group acronyms are not places (abbreviations of places,
    "U.S.", "UAE", come as entities)."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 5


def _abbreviation(art: _Article, text: str) -> bool:
    """"U.S.", "UAE": a place's abbreviation, not an agency's acronym."""
    return any(c.match == "abbreviation" for c in art.gaz.lookup(text))


def _exact_in(art: _Article, text: str) -> bool:
    """Whether the gazetteer has a surface, as written, in one of the article's countries."""
    return any(c.place.country in art.countries and _exact_name(art, text, c.place.id,
                                                                c.place.name)
               for c in art.gaz.lookup(text) if c.match in ("name", "alternate"))


def _exact(art: _Article, text: str) -> bool:
    """Whether the gazetteer has a surface as written anywhere (abbreviations included)."""
    return any(c.match == "abbreviation" or (c.match in ("name", "alternate") and _exact_name(
        art, text, c.place.id, c.place.name)) for c in art.gaz.lookup(text))


def _exact_name(art: _Article, text: str, place_id: str, name: str) -> bool:
    """Whether ``text`` is the place's name or an alternate name, up to case, accents,
    spaces and punctuation: key matching also drops articles and feature words ("National"
    matches National City), which is too loose without an entity label."""
    key = _compact(text)
    if key == _compact(name):
        return True
    names = art.alternates.get(place_id)
    if names is None:
        names = frozenset(_compact(n) for n in art.gaz.alternate_names(place_id))
        art.alternates[place_id] = names
    return key in names


@lru_cache(maxsize=65536)
def _compact(text: str) -> str:
    """A name folded for exact comparison (case, accents, spaces, punctuation)."""
    return fold_chars(text).replace(" ", "")


def _cand(doc: Any, start: int, end: int, label: str, source: str) -> _Cand:
    span = doc[start:end]
    return _Cand(span.start_char, span.end_char, span.text, label, source)


def _merge(kept: Sequence[_Cand], more: Iterable[_Cand]) -> list[_Cand]:
    """``kept`` plus the spans of ``more`` that overlap nothing already taken, in text order."""
    out = list(kept)
    for cand in more:
        if not _overlaps(cand, ((c.start, c.end) for c in out)):
            out.append(cand)
    return sorted(out, key=lambda c: c.start)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").removesuffix("'s").split()).casefold()


def _overlaps(cand: _Cand, spans: Iterable[tuple[int, int]]) -> bool:
    return any(cand.start < end and start < cand.end for start, end in spans)
