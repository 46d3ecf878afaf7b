"""QApplication set-up and main-window wiring: the desktop app's entry point.

Depends on PySide6, the core ``Workspace`` and the views. ``run_gui`` is what
``parallax gui`` and ``parallax-gui`` call; ``build_main_window`` is what tests
and the snapshot renderer use. A database that cannot be opened (damaged,
locked, too new) is reported in a dialog and the app exits with code 1; no
traceback reaches the user.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from parallax.core.about import parallax_version
from parallax.core.errors import ParallaxError, StoreError
from parallax.core.store.connection import Store, open_store
from parallax.core.workspace import Workspace
from parallax.desktop.views.dialogs import show_error
from parallax.desktop.views.icons import app_icon
from parallax.desktop.views.main_window import APP_NAME, ORGANISATION, MainWindow

log = logging.getLogger(__name__)

EXIT_OK, EXIT_STORE_ERROR = 0, 1


def build_main_window(store: Store) -> MainWindow:
    """The main window over ``store``, with the seed dossier on first start.

    Loading the dossier list starts in the background; the window selects the
    seed dossier if it was just created, else the most recently used dossier.

    Raises:
        StoreError: the store cannot be written (e.g. locked) while seeding.
    """
    workspace = Workspace(store)
    seeded = workspace.seed_dossier()
    window = MainWindow(workspace, version=parallax_version())
    recent = window.recent_dossier_ids()
    window.refresh(select_dossier=seeded if seeded is not None else (recent[0] if recent else None))
    return window


def run_gui(db: str | None = None, argv: list[str] | None = None) -> int:
    """Start the desktop app on the database ``db`` (default: ``--db``/env/user folder).

    Returns:
        The exit code: 0 after a normal quit, 1 if the database cannot be used.
    """
    app = _application(argv)
    try:
        store = open_store(db)
    except StoreError as exc:
        show_error(None, f"{APP_NAME} cannot open its database", _store_message(exc))
        return EXIT_STORE_ERROR
    try:
        try:
            window = build_main_window(store)
        except ParallaxError as exc:
            show_error(None, f"{APP_NAME} cannot open its database", _store_message(exc))
            return EXIT_STORE_ERROR
        window.show()
        previous_hook = sys.excepthook
        sys.excepthook = lambda *info: _report_bug(window, previous_hook, *info)
        try:
            return app.exec()
        finally:
            sys.excepthook = previous_hook
    finally:
        store.close()


def _application(argv: Sequence[str] | None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("parallax")
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def _store_message(exc: BaseException) -> str:
    return (
        f"{exc}\n\nStart Parallax with another database (parallax gui --db PATH), "
        "or close the other program using this one."
    )


def _report_bug(window: MainWindow, previous_hook, exc_type, exc, tb) -> None:  # noqa: ANN001
    # An exception in a slot: log the traceback, show one line, keep running.
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    if isinstance(exc, ParallaxError):
        window.show_error("Error", str(exc))
    elif issubclass(exc_type, KeyboardInterrupt):
        previous_hook(exc_type, exc, tb)
    else:
        window.show_error("Unexpected error", f"{exc_type.__name__}: {exc}")
