"""The web view end to end in a real browser: Debian's headless Chromium driven by Playwright
against `newstrace serve` started as a subprocess, on the example corpus and on a store
holding a hostile article.

Why a browser and not only HTTP: the Content-Security-Policy, the escaping of stored text and
the map's JavaScript can only be judged where scripts run. Every visit also records console
CSP violations, uncaught page errors, dialogs, same-origin responses >= 400 and any request
leaving the server's origin (blocked: the view must work offline), and the tests assert those
stay empty. Expected values come from the pages' own JSON twins, so the HTML is checked
against the data it claims to show. Screenshots go to $NEWSTRACE_ARTIFACTS (default
<repo>/test-artifacts/).

Missing Chromium or Playwright skips these tests, unless NEWSTRACE_REQUIRE_BROWSER=1 (set by
CI) turns that into a failure, so they can never silently vanish there.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from web_server import (
    REPO,
    Server,
    Visit,
    abu_kamal_strike,
    browser_missing,
    clean_env,
    fetch,
    get_json,
    inline_problems,
    launch_chromium,
    open_visit,
    run_cli,
    security_header_problems,
    start_server,
    stop_server,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# browse(server, path) -> a watched tab opened at path (the `browse` fixture)
Browse = Callable[[Server, str], Visit]

# Read at import: the autouse clean_env fixture removes every NEWSTRACE_* variable before
# each test runs.
REQUIRE_BROWSER = os.environ.get("NEWSTRACE_REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(os.environ.get("NEWSTRACE_ARTIFACTS") or REPO / "test-artifacts")

# A hostile article: markup and script in the title, the text, the outlet name and the URL.
# The text is written as a casualty report so that the pipeline makes an event of it and the
# payloads reach the events page, the dossier and the article page.
HOSTILE_TITLE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
                 " Airstrike kills nine in Mayadin")
HOSTILE_OUTLET = ('Evil <b onmouseover="window.__pwned=3">Wire</b>'
                  "<script>window.__pwned=4</script>")
HOSTILE_URL = "javascript:window.__pwned=5"
HOSTILE_TEXT_PAYLOADS = (
    "<script>window.__pwned=6</script>",
    '<img src=x onerror="window.__pwned=7">',
    '<a href="javascript:window.__pwned=10">this link</a>',
)
HOSTILE_ARTICLE = {
    "outlet": HOSTILE_OUTLET,
    "url": HOSTILE_URL,
    "title": HOSTILE_TITLE,
    "text": (
        "MAYADIN, Syria (EW) - An airstrike killed nine people in the town of Mayadin in Deir "
        "al-Zour province on Tuesday, a local official said. <script>window.__pwned=6</script>"
        "\n\nThe official, who gave his name as <img src=x onerror=\"window.__pwned=7\">, said "
        "warplanes struck a market at dawn and that 14 others were wounded. \"We pulled "
        "<svg onload=\"window.__pwned=8\"> bodies from the rubble,\" he said.\n\nMore details "
        "at javascript:window.__pwned=9 and <a href=\"javascript:window.__pwned=10\">this "
        "link</a>."
    ),
    "published_at": "2026-11-12T09:00:00+03:00",
    "language": "en",
}
# Evidence of injected markup or script in a rendered page.
PROBE_JS = """() => ({
  pwned: typeof window.__pwned,
  scripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
  handlers: document.querySelectorAll('[onerror],[onload],[onmouseover]').length,
  jsLinks: [...document.querySelectorAll('a[href],area[href],form[action],iframe[src]')]
    .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('action')
                                          || e.getAttribute('src') || '')).length,
})"""


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    reason = browser_missing()
    if reason is not None:
        if REQUIRE_BROWSER:
            pytest.fail(f"NEWSTRACE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def corpus_server(corpus_store: Any, gaz_dir: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("serve-corpus")
    server = start_server(corpus_store.path, clean_env(work / "home", gaz_dir), work)
    yield server
    stop_server(server)


@dataclass
class Hostile:
    server: Server
    article_id: str
    event_ids: list[str]


@pytest.fixture(scope="module")
def hostile(gaz_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    """The hostile article ingested and processed by the CLI into a fresh store, served."""
    work = tmp_path_factory.mktemp("serve-hostile")
    env = clean_env(work / "home", gaz_dir)
    source = work / "hostile.jsonl"
    source.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    db = work / "hostile.db"
    run_cli(["--db", db, "ingest", source], env, work)
    run_cli(["--db", db, "run"], env, work)
    listed = run_cli(["--db", db, "articles", "--json"], env, work).stdout.splitlines()
    (article,) = [json.loads(line) for line in listed if line.strip()]
    assert article["title"] == HOSTILE_TITLE and article["outlet"] == HOSTILE_OUTLET
    server = start_server(db, env, work)
    try:
        events = get_json(server, "/events.json")["events"]
        yield Hostile(server, article["id"], [e["id"] for e in events])
    finally:
        stop_server(server)


@dataclass
class Strike:
    """The Abu Kamal event reported by most articles (the demo's dossier) and its JSON."""

    id: str
    dossier: dict[str, Any]


@pytest.fixture(scope="module")
def strike(corpus_server: Server) -> Strike:
    event_id = abu_kamal_strike(corpus_server)
    return Strike(event_id, get_json(corpus_server, f"/events/{event_id}.json"))


@pytest.fixture
def browse(chromium: Browser) -> Iterator[Browse]:
    """browse(server, path) -> a tab in a fresh browser context on that server, opened at
    path (answering 200); closed at teardown."""
    visits: list[Visit] = []

    def _open(server: Server, path: str) -> Visit:
        visits.append(open_visit(chromium, server, ARTIFACTS))
        visits[-1].goto(path)
        return visits[-1]

    yield _open
    for visit in visits:
        visit.page.context.close()


# ----------------------------------------------------------------------------- helpers


def assert_security_headers(headers: dict[str, str], what: str) -> None:
    assert security_header_problems(headers) == [], what


def text_of(page: Page, selector: str) -> str:
    return page.locator(selector).inner_text()


def event_row_ids(page: Page) -> list[str]:
    return [str(row.get_attribute("data-event-id"))
            for row in page.locator("table#events tr.nt-event").all()]


def total_shown(page: Page) -> int:
    found = re.search(r"(\d+) events?", text_of(page, "p.nt-total"))
    assert found, text_of(page, "p.nt-total")
    return int(found.group(1))


# ------------------------------------------------------------------ headers, raw markup


def test_serve_announces_itself_and_sends_security_headers(corpus_server: Server,
                                                           strike: Strike) -> None:
    assert re.search(r"newstrace: serving .+ at http://127\.0\.0\.1:\d+/", corpus_server.log())
    event, article = strike.id, strike.dossier["articles"][0]["id"]
    db_name = corpus_server.db.stem
    paths = ["/", "/events", "/events.json", f"/events/{event}", f"/events/{event}.json",
             f"/articles/{article}", f"/articles/{article}.json",
             "/-/static-plugins/newstrace/newstrace.css", f"/{db_name}",
             f"/{db_name}/articles", "/events/ev-000000000000"]
    for path in paths:
        status, headers, _ = fetch(corpus_server.url + path)
        assert status == (404 if path.endswith("ev-000000000000") else 200), (path, status)
        assert_security_headers(headers, path)


def test_our_pages_have_no_inline_script_or_style(corpus_server: Server,
                                                  strike: Strike) -> None:
    event, article = strike.id, strike.dossier["articles"][0]["id"]
    for path in ("/events", f"/events/{event}", f"/articles/{article}"):
        status, headers, body = fetch(corpus_server.url + path)
        assert status == 200 and headers["content-type"].startswith("text/html"), path
        assert inline_problems(body.decode("utf-8")) == [], path


# ---------------------------------------------------------------------- events page


def test_events_page_lists_the_events_and_their_timeline(
        corpus_server: Server, browse: Browse) -> None:
    data = get_json(corpus_server, "/events.json")
    visit = browse(corpus_server, "/events")
    page = visit.page
    assert event_row_ids(page) == [e["id"] for e in data["events"]]
    assert total_shown(page) == data["total"] > 0
    for event in data["events"][:5]:
        row = page.locator(f'tr.nt-event[data-event-id="{event["id"]}"]')
        assert row.locator("a.nt-event-link").get_attribute("href") == f"/events/{event['id']}"
        assert row.locator("td.nt-n-articles").inner_text().strip() == str(event["n_articles"])
        assert row.locator("td.nt-n-chains").inner_text().strip() == str(event["n_chains"])
    bars = page.locator("svg.nt-timeline rect.nt-bar")
    assert bars.count() == len(data["timeline"]) > 0
    for title in page.locator("svg.nt-timeline title").all_text_contents():
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?: \d+ events?", title.strip()), title
    for name in ("since", "until", "type", "place", "actor"):
        assert page.locator(f'form#filters input[name="{name}"]').count() == 1, name
    assert page.locator('form#filters select[name="status"]').count() == 1
    visit.shot("events")
    visit.assert_clean()


def test_filter_then_open_the_dossier(corpus_server: Server, strike: Strike,
                                      browse: Browse) -> None:
    visit = browse(corpus_server, "/events")
    page = visit.page
    page.fill('form#filters input[name="place"]', "Abu Kamal")
    with page.expect_navigation():
        page.click("button#apply")
    assert "place=Abu" in page.url
    expected = get_json(corpus_server, "/events.json?place=" + quote("Abu Kamal"))
    assert event_row_ids(page) == [e["id"] for e in expected["events"]]
    assert total_shown(page) == expected["total"] >= 2
    assert page.input_value('form#filters input[name="place"]') == "Abu Kamal"
    visit.shot("events-filtered")

    page.select_option('form#filters select[name="status"]', "denied")
    with page.expect_navigation():
        page.click("button#apply")
    denied = get_json(corpus_server, "/events.json?status=denied&place=" + quote("Abu Kamal"))
    assert event_row_ids(page) == [e["id"] for e in denied["events"]]
    assert 1 <= denied["total"] < expected["total"]

    with page.expect_navigation():
        page.click(f'tr.nt-event[data-event-id="{strike.id}"] a.nt-event-link')
    assert page.url == f"{corpus_server.url}/events/{strike.id}"
    assert "Kam" in text_of(page, "h1")
    assert page.locator("section#facts div.nt-fact").count() > 0
    visit.assert_clean()


def test_every_timeline_bar_leads_to_its_events(corpus_server: Server,
                                                browse: Browse) -> None:
    visit = browse(corpus_server, "/events")
    page = visit.page
    bars = []
    for link in page.locator("svg.nt-timeline a.nt-bar-link").all():
        title = str(link.locator("title").first.text_content()).strip()
        found = re.search(r": (\d+) events?$", title)
        assert found, title
        bars.append((str(link.get_attribute("href")), int(found.group(1)), title))
    assert bars
    for href, count, title in bars:
        page.goto(href if href.startswith("http") else corpus_server.url + href)
        assert total_shown(page) == count, (title, href)
    visit.assert_clean()


def test_pagination(corpus_server: Server, browse: Browse) -> None:
    total = get_json(corpus_server, "/events.json")["total"]
    per_page = 10
    assert total > per_page, "the corpus has too few events to page"
    visit = browse(corpus_server, f"/events?per_page={per_page}")
    page = visit.page
    assert page.locator("a.nt-prev").count() == 0
    number = 1
    while True:
        data = get_json(corpus_server, f"/events.json?per_page={per_page}&page={number}")
        assert event_row_ids(page) == [e["id"] for e in data["events"]], number
        if not data["has_next"]:
            assert page.locator("a.nt-next").count() == 0
            break
        with page.expect_navigation():
            page.click("a.nt-next")
        number += 1
        assert page.locator("a.nt-prev").count() == 1
    assert number == -(-total // per_page)
    with page.expect_navigation():
        page.click("a.nt-prev")
    previous = get_json(corpus_server, f"/events.json?per_page={per_page}&page={number - 1}")
    assert event_row_ids(page) == [e["id"] for e in previous["events"]]
    visit.assert_clean()


# --------------------------------------------------------------------------- dossier


def test_dossier_shows_facts_statuses_and_the_denial(
        corpus_server: Server, strike: Strike, browse: Browse) -> None:
    dossier = strike.dossier
    event = dossier["event"]
    visit = browse(corpus_server, f"/events/{strike.id}")
    page = visit.page
    heading = text_of(page, "h1")
    assert event["place"] in heading, heading
    assert event["sub_event_type"] in heading or event["event_type"] in heading, heading
    assert str(event["date_start"]) in text_of(page, "dl.nt-event-fields")

    facts = page.locator("section#facts div.nt-fact")
    assert facts.count() == len(dossier["facts"])
    for fact in dossier["facts"]:
        shown = page.locator(f'section#facts div.nt-fact[data-field="{fact["field"]}"]')
        assert shown.count() == 1, fact["field"]
        assert shown.get_attribute("data-status") == fact["status"], fact["field"]
        status = shown.locator(f"span.nt-status.nt-status-{fact['status']}")
        assert status.first.inner_text().strip() == fact["status"], fact["field"]
        chains = shown.locator("span.nt-chain-count").first.inner_text().strip()
        assert re.fullmatch(rf"{fact['n_chains']} chains?", chains), (fact["field"], chains)
        values = shown.locator("div.nt-value")
        assert values.count() == len(fact["values"]), fact["field"]
        for value, box in zip(fact["values"], values.all(), strict=True):
            assert value["label"] in box.inner_text(), (fact["field"], value["label"])
            assert box.locator("li.nt-evidence").count() >= 1, (fact["field"], value["label"])
        first = fact["values"][0]["evidence"][0]
        passages = shown.locator("blockquote.nt-context mark.nt-passage").all_inner_texts()
        assert first["passage"] in [p.strip() for p in passages], fact["field"]

    denied = [f for f in dossier["facts"] if f["status"] == "denied"]
    assert denied, "the Abu Kamal strike has no denied fact"
    for fact in denied:
        shown = page.locator(f'div.nt-fact[data-field="{fact["field"]}"]')
        denials = shown.locator("div.nt-denied-by li.nt-evidence.nt-denial")
        assert denials.count() == len(fact["denied_by"]) > 0
        speakers = {d["speaker"] for d in fact["denied_by"]}
        for denial in denials.all():
            assert denial.locator(".nt-speaker").inner_text().strip() in speakers
            assert denial.locator(".nt-stance").inner_text().strip() == "denies"
            assert denial.locator("blockquote.nt-context mark.nt-passage").count() >= 1
    evidence = page.locator("section#facts li.nt-evidence").first
    for part in (".nt-speaker", ".nt-cue", ".nt-stance", ".nt-outlet"):
        assert evidence.locator(part).count() == 1, part
    visit.shot("dossier-facts")
    visit.assert_clean()


def test_dossier_claims_articles_and_related(corpus_server: Server, strike: Strike,
                                             browse: Browse) -> None:
    dossier = strike.dossier
    visit = browse(corpus_server, f"/events/{strike.id}")
    page = visit.page

    claims = page.locator("section#claims li.nt-claim")
    assert claims.count() == len(dossier["claims"])
    for stance in {c["stance"] for c in dossier["claims"]}:
        expected = sum(c["stance"] == stance for c in dossier["claims"])
        assert page.locator(f'li.nt-claim[data-stance="{stance}"]').count() == expected, stance
    denial = next(c for c in dossier["claims"] if c["stance"] == "denies")
    shown = page.locator('li.nt-claim[data-stance="denies"]').all_inner_texts()
    assert any(denial["content"][:60] in text and denial["speaker"] in text
               for text in shown), denial
    assert any("did not conduct any strikes in Abu Kamal" in text for text in shown)

    section = page.locator("section#articles")
    assert section.locator("table.nt-articles tbody tr").count() == len(dossier["articles"])
    for article in dossier["articles"]:
        link = section.locator(f'a[href="/articles/{article["id"]}"]')
        assert link.count() >= 1 and link.first.inner_text().strip() == article["title"]
        external = section.locator(f'a.nt-external[href="{article["url"]}"]')
        assert external.count() == 1, article["url"]
        rel = set(str(external.get_attribute("rel")).split())
        assert {"noopener", "noreferrer", "nofollow"} <= rel, rel
    related = page.locator("section#related")
    for other in dossier["related"]:
        assert related.locator(f'a[href="/events/{other["id"]}"]').count() >= 1, other["id"]
    visit.assert_clean()


def test_dossier_chain_graph(corpus_server: Server, strike: Strike, browse: Browse) -> None:
    chains = strike.dossier["source_chains"]
    members = {m["id"] for chain in chains for m in chain["members"]}
    outside = {m["id"] for chain in chains for m in chain["members"] if not m["in_event"]}
    edges = [edge for chain in chains for edge in chain["edges"]]
    assert edges and outside, "the strike's chains should include a copy of a copy"
    visit = browse(corpus_server, f"/events/{strike.id}")
    page = visit.page
    graph = page.locator("section#chains svg.nt-chains")
    assert graph.count() == 1 and graph.is_visible()
    nodes = graph.locator("g.nt-node")
    assert {str(n.get_attribute("data-article")) for n in nodes.all()} == members
    dimmed = graph.locator("g.nt-node.nt-node-outside")
    assert {str(n.get_attribute("data-article")) for n in dimmed.all()} == outside
    for node in nodes.all():
        href = node.evaluate("n => (n.closest('a') || n.querySelector('a'))"
                             "?.getAttribute('href') || ''")
        assert href.endswith(f"/articles/{node.get_attribute('data-article')}"), href
    assert graph.locator("path.nt-edge").count() == len(edges)
    credited = sum(bool(edge["credited"]) for edge in edges)
    assert graph.locator("path.nt-edge.nt-edge-credited").count() == credited
    assert graph.locator("path.nt-edge.nt-edge-uncredited").count() == len(edges) - credited
    titles = [re.sub(r"(?<=\d),(?=\d{3})", "", t)  # "1,202" reads as 1202
              for t in graph.locator("title").all_text_contents()]
    for edge in edges:
        assert any(re.search(rf" copied .*: {edge['shared_chars']} chars shared, "
                             rf"{'credited' if edge['credited'] else 'not credited'}", t)
                   for t in titles), (edge, titles)
    visit.shot("dossier-chains", graph)
    visit.assert_clean()


def test_dossier_map(corpus_server: Server, strike: Strike, browse: Browse) -> None:
    event = strike.dossier["event"]
    visit = browse(corpus_server, f"/events/{strike.id}")
    page = visit.page
    the_map = page.locator('section#place div#map.nt-map[data-ready="1"]')
    the_map.wait_for(state="visible", timeout=15_000)
    assert abs(float(str(the_map.get_attribute("data-lat"))) - event["lat"]) < 1e-3
    assert abs(float(str(the_map.get_attribute("data-lon"))) - event["lon"]) < 1e-3
    assert the_map.get_attribute("data-precision") == event["geo_precision"]
    assert page.locator("#map .nt-place-marker").count() == 1
    assert page.locator("#map .nt-precision").count() == 1
    # the marker and the precision circle are two paths; the world basemap adds one a country
    assert page.locator("#map path").count() > 10, "no basemap drawn"
    assert str(event["geo_precision"]) in text_of(page, "section#place")
    visit.shot("dossier-map", page.locator("section#place"))
    visit.shot("dossier")
    visit.assert_clean()


def test_article_page_marks_and_reuse(corpus_server: Server, strike: Strike,
                                      browse: Browse) -> None:
    dossier = strike.dossier
    copy = next(edge["target"] for chain in dossier["source_chains"]
                for edge in chain["edges"])
    title = next(a["title"] for a in dossier["articles"] if a["id"] == copy)
    visit = browse(corpus_server, f"/articles/{copy}")
    page = visit.page
    assert title in page.locator("body").inner_text()
    text = page.locator("article#text")
    for kind in ("nt-mention", "nt-claim", "nt-reused"):
        assert text.locator(f"mark.{kind}").count() >= 1, kind
    pairs = page.locator("section#reuse div.nt-reuse-pair")
    assert pairs.count() >= 1
    for pair in pairs.all():
        assert pair.locator("div.nt-reuse-this").inner_text().strip()
        assert pair.locator("div.nt-reuse-other").inner_text().strip()
    visit.shot("article")
    visit.assert_clean()


# ------------------------------------------------------------------------------- XSS


def assert_inert(visit: Visit, where: str) -> None:
    probe = visit.page.evaluate(PROBE_JS)
    assert probe == {"pwned": "undefined", "scripts": 0, "handlers": 0, "jsLinks": 0}, \
        (where, probe)
    assert visit.dialogs == [], (where, visit.dialogs)


def test_hostile_article_renders_inert(hostile: Hostile,
                                       browse: Browse) -> None:
    visit = browse(hostile.server, "/")
    page = visit.page
    assert_inert(visit, "/")
    assert hostile.event_ids, "the hostile article produced no event"
    pages = ["/events", f"/articles/{hostile.article_id}",
             *(f"/events/{event}" for event in hostile.event_ids)]
    for path in pages:
        response = visit.goto(path)
        assert_security_headers(response.headers, path)
        assert_inert(visit, path)
        body = page.locator("body").inner_text()
        if path != "/events":
            assert HOSTILE_TITLE in body, path
            assert HOSTILE_OUTLET in body, path
        visit.shot("xss" + re.sub(r"[^a-z0-9]+", "-", path.lower()).rstrip("-"))
    visit.goto(f"/articles/{hostile.article_id}")
    article_text = text_of(page, "article#text")
    for payload in HOSTILE_TEXT_PAYLOADS:
        assert payload in article_text, payload
    page.get_by_text("Wire").first.hover()
    assert_inert(visit, "after hover")
    visit.assert_clean()


def test_hostile_article_inert_on_datasette_pages(hostile: Hostile,
                                                  browse: Browse) -> None:
    """Datasette's own table and row pages show the same stored strings."""
    visit = browse(hostile.server, "/hostile")
    for path in ("/hostile/articles", f"/hostile/articles/{hostile.article_id}"):
        response = visit.goto(path)
        assert_security_headers(response.headers, path)
        assert_inert(visit, path)
        assert HOSTILE_TITLE in visit.page.locator("body").inner_text(), path


def test_filter_values_are_reflected_inert(hostile: Hostile,
                                           browse: Browse) -> None:
    payload = '"><script>window.__pwned=11</script><img src=x onerror="window.__pwned=12">'
    visit = browse(hostile.server, f"/events?place={quote(payload)}&actor={quote(payload)}")
    page = visit.page
    assert_inert(visit, "reflected filters")
    assert page.input_value('form#filters input[name="place"]') == payload
    assert page.input_value('form#filters input[name="actor"]') == payload
    assert total_shown(page) == 0
    bogus = quote("<script>alert(1)</script>", safe="")
    assert fetch(f"{hostile.server.url}/events/{bogus}")[0] == 404
    visit.assert_clean()
