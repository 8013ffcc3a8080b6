"""An article's text cut into segments for highlighting what the stages found in it.

Mentions, claims and reused passages overlap (a claim holds mentions; a copied paragraph
holds claims), so the text is cut at every edge of every span and each segment carries
the layers that cover it. The template nests one `<mark>` per layer in a fixed order
(claim outside, reuse, mention inside), which keeps the HTML well formed whatever the
overlaps. Segments are plain strings: the template escapes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Protocol

LAYERS = ("claim", "reused", "mention")
MAX_PAIRS = 60
"""Reused passages shown side by side on one article page."""
MAX_PASSAGE = 2000
"""Characters of one side of a reused passage shown (the JSON has the offsets)."""


@dataclass(frozen=True)
class Marked:
    """A stretch of the text under one layer, with its hover title."""

    start: int
    end: int
    layer: str
    title: str


class ArticleTexts(Protocol):
    def get_article(self, ref: str) -> Any: ...


def article_segments(text: str, mentions: Sequence[Mapping[str, Any]],
                     claims: Sequence[Mapping[str, Any]], reuse: Sequence[Mapping[str, Any]],
                     article_id: str) -> list[dict[str, Any]]:
    """The text as consecutive segments, each {"text", "claim", "reused", "mention"} where a
    layer's value is the hover title of the span covering it, or None."""
    spans = [s for s in _spans(mentions, claims, reuse, article_id)
             if 0 <= s.start < s.end <= len(text)]
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    by_start = sorted(spans, key=lambda s: (s.start, -s.end))
    active: list[Marked] = []
    out: list[dict[str, Any]] = []
    i = 0
    for left, right in pairwise(edges):
        while i < len(by_start) and by_start[i].start <= left:
            active.append(by_start[i])
            i += 1
        active = [s for s in active if s.end > left]
        segment: dict[str, Any] = {"text": text[left:right]}
        for layer in LAYERS:
            segment[layer] = next((s.title for s in active if s.layer == layer), None)
        out.append(segment)
    return out


def _spans(mentions: Sequence[Mapping[str, Any]], claims: Sequence[Mapping[str, Any]],
           reuse: Sequence[Mapping[str, Any]], article_id: str) -> list[Marked]:
    spans = [Marked(int(m["start"]), int(m["end"]), "mention", _mention_title(m))
             for m in mentions]
    for c in claims:
        who = c.get("speaker") or "the outlet"
        how = f"{c.get('cue') or ''} [{c.get('stance')}]"
        via = f", citing {c['via']}" if c.get("via") else ""
        spans.append(Marked(int(c["content_start"]), int(c["content_end"]), "claim",
                          f"claim: {who} {how}{via}"))
    for link in reuse:
        mine, theirs = _sides(link, article_id)
        spans.append(Marked(int(link[f"{mine}_start"]), int(link[f"{mine}_end"]), "reused",
                            f"{link['kind']} {_direction(link, mine)} "
                            f"{link[f'{theirs}_article']}"))
    return spans


def _sides(link: Mapping[str, Any], article_id: str) -> tuple[str, str]:
    """Which end of a reuse link is this article ("source" or "target"), and the other."""
    return ("source", "target") if link["source_article"] == article_id \
        else ("target", "source")


def _direction(link: Mapping[str, Any], mine: str) -> str:
    """What this article did with the passage, as far as the link knows."""
    if link["direction"] != "source_to_target":
        return "shared with"
    return "copied into" if mine == "source" else "taken from"


def _mention_title(m: Mapping[str, Any]) -> str:
    kind = m["kind"]
    if kind == "actor":
        return f"actor: {m.get('actor') or m['text']}"
    if kind == "place":
        where = ", ".join(str(p) for p in (m.get("place"), m.get("country")) if p)
        return f"place: {where or 'not resolved'}"
    if kind == "time":
        value = m.get("value_start") or "?"
        if m.get("value_end") not in (None, value):
            value += f" – {m['value_end']}"
        return f"time: {value} ({m.get('precision') or 'unresolved'})"
    return f"quantity: {m.get('low')}–{m.get('high')} {m.get('counted') or ''}".rstrip()


def reuse_pairs(store: ArticleTexts, article_id: str, text: str,
                reuse: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each reused passage of this article beside the same passage in the other article,
    with which way it went: "taken from" (this article copied) or "copied into"."""
    pairs: list[dict[str, Any]] = []
    others: dict[str, Any] = {}
    for link in reuse[:MAX_PAIRS]:
        mine, theirs = _sides(link, article_id)
        other_id = str(link[f"{theirs}_article"])
        if other_id not in others:
            others[other_id] = store.get_article(other_id)
        other = others[other_id]
        pairs.append({
            "direction": _direction(link, mine), "kind": link["kind"], "credited": link["credited"],
            "similarity": link["similarity"],
            "this": _clip(text[link[f"{mine}_start"]:link[f"{mine}_end"]]),
            "other": _clip(other.text[link[f"{theirs}_start"]:link[f"{theirs}_end"]]),
            "other_id": other_id, "other_outlet": other.outlet,
            "other_title": other.title, "other_published_at": other.published_at,
            "other_url": f"/articles/{other_id}",
        })
    return pairs


def _clip(passage: str) -> str:
    return passage if len(passage) <= MAX_PASSAGE else passage[:MAX_PASSAGE] + " …"


__all__ = ["LAYERS", "article_segments", "reuse_pairs"]
