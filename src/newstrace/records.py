"""Typed records of the domain model (see docs/architecture.md).

Stages pass these between them; only the store turns them into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Outlet:
    """A publisher. `id` is its web domain when known, so every format agrees on it.

    `name_rank` says how good the name is (4 flag or sidecar, 3 the page or header, 2 a feed
    title, 1 only a domain); the store keeps the best name seen.
    """

    id: str
    name: str
    domain: str | None = None
    country: str | None = None
    kind: str | None = None
    name_rank: int = 3


@dataclass(frozen=True)
class Dateline:
    """The wire-style opening of a body: `TEHRAN (Agency) –`. Offsets are into the text."""

    place: str
    agency: str | None
    start: int
    end: int


@dataclass(frozen=True)
class ArticleDraft:
    """What a format parser found in one document, before normalization and identity.

    Parsers fill what their format carries; everything else stays None and is filled
    by sidecars, flags or the normalizer.
    """

    input_ref: str
    source_format: str
    text: str
    raw_sha256: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_raw: str | None = None
    published_source: str | None = None
    byline: str | None = None
    language: str | None = None
    summary_only: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)
    outlet_rank: int = 3  # how much the outlet name is to be trusted (see Outlet.name_rank)


@dataclass(frozen=True)
class Article:
    """One published document, immutable once ingested; `id` is derived from its content."""

    id: str
    outlet_id: str
    outlet: str
    url: str | None
    title: str | None
    text: str
    published_at: str | None
    published_precision: str
    published_source: str | None
    dateline: Dateline | None
    byline: str | None
    language: str | None
    raw_sha256: str
    text_sha256: str
    source_format: str
    summary_only: bool
    input_ref: str
    metadata: dict[str, Any] = field(default_factory=dict)
    revision_of: str | None = None
    ingested_at: str | None = None

    @property
    def n_chars(self) -> int:
        return len(self.text)

    def as_json(self, with_text: bool = False) -> dict[str, Any]:
        """The article's public record (`articles --json`), text only when asked for."""
        dl = self.dateline
        record: dict[str, Any] = {
            "id": self.id, "outlet": self.outlet, "outlet_id": self.outlet_id, "url": self.url,
            "title": self.title, "published_at": self.published_at,
            "published_precision": self.published_precision,
            "published_source": self.published_source,
            "dateline_place": dl.place if dl else None,
            "dateline_agency": dl.agency if dl else None,
            "dateline_span": [dl.start, dl.end] if dl else None,
            "language": self.language, "byline": self.byline,
            "source_format": self.source_format, "summary_only": self.summary_only,
            "revision_of": self.revision_of, "input_ref": self.input_ref,
            "raw_sha256": self.raw_sha256, "text_sha256": self.text_sha256,
            "n_chars": self.n_chars, "ingested_at": self.ingested_at,
            "metadata": self.metadata,
        }
        if with_text:
            record["text"] = self.text
        return record


@dataclass(frozen=True)
class Rejection:
    """An input that could not be used, with a stable reason code."""

    input_ref: str
    stage: str
    reason: str
    message: str
    run_id: str | None = None
    created_at: str | None = None


@dataclass
class Run:
    """One execution of a stage, with what went in and out."""

    id: str
    stage: str
    stage_version: str
    config_hash: str
    started_at: str
    finished_at: str | None = None
    status: str = "running"
    n_in: int = 0
    n_out: int = 0
    n_rejected: int = 0
    n_skipped: int = 0
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReuseLink:
    """Two aligned passages of two articles; offsets are into each normalized text.

    `direction` is "source_to_target" when the evidence says who copied whom, else
    "unknown" (then source and target are only the older and newer article in the store).
    `kind` is "copy", or "quotation" for the same quoted speech in independent articles.
    """

    source_article: str
    source_start: int
    source_end: int
    target_article: str
    target_start: int
    target_end: int
    similarity: float
    direction: str
    direction_evidence: list[str]
    kind: str = "copy"
    credited: bool = False

    @property
    def id(self) -> str:
        from newstrace.normalize import sha256_hex  # late: normalize imports records

        return sha256_hex(
            f"{self.source_article}:{self.source_start}:{self.source_end}>"
            f"{self.target_article}:{self.target_start}:{self.target_end}"
        )[:16]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "source_article": self.source_article,
            "source_start": self.source_start, "source_end": self.source_end,
            "target_article": self.target_article, "target_start": self.target_start,
            "target_end": self.target_end, "similarity": self.similarity,
            "direction": self.direction, "direction_evidence": self.direction_evidence,
            "kind": self.kind, "credited": self.credited,
        }
