"""WARC archives (gzipped or not): every HTML response record is an article.

Archives are streamed record by record, so a multi-gigabyte crawl is ingested in constant
memory; the size limit applies to each record. A truncated archive keeps the records read
before the break and is rejected for the rest.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newstrace.errors import InputRejected
from newstrace.ingest.formats.html import extract_page
from newstrace.ingest.sources import RawInput
from newstrace.records import ArticleDraft

HTML_TYPES = ("text/html", "application/xhtml")


def parse_warc(raw: RawInput, max_record_bytes: int) -> Iterator[ArticleDraft | InputRejected]:
    stream = raw.open_stream()
    try:
        yield from _records(raw, stream, max_record_bytes)
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        yield InputRejected(
            raw.ref, "truncated", f"the archive is corrupt or cut short ({exc.__class__.__name__}: "
            f"{str(exc)[:200]}); records before the break were kept"
        )
    finally:
        stream.close()


def _records(
    raw: RawInput, stream: object, max_record_bytes: int
) -> Iterator[ArticleDraft | InputRejected]:
    for record in ArchiveIterator(stream):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        status = record.http_headers.get_statuscode() or ""
        if not content_type.startswith(HTML_TYPES) or not status.startswith("2"):
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        captured = record.rec_headers.get_header("WARC-Date")
        ref = f"{raw.ref}#{url}"
        data = record.content_stream().read(max_record_bytes + 1)
        if len(data) > max_record_bytes:
            limit = f"{max_record_bytes:,}"
            yield InputRejected(ref, "too_large", f"record exceeds the {limit}-byte limit")
            continue
        try:
            draft = extract_page(RawInput(ref, None, data, len(data)), data, url, "warc")
        except InputRejected as rejected:
            yield rejected
            continue
        metadata = {**draft.metadata, "captured_at": captured, "fetched_url": url}
        if draft.published_raw is None and captured:
            draft = replace(draft, published_raw=captured, published_source="capture")
        yield replace(draft, url=draft.url or url, metadata=metadata)
