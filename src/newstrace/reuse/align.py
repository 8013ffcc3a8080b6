"""Aligning two articles: the maximal passages they share, however reordered or edited.

Passim-style: exact n-gram anchors on token keys seed the alignment, anchors on a common
diagonal are chained into runs across small gaps (an edited or inserted word breaks no run),
runs are extended to their true ends, and each is scored by token-level edit similarity.
Reordered paragraphs give separate runs, so a moved paragraph is still found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from newstrace.reuse.tokens import Tokens

ANCHOR_N = 4
MAX_ANCHOR_REPEATS = 3
MAX_GAP = 12
MAX_DRIFT = 6
MIN_PASSAGE_TOKENS = 10
MIN_SIMILARITY = 0.8


@dataclass(frozen=True)
class Alignment:
    """Token spans [a_start, a_end) and [b_start, b_end) that match, with their similarity."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float

    @property
    def length(self) -> int:
        return max(self.a_end - self.a_start, self.b_end - self.b_start)


def _grams(keys: Sequence[str], masked: frozenset[int]) -> dict[tuple[str, ...], list[int]]:
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(keys) - ANCHOR_N + 1):
        if masked and any(p in masked for p in range(i, i + ANCHOR_N)):
            continue
        index[tuple(keys[i : i + ANCHOR_N])].append(i)
    return index


def anchors(
    a: Tokens, b: Tokens, a_masked: frozenset[int] = frozenset(),
    b_masked: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """Positions (i in a, j in b) where the same n-gram of keys starts, rare in both."""
    b_index = _grams(b.keys, b_masked)
    found: list[tuple[int, int]] = []
    for gram, a_positions in _grams(a.keys, a_masked).items():
        b_positions = b_index.get(gram)
        if not b_positions:
            continue
        if len(a_positions) > MAX_ANCHOR_REPEATS or len(b_positions) > MAX_ANCHOR_REPEATS:
            continue
        found.extend((i, j) for i in a_positions for j in b_positions)
    found.sort()
    return found


def _chain(points: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group anchors into runs that advance together in both texts."""
    runs: list[list[tuple[int, int]]] = []
    for i, j in points:
        best, best_cost = None, None
        for run in runs[-40:]:
            li, lj = run[-1]
            di, dj = i - li, j - lj
            if 0 < di <= MAX_GAP + ANCHOR_N and 0 < dj <= MAX_GAP + ANCHOR_N \
                    and abs(di - dj) <= MAX_DRIFT:
                cost = di + dj + 2 * abs(di - dj)
                if best_cost is None or cost < best_cost:
                    best, best_cost = run, cost
        if best is None:
            runs.append([(i, j)])
        else:
            best.append((i, j))
    return runs


def _extend(a: Sequence[str], b: Sequence[str], span: list[int]) -> list[int]:
    """Grow a run while the tokens beyond it still match (one edited word tolerated)."""
    a0, a1, b0, b1 = span
    while a1 < len(a) and b1 < len(b):
        if a[a1] == b[b1]:
            a1, b1 = a1 + 1, b1 + 1
        elif a1 + 2 < len(a) and b1 + 2 < len(b) and a[a1 + 1 : a1 + 3] == b[b1 + 1 : b1 + 3]:
            a1, b1 = a1 + 3, b1 + 3
        else:
            break
    while a0 > 0 and b0 > 0:
        if a[a0 - 1] == b[b0 - 1]:
            a0, b0 = a0 - 1, b0 - 1
        elif a0 > 2 and b0 > 2 and a[a0 - 3 : a0 - 1] == b[b0 - 3 : b0 - 1]:
            a0, b0 = a0 - 3, b0 - 3
        else:
            break
    return [a0, a1, b0, b1]


def align(
    a: Tokens, b: Tokens, a_masked: frozenset[int] = frozenset(),
    b_masked: frozenset[int] = frozenset(),
) -> list[Alignment]:
    """All maximal shared passages of two token sequences, longest first."""
    found: list[Alignment] = []
    for run in _chain(anchors(a, b, a_masked, b_masked)):
        span = [run[0][0], run[-1][0] + ANCHOR_N, run[0][1], run[-1][1] + ANCHOR_N]
        a0, a1, b0, b1 = _extend(a.keys, b.keys, span)
        if max(a1 - a0, b1 - b0) < MIN_PASSAGE_TOKENS:
            continue
        similarity = Levenshtein.normalized_similarity(a.keys[a0:a1], b.keys[b0:b1])
        if similarity >= MIN_SIMILARITY:
            found.append(Alignment(a0, a1, b0, b1, round(similarity, 4)))
    return _merge_overlaps(sorted(found, key=lambda x: -x.length))


def _merge_overlaps(alignments: list[Alignment]) -> list[Alignment]:
    """Drop alignments that overlap a longer one in either text."""
    kept: list[Alignment] = []
    for candidate in alignments:
        if any(
            (candidate.a_start < k.a_end and k.a_start < candidate.a_end)
            or (candidate.b_start < k.b_end and k.b_start < candidate.b_end)
            for k in kept
        ):
            continue
        kept.append(candidate)
    return sorted(kept, key=lambda x: x.a_start)
