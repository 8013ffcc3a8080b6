"""Event grouping benchmark: article-level event identity on ECB+, and the index's scaling.

    .venv/bin/python benchmarks/events_grouping.py [--section ecb|scale|all] [--data DIR]
        [--limit N] [--adapter auto|pipeline|provisional] [--sizes 1000,10000,100000]

1. ECB+ (../shared/eval/stories/ecbplus, read its README; only train and dev are present):
   every article's main event mention goes through one online pass of ``EventIndex.add``,
   in a fixed order: the documents shuffled with ``random.Random(13)`` (ECB+ has no
   publication times, and sorted ids would feed each topic in one block, which flatters an
   online method). Scored against ``subtopic`` (the real-world event): B-cubed precision,
   recall and F1 over articles, per split and overall, and the near-miss rate: of the pairs
   of articles in the same topic but a different subtopic (the similar-but-different events
   ECB+ was built for), the share grouped together.
   Mentions come from the pipeline when ``newstrace.events.stage`` is importable (the docs
   ingested into a temporary store; stages reuse, language, claims, events; each article's
   first non-background mention, its title words added to its terms), else from a
   *provisional* adapter (spaCy en_core_web_sm: title words, entity names weighted by where
   they occur, lemmas of the lead), and the output says which.
2. Scaling: synthetic mentions (random types, dates over two years, a few hundred places,
   actors, Zipf-distributed terms, several reports per event) placed with
   ``EventIndex.add``; seconds, µs per mention, the ratio to n·log2 n, peak RSS (each size
   in its own process), and B-cubed against the generating events as a sanity check.

Nothing from ECB+ enters the repository.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from newstrace.events.identity import EventIndex
from newstrace.events.records import EventActor, EventMention
from newstrace.language.records import Span

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "stories" / "ecbplus"
ORDER_SEED = 13
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                 "WORK_OF_ART", "LAW"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
LEAD_SENTENCES = 3


@dataclass(frozen=True)
class Doc:
    doc_id: str
    topic: int
    subtopic: str
    split: str
    text: str

    @property
    def title(self) -> str:
        return self.text.split("\n", 1)[0]


# -- scoring -------------------------------------------------------------------------------


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the items of ``gold``."""
    by_pred: defaultdict[str, set[str]] = defaultdict(set)
    by_gold: defaultdict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    p = r = 0.0
    for item in gold:
        mine, truth = by_pred[pred[item]], by_gold[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def near_miss(pred: dict[str, str], docs: Sequence[Doc]) -> tuple[int, int]:
    """(merged, all) pairs of articles of the same topic but different subtopics."""
    merged = total = 0
    by_topic: defaultdict[int, list[Doc]] = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d)
    for group in by_topic.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.subtopic != b.subtopic:
                    total += 1
                    merged += pred[a.doc_id] == pred[b.doc_id]
    return merged, total


# -- ECB+ adapters -------------------------------------------------------------------------


def load_docs(data: Path, limit: int | None) -> list[Doc]:
    docs = []
    with (data / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(Doc(r["doc_id"], int(r["topic"]), r["subtopic"], r["split"],
                            r["text"]))
    random.Random(ORDER_SEED).shuffle(docs)
    return docs[:limit] if limit else docs


def _bare(doc_id: str, terms: Iterable[str]) -> EventMention:
    return EventMention(doc_id, 0, "Other", "", Span(0, 0, ""), terms=tuple(terms))


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'\-]+", text)]


def provisional_mentions(docs: Sequence[Doc]) -> dict[str, EventMention]:
    """Provisional stand-in for the events stage: one mention per article with terms only.

    Title content words twice, entity names (as words) three times in the title or the
    lead and once later, content lemmas of the lead once. No type, place or date: ECB+ has
    no publication times to resolve relative dates against, so terms carry the decision.
    """
    from newstrace.language.nlp import load_nlp

    nlp = load_nlp("", [])
    out: dict[str, EventMention] = {}
    for d, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=32), strict=True):
        terms: list[str] = []
        lead_end = 0
        for i, sent in enumerate(doc.sents):
            if i == LEAD_SENTENCES:
                break
            lead_end = sent.end
        title_end = len(d.title)
        for tok in doc[:lead_end]:
            if tok.pos_ in CONTENT_POS and not tok.is_stop and tok.is_alpha:
                terms.append(tok.lemma_.lower())
                if tok.idx < title_end:
                    terms.append(tok.lemma_.lower())
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                weight = 3 if ent.start < lead_end else 1
                terms += [w for w in _words(ent.text) for _ in range(weight)]
        out[d.doc_id] = _bare(d.doc_id, terms)
    return out


def pipeline_mentions(docs: Sequence[Doc]) -> dict[str, EventMention]:
    """Each article's main mention (the first not background) from the real stages."""
    from newstrace.config import load_config
    from newstrace.ingest import ingest
    from newstrace.pipeline import run_stages
    from newstrace.store import Store

    work = Path(tempfile.mkdtemp(prefix="nt-events-bench-"))
    jsonl = work / "docs.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for d in docs:
            title, _, body = d.text.partition("\n")
            fh.write(json.dumps({"url": f"https://ecb.example/{d.doc_id}", "title": title,
                                 "text": d.text if not body else f"{title}\n\n{body}",
                                 "source_domain": "ecb.example"}) + "\n")
    config = load_config(env={}, overrides={"db": str(work / "s.db")})
    out: dict[str, EventMention] = {}
    with Store.open(config.db) as store:
        ingest(store, [str(jsonl)], config)
        run_stages(store, config, ["reuse", "language", "claims", "events"])
        for article in store.iter_articles():
            doc_id = (article.url or "").rsplit("/", 1)[-1]
            mentions = store.article_event_mentions(article.id)
            main = next((m for m in mentions if not m.background), None) or (
                mentions[0] if mentions else None)
            title_terms = [w for w in _words(article.title or "") if len(w) > 2]
            if main is None:
                out[doc_id] = _bare(doc_id, title_terms * 2)
                continue
            main.terms = (*main.terms, *title_terms)
            main.article_id, main.background = doc_id, False
            out[doc_id] = main
    return out


def choose_adapter(name: str) -> tuple[str, Callable[[Sequence[Doc]], dict[str, EventMention]]]:
    if name == "provisional":
        return "provisional (spaCy terms)", provisional_mentions
    try:
        import newstrace.events.stage  # noqa: F401
    except ImportError as exc:
        if name == "pipeline":
            raise
        print(f"  events stage not importable ({exc}); using the provisional adapter")
        return "provisional (spaCy terms)", provisional_mentions
    return "pipeline (reuse, language, claims, events)", pipeline_mentions


def ecb_section(data: Path, limit: int | None, adapter: str) -> None:
    print("== ECB+ article grouping (one online pass, order: shuffle seed "
          f"{ORDER_SEED}) ==")
    if not (data / "docs.jsonl").exists():
        print(f"  no ECB+ data at {data}: skipped (see the README of "
              "shared/eval/stories/ecbplus)")
        return
    docs = load_docs(data, limit)
    label, build = choose_adapter(adapter)
    start = time.perf_counter()
    mentions = build(docs)
    built = time.perf_counter() - start
    index = EventIndex()
    start = time.perf_counter()
    pred = {d.doc_id: index.add(mentions[d.doc_id]) for d in docs}
    grouped = time.perf_counter() - start
    print(f"  adapter: {label}; {len(docs)} docs; mentions built in {built:.1f} s, "
          f"grouped in {grouped * 1000:.0f} ms")
    print(f"  {'split':<6} {'docs':>5} {'events':>6} {'pred':>5} {'B3-P':>6} {'B3-R':>6} "
          f"{'B3-F1':>6} {'near-miss':>14}")
    for split in ("train", "dev", "all"):
        part = [d for d in docs if split in ("all", d.split)]
        if not part:
            continue
        gold = {d.doc_id: d.subtopic for d in part}
        p, r, f = bcubed(pred, gold)
        merged, pairs = near_miss(pred, part)
        n_pred = len({pred[d] for d in gold})
        print(f"  {split:<6} {len(part):>5} {len(set(gold.values())):>6} {n_pred:>5} "
              f"{p:>6.3f} {r:>6.3f} {f:>6.3f} {merged / max(pairs, 1):>6.3f} "
              f"({merged}/{pairs})")


# -- synthetic scaling ---------------------------------------------------------------------

TYPES = [("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
         ("Strategic developments", "Arrests"), ("Other", "")]
DAY0 = date(2025, 1, 1).toordinal()


def synthetic(n: int, seed: int = 5) -> list[EventMention]:
    """n mentions of about n/4 events, in publication order."""
    rng = random.Random(seed)
    places = [(f"gp-{i}", 25 + rng.random() * 15, 35 + rng.random() * 20) for i in range(300)]
    vocab = [f"w{i}" for i in range(20000)]
    cum = list(_zipf_cumulative(len(vocab)))
    actors = [f"act-{i}" for i in range(800)]
    out: list[tuple[int, EventMention]] = []
    event = 0
    while len(out) < n:
        event += 1
        kind = rng.choice(TYPES)
        day = DAY0 + rng.randrange(730)
        pid, lat, lon = rng.choice(places)
        cast = rng.sample(actors, rng.randint(1, 3))
        core = [*rng.choices(vocab, cum_weights=cum, k=6), f"name{event}"]
        for k in range(min(rng.choice((1, 1, 2, 3, 4, 6, 9)), n - len(out))):
            out.append(_report(rng, event, k, kind, day, (pid, lat, lon), cast, core, vocab,
                               cum))
    out.sort(key=lambda x: x[0])
    return [m for _, m in out]


def _zipf_cumulative(n: int) -> Iterable[float]:
    total = 0.0
    for rank in range(1, n + 1):
        total += 1.0 / rank
        yield total


def _report(rng: random.Random, event: int, k: int, kind: tuple[str, str], day: int,
            place: tuple[str, float, float], cast: list[str], core: list[str],
            vocab: list[str], cum: list[float]) -> tuple[int, EventMention]:
    pid, lat, lon = place
    published = day + rng.randint(0, 3) + (rng.randint(5, 200) if k == 5 else 0)
    background = k == 5
    roll = rng.random()
    if background or roll < 0.1:
        start = date.fromordinal(day).replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        window: tuple[str | None, str | None, str | None] = (start.isoformat(),
                                                             end.isoformat(), "month")
    elif roll < 0.8:
        window = (date.fromordinal(day).isoformat(),) * 2 + ("day",)
    elif roll < 0.95:
        window = (date.fromordinal(day - 3).isoformat(),
                  date.fromordinal(day + 3).isoformat(), "week")
    else:
        window = (None, None, None)
    prec = rng.random()
    geo = ("town", pid, lat, lon) if prec < 0.75 else (
        "province", f"prov-{int(lat // 3)}-{int(lon // 3)}", (lat // 3) * 3 + 1.5,
        (lon // 3) * 3 + 1.5)
    terms = rng.sample(core, 4) + rng.choices(vocab, cum_weights=cum, k=8)
    m = EventMention(
        f"art-{event}-{k}", 0, kind[0], kind[1] if rng.random() < 0.8 else "",
        Span(0, 0, ""), published_at=date.fromordinal(published).isoformat() + "T12:00:00",
        date_start=window[0], date_end=window[1], time_precision=window[2],
        place_id=geo[1], place=geo[1], country=f"C{int(lon // 5)}", lat=geo[2], lon=geo[3],
        geo_precision=geo[0],
        actors=[EventActor(a, "actor", a) for a in cast if rng.random() < 0.7],
        background=background, terms=tuple(terms))
    return published, m


def _peak_mb() -> float:
    """VmHWM: unlike ru_maxrss it is not inherited across exec from a parent that had
    loaded spaCy for the ECB+ section."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_scale(n: int) -> dict[str, float]:
    mentions = synthetic(n)
    gold = {m.article_id: m.article_id.rsplit("-", 1)[0] for m in mentions}
    index = EventIndex()
    start = time.perf_counter()
    pred = {m.article_id: index.add(m) for m in mentions}
    seconds = time.perf_counter() - start
    p, r, f = bcubed(pred, gold)
    return {"n": n, "seconds": seconds, "events": len(index.clusters),
            "gold_events": len(set(gold.values())), "p": p, "r": r, "f": f,
            "peak_mb": _peak_mb()}


def scale_section(sizes: Sequence[int]) -> None:
    print("== EventIndex.add scaling on synthetic mentions (each size in its own process) ==")
    print(f"  {'n':>7} {'seconds':>8} {'us/mention':>10} {'us/(log2 n)':>11} "
          f"{'events':>7} {'gold':>7} {'B3-P':>6} {'B3-R':>6} {'peak MB':>8}")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--child-scale", str(n)],
                             check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        us = r["seconds"] / n * 1e6
        print(f"  {n:>7} {r['seconds']:>8.2f} {us:>10.1f} {us / math.log2(n):>11.2f} "
              f"{r['events']:>7} {r['gold_events']:>7} {r['p']:>6.3f} {r['r']:>6.3f} "
              f"{r['peak_mb']:>8.0f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--section", choices=("ecb", "scale", "all"), default="all")
    ap.add_argument("--limit", type=int, default=None, help="ECB+ documents to use")
    ap.add_argument("--adapter", choices=("auto", "pipeline", "provisional"), default="auto")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--child-scale", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_scale:
        print(json.dumps(child_scale(args.child_scale)))
        return 0
    if args.section in ("ecb", "all"):
        ecb_section(args.data, args.limit, args.adapter)
    if args.section in ("scale", "all"):
        scale_section([int(s) for s in args.sizes.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
