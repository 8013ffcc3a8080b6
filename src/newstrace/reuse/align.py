"""Aligning two articles: the maximal passages they share, however reordered or edited.

Passim-style: exact n-gram anchors on token keys seed the alignment, anchors on a common
diagonal are chained into runs across small gaps (an edited or inserted word breaks no run),
runs are extended to their true ends, and each is scored by token-level edit similarity.
Reordered paragraphs give separate runs, so a moved paragraph is still found.
"""

from __future__ import annotations

from collections import defaultdict
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


@dataclass(frozen=True)
class Indexed:
    """A token sequence ready for alignment: its masked positions and its n-gram index.

    Built once per article, so comparing one article with many candidates does not
    rebuild its index each time.
    """

    tokens: Tokens
    masked: frozenset[int]
    grams: dict[tuple[str, ...], list[int]]


def indexed(tokens: Tokens, masked: frozenset[int] = frozenset()) -> Indexed:
    keys = tokens.keys
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(keys) - ANCHOR_N + 1):
        if masked and any(p in masked for p in range(i, i + ANCHOR_N)):
            continue
        index[tuple(keys[i : i + ANCHOR_N])].append(i)
    return Indexed(tokens, masked, dict(index))


def anchors(a: Indexed, b: Indexed) -> list[tuple[int, int]]:
    """Positions (i in a, j in b) where the same n-gram of keys starts, rare in both."""
    small, large, swapped = (a, b, False) if len(a.grams) <= len(b.grams) else (b, a, True)
    found: list[tuple[int, int]] = []
    for gram, positions in small.grams.items():
        others = large.grams.get(gram)
        if not others:
            continue
        if len(positions) > MAX_ANCHOR_REPEATS or len(others) > MAX_ANCHOR_REPEATS:
            continue
        if swapped:
            found.extend((i, j) for j in positions for i in others)
        else:
            found.extend((i, j) for i in positions for j in others)
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


def _extend(a: Indexed, b: Indexed, span: list[int]) -> list[int]:
    """Grow a run while the tokens beyond it still match (one edited word tolerated),
    never into boilerplate."""
    ka, kb = a.tokens.keys, b.tokens.keys

    def free(i: int, j: int) -> bool:
        return i not in a.masked and j not in b.masked

    a0, a1, b0, b1 = span
    while a1 < len(ka) and b1 < len(kb) and free(a1, b1):
        if ka[a1] == kb[b1]:
            a1, b1 = a1 + 1, b1 + 1
        elif (a1 + 2 < len(ka) and b1 + 2 < len(kb) and ka[a1 + 1 : a1 + 3] == kb[b1 + 1 : b1 + 3]
              and free(a1 + 2, b1 + 2)):
            a1, b1 = a1 + 3, b1 + 3
        else:
            break
    while a0 > 0 and b0 > 0 and free(a0 - 1, b0 - 1):
        if ka[a0 - 1] == kb[b0 - 1]:
            a0, b0 = a0 - 1, b0 - 1
        elif a0 > 2 and b0 > 2 and ka[a0 - 3 : a0 - 1] == kb[b0 - 3 : b0 - 1] \
                and free(a0 - 3, b0 - 3):
            a0, b0 = a0 - 3, b0 - 3
        else:
            break
    return [a0, a1, b0, b1]


def _scored(a: Indexed, b: Indexed, a0: int, a1: int, b0: int, b1: int) -> Alignment | None:
    if max(a1 - a0, b1 - b0) < MIN_PASSAGE_TOKENS:
        return None
    similarity = Levenshtein.normalized_similarity(a.tokens.keys[a0:a1], b.tokens.keys[b0:b1])
    if similarity < MIN_SIMILARITY:
        return None
    return Alignment(a0, a1, b0, b1, round(similarity, 4))


def align(
    a: Tokens | Indexed, b: Tokens | Indexed, a_masked: frozenset[int] = frozenset(),
    b_masked: frozenset[int] = frozenset(),
) -> list[Alignment]:
    """All maximal shared passages of two token sequences, in the order of `a`."""
    ia = a if isinstance(a, Indexed) else indexed(a, a_masked)
    ib = b if isinstance(b, Indexed) else indexed(b, b_masked)
    found: list[Alignment] = []
    for run in _chain(anchors(ia, ib)):
        span = [run[0][0], run[-1][0] + ANCHOR_N, run[0][1], run[-1][1] + ANCHOR_N]
        scored = _scored(ia, ib, *_extend(ia, ib, span))
        if scored:
            found.append(scored)
    return _without_overlaps(ia, ib, sorted(found, key=lambda x: -x.length))


def _without_overlaps(a: Indexed, b: Indexed, alignments: list[Alignment]) -> list[Alignment]:
    """Longest first; a shorter alignment overlapping a kept one at an end is trimmed, not
    dropped (extension may run one alignment into the next paragraph's copy)."""
    kept: list[Alignment] = []
    for candidate in alignments:
        trimmed: Alignment | None = candidate
        for k in kept:
            if trimmed is None:
                break
            trimmed = _trim(a, b, trimmed, k)
        if trimmed is not None:
            kept.append(trimmed)
    return sorted(kept, key=lambda x: x.a_start)


def _trim(a: Indexed, b: Indexed, c: Alignment, k: Alignment) -> Alignment | None:
    a0, a1, b0, b1 = c.a_start, c.a_end, c.b_start, c.b_end
    for lo, hi, klo, khi in ((a0, a1, k.a_start, k.a_end), (b0, b1, k.b_start, k.b_end)):
        if not (lo < khi and klo < hi):
            continue
        if klo <= lo and khi < hi:  # k covers our start: cut it off both sides alike
            cut = khi - lo
            a0, b0 = a0 + cut, b0 + cut
        elif lo < klo and hi <= khi:  # k covers our end
            cut = hi - klo
            a1, b1 = a1 - cut, b1 - cut
        else:
            return None  # inside or around k: not a passage of its own
        return _scored(a, b, a0, a1, b0, b1) if a1 > a0 and b1 > b0 else None
    return c
