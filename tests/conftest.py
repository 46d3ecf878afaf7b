"""Fixtures shared by the core and desktop tests: a temporary store, the seed files.

No Qt here: ``tests/core`` must run without it.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.core.store.connection import Store, open_store

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where the test's own SQLite file lives (not created yet)."""
    return tmp_path / "parallax.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    """A fresh, empty, migrated store in ``tmp_path``; closed after the test."""
    s = open_store(store_path)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def seeds_dir() -> Path:
    """The seed dossier's folder as shipped (``seeds/``)."""
    return SEEDS_DIR
