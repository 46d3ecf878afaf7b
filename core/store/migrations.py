"""Schema versions as ordered SQL scripts, tracked in ``PRAGMA user_version``.

Standard library only. ``MIGRATIONS[i]`` takes a database from version ``i`` to
``i + 1``. Never edit a released script: append a new one.
"""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
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
]

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, *, scripts: list[str] = MIGRATIONS) -> tuple[int, int]:
    """Apply the pending scripts, each in its own transaction with its version bump.

    Returns:
        (version before, version after).
    """
    before = user_version(conn)
    for version in range(before, len(scripts)):
        statements = [s.strip() for s in scripts[version].split(";") if s.strip()]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return before, user_version(conn)
