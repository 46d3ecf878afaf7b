"""One small function per user action (Anki ``qt/aqt/operations``).

Depends on ``parallax.core`` (its ``Workspace``, the one front door), the undo
commands of ``parallax.desktop.undo`` and the main window's small reporting
surface (``workspace``, ``tasks``, ``history``,
``refresh``, ``show_status``, ``show_error``, ``show_import_problems``,
``ask_dossier_name_clash``). Each action takes keyword-only arguments, runs the
core call on the task runner (never on the GUI thread) and reports the outcome
on the main thread. Edits, removals, deletes and moves are pushed on the
window's undo history, which runs their work the same way, in order. Menus, shortcuts, drag and drop and tests all call these
same functions; only the file pickers and confirmations live in the window.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.core.errors import ParallaxError
from parallax.core.store.library import ImportReport
from parallax.core.store.portable import SUFFIX, DossierNameTaken
from parallax.desktop.tasks import TaskContext
from parallax.desktop.undo import (
    DeleteDossierCommand,
    EditDetailsCommand,
    MoveArticleCommand,
    RemoveArticleCommand,
)

if TYPE_CHECKING:
    from parallax.desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

DEFAULT_DOSSIER = "Unsorted"  # where imports go when no dossier exists yet


def import_files(*, window: MainWindow, paths: Sequence[Path]) -> TaskContext:
    """Import files and folders into the current dossier, in the background.

    A ``.parallax`` file among them is a whole dossier (one a colleague exported):
    it is imported as one, by :func:`import_dossier_file`, after the articles.
    """
    paths = [Path(p) for p in paths]
    shared = [p for p in paths if p.suffix.lower() == SUFFIX and p.is_file()]
    articles = [p for p in paths if p not in shared]

    # One import after the other: two writers at once can find the store locked.
    def next_dossier() -> None:
        if shared:
            import_dossier_file(window=window, source=shared.pop(0), then=next_dossier)

    if articles or not shared:
        return _import_articles(window, articles, then=next_dossier)
    return import_dossier_file(window=window, source=shared.pop(0), then=next_dossier)


def _import_articles(window: MainWindow, paths: list[Path], *,
                     then: Callable[[], None] = lambda: None) -> TaskContext:
    dossier = window.current_dossier()
    name = dossier.name if dossier else DEFAULT_DOSSIER
    ws = window.workspace

    def work(ctx: TaskContext) -> ImportReport:
        return ws.import_paths(paths, dossier=name, progress=ctx.progress)

    n = len(paths)
    return window.tasks.run(
        work,
        label=f"Importing {n} item{'s' if n != 1 else ''}…",
        on_done=lambda report: (_report_import(window, report), then()),
        on_error=lambda exc: (_report_failure(window, "Import failed", exc), then()),
    )


def import_folder(*, window: MainWindow, folder: Path) -> TaskContext:
    """Import every supported file in ``folder`` into the current dossier."""
    return import_files(window=window, paths=[folder])


def paste_article(
    *, window: MainWindow, text: str, title: str | None = None, outlet: str | None = None,
    published: str | None = None, url: str | None = None,
) -> TaskContext:
    """Add pasted text (with optional title, outlet, date and URL) to the current dossier."""
    dossier = window.current_dossier()
    name = dossier.name if dossier else DEFAULT_DOSSIER
    ws = window.workspace

    def work(_ctx: TaskContext) -> ImportReport:
        return ws.paste(text, dossier=name, title=title, outlet=outlet, published=published, url=url)

    return window.tasks.run(
        work,
        label="Adding pasted article…",
        on_done=lambda report: _report_import(window, report),
        on_error=lambda exc: _report_failure(window, "Paste failed", exc),
    )


def new_dossier(*, window: MainWindow, name: str) -> TaskContext:
    """Create an empty dossier and select it."""
    ws = window.workspace
    return window.tasks.run(
        lambda _ctx: ws.create_dossier(name),
        label="Creating dossier…",
        on_done=lambda info: (
            window.refresh(select_dossier=info.id),
            window.show_status(f"Dossier “{info.name}” created"),
        ),
        on_error=lambda exc: _report_failure(window, "Cannot create dossier", exc),
    )


def rename_dossier(*, window: MainWindow, dossier_id: int, name: str) -> TaskContext:
    """Rename a dossier (names are unique)."""
    ws = window.workspace
    return window.tasks.run(
        lambda _ctx: ws.rename_dossier(dossier_id, name),
        label="Renaming dossier…",
        on_done=lambda _none: (
            window.refresh(select_dossier=dossier_id),
            window.show_status("Dossier renamed"),
        ),
        on_error=lambda exc: _report_failure(window, "Cannot rename dossier", exc),
    )


def delete_dossier(*, window: MainWindow, dossier_id: int) -> None:
    """Delete a dossier and its articles, undoably (the window asks for confirmation first)."""
    name = next((d.name for d in window.dossier_model.dossiers() if d.id == dossier_id),
                f"dossier {dossier_id}")
    window.history.push(DeleteDossierCommand(window.history, dossier_id=dossier_id, name=name))


def delete_article(*, window: MainWindow, article_id: int) -> None:
    """Remove one article from its dossier, undoably (the window asks for confirmation first)."""
    window.history.push(RemoveArticleCommand(window.history, article_id=article_id,
                                             title=_article_title(window, article_id)))


def edit_article_details(*, window: MainWindow, article_id: int, changes: dict[str, Any]) -> None:
    """Correct an article's details (``update_article_details`` fields), undoably."""
    if changes:
        window.history.push(EditDetailsCommand(window.history, article_id=article_id,
                                               title=_article_title(window, article_id), changes=changes))


def move_article(*, window: MainWindow, article_id: int, dossier_id: int) -> None:
    """Move an article into another dossier, undoably."""
    info = next((a for a in window.article_table.model.articles() if a.id == article_id), None)
    target = next((d for d in window.dossier_model.dossiers() if d.id == dossier_id), None)
    if info is None or target is None or info.dossier_id == dossier_id:
        return
    window.history.push(MoveArticleCommand(
        window.history, article_id=article_id, title=info.display_title,
        from_dossier=info.dossier_id, to_dossier=dossier_id, to_name=target.name))


def set_reference_article(*, window: MainWindow, article_id: int) -> TaskContext:
    """Make ``article_id`` its dossier's reference article: Compare shows it on the left."""
    dossier = window.current_dossier()
    ws = window.workspace
    return window.tasks.run(
        lambda _ctx: ws.set_reference_article(dossier.id, article_id),
        label="Setting the reference article…",
        on_done=lambda _none: (
            window.refresh(),
            window.show_status("Reference article set: Compare (Ctrl+D) shows it on the left"),
        ),
        on_error=lambda exc: _report_failure(window, "Cannot set the reference article", exc),
    )


def export_dossier(*, window: MainWindow, dossier_id: int, target: Path) -> TaskContext:
    """Write a dossier to one portable ``.parallax`` file."""
    ws = window.workspace
    return window.tasks.run(
        lambda _ctx: ws.export_dossier(dossier_id, Path(target)),
        label="Exporting dossier…",
        on_done=lambda path: window.show_status(f"Dossier exported to {path}"),
        on_error=lambda exc: _report_failure(window, "Export failed", exc),
    )


def import_dossier_file(
    *, window: MainWindow, source: Path, name: str | None = None, merge: bool = False,
    then: Callable[[], None] = lambda: None,
) -> TaskContext:
    """Add the dossier in a ``.parallax`` file to the store and select it.

    If its name is taken and neither ``merge`` nor another ``name`` is given, the
    window asks the user (merge, import as a new dossier, or cancel). ``then`` runs
    once the outcome is reported (or the question asked).
    """
    ws = window.workspace

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DossierNameTaken):
            window.ask_dossier_name_clash(source=Path(source), dossier=exc.dossier)
        else:
            _report_failure(window, "Cannot import dossier", exc)
        then()

    return window.tasks.run(
        lambda _ctx: ws.import_dossier(Path(source), name=name, merge=merge),
        label="Importing dossier…",
        on_done=lambda report: (_report_import(window, report, select_imported=True), then()),
        on_error=failed,
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


def _article_title(window: MainWindow, article_id: int) -> str:
    info = next((a for a in window.article_table.model.articles() if a.id == article_id), None)
    return info.display_title if info is not None else f"article {article_id}"


def _report_failure(window: MainWindow, title: str, exc: BaseException) -> None:
    if isinstance(exc, ParallaxError):
        window.show_error(title, str(exc))
    else:  # a bug: one line for the user, the traceback for the log
        log.error("%s", title, exc_info=(type(exc), exc, exc.__traceback__))
        window.show_error(title, f"Unexpected error: {type(exc).__name__}: {exc}")
