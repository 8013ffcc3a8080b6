"""Build corpus/warc/capture.warc.gz from the HTML pages in warc_src/.

Deterministic: fixed capture dates, fixed record ids (uuid5 of type and URI),
input files in sorted order, gzip member headers without timestamps (warcio
uses zlib with mtime 0). Re-running produces a byte-identical file.

Records written, in order:
  warcinfo
  for each page (sorted by file name): a `response` record (text/html);
  after the first page, one `request` record for it and one `response`
  record for a stylesheet (text/css) that an HTML ingester must skip.

Run from the repository root:
    .venv/bin/python examples/build_warc.py
"""

from __future__ import annotations

import re
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "warc_src"
OUT = HERE / "corpus" / "warc" / "capture.warc.gz"

# Capture time of each page (UTC), a few hours after its publication.
CAPTURE_DATES = {
    "capitalledger-abu-kamal-denial.html": "2026-11-12T14:05:12Z",
    "capitalledger-doha-ceasefire.html": "2026-11-18T22:41:03Z",
    "gulfcourier-al-qaim-crossing.html": "2026-11-19T20:33:19Z",
    "gulfcourier-jordan-water-law.html": "2026-11-20T08:12:47Z",
}

CSS_URL = "https://capitalledger.example/static/ledger.css"
CSS_BODY = (
    b"body{font-family:'Ledger Serif',Georgia,serif;margin:0;color:#111}\n"
    b".site-header{border-bottom:1px solid #ddd;padding:8px 16px}\n"
    b".story{max-width:640px;margin:0 auto}\n"
    b".rail{display:none}\n"
)
CSS_DATE = "2026-11-12T14:05:13Z"

HTTP_DATES = {  # RFC 7231 form of the capture dates, for the HTTP Date header
    "2026-11-12T14:05:12Z": "Thu, 12 Nov 2026 14:05:12 GMT",
    "2026-11-12T14:05:13Z": "Thu, 12 Nov 2026 14:05:13 GMT",
    "2026-11-18T22:41:03Z": "Wed, 18 Nov 2026 22:41:03 GMT",
    "2026-11-19T20:33:19Z": "Thu, 19 Nov 2026 20:33:19 GMT",
    "2026-11-20T08:12:47Z": "Fri, 20 Nov 2026 08:12:47 GMT",
}

NS = uuid.UUID("6f1c2a52-9d1e-4c39-8a0e-4e5b7a2f1d10")


def record_id(kind: str, uri: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NS, kind + ' ' + uri)}>"


def canonical_url(html: str) -> str:
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    if not m:
        raise SystemExit("page without canonical link")
    return m.group(1)


def response(writer: WARCWriter, uri: str, date: str, ctype: str, body: bytes):
    http = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
            ("Date", HTTP_DATES[date]),
            ("Server", "nginx"),
        ],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={
            "WARC-Record-ID": record_id("response", uri),
            "WARC-Date": date,
        },
    )


def main() -> None:
    pages = sorted(SRC.glob("*.html"))
    if sorted(p.name for p in pages) != sorted(CAPTURE_DATES):
        raise SystemExit("warc_src/ and CAPTURE_DATES disagree")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = (
            b"software: newstrace examples/build_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: example capture for newstrace tests; fictional outlets\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo", OUT.name),
                    "WARC-Date": "2026-11-12T14:05:00Z",
                    "WARC-Filename": OUT.name,
                },
            )
        )
        for i, page in enumerate(pages):
            raw = page.read_bytes()
            uri = canonical_url(raw.decode("utf-8"))
            date = CAPTURE_DATES[page.name]
            resp = response(writer, uri, date, "text/html; charset=utf-8", raw)
            writer.write_record(resp)
            if i == 0:
                path = uri.split("/", 3)[3]
                req_http = StatusAndHeaders(
                    f"GET /{path} HTTP/1.1",
                    [
                        ("Host", uri.split("/")[2]),
                        ("User-Agent", "newstrace-example-crawler/0.1"),
                        ("Accept", "text/html"),
                    ],
                    is_http_request=True,
                )
                writer.write_record(
                    writer.create_warc_record(
                        uri,
                        "request",
                        payload=BytesIO(b""),
                        length=0,
                        http_headers=req_http,
                        warc_headers_dict={
                            "WARC-Record-ID": record_id("request", uri),
                            "WARC-Date": date,
                            "WARC-Concurrent-To": record_id("response", uri),
                        },
                    )
                )
                writer.write_record(
                    response(writer, CSS_URL, CSS_DATE, "text/css; charset=utf-8", CSS_BODY)
                )
    print(f"wrote {OUT.relative_to(HERE.parent)} ({len(pages)} pages)")


if __name__ == "__main__":
    main()
