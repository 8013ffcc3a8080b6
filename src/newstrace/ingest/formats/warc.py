"""WARC archives (gzipped or not): every HTML response record is an article.

Archives are streamed record by record, so a multi-gigabyte crawl is ingested in constant
memory; the size limit applies to each record. A truncated archive keeps the records read
before the break and is rejected for the rest.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterator
from dataclasses import replace
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newstrace.errors import InputRejected
from newstrace.ingest.formats.html import extract_page
from newstrace.ingest.sources import HEAD_BYTES, RawInput, is_warc_head
from newstrace.records import ArticleDraft

HTML_TYPES = ("text/html", "application/xhtml")
# warcio fails on a record header cut short with AttributeError (a None header line).
_BROKEN = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError)


class _CutShort(Exception):
    """A record ends before its Content-Length, or its header is cut: the archive was cut."""


def _truncated(raw: RawInput, detail: str) -> InputRejected:
    return InputRejected(
        raw.ref, "truncated",
        f"the archive is corrupt or cut short ({detail}); records before the break were kept",
    )


def _is_short(record: Any) -> bool:
    """True when the stream ended before the record's declared length."""
    return int(getattr(record.raw_stream, "limit", 0) or 0) > 0


def parse_warc(raw: RawInput, max_record_bytes: int) -> Iterator[ArticleDraft | InputRejected]:
    if not raw.data.strip():
        yield InputRejected(raw.ref, "empty", "the input is empty")
        return
    if not is_warc_head(raw.data[:HEAD_BYTES]):  # reached only when --format warc is forced
        yield InputRejected(raw.ref, "not_a_warc", "the input is not a WARC archive")
        return
    stream = raw.open_stream()
    try:
        archive = ArchiveIterator(stream)
        n_records, n_results = yield from _records(raw, archive, max_record_bytes)
        if archive.offset != raw.size:
            # warcio ends quietly at a break between or inside record headers: what it read
            # must reach the end of the file.
            yield _truncated(raw, f"it ends at byte {raw.size:,} in the middle of a record")
        elif n_results == 0:
            yield InputRejected(
                raw.ref, "no_article",
                f"the archive holds no HTML page among its {n_records} records",
            )
    except _CutShort as exc:
        yield _truncated(raw, str(exc))
    except _BROKEN as exc:
        yield _truncated(raw, f"{exc.__class__.__name__}: {str(exc)[:200]}")
    finally:
        stream.close()


def _records(
    raw: RawInput, archive: Any, max_record_bytes: int
) -> Generator[ArticleDraft | InputRejected, None, tuple[int, int]]:
    """Drafts and rejections of the archive's pages; returns (records read, results)."""
    last = None
    n_records = n_results = 0
    for record in archive:
        last = record
        n_records += 1
        length = record.rec_headers.get_header("Content-Length") or ""
        if record.rec_type is None or not length.strip().isdigit():
            raise _CutShort("a record header is cut short or malformed")
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        status = record.http_headers.get_statuscode() or ""
        if not content_type.startswith(HTML_TYPES) or not status.startswith("2"):
            continue
        n_results += 1
        url = record.rec_headers.get_header("WARC-Target-URI")
        captured = record.rec_headers.get_header("WARC-Date")
        ref = f"{raw.ref}#{url}"
        data = record.content_stream().read(max_record_bytes + 1)
        if len(data) > max_record_bytes:
            limit = f"{max_record_bytes:,}"
            yield InputRejected(ref, "too_large", f"record exceeds the {limit}-byte limit")
            continue
        if _is_short(record):  # half a page is not the article: keep none of it
            raise _CutShort(f"the record of {url} is cut short")
        try:
            draft = extract_page(RawInput(ref, None, data, len(data)), data, url, "warc")
        except InputRejected as rejected:
            yield rejected
            continue
        metadata = {**draft.metadata, "captured_at": captured, "fetched_url": url}
        if draft.published_raw is None and captured:
            draft = replace(draft, published_raw=captured, published_source="capture")
        yield replace(draft, url=draft.url or url, metadata=metadata)
    if last is not None and _is_short(last):  # a skipped record (request, image) cut short
        raise _CutShort("the last record is cut short")
    return n_records, n_results
