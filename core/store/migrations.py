"""Schema versions as ordered migrations, tracked in ``PRAGMA user_version``.

Standard library only, except that a data migration may import the ingest code
it re-runs (:func:`_detect_languages` uses ``parallax.core.ingest``).
``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1``: an SQL
script, or a function of the connection for changes SQL cannot compute. Each
runs in its own transaction with its version bump. Never edit a released
migration: append a new one.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = str | Callable[[sqlite3.Connection], None]


def _detect_languages(conn: sqlite3.Connection) -> None:
    """1 -> 2: the language of articles imported before detection, and word counts
    that count each Chinese or Japanese character (they were counted per phrase).

    A NULL language, or "en" (the only value the old cheap guess could give),
    is detected again, the stored value serving as the hint; any other stored
    language came from the user or the page and is kept.
    """
    from parallax.core.ingest.language import detect_language
    from parallax.core.ingest.model import count_words

    updates = []
    for article_id, language, words, text in conn.execute(
            "SELECT id, language, word_count, text FROM article"):
        new_language = detect_language(text, hint=language) if language in (None, "en") else language
        new_words = count_words(text)
        if (new_language, new_words) != (language, words):
            updates.append((new_language, new_words, article_id))
    conn.executemany("UPDATE article SET language = ?, word_count = ? WHERE id = ?", updates)


MIGRATIONS: list[Migration] = [
    # 0 -> 1: initial schema
    """
    CREATE TABLE dossier (
        id INTEGER NOT NULL PRIMARY KEY,
        name VARCHAR NOT NULL UNIQUE,
        created_at DATETIME NOT NULL
    );
    CREATE TABLE article (
        id INTEGER NOT NULL PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
        title VARCHAR,
        outlet VARCHAR,
        author VARCHAR,
        url VARCHAR,
        published DATE,
        language VARCHAR,
        source_name VARCHAR NOT NULL,
        fmt VARCHAR NOT NULL,
        raw_sha256 VARCHAR(64) NOT NULL,
        text_sha256 VARCHAR(64) NOT NULL,
        imported_at DATETIME NOT NULL,
        word_count INTEGER NOT NULL,
        text TEXT NOT NULL,
        raw BLOB NOT NULL,
        UNIQUE (dossier_id, text_sha256)
    );
    CREATE INDEX ix_article_dossier_id ON article (dossier_id);
    CREATE INDEX ix_article_text_sha256 ON article (text_sha256);
    CREATE TABLE analysis_cache (
        text_sha256 VARCHAR(64) NOT NULL,
        analyser VARCHAR NOT NULL,
        version VARCHAR NOT NULL,
        created_at DATETIME NOT NULL,
        payload BLOB NOT NULL,
        PRIMARY KEY (text_sha256, analyser, version)
    );
    CREATE TABLE annotation (
        id INTEGER NOT NULL PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        note TEXT NOT NULL,
        created_at DATETIME NOT NULL
    );
    CREATE INDEX ix_annotation_article_id ON annotation (article_id);
    CREATE TABLE setting (
        key VARCHAR NOT NULL PRIMARY KEY,
        value VARCHAR NOT NULL
    );
    """,
    _detect_languages,
    # 2 -> 3: the pair judge's answers, keyed by the two sentences' texts (see
    # parallax.core.store.judgements); probabilities and features are JSON.
    """
    CREATE TABLE judgement_cache (
        pair_sha256 VARCHAR(64) NOT NULL,
        judge VARCHAR NOT NULL,
        created_at DATETIME NOT NULL,
        score FLOAT NOT NULL,
        verdict VARCHAR NOT NULL,
        probabilities TEXT NOT NULL,
        features TEXT NOT NULL,
        PRIMARY KEY (pair_sha256, judge)
    );
    CREATE INDEX ix_judgement_cache_judge ON judgement_cache (judge);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, *, scripts: list[Migration] = MIGRATIONS) -> tuple[int, int]:
    """Apply the pending migrations, each in its own transaction with its version bump.

    Returns:
        (version before, version after).
    """
    before = user_version(conn)
    for version in range(before, len(scripts)):
        step = scripts[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(step):
                step(conn)
            else:
                for statement in (s.strip() for s in step.split(";")):
                    if statement:
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return before, user_version(conn)
