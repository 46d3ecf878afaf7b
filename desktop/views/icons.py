"""Icons from the plain SVGs in ``resources/icons``, drawn in the palette's text colour.

Depends on PySide6 (QtSvg) and ``parallax.resources.resource_path``. The SVGs
stroke with ``currentColor``; it is replaced by the palette colour for each
state, so icons stay visible in light and dark schemes alike.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from parallax.resources import resource_path

_SIZES = (16, 24, 32, 48)


def themed_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, coloured for ``palette``.

    Raises:
        KeyError: no such icon (from :func:`resource_path`).
    """
    svg = resource_path(f"icons/{name}.svg").read_text(encoding="utf-8")
    palette = palette or QApplication.palette()
    icon = QIcon()
    for mode, group in (
        (QIcon.Mode.Normal, QPalette.ColorGroup.Active),
        (QIcon.Mode.Active, QPalette.ColorGroup.Active),
        (QIcon.Mode.Selected, QPalette.ColorGroup.Active),
        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled),
    ):
        role = QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected else QPalette.ColorRole.WindowText
        colour = palette.color(group, role).name()
        data = QByteArray(svg.replace("currentColor", colour).encode("utf-8"))
        renderer = QSvgRenderer(data)
        for size in _SIZES:
            icon.addPixmap(_render(renderer, size), mode)
    return icon


def app_icon() -> QIcon:
    """The application icon (its colours are fixed: it sits on any desktop)."""
    return QIcon(str(resource_path("icons/parallax.svg")))


def _render(renderer: QSvgRenderer, size: int) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
