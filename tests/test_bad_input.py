"""Bad input: each a rejection with a reason naming the input; the batch goes on."""

from __future__ import annotations

import os
import random
import subprocess

import pytest

from conftest import NEWSTRACE_BIN

GOOD = ("Quake hits Chile\n\nSANTIAGO (Reuters) - A strong earthquake shook central Chile on "
        "Friday, officials said, sending residents of the capital into the streets.\n")


def random_high_bytes(seed: int = 7, n: int = 2000) -> bytes:
    """Bytes 0x80-0xFF at random: not UTF-8, and no encoding reads them as text."""
    rng = random.Random(seed)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(n))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t \r\n", "empty"),
        ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("random.txt", random_high_bytes(), "undecodable"),
        ("title-only.txt", b"Headline\n\nSource: Somewhere\n", "no_text"),
        ("bad.json", b'{"title": "x", "text": "y"\n', "bad_json"),
    ],
)
def test_rejection_with_reason_and_batch_continues(name, content, reason, write, cli, db):
    bad = write(name, content)
    good = write("good.txt", GOOD)
    result = cli("--db", db, "ingest", bad, good)
    assert result.code == 1
    assert f"rejected {bad}" in result.err and f"[{reason}]" in result.err
    assert result.out.strip().startswith("ingested 1, already present 0, rejected 1")
    assert f"{reason}: 1" in result.out
    rows = cli("--db", db, "rejections", "--json").jsonl()
    assert len(rows) == 1
    assert rows[0]["reason"] == reason
    assert rows[0]["input"].startswith(str(bad))
    assert rows[0]["stage"] == "ingest"
    assert rows[0]["message"]
    assert len(cli("--db", db, "articles", "--json").jsonl()) == 1


@pytest.mark.parametrize("seed", range(5))
def test_random_high_bytes_are_undecodable_not_garbage(seed, write, ingest_paths):
    """Charset detection does not turn noise into an 'article' in some legacy code page."""
    report = ingest_paths(write(f"noise{seed}.txt", random_high_bytes(seed)))
    assert report.ingested == 0
    assert report.rejected == {"undecodable": 1}


def test_oversize_flag(write, cli, db):
    path = write("long.txt", GOOD * 20)
    result = cli("--db", db, "ingest", "--max-input-bytes", "1000", path)
    assert result.code == 1
    assert "[too_large]" in result.err and "1,000-byte limit" in result.err
    assert cli("--db", db, "ingest", "--max-input-bytes", "100000", path).code == 0


def test_oversize_from_config_file_and_env(write, cli, db, tmp_path, monkeypatch):
    path = write("long.txt", GOOD * 20)
    conf = tmp_path / "conf.toml"
    conf.write_text("[newstrace]\nmax_input_bytes = 500\n")
    result = cli("--db", db, "--config", conf, "ingest", path)
    assert result.code == 1 and "[too_large]" in result.err
    monkeypatch.setenv("NEWSTRACE_MAX_INPUT_BYTES", "600")
    result = cli("--db", db, "ingest", path)
    assert "600-byte limit" in result.err


def test_text_over_max_text_chars(write, ingest_paths, store, config):
    from dataclasses import replace

    from newstrace.ingest import IngestOptions, ingest

    path = write("wordy.txt", GOOD * 5)
    report = ingest(store, [str(path)], replace(config, max_text_chars=100), IngestOptions())
    assert report.rejected == {"too_large": 1}


def test_missing_path_and_empty_glob(write, cli, db, tmp_path):
    good = write("good.txt", GOOD)
    missing = tmp_path / "nowhere" / "story.txt"
    pattern = str(tmp_path / "in" / "*.xml")
    result = cli("--db", db, "ingest", missing, pattern, good)
    assert result.code == 1
    assert f"rejected {missing} [not_found]" in result.err
    assert f"rejected {pattern} [not_found]" in result.err
    assert "ingested 1, already present 0, rejected 2 (not_found: 2)" in result.out


def test_glob_expands(write, cli, db, tmp_path):
    write("a.txt", GOOD)
    write("b.txt", GOOD.replace("Friday", "Saturday"))
    write("c.md", GOOD.replace("Friday", "Sunday"))
    result = cli("--db", db, "ingest", str(tmp_path / "in" / "*.txt"))
    assert result.code == 0
    assert "ingested 2," in result.out


def test_hidden_files_in_folders_are_skipped(write, cli, db, tmp_path):
    write("folder/story.txt", GOOD)
    write("folder/.DS_Store", b"\x00\x00\x00\x01Bud1")
    write("folder/.git/HEAD", "ref: refs/heads/main\n")
    result = cli("--db", db, "ingest", tmp_path / "in" / "folder")
    assert result.code == 0 and "ingested 1, already present 0, rejected 0" in result.out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(write, cli, db):
    path = write("locked.txt", GOOD)
    path.chmod(0)
    try:
        result = cli("--db", db, "ingest", path)
    finally:
        path.chmod(0o644)
    assert result.code == 1 and "[unreadable]" in result.err


def test_a_rejection_is_cleared_when_the_input_is_later_accepted(write, cli, db):
    path = write("later.txt", b"")
    assert cli("--db", db, "ingest", path).code == 1
    assert len(cli("--db", db, "rejections", "--json").jsonl()) == 1
    path.write_text(GOOD)
    assert cli("--db", db, "ingest", path).code == 0
    assert cli("--db", db, "rejections", "--json").jsonl() == []


def test_same_rejection_twice_is_one_row(write, cli, db):
    path = write("empty.txt", b"")
    cli("--db", db, "ingest", path)
    cli("--db", db, "ingest", path)
    assert len(cli("--db", db, "rejections", "--json").jsonl()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "--format", "pdf", "x.txt"],
        ["ingest", "--published", "sometime soon-ish", "x.txt"],
        ["ingest", "--max-input-bytes", "0", "x.txt"],
        ["ingest", "--max-input-bytes", "lots", "x.txt"],
        ["ingest"],
        ["frobnicate"],
        [],
        ["articles", "--since", "the other day"],
        ["articles", "--limit", "ten"],
    ],
)
def test_usage_errors_exit_2(args, cli, db):
    result = cli("--db", db, *args)
    assert result.code == 2
    assert result.err.startswith("newstrace: error: ")
    assert len(result.err.strip().splitlines()) == 1
    assert result.out == ""


def test_subprocess_bad_inputs_no_traceback(write, db):
    empty = write("empty.txt", b"")
    noise = write("noise.txt", random_high_bytes())
    good = write("good.txt", GOOD)
    proc = subprocess.run(
        [str(NEWSTRACE_BIN), "--db", db, "ingest", str(empty), str(noise), "missing.txt",
         str(good)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip() == (
        "ingested 1, already present 0, rejected 3 (empty: 1, not_found: 1, undecodable: 1)"
    )
    assert proc.stderr.count("rejected ") == 3


def test_subprocess_usage_error(db):
    proc = subprocess.run([str(NEWSTRACE_BIN), "--db", db, "ingest", "--format", "doc", "x"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "invalid choice: 'doc'" in proc.stderr
