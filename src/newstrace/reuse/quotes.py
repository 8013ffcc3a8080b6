"""Quoted speech spans, so a speech quoted by two outlets is not mistaken for copying.

Real articles have unbalanced and stray quote marks; spans are found paragraph by
paragraph and an unclosed quote runs to the end of its paragraph (the news convention for
quotations that continue into the next paragraph), so nothing here can fail on bad input.
"""

from __future__ import annotations

import re

from newstrace.reuse.tokens import paragraph_spans

_OPEN = "“«\""
_QUOTE = re.compile(r"[“”«»\"]")
_QUOTES_THRESHOLD = 0.8


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inclusive of the marks) of quotations in a normalized text."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        opened: int | None = None
        for mark in _QUOTE.finditer(text, p_start, p_end):
            ch = mark.group()
            if opened is None and ch in _OPEN:
                opened = mark.start()
            elif opened is not None and ch != "“" and ch != "«":
                spans.append((opened, mark.end()))
                opened = None
        if opened is not None:
            spans.append((opened, p_end))
    return spans


def quoted_share(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """Fraction of [start, end) that lies inside quotation spans."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return covered / (end - start)


def is_quotation(a_share: float, b_share: float) -> bool:
    return a_share >= _QUOTES_THRESHOLD and b_share >= _QUOTES_THRESHOLD
