"""Sections of benchmarks/language.py: the dates table and speed (also runnable alone).

    .venv/bin/python benchmarks/language_parts.py [--texts lgl|example] [--limit N]

Dates: every row of the expression table in tests/test_timeref.py (expressions, publication
times, expected interval, precision, anchor, hedge or reason; written by us) resolved, with
the share correct and the time per expression.

Speed: the language stage against bare spaCy on the same texts.

Each measurement runs in a fresh subprocess so peak RSS is its own:
- bare: ``spacy.load(model)`` as shipped (every component) and ``nlp.pipe`` over the texts;
- bare-same: the components the stage keeps (lemmatizer excluded), ``nlp.pipe`` only;
- stage: the texts ingested into a temporary store, then ``run_language`` (EntityRuler,
  actors, places on the gazetteer, dates, quantities, store writes, actor merge) timed alone.
- gazetteer: load time of the cached index (the index is built first if absent; not timed).
Texts: LGL's 588 local news articles when ../shared/eval/geo is present (measurement only),
else the example corpus repeated.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LGL = REPO.parent / "shared" / "eval" / "geo" / "LGL" / "lgl.xml"


def load_texts(kind: str, limit: int) -> list[str]:
    if kind == "lgl" and LGL.exists():
        texts = [t.text or "" for t in ET.parse(LGL).getroot().iter("text")]
    else:
        from newstrace.normalize import normalize_text

        files = sorted((REPO / "examples" / "corpus" / "text").glob("*.txt"))
        base = [normalize_text(f.read_text(encoding="utf-8")) for f in files]
        texts = [t for _ in range(max(1, limit // max(1, len(base)) + 1)) for t in base]
    return [t for t in texts if t.strip()][:limit]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_bare(texts_file: str, same: bool) -> dict[str, float]:
    import spacy

    from newstrace.language.nlp import UNUSED_PIPES, model_location

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    nlp = spacy.load(model_location(), exclude=list(UNUSED_PIPES) if same else [])
    nlp.max_length = 3_000_000
    start = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    return {"seconds": time.perf_counter() - start, "docs": n, "peak_mb": _peak_mb()}


def child_stage(texts_file: str, cache: str) -> dict[str, float]:
    from newstrace.config import load_config
    from newstrace.ingest import ingest
    from newstrace.language.stage import run_language
    from newstrace.store import Store

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="nt-lang-bench-"))
    jsonl = work / "articles.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"url": f"https://bench.example/{i}", "title": f"Doc {i}",
                                  "text": text, "published": "2026-11-10T12:00:00+00:00",
                                  "source_domain": "bench.example"}) + "\n")
    config = load_config(env={}, overrides={"db": str(work / "s.db"), "cache": cache})
    with Store.open(config.db) as store:
        ingest(store, [str(jsonl)], config)
        start = time.perf_counter()
        report = run_language(store, config)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "docs": report.articles, "peak_mb": _peak_mb(),
            "rejected": report.rejected}


def child_gazetteer(cache: str) -> dict[str, float]:
    from newstrace.language.gazetteer import Gazetteer

    Gazetteer.load(Path(cache)).close()  # build if absent (not timed)
    start = time.perf_counter()
    gaz = Gazetteer.load(Path(cache))
    gaz.resolve("Abu Kamal", countries=["SY"])
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def speed_section(texts_kind: str = "lgl", limit: int = 300, cache: str = "") -> None:
    from newstrace.language.gazetteer_build import default_cache_dir

    cache = cache or str(default_cache_dir())
    texts = load_texts(texts_kind, limit)
    words = sum(len(t.split()) for t in texts)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(texts, f)
    print(f"\n== speed: {len(texts)} texts ({texts_kind if LGL.exists() else 'example'}), "
          f"{words / max(1, len(texts)):.0f} words on average, one process ==")
    gaz = _child("gazetteer", cache)
    print(f"gazetteer ready (cached index)   {gaz['seconds'] * 1000:7.0f} ms  "
          f"(target <= 2000 ms)")
    rows = [("bare spaCy, full model", _child("bare", f.name, "full")),
            ("bare spaCy, stage's components", _child("bare", f.name, "same")),
            ("language stage (all of it)", _child("stage", f.name, cache))]
    for name, r in rows:
        print(f"{name:<32} {r['seconds']:7.1f} s  {r['docs'] / r['seconds']:6.1f} docs/s  "
              f"peak RSS {r['peak_mb']:6.0f} MB")
    ratio = rows[2][1]["seconds"] / rows[0][1]["seconds"]
    ratio_same = rows[2][1]["seconds"] / rows[1][1]["seconds"]
    print(f"stage / bare full model: {ratio:.2f}x; stage / bare same components: "
          f"{ratio_same:.2f}x (target <= 1.3x, >= 7 docs/s, peak <= 1500 MB)")


def dates_section() -> None:
    sys.path.insert(0, str(REPO / "tests"))
    from newstrace.language.timeref import resolve_time
    from test_timeref import RESOLVED, UNRESOLVED

    wrong = []
    start = time.perf_counter()
    for text, pub, pub_precision, *expected in RESOLVED:
        ref = resolve_time(text, pub, pub_precision)
        got = [ref.start, ref.end, ref.precision, ref.anchor, ref.hedge]
        if got != expected:
            wrong.append(f"{text!r} @ {pub}: got {got}, expected {expected}")
    for text, pub, pub_precision, reason in UNRESOLVED:
        ref = resolve_time(text, pub, pub_precision)
        if (ref.start, ref.reason) != (None, reason):
            wrong.append(f"{text!r} @ {pub}: got {ref.start} / {ref.reason!r}, "
                         f"expected unresolved: {reason!r}")
    seconds = time.perf_counter() - start
    total = len(RESOLVED) + len(UNRESOLVED)
    print(f"\n== dates: {total} expressions ({len(RESOLVED)} resolvable, "
          f"{len(UNRESOLVED)} to leave unresolved with a reason) ==")
    print(f"correct {total - len(wrong)}/{total}; {seconds / total * 1000:.2f} ms per "
          f"expression (first call loads dateparser's data)")
    for line in wrong:
        print("  WRONG", line)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        if kind == "bare":
            result = child_bare(rest[0], rest[1] == "same")
        elif kind == "stage":
            result = child_stage(rest[0], rest[1])
        else:
            result = child_gazetteer(rest[0])
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", choices=("lgl", "example"), default="lgl")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--cache-dir", default="")
    args = parser.parse_args()
    dates_section()
    speed_section(args.texts, args.limit, args.cache_dir)


if __name__ == "__main__":
    main()
