"""One pane of the comparison view: an article's header and its marked-up text.

Depends on PySide6, ``parallax.desktop.text`` (the one Python-offset to Qt-position
rule) and the view's marks and style. The text view knows how to show marks, where
a span sits on screen, and reports hover and clicks as Python offsets; what a
click *means* (select the pair, scroll the other pane) is the comparison view's.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QSizePolicy,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from parallax.core.nlp.analysis import EntityKind
from parallax.core.store.library import ArticleInfo
from parallax.core.align.words import DiffKind, Side
from parallax.desktop.text import OffsetMap, apply_spans
from parallax.desktop.views.compare_model import PaneMarks
from parallax.desktop.views.compare_style import CompareStyle
from parallax.desktop.views.labels import (
    elide_words,
    heading_label,
    language_notice,
    language_text,
    notice_label,
    show_notice,
    text_label,
)

TEXT_SCALE = 1.1  # of the application font
LINE_HEIGHT_PERCENT = 140
PARAGRAPH_GAP = 6  # pixels under each line of the source text
MARKER_MARGIN = 20  # room on the gutter side for the moved marker
EDGE_MARGIN = 12
MISSING = "—"


class CompareText(QTextBrowser):
    """Read-only article text with the comparison's marks.

    Signals:
        hovered(int): the Python offset under the mouse (-1 when it leaves).
        clicked(int): a plain click (no text dragged) at this Python offset.
        focused(): the pane got the keyboard focus (it becomes the active pane).
        content_set(): :meth:`set_content` showed a text (cursors into the old one are void).
    """

    hovered = Signal(int)
    clicked = Signal(int)
    focused = Signal()
    content_set = Signal()

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"compareText{side.value.upper()}")
        self.setAccessibleName("Left article text" if side is Side.A else "Right article text")
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        # The text wraps at the pane's width, so there is nothing to scroll sideways; but
        # Qt can lay a line with bold entity names out a fraction of a pixel wider, round
        # it up and show a 1-pixel scrollbar. Neither the bar nor that pixel of scrolling.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalScrollBar().rangeChanged.connect(self._no_sideways_scroll)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.viewport().setMouseTracking(True)
        font = QFont(self.font())
        font.setPointSizeF(max(10.5, font.pointSizeF() * TEXT_SCALE))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._keep_selection_visible()
        self.text = ""
        self.offsets = OffsetMap("")
        self.marks: PaneMarks | None = None
        self.style_: CompareStyle | None = None
        self.entity_kinds: frozenset[EntityKind] = frozenset()
        self.moved_spans: tuple[tuple[int, int], ...] = ()
        self.tooltip_provider: Callable[[int], str | None] | None = None
        self.highlight: tuple[int, int] | None = None  # the selected sentence(s), tinted
        self._hover = -1
        self._point_qt: list[int] = []

    def _keep_selection_visible(self) -> None:
        # The counterpart's selection must show in the pane without focus too.
        pal = self.palette()
        changed = False
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            active = pal.color(QPalette.ColorGroup.Active, role)
            if pal.color(QPalette.ColorGroup.Inactive, role) != active:
                pal.setColor(QPalette.ColorGroup.Inactive, role, active)
                changed = True
        if changed:
            self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._keep_selection_visible()

    def _no_sideways_scroll(self, _minimum: int, maximum: int) -> None:
        if maximum > 0:
            self.horizontalScrollBar().setMaximum(0)

    # -- content ---------------------------------------------------------------

    def set_content(self, text: str, marks: PaneMarks | None, style: CompareStyle, *,
                    entity_kinds: Collection[EntityKind] = (),
                    moved_spans: Sequence[tuple[int, int]] = ()) -> None:
        """Show ``text`` with ``marks`` (None: plain text, e.g. while the analysis runs)."""
        self.text = text
        self.offsets = OffsetMap(text)
        self.marks = marks
        self.style_ = style
        self.entity_kinds = frozenset(entity_kinds)
        self.moved_spans = tuple(moved_spans)
        self._point_qt = [self.offsets.qt(p) for p in marks.insert_points] if marks else []
        self.highlight = None
        # QTextEdit.setPlainText gives the whole new text the format at the old cursor:
        # after a jump that is a mark, which then covered every word of the next pair.
        self.setTextCursor(QTextCursor(self.document()))
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(text)
        self._format_blocks()
        self._fit_margins()
        self._apply_marks(reset=False)
        self.verticalScrollBar().setValue(0)
        self.content_set.emit()

    def set_entity_kinds(self, kinds: Collection[EntityKind]) -> None:
        """Show the entities of these kinds (and hide the others)."""
        kinds = frozenset(kinds)
        if kinds != self.entity_kinds:
            self.entity_kinds = kinds
            self._apply_marks(reset=True)

    def _format_blocks(self) -> None:
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(PARAGRAPH_GAP)
        cursor.mergeBlockFormat(fmt)
        cursor.endEditBlock()

    def _fit_margins(self) -> None:
        fmt = self.document().rootFrame().frameFormat()
        inner = MARKER_MARGIN + EDGE_MARGIN // 2
        fmt.setLeftMargin(EDGE_MARGIN if self.side is Side.A else inner)
        fmt.setRightMargin(inner if self.side is Side.A else EDGE_MARGIN)
        fmt.setTopMargin(10)
        fmt.setBottomMargin(24)
        self.document().rootFrame().setFrameFormat(fmt)

    def _apply_marks(self, *, reset: bool) -> None:
        """Merge every mark's format in one edit block (STYLE.md: 30x faster than one each)."""
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        try:
            if reset:
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.setCharFormat(QTextCharFormat())
            if self.marks is None or self.style_ is None:
                return
            formats = self.style_.formats  # MOVED has none: the gutter shows it
            apply_spans(cursor, self.offsets, ((s.start, s.end, formats.get(s.kind)) for s in self.marks.spans))
            apply_spans(cursor, self.offsets, ((e.start, e.end, self.style_.entity_format(e.key))
                                               for e in self.marks.entities if e.kind in self.entity_kinds))
        finally:
            cursor.endEditBlock()

    # -- where things are ---------------------------------------------------------

    def extent(self, start: int, end: int) -> tuple[float, float]:
        """Top and bottom, in document pixels, of the lines holding ``text[start:end]``."""
        qs = self.offsets.qt(start)
        qe = max(qs, self.offsets.qt(end) - 1)
        return self._line_extent(qs)[0], self._line_extent(qe)[1]

    def _line_extent(self, position: int) -> tuple[float, float]:
        doc = self.document()
        block = doc.findBlock(position)
        rect = doc.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return rect.top(), rect.bottom()
        return rect.top() + line.y(), rect.top() + line.y() + line.height()

    def document_height(self) -> float:
        return self.document().documentLayout().documentSize().height()

    def offset_at(self, point: QPoint) -> int:
        """Python offset of the character at viewport ``point``."""
        return self.offsets.py(self.cursorForPosition(point).position())

    def visible_range(self) -> tuple[int, int]:
        """Python offsets of the first and last characters in view."""
        vp = self.viewport().rect()
        return (self.offset_at(vp.topLeft()), self.offset_at(vp.bottomRight()))

    # -- selection and scrolling -----------------------------------------------------

    def select_span(self, start: int, end: int, *, place: float | None = 0.3) -> None:
        """Select ``text[start:end]``; with ``place``, scroll it to that fraction of the view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.qt(start))
        cursor.setPosition(self.offsets.qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if place is not None:
            self.scroll_to(start, end, place=place)

    def scroll_to(self, start: int, end: int, *, place: float = 0.3) -> None:
        """Bring ``text[start:end]`` into view (unless it is well inside the view already)."""
        top, bottom = self.extent(start, end)
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        if bar.value() + page * 0.1 <= top and bottom <= bar.value() + page * 0.85:
            return
        bar.setValue(int(max(0.0, top - page * place)))

    def set_highlight(self, span: tuple[int, int] | None) -> None:
        """Tint ``text[start:end]`` (the selected sentence); the marks stay visible on it."""
        if span != self.highlight:
            self.highlight = span
            self.viewport().update()

    def place_cursor(self, offset: int) -> None:
        """Put the (unselected) cursor at ``offset``, where next/previous starts from."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.qt(offset))
        self.setTextCursor(cursor)

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """The rectangles, in viewport coordinates, that ``text[start:end]`` covers line by line."""
        qs, qe = self.offsets.qt(start), self.offsets.qt(end)
        doc = self.document()
        layout = doc.documentLayout()
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        rects = []
        block = doc.findBlock(qs)
        while block.isValid() and block.position() < qe:
            text_layout = block.layout()
            box = layout.blockBoundingRect(block)
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                ls = block.position() + line.textStart()
                le = ls + line.textLength()
                if le <= qs or ls >= qe:
                    continue
                x1 = line.cursorToX(max(qs, ls) - block.position())[0]
                x2 = line.cursorToX(min(qe, le) - block.position())[0]
                rects.append(QRectF(box.left() + min(x1, x2) + dx, box.top() + line.y() + dy,
                                    abs(x2 - x1), line.height()))
            block = block.next()
        return rects

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.py(cursor.selectionStart()), self.offsets.py(cursor.selectionEnd())

    def cursor_offset(self) -> int:
        return self.offsets.py(self.textCursor().selectionStart())

    def char_format_at(self, offset: int) -> QTextCharFormat:
        """The format of the character at Python ``offset`` (what is drawn there)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.qt(offset) + 1)  # charFormat() is the one before the cursor
        return cursor.charFormat()

    # -- events ---------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_provider(self.offset_at(event.pos())) if self.tooltip_provider else None
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.Leave and self._hover != -1:
            self._hover = -1
            self.hovered.emit(-1)
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        offset = self.offset_at(event.position().toPoint())
        if offset != self._hover:
            self._hover = offset
            self.hovered.emit(offset)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.offset_at(event.position().toPoint()))

    def focusInEvent(self, event) -> None:  # noqa: N802,ANN001 - Qt override
        super().focusInEvent(event)
        self.focused.emit()

    def paintEvent(self, event) -> None:  # noqa: N802,ANN001 - Qt override
        if self.highlight is not None and self.style_ is not None:
            # Under the text: the marks' own backgrounds stay on top of the tint.
            painter = QPainter(self.viewport())
            for rect in self.span_rects(*self.highlight):
                painter.fillRect(rect.adjusted(-2, 0, 2, 0), self.style_.selection)
            painter.end()
        super().paintEvent(event)
        if self.style_ is None or (not self._point_qt and not self.moved_spans):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint_insert_points(painter)
            self._paint_moved(painter)
        finally:
            painter.end()

    def _paint_insert_points(self, painter: QPainter) -> None:
        if not self._point_qt:
            return
        vp = self.viewport().rect()
        first = self.cursorForPosition(vp.topLeft()).position()
        last = self.cursorForPosition(vp.bottomRight()).position()
        colour = self.style_.accents[DiffKind.INSERTED if self.side is Side.A else DiffKind.DELETED]
        painter.setPen(QPen(colour.darker(110) if not self.style_.dark else colour, 1.6))
        painter.setBrush(colour)
        for qpos in self._point_qt[bisect_left(self._point_qt, first):bisect_right(self._point_qt, last + 1)]:
            cursor = QTextCursor(self.document())
            cursor.setPosition(qpos)
            r = self.cursorRect(cursor)
            x = r.left() - 1  # the gap before the word
            base = r.bottom() - 1
            wedge = QPainterPath(QPointF(x - 4, base + 3))
            wedge.lineTo(QPointF(x, base - 3))
            wedge.lineTo(QPointF(x + 4, base + 3))
            wedge.closeSubpath()
            painter.drawPath(wedge)

    def _paint_moved(self, painter: QPainter) -> None:
        if not self.moved_spans:
            return
        bar = self.verticalScrollBar().value()
        page = self.viewport().height()
        width = self.viewport().width()
        painter.setPen(self.style_.text)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.95)
        painter.setFont(font)
        first, last = self.visible_range()
        for start, end in self.moved_spans:
            if end < first or start > last:
                continue  # out of view: no need to ask the layout where
            top, bottom = self.extent(start, end)
            if bottom < bar or top > bar + page:
                continue
            x = width - MARKER_MARGIN + 2 if self.side is Side.A else 2
            rect = QRect(x, int(top - bar), MARKER_MARGIN - 4, int(bottom - top))
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "⇅")


class PaneHeader(QWidget):
    """The article picker, then title and outlet · date · words · language of the shown
    article, and what is off for it if it is not in English."""

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"compareHeader{side.value.upper()}")
        self.picker = QComboBox(self)
        self.picker.setObjectName(f"picker{side.value.upper()}")
        self.picker.setAccessibleName("Left article" if side is Side.A else "Right article")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(16)
        self.picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = heading_label(self, f"compareTitle{side.value.upper()}", 1.2)
        self.meta = text_label(self, f"compareMeta{side.value.upper()}", selectable=False, dim=True)
        self.language_note = notice_label(self, f"compareLanguageNote{side.value.upper()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(EDGE_MARGIN, 6, EDGE_MARGIN, 6)
        layout.setSpacing(3)
        layout.addWidget(self.picker)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.language_note)
        self.show_info(None)

    def set_articles(self, articles: Sequence[ArticleInfo]) -> None:
        """Offer ``articles`` in the picker (outlet, date, title), without emitting ``activated``."""
        self.picker.blockSignals(True)
        self.picker.clear()
        for info in articles:
            date = f" ({info.published.isoformat()})" if info.published else ""
            self.picker.addItem(f"{info.label}{date} — {elide_words(info.display_title, 60)}", info.id)
            self.picker.setItemData(self.picker.count() - 1, info.display_title, Qt.ItemDataRole.ToolTipRole)
        self.picker.blockSignals(False)

    def show_info(self, info: ArticleInfo | None) -> None:
        if info is None:
            self.title.setText("Pick an article")
            self.meta.setText("")
            show_notice(self.language_note, "")
            return
        self.title.setText(elide_words(info.display_title, 120))
        self.title.setToolTip(info.display_title)
        parts = [info.outlet or "Outlet unknown",
                 info.published.isoformat() if info.published else "date unknown",
                 f"{info.word_count:,} words", language_text(info.language)]
        self.meta.setText("  ·  ".join(parts))
        show_notice(self.language_note, language_notice(info.language))


def selection_format(colour) -> QTextCharFormat:  # noqa: ANN001 - QColor
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
    return fmt
