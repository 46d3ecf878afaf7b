"""Regression guard: PySide6 6.12.0 leaked a reference to None on every wrapped
call that returns None, until CPython aborted with "Fatal Python error:
none_dealloc". pyproject pins PySide6 below 6.12; these tests fail on a build
with that leak, whatever the pin says.
"""
from __future__ import annotations

import sys

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel

CALLS = 3_000
TOLERANCE = 10  # other threads may hold a few references; a leak adds one per call


def test_qlabel_settext_does_not_leak_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    label.setText("warm-up")
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(f"text {i}")
    after = sys.getrefcount(None)
    assert abs(after - before) <= TOLERANCE, f"None refcount moved by {after - before}"


def test_merge_char_format_does_not_leak_none(qtbot):
    doc = QTextDocument()
    doc.setPlainText("word " * 2000)
    fmt = QTextCharFormat()
    fmt.setFontUnderline(True)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.setPosition(0)
    cursor.setPosition(4, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)  # warm-up
    before = sys.getrefcount(None)
    for i in range(CALLS):
        start = (i * 5) % 9995
        cursor.setPosition(start)
        cursor.setPosition(start + 4, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    after = sys.getrefcount(None)
    cursor.endEditBlock()
    assert abs(after - before) <= TOLERANCE, f"None refcount moved by {after - before}"


def test_the_measure_sees_a_leak_of_this_size():
    # On Pythons where None is immortal (3.12+) getrefcount(None) is constant and
    # the two tests above would pass vacuously: this one fails there instead.
    before = sys.getrefcount(None)
    held = [None] * CALLS
    assert sys.getrefcount(None) - before > TOLERANCE
    del held
