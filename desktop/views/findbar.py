"""The find bar shared by the reader and the comparison view.

Depends on PySide6 only. It owns the widgets and keys (Enter = next,
Shift+Enter = previous, Esc closes) and says what the user asked for through
signals; searching is the owner's job (one document in the reader, two panes in
the comparison view).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class SearchBar(QWidget):
    """A search field with Previous / Next / Close and a status label.

    Signals:
        changed(str): the search text changed.
        stepped(bool): go to the next (False) or previous (True) match.
        closed(): the bar was closed.
    """

    changed = Signal(str)
    stepped = Signal(bool)
    closed = Signal()

    def __init__(self, placeholder: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(self)  # "Not found": said in words, not only by colour
        prev_btn = QToolButton(self, text="Previous", autoRaise=True)
        next_btn = QToolButton(self, text="Next", autoRaise=True)
        close_btn = QToolButton(self, text="Close", autoRaise=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(prev_btn)
        layout.addWidget(next_btn)
        layout.addWidget(self.status)
        layout.addWidget(close_btn)
        self.edit.textChanged.connect(self.changed)
        self.edit.returnPressed.connect(lambda: self.stepped.emit(False))
        prev_btn.clicked.connect(lambda: self.stepped.emit(True))
        next_btn.clicked.connect(lambda: self.stepped.emit(False))
        close_btn.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Shift+Return"), self, lambda: self.stepped.emit(True),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()
