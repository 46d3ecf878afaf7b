"""The comparison view shows the pair judge's "related" links faintly, without word marks.

Two independent reports of one made-up event (``tests/fixtures/independent_reports``)
compared by the real engine and judge, shown in a real view offscreen; the
gutter is grabbed to a PNG and its pixels are read.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextCharFormat

from parallax.core.align.sentences import PairKind
from parallax.core.align.words import Side
from tests.desktop.test_compare_view import contrast, show_texts

pytestmark = pytest.mark.slow  # the real engine: spaCy, the embedding model, the judge

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "independent_reports"


@pytest.fixture
def reports_view(qtbot):
    a_text = (FIXTURE / "courier.txt").read_text(encoding="utf-8")
    b_text = (FIXTURE / "coast.txt").read_text(encoding="utf-8")
    w, runner, cmp = show_texts(qtbot, a_text, b_text, ("Courier", "Coast"), (1280, 1400))
    yield w.view, cmp
    runner.wait_for_done()


def test_a_related_link_is_a_faint_line_between_the_two_sentences(reports_view, tmp_path):
    v, cmp = reports_view
    assert cmp.alignment.related
    link = cmp.alignment.related[0]
    g = v.gutter
    v.refresh_geometry()
    assert len(g.related) == len(cmp.alignment.related)
    image = g.grab().toImage()
    image.save(str(tmp_path / "gutter.png"))
    origin = g.mapToGlobal(QPoint(0, 0)).y()
    left_y = v.left.viewport().mapToGlobal(QPoint(0, 0)).y() - origin - v.left.verticalScrollBar().value()
    right_y = v.right.viewport().mapToGlobal(QPoint(0, 0)).y() - origin - v.right.verticalScrollBar().value()
    a_top, a_bottom = v.left.extent(*link.span(Side.A))
    b_top, b_bottom = v.right.extent(*link.span(Side.B))
    ya, yb = (a_top + a_bottom) / 2 + left_y, (b_top + b_bottom) / 2 + right_y
    base = v.style_.base
    faint = v.style_.related_line()

    def inked(x0: int, y: float) -> list[QColor]:
        """Painted pixels a few pixels round (x0, y): a dotted line has gaps."""
        near = [QColor(image.pixel(x, int(y) + d)) for x in range(x0 - 3, x0 + 4) for d in range(-3, 4)]
        return [c for c in near if c != base]

    # drawn at both ends, next to the sentences' brackets
    near_a, near_b = inked(12, ya), inked(g.width() - 13, yb)
    assert near_a and near_b
    # faint: no darker than the link colour (a band's line is much darker), and no fill
    for c in near_a + near_b:
        assert c.lightnessF() >= faint.lightnessF() - 0.02
    # faint: low contrast on the page, where every band's outline stands out
    assert contrast(faint, base) < 3.0
    assert all(contrast(v.style_.band_line(kind), base) >= 3.0 for kind in PairKind)
    # not a band: none of the pairs' bands passes there
    assert all(not g.band_path(i).contains(QPoint(12, int(ya))) for i in range(len(cmp.pairs))
               if g.band_path(i) is not None)


def test_related_sentences_have_no_word_marks(reports_view):
    v, cmp = reports_view
    for link in cmp.alignment.related:
        for side, pane in ((Side.A, v.left), (Side.B, v.right)):
            start, end = link.span(side)
            only = v.style_.formats[next(k for k in v.style_.formats if k.value == "only_here")]
            for at in range(start, end, 3):
                fmt = pane.char_format_at(at)
                # the one-sided tint of the sentence, and nothing else: no underline, no strike-out
                assert fmt.background().color() == only.background().color()
                assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
                assert not fmt.fontStrikeOut()


def test_hovering_a_related_sentence_names_its_related_counterpart(reports_view):
    from parallax.desktop.views.compare_model import hover_text

    v, cmp = reports_view
    link = cmp.alignment.related[0]
    texts = {Side.A: v.left.text, Side.B: v.right.text}
    tip = hover_text(v.marks, Side.A, link.a_start + 1, texts=texts,
                     names={Side.A: "Courier", Side.B: "Coast"}, entity_kinds=())
    other = " ".join(texts[Side.B][link.b_start:link.b_end].split())
    assert "Only in Courier" in tip and "Related, not the same statement" in tip and other[:30] in tip
