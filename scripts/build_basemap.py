"""Build the web view's world basemap (static/world.geojson) from Natural Earth TopoJSON.

The dossier map draws country outlines from a file served by newstrace itself, so it needs
no tile server and no network at run time. The source is world-atlas's
countries-110m.json (Natural Earth 1:110m admin-0 countries, public domain), which comes
as TopoJSON; Leaflet reads GeoJSON, so this script decodes the topology in plain Python
(no topojson dependency) and writes a small GeoJSON with the country names only.

Get the input once, with network (the result is committed, so rebuilding needs none):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py /tmp/package/countries-110m.json

Coordinates are rounded to 2 decimals (about 1 km, finer than 1:110m's own detail) to keep
the file small; points that rounding makes identical are dropped, and rings left with
fewer than four points (tiny islands, slivers) go with them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src/newstrace/web/static/world.geojson"
DECIMALS = 2


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute positions of every arc: quantized topologies store deltas from the previous
    point in integer grid units, to be summed and then scaled and translated."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: Sequence[int], arcs: list[list[Point]]) -> Ring:
    """One closed ring from its arcs; a negative index ~i means arc i walked backwards,
    and each arc after the first repeats the previous arc's last point, so it is skipped."""
    out: Ring = []
    for index in indexes:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        out.extend(points if not out else points[1:])
    return out


def rounded(points: Ring) -> Ring | None:
    """The ring at DECIMALS precision without repeated points; None when too few remain
    to enclose anything."""
    out: Ring = []
    for x, y in points:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def polygon(rings: Sequence[Sequence[int]], arcs: list[list[Point]]) -> list[Ring] | None:
    """A polygon's rings (outer first, then holes); None when the outer ring vanishes."""
    out: list[Ring] = []
    for i, indexes in enumerate(rings):
        r = rounded(ring(indexes, arcs))
        if r is None:
            if i == 0:
                return None
            continue
        out.append(r)
    return out


def geometry(geom: dict[str, Any], arcs: list[list[Point]]) -> dict[str, Any] | None:
    """GeoJSON geometry of a TopoJSON Polygon or MultiPolygon (a MultiPolygon that keeps a
    single part becomes a Polygon); other types and empty results give None."""
    if geom.get("type") == "Polygon":
        parts = [polygon(geom["arcs"], arcs)]
    elif geom.get("type") == "MultiPolygon":
        parts = [polygon(p, arcs) for p in geom["arcs"]]
    else:
        return None
    kept = [p for p in parts if p]
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def to_geojson(topology: dict[str, Any], object_name: str = "countries") -> dict[str, Any]:
    """A FeatureCollection of the named object's geometries, properties reduced to name."""
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"][object_name]["geometries"]:
        shape = geometry(geom, arcs)
        if shape is None:
            continue
        name = str((geom.get("properties") or {}).get("name", ""))
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def dump(collection: dict[str, Any]) -> str:
    """Compact JSON with one feature per line, so a rebuild diffs by country."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False)
             for f in collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="GeoJSON to write")
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    if topology.get("type") != "Topology":
        parser.error(f"{args.topojson} is not a TopoJSON topology")
    collection = to_geojson(topology)
    args.out.write_text(dump(collection), encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} countries, "
          f"{args.out.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
