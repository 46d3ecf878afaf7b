"""The reader pane: an article's metadata on top, its text below, and a find bar.

Depends on PySide6, ``parallax.desktop.text`` and the core ``ArticleText`` data
class. Colours come from the palette only, so light and dark schemes both work;
the text column keeps a readable width however wide the window is.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from parallax.core.store.library import ArticleText
from parallax.desktop.text import set_line_height
from parallax.desktop.views.findbar import SearchBar
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
    """Find in the article shown by ``target``; wraps around once."""

    def __init__(self, target: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__("Find in article", "findBar", parent)
        self._target = target
        self.changed.connect(self._on_text_changed)
        self.stepped.connect(lambda backward: self.find_previous() if backward else self.find_next())
        self.closed.connect(target.setFocus)

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _on_text_changed(self, _text: str) -> None:
        # Search again from the start of the current match, so typing extends it.
        cursor = self._target.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._target.setTextCursor(cursor)
        self.find_next()

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        needle = self.edit.text()
        if not needle:
            self.status.clear()
            return False
        found = self._target.find(needle, flags)
        if not found:  # wrap around once
            cursor = self._target.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self._target.setTextCursor(cursor)
            found = self._target.find(needle, flags)
        # Said in words, not only by colour.
        self.status.setText("" if found else "Not found")
        return found


class ReaderPane(QWidget):
    """Title, outlet, author, date, language and source file, then the article text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerPane")
        self._article: ArticleText | None = None

        self.title = heading_label(self, "readerTitle", 1.45)
        self.meta = text_label(self, "readerMeta")
        self.language_note = notice_label(self, "readerLanguageNote")
        self.source = text_label(self, "readerSource", dim=True)

        header = QWidget(self)
        header.setObjectName("readerHeader")
        # Its margins follow the text column; they must not stop the pane from shrinking.
        header.setMinimumWidth(1)
        self._header_layout = hl = QVBoxLayout(header)
        hl.setContentsMargins(16, 12, 16, 8)
        hl.setSpacing(4)
        hl.addWidget(self.title)
        hl.addWidget(self.meta)
        hl.addWidget(self.language_note)
        hl.addWidget(self.source)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.text_view = ReadingView(self)
        self.text_view.column_moved.connect(self._align_header)
        self.find_bar = FindBar(self.text_view, self)

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
        self.text_view.show_text(article.text)

    def _align_header(self, left: int) -> None:
        # The root frame's margins replace the document margin, so ``left`` is exact.
        self._header_layout.setContentsMargins(left, 12, left, 8)

    def open_find(self) -> None:
        self.find_bar.open_bar()
