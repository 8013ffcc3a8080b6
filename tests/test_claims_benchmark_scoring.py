"""The claims benchmark's scoring (benchmarks/claims_data.py) on hand-written examples.

No corpus is read: every text here is written for the test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import claims_data as cd

TEXT = ('The mayor said the bridge will reopen next week. '
        'Critics believe "the repairs were rushed," a council member told reporters.')


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def gold(source: str | None, cue: str, content: str) -> cd.GoldAttribution:
    return cd.GoldAttribution((at(source),) if source else (), (at(cue),), (at(content),),
                           source is None)


GOLDS = [gold("The mayor", "said", "the bridge will reopen next week"),
         gold("a council member", "told", '"the repairs were rushed,"')]


def test_perfect_prediction_scores_one_everywhere() -> None:
    preds = [cd.Predicted(at("The mayor"), at("said"), at("the bridge will reopen next week.")),
             cd.Predicted(at("a council member"), at("told"), at("the repairs were rushed"))]
    totals = cd.Totals()
    assert totals.add(TEXT, GOLDS, preds) == [(0, 0), (1, 1)]
    figures = totals.figures()
    assert all(value == 1.0 for value in figures.values()), figures
    assert totals.breakdown("cue") == [("speech or report verb", 2, 1.0)]
    assert sorted(totals.breakdown("content")) == [("not quoted", 1, 1.0), ("quoted", 1, 1.0)]


def test_half_overlap_counts_at_half_not_exact() -> None:
    # gold: 6 words; prediction: "the bridge will" (3 of them, nothing else): 3/6 and 3/3
    preds = [cd.Predicted(at("The mayor"), at("said"), at("the bridge will"))]
    totals = cd.Totals()
    totals.add(TEXT, GOLDS[:1], preds)
    figures = totals.figures()
    assert figures["F1 overlap >= 0.5"] == 1.0
    assert figures["F1 overlap >= 0.3"] == 1.0
    assert figures["F1 exact (same words)"] == 0.0
    assert figures["R content tokens"] == 0.5
    assert figures["P content tokens"] == 1.0


def test_both_sides_must_be_covered() -> None:
    # 3 gold words inside a 9-word prediction: the gold is covered, the prediction is not
    assert cd.qualifies(3, 3, 9, 0.3)
    assert not cd.qualifies(3, 3, 9, 0.5)
    assert not cd.qualifies(0, 0, 0, 0.3)
    words = cd.TokenIndex(TEXT)
    g = [words.cover([at("the bridge will reopen next week")])]
    # 6 gold words inside a 13-word prediction: 6/13 < 0.5
    p = [words.cover([at('The mayor said the bridge will reopen next week. Critics believe "the '
                         'repairs')])]
    assert cd.match(g, p, 0.5) == []
    assert cd.match(g, p, 0.3) == [(0, 0)]


def test_matching_is_one_to_one_and_greedy_by_overlap() -> None:
    g = [frozenset({1, 2, 3, 4}), frozenset({3, 4, 5, 6})]
    # one prediction between two golds goes to the one it overlaps more
    assert cd.match(g, [frozenset({2, 3, 4})], 0.5) == [(0, 0)]
    # gold 0 takes its best prediction, gold 1 the one left
    preds = [frozenset({3, 4, 5}), frozenset({1, 2, 3, 4})]
    assert cd.match(g, preds, 0.5) == [(0, 1), (1, 0)]
    # two predictions of one gold: one matches, the other is a false positive
    assert cd.match(g[:1], [frozenset({1, 2, 3, 4}), frozenset({1, 2, 3})], 0.5) == [(0, 0)]


def test_precision_and_recall_count_unmatched_sides() -> None:
    preds = [cd.Predicted(at("The mayor"), at("said"), at("the bridge will reopen next week")),
             cd.Predicted(None, at("believe"), at("Critics"))]
    totals = cd.Totals()
    totals.add(TEXT, GOLDS, preds)
    figures = totals.figures()
    assert figures["P overlap >= 0.5"] == 0.5
    assert figures["R overlap >= 0.5"] == 0.5
    assert figures["source surface"] == 1.0


def test_source_comparison() -> None:
    def words(text: str) -> frozenset[str]:
        return frozenset(text.lower().split())

    assert not cd.same_source(words("mr trump"), words("mr pence"))
    assert cd.same_source(words("he"), words("he"))
    assert cd.same_source(words("the campaign"), words("clinton s campaign"))
    assert not cd.same_source(words("he"), words("trump"))


def test_source_correct_surface_and_resolved() -> None:
    text = "Trump arrived. He said taxes would fall."
    g = cd.GoldAttribution((at("Trump", text),), (at("said", text),),
                        (at("taxes would fall", text),), False)
    index = cd.TokenIndex(text)
    pronoun = cd.Predicted(at("He", text), at("said", text), at("taxes would fall", text),
                        speaker_ref=at("Trump", text))
    assert not cd.source_correct(g, pronoun, index, resolved=False)
    assert cd.source_correct(g, pronoun, index, resolved=True)
    no_source = cd.GoldAttribution((), (at("said", text),), (at("taxes would fall", text),), True)
    assert not cd.source_correct(no_source, pronoun, index, resolved=False)
    assert cd.source_correct(no_source, cd.Predicted(None, at("said", text), at("taxes", text)),
                          index, resolved=False)


def test_cue_kinds_and_quotes() -> None:
    tokens = cd.TokenIndex(TEXT, cd.TOKEN)
    assert cd.cue_kind(GOLDS[0], tokens) == "speech or report verb"
    assert cd.cue_kind(gold("Critics", "believe", "the repairs"), tokens).startswith("other")
    colon = "MAYOR: We will reopen."
    g = cd.GoldAttribution((at("MAYOR", colon),), (at(":", colon),),
                        (at("We will reopen.", colon),), False)
    assert cd.cue_kind(g, cd.TokenIndex(colon, cd.TOKEN)) == "punctuation (colon, dash)"
    assert cd.is_quoted(GOLDS[1], TEXT)
    assert not cd.is_quoted(GOLDS[0], TEXT)


def test_load_gold_keeps_the_first_copy(tmp_path: Path) -> None:
    def row(article: str, annotator: str, n: int) -> str:
        att = {"id": "E1", "source": [], "cue": [{"start": 0, "end": 4, "text": "Said"}],
               "content": [{"start": 5, "end": 7, "text": "hi"}], "no_source": True}
        return json.dumps({"id": f"dev/{article}_{annotator}", "compartment": "dev",
                           "article": article, "annotator": annotator, "text": "Said hi",
                           "attributions": [att] * n})

    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join([row("a", "x", 1), row("a", "y", 2), row("b", "x", 3),
                               row("b", "z", 1)]) + "\n", encoding="utf-8")
    articles, skipped = cd.load_gold(path)
    assert [(a.article, len(a.attributions)) for a in articles] == [("a", 1), ("b", 3)]
    assert skipped == 2
    assert articles[0].attributions[0].no_source
    limited, skipped_limited = cd.load_gold(path, limit=1)
    assert [a.article for a in limited] == ["a"]
    assert skipped_limited == 1


@pytest.mark.parametrize("threshold", [0.3, 0.5, 1.0])
def test_empty_sides_never_match(threshold: float) -> None:
    assert cd.match([frozenset()], [frozenset({1})], threshold) == []
    assert cd.match([frozenset({1})], [frozenset()], threshold) == []
