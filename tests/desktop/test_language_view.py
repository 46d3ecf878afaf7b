"""The language of each article, as the user sees it: a table column, and a plain
notice in the reader and the comparison header when English models are off."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from parallax.desktop.views.articles import ArticleTableModel
from parallax.core.align.words import Side
from parallax.desktop.views.compare_panes import PaneHeader
from parallax.desktop.views.dialogs import PasteDialog
from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import LOAD_TIMEOUT_MS, wait_loaded
from tests.desktop.test_main_window import table_column
from tests.fixtures import languages as L

NOTICE = "Finnish — names and paraphrase matching are off for this article"


def paste(qtbot, monkeypatch, window: MainWindow, text: str, outlet: str) -> None:
    def fill_and_accept(dialog: PasteDialog) -> int:
        dialog.text_edit.setPlainText(text)
        dialog.outlet_edit.setText(outlet)
        return QDialog.DialogCode.Accepted

    rows = window.article_table.proxy.rowCount()
    monkeypatch.setattr(PasteDialog, "exec", fill_and_accept)
    window.act_paste.trigger()
    qtbot.waitUntil(lambda: window.article_table.proxy.rowCount() == rows + 1, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, window)


def test_article_table_has_a_language_column(qtbot, monkeypatch, main_window: MainWindow):
    w = main_window
    assert ArticleTableModel.COLUMNS[ArticleTableModel.LANGUAGE] == "Language"
    assert w.article_table.view.horizontalHeader().count() == len(ArticleTableModel.COLUMNS)
    assert table_column(w, ArticleTableModel.LANGUAGE) == ["English"] * 5
    paste(qtbot, monkeypatch, w, L.FINNISH, "Yle")
    paste(qtbot, monkeypatch, w, L.CHINESE, "Xinhua")
    by_outlet = dict(zip(table_column(w, ArticleTableModel.OUTLET), table_column(w, ArticleTableModel.LANGUAGE)))
    assert (by_outlet["Yle"], by_outlet["Xinhua"]) == ("Finnish", "Chinese")
    words = dict(zip(table_column(w, ArticleTableModel.OUTLET), table_column(w, ArticleTableModel.WORDS)))
    assert int(words["Xinhua"].replace(",", "")) > 1000


def test_reader_says_when_an_article_is_not_english(qtbot, monkeypatch, main_window: MainWindow):
    w = main_window
    assert "Language: English" in w.reader.meta.text()
    assert w.reader.language_note.isHidden()
    paste(qtbot, monkeypatch, w, L.FINNISH, "Yle")
    info = next(a for a in w.article_table.model.articles() if a.outlet == "Yle")
    w.article_table.select_article(info.id)
    qtbot.waitUntil(lambda: w.reader.article_id() == info.id, timeout=LOAD_TIMEOUT_MS)
    assert "Language: Finnish" in w.reader.meta.text()
    assert not w.reader.language_note.isHidden()
    assert w.reader.language_note.text() == NOTICE


def test_comparison_header_shows_the_language(qtbot, monkeypatch, main_window: MainWindow):
    paste(qtbot, monkeypatch, main_window, L.FINNISH, "Yle")
    finnish = next(a for a in main_window.article_table.model.articles() if a.outlet == "Yle")
    english = next(a for a in main_window.article_table.model.articles() if a.outlet == "AFP")
    header = PaneHeader(Side.A)
    qtbot.addWidget(header)
    header.show_info(finnish)
    assert "Finnish" in header.meta.text()
    assert header.language_note.text() == NOTICE and not header.language_note.isHidden()
    header.show_info(english)
    assert "English" in header.meta.text() and header.language_note.isHidden()
