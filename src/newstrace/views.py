"""Terminal renderings of what newstrace found, shared by the CLI commands.

Everything shown comes from article text, which is untrusted: it passes through
`output.safe` before reaching the terminal.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from typing import Any

from newstrace.output import safe
from newstrace.records import Article, ReuseLink
from newstrace.store import Store

PASSAGE_PREVIEW = 600


def side_by_side(left: str, right: str, width: int | None = None) -> Iterator[str]:
    """Two passages in two columns, for reading a copy against its source."""
    total = width or shutil.get_terminal_size((120, 24)).columns
    column = max(30, (total - 7) // 2)
    a = textwrap.wrap(safe(left)[:PASSAGE_PREVIEW], column) or [""]
    b = textwrap.wrap(safe(right)[:PASSAGE_PREVIEW], column) or [""]
    for i in range(max(len(a), len(b))):
        la = a[i] if i < len(a) else ""
        lb = b[i] if i < len(b) else ""
        yield f"    {la:<{column}} | {lb}"


def link_record(link: ReuseLink, texts: dict[str, str]) -> dict[str, Any]:
    record = link.as_json()
    record["source_text"] = texts[link.source_article][link.source_start : link.source_end]
    record["target_text"] = texts[link.target_article][link.target_start : link.target_end]
    return record


def article_reuse(store: Store, article: Article) -> Iterator[str]:
    """What the article took from others and what others took from it, passage by passage."""
    links = store.reuse_links(article=article.id)
    if not links:
        yield "reuse: no passage shared with another article"
        return
    others = {
        other: store.get_article(other)
        for link in links for other in (link.source_article, link.target_article)
        if other != article.id
    }
    for link in links:
        taken = link.target_article == article.id and link.direction != "unknown"
        other = others[link.source_article if link.target_article == article.id
                       else link.target_article]
        if link.kind == "quotation":
            verb = "quotes the same words as"
        elif link.direction == "unknown":
            verb = "shares a passage (direction unknown) with"
        else:
            verb = "took from" if taken else "was taken by"
        credit = ", credited" if link.credited else ""
        yield (f"{verb} {other.id} ({safe(other.outlet)}, {other.published_at or 'undated'})"
               f" similarity {link.similarity:.2f}{credit}")
        yield f"    evidence: {safe('; '.join(link.direction_evidence))}"
        mine = (link.target_start, link.target_end) if link.target_article == article.id \
            else (link.source_start, link.source_end)
        theirs = (link.source_start, link.source_end) if link.target_article == article.id \
            else (link.target_start, link.target_end)
        yield from side_by_side(article.text[mine[0]:mine[1]], other.text[theirs[0]:theirs[1]])
        yield ""


def chain_lines(chain: dict[str, Any], store: Store) -> Iterator[str]:
    """A chain as a tree of who copied whom, roots first."""
    children: dict[str, list[dict[str, Any]]] = {}
    for edge in chain["edges"]:
        children.setdefault(str(edge["source"]), []).append(edge)

    def label(article_id: str) -> str:
        article = store.get_article(article_id)
        return f"{article_id} {safe(article.outlet)} {article.published_at or 'undated'}"

    def walk(node: str, depth: int, seen: set[str]) -> Iterator[str]:
        for edge in children.get(node, []):
            target = str(edge["target"])
            arrow = "->" if edge["directed"] else "--"
            credit = " credited" if edge["credited"] else ""
            yield f"{'  ' * depth}{arrow} {label(target)} ({edge['shared_chars']} chars{credit})"
            if target not in seen:
                seen.add(target)
                yield from walk(target, depth + 1, seen)

    credited = "credited" if chain["credited"] else "not credited"
    yield f"chain {chain['id']}: {len(chain['members'])} articles, {credited}"
    seen = set(chain["root_articles"])
    for root in chain["root_articles"]:
        yield f"  {label(root)}"
        yield from walk(root, 2, seen)


def mention_resolution(m: dict[str, Any]) -> str:
    """One line saying what a mention was resolved to, and when not, why not."""
    kind = m["kind"]
    if kind == "actor":
        title = f" ({m['title']})" if m.get("title") else ""
        return f"{m['actor']} [{m['actor_type']}]{title} {m.get('actor_id') or ''}".strip()
    if kind == "place":
        role = " (dateline: reporting location)" if m.get("role") == "dateline" else ""
        if not m.get("place_id"):
            return f"not in the gazetteer{role}"
        where = ", ".join(x for x in (m.get("place"), m.get("admin1"), m.get("country")) if x)
        return f"{where} [{m.get('precision')}] {m['place_id']}{role}"
    if kind == "time":
        if not m.get("value_start"):
            return f"unresolved: {m.get('reason') or 'no date'}"
        span = m["value_start"] if m["value_start"] == m["value_end"] else \
            f"{m['value_start']}..{m['value_end']}"
        hedge = f", hedge {m['hedge']!r}" if m.get("hedge") else ""
        return f"{span} [{m['precision']}, {m['anchor']}{hedge}]"
    low, high = m.get("low"), m.get("high")
    value = (str(low) if low == high else f"{'' if low is None else low}.."
             f"{'' if high is None else high}")
    flags = "".join((" ~" if m.get("approximate") else "",
                     " (stated none)" if m.get("stated_zero") else ""))
    return f"{value} {m['counted']} [{m['category']}]{flags}"
