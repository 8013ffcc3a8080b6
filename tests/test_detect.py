"""Formats are read from content, not from file extensions; --format forces one."""

from __future__ import annotations

import json

import pytest

from conftest import only_article
from newstrace.errors import InputRejected
from newstrace.ingest.detect import sniff
from newstrace.ingest.sources import RawInput

ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Strike on Kharkiv</title></head><body><article>"
    "<p>KHARKIV (UNW) — Missiles struck an industrial area of Kharkiv overnight, the regional "
    "governor said on Saturday, damaging a warehouse and several homes.</p>"
    "<p>Emergency crews worked through the morning to put out fires.</p></article></body></html>"
)


def raw(data: bytes, ref: str = "x") -> RawInput:
    return RawInput(ref, None, data, len(data))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "rss"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "rss"),
        (b"<rdf:RDF xmlns:rdf='x'></rdf:RDF>", "rss"),
        (b"\n\n  <!doctype html><html><body><p>x</p></body></html>", "html"),
        (b"<div><p>Fragment of a page</p></div>", "html"),
        (b"\xef\xbb\xbf<html><body>hi</body></html>", "html"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'{\n  "text": "a"\n}\n', "jsonl"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"Title\n\nBody text of the article.", "text"),
        (b"{not json at all, just braces in a text", "text"),
        (b"<b>Bold claim</b> in a plain text file", "text"),
    ],
)
def test_sniff(data, expected):
    assert sniff(raw(data)) == expected


def test_html_saved_as_txt(write, store, ingest_paths):
    ingest_paths(write("page.txt", ARTICLE_HTML))
    article = only_article(store)
    assert article.source_format == "html"
    assert article.title == "Strike on Kharkiv"
    assert "<p>" not in article.text and "<!DOCTYPE" not in article.text
    assert article.dateline.place == "KHARKIV"


def test_feed_saved_as_html(fixtures, tmp_path, store, ingest_paths):
    target = tmp_path / "atom.html"
    target.write_bytes((fixtures / "sahel_observer.atom").read_bytes())
    ingest_paths(target)
    assert only_article(store).source_format == "rss"


def test_jsonl_saved_as_txt(write, store, ingest_paths):
    ingest_paths(write("dump.txt", json.dumps({"title": "Flood in Porto Alegre", "text":
                 "Rivers burst their banks in Porto Alegre on Sunday, officials said."}) + "\n"))
    article = only_article(store)
    assert article.source_format == "jsonl"
    assert article.text == "Rivers burst their banks in Porto Alegre on Sunday, officials said."


def test_format_flag_forces_text(write, store, ingest_paths):
    ingest_paths(write("page.html", ARTICLE_HTML), format="text")
    article = only_article(store)
    assert article.source_format == "text"
    assert "<article>" in article.text  # taken literally, as asked


def test_format_flag_forces_html(write, store, ingest_paths):
    body = ("<p>Protesters gathered in Nairobi on Tuesday to oppose a new finance bill, "
            "witnesses said, and police fired tear gas near parliament.</p>")
    ingest_paths(write("frag.txt", "Kenya protests\n\n" + body), format="html")
    assert only_article(store).source_format == "html"


def test_format_flag_via_cli(write, cli, db):
    path = write("page.html", ARTICLE_HTML)
    assert cli("--db", db, "ingest", "--format", "text", path).code == 0
    (record,) = cli("--db", db, "articles", "--json").jsonl()
    assert record["source_format"] == "text"


def test_sniff_rejects_empty_and_binary():
    with pytest.raises(InputRejected) as empty:
        sniff(raw(b"  \n\t\n"))
    assert empty.value.reason == "empty"
    with pytest.raises(InputRejected) as binary:
        sniff(raw(b"\x00\x01\x02\x03PK\x03\x04" * 20))
    assert binary.value.reason == "binary"


def test_utf16_text_is_not_binary():
    assert sniff(raw("Title\n\nBody".encode("utf-16"))) == "text"
