"""The claims stage's tables: per-article replacement, actors joined at read time, the parse
cache, and the `claims` command."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import count_rows
from newstrace.claims.records import CUE_TYPES, QUOTE_TYPES, STANCES, Claim
from newstrace.errors import NotFoundError, UsageError
from newstrace.language.records import Actor, Span
from newstrace.records import Run
from newstrace.store import Store

TITLE = "Ministry denies strike, group says"
TEXT = ("Warplanes struck three vehicles near Al-Bukamal, the Sword of the Euphrates Movement "
        "said on Telegram. The Defence Ministry denied the report. \"We fired nothing,\" a "
        "spokesman told reporters.\n")
EARLIER = "Shelling reported in the south\n\nThe Ministère de la Défense said it shelled nothing.\n"

ACTORS = [Actor("a1", "Sword of the Euphrates Movement", "armed group", ("HSF",), n_mentions=1),
          Actor("a2", "Syrian Defence Ministry", "ministry", ("Defence Ministry",),
                n_mentions=2)]


def _span(text: str, surface: str) -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), surface)


def _claims(aid: str) -> list[Claim]:
    """Four claims of the article, the title's last, so reading back must reorder them."""
    strike = Claim(aid, "text", _span(TEXT, "the Sword of the Euphrates Movement"),
                   _span(TEXT, "said"), "report",
                   _span(TEXT, "Warplanes struck three vehicles near Al-Bukamal"),
                   speaker_actor="k1", medium=_span(TEXT, "on Telegram"))
    return [
        Claim(aid, "text", _span(TEXT, "a spokesman"), _span(TEXT, "told"), "assert",
              _span(TEXT, "We fired nothing"), quote_type="direct",
              speaker_ref=_span(TEXT, "The Defence Ministry"), speaker_actor="k2",
              cue_text="told reporters"),
        strike,
        Claim(aid, "text", _span(TEXT, "The Defence Ministry"), _span(TEXT, "denied"), "deny",
              _span(TEXT, "the report"), stance="denies", speaker_actor="k2",
              denies=strike.id),
        Claim(aid, "title", _span(TITLE, "group"), _span(TITLE, "says"), "assert",
              _span(TITLE, "Ministry denies strike"), via=_span(TITLE, "Ministry"),
              via_actor="k2"),
    ]


@pytest.fixture
def filled(write: Callable[..., Path], ingest_paths: Callable[..., object],
           store: Store) -> tuple[str, str]:
    """Two articles, the second published first; the first with claims and resolved actors."""
    ingest_paths(write("a.txt", f"{TITLE}\n\n{TEXT}"), published="2026-11-10T12:00:00+00:00")
    ingest_paths(write("b.txt", EARLIER), published="2026-11-09T08:00:00+00:00")
    ids = {a.title: a.id for a in store.iter_articles()}
    aid, earlier = ids[TITLE], ids["Shelling reported in the south"]
    store.save_run(Run("r1", "claims", "test", "h", "2026-11-24T00:00:00+00:00"))
    body = store.get_article(earlier).text
    with store.transaction():
        store.save_article_claims(aid, _claims(aid), "r1")
        store.save_article_claims(earlier, [
            Claim(earlier, "text", _span(body, "The Ministère de la Défense"),
                  _span(body, "said"), "assert", _span(body, "it shelled nothing"))], "r1")
        store.replace_actors(ACTORS, {(aid, "k1"): "a1", (aid, "k2"): "a2"}, "r1")
    return aid, earlier


def test_claims_read_back_as_saved_title_first(filled, store):
    aid, _ = filled
    article = store.get_article(aid)
    saved = _claims(aid)
    for claim in saved:
        source = article.title if claim.part == "title" else article.text
        assert source[claim.content.start:claim.content.end] == claim.content.text
    back = store.article_claims(aid)
    assert back == [saved[3], saved[1], saved[2], saved[0]]
    assert back[2].denies == back[1].id


def test_saving_again_replaces_an_article_whole(filled, store, db):
    aid, _ = filled
    with store.transaction():
        store.save_article_claims(aid, _claims(aid), "r1")
        store.save_article_claims(aid, _claims(aid), "r1")
    assert count_rows(db, "claims") == 5
    with store.transaction():
        store.save_article_claims(aid, _claims(aid)[:1], "r1")
    assert count_rows(db, "claims") == 2
    assert store.article_claims(aid) == _claims(aid)[:1]


def test_a_claim_of_another_article_is_refused(filled, store):
    aid, earlier = filled
    with pytest.raises(ValueError, match="saved as claims of"), store.transaction():
        store.save_article_claims(earlier, _claims(aid), "r1")
    assert len(store.article_claims(earlier)) == 1


def test_the_schema_accepts_every_value_the_records_name(filled, store):
    aid, _ = filled
    base = _claims(aid)[1]
    variants = [replace(base, cue_type=c, stance=s, quote_type=q,
                        content=Span(i, i + 1, TEXT[i]))
                for i, (c, s, q) in enumerate(
                    (c, s, q) for c in CUE_TYPES for s in STANCES for q in QUOTE_TYPES)]
    with store.transaction():
        store.save_article_claims(aid, variants, "r1")
    assert store.article_claims(aid) == variants


@pytest.mark.parametrize("field, value", [("cue_type", "shout"), ("stance", "maybe"),
                                          ("quote_type", "paraphrase"), ("part", "body")])
def test_the_schema_refuses_values_outside_the_vocabulary(filled, store, field, value):
    aid, _ = filled
    bad = replace(_claims(aid)[0], **{field: value})
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"), store.transaction():
        store.save_article_claims(aid, [bad], "r1")
    assert len(store.article_claims(aid)) == 4  # the replacement rolled back whole


def test_list_claims_resolves_actors_and_orders_by_publication(filled, store):
    aid, earlier = filled
    rows = store.list_claims()
    assert [r["article"] for r in rows] == [earlier, aid, aid, aid, aid]
    assert [r["part"] for r in rows[1:3]] == ["title", "text"]
    assert rows[0]["speaker_actor"] is None  # the earlier article has no actor keys
    by_cue = {r["cue"]: r for r in rows[1:]}
    strike = next(r for r in rows if r["cue_type"] == "report")
    assert (strike["speaker_actor"], strike["speaker_actor_id"]) == \
        ("Sword of the Euphrates Movement", "a1")
    assert strike["medium"] == "on Telegram" and strike["speaker_key"] == "k1"
    told = by_cue["told"]
    assert (told["speaker"], told["speaker_ref"], told["speaker_actor"]) == \
        ("a spokesman", "The Defence Ministry", "Syrian Defence Ministry")
    assert told["content"] == "We fired nothing" and told["quote_type"] == "direct"
    assert (told["cue_text"], told["content_start"]) == ("told reporters",
                                                         TEXT.index("We fired"))
    assert by_cue["says"]["via"] == "Ministry"
    assert by_cue["says"]["via_actor"] == "Syrian Defence Ministry"
    assert by_cue["denied"]["denies"] == strike["id"]
    assert by_cue["denied"]["stance"] == "denies"


def test_list_claims_filters(filled, store):
    aid, _ = filled

    def cues(**kw: object) -> list[str]:
        return [r["cue"] for r in store.list_claims(**kw)]  # type: ignore[arg-type]

    assert cues(article=aid[:6]) == ["says", "said", "denied", "told"]
    assert cues(speaker="SPOKES") == ["told"]            # as written, any case
    assert cues(speaker="defence ministry") == ["denied", "told"]  # written, or resolved to
    assert cues(speaker="syrian") == ["denied", "told"]  # the actor's name
    assert cues(speaker="HSF") == ["said"]               # the actor's alias
    assert cues(speaker="MINISTÈRE") == ["said"]         # case folded beyond ASCII
    assert cues(speaker="nobody") == []
    assert cues(limit=2) == ["said", "says"]
    assert cues(speaker="ministry", limit=1) == ["denied"]
    assert cues(limit=0) == []
    with pytest.raises(NotFoundError):
        store.list_claims(article="ffffffffffff")
    with pytest.raises(UsageError):
        store.list_claims(limit=-1)


def test_claims_summary(filled, store):
    summary = store.claims_summary()
    assert summary["claims"] == 5 and summary["claim_articles"] == 2
    assert summary["cue_type_assert"] == 3 and summary["cue_type_deny"] == 1
    assert summary["cue_type_believe"] == 0
    assert summary["stance_denies"] == 1 and summary["stance_asserts"] == 4
    assert summary["quote_type_direct"] == 1


def test_parse_cache_round_trip(filled, store):
    aid, _ = filled
    assert store.get_parse(aid) is None
    with store.transaction():
        store.save_parse(aid, "en_core_web_sm", b"\x00first", "r1")
        store.save_parse(aid, "en_core_web_md", b"\x00second", "r1")
    assert store.get_parse(aid) == ("en_core_web_md", b"\x00second")


# -- the command -------------------------------------------------------------------------


def test_claims_table(filled, cli, db, monkeypatch):
    aid, earlier = filled
    monkeypatch.setenv("COLUMNS", "200")  # no column cut short
    result = cli("--db", db, "claims")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["id", "article", "speaker", "actor", "cue", "stance", "quote",
                                "content"]
    assert lines[-1] == "5 claims"
    told = next(line for line in lines if "We fired nothing" in line)
    assert aid[:8] in told and aid not in told
    assert "The Defence Ministry" in told and "Syrian Defence Ministry" in told
    assert "(unnamed)" not in result.out
    only = cli("--db", db, "claims", "--article", earlier, "--speaker", "défense")
    assert only.code == 0 and only.out.splitlines()[-1] == "1 claims"


def test_claims_json_lines(filled, cli, db):
    aid, _ = filled
    records = cli("--db", db, "claims", "--json", "--article", aid).jsonl()
    assert [r["cue"] for r in records] == ["says", "said", "denied", "told"]
    assert set(records[0]) >= {
        "id", "article", "part", "speaker", "speaker_ref", "speaker_actor", "speaker_actor_id",
        "via", "via_actor", "cue", "cue_text", "cue_type", "stance", "quote_type", "medium",
        "content", "content_start", "content_end", "denies"}
    assert records[0]["id"] == _claims(aid)[3].id
    assert cli("--db", db, "claims", "--json", "--speaker", "hsf", "--limit", "5").jsonl() \
        == [r for r in records if r["cue"] == "said"]
    assert json.loads(cli("--db", db, "summary", "--json").out)["claims"]["claims"] == 5


def test_claims_of_an_unknown_article(filled, cli, db):
    result = cli("--db", db, "claims", "--article", "ffffffffffff")
    assert result.code == 1 and result.out == ""
    assert result.err == "newstrace: error: no article with id 'ffffffffffff' in the store\n"


def test_no_claims_yet(write, cli, db):
    cli("--db", db, "ingest", write("a.txt", f"{TITLE}\n\n{TEXT}"))
    for args in ([], ["--json"]):
        result = cli("--db", db, "claims", *args)
        assert result.code == 0 and result.out == ""
        assert "newstrace run claims" in result.err and result.err.count("\n") == 1
