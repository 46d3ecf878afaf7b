"""``parallax snapshot --compare A B``: the comparison view rendered offscreen to a PNG."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from parallax.core.store import library
from parallax.core.store.connection import open_store
from parallax.core.workspace import Workspace
from parallax.desktop.cli import main
from parallax.desktop.render.snapshot import snapshot_compare

pytestmark = pytest.mark.slow  # the real engine: spaCy and the embedding model


def seeded_ids(db: Path) -> list[int]:
    store = open_store(db)
    try:
        dossier = library.ensure_seed_dossier(store)
        return [a.id for a in library.list_articles(store, dossier)]
    finally:
        store.close()


def mean_lightness(image: QImage, x0: int, y0: int, x1: int, y1: int) -> float:
    values = [QColor(image.pixel(x, y)).lightnessF() for x in range(x0, x1, 7) for y in range(y0, y1, 7)]
    return sum(values) / len(values)


def test_snapshot_shows_both_articles_and_the_bands(qapp, store, tmp_path: Path):
    dossier = library.ensure_seed_dossier(store)
    ids = [a.id for a in library.list_articles(store, dossier)]
    out = snapshot_compare(Workspace(store), ids[0], ids[2], tmp_path / "cmp.png", width=1280, height=800)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # text in both panes: many colours in each half of the compare area
    for x0, x1 in ((20, 420), (540, 940)):
        assert len({image.pixel(x, y) for x in range(x0, x1, 3) for y in range(160, 760, 3)}) > 30
    # the gutter between them is painted (bands are not the page colour)
    gutter = {image.pixel(x, y) for x in range(462, 512, 2) for y in range(140, 760, 2)}
    assert len(gutter) > 5
    assert mean_lightness(image, 20, 160, 420, 760) > 0.8  # the default palette is light


def test_dark_snapshot_is_dark(qapp, tmp_path: Path, seeds_dir: Path):
    # two files, no store: analysed without the cache
    files = sorted(seeds_dir.glob("0*.txt"))
    out = snapshot_compare(None, files[0], files[2], tmp_path / "dark.png", width=1000, height=700, dark=True)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    assert mean_lightness(image, 20, 160, 300, 650) < 0.35


def test_cli_snapshot_compare_writes_the_png(qapp, tmp_path: Path, seeds_dir: Path, capsys):
    db = tmp_path / "cli.sqlite3"
    ids = seeded_ids(db)
    out = tmp_path / "out" / "cli.png"
    code = main(["--db", str(db), "snapshot", "--compare", str(ids[0]), str(seeds_dir / "002_390676983a8005e1.txt"),
                 "-o", str(out), "--width", "900", "--height", "600"])
    assert code == 0
    assert f"wrote {out}" in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_cli_snapshot_names_a_bad_article(qapp, tmp_path: Path, capsys):
    db = tmp_path / "cli.sqlite3"
    seeded_ids(db)
    code = main(["--db", str(db), "snapshot", "--compare", "1", "no-such-file.txt", "-o", str(tmp_path / "x.png")])
    assert code == 1
    assert "no-such-file.txt: no such file, and not a stored article id" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
