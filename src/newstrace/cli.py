"""The `newstrace` command: a thin shell over the library.

Errors raised on purpose (newstrace.errors) become one line on stderr and an exit code:
1 when inputs were rejected or a record was not found, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from newstrace import __version__, stages, views
from newstrace.config import Config, load_config
from newstrace.errors import NewstraceError, UsageError
from newstrace.events.dossier import build_dossier, event_row, render_dossier
from newstrace.events.export import FORMATS as EXPORT_FORMATS
from newstrace.events.export import export_events
from newstrace.events.records import FACT_STATUSES
from newstrace.ingest import IngestOptions, IngestReport, ingest
from newstrace.ingest.detect import FORMATS
from newstrace.output import safe, safe_block, write_jsonl, write_table
from newstrace.pipeline import run_stages
from newstrace.published import parse_published
from newstrace.store import ArticleFilter, Store, to_utc

SHORT_ID = 8
"""Characters of an article id shown in tables; `show` and `--article` take any 6 or more."""
CONTENT_PREVIEW = 160


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="the store (default ./newstrace.db, or $NEWSTRACE_DB)")
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="configuration file (default ./newstrace.toml if present)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(prog="newstrace", parents=[common],
                     description="Turn news articles into an evidence base.")
    parser.add_argument("--version", action="version", version=f"newstrace {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("ingest", parents=[common], help="ingest files, folders, globs or '-'")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", default="auto", choices=("auto", *FORMATS))
    p.add_argument("--outlet", help="outlet name for every document (wins over the document)")
    p.add_argument("--url", help="URL for the document (wins over the document)")
    p.add_argument("--published", help="publication time, ISO 8601 (wins over the document)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--max-input-bytes", type=int, default=None, help="size limit per document")

    p = sub.add_parser("articles", parents=[common], help="list stored articles")
    p.add_argument("--json", action="store_true", help="JSON Lines")
    p.add_argument("--outlet", help="outlet name, id or domain")
    p.add_argument("--since", help="published on or after (ISO date or time)")
    p.add_argument("--until", help="published on or before (ISO date or time)")
    p.add_argument("--limit", type=int)

    p = sub.add_parser("show", parents=[common],
                       help="one article, whole; or an event's dossier (ids starting ev-)")
    p.add_argument("article_id", metavar="REF", help="article or event id, or a prefix")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("rejections", parents=[common], help="inputs that could not be used")
    p.add_argument("--json", action="store_true")
    p.add_argument("--stage")

    p = sub.add_parser("summary", parents=[common], help="what is in the store")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("runs", parents=[common], help="recent stage runs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20)

    sub.add_parser("stages", parents=[common], help="the registered pipeline stages")

    p = sub.add_parser("run", parents=[common], help="run processing stages (default: all)")
    p.add_argument("stages", nargs="*", metavar="STAGE", help="e.g. reuse")

    p = sub.add_parser("reuse", parents=[common], help="passages shared between articles")
    p.add_argument("--json", action="store_true")
    p.add_argument("--article", metavar="ID", help="only links of this article")

    p = sub.add_parser("chains", parents=[common], help="source chains: who copied whom")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include single-article chains")

    p = sub.add_parser("mentions", parents=[common],
                       help="an article's actors, places, dates and quantities, resolved")
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true", help="JSON Lines")
    p.add_argument("--kind", choices=("actor", "place", "time", "quantity"))

    p = sub.add_parser("actors", parents=[common], help="canonical actors with their aliases")
    p.add_argument("--json", action="store_true", help="JSON Lines")
    p.add_argument("--name", help="only actors whose name or an alias contains this")

    p = sub.add_parser("places", parents=[common], help="gazetteer places mentioned")
    p.add_argument("--json", action="store_true", help="JSON Lines")

    p = sub.add_parser("claims", parents=[common],
                       help="attributed statements: who said what, how, citing whom")
    p.add_argument("--json", action="store_true", help="JSON Lines")
    p.add_argument("--article", metavar="ID", help="only claims of this article")
    p.add_argument("--speaker", metavar="NAME",
                   help="only claims whose speaker, or its actor's name or alias, contains this")
    p.add_argument("--limit", type=int)

    p = sub.add_parser("events", parents=[common],
                       help="events: what happened, where, when, how independently reported")
    p.add_argument("--json", action="store_true", help="JSON Lines")
    p.add_argument("--since", metavar="DATE",
                   help="events ending on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE",
                   help="events starting on or before (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--place", metavar="TEXT", help="place, province or country contains this")
    p.add_argument("--type", metavar="TEXT", dest="event_type",
                   help="event type or sub-event type contains this")
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
    return parser


def _config(args: argparse.Namespace) -> Config:
    overrides = {"db": getattr(args, "db", None),
                 "max_input_bytes": getattr(args, "max_input_bytes", None)}
    return load_config(getattr(args, "config", None), overrides=overrides)


def _bound(value: str | None, flag: str, end: bool) -> str | None:
    """A --since/--until value as a comparable UTC-ish string.

    --until is inclusive: of the whole year, month, day, minute or second it names (the store
    compares with `<`, so the bound is the start of the next one).
    """
    if not value:
        return None
    parsed, precision = parse_published(value)
    if parsed is None:
        raise UsageError(f"{flag} {value!r} is not a date")
    if end and precision == "day":
        return (date.fromisoformat(parsed) + timedelta(days=1)).isoformat()
    if end and precision == "year":
        return f"{int(parsed) + 1:04d}"
    if end and precision == "month":
        first = date.fromisoformat(parsed + "-01")
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1).isoformat()[:7]
    bound = to_utc(parsed)
    if end and bound and precision in ("minute", "second"):
        step = timedelta(minutes=1) if precision == "minute" else timedelta(seconds=1)
        return (datetime.fromisoformat(bound) + step).isoformat()
    return bound


def cmd_ingest(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    options = IngestOptions(args.format, args.outlet, args.url, args.published)
    report = ingest(store, args.paths, config, options)
    if args.json:
        out.write(json.dumps(_report_json(report)) + "\n")
    else:
        _print_report(report, out)
    return 1 if report.n_rejected else 0


def _report_json(report: IngestReport) -> dict[str, Any]:
    return {
        "run": report.run_id, "ingested": report.ingested,
        "already_present": report.already_present, "revisions": report.revisions,
        "rejected": dict(report.rejected), "article_ids": report.article_ids,
    }


def _print_report(report: IngestReport, out: TextIO) -> None:
    for rejection in report.rejections:
        sys.stderr.write(f"rejected {safe(rejection.input_ref)} [{rejection.reason}]: "
                         f"{safe(rejection.message)}\n")
    line = (f"ingested {report.ingested}, already present {report.already_present}, "
            f"rejected {report.n_rejected}")
    if report.revisions:
        line += f" ({report.revisions} of the ingested are revisions of stored URLs)"
    if report.rejected:
        reasons = ", ".join(f"{r}: {n}" for r, n in sorted(report.rejected.items()))
        line += f" ({reasons})"
    out.write(line + "\n")


def cmd_articles(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    flt = ArticleFilter(args.outlet, _bound(args.since, "--since", False),
                        _bound(args.until, "--until", True), args.limit)
    articles = store.iter_articles(flt)
    if args.json:
        write_jsonl((a.as_json() for a in articles), out)
        return 0
    rows = [a.as_json() for a in articles]
    columns = [("id", "id"), ("published_at", "published"), ("outlet", "outlet"),
               ("language", "lang"), ("n_chars", "chars"), ("title", "title")]
    write_table(rows, columns, out)
    out.write(f"{len(rows)} articles\n")
    return 0


def cmd_show(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    if args.article_id.startswith("ev-"):
        return _show_event(args, store, out)
    article = store.get_article(args.article_id)
    record = article.as_json(with_text=True)
    if args.json:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    out.write(f"{safe(article.title) or '(no title)'}\n\n")
    for key in ("id", "outlet", "url", "published_at", "published_precision",
                "published_source", "dateline_place", "dateline_agency", "byline", "language",
                "source_format", "summary_only", "revision_of", "input_ref", "n_chars"):
        if record.get(key) not in (None, ""):
            out.write(f"  {key:<20} {safe(record[key])}\n")
    later = store.revisions_of(article.id)
    if later:
        out.write(f"  {'revised by':<20} {', '.join(later)}\n")
    if article.metadata:
        out.write(f"  {'metadata':<20} {safe(json.dumps(article.metadata, ensure_ascii=False))}\n")
    out.write("\n" + safe_block(article.text) + "\n\n")
    for line in views.article_reuse(store, article):
        out.write(line + "\n")
    return 0


def _show_event(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    dossier = build_dossier(store, args.article_id)
    if args.json:
        out.write(json.dumps(dossier, ensure_ascii=False) + "\n")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    for line in render_dossier(dossier, width):
        out.write(line + "\n")
    return 0


_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _event_date(value: str | None, flag: str) -> str | None:
    """An ISO date or its year/month prefix, checked (the store compares them as text)."""
    if value is None:
        return None
    try:
        if not _PARTIAL_DATE.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise UsageError(f"{flag} {value!r}: give YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def cmd_events(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    events = store.list_events(
        since=_event_date(args.since, "--since"), until=_event_date(args.until, "--until"),
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


def cmd_run(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    for name, report in run_stages(store, config, args.stages):
        fields = ", ".join(f"{k} {_brief(v)}" for k, v in vars(report).items() if k != "run_id")
        out.write(f"{name}: {fields}\n")
    return 0


def _brief(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k} {v}" for k, v in value.items()) + ")"
    return str(value)


def cmd_mentions(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    article = store.get_article(args.article_id)
    mentions = [m for m in store.article_mentions(article.id)
                if args.kind is None or m["kind"] == args.kind]
    if args.json:
        write_jsonl(({"article": article.id, **m} for m in mentions), out)
        return 0
    if store.article_countries(article.id) is None:
        out.write(f"article {article.id} is not annotated yet: run `newstrace run language`\n")
    rows = [{"span": f"{m['start']}-{m['end']}", "kind": m["kind"], "text": m["text"],
             "resolved": views.mention_resolution(m)} for m in mentions]
    write_table(rows, [("span", "span"), ("kind", "kind"), ("text", "text"),
                       ("resolved", "resolved as")], out)
    out.write(f"{len(rows)} mentions\n")
    return 0


def cmd_actors(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    actors = store.list_actors(args.name)
    rows: list[dict[str, Any]] = [
        {"id": a.id, "name": a.name, "type": a.actor_type, "aliases": list(a.aliases),
         "n_mentions": a.n_mentions, "country": a.country, "dict_id": a.dict_id}
        for a in actors]
    if args.json:
        write_jsonl(rows, out)
        return 0
    table = [{**r, "aliases": "; ".join(r["aliases"])} for r in rows]
    write_table(table, [("id", "id"), ("name", "name"), ("type", "type"),
                        ("n_mentions", "mentions"), ("aliases", "aliases")], out)
    out.write(f"{len(rows)} actors\n")
    return 0


def cmd_places(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    places = store.list_places()
    if args.json:
        write_jsonl(places, out)
        return 0
    table = [{**p, "surface_forms": "; ".join(p["surface_forms"]),
              "latlon": "" if p["lat"] is None else f"{p['lat']:.3f},{p['lon']:.3f}"}
             for p in places]
    write_table(table, [("id", "id"), ("name", "name"), ("feature", "feature"),
                        ("admin1", "admin1"), ("country", "country"), ("latlon", "lat,lon"),
                        ("n_mentions", "mentions"), ("surface_forms", "written as")], out)
    out.write(f"{len(places)} places\n")
    return 0


def cmd_claims(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    claims = store.list_claims(args.article, args.speaker, args.limit)
    if not claims and not store.claims_summary()["claims"]:
        sys.stderr.write("no claims in the store: `newstrace run claims` finds them\n")
        return 0
    if args.json:
        write_jsonl(claims, out)
        return 0
    rows = [{**c, "article": c["article"][:SHORT_ID],
             "speaker": c["speaker_ref"] or c["speaker"] or "(unnamed)",
             "content": c["content"][:CONTENT_PREVIEW]} for c in claims]
    write_table(rows, [("id", "id"), ("article", "article"), ("speaker", "speaker"),
                       ("speaker_actor", "actor"), ("cue_type", "cue"), ("stance", "stance"),
                       ("quote_type", "quote"), ("content", "content")], out)
    out.write(f"{len(rows)} claims\n")
    return 0


def cmd_reuse(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    article = store.get_article(args.article).id if args.article else None
    links = store.reuse_links(article=article)
    texts = {a: store.get_article(a).text
             for link in links for a in (link.source_article, link.target_article)}
    if args.json:
        write_jsonl((views.link_record(link, texts) for link in links), out)
        return 0
    rows = [{**link.as_json(), "evidence": "; ".join(link.direction_evidence),
             "passage": texts[link.target_article][link.target_start:link.target_end]}
            for link in links]
    write_table(rows, [("kind", "kind"), ("source_article", "source"),
                       ("target_article", "target"), ("similarity", "sim"),
                       ("direction", "direction"), ("evidence", "evidence"),
                       ("passage", "passage")], out)
    out.write(f"{len(rows)} links\n")
    return 0


def cmd_chains(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    chains = store.chains(min_members=1 if args.all else 2)
    if args.json:
        write_jsonl(({"id": c["id"], "root_articles": c["root_articles"],
                      "members": c["members"], "edges": c["edges"],
                      "credited": c["credited"]} for c in chains), out)
        return 0
    for chain in chains:
        for line in views.chain_lines(chain, store):
            out.write(line + "\n")
        out.write("\n")
    out.write(f"{len(chains)} chains{'' if args.all else ' with more than one article'}\n")
    return 0


def cmd_rejections(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    rejections = store.list_rejections(args.stage)
    if args.json:
        write_jsonl(({"input": r.input_ref, "stage": r.stage, "reason": r.reason,
                      "message": r.message, "run": r.run_id, "created_at": r.created_at}
                     for r in rejections), out)
        return 0
    rows = [{"input": r.input_ref, "stage": r.stage, "reason": r.reason, "message": r.message}
            for r in rejections]
    write_table(rows, [("stage", "stage"), ("reason", "reason"), ("input", "input"),
                       ("message", "message")], out)
    out.write(f"{len(rows)} rejections\n")
    return 0


def cmd_summary(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    summary = {**store.summary(), **store.reuse_summary(), "language": store.language_summary(),
               "claims": store.claims_summary(), "events": store.events_summary()}
    if args.json:
        out.write(json.dumps(summary) + "\n")
        return 0
    out.write(f"store {store.path} (schema v{store.schema_version})\n")
    out.write(f"  articles   {summary['articles']} from {summary['outlets']} outlets"
              f" ({summary['revisions']} revisions)\n")
    if summary["published_first"]:
        out.write(f"  published  {summary['published_first']} .. {summary['published_last']}"
                  " (UTC)\n")
    for key, label in (("by_source_format", "formats"), ("by_language", "languages"),
                       ("by_published_precision", "time precision")):
        parts = ", ".join(f"{k} {v}" for k, v in summary[key].items())
        out.write(f"  {label:<10} {parts}\n")
    outlets = ", ".join(f"{safe(o.name)} ({n})" for o, n in store.list_outlets())
    out.write(f"  outlets    {outlets}\n")
    links = ", ".join(f"{k} {v}" for k, v in summary["reuse_links"].items()) or "none"
    out.write(f"  reuse      links: {links}; {summary['chains']} source chains, "
              f"{summary['chains_with_copies']} with copies "
              f"({summary['articles_in_copy_chains']} articles)\n")
    lang = summary["language"]
    mentions = ", ".join(f"{k.removesuffix('_mentions')} {v}" for k, v in lang.items()
                         if k.endswith("_mentions")) or "none"
    out.write(f"  language   {lang['articles_annotated']} articles annotated; mentions: "
              f"{mentions}; {lang['actors']} actors, {lang['places']} places\n")
    ev = summary["events"]
    facts = ", ".join(f"{v} {k.removeprefix('facts_').replace('_', '-')}"
                      for k, v in ev.items() if k.startswith("facts_") and v) or "none"
    out.write(f"  events     {ev['events']} events ({ev['background_events']} only recalled) "
              f"from {ev['event_mentions']} mentions ({ev['unassigned_event_mentions']} not "
              f"yet grouped); facts: {facts}\n")
    reasons = ", ".join(f"{k} {v}" for k, v in summary["rejections_by_reason"].items())
    out.write(f"  rejections {summary['rejections']}{' (' + reasons + ')' if reasons else ''}\n")
    return 0


def cmd_runs(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    runs = store.list_runs(args.limit)
    rows = [{"id": r.id, "stage": r.stage, "version": r.stage_version, "status": r.status,
             "started": r.started_at, "finished": r.finished_at, "in": r.n_in, "out": r.n_out,
             "skipped": r.n_skipped, "rejected": r.n_rejected} for r in runs]
    if args.json:
        write_jsonl(rows, out)
    else:
        write_table(rows, [(k, k) for k in ("id", "stage", "version", "status", "started",
                                            "in", "out", "skipped", "rejected")], out)
    return 0


def cmd_stages(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    rows = [{"name": s.name, "version": s.version, "needs": ", ".join(s.needs) or "-",
             "produces": ", ".join(s.produces), "doc": s.doc} for s in stages.all_stages()]
    write_table(rows, [("name", "stage"), ("version", "version"), ("needs", "needs"),
                       ("produces", "produces"), ("doc", "what it does")], out)
    return 0


def cmd_serve(args: argparse.Namespace, store: Store, config: Config, out: TextIO) -> int:
    from newstrace.web.app import serve  # Datasette loads only for this command

    store.update_search_index()  # articles ingested since the last run, for search
    store.conn.close()  # migrated by main(); the server reads with its own connections
    serve(store.path, args.host, args.port, allow_sql=not args.no_sql,
          time_limit_ms=args.time_limit_ms, tiles=args.tiles, attribution=args.attribution)
    return 0


COMMANDS = {
    "ingest": cmd_ingest, "articles": cmd_articles, "show": cmd_show,
    "rejections": cmd_rejections, "summary": cmd_summary, "runs": cmd_runs,
    "stages": cmd_stages, "run": cmd_run, "reuse": cmd_reuse, "chains": cmd_chains,
    "mentions": cmd_mentions, "actors": cmd_actors, "places": cmd_places,
    "claims": cmd_claims, "events": cmd_events, "export": cmd_export, "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        config = _config(args)
        if args.command == "serve" and not Path(config.db).is_file():
            raise UsageError(f"{config.db}: no such store (ingest and run into it first)")
        with Store.open(config.db) as store:
            return COMMANDS[args.command](args, store, config, out)
    except NewstraceError as exc:
        sys.stderr.write(f"newstrace: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("newstrace: interrupted; committed work is kept, re-run to finish\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
