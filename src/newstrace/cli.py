"""The `newstrace` command: a thin shell over the library.

Errors raised on purpose (newstrace.errors) become one line on stderr and an exit code:
1 when inputs were rejected or a record was not found, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from newstrace import __version__, cli_events, stages, views
from newstrace.config import Config, load_config
from newstrace.errors import NewstraceError, UsageError
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

    cli_events.add_parsers(sub, common)
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
        return cli_events.show_event(args, store, out)
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


COMMANDS = {
    "ingest": cmd_ingest, "articles": cmd_articles, "show": cmd_show,
    "rejections": cmd_rejections, "summary": cmd_summary, "runs": cmd_runs,
    "stages": cmd_stages, "run": cmd_run, "reuse": cmd_reuse, "chains": cmd_chains,
    "mentions": cmd_mentions, "actors": cmd_actors, "places": cmd_places,
    "claims": cmd_claims, **cli_events.COMMANDS,
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
