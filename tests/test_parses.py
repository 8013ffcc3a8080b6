"""The parse cache: a parse read back from bytes is the parse the model made."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.language.parses import blank_vocab, doc_from_bytes, doc_to_bytes

TEXT = ("BEIRUT (Levant Wire) — Warplanes struck three vehicles near Al-Bukamal late on "
        "Tuesday, the Sword of the Euphrates Movement (HSF) said in a statement on its "
        "Telegram channel.\n\n"
        "“We did not fire a single shell,” a spokesman for the Syrian Defence Ministry told "
        "reporters, denying the group's account.  Officials in Damascus, citing military "
        "sources, said 12 fighters were killed.\n")


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newstrace.language.nlp import load_nlp

    return load_nlp("", [])


def _tokens(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.is_sent_start,
             t.ent_iob_, t.ent_type_, t.lower_, t.is_punct, t.is_space, t.like_num)
            for t in doc]


def test_a_parse_survives_the_round_trip(nlp):
    doc = nlp(TEXT)
    back = doc_from_bytes(doc_to_bytes(doc), blank_vocab())
    assert back.text == doc.text == TEXT
    assert _tokens(back) == _tokens(doc)
    assert [(s.start_char, s.end_char) for s in back.sents] == \
        [(s.start_char, s.end_char) for s in doc.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in back.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert [c.text for c in back.noun_chunks] == [c.text for c in doc.noun_chunks]
    assert len(list(doc.sents)) > 2 and len(doc.ents) > 2  # the test compares something


def test_one_vocabulary_reads_many_parses(nlp):
    vocab = blank_vocab()
    texts = [TEXT, "The ministry denied it.", "“No,” he said."]
    parses = [doc_to_bytes(nlp(t)) for t in texts]
    assert [doc_from_bytes(p, vocab).text for p in parses] == texts
    assert len(parses[0]) < 20 * len(TEXT)


def test_bytes_that_are_not_one_parse_are_refused():
    from spacy.tokens import DocBin

    with pytest.raises(ValueError, match="holds 0 documents"):
        doc_from_bytes(DocBin().to_bytes(), blank_vocab())


def test_the_language_stage_keeps_every_article_parse(corpus_store):
    vocab = blank_vocab()
    for article in corpus_store.iter_articles():
        stored = corpus_store.get_parse(article.id)
        assert stored is not None, article.id
        model, data = stored
        assert model.startswith("en_")
        assert doc_from_bytes(data, vocab).text == article.text
