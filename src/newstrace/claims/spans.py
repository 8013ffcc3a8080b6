"""Token-range helpers shared by the claim finders: subtrees cut to contiguous, trimmed spans.

A dependency subtree is not always contiguous (a cue inside the clause it governs, a
parenthetical "they said" in the middle of the content), while a claim part must be one run
of text the reader can see highlighted. These helpers turn token sets into the one run that
matters and trim what never belongs to a part (commas, "that", quote marks at the edge).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newstrace.language.records import Span

Token = Any  # spaCy Token; spaCy ships no type stubs worth enforcing here
Doc = Any

EDGE_WORDS = frozenset({"that", ",", ";", ":", "-", "—", "–", "and", "but", "as", "(", ")"})
QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»", "``", "''"})


def doc_text(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins every token anew on each ``doc.text``."""
    cached = doc.user_data.get("newstrace_text")
    if cached is None:
        cached = doc.user_data["newstrace_text"] = doc.text
    return str(cached)


def runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs [start, end) of a set of token indices."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def subtree_run(token: Token, exclude: Iterable[int] = (), prefer: int | None = None
                ) -> tuple[int, int] | None:
    """The contiguous run of ``token``'s subtree, minus ``exclude``, holding ``prefer``
    (default: the token itself), else the longest run."""
    skip = set(exclude)
    parts = runs(t.i for t in token.subtree if t.i not in skip)
    if not parts:
        return None
    anchor = token.i if prefer is None else prefer
    for run in parts:
        if run[0] <= anchor < run[1]:
            return run
    return max(parts, key=lambda r: r[1] - r[0])


def trim(doc: Doc, run: tuple[int, int] | None, keep_quotes: bool = False
         ) -> tuple[int, int] | None:
    """Drop edge tokens that belong to no part: punctuation, "that", conjunctions, marks."""
    if run is None:
        return None
    start, end = run
    while start < end and _edge(doc[start], keep_quotes, leading=True):
        start += 1
    while end > start and _edge(doc[end - 1], keep_quotes, leading=False):
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end - 1]):
            break
        end -= 1
    return (start, end) if end > start else None


def _edge(token: Token, keep_quotes: bool, leading: bool) -> bool:
    text = token.text
    if text in QUOTE_MARKS:
        return not keep_quotes
    if token.is_space:
        return True
    if leading and text.lower() in EDGE_WORDS:
        return True
    return (not leading) and (token.is_punct or text.lower() in {"and", "but"})


def char_span(doc: Doc, run: tuple[int, int] | None) -> Span | None:
    if run is None or run[1] <= run[0]:
        return None
    start, end = doc[run[0]].idx, doc[run[1] - 1].idx + len(doc[run[1] - 1].text)
    return Span(start, end, doc_text(doc)[start:end])


def strip_marks(text: str, span: Span) -> Span:
    """The span without quote marks or spaces at its edges (they are not the words said)."""
    start, end = span.start, span.end
    marks = "\"“”'‘’«» \n"
    while start < end and text[start] in marks:
        start += 1
    while end > start and text[end - 1] in marks:
        end -= 1
    while end > start and text[end - 1] in ",;:" and text[end - 2:end - 1] not in marks:
        end -= 1
    return Span(start, end, text[start:end])


def token_at(doc: Doc, char: int) -> int | None:
    """Index of the token covering (or first after) a character offset."""
    if char >= len(doc_text(doc)):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return int(span.start)
    return next((int(t.i) for t in doc if t.idx >= char), None)
