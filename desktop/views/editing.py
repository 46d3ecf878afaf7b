"""The main window's editing controls: Undo/Redo actions, Edit Details, Move to
Dossier, and the question asked when an imported dossier file's name is taken.

Depends on PySide6, ``parallax.core.store.portable`` (for a free name) and
``parallax.desktop.actions``; the dialogs and menus are here, the store work is
in the actions and the undo history. Kept out of ``main_window.py`` so that
module stays about the window's layout and loading.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox

from parallax.core.store.portable import suggest_name
from parallax.desktop import actions
from parallax.desktop.views.details import EditDetailsDialog

if TYPE_CHECKING:
    from parallax.desktop.views.main_window import MainWindow

UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


def undo_actions(window: MainWindow) -> tuple[QAction, QAction]:
    """Edit > Undo and Redo over the window's history; their text names the command
    ("Undo Remove Article ‘…’"), and they are disabled when there is nothing to do."""
    stack = window.history.stack
    undo = stack.createUndoAction(window, "Undo")
    undo.setShortcuts([QKeySequence(k) for k in UNDO_KEYS])
    redo = stack.createRedoAction(window, "Redo")
    redo.setShortcuts([QKeySequence(k) for k in REDO_KEYS])
    undo.setStatusTip("Take back the last edit, removal, move or dossier deletion")
    redo.setStatusTip("Do again what Undo took back")
    for act in (undo, redo):
        window.addAction(act)  # shortcuts work even with the menu bar hidden
    return undo, redo


def ask_edit_details(window: MainWindow) -> None:
    """Open Edit Details on the current article; save the changed fields, undoably."""
    info = window.article_table.current_article()
    if info is None:
        return
    dialog = EditDetailsDialog(info, window)
    try:
        if dialog.exec():
            actions.edit_article_details(window=window, article_id=info.id, changes=dialog.changes())
    finally:
        dialog.deleteLater()


def move_menu(window: MainWindow) -> tuple[QMenu, QAction]:
    """The "Move to Dossier ▸" submenu (filled when shown) and its action."""
    menu = QMenu("&Move to Dossier", window)
    menu.aboutToShow.connect(lambda: fill_move_menu(window))
    return menu, menu.menuAction()


def fill_move_menu(window: MainWindow) -> None:
    """One entry per other dossier; choosing one moves the current article there."""
    menu = window.move_menu
    menu.clear()
    info = window.article_table.current_article()
    for d in window.dossier_model.dossiers():
        if info is None or d.id == info.dossier_id:
            continue
        act = menu.addAction(d.name)
        act.triggered.connect(lambda _c=False, article=info.id, target=d.id:
                              actions.move_article(window=window, article_id=article, dossier_id=target))
    if menu.isEmpty():
        menu.addAction("(no other dossier)").setEnabled(False)


def ask_dossier_name_clash(window: MainWindow, *, source: Path, dossier: str) -> None:
    """The file's dossier name is taken: merge into it, import under a new name, or cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, "Import dossier",
                      f"This library already has a dossier named ‘{dossier}’.", parent=window)
    box.setInformativeText(
        f"Merging adds the articles of {source.name} that ‘{dossier}’ does not hold, "
        "including any you removed from it. Importing as a new dossier keeps the two apart.")
    merge = box.addButton(f"Merge into ‘{dossier}’", QMessageBox.ButtonRole.AcceptRole)
    as_new = box.addButton("Import as New Dossier…", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(as_new)  # the choice that changes nothing already there
    box.exec()
    if box.clickedButton() is merge:
        actions.import_dossier_file(window=window, source=source, merge=True)
    elif box.clickedButton() is as_new:
        taken = [d.name for d in window.dossier_model.dossiers()]
        name, ok = QInputDialog.getText(window, "Import as new dossier", "Name of the new dossier:",
                                        QLineEdit.EchoMode.Normal, suggest_name(dossier, taken))
        if ok and name.strip():
            actions.import_dossier_file(window=window, source=source, name=name)
