"""What a journalist hits in the first minutes of the comparison window (issue 9).

F7 through every difference, marks that belong to the pair on screen only, the
first line in view, a word for articles that share nothing. The real engine on
seeds 000 (NYT) and 002 (Kayhan's rewrite); fixtures from ``test_compare_view``.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from parallax.core.store import library
from parallax.desktop.tasks import TaskRunner
from parallax.core.align.words import DiffKind, Side
from parallax.desktop.views.compare_window import CompareWindow
from tests.desktop.test_compare_view import (  # noqa: F401 - fixtures
    AFP,
    KAYHAN,
    NYT,
    TIMEOUT_MS,
    _fake_article,
    ids,
    nyt_kayhan,
    open_pair,
    seeded,
    seeded_db,
    window,
)

pytestmark = pytest.mark.slow  # the real engine: spaCy and the embedding model


def status(w: CompareWindow) -> str:
    return w.statusBar().currentMessage()


def where(pane) -> tuple[int, int]:  # noqa: ANN001 - CompareText
    """The span the pane's cursor shows (an empty one for an insertion point)."""
    c = pane.textCursor()
    return pane.offsets.py(c.selectionStart()), pane.offsets.py(c.selectionEnd())


@pytest.mark.parametrize("pane_side", [Side.A, Side.B])
def test_f7_visits_every_difference_once_in_order_then_goes_round(qtbot, nyt_kayhan, pane_side):
    v = nyt_kayhan.view
    pane = v.pane(pane_side)
    stops = v.marks.pane(pane_side).stops
    assert any(s.start == s.end for s in stops)  # insertion points are among them
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    seen = []
    for _ in stops:
        qtbot.keyClick(pane, Qt.Key.Key_F7)
        seen.append(where(pane))
    assert seen == [(s.start, s.end) for s in stops]
    assert status(nyt_kayhan).startswith(f"Last difference ({len(stops)} of {len(stops)})")
    qtbot.keyClick(pane, Qt.Key.Key_F7)
    assert where(pane) == (stops[0].start, stops[0].end)
    assert "first difference" in status(nyt_kayhan)
    # and back: from the first, Shift+F7 goes round to the last, then down the list
    qtbot.keyClick(pane, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert where(pane) == (stops[-1].start, stops[-1].end)
    assert "last difference" in status(nyt_kayhan)
    back = []
    for _ in stops[:-1]:
        qtbot.keyClick(pane, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
        back.append(where(pane))
    assert back == [(s.start, s.end) for s in stops[:-1]][::-1]
    assert status(nyt_kayhan).startswith(f"First difference (1 of {len(stops)})")


def test_f7_goes_on_in_the_other_pane_from_where_it_left_off(qtbot, nyt_kayhan):
    v = nyt_kayhan.view
    v.set_active_side(Side.A)
    for _ in range(6):  # the sixth is an insertion point on the left
        v.next_difference()
    edit = v.marks.a.stops[5]
    assert edit.start == edit.end
    v.set_active_side(Side.B)
    here = v.marks.counterpart_index(Side.A, 5)
    assert v.next_difference()
    after = v.marks.b.stops[(here + 1) % len(v.marks.b.stops)]
    assert where(v.right) == (after.start, after.end)


def marked_chars(pane) -> int:  # noqa: ANN001 - CompareText
    """Characters drawn with a mark's cue: a background, an underline or a strike-through."""
    n = 0
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            if fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush) or fmt.fontStrikeOut() \
                    or fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline:
                n += frag.length()
            it += 1
        if block.charFormat().hasProperty(QTextCharFormat.Property.BackgroundBrush):
            n += 1  # a paragraph end painted as a mark (a blob between sentences)
        block = block.next()
    return n


def expected_marked_chars(pane) -> int:  # noqa: ANN001 - CompareText
    covered = set()
    for span in pane.marks.spans:
        if span.kind not in pane.style_.formats:
            continue  # a moved pair is drawn in the gutter, not over its text
        covered.update(range(pane.offsets.qt(span.start), pane.offsets.qt(span.end)))
    return len(covered)


def assert_marks_are_this_pairs(pane) -> None:  # noqa: ANN001 - CompareText
    assert marked_chars(pane) == expected_marked_chars(pane)
    spans = [s for s in pane.marks.spans if s.kind in pane.style_.formats]
    plain = next((i for i in range(len(pane.text))
                  if pane.text[i].isalpha() and not any(s.start <= i < s.end for s in spans)), None)
    if plain is None:
        # Every sentence one-sided (no shared statement), so no letter is left
        # unmarked; then none may carry a word mark (underline or strike-out, the
        # pair shown before bleeding in): one-sided sentences are tinted only.
        assert {s.kind for s in spans} == {DiffKind.ONLY_HERE}
        for i in range(len(pane.text)):
            if pane.text[i].isalpha():
                fmt = pane.char_format_at(i)
                assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline, pane.text[i:i + 20]
                assert not fmt.fontStrikeOut(), pane.text[i:i + 20]
        return
    fmt = pane.char_format_at(plain)
    assert not fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush), pane.text[plain:plain + 20]
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert not fmt.fontStrikeOut()


def test_marks_do_not_bleed_into_the_next_pair(qtbot, nyt_kayhan, ids, tmp_path):
    v = nyt_kayhan.view
    for pane in (v.left, v.right):
        assert_marks_are_this_pairs(pane)
    v.substitutions.choose(4)  # the cursor now sits in a marked word in both panes
    with qtbot.waitSignal(v.comparison_shown, timeout=TIMEOUT_MS):
        v.act_swap.trigger()
    assert v.shown_pair() == (ids[KAYHAN], ids[NYT])
    for pane in (v.left, v.right):
        assert_marks_are_this_pairs(pane)
    nyt_kayhan.grab().save(str(tmp_path / "swapped.png"))
    v.substitutions.choose(0)
    picker = v.header_b.picker
    with qtbot.waitSignal(v.comparison_shown, timeout=TIMEOUT_MS):
        picker.setCurrentIndex(picker.findData(ids[AFP]))
        picker.activated.emit(picker.currentIndex())
    assert v.shown_pair() == (ids[KAYHAN], ids[AFP])
    for pane in (v.left, v.right):
        assert_marks_are_this_pairs(pane)
    assert str(sum(len(p.edits) for p in v._result.comparison.alignment.pairs)) in status(nyt_kayhan)


def first_line_in_view(pane) -> bool:  # noqa: ANN001 - CompareText
    rect = pane.cursorRect(QTextCursor(pane.document()))
    return rect.top() >= 0 and rect.bottom() <= pane.viewport().height()


def test_both_panes_open_on_their_first_line(qtbot, nyt_kayhan, seeded, ids):
    v = nyt_kayhan.view
    assert first_line_in_view(v.left) and first_line_in_view(v.right)
    # after reading down both panes, another pair opens at the top again
    v.set_active_side(Side.A)
    for _ in range(40):
        v.next_difference()
    v.set_active_side(Side.B)
    for _ in range(5):
        v.next_difference()
    assert v.left.verticalScrollBar().value() > 0 and v.right.verticalScrollBar().value() > 0
    open_pair(qtbot, nyt_kayhan, seeded, ids[NYT], ids[AFP])
    qtbot.waitUntil(lambda: not v._geometry_timer.isActive())
    assert first_line_in_view(v.left) and first_line_in_view(v.right)


def test_articles_that_share_no_statement_say_so(qtbot):
    from parallax.core.engine import AnalysedArticle, ArticleComparison
    from parallax.core.workspace import Workspace

    a_text = ("The city council approved a new budget for public libraries on Tuesday.\n"
              "Opening hours will be extended on weekends.\n")
    b_text = ("A rare comet will be visible from the southern hemisphere next month.\n"
              "Astronomers recommend a dark site away from city lights.\n")
    runner = TaskRunner()
    w = CompareWindow(None, runner)
    qtbot.addWidget(w)
    w.show()
    r = Workspace.compare_texts(a_text, b_text)
    assert not r.comparison.pairs
    left, right = _fake_article(a_text, -1, "Gazette"), _fake_article(b_text, -2, "Sky News")
    w.view.set_articles([left.info, right.info])
    w.view.show_result(ArticleComparison(AnalysedArticle(left.info, left.text, r.a.analysis),
                                         AnalysedArticle(right.info, right.text, r.b.analysis), r.comparison))
    assert w.view.banner.isVisible()
    assert "These articles share no statements" in w.view.banner.label.text()
    # a related pair hides the hint again
    b2 = a_text.replace("Tuesday", "Wednesday")
    r = Workspace.compare_texts(a_text, b2)
    herald = _fake_article(b2, -3, "Herald")
    w.view.show_result(ArticleComparison(AnalysedArticle(left.info, left.text, r.a.analysis),
                                         AnalysedArticle(herald.info, herald.text, r.b.analysis), r.comparison))
    assert not w.view.banner.isVisible()
    runner.wait_for_done()
