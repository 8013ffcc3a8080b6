"""Events, stories and corroboration benchmark: every figure issue 6 asks for, one command.

    .venv/bin/python benchmarks/events.py [--section types|fields|grouping|gold|speed|all]
                                          [--limit N]

Sections (each also runs alone from its own module):

* types    event type on CASE 2021 task 2 (../shared/eval/events/case2021): accuracy,
           macro-F1, weighted F1 over ACLED sub-event types (benchmarks/events_types.py).
* fields   slot P/R/F1 for date, location, perpetrator, target, weapon, deaths on MUC-3/4 dev
           texts and keys (../shared/eval/events/muc34; benchmarks/events_fields.py;
           ``--limit`` documents, 200 by default).
* grouping same-event grouping on ECB+ (../shared/eval/stories/ecbplus): B-cubed P/R/F1 in
           one online pass, and the grouping cost at 1k/10k/100k generated event mentions
           (benchmarks/events_grouping.py).
* gold     the example corpus's event gold (examples/gold.yaml; benchmarks/events_gold.py).
* speed    events + stories + corroborate against the language stage, same store, on the
           example corpus (target: at most 20%).

The evaluation data is read from ../shared/eval and never copied; a missing folder is
reported and its section skipped.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"


def _example_store(db: str) -> tuple[dict[str, float], object]:
    from newstrace.config import load_config
    from newstrace.ingest import ingest
    from newstrace.pipeline import run_stages
    from newstrace.store import Store

    config = load_config(env={}, overrides={"db": db})
    timings: dict[str, float] = {}
    with Store.open(db) as store:
        ingest(store, [str(REPO / "examples" / "corpus")], config)
        for stage in ("reuse", "language", "claims", "events", "stories", "corroborate"):
            began = time.perf_counter()
            run_stages(store, config, [stage])
            timings[stage] = time.perf_counter() - began
    return timings, config


def speed() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        timings, _ = _example_store(str(Path(tmp) / "speed.db"))
    ours = timings["events"] + timings["stories"] + timings["corroborate"]
    print("speed, example corpus (28 articles), seconds per stage: " + ", ".join(
        f"{k} {v:.3f}" for k, v in timings.items()))
    print(f"  events + stories + corroborate = {ours:.3f} s = "
          f"{100 * ours / timings['language']:.1f}% of the language stage (target <= 20%)")


def gold() -> None:
    import events_gold
    from newstrace.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "gold.db")
        _example_store(db)
        with Store.open(db) as store:
            events_gold.print_report(events_gold.score(store))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", default="all",
                        choices=("types", "fields", "grouping", "gold", "speed", "all"))
    parser.add_argument("--limit", type=int, default=200, help="MUC documents (0 = all)")
    args = parser.parse_args(argv)
    chosen = {args.section} if args.section != "all" else \
        {"types", "fields", "grouping", "gold", "speed"}
    if "gold" in chosen:
        gold()
    if "speed" in chosen:
        speed()
    if "types" in chosen:
        import events_types
        events_types.main([])
    if "fields" in chosen:
        import events_fields
        events_fields.main(["--limit", str(args.limit)])
    if "grouping" in chosen:
        import events_grouping
        events_grouping.main([])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
