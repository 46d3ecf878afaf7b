"""The find bar shared by the reader and the comparison view, and the rules both follow.

Depends on PySide6 only. The bar owns the widgets and keys and says what the
user asked for through signals; searching is the owner's job (one document in
the reader, two panes in the comparison view), with the helpers here, so both
count, step, wrap and centre alike. Keys are QActions, so the keyboard
shortcuts dialog lists them: Enter / Shift+Enter and Esc in the search field,
F3 / Shift+F3 anywhere in ``scope`` (the owner's pane, so they work from the text).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

NO_MATCHES = "No matches"

Position = TypeVar("Position")  # an offset, or (pane, offset) where one search spans two texts


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Start and end (Python offsets) of every case-insensitive match of ``needle`` in ``text``.

    ``re.IGNORECASE`` on the text itself, not ``casefold``: that can change
    lengths, and the offsets must stay those of the text.
    """
    return [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)] if needle else []


def first_match(matches: Sequence[tuple[Position, Position]], here: Position) -> int:
    """The index of the first match starting at or after ``here`` (0 past the last)."""
    return next((i for i, m in enumerate(matches) if m[0] >= here), 0)


def step_match(matches: Sequence[tuple[Position, Position]], current: int,
               selection: tuple[Position, Position], *, backward: bool) -> int:
    """The index of the next (previous) match, going round at either end.

    From ``current`` while it is still what is selected; once the user has
    moved the cursor, from the ``selection`` instead. ``matches`` is not empty.
    """
    if 0 <= current < len(matches) and matches[current] == selection:
        index = current + (-1 if backward else 1)
    elif backward:
        index = max((i for i, m in enumerate(matches) if m[0] < selection[0]), default=-1)
    else:
        index = first_match(matches, selection[1])
    return index % len(matches)


def centre_cursor(view: QTextEdit) -> None:
    """Scroll ``view`` so its cursor is mid-height (as far as the scroll range allows).

    The eye finds a match in the middle at once; Qt's own scrolling leaves it
    on the bottom line, with nothing after it to read.
    """
    rect = view.cursorRect()
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + rect.center().y() - view.viewport().height() // 2)


class SearchBar(QWidget):
    """A search field with Previous / Next / Close and a status label.

    Args:
        scope: where F3 / Shift+F3 work (default: the bar itself).

    Signals:
        changed(str): the search text changed.
        stepped(bool): go to the next (False) or previous (True) match.
        closed(): the bar was closed.
    """

    changed = Signal(str)
    stepped = Signal(bool)
    closed = Signal()

    def __init__(self, placeholder: str, object_name: str, parent: QWidget | None = None, *,
                 scope: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(self)  # "No matches": said in words, not only by colour
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
        prev_btn.clicked.connect(lambda: self.stepped.emit(True))
        next_btn.clicked.connect(lambda: self.stepped.emit(False))
        close_btn.clicked.connect(self.close_bar)

        # One text per direction: the shortcuts dialog merges the rows of one name.
        self.act_next = self._key_action("Next match", ("Return", "Enter"), self, lambda: self.stepped.emit(False))
        self.act_prev = self._key_action("Previous match", ("Shift+Return", "Shift+Enter"), self,
                                         lambda: self.stepped.emit(True))
        self.act_close = self._key_action("Close the find bar", ("Esc",), self, self.close_bar)
        where = scope or self
        self.act_find_next = self._key_action("Next match", ("F3",), where, lambda: self._find_again(False))
        self.act_find_prev = self._key_action("Previous match", ("Shift+F3",), where,
                                              lambda: self._find_again(True))
        self.hide()

    def _key_action(self, text: str, keys: Sequence[str], where: QWidget, slot) -> QAction:  # noqa: ANN001
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _checked=False: slot())
        where.addAction(act)
        return act

    def _find_again(self, backward: bool) -> None:
        # F3 with the bar closed opens it on the last search, as browsers do.
        if not self.isVisible():
            self.open_bar()
        if self.edit.text():
            self.stepped.emit(backward)

    def show_position(self, number: int, total: int) -> None:
        """Say "3 of 12" (match ``number`` of ``total``), or "No matches" when ``total`` is 0."""
        self.status.setText(f"{number} of {total}" if total else NO_MATCHES)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()
