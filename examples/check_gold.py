"""Check examples/gold.yaml against the example corpus.

Run from the repository root:  .venv/bin/python examples/check_gold.py

Checks that
  * every article of the corpus is listed exactly once in gold.yaml, and every
    listed file / feed item / JSON Lines row / WARC record exists;
  * the URL in gold is the one the article states (header, sidecar, canonical
    link, feed link, `url` field, WARC-Target-URI);
  * every claim `content`, reuse `source_text` / `target_text`, shared
    quotation and boilerplate text occurs verbatim in the right article;
  * ids referenced from events, facts and claims exist.
It also lists long word sequences shared by two articles that gold does not
explain (reuse, shared quotation, boilerplate), as a warning.
Needs PyYAML and warcio.
"""

from __future__ import annotations

import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import yaml
from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


def _html_text(s: str) -> str:
    return html.unescape(s)


def _feed_items(path: Path) -> list[tuple[str, str]]:
    """(url, text) per RSS item / Atom entry, in document order."""
    root = ET.parse(path).getroot()
    out = []
    if root.tag == "rss":
        for item in root.iter("item"):
            parts = [
                item.findtext("title", ""),
                item.findtext("description", ""),
                item.findtext("content:encoded", "", NS),
            ]
            out.append((item.findtext("link", "").strip(), _html_text("\n".join(parts))))
    else:
        for entry in root.findall("atom:entry", NS):
            link = entry.find("atom:link[@rel='alternate']", NS)
            parts = [
                entry.findtext("atom:title", "", NS),
                entry.findtext("atom:summary", "", NS),
                entry.findtext("atom:content", "", NS),
            ]
            out.append((link.get("href") if link is not None else "", _html_text("\n".join(parts))))
    return out


def _jsonl_rows(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        text = "\n".join(str(d.get(k) or "") for k in ("title", "description", "maintext", "text"))
        out.append((d["url"], text))
    return out


def _warc_pages(path: Path) -> dict[str, str]:
    pages = {}
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response":
                continue
            ctype = rec.http_headers.get_header("Content-Type", "") if rec.http_headers else ""
            if not ctype.startswith("text/html"):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            pages[uri] = _html_text(rec.content_stream().read().decode("utf-8"))
    return pages


def _text_file(path: Path) -> tuple[str, str]:
    raw = path.read_text(encoding="utf-8")
    m = re.search(r"^URL: *(\S+)", raw.split("\n\n", 1)[0], re.M)
    url = m.group(1) if m else ""
    side = path.with_suffix(".json")
    if side.exists():
        url = json.loads(side.read_text(encoding="utf-8")).get("url", url)
    return url, raw


def body_paragraphs(text: str) -> list[str]:
    """Article paragraphs only: <p> elements inside <article> (or anywhere, for
    feed content), else the blank-line separated paragraphs after the header
    block of a text file, else lines."""
    arts = re.findall(r"<article.*?</article>", text, re.S)
    scope = arts[0] if arts else text
    paras = re.findall(r"<p>(.*?)</p>", scope, re.S)
    if paras:
        return [re.sub(r"<[^>]+>", " ", p) for p in paras]
    if "\n\n" in text:
        return text.split("\n\n")[1:]
    return text.splitlines()


def load_corpus() -> dict[str, tuple[str, str]]:
    """file reference -> (stated url, text)."""
    items: dict[str, tuple[str, str]] = {}
    for p in sorted((CORPUS / "text").glob("*.txt")):
        items[f"corpus/text/{p.name}"] = _text_file(p)
    for p in sorted((CORPUS / "html").glob("*.html")):
        raw = p.read_text(encoding="utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', raw).group(1)
        items[f"corpus/html/{p.name}"] = (url, _html_text(raw))
    for p in sorted((CORPUS / "rss").glob("*.xml")):
        for i, it in enumerate(_feed_items(p), 1):
            items[f"corpus/rss/{p.name}#{i}"] = it
    for p in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        for i, it in enumerate(_jsonl_rows(p), 1):
            items[f"corpus/jsonl/{p.name}#{i}"] = it
    for p in sorted((CORPUS / "warc").glob("*.warc.gz")):
        for uri, text in _warc_pages(p).items():
            items[f"corpus/warc/{p.name}#{uri}"] = (uri, text)
    return items


def main() -> int:
    gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
    corpus = load_corpus()
    errors: list[str] = []

    def err(msg: str) -> None:
        errors.append(msg)

    text_of: dict[str, str] = {}
    seen_files = set()
    for a in gold["articles"]:
        f = a["file"]
        if f in seen_files:
            err(f"file listed twice: {f}")
        seen_files.add(f)
        if f not in corpus:
            err(f"gold file not in corpus: {f}")
            continue
        url, text = corpus[f]
        if url != a["url"]:
            err(f"{f}: stated url {url!r} != gold {a['url']!r}")
        if a["url"] in text_of:
            err(f"url listed twice: {a['url']}")
        text_of[a["url"]] = text
    for f in sorted(set(corpus) - seen_files):
        err(f"corpus item missing from gold: {f}")

    def must_contain(url: str, s: str, what: str) -> None:
        if url not in text_of:
            err(f"{what}: unknown article {url}")
        elif s not in text_of[url]:
            err(f"{what}: not verbatim in {url}: {s[:80]!r}")

    for r in gold["reuse"]:
        for i, p in enumerate(r["passages"], 1):
            must_contain(r["source"], p["source_text"], f"reuse passage {i} source")
            must_contain(r["target"], p["target_text"], f"reuse passage {i} target")
    for q in gold["shared_quotations"]:
        for u in q["articles"]:
            must_contain(u, q["text"], "shared quotation")
    for b in gold["boilerplate"]:
        for u in b["articles"]:
            must_contain(u, b["text"], f"boilerplate of {b['outlet']}")

    claim_ids = {c["id"] for c in gold["claims"]}
    event_ids = {e["id"] for e in gold["events"]}
    for c in gold["claims"]:
        must_contain(c["article"], c["content"], f"claim {c['id']}")
        if c["event"] not in event_ids:
            err(f"claim {c['id']}: unknown event {c['event']}")
        for k in ("copied_from", "refers_to"):
            if k in c and c[k] not in claim_ids:
                err(f"claim {c['id']}: unknown {k} {c[k]}")
    art_events = {a["url"]: set(a["events"]) for a in gold["articles"]}
    for e in gold["events"]:
        for u in e["articles"]:
            if e["id"] not in art_events.get(u, set()):
                err(f"event {e['id']} lists {u}, whose events do not include it")
        for fact in e["facts"]:
            ids = [i for v in fact["values"] for i in v["claims"]]
            ids += fact.get("denied_by", []) + fact.get("hedged_by", [])
            for i in ids:
                if i not in claim_ids:
                    err(f"event {e['id']} fact {fact['field']}: unknown claim {i}")
    for u, evs in art_events.items():
        for ev in evs:
            if ev not in event_ids:
                err(f"{u}: unknown event {ev}")
            elif u not in next(e for e in gold["events"] if e["id"] == ev)["articles"]:
                err(f"{u} reports {ev} but the event does not list it")

    # Warn about long shared word runs that gold does not account for.
    explained = [
        p[k] for r in gold["reuse"] for p in r["passages"] for k in ("source_text", "target_text")
    ]
    explained += [q["text"] for q in gold["shared_quotations"]] + [
        b["text"] for b in gold["boilerplate"]
    ]

    def norm(s: str) -> list[str]:
        s = s.replace("’", "'").replace("“", '"').replace("”", '"')
        return re.findall(r"[\w'.-]+", s.lower())

    explained_grams = set()
    for s in explained:
        w = norm(s)
        explained_grams |= {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
    grams = {}
    for u, t in text_of.items():
        grams[u] = set()
        for para in body_paragraphs(t):
            w = norm(para)
            grams[u] |= {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
        grams[u] -= explained_grams
    for u1, u2 in combinations(sorted(grams), 2):
        common = grams[u1] & grams[u2]
        if common:
            print(
                f"warning: {len(common)} unexplained shared 8-grams between {u1} and {u2}: "
                f"{' '.join(sorted(common)[0])!r}"
            )

    for e in errors:
        print("error:", e)
    print(
        f"{len(gold['articles'])} articles, {len(gold['claims'])} claims, "
        f"{len(gold['events'])} events: {len(errors)} errors"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
