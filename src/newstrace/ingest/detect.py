"""Format detection from content, and decoding of text inputs.

Extensions lie (feeds saved as .html, JSON saved as .txt), so the format is read from the
first bytes; the extension only breaks ties the content leaves open.
"""

from __future__ import annotations

import json
import re
import zlib

from newstrace.errors import InputRejected
from newstrace.ingest.sources import RawInput, is_warc_head

FORMATS = ("text", "html", "rss", "warc", "jsonl")

_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)
_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def ungzip(raw: RawInput, max_bytes: int) -> bytes:
    """The content of a gzipped non-archive input (a .jsonl.gz, say), within the size limit.

    The limit applies to the content, so a small file that inflates to gigabytes is refused
    before it is held in memory.
    """
    out = bytearray()
    data = raw.data
    try:
        while data:
            inflater = zlib.decompressobj(31)
            out += inflater.decompress(data, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise InputRejected(
                    raw.ref, "too_large",
                    f"gzip content exceeds the {max_bytes:,}-byte limit",
                )
            if not inflater.eof:
                raise EOFError("compressed data ends before the end of the stream")
            data = inflater.unused_data
    except (EOFError, zlib.error) as exc:
        raise InputRejected(raw.ref, "truncated", f"gzip data is corrupt or cut short: {exc}")\
            from None
    return bytes(out)


def sniff(raw: RawInput) -> str:
    """The input's format, from its first bytes."""
    head = raw.data[:8192]
    if is_warc_head(head):
        return "warc"
    if not head.strip():
        raise InputRejected(raw.ref, "empty", "the input is empty")
    if _looks_binary(head):
        raise InputRejected(raw.ref, "binary", "the input is binary data, not text")
    body = head.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"<?xml") or body.startswith(b"<"):
        if _FEED.search(head):
            return "rss"
        if _HTML.search(head):
            return "html"
        if body.startswith(b"<?xml"):
            return "rss"  # XML that is no feed: the feed parser rejects it as not_a_feed
    if body.startswith(b"{") and (
        _is_json_object_stream(raw.data) or raw.ref.lower().endswith(_JSON_SUFFIXES)
    ):
        return "jsonl"  # a broken .json file is rejected as bad JSON, not read as prose
    if _HTML.search(head) and body.startswith(b"<"):
        return "html"
    return "text"


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(4, len(head) // 100)


def _is_json_object_stream(data: bytes) -> bool:
    """A JSON Lines file, or one JSON object (news-please writes one file per article)."""
    first = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        pass
    try:
        return isinstance(json.loads(data), dict)
    except ValueError:
        # A broken first line still marks a JSON Lines file: it is rejected line by line.
        return first.rstrip().endswith(b"}")


def decode_text(raw: RawInput, data: bytes | None = None) -> str:
    """Decode text: UTF-8 (with or without BOM) or UTF-16 with BOM, else a confident guess."""
    data = raw.data if data is None else data
    if data.startswith(_BOMS[1:]):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.2 or best.encoding.startswith("utf_16"):
        raise InputRejected(
            raw.ref, "undecodable", "the text is not UTF-8 and its encoding cannot be told"
        )
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputRejected(
            raw.ref, "undecodable", f"the text cannot be decoded as {best.encoding}"
        ) from None
