"""Plain-text articles: title line, header lines, sidecars, paragraphs."""

from __future__ import annotations

import json

from conftest import only_article
from newstrace.ingest.formats.text import split_headers

QUAKE_BODY = (
    "SANTIAGO (Reuters) - A strong earthquake shook central Chile on Friday, "
    "officials said, sending residents of the capital into the streets."
)


def test_headers_are_metadata_not_body(fixtures, store, ingest_paths):
    report = ingest_paths(fixtures / "tehran_courier.txt")
    assert report.ingested == 1 and report.n_rejected == 0
    article = only_article(store)
    assert article.title == "Drone strike hits depot near Al-Bukamal, officials say"
    assert article.published_at == "2021-09-15T22:06"
    assert article.published_precision == "minute"
    assert article.published_source == "header"
    assert article.metadata["news_id"] == "4853211"
    assert article.outlet == "Tehran Courier"
    assert article.outlet_id == "tehrancourier.example"  # identified by domain
    assert article.url == "https://tehrancourier.example/news/4853211"
    assert article.source_format == "text"
    assert article.text.startswith("TEHRAN (Agency) – Iranian officials said")
    for header_word in ("Publish Date", "News ID", "4853211", "Source:", "URL:"):
        assert header_word not in article.text
    assert article.title not in article.text


def test_paragraphs_kept_and_soft_wraps_joined(fixtures, store, ingest_paths):
    ingest_paths(fixtures / "tehran_courier.txt")
    paragraphs = only_article(store).text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0] == (
        "TEHRAN (Agency) – Iranian officials said on Wednesday that a drone struck a weapons "
        "depot near the Syrian border town of Al-Bukamal late on Tuesday, killing three people."
    )
    assert paragraphs[2] == "No group has claimed responsibility for the strike."
    assert "\n" not in paragraphs[1]


def test_one_paragraph_per_line(write, store, ingest_paths):
    path = write(
        "lines.txt",
        "Ships return to Odesa port\n\n"
        "The port of Odesa reopened to grain shipments on Friday, officials said.\n"
        "Ships had queued outside the harbour through the night.\n"
        "Insurers said premiums would stay high.\n",
    )
    ingest_paths(path)
    article = only_article(store)
    assert article.title == "Ships return to Odesa port"
    assert article.text.split("\n\n") == [
        "The port of Odesa reopened to grain shipments on Friday, officials said.",
        "Ships had queued outside the harbour through the night.",
        "Insurers said premiums would stay high.",
    ]


def test_sentence_first_line_is_not_a_title(write, store, ingest_paths):
    path = write(
        "untitled.txt",
        "Officials in Kabul said on Monday that the road to Jalalabad had reopened.\n"
        "Traffic was moving again by the afternoon.\n",
    )
    ingest_paths(path)
    article = only_article(store)
    assert article.title is None
    assert article.text.startswith("Officials in Kabul said on Monday")
    assert article.dateline is None


def test_other_header_spellings(write, store, ingest_paths):
    path = write(
        "headers.txt",
        "Heatwave grips northern India\n"
        "Published: 2023-06-17\n"
        "Source: Delhi Evening Star\n"
        "By: Priya Nair\n"
        "\n"
        "Temperatures rose above 45C in parts of Uttar Pradesh on Saturday, the weather office "
        "said, as hospitals reported a rise in heatstroke cases.\n",
    )
    ingest_paths(path)
    article = only_article(store)
    assert article.published_at == "2023-06-17"
    assert article.published_precision == "day"
    assert article.outlet == "Delhi Evening Star"
    assert article.byline == "Priya Nair"
    assert "Published" not in article.text and "Priya" not in article.text


def test_date_header(write, store, ingest_paths):
    path = write(
        "date.txt",
        "Date: 3 March 2022\n\nFuel prices rose again in Colombo on Thursday, traders said, "
        "as queues lengthened outside petrol stations.\n",
    )
    ingest_paths(path)
    article = only_article(store)
    assert article.published_at == "2022-03-03"
    assert article.published_source == "header"
    assert article.text.startswith("Fuel prices rose again")


def test_split_headers_unit():
    headers, body, title = split_headers(
        ["Title line", "", "News ID: 77", "URL: https://a.example/x", "", "Body text."]
    )
    assert title == "Title line"
    assert headers == {"news_id": "77", "url": "https://a.example/x"}
    assert [line for line in body if line] == ["Body text."]


def test_sidecar_metadata_and_not_an_article_itself(write, store, ingest_paths):
    story = write(
        "folder/tbilisi.txt",
        "Protest in Tbilisi\n\nPublished: 2024-05-01\nSource: Caucasus Herald\n\n"
        "Thousands of people rallied outside parliament in Tbilisi on Wednesday evening "
        "against a proposed law on foreign influence.\n",
    )
    story.with_suffix(".json").write_text(json.dumps({
        "outlet": "Georgia Today Wire", "published_at": "2024-05-01T21:40:00+04:00",
        "url": "https://gtw.example/2024/05/01/tbilisi-protest", "section": "Politics",
    }))
    report = ingest_paths(story.parent)
    assert report.ingested == 1 and report.n_rejected == 0
    article = only_article(store)
    assert article.outlet == "Georgia Today Wire"
    assert article.url == "https://gtw.example/2024/05/01/tbilisi-protest"
    assert article.published_at == "2024-05-01T21:40:00+04:00"
    assert article.published_precision == "second"
    assert article.published_source == "sidecar"
    assert article.metadata["section"] == "Politics"


def test_flags_win_over_sidecar_which_wins_over_document(write, store, ingest_paths):
    story = write(
        "tbilisi.txt",
        "Protest in Tbilisi\n\nPublished: 2024-05-01\nSource: Caucasus Herald\n"
        "URL: https://caucasusherald.example/protest\n\n"
        "Thousands of people rallied outside parliament in Tbilisi on Wednesday evening.\n",
    )
    story.with_suffix(".json").write_text(json.dumps({
        "outlet": "Georgia Today Wire", "published_at": "2024-05-01T21:40:00+04:00",
    }))
    ingest_paths(story, outlet="Flag Outlet")
    article = only_article(store)
    assert article.outlet == "Flag Outlet"  # flag over sidecar over document
    assert article.published_source == "sidecar"  # sidecar over document
    assert article.published_at == "2024-05-01T21:40:00+04:00"
    assert article.url == "https://caucasusherald.example/protest"  # only the document says


def test_published_flag_wins(write, store, ingest_paths):
    story = write(
        "a.txt", "Publish Date : 15 September 2021 - 22:06\n\n" + QUAKE_BODY + "\n"
    )
    ingest_paths(story, published="2021-09-16T08:00:00+00:00")
    article = only_article(store)
    assert article.published_at == "2021-09-16T08:00:00+00:00"
    assert article.published_source == "flag"


def test_broken_sidecar_is_a_rejection(write, store, ingest_paths):
    story = write("b.txt", "Quake hits Chile\n\n" + QUAKE_BODY + "\n")
    story.with_suffix(".json").write_text("{not json")
    report = ingest_paths(story)
    assert report.ingested == 0
    assert report.rejected == {"bad_sidecar": 1}
    assert list(store.iter_articles()) == []


def test_bad_date_in_sidecar_is_a_rejection(write, store, ingest_paths):
    story = write("c.txt", "Quake hits Chile\n\n" + QUAKE_BODY + "\n")
    story.with_suffix(".json").write_text(json.dumps({"published_at": "last Tuesday-ish"}))
    report = ingest_paths(story)
    assert report.rejected == {"bad_metadata": 1}


def test_lone_json_file_without_partner_is_ingested(write, store, ingest_paths):
    """A .json file with no document beside it is an input (a news-please article)."""
    path = write("solo/piece.json", json.dumps({
        "title": "Wildfire near Athens", "maintext": "Firefighters battled a wildfire north of "
        "Athens on Sunday as strong winds pushed the flames toward houses, officials said.",
    }))
    report = ingest_paths(path.parent)
    assert report.ingested == 1
    assert only_article(store).title == "Wildfire near Athens"


def test_title_and_headers_without_body_is_rejected(write, ingest_paths):
    path = write("nobody.txt", "Just a headline\n\nPublished: 2024-01-01\n")
    report = ingest_paths(path)
    assert report.rejected == {"no_text": 1}


def test_crlf_and_bom(write, store, ingest_paths):
    raw = ("\ufeffQuake hits Chile\r\n\r\n" + QUAKE_BODY + "\r\n").encode("utf-8")
    ingest_paths(write("crlf.txt", raw))
    article = only_article(store)
    assert article.title == "Quake hits Chile"
    assert article.text == QUAKE_BODY
    assert "\r" not in article.text and "\ufeff" not in article.text


def test_utf16_with_bom(write, store, ingest_paths):
    ingest_paths(write("u16.txt", ("Quake hits Chile\n\n" + QUAKE_BODY).encode("utf-16")))
    assert only_article(store).text == QUAKE_BODY


def test_legacy_encoding_is_decoded(write, store, ingest_paths):
    body = ("В Киеве в понедельник прозвучали взрывы, сообщили местные власти. "
            "Жителей призвали оставаться в укрытиях до отмены воздушной тревоги.")
    ingest_paths(write("cp1251.txt", body.encode("cp1251")))
    article = only_article(store)
    assert article.text == body
    assert article.language == "ru"


def test_date_from_url_as_last_resort(write, store, ingest_paths):
    path = write(
        "dated.txt",
        "URL: https://kyivpost.example/2022/02/24/explosions-heard\n\n"
        "Explosions were heard in Kyiv before dawn on Thursday, residents said.\n",
    )
    ingest_paths(path)
    article = only_article(store)
    assert article.published_at == "2022-02-24"
    assert article.published_precision == "day"
    assert article.published_source == "url"
    assert article.outlet == "kyivpost.example"
