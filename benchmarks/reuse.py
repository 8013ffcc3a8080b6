"""Reuse benchmark: passages, pairs, direction and chains against exact synthetic labels.

    .venv/bin/python benchmarks/reuse.py [--quick] [--seed N] [--pan PATH]

1. A deterministic synthetic news corpus (`reuse_data.py`): originals, whole and partial
   copies with word edits, restyling, reorders and credits, copy-of-copy chains, and hard
   negatives (independent articles on the same topic; independent articles quoting the same
   speech). Scored: passage precision/recall by character overlap (non-space characters,
   both sides of each pair), article-pair F1, direction accuracy, chain membership,
   quotation and boilerplate false links, throughput and peak RSS.
2. Scaling: run_reuse on ~2,000 articles, then an incremental run over 100 more.
3. PAN text-alignment "no obfuscation" pairs (measurement only, nothing from it is kept):
   offsets mapped back to the raw documents, case recall and passage precision at >= 50%
   overlap, pair-level detection.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newstrace import Config, Store, ingest, load_config
from newstrace.records import Article, ReuseLink
from newstrace.reuse import ReuseReport, run_reuse
from reuse_data import GenArticle, generate, gold_pairs

TARGETS = {"passage_precision": 0.97, "passage_recall": 0.97, "pair_f1": 0.98,
           "direction_accuracy": 0.95, "chain_exact": 0.95}
ROOT = Path(__file__).resolve().parent.parent
PAN_DEFAULT = ROOT.parent / "shared" / "eval" / "reuse" / "pan-no-obfuscation"
Span = tuple[int, int]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def intersect(a: list[Span], b: list[Span]) -> list[Span]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            out.append((s, e))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


class Solid:
    """Counts non-whitespace characters of a text over spans (paragraph breaks don't count)."""

    def __init__(self, text: str) -> None:
        self.prefix = [0]
        for ch in text:
            self.prefix.append(self.prefix[-1] + (not ch.isspace()))

    def count(self, spans: Iterable[Span]) -> int:
        return sum(self.prefix[e] - self.prefix[s] for s, e in spans)


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def timed_run(store: Store, config: Config) -> tuple[ReuseReport, float]:
    start = time.perf_counter()
    report = run_reuse(store, config)
    return report, time.perf_counter() - start


def open_store(path: Path) -> tuple[Config, AbstractContextManager[Store]]:
    config = load_config(env={}, overrides={"db": str(path)})
    return config, Store.open(path)


# -- synthetic benchmark ---------------------------------------------------------------------

@dataclass
class Mapped:
    """One generated article as stored: its normalized text and paragraph spans."""

    gen: GenArticle
    article: Article
    paras: list[Span]  # body paragraph spans (copied part)
    boiler: list[Span]  # masthead and footer spans
    solid: Solid


def map_articles(arts: list[GenArticle], stored: list[Article]) -> list[Mapped]:
    by_url = {a.url: a for a in stored}
    out = []
    for gen in arts:
        art = by_url[gen.url]
        spans, pos = [], 0
        for text in gen.paragraphs():
            start = art.text.index(text, pos)
            spans.append((start, start + len(text)))
            pos = start + len(text)
        head = 1 if gen.outlet.masthead else 0
        body = spans[head : head + len(gen.body)]
        paras = [(s + p.skip, e) for (s, e), p in zip(body, gen.body, strict=True)]
        out.append(Mapped(gen, art, paras, spans[:head] + spans[head + len(gen.body):],
                          Solid(art.text)))
    return out


@dataclass
class Scores:
    figures: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _snip(text: str, span: Span, width: int = 160) -> str:
    s = text[span[0] : span[1]].replace("\n\n", " ¶ ")
    return s if len(s) <= width else s[: width // 2] + " … " + s[-width // 2 :]


def evaluate(arts: list[GenArticle], stored: list[Article], links: list[ReuseLink],
             chains: list[dict[str, Any]]) -> Scores:
    sc = Scores()
    mapped = map_articles(arts, stored)
    idx = {m.article.id: m.gen.index for m in mapped}
    gold = gold_pairs(arts)
    pred: dict[tuple[int, int], list[ReuseLink]] = defaultdict(list)
    quotes: dict[tuple[int, int], list[ReuseLink]] = defaultdict(list)
    for link in links:
        a, b = idx[link.source_article], idx[link.target_article]
        (pred if link.kind == "copy" else quotes)[(min(a, b), max(a, b))].append(link)

    def side_spans(pair: tuple[int, int], who: int) -> list[Span]:
        art_id = mapped[who].article.id
        return merge((lk.source_start, lk.source_end) if lk.source_article == art_id
                     else (lk.target_start, lk.target_end) for lk in pred.get(pair, []))

    def gold_spans(pair: tuple[int, int], who: int) -> list[Span]:
        g = gold.get(pair)
        if g is None:
            return []
        paras = g.a_paras if who == g.a else g.b_paras
        return merge(mapped[who].paras[k] for k in paras)

    tot: Counter[str] = Counter()
    for pair in set(gold) | set(pred):
        g = gold.get(pair)
        later = pair[1] if g is None or g.source is None else (
            pair[1] if g.source == pair[0] else pair[0])
        for who in pair:
            solid = mapped[who].solid
            gs, ps = gold_spans(pair, who), side_spans(pair, who)
            hit = solid.count(intersect(gs, ps))
            tot["gold"] += solid.count(gs)
            tot["pred"] += solid.count(ps)
            tot["hit"] += hit
            if who == later:
                tot["t_gold"] += solid.count(gs)
                tot["t_pred"] += solid.count(ps)
                tot["t_hit"] += hit
            tot["boiler"] += solid.count(intersect(ps, merge(mapped[who].boiler)))
            for k in (g.a_paras if who == g.a else g.b_paras) if g else []:
                span = mapped[who].paras[k]
                size = "short" if len(mapped[who].gen.body[k].text.split()) < 16 else "long"
                tot[f"{size}_gold"] += solid.count([span])
                tot[f"{size}_hit"] += solid.count(intersect([span], ps))
            if g and ps and solid.count(gs) - hit > 40 and len(sc.examples["recall"]) < 6:
                miss = [s for s in gs if solid.count(intersect([s], ps)) < solid.count([s])]
                text = mapped[who].article.text
                sc.examples["recall"].append(
                    f"pair {pair} side {who} ({mapped[who].gen.notes}): gold not covered "
                    f"{solid.count(gs) - hit} chars, e.g. {_snip(text, miss[0])!r}"
                    f" | predicted spans {ps}")
            if ps and solid.count(ps) - hit > 20 and len(sc.examples["precision"]) < 6:
                sc.examples["precision"].append(
                    f"pair {pair} side {who} gold={'yes' if g else 'no'} roles="
                    f"{arts[pair[0]].role}/{arts[pair[1]].role}: predicted {ps} gold {gs}; "
                    f"extra e.g. {_snip(mapped[who].article.text, ps[0])!r}")
    f = sc.figures
    f["passage_precision"] = tot["hit"] / max(1, tot["pred"])
    f["passage_recall"] = tot["hit"] / max(1, tot["gold"])
    f["target_side_precision"] = tot["t_hit"] / max(1, tot["t_pred"])
    f["target_side_recall"] = tot["t_hit"] / max(1, tot["t_gold"])
    f["boilerplate_chars_linked"] = tot["boiler"]
    for size in ("short", "long"):
        f[f"recall_{size}_paragraphs"] = tot[f"{size}_hit"] / max(1, tot[f"{size}_gold"])
    for lk in (lk for links in pred.values() for lk in links):
        a, b = idx[lk.source_article], idx[lk.target_article]
        span = (lk.target_start, lk.target_end)
        if len(re.findall(r"\w+", mapped[b].article.text[span[0] : span[1]])) >= 16:
            continue
        tot["slink_n"] += 1
        tot["slink_pred"] += mapped[b].solid.count([span])
        tot["slink_hit"] += mapped[b].solid.count(intersect([span], gold_spans(
            (min(a, b), max(a, b)), b)))
    f["short_copy_links"] = tot["slink_n"]
    f["short_copy_links_precision"] = tot["slink_hit"] / max(1, tot["slink_pred"])
    gset, pset = set(gold), set(pred)
    tp = len(gset & pset)
    f["pair_precision"] = tp / max(1, len(pset))
    f["pair_recall"] = tp / max(1, len(gset))
    f["pair_f1"] = 2 * tp / max(1, len(gset) + len(pset))
    f["gold_pairs"], f["predicted_pairs"] = len(gset), len(pset)
    for pair in sorted(gset - pset)[:6]:
        g = gold[pair]
        sc.examples["missed_pair"].append(
            f"{pair} roles {arts[pair[0]].role}/{arts[pair[1]].role} source={g.source} "
            f"notes={arts[pair[1]].notes}; gold passage "
            f"{_snip(mapped[pair[0]].article.text, mapped[pair[0]].paras[g.a_paras[0]])!r}")
    for pair in sorted(pset - gset)[:6]:
        lk = pred[pair][0]
        s_text = mapped[idx[lk.source_article]].article.text
        t_text = mapped[idx[lk.target_article]].article.text
        sc.examples["false_pair"].append(
            f"{pair} roles {arts[pair[0]].role}/{arts[pair[1]].role} sim={lk.similarity}: "
            f"{_snip(s_text, (lk.source_start, lk.source_end))!r}"
            f" ~ {_snip(t_text, (lk.target_start, lk.target_end))!r}")
    # negatives: independent same-topic articles and shared quotations
    for role in ("same_topic", "shared_quote"):
        ids = {a.index for a in arts if a.role == role}
        f[f"{role}_articles"] = len(ids)
        f[f"{role}_copy_pairs"] = sum(1 for p in pset if ids & set(p))
        f[f"{role}_quotation_pairs"] = sum(1 for p in quotes if ids & set(p))
    f["quotation_links_on_gold_pairs"] = sum(1 for p in quotes if p in gset and p not in pset)
    # direction
    dirs: Counter[str] = Counter()
    for pair, g in gold.items():
        if pair not in pset:
            continue
        lk = pred[pair][0]
        src, dst = arts[g.source] if g.source is not None else None, None
        if src is None:
            dirs["sibling_" + ("directed" if lk.direction != "unknown" else "unknown")] += 1
            continue
        dst = arts[pair[1] if g.source == pair[0] else pair[0]]
        known = src.published is not None and dst.published is not None and \
            src.published != dst.published
        if lk.direction == "unknown":
            verdict = "unknown"
        else:
            verdict = "correct" if idx[lk.source_article] == src.index else "wrong"
        dirs[("timed_" if known else "untimed_") + verdict] += 1
        if verdict == "wrong" and len(sc.examples["direction"]) < 6:
            sc.examples["direction"].append(
                f"{pair} gold {src.index}->{dst.index} times {src.published} / {dst.published}"
                f" credit={dst.credit} notes={dst.notes}: predicted "
                f"{idx[lk.source_article]}->{idx[lk.target_article]} {lk.direction_evidence}")
        if verdict == "unknown" and known and len(sc.examples["direction_unknown"]) < 4:
            sc.examples["direction_unknown"].append(
                f"{pair} gold {src.index}->{dst.index} times {src.published} / "
                f"{dst.published}: {lk.direction_evidence}")
        if dst.source == src.index and dst.credit:
            dirs["credit_added"] += 1
            dirs["credit_added_flagged"] += int(lk.credited)
    timed = sum(dirs[f"timed_{v}"] for v in ("correct", "unknown", "wrong"))
    f["direction_accuracy"] = dirs["timed_correct"] / max(1, timed)
    f["direction"] = dict(sorted(dirs.items()))
    # chains
    parent = list(range(len(arts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in gold:
        parent[find(a)] = find(b)
    groups: dict[int, set[int]] = defaultdict(set)
    for i in range(len(arts)):
        groups[find(i)].add(i)
    member_of: dict[int, frozenset[int]] = {}
    for chain in chains:
        members = frozenset(idx[m] for m in chain["members"])
        for m in members:
            member_of[m] = members
    exact = [member_of.get(i, frozenset({i})) == groups[find(i)] for i in range(len(arts))]
    multi = [i for i in range(len(arts)) if len(groups[find(i)]) > 1]
    f["chain_exact"] = sum(exact) / len(arts)
    f["chain_exact_multi"] = sum(exact[i] for i in multi) / max(1, len(multi))
    f["gold_chains_multi"] = len({find(i) for i in multi})
    f["pred_chains_multi"] = sum(1 for c in chains if len(c["members"]) > 1)
    bad = [i for i in multi if not exact[i]]
    for i in bad[:4]:
        got = sorted(member_of.get(i, {i}))
        sc.examples["chain"].append(f"article {i}: gold {sorted(groups[find(i)])} predicted "
                                    f"{got}")
    return sc


def synthetic(seed: int, quick: bool, tmp: Path) -> dict[str, Any]:
    n = 30 if quick else 150
    arts, failures = generate(seed, n, n, n // 2, n // 2)
    records = [a.record() for a in arts]
    random.Random(seed).shuffle(records)  # ingestion order must not give direction away
    write_jsonl(tmp / "synthetic.jsonl", records)
    config, opener = open_store(tmp / "synthetic.db")
    with opener as store:
        ingest(store, [str(tmp / "synthetic.jsonl")], config)
        report, seconds = timed_run(store, config)
        sc = evaluate(arts, list(store.iter_articles()), store.reuse_links(), store.chains())
    f = sc.figures
    f["articles"], f["reuse_seconds"] = len(arts), round(seconds, 2)
    f["articles_per_s"] = round(len(arts) / seconds, 1)
    f["candidates"], f["peak_rss_mb"] = report.candidates, round(peak_rss_mb(), 1)
    roles = Counter(a.role for a in arts)
    print(f"\n== Synthetic news-copy benchmark (seed {seed}): {len(arts)} articles "
          f"{dict(roles)}; {failures} sentences not unique (0 = exact labels)")
    rows = [("passage precision (both sides, non-space chars)", "passage_precision"),
            ("passage recall (both sides)", "passage_recall"),
            ("target-side precision", "target_side_precision"),
            ("target-side recall", "target_side_recall"), ("article-pair F1", "pair_f1"),
            ("  pair precision", "pair_precision"), ("  pair recall", "pair_recall"),
            ("direction accuracy (times known)", "direction_accuracy"),
            ("chain membership exact (all articles)", "chain_exact"),
            ("chain membership exact (multi-member gold)", "chain_exact_multi")]
    for label, key in rows:
        target = TARGETS.get(key)
        mark = "" if target is None else ("  PASS" if f[key] >= target else "  MISS") + \
            f" (target >= {target})"
        print(f"  {label:<48} {f[key]:.4f}{mark}")
    print(f"  gold pairs {f['gold_pairs']}, predicted pairs {f['predicted_pairs']}; "
          f"multi-member chains gold {f['gold_chains_multi']} / predicted "
          f"{f['pred_chains_multi']}")
    print(f"  direction counts: {f['direction']}")
    for role in ("same_topic", "shared_quote"):
        print(f"  {role}: {f[role + '_articles']} articles, wrongly linked as copy "
              f"{f[role + '_copy_pairs']} pairs, quotation-kind pairs "
              f"{f[role + '_quotation_pairs']}")
    print(f"  boilerplate chars inside copy links: {f['boilerplate_chars_linked']}; gold pairs "
          f"found only as quotation: {f['quotation_links_on_gold_pairs']}")
    print(f"  recall of gold paragraphs < 16 words {f['recall_short_paragraphs']:.4f}, >= 16 "
          f"words {f['recall_long_paragraphs']:.4f}; copy links < 16 words: "
          f"{f['short_copy_links']} (char precision {f['short_copy_links_precision']:.4f})")
    print(f"  run_reuse: {seconds:.2f} s, {f['articles_per_s']} articles/s, "
          f"{report.candidates} candidates compared; peak RSS {f['peak_rss_mb']} MB")
    for kind, lines in ((k, v) for k, v in sc.examples.items() if v):
        print(f"  -- examples: {kind}")
        for line in lines:
            print(f"     {line}")
    return f


# -- scaling -----------------------------------------------------------------------------------

def scaling(seed: int, quick: bool, tmp: Path) -> dict[str, Any]:
    total, extra = (200, 10) if quick else (2000, 100)
    n_orig = int((total + extra) * 0.8)
    arts, failures = generate(seed + 1, n_orig, total + extra - n_orig, 0, 0, exact=False)
    print(f"\n== Scaling: {total} articles ({total + extra - n_orig} of {total + extra} "
          f"derived; {failures} sentences not unique)")
    records = [a.record() for a in arts]
    random.Random(seed + 1).shuffle(records)
    write_jsonl(tmp / "scale-a.jsonl", records[:total])
    write_jsonl(tmp / "scale-b.jsonl", records[total:])
    config, opener = open_store(tmp / "scale.db")
    with opener as store:
        t0 = time.perf_counter()
        ingest(store, [str(tmp / "scale-a.jsonl")], config)
        ingest_s = time.perf_counter() - t0
        first, first_s = timed_run(store, config)
        ingest(store, [str(tmp / "scale-b.jsonl")], config)
        second, second_s = timed_run(store, config)
        again, again_s = timed_run(store, config)
        copies = store.reuse_links(kind="copy")
        id_of = {a.url: a.id for a in store.iter_articles()}
    ids = [id_of[a.url] for a in arts]
    found = {frozenset((lk.source_article, lk.target_article)) for lk in copies}
    gold = {frozenset((ids[a], ids[b])) for a, b in gold_pairs(arts)}
    f = {"scale_articles": total, "scale_seconds": round(first_s, 2),
         "scale_articles_per_s": round(total / first_s, 1), "scale_candidates": first.candidates,
         "incremental_new": extra, "incremental_processed": second.articles,
         "incremental_seconds": round(second_s, 2),
         "incremental_articles_per_s": round(extra / second_s, 1),
         "noop_processed": again.articles, "noop_seconds": round(again_s, 2),
         "scale_copy_links": len(copies), "scale_pair_recall": len(gold & found) / len(gold),
         "scale_pairs_not_gold": len(found - gold), "scale_peak_rss_mb": round(peak_rss_mb(), 1)}
    print(f"  ingest {ingest_s:.1f} s; run_reuse {first_s:.2f} s = {f['scale_articles_per_s']} "
          f"articles/s ({first.candidates} candidates, {first.links} copy links)")
    print(f"  incremental: +{extra} articles -> processed {second.articles} in {second_s:.2f} s "
          f"({f['incremental_articles_per_s']} articles/s); re-run with nothing new processed "
          f"{again.articles} in {again_s:.2f} s (chains rebuilt)")
    print(f"  gold copy pairs found: {len(gold & found)}/{len(gold)} (pair recall "
          f"{f['scale_pair_recall']:.4f}); linked pairs outside gold {len(found - gold)} (this "
          f"corpus is not guarded against chance overlaps); peak RSS {f['scale_peak_rss_mb']} MB")
    return f


# -- PAN ----------------------------------------------------------------------------------------

def offset_map(norm: str, raw: str) -> list[int]:
    """For each normalized character, its offset in the raw text (+ one past the end)."""
    out, j = [], 0
    for ch in norm:
        if ch.isspace():
            while j < len(raw) and not raw[j].isspace():
                j += 1
            out.append(min(j, len(raw)))
        else:
            while j < len(raw) and raw[j] != ch:
                j += 1
            out.append(j)
            j += 1
    out.append(len(raw))
    return out


def pan(path: Path, quick: bool, tmp: Path) -> dict[str, Any]:
    print(f"\n== PAN text alignment, no obfuscation ({path})")
    if not (path / "pairs").is_file():
        print("  skipped: corpus not found")
        return {}
    pairs = [tuple(line.split()) for line in (path / "pairs").read_text().splitlines()
             if line.strip()]
    if quick:
        pairs = pairs[:60]
    raw: dict[str, str] = {}
    for susp, src in pairs:
        raw[susp] = (path / "susp" / susp).read_text(encoding="utf-8", errors="replace")
        raw[src] = (path / "src" / src).read_text(encoding="utf-8", errors="replace")
    url = {name: f"https://{name.removesuffix('.txt')}.pan.example/" for name in raw}
    write_jsonl(tmp / "pan.jsonl", [{"outlet": n, "url": url[n], "text": t}
                                     for n, t in raw.items()])
    config, opener = open_store(tmp / "pan.db")
    with opener as store:
        ingest(store, [str(tmp / "pan.jsonl")], config)
        report, seconds = timed_run(store, config)
        stored = {a.url: a for a in store.iter_articles()}
        links = store.reuse_links()
    name_of = {stored[url[n]].id: n for n in raw}
    maps = {n: offset_map(stored[url[n]].text, raw[n]) for n in raw}
    by_pair: dict[frozenset[str], list[ReuseLink]] = defaultdict(list)
    for link in links:
        by_pair[frozenset((name_of[link.source_article], name_of[link.target_article]))].append(
            link)
    case = re.compile(r'<feature name="plagiarism"[^>]*/>')
    tot: Counter[str] = Counter()
    for susp, src in pairs:
        xml = (path / "gold" / f"{susp[:-4]}-{src[:-4]}.xml").read_text()
        cases = [dict(re.findall(r'(\w+)="([^"]*)"', m)) for m in case.findall(xml)]
        gold = {s: merge((int(c[k + "_offset"]), int(c[k + "_offset"]) + int(c[k + "_length"]))
                         for c in cases) for s, k in ((susp, "this"), (src, "source"))}
        found = [lk for lk in by_pair.get(frozenset((susp, src)), []) if lk.kind == "copy"]
        tot["pairs"] += 1
        tot["pairs_found"] += bool(found)
        tot["quotation_only"] += bool(not found and by_pair.get(frozenset((susp, src))))
        pred: dict[str, list[Span]] = {susp: [], src: []}
        for lk in found:
            for art, s, e in ((lk.source_article, lk.source_start, lk.source_end),
                              (lk.target_article, lk.target_start, lk.target_end)):
                name = name_of[art]
                pred[name].append((maps[name][s], maps[name][e - 1] + 1))
            if lk.direction != "unknown":
                tot["dir_known"] += 1
                tot["dir_correct"] += name_of[lk.source_article] == src
        for name, side in ((susp, "susp"), (src, "src")):
            ps = merge(pred[name])
            for g in gold[name]:
                tot[f"{side}_cases"] += 1
                covered = sum(e - s for s, e in intersect([g], ps))
                tot[f"{side}_cases_found"] += covered >= 0.5 * (g[1] - g[0])
                tot[f"{side}_gold_chars"] += g[1] - g[0]
                tot[f"{side}_hit_chars"] += covered
            for p in pred[name]:
                inside = sum(e - s for s, e in intersect([p], gold[name]))
                tot[f"{side}_passages"] += 1
                tot[f"{side}_passages_ok"] += inside >= 0.5 * (p[1] - p[0])
                tot[f"{side}_pred_chars"] += p[1] - p[0]
                tot[f"{side}_pred_hit"] += inside
        tot["links"] += len(found)
    gold_sets = {frozenset(p) for p in pairs}
    other = [p for p, lks in by_pair.items() if p not in gold_sets
             and any(lk.kind == "copy" for lk in lks)]
    f = {"pan_pairs": tot["pairs"], "pan_pair_detection": tot["pairs_found"] / tot["pairs"],
         "pan_seconds": round(seconds, 2), "pan_docs": len(raw),
         "pan_other_copy_pairs": len(other), "pan_quotation_only_pairs": tot["quotation_only"],
         "pan_direction_known": tot["dir_known"], "pan_direction_correct": tot["dir_correct"]}
    for side in ("susp", "src"):
        f[f"pan_{side}_case_recall"] = tot[f"{side}_cases_found"] / max(1, tot[f"{side}_cases"])
        f[f"pan_{side}_passage_precision"] = tot[f"{side}_passages_ok"] / max(
            1, tot[f"{side}_passages"])
        f[f"pan_{side}_char_recall"] = tot[f"{side}_hit_chars"] / max(1, tot[f"{side}_gold_chars"])
        f[f"pan_{side}_char_precision"] = tot[f"{side}_pred_hit"] / max(
            1, tot[f"{side}_pred_chars"])
    print(f"  {len(raw)} documents, {tot['pairs']} gold pairs, {tot['susp_cases']} cases; "
          f"run_reuse {seconds:.1f} s ({len(raw) / seconds:.1f} docs/s, "
          f"{report.candidates} candidates)")
    print(f"  pair detection {f['pan_pair_detection']:.4f} ({tot['pairs_found']}/{tot['pairs']}; "
          f"{tot['quotation_only']} found only as quotation)")
    for side, label in (("susp", "suspicious"), ("src", "source")):
        print(f"  {label:<10} case recall (>=50% covered) {f[f'pan_{side}_case_recall']:.4f}, "
              f"passage precision (>=50% inside) {f[f'pan_{side}_passage_precision']:.4f}, "
              f"char recall {f[f'pan_{side}_char_recall']:.4f}, char precision "
              f"{f[f'pan_{side}_char_precision']:.4f}")
    print(f"  copy links between documents not paired in gold: {len(other)} pairs "
          f"(may be unlabelled reuse); links with a direction {tot['dir_known']}, "
          f"of which source-document-first {tot['dir_correct']}")
    return f


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, well under a minute")
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--pan", type=Path, default=PAN_DEFAULT)
    args = parser.parse_args(argv)
    src = ROOT / "src" / "newstrace"
    stage = [*sorted((src / "reuse").glob("*.py")), src / "store" / "reuse.py"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in stage)).hexdigest()[:12]
    figures: dict[str, Any] = {"seed": args.seed, "quick": args.quick, "stage_sha": digest}
    print(f"reuse stage source sha256 {digest} (src/newstrace/reuse, store/reuse.py)")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newstrace-reuse-") as tmp:
        figures.update(synthetic(args.seed, args.quick, Path(tmp)))
        figures.update(scaling(args.seed, args.quick, Path(tmp)))
        figures.update(pan(args.pan, args.quick, Path(tmp)))
    passed = {k: figures[k] >= t for k, t in TARGETS.items()}
    figures["targets_passed"] = passed
    figures["elapsed_s"] = round(time.perf_counter() - start, 1)
    verdicts = ", ".join(f"{k} {'PASS' if v else 'MISS'}" for k, v in passed.items())
    print(f"\nTargets: {verdicts}  ({figures['elapsed_s']} s)")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v
                      for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
