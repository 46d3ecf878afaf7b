"""Fixtures for the pytest-qt tests: private QSettings, a loaded main window."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from parallax.core.store.connection import Store
from parallax.desktop.app import build_main_window
from parallax.desktop.views.main_window import MainWindow

LOAD_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[Path]:
    """Every test gets its own QSettings folder; the user's settings are never touched."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


def wait_loaded(qtbot, window: MainWindow) -> None:
    """Until the background loads are done and the reader shows an article (if any)."""
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=LOAD_TIMEOUT_MS)


@pytest.fixture
def main_window(qtbot, store: Store) -> MainWindow:
    """The main window over a fresh temp store (so with the seed dossier), loaded."""
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.reader.article_id() >= 0, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, window)
    return window
