"""HTML pages: main text without boilerplate, metadata from meta tags and JSON-LD."""

from __future__ import annotations

from conftest import only_article

PARAS = (
    "<p>The port of Odesa reopened to grain shipments on Friday after a two-day closure "
    "caused by drone attacks on nearby infrastructure, port officials said.</p>"
    "<p>Ships queued outside the harbour through the night as crews waited for clearance "
    "from the authorities, and insurers said premiums would remain high.</p>"
)


def page(head: str = "", body: str = PARAS) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head>"
            f"<body><article>{body}</article></body></html>")


def test_main_text_without_nav_or_footer(fixtures, store, ingest_paths):
    report = ingest_paths(fixtures / "karachi_ledger.html")
    assert report.ingested == 1
    article = only_article(store)
    assert article.source_format == "html"
    assert "Monsoon floods have displaced more than 40,000 people" in article.text
    assert "heavy rain in the coming days" in article.text
    for boilerplate in ("Subscribe to our newsletter", "All rights reserved", "Sport",
                        "Privacy policy", "Follow us"):
        assert boilerplate not in article.text
    # The headline is the title, not the first paragraph, so the dateline is found.
    assert not article.text.startswith("Floods displace")
    assert article.dateline is not None and article.dateline.place == "KARACHI"
    assert len(article.text.split("\n\n")) >= 4


def test_meta_published_time_with_zone(fixtures, store, ingest_paths):
    ingest_paths(fixtures / "karachi_ledger.html")
    article = only_article(store)
    assert article.published_at == "2024-08-21T14:35:12+05:00"
    assert article.published_precision == "second"
    assert article.published_source == "meta"
    assert article.title == "Floods displace thousands in Sindh"
    assert article.outlet == "Karachi Ledger"
    assert article.url == "https://karachiledger.example/2024/08/21/floods-sindh"
    assert article.byline == "Sana Mirza"
    assert article.language == "en"
    assert article.metadata["description"].startswith("Monsoon floods")


def test_json_ld(fixtures, store, ingest_paths):
    ingest_paths(fixtures / "gulf_morning_post.html")
    article = only_article(store)
    assert article.published_at == "2025-03-04T09:15+03:00"
    assert article.published_precision == "minute"
    assert article.published_source == "jsonld"
    assert article.byline == "Layla Haddad"
    assert article.outlet == "Gulf Morning Post"
    assert article.title == "Ceasefire talks resume in Doha"


def test_utf8_without_declared_charset_is_not_mojibake(fixtures, store, ingest_paths):
    # gulf_morning_post.html declares no charset and has an em dash in its dateline.
    ingest_paths(fixtures / "gulf_morning_post.html")
    article = only_article(store)
    assert article.text.startswith("DOHA (GMP) — Negotiators")
    assert "â" not in article.text
    assert (article.dateline.place, article.dateline.agency) == ("DOHA", "GMP")


def test_declared_legacy_charset_is_honoured(write, store, ingest_paths):
    html = page(
        "<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
        "<title>Café owners protest</title>",
        "<p>Café owners in Montréal said on Tuesday that rents had risen by a third this year, "
        "according to a survey published by the city’s chamber of commerce.</p>",
    ).replace("<meta charset='utf-8'>", "")
    ingest_paths(write("legacy.html", html.encode("cp1252")))
    article = only_article(store)
    assert "Café owners in Montréal" in article.text
    assert "city’s chamber" in article.text


def test_json_ld_graph_and_author_list(write, store, ingest_paths):
    ld = ('{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},'
          '{"@type":["NewsArticle"],"datePublished":"2024-02-10","author":[{"name":"A. One"},'
          '{"name":"B. Two"}],"publisher":"Odesa Harbour News"}]}')
    ingest_paths(write("graph.html", page(
        f"<title>Port reopens</title><script type='application/ld+json'>{ld}</script>")))
    article = only_article(store)
    assert article.byline == "A. One, B. Two"
    assert article.outlet == "Odesa Harbour News"
    assert article.published_at == "2024-02-10"
    assert article.published_precision == "day"
    assert article.published_source == "jsonld"


def test_meta_tag_wins_over_json_ld(write, store, ingest_paths):
    ld = '{"@type":"NewsArticle","datePublished":"2024-02-11T00:00:00Z"}'
    ingest_paths(write("both.html", page(
        "<meta property='article:published_time' content='2024-02-10T18:20:00+02:00'>"
        f"<script type='application/ld+json'>{ld}</script>")))
    article = only_article(store)
    assert article.published_at == "2024-02-10T18:20:00+02:00"
    assert article.published_source == "meta"


def test_broken_json_ld_is_ignored(write, store, ingest_paths):
    ingest_paths(write("badld.html", page(
        "<title>Port reopens</title><script type='application/ld+json'>{oops</script>")))
    assert only_article(store).title == "Port reopens"


def test_canonical_gives_url_and_domain_gives_outlet(write, store, ingest_paths):
    ingest_paths(write("canon.html", page(
        "<title>Port reopens</title>"
        "<link rel='canonical' href='https://www.odesaharbour.example/news/port-reopens'>")))
    article = only_article(store)
    assert article.url == "https://www.odesaharbour.example/news/port-reopens"
    assert article.outlet == "odesaharbour.example"  # www. dropped


def test_relative_canonical_is_not_a_url(write, store, ingest_paths):
    ingest_paths(write("rel.html", page("<link rel='canonical' href='/news/port'>")))
    article = only_article(store)
    assert article.url is None
    assert article.outlet == "unknown"


def test_og_site_name_wins_over_domain(write, store, ingest_paths):
    ingest_paths(write("og.html", page(
        "<meta property='og:site_name' content='Odesa Harbour News'>"
        "<meta property='og:url' content='https://odesaharbour.example/news/port'>")))
    article = only_article(store)
    assert article.outlet == "Odesa Harbour News"
    assert article.outlet_id == "odesaharbour.example"  # identified by domain
    assert article.url == "https://odesaharbour.example/news/port"


def test_date_from_dated_url(write, store, ingest_paths):
    ingest_paths(write("urldate.html", page(
        "<link rel='canonical' href='https://odesaharbour.example/2024/02/10/port-reopens'>")))
    article = only_article(store)
    assert article.published_at == "2024-02-10"
    assert article.published_precision == "day"
    assert article.published_source == "url"  # the dated URL path, without running htmldate


def test_page_without_date(write, store, ingest_paths):
    ingest_paths(write("nodate.html", page("<title>Port reopens</title>")))
    article = only_article(store)
    assert article.published_at is None
    assert article.published_precision == "unknown"
    assert article.published_source is None


def test_page_with_no_article_is_rejected(write, store, ingest_paths):
    login = ("<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a>"
             "<a href='/world'>World</a></nav><form><input name='user'><input name='pw'>"
             "<button>Sign in</button></form><footer>Copyright</footer></body></html>")
    report = ingest_paths(write("login.html", login))
    assert report.ingested == 0
    assert report.rejected == {"no_article": 1}
    assert report.rejections[0].input_ref.endswith("login.html")
    assert list(store.iter_articles()) == []


def test_html_lang_attribute(write, store, ingest_paths):
    body = ("<p>Le port d'Odessa a rouvert vendredi aux exportations de céréales après deux "
            "jours de fermeture, ont indiqué les autorités portuaires.</p>"
            "<p>Les navires ont attendu toute la nuit au large du port.</p>")
    ingest_paths(write("fr.html", page("<title>Odessa</title>", body).replace(
        "<html>", "<html lang='fr-FR'>")))
    assert only_article(store).language == "fr"


def test_header_crumbs_before_the_dateline_are_dropped(write, store, ingest_paths):
    body = ("<header><h1>Teachers rally</h1><span>Dara Rauf</span> | <span>16/11/2026</span>"
            "</header><p>SULAIMANI (ET) - Thousands of teachers marched through the centre of "
            "the city on Monday to demand salaries they say are three months overdue.</p>" + PARAS)
    ingest_paths(write("crumbs.html", page("<meta name='author' content='Dara Rauf'>"
                                           "<title>Teachers rally</title>", body)))
    article = only_article(store)
    assert article.text.startswith("SULAIMANI (ET) - Thousands")
    assert article.dateline is not None and article.dateline.agency == "ET"


def test_a_short_first_sentence_is_not_a_crumb(write, store, ingest_paths):
    ingest_paths(write("short.html", page(body="<p>Gunfire was heard overnight.</p>" + PARAS)))
    assert only_article(store).text.startswith("Gunfire was heard overnight.")
