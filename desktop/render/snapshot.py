"""PNG snapshots of the main window (for the README and for tests).

Depends on PySide6 and the desktop views. Works offscreen
(``QT_QPA_PLATFORM=offscreen``): the window is built over a store, the seed
dossier (or the first one) and its first article are loaded through the normal
background path, and the window is grabbed with ``QWidget.grab()``.

Run as a script to refresh the README picture::

    QT_QPA_PLATFORM=offscreen python -m parallax.desktop.render.snapshot docs/screenshot-main.png
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from parallax.core.store.connection import Store, open_store
from parallax.desktop.app import build_main_window

LOAD_TIMEOUT_MS = 15_000


def snapshot_main_window(store: Store, path: str | Path, width: int = 1280, height: int = 800) -> Path:
    """Save a ``width`` x ``height`` PNG of the main window over ``store`` to ``path``.

    The window shows the first dossier with its first article in the reader.

    Raises:
        TimeoutError: the dossier or article did not load in time.
        OSError: the PNG could not be written.
    """
    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = build_main_window(store)
    try:
        window.resize(width, height)
        window.show()
        _wait(app, lambda: window.reader.article_id() >= 0 and not window.tasks.busy)
        window.reader.text_view.verticalScrollBar().setValue(0)
        app.processEvents()
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(target), "PNG"):
            raise OSError(f"{target}: cannot write the PNG")
        return target
    finally:
        window.close()
        window.deleteLater()


def _wait(app: QApplication, ready) -> None:  # noqa: ANN001 - predicate
    deadline = QDeadlineTimer(LOAD_TIMEOUT_MS)
    while not ready():
        if deadline.hasExpired():
            raise TimeoutError("the main window did not finish loading")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main(argv: list[str] | None = None) -> int:
    """``snapshot.py OUT.png [WIDTH HEIGHT]`` over a fresh store holding the seed dossier."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("docs/screenshot-main.png")
    width, height = (int(args[1]), int(args[2])) if len(args) >= 3 else (1280, 800)
    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - must outlive the window
    with tempfile.TemporaryDirectory() as tmp:
        # A fresh store and settings file: the picture must not show the user's own state.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        store = open_store(Path(tmp) / "snapshot.sqlite3")
        try:
            snapshot_main_window(store, out, width, height)
        finally:
            store.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
