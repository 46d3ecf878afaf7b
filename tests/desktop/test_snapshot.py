"""The offscreen snapshot used for the README: right size, three panes filled."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from parallax.desktop.render.snapshot import snapshot_main_window


def test_snapshot_of_the_main_window(qapp, store, tmp_path: Path):
    out = snapshot_main_window(store, tmp_path / "shot.png", 1280, 800)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # not a blank picture: the reader pane (lower right) holds text, i.e. many colours
    colours = {image.pixel(x, y) for x in range(500, 1200, 3) for y in range(450, 780, 3)}
    assert len(colours) > 20
