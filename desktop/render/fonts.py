"""The fonts Parallax ships (Noto Sans, Noto Naskh Arabic; OFL), registered with Qt.

Depends on PySide6 (QtGui) and ``parallax.resources.resource_path``. Reports must
look the same on every machine and cover Latin and Arabic, so they never rely on
system fonts: the TrueType files in ``resources/fonts/`` are added to Qt's
application font database once per process (a ``QGuiApplication`` must exist),
and the PDF writer embeds them. ``resources/fonts/OFL.txt`` is their licence.
"""
from __future__ import annotations

import threading

from PySide6.QtGui import QFont, QFontDatabase

from parallax.resources import resource_path

LATIN = "Noto Sans"
ARABIC = "Noto Naskh Arabic"
FAMILIES = (LATIN, ARABIC)  # in fallback order: Latin first, Arabic for what Latin lacks
_FILES = ("NotoSans-Regular", "NotoSans-Bold", "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold")

_lock = threading.Lock()
_registered: tuple[str, ...] | None = None


def register_fonts() -> tuple[str, ...]:
    """Add the shipped fonts to Qt's font database (once); their family names.

    Safe to call from any thread after the ``QGuiApplication`` exists.

    Raises:
        KeyError: a font file is missing from the resources.
        OSError: Qt could not read a font file.
    """
    global _registered  # noqa: PLW0603 - Qt's font database is process-wide too
    with _lock:
        if _registered is None:
            families: list[str] = []
            for name in _FILES:
                path = resource_path(f"fonts/{name}.ttf")
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id < 0:
                    raise OSError(f"{path}: Qt cannot read this font")
                families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
            _registered = tuple(families)
        return _registered


def report_font(point_size: float, *, bold: bool = False) -> QFont:
    """A font of the shipped families (Latin, then Arabic) at ``point_size``."""
    register_fonts()
    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    # Outlines as drawn, not hinted to a screen's pixel grid: a PDF is resolution free.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font
