"""Outlet boilerplate: footers, "Follow us on…", mastheads repeated across one outlet's pages.

Such text is shared by every article of an outlet and would tie them all into one chain.
A paragraph counts as boilerplate of an outlet when it recurs in two or more of that
outlet's articles and sits at their tail (or is a short head line), reads like
boilerplate, or recurs in three or more. It is masked out before alignment, so it never
becomes reuse.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from newstrace.normalize import sha256_hex
from newstrace.reuse.tokens import paragraph_spans, tokenize

EDGE_PARAGRAPHS = 2
MASTHEAD_TOKENS = 12  # a longer opening paragraph is a lead, maybe copied, never a masthead
CUES = re.compile(
    r"follow us|subscribe|all rights reserved|©|copyright|newsletter|sign up|"
    r"download our app|share this|read more|related:|click here|contact us",
    re.IGNORECASE,
)


def paragraph_fingerprints(text: str) -> list[tuple[str, int, int, bool]]:
    """(fingerprint, start, end, at_edge) of each paragraph, fingerprint over token keys."""
    spans = paragraph_spans(text)
    out = []
    for index, (start, end) in enumerate(spans):
        keys = tokenize(text[start:end]).keys
        if not keys:
            continue
        # footers sit at the tail; mastheads are short lines at the head
        at_tail = index >= len(spans) - EDGE_PARAGRAPHS
        at_edge = at_tail or (index == 0 and len(keys) < MASTHEAD_TOKENS)
        fingerprint = sha256_hex(" ".join(keys))[:16]
        out.append((fingerprint, start, end, at_edge or bool(CUES.search(text[start:end]))))
    return out


def outlet_boilerplate(texts: Iterable[tuple[str, str]]) -> set[str]:
    """Fingerprints of the boilerplate paragraphs of one outlet, from (article id, text)."""
    seen: dict[str, set[str]] = defaultdict(set)
    edge: dict[str, bool] = defaultdict(bool)
    for article_id, text in texts:
        for fingerprint, _start, _end, at_edge in paragraph_fingerprints(text):
            seen[fingerprint].add(article_id)
            edge[fingerprint] = edge[fingerprint] or at_edge
    return {
        fp for fp, ids in seen.items()
        if len(ids) >= 3 or (len(ids) >= 2 and edge[fp])
    }


def masked_spans(text: str, boilerplate: set[str]) -> list[tuple[int, int]]:
    """Character spans of a text's boilerplate paragraphs."""
    if not boilerplate:
        return []
    return [(s, e) for fp, s, e, _edge in paragraph_fingerprints(text) if fp in boilerplate]
