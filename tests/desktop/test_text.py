"""The UTF-16 offset helper and span highlighting, with the characters news text is full of."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

from parallax.desktop.text import apply_spans, python_offset, qt_position, qt_span

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


def test_spans_land_on_the_same_words_in_qt():
    doc = QTextDocument()
    doc.setPlainText(TEXT)
    fmt = QTextCharFormat()
    fmt.setFontUnderline(True)
    start = TEXT.index("café")
    end = TEXT.index("end")
    n = apply_spans(doc, TEXT, [(start, start + 4, "changed"), (end, end + 3, "unknown")], {"changed": fmt})
    assert n == 1
    qs, qe = qt_span(TEXT, start, start + 4)
    cursor = QTextCursor(doc)
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "café"
    cursor.setPosition(qs + 1)
    assert cursor.charFormat().fontUnderline()
    cursor.setPosition(qt_span(TEXT, end, end + 3)[0] + 1)
    assert not cursor.charFormat().fontUnderline()
