"""End to end on the bundled example corpus, checked against examples/gold.yaml.

The corpus is part of the repo (hand-written, fictional outlets); its gold file is the
answer key every stage is held to as it lands.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from newstrace.config import load_config
from newstrace.pipeline import run_stages
from newstrace.records import Article, ReuseLink
from newstrace.store import Store

EXAMPLES = Path(__file__).parent.parent / "examples"
GOLD: dict[str, Any] = yaml.safe_load((EXAMPLES / "gold.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_url(corpus_store: Store) -> dict[str, Article]:
    return {a.url: a for a in corpus_store.iter_articles() if a.url}


def test_every_gold_article_is_ingested_once(by_url: dict[str, Article]) -> None:
    gold_urls = {a["url"] for a in GOLD["articles"]}
    assert set(by_url) == gold_urls
    assert len(by_url) == len(GOLD["articles"])


@pytest.mark.parametrize("gold", GOLD["articles"], ids=lambda g: g["file"])
def test_article_metadata_matches_gold(gold: dict[str, Any], by_url: dict[str, Article]) -> None:
    article = by_url[gold["url"]]
    assert article.outlet == gold["outlet"]
    assert article.summary_only == gold["summary_only"]
    if gold["published_at"]:
        expected = datetime.fromisoformat(str(gold["published_at"]))
        assert article.published_at is not None
        assert datetime.fromisoformat(article.published_at) == expected
    if gold["dateline_place"]:
        assert article.dateline is not None
        assert article.dateline.place.lower().startswith(gold["dateline_place"].lower())
        assert article.dateline.agency == gold["dateline_agency"]


def _covered(links: list[ReuseLink], source: Article, target: Article, text: str) -> float:
    """Share of a gold target passage covered by copy links from source to target."""
    start = target.text.find(text)
    assert start >= 0, f"gold passage not in {target.url}: {text[:60]}"
    end = start + len(text)
    covered = set()
    for link in links:
        if (link.source_article, link.target_article) == (source.id, target.id):
            covered.update(range(max(start, link.target_start), min(end, link.target_end)))
    return len(covered) / len(text)


def test_gold_reuse_passages_are_found_with_direction(
    corpus_store: Store, by_url: dict[str, Article]
) -> None:
    links = corpus_store.reuse_links(kind="copy")
    assert all(link.direction == "source_to_target" for link in links)
    for pair in GOLD["reuse"]:
        source, target = by_url[pair["source"]], by_url[pair["target"]]
        for passage in pair["passages"]:
            assert _covered(links, source, target, passage["target_text"]) >= 0.95, passage


def test_no_copy_between_articles_gold_says_are_independent(
    corpus_store: Store, by_url: dict[str, Article]
) -> None:
    ids = {a.id: url for url, a in by_url.items()}
    chain_of = {m: c["id"] for c in GOLD["source_chains"] for m in c["members"]}
    for link in corpus_store.reuse_links(kind="copy"):
        source, target = ids[link.source_article], ids[link.target_article]
        assert source in chain_of and chain_of.get(source) == chain_of.get(target), (source, target)


def test_shared_quotations_are_marked_and_kept_out_of_chains(
    corpus_store: Store, by_url: dict[str, Article]
) -> None:
    quotations = corpus_store.reuse_links(kind="quotation")
    for gold in GOLD["shared_quotations"]:
        members = [by_url[url].id for url in gold["articles"]]
        pairs = {frozenset((q.source_article, q.target_article)) for q in quotations}
        assert any(frozenset((a, b)) in pairs for a in members for b in members if a != b), gold
    assert all(q.direction == "unknown" for q in quotations)


def test_source_chains_match_gold(corpus_store: Store, by_url: dict[str, Article]) -> None:
    ids = {a.id: url for url, a in by_url.items()}
    chains = corpus_store.chains(min_members=2)
    got = [
        ({ids[m] for m in c["members"]}, [ids[r] for r in c["root_articles"]],
         {(ids[e["source"]], ids[e["target"]]) for e in c["edges"]}, c["credited"])
        for c in chains
    ]
    want = [
        (set(c["members"]), [c["root"]], {(e["source"], e["target"]) for e in c["edges"]},
         c["credited"])
        for c in GOLD["source_chains"]
    ]
    assert got == want


def test_every_article_belongs_to_exactly_one_chain(corpus_store: Store) -> None:
    members = [m for c in corpus_store.chains() for m in c["members"]]
    assert sorted(members) == sorted(corpus_store.article_ids())


def test_boilerplate_is_not_reuse(corpus_store: Store, by_url: dict[str, Article]) -> None:
    links = corpus_store.reuse_links()
    for gold in GOLD["boilerplate"]:
        for link in links:
            source = corpus_store.get_article(link.source_article)
            passage = source.text[link.source_start : link.source_end]
            assert gold["text"] not in passage or len(passage) > 3 * len(gold["text"])


def test_rerun_adds_nothing(corpus_store: Store) -> None:
    config = load_config(env={}, overrides={"db": corpus_store.path})
    before = len(corpus_store.reuse_links())
    [(name, report)] = run_stages(corpus_store, config, ["reuse"])
    assert name == "reuse" and report.articles == 0
    assert len(corpus_store.reuse_links()) == before


def test_cli_reuse_chains_and_show(tmp_path: Path, cli: Any, gaz_dir: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTRACE_CACHE", str(gaz_dir))
    db = tmp_path / "cli.db"
    assert cli("--db", db, "ingest", EXAMPLES / "corpus").code == 0
    run = cli("--db", db, "run")
    assert run.code == 0 and run.out.startswith("reuse: articles 28")
    links = cli("--db", db, "reuse", "--json").jsonl()
    fields = {"source_article", "source_start", "source_end", "target_article", "target_start",
              "target_end", "similarity", "direction", "direction_evidence"}
    assert links and all(fields <= set(link) for link in links)
    [chain] = cli("--db", db, "chains", "--json").jsonl()
    assert set(chain) >= {"id", "root_articles", "members", "edges", "credited"}
    copy = next(link for link in links if link["kind"] == "copy")
    shown = cli("--db", db, "show", copy["target_article"])
    assert "took from " + copy["source_article"] in shown.out
    assert " | " in shown.out  # the passages side by side
    tree = cli("--db", db, "chains").out
    assert "Levant Wire" in tree and "-> " in tree
    again = cli("--db", db, "run", "reuse")
    assert again.out.startswith("reuse: articles 0")
