"""The shipped report fonts register with Qt from the resources, with their licence."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontInfo

from parallax.desktop.render.fonts import ARABIC, LATIN, register_fonts, report_font
from parallax.resources import resource_path


def test_shipped_fonts_register_and_cover_latin_and_arabic(qapp) -> None:
    families = register_fonts()
    assert LATIN in families and ARABIC in families
    assert register_fonts() == families  # once per process
    assert QFontDatabase.WritingSystem.Arabic in QFontDatabase.writingSystems(ARABIC)
    assert QFontInfo(report_font(10)).family() == LATIN
    assert "SIL Open Font License" in resource_path("fonts/OFL.txt").read_text(encoding="utf-8")
