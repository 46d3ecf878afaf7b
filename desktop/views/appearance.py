"""How the app looks: the colour scheme (System / Light / Dark) and the reading text size.

Depends on PySide6 only. A scheme is an application palette: widgets that take
their colours from the palette (all of ours, STYLE.md) follow it, and the
comparison view rebuilds its marks on the palette change it receives. "System"
hands the palette back to the platform theme, so it follows the desktop's own
light/dark switch again. Text size is a step applied to the text views'
own base size (the reader's is larger than the comparison panes'), so the
proportions between views survive zooming. Remembering both is the main
window's job (QSettings).
"""
from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QTextEdit

TEXT_STEP = 1.1  # per Larger / Smaller, as browsers zoom by about a tenth
TEXT_STEPS = range(-3, 9)  # 0.75x to 2.1x of the normal size
_BASE_SIZE = "parallaxBasePointSize"  # widget property: the size at step 0


class Scheme(str, enum.Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def _palette(colours: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    p = QPalette()
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


_R = QPalette.ColorRole


def dark_palette() -> QPalette:
    """A dark palette (Fusion's colours); every mark keeps 4.5:1 contrast on it."""
    return _palette({
        _R.Window: "#2b2b2e", _R.WindowText: "#e6e6e6", _R.Base: "#1e1e20",
        _R.AlternateBase: "#2a2a2d", _R.ToolTipBase: "#3a3a3e", _R.ToolTipText: "#f0f0f0",
        _R.PlaceholderText: "#a0a0a6", _R.Text: "#e6e6e6", _R.Button: "#353538",
        _R.ButtonText: "#e6e6e6", _R.BrightText: "#ff6b6b", _R.Link: "#7aa7ff",
        _R.Highlight: "#3d6fd6", _R.HighlightedText: "#ffffff", _R.Mid: "#444448",
        _R.Dark: "#19191b", _R.Light: "#4a4a4e", _R.Midlight: "#3a3a3e",
    }, "#7a7a80")


def light_palette() -> QPalette:
    """A light palette, set role by role so it wins over a dark desktop theme."""
    return _palette({
        _R.Window: "#efefef", _R.WindowText: "#1a1a1a", _R.Base: "#ffffff",
        _R.AlternateBase: "#f5f5f5", _R.ToolTipBase: "#ffffdc", _R.ToolTipText: "#1a1a1a",
        _R.PlaceholderText: "#6b6b70", _R.Text: "#1a1a1a", _R.Button: "#efefef",
        _R.ButtonText: "#1a1a1a", _R.BrightText: "#ffffff", _R.Link: "#0b57d0",
        _R.Highlight: "#308cc6", _R.HighlightedText: "#ffffff", _R.Mid: "#b8b8b8",
        _R.Dark: "#9f9f9f", _R.Light: "#ffffff", _R.Midlight: "#cacaca",
    }, "#8c8c8c")


def apply_scheme(scheme: Scheme) -> None:
    """Give the whole application the palette of ``scheme`` (windows open now included)."""
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native title bars and dialogs follow too
        hints.setColorScheme({Scheme.LIGHT: Qt.ColorScheme.Light, Scheme.DARK: Qt.ColorScheme.Dark}
                             .get(scheme, Qt.ColorScheme.Unknown))
    # A palette with no role set resets to the platform theme's (Qt 6 resolves against it).
    palette = {Scheme.LIGHT: light_palette, Scheme.DARK: dark_palette}.get(scheme, QPalette)()
    QApplication.setPalette(palette)


def current_scheme_is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5


def clamp_text_step(step: int) -> int:
    return min(max(step, TEXT_STEPS.start), TEXT_STEPS.stop - 1)


def apply_text_step(view: QTextEdit, step: int) -> None:
    """Show ``view``'s text ``step`` steps larger (negative: smaller) than its normal size."""
    base = view.property(_BASE_SIZE)
    if base is None:  # the size the view chose for itself is step 0
        base = view.font().pointSizeF()
        view.setProperty(_BASE_SIZE, base)
    font = view.font()
    font.setPointSizeF(round(base * TEXT_STEP ** clamp_text_step(step) * 2) / 2)  # half points
    view.setFont(font)
    view.document().setDefaultFont(font)
