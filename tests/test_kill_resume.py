"""A killed ingest loses at most the batch in flight; a re-run finishes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import NEWSTRACE_BIN

N_FILES = 600
PLACES = ["TEHRAN", "BAGHDAD", "KABUL", "DAMASCUS", "BEIRUT", "SANAA", "AMMAN", "CAIRO"]


def make_corpus(root: Path) -> None:
    root.mkdir()
    for i in range(N_FILES):
        place = PLACES[i % len(PLACES)]
        body = (f"{place} (Agency) – Officials said on Monday that {i % 90 + 2} people were "
                f"affected by incident number {i} near the border.\n\nA spokesman said the "
                f"investigation into case {i} was continuing.")
        if i % 2:
            (root / f"story{i:04d}.txt").write_text(
                f"Report {i} from {place.title()}\n\nPublished: 2024-03-{1 + i % 28:02d}\n"
                f"Source: Outlet {i % 5}\nURL: https://outlet{i % 5}.example/story/{i}\n\n"
                f"{body}\n", encoding="utf-8")
        else:
            paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            (root / f"page{i:04d}.html").write_text(
                f"<html><head><title>Report {i}</title>"
                f"<meta property='og:site_name' content='Outlet {i % 5}'>"
                f"<link rel='canonical' href='https://outlet{i % 5}.example/page/{i}'>"
                f"<meta property='article:published_time' "
                f"content='2024-03-{1 + i % 28:02d}T10:{i % 60:02d}:00+03:00'></head>"
                f"<body><article>{paragraphs}</article></body></html>", encoding="utf-8")


def article_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or the schema is being written
        return 0


def test_kill_and_resume(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    db = tmp_path / "kill.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSTRACE_")}
    env["NEWSTRACE_BATCH_SIZE"] = "5"

    proc = subprocess.Popen(
        [str(NEWSTRACE_BIN), "--db", str(db), "ingest", str(corpus)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while article_count(db) == 0:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "no article was committed in 60 s"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    at_kill = article_count(db)
    assert 0 < at_kill < N_FILES, "the kill came too late to test resuming"

    conn = sqlite3.connect(db)
    (killed_status,) = conn.execute("SELECT status FROM runs").fetchone()
    conn.close()
    assert killed_status == "running"  # nobody has noticed yet

    resumed = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "--db", str(db), "ingest", "--json",
         str(corpus)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    report = json.loads(resumed.stdout)
    assert report["rejected"] == {}
    assert report["ingested"] + report["already_present"] == N_FILES
    assert report["already_present"] >= at_kill

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == N_FILES
        assert conn.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0] == N_FILES
        assert conn.execute(
            "SELECT COUNT(DISTINCT input_ref) FROM articles").fetchone()[0] == N_FILES
        assert conn.execute(
            "SELECT COUNT(DISTINCT url) FROM articles").fetchone()[0] == N_FILES
        duplicate_urls = conn.execute(
            "SELECT url FROM articles WHERE url IS NOT NULL GROUP BY url HAVING COUNT(*) > 1"
        ).fetchall()
        assert duplicate_urls == []
        assert conn.execute(
            "SELECT COUNT(*) FROM articles WHERE revision_of IS NOT NULL").fetchone()[0] == 0
        runs = dict(conn.execute("SELECT id, status FROM runs").fetchall())
    finally:
        conn.close()
    assert sorted(runs.values()) == ["finished", "interrupted"]
    assert runs[report["run"]] == "finished"

    listed = subprocess.run(
        [str(NEWSTRACE_BIN), "--db", str(db), "runs", "--json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )
    statuses = [json.loads(line)["status"] for line in listed.stdout.splitlines()]
    assert sorted(statuses) == ["finished", "interrupted"]
