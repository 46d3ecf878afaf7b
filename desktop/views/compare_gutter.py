"""The gutter between the comparison panes: a band from each aligned sentence to its counterpart.

Depends on PySide6 and the view's style. The gutter asks each pane where a span
sits (``CompareText.extent``, document pixels) and where the pane's viewport is,
and draws a band per aligned pair: straight for pairs in order, crossing for moved
ones (dashed outline; drawn while one of its sentences is in view), filled by kind
(verbatim / edited / paraphrase). Sentences with no counterpart get a bracket on
their side; two of them the pair judge calls related (same subject, a different
statement) get a faint dotted line between their middles, under the bands and
never filled: a hint, not an alignment. The selected and the hovered
pair are drawn on top with a thicker outline.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from parallax.core.align.sentences import AlignedPair, PairKind
from parallax.core.align.words import DiffKind, Side
from parallax.desktop.views.compare_panes import CompareText
from parallax.desktop.views.compare_style import CompareStyle

GUTTER_WIDTH = 56
BRACKET = 6
DIFFERS_DOT = 4.5  # radius of the dot on a band whose sides state something differently


class CompareGutter(QWidget):
    """Paints the bands; the comparison view gives it the pairs and the extents."""

    def __init__(self, left: CompareText, right: CompareText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareGutter")
        self.setAccessibleName("Alignment bands")
        self.setFixedWidth(GUTTER_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.left = left
        self.right = right
        self.style_: CompareStyle | None = None
        self.pairs: tuple[AlignedPair, ...] = ()
        # document-pixel extents, computed by the view when the layout changes
        self.extents: dict[int, tuple[float, float, float, float]] = {}
        self.only: dict[Side, tuple[tuple[float, float], ...]] = {Side.A: (), Side.B: ()}
        self.related: tuple[tuple[float, float, float, float], ...] = ()  # extents of related links
        self.selected = -1
        self.hovered = -1
        self._cache: dict[tuple, object] = {}  # pens and fills for the current style

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(GUTTER_WIDTH, 100)

    def set_geometry_data(self, pairs: Sequence[AlignedPair], extents: dict[int, tuple[float, float, float, float]],
                          only: dict[Side, Sequence[tuple[float, float]]],
                          style: CompareStyle | None,
                          related: Sequence[tuple[float, float, float, float]] = ()) -> None:
        self.pairs = tuple(pairs)
        self.extents = extents
        self.only = {side: tuple(only.get(side, ())) for side in Side}
        self.related = tuple(related)
        if style is not self.style_:
            self._cache.clear()
        self.style_ = style
        self.update()

    def set_selected(self, index: int) -> None:
        if index != self.selected:
            self.selected = index
            self.update()

    def set_hovered(self, index: int) -> None:
        if index != self.hovered:
            self.hovered = index
            self.update()

    def _offsets(self) -> tuple[float, float]:
        """Where document y = 0 of each pane lies in gutter coordinates."""
        origin = self.mapToGlobal(QPoint(0, 0)).y()
        left = self.left.viewport().mapToGlobal(QPoint(0, 0)).y() - origin
        right = self.right.viewport().mapToGlobal(QPoint(0, 0)).y() - origin
        return (left - self.left.verticalScrollBar().value(),
                right - self.right.verticalScrollBar().value())

    def band_path(self, index: int, offsets: tuple[float, float] | None = None) -> QPainterPath | None:
        """The band of pair ``index`` in gutter coordinates (None if it is not laid out)."""
        ext = self.extents.get(index)
        if ext is None:
            return None
        dl, dr = offsets or self._offsets()
        a_top, a_bottom, b_top, b_bottom = ext
        w = float(self.width())
        # An end far out of view is pulled in to a few screens away: the visible part of the band
        # keeps its look, and the painter does not rasterise curves thousands of pixels long.
        lo, hi = -2.0 * self.height(), 3.0 * self.height()
        a_top, a_bottom, b_top, b_bottom = (min(max(y, lo), hi) for y in
                                            (a_top + dl, a_bottom + dl, b_top + dr, b_bottom + dr))
        mid = w / 2
        path = QPainterPath(QPointF(0, a_top))
        path.cubicTo(QPointF(mid, a_top), QPointF(mid, b_top), QPointF(w, b_top))
        path.lineTo(QPointF(w, b_bottom))
        path.cubicTo(QPointF(mid, b_bottom), QPointF(mid, a_bottom), QPointF(0, a_bottom))
        path.closeSubpath()
        return path

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.style_ is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self.rect())
        try:
            painter.fillRect(self.rect(), self.style_.base)
            h = self.height()
            offsets = self._offsets()
            self._paint_related(painter, offsets)
            indices = range(len(self.pairs))
            ordered = [i for i in indices if i not in (self.selected, self.hovered)]
            ordered += [i for i in indices if i == self.hovered and i != self.selected]
            ordered += [i for i in indices if i == self.selected]
            for i in ordered:
                p = self.pairs[i]
                if not self._worth_drawing(i, p, offsets, h):
                    continue
                path = self.band_path(i, offsets)
                if path is None:
                    continue
                emphasis = i in (self.selected, self.hovered)
                painter.setPen(self._pen(p.kind, p.moved, emphasis))
                painter.setBrush(self._fill(p.kind, emphasis))
                painter.drawPath(path)
            self._paint_differs(painter, offsets)
            self._paint_only(painter, offsets)
        finally:
            painter.end()

    def _worth_drawing(self, index: int, pair: AlignedPair, offsets: tuple[float, float], height: int) -> bool:
        ext = self.extents.get(index)
        if ext is None:
            return False
        a_top, a_bottom, b_top, b_bottom = ext
        dl, dr = offsets
        if pair.moved:
            # A crossing with neither sentence in view tells nothing, and clutters.
            return (a_bottom + dl > 0 and a_top + dl < height) or (b_bottom + dr > 0 and b_top + dr < height)
        return min(a_top + dl, b_top + dr) < height and max(a_bottom + dl, b_bottom + dr) > 0

    def _pen(self, kind: PairKind, moved: bool, emphasis: bool) -> QPen:
        key = ("pen", kind, moved, emphasis)
        pen = self._cache.get(key)
        if pen is None:
            pen = self._cache[key] = QPen(self.style_.band_line(kind), 2.2 if emphasis else 1.0)
            if moved:
                pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _fill(self, kind: PairKind, emphasis: bool):  # noqa: ANN202 - QColor
        key = ("fill", kind, emphasis)
        fill = self._cache.get(key)
        if fill is None:
            fill = self.style_.band(kind)
            if emphasis:
                fill = fill.darker(115) if not self.style_.dark else fill.lighter(125)
            self._cache[key] = fill
        return fill

    def _paint_differs(self, painter: QPainter, offsets: tuple[float, float]) -> None:
        """A dot in the middle of each band whose two sides state something differently."""
        dl, dr = offsets
        h, w = float(self.height()), float(self.width())
        painter.setPen(QPen(self.style_.base, 1.5))
        painter.setBrush(self.style_.differs_mark())
        for i, p in enumerate(self.pairs):
            ext = self.extents.get(i)
            if not p.differences or ext is None:
                continue
            a_top, a_bottom, b_top, b_bottom = ext
            y = ((a_top + a_bottom) / 2 + dl + (b_top + b_bottom) / 2 + dr) / 2
            if -DIFFERS_DOT < y < h + DIFFERS_DOT:
                painter.drawEllipse(QPointF(w / 2, y), DIFFERS_DOT, DIFFERS_DOT)

    def _paint_related(self, painter: QPainter, offsets: tuple[float, float]) -> None:
        dl, dr = offsets
        h, w = float(self.height()), float(self.width())
        pen = QPen(self.style_.related_line(), 1.0, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for a_top, a_bottom, b_top, b_bottom in self.related:
            ya, yb = (a_top + a_bottom) / 2 + dl, (b_top + b_bottom) / 2 + dr
            if max(ya, yb) < 0 or min(ya, yb) > h:
                continue
            path = QPainterPath(QPointF(BRACKET + 2, ya))
            path.cubicTo(QPointF(w / 2, ya), QPointF(w / 2, yb), QPointF(w - BRACKET - 2, yb))
            painter.drawPath(path)

    def _paint_only(self, painter: QPainter, offsets: tuple[float, float]) -> None:
        dl, dr = offsets
        colour = self.style_.accents[DiffKind.ONLY_HERE]
        painter.setPen(QPen(colour, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        w = self.width()
        for side, shift in ((Side.A, dl), (Side.B, dr)):
            for top, bottom in self.only[side]:
                y0, y1 = top + shift + 1, bottom + shift - 1
                if y1 < 0 or y0 > self.height():
                    continue
                x0, x1 = (1, 1 + BRACKET) if side is Side.A else (w - 1, w - 1 - BRACKET)
                path = QPainterPath(QPointF(x1, y0))
                path.lineTo(QPointF(x0, y0))
                path.lineTo(QPointF(x0, y1))
                path.lineTo(QPointF(x1, y1))
                painter.drawPath(path)
