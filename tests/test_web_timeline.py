"""The events timeline (bars at their place in time, linked to their period) and the two
other page partials that carry no layout of their own: the timeline and the map."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import jinja2
import pytest

from newstrace.web.timeline import HEIGHT, MAX_SLOTS, WIDTH, build_timeline

TEMPLATES = Path(__file__).parent.parent / "src/newstrace/web/templates"


def href(period: str) -> str:
    return f"/events?since={period}&until={period}"


def env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)


def test_bars_stand_at_their_place_in_time() -> None:
    tl = build_timeline([("2026-01", 2), ("2026-02", 4), ("2026-06", 1)], href)
    assert not tl.empty and not tl.compressed
    assert (tl.width, tl.height) == (WIDTH, HEIGHT)
    assert [b.period for b in tl.bars] == ["2026-01", "2026-02", "2026-06"]
    jan, feb, jun = tl.bars
    step = feb.hit_x - jan.hit_x
    assert jun.hit_x - feb.hit_x == pytest.approx(4 * step, abs=0.05)  # March to May stay empty
    assert feb.h == pytest.approx(tl.baseline - tl.plot_top)  # the tallest fills the plot
    assert jan.h == pytest.approx(feb.h / 2)
    assert jun.h >= 2.0
    assert all(b.y + b.h == pytest.approx(tl.baseline) for b in tl.bars)
    assert all(b.x >= 0 and b.x + b.w <= WIDTH for b in tl.bars)
    assert jan.title == "2026-01: 2 events" and jun.title == "2026-06: 1 event"
    assert jan.href == "/events?since=2026-01&until=2026-01"
    assert (tl.total, tl.max_count) == (7, 4)


def test_axis_names_first_and_last_period_and_the_scale() -> None:
    counts = [(f"2026-03-{d:02d}", d % 5 + 1) for d in range(1, 32)]
    tl = build_timeline(counts, href)
    texts = [label.text for label in tl.labels]
    assert texts[:2] == ["5", "0"]
    periods = texts[2:]
    assert periods[0] == "2026-03-01" and periods[-1] == "2026-03-31"
    xs = [label.x for label in tl.labels[2:]]
    assert xs == sorted(xs) and all(b - a >= 72 for a, b in pairwise(xs))
    assert 3 <= len(periods) <= 8


def test_long_or_unreadable_spans_fall_back_to_even_spacing() -> None:
    years_apart = [("1990-01", 1), ("2026-11", 3)]  # 443 months: too many slots
    tl = build_timeline(years_apart, href)
    assert tl.compressed and MAX_SLOTS < 443
    assert tl.bars[1].hit_x - tl.bars[0].hit_x == pytest.approx(tl.bars[0].hit_w, abs=0.02)
    odd = build_timeline([("2026-01", 1), ("someday", 2)], href)
    assert odd.compressed and [b.period for b in odd.bars] == ["2026-01", "someday"]
    years = build_timeline([("2020", 1), ("2023", 2)], href)
    assert not years.compressed and len(years.bars) == 2


def test_zero_and_empty_counts() -> None:
    assert build_timeline([], href).empty
    assert build_timeline([("2026-01", 0)], href).empty
    one = build_timeline([("2026-01", 3)], href)
    assert len(one.bars) == 1 and one.bars[0].w <= 40


def test_timeline_partial_links_each_bar() -> None:
    tl = build_timeline([("2026-01", 2), ("2026-02", 1)], lambda p: f"/events?since={p}&x=<")
    html = env().get_template("_timeline.html").render(timeline=tl)
    assert html.count('<rect class="nt-bar"') == 2
    assert html.count('<a class="nt-bar-link"') == 2
    assert "<title>2026-01: 2 events</title>" in html
    assert 'href="/events?since=2026-01&amp;x=&lt;"' in html
    assert re.search(r'<svg class="nt-timeline"[^>]* viewBox="0 0 800 120"', html)
    assert "style=" not in html


def test_timeline_partial_prefers_timeline_graph_and_says_when_empty() -> None:
    tl = build_timeline([("2026-01", 2)], href)
    html = env().get_template("_timeline.html").render(timeline=[{"period": "x"}],
                                                       timeline_graph=tl)
    assert "nt-bar-link" in html
    empty = env().get_template("_timeline.html").render(timeline=build_timeline([], href))
    assert "no dated events" in empty and "<svg" not in empty


MAP_CONFIG = {"basemap_url": "/-/static-plugins/newstrace/world.geojson", "tiles": None,
              "attribution": ""}


def render_map(place: dict[str, Any] | None, **config: Any) -> str:
    return env().get_template("_map.html").render(place=place,
                                                  map_config={**MAP_CONFIG, **config})


def test_map_partial_carries_the_place_in_data_attributes() -> None:
    html = render_map({"lat": 34.45226, "lon": 40.91854, "geo_precision": "town",
                       "label": 'Abu <img src=x onerror="alert(1)"> Kamal'})
    div = re.search(r'<div id="map" class="nt-map"[^>]*></div>', html)
    assert div
    attrs = dict(re.findall(r'(data-[a-z]+)="([^"]*)"', div.group(0)))
    assert attrs["data-lat"] == "34.45226" and attrs["data-lon"] == "40.91854"
    assert attrs["data-precision"] == "town"
    assert attrs["data-basemap"] == "/-/static-plugins/newstrace/world.geojson"
    assert attrs["data-tiles"] == ""
    assert attrs["data-label"] == "Abu &lt;img src=x onerror=&#34;alert(1)&#34;&gt; Kamal"
    assert "<img" not in html and "style=" not in html
    assert "34.4523, 40.9185" in html and "within about 5 km" in html
    assert '<script src="/-/static-plugins/newstrace/vendor/leaflet/leaflet.js" defer>' in html
    assert '<script src="/-/static-plugins/newstrace/map.js" defer>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # nothing inline


def test_map_partial_with_tiles_and_without_coordinates() -> None:
    tiled = render_map({"lat": 1.5, "lon": -2.0, "geo_precision": None, "label": "X"},
                       tiles="https://tiles.example/{z}/{x}/{y}.png", attribution="© Ex")
    assert 'data-tiles="https://tiles.example/{z}/{x}/{y}.png"' in tiled
    assert "precision unknown" in tiled
    for place in (None, {"lat": None, "lon": None, "geo_precision": None, "label": "Nowhere"}):
        html = render_map(place)
        assert "place not located" in html
        assert 'id="map"' not in html and "<script" not in html


def test_static_assets_are_present() -> None:
    """The partials and pages point at these; they are served from the package."""
    static = TEMPLATES.parent / "static"
    for path in ("map.js", "newstrace.css", "world.geojson", "vendor/leaflet/leaflet.js",
                 "vendor/leaflet/leaflet.css", "vendor/leaflet/LICENSE",
                 "vendor/leaflet/images/layers.png"):
        assert (static / path).is_file(), path
    script = (static / "map.js").read_text(encoding="utf-8")
    assert "eval(" not in script and "innerHTML" not in script
    assert script.count("fetch(") == 1
