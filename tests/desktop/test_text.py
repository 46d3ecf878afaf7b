"""The UTF-16 offset helper and span highlighting, with the characters news text is full of."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

from parallax.desktop.text import OffsetMap, apply_spans, python_offset, qt_position

TEXT = "“Quote” — ok 👍🏽 then al-Kadhimi’s café 🇮🇶 end"


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("abc", 2, 2),
        ("“a” — b", 7, 7),  # curly quotes and dashes are one UTF-16 unit
        ("👍x", 1, 2),  # an emoji is two
        ("👍🏽x", 2, 4),  # emoji + skin tone modifier: two pairs
        ("🇮🇶 Iraq", 3, 5),  # a flag is two regional indicators
        ("", 0, 0),
    ],
)
def test_qt_position(text, index, expected):
    assert qt_position(text, index) == expected
    assert python_offset(text, expected) == index
    # the offset map the panes use agrees, for a short text and one longer than its chunks
    offsets = OffsetMap(text)
    assert (offsets.qt(index), offsets.py(expected)) == (expected, index)
    long = OffsetMap(text * 300)
    shift = len(text) * 299
    assert long.qt(shift + index) == qt_position(text * 300, shift + index)
    assert long.py(long.qt(shift + index)) == shift + index


def test_spans_land_on_the_same_words_in_qt():
    doc = QTextDocument()
    doc.setPlainText(TEXT)
    fmt = QTextCharFormat()
    fmt.setFontUnderline(True)
    start = TEXT.index("café")
    end = TEXT.index("end")
    offsets = OffsetMap(TEXT)
    cursor = QTextCursor(doc)
    n = apply_spans(cursor, offsets, [(start, start + 4, fmt), (end, end + 3, None), (end, end, fmt)])
    assert n == 1  # no format, or an empty span: nothing to merge
    qs, qe = offsets.qt_span(start, start + 4)
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "café"
    cursor.setPosition(qs + 1)
    assert cursor.charFormat().fontUnderline()
    cursor.setPosition(offsets.qt(end) + 1)
    assert not cursor.charFormat().fontUnderline()
