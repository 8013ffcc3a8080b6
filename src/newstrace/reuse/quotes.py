"""Quoted speech spans, so a speech quoted by two outlets is not mistaken for copying.

The quotations come from the shared finder (``newstrace.quotes``: paragraph by paragraph,
an unclosed quote runs to its paragraph's end, nothing fails on bad input); reuse compares
spans that include their marks, because aligned passages do.
"""

from __future__ import annotations

from newstrace.quotes import find_quotes, quoted_share

__all__ = ["is_quotation", "quote_spans", "quoted_share"]

_QUOTES_THRESHOLD = 0.8


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inclusive of the marks) of quotations in a normalized text."""
    return [(q.start - 1, q.end + 1 if q.closed else q.end) for q in find_quotes(text)]


def is_quotation(a_share: float, b_share: float) -> bool:
    return a_share >= _QUOTES_THRESHOLD and b_share >= _QUOTES_THRESHOLD
