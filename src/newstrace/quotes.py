"""Quotation spans of a text: curly and straight, across paragraphs, robust to stray marks.

Shared by reuse (a speech quoted by two outlets is not copying) and claims (direct, mixed or
indirect speech; multi-paragraph quotations).

News style opens each paragraph of a long quotation with a quote mark and closes only the
last one, so an unclosed quotation continues when the next paragraph opens with a mark.
Anything else unbalanced (a stray mark, a missing close) is bounded by its paragraph: a bad
mark can never swallow the rest of the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
CLOSERS = {"”", "»", '"', "“"}


@dataclass(frozen=True, slots=True)
class Quote:
    """The inside of a quotation (marks excluded); ``closed`` is False when the paragraph
    ended first; ``continued`` when it goes on in the next paragraph."""

    start: int
    end: int
    closed: bool = True
    continued: bool = False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _scan(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside one paragraph; an unclosed one runs to the paragraph's end."""
    found: list[Quote] = []
    i, open_at, closer = start, -1, ""
    while i < end:
        ch = text[i]
        if open_at < 0 and ch in OPENERS and _opens(text, i, start, end):
            open_at, closer = i + 1, OPENERS[ch]
        elif open_at >= 0 and (ch == closer or (ch in CLOSERS and ch != '"' and closer != '"')):
            if i > open_at:
                found.append(Quote(open_at, i))
            open_at = -1
        i += 1
    if open_at >= 0 and end - open_at > 1:
        found.append(Quote(open_at, _rstrip(text, open_at, end), closed=False))
    return found


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """A straight mark opens at a word start, not after a letter ("5'10\"" or "ab"c")."""
    if text[i] != '"':
        return text[i] in ("“", "«", "„")
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isalnum() and not after.isspace()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in text order, multi-paragraph ones marked ``continued``."""
    quotes: list[Quote] = []
    paragraphs = _paragraphs(text)
    for n, (start, end) in enumerate(paragraphs):
        found = _scan(text, start, end)
        nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        if found and not found[-1].closed and nxt is not None and text[nxt] in OPENERS:
            last = found[-1]
            found[-1] = Quote(last.start, last.end, closed=False, continued=True)
        quotes.extend(found)
    return quotes


def quoted_share(spans: Sequence[tuple[int, int]], start: int, end: int) -> float:
    """Share of [start, end) that lies inside the (non-overlapping) ``spans``."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return min(1.0, covered / (end - start))
