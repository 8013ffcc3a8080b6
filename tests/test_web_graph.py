"""The source-chain graph: generations left to right, credit kept on every edge, the node
cap, and the partial escaping outlet names (they come from untrusted articles)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pytest

from newstrace.web.graph import (
    LABEL_CHARS,
    MAX_NODES,
    ChainGraph,
    Node,
    layout_chains,
    time_label,
    truncate,
)

TEMPLATES = Path(__file__).parent.parent / "src/newstrace/web/templates"
HOSTILE = "<script>alert(1)</script>"


def href(article_id: str) -> str:
    return f"/articles/{article_id}"


def member(aid: str, outlet: str, when: str | None, in_event: bool = True) -> dict[str, Any]:
    return {"id": aid, "outlet": outlet, "published_at": when, "in_event": in_event}


def edge(source: str, target: str, *, directed: bool = True, credited: bool = False,
         chars: int = 400) -> dict[str, Any]:
    return {"source": source, "target": target, "directed": directed, "credited": credited,
            "similarity": 0.97, "shared_chars": chars}


def chain(cid: str, roots: list[str], members: list[dict[str, Any]],
          edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": cid, "root_articles": roots, "members": members, "edges": edges,
            "credited": bool(edges) and all(e["credited"] for e in edges)}


def lone(aid: str, outlet: str, when: str) -> dict[str, Any]:
    return chain(f"ch-{aid}", [aid], [member(aid, outlet, when)], [])


@pytest.fixture
def wire_chain() -> dict[str, Any]:
    """An agency story, two copies (one credited), a copy of a copy, and a near-twin of a
    copy with no known direction, which is not about the event."""
    return chain("ch-wire", ["a"], [
        member("c2", "Harbour Times", "2026-03-02T12:00:00+00:00"),
        member("a", "Northern Wire Service", "2026-03-02T08:00:00+02:00"),
        member("c1", "Valley Post", "2026-03-02T09:30:00+00:00"),
        member("g", "Hill Gazette", "2026-03-03T07:00:00"),
        member("t", "Riverside Daily", "2026-03-02T10:00:00Z", in_event=False),
    ], [
        edge("a", "c1", credited=True, chars=1200),
        edge("a", "c2", credited=False, chars=300),
        edge("c1", "g", credited=False, chars=900),
        edge("c1", "t", directed=False, chars=500),
    ])


def nodes_by_id(graph: ChainGraph) -> dict[str, Node]:
    return {n.article_id: n for n in graph.nodes}


def test_generations_run_left_to_right(wire_chain: dict[str, Any]) -> None:
    graph = layout_chains([wire_chain], href)
    nodes = nodes_by_id(graph)
    assert {k: n.depth for k, n in nodes.items()} == {"a": 0, "c1": 1, "c2": 1, "g": 2, "t": 1}
    assert nodes["a"].x < nodes["c1"].x < nodes["g"].x
    assert nodes["c1"].x == nodes["c2"].x == nodes["t"].x
    # one generation reads top to bottom in publication order (09:30, 10:00 UTC, 12:00)
    assert nodes["c1"].y < nodes["t"].y < nodes["c2"].y
    assert nodes["a"].root and not nodes["c1"].root
    assert [b.chain_id for b in graph.bands] == ["ch-wire"]
    band = graph.bands[0]
    assert all(band.y <= n.y and n.y + n.h <= band.y + band.h for n in graph.nodes)
    assert band.label == "Chain of 5 articles: 1 origin, 1 of 3 copies credited"
    assert graph.width >= max(n.x + n.w for n in graph.nodes)
    assert graph.height >= max(n.y + n.h for n in graph.nodes)


def test_undirected_partner_stays_in_its_partners_generation() -> None:
    """Both ends of a shared-text link with no direction are roots in the store; the one
    that only shares text is drawn beside its partner, not as a second origin."""
    c = chain("ch-u", ["a", "b", "x"], [
        member("a", "A", "2026-01-01T08:00:00Z"), member("b", "B", "2026-01-01T09:00:00Z"),
        member("x", "X", "2026-01-01T10:00:00Z")], [edge("a", "b"), edge("b", "x",
                                                                      directed=False)])
    nodes = nodes_by_id(layout_chains([c], href))
    assert nodes["b"].depth == nodes["x"].depth == 1
    assert nodes["x"].x == nodes["b"].x


def test_edges_keep_credit_direction_and_size(wire_chain: dict[str, Any]) -> None:
    graph = layout_chains([wire_chain], href)
    edges = {(e.source, e.target): e for e in graph.edges}
    assert set(edges) == {("a", "c1"), ("a", "c2"), ("c1", "g"), ("c1", "t")}
    credited = edges[("a", "c1")]
    assert credited.credited and credited.directed
    assert credited.css_class == "nt-edge nt-edge-credited"
    assert credited.title == "Valley Post copied Northern Wire Service: 1200 chars shared, credited"
    assert edges[("a", "c2")].css_class == "nt-edge nt-edge-uncredited"
    assert edges[("a", "c2")].title.endswith("300 chars shared, not credited")
    twin = edges[("c1", "t")]
    assert not twin.directed and "nt-edge-undirected" in twin.css_class
    assert "direction unknown" in twin.title
    assert credited.stroke_width > edges[("a", "c2")].stroke_width
    # paths start at the source box's right edge and end at the target box's left edge
    nodes = nodes_by_id(graph)
    start = re.match(r"M([\d.]+),", credited.path)
    assert start and float(start.group(1)) == nodes["a"].x + nodes["a"].w
    assert credited.path.split()[-1].startswith(f"{nodes['c1'].x:g},")
    assert {item.kind for item in graph.legend} == {"credited", "uncredited", "undirected",
                                                    "outside"}


def test_single_article_chains_are_lone_nodes_in_one_band(wire_chain: dict[str, Any]) -> None:
    chains = [lone("s2", "Second Lone", "2026-03-04T10:00:00Z"), wire_chain,
              lone("s1", "First Lone", "2026-03-01T10:00:00Z")]
    graph = layout_chains(chains, href)
    assert graph.n_chains == 3 and graph.n_articles == 7 and graph.hidden == 0
    assert [b.chain_id for b in graph.bands] == ["ch-wire", "single"]
    assert graph.bands[1].label == "2 single-article chains: no copying found"
    singles = [n for n in graph.nodes if n.chain_id.startswith("ch-s")]
    assert [n.article_id for n in singles] == ["s1", "s2"]  # by time
    assert all(n.root and n.depth == 0 for n in singles)
    assert singles[0].y == singles[1].y and singles[0].x < singles[1].x
    assert all(n.y > graph.bands[0].y + graph.bands[0].h for n in singles)
    assert not any(e.source.startswith("s") for e in graph.edges)


def test_node_text_is_short_plain_and_linked() -> None:
    long_name = "The Extremely Long Named Evening Chronicle of the Provinces"
    graph = layout_chains([lone("x", long_name, "2026-03-02T08:05:59+03:00")], href)
    (node,) = graph.nodes
    assert len(node.label) == LABEL_CHARS and node.label.endswith("…")
    assert node.outlet == long_name and long_name in node.title
    assert node.time_label == "2026-03-02 08:05 +03:00"
    assert node.href == "/articles/x"


@pytest.mark.parametrize(("published", "label"), [
    ("2026-03-02T08:05:00-05:00", "2026-03-02 08:05 -05:00"),
    ("2026-03-02T08:05:00Z", "2026-03-02 08:05 UTC"),
    ("2026-03-02T08:05", "2026-03-02 08:05"),
    ("2026-03-02", "2026-03-02"),
    (None, "time unknown"),
])
def test_time_label(published: str | None, label: str) -> None:
    assert time_label(published) == label


def test_truncate_folds_whitespace_and_keeps_short_names() -> None:
    assert truncate("  Levant\n Wire ") == "Levant Wire"
    assert truncate("x" * LABEL_CHARS) == "x" * LABEL_CHARS
    assert truncate("abcdef", 4) == "abc…"


def test_node_cap_counts_what_is_left_out() -> None:
    members = [member("root", "Origin", "2026-01-01T00:00:00Z")]
    members += [member(f"m{i:03d}", f"Copier {i}", f"2026-01-01T{i % 24:02d}:{i % 60:02d}:00Z")
                for i in range(99)]
    big = chain("ch-big", ["root"], members, [edge("root", m["id"]) for m in members[1:]])
    extra = [lone(f"s{i}", f"Lone {i}", "2026-01-02T00:00:00Z") for i in range(5)]
    graph = layout_chains([big, *extra], href)
    assert len(graph.nodes) == MAX_NODES
    assert graph.hidden == 100 + 5 - MAX_NODES
    assert graph.more_note == f"+{graph.hidden} more articles not drawn"
    assert "root" in nodes_by_id(graph)  # the origin is drawn first
    drawn = {n.article_id for n in graph.nodes}
    assert all(e.source in drawn and e.target in drawn for e in graph.edges)
    assert len(graph.edges) == MAX_NODES - 1
    small = layout_chains([big], href, max_nodes=10)
    assert len(small.nodes) == 10 and small.hidden == 90


def test_broken_records_do_not_break_the_layout() -> None:
    """A copy cycle, an edge to an article outside the chain, no roots recorded."""
    c = chain("ch-odd", [], [member("p", "P", None), member("q", "Q", "2026-01-01T00:00:00Z")],
              [edge("p", "q"), edge("q", "p"), edge("q", "elsewhere"), edge("p", "p")])
    graph = layout_chains([c], href)
    assert sorted(n.depth for n in graph.nodes) == [0, 1]
    assert {(e.source, e.target) for e in graph.edges} == {("p", "q"), ("q", "p")}
    assert layout_chains([], href).empty


def render(graph: ChainGraph) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return env.get_template("_chains.html").render(graph=graph)


def test_partial_escapes_outlet_names_and_marks_outside_articles(
        wire_chain: dict[str, Any]) -> None:
    wire_chain["members"][1]["outlet"] = HOSTILE
    wire_chain["members"][1]["id"] = 'a"><script>'
    for e in wire_chain["edges"]:
        if e["source"] == "a":
            e["source"] = 'a"><script>'
    wire_chain["root_articles"] = ['a"><script>']
    html = render(layout_chains([wire_chain], href))
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-article="a&#34;&gt;&lt;script&gt;"' in html
    assert "style=" not in html
    assert html.count('<g class="nt-node') == 5
    assert html.count("nt-node-outside") == 1
    assert re.search(r'<g class="nt-node nt-node-outside" data-article="t"', html)
    assert html.count('class="nt-edge nt-edge-credited"') == 1
    assert html.count('marker-end="url(#nt-arrow-') >= 3
    assert "copied &lt;script&gt;alert(1)&lt;/script&gt;: 1200 chars shared, credited" in html
    assert '<a href="/articles/c1">' in html
    assert re.search(r'<svg class="nt-chains"[^>]* viewBox="0 0 [\d.]+ [\d.]+"', html)


def test_partial_says_so_when_there_is_nothing_to_draw() -> None:
    html = render(layout_chains([], href))
    assert "nt-chains-empty" in html and "<svg" not in html


def test_partial_notes_the_cap() -> None:
    many = [lone(f"s{i:02d}", f"Lone {i}", "2026-01-02T00:00:00Z") for i in range(12)]
    html = render(layout_chains(many, href, max_nodes=4))
    assert "+8 more articles not drawn" in html
