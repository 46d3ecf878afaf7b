"""Colours and text formats of the comparison view, for light and dark palettes.

Depends on PySide6 (QtGui) and core's kinds (``DiffKind`` for spans, ``PairKind``
for gutter bands) and their accent hues and tint amounts, which the printed
report shares (:mod:`parallax.core.report.style`); this is the one place a kind
becomes a look on screen. Every mark
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

from parallax.core.align.sentences import PairKind
from parallax.core.align.words import DiffKind
from parallax.core.report.style import ACCENTS, TINTS
from parallax.desktop.views.compare_model import entity_hue

LABELS: dict[str, str] = {  # keyed by kind; "point" and "entity" are looks of the view only
    DiffKind.REPLACED: "replaced: other words here (dashed underline)",
    DiffKind.DELETED: "deleted: only in the left article (struck out)",
    DiffKind.INSERTED: "inserted: only in the right article (underlined)",
    "point": "the other article has words here",
    DiffKind.ONLY_HERE: "sentence only in this article (bracket in the gutter)",
    PairKind.VERBATIM: "verbatim: same words",
    PairKind.EDITED: "edited: some words changed",
    PairKind.PARAPHRASE: "paraphrase: same content, rewritten",
    DiffKind.MOVED: "moved: told elsewhere (crossing dashed band)",
    "related": "related: same subject, a different statement (faint dotted link, no word marks)",
    "differs": "differs: the two sentences state it differently, a number, a date, a negation, who did what "
               "to whom… (dot on the band; hover for why)",
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
    formats: dict[DiffKind, QTextCharFormat] = field(default_factory=dict)  # MOVED: none (gutter)
    accents: dict[DiffKind | PairKind, QColor] = field(default_factory=dict)
    selection: QColor = field(default_factory=QColor)
    search: QColor = field(default_factory=QColor)
    _entity_cache: dict[str, QTextCharFormat] = field(default_factory=dict)

    @classmethod
    def for_palette(cls, palette: QPalette) -> CompareStyle:
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        style = cls(dark, base, palette.color(QPalette.ColorRole.Text))
        which = 1 if dark else 0
        for name, pair in ACCENTS.items():
            style.accents[name] = QColor(pair[which])
        for kind, tint in TINTS.items():
            fmt = QTextCharFormat()
            accent = style.accents[kind]
            fmt.setBackground(mix(base, accent, tint[which]))
            line = accent.darker(135) if not dark else accent.lighter(110)
            if kind is DiffKind.REPLACED:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(line)
            elif kind is DiffKind.INSERTED:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(line)
            elif kind is DiffKind.DELETED:
                fmt.setFontStrikeOut(True)
            style.formats[kind] = fmt
        highlight = palette.color(QPalette.ColorRole.Highlight)
        style.selection = mix(base, highlight, 0.22 if not dark else 0.35)
        style.search = mix(base, QColor("#ff8c00"), 0.45 if not dark else 0.5)
        return style

    def band(self, kind: PairKind) -> QColor:
        """Fill of a gutter band of pair kind ``kind`` (verbatim / edited / paraphrase)."""
        return mix(self.base, self.accents[kind], 0.30 if not self.dark else 0.45)

    def band_line(self, kind: PairKind) -> QColor:
        accent = self.accents[kind]
        return accent.darker(120) if not self.dark else accent

    def differs_mark(self) -> QColor:
        """The dot on the band of an aligned pair whose sides state something differently."""
        accent = self.accents[DiffKind.DELETED]
        return accent.darker(130) if not self.dark else accent.lighter(115)

    def related_line(self) -> QColor:
        """The faint link between two unaligned sentences the judge calls related."""
        return mix(self.base, self.text, 0.35)

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

