"""The main window as a user sees it: seed dossier, table, reader, imports, paste, shortcuts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QMessageBox

from parallax.core.store import library
from parallax.desktop import actions
from parallax.desktop.views.articles import EMPTY_TEXT, ArticleTableModel
from parallax.desktop.views.dialogs import ImportProblemsDialog, PasteDialog
from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import LOAD_TIMEOUT_MS, wait_loaded

SEED_NAME = "US–Iraq troop talks, July 2021"
FIRST_SEED = "000_a743eac71b28a712.txt"
FIRST_SEED_PHRASE = "by reclassifying their roles on paper"
GOOD_ARTICLE = (
    "Parliament passed the water bill late on Tuesday after a long debate.\n\n"
    "The vote was 212 to 190. Opposition members said the bill would raise prices "
    "for farmers, while the minister said it would protect the rivers for decades."
)


def table_column(window: MainWindow, column: int) -> list[str]:
    proxy = window.article_table.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def select_source(qtbot, window: MainWindow, source_name: str) -> None:
    info = next(a for a in window.article_table.model.articles() if a.source_name == source_name)
    window.article_table.select_article(info.id)
    qtbot.waitUntil(lambda: window.reader.article_id() == info.id, timeout=LOAD_TIMEOUT_MS)


def test_seed_dossier_appears_with_five_articles(main_window: MainWindow, seeds_dir: Path):
    w = main_window
    assert [d.name for d in w.dossier_model.dossiers()] == [SEED_NAME]
    assert w.windowTitle() == f"Parallax — {SEED_NAME}"
    assert w.article_table.proxy.rowCount() == 5
    assert not w.article_table.is_empty_shown()
    words = table_column(w, ArticleTableModel.WORDS)
    assert all(int(n.replace(",", "")) > 100 for n in words)
    outlets = table_column(w, ArticleTableModel.OUTLET)
    # the star marks the reference article (the earliest dated, until one is chosen)
    assert outlets == ["★ The New York Times", "Al Jazeera", "Kayhan", "AFP", "Politico"]
    titles = table_column(w, ArticleTableModel.TITLE)
    assert titles[2] == "U.S. Withdrawal? Only in Name, Nothing to Change"
    # 000 has no title line: its opening words stand in, in italics, never the file name.
    assert titles[0].startswith("BAGHDAD The Iraqi Prime Minister is traveling") and titles[0].endswith("…")
    assert w.article_table.proxy.index(0, ArticleTableModel.TITLE).data(Qt.ItemDataRole.FontRole).italic()
    assert w.article_table.proxy.index(2, ArticleTableModel.TITLE).data(Qt.ItemDataRole.FontRole) is None
    assert not any(t.endswith(".txt") for t in titles)
    assert w.article_table.view.horizontalHeader().count() == 5


def test_selecting_a_row_shows_its_text_in_the_reader(qtbot, main_window: MainWindow):
    select_source(qtbot, main_window, FIRST_SEED)
    assert FIRST_SEED_PHRASE in main_window.reader.text()
    assert FIRST_SEED in main_window.reader.source.text()
    other = "001_23eb071d50326293.txt"
    select_source(qtbot, main_window, other)
    assert FIRST_SEED_PHRASE not in main_window.reader.text()
    assert "Ollivant" in main_window.reader.text()


def test_seed_dossier_is_added_only_once(qtbot, store, main_window: MainWindow):
    main_window.close()
    assert library.ensure_seed_dossier(store) is None
    assert [d.article_count for d in library.list_dossiers(store)] == [5]


def test_import_good_and_bad_file_lists_the_bad_one(qtbot, main_window: MainWindow, tmp_path: Path):
    good = tmp_path / "water-bill.txt"
    good.write_text(GOOD_ARTICLE, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    actions.import_files(window=main_window, paths=[good, bad])
    qtbot.waitUntil(lambda: bool(main_window.problem_dialogs), timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    dialog = main_window.problem_dialogs[0]
    assert isinstance(dialog, ImportProblemsDialog) and dialog.isVisible()
    assert not dialog.isModal()
    lines = dialog.lines()
    assert len(lines) == 1 and lines[0].startswith("empty.txt: ")
    assert main_window.article_table.proxy.rowCount() == 6
    assert "water-bill.txt" in [a.source_name for a in main_window.article_table.model.articles()]
    # the new article is the one shown
    qtbot.waitUntil(lambda: "water bill" in main_window.reader.text(), timeout=LOAD_TIMEOUT_MS)
    assert "1 added" in main_window.statusBar().currentMessage()


def test_reimporting_a_seed_reports_a_duplicate(qtbot, main_window: MainWindow, seeds_dir: Path):
    actions.import_files(window=main_window, paths=[seeds_dir / FIRST_SEED])
    qtbot.waitUntil(lambda: "already in the dossier" in main_window.statusBar().currentMessage(),
                    timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    assert main_window.statusBar().currentMessage() == "0 added, 1 already in the dossier"
    assert main_window.article_table.proxy.rowCount() == 5
    assert not main_window.problem_dialogs


def test_paste_dialog_adds_an_article_and_a_repeat_is_a_duplicate(
    qtbot, monkeypatch, main_window: MainWindow
):
    def fill_and_accept(dialog: PasteDialog) -> int:
        dialog.text_edit.setPlainText(GOOD_ARTICLE)
        dialog.title_edit.setText("Water bill passes")
        dialog.outlet_edit.setText("Daily Test")
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PasteDialog, "exec", fill_and_accept)
    main_window.act_paste.trigger()
    qtbot.waitUntil(lambda: main_window.article_table.proxy.rowCount() == 6, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    assert "Daily Test" in table_column(main_window, ArticleTableModel.OUTLET)
    assert "Water bill passes" in table_column(main_window, ArticleTableModel.TITLE)
    assert main_window.statusBar().currentMessage() == "1 added"

    main_window.act_paste.trigger()
    qtbot.waitUntil(lambda: "already in the dossier" in main_window.statusBar().currentMessage(),
                    timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    assert main_window.article_table.proxy.rowCount() == 6


def test_paste_dialog_needs_text():
    dialog = PasteDialog()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.text_edit.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.text_edit.setPlainText("Some text")
    dialog.title_edit.setText("  ")
    assert ok.isEnabled()
    assert dialog.values() == ("Some text", None, None)
    dialog.deleteLater()


def test_drop_files_on_the_window_imports_them(qtbot, main_window: MainWindow, tmp_path: Path):
    good = tmp_path / "dropped.txt"
    good.write_text(GOOD_ARTICLE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    main_window.dropEvent(event)
    qtbot.waitUntil(lambda: main_window.article_table.proxy.rowCount() == 6, timeout=LOAD_TIMEOUT_MS)


def test_new_dossier_shows_the_empty_state_and_title(qtbot, main_window: MainWindow):
    actions.new_dossier(window=main_window, name="Budget 2025")
    qtbot.waitUntil(lambda: main_window.windowTitle() == "Parallax — Budget 2025", timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    assert main_window.article_table.is_empty_shown()
    assert main_window.article_table.empty_label.text() == EMPTY_TEXT
    assert main_window.reader.article_id() == -1
    assert not main_window.act_delete_article.isEnabled()


def test_duplicate_dossier_name_is_an_error_dialog(qtbot, monkeypatch, main_window: MainWindow):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    actions.new_dossier(window=main_window, name=SEED_NAME)
    qtbot.waitUntil(lambda: bool(shown), timeout=LOAD_TIMEOUT_MS)
    assert shown == [f"{SEED_NAME}: a dossier with this name already exists"]


def test_stale_article_list_is_dropped(qtbot, store, main_window: MainWindow):
    seed = main_window.current_dossier()
    seed_articles = main_window.article_table.model.articles()
    stale_seq = main_window._articles_seq
    actions.new_dossier(window=main_window, name="Other")
    qtbot.waitUntil(lambda: main_window.article_table.is_empty_shown(), timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    # the seed dossier's load arrives late: it must not replace what is on screen
    main_window._on_articles_loaded(stale_seq, seed.id, seed_articles)
    assert main_window.article_table.is_empty_shown()
    assert main_window.article_table.model.rowCount() == 0


def test_rename_and_delete_dossier(qtbot, monkeypatch, main_window: MainWindow):
    seed = main_window.current_dossier()
    actions.rename_dossier(window=main_window, dossier_id=seed.id, name="Troop talks")
    qtbot.waitUntil(lambda: main_window.windowTitle() == "Parallax — Troop talks", timeout=LOAD_TIMEOUT_MS)

    def click_destructive(box: QMessageBox) -> int:
        button = next(b for b in box.buttons()
                      if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_destructive)
    wait_loaded(qtbot, main_window)
    main_window.act_delete_dossier.trigger()
    qtbot.waitUntil(lambda: main_window.dossier_model.rowCount() == 0, timeout=LOAD_TIMEOUT_MS)
    assert main_window.windowTitle() == "Parallax"


def test_delete_article_asks_first(qtbot, monkeypatch, main_window: MainWindow):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # closed without a choice
    main_window.act_delete_article.trigger()
    wait_loaded(qtbot, main_window)
    assert main_window.article_table.proxy.rowCount() == 5

    def click_destructive(box: QMessageBox) -> int:
        assert "Remove" in box.text()
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_destructive)
    main_window.act_delete_article.trigger()
    qtbot.waitUntil(lambda: main_window.article_table.proxy.rowCount() == 4, timeout=LOAD_TIMEOUT_MS)


def test_export_then_import_dossier(qtbot, monkeypatch, store, main_window: MainWindow, tmp_path: Path):
    target = tmp_path / "talks.parallax"
    seed = main_window.current_dossier()
    actions.export_dossier(window=main_window, dossier_id=seed.id, target=target)
    qtbot.waitUntil(target.exists, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    assert "exported" in main_window.statusBar().currentMessage()
    # the name is taken: the window asks; merging is one of the answers
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        b for b in box.buttons() if b.text().startswith("Merge into")).click())
    actions.import_dossier_file(window=main_window, source=target)
    qtbot.waitUntil(lambda: "already in the dossier" in main_window.statusBar().currentMessage(),
                    timeout=LOAD_TIMEOUT_MS)
    assert main_window.statusBar().currentMessage() == "0 added, 5 already in the dossier"


@pytest.mark.parametrize(
    ("action", "keys"),
    [
        ("act_import_files", "Ctrl+O"),
        ("act_import_folder", "Ctrl+Shift+O"),
        ("act_paste", "Ctrl+Shift+V"),
        ("act_new_dossier", "Ctrl+N"),
        ("act_rename_dossier", "F2"),
        ("act_delete_article", "Del"),
        ("act_quit", "Ctrl+Q"),
        ("act_find", "Ctrl+F"),
    ],
)
def test_standard_shortcuts(main_window: MainWindow, action: str, keys: str):
    assert getattr(main_window, action).shortcut().toString() == keys


def test_find_in_reader(qtbot, main_window: MainWindow):
    select_source(qtbot, main_window, FIRST_SEED)
    main_window.act_find.trigger()
    bar = main_window.reader.find_bar
    assert bar.isVisible()
    bar.edit.setText("reclassifying")
    assert main_window.reader.text_view.textCursor().selectedText() == "reclassifying"
    bar.edit.setText("no such words anywhere")
    assert bar.status.text() == "No matches"


def test_recent_dossiers_menu(qtbot, main_window: MainWindow):
    actions.new_dossier(window=main_window, name="Budget 2025")
    qtbot.waitUntil(lambda: main_window.windowTitle() == "Parallax — Budget 2025", timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    main_window._fill_recent_menu()
    names = [a.text() for a in main_window.recent_menu.actions()]
    assert names == ["Budget 2025", SEED_NAME]
    main_window.recent_menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: main_window.windowTitle() == f"Parallax — {SEED_NAME}", timeout=LOAD_TIMEOUT_MS)


def test_geometry_and_splitters_survive_a_restart(qtbot, store, main_window: MainWindow):
    # smaller than the offscreen screen (800x800), so restoreGeometry need not clamp it
    main_window.resize(760, 560)
    qtbot.waitUntil(lambda: main_window.main_splitter.width() <= 760, timeout=LOAD_TIMEOUT_MS)
    main_window.main_splitter.setSizes([200, 556])
    assert main_window.main_splitter.sizes()[0] == 200
    sizes = main_window.main_splitter.sizes()
    right = main_window.right_splitter.sizes()
    main_window.close()

    from parallax.desktop.app import build_main_window

    second = build_main_window(store)
    qtbot.addWidget(second)
    second.show()
    wait_loaded(qtbot, second)
    assert (second.width(), second.height()) == (760, 560)
    assert second.main_splitter.sizes() == sizes
    assert second.right_splitter.sizes() == right
    assert second.windowTitle() == f"Parallax — {SEED_NAME}"  # the recent dossier again


def test_copy_of_seeds_folder_import(qtbot, main_window: MainWindow, tmp_path: Path, seeds_dir: Path):
    folder = tmp_path / "copy"
    folder.mkdir()
    for name in (FIRST_SEED, "001_23eb071d50326293.txt"):
        shutil.copy(seeds_dir / name, folder / name)
    actions.new_dossier(window=main_window, name="Copy")
    qtbot.waitUntil(lambda: main_window.windowTitle() == "Parallax — Copy", timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    actions.import_folder(window=main_window, folder=folder)
    qtbot.waitUntil(lambda: main_window.article_table.proxy.rowCount() == 2, timeout=LOAD_TIMEOUT_MS)
    assert main_window.statusBar().currentMessage() == "2 added"


def test_busy_indicator_while_a_task_runs_and_the_window_stays_responsive(qtbot, main_window: MainWindow):
    import threading

    release = threading.Event()
    main_window.tasks.run(lambda ctx: (ctx.progress(1, 4, "a.txt"), release.wait(10)),
                          label="Importing 4 items…")
    qtbot.waitUntil(main_window.progress.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert main_window.busy_label.text() == "a.txt"
    assert (main_window.progress.value(), main_window.progress.maximum()) == (1, 4)
    # the event loop keeps running: the user can still switch articles
    select_source(qtbot, main_window, "001_23eb071d50326293.txt")
    release.set()
    qtbot.waitUntil(lambda: not main_window.progress.isVisible(), timeout=LOAD_TIMEOUT_MS)


def test_delete_key_in_the_find_field_edits_text_not_articles(qtbot, monkeypatch, main_window: MainWindow):
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    main_window.act_find.trigger()
    edit = main_window.reader.find_bar.edit
    qtbot.waitUntil(edit.hasFocus, timeout=LOAD_TIMEOUT_MS)
    qtbot.keyClicks(edit, "Iraq")
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.text() == "raq"
    assert asked == []


def test_an_article_removed_while_it_opens_shows_no_error(qtbot, monkeypatch, main_window: MainWindow):
    """The reader's load of a row races a removal (Remove Article, Undo, a
    second window): an article gone by the time its text is read is not an
    error to report; the table's refresh selects another."""
    w = main_window
    errors = []
    monkeypatch.setattr(w, "show_error", lambda *args, **kwargs: errors.append(args))
    gone = w.article_table.model.articles()[1].id
    w.workspace.delete_article(gone)  # the store no longer has it; the table does not know yet
    w._on_article_selected(gone)
    wait_loaded(qtbot, w)
    assert errors == [] and w.reader.article_id() < 0
    # an article that is there still opens
    there = w.article_table.model.articles()[0].id
    w._on_article_selected(there)
    qtbot.waitUntil(lambda: w.reader.article_id() == there, timeout=LOAD_TIMEOUT_MS)
    assert errors == []
