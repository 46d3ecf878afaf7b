"""The reader pane: an article's metadata on top, its text below, and a find bar.

Depends on PySide6, ``parallax.desktop.text`` and the core ``ArticleText`` data
class. Colours come from the palette only, so light and dark schemes both work;
the text column keeps a readable width however wide the window is.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parallax.core.store.library import ArticleText
from parallax.desktop.text import OffsetMap, set_line_height
from parallax.desktop.views.findbar import SearchBar, centre_cursor, find_spans, first_match, step_match
from parallax.desktop.views.labels import (
    heading_label,
    language_notice,
    language_text,
    notice_label,
    show_notice,
    text_label,
)

PLACEHOLDER = "Select an article to read it."
READING_SCALE = 1.2  # of the application font
LINE_HEIGHT_PERCENT = 150
MAX_COLUMN_CHARS = 80  # readable line length, in average character widths
MISSING = "—"


class ReadingView(QTextBrowser):
    """Read-only, wrapped text in a centred column of readable width.

    Emits ``column_moved(left)`` when the column's left edge moves, so the
    header above can line up with it.
    """

    column_moved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerText")
        self.setAccessibleName("Article text")
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() * READING_SCALE))
        self.setFont(font)
        self.document().setDefaultFont(font)

    def show_text(self, text: str) -> None:
        self.setPlainText(text)
        set_line_height(self.document(), LINE_HEIGHT_PERCENT)
        self._fit_column()
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_column()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # View > Text Size: the column is counted in characters
            self._fit_column()

    def _fit_column(self) -> None:
        max_width = self.fontMetrics().averageCharWidth() * MAX_COLUMN_CHARS
        side = max(16, (self.viewport().width() - max_width) // 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() == side and fmt.topMargin() == 12:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(12)
        fmt.setBottomMargin(24)
        root.setFrameFormat(fmt)
        self.column_moved.emit(side)


class FindBar(SearchBar):
    """Find in the article shown by ``target``: "3 of 12", wrapping, the match centred.

    Matches are counted on the plain text (``findbar.find_spans``, as in the
    comparison view) and converted to Qt positions once.
    """

    def __init__(self, target: QTextBrowser, parent: QWidget | None = None, *,
                 scope: QWidget | None = None) -> None:
        super().__init__("Find in article", "findBar", parent, scope=scope)
        self._target = target
        self._matches: list[tuple[int, int]] | None = None  # Qt positions; None: count again
        self._current = -1
        self.changed.connect(self._on_text_changed)
        self.stepped.connect(lambda backward: self.find_previous() if backward else self.find_next())
        self.closed.connect(target.setFocus)
        target.textChanged.connect(self._on_document_changed)

    def matches(self) -> list[tuple[int, int]]:
        """Start and end (Qt positions) of every match of the search text, in order."""
        if self._matches is None:
            text = self._target.toPlainText()
            offsets = OffsetMap(text)
            self._matches = [offsets.qt_span(s, e) for s, e in find_spans(text, self.edit.text())]
        return self._matches

    def find_next(self) -> bool:
        return self._step(backward=False)

    def find_previous(self) -> bool:
        return self._step(backward=True)

    def _on_text_changed(self, needle: str) -> None:
        self._matches = None
        if not needle:
            self._current = -1
            self.status.clear()
            return
        # From the start of the current match, so typing more letters extends it.
        here = self._target.textCursor().selectionStart()
        self._select(first_match(self.matches(), here))

    def _on_document_changed(self) -> None:
        # Another article: count again when the user next steps, from its top.
        self._matches = None
        self._current = -1
        if self.edit.text():
            self.status.clear()

    def _step(self, *, backward: bool) -> bool:
        if not self.edit.text():
            self.status.clear()
            return False
        matches = self.matches()
        if not matches:
            self._select(-1)
            return False
        cursor = self._target.textCursor()
        span = (cursor.selectionStart(), cursor.selectionEnd())
        self._select(step_match(matches, self._current, span, backward=backward))
        return True

    def _select(self, index: int) -> None:
        matches = self.matches()
        if not 0 <= index < len(matches):
            self._current = -1
            self.show_position(0, 0)
            # An old match left selected beside "No matches" looks like one; the
            # cursor stays where it was, so a shorter search finds it again.
            cursor = self._target.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self._target.setTextCursor(cursor)
            return
        self._current = index
        start, end = matches[index]
        cursor = QTextCursor(self._target.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._target.setTextCursor(cursor)
        centre_cursor(self._target)
        self.show_position(index + 1, len(matches))


class ReaderPane(QWidget):
    """Title, outlet, author, date, language and source file, then the article text.

    Signals:
        edit_details_requested(): the header's "Edit Details…" button was clicked.
    """

    edit_details_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerPane")
        self._article: ArticleText | None = None

        self.title = heading_label(self, "readerTitle", 1.45)
        self.meta = text_label(self, "readerMeta")
        self.language_note = notice_label(self, "readerLanguageNote")
        self.source = text_label(self, "readerSource", dim=True)
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("readerEditDetails")
        self.edit_button.setText("Edit Details…")
        self.edit_button.setToolTip("Correct the outlet, title, author, date or URL (Ctrl+E)")
        self.edit_button.setAutoRaise(True)
        self.edit_button.clicked.connect(self.edit_details_requested)

        header = QWidget(self)
        header.setObjectName("readerHeader")
        # Its margins follow the text column; they must not stop the pane from shrinking.
        header.setMinimumWidth(1)
        self._header_layout = hl = QVBoxLayout(header)
        hl.setContentsMargins(16, 12, 16, 8)
        hl.setSpacing(4)
        hl.addWidget(self.title)
        meta_row = QHBoxLayout()
        meta_row.setSpacing(8)
        meta_row.addWidget(self.meta, 1)
        meta_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        hl.addLayout(meta_row)
        hl.addWidget(self.language_note)
        hl.addWidget(self.source)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.text_view = ReadingView(self)
        self.text_view.column_moved.connect(self._align_header)
        self.find_bar = FindBar(self.text_view, self, scope=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.find_bar)
        layout.addWidget(line)
        layout.addWidget(self.text_view, 1)
        self.show_article(None)

    def article_id(self) -> int:
        return self._article.info.id if self._article else -1

    def text(self) -> str:
        """The text as shown (for tests and copy)."""
        return self.text_view.toPlainText()

    def show_article(self, article: ArticleText | None) -> None:
        """Show ``article``, or the placeholder when None."""
        self._article = article
        if article is None:
            self.title.setText(PLACEHOLDER)
            self.meta.clear()
            self.source.clear()
            self.meta.hide()
            self.source.hide()
            self.edit_button.hide()
            show_notice(self.language_note, "")
            self.text_view.clear()
            return
        info = article.info
        self.title.setText(info.display_title)
        parts = [
            f"Outlet: {info.outlet or MISSING}",
            f"Author: {info.author or MISSING}",
            f"Date: {info.published.isoformat() if info.published else MISSING}",
            f"Language: {language_text(info.language)}",
            f"{info.word_count:,} words",
        ]
        self.meta.setText("   ·   ".join(parts))
        show_notice(self.language_note, language_notice(info.language))
        self.source.setText(f"Source file: {info.source_name}" + (f"   ·   {info.url}" if info.url else ""))
        self.meta.show()
        self.source.show()
        self.edit_button.show()
        self.text_view.show_text(article.text)

    def _align_header(self, left: int) -> None:
        # The root frame's margins replace the document margin, so ``left`` is exact.
        self._header_layout.setContentsMargins(left, 12, left, 8)

    def open_find(self) -> None:
        self.find_bar.open_bar()
