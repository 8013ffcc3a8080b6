"""What an article's own text says about its places, and their resolution in that context.

Internal to ``places``: the candidate spans (``Cand``), the article being read
(``Article``), the article's countries and province, the province or country a text attaches
to a name ("X, Y"), and resolution with all of it (see the ``places`` module docstring).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newstrace.geo import km
from newstrace.language.gazetteer import Gazetteer, Place, Resolution, feature_cue
from newstrace.language.place_words import FEATURE_WORDS, compact, surface_key
from newstrace.language.records import PlaceRef, Span

COUNTRY_WEIGHT = 1.0
"""Weight of a mention of a country, a nationality or a province in the country count."""
PLACE_WEIGHT = 0.5
"""Weight of a town name (counted once) in the country count."""
DATELINE_WEIGHT = 2.0
STRONG_SCORE = 0.75
"""A context-free resolution at least this sure counts towards the article's countries."""
BIG_CITY = 100_000
CONTEXT_ROUNDS = 2
"""Rounds of finding places and recomputing the countries and province they imply."""
NEAR_KM = 100.0
"""How near the article's unambiguous places a namesake must lie to be preferred."""
MIN_LOC_TOWN = 10_000
MIN_FOREIGN_TOWN = 5_000
"""A town this small outside every country the article names needs a country in the text
("Friendship" of the Friendship Gate in an Afghan story is not Friendship, Maine)."""
"""A LOC entity (regions, seas) read as a town smaller than this is left unresolved."""
MIN_WEAK_SCORE = 0.3
"""A vowel-folded or skeleton match less sure than this is left unresolved."""
DOMINANT_SHARE = 0.9
"""A unit holding this share of the people of all places so named is the one meant."""
PROVINCE_RATIO = 100
"""The article's province may pick a namesake up to this many times smaller."""
MIN_HINT_SCORE = 0.5
"""How sure "Y" of "X, Y" must resolve to attach its province or country to X."""
EXACT_MATCHES = frozenset({"name", "alternate", "abbreviation"})
NAMED_PROVINCE_VOTES = 2
MIN_PROVINCE_VOTES = 2


@dataclass(frozen=True, slots=True)
class Cand:
    """A span to resolve, why it is one (``source``) and what the text attaches to it."""

    start: int
    end: int
    text: str
    label: str
    source: str  # "entity", "street", "demonym", "feature", "fixed", "embedded", "dateline"
    admin1: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Article:
    """One article being read: its parse, the gazetteer and what the first pass learned."""

    doc: Any
    text: str  # doc.text, which spaCy rebuilds from the tokens at every access
    gaz: Gazetteer
    persons: set[str]
    countries: list[str] = field(default_factory=list)
    province: str | None = None
    known: set[str] = field(default_factory=set)
    """Surfaces the model labelled as places: their other mentions are places too."""
    fixed: set[str] = field(default_factory=set)
    """Surfaces found by label fixes: they make places of other ORG/unlabelled mentions
    only (a PERSON "Bell" is not the "Bell" of "in Bell")."""
    alternates: dict[str, frozenset[str]] = field(default_factory=dict)
    namesakes: dict[str, list[Place]] = field(default_factory=dict)


def resolvable(art: Article, text: str) -> bool:
    """Whether the gazetteer resolves a surface by name, or by a sure enough variant."""
    res = art.gaz.resolve(text)
    return res is not None and (res.match in EXACT_MATCHES or res.score >= MIN_WEAK_SCORE)


def abbreviation(art: Article, text: str) -> bool:
    """"U.S.", "UAE": a place's abbreviation, not an agency's acronym."""
    return any(c.match == "abbreviation" for c in art.gaz.lookup(text))


def exact_in(art: Article, text: str) -> bool:
    """Whether the gazetteer has a surface, as written, in one of the article's countries."""
    return any(c.place.country in art.countries
               and exact_name(art, text, c.place.id, c.place.name)
               for c in art.gaz.lookup(text) if c.match in ("name", "alternate"))


def exact(art: Article, text: str) -> bool:
    """Whether the gazetteer has a surface as written anywhere (abbreviations included)."""
    return any(c.match == "abbreviation" or (c.match in ("name", "alternate") and exact_name(
        art, text, c.place.id, c.place.name)) for c in art.gaz.lookup(text))


def exact_name(art: Article, text: str, place_id: str, name: str) -> bool:
    """Whether ``text`` is the place's name or an alternate name, up to case, accents,
    spaces and punctuation: key matching also drops articles and feature words ("National"
    matches National City), which is too loose without an entity label."""
    key = compact(text)
    if key == compact(name):
        return True
    names = art.alternates.get(place_id)
    if names is None:
        names = frozenset(compact(n) for n in art.gaz.alternate_names(place_id))
        art.alternates[place_id] = names
    return key in names


def namesakes(art: Article, text: str) -> list[Place]:
    """The places named exactly ``text``; failing that, for a name with a feature word
    ("Deir al-Zour province"), the units of that feature named exactly as the rest."""
    found = art.namesakes.get(text)
    if found is None:
        found = art.namesakes[text] = _find_namesakes(art, text)
    return found


def _find_namesakes(art: Article, text: str) -> list[Place]:
    hits = [c.place for c in art.gaz.lookup(text) if c.match in ("name", "alternate")]
    named = [p for p in hits if exact_name(art, text, p.id, p.name)]
    words = text.split()
    cue = feature_cue(text)
    if named or not cue or len(words) < 2 or words[-1].lower() not in FEATURE_WORDS:
        return named
    bare = " ".join(words[:-1])
    return [p for p in hits if p.feature == cue and exact_name(art, bare, p.id, p.name)]


def one_country(art: Article, text: str) -> bool:
    """Whether every place named exactly so lies in one country ("Walker County"); for a
    name no place bears exactly, every place it matches by name or spelling variant
    ("Deir al-Zour province": the governorate is "Dayr az Zawr")."""
    places = namesakes(art, text) or [c.place for c in art.gaz.lookup(text)
                                       if c.match in ("name", "alternate", "variant")]
    return len({p.country for p in places}) == 1


def dominant(art: Article, text: str, res: Resolution) -> bool:
    """Whether the resolved unit dwarfs every other place named exactly so ("Indiana" the
    state, not the Brazilian district; but "Gaza" and "Georgia" stay open)."""
    people = {p.id: p.population for p in namesakes(art, text)}
    total = sum(people.values())
    return total > 0 and people.get(res.place.id, 0) >= DOMINANT_SHARE * total


def article_countries(art: Article, cands: Sequence[Cand], dl: Cand | None) -> list[str]:
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
        one, strong = one_country(art, cand.text), res.score >= STRONG_SCORE
        if res.precision in ("country", "province"):
            if one or strong or res.match == "demonym":
                weights[res.place.country] += COUNTRY_WEIGHT
            elif dominant(art, cand.text, res):
                maybe.append(res.place.country)
        elif surface_key(cand.text) not in towns and (
                one or (strong and res.place.population >= BIG_CITY)):
            towns.add(surface_key(cand.text))
            weights[res.place.country] += PLACE_WEIGHT
    alone = not weights
    for country in maybe:
        if alone or country in weights:
            weights[country] += COUNTRY_WEIGHT
    return sorted(weights, key=lambda code: -weights[code])


def article_province(art: Article, cands: Sequence[Cand]) -> str | None:
    """The province of the article's first country that the most distinct names can lie in
    (a named province counts double; ties go to the more populous reading): "Paris" and
    "Henry County" are both in Tennessee, and Dublin is the one in Ohio when Ohio is named.
    None unless two names agree or a province is named."""
    if not art.countries:
        return None
    country = art.countries[0]
    votes: defaultdict[str, float] = defaultdict(float)
    mass: defaultdict[str, float] = defaultdict(float)
    for text in {surface_key(c.text): c.text for c in cands}.values():
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
            primary = compact(text) == compact(place.name) or cand.match == "abbreviation"
            votes[province] += vote if primary else vote / 2
            mass[province] += math.log10(1 + place.population)
    if not votes:
        return None
    best = max(votes, key=lambda p: (votes[p], mass[p]))
    return best if votes[best] >= MIN_PROVINCE_VOTES else None


def attach_context(text: str, cands: list[Cand], gazetteer: Gazetteer) -> list[Cand]:
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


def share_hints(cands: list[Cand]) -> list[Cand]:
    """One reading per surface: a province or country attached to one mention of a name
    ("New Haven, Conn.") applies to its other mentions ("New Haven")."""
    hints: dict[str, tuple[str | None, str | None]] = {}
    for cand in cands:
        if cand.admin1 or cand.country:
            hints.setdefault(surface_key(cand.text), (cand.admin1, cand.country))
    out = []
    for cand in cands:
        hint = hints.get(surface_key(cand.text))
        if hint and not (cand.admin1 or cand.country):
            cand = replace(cand, admin1=hint[0], country=hint[1])
        out.append(cand)
    return out


def local_town(art: Article, text: str) -> bool:
    """Whether a name is, exactly, a town of the province the article's places lie in
    ("Gainesville officials" in an article about Hall County, Georgia)."""
    return art.province is not None and any(
        c.place.feature == "town" and c.place.country == art.countries[0]
        and c.place.admin1 == art.province and exact_name(art, text, c.place.id, c.place.name)
        for c in art.gaz.lookup(text) if c.match in ("name", "alternate"))


def resolve_cand(cand: Cand, art: Article) -> PlaceRef:
    """The PlaceRef of a span; a resolution the evidence does not carry is left out
    (place_id None, score 0), the span kept: a place the gazetteer lacks is still a place."""
    res = _best_resolution(cand, art)
    if res is not None and res.match in ("variant", "skeleton") and res.score < MIN_WEAK_SCORE:
        res = None  # "South Ossetia" is not "South-West" by its consonants
    if res is not None and cand.label == "LOC" and res.precision == "town" and (
            res.place.population < MIN_LOC_TOWN):
        res = None  # the model's LOC is a region or a sea: "Middle East", Maryland is not it
    if res is not None and _foreign_hamlet(res, cand, art):
        res = None
    span = Span(cand.start, cand.end, art.text[cand.start:cand.end])
    role = "dateline" if cand.source == "dateline" else "mention"
    if res is None:
        return PlaceRef(span=span, place_id=None, name=None, precision=None, country=None,
                        admin1=None, lat=None, lon=None, score=0.0, role=role, label=cand.label)
    place = res.place
    return PlaceRef(span=span, place_id=place.id, name=place.name, precision=res.precision,
                    country=place.country or None, admin1=place.admin1, lat=place.lat,
                    lon=place.lon, score=res.score, role=role, label=cand.label)


def _foreign_hamlet(res: Resolution, cand: Cand, art: Article) -> bool:
    return (res.precision == "town" and res.place.population < MIN_FOREIGN_TOWN
            and not cand.country and bool(art.countries)
            and res.place.country not in art.countries)


def _best_resolution(cand: Cand, art: Article) -> Resolution | None:
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


def nearest_namesakes(art: Article, cands: Sequence[Cand],
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
        key = surface_key(cands[i].text)
        points = [(r.lat, r.lon) for j, r in anchors if surface_key(cands[j].text) != key
                  and r.lat is not None and r.lon is not None]
        if len(found) < 2 or not points or cands[i].admin1:
            continue
        best = min(found, key=lambda p: _distance_to(p, points))
        current = refs[i]
        if best.id == current.place_id or _distance_to(best, points) > NEAR_KM:
            continue
        if best.population * PROVINCE_RATIO < _population(art, current):
            continue
        out[i] = replace(current, place_id=best.id, name=best.name, precision=best.feature,
                         country=best.country, admin1=best.admin1, lat=best.lat, lon=best.lon)
    return out


def _local_namesakes(art: Article, text: str, country: str, feature: str) -> list[Place]:
    """Places of a country and feature that bear a name as their own (not as a former or
    alternate name: Korolev was once Kaliningrad)."""
    key = compact(text)
    return [p for p in namesakes(art, text) if p.country == country and p.feature == feature
            and p.lat is not None and (compact(p.name) == key or feature_cue(text))]


def _distance_to(place: Place, points: Sequence[tuple[float, float]]) -> float:
    """Kilometres from a place to the nearest of ``points``."""
    assert place.lat is not None and place.lon is not None
    return min(km(place.lat, place.lon, lat, lon) for lat, lon in points)


def _population(art: Article, ref: PlaceRef) -> int:
    place = art.gaz.get(ref.place_id) if ref.place_id else None
    return place.population if place else 0


def make_cand(doc: Any, start: int, end: int, label: str, source: str) -> Cand:
    """The candidate of tokens [start, end) (spaCy's Doc.text is rebuilt at every access:
    the span's own text is cheap)."""
    span = doc[start:end]
    return Cand(span.start_char, span.end_char, span.text, label, source)


def merge(kept: Sequence[Cand], more: Iterable[Cand]) -> list[Cand]:
    """``kept`` plus the spans of ``more`` that overlap nothing already taken, in text order."""
    out = list(kept)
    for cand in more:
        if not overlaps(cand, ((c.start, c.end) for c in out)):
            out.append(cand)
    return sorted(out, key=lambda c: c.start)


def overlaps(cand: Cand, spans: Iterable[tuple[int, int]]) -> bool:
    return any(cand.start < end and start < cand.end for start, end in spans)
