"""One small function per user action (Anki ``qt/aqt/operations``).

Depends on ``parallax.core`` and the main window's small reporting surface
(``store``, ``tasks``, ``refresh``, ``show_status``, ``show_error``,
``show_import_problems``). Each action takes keyword-only arguments, runs the
core call on the task runner (never on the GUI thread) and reports the outcome
on the main thread. Menus, shortcuts, drag and drop and tests all call these
same functions; only the file pickers and confirmations live in the window.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.core.errors import InputError, ParallaxError
from parallax.core.store import library, portable
from parallax.core.store.library import ImportReport
from parallax.desktop.tasks import TaskContext

if TYPE_CHECKING:
    from parallax.desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

DEFAULT_DOSSIER = "Unsorted"  # where imports go when no dossier exists yet


def import_files(*, window: MainWindow, paths: Sequence[Path]) -> TaskContext:
    """Import files and folders into the current dossier, in the background."""
    dossier = window.current_dossier()
    name = dossier.name if dossier else DEFAULT_DOSSIER
    store = window.store
    paths = [Path(p) for p in paths]

    def work(ctx: TaskContext) -> ImportReport:
        return library.import_paths(store, paths, dossier=name, progress=ctx.progress)

    n = len(paths)
    return window.tasks.run(
        work,
        label=f"Importing {n} item{'s' if n != 1 else ''}…",
        on_done=lambda report: _report_import(window, report),
        on_error=lambda exc: _report_failure(window, "Import failed", exc),
    )


def import_folder(*, window: MainWindow, folder: Path) -> TaskContext:
    """Import every supported file in ``folder`` into the current dossier."""
    return import_files(window=window, paths=[folder])


def paste_article(
    *, window: MainWindow, text: str, title: str | None = None, outlet: str | None = None
) -> TaskContext:
    """Add pasted text (with optional title and outlet) to the current dossier."""
    dossier = window.current_dossier()
    name = dossier.name if dossier else DEFAULT_DOSSIER
    store = window.store

    def work(_ctx: TaskContext) -> ImportReport:
        from parallax.core.ingest.readers import read_pasted

        try:
            article = read_pasted(text, title=title, outlet=outlet)
        except InputError as exc:
            return ImportReport(errors=(exc,))
        return library.add_articles(store, [article], dossier=name)

    return window.tasks.run(
        work,
        label="Adding pasted article…",
        on_done=lambda report: _report_import(window, report),
        on_error=lambda exc: _report_failure(window, "Paste failed", exc),
    )


def new_dossier(*, window: MainWindow, name: str) -> TaskContext:
    """Create an empty dossier and select it."""
    store = window.store
    return window.tasks.run(
        lambda _ctx: library.create_dossier(store, name),
        label="Creating dossier…",
        on_done=lambda info: (
            window.refresh(select_dossier=info.id),
            window.show_status(f"Dossier “{info.name}” created"),
        ),
        on_error=lambda exc: _report_failure(window, "Cannot create dossier", exc),
    )


def rename_dossier(*, window: MainWindow, dossier_id: int, name: str) -> TaskContext:
    """Rename a dossier (names are unique)."""
    store = window.store
    return window.tasks.run(
        lambda _ctx: library.rename_dossier(store, dossier_id, name),
        label="Renaming dossier…",
        on_done=lambda _none: (
            window.refresh(select_dossier=dossier_id),
            window.show_status("Dossier renamed"),
        ),
        on_error=lambda exc: _report_failure(window, "Cannot rename dossier", exc),
    )


def delete_dossier(*, window: MainWindow, dossier_id: int) -> TaskContext:
    """Delete a dossier and its articles (the window asks for confirmation first)."""
    store = window.store
    return window.tasks.run(
        lambda _ctx: library.delete_dossier(store, dossier_id),
        label="Deleting dossier…",
        on_done=lambda _none: (window.refresh(), window.show_status("Dossier deleted")),
        on_error=lambda exc: _report_failure(window, "Cannot delete dossier", exc),
    )


def delete_article(*, window: MainWindow, article_id: int) -> TaskContext:
    """Remove one article from its dossier (the window asks for confirmation first)."""
    store = window.store
    return window.tasks.run(
        lambda _ctx: library.delete_article(store, article_id),
        label="Removing article…",
        on_done=lambda _none: (window.refresh(), window.show_status("Article removed")),
        on_error=lambda exc: _report_failure(window, "Cannot remove article", exc),
    )


def set_reference_article(*, window: MainWindow, article_id: int) -> TaskContext:
    """Make ``article_id`` its dossier's reference article: Compare shows it on the left."""
    dossier = window.current_dossier()
    store = window.store
    return window.tasks.run(
        lambda _ctx: library.set_reference_article(store, dossier.id, article_id),
        label="Setting the reference article…",
        on_done=lambda _none: (
            window.refresh(),
            window.show_status("Reference article set: Compare (Ctrl+D) shows it on the left"),
        ),
        on_error=lambda exc: _report_failure(window, "Cannot set the reference article", exc),
    )


def export_dossier(*, window: MainWindow, dossier_id: int, target: Path) -> TaskContext:
    """Write a dossier to one portable ``.parallax`` file."""
    store = window.store
    return window.tasks.run(
        lambda _ctx: portable.export_dossier(store, dossier_id, Path(target)),
        label="Exporting dossier…",
        on_done=lambda path: window.show_status(f"Dossier exported to {path}"),
        on_error=lambda exc: _report_failure(window, "Export failed", exc),
    )


def import_dossier_file(*, window: MainWindow, source: Path) -> TaskContext:
    """Add the dossier in a ``.parallax`` file to the store and select it."""
    store = window.store
    return window.tasks.run(
        lambda _ctx: portable.import_dossier(store, Path(source)),
        label="Importing dossier…",
        on_done=lambda report: _report_import(window, report, select_imported=True),
        on_error=lambda exc: _report_failure(window, "Cannot import dossier", exc),
    )


def import_summary(report: ImportReport) -> str:
    """The status-bar line for an import, e.g. "2 added, 1 already in the dossier"."""
    parts = [f"{len(report.added)} added"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already in the dossier")
    if report.errors:
        n = len(report.errors)
        parts.append(f"{n} file{'s' if n != 1 else ''} not imported")
    return ", ".join(parts)


def _report_import(window: MainWindow, report: ImportReport, *, select_imported: bool = False) -> None:
    if report.dossier_id is not None:
        first = report.added[0] if report.added else None
        if select_imported or window.current_dossier() is None:
            window.refresh(select_dossier=report.dossier_id, select_article=first)
        else:
            window.refresh(select_article=first)
    window.show_status(import_summary(report))
    if report.errors:
        window.show_import_problems(list(report.errors), added=len(report.added))


def _report_failure(window: MainWindow, title: str, exc: BaseException) -> None:
    if isinstance(exc, ParallaxError):
        window.show_error(title, str(exc))
    else:  # a bug: one line for the user, the traceback for the log
        log.error("%s", title, exc_info=(type(exc), exc, exc.__traceback__))
        window.show_error(title, f"Unexpected error: {type(exc).__name__}: {exc}")
