"""Editing with undo in the real main window: Edit Details, remove, delete, move, Undo/Redo,
and importing a dossier file whose name is taken.

pytest-qt on the real MainWindow over a temp store with the seed dossier. Modal
dialogs are driven by replacing their ``exec`` (as in test_main_window.py).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
from sqlalchemy import select

from parallax.core.ingest.model import text_hash
from parallax.core.store import library
from parallax.core.store.models import AnalysisCache
from parallax.desktop import actions
from parallax.desktop.views.articles import ArticleTableModel
from parallax.desktop.views.details import EditDetailsDialog
from parallax.desktop.views.dialogs import PasteDialog
from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import LOAD_TIMEOUT_MS, wait_loaded

SEED_NAME = "US–Iraq troop talks, July 2021"
KAYHAN_TITLE = "U.S. Withdrawal? Only in Name, Nothing to Change"
ENGINE_TIMEOUT_MS = 60_000


def outlets(window: MainWindow) -> list[str]:
    proxy = window.article_table.proxy
    return [proxy.index(r, ArticleTableModel.OUTLET).data() for r in range(proxy.rowCount())]


def id_of(window: MainWindow, outlet: str) -> int:
    return next(a.id for a in window.article_table.model.articles() if a.outlet == outlet)


def show_article(qtbot, window: MainWindow, article_id: int) -> None:
    window.article_table.select_article(article_id)
    qtbot.waitUntil(lambda: window.reader.article_id() == article_id, timeout=LOAD_TIMEOUT_MS)


def settle(qtbot, window: MainWindow) -> None:
    """Until the undo history's store work and the reloads after it are done."""
    qtbot.waitUntil(lambda: not window.history.pending and not window.tasks.busy, timeout=LOAD_TIMEOUT_MS)


def click_destructive(monkeypatch) -> None:
    def click(box: QMessageBox) -> int:
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)


# -- Edit Details ----------------------------------------------------------------------

def test_edit_details_through_the_dialog_shows_the_new_outlet_and_undoes(qtbot, monkeypatch,
                                                                         main_window: MainWindow):
    w = main_window
    kayhan = id_of(w, "Kayhan")
    show_article(qtbot, w, kayhan)
    seen = []

    def fill_and_accept(dialog: EditDetailsDialog) -> int:
        seen.append((dialog.outlet_edit.text(), dialog.title_edit.text(), dialog.date_field.text()))
        dialog.outlet_edit.setText("Kayhan (Tehran)")
        dialog.date_field.setText("2021-07-27")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EditDetailsDialog, "exec", fill_and_accept)
    w.act_edit_details.trigger()
    qtbot.waitUntil(lambda: "Kayhan (Tehran)" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert seen == [("Kayhan", KAYHAN_TITLE, "")]  # the dialog opens on what is stored
    assert "Kayhan" not in outlets(w)
    qtbot.waitUntil(lambda: "Outlet: Kayhan (Tehran)" in w.reader.meta.text(), timeout=LOAD_TIMEOUT_MS)
    assert "Date: 2021-07-27" in w.reader.meta.text()
    assert library.get_article(w.workspace.store, kayhan).info.published == date(2021, 7, 27)
    assert w.act_undo.text() == "Undo Edit Details of ‘U.S. Withdrawal? Only in Name, Nothing…’"

    w.act_undo.trigger()
    qtbot.waitUntil(lambda: "Kayhan" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert library.get_article(w.workspace.store, kayhan).info.published is None
    assert w.act_redo.text().startswith("Redo Edit Details of ")
    w.act_redo.trigger()
    qtbot.waitUntil(lambda: "Kayhan (Tehran)" in outlets(w), timeout=LOAD_TIMEOUT_MS)


def test_edit_details_dialog_checks_date_and_url(main_window: MainWindow):
    info = main_window.article_table.current_article()
    dialog = EditDetailsDialog(info, main_window)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert save.isEnabled() and dialog.changes() == {}
    assert "YYYY-MM-DD" in dialog.date_field.edit.placeholderText()
    dialog.date_field.setText("26/07/2021")
    assert not save.isEnabled()
    assert dialog.problem.text() == "Unreadable date '26/07/2021' (use YYYY-MM-DD, e.g. 2021-07-24)"
    dialog.date_field.setText("July 26, 2021")  # written out is fine too
    assert save.isEnabled() and dialog.problem.text() == ""
    dialog.url_edit.setText("www.nytimes.com/2021/07/26")
    assert not save.isEnabled() and dialog.problem.text().startswith("URL must start with http://")
    dialog.url_edit.setText("https://www.nytimes.com/2021/07/26/world/iraq.html")
    dialog.author_edit.setText("  Jane   Arraf ")
    assert save.isEnabled()
    assert dialog.changes() == {"published": date(2021, 7, 26), "author": "Jane Arraf",
                                "url": "https://www.nytimes.com/2021/07/26/world/iraq.html"}
    # the calendar picks a date into the field as YYYY-MM-DD
    dialog.date_field.calendar.setSelectedDate(date(2021, 7, 28))
    dialog.date_field.calendar.activated.emit(dialog.date_field.calendar.selectedDate())
    assert dialog.date_field.text() == "2021-07-28"
    dialog.deleteLater()


def test_reader_header_has_an_edit_details_button(qtbot, monkeypatch, main_window: MainWindow):
    w = main_window
    opened = []
    monkeypatch.setattr(EditDetailsDialog, "exec",
                        lambda dialog: opened.append(dialog.outlet_edit.text()) or QDialog.DialogCode.Rejected)
    button = w.reader.edit_button
    assert button.isVisible() and "Edit Details" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [w.article_table.current_article().outlet]
    assert w.history.stack.count() == 0  # cancelled: nothing to undo


def test_paste_dialog_takes_a_date_and_a_url(qtbot, monkeypatch, main_window: MainWindow):
    w = main_window

    def fill(dialog: PasteDialog) -> int:
        dialog.text_edit.setPlainText("Parliament passed the water bill late on Tuesday after a long debate.")
        dialog.outlet_edit.setText("Daily Test")
        dialog.url_edit.setText("www.example.org")  # no scheme: refused, said why
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled() and "http://" in dialog.problem.text()
        dialog.url_edit.setText("https://example.org/water")
        dialog.date_field.setText("2021-07-27")
        assert ok.isEnabled() and dialog.problem.text() == ""
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PasteDialog, "exec", fill)
    w.act_paste.trigger()
    qtbot.waitUntil(lambda: "Daily Test" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    info = library.get_article(w.workspace.store, id_of(w, "Daily Test")).info
    assert (info.published, info.url) == (date(2021, 7, 27), "https://example.org/water")


# -- remove, delete, move, with undo -----------------------------------------------------

@pytest.mark.slow  # analyses two seeds with the real pipeline, then compares them
def test_removed_article_comes_back_on_undo_with_its_analysis(qtbot, monkeypatch, main_window: MainWindow):
    from parallax.core.cached_analysis import analyse_articles

    w = main_window
    nyt, kayhan = id_of(w, "The New York Times"), id_of(w, "Kayhan")
    analyse_articles(w.workspace.store, [nyt, kayhan])
    before = library.get_article(w.workspace.store, kayhan)
    raw = library.get_raw(w.workspace.store, kayhan)

    def cache_rows() -> list[tuple]:
        with w.workspace.store.transaction() as s:
            return s.execute(select(AnalysisCache.analyser, AnalysisCache.version, AnalysisCache.created_at)
                             .where(AnalysisCache.text_sha256 == text_hash(before.text))).all()

    cached = cache_rows()
    assert cached
    show_article(qtbot, w, kayhan)
    click_destructive(monkeypatch)
    w.act_delete_article.trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 4, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert "Kayhan" not in outlets(w)
    assert w.act_undo.text() == "Undo Remove Article ‘U.S. Withdrawal? Only in Name, Nothing…’"

    w.act_undo.trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 5, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert id_of(w, "Kayhan") == kayhan  # the same id, not a re-import
    qtbot.waitUntil(lambda: w.reader.article_id() == kayhan, timeout=LOAD_TIMEOUT_MS)  # shown again
    after = library.get_article(w.workspace.store, kayhan)
    assert (after.info, after.text) == (before.info, before.text)
    assert library.get_raw(w.workspace.store, kayhan) == raw
    assert cache_rows() == cached
    # its comparison loads from the cache: no row is written again
    view = w.open_compare(nyt, kayhan).view
    qtbot.waitUntil(lambda: view.shown_pair() == (nyt, kayhan), timeout=ENGINE_TIMEOUT_MS)
    assert cache_rows() == cached

    w.act_redo.trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 4, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert "Kayhan" not in outlets(w)


def test_deleting_a_dossier_is_undoable(qtbot, monkeypatch, main_window: MainWindow):
    w = main_window
    seed = w.current_dossier()
    ids = [a.id for a in w.article_table.model.articles()]
    asked = []

    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    w.act_delete_dossier.trigger()
    qtbot.waitUntil(lambda: w.dossier_model.rowCount() == 0, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert "cannot be undone" not in asked[0]
    assert w.act_undo.text() == f"Undo Delete Dossier ‘{SEED_NAME}’"
    w.act_undo.trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 5, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert w.current_dossier().id == seed.id and w.windowTitle() == f"Parallax — {SEED_NAME}"
    assert [a.id for a in w.article_table.model.articles()] == ids


def test_move_to_dossier_and_undo(qtbot, main_window: MainWindow):
    w = main_window
    seed = w.current_dossier()
    actions.new_dossier(window=w, name="Follow-ups")
    qtbot.waitUntil(lambda: w.windowTitle() == "Parallax — Follow-ups", timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, w)
    w.dossier_list.select_dossier(seed.id)
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 5, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, w)
    afp = id_of(w, "AFP")
    show_article(qtbot, w, afp)
    assert w.act_move.menu() is w.move_menu and w.act_move in w.article_table.view.actions()
    w.move_menu.aboutToShow.emit()
    labels = [a.text() for a in w.move_menu.actions()]
    assert labels == ["Follow-ups"]  # not the dossier it is in
    w.move_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 4, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    other = library.find_dossier(w.workspace.store, "Follow-ups")
    assert [a.id for a in library.list_articles(w.workspace.store, other.id)] == [afp]
    assert w.act_undo.text() == "Undo Move ‘Iraqi PM to focus on US troop withdrawal…’ to ‘Follow-ups’"

    w.act_undo.trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 5, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert library.list_articles(w.workspace.store, other.id) == []
    assert w.current_dossier().id == seed.id and w.article_table.current_article_id() == afp


def test_a_failed_undo_is_reported_and_leaves_the_history(qtbot, monkeypatch, main_window: MainWindow, seeds_dir: Path):
    w = main_window
    kayhan = id_of(w, "Kayhan")
    show_article(qtbot, w, kayhan)
    click_destructive(monkeypatch)
    w.act_delete_article.trigger()
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 4, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    actions.import_files(window=w, paths=[seeds_dir / "002_390676983a8005e1.txt"])  # brought back by hand
    qtbot.waitUntil(lambda: w.article_table.proxy.rowCount() == 5, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    w.act_undo.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert shown[0][0] == "Cannot undo"
    assert f"article {kayhan}: its text is in the dossier '{SEED_NAME}' again" in shown[0][1]
    assert w.history.stack.count() == 0 and not w.act_undo.isEnabled() and not w.act_redo.isEnabled()
    assert w.article_table.proxy.rowCount() == 5


def test_edit_menu_and_shortcuts(qtbot, main_window: MainWindow):
    w = main_window
    assert w.act_undo.shortcut().toString() == "Ctrl+Z"
    assert w.act_redo.shortcut().toString() == "Ctrl+Shift+Z"
    assert w.act_edit_details.shortcut().toString() == "Ctrl+E"
    assert w.act_edit_details in w.article_table.view.actions()
    edit_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Edit")
    texts = [a.text() for a in edit_menu.actions()]
    assert texts[:2] == ["Undo", "Redo"] and "&Edit Details…" in texts
    assert not w.act_undo.isEnabled()  # nothing done yet
    # every shortcut of the window is used once
    keys = [s.toString() for a in w.actions() for s in a.shortcuts() if not s.isEmpty()]
    assert len(keys) == len(set(keys))


def test_ctrl_z_undoes_and_ctrl_shift_z_redoes(qtbot, main_window: MainWindow):
    w = main_window
    aj = id_of(w, "Al Jazeera")
    show_article(qtbot, w, aj)
    actions.edit_article_details(window=w, article_id=aj, changes={"outlet": "Al Jazeera English"})
    qtbot.waitUntil(lambda: "Al Jazeera English" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    w.activateWindow()
    w.article_table.view.setFocus()
    qtbot.keyClick(w.article_table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Al Jazeera" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    qtbot.keyClick(w.article_table.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "Al Jazeera English" in outlets(w), timeout=LOAD_TIMEOUT_MS)


# -- importing a dossier file whose name is taken ---------------------------------------

def test_import_dossier_file_with_a_taken_name_asks(qtbot, monkeypatch, main_window: MainWindow, tmp_path: Path):
    w = main_window
    seed = w.current_dossier()
    target = tmp_path / "talks.parallax"
    actions.export_dossier(window=w, dossier_id=seed.id, target=target)
    qtbot.waitUntil(target.exists, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    removed = id_of(w, "Politico")
    library.delete_article(w.workspace.store, removed)  # removed since the export
    w.refresh()
    settle(qtbot, w)
    choices = iter(["Cancel", "Import as New Dossier…", "Merge into ‘US–Iraq troop talks, July 2021’"])
    asked = []

    def choose(box: QMessageBox) -> int:
        asked.append(box.text())
        label = next(choices)
        button = next(b for b in box.buttons() if b.text() == label)
        button.click()
        return 0

    prompts = []

    def give_name(parent, title, label, echo, text, *args, **kwargs):
        prompts.append(text)
        return "Talks, class copy", True

    monkeypatch.setattr(QMessageBox, "exec", choose)
    monkeypatch.setattr(QInputDialog, "getText", give_name)

    actions.import_dossier_file(window=w, source=target)  # Cancel: nothing changes
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert asked[0] == f"This library already has a dossier named ‘{SEED_NAME}’."
    assert [(d.name, d.article_count) for d in library.list_dossiers(w.workspace.store)] == [(SEED_NAME, 4)]

    actions.import_dossier_file(window=w, source=target)  # as a new dossier, name prefilled "X (2)"
    qtbot.waitUntil(lambda: w.windowTitle() == "Parallax — Talks, class copy", timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert prompts == [f"{SEED_NAME} (2)"]
    assert w.article_table.proxy.rowCount() == 5

    actions.import_dossier_file(window=w, source=target)  # merge: the removed article comes back
    qtbot.waitUntil(lambda: w.windowTitle() == f"Parallax — {SEED_NAME}", timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    assert w.statusBar().currentMessage() == "1 added, 4 already in the dossier"
    assert [d.article_count for d in library.list_dossiers(w.workspace.store)] == [5, 5]


def test_an_odd_url_from_import_neither_blocks_editing_nor_is_lost_by_undo(qtbot, main_window: MainWindow):
    from parallax.core.ingest.readers import read_pasted

    w = main_window
    odd = read_pasted("Parliament passed the water bill late on Tuesday after a long debate.",
                      outlet="Daily Test", url="example.org/water")  # as a page's metadata gave it
    [aid] = library.add_articles(w.workspace.store, [odd], dossier=SEED_NAME).added
    w.refresh(select_article=aid)
    qtbot.waitUntil(lambda: w.reader.article_id() == aid, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    dialog = EditDetailsDialog(w.article_table.current_article(), w)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # untouched: not checked
    dialog.outlet_edit.setText("Daily Test Online")
    assert dialog.changes() == {"outlet": "Daily Test Online"}
    dialog.deleteLater()

    actions.edit_article_details(window=w, article_id=aid,
                                 changes={"url": "https://example.org/water", "outlet": "Daily Test Online"})
    qtbot.waitUntil(lambda: "Daily Test Online" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    w.act_undo.trigger()
    qtbot.waitUntil(lambda: "Daily Test" in outlets(w), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, w)
    info = library.get_article(w.workspace.store, aid).info
    assert (info.outlet, info.url) == ("Daily Test", "example.org/water")


def test_steps_run_in_order_even_when_a_push_drops_an_undone_command(qtbot, main_window: MainWindow):
    w = main_window
    aj = id_of(w, "Al Jazeera")
    actions.edit_article_details(window=w, article_id=aj, changes={"outlet": "AJE"})
    w.act_undo.trigger()  # queued behind the edit; the push below deletes the undone command
    actions.edit_article_details(window=w, article_id=aj, changes={"author": "Staff"})
    settle(qtbot, w)
    info = library.get_article(w.workspace.store, aj).info
    assert (info.outlet, info.author) == ("Al Jazeera", "Staff")
    assert w.history.stack.count() == 1 and w.act_undo.text().startswith("Undo Edit Details of ")
    w.act_undo.trigger()
    settle(qtbot, w)
    info = library.get_article(w.workspace.store, aj).info
    assert (info.outlet, info.author) == ("Al Jazeera", None)
