"""Source-chain graph of a dossier: who copied whom, laid out for an inline SVG.

A dossier counts independence in chains; the picture shows why. Each chain is a band, its
articles left to right by generation (the origin first, then its copies, then copies of
copies), so a reader sees at a glance that seven articles are three sources. Copy edges say
whether the copier credited its source, which is what separates syndication from lifting.

Layout is computed here, in Python, so the page needs no script to draw it and tests can
check positions. Outlet names come from the articles and are untrusted: the dataclasses
hold plain strings and the template escapes them (Jinja autoescape).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

MAX_NODES = 60
LABEL_CHARS = 28

NODE_W = 216
NODE_H = 42
COL_GAP = 64
ROW_GAP = 14
MARGIN = 12
BAND_LABEL_H = 22
BAND_GAP = 14
LEGEND_H = 28
MIN_COLUMNS = 3
LEGEND_KEY_W = 52
LEGEND_CHAR_W = 7.0
LEGEND_LABELS = {"credited": "copy, source credited", "uncredited": "copy, not credited",
                 "undirected": "shared text, direction unknown",
                 "outside": "article not about this event"}


@dataclass(frozen=True)
class Node:
    """One article drawn as a box; x, y are its top-left corner in viewBox units."""

    article_id: str
    chain_id: str
    x: float
    y: float
    w: float
    h: float
    label: str
    outlet: str
    time_label: str
    published_at: str | None
    href: str
    depth: int
    root: bool
    in_event: bool
    title: str


@dataclass(frozen=True)
class Edge:
    """A copy link between two drawn nodes; `path` is the SVG path data, source -> target."""

    source: str
    target: str
    path: str
    directed: bool
    credited: bool
    shared_chars: int
    stroke_width: float
    title: str

    @property
    def css_class(self) -> str:
        kind = "nt-edge-credited" if self.credited else "nt-edge-uncredited"
        return f"nt-edge {kind}" + ("" if self.directed else " nt-edge-undirected")


@dataclass(frozen=True)
class Band:
    """The strip of the picture holding one chain (or the grid of single-article chains)."""

    chain_id: str
    x: float
    y: float
    w: float
    h: float
    label: str
    n_members: int


@dataclass(frozen=True)
class LegendItem:
    """One key of the legend: `kind` is credited, uncredited, undirected or outside."""

    kind: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class ChainGraph:
    """Everything the `_chains.html` partial draws, sized for viewBox="0 0 width height"."""

    width: float
    height: float
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    bands: tuple[Band, ...]
    legend: tuple[LegendItem, ...]
    legend_y: float
    n_chains: int
    n_articles: int
    hidden: int

    @property
    def empty(self) -> bool:
        return not self.nodes

    @property
    def more_note(self) -> str:
        """'+N more articles not drawn' when the node cap cut the picture, else ''."""
        if not self.hidden:
            return ""
        noun = "article" if self.hidden == 1 else "articles"
        return f"+{self.hidden} more {noun} not drawn"


def truncate(text: str, limit: int = LABEL_CHARS) -> str:
    """At most `limit` characters, the last one an ellipsis when anything was cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def time_label(published_at: str | None) -> str:
    """'2026-11-11 09:14 +02:00' from an ISO timestamp: minutes and the outlet's own offset,
    since copies are judged by order and mixed zones mislead without it."""
    if not published_at:
        return "time unknown"
    if "T" not in published_at:
        return published_at
    day, _, clock = published_at.partition("T")
    offset = ""
    for sign in ("+", "-"):
        if sign in clock:
            clock, _, rest = clock.partition(sign)
            offset = " " + sign + rest
    if clock.endswith("Z"):
        clock, offset = clock[:-1], " UTC"
    return f"{day} {clock[:5]}{offset}"


def _instant(published_at: str | None) -> float:
    """Sort key for publication order; unknown times sort last, naive times read as UTC."""
    if not published_at:
        return math.inf
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return math.inf
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _depths(members: Sequence[Mapping[str, Any]], roots: Sequence[str],
            edges: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Generation of each member: BFS over directed edges from the origins; an undirected
    edge keeps its ends in the same generation. Origins are the chain's roots that lead
    somewhere or stand alone; roots tied only by undirected links are reached through them.
    Whatever stays unreached (a cycle, a broken record) starts a new walk at depth 0."""
    ids = [str(m["id"]) for m in members]
    known = set(ids)
    out_directed: dict[str, list[str]] = {i: [] for i in ids}
    undirected: dict[str, list[str]] = {i: [] for i in ids}
    for edge in edges:
        src, tgt = str(edge.get("source")), str(edge.get("target"))
        if src not in known or tgt not in known or src == tgt:
            continue
        if edge.get("directed"):
            out_directed[src].append(tgt)
        else:
            undirected[src].append(tgt)
            undirected[tgt].append(src)
    when = {str(m["id"]): _instant(m.get("published_at")) for m in members}
    by_time = sorted(ids, key=lambda i: (when[i], i))
    rootset = {r for r in roots if r in known}
    seeds = [i for i in by_time if i in rootset and (out_directed[i] or not undirected[i])]
    depth: dict[str, int] = {}
    queue: deque[str] = deque()

    def visit(node: str, d: int) -> None:
        if node not in depth:
            depth[node] = d
            queue.append(node)

    pending = iter(seeds + by_time)
    while len(depth) < len(ids):
        for start in pending:
            if start not in depth:
                visit(start, 0)
                break
        while queue:
            node = queue.popleft()
            for other in undirected[node]:
                if other not in depth:
                    depth[other] = depth[node]
                    queue.appendleft(other)
            for child in out_directed[node]:
                visit(child, depth[node] + 1)
    return depth


def _edge_path(a: Node, b: Node) -> str:
    """A curve from a's right side to b's left side; between nodes of one column (undirected
    pairs, odd records) a loop out to the right instead, so it never crosses the boxes."""
    ay, by = a.y + a.h / 2, b.y + b.h / 2
    if b.x > a.x:
        x1, x2 = a.x + a.w, b.x
        mid = (x1 + x2) / 2
        return f"M{x1:g},{ay:g} C{mid:g},{ay:g} {mid:g},{by:g} {x2:g},{by:g}"
    x1, x2 = a.x + a.w, b.x + b.w
    bulge = max(x1, x2) + COL_GAP / 2
    return f"M{x1:g},{ay:g} C{bulge:g},{ay:g} {bulge:g},{by:g} {x2:g},{by:g}"


def _stroke(shared_chars: int) -> float:
    """1.5 to 4.5 units, growing with the log of the characters shared."""
    return round(min(4.5, 1.5 + math.log10(max(shared_chars, 1)) * 0.75), 2)


def _edge_title(src: Node, tgt: Node, edge: Mapping[str, Any]) -> str:
    chars = int(edge.get("shared_chars") or 0)
    credit = "credited" if edge.get("credited") else "not credited"
    if edge.get("directed"):
        return f"{tgt.outlet} copied {src.outlet}: {chars} chars shared, {credit}"
    return (f"{src.outlet} and {tgt.outlet} share text (direction unknown): "
            f"{chars} chars shared, {credit}")


def _node_title(outlet: str, published_at: str | None, root: bool, in_event: bool) -> str:
    role = "origin of its chain" if root else "copy"
    where = "" if in_event else "; not about this event"
    return f"{outlet}, published {published_at or 'at an unknown time'} ({role}){where}"


def _chain_label(n_members: int, n_roots: int, n_credited: int, n_copies: int) -> str:
    origins = f"{n_roots} origin" + ("" if n_roots == 1 else "s")
    if not n_copies:
        credit = "no direction known"
    elif n_credited == n_copies:
        credit = "every copy credited"
    elif not n_credited:
        credit = "no copy credited"
    else:
        credit = f"{n_credited} of {n_copies} copies credited"
    return f"Chain of {n_members} articles: {origins}, {credit}"


Cell = tuple[Mapping[str, Any], int, int]  # member, depth (column), row in its column


def _cells(chain: Mapping[str, Any], budget: int) -> tuple[list[Cell], int]:
    """A chain's members in reading order (generation, then time), at most `budget` of
    them, each with its column and row; and how many did not fit."""
    members = list(chain["members"])
    depth = _depths(members, [str(r) for r in chain.get("root_articles") or []],
                    chain.get("edges") or [])
    order = sorted(members, key=lambda m: (depth[str(m["id"])],
                                           _instant(m.get("published_at")), str(m["id"])))
    kept = order[:max(budget, 0)]
    rows: dict[int, int] = {}
    cells = []
    for m in kept:
        d = depth[str(m["id"])]
        cells.append((m, d, rows.get(d, 0)))
        rows[d] = rows.get(d, 0) + 1
    return cells, len(order) - len(kept)


class _Canvas:
    """Accumulates bands top to bottom; knows the width once the widest chain is known."""

    def __init__(self, columns: int, article_href: Callable[[str], str]) -> None:
        self.width = 2 * MARGIN + columns * NODE_W + (columns - 1) * COL_GAP
        self.columns = columns
        self.href = article_href
        self.y = float(MARGIN)
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.bands: list[Band] = []
        self.kinds: set[str] = set()

    def node(self, chain: Mapping[str, Any], m: Mapping[str, Any], depth: int, col: int,
             row: int, top: float) -> Node:
        aid, outlet = str(m["id"]), str(m.get("outlet") or "unknown outlet")
        published = m.get("published_at")
        in_event = bool(m.get("in_event", True))
        if not in_event:
            self.kinds.add("outside")
        root = depth == 0
        node = Node(aid, str(chain["id"]), MARGIN + col * (NODE_W + COL_GAP),
                    top + row * (NODE_H + ROW_GAP), NODE_W, NODE_H, truncate(outlet), outlet,
                    time_label(published), published, self.href(aid), depth, root, in_event,
                    _node_title(outlet, published, root, in_event))
        self.nodes.append(node)
        return node

    def band(self, chain_id: str, n_rows: int, label: str, n_members: int) -> None:
        h = BAND_LABEL_H + n_rows * NODE_H + (n_rows - 1) * ROW_GAP
        self.bands.append(Band(chain_id, MARGIN / 2, self.y - MARGIN / 2, self.width - MARGIN,
                               h + MARGIN, label, n_members))
        self.y += h + BAND_GAP + MARGIN

    def chain(self, chain: Mapping[str, Any], cells: list[Cell]) -> None:
        top = self.y + BAND_LABEL_H
        here = {str(m["id"]): self.node(chain, m, d, d, r, top) for m, d, r in cells}
        for edge in chain.get("edges") or []:
            src, tgt = here.get(str(edge.get("source"))), here.get(str(edge.get("target")))
            if src is None or tgt is None or src is tgt:
                continue
            chars = int(edge.get("shared_chars") or 0)
            credited, directed = bool(edge.get("credited")), bool(edge.get("directed"))
            self.kinds.add("credited" if credited else "uncredited")
            if not directed:
                self.kinds.add("undirected")
            self.edges.append(Edge(src.article_id, tgt.article_id, _edge_path(src, tgt),
                                   directed, credited, chars, _stroke(chars),
                                   _edge_title(src, tgt, edge)))
        copies = [e for e in chain.get("edges") or [] if e.get("directed")]
        label = _chain_label(len(chain["members"]), sum(1 for _, d, _ in cells if d == 0),
                             sum(1 for e in copies if e.get("credited")), len(copies))
        self.band(str(chain["id"]), max(r for _, _, r in cells) + 1, label,
                  len(chain["members"]))

    def singles(self, lone: Sequence[Mapping[str, Any]], n_total: int) -> None:
        """Single-article chains side by side in a grid: each is its own source."""
        top = self.y + BAND_LABEL_H
        for i, chain in enumerate(lone):
            row, col = divmod(i, self.columns)
            self.node(chain, chain["members"][0], 0, col, row, top)
        label = (f"{n_total} single-article chain" + ("" if n_total == 1 else "s")
                 + ": no copying found")
        self.band("single", math.ceil(len(lone) / self.columns), label, n_total)

    def legend(self) -> tuple[tuple[LegendItem, ...], float]:
        """Keys for what the picture shows, wrapped to the width; and the total height."""
        items: list[LegendItem] = []
        x, row_y, n_rows = float(MARGIN), self.y + LEGEND_H / 2, 1
        for kind in ("credited", "uncredited", "undirected", "outside"):
            if kind not in self.kinds:
                continue
            item_w = LEGEND_KEY_W + LEGEND_CHAR_W * len(LEGEND_LABELS[kind])
            if items and x + item_w > self.width - MARGIN:
                x, row_y, n_rows = float(MARGIN), row_y + LEGEND_H, n_rows + 1
            items.append(LegendItem(kind, LEGEND_LABELS[kind], x, row_y))
            x += item_w
        return tuple(items), self.y + (n_rows * LEGEND_H if items else 0) + MARGIN / 2


def layout_chains(chains: Sequence[Mapping[str, Any]], article_href: Callable[[str], str],
                  *, max_nodes: int = MAX_NODES) -> ChainGraph:
    """Lay out a dossier's "source_chains": multi-article chains one band each, in the
    order given, then the single-article chains together in a grid band. At most
    `max_nodes` boxes are drawn (origins and early copies first); `hidden` counts the rest."""
    budget, hidden = max_nodes, 0
    placed: list[tuple[Mapping[str, Any], list[Cell]]] = []
    for chain in (c for c in chains if len(c.get("members") or []) > 1):
        cells, cut = _cells(chain, budget)
        budget, hidden = budget - len(cells), hidden + cut
        if cells:
            placed.append((chain, cells))
    lone = sorted((c for c in chains if len(c.get("members") or []) == 1),
                  key=lambda c: (_instant(c["members"][0].get("published_at")),
                                 str(c["members"][0]["id"])))
    hidden += max(len(lone) - max(budget, 0), 0)
    columns = max([MIN_COLUMNS] + [max(d for _, d, _ in cells) + 1 for _, cells in placed])
    canvas = _Canvas(columns, article_href)
    for chain, cells in placed:
        canvas.chain(chain, cells)
    if lone and budget > 0:
        canvas.singles(lone[:budget], len(lone))
    legend, height = canvas.legend()
    return ChainGraph(float(canvas.width), height, tuple(canvas.nodes), tuple(canvas.edges),
                      tuple(canvas.bands), tuple(legend), canvas.y, len(chains),
                      sum(len(c.get("members") or []) for c in chains), hidden)


__all__ = ["Band", "ChainGraph", "Edge", "LegendItem", "Node", "layout_chains", "time_label",
           "truncate"]
