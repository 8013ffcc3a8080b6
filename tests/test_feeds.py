"""RSS 2.0 and Atom feeds: every item is an article; teasers are marked summary-only."""

from __future__ import annotations

from newstrace.ingest.detect import sniff
from newstrace.ingest.sources import RawInput


def by_title(store):
    return {a.title: a for a in store.iter_articles()}


def test_rss_items(fixtures, store, ingest_paths):
    feed = fixtures / "levant_wire.rss"
    report = ingest_paths(feed)
    assert report.ingested == 2 and report.n_rejected == 0
    articles = by_title(store)
    full = articles["Clashes reported near Deir ez-Zor"]
    assert full.summary_only is False
    assert full.source_format == "rss"
    assert full.input_ref == f"{feed}#item1"
    assert full.outlet == "Levant Wire"
    assert full.url == "https://levantwire.example/2023/10/02/clashes-deir-ez-zor"
    assert full.published_at == "2023-10-02T18:45:00+03:00"
    assert full.published_precision == "second"
    assert full.published_source == "feed"
    assert full.byline == "Omar Saleh"
    assert full.language == "en"
    assert full.metadata["guid"] == "lw-88121"
    assert full.metadata["categories"] == ["Syria"]
    # content:encoded, not the one-line description, and its paragraphs kept
    assert full.text.split("\n\n") == [
        "DEIR EZ-ZOR (Levant Wire) – Clashes broke out on Monday between tribal fighters and "
        "militia members in several villages east of the Euphrates, residents said.",
        "At least four people were wounded, according to a local medical source.",
    ]
    assert (full.dateline.place, full.dateline.agency) == ("DEIR EZ-ZOR", "Levant Wire")

    teaser = articles["Power cuts extend across Beirut"]
    assert teaser.summary_only is True
    assert teaser.input_ref == f"{feed}#item2"
    assert teaser.text.startswith("Electricity rationing was extended")
    assert teaser.published_at == "2023-10-02T20:10:00+03:00"


def test_atom_entry(fixtures, store, ingest_paths):
    feed = fixtures / "sahel_observer.atom"
    report = ingest_paths(feed)
    assert report.ingested == 1
    (article,) = store.iter_articles()
    assert article.input_ref == f"{feed}#item1"
    assert article.outlet == "Sahel Observer"
    assert article.title == "Convoy attacked on road to Gao"
    assert article.url == "https://sahelobserver.example/news/convoy-gao"
    assert article.published_at == "2024-05-09T21:30:00+01:00"  # published, not updated
    assert article.published_source == "feed"
    assert article.byline == "Aminata Traore"
    assert article.summary_only is False
    assert article.metadata["feed_format"] == "atom10"
    assert article.dateline.place == "BAMAKO"
    assert "<p>" not in article.text


def test_feed_saved_as_html_is_still_a_feed(fixtures, tmp_path, store, ingest_paths):
    disguised = tmp_path / "feed.html"
    disguised.write_bytes((fixtures / "levant_wire.rss").read_bytes())
    report = ingest_paths(disguised)
    assert report.ingested == 2
    assert {a.source_format for a in store.iter_articles()} == {"rss"}


def test_feed_without_items(write, ingest_paths):
    empty = write("empty.rss", (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet Wire</title>"
        "<link>https://quiet.example/</link><description>x</description></channel></rss>"))
    report = ingest_paths(empty)
    assert report.rejected == {"no_article": 1}


def test_item_without_text_is_rejected_others_kept(write, store, ingest_paths):
    feed = write("mixed.rss", (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Mixed Wire</title>"
        "<item><title>Only a title</title><link>https://mixed.example/1</link></item>"
        "<item><title>Full</title><link>https://mixed.example/2</link><description>"
        "Rescue teams reached the village of Chitral on Sunday after a landslide, officials "
        "said.</description></item></channel></rss>"))
    report = ingest_paths(feed)
    assert report.ingested == 1
    assert report.rejected == {"no_text": 1}
    assert report.rejections[0].input_ref == f"{feed}#item1"


def test_xml_that_is_not_a_feed_is_rejected(write, store, ingest_paths):
    catalog = write("catalog.xml", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<catalog>\n'
        '  <book id="bk101"><author>Gambardella, Matthew</author>'
        "<title>XML Developer's Guide</title><price>44.95</price></book>\n</catalog>\n"))
    report = ingest_paths(catalog)
    assert report.ingested == 0
    assert report.rejected == {"not_a_feed": 1}
    rejection = report.rejections[0]
    assert rejection.input_ref == str(catalog)
    assert "<catalog>" in rejection.message
    assert list(store.iter_articles()) == []


def test_xml_not_a_feed_detected():
    raw = RawInput("x.xml", None, b"<?xml version='1.0'?><catalog/>", 31)
    assert sniff(raw) == "rss"  # sent to the feed parser, which rejects it


def test_forced_rss_on_text_is_rejected(fixtures, ingest_paths):
    report = ingest_paths(fixtures / "tehran_courier.txt", format="rss")
    assert report.rejected == {"not_a_feed": 1}
