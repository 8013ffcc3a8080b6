"""Configuration: defaults < file < NEWSTRACE_* environment < flags."""

from __future__ import annotations

import pytest

from newstrace.config import Config, load_config
from newstrace.errors import ConfigError, UsageError


def test_defaults(tmp_path):
    config = load_config(env={})
    assert config == Config()
    assert config.db == "newstrace.db"
    assert config.max_input_bytes == 20 * 1024 * 1024


def test_file_env_flag_precedence(tmp_path):
    conf = tmp_path / "n.toml"
    conf.write_text('[newstrace]\ndb = "file.db"\nbatch_size = 10\nmax_input_bytes = 1000\n'
                    "max_text_chars = 500\n")
    from_file = load_config(str(conf), env={})
    assert (from_file.db, from_file.batch_size, from_file.max_input_bytes,
            from_file.max_text_chars) == ("file.db", 10, 1000, 500)
    env = {"NEWSTRACE_BATCH_SIZE": "20", "NEWSTRACE_DB": "env.db"}
    from_env = load_config(str(conf), env=env)
    assert (from_env.db, from_env.batch_size, from_env.max_input_bytes) == ("env.db", 20, 1000)
    flags = load_config(str(conf), env=env, overrides={"db": "flag.db", "batch_size": None,
                                                       "max_input_bytes": 3000})
    assert (flags.db, flags.batch_size, flags.max_input_bytes) == ("flag.db", 20, 3000)
    assert flags.max_text_chars == 500


def test_config_file_from_env_and_default_file(tmp_path, clean_env):
    conf = tmp_path / "elsewhere.toml"
    conf.write_text("batch_size = 7\n")  # a top-level table works too
    assert load_config(env={"NEWSTRACE_CONFIG": str(conf)}).batch_size == 7
    (clean_env / "newstrace.toml").write_text("[newstrace]\nbatch_size = 9\n")
    assert load_config(env={}).batch_size == 9


def test_empty_env_value_is_ignored():
    assert load_config(env={"NEWSTRACE_BATCH_SIZE": ""}).batch_size == Config().batch_size


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[newstrace]\nbatch_size = 'many'\n", "whole number"),
        ("[newstrace]\nbatch_size = 0\n", "must be positive"),
        ("[newstrace]\nmax_input_bytes = -5\n", "must be positive"),
        ("[newstrace]\ncolour = 'blue'\n", "unknown settings colour"),
        ("[newstrace\nbatch_size = 1\n", "cannot read configuration"),
    ],
)
def test_bad_file_values(tmp_path, content, message):
    conf = tmp_path / "bad.toml"
    conf.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(str(conf), env={})


def test_bad_env_and_flag_values(tmp_path):
    with pytest.raises(ConfigError, match="NEWSTRACE_BATCH_SIZE"):
        load_config(env={"NEWSTRACE_BATCH_SIZE": "ten"})
    with pytest.raises(ConfigError, match="--max-input-bytes"):
        load_config(env={}, overrides={"max_input_bytes": 0})
    with pytest.raises(ConfigError, match="not found"):
        load_config(str(tmp_path / "missing.toml"), env={})


def test_config_error_is_a_usage_error():
    assert issubclass(ConfigError, UsageError)
    assert ConfigError.exit_code == 2


def test_hash_ignores_db_but_not_limits():
    assert Config(db="a.db").hash() == Config(db="b.db").hash()
    assert Config(batch_size=5).hash() != Config(batch_size=6).hash()


def test_bad_config_via_cli(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_BATCH_SIZE", "lots")
    result = cli("--db", tmp_path / "x.db", "summary")
    assert result.code == 2
    assert "NEWSTRACE_BATCH_SIZE" in result.err and "whole number" in result.err
    monkeypatch.delenv("NEWSTRACE_BATCH_SIZE")
    conf = tmp_path / "c.toml"
    conf.write_text("nonsense = 1\n")
    result = cli("--db", tmp_path / "x.db", "summary", "--config", conf)
    assert result.code == 2 and "unknown settings nonsense" in result.err


def test_batch_size_from_env_is_used(tmp_path, write, cli, monkeypatch):
    """A small batch still ingests everything, and the run counts are right."""
    monkeypatch.setenv("NEWSTRACE_BATCH_SIZE", "2")
    for n in range(5):
        write(f"batch/{n}.txt", f"Report {n}\n\nFerry service number {n} to the island of "
              "Lesbos resumed on Monday, the port authority said.\n")
    db = tmp_path / "b.db"
    result = cli("--db", db, "ingest", tmp_path / "in" / "batch")
    assert result.out.startswith("ingested 5,")
    (run,) = cli("--db", db, "runs", "--json").jsonl()
    assert (run["in"], run["out"]) == (5, 5)
