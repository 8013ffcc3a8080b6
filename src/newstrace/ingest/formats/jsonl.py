"""JSON Lines (and single JSON objects): one article per line.

news-please's field names are accepted beside newstrace's own, so its crawls ingest as
they are; fields newstrace does not know are kept as metadata rather than dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newstrace.errors import InputRejected
from newstrace.ingest.detect import decode_text
from newstrace.ingest.sources import RawInput
from newstrace.normalize import sha256_hex
from newstrace.records import ArticleDraft

# newstrace name -> accepted names, first found wins
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "body", "content"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source_domain", "source", "publisher"),
    "published": ("published_at", "date_publish", "published", "date"),
    "byline": ("byline", "authors", "author"),
    "language": ("language", "lang"),
}
KNOWN = {name for names in FIELDS.values() for name in names}


def _pick(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = obj.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return str(value)


def record_draft(obj: Any, ref: str, line: str) -> ArticleDraft | InputRejected:
    if not isinstance(obj, dict):
        return InputRejected(ref, "bad_json", "the line is JSON but not an object")
    text = _pick(obj, FIELDS["text"])
    if not isinstance(text, str) or not text.strip():
        return InputRejected(ref, "no_text", "the record has no text (text or maintext)")
    metadata = {k: v for k, v in obj.items() if k not in KNOWN}
    return ArticleDraft(
        input_ref=ref, source_format="jsonl", text=text, raw_sha256=sha256_hex(line),
        title=_as_text(_pick(obj, FIELDS["title"])),
        outlet=_as_text(_pick(obj, FIELDS["outlet"])), url=_as_text(_pick(obj, FIELDS["url"])),
        published_raw=_as_text(_pick(obj, FIELDS["published"])),
        published_source="meta" if _pick(obj, FIELDS["published"]) else None,
        byline=_as_text(_pick(obj, FIELDS["byline"])),
        language=_as_text(_pick(obj, FIELDS["language"])), metadata=metadata,
        # news-please and most scrapers put one paragraph a line in maintext
    )


def parse_jsonl(raw: RawInput) -> Iterator[ArticleDraft | InputRejected]:
    content = decode_text(raw)
    stripped = content.strip()
    if "\n" in stripped:
        try:  # one pretty-printed object, as news-please writes per article
            whole = json.loads(stripped)
        except ValueError:
            whole = None
        if isinstance(whole, dict):
            yield record_draft(whole, raw.ref, stripped)
            return
    lines = [(n, line) for n, line in enumerate(content.splitlines(), start=1) if line.strip()]
    if not lines:
        yield InputRejected(raw.ref, "empty", "the input holds no JSON line")
        return
    for number, line in lines:
        ref = f"{raw.ref}:{number}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputRejected(ref, "bad_json", f"line {number} is not valid JSON ({exc})")
            continue
        yield record_draft(obj, ref, line)
