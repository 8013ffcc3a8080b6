"""Source chains: the articles tied together by copying, as one origin and its copies.

Independence is counted in chains, not articles: ten outlets running one agency's copy are
one chain. Within a chain, the tree keeps only direct copying: when C took its passages
from B, which took them from A, the A–C link is explained by B and is not an edge of the
tree (C matches B's edits more closely than A's text).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newstrace.normalize import sha256_hex


@dataclass(frozen=True)
class LinkView:
    """A reuse link as chains see it: two articles, a direction, a strength."""

    source: str
    target: str
    directed: bool
    similarity: float
    shared_chars: int
    credited: bool


@dataclass
class Chain:
    id: str
    members: list[str]
    roots: list[str]
    edges: list[dict[str, object]] = field(default_factory=list)
    credited: bool = False


def _components(nodes: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(node)
    return [sorted(g) for g in groups.values()]


def _pair_links(links: list[LinkView]) -> dict[tuple[str, str], LinkView]:
    """One view per article pair: passages of a pair are summed, the best similarity kept."""
    merged: dict[tuple[str, str], LinkView] = {}
    for link in links:
        key = (link.source, link.target)
        if not link.directed:
            key = tuple(sorted(key))  # type: ignore[assignment]
        prior = merged.get(key)
        if prior is None:
            merged[key] = link
        else:
            merged[key] = LinkView(
                prior.source, prior.target, prior.directed,
                max(prior.similarity, link.similarity),
                prior.shared_chars + link.shared_chars, prior.credited and link.credited,
            )
    return merged


def _direct_edges(pairs: dict[tuple[str, str], LinkView]) -> list[LinkView]:
    """Links not explained by a closer intermediate copy (A→C when A→B→C matches better)."""
    incoming: dict[str, list[LinkView]] = defaultdict(list)
    for link in pairs.values():
        if link.directed:
            incoming[link.target].append(link)

    def explained(link: LinkView) -> bool:
        return any(
            other.source != link.source
            and other.similarity >= link.similarity
            and (upstream := pairs.get((link.source, other.source))) is not None
            and upstream.directed
            for other in incoming[link.target]
        )

    return [link for link in pairs.values() if not link.directed or not explained(link)]


def build_chains(articles: Iterable[str], links: list[LinkView]) -> list[Chain]:
    """Chains over the given copy links; articles with no link are single-member chains."""
    pairs = _pair_links(links)
    edges = _direct_edges(pairs)
    chains = []
    for members in _components(articles, ((e.source, e.target) for e in pairs.values())):
        member_set = set(members)
        chain_edges = [e for e in edges if e.source in member_set]
        has_parent = {e.target for e in chain_edges if e.directed}
        roots = [m for m in members if m not in has_parent]
        chains.append(Chain(
            id="ch-" + sha256_hex("\n".join(members))[:12],
            members=members,
            roots=roots,
            edges=[
                {"source": e.source, "target": e.target, "directed": e.directed,
                 "similarity": e.similarity, "shared_chars": e.shared_chars,
                 "credited": e.credited}
                for e in sorted(chain_edges, key=lambda e: (e.source, e.target))
            ],
            credited=bool(chain_edges) and all(e.credited for e in chain_edges),
        ))
    return chains
