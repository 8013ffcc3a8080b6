"""Screenshot the dossier of the Abu Kamal strike for the README (docs/img/dossier.png).

    .venv/bin/python scripts/screenshot.py [--db example.db] [--out docs/img/dossier.png]
                                           [--events-out docs/img/events.png] [--width 1280]
                                           [--max-height PIXELS]

Without --db it builds the example store from examples/corpus in a temporary folder (the
gazetteer cache is the usual one, ~/.cache/newstrace, or $NEWSTRACE_CACHE). It starts
`newstrace serve` on a free port, finds the Abu Kamal event reported by most articles through
/events.json, waits for the map to be drawn, and saves a full-page PNG at the given width.
Uses Debian's Chromium (/usr/bin/chromium) through Playwright, never a browser download; the
page may load nothing from another origin (the run fails if it tries).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from web_server import (  # noqa: E402  (tests/ is put on the path just above)
    Visit,
    abu_kamal_strike,
    browser_missing,
    launch_chromium,
    open_visit,
    run_cli,
    start_server,
    stop_server,
)

if TYPE_CHECKING:
    from playwright.sync_api import FloatRect


def build_example(work: Path, env: dict[str, str]) -> Path:
    """The example corpus ingested and run through every stage into work/example.db."""
    db = work / "example.db"
    run_cli(["--db", db, "ingest", REPO / "examples" / "corpus"], env, work)
    run_cli(["--db", db, "run"], env, work)
    return db


def save(visit: Visit, path: str, out: Path, max_height: int | None) -> None:
    """Screenshot the whole page once its map (if any) is drawn, or its top max_height px."""
    visit.goto(path)
    if visit.page.locator("div.nt-map").count():
        visit.page.locator('div.nt-map[data-ready="1"]').wait_for(timeout=15_000)
    out.parent.mkdir(parents=True, exist_ok=True)
    height = int(visit.page.evaluate("() => document.documentElement.scrollHeight"))
    width = int(visit.page.viewport_size["width"]) if visit.page.viewport_size else 1280
    clip: FloatRect | None = None
    if max_height and height > max_height:
        clip = {"x": 0.0, "y": 0.0, "width": float(width), "height": float(max_height)}
    visit.page.screenshot(path=str(out), full_page=True, clip=clip)
    visit.assert_clean()
    print(f"{out}: {path}, {width}x{min(height, max_height or height)} px")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a processed store (default: build the example)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "dossier.png")
    parser.add_argument("--events-out", type=Path,
                        help="also screenshot the events page into this file")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--max-height", type=int, default=1700,
                        help="keep only the top of a longer page: the head, map, facts at a "
                             "glance and source chains (default 1700; 0: the whole page)")
    args = parser.parse_args(argv)
    missing = browser_missing()
    if missing:
        parser.error(missing)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newstrace-screenshot-") as tmp:
        work = Path(tmp)
        # the user's own environment: their gazetteer cache (~/.cache/newstrace or
        # $NEWSTRACE_CACHE) is reused, not rebuilt
        env = dict(os.environ)
        db = args.db.resolve() if args.db else build_example(work, env)
        server = start_server(db, env, work)
        try:
            strike = abu_kamal_strike(server)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                visit = open_visit(browser, server, work, width=args.width)
                save(visit, f"/events/{strike}", args.out, args.max_height)
                if args.events_out:
                    save(visit, "/events", args.events_out, args.max_height)
                browser.close()
        finally:
            stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
