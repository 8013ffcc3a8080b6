"""Properties over generated input: ingestion never raises, never loses an accepted document,
and normalization is idempotent."""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.config import load_config
from newstrace.ingest import IngestOptions, ingest
from newstrace.ingest.detect import FORMATS
from newstrace.normalize import find_dateline, normalize_text
from newstrace.store import Store

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PREFIXES = [b"", b"<?xml version='1.0'?>", b"<rss version='2.0'><channel><item>", b"<html><p>",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", b'{"text": "', b"{",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n", b"\x1f\x8b\x08",
            b"\xef\xbb\xbf", b"\xff\xfe", b"Title\n\nPublished: ", b"TEHRAN (Agency) \xe2\x80\x93 "]
TOKENS = ["<p>", "</p>", "<item>", "</item>", "<title>", "</title>", "<description>",
          "</description>", "<article>", "<entry>", "{", "}", '"text": ', '"', ":", ",", "\n",
          "\r\n", " ", "Officials said", " on Monday", "é", "—", "\u2029", "\u200b", "\x00",
          "<![CDATA[", "]]>", "&amp;", "&#0;", "<script>", "Published: 2024-01-01", "URL: "]

structured = st.lists(st.sampled_from(TOKENS), max_size=80).map(lambda t: "".join(t).encode(
    "utf-8", "surrogatepass"))
raw_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(PREFIXES), st.one_of(st.binary(max_size=300), structured)).map(
        lambda pair: pair[0] + pair[1]),
    structured.map(gzip.compress),
)


@pytest.fixture(scope="module")
def memory_store() -> Iterator[Store]:
    with Store.open(":memory:") as store:
        yield store


CONFIG = load_config(env={}, overrides={"db": ":memory:", "batch_size": 3})


@FAST
@given(data=raw_bytes, fmt=st.sampled_from(["auto", *FORMATS]),
       suffix=st.sampled_from([".txt", ".html", ".json", ".xml", ".warc.gz", ""]))
def test_ingest_never_raises_on_arbitrary_bytes(memory_store, data, fmt, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        report = ingest(memory_store, [str(path)], CONFIG, IngestOptions(format=fmt))
    outcomes = report.ingested + report.already_present + report.n_rejected
    assert outcomes >= 1  # an article or a rejection, never silence
    for rejection in report.rejections:
        assert rejection.reason and rejection.message
        assert rejection.input_ref.startswith(str(path))


words = st.text(alphabet="abcdefghij KLMNOP.,’—é\n\t", min_size=1, max_size=200)


@FAST
@given(texts=st.lists(words, min_size=1, max_size=8, unique=True))
def test_accepted_documents_are_never_lost(texts):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for n, text in enumerate(texts):
            (root / "in").mkdir(exist_ok=True)
            (root / "in" / f"doc{n:02d}.txt").write_text(text, encoding="utf-8")
        config = load_config(env={}, overrides={"db": str(root / "s.db"), "batch_size": 2})
        with Store.open(config.db) as store:
            first = ingest(store, [str(root / "in")], config)
            accepted = first.ingested + first.already_present
            assert accepted + first.n_rejected == len(texts)
            assert len(list(store.iter_articles())) == first.ingested
            assert len(set(first.article_ids)) == first.ingested
            again = ingest(store, [str(root / "in")], config)
            assert again.ingested == 0
            assert again.already_present == accepted
            assert again.n_rejected == first.n_rejected
            assert store.summary()["articles"] == first.ingested


tricky = st.text(alphabet=st.sampled_from(
    [*"ab Z.\n\r\t", "\u2029", "\u2028", "\u200d", "\u200b", "\u0301", "\u0327", "\u00a0",
     "\x85", "\ufeff", "\x0c", "\u3000", "\u1100", "\u1161", "\u0915", "\u093c", "\x00",
     "\x1b"]))


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(), tricky))
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\n\n\n" not in once
    assert once == once.strip()


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(), st.from_regex(r"[A-Z][A-Z ,\-]{1,20}( \([A-Za-z ]{1,10}\))? "
                                               r"[-–—] [A-Za-z ]{0,30}", fullmatch=True)))
def test_dateline_span_is_inside_the_text(text):
    dateline = find_dateline(text)
    if dateline is not None:
        assert 0 == dateline.start < dateline.end <= len(text)
        assert text.startswith(dateline.place.split(",")[0])
