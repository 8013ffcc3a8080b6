"""WARC archives built with warcio: HTML responses become articles, the rest is skipped."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest.sources import RawInput, is_warc_head

PAGES = [
    (
        "https://nilecourier.example/news/dam-talks-stall",
        "2023-06-13T08:00:00Z",
        "<html><head><title>Nile dam talks stall</title></head><body><article>"
        "<h1>Nile dam talks stall</h1>"
        "<p>CAIRO (NC) — Talks between Egypt, Sudan and Ethiopia over the Grand Ethiopian "
        "Renaissance Dam stalled again on Sunday, officials said, with no date set for a new "
        "round of negotiations.</p><p>The dispute over the filling of the reservoir has "
        "simmered for more than a decade.</p></article></body></html>",
    ),
    (
        "https://nilecourier.example/news/khartoum-fighting",
        "2023-06-14T09:30:00Z",
        "<html><head><title>Fighting resumes in Khartoum</title>"
        "<meta property='article:published_time' content='2023-06-12T10:00:00+02:00'>"
        "</head><body><article><p>Fighting resumed in southern Khartoum on Monday after a "
        "short lull, residents said, as both sides traded artillery fire across the city."
        "</p><p>Hospitals in Omdurman reported dozens of casualties.</p></article>"
        "</body></html>",
    ),
]


def build_warc(gzip: bool, pages=PAGES, extras: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, captured, html in pages:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
            warc_content_type="application/http; msgtype=request",
            warc_headers_dict={"WARC-Date": captured},
        )
        writer.write_record(request)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
            warc_headers_dict={"WARC-Date": captured},
        ))
    if extras:
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://nilecourier.example/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(range(256))), http_headers=png,
        ))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://nilecourier.example/gone", "response",
            payload=io.BytesIO(b"<html><body><p>Page not found</p></body></html>"),
            http_headers=missing,
        ))
        writer.write_record(writer.create_warc_record(
            "https://nilecourier.example/", "metadata", payload=io.BytesIO(b"via: crawler"),
            warc_content_type="application/warc-fields",
        ))
    return buffer.getvalue()


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_are_articles(gzip, write, store, ingest_paths, cli, db):
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    path = write(name, build_warc(gzip))
    report = ingest_paths(path)
    assert report.ingested == 2
    assert report.n_rejected == 0  # request, image, 404 and metadata records are skipped
    articles = {a.url: a for a in store.iter_articles()}
    assert set(articles) == {PAGES[0][0], PAGES[1][0]}

    undated = articles[PAGES[0][0]]
    assert undated.source_format == "warc"
    assert undated.input_ref == f"{path}#{PAGES[0][0]}"
    assert undated.published_at == "2023-06-13T08:00:00+00:00"
    assert undated.published_precision == "second"
    assert undated.published_source == "capture"
    assert undated.metadata["captured_at"] == "2023-06-13T08:00:00Z"
    assert undated.outlet == "nilecourier.example"
    assert undated.title == "Nile dam talks stall"
    assert undated.text.startswith("CAIRO (NC) — Talks between Egypt")
    assert undated.dateline.place == "CAIRO"

    dated = articles[PAGES[1][0]]
    assert dated.published_at == "2023-06-12T10:00:00+02:00"
    assert dated.published_source == "meta"
    assert dated.metadata["captured_at"] == "2023-06-14T09:30:00Z"


def test_gzipped_and_plain_copies_are_the_same_articles(write, ingest_paths):
    first = ingest_paths(write("a.warc.gz", build_warc(True)))
    second = ingest_paths(write("a.warc", build_warc(False)))
    assert first.ingested == 2
    assert second.ingested == 0 and second.already_present == 2


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_truncated_archive_keeps_records_before_the_break(gzip, write, store, ingest_paths):
    data = build_warc(gzip, extras=False)
    cut = data[: int(len(data) * 0.8)]  # inside the second page's records
    path = write("cut.warc.gz" if gzip else "cut.warc", cut)
    report = ingest_paths(path)
    assert report.ingested == 1
    assert [a.url for a in store.iter_articles()] == [PAGES[0][0]]
    assert report.rejected == {"truncated": 1}
    rejection = report.rejections[-1]
    assert rejection.input_ref == str(path)
    assert "records before the break were kept" in rejection.message


def build_with_bounds(gzip: bool) -> tuple[bytes, list[tuple[int, str | None]]]:
    """The archive of PAGES and, for each record, (end offset, URL if it is a page)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    bounds: list[tuple[int, str | None]] = []
    for url, captured, html in PAGES:
        writer.write_record(writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
            warc_content_type="application/http; msgtype=request"))
        bounds.append((buffer.tell(), None))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=headers,
            warc_headers_dict={"WARC-Date": captured}))
        bounds.append((buffer.tell(), url))
    return buffer.getvalue(), bounds


# Bytes before a record boundary whose loss loses no content: the gzip trailer and the
# last deflate bytes, or the blank lines that end an uncompressed record.
FRAMING = 40


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_every_cut_point_is_safe(gzip):
    """Cut anywhere: no exception; only whole pages become drafts; a cut inside a record is
    reported as `truncated`, a cut at a record boundary is a complete (shorter) archive."""
    from newstrace.errors import InputRejected
    from newstrace.ingest.formats.warc import parse_warc

    data, bounds = build_with_bounds(gzip)
    checked_inside = 0
    for cut in range(1, len(data) + 1, 5):
        piece = data[:cut]
        results = list(parse_warc(RawInput("cut.warc", None, piece, len(piece)), 10**6))
        urls = [r.url for r in results if not isinstance(r, InputRejected)]
        reasons = [r.reason for r in results if isinstance(r, InputRejected)]
        whole = [url for end, url in bounds if url and end <= cut]
        at_boundary = any(end - FRAMING <= cut <= end for end, _ in bounds)
        if cut < 80 and reasons == ["not_a_warc"]:
            continue  # too few bytes left to tell a WARC: "WARC/" or a gzip header cut
        if at_boundary:
            # a shorter whole archive, perhaps of request records only
            assert reasons in ([], ["truncated"], ["no_article"]), cut
            continue
        checked_inside += 1
        assert urls == whole, cut  # every page read whole, none half-read
        assert reasons == ["truncated"], cut
    assert checked_inside > len(data) // 10


def test_truncated_archive_via_cli_has_no_traceback(write, cli, db):
    data = build_warc(True, extras=False)
    path = write("broken.warc.gz", data[: len(data) - 200])
    result = cli("--db", db, "ingest", path)
    assert result.code == 1
    assert "[truncated]" in result.err
    assert "ingested 1" in result.out


def test_record_over_the_limit_is_rejected_others_kept(write, store, config, ingest_paths):
    from dataclasses import replace

    from newstrace.ingest import IngestOptions, ingest

    big_html = ("<html><body><article>" + "<p>Filler paragraph about the harbour.</p>" * 400
                + "</article></body></html>")
    pages = [*PAGES, ("https://nilecourier.example/news/long", "2023-06-15T00:00:00Z",
                      big_html)]
    path = write("big.warc", build_warc(False, pages=pages, extras=False))
    small = replace(config, max_input_bytes=5_000)
    assert path.stat().st_size > small.max_input_bytes  # the archive is over the limit...
    report = ingest(store, [str(path)], small, IngestOptions())
    assert report.ingested == 2  # ...but its records are not
    assert report.rejected == {"too_large": 1}
    assert report.rejections[0].input_ref == f"{path}#https://nilecourier.example/news/long"


def test_warc_detected_from_content(write, store, ingest_paths):
    path = write("crawl.bin", build_warc(True))
    assert is_warc_head(path.read_bytes()[:100])
    assert ingest_paths(path).ingested == 2
