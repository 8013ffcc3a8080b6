"""Publication times as sources state them: value, precision, and no invented parts."""

from __future__ import annotations

import pytest

from newstrace.published import parse_published, published_from_url


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("15 September 2021 - 22:06", "2021-09-15T22:06", "minute"),
        ("2024-08-21T14:35:12+05:00", "2024-08-21T14:35:12+05:00", "second"),
        ("2025-03-04T09:15+03:00", "2025-03-04T09:15+03:00", "minute"),
        ("2024-05-09T21:30:00Z", "2024-05-09T21:30:00+00:00", "second"),
        ("2024-05-01T10:00:00.123456+00:00", "2024-05-01T10:00:00+00:00", "second"),
        ("Mon, 02 Oct 2023 18:45:00 +0300", "2023-10-02T18:45:00+03:00", "second"),
        ("2026-11-12 08:30:00", "2026-11-12T08:30:00", "second"),
        ("12 June 2023 14:05:33", "2023-06-12T14:05:33", "second"),
        ("Tuesday, 14 November 2023 | 10:45 GMT", "2023-11-14T10:45+00:00", "minute"),
        ("2024-05-01", "2024-05-01", "day"),
        ("3 March 2022", "2022-03-03", "day"),
        ("Sept. 3, 2021", "2021-09-03", "day"),
        ("  2024-05-01  ", "2024-05-01", "day"),
        ("March 2022", "2022-03", "month"),
        ("2022", "2022", "year"),
    ],
)
def test_parse_published(raw, value, precision):
    assert parse_published(raw) == (value, precision)


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "not a date", "2021-02-30", "Breaking news",
     # relative times say when a page was scraped, not when it was published
     "yesterday", "3 hours ago", "today"],
)
def test_not_a_date(raw):
    assert parse_published(raw) == (None, "unknown")


def test_zone_is_kept_not_converted():
    value, _ = parse_published("2023-11-14T23:40:00+03:00")
    assert value == "2023-11-14T23:40:00+03:00"  # not 20:40 UTC: the local day matters


def test_year_only_does_not_invent_a_month():
    value, precision = parse_published("in 2019")
    assert (value, precision) == ("2019", "year")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2024/02/10/port-reopens", ("2024-02-10", "day")),
        ("https://x.example/news/2024-02-10-port-reopens", ("2024-02-10", "day")),
        ("https://x.example/2024/02/30/impossible", (None, "unknown")),
        ("https://x.example/news/12345", (None, "unknown")),
        ("https://x.example/2024/13/01/x", (None, "unknown")),
        (None, (None, "unknown")),
    ],
)
def test_published_from_url(url, expected):
    assert published_from_url(url) == expected


def test_published_year_flag_and_until(write, cli, db):
    body = "Farmers in Punjab said the wheat harvest was the largest in a decade, officials said."
    cli("--db", db, "ingest", "--published", "2019", write("y.txt", body))
    (record,) = cli("--db", db, "articles", "--json").jsonl()
    assert (record["published_at"], record["published_precision"]) == ("2019", "year")
    assert len(cli("--db", db, "articles", "--json", "--until", "2019").jsonl()) == 1
    assert len(cli("--db", db, "articles", "--json", "--since", "2019").jsonl()) == 1
    assert cli("--db", db, "articles", "--json", "--since", "2020").jsonl() == []
    assert cli("--db", db, "ingest", "--published", "yesterday", "x").code == 2
