"""The comparison view's side panel (substitutions, legend), its find bar and loading banner.

Depends on PySide6, the core ``Substitution`` data class and the view's style.
The legend draws each sample with the very formats the panes use, so it cannot
drift from what the panes show.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from parallax.core.align.substitutions import Substitution
from parallax.core.align.sentences import PairKind
from parallax.core.align.words import DiffKind
from parallax.desktop.views.compare_style import LABELS, CompareStyle
from parallax.desktop.views.findbar import SearchBar


class SubstitutionList(QWidget):
    """The pair's substitutions, most telling first; choosing one jumps both panes there.

    Choosing the same row again goes to its next occurrence.

    Signals:
        chosen(int, int): substitution index, occurrence index.
    """

    chosen = Signal(int, int)
    IndexRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("substitutions")
        self.title = QLabel("Substitutions", self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel("What the left article says → what the right one says instead", self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.list = QListWidget(self)
        self.list.setObjectName("substitutionList")
        self.list.setAccessibleName("Substitutions")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self._subs: tuple[Substitution, ...] = ()
        self._last: tuple[int, int] = (-1, -1)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)

    def set_substitutions(self, subs: Sequence[Substitution]) -> None:
        self._subs = tuple(subs)
        self._last = (-1, -1)
        self.list.clear()
        for i, s in enumerate(self._subs):
            count = f"   ×{s.count}" if s.count > 1 else ""
            item = QListWidgetItem(f"{_one_line(s.a)}  →  {_one_line(s.b)}{count}")
            item.setData(self.IndexRole, i)
            item.setToolTip(f"Left: {s.a}\nRight: {s.b}\n{s.count} time{'s' if s.count != 1 else ''}"
                            " — click again for the next one")
            self.list.addItem(item)
        self.title.setText(f"Substitutions ({len(self._subs)})" if self._subs else "Substitutions")

    def substitutions(self) -> tuple[Substitution, ...]:
        return self._subs

    def choose(self, index: int) -> None:
        """Act as if row ``index`` was clicked."""
        self.list.setCurrentRow(index)
        self._on_item(self.list.item(index))

    def _on_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        index = int(item.data(self.IndexRole))
        count = len(self._subs[index].occurrences)
        occurrence = (self._last[1] + 1) % count if self._last[0] == index else 0
        self._last = (index, occurrence)
        self.chosen.emit(index, occurrence)


class Legend(QTextBrowser):
    """Every mark of the view, each drawn with the format the panes use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareLegend")
        self.setAccessibleName("Legend")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def show_style(self, style: CompareStyle) -> None:
        self.clear()
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        cursor.insertText("Legend", bold)
        samples = [
            (DiffKind.REPLACED, "presence"),
            (DiffKind.DELETED, "there"),
            (DiffKind.INSERTED, "invasion"),
        ]
        for key, word in samples:
            cursor.insertBlock()
            cursor.insertText(word, style.formats[key])
            cursor.insertText("  " + LABELS[key], plain)
        cursor.insertBlock()
        for kind in (DiffKind.INSERTED, DiffKind.DELETED):  # left pane, right pane
            point = QTextCharFormat()
            point.setForeground(style.accents[kind])
            point.setFontWeight(QFont.Weight.Bold)
            cursor.insertText("▴", point)
        cursor.insertText("  " + LABELS["point"], plain)
        cursor.insertBlock()
        cursor.insertText("A sentence", style.formats[DiffKind.ONLY_HERE])
        cursor.insertText("  " + LABELS[DiffKind.ONLY_HERE], plain)
        for kind in PairKind:
            swatch = QTextCharFormat()
            swatch.setBackground(style.band(kind))
            swatch.setForeground(style.band_line(kind))
            cursor.insertBlock()
            cursor.insertText(" ▭▭ ", swatch)
            cursor.insertText("  " + LABELS[kind], plain)
        related = QTextCharFormat()
        related.setForeground(style.related_line())
        cursor.insertBlock()
        cursor.insertText(" ┄┄ ", related)
        cursor.insertText("  " + LABELS["related"], plain)
        differs = QTextCharFormat()
        differs.setForeground(style.differs_mark())
        differs.setFontWeight(QFont.Weight.Bold)
        cursor.insertBlock()
        cursor.insertText(" ● ", differs)
        cursor.insertText("  " + LABELS["differs"], plain)
        cursor.insertBlock()
        cursor.insertText(" ⇅ ", bold)
        cursor.insertText("  " + LABELS[DiffKind.MOVED], plain)
        cursor.insertBlock()
        cursor.insertText("Kadhimi", style.entity_format("kadhimi"))
        cursor.insertText("  " + LABELS["entity"], plain)
        self.moveCursor(QTextCursor.MoveOperation.Start)


class CompareFindBar(SearchBar):
    """Find in both panes; the view does the searching on ``changed`` / ``stepped``.

    F3 / Shift+F3 work anywhere in ``parent`` (both panes and the bar), as in the reader.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find in both articles", "compareFindBar", parent, scope=parent)


class LoadingBanner(QFrame):
    """Progress of a running comparison with Cancel; or a message with one button.

    The progress shows only after ``delay_ms``, so quick loads from the cache
    do not flicker. ``button_clicked`` is the Cancel / Compare again button.
    """

    button_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self.setObjectName("compareBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.button = QPushButton("Cancel", self)
        self.button.setObjectName("compareCancel")
        self.button.clicked.connect(self.button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.button)
        self._delay = QTimer(self, singleShot=True, interval=delay_ms)
        self._delay.timeout.connect(self._appear)
        self.hide()

    def start(self, text: str) -> None:
        """A comparison started: show ``text``, a busy bar and Cancel (after the delay)."""
        self.label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.button.setText("Cancel")
        self.button.setEnabled(True)
        self.button.show()
        self._delay.start()

    def update_progress(self, done: int, total: int, text: str | None = None) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if text:
            self.label.setText(text)

    def stopping(self) -> None:
        self.label.setText("Stopping…")
        self.button.setEnabled(False)

    def show_message(self, text: str, *, button: str | None = None) -> None:
        self._delay.stop()
        self.label.setText(text)
        self.progress.hide()
        self.button.setVisible(button is not None)
        self.button.setText(button or "")
        self.button.setEnabled(True)
        self.show()

    def finish(self) -> None:
        self._delay.stop()
        self.hide()

    def _appear(self) -> None:
        self.show()


def _one_line(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
