"""An aligned pair whose two sides state something differently is marked in the view.

Two short made-up reports compared by the real engine and judge (one sentence
with another number, one with its actors swapped, one the same), shown in a
real view offscreen: the gutter gets a dot on those bands and on no other, the
status bar says what differs when the pair is selected, the legend explains
the dot.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from parallax.core.align.words import Side
from parallax.desktop.views.compare_style import LABELS
from tests.desktop.test_compare_view import show_texts

pytestmark = pytest.mark.slow  # the real engine: spaCy, the embedding model, the judge

A = ("Police said 12 people were killed in the attack on Sunday.\n"
     "Residents said the army shelled the rebels near the border town on Monday.\n"
     "The mayor called for calm and asked people to stay at home.\n")
B = ("Police said 14 people were killed in the attack on Sunday.\n"
     "Residents said the rebels shelled the army near the border town on Monday.\n"
     "The mayor called for calm and asked people to stay at home.\n")


@pytest.fixture
def view(qtbot):
    w, runner, cmp = show_texts(qtbot, A, B, ("Courier", "Coast"), (1100, 700))
    messages: list[str] = []
    w.view.status_message.connect(messages.append)
    yield w.view, cmp, messages
    runner.wait_for_done()


def test_bands_whose_sides_differ_get_a_dot_and_only_they(view, tmp_path):
    v, cmp, _ = view
    assert len(cmp.pairs) == 3
    differs = [bool(p.differences) for p in cmp.pairs]
    assert differs == [True, True, False]  # the number, the swapped actors; not the mayor
    v.refresh_geometry()
    g = v.gutter
    image = g.grab().toImage()
    image.save(str(tmp_path / "gutter.png"))
    dot = v.style_.differs_mark()
    origin = g.mapToGlobal(QPoint(0, 0)).y()
    shift_a = v.left.viewport().mapToGlobal(QPoint(0, 0)).y() - origin - v.left.verticalScrollBar().value()
    shift_b = v.right.viewport().mapToGlobal(QPoint(0, 0)).y() - origin - v.right.verticalScrollBar().value()
    for p, marked in zip(cmp.pairs, differs):
        a_top, a_bottom = v.left.extent(*p.span(Side.A))
        b_top, b_bottom = v.right.extent(*p.span(Side.B))
        y = int(((a_top + a_bottom) / 2 + shift_a + (b_top + b_bottom) / 2 + shift_b) / 2)
        x = g.width() // 2
        near = {QColor(image.pixel(x + dx, y + dy)).name() for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        assert (dot.name() in near) == marked, (p.differences, near)


def test_selecting_a_pair_that_differs_says_what_differs(view):
    v, cmp, messages = view
    first = cmp.pairs[0]
    v.select_sentence(Side.A, first.a_start + 2)
    assert messages[-1].endswith("states it differently: a number differs")
    v.select_sentence(Side.A, cmp.pairs[2].a_start + 2)
    assert "differently" not in messages[-1]


def test_the_legend_explains_the_dot(view):
    from PySide6.QtWidgets import QTextEdit

    v, _, _ = view
    (legend,) = [w for w in v.window().findChildren(QTextEdit) if w.accessibleName() == "Legend"]
    assert LABELS["differs"] in legend.toPlainText()
