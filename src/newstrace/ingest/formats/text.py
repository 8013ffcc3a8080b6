"""Plain-text articles: a short title line, optional header lines, then the body.

Header lines (`Publish Date : 15 September 2021 - 22:06`, `Source:`, `URL:`, `News ID:`)
are metadata that scraping tools and agencies put above the body; read as body text they
would pollute reuse detection and every text statistic, so they are lifted out here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newstrace.errors import InputRejected
from newstrace.ingest.detect import decode_text
from newstrace.ingest.sources import RawInput
from newstrace.normalize import sha256_hex
from newstrace.records import ArticleDraft

HEADER = re.compile(
    r"^\s*(?P<key>publish(?:ed)?(?:\s+date)?|date(?:\s+published)?|news\s+id|source|outlet|"
    r"url|link|by|byline|author|language|title)\s*:\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_KEYS = {
    "publish": "published", "published": "published", "publish date": "published",
    "published date": "published", "date": "published", "date published": "published",
    "news id": "news_id", "source": "outlet", "outlet": "outlet", "url": "url",
    "link": "url", "by": "byline", "byline": "byline", "author": "byline",
    "language": "language", "title": "title",
}
MAX_TITLE_CHARS = 200
_HEADER_ZONE = 12


def _header_key(raw_key: str) -> str:
    return _KEYS[re.sub(r"\s+", " ", raw_key.lower())]


def split_headers(lines: list[str]) -> tuple[dict[str, str], list[str], str | None]:
    """(headers, body lines, title) from the top of a text document."""
    headers: dict[str, str] = {}
    title: str | None = None
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    first = lines[index].strip() if index < len(lines) else ""
    if first and not HEADER.match(first) and _is_title(first, lines, index):
        title, index = first, index + 1
    zone_end = min(len(lines), index + _HEADER_ZONE)
    while index < zone_end:
        line = lines[index]
        match = HEADER.match(line)
        if match:
            headers.setdefault(_header_key(match["key"]), match["value"])
        elif line.strip():
            break
        index += 1
    if title is None and "title" in headers:
        title = headers.pop("title")
    return headers, lines[index:], title


def _is_title(first: str, lines: list[str], index: int) -> bool:
    """A short first line followed by a break, not ending like a sentence of the body."""
    if len(first) > MAX_TITLE_CHARS:
        return False
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return not following or bool(HEADER.match(following)) or not first.endswith((".", ","))


def parse_text(raw: RawInput) -> Iterator[ArticleDraft | InputRejected]:
    text = decode_text(raw)
    headers, body_lines, title = split_headers(text.splitlines())
    body = "\n".join(body_lines).strip()
    if not body and title and not headers:
        body = title  # a one-line document is its own body
    if not body:
        yield InputRejected(raw.ref, "no_text", "the document has a title or headers but no body")
        return
    metadata: dict[str, str] = {}
    if "news_id" in headers:
        metadata["news_id"] = headers["news_id"]
    yield ArticleDraft(
        input_ref=raw.ref,
        source_format="text",
        text=body,
        raw_sha256=sha256_hex(raw.data),
        title=title or headers.get("title"),
        outlet=headers.get("outlet"),
        url=headers.get("url"),
        published_raw=headers.get("published"),
        published_source="header" if "published" in headers else None,
        byline=headers.get("byline"),
        language=headers.get("language"),
        metadata=metadata,
    )
