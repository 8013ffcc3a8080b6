"""From a parser's draft to an immutable Article: overrides, normalization, identity.

Precedence of metadata: command-line flags, then the sidecar file, then the document.
The id is derived from outlet (domain, else name), URL and normalized text, so the same
document ingested twice is recognised, and an edited version at the same URL of the same
outlet becomes a revision.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newstrace.errors import InputRejected
from newstrace.normalize import detect_language, find_dateline, normalize_text, sha256_hex
from newstrace.published import parse_published, published_from_url
from newstrace.records import Article, ArticleDraft, Outlet

MAX_TITLE_CHARS = 500
MAX_FIELD_CHARS = 300
_SLUG = re.compile(r"[^a-z0-9]+")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Overrides:
    """Metadata that wins over what the document says (from a sidecar or from flags)."""

    values: dict[str, Any] = field(default_factory=dict)
    source: str = "flag"

    def get(self, key: str) -> Any:
        return self.values.get(key)


_DOMAIN_LIKE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)


def outlet_for(name: str | None, url: str | None, rank: int) -> Outlet:
    """The outlet of a document: identified by its domain, named as well as the input allows.

    A name that is itself a domain (news-please's `source_domain`) identifies the outlet but
    is a poor name; the store upgrades it when a better name for the domain arrives.
    """
    name = _clean(name, MAX_FIELD_CHARS)
    domain = _domain(url)
    if name and _DOMAIN_LIKE.match(name):
        domain = domain or name.lower().removeprefix("www.")
        name, rank = None, 1
    if not name:
        return Outlet(id=domain or "unknown", name=domain or "unknown", domain=domain,
                      name_rank=1 if domain else 0)
    if domain:
        return Outlet(id=domain, name=name, domain=domain, name_rank=rank)
    slug = _SLUG.sub("-", unicodedata.normalize("NFKD", name).lower()).strip("-")
    return Outlet(id=slug or sha256_hex(name)[:12], name=name, name_rank=rank)


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _clean(value: Any, limit: int) -> str | None:
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text[:limit] or None


def _language(declared: Any, text: str) -> str | None:
    code = (str(declared).strip().lower().replace("_", "-").split("-")[0]) if declared else ""
    if _LANG.match(code):
        return code
    return detect_language(text)


def _published(draft: ArticleDraft, layers: list[Overrides], url: str | None) -> tuple[
    str | None, str, str | None
]:
    for layer in layers:
        raw = layer.get("published_at") or layer.get("published")
        if raw:
            value, precision = parse_published(str(raw))
            if value is None:
                raise InputRejected(
                    draft.input_ref, "bad_metadata", f"publication time {raw!r} is not a date"
                )
            return value, precision, layer.source
    value, precision = parse_published(draft.published_raw)
    if value:
        return value, precision, draft.published_source
    value, precision = published_from_url(url)
    return value, precision, "url" if value else None


def build_article(
    draft: ArticleDraft, layers: list[Overrides], max_text_chars: int
) -> tuple[Article, Outlet]:
    """Normalize a draft and give it its content-derived identity."""

    def pick(key: str, default: Any) -> Any:
        for layer in layers:
            if layer.get(key) not in (None, ""):
                return layer.get(key)
        return default

    text = normalize_text(draft.text)
    if not text:
        raise InputRejected(draft.input_ref, "no_text", "the document has no text")
    if len(text) > max_text_chars:
        raise InputRejected(
            draft.input_ref, "too_large",
            f"text is {len(text):,} characters, over the {max_text_chars:,} limit",
        )
    url = _clean(pick("url", draft.url), 2000)
    override = next((layer for layer in layers if layer.get("outlet")), None)
    outlet = outlet_for(override.get("outlet") if override else draft.outlet, url,
                        4 if override else draft.outlet_rank)
    published_at, precision, published_source = _published(draft, layers, url)
    text_sha = sha256_hex(text)
    known = {"outlet", "url", "title", "published_at", "published", "byline", "language"}
    extra = {k: v for layer in reversed(layers) for k, v in layer.values.items() if k not in known}
    article = Article(
        # identity from the input alone, never from what the store holds
        id=sha256_hex(f"{outlet.id}\n{url or ''}\n{text_sha}")[:16],
        outlet_id=outlet.id, outlet=outlet.name, url=url,
        title=_clean(pick("title", draft.title), MAX_TITLE_CHARS), text=text,
        published_at=published_at, published_precision=precision,
        published_source=published_source if published_at else None,
        dateline=find_dateline(text), byline=_clean(pick("byline", draft.byline), MAX_FIELD_CHARS),
        language=_language(pick("language", draft.language), text),
        raw_sha256=draft.raw_sha256, text_sha256=text_sha, source_format=draft.source_format,
        summary_only=draft.summary_only, input_ref=draft.input_ref,
        metadata={**draft.metadata, **extra},
    )
    return article, outlet
