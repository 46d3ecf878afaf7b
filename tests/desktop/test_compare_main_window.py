"""Opening comparisons from the main window: double-click, Compare (Ctrl+D), Compare With."""
from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from parallax.desktop.views.articles import REFERENCE_MARK, ArticleTableModel
from parallax.desktop.views.main_window import MainWindow

pytestmark = pytest.mark.slow  # the real engine: spaCy and the embedding model
TIMEOUT_MS = 60_000


def row_of(window: MainWindow, outlet: str) -> int:
    proxy = window.article_table.proxy
    return next(r for r in range(proxy.rowCount())
                if proxy.index(r, ArticleTableModel.OUTLET).data().removeprefix(REFERENCE_MARK) == outlet)


def id_of(window: MainWindow, outlet: str) -> int:
    return next(a.id for a in window.article_table.model.articles() if a.outlet == outlet)


def double_click(qtbot, window: MainWindow, outlet: str) -> None:
    view = window.article_table.view
    rect = view.visualRect(window.article_table.proxy.index(row_of(window, outlet), ArticleTableModel.TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_clicking_articles_compares_each_with_the_reference(qtbot, main_window: MainWindow):
    w = main_window
    nyt, kayhan, afp = id_of(w, "The New York Times"), id_of(w, "Kayhan"), id_of(w, "AFP")
    double_click(qtbot, w, "Kayhan")
    assert w.compare_window is not None and w.compare_window.isVisible()
    view = w.compare_window.view
    # the earliest-published article (the NYT story) is the reference on the left
    assert view.current_pair() == (nyt, kayhan)
    qtbot.waitUntil(lambda: view.shown_pair() == (nyt, kayhan), timeout=TIMEOUT_MS)
    assert view.header_b.meta.text().startswith("Kayhan")
    # the next double-click keeps the reference and brings the new article beside it
    double_click(qtbot, w, "AFP")
    assert view.current_pair() == (nyt, afp)
    qtbot.waitUntil(lambda: view.shown_pair() == (nyt, afp), timeout=TIMEOUT_MS)
    # double-clicking the reference itself reopens the comparison as it was
    double_click(qtbot, w, "The New York Times")
    assert view.current_pair() == (nyt, afp)
    assert w.findChildren(type(w.compare_window)) == [w.compare_window]  # one window, re-targeted


def test_compare_action_and_compare_with_menu(qtbot, main_window: MainWindow):
    w = main_window
    aj, politico = id_of(w, "Al Jazeera"), id_of(w, "Politico")
    w.article_table.select_article(aj)
    qtbot.waitUntil(lambda: w.reader.article_id() == aj, timeout=TIMEOUT_MS)
    assert w.act_compare.isEnabled() and w.act_compare.shortcut().toString() == "Ctrl+D"
    assert w.act_compare in w.article_table.view.actions()  # in the table's context menu
    w.compare_with_menu.aboutToShow.emit()
    labels = [a.text() for a in w.compare_with_menu.actions()]
    assert len(labels) == 4 and not any(t.startswith("Al Jazeera") for t in labels)
    next(a for a in w.compare_with_menu.actions() if a.text().startswith("Politico")).trigger()
    view = w.compare_window.view
    assert view.current_pair() == (aj, politico)  # this article on the left, the chosen one right
    qtbot.waitUntil(lambda: view.shown_pair() == (aj, politico), timeout=TIMEOUT_MS)
    w.act_compare.trigger()  # Al Jazeera is the reference already: the pair stays
    assert view.current_pair() == (aj, politico)


def test_closing_the_main_window_closes_the_comparison(qtbot, main_window: MainWindow):
    w = main_window
    w.compare_current()
    cw = w.compare_window
    assert cw is not None and cw.isVisible()
    w.close()
    assert not cw.isVisible()
