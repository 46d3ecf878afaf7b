"""Header labels of the article views (the reader and the comparison panes), and
:func:`elide_words`, which also shortens titles for pickers and menus.

Qt widgets, and the language names of ``parallax.core.ingest.language``.
Titles and meta lines are plain text (an article's title is never markup),
wrap, and can be selected to copy a name or a date. An article not in English
gets a notice line saying which features are off for it, in words.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from parallax.core.ingest.language import english_models_apply, language_name

UNKNOWN_LANGUAGE = "language unknown"


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


def language_text(code: str | None) -> str:
    """"Finnish", or "language unknown" when it could not be told."""
    return language_name(code) or UNKNOWN_LANGUAGE


def language_notice(code: str | None) -> str:
    """What is off for an article the English models cannot read; "" when nothing is."""
    if english_models_apply(code):
        return ""
    return f"{language_name(code)} — names and paraphrase matching are off for this article"


NO_SHARED_STATEMENTS = ("These articles share no statements: no sentence of one has a counterpart "
                        "in the other, so every sentence is tinted as only in its article.")


def no_shared_statements(a_code: str | None, b_code: str | None) -> str:
    """The comparison's banner when no sentence lines up; it names two different
    languages, since across languages only words are compared and nothing lines up
    even when both tell the same story."""
    a_name, b_name = language_name(a_code), language_name(b_code)
    if a_name and b_name and a_name != b_name:
        return (f"These articles are in different languages ({a_name} and {b_name}): "
                "Parallax compares their words only, so no sentence of one lines up with the other.")
    return NO_SHARED_STATEMENTS


def is_no_shared_statements(text: str) -> bool:
    """Whether ``text`` is one of :func:`no_shared_statements`' messages."""
    return text == NO_SHARED_STATEMENTS or text.startswith("These articles are in different languages")


def notice_label(parent: QWidget, object_name: str) -> QLabel:
    """An italic :func:`text_label`, hidden until :func:`show_notice` gives it a text."""
    label = text_label(parent, object_name)
    font = QFont(label.font())
    font.setItalic(True)
    label.setFont(font)
    label.hide()
    return label


def show_notice(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label``, or hide the label when ``text`` is empty."""
    label.setText(text)
    label.setVisible(bool(text))


_SEPARATORS = " -–—,;:|/·•"


def elide_words(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word boundary within ``limit`` characters, with "…".

    A separator left at the cut (" -", ":") goes too: "… Charges…", not "… Charges -…".
    A single word longer than half the limit is cut inside itself.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit + 1]  # a word that ends exactly at the limit is kept
    cut = head.rfind(" ")
    head = head[:cut] if cut > limit // 2 else text[:limit - 1]
    return head.rstrip(_SEPARATORS) + "…"
