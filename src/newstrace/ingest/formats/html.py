"""HTML pages: main text with trafilatura, metadata read from the page's own markup.

trafilatura finds the article body well but keeps only the day of publication; a strike
"late on Tuesday" reported at 23:40 UTC+3 needs the time and zone, so `article:published_time`
and JSON-LD `datePublished` are read here directly. The page is parsed once with lxml and
the tree is shared by both, which keeps ingestion close to trafilatura's bare speed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura

from newstrace.errors import InputRejected
from newstrace.ingest.sources import RawInput
from newstrace.normalize import sha256_hex
from newstrace.published import published_from_url
from newstrace.records import ArticleDraft

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                 "analysisnewsarticle", "webpage", "report"}
MIN_BODY_CHARS = 80


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    published: str | None = None
    published_source: str | None = None
    byline: str | None = None
    language: str | None = None
    description: str | None = None


@lru_cache(maxsize=64)
def _xpath(expression: str) -> Any:
    return lxml.etree.XPath(expression)


def _first(tree: Any, *xpaths: str) -> str | None:
    for xpath in xpaths:
        for value in _xpath(xpath)(tree):
            text = str(value).strip()
            if text:
                return text
    return None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in _xpath('//script[@type="application/ld+json"]/text()')(tree):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _apply_json_ld(tree: Any, meta: PageMeta) -> None:
    for obj in _json_ld_objects(tree):
        kinds = obj.get("@type", "")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(str(k).lower() in ARTICLE_TYPES for k in kinds):
            continue
        if not meta.published and isinstance(obj.get("datePublished"), str):
            meta.published, meta.published_source = obj["datePublished"], "jsonld"
        meta.byline = meta.byline or _ld_name(obj.get("author"))
        meta.site_name = meta.site_name or _ld_name(obj.get("publisher"))
        if isinstance(obj.get("headline"), str):
            meta.title = meta.title or obj["headline"].strip()
        if isinstance(obj.get("inLanguage"), str):
            meta.language = meta.language or obj["inLanguage"]


def read_meta(tree: Any) -> PageMeta:
    """Metadata from meta tags, link rel=canonical and JSON-LD, in that order of trust."""
    meta = PageMeta(
        title=_first(tree, '//meta[@property="og:title"]/@content', "//title/text()",
                     "//h1//text()"),
        site_name=_first(tree, '//meta[@property="og:site_name"]/@content',
                         '//meta[@name="application-name"]/@content'),
        canonical=_first(tree, '//link[@rel="canonical"]/@href',
                         '//meta[@property="og:url"]/@content'),
        byline=_first(tree, '//meta[@name="author"]/@content',
                      '//meta[@property="article:author"]/@content'),
        language=_first(tree, "/html/@lang", '//meta[@http-equiv="content-language"]/@content',
                        '//meta[@name="language"]/@content',
                        '//meta[@property="og:locale"]/@content'),
        description=_first(tree, '//meta[@name="description"]/@content'),
    )
    published = _first(tree, '//meta[@property="article:published_time"]/@content',
                       '//meta[@itemprop="datePublished"]/@content',
                       '//meta[@name="pubdate"]/@content', '//time[@pubdate]/@datetime')
    if published:
        meta.published, meta.published_source = published, "meta"
    _apply_json_ld(tree, meta)
    if meta.byline and meta.byline.startswith(("http://", "https://")):
        meta.byline = None
    return meta


def _htmldate(tree: Any) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


_UTF8 = lxml.html.HTMLParser(encoding="utf-8")


def parse_tree(raw_html: bytes) -> Any:
    # lxml reads bytes without a declared charset as Latin-1, which garbles UTF-8 pages
    # ("—" becomes "â\x80\x94"); bytes that are valid UTF-8 are read as UTF-8, others by
    # the page's own declaration.
    try:
        raw_html.decode("utf-8")
        parser = _UTF8
    except UnicodeDecodeError:
        parser = None
    try:
        tree = lxml.html.fromstring(raw_html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None
    return tree


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _headings(tree: Any, meta: PageMeta) -> set[str]:
    """The page's title and h1 headings, as `_squash` writes them."""
    found = [meta.title or ""]
    titles = _xpath('//meta[@property="og:title"]/@content | //title/text()')(tree)
    found += [str(t) for t in titles]
    found += [str(h.text_content()) for h in _xpath("//h1")(tree)]
    return {_squash(t) for t in found if t.strip()}


def _drop_heading(text: str, headings: set[str]) -> str:
    """The body without the headline extractors keep as its first line.

    A body that opens with its headline hides the dateline (`KARACHI —`) and repeats the
    title in every text comparison.
    """
    first, _, rest = text.lstrip().partition("\n")
    if rest.strip() and _squash(first) in headings:
        return rest
    return text


_DATE_BITS = re.compile(
    r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}:\d{2}|\b(?:by|updated|published|am|pm|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d+",
    re.IGNORECASE,
)
MAX_CRUMB_CHARS = 80


def _drop_crumbs(text: str, byline: str | None) -> str:
    """The body without leading header crumbs: "Dara Rauf | 16/11/2026", "Updated 10:42".

    Extractors keep such lines from an article's header; they are no prose, and they stand
    between the body and its dateline.
    """
    lines = text.lstrip().split("\n")
    while len(lines) > 1 and len(lines[0]) <= MAX_CRUMB_CHARS:
        rest = lines[0]
        if byline:
            rest = rest.replace(byline, "")
        rest = _DATE_BITS.sub("", rest)
        if sum(ch.isalpha() for ch in rest) >= 3:
            break
        lines.pop(0)
    return "\n".join(lines)


def extract_page(
    raw: RawInput, data: bytes, url: str | None = None, source_format: str = "html"
) -> ArticleDraft:
    """One page to a draft; raises InputRejected when the page holds no article."""
    tree = parse_tree(data)
    if tree is None:
        raise InputRejected(raw.ref, "no_article", "the HTML cannot be parsed")
    meta = read_meta(tree)
    page_url = meta.canonical if _is_absolute(meta.canonical) else url
    # htmldate, before extraction prunes the tree; a dated URL already gives the same day
    if not meta.published and published_from_url(page_url)[0] is None:
        found = _htmldate(tree)
        if found:
            meta.published, meta.published_source = found, "htmldate"
    headings = _headings(tree, meta)
    text = trafilatura.extract(
        tree, url=page_url, include_comments=False, include_tables=False, deduplicate=False
    )
    if text:
        text = _drop_crumbs(_drop_heading(text, headings), meta.byline)
    if not text or len(text.strip()) < MIN_BODY_CHARS:
        raise InputRejected(raw.ref, "no_article", "the page holds no article text")
    metadata: dict[str, Any] = {}
    if meta.description:
        metadata["description"] = meta.description
    if url and page_url and url != page_url:
        metadata["fetched_url"] = url
    return ArticleDraft(
        input_ref=raw.ref, source_format=source_format, text=text,
        raw_sha256=sha256_hex(data), title=meta.title, outlet=meta.site_name,
        url=page_url, published_raw=meta.published, published_source=meta.published_source,
        byline=meta.byline, language=(meta.language or "").split("-")[0].lower() or None,
        metadata=metadata,
    )


def _is_absolute(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def parse_html(raw: RawInput) -> Iterator[ArticleDraft | InputRejected]:
    try:
        yield extract_page(raw, raw.data)
    except InputRejected as rejected:
        yield rejected


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td")


def fragment_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (a feed item's content), one paragraph a line."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [
        el for el in root.iter(*_BLOCKS)
        if not any(a.tag in _BLOCKS for a in el.iterancestors())
    ]
    if not blocks:
        return str(root.text_content())
    return "\n".join(str(el.text_content()) for el in blocks)
