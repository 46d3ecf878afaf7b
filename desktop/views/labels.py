"""Header labels of the article views: the reader and the comparison panes.

Qt widgets only. Titles and meta lines are plain text (an article's title is
never markup), wrap, and can be selected to copy a name or a date.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget


def text_label(parent: QWidget, object_name: str, *, selectable: bool = True,
               dim: bool = False) -> QLabel:
    """A wrapping plain-text label; ``dim`` draws it in the placeholder colour."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if dim:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def heading_label(parent: QWidget, object_name: str, scale: float) -> QLabel:
    """A selectable :func:`text_label` in bold, ``scale`` times the default size."""
    label = text_label(parent, object_name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
