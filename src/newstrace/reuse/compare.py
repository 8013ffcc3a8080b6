"""Comparing one article pair: prepared documents in, directed reuse links out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from newstrace.records import Article, ReuseLink
from newstrace.reuse.align import Alignment, Indexed, align, indexed
from newstrace.reuse.boilerplate import masked_spans
from newstrace.reuse.direction import ArticleSide, decide
from newstrace.reuse.quotes import is_quotation, quote_spans, quoted_share
from newstrace.reuse.tokens import Tokens, tokenize

SHINGLE_N = 5
SAMPLE_MOD = 2
MIN_COPY_TOKENS = 16  # stock phrases ("asked not to be named because ...") are shorter
SHORT_COPY_TOKENS = 30
MIN_SHORT_COPY_SIMILARITY = 0.95
MIN_TAKEN_SIMILARITY = 0.95  # a short passage counts as taken when the pair is a copy pair


@dataclass(frozen=True)
class PreparedDoc:
    """An article ready for comparison: tokens, boilerplate mask, quotations, shingles."""

    side: ArticleSide
    seq: int
    tokens: Tokens
    masked: frozenset[int]
    quotes: list[tuple[int, int]]
    n_chars: int
    masked_chars: int
    index: Indexed

    def unquoted_tokens(self, first: int, last: int) -> int:
        """How many of tokens first..last-1 stand outside quotation marks."""
        return sum(
            1 for t in range(first, last)
            if not any(qs <= self.tokens.starts[t] and self.tokens.ends[t] <= qe
                       for qs, qe in self.quotes)
        )

    def shingles(self) -> list[int]:
        """Sampled, stable hashes of the unmasked key 5-grams (the candidate index)."""
        keys = self.tokens.keys
        found = set()
        for i in range(len(keys) - SHINGLE_N + 1):
            if any(p in self.masked for p in range(i, i + SHINGLE_N)):
                continue
            digest = hashlib.blake2b(
                "\x1f".join(keys[i : i + SHINGLE_N]).encode(), digest_size=8
            ).digest()
            value = int.from_bytes(digest, "little", signed=True)
            if value % SAMPLE_MOD == 0:
                found.add(value)
        return sorted(found)


def prepare(article: Article, seq: int, outlet_domain: str | None, outlet_offset: str | None,
            boilerplate: set[str]) -> PreparedDoc:
    tokens = tokenize(article.text)
    masked: set[int] = set()
    masked_chars = 0
    for start, end in masked_spans(article.text, boilerplate):
        masked_chars += end - start
        first, last = tokens.token_at(start), tokens.token_at(end)
        masked.update(range(first, last))
    side = ArticleSide(
        id=article.id, outlet=article.outlet, outlet_domain=outlet_domain,
        published_at=article.published_at, precision=article.published_precision,
        outlet_offset=outlet_offset,
        text=article.text, dateline_agency=article.dateline.agency if article.dateline else None,
    )
    frozen = frozenset(masked)
    return PreparedDoc(side, seq, tokens, frozen, quote_spans(article.text),
                       len(article.text), masked_chars, indexed(tokens, frozen))


def _copy_sized(al: Alignment) -> bool:
    """Long and close enough to be taken rather than a stock phrase met by chance."""
    if al.length < MIN_COPY_TOKENS:
        return False
    return al.length >= SHORT_COPY_TOKENS or al.similarity >= MIN_SHORT_COPY_SIMILARITY


def _kind(a: PreparedDoc, b: PreparedDoc, al: Alignment) -> str:
    """copy, quotation (the same quoted words, with too little around them to be a copy),
    or chance (a stock phrase too short to count)."""
    quoted = is_quotation(
        quoted_share(a.quotes, *a.tokens.char_span(al.a_start, al.a_end)),
        quoted_share(b.quotes, *b.tokens.char_span(al.b_start, al.b_end)),
    )
    if quoted or (
        quoted_share(a.quotes, *a.tokens.char_span(al.a_start, al.a_end)) >= 0.5
        and max(a.unquoted_tokens(al.a_start, al.a_end),
                b.unquoted_tokens(al.b_start, al.b_end)) < MIN_COPY_TOKENS
    ):
        return "quotation"
    return "copy" if _copy_sized(al) else "chance"


def compare(a: PreparedDoc, b: PreparedDoc) -> list[ReuseLink]:
    """The reuse links between two articles, directed where the evidence allows."""
    alignments = align(a.index, b.index)
    if not alignments:
        return []
    spans = [
        (a.tokens.char_span(al.a_start, al.a_end), b.tokens.char_span(al.b_start, al.b_end), al)
        for al in alignments
    ]
    kinds = [_kind(a, b, al) for al in alignments]
    if "copy" in kinds:  # a copier takes quotations and short paragraphs along with the rest
        kinds = [
            "copy" if kind == "quotation"
            or (kind == "chance" and al.similarity >= MIN_TAKEN_SIMILARITY) else kind
            for kind, al in zip(kinds, alignments, strict=True)
        ]
    spans = [s for s, kind in zip(spans, kinds, strict=True) if kind != "chance"]
    kinds = [kind for kind in kinds if kind != "chance"]
    if not spans:
        return []
    copied = [s for s, kind in zip(spans, kinds, strict=True) if kind == "copy"]
    a_cov = sum(e - s for (s, e), _, _ in copied) / max(1, a.n_chars - a.masked_chars)
    b_cov = sum(e - s for _, (s, e), _ in copied) / max(1, b.n_chars - b.masked_chars)
    if not copied:
        return _quotation_links(a, b, spans)
    direction = decide(a.side, b.side, a_cov, b_cov)
    forward = direction.source != b.side.id
    src, dst = (a, b) if forward else (b, a)
    if direction.source is None and a.seq > b.seq:
        src, dst, forward = b, a, False
    links = []
    for (sa, sb, al), kind in zip(spans, kinds, strict=True):
        s_span, t_span = (sa, sb) if src is a else (sb, sa)
        links.append(ReuseLink(
            source_article=src.side.id, source_start=s_span[0], source_end=s_span[1],
            target_article=dst.side.id, target_start=t_span[0], target_end=t_span[1],
            similarity=al.similarity,
            direction="source_to_target" if direction.known else "unknown",
            direction_evidence=direction.evidence if direction.known else
            ["no credit, publication times unknown or too close, no containment"],
            kind=kind, credited=direction.credited,
        ))
    return links


def _quotation_links(
    a: PreparedDoc, b: PreparedDoc,
    spans: list[tuple[tuple[int, int], tuple[int, int], Alignment]],
) -> list[ReuseLink]:
    """Links for words both articles quote from a third party: no copying, no direction."""
    older, newer = (a, b) if a.seq <= b.seq else (b, a)
    return [
        ReuseLink(
            source_article=older.side.id,
            source_start=(sa if older is a else sb)[0], source_end=(sa if older is a else sb)[1],
            target_article=newer.side.id,
            target_start=(sb if older is a else sa)[0], target_end=(sb if older is a else sa)[1],
            similarity=al.similarity, direction="unknown",
            direction_evidence=["shared quotation: both quote the same words; no copying"],
            kind="quotation",
        )
        for sa, sb, al in spans
    ]
