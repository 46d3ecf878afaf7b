"""The comparison view as a journalist sees it: seeds 000 (NYT) and 002 (Kayhan's rewrite).

A real store in a temp folder holds the seed dossier; its analyses are computed once
per module by the real engine (spaCy + embeddings) and read from the cache after.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from parallax.core.align.entities import entity_key
from parallax.core.align.words import DiffKind, Side
from parallax.core.cached_analysis import analyse_articles
from parallax.core.nlp.analysis import EntityKind
from parallax.core.store import library
from parallax.core.store.connection import Store, open_store
from parallax.core.workspace import Workspace
from parallax.desktop.tasks import TaskRunner
from parallax.desktop.views.compare_style import LABELS
from parallax.desktop.views.compare_window import CompareWindow

pytestmark = pytest.mark.slow  # the real engine: spaCy and the embedding model
TIMEOUT_MS = 60_000
NYT, AJ, KAYHAN, AFP = "000_a743eac71b28a712.txt", "001_23eb071d50326293.txt", \
    "002_390676983a8005e1.txt", "003_4845cc2a2d87c851.txt"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "seeds.sqlite3"
    store = open_store(path)
    try:
        dossier = library.ensure_seed_dossier(store)
        analyse_articles(store, [a.id for a in library.list_articles(store, dossier)])
    finally:
        store.close()
    return path


@pytest.fixture
def seeded(seeded_db: Path) -> Iterator[Store]:
    store = open_store(seeded_db)
    yield store
    store.close()


@pytest.fixture
def ids(seeded: Store) -> dict[str, int]:
    dossier = library.list_dossiers(seeded)[0].id
    return {a.source_name: a.id for a in library.list_articles(seeded, dossier)}


@pytest.fixture
def window(qtbot, seeded: Store) -> Iterator[CompareWindow]:
    runner = TaskRunner()
    w = CompareWindow(Workspace(seeded), runner)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    runner.cancel_all()
    runner.wait_for_done()


def open_pair(qtbot, w: CompareWindow, store: Store, a: int, b: int) -> None:
    articles = library.list_articles(store, library.get_article(store, a).info.dossier_id)
    with qtbot.waitSignal(w.view.comparison_shown, timeout=TIMEOUT_MS):
        w.open_pair(articles, a, b)


@pytest.fixture
def nyt_kayhan(qtbot, window: CompareWindow, seeded: Store, ids) -> CompareWindow:
    open_pair(qtbot, window, seeded, ids[NYT], ids[KAYHAN])
    return window


def background(fmt: QTextCharFormat):
    return fmt.background().color().name() if fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush) else None


def test_both_full_texts_are_shown_with_outlet_title_and_date(nyt_kayhan, seeded, ids):
    v = nyt_kayhan.view
    assert v.left.toPlainText() == library.get_article(seeded, ids[NYT]).text
    assert v.right.toPlainText() == library.get_article(seeded, ids[KAYHAN]).text
    assert v.left.isReadOnly() and v.right.isReadOnly()
    assert v.header_a.meta.text().startswith("The New York Times  ·  2021-07-24")
    assert v.header_b.meta.text().startswith("Kayhan  ·  date unknown")
    assert v.header_b.title.text() == "U.S. Withdrawal? Only in Name, Nothing to Change"
    assert v.header_a.picker.currentData() == ids[NYT] and v.header_b.picker.currentData() == ids[KAYHAN]
    assert "The New York Times" in nyt_kayhan.windowTitle() and "Kayhan" in nyt_kayhan.windowTitle()


def test_the_changed_words_of_a_known_pair_are_highlighted(nyt_kayhan):
    v = nyt_kayhan.view
    a_text, b_text = v.left.text, v.right.text
    a_at = a_text.index("presence there, even as the Taliban")
    b_at = b_text.index("invasion of the country, even as the Taliban")
    replaced = v.style_.formats[DiffKind.REPLACED]
    for pane, at, phrase in ((v.left, a_at, "presence there"), (v.right, b_at, "invasion of the country")):
        for i in range(len(phrase)):
            fmt = pane.char_format_at(at + i)
            assert background(fmt) == replaced.background().color().name(), (phrase, i)
            assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline  # not colour alone
        # the words around are not marked
        assert background(pane.char_format_at(at - len("20-year "))) is None
        assert background(pane.char_format_at(at + len(phrase) + 2)) is None
    # ... and the counterpart of one is the other
    index = v.marks.pair_at(Side.A, a_at)
    assert index is not None and v.marks.pairs[index].b_start <= b_at < v.marks.pairs[index].b_end


def test_deleted_and_inserted_words_have_their_own_cues(nyt_kayhan):
    v = nyt_kayhan.view
    deleted = [s for s in v.marks.a.spans if s.kind is DiffKind.DELETED]
    inserted = [s for s in v.marks.b.spans if s.kind is DiffKind.INSERTED]
    assert deleted and inserted
    assert v.left.char_format_at(deleted[0].start).fontStrikeOut()
    fmt = v.right.char_format_at(inserted[0].start)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    only = [s for s in v.marks.a.spans if s.kind is DiffKind.ONLY_HERE]
    assert background(v.left.char_format_at(only[0].start)) == \
        v.style_.formats[DiffKind.ONLY_HERE].background().color().name()


def test_scrolling_the_left_pane_brings_each_counterpart_into_view(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    left, right = v.left, v.right
    checked = 0
    for pair in v.marks.pairs:
        a_top, _ = left.extent(pair.a_start, pair.a_end)
        left.verticalScrollBar().setValue(int(a_top - left.viewport().height() * 0.3))
        b_top, b_bottom = right.extent(pair.b_start, pair.b_end)
        shown_top = right.verticalScrollBar().value()
        shown_bottom = shown_top + right.viewport().height()
        assert b_top < shown_bottom and b_bottom > shown_top, v.right.text[pair.b_start:pair.b_start + 60]
        checked += 1
    assert checked >= 8
    # and the other way round
    pair = v.marks.pairs[-1]
    b_top, _ = right.extent(pair.b_start, pair.b_end)
    right.verticalScrollBar().setValue(int(b_top - right.viewport().height() * 0.3))
    a_top, a_bottom = left.extent(pair.a_start, pair.a_end)
    assert left.verticalScrollBar().value() < a_bottom
    assert a_top < left.verticalScrollBar().value() + left.viewport().height()


def test_next_difference_moves_the_cursor_to_the_next_highlight(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    v.left.setFocus()
    qtbot.waitUntil(v.left.hasFocus)
    cursor = v.left.textCursor()
    cursor.setPosition(v.left.offsets.qt(v.left.text.index("Monday’s announcement")))
    v.left.setTextCursor(cursor)
    qtbot.keyClick(v.left, Qt.Key.Key_F7)
    assert v.left.textCursor().selectedText() == "presence there"
    assert background(v.left.char_format_at(v.left.cursor_offset())) is not None  # it is a highlight
    assert v.right.textCursor().selectedText() == "invasion of the country"
    first = v.left.cursor_offset()
    qtbot.keyClick(v.left, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = v.left.selected_span()
    assert second is not None and second[0] > first
    spans = [(s.start, s.end) for s in v.marks.a.stops]
    at = spans.index((first, first + len("presence there")))
    assert spans[at + 1][0] == second[0]
    qtbot.keyClick(v.left, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert v.left.textCursor().selectedText() == "presence there"


def test_next_unaligned_goes_to_sentences_only_in_this_article(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    v.set_active_side(Side.A)
    assert v.next_unaligned()
    span = v.left.highlight
    assert span in v.marks.a.unaligned and v.left.cursor_offset() == span[0]
    assert v.marks.pair_at(Side.A, span[0]) is None
    assert not v.right.textCursor().hasSelection()


def test_hovering_a_sentence_tells_counterpart_kind_and_score(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    at = v.left.text.index("presence there")
    v.left.scroll_to(at, at + 5)
    cursor = QTextCursor(v.left.document())
    cursor.setPosition(v.left.offsets.qt(at + 3))
    point = v.left.cursorRect(cursor).center()
    QApplication.sendEvent(v.left.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                          v.left.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    tip = QToolTip.text()
    index = v.marks.pair_at(Side.A, at)
    pair = v.marks.pairs[index]
    assert "invasion of the country" in tip
    assert pair.kind.value.capitalize() in tip and f"score {pair.score:.2f}" in tip
    # hovering also lights the pair's band in the gutter
    qtbot.mouseMove(v.left.viewport(), point)
    qtbot.waitUntil(lambda: v.gutter.hovered == index)
    alone = v.marks.a.unaligned[0][0]
    assert "no counterpart in Kayhan" in v.tooltip_text(Side.A, alone)


def test_clicking_a_sentence_selects_it_and_its_counterpart(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    at = v.left.text.index("accede to Prime Minister")
    v.left.scroll_to(at, at + 5)
    cursor = QTextCursor(v.left.document())
    cursor.setPosition(v.left.offsets.qt(at + 2))
    point = v.left.cursorRect(cursor).center()
    qtbot.mouseClick(v.left.viewport(), Qt.MouseButton.LeftButton, pos=point)
    index = v.marks.pair_at(Side.A, at)
    pair = v.marks.pairs[index]
    assert v.left.highlight == (pair.a_start, pair.a_end)
    assert v.right.highlight == (pair.b_start, pair.b_end)
    assert "oblige" in v.right.text[slice(*v.right.highlight)]
    assert v.gutter.selected == index
    # both sentences sit level, and the tint is drawn over the whole of each
    left_rects, right_rects = v.left.span_rects(*v.left.highlight), v.right.span_rects(*v.right.highlight)
    assert abs(left_rects[0].top() - right_rects[0].top()) <= 2
    assert sum(r.width() for r in left_rects) > 300
    # the next difference goes on from the clicked sentence
    assert v.next_difference()
    assert pair.a_start <= v.left.selected_span()[0] < pair.a_end


def test_entity_toggles_add_and_remove_formats_with_one_colour_per_entity(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    places = [e for e in v.marks.a.entities if e.kind is EntityKind.PLACE and e.key == "iraq"]
    b_places = [e for e in v.marks.b.entities if e.kind is EntityKind.PLACE and e.key == "iraq"]
    assert places and b_places
    colour = v.style_.entity_colour(entity_key("Iraq")).name()

    def shown(pane, ent) -> bool:
        fmt = pane.char_format_at(ent.start)
        return fmt.hasProperty(QTextCharFormat.Property.ForegroundBrush) and \
            fmt.foreground().color().name() == colour

    v.set_entity_kind_visible(EntityKind.PLACE, False)
    assert not any(shown(v.left, e) for e in places)
    v.entity_actions[EntityKind.PLACE].trigger()  # the toolbar toggle
    assert v.entity_actions[EntityKind.PLACE].isChecked()
    assert all(shown(v.left, e) for e in places)
    assert all(shown(v.right, e) for e in b_places)  # the same colour in both panes
    v.entity_actions[EntityKind.PLACE].trigger()
    assert not any(shown(v.left, e) or shown(v.right, e) for e in places + b_places)
    # diff highlights stay when entities come and go
    at = v.left.text.index("presence there")
    assert background(v.left.char_format_at(at)) is not None


def test_choosing_a_substitution_jumps_both_panes_there(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    subs = v.substitutions.substitutions()
    index = next(i for i, s in enumerate(subs) if s.a == "presence there")
    v.left.verticalScrollBar().setValue(0)
    v.substitutions.choose(index)
    assert v.left.textCursor().selectedText() == "presence there"
    assert v.right.textCursor().selectedText() == "invasion of the country"
    for pane in (v.left, v.right):
        start, end = pane.selected_span()
        top, bottom = pane.extent(start, end)
        value = pane.verticalScrollBar().value()
        assert value <= top and bottom <= value + pane.viewport().height()


FIND_WORD = "Kadhimi"  # 6 times in the NYT's article, 4 in Kayhan's


def match_counts(v) -> tuple[int, int]:  # noqa: ANN001 - CompareView
    return tuple(len(re.findall(FIND_WORD, p.text, re.IGNORECASE)) for p in (v.left, v.right))


def assert_centred(pane) -> None:  # noqa: ANN001 - CompareText
    """The selected match sits mid-pane, unless the pane cannot scroll that far."""
    bar = pane.verticalScrollBar()
    if bar.value() in (bar.minimum(), bar.maximum()):
        return
    rect = pane.cursorRect(pane.textCursor())
    assert abs(rect.center().y() - pane.viewport().height() / 2) <= rect.height(), rect


def test_ctrl_f_counts_matches_of_both_panes_like_the_reader(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    v.left.setFocus()
    qtbot.keyClick(v.left, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert v.find_bar.isVisible()
    qtbot.keyClicks(v.find_bar.edit, FIND_WORD)
    a_count, b_count = match_counts(v)
    assert a_count >= 2 and b_count >= 2
    total = a_count + b_count
    assert v.find_bar.status.text() == f"1 of {total}"
    assert v.left.textCursor().selectedText() == FIND_WORD
    assert len(v.left.extraSelections()) == a_count and len(v.right.extraSelections()) == b_count
    qtbot.keyClick(v.find_bar.edit, Qt.Key.Key_Return)
    assert v.find_bar.status.text() == f"2 of {total}"
    assert v.left.textCursor().selectedText() == FIND_WORD
    qtbot.keyClick(v.find_bar.edit, Qt.Key.Key_Escape)
    assert not v.find_bar.isVisible() and not v.left.extraSelections()


def test_find_steps_left_then_right_and_wraps_both_ways(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    v.open_find()
    qtbot.waitUntil(v.find_bar.edit.hasFocus, timeout=TIMEOUT_MS)
    v.find_bar.edit.setText(FIND_WORD)
    a_count, b_count = match_counts(v)
    total = a_count + b_count
    seen, centred = [], 0
    for n in range(2, total + 1):
        v.find_bar.act_next.trigger()
        assert v.find_bar.status.text() == f"{n} of {total}"
        side = Side.A if n <= a_count else Side.B
        this, other = v.pane(side), v.pane(side.other)
        assert this.textCursor().selectedText() == FIND_WORD
        assert not other.textCursor().hasSelection()  # one current match on screen
        assert_centred(this)
        bar = this.verticalScrollBar()
        centred += bar.minimum() < bar.value() < bar.maximum()
        seen.append(this.selected_span())
    assert len(set(seen[a_count - 1:])) == b_count  # every match of the right pane, each once
    assert centred >= 3  # most matches are mid-article, where centring is possible
    qtbot.keyClick(v.find_bar.edit, Qt.Key.Key_Return)
    assert v.find_bar.status.text() == f"1 of {total}"  # round to the first, in the left pane
    assert v.left.textCursor().selectedText() == FIND_WORD
    qtbot.keyClick(v.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert v.find_bar.status.text() == f"{total} of {total}"  # and back round to the last
    assert v.right.textCursor().selectedText() == FIND_WORD
    qtbot.keyClick(v.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert v.find_bar.status.text() == f"{total - 1} of {total}"


def test_f3_in_a_pane_goes_on_from_there(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    v.open_find()
    v.find_bar.edit.setText(FIND_WORD)
    a_count, b_count = match_counts(v)
    v.right.setFocus()
    qtbot.waitUntil(v.right.hasFocus, timeout=TIMEOUT_MS)
    v.right.place_cursor(0)
    qtbot.keyClick(v.right, Qt.Key.Key_F3)
    assert v.find_bar.status.text() == f"{a_count + 1} of {a_count + b_count}"
    assert v.right.textCursor().selectedText() == FIND_WORD


def test_find_says_no_matches_and_recounts_another_pair(qtbot, nyt_kayhan, seeded, ids):
    v = nyt_kayhan.view
    v.open_find()
    v.find_bar.edit.setText("no such words anywhere")
    assert v.find_bar.status.text() == "No matches"
    v.find_bar.act_next.trigger()
    assert v.find_bar.status.text() == "No matches"
    v.find_bar.edit.setText(FIND_WORD)
    with qtbot.waitSignal(v.comparison_shown, timeout=TIMEOUT_MS):
        v.compare(ids[NYT], ids[AJ])
    assert v.find_bar.status.text() == ""  # the old count was of the old pair
    v.find_bar.act_next.trigger()
    a_count, b_count = match_counts(v)
    assert a_count + b_count > 0
    assert v.find_bar.status.text() == f"1 of {a_count + b_count}"


def test_wrapped_panes_never_show_a_horizontal_scrollbar(qtbot, nyt_kayhan):
    # Bold entity names can make a wrapped line a fraction of a pixel wider than the
    # pane: Qt then showed a 1-pixel scrollbar (seen at 1175 px, likelier in larger text).
    from parallax.desktop.views.appearance import apply_text_step

    v = nyt_kayhan.view
    shown = []
    for step in (0, 3, 6):
        for pane in (v.left, v.right):
            apply_text_step(pane, step)
        for width in range(1160, 1290):
            nyt_kayhan.resize(width, 800)
            QApplication.processEvents()
            for pane in (v.left, v.right):
                bar = pane.horizontalScrollBar()
                if bar.isVisible() or bar.maximum() > 0:  # nor may the text shift sideways
                    shown.append((step, width, pane.side.value, bar.maximum()))
    assert shown == []


def test_swap_then_swap_back_is_instant_from_the_cache(qtbot, nyt_kayhan, ids):
    v = nyt_kayhan.view
    with qtbot.waitSignal(v.comparison_shown, timeout=TIMEOUT_MS) as shown:
        v.swap_button.click()
    assert shown.args == [ids[KAYHAN], ids[NYT]]
    assert v.header_a.picker.currentData() == ids[KAYHAN]
    assert v.left.text.startswith("BAGHDAD (Dispatches)")
    v.swap()  # back: no task, shown before this line returns
    assert v.shown_pair() == (ids[NYT], ids[KAYHAN]) and not v.loading


def test_a_result_for_a_pair_no_longer_shown_is_dropped(qtbot, window, seeded, ids):
    v = window.view
    shown: list[tuple[int, int]] = []
    v.comparison_shown.connect(lambda a, b: shown.append((a, b)))
    articles = library.list_articles(seeded, library.get_article(seeded, ids[NYT]).info.dossier_id)
    window.open_pair(articles, ids[NYT], ids[KAYHAN])
    window.open_pair(articles, ids[NYT], ids[AFP])  # before the first result arrives
    qtbot.waitUntil(lambda: not window.view.tasks.busy, timeout=TIMEOUT_MS)
    assert shown == [(ids[NYT], ids[AFP])]
    assert v.header_b.meta.text().startswith("AFP")
    assert v.right.text == library.get_article(seeded, ids[AFP]).text


def test_picking_another_article_compares_it(qtbot, nyt_kayhan, ids):
    v = nyt_kayhan.view
    picker = v.header_b.picker
    with qtbot.waitSignal(v.comparison_shown, timeout=TIMEOUT_MS):
        picker.setCurrentIndex(picker.findData(ids[AJ]))
        picker.activated.emit(picker.currentIndex())
    assert v.shown_pair() == (ids[NYT], ids[AJ])


def test_the_legend_explains_every_mark(nyt_kayhan):
    text = nyt_kayhan.view.legend.toPlainText()
    for label in LABELS.values():
        assert label in text


def test_cancelling_a_running_analysis_keeps_the_plain_texts(qtbot, store: Store):
    # A fresh store: nothing cached, so the comparison must analyse (seconds).
    dossier = library.ensure_seed_dossier(store)
    articles = library.list_articles(store, dossier)
    runner = TaskRunner()
    w = CompareWindow(Workspace(store), runner)
    qtbot.addWidget(w)
    w.show()
    try:
        w.open_pair(articles, articles[0].id, articles[2].id)
        assert w.view.loading
        qtbot.waitUntil(lambda: w.view.banner.isVisible(), timeout=TIMEOUT_MS)
        assert w.view.banner.button.text() == "Cancel"
        w.view.banner.button.click()
        qtbot.waitUntil(lambda: not w.view.loading, timeout=TIMEOUT_MS)
        assert "cancelled" in w.view.banner.label.text()
        assert w.view.banner.button.text() == "Compare again"
        qtbot.waitUntil(lambda: w.view.left.text != "", timeout=TIMEOUT_MS)
        assert w.view.marks is None and w.view.shown_pair() is None
        assert not w.view.left.document().toPlainText() == ""
    finally:
        runner.cancel_all()
        runner.wait_for_done()


def test_right_to_left_text_and_emoji_keep_highlights_in_place(qtbot):
    """Files outside the store go through Workspace.compare_texts; offsets survive UTF-16."""
    from parallax.core.engine import AnalysedArticle, ArticleComparison

    a_text = ("“Breaking” 👍🏽 — the minister 🇮🇶 said the troops would leave by December.\n"
              "قال الوزير إن القوات ستغادر في ديسمبر.\n")
    b_text = ("“Breaking” 👍🏽 — the minister 🇮🇶 said the soldiers would leave by December.\n"
              "قال الوزير إن القوات ستغادر في ديسمبر.\n")
    runner = TaskRunner()
    w = CompareWindow(None, runner)
    qtbot.addWidget(w)
    w.show()
    r = Workspace.compare_texts(a_text, b_text)
    left = _fake_article(a_text, -1, "Left")
    right = _fake_article(b_text, -2, "Right")
    w.view.set_articles([left.info, right.info])
    w.view.show_result(ArticleComparison(AnalysedArticle(left.info, left.text, r.a.analysis),
                                         AnalysedArticle(right.info, right.text, r.b.analysis), r.comparison))
    v = w.view
    at = a_text.index("troops")
    cursor = QTextCursor(v.left.document())
    qs, qe = v.left.offsets.qt(at), v.left.offsets.qt(at + len("troops"))
    assert qs == at + 4  # 👍 🏽 🇮 🇶 lie beyond U+FFFF: two UTF-16 units each
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "troops"
    assert background(v.left.char_format_at(at)) is not None
    assert background(v.left.char_format_at(at - 2)) is None  # "the" before it is not marked
    assert v.right.char_format_at(b_text.index("soldiers")).underlineStyle() != \
        QTextCharFormat.UnderlineStyle.NoUnderline
    arabic = v.left.document().findBlockByNumber(1)
    assert arabic.text().startswith("قال")
    assert arabic.textDirection() == Qt.LayoutDirection.RightToLeft
    # it is drawn from the right: its first character sits right of its last one
    c = QTextCursor(arabic)
    first_x = v.left.cursorRect(c).x()
    c.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    assert first_x > v.left.cursorRect(c).x()
    runner.wait_for_done()


def _fake_article(text: str, article_id: int, outlet: str):
    from datetime import datetime

    from parallax.core.ingest.model import count_words, text_hash

    info = library.ArticleInfo(article_id, -1, None, outlet, None, None, None, None, f"{outlet}.txt",
                               "text", count_words(text), datetime.now(), text_hash(text), "", text[:40])
    return library.ArticleText(info, text)


def show_texts(qtbot, a_text: str, b_text: str, names: tuple[str, str], size: tuple[int, int]):
    """A comparison window showing the real engine's comparison of two texts that
    are not in a library (articles -1 and -2, named ``names``): (window, runner,
    comparison). The caller waits for the runner when done."""
    from parallax.core.engine import AnalysedArticle, ArticleComparison
    from parallax.core.workspace import Workspace
    from parallax.desktop.tasks import TaskRunner
    from parallax.desktop.views.compare_window import CompareWindow

    runner = TaskRunner()
    w = CompareWindow(None, runner)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    r = Workspace.compare_texts(a_text, b_text)
    left, right = _fake_article(a_text, -1, names[0]), _fake_article(b_text, -2, names[1])
    w.view.set_articles([left.info, right.info])
    w.view.show_result(ArticleComparison(AnalysedArticle(left.info, left.text, r.a.analysis),
                                         AnalysedArticle(right.info, right.text, r.b.analysis), r.comparison))
    return w, runner, r.comparison


def test_dark_palette_keeps_every_mark_readable(qtbot, nyt_kayhan):
    from parallax.desktop.views.appearance import dark_palette
    from parallax.desktop.views.compare_style import CompareStyle

    for style in (nyt_kayhan.view.style_, CompareStyle.for_palette(dark_palette())):
        for mark in style.formats:
            bg = style.formats[mark].background().color()
            assert contrast(style.text, bg) >= 4.5, (style.dark, mark)
        for key in [*(e.key for e in nyt_kayhan.view.marks.a.entities), "iraq", "biden"]:
            assert contrast(style.entity_colour(key), style.base) >= 4.5, (style.dark, key)
    nyt_kayhan.setPalette(dark_palette())
    qtbot.waitUntil(lambda: nyt_kayhan.view.style_.dark)
    at = nyt_kayhan.view.left.text.index("presence there")
    assert background(nyt_kayhan.view.left.char_format_at(at)) == \
        nyt_kayhan.view.style_.formats[DiffKind.REPLACED].background().color().name()


def contrast(c1, c2) -> float:  # noqa: ANN001 - QColor; WCAG 2 formula, kept apart from the code's
    def lum(c) -> float:  # noqa: ANN001
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(c1), lum(c2)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_gutter_bands_join_each_sentence_to_its_counterpart(nyt_kayhan):
    v = nyt_kayhan.view
    g = v.gutter
    pair = v.marks.pairs[1]
    v.left.verticalScrollBar().setValue(0)
    path = g.band_path(1)
    assert path is not None
    a_top, a_bottom = v.left.extent(pair.a_start, pair.a_end)
    b_top, b_bottom = v.right.extent(pair.b_start, pair.b_end)
    origin = g.mapToGlobal(QPoint(0, 0)).y()
    left_y = v.left.viewport().mapToGlobal(QPoint(0, 0)).y() - origin - v.left.verticalScrollBar().value()
    right_y = v.right.viewport().mapToGlobal(QPoint(0, 0)).y() - origin - v.right.verticalScrollBar().value()
    # the band's left edge spans the left sentence, its right edge the right one
    assert path.contains(QPoint(1, int((a_top + a_bottom) / 2 + left_y)))
    assert path.contains(QPoint(g.width() - 2, int((b_top + b_bottom) / 2 + right_y)))
    assert not path.contains(QPoint(1, int(a_bottom + left_y + 30)))
