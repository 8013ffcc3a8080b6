"""RSS and Atom feeds: every item is an article.

Feeds often carry only a teaser; such items are kept but marked summary-only, so that
later stages do not count a two-line teaser as an independent full report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import feedparser

from newstrace.errors import InputRejected
from newstrace.ingest.formats.html import fragment_text
from newstrace.ingest.sources import RawInput
from newstrace.normalize import sha256_hex
from newstrace.records import ArticleDraft

_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]{0,60})[\s/>]")


_SECTION = re.compile(r"\s+[-–—|:»]\s+(?:\S+\s*){1,3}$")


def _outlet(feed: Any) -> str | None:
    """The feed's outlet: its title without a section suffix ("Atlas News - World")."""
    title = (feed.get("title") or "").strip()
    if title:
        return _SECTION.sub("", str(title)) or str(title)
    link = feed.get("link") or ""
    return urlsplit(link).hostname or None


def parse_feed(raw: RawInput) -> Iterator[ArticleDraft | InputRejected]:
    parsed = feedparser.parse(raw.data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        root = _ROOT.search(raw.data[:8192])
        if root:
            detail = f" (its root element is <{root[1].decode('ascii')}>){detail}"
        yield InputRejected(raw.ref, "not_a_feed", f"the input is not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield InputRejected(raw.ref, "no_article", "the feed has no items")
        return
    outlet = _outlet(parsed.feed)
    language = parsed.feed.get("language")
    for number, entry in enumerate(parsed.entries, start=1):
        ref = f"{raw.ref}#item{number}"
        yield _entry_draft(entry, ref, outlet, language, parsed.get("version") or "feed")


def _entry_draft(
    entry: Any, ref: str, outlet: str | None, language: str | None, version: str
) -> ArticleDraft | InputRejected:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    summary = entry.get("summary", "") or ""
    body_html = max(contents, key=len) if contents else summary
    summary_only = not contents
    text = fragment_text(body_html).strip()
    if not text:
        return InputRejected(ref, "no_text", "the feed item has neither content nor summary")
    published = entry.get("published") or entry.get("updated")
    link = entry.get("link")
    metadata: dict[str, Any] = {"feed_format": version}
    if entry.get("id") and entry.get("id") != link:
        metadata["guid"] = entry["id"]
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        metadata["categories"] = tags
    return ArticleDraft(
        input_ref=ref, source_format="rss", text=text,
        raw_sha256=sha256_hex(f"{link}\n{published}\n{body_html}"),
        title=(entry.get("title") or "").strip() or None, outlet=outlet, url=link,
        published_raw=published, published_source="feed" if published else None,
        byline=entry.get("author"),
        language=(language or "").split("-")[0].lower() or None,
        summary_only=summary_only, metadata=metadata, outlet_rank=2,
    )
