"""The store: idempotent ingest, revisions, immutability, migrations, pragmas."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import count_rows
from newstrace.errors import NotFoundError, StoreError, UsageError
from newstrace.records import Outlet, Rejection, Run
from newstrace.store import MIGRATIONS, ArticleFilter, Store, to_utc

STORY = ("Ceasefire holds in Gaza\n\nURL: https://coastwire.example/ceasefire\nSource: Coast "
         "Wire\n\nGAZA (CW) - A ceasefire held through the night, residents said on Monday.\n")
EDITED = STORY.replace("residents said on Monday.",
                       "residents said on Monday, as aid trucks began to cross.")


def test_reingest_is_idempotent(write, store, ingest_paths, db):
    path = write("story.txt", STORY)
    first = ingest_paths(path)
    assert (first.ingested, first.already_present) == (1, 0)
    second = ingest_paths(path)
    assert (second.ingested, second.already_present) == (0, 1)
    assert count_rows(db, "articles") == 1
    assert count_rows(db, "outlets") == 1
    assert count_rows(db, "runs") == 2


def test_same_content_under_another_name_is_the_same_article(write, ingest_paths, db):
    ingest_paths(write("one.txt", STORY))
    report = ingest_paths(write("copy/two.txt", STORY.replace("\n\n", "\n\n\n")))
    assert report.already_present == 1
    assert count_rows(db, "articles") == 1


def test_changed_version_at_same_url_is_a_revision(write, store, ingest_paths, cli, db):
    first = ingest_paths(write("v1.txt", STORY))
    second = ingest_paths(write("v2.txt", EDITED))
    assert second.ingested == 1 and second.revisions == 1
    original, revised = first.article_ids[0], second.article_ids[0]
    assert original != revised
    assert store.get_article(revised).revision_of == original
    assert store.get_article(original).revision_of is None
    assert store.revisions_of(original) == [revised]
    # a third version points at the latest one
    third = ingest_paths(write("v3.txt", EDITED.replace("aid trucks", "fuel trucks")))
    assert store.get_article(third.article_ids[0]).revision_of == revised
    assert store.summary()["revisions"] == 2
    shown = cli("--db", db, "show", original)
    assert f"revised by           {revised}" in shown.out


def test_articles_are_immutable(write, store, ingest_paths):
    ingest_paths(write("story.txt", STORY))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE articles SET title = 'Changed'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE articles SET text = text || ' more'")
    (article,) = store.iter_articles()
    assert article.title == "Ceasefire holds in Gaza"


def test_migrations_set_user_version(store, db):
    latest = MIGRATIONS[-1][0]
    assert store.schema_version == latest
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "outlets", "runs", "rejections"} <= tables
    conn.close()


def test_reopen_does_not_migrate_again(db):
    with Store.open(db) as first:
        first.upsert_outlet(Outlet("coast-wire", "Coast Wire", "coastwire.example"))
    with Store.open(db) as again:
        assert again.schema_version == MIGRATIONS[-1][0]
        assert [o.name for o, _ in again.list_outlets()] == ["Coast Wire"]


def test_newer_schema_is_refused(db, cli):
    with Store.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {MIGRATIONS[-1][0] + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this newstrace"), Store.open(db):
        pass
    result = cli("--db", db, "summary")
    assert result.code == 1
    assert "upgrade newstrace" in result.err


def test_non_sqlite_file_as_db(tmp_path, cli):
    bogus = tmp_path / "notes.db"
    bogus.write_text("These are my notes about the Kherson story, not a database.\n" * 20)
    result = cli("--db", bogus, "summary")
    assert result.code != 0
    assert "not a newstrace database" in result.err
    assert bogus.read_text().startswith("These are my notes")  # left untouched


def test_db_is_a_directory_or_in_missing_folder(tmp_path, cli):
    result = cli("--db", tmp_path, "summary")
    assert result.code == 1 and "is a directory" in result.err
    result = cli("--db", tmp_path / "no" / "such" / "x.db", "summary")
    assert result.code == 1 and "does not exist" in result.err


def test_pragmas(store, db):
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO articles (id, outlet_id, text, published_precision, raw_sha256, "
            "text_sha256, source_format, input_ref, ingested_at, seq) "
            "VALUES ('x', 'no-such-outlet', 't', 'unknown', 'r', 't', 'text', 'i', 'now', 1)"
        )


def test_transaction_rolls_back_whole(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_outlet(Outlet("a", "A"))
        with store.transaction():  # nested joins the outer one
            store.upsert_outlet(Outlet("b", "B"))
        raise RuntimeError("boom")
    assert store.list_outlets() == []
    with store.transaction():
        store.upsert_outlet(Outlet("c", "C"))
    assert [o.id for o, _ in store.list_outlets()] == ["c"]


def test_get_article_by_prefix(write, store, ingest_paths):
    report = ingest_paths(write("story.txt", STORY))
    full = report.article_ids[0]
    assert store.get_article(full[:6]).id == full
    with pytest.raises(NotFoundError):
        store.get_article(full[:5])  # too short to be a prefix
    with pytest.raises(NotFoundError):
        store.get_article("ffffffffffffffff" if full[0] != "f" else "0000000000000000")
    with pytest.raises(NotFoundError):
        store.get_article("%%%%%%")  # LIKE wildcards are not a way to match everything


def test_ambiguous_prefix(store):
    store.upsert_outlet(Outlet("o", "O"))
    for n, article_id in enumerate(("abcdef0001", "abcdef0002"), start=1):
        store.conn.execute(
            "INSERT INTO articles (id, outlet_id, text, published_precision, raw_sha256, "
            "text_sha256, source_format, input_ref, ingested_at, seq) "
            "VALUES (?, 'o', 't', 'unknown', 'r', 't', 'text', 'i', 'now', ?)",
            (article_id, n),
        )
    with pytest.raises(UsageError, match="ambiguous"):
        store.get_article("abcdef")
    assert store.get_article("abcdef0002").id == "abcdef0002"


def test_outlet_upsert_keeps_first_domain(store):
    store.upsert_outlet(Outlet("coast-wire", "Coast Wire", None))
    store.upsert_outlet(Outlet("coast-wire", "Coast Wire", "coastwire.example"))
    store.upsert_outlet(Outlet("coast-wire", "Coast Wire", "other.example"))
    ((outlet, n),) = store.list_outlets()
    assert outlet.domain == "coastwire.example" and n == 0


def test_runs_and_rejections_roundtrip(store):
    run = Run(id="r1", stage="ingest", stage_version="1.0", config_hash="h",
              started_at="2024-01-01T00:00:00+00:00", args={"inputs": ["a"]})
    store.save_run(run)
    run.status, run.n_in, run.n_out = "finished", 3, 2
    store.save_run(run)
    (saved,) = store.list_runs()
    assert (saved.status, saved.n_in, saved.n_out, saved.args) == ("finished", 3, 2,
                                                                     {"inputs": ["a"]})
    store.add_rejection(Rejection("a.txt", "ingest", "empty", "the input is empty", "r1"))
    store.add_rejection(Rejection("a.txt", "ingest", "empty", "still empty", "r1"))
    (rejection,) = store.list_rejections("ingest")
    assert rejection.message == "still empty"
    assert store.list_rejections("reuse") == []


def test_iter_articles_filters(write, store, ingest_paths):
    for day, outlet in (("2024-03-01", "Coast Wire"), ("2024-03-02", "Coast Wire"),
                        ("2024-03-03", "Harbour Post")):
        ingest_paths(write(f"{day}.txt", f"Published: {day}\nSource: {outlet}\n\n"
                           f"Report from {day}: fishing boats stayed in port.\n"))
    assert [a.published_at for a in store.iter_articles()] == [
        "2024-03-01", "2024-03-02", "2024-03-03"]
    assert len(list(store.iter_articles(ArticleFilter(outlet="coast wire")))) == 2
    assert len(list(store.iter_articles(ArticleFilter(outlet="harbour-post")))) == 1
    assert len(list(store.iter_articles(ArticleFilter(limit=1)))) == 1


def test_to_utc():
    assert to_utc("2024-05-01T21:40:00+04:00") == "2024-05-01T17:40:00"
    assert to_utc("2024-05-01T21:40") == "2024-05-01T21:40:00"
    assert to_utc("2024-05") == "2024-05"
    assert to_utc(None) is None


def test_memory_store():
    with Store.open(":memory:") as store:
        assert store.summary()["articles"] == 0


def test_non_sqlite_file_as_db_subprocess(tmp_path):
    import subprocess

    from conftest import NEWSTRACE_BIN

    bogus = tmp_path / "photo.db"
    bogus.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 8)
    story = tmp_path / "s.txt"
    story.write_text(STORY)
    proc = subprocess.run([str(NEWSTRACE_BIN), "--db", str(bogus), "ingest", str(story)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"newstrace: error: {bogus}: not a newstrace database")
    assert proc.stdout == ""


def test_outlet_is_its_domain_and_keeps_the_best_name(tmp_path):
    """news-please rows name outlets by domain; a page of the same site names it properly."""
    from newstrace.ingest.build import outlet_for

    with Store.open(tmp_path / "o.db") as store:
        store.upsert_outlet(outlet_for("levantwire.example", None, 3))
        store.upsert_outlet(outlet_for("Levant Wire", "https://levantwire.example/a", 3))
        store.upsert_outlet(outlet_for("Levant Wire - World", "https://levantwire.example/", 2))
        outlets = store.list_outlets()
    assert [(o.id, o.name) for o, _ in outlets] == [("levantwire.example", "Levant Wire")]


def test_articles_cannot_be_deleted(tmp_path):
    from newstrace.ingest.build import build_article
    from newstrace.records import ArticleDraft

    draft = ArticleDraft("x.txt", "text", "Some body text of an article.", "00")
    article, outlet = build_article(draft, [], 10_000)
    with Store.open(tmp_path / "d.db") as store:
        store.upsert_outlet(outlet)
        store.add_article(article, None)
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("DELETE FROM articles")
