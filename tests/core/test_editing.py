"""Correcting and undoing in the store: article details, moves, snapshots and restores.

Real SQLite files in tmp_path; the rows are read back with the sqlite3 module,
so "identical" means identical on disk (raw bytes, annotations, cache rows).
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime

import pytest

from parallax.core.errors import InputError
from parallax.core.ingest.model import ImportedArticle, text_hash
from parallax.core.store import library, portable, snapshots
from parallax.core.store.connection import open_store
from parallax.core.store.models import AnalysisCache, Annotation
from tests.core.storeutil import fingerprint

RAW = b"\xef\xbb\xbfOriginal bytes \xe2\x80\x9cas imported\xe2\x80\x9d\r\n"


def article(text: str, name: str = "a.txt", **meta) -> ImportedArticle:
    return ImportedArticle(text=text, raw=RAW + text.encode("utf-8"), source_name=name, fmt="text", **meta)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.sqlite3"


def rows(db, sql: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def article_rows(db, article_id: int) -> tuple[list, list, list]:
    """The article's row, its annotations and its text's cache rows, as on disk."""
    art = rows(db, "SELECT * FROM article WHERE id = ?", article_id)
    notes = rows(db, "SELECT * FROM annotation WHERE article_id = ? ORDER BY id", article_id)
    sha = rows(db, "SELECT text_sha256 FROM article WHERE id = ?", article_id)[0][0] if art else None
    cache = rows(db, "SELECT * FROM analysis_cache WHERE text_sha256 = ?", sha)
    return art, notes, cache


def counts_of_content(db) -> dict[str, int]:
    """Rows per table, leaving out ``setting`` (a delete notes its id floor there)."""
    counts = fingerprint(db)[0]
    counts.pop("setting")
    return counts


def add_note_and_cache(store, article_id: int, text: str) -> None:
    with store.transaction() as s:
        s.add(Annotation(article_id=article_id, start=0, end=5, note="check this name",
                         created_at=datetime(2021, 7, 27, 9, 30)))
        s.add(AnalysisCache(text_sha256=text_hash(text), analyser="spacy-test", version="v1",
                            created_at=datetime(2021, 7, 27, 9, 31), payload=b"\x00\x01payload"))


# -- editing details -------------------------------------------------------------------

def test_update_article_details_changes_only_the_given_fields(db):
    store = open_store(db)
    rep = library.add_articles(store, [article("Talks resumed on Monday.", title="Old title",
                                               outlet="Wire", author="A. Writer")], dossier="D")
    [aid] = rep.added
    info = library.update_article_details(
        store, aid, outlet="  The   New York Times ", published="2021-07-26",
        url="https://www.nytimes.com/2021/07/26/world/iraq.html", author="",
    )
    assert info.id == aid
    assert info.outlet == "The New York Times"  # whitespace tidied
    assert info.published == date(2021, 7, 26)
    assert info.url == "https://www.nytimes.com/2021/07/26/world/iraq.html"
    assert info.author is None  # an empty field clears it
    assert info.title == "Old title"  # not given: unchanged
    stored = library.get_article(store, aid)
    assert stored.info == info
    assert stored.text == "Talks resumed on Monday."
    assert library.get_raw(store, aid) == RAW + b"Talks resumed on Monday."
    # a written-out date is read too, and None clears the date
    assert library.update_article_details(store, aid, published="July 24, 2021").published == date(2021, 7, 24)
    assert library.update_article_details(store, aid, published=None).published is None
    store.close()


@pytest.mark.parametrize(("changes", "reason"), [
    ({"published": "26/07/2021"}, "unreadable date '26/07/2021' (use YYYY-MM-DD"),
    ({"published": "2021-02-30"}, "unreadable date '2021-02-30'"),
    ({"url": "www.example.org/story"}, "URL must start with http:// or https://"),
    ({"url": "ftp://example.org/story"}, "URL must start with http:// or https://"),
    ({"url": "https://"}, "URL has no site name"),
    ({"outlet": "Fine", "url": "javascript:alert(1)"}, "URL must start with http:// or https://"),
])
def test_bad_details_are_one_line_errors_and_change_nothing(db, changes, reason):
    store = open_store(db)
    [aid] = library.add_articles(store, [article("Talks resumed on Monday.", outlet="Wire")],
                                 dossier="D").added
    store.close()
    before = fingerprint(db)
    store = open_store(db)
    with pytest.raises(InputError) as err:
        library.update_article_details(store, aid, **changes)
    store.close()
    assert str(err.value).startswith(f"article {aid}: ") and reason in str(err.value)
    assert "\n" not in str(err.value)
    assert fingerprint(db) == before


def test_update_unknown_article_is_an_input_error(db):
    store = open_store(db)
    with pytest.raises(InputError, match="article 42: no such id in the store"):
        library.update_article_details(store, 42, title="X")
    store.close()


# -- moving ----------------------------------------------------------------------------

def test_move_article_to_another_dossier_and_back(db):
    store = open_store(db)
    [aid] = library.add_articles(store, [article("Moved text.")], dossier="First").added
    second = library.create_dossier(store, "Second")
    first = library.find_dossier(store, "First")
    moved = library.move_article(store, aid, second.id)
    assert moved.dossier_id == second.id
    assert library.list_articles(store, first.id) == []
    assert [a.id for a in library.list_articles(store, second.id)] == [aid]
    assert library.move_article(store, aid, first.id).dossier_id == first.id
    store.close()


def test_move_into_a_dossier_holding_the_same_text_is_refused(db):
    store = open_store(db)
    [aid] = library.add_articles(store, [article("Same text.")], dossier="First").added
    library.add_articles(store, [article("Same text.", "copy.txt")], dossier="Second")
    second = library.find_dossier(store, "Second")
    store.close()
    before = fingerprint(db)
    store = open_store(db)
    with pytest.raises(InputError, match=f"article {aid}: the dossier 'Second' already has this text"):
        library.move_article(store, aid, second.id)
    with pytest.raises(InputError, match="dossier 99: no such id"):
        library.move_article(store, aid, 99)
    store.close()
    assert fingerprint(db) == before


# -- snapshots and restores -------------------------------------------------------------

def test_deleted_article_is_restored_with_identical_rows(db):
    store = open_store(db)
    text = "Iraq and the United States agreed on a timetable."
    [keep, aid] = library.add_articles(
        store, [article("Another text stays.", "b.txt"),
                article(text, "talks.html", title="T", outlet="O", author="A",
                        url="https://example.org/t", published=date(2021, 7, 24), language="en")],
        dossier="D").added
    add_note_and_cache(store, aid, text)
    store.close()
    before_rows = article_rows(db, aid)
    before = counts_of_content(db)
    assert before_rows[1] and before_rows[2]  # there is a note and a cache row to lose

    store = open_store(db)
    snap = snapshots.delete_article(store, aid)
    assert snap.article_id == aid and snap.title == "T"
    with pytest.raises(InputError):
        library.get_article(store, aid)
    store.close()
    assert article_rows(db, aid)[:2] == ([], [])

    store = open_store(db)
    info = snapshots.restore_article(store, snap)
    store.close()
    assert info.id == aid and info.dossier_id == before_rows[0][0][1]
    assert article_rows(db, aid) == before_rows
    assert counts_of_content(db) == before
    assert keep != aid


def test_restore_brings_back_cache_rows_that_were_dropped(db):
    store = open_store(db)
    text = "A text whose analysis was cached."
    [aid] = library.add_articles(store, [article(text)], dossier="D").added
    add_note_and_cache(store, aid, text)
    store.close()
    before_rows = article_rows(db, aid)
    store = open_store(db)
    snap = snapshots.delete_article(store, aid)
    with store.transaction() as s:  # e.g. a cache clean-up ran meanwhile
        s.query(AnalysisCache).delete()
    snapshots.restore_article(store, snap)
    store.close()
    assert article_rows(db, aid) == before_rows


def test_a_deleted_id_is_not_handed_to_a_later_import(db):
    store = open_store(db)
    [first, last] = library.add_articles(store, [article("One."), article("Two.", "b.txt")],
                                         dossier="D").added
    snap = snapshots.delete_article(store, last)
    [newer] = library.add_articles(store, [article("Three.", "c.txt")], dossier="D").added
    assert newer > last
    assert snapshots.restore_article(store, snap).id == last
    d_snap = snapshots.delete_dossier(store, library.find_dossier(store, "D").id)
    created = library.create_dossier(store, "Other")
    assert created.id > d_snap.dossier_id
    assert snapshots.restore_dossier(store, d_snap).id == d_snap.dossier_id
    store.close()


def test_deleted_dossier_is_restored_with_its_articles(db):
    store = open_store(db)
    rep = library.add_articles(store, [article("Alpha text.", "a.txt", outlet="A"),
                                       article("Beta text.", "b.txt", outlet="B")], dossier="Class")
    library.add_articles(store, [article("Elsewhere.")], dossier="Other")
    add_note_and_cache(store, rep.added[0], "Alpha text.")
    store.close()
    before_rows = [article_rows(db, i) for i in rep.added]
    before_dossier = rows(db, "SELECT * FROM dossier WHERE id = ?", rep.dossier_id)
    before_counts = counts_of_content(db)

    store = open_store(db)
    snap = snapshots.delete_dossier(store, rep.dossier_id)
    assert snap.name == "Class" and len(snap.articles) == 2
    assert [d.name for d in library.list_dossiers(store)] == ["Other"]
    info = snapshots.restore_dossier(store, snap)
    store.close()
    assert (info.id, info.name, info.article_count) == (rep.dossier_id, "Class", 2)
    assert rows(db, "SELECT * FROM dossier WHERE id = ?", rep.dossier_id) == before_dossier
    assert [article_rows(db, i) for i in rep.added] == before_rows
    assert counts_of_content(db) == before_counts


def test_restore_that_would_clash_fails_cleanly(db):
    store = open_store(db)
    [aid] = library.add_articles(store, [article("Same text.")], dossier="D").added
    snap = snapshots.delete_article(store, aid)
    library.add_articles(store, [article("Same text.", "again.txt")], dossier="D")  # imported again
    d_snap = snapshots.delete_dossier(store, library.create_dossier(store, "Gone").id)
    library.create_dossier(store, "Gone")  # a new dossier took the name
    store.close()
    before = fingerprint(db)
    store = open_store(db)
    with pytest.raises(InputError, match=f"article {aid}: its text is in the dossier 'D' again"):
        snapshots.restore_article(store, snap)
    with pytest.raises(InputError, match=f"dossier {d_snap.dossier_id}: a dossier named 'Gone' exists again"):
        snapshots.restore_dossier(store, d_snap)
    store.close()
    assert fingerprint(db) == before


# -- importing a dossier file under a taken name -----------------------------------------

def test_importing_a_dossier_file_under_a_taken_name_asks_for_merge_or_a_new_name(db, tmp_path):
    store = open_store(db)
    rep = library.add_articles(store, [article("Alpha text.", "a.txt"), article("Beta text.", "b.txt")],
                               dossier="Class set")
    out = portable.export_dossier(store, rep.dossier_id, tmp_path / "class.parallax")
    library.delete_article(store, rep.added[1])  # the user removed one since
    store.close()
    before = fingerprint(db)

    store = open_store(db)
    with pytest.raises(portable.DossierNameTaken) as err:
        portable.import_dossier(store, out)
    assert err.value.dossier == "Class set"
    assert str(err.value) == ("class.parallax: a dossier named 'Class set' already exists; "
                              "merge into it or import under another name")
    with pytest.raises(portable.DossierNameTaken):
        portable.import_dossier(store, out, name="Class set")  # --as a taken name is no way round
    store.close()
    assert fingerprint(db) == before

    store = open_store(db)
    names = lambda: [d.name for d in library.list_dossiers(store)]  # noqa: E731
    assert portable.suggest_name("Class set", names()) == "Class set (2)"
    copy = portable.import_dossier(store, out, name="Class set (2)")
    assert len(copy.added) == 2 and copy.dossier_id != rep.dossier_id
    assert portable.suggest_name("Class set", names()) == "Class set (3)"
    merged = portable.import_dossier(store, out, merge=True)
    assert merged.dossier_id == rep.dossier_id and len(merged.added) == 1  # the removed one
    store.close()
