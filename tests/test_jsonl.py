"""JSON Lines and single JSON objects, with news-please field names."""

from __future__ import annotations

import gzip
import json

from conftest import only_article


def test_news_please_and_newstrace_names(fixtures, store, ingest_paths):
    path = fixtures / "turkeywatch.jsonl"
    report = ingest_paths(path)
    assert report.ingested == 2 and report.n_rejected == 0
    articles = {a.input_ref: a for a in store.iter_articles()}
    quake = articles[f"{path}:1"]
    assert quake.source_format == "jsonl"
    assert quake.title == "Earthquake strikes eastern Turkey"
    assert quake.url == "https://turkeywatch.example/2026/11/12/quake"
    assert quake.outlet == "turkeywatch.example"
    assert quake.published_at == "2026-11-12T08:30:00"
    assert quake.published_precision == "second"
    assert quake.published_source == "meta"
    assert quake.byline == "Deniz Kaya, Ali Demir"
    assert quake.language == "en"
    # maintext is one paragraph a line
    assert quake.text.split("\n\n") == [
        "ANKARA (TWN) - A magnitude 5.9 earthquake struck eastern Turkey on Thursday morning, "
        "the disaster agency said.",
        "There were no immediate reports of casualties, the agency added.",
    ]
    assert (quake.dateline.place, quake.dateline.agency) == ("ANKARA", "TWN")
    # unknown fields are kept
    assert quake.metadata == {
        "image_url": "https://turkeywatch.example/img/quake.jpg",
        "date_download": "2026-11-12 09:00:00",
    }

    valencia = articles[f"{path}:2"]
    assert valencia.outlet == "Iberia Daily"
    assert valencia.byline == "Marta Gil"
    assert valencia.published_at == "2024-10-29T17:05:00+01:00"
    assert valencia.metadata == {"section": "Spain"}


def test_broken_line_is_rejected_others_ingested(write, store, ingest_paths):
    good = {"title": "Storm hits Manila", "text": "Typhoon winds tore roofs off houses in "
            "Manila on Saturday, the disaster agency said.", "url": "https://ph.example/1"}
    other = {**good, "url": "https://ph.example/2", "text": "Schools stayed shut on Monday."}
    path = write("feed.jsonl", "\n".join([
        json.dumps(good), '{"title": "cut short", "text": ', "", json.dumps(other), "[1, 2]",
        json.dumps({"title": "no body"}),
    ]) + "\n")
    report = ingest_paths(path)
    assert report.ingested == 2
    assert report.rejected == {"bad_json": 2, "no_text": 1}
    refs = {(r.input_ref, r.reason) for r in report.rejections}
    assert refs == {(f"{path}:2", "bad_json"), (f"{path}:5", "bad_json"),
                    (f"{path}:6", "no_text")}
    assert {a.input_ref for a in store.iter_articles()} == {f"{path}:1", f"{path}:4"}
    message = next(r.message for r in report.rejections if r.input_ref == f"{path}:2")
    assert "line 2" in message


def test_single_pretty_printed_object(write, store, ingest_paths):
    path = write("article.json", json.dumps({
        "title": "Wildfire forces evacuations near Athens",
        "maintext": "Firefighters battled a wildfire north of Athens on Sunday as strong winds "
                    "pushed the flames toward residential areas, officials said.",
        "date_publish": "2025-07-20 14:10:00",
        "source_domain": "aegeantimes.example",
        "url": "https://aegeantimes.example/wildfire-athens",
        "authors": [],
    }, indent=2))
    report = ingest_paths(path)
    assert report.ingested == 1
    article = only_article(store)
    assert article.input_ref == str(path)
    assert article.outlet == "aegeantimes.example"
    assert article.published_at == "2025-07-20T14:10:00"
    assert article.byline is None  # an empty author list is no byline


def test_gzipped_jsonl(write, store, ingest_paths):
    lines = [json.dumps({"title": f"Item {i}", "text": f"Report number {i} from Lagos said "
                         "the market fire was contained by evening.",
                         "url": f"https://lagoswire.example/{i}"}) for i in range(3)]
    path = write("crawl.jsonl.gz", gzip.compress(("\n".join(lines) + "\n").encode()))
    report = ingest_paths(path)
    assert report.ingested == 3
    assert {a.source_format for a in store.iter_articles()} == {"jsonl"}
    assert {a.input_ref for a in store.iter_articles()} == {f"{path}:{i}" for i in (1, 2, 3)}


def test_corrupt_gzip_is_rejected(write, ingest_paths):
    data = gzip.compress(b'{"text": "Nairobi traffic was gridlocked on Monday."}\n' * 50)
    report = ingest_paths(write("cut.jsonl.gz", data[: len(data) // 2]))
    assert report.rejected == {"truncated": 1}


def test_jsonl_saved_as_txt(write, store, ingest_paths):
    path = write("export.txt", json.dumps({
        "title": "Bridge collapse in Genoa", "text": "Part of a motorway bridge collapsed in "
        "Genoa on Tuesday during a heavy storm, the fire brigade said.",
        "outlet": "Ligurian Courier"}) + "\n")
    ingest_paths(path)
    article = only_article(store)
    assert article.source_format == "jsonl"
    assert article.title == "Bridge collapse in Genoa"
    assert "{" not in article.text


def test_non_string_fields(write, store, ingest_paths):
    path = write("odd.jsonl", json.dumps({
        "title": 12345, "text": "Officials in Dhaka said on Friday that 200 people were rescued.",
        "url": "https://dhaka.example/x", "published_at": "not a date at all", "tags": ["a"],
    }) + "\n")
    report = ingest_paths(path)
    # an unreadable date in the document is not invented, the article is kept without it
    assert report.ingested == 1
    article = only_article(store)
    assert article.title == "12345"
    assert article.published_at is None
    assert article.metadata == {"tags": ["a"]}


def test_forced_format_on_gzipped_input(write, store, ingest_paths):
    line = json.dumps({"text": "Nairobi traffic was gridlocked on Monday after heavy rain."})
    report = ingest_paths(write("forced.gz", gzip.compress(line.encode())), format="jsonl")
    assert report.ingested == 1
    assert only_article(store).source_format == "jsonl"


def test_gzip_that_inflates_past_the_limit_is_refused(write, store, config, ingest_paths):
    from dataclasses import replace

    from newstrace.ingest import IngestOptions, ingest

    bomb = gzip.compress(b'{"text": "' + b"a" * 200_000 + b'"}\n')
    assert len(bomb) < 10_000
    path = write("bomb.jsonl.gz", bomb)
    report = ingest(store, [str(path)], replace(config, max_input_bytes=50_000), IngestOptions())
    assert report.rejected == {"too_large": 1}
    assert report.ingested == 0
