"""Web view speed: the events page and a dossier on a store of 100,000 events.

    .venv/bin/python benchmarks/serve.py [--events N] [--db PATH] [--keep] [--requests K]
        [--repeat R] [--section library|http|all] [--seed S]

Target (issue 7): with 100,000 events in the store, the events page and a dossier each
answer in 200 ms or less at the median on this machine.

The store: ``--db PATH`` reuses a store built earlier (or builds it there); without it one
of ``--events`` events is built in a temporary folder (benchmarks/serve_data.py, seeded)
and removed at the end unless ``--keep``. ``library`` times in-process what the server runs
(``list_events``, the web's ``events_page`` and ``dossier_page`` + ``dossier_view``,
``build_dossier``), with a cProfile of whatever takes over half the target. ``http`` starts
``newstrace serve`` and times each route with urllib, one connection per request, the
first request of each route not counted; PASS/FAIL is the median against 200 ms for the
events page and the dossier (HTML and JSON); other routes are shown for information.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import math
import os
import pstats
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newstrace.events.dossier import build_dossier
from newstrace.store import EventFilter, Store
from newstrace.web import pages

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_data import build_store

TARGET_MS = 200.0
SAMPLE_SEED = 11
MAP = {"basemap_url": "", "tiles": "", "attribution": ""}


@dataclass
class Sample:
    """What is requested: random events, the events with the most articles, one article
    of each random event, a crowded and a rare place, a common type."""

    events: list[str]
    big: list[str]
    articles: list[str]
    warm: str  # an event requested first and not counted
    crowded: str
    rare: str
    event_type: str


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (the p95 of 50 timings is the third slowest)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def load() -> str:
    """Timings on a busy machine are not the machine's speed: say how busy it was."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def db_size_mb(path: Path) -> float:
    files = [path, path.with_name(path.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def open_or_build(db: Path, n_events: int, seed: int) -> None:
    if db.exists():
        print(f"store: reusing {db} ({db_size_mb(db):.0f} MB)")
        return
    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 10_000 == 0 or done == n_events:
            print(f"  {done:,} events stored, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)

    with Store.open(db) as store:
        counts = build_store(store, n_events, seed, progress)
    print(f"store: built in {time.perf_counter() - started:.0f} s ({load()}): "
          + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(f"store: {db} {db_size_mb(db):.0f} MB")


def sample(store: Store, n: int) -> Sample:
    """Events from a dozen random pages of the newest-first list."""
    rng = random.Random(SAMPLE_SEED)
    total = store.count_events(EventFilter())
    pool = []
    for offset in sorted(rng.sample(range(0, total, 500), min(12, math.ceil(total / 500)))):
        pool += store.list_events(limit=500, offset=offset)
    rng.shuffle(pool)
    picked = pool[:n + 1]
    big = sorted(pool, key=lambda e: (-len(e.article_ids), e.id))[:10]
    places = Counter(e.place for e in pool if e.place).most_common()
    return Sample([e.id for e in picked[1:]], [e.id for e in big],
                  [e.article_ids[0] for e in picked], picked[0].id, places[0][0],
                  places[-1][0], Counter(e.sub_event_type for e in pool).most_common(1)[0][0])


# -- library -----------------------------------------------------------------------------

def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up: first-use costs (page cache, registered functions) are not counted
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def timed_each(fn: Callable[[str], object], ids: list[str]) -> tuple[list[float], str]:
    """One call per id; the timings and the slowest id."""
    out = []
    for ref in ids:
        started = time.perf_counter()
        fn(ref)
        out.append((time.perf_counter() - started) * 1000)
    return out, ids[max(range(len(out)), key=out.__getitem__)]


def profile(fn: Callable[[], object]) -> str:
    """cProfile's top 10 by cumulative time, header lines dropped."""
    prof = cProfile.Profile()
    prof.runcall(fn)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(10)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    return "\n".join("      " + ln[:140] for ln in lines[start:])


def verdict(p50: float, gated: bool) -> str:
    if gated:
        return "PASS" if p50 <= TARGET_MS else "FAIL"
    return "ok" if p50 <= TARGET_MS else "slow"


def report(name: str, ms: list[float], gated: bool, slow: Callable[[], object]) -> None:
    p50 = pct(ms, 0.5)
    print(f"  {name:<46} {len(ms):>4} {p50:8.1f} {pct(ms, 0.95):8.1f} {max(ms):8.1f}  "
          f"{verdict(p50, gated)}")
    if p50 > TARGET_MS / 2:
        print(profile(slow))


def library(store: Store, s: Sample, repeat: int) -> None:
    print(f"\nlibrary, in-process ({load()})\n  {'call':<46} {'n':>4} {'p50':>8} {'p95':>8} "
          f"{'max':>8}  (ms)")
    lists: dict[str, dict[str, str]] = {
        "": {}, f" place={s.crowded!r}": {"place": s.crowded},
        f" place={s.rare!r}": {"place": s.rare}, f" type={s.event_type!r}":
        {"type": s.event_type}, " since/until 2023-04..2023-06":
        {"since": "2023-04", "until": "2023-06"}}
    for name, args in lists.items():
        def listed(a: dict[str, str] = args) -> object:
            return store.list_events(a.get("since"), a.get("until"), a.get("place"),
                                     a.get("type"), limit=50)
        report("list_events" + name, timed(listed, repeat), False, listed)
    lists |= {" status=contested": {"status": "contested"}, " page=500": {"page": "500"}}
    for name, args in lists.items():
        query = pages.EventQuery.from_args(args)

        def page(q: pages.EventQuery = query) -> object:
            return pages.events_view(pages.events_page(store, q), q)
        report("events_page" + name, timed(page, repeat), not name, page)

    def dossier(ref: str) -> object:
        return pages.dossier_view(pages.dossier_page(store, ref), MAP)

    dossier(s.warm)
    for name, fn, ids in (("dossier_page + dossier_view", dossier, s.events),
                          ("  the same, events with most articles", dossier, s.big),
                          ("build_dossier", lambda ref: build_dossier(store, ref), s.events)):
        ms, worst = timed_each(fn, ids)
        report(name, ms, True, functools.partial(fn, worst))


# -- HTTP --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[float, int, int]:
    """(ms, HTTP status, bytes) of one request on a new connection."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            status, size = int(resp.status), len(resp.read())
    except urllib.error.HTTPError as exc:
        status, size = int(exc.code), len(exc.read())
    return (time.perf_counter() - started) * 1000, status, size


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", str(db),
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}): {log.read_text()}")
        try:
            get(f"http://127.0.0.1:{port}/-/versions.json")
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not answer within 120 s")


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def http(db: Path, s: Sample, repeat: int) -> None:
    q = urllib.parse.quote
    fixed = {"/events": "/events", "/events.json": "/events.json",
             "/events?place=<crowded>": f"/events?place={q(s.crowded)}",
             "/events?place=<rare>": f"/events?place={q(s.rare)}",
             "/events?status=contested": "/events?status=contested",
             "/events?page=500": "/events?page=500",
             "/events?type=<common>": f"/events?type={q(s.event_type)}"}
    routes = {k: [v] * (repeat + 1) for k, v in fixed.items()}
    routes["/events/<id>"] = [f"/events/{e}" for e in (s.warm, *s.events)]
    routes["/events/<id>.json"] = [f"/events/{e}.json" for e in (s.warm, *s.events)]
    routes["/events/<id>, most articles"] = [f"/events/{e}" for e in (s.warm, *s.big)]
    routes["/articles/<id>"] = [f"/articles/{a}" for a in s.articles]
    gated = {"/events", "/events/<id>", "/events/<id>.json", "/events/<id>, most articles"}
    log = Path(tempfile.mkstemp(prefix="serve-bench-", suffix=".log")[1])
    port = free_port()
    proc = start_server(db, port, log)
    try:
        print(f"\nhttp, newstrace serve ({load()}): place {s.crowded!r} (crowded), "
              f"{s.rare!r} (rare), type {s.event_type!r}")
        print(f"  {'route':<30} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'KB':>6}  (ms)")
        for name, paths in routes.items():
            get(f"http://127.0.0.1:{port}{paths[0]}")  # warm-up, not counted
            runs = [get(f"http://127.0.0.1:{port}{p}") for p in paths[1:]]
            ms = [r[0] for r in runs]
            bad = Counter(r[1] for r in runs if r[1] != 200)
            print(f"  {name:<30} {len(ms):>4} {pct(ms, 0.5):8.1f} {pct(ms, 0.95):8.1f} "
                  f"{max(ms):8.1f} {sum(r[2] for r in runs) / len(runs) / 1024:6.1f}  "
                  f"{verdict(pct(ms, 0.5), name in gated)}"
                  + (f"  HTTP errors {dict(bad)}" if bad else ""))
        print(f"  server peak RSS (VmHWM) {vm_hwm_mb(proc.pid):.0f} MB; "
              f"store {db_size_mb(db):.0f} MB")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Web view speed on a large store.")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="reuse this store (built there if missing)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary store")
    ap.add_argument("--requests", type=int, default=50, help="random events requested")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each events page")
    ap.add_argument("--section", choices=("library", "http", "all"), default="all")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    tmp = None if args.db else Path(tempfile.mkdtemp(prefix="newstrace-serve-"))
    db = Path(args.db) if tmp is None else tmp / "bench.db"
    try:
        open_or_build(db, args.events, args.seed)
        with Store.open(db) as store:
            s = sample(store, args.requests)
            if args.section in ("library", "all"):
                library(store, s, args.repeat)
        if args.section in ("http", "all"):
            http(db, s, args.repeat)
    finally:
        if tmp is not None and args.keep:
            print(f"\nstore kept at {db}")
        elif tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
