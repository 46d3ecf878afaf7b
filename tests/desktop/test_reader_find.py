"""The reader's find bar as a journalist uses it: "3 of 12", Enter / F3 onwards, the match centred."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import LOAD_TIMEOUT_MS

FIRST_SEED = "000_a743eac71b28a712.txt"
WORD = "political"  # 12 times in seed 000 (once inside "politically")


@pytest.fixture
def reader(qtbot, main_window: MainWindow):
    info = next(a for a in main_window.article_table.model.articles() if a.source_name == FIRST_SEED)
    main_window.article_table.select_article(info.id)
    qtbot.waitUntil(lambda: main_window.reader.article_id() == info.id, timeout=LOAD_TIMEOUT_MS)
    main_window.act_find.trigger()
    qtbot.waitUntil(main_window.reader.find_bar.edit.hasFocus, timeout=LOAD_TIMEOUT_MS)
    return main_window.reader


def assert_centred(view) -> None:  # noqa: ANN001 - ReadingView
    """The current match sits mid-view, unless the view cannot scroll that far."""
    bar = view.verticalScrollBar()
    if bar.value() in (bar.minimum(), bar.maximum()):
        return
    rect = view.cursorRect(view.textCursor())
    middle = view.viewport().height() / 2
    assert abs(rect.center().y() - middle) <= rect.height(), (rect, middle)


def test_count_and_stepping_with_keys(qtbot, reader):
    bar, view = reader.find_bar, reader.text_view
    qtbot.keyClicks(bar.edit, WORD)
    assert bar.status.text() == "1 of 12"
    assert view.textCursor().selectedText().lower() == WORD
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status.text() == "2 of 12"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.status.text() == "3 of 12"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status.text() == "1 of 12"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status.text() == "12 of 12"  # wraps backwards
    qtbot.keyClick(bar.edit, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert bar.status.text() == "1 of 12"  # ... and forwards
    assert view.textCursor().selectedText().lower() == WORD


def test_f3_works_from_the_text_too(qtbot, reader):
    bar, view = reader.find_bar, reader.text_view
    bar.edit.setText(WORD)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=LOAD_TIMEOUT_MS)
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert bar.status.text() == "2 of 12"


def test_every_match_is_centred_in_the_view(qtbot, reader):
    bar, view = reader.find_bar, reader.text_view
    bar.edit.setText(WORD)
    bar_ = view.verticalScrollBar()
    assert bar_.maximum() > view.viewport().height()  # the article is long enough to scroll
    centred = 0
    for n in range(2, 13):
        bar.act_next.trigger()
        assert bar.status.text() == f"{n} of 12"
        assert_centred(view)
        centred += bar_.minimum() < bar_.value() < bar_.maximum()
    assert centred >= 3  # most matches are mid-article, where centring is possible


def test_no_matches_and_a_single_match(qtbot, reader):
    bar = reader.find_bar
    bar.edit.setText("no such words anywhere")
    assert bar.status.text() == "No matches"
    bar.act_next.trigger()
    assert bar.status.text() == "No matches"
    bar.edit.setText("by reclassifying their roles on paper")
    assert bar.status.text() == "1 of 1"
    bar.act_next.trigger()
    assert bar.status.text() == "1 of 1"
    assert reader.text_view.textCursor().selectedText() == "by reclassifying their roles on paper"


def test_another_article_recounts(qtbot, main_window: MainWindow, reader):
    bar = reader.find_bar
    bar.edit.setText(WORD)
    assert bar.status.text() == "1 of 12"
    other = next(a for a in main_window.article_table.model.articles() if a.source_name != FIRST_SEED)
    main_window.article_table.select_article(other.id)
    qtbot.waitUntil(lambda: reader.article_id() == other.id, timeout=LOAD_TIMEOUT_MS)
    expected = reader.text().lower().count(WORD)
    bar.act_next.trigger()
    assert bar.status.text() == (f"1 of {expected}" if expected else "No matches")


def test_shared_search_bar_keys_reach_its_owner(qtbot):
    # The comparison window's find uses the same bar: its keys must say what was asked.
    from PySide6.QtWidgets import QWidget

    from parallax.desktop.views.findbar import SearchBar

    owner = QWidget()
    qtbot.addWidget(owner)
    bar = SearchBar("Find in both articles", "compareFindBar", owner)
    owner.show()
    bar.open_bar()
    qtbot.waitUntil(bar.edit.hasFocus, timeout=LOAD_TIMEOUT_MS)
    steps: list[bool] = []
    bar.stepped.connect(steps.append)
    qtbot.keyClicks(bar.edit, "Iraq")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert steps == [False, True, False, True]
    with qtbot.waitSignal(bar.closed, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_matches_after_emoji_and_curly_quotes_select_the_right_letters(qtbot):
    # Qt counts an emoji as two positions; the count and the selection must not drift.
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from parallax.desktop.text import OffsetMap, qt_position
    from parallax.desktop.views.reader import FindBar, ReadingView

    text = "🇮🇶 Iraq’s “troops” 🙂 stay.\n\nThe troops 👍🏽 — troops — leave."
    spans = [(m, m + len("troops")) for m in (11, 32, 44)]
    assert [text[s:e] for s, e in spans] == ["troops"] * 3
    offsets = OffsetMap(text)
    assert [offsets.qt_span(s, e) for s, e in spans] == [(qt_position(text, s), qt_position(text, e)) for s, e in spans]
    pane = QWidget()
    qtbot.addWidget(pane)
    view = ReadingView(pane)
    bar = FindBar(view, pane, scope=pane)
    layout = QVBoxLayout(pane)
    layout.addWidget(bar)
    layout.addWidget(view)
    view.show_text(text)
    pane.show()
    bar.open_bar()
    bar.edit.setText("TROOPS")
    for n in (1, 2, 3, 1):
        assert bar.status.text() == f"{n} of 3"
        assert view.textCursor().selectedText() == "troops"
        bar.act_next.trigger()
