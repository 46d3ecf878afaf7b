"""The SQLite store: opening, checks, migrations with backup, operations, portability."""
from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import inspect

from parallax.core.errors import InputError, StoreError
from parallax.core.ingest.model import ImportedArticle
from parallax.core.store import library, portable
from parallax.core.store.connection import open_store, resolve_db_path
from parallax.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from parallax.core.store.models import Base
from tests.core.storeutil import fingerprint


def article(text: str, name: str = "a.txt", **meta) -> ImportedArticle:
    return ImportedArticle(text=text, raw=text.encode("utf-8"), source_name=name, fmt="text", **meta)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.sqlite3"


def test_new_store_is_migrated_with_wal_and_foreign_keys(db):
    store = open_store(db)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    store.close()
    assert store.backup_path is None


def test_models_match_migrated_schema(db):
    store = open_store(db)
    insp = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        migrated = {c["name"]: c["nullable"] for c in insp.get_columns(table.name)}
        declared = {c.name: c.nullable for c in table.columns}
        assert migrated == declared, table.name
    store.close()


def test_db_path_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLAX_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_db_path(None) == tmp_path / "env.sqlite3"
    assert resolve_db_path(tmp_path / "flag.sqlite3") == tmp_path / "flag.sqlite3"
    monkeypatch.delenv("PARALLAX_DB")
    assert resolve_db_path(None).name == "parallax.sqlite3"


def test_not_a_database_is_refused_and_untouched(db):
    db.write_bytes(b"this is my shopping list, not a database\n" * 50)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a Parallax database"):
        open_store(db)
    assert db.read_bytes() == before


def test_damaged_database_gives_clear_message(db):
    store = open_store(db)
    library.add_articles(store, [article("word " * 5000)], dossier="D")
    store.close()
    data = bytearray(db.read_bytes())
    page = 4096
    data[page * 2: page * 4] = b"\xff" * (page * 2)  # wreck b-tree pages, keep the header
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        open_store(db)


def test_locked_database_gives_clear_message(db):
    open_store(db).close()
    with closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError, match="locked by another program"):
            open_store(db)
        other.execute("ROLLBACK")


def test_newer_schema_is_refused(db):
    open_store(db).close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="newer Parallax"):
        open_store(db)


def test_migration_backs_up_first(db):
    store = open_store(db)
    library.add_articles(store, [article("First article text.")], dossier="D")
    store.close()
    counts_before, _ = fingerprint(db)
    extended = [*MIGRATIONS, "ALTER TABLE article ADD COLUMN note VARCHAR"]
    store = open_store(db, migrations=extended)
    assert store.backup_path is not None and store.backup_path.exists()
    store.close()
    backup_counts, _ = fingerprint(store.backup_path)
    assert backup_counts == counts_before
    with closing(sqlite3.connect(store.backup_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_duplicates_are_reported_not_stored(db):
    store = open_store(db)
    first = library.add_articles(store, [article("Same text.", "a.txt")], dossier="D")
    again = library.add_articles(
        store, [article("Same text.", "copy.txt"), article("Other text.", "b.txt")], dossier="D"
    )
    assert len(first.added) == 1
    assert again.duplicates == ("copy.txt",) and len(again.added) == 1
    other = library.add_articles(store, [article("Same text.")], dossier="Elsewhere")
    assert len(other.added) == 1  # the same text may live in another dossier
    assert [d.article_count for d in library.list_dossiers(store)] == [2, 1]
    store.close()


def test_failed_action_leaves_store_unchanged(db):
    store = open_store(db)
    library.add_articles(store, [article("Kept.")], dossier="D")
    store.close()
    before = fingerprint(db)
    store = open_store(db)
    bad = ImportedArticle(text="Fine.", raw=b"x", source_name=None, fmt="text")  # NOT NULL column
    with pytest.raises(StoreError):
        library.add_articles(store, [article("Would be added."), bad], dossier="New dossier")
    store.close()
    assert fingerprint(db) == before


def test_article_metadata_round_trip(db):
    store = open_store(db)
    rep = library.add_articles(store, [article(
        "Text “with” curly quotes — and emoji 🙂.", "x.html", title="T", outlet="O",
        author="A", url="https://example.org/x", published=date(2021, 7, 24), language="en",
    )], dossier="D")
    got = library.get_article(store, rep.added[0])
    assert got.text == "Text “with” curly quotes — and emoji 🙂."
    assert (got.info.title, got.info.outlet, got.info.published) == ("T", "O", date(2021, 7, 24))
    assert got.info.word_count == 6  # dash and emoji are not words
    assert library.get_raw(store, rep.added[0]) == got.text.encode("utf-8")
    with pytest.raises(InputError, match="no such id"):
        library.get_article(store, 999)
    store.close()


def test_delete_dossier_cascades(db):
    store = open_store(db)
    rep = library.add_articles(store, [article("One."), article("Two.")], dossier="D")
    library.delete_dossier(store, rep.dossier_id)
    store.close()
    counts, _ = fingerprint(db)
    assert counts["article"] == 0 and counts["dossier"] == 0


def test_portable_dossier_round_trip(db, tmp_path):
    store = open_store(db)
    rep = library.add_articles(
        store, [article("Alpha text.", "a.txt", outlet="Outlet A", published=date(2021, 7, 26)),
                article("Beta text.", "b.txt")], dossier="Class set",
    )
    out = portable.export_dossier(store, rep.dossier_id, tmp_path / "class.parallax")
    store.close()
    other = open_store(tmp_path / "student.sqlite3")
    got = portable.import_dossier(other, out)
    assert len(got.added) == 2
    arts = library.list_articles(other, got.dossier_id)
    assert [(a.outlet, a.published) for a in arts] == [("Outlet A", date(2021, 7, 26)), (None, None)]
    again = portable.import_dossier(other, out, merge=True)
    assert again.added == () and len(again.duplicates) == 2
    other.close()


@pytest.mark.parametrize("content, reason", [
    (b"", "not a zip archive"),
    (b"PK\x03\x04 broken", "not a zip archive"),
    ("zip-without-json", "damaged dossier file"),
    ("zip-wrong-format", "not a Parallax dossier file"),
])
def test_bad_dossier_file_leaves_store_unchanged(db, tmp_path, content, reason):
    bad = tmp_path / "bad.parallax"
    if content == "zip-without-json":
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("other.txt", "hello")
    elif content == "zip-wrong-format":
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("dossier.json", '{"format": "something-else"}')
    else:
        bad.write_bytes(content)
    store = open_store(db)
    library.add_articles(store, [article("Existing.")], dossier="D")
    store.close()
    before = fingerprint(db)
    store = open_store(db)
    with pytest.raises(InputError) as err:
        portable.import_dossier(store, bad)
    store.close()
    assert str(err.value).startswith("bad.parallax: ") and reason in str(err.value)
    assert "\n" not in str(err.value)
    assert fingerprint(db) == before
