"""Language of imported articles: detection, storage, word counts, the store migration.

Real readers, a real SQLite store in tmp_path, the real py3langid model.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime

import pytest

from parallax.core.ingest.language import detect_language, english_models_apply, language_name
from parallax.core.ingest.model import count_words, text_hash
from parallax.core.ingest.readers import read_file, read_pasted
from parallax.core.store import library
from parallax.core.store.connection import open_store
from parallax.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.fixtures import languages as L


@pytest.mark.parametrize(("text", "code", "name"), [
    (L.ENGLISH, "en", "English"),
    (L.FINNISH, "fi", "Finnish"),
    (L.GERMAN, "de", "German"),
    (L.CHINESE, "zh", "Chinese"),
    (L.JAPANESE, "ja", "Japanese"),
])
def test_language_detected_and_stored(store, text, code, name):
    art = read_pasted(text)
    assert art.language == code
    report = library.add_articles(store, [art], dossier="Languages")
    info = library.get_article(store, report.added[0]).info
    assert info.language == code
    assert language_name(info.language) == name
    assert english_models_apply(info.language) == (code == "en")


def test_short_text_is_unknown_not_guessed():
    assert read_pasted("Talks resume on Monday.").language is None
    assert detect_language("nukumme huonommin") is None


def test_given_language_wins_and_html_lang_is_only_a_hint(tmp_path):
    assert read_pasted(L.FINNISH, language="de").language == "de"  # the user said so
    assert read_pasted(L.ENGLISH, language="en-GB").language == "en"
    assert read_pasted(L.ENGLISH, language="English").language == "en"
    page = tmp_path / "fi.html"
    body = "".join(f"<p>{p}.</p>" for p in L.FINNISH.split(". "))
    # A template's lang="en" on a Finnish page: detection is sure, the page is Finnish.
    page.write_text(f'<html lang="en"><head><title>Uutiset</title></head><body><article>'
                    f'{body}</article></body></html>', encoding="utf-8")
    assert read_file(page).language == "fi"
    # Too short to tell: the page's own lang attribute is kept.
    short = tmp_path / "short.html"
    short.write_text('<html lang="fi-FI"><body><article><p>Irak ja Yhdysvallat sopivat '
                     'joukkojen vetämisestä pois maasta vuoden loppuun mennessä.</p>'
                     '</article></body></html>', encoding="utf-8")
    assert read_file(short).language == "fi"


def test_chinese_word_count_counts_characters_not_phrases():
    han = sum(1 for ch in L.CHINESE if "\u4e00" <= ch <= "\u9fff")
    assert 1900 <= len(L.CHINESE) <= 2300
    # Before: 112 "words" (one per run between punctuation marks).
    assert han * 0.9 <= count_words(L.CHINESE) <= len(L.CHINESE)
    assert count_words(L.JAPANESE) >= 150
    # Text with spaces counts as before; a mixed line counts both parts.
    assert count_words("Hello — world 🙂 don't") == 3
    assert count_words("Kadhimi 说 US troops") == 4
    # Thai: runs between spaces are estimated from their letters, not counted as one word.
    assert count_words("รัฐบาลอิรักและสหรัฐอเมริกาตกลงกันเรื่องการถอนทหาร") >= 8


def _insert(conn, dossier_id: int, text: str, language: str | None, words: int) -> int:
    cur = conn.execute(
        "INSERT INTO article (dossier_id, title, language, source_name, fmt, raw_sha256, "
        "text_sha256, imported_at, word_count, text, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (dossier_id, "t", language, "a.txt", "text", "0" * 64, text_hash(text),
         datetime(2021, 7, 26), words, text, text.encode()))
    return cur.lastrowid


def test_migration_detects_languages_of_an_older_store(store_path):
    open_store(store_path, migrations=MIGRATIONS[:1]).close()
    with closing(sqlite3.connect(store_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        conn.execute("INSERT INTO dossier (id, name, created_at) VALUES (1, 'Old', ?)",
                     (datetime(2021, 7, 26),))
        ids = {
            "fi_null": _insert(conn, 1, L.FINNISH, None, 53),
            "zh_null": _insert(conn, 1, L.CHINESE, None, 112),
            "de_old_en": _insert(conn, 1, L.GERMAN, "en", 56),  # the old guess never said "de"
            "en": _insert(conn, 1, L.ENGLISH, "en", 60),
            "short_given": _insert(conn, 1, "Kurz gesagt.", "de", 2),  # a page's lang: kept
        }
        conn.commit()
    store = open_store(store_path)
    try:
        assert store.backup_path is not None
        got = {k: library.get_article(store, i).info for k, i in ids.items()}
    finally:
        store.close()
    assert {k: v.language for k, v in got.items()} == {
        "fi_null": "fi", "zh_null": "zh", "de_old_en": "de", "en": "en", "short_given": "de"}
    assert got["zh_null"].word_count == count_words(L.CHINESE) > 1000
    assert got["en"].word_count == 60
    with closing(sqlite3.connect(store_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    with closing(sqlite3.connect(store.backup_path)) as conn:  # the backup is the old store
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT language, word_count FROM article WHERE id = ?",
                            (ids["zh_null"],)).fetchone() == (None, 112)


def test_dossier_file_without_languages_gets_them_on_import(store, tmp_path):
    from parallax.core.ingest.model import ImportedArticle
    from parallax.core.store import portable

    old = ImportedArticle(text=L.FINNISH, raw=L.FINNISH.encode(), source_name="fi.txt", fmt="text")
    report = library.add_articles(store, [old], dossier="Old")
    assert library.get_article(store, report.added[0]).info.language is None
    path = portable.export_dossier(store, report.dossier_id, tmp_path / "old.parallax")
    again = portable.import_dossier(store, path, name="Again")
    assert library.get_article(store, again.added[0]).info.language == "fi"
