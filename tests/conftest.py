"""Shared fixtures: a clean environment, a store in a temporary folder, the CLI in-process."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newstrace.cli import main
from newstrace.config import Config, load_config
from newstrace.ingest import IngestOptions, IngestReport, ingest
from newstrace.pipeline import run_stages
from newstrace.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
VENV_BIN = Path(sys.executable).parent
NEWSTRACE_BIN = VENV_BIN / "newstrace"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No NEWSTRACE_* variable or ./newstrace.toml of the developer leaks into a test."""
    for name in list(os.environ):
        if name.startswith("NEWSTRACE_"):
            monkeypatch.delenv(name)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture(scope="session")
def gaz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory holding the real gazetteer index, built once for the whole session
    (about 40 s): tests never touch the developer's ~/.cache."""
    from newstrace.language.gazetteer import Gazetteer

    cache = tmp_path_factory.mktemp("gazetteer-cache")
    gaz = Gazetteer.load(cache)
    assert gaz.build_report is not None
    gaz.close()
    return cache


@pytest.fixture(scope="session")
def gaz(gaz_dir: Path) -> Any:
    from newstrace.language.gazetteer import Gazetteer

    return Gazetteer.load(gaz_dir)


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, gaz_dir: Path) -> Iterator[Store]:
    """The bundled example corpus ingested and run through every stage, once per session."""
    db = str(tmp_path_factory.mktemp("example") / "example.db")
    config = load_config(env={}, overrides={"db": db, "cache": str(gaz_dir)})
    with Store.open(db) as store:
        report = ingest(store, [str(REPO / "examples" / "corpus")], config)
        assert report.n_rejected == 0, report.rejections
        run_stages(store, config)
        yield store


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures, so input refs and sidecars are local to the test."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture
def config(db: str) -> Config:
    return load_config(env={}, overrides={"db": db})


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store.open(db) as opened:
        yield opened


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("name.txt", content) -> path under tmp_path/in; str is written as UTF-8."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write


@dataclass
class Result:
    code: int
    out: str
    err: str

    def jsonl(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `newstrace ARGS` in-process; no run may print a traceback."""

    def _run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def ingest_paths(store: Store, config: Config) -> Callable[..., IngestReport]:
    """ingest_paths(path, ..., format=..., outlet=..., url=..., published=...)"""

    def _ingest(*paths: str | Path, **options: Any) -> IngestReport:
        return ingest(store, [str(p) for p in paths], config, IngestOptions(**options))

    return _ingest


def only_article(store: Store) -> Any:
    articles = list(store.iter_articles())
    assert len(articles) == 1, [a.input_ref for a in articles]
    return articles[0]


def count_rows(db_path: str, table: str) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()
