"""Gazetteer benchmark: toponym resolution on LGL and TR-News, plus build/load/lookup costs.

    .venv/bin/python benchmarks/geo.py [--data DIR] [--cache-dir DIR] [--corpus NAME ...]

1. Builds the index into a fresh temporary cache in a subprocess (build time, file size,
   peak RSS of the build), unless --cache-dir names an existing cache to reuse.
2. Loads it (load time) and, for every gold toponym with GeoNames coordinates in each corpus,
   resolves the annotated surface (the gold span, as a place span from an NER would be):
   - baseline: the most populous place whose name or alternate name equals the surface
     (after case/accent/punctuation folding: the "exact" tier of lookup());
   - resolve(surface) without context;
   - two-pass: resolve(surface, countries=[the document's most frequent country among its
     context-free resolutions]);
   - two-pass + admin1: the same, also passing the document's most frequent province.
   Reported: resolution rate, Acc@161 (share of all gold toponyms resolved within 161 km;
   unresolved ones count as misses) and among resolved ones, mean/median error in km, and
   "same id": resolved to the gold GeoNames entity itself (independent of where a country's
   or province's representative point lies).
3. Lookup throughput and peak RSS in a fresh process (cold: first sight of each distinct
   surface; warm: all spans, repeats served from the gazetteer's surface cache).

The corpora (../shared/eval/geo/{LGL,TR-News}, read their READMEs) are for measurement only:
nothing from them enters the repository. Skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newstrace.geo import km
from newstrace.language.gazetteer import Gazetteer, Place, Resolution

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "geo"
CORPORA = {"LGL": "lgl.xml", "TR-News": "TR-News.xml"}
ACC_KM = 161.0


@dataclass(frozen=True)
class Gold:
    doc: str
    surface: str
    lat: float
    lon: float
    fcode: str
    geonameid: str


def load_corpus(path: Path) -> list[Gold]:
    """Gold toponyms with GeoNames coordinates (spans without a gaztag are not geocodable)."""
    out: list[Gold] = []
    for article in ET.parse(path).getroot().iter("article"):
        doc = article.get("docid", "")
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            phrase = (toponym.findtext("phrase") or "").strip()
            if tag is None or not phrase:
                continue
            lat, lon = tag.findtext("lat"), tag.findtext("lon")
            if not lat or not lon:
                continue
            out.append(Gold(doc, phrase, float(lat), float(lon), tag.findtext("fcode") or "",
                            tag.get("geonameid", "")))
    return out


# -- strategies ------------------------------------------------------------------------------

Strategy = Callable[[Gazetteer, list[Gold]], list[Place | None]]


def baseline(gaz: Gazetteer, golds: list[Gold]) -> list[Place | None]:
    out: list[Place | None] = []
    for gold in golds:
        exact = [c.place for c in gaz.lookup(gold.surface)
                 if c.match in ("name", "alternate") and c.score >= 0.9]
        out.append(max(exact, key=lambda p: p.population) if exact else None)
    return out


def no_context(gaz: Gazetteer, golds: list[Gold]) -> list[Place | None]:
    return [_place(gaz.resolve(g.surface)) for g in golds]


def two_pass(gaz: Gazetteer, golds: list[Gold], with_admin1: bool = False) -> list[Place | None]:
    """Pass 1 without context; pass 2 with the document's most frequent resolved country
    (and, optionally, its most frequent province among places in that country)."""
    first = no_context(gaz, golds)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    provinces: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, place in zip(golds, first, strict=True):
        if place is not None:
            countries[gold.doc][place.country] += 1
    for gold, place in zip(golds, first, strict=True):
        top = countries[gold.doc].most_common(1)
        if place is not None and top and place.country == top[0][0]:
            province = place.name if place.feature == "province" else place.admin1
            if province:
                provinces[gold.doc][province] += 1
    out: list[Place | None] = []
    for gold in golds:
        top = countries[gold.doc].most_common(1)
        context = [top[0][0]] if top else []
        admin1 = None
        if with_admin1 and provinces[gold.doc]:
            admin1 = provinces[gold.doc].most_common(1)[0][0]
        out.append(_place(gaz.resolve(gold.surface, countries=context, admin1=admin1)))
    return out


def _place(res: Resolution | None) -> Place | None:
    return res.place if res else None


STRATEGIES: list[tuple[str, Strategy]] = [
    ("baseline (most populous exact name)", baseline),
    ("resolve, no context", no_context),
    ("resolve, two-pass country", two_pass),
    ("resolve, two-pass country + admin1", lambda g, d: two_pass(g, d, with_admin1=True)),
]


def score(golds: Sequence[Gold], places: Sequence[Place | None]) -> dict[str, float]:
    errors = [km(g.lat, g.lon, p.lat, p.lon) for g, p in zip(golds, places, strict=True)
              if p is not None and p.lat is not None and p.lon is not None]
    hits = sum(1 for e in errors if e <= ACC_KM)
    same = sum(1 for g, p in zip(golds, places, strict=True)
               if p is not None and p.id == f"gn:{g.geonameid}")
    return {
        "same_id": same / len(golds),
        "n": len(golds),
        "resolved": len(errors) / len(golds),
        "acc161": hits / len(golds),
        "acc161_resolved": hits / len(errors) if errors else 0.0,
        "mean_km": statistics.fmean(errors) if errors else float("nan"),
        "median_km": statistics.median(errors) if errors else float("nan"),
    }


def by_feature(golds: Sequence[Gold], places: Sequence[Place | None]) -> str:
    """Acc@161 by the gold feature code group: where the errors are."""
    groups: dict[str, tuple[list[Gold], list[Place | None]]] = defaultdict(lambda: ([], []))
    for gold, place in zip(golds, places, strict=True):
        code = gold.fcode
        group = ("country" if code.startswith("PCL") else "ADM1" if code == "ADM1"
                 else "ADM2" if code == "ADM2" else "populated" if code.startswith("PPL")
                 else "other")
        groups[group][0].append(gold)
        groups[group][1].append(place)
    parts = []
    for name in ("populated", "ADM1", "ADM2", "country", "other"):
        if name in groups:
            s = score(*groups[name])
            parts.append(f"{name} {s['acc161']:.1%} of {int(s['n'])}")
    return "; ".join(parts)


# -- costs -----------------------------------------------------------------------------------

def build_in_subprocess(cache_dir: Path) -> dict[str, float]:
    """Build a fresh index in a child process, so its time and peak RSS are its own."""
    code = (
        "import json, sys; from pathlib import Path;"
        "from newstrace.language.gazetteer import Gazetteer;"
        "g = Gazetteer.load(Path(sys.argv[1])); r = g.build_report;"
        "print(json.dumps({'seconds': r.seconds, 'size_bytes': r.size_bytes,"
        " 'places': r.places, 'keys': r.keys, 'peak_rss_mb': r.peak_rss_mb}))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(cache_dir)], check=True,
                          capture_output=True, text=True)
    report: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="reuse this cache instead of building a fresh one")
    parser.add_argument("--corpus", nargs="*", default=list(CORPORA))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newstrace-geo-") as tmp:
        cache_dir = args.cache_dir
        if cache_dir is None:
            cache_dir = Path(tmp)
            print("building the index in a fresh cache (subprocess) ...", flush=True)
            build = build_in_subprocess(cache_dir)
            print(f"index build: {build['seconds']:.1f} s, {build['size_bytes'] / 1e6:.1f} MB, "
                  f"{int(build['places']):,} places, {int(build['keys']):,} keys, "
                  f"peak RSS {build['peak_rss_mb']:.0f} MB")
        started = time.perf_counter()
        gaz = Gazetteer.load(cache_dir)
        load_s = time.perf_counter() - started
        size = gaz.path.stat().st_size
        print(f"index load: {load_s * 1000:.1f} ms ({gaz.path.name}, {size / 1e6:.1f} MB"
              f"{', built now' if gaz.build_report else ''})")
        all_golds: list[Gold] = []
        for name in args.corpus:
            path = args.data / name / CORPORA[name]
            if not path.exists():
                print(f"\n{name}: {path} not found, skipped")
                continue
            golds = load_corpus(path)
            all_golds.extend(golds)
            docs = len({g.doc for g in golds})
            print(f"\n{name}: {len(golds):,} gold toponyms with coordinates in {docs} documents")
            print(f"  {'strategy':38} {'resolved':>8} {'Acc@161':>8} {'(of res.)':>9} "
                  f"{'mean km':>8} {'median km':>9} {'same id':>8}")
            for label, strategy in STRATEGIES:
                places = strategy(gaz, golds)
                s = score(golds, places)
                print(f"  {label:38} {s['resolved']:8.1%} {s['acc161']:8.1%} "
                      f"{s['acc161_resolved']:9.1%} {s['mean_km']:8.0f} {s['median_km']:9.1f} "
                      f"{s['same_id']:8.1%}")
                if label.startswith("resolve, two-pass country +"):
                    print(f"    by gold feature: {by_feature(golds, places)}")
        gaz.close()
        if all_golds:
            throughput(cache_dir, all_golds)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the evaluation process (gazetteer + parsed corpora): {rss:.0f} MB")
    return 0


THROUGHPUT_CHILD = """
import json, re, resource, sys, time
from pathlib import Path
from newstrace.language.gazetteer import Gazetteer
cache_dir, surfaces_file = Path(sys.argv[1]), Path(sys.argv[2])
spans = json.loads(surfaces_file.read_text())
surfaces = list(dict.fromkeys(spans))
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
gaz = Gazetteer.load(cache_dir)
load = time.perf_counter() - started
started = time.perf_counter()
for surface in surfaces:
    gaz.lookup(surface)
cold = time.perf_counter() - started
started = time.perf_counter()
for surface in spans:
    gaz.resolve(surface, countries=["US"])
warm = time.perf_counter() - started
words = list(dict.fromkeys(re.findall(r"[A-Z][a-z]{3,}", " ".join(surfaces))))
fresh = Gazetteer.load(cache_dir)
started = time.perf_counter()
for word in words:
    fresh.resolve(word)
cold_resolve = time.perf_counter() - started
print(json.dumps({"load": load, "surfaces": len(surfaces), "cold": cold, "spans": len(spans),
                  "warm": warm, "words": len(words), "cold_resolve": cold_resolve,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_before": rss_before}))
"""


def throughput(cache_dir: Path, golds: list[Gold]) -> None:
    """Lookups in a fresh process, so its peak RSS is the gazetteer's own, not the corpora's."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([g.surface for g in golds], handle)
    try:
        done = subprocess.run([sys.executable, "-c", THROUGHPUT_CHILD, str(cache_dir),
                               handle.name], check=True, capture_output=True, text=True)
    finally:
        Path(handle.name).unlink()
    r = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\nlookup throughput (fresh process): {r['surfaces'] / r['cold']:,.0f} lookups/s cold "
          f"({r['surfaces']:,} distinct gold surfaces), {r['words'] / r['cold_resolve']:,.0f} "
          f"resolves/s cold ({r['words']:,} distinct capitalized words), "
          f"{r['spans'] / r['warm']:,.0f} resolves/s over all {r['spans']:,} spans (repeats "
          f"cached); load {r['load'] * 1000:.1f} ms; peak RSS {r['rss']:.0f} MB "
          f"({r['rss'] - r['rss_before']:.0f} MB above the imports)")


if __name__ == "__main__":
    sys.exit(main())
