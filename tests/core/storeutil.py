"""Helpers for tests that check the store is exactly as it was."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from parallax.core.store.connection import Store, open_store


def fingerprint(db_path: Path) -> tuple[dict[str, int], str]:
    """Row counts per table and a hash of the database file (store must be closed)."""
    with closing(sqlite3.connect(db_path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    return counts, hashlib.sha256(db_path.read_bytes()).hexdigest()


@contextmanager
def open_copy(template: Path, folder: Path) -> Iterator[Store]:
    """An open copy of the (closed) store file ``template``, made in ``folder``; closed after."""
    path = folder / "copy.sqlite3"
    shutil.copyfile(template, path)
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()
