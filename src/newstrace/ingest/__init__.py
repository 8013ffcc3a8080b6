"""Ingestion: any supported input to immutable articles in the store.

A batch streams through in chunks: documents are parsed outside any transaction, then each
chunk is written in one transaction. A kill loses at most the chunk in flight, and a re-run
skips what is stored (ids derive from content) and finishes the job.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import BinaryIO

from newstrace import stages
from newstrace.config import Config
from newstrace.errors import InputRejected, UsageError
from newstrace.ingest.build import Overrides, build_article
from newstrace.ingest.detect import FORMATS, sniff, ungzip
from newstrace.ingest.formats.feeds import parse_feed
from newstrace.ingest.formats.html import parse_html
from newstrace.ingest.formats.jsonl import parse_jsonl
from newstrace.ingest.formats.text import parse_text
from newstrace.ingest.formats.warc import parse_warc
from newstrace.ingest.sources import RawInput, expand, is_warc_head, read_input, read_sidecar
from newstrace.published import parse_published
from newstrace.records import ArticleDraft, Rejection, Run
from newstrace.store import Store, now_iso

STAGE = "ingest"
VERSION = "1.0"


@dataclass(frozen=True)
class IngestOptions:
    format: str = "auto"
    outlet: str | None = None
    url: str | None = None
    published: str | None = None

    def validate(self) -> None:
        if self.format != "auto" and self.format not in FORMATS:
            raise UsageError(f"unknown format {self.format!r}; use auto, {', '.join(FORMATS)}")
        if self.published and parse_published(self.published)[0] is None:
            raise UsageError(f"--published {self.published!r} is not an ISO 8601 date or time")

    def flags(self) -> Overrides:
        values = {"outlet": self.outlet, "url": self.url, "published_at": self.published}
        return Overrides({k: v for k, v in values.items() if v}, source="flag")


@dataclass
class IngestReport:
    run_id: str = ""
    ingested: int = 0
    already_present: int = 0
    revisions: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())


def _parse(raw: RawInput, fmt: str, config: Config) -> Iterator[ArticleDraft | InputRejected]:
    gzipped = raw.data[:2] == b"\x1f\x8b"
    if gzipped and fmt != "warc" and not is_warc_head(raw.data[:8192]):
        data = ungzip(raw, config.max_input_bytes)
        raw = RawInput(raw.ref, raw.path, data, len(data))
    if not raw.data.strip():  # sniff says so too, but a forced --format skips sniffing
        raise InputRejected(raw.ref, "empty", "the input is empty")
    kind = sniff(raw) if fmt == "auto" else fmt
    if kind == "warc":
        yield from parse_warc(raw, config.max_input_bytes)
    elif kind == "rss":
        yield from parse_feed(raw)
    elif kind == "html":
        yield from parse_html(raw)
    elif kind == "jsonl":
        yield from parse_jsonl(raw)
    else:
        yield from parse_text(raw)


Item = tuple[ArticleDraft, list[Overrides]] | InputRejected


def _items(
    specs: list[str], options: IngestOptions, config: Config, stdin: BinaryIO | None
) -> Iterator[Item]:
    flags = options.flags()
    for source in expand(specs):
        if isinstance(source, InputRejected):
            yield source
            continue
        ref = "<stdin>" if isinstance(source, str) else str(source)
        try:
            raw = read_input(source, config.max_input_bytes, stdin)
            sidecar = Overrides(read_sidecar(raw.path), source="sidecar")
            for result in _parse(raw, options.format, config):
                yield result if isinstance(result, InputRejected) else (result, [flags, sidecar])
        except InputRejected as rejected:
            yield rejected
        except Exception as exc:  # a parser library failing on hostile input
            detail = f"{type(exc).__name__}: {str(exc)[:200]}"
            yield InputRejected(ref, "parse_error", f"cannot parse the input ({detail})")


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _store_item(store: Store, item: Item, run: Run, config: Config, report: IngestReport) -> None:
    if isinstance(item, InputRejected):
        _reject(store, item, run, report)
        return
    draft, layers = item
    try:
        article, outlet = build_article(draft, layers, config.max_text_chars)
    except InputRejected as rejected:
        _reject(store, rejected, run, report)
        return
    if article.url and not store.has_article(article.id):
        previous = store.latest_revision(article.url, article.outlet_id)
        if previous:
            article = replace(article, revision_of=previous)
            report.revisions += 1
    store.upsert_outlet(outlet)
    if store.add_article(article, run.id):
        report.ingested += 1
        report.article_ids.append(article.id)
    else:
        report.already_present += 1
    store.clear_rejection(STAGE, article.input_ref)


def _reject(store: Store, rejected: InputRejected, run: Run, report: IngestReport) -> None:
    rejection = Rejection(rejected.input_ref, STAGE, rejected.reason, rejected.detail, run.id)
    store.add_rejection(rejection)
    report.rejected[rejected.reason] += 1
    report.rejections.append(rejection)


def _mark_interrupted(store: Store) -> None:
    """Runs left 'running' by a killed process on this host are marked interrupted."""
    host = socket.gethostname()
    for run in store.list_runs(limit=50):
        if run.status != "running" or run.args.get("host") != host:
            continue
        pid = int(run.args.get("pid", 0))
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError, OverflowError):
            run.status = "interrupted"
            store.save_run(run)


@stages.register(STAGE, VERSION, needs=(), produces=("articles", "outlets"))
def ingest(
    store: Store,
    specs: list[str],
    config: Config,
    options: IngestOptions | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Ingest files, folders, globs or standard input ('-') into the store."""
    options = options or IngestOptions()
    options.validate()
    _mark_interrupted(store)
    run = Run(
        id=uuid.uuid4().hex[:16], stage=STAGE, stage_version=VERSION,
        config_hash=config.hash(), started_at=now_iso(),
        args={"inputs": specs[:50], "format": options.format, "pid": os.getpid(),
              "host": socket.gethostname()},
    )
    store.save_run(run)
    report = IngestReport(run_id=run.id)
    for chunk in _chunks(_items(specs, options, config, stdin), config.batch_size):
        with store.transaction():
            for item in chunk:
                _store_item(store, item, run, config, report)
            run.n_in = report.ingested + report.already_present + report.n_rejected
            run.n_out, run.n_skipped = report.ingested, report.already_present
            run.n_rejected = report.n_rejected
            store.save_run(run)
    run.finished_at, run.status = now_iso(), "finished"
    store.save_run(run)
    return report


__all__ = ["IngestOptions", "IngestReport", "ingest"]
