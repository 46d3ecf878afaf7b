"""Colours and text formats of the comparison view, for light and dark palettes.

Depends on PySide6 (QtGui) and the view's marks (``compare_model``). Every mark
has a colour and a second cue that is not colour (WCAG 1.4.1): replaced words
have a dashed underline, inserted words a solid underline, deleted words are
struck through, insertion points get a caret, one-sided sentences a bracket in
the gutter, moved pairs a dashed band and a marker. Colours are tints mixed
into the palette's base colour, so the text colour of the palette stays
readable on them in light and dark schemes alike. Formats are built once per
palette (STYLE.md: precomputed spans and formats built once).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat

from parallax.desktop.views.compare_model import Mark, entity_hue

# Accent hues (light scheme value, dark scheme value), mixed into the base colour.
_ACCENTS: dict[str, tuple[str, str]] = {
    Mark.REPLACED.value: ("#f2b705", "#d9a300"),
    Mark.DELETED.value: ("#e5484d", "#ff6369"),
    Mark.INSERTED.value: ("#30a46c", "#3dd68c"),
    Mark.ONLY.value: ("#6e56cf", "#9e8cfc"),
    "verbatim": ("#8d8d8d", "#a0a0a0"),
    "edited": ("#3e63dd", "#849dff"),
    "paraphrase": ("#d6409f", "#f279c1"),
}
# How much of the accent goes into the background tint (light, dark).
_TINT = {
    Mark.REPLACED.value: (0.42, 0.40),
    Mark.DELETED.value: (0.30, 0.42),
    Mark.INSERTED.value: (0.30, 0.40),
    Mark.ONLY.value: (0.10, 0.16),
}

LABELS: dict[str, str] = {
    Mark.REPLACED.value: "replaced: other words here (dashed underline)",
    Mark.DELETED.value: "deleted: only in the left article (struck out)",
    Mark.INSERTED.value: "inserted: only in the right article (underlined)",
    "point": "the other article has words here",
    Mark.ONLY.value: "sentence only in this article (bracket in the gutter)",
    "verbatim": "verbatim: same words",
    "edited": "edited: some words changed",
    "paraphrase": "paraphrase: same content, rewritten",
    "moved": "moved: told elsewhere (crossing dashed band)",
    "entity": "named entity: one colour per entity, in both articles",
}


MIN_CONTRAST = 4.5  # WCAG AA for body text


def contrast(one: QColor, two: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(one), luminance(two)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(base: QColor, accent: QColor, amount: float) -> QColor:
    """``amount`` of ``accent`` over ``base`` (opaque, so it prints and snapshots the same)."""
    return QColor.fromRgbF(
        base.redF() + (accent.redF() - base.redF()) * amount,
        base.greenF() + (accent.greenF() - base.greenF()) * amount,
        base.blueF() + (accent.blueF() - base.blueF()) * amount,
    )


@dataclass
class CompareStyle:
    """Formats and colours for one palette. Build with :meth:`for_palette`."""

    dark: bool
    base: QColor
    text: QColor
    formats: dict[str, QTextCharFormat] = field(default_factory=dict)
    accents: dict[str, QColor] = field(default_factory=dict)
    selection: QColor = field(default_factory=QColor)
    search: QColor = field(default_factory=QColor)
    _entity_cache: dict[str, QTextCharFormat] = field(default_factory=dict)

    @classmethod
    def for_palette(cls, palette: QPalette) -> CompareStyle:
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        style = cls(dark, base, palette.color(QPalette.ColorRole.Text))
        which = 1 if dark else 0
        for name, pair in _ACCENTS.items():
            style.accents[name] = QColor(pair[which])
        for mark in Mark:
            fmt = QTextCharFormat()
            accent = style.accents[mark.value]
            fmt.setBackground(mix(base, accent, _TINT[mark.value][which]))
            line = accent.darker(135) if not dark else accent.lighter(110)
            if mark is Mark.REPLACED:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(line)
            elif mark is Mark.INSERTED:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(line)
            elif mark is Mark.DELETED:
                fmt.setFontStrikeOut(True)
            style.formats[mark.value] = fmt
        highlight = palette.color(QPalette.ColorRole.Highlight)
        style.selection = mix(base, highlight, 0.22 if not dark else 0.35)
        style.search = mix(base, QColor("#ff8c00"), 0.45 if not dark else 0.5)
        return style

    def band(self, kind: str) -> QColor:
        """Fill of a gutter band of pair kind ``kind`` (verbatim / edited / paraphrase)."""
        return mix(self.base, self.accents[kind], 0.30 if not self.dark else 0.45)

    def band_line(self, kind: str) -> QColor:
        accent = self.accents[kind]
        return accent.darker(120) if not self.dark else accent

    def entity_colour(self, key: str) -> QColor:
        """The text colour of entity ``key``: one hue per entity, contrast kept for the scheme."""
        hue = entity_hue(key)
        # Start vivid, then darken (lighten) until the text reaches 4.5:1 on the base (WCAG AA).
        lightness, step = (165, 6) if self.dark else (90, -6)
        colour = QColor.fromHsl(hue, 190, lightness)
        while contrast(colour, self.base) < MIN_CONTRAST and 0 < lightness + step < 255:
            lightness += step
            colour = QColor.fromHsl(hue, 190, lightness)
        return colour

    def entity_format(self, key: str) -> QTextCharFormat:
        fmt = self._entity_cache.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setForeground(self.entity_colour(key))
            fmt.setFontWeight(QFont.Weight.DemiBold)  # a cue that is not colour
            self._entity_cache[key] = fmt
        return fmt

