"""The web view in-process (Datasette's ASGI client, no browser): routes and their JSON,
filters and pages, the dossier document, the article page's highlights, error statuses,
security headers, the SQL switch, escaping of hostile article text."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newstrace.errors import QueryTimeout, UsageError
from newstrace.events.dossier import build_dossier
from newstrace.store import Store
from newstrace.web.app import check_tiles, make_datasette, tile_origin
from newstrace.web.pages import EventQuery


class Client:
    """Datasette's in-process client, driven synchronously."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds
        asyncio.run(ds.invoke_startup())

    def get(self, path: str) -> Any:
        return asyncio.run(self.ds.client.get(path))

    def json(self, path: str, status: int = 200) -> Any:
        response = self.get(path)
        assert response.status_code == status, (path, response.text[:300])
        return response.json()

    def html(self, path: str, status: int = 200) -> str:
        response = self.get(path)
        assert response.status_code == status, (path, response.text[:300])
        return str(response.text)


@pytest.fixture(scope="module")
def web(corpus_store: Store) -> Iterator[Client]:
    yield Client(make_datasette(corpus_store.path))


@pytest.fixture(scope="module")
def abu_kamal(web: Client) -> dict[str, Any]:
    rows = web.json("/events.json?place=Abu+Kamal")["events"]
    return max(rows, key=lambda r: r["n_articles"])


def test_events_page_lists_every_event_newest_first(web: Client, corpus_store: Store) -> None:
    page = web.json("/events.json?per_page=200")
    assert page["total"] == corpus_store.count_events(EventQuery().event_filter) > 5
    assert len(page["events"]) == page["total"]
    dated = [e["date_start"] for e in page["events"] if e["date_start"]]
    assert dated == sorted(dated, reverse=True)
    assert sum(t["count"] for t in page["timeline"]) == len(dated)
    html = web.html("/")
    assert html.count('<tr class="nt-event') == min(page["total"], 50)
    assert 'svg class="nt-timeline' in html or "no dated events" in html


def test_filters_narrow_the_events(web: Client, corpus_store: Store) -> None:
    everything = web.json("/events.json?per_page=200")["total"]
    denied = web.json("/events.json?status=denied")["events"]
    assert denied and len(denied) < everything
    for row in denied:
        assert "denied" in {f.status for f in corpus_store.event_facts(row["id"])}
        assert row["status_counts"]["denied"] >= 1
    strikes = web.json("/events.json?place=al-bukamal&type=air")["events"]
    assert strikes and all(e["place"] == "Ālbū Kamāl" for e in strikes)
    assert all("strike" in e["sub_event_type"].lower() for e in strikes)
    actors = web.json("/events.json?actor=Sayf+al-Furat")["events"]
    assert actors and all(any("Sayf" in a["name"] for a in e["actors"]) for e in actors)
    june = web.json("/events.json?since=2026-06&until=2026-06")["events"]
    assert all(e["date_start"] <= "2026-06-30" and (e["date_end"] or e["date_start"])
               >= "2026-06" for e in june)
    kept = web.json("/events.json?background=hide&per_page=200")["events"]
    assert not any(e["background"] for e in kept)
    assert web.json("/events.json?place=Atlantis")["events"] == []


def test_pages_walk_the_list_without_overlap(web: Client) -> None:
    first = web.json("/events.json?per_page=3")
    second = web.json("/events.json?per_page=3&page=2")
    both = web.json("/events.json?per_page=6")["events"]
    assert first["has_next"] and first["next_url"] == "/events?page=2&per_page=3"
    assert [e["id"] for e in first["events"] + second["events"]] == [e["id"] for e in both]
    html = web.html("/events?per_page=3&page=2")
    assert 'class="nt-prev"' in html and 'class="nt-next"' in html


@pytest.mark.parametrize("query, named", [
    ("since=last+week", "since"), ("status=true", "status"), ("page=0", "page"),
    ("per_page=100000", "per_page"), ("background=maybe", "background"),
    ("place=" + "x" * 300, "place"),
])
def test_bad_filters_are_named_with_a_400(web: Client, query: str, named: str) -> None:
    error = web.json(f"/events.json?{query}", status=400)
    assert error["ok"] is False and error["error"].startswith(named)
    assert named in web.html(f"/events?{query}", status=400)


def test_the_dossier_json_is_the_dossier_document(web: Client, corpus_store: Store,
                                                   abu_kamal: dict[str, Any]) -> None:
    served = web.json(f"/events/{abu_kamal['id']}.json")
    assert served == json.loads(json.dumps(build_dossier(corpus_store, abu_kamal["id"])))
    assert {"event", "facts", "claims", "source_chains", "articles", "related"} <= set(served)
    assert web.json("/events/ev-nothing.json", status=404)["error"]


def test_the_dossier_page_shows_facts_denials_chains_and_map(
        web: Client, abu_kamal: dict[str, Any]) -> None:
    html = web.html(f"/events/{abu_kamal['id']}")
    assert 'data-field="perpetrator" data-status="denied"' in html
    assert 'class="nt-status nt-status-corroborated"' in html
    assert 'class="nt-evidence nt-denial"' in html and 'class="nt-denied-by"' in html
    assert 'class="nt-claim" data-stance="denies"' in html
    assert '<mark class="nt-passage">' in html
    assert 'class="nt-chains' in html and 'id="map"' in html
    assert f'data-lat="{abu_kamal["lat"]}"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<script>" not in html  # scripts only by src (the CSP forbids inline ones)
    assert web.html("/events/ev-nothing", status=404).count("no event with id") == 1


def test_the_article_page_highlights_and_pairs_reused_passages(web: Client,
                                                               corpus_store: Store) -> None:
    copier = next(a for a in corpus_store.iter_articles() if a.outlet == "The Gulf Courier"
                  and "jets struck its vehicles" in (a.title or ""))
    page = web.json(f"/articles/{copier.id}.json")
    assert page["article"]["text"] == copier.text
    assert page["mentions"] and page["claims"] and page["reuse"]
    html = web.html(f"/articles/{copier.id}")
    for layer in ("nt-mention", "nt-claim", "nt-reused"):
        assert f'<mark class="{layer}"' in html, layer
    assert html.count('class="nt-reuse-pair"') == min(len(page["reuse"]), 60)
    assert "taken from" in html and "Levant Wire" in html
    assert web.json("/articles/nope.json", status=404)["error"]


def test_every_response_carries_a_strict_csp(web: Client, corpus_store: Store) -> None:
    db = Path(corpus_store.path).stem
    for path in ("/events", "/events.json", f"/{db}", f"/{db}/articles",
                 "/-/static-plugins/newstrace/newstrace.css", "/nowhere"):
        response = web.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "unsafe" not in csp, path
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_arbitrary_sql_can_be_turned_off(corpus_store: Store) -> None:
    db = Path(corpus_store.path).stem
    sql = f"/{db}.json?sql=select+count(*)+from+events"
    assert Client(make_datasette(corpus_store.path)).get(sql).status_code == 200
    closed = Client(make_datasette(corpus_store.path, allow_sql=False))
    assert closed.get(sql).status_code == 403
    assert closed.get("/events.json").status_code == 200  # the plugin's pages stay open


def test_tiles_are_checked_before_they_enter_the_csp(corpus_store: Store) -> None:
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert check_tiles(url) == url and tile_origin(url) == "https://tiles.example.org"
    for bad in ("javascript:alert(1)", "https://x.org/tiles.png",
                "https://x.org/{z}/{x}/{y}.png; script-src *"):
        with pytest.raises(UsageError, match="--tiles"):
            check_tiles(bad)
    web = Client(make_datasette(corpus_store.path, tiles=url))
    assert "img-src 'self' data: https://tiles.example.org;" in \
        web.get("/events").headers["content-security-policy"]


def test_a_slow_read_is_interrupted(corpus_store: Store) -> None:
    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            "WHERE i < 100000000) SELECT count(*) FROM n")
    with pytest.raises(QueryTimeout, match="longer than 20 ms"), \
            corpus_store.time_limit(20):
        corpus_store.conn.execute(slow).fetchone()
    assert corpus_store.conn.execute("SELECT 1").fetchone()[0] == 1  # handler removed


HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'


def test_hostile_article_text_is_escaped(write: Callable[..., Path], db: str,
                                         cli: Callable[..., Any]) -> None:
    line = json.dumps({"title": HOSTILE_TITLE, "url": "javascript:alert(1)",
                       "outlet": "<b>Evil</b> Times", "published": "2026-11-20T10:00:00Z",
                       "text": "Officials said <script>alert(2)</script> nothing happened. "
                               "Nothing else was reported on the day in the town."})
    assert cli("--db", db, "ingest", write("hostile.jsonl", line + "\n")).code == 0
    with sqlite3.connect(db) as conn:
        article_id = conn.execute("SELECT id FROM articles").fetchone()[0]
    html = Client(make_datasette(db)).html(f"/articles/{article_id}")
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; Times" in html
    assert 'href="javascript:' not in html


def test_serve_refuses_a_missing_store_and_a_taken_port(tmp_path: Path, corpus_store: Store,
                                                        cli: Callable[..., Any]) -> None:
    import socket

    missing = tmp_path / "typo.db"
    result = cli("--db", missing, "serve")
    assert result.code == 2 and "no such store" in result.err and not missing.exists()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = cli("--db", corpus_store.path, "serve", "--port", str(port))
    assert result.code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.err


def test_datasette_searches_article_text(web: Client, corpus_store: Store) -> None:
    """The articles' FTS index (schema v7) gives Datasette's search box; accents fold."""
    db = Path(corpus_store.path).stem
    found = web.json(f"/{db}/articles.json?_search=Kamal&_shape=objects&_col=title")["rows"]
    titles = [r["title"] for r in found]
    assert titles and any("Abu Kamal" in t for t in titles)
    assert all("teachers" not in t.lower() for t in titles)
    assert web.json(f"/{db}/articles.json?_search=Sulaymaniyah&_shape=objects")["rows"]


def test_an_unrelated_datasette_is_left_alone(corpus_store: Store) -> None:
    """Installed, the plugin loads into every Datasette; it acts only where configured."""
    from datasette.app import Datasette

    plain = Client(Datasette(files=[corpus_store.path]))
    home = plain.get("/")
    assert home.status_code == 200 and "content-security-policy" not in home.headers
    assert 'class="nt-brand"' not in home.text  # Datasette's own index, not ours
    missing = plain.get("/events")
    assert missing.status_code == 404, (missing.status_code, missing.text[:300])
    configured = Client(Datasette(files=[corpus_store.path],
                                  metadata={"plugins": {"newstrace": {}}}))
    assert configured.json("/events.json")["total"] > 5


def test_the_search_index_catches_up_without_duplicates(write: Callable[..., Path], db: str,
                                                         cli: Callable[..., Any]) -> None:
    text = "Flooding closed the Mosul road on Monday, the provincial council said."
    line = json.dumps({"title": "Road closed", "outlet": "Tigris Post", "text": text})
    assert cli("--db", db, "ingest", write("one.jsonl", line + "\n")).code == 0
    with Store.open(db) as store:
        assert store.update_search_index() == 1
        assert store.update_search_index() == 0  # nothing new: nothing added twice
        hits = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts "
                                  "MATCH 'mosul'").fetchone()[0]
        assert hits == 1
