"""The comparison window follows the store, and the dossier's reference article (issue 9).

The real main window over a fresh temp store with the seed dossier: removing the
shown article, choosing the reference article, the "Compare With" menu's titles.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from parallax.core.store import library
from parallax.desktop import actions
from parallax.desktop.views.articles import ArticleTableModel
from parallax.desktop.views.compare_view import EMPTY_STATE
from parallax.desktop.views.labels import elide_words
from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import wait_loaded
from tests.desktop.test_compare_main_window import double_click, id_of, row_of

pytestmark = pytest.mark.slow  # the real engine: spaCy and the embedding model
TIMEOUT_MS = 60_000


def click_destructive(box: QMessageBox) -> int:
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    return 0


def picker_ids(picker) -> list[int]:  # noqa: ANN001 - QComboBox
    return [picker.itemData(i) for i in range(picker.count())]


def remove_through_the_menu(qtbot, monkeypatch, w: MainWindow, article_id: int) -> None:
    w.article_table.select_article(article_id)
    qtbot.waitUntil(lambda: w.current_article_id() == article_id, timeout=TIMEOUT_MS)
    monkeypatch.setattr(QMessageBox, "exec", click_destructive)  # the user accepts the confirmation
    w.act_delete_article.trigger()
    qtbot.waitUntil(lambda: article_id not in [a.id for a in w.article_table.model.articles()],
                    timeout=TIMEOUT_MS)
    wait_loaded(qtbot, w)


def test_removing_the_compared_article_moves_the_window_to_a_valid_pair(qtbot, monkeypatch, main_window):
    w = main_window
    nyt, kayhan, afp = id_of(w, "The New York Times"), id_of(w, "Kayhan"), id_of(w, "AFP")
    w.open_compare(nyt, kayhan)
    view = w.compare_window.view
    qtbot.waitUntil(lambda: view.shown_pair() == (nyt, kayhan), timeout=TIMEOUT_MS)
    remove_through_the_menu(qtbot, monkeypatch, w, kayhan)
    # the next article takes the removed one's place; the picker no longer offers it
    qtbot.waitUntil(lambda: view.shown_pair() == (nyt, afp) and not view.loading, timeout=TIMEOUT_MS)
    for header in (view.header_a, view.header_b):
        assert kayhan not in picker_ids(header.picker) and len(picker_ids(header.picker)) == 4
    assert view.header_b.picker.currentData() == afp
    assert view.header_b.meta.text().startswith("AFP")
    assert view.right.text == library.get_article(w.workspace.store, afp).text
    assert "Kayhan" not in w.compare_window.windowTitle()
    # swap: header and text change sides together
    with qtbot.waitSignal(view.comparison_shown, timeout=TIMEOUT_MS):
        view.swap_button.click()
    assert view.header_a.meta.text().startswith("AFP") and view.header_b.meta.text().startswith("The New York")
    assert view.left.text == library.get_article(w.workspace.store, afp).text
    assert view.right.text == library.get_article(w.workspace.store, nyt).text


def test_swap_never_shows_one_article_under_the_others_header(qtbot, main_window):
    w = main_window
    nyt, kayhan = id_of(w, "The New York Times"), id_of(w, "Kayhan")
    w.open_compare(nyt, kayhan)
    view = w.compare_window.view
    qtbot.waitUntil(lambda: view.shown_pair() == (nyt, kayhan), timeout=TIMEOUT_MS)
    texts = {nyt: library.get_article(w.workspace.store, nyt).text, kayhan: library.get_article(w.workspace.store, kayhan).text}
    seen = []

    def check() -> None:  # at every step of the swap, not only at its end
        for header, pane in ((view.header_a, view.left), (view.header_b, view.right)):
            outlet = header.meta.text().split("  ·  ")[0]
            seen.append(texts[nyt if outlet == "The New York Times" else kayhan] == pane.text)

    view.swap()
    check()
    qtbot.waitUntil(lambda: view.shown_pair() == (kayhan, nyt), timeout=TIMEOUT_MS)
    check()
    assert all(seen) and view.left.text == texts[kayhan]


def test_fewer_than_two_articles_leave_an_empty_comparison(qtbot, monkeypatch, main_window):
    w = main_window
    ids = [a.id for a in w.article_table.model.articles()]
    w.open_compare(ids[0], ids[1])
    view = w.compare_window.view
    qtbot.waitUntil(lambda: view.shown_pair() == (ids[0], ids[1]), timeout=TIMEOUT_MS)
    for article_id in ids[1:]:
        remove_through_the_menu(qtbot, monkeypatch, w, article_id)
    qtbot.waitUntil(lambda: view.current_pair() is None, timeout=TIMEOUT_MS)
    assert view.banner.isVisible() and EMPTY_STATE in view.banner.label.text()
    assert view.left.text == view.right.text == ""
    assert w.compare_window.statusBar().currentMessage() == ""  # no counts of the pair that was
    assert picker_ids(view.header_a.picker) == [ids[0]]
    # an import brings a second article: the window can compare again from its pickers
    actions.paste_article(window=w, text="The talks ended. Troops will stay until December.", title="Wire")
    qtbot.waitUntil(lambda: len(picker_ids(view.header_b.picker)) == 2, timeout=TIMEOUT_MS)


def test_use_as_reference_puts_the_chosen_article_on_the_left(qtbot, main_window):
    w = main_window
    nyt, kayhan, afp = id_of(w, "The New York Times"), id_of(w, "Kayhan"), id_of(w, "AFP")
    model = w.article_table.model
    # today's rule while none is chosen: the earliest dated article, marked in the table
    assert "★" in model.index(model.row_of(nyt), ArticleTableModel.OUTLET).data()
    assert "Reference article" in model.index(model.row_of(nyt), ArticleTableModel.OUTLET).data(
        Qt.ItemDataRole.ToolTipRole)
    w.article_table.select_article(kayhan)
    qtbot.waitUntil(lambda: w.current_article_id() == kayhan, timeout=TIMEOUT_MS)
    assert w.act_use_reference in w.article_table.view.actions()  # in the table's context menu
    assert w.act_use_reference in w.edit_menu.actions()
    w.act_use_reference.trigger()
    qtbot.waitUntil(lambda: library.reference_article(w.workspace.store, w.current_dossier().id) == kayhan,
                    timeout=TIMEOUT_MS)
    wait_loaded(qtbot, w)
    assert "★" in model.index(model.row_of(kayhan), ArticleTableModel.OUTLET).data()
    assert "★" not in model.index(model.row_of(nyt), ArticleTableModel.OUTLET).data()
    double_click(qtbot, w, "AFP")
    view = w.compare_window.view
    assert view.current_pair() == (kayhan, afp)
    qtbot.waitUntil(lambda: view.shown_pair() == (kayhan, afp), timeout=TIMEOUT_MS)
    w.article_table.select_article(nyt)
    w.compare_current()  # Ctrl+D
    assert view.current_pair() == (kayhan, nyt)
    # removing the reference falls back to the earliest dated article
    qtbot.waitUntil(lambda: view.shown_pair() == (kayhan, nyt), timeout=TIMEOUT_MS)
    actions.delete_article(window=w, article_id=kayhan)
    qtbot.waitUntil(lambda: model.row_of(kayhan) < 0, timeout=TIMEOUT_MS)
    wait_loaded(qtbot, w)
    assert "★" in model.index(model.row_of(nyt), ArticleTableModel.OUTLET).data()
    assert view.current_pair() == (afp, nyt)  # the window moved on from the removed article too
    politico = id_of(w, "Politico")
    double_click(qtbot, w, "Politico")
    assert view.current_pair() == (nyt, politico)


def test_the_reference_is_kept_per_dossier_across_a_restart(qtbot, store, main_window):
    w = main_window
    dossier = w.current_dossier().id
    afp = id_of(w, "AFP")
    actions.set_reference_article(window=w, article_id=afp)
    qtbot.waitUntil(lambda: library.reference_article(store, dossier) == afp, timeout=TIMEOUT_MS)
    other = library.create_dossier(store, "Other story")
    assert library.reference_article(store, other.id) is None
    from parallax.desktop.app import build_main_window

    again = build_main_window(store)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.article_table.model.articles() != [], timeout=TIMEOUT_MS)
    wait_loaded(qtbot, again)
    assert again.compare_reference(id_of(again, "Kayhan")) == afp
    assert "★" in again.article_table.proxy.index(row_of(again, "AFP"), ArticleTableModel.OUTLET).data()


def test_compare_with_menu_cuts_long_titles_between_words(qtbot, main_window):
    w = main_window
    title = "Iraqi Prime Minister Travels to Washington Amid Charges - The Baghdad Post Reports"
    actions.paste_article(window=w, text="The prime minister left for Washington on Friday.", title=title,
                          outlet="Baghdad Post")
    qtbot.waitUntil(lambda: any(a.title == title for a in w.article_table.model.articles()), timeout=TIMEOUT_MS)
    wait_loaded(qtbot, w)
    w.article_table.select_article(id_of(w, "Kayhan"))
    w.compare_with_menu.aboutToShow.emit()
    label = next(a.text() for a in w.compare_with_menu.actions() if a.text().startswith("Baghdad Post"))
    assert label == "Baghdad Post — Iraqi Prime Minister Travels to Washington Amid Charges…"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short title", 60, "Short title"),
        ("Iraqi Prime Minister Travels to Washington Amid Charges - The Baghdad Post", 60,
         "Iraqi Prime Minister Travels to Washington Amid Charges…"),
        ("Troops to stay, says minister: talks go on", 30, "Troops to stay, says minister…"),
        ("Troops to stay — talks go on", 17, "Troops to stay…"),
        ("one two three", 7, "one two…"),  # a word that ends at the limit is kept
        ("Supercalifragilisticexpialidocious words", 10, "Supercali…"),  # one long word: cut it
        ("  spaced\n  out   title  ", 60, "spaced out title"),
    ],
)
def test_elide_words(text, limit, expected):
    assert elide_words(text, limit) == expected
