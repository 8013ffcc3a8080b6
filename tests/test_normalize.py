"""Normalized text, datelines and language detection."""

from __future__ import annotations

import pytest

from conftest import only_article
from newstrace.normalize import detect_language, find_dateline, normalize_text, sha256_hex


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("TEHRAN (Agency) – Iranian officials said on Wednesday that", "TEHRAN", "Agency"),
        ("BAGHDAD (Dispatches) - Iraqi security forces said on Sunday", "BAGHDAD", "Dispatches"),
        ("WASHINGTON (AP) — The Pentagon said on Friday that", "WASHINGTON", "AP"),
        ("KABUL, Afghanistan — Taliban officials said on Monday", "KABUL, Afghanistan", None),
        ("NEW YORK, Nov. 3 (Reuters) - Oil prices rose on Tuesday", "NEW YORK", "Reuters"),
        ("AL-BUKAMAL (Levant Wire) -- Residents reported explosions", "AL-BUKAMAL", "Levant Wire"),
        ("DEIR EZ-ZOR (Levant Wire) – Clashes broke out on Monday", "DEIR EZ-ZOR", "Levant Wire"),
    ],
)
def test_datelines(text, place, agency):
    dateline = find_dateline(text)
    assert dateline is not None
    assert dateline.place == place
    assert dateline.agency == agency
    assert dateline.start == 0
    opening = text[: dateline.end]
    assert opening.rstrip()[-1] in "–—-"
    assert text[dateline.end:][0].isupper()  # the span ends where the sentence starts


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said on Monday - without giving details - that talks would resume.",
        "US forces said - in a brief statement - that two drones were shot down.",
        "Officials in Kabul said on Monday that the road had reopened.",
        "UN: The Security Council will meet on Friday.",
        "Iran – and its allies – denied any role in the attack.",
        "A (B) – c",
    ],
)
def test_ordinary_openings_are_not_datelines(text):
    assert find_dateline(text) is None


def test_dateline_stored_with_span(fixtures, store, ingest_paths, cli, db):
    ingest_paths(fixtures / "tehran_courier.txt")
    article = only_article(store)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("TEHRAN", "Agency")
    span = article.text[article.dateline.start : article.dateline.end]
    assert span.strip() == "TEHRAN (Agency) –"
    record = cli("--db", db, "articles", "--json").jsonl()[0]
    assert record["dateline_place"] == "TEHRAN"
    assert record["dateline_agency"] == "Agency"
    assert record["dateline_span"] == [article.dateline.start, article.dateline.end]


def test_normalize_blank_line_paragraphs_and_soft_wraps():
    raw = "First line\nwraps here.\n\n\n  Second   paragraph\t\ttabs.  \n \nThird."
    assert normalize_text(raw) == "First line wraps here.\n\nSecond paragraph tabs.\n\nThird."


def test_normalize_one_paragraph_per_line():
    assert normalize_text("One.\nTwo.\r\nThree.\r") == "One.\n\nTwo.\n\nThree."


def test_normalize_removes_invisible_and_composes():
    raw = "Cafe\u0301 \u200bowner\u00a0said\ufeff it\x07 was closed."
    assert normalize_text(raw) == "Café owner said it was closed."


def test_normalize_keeps_quote_marks_and_spelling():
    raw = "“We will not leave,” she said. ‘Colour’ and «guillemets» stay."
    assert normalize_text(raw) == raw


def test_normalize_paragraph_separator_and_joiner_are_stable():
    # Both used to change again on a second pass.
    for raw in ("a\u2029\u2029b\nc", "e\u200d\u0301 and more", "x\u2029y"):
        once = normalize_text(raw)
        assert normalize_text(once) == once


def test_normalize_empty():
    assert normalize_text("") == ""
    assert normalize_text(" \n\n\t \u200b\n") == ""


def test_sha256_hex_of_text_is_of_utf8():
    assert sha256_hex("é") == sha256_hex("é".encode())
    assert len(sha256_hex(b"")) == 64


def test_detect_language():
    assert detect_language(
        "The government said on Tuesday that the talks would continue next week."
    ) == "en"
    assert detect_language(
        "Le gouvernement a annoncé mardi que les négociations reprendraient la semaine prochaine."
    ) == "fr"
    assert detect_language("Ok.") is None


def test_text_sha_and_n_chars(fixtures, store, ingest_paths):
    ingest_paths(fixtures / "tehran_courier.txt")
    article = only_article(store)
    assert article.text_sha256 == sha256_hex(article.text)
    assert article.n_chars == len(article.text)
    assert article.raw_sha256 == sha256_hex((fixtures / "tehran_courier.txt").read_bytes())
    assert article.language == "en"


def test_english_fast_path_and_langid_agree_on_other_languages():
    from newstrace.normalize import _clearly_english, detect_language

    english = ("The ministry said that the strike was carried out by drones, and officials "
               "from the province said it has been the third attack this month. " * 3)
    french = ("Le ministère a déclaré que la frappe avait été menée par des drones et que les "
              "responsables de la province ont parlé d'une troisième attaque ce mois-ci. " * 3)
    spanish = ("El ministerio dijo que el ataque fue realizado con drones y que los "
               "funcionarios de la provincia hablaron del tercer ataque este mes. " * 3)
    assert _clearly_english(english) and detect_language(english) == "en"
    assert not _clearly_english(french) and detect_language(french) == "fr"
    assert not _clearly_english(spanish) and detect_language(spanish) == "es"
