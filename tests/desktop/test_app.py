"""Start-up: a database that cannot be used is a dialog and exit code 1, never a traceback."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from parallax.desktop.app import run_gui
from parallax.resources import resource_path


@pytest.fixture
def shown_errors(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_not_a_database_is_a_dialog_and_exit_1(qapp, tmp_path: Path, shown_errors, capsys):
    db = tmp_path / "notes.sqlite3"
    db.write_text("these are my notes, not a database\n", encoding="utf-8")
    assert run_gui(str(db), []) == 1
    assert len(shown_errors) == 1
    title, text = shown_errors[0]
    assert "cannot open its database" in title
    assert text.startswith(f"{db}: not a Parallax database")
    assert "Traceback" not in capsys.readouterr().err


def test_database_from_a_newer_parallax_is_refused(qapp, tmp_path: Path, shown_errors):
    db = tmp_path / "future.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE x (a)")
        conn.execute("PRAGMA user_version = 999")
        conn.commit()
    assert run_gui(str(db), []) == 1
    assert "newer Parallax" in shown_errors[0][1]


def test_resource_lookup_is_by_name_and_fails_clearly():
    assert resource_path("icons/import-file.svg").read_text(encoding="utf-8").startswith("<svg")
    with pytest.raises(KeyError, match="unknown resource 'icons/nope.svg'.*icons/paste.svg"):
        resource_path("icons/nope.svg")


def test_run_gui_opens_the_window_and_quits_with_0(qapp, tmp_path: Path, shown_errors):
    from PySide6.QtCore import QTimer

    from parallax.desktop.views.main_window import MainWindow

    seen = []

    def close_when_loaded():
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].reader.article_id() >= 0:
            seen.append(windows[0].windowTitle())
            windows[0].close()
        else:
            QTimer.singleShot(20, close_when_loaded)

    QTimer.singleShot(0, close_when_loaded)
    assert run_gui(str(tmp_path / "new.sqlite3"), []) == 0
    assert seen == ["Parallax — US–Iraq troop talks, July 2021"]
    assert shown_errors == []
