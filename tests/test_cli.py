"""The command line: listing, filtering, showing, summaries, --db placement, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import NEWSTRACE_BIN

REQUIRED_FIELDS = {
    "id", "outlet", "url", "title", "published_at", "published_precision", "published_source",
    "dateline_place", "dateline_agency", "language", "byline", "text_sha256", "n_chars",
}


def story(day: str, outlet: str, slug: str, time: str = "") -> str:
    when = f"{day}T{time}" if time else day
    return (f"{slug.replace('-', ' ').title()}\n\nPublished: {when}\nSource: {outlet}\n"
            f"URL: https://{outlet.lower().replace(' ', '')}.example/{slug}\n\n"
            f"MOSUL (Wire) - Officials said on {day} that the {slug.replace('-', ' ')} "
            "had been reported to the authorities.\n")


@pytest.fixture
def filled(write, cli, db):
    """Four articles across two outlets and four days."""
    folder = write("corpus/a.txt", story("2024-03-01", "Tigris Times", "market-fire", "09:00"))
    write("corpus/b.txt", story("2024-03-02", "Tigris Times", "bridge-closure", "23:59"))
    write("corpus/c.txt", story("2024-03-03", "Nineveh Post", "water-shortage"))
    write("corpus/d.txt", story("2024-03-04", "Nineveh Post", "school-reopening", "00:00"))
    result = cli("--db", db, "ingest", folder.parent)
    assert result.code == 0 and result.out.startswith("ingested 4,")
    return db


def test_articles_json_fields(filled, cli):
    records = cli("--db", filled, "articles", "--json").jsonl()
    assert len(records) == 4
    for record in records:
        assert set(record) >= REQUIRED_FIELDS
        assert "text" not in record
        assert len(record["text_sha256"]) == 64
        assert record["n_chars"] > 50
        assert record["dateline_place"] == "MOSUL" and record["dateline_agency"] == "Wire"
        assert record["language"] == "en"
    assert [r["published_at"] for r in records] == [
        "2024-03-01T09:00", "2024-03-02T23:59", "2024-03-03", "2024-03-04T00:00"]
    assert records[0]["published_precision"] == "minute"
    assert records[2]["published_precision"] == "day"
    assert records[0]["published_source"] == "header"
    assert records[0]["url"] == "https://tigristimes.example/market-fire"


def test_articles_table(filled, cli):
    result = cli("--db", filled, "articles")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["id", "published", "outlet"]
    assert lines[-1] == "4 articles"
    assert "Market Fire" in result.out


def test_outlet_filter(filled, cli):
    def titles(*args):
        return sorted(r["title"] for r in cli("--db", filled, "articles", "--json",
                                              *args).jsonl())

    assert titles("--outlet", "Nineveh Post") == ["School Reopening", "Water Shortage"]
    assert titles("--outlet", "tigris times") == ["Bridge Closure", "Market Fire"]  # any case
    assert titles("--outlet", "tigristimes.example") == ["Bridge Closure", "Market Fire"]  # id
    assert titles("--outlet", "Nobody") == []


def test_since_until_filters(filled, cli):
    def days(*args):
        return [r["published_at"][:10] for r in cli("--db", filled, "articles", "--json",
                                                     *args).jsonl()]

    assert days("--since", "2024-03-02") == ["2024-03-02", "2024-03-03", "2024-03-04"]
    # --until a day includes the whole day (23:59 on the 2nd)
    assert days("--until", "2024-03-02") == ["2024-03-01", "2024-03-02"]
    assert days("--since", "2024-03-02", "--until", "2024-03-03") == [
        "2024-03-02", "2024-03-03"]
    # --until a time includes that minute, not the next
    assert days("--until", "2024-03-02T23:59") == ["2024-03-01", "2024-03-02"]
    assert days("--until", "2024-03-02T23:58") == ["2024-03-01"]
    assert days("--until", "2024-03") == ["2024-03-01", "2024-03-02", "2024-03-03",
                                          "2024-03-04"]
    assert days("--since", "2024-03-04T00:00") == ["2024-03-04"]
    assert days("--limit", "2") == ["2024-03-01", "2024-03-02"]


def test_undated_articles_are_listed_last(filled, write, cli):
    cli("--db", filled, "ingest", write("undated.txt", "A sentence without a date, said "
                                        "officials in the old city of Mosul on the record."))
    records = cli("--db", filled, "articles", "--json").jsonl()
    assert records[-1]["published_at"] is None
    assert len(cli("--db", filled, "articles", "--json", "--since", "2000-01-01").jsonl()) == 4


def test_show_by_id_and_prefix(filled, cli):
    first = cli("--db", filled, "articles", "--json").jsonl()[0]
    full = cli("--db", filled, "show", first["id"])
    assert full.code == 0
    assert full.out.startswith("Market Fire\n")
    assert f"id                   {first['id']}" in full.out
    assert "MOSUL (Wire) - Officials said" in full.out
    prefix = cli("--db", filled, "show", first["id"][:8])
    assert prefix.out == full.out
    as_json = json.loads(cli("--db", filled, "show", "--json", first["id"][:8]).out)
    assert as_json["id"] == first["id"]
    assert as_json["text"].startswith("MOSUL (Wire)")
    missing = cli("--db", filled, "show", "0123456789abcdef")
    assert missing.code == 1 and "no article with id" in missing.err


def test_show_strips_terminal_controls(write, cli, db):
    path = write("evil.txt", "Title \x1b[2J\x1b]0;pwned\x07here\n\nBody text about a "
                 "ceasefire in the north, officials said on Sunday.\n")
    cli("--db", db, "ingest", path)
    (record,) = cli("--db", db, "articles", "--json").jsonl()
    shown = cli("--db", db, "show", record["id"])
    assert "\x1b" not in shown.out and "\x07" not in shown.out
    assert "\x1b" not in cli("--db", db, "articles").out


def test_rejections_json(write, cli, db):
    empty = write("empty.txt", b"")
    cli("--db", db, "ingest", empty)
    (row,) = cli("--db", db, "rejections", "--json").jsonl()
    assert row["input"] == str(empty)
    assert row["stage"] == "ingest" and row["reason"] == "empty"
    assert row["message"] == "the input is empty"
    assert row["run"] and row["created_at"]
    table = cli("--db", db, "rejections")
    assert "empty" in table.out and table.out.rstrip().endswith("1 rejections")
    assert cli("--db", db, "rejections", "--json", "--stage", "reuse").jsonl() == []


def test_summary(filled, write, cli):
    cli("--db", filled, "ingest", write("empty.txt", b""))
    data = json.loads(cli("--db", filled, "summary", "--json").out)
    assert data["articles"] == 4 and data["outlets"] == 2
    assert data["rejections"] == 1
    assert data["rejections_by_reason"] == {"empty": 1}
    assert data["by_source_format"] == {"text": 4}
    assert data["by_published_precision"] == {"minute": 3, "day": 1}
    assert data["published_first"] == "2024-03-01T09:00:00"
    assert data["published_last"] == "2024-03-04T00:00:00"
    text = cli("--db", filled, "summary").out
    assert "articles   4 from 2 outlets" in text
    assert "Nineveh Post (2)" in text and "rejections 1 (empty 1)" in text


def test_ingest_json_report(write, cli, db):
    good = write("good.txt", story("2024-03-01", "Tigris Times", "market-fire"))
    result = cli("--db", db, "ingest", "--json", good, write("e.txt", b""))
    report = json.loads(result.out)
    assert result.code == 1
    assert report["ingested"] == 1 and report["rejected"] == {"empty": 1}
    assert len(report["article_ids"]) == 1 and report["run"]


def test_db_before_or_after_subcommand(write, cli, db):
    path = write("s.txt", story("2024-03-01", "Tigris Times", "market-fire"))
    assert cli("ingest", "--db", db, path).code == 0
    assert len(cli("articles", "--db", db, "--json").jsonl()) == 1
    assert len(cli("--db", db, "articles", "--json").jsonl()) == 1


def test_db_from_environment(write, cli, db, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_DB", db)
    cli("ingest", write("s.txt", story("2024-03-01", "Tigris Times", "market-fire")))
    monkeypatch.delenv("NEWSTRACE_DB")
    assert len(cli("--db", db, "articles", "--json").jsonl()) == 1


def test_default_db_in_working_directory(write, cli, clean_env):
    cli("ingest", write("s.txt", story("2024-03-01", "Tigris Times", "market-fire")))
    assert (clean_env / "newstrace.db").is_file()


def test_flag_db_wins_over_environment(write, cli, db, tmp_path, monkeypatch):
    other = str(tmp_path / "other.db")
    monkeypatch.setenv("NEWSTRACE_DB", other)
    cli("--db", db, "ingest", write("s.txt", story("2024-03-01", "Tigris Times", "x")))
    assert len(cli("--db", db, "articles", "--json").jsonl()) == 1
    assert cli("articles", "--json").jsonl() == []


def test_stdin_with_outlet_and_url(cli, db, monkeypatch):
    text = ("Quake hits Chile\n\nSANTIAGO (Reuters) - A strong earthquake shook central Chile "
            "on Friday, officials said.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    result = cli("--db", db, "ingest", "-", "--outlet", "Andes Post",
                 "--url", "https://andespost.example/quake", "--published", "2024-06-07")
    assert result.code == 0
    (record,) = cli("--db", db, "articles", "--json").jsonl()
    assert record["outlet"] == "Andes Post"
    assert record["url"] == "https://andespost.example/quake"
    assert record["input_ref"] == "<stdin>"
    assert record["published_at"] == "2024-06-07" and record["published_source"] == "flag"
    assert record["dateline_place"] == "SANTIAGO"


def test_stdin_subprocess(db):
    text = "Protest in Dhaka\n\nStudents marched through central Dhaka on Monday, police said."
    proc = subprocess.run(
        [str(NEWSTRACE_BIN), "--db", db, "ingest", "-", "--outlet", "Bengal Ledger",
         "--url", "https://bengalledger.example/protest"],
        input=text.encode(), capture_output=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("ingested 1,")
    listed = subprocess.run([str(NEWSTRACE_BIN), "--db", db, "articles", "--json"],
                            capture_output=True, text=True, timeout=60)
    (record,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert record["outlet"] == "Bengal Ledger"
    assert record["title"] == "Protest in Dhaka"


def test_stdin_too_large(cli, db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    result = cli("--db", db, "ingest", "--max-input-bytes", "1000", "-")
    assert result.code == 1 and "rejected <stdin> [too_large]" in result.err


def test_runs_and_stages(write, cli, db):
    cli("--db", db, "ingest", write("s.txt", story("2024-03-01", "Tigris Times", "x")))
    (run,) = cli("--db", db, "runs", "--json").jsonl()
    assert run["stage"] == "ingest" and run["status"] == "finished"
    assert (run["in"], run["out"], run["rejected"]) == (1, 1, 0)
    stages = cli("--db", db, "stages")
    assert "ingest" in stages.out and "articles, outlets" in stages.out


def test_version_and_help(capsys):
    from newstrace.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert "newstrace 0.1.0" in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["ingest", "--help"])
    assert done.value.code == 0
    assert "--max-input-bytes" in capsys.readouterr().out


def test_python_dash_m(db):
    proc = subprocess.run([sys.executable, "-m", "newstrace.cli", "--db", db, "summary",
                           "--json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["articles"] == 0
    assert proc.stderr == ""
