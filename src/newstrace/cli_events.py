"""The event commands of the CLI: `events`, `export`, `serve`, and `show` of an event.

Kept apart from `cli.py` (articles, stages, language, claims) so each module stays short;
like it, only argument parsing and rendering: the work is in `events/` and `web/`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from newstrace.config import Config
from newstrace.errors import NewstraceError, UsageError
from newstrace.events.dossier import build_dossier, event_row, render_dossier
from newstrace.events.export import FORMATS as EXPORT_FORMATS
from newstrace.events.export import export_events
from newstrace.events.records import FACT_STATUSES
from newstrace.output import write_jsonl, write_table
from newstrace.store import Store
from newstrace.store.event_filters import partial_date


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("events", parents=[common],
                       help="events: what happened, where, when, how independently reported")
    p.add_argument("--json", action="store_true", help="JSON Lines")
    p.add_argument("--since", metavar="DATE",
                   help="events ending on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE",
                   help="events starting on or before (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--place", metavar="TEXT",
                   help="a word of the place, province or country (or of a name the "
                        "articles used) starts so")
    p.add_argument("--type", metavar="TEXT", dest="event_type",
                   help="a word of the event type or sub-event type starts so")
    p.add_argument("--limit", type=int)
    p.add_argument("--no-background", action="store_true",
                   help="leave out events only ever recalled as background")
    p.add_argument("--actor", metavar="NAME", help="an actor's name or alias starts so")
    p.add_argument("--status", choices=FACT_STATUSES,
                   help="events with at least one fact of this status")

    p = sub.add_parser("serve", parents=[common],
                       help="the evidence base in the browser (read-only, Datasette)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--no-sql", action="store_true",
                   help="turn off arbitrary SQL queries (for a public deployment)")
    p.add_argument("--time-limit-ms", type=int, default=1000,
                   help="longest a query may run (default 1000)")
    p.add_argument("--tiles", metavar="URL",
                   help="map tile URL template ({z}/{x}/{y}); default: the offline basemap")
    p.add_argument("--attribution", default="", help="attribution text for --tiles")

    p = sub.add_parser("export", parents=[common],
                       help="every event: jsonl (dossiers), csv (ACLED columns) or geojson")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", metavar="FILE", help="write here (atomically) instead of stdout")


def show_event(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    dossier = build_dossier(store, args.article_id)
    if args.json:
        out.write(json.dumps(dossier, ensure_ascii=False) + "\n")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    for line in render_dossier(dossier, width):
        out.write(line + "\n")
    return 0


def cmd_events(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    events = store.list_events(
        since=partial_date(args.since, "--since"), until=partial_date(args.until, "--until"),
        place=args.place, event_type=args.event_type, limit=args.limit,
        include_background=not args.no_background, actor=args.actor, status=args.status)
    chains = store.chains_of([a for e in events for a in e.article_ids])
    rows = [event_row(e, store.event_facts(e.id), chains) for e in events]
    if args.json:
        write_jsonl(rows, out)
        return 0
    if not rows and not store.events_summary()["events"]:
        sys.stderr.write("no events in the store: `newstrace run` finds them\n")
        return 0
    write_table([_event_cells(r) for r in rows],
                [("id", "id"), ("date", "date"), ("precision", "prec"), ("type", "type"),
                 ("place", "place"), ("fatalities", "killed"), ("n_articles", "articles"),
                 ("n_chains", "chains"), ("facts", "facts")], out)
    out.write(f"{len(rows)} events (facts: c corroborated, s single-source, x contested, "
              "d denied; [bg] only recalled as background)\n")
    return 0


EVENT_ID_SHOWN = 11
"""Characters of an event id shown in tables ("ev-" and 8 more); `show` takes any prefix."""
STATUS_MARKS = {"corroborated": "c", "single-source": "s", "contested": "x", "denied": "d"}


def _event_cells(row: dict[str, Any]) -> dict[str, Any]:
    """An event row squeezed for a table: short id, sub-type, fact statuses as 2c 1d."""
    start, end = row["date_start"], row["date_end"]
    if not start or end in (None, start):
        dates = start or ""
    else:
        dates = f"{start}..{end[8:]}" if end[:8] == start[:8] else f"{start}..{end}"
    killed = row["fatalities"] or {}
    low, best, high = (killed.get(k) for k in ("low", "best", "high"))
    shown = best if best is not None else low
    spread = f" ({low}-{'' if high is None else high})" if low != high else ""
    statuses: dict[str, int] = {}
    for fact in row["facts"]:
        statuses[fact["status"]] = statuses.get(fact["status"], 0) + 1
    return {**row, "id": row["id"][:EVENT_ID_SHOWN], "date": dates,
            "precision": row["time_precision"],
            "type": row["sub_event_type"] + (" [bg]" if row["background"] else ""),
            "place": ", ".join(x for x in (row["place"], row["country"]) if x),
            "fatalities": "" if shown is None else f"{shown}{spread}",
            "facts": " ".join(f"{statuses[s]}{m}" for s, m in STATUS_MARKS.items()
                              if s in statuses)}


def cmd_export(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    if args.out is None:
        export_events(store, args.format, out)
        return 0
    n = _export_to_file(store, args.format, Path(args.out))
    out.write(f"exported {n} events ({args.format}) to {args.out}\n")
    return 0


def _export_to_file(store: Store, fmt: str, target: Path) -> int:
    """Write through a temporary file in the target's folder, then rename: a failed export
    leaves any earlier file whole and no half-written one."""
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"--out {target}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise NewstraceError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            n = export_events(store, fmt, handle)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        raise NewstraceError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return n


def cmd_serve(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    from newstrace.web.app import serve  # Datasette loads only for this command

    store.update_search_index()  # articles ingested since the last run, for search
    store.conn.close()  # migrated by main(); the server reads with its own connections
    serve(store.path, args.host, args.port, allow_sql=not args.no_sql,
          time_limit_ms=args.time_limit_ms, tiles=args.tiles, attribution=args.attribution)
    return 0


Command = Callable[[argparse.Namespace, Store, Config, TextIO], int]
COMMANDS: dict[str, Command] = {"events": cmd_events, "export": cmd_export, "serve": cmd_serve}
