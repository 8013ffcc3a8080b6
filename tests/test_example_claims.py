"""The claims stage end to end on the example corpus, against the 140 claims of
examples/gold.yaml: each found (content matched by words), with its speaker (as written or
resolved), via and stance; denials pointing at what they deny; the CLI over the result.

A gold claim is found when a claim of its article covers at least half of the gold
content's words and at least a quarter of the found content is gold words (the gold is not
consistent about splitting "said X and that Y": both ways count). The gold annotates the
claims that bear on its events; the corpus has more attributions than that, which are not
errors, so precision is not scored here (PolNeAR measures it: benchmarks/claims.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from newstrace.claims.records import Claim
from newstrace.config import load_config
from newstrace.pipeline import run_stages
from newstrace.store import Store

EXAMPLES = Path(__file__).parent.parent / "examples"
GOLD: list[dict[str, Any]] = yaml.safe_load(
    (EXAMPLES / "gold.yaml").read_text(encoding="utf-8"))["claims"]
WORD = re.compile(r"\w+")
STOP = frozenset({"the", "a", "an", "of", "in", "on", "for", "to"})


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "")}


def _cover(gold: str, found: str) -> float:
    g, f = _words(gold), _words(found)
    shared = len(g & f)
    return shared / len(g) if g and f and shared / len(f) >= 0.25 else 0.0


def _same(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is found
    return bool((_words(gold) & _words(found)) - STOP)


@pytest.fixture(scope="module")
def matches(corpus_store: Store) -> dict[str, Claim | None]:
    by_url = {a.url: a.id for a in corpus_store.iter_articles() if a.url}
    out: dict[str, Claim | None] = {}
    for gold in GOLD:
        claims = corpus_store.article_claims(by_url[gold["article"]])
        best = max(claims, key=lambda c: _cover(gold["content"], c.content.text), default=None)
        ok = best is not None and _cover(gold["content"], best.content.text) >= 0.5
        out[gold["id"]] = best if ok else None
    return out


def _rate(matches: dict[str, Claim | None], check: Any) -> tuple[int, list[str]]:
    wrong = [g["id"] for g in GOLD if (c := matches[g["id"]]) is None or not check(g, c)]
    return len(GOLD) - len(wrong), wrong


def test_every_gold_claim_is_found(matches: dict[str, Claim | None]) -> None:
    assert [k for k, v in matches.items() if v is None] == []


def test_every_speaker_is_right(matches: dict[str, Claim | None]) -> None:
    def speaker_ok(gold: dict[str, Any], claim: Claim) -> bool:
        return any(_same(gold["speaker"], s.text)
                   for s in (claim.speaker, claim.speaker_ref) if s is not None)
    assert _rate(matches, speaker_ok)[1] == []


def test_every_via_is_right(matches: dict[str, Claim | None]) -> None:
    def via_ok(gold: dict[str, Any], claim: Claim) -> bool:
        return _same(gold["via"], claim.via.text if claim.via else None)
    assert _rate(matches, via_ok)[1] == []


def test_stances(matches: dict[str, Claim | None]) -> None:
    _, wrong = _rate(matches, lambda g, c: g["stance"] == c.stance)
    # C50: an analyst's "Each side has a reason to describe the same night differently",
    # a hedge only by its meaning; no cue or word marks it.
    assert wrong == ["C50"], wrong
    denials = [g["id"] for g in GOLD if g["stance"] == "denies"]
    assert all(matches[i] is not None and matches[i].stance == "denies"  # type: ignore[union-attr]
               for i in denials)


def test_quote_and_cue_types(matches: dict[str, Claim | None]) -> None:
    quote_right, _ = _rate(matches, lambda g, c: g["quote_type"] == c.quote_type)
    cue_right, _ = _rate(matches, lambda g, c: g["cue_type"] == c.cue_type)
    assert quote_right >= 138 and cue_right >= 135, (quote_right, cue_right)


def test_media(matches: dict[str, Claim | None]) -> None:
    right, wrong = _rate(matches, lambda g, c: _same(g["medium"],
                                                      c.medium.text if c.medium else None))
    assert right >= 136, wrong


def test_denials_point_at_what_they_deny(matches: dict[str, Claim | None]) -> None:
    for gold in GOLD:
        if gold.get("refers_to"):
            denial, target = matches[gold["id"]], matches[gold["refers_to"]]
            assert denial is not None and target is not None
            assert denial.denies == target.id, gold["id"]


def test_headline_attribution(matches: dict[str, Claim | None]) -> None:
    for gold in GOLD:
        if gold.get("note") == "headline attribution":
            claim = matches[gold["id"]]
            assert claim is not None and claim.part == "title", gold["id"]


def test_speakers_link_to_actors(corpus_store: Store) -> None:
    rows = corpus_store.list_claims(speaker="CENTCOM")
    assert rows and {r["speaker_actor"] for r in rows} == {"United States military"}
    channel = [r for r in corpus_store.list_claims(speaker="the channel")
               if r["speaker"] == "the channel"]
    assert channel and all(r["speaker_ref"] for r in channel)


def test_rerun_adds_nothing(corpus_store: Store, gaz_dir: Path) -> None:
    before = corpus_store.claims_summary()
    config = load_config(env={}, overrides={"db": corpus_store.path, "cache": str(gaz_dir)})
    (name, report), = run_stages(corpus_store, config, ["claims"])
    assert name == "claims" and report.articles == 0 and report.reparsed == 0
    assert corpus_store.claims_summary() == before


def test_cli_claims(corpus_store: Store, cli: Any) -> None:
    result = cli("--db", corpus_store.path, "claims", "--speaker", "Central Command",
                 "--json")
    rows = result.jsonl()
    assert rows and all(r["speaker_actor"] == "United States military" for r in rows)
    assert {"id", "article", "speaker", "speaker_actor", "via", "cue", "cue_type", "stance",
            "quote_type", "medium", "content", "content_start", "content_end"} <= set(rows[0])
