"""Help > Keyboard Shortcuts, Help > User Guide, View > Text Size and View > Colour Scheme."""
from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from parallax.desktop.app import build_main_window
from parallax.desktop.views.appearance import Scheme, apply_scheme
from parallax.desktop.views.help import GuideDialog, ShortcutsDialog, collect_shortcuts
from parallax.desktop.views.main_window import MainWindow
from parallax.resources import resource_path
from tests.desktop.conftest import LOAD_TIMEOUT_MS, wait_loaded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def system_scheme_after() -> Iterator[None]:
    """The scheme is application-wide: give the next test the palette it expects."""
    yield
    apply_scheme(Scheme.SYSTEM)


def rows_by_group(dialog: ShortcutsDialog) -> dict[str, dict[str, str]]:
    """{group: {command: keys}} as the dialog shows them."""
    out: dict[str, dict[str, str]] = {}
    tree = dialog.tree
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        out[group.text(0)] = {group.child(i).text(0): group.child(i).text(1) for i in range(group.childCount())}
    return out


def keys_in(groups: dict[str, dict[str, str]], group: str) -> set[str]:
    return {k for keys in groups[group].values() for k in keys.split(", ")}


# -- keyboard shortcuts ---------------------------------------------------------------------


def test_shortcuts_dialog_lists_both_windows_by_menu(qtbot, main_window: MainWindow):
    dialog = main_window.view_help.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    groups = rows_by_group(dialog)
    assert groups["Main window — Compare"]["Compare Articles"] == "Ctrl+D"
    assert groups["Main window — Edit"]["Find in Article"] == "Ctrl+F"
    assert groups["Main window — File"]["Import Files"] == "Ctrl+O"
    assert {"F1"} <= keys_in(groups, "Main window — Help")
    assert {"Ctrl+0", "Ctrl+=", "Ctrl+-"} <= keys_in(groups, "Main window — View")
    assert {"Return", "F3", "Shift+F3", "Esc"} <= keys_in(groups, "Main window — Find in article")
    compare = keys_in(groups, "Comparison window")
    assert {"F7", "Shift+F7", "F8", "Shift+F8", "Alt+Down", "Ctrl+F", "Ctrl+Shift+X"} <= compare
    assert "F3" in keys_in(groups, "Comparison window — Find in both articles")
    # a command with two keys is one row
    assert groups["Main window — Find in article"]["Next match"] == "Return, Enter, F3"


def test_shortcuts_dialog_lists_ctrl_w_of_the_comparison_window(qtbot, main_window: MainWindow):
    groups = rows_by_group(main_window.view_help.show_shortcuts())
    assert "Ctrl+W" in keys_in(groups, "Comparison window")
    assert "Ctrl+W" not in {k for g, rows in groups.items() if g.startswith("Main window")
                            for keys in rows.values() for k in keys.split(", ")}
    compare = main_window.ensure_compare_window()
    compare.show()
    qtbot.waitExposed(compare)
    compare.activateWindow()
    qtbot.waitUntil(compare.isActiveWindow, timeout=LOAD_TIMEOUT_MS)
    qtbot.keyClick(compare.view.left, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not compare.isVisible()  # the key still closes it


def test_an_action_added_with_a_shortcut_appears_in_the_dialog(qtbot, main_window: MainWindow):
    in_menu = QAction("Frobnicate", main_window)
    in_menu.setShortcut(QKeySequence("Ctrl+Alt+J"))
    main_window.view_help.view_menu.addAction(in_menu)
    loose = QAction("&Hidden Helper…", main_window)
    loose.setShortcut(QKeySequence("Ctrl+Alt+K"))
    main_window.addAction(loose)
    no_keys = QAction("No Keys Here", main_window)
    main_window.view_help.view_menu.addAction(no_keys)
    groups = rows_by_group(main_window.view_help.show_shortcuts())
    assert groups["Main window — View"]["Frobnicate"] == "Ctrl+Alt+J"
    assert groups["Main window"]["Hidden Helper"] == "Ctrl+Alt+K"
    assert all("No Keys Here" not in rows for rows in groups.values())


def test_shortcuts_dialog_is_built_afresh_each_time(qtbot, main_window: MainWindow):
    first = rows_by_group(main_window.view_help.show_shortcuts())
    main_window.act_compare.setShortcut(QKeySequence("Ctrl+Alt+D"))
    second = rows_by_group(main_window.view_help.show_shortcuts())
    assert first["Main window — Compare"]["Compare Articles"] == "Ctrl+D"
    assert second["Main window — Compare"]["Compare Articles"] == "Ctrl+Alt+D"


# -- the user guide ---------------------------------------------------------------------------


def test_f1_opens_the_bundled_guide(qtbot, main_window: MainWindow):
    assert main_window.view_help.act_guide.shortcut().toString() == "F1"
    main_window.view_help.act_guide.trigger()
    dialog = main_window.findChild(GuideDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for topic in ("Import", "Compare", "F7", "F8", "Export Dossier", "struck through"):
        assert topic in text, topic
    assert dialog.browser.source().toLocalFile() == str(resource_path("guide.html"))


def test_guide_names_only_real_shortcuts_and_links_nowhere_outside(qtbot, main_window: MainWindow):
    html = resource_path("guide.html").read_text(encoding="utf-8")
    assert not re.search(r"(?:href|src)\s*=\s*['\"](?!#)", html)  # nothing remote, nothing outside
    mentioned = set(re.findall(r"<kbd>(.*?)</kbd>", html))
    assert {"F7", "F8", "Ctrl+D"} <= mentioned
    dialog = main_window.view_help.show_shortcuts()
    real = {k for rows in rows_by_group(dialog).values() for keys in rows.values() for k in keys.split(", ")}
    assert mentioned - real == set()


def test_guide_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["parallax.resources"]
    assert any(fnmatch.fnmatch("guide.html", g) for g in globs)


# -- text size --------------------------------------------------------------------------------


def pane_sizes(window: MainWindow) -> tuple[float, float, float]:
    cw = window.ensure_compare_window()
    return (window.reader.text_view.font().pointSizeF(), cw.view.left.font().pointSizeF(),
            cw.view.right.font().pointSizeF())


def test_text_size_applies_to_reader_and_compare_panes_and_survives_a_restart(qtbot, store, main_window):
    reader0, left0, right0 = pane_sizes(main_window)
    def column_margin() -> float:
        return main_window.reader.text_view.document().rootFrame().frameFormat().leftMargin()

    margin0 = column_margin()
    main_window.view_help.act_text_larger.trigger()
    main_window.view_help.act_text_larger.trigger()
    reader2, left2, right2 = pane_sizes(main_window)
    assert reader2 > reader0 and left2 > left0 and right2 == left2
    assert column_margin() < margin0  # the reading column widens with its letters
    assert main_window.reader.text_view.document().defaultFont().pointSizeF() == reader2
    main_window.close()

    second = build_main_window(store)
    qtbot.addWidget(second)
    second.show()
    wait_loaded(qtbot, second)
    assert pane_sizes(second) == (reader2, left2, right2)
    second.view_help.act_text_smaller.trigger()
    assert pane_sizes(second)[0] < reader2
    second.view_help.act_text_reset.trigger()
    assert pane_sizes(second) == (reader0, left0, right0)


def test_text_size_keys_work_in_the_comparison_window(qtbot, main_window: MainWindow):
    cw = main_window.ensure_compare_window()
    cw.show()
    qtbot.addWidget(cw)
    cw.activateWindow()
    cw.view.left.setFocus()
    qtbot.waitUntil(cw.view.left.hasFocus, timeout=LOAD_TIMEOUT_MS)
    before = cw.view.left.font().pointSizeF()
    qtbot.keyClick(cw.view.left, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert cw.view.left.font().pointSizeF() > before
    qtbot.keyClick(cw.view.left, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert cw.view.left.font().pointSizeF() == before


def test_text_size_has_limits(qtbot, main_window: MainWindow):
    for _ in range(40):
        main_window.view_help.act_text_smaller.trigger()
    smallest = main_window.reader.text_view.font().pointSizeF()
    assert smallest >= 7 and not main_window.view_help.act_text_smaller.isEnabled()
    for _ in range(40):
        main_window.view_help.act_text_larger.trigger()
    assert main_window.reader.text_view.font().pointSizeF() <= 40
    assert not main_window.view_help.act_text_larger.isEnabled()


# -- colour scheme ------------------------------------------------------------------------------


def base_of(widget) -> float:  # noqa: ANN001
    return widget.palette().color(QPalette.ColorRole.Base).lightnessF()


def test_colour_scheme_is_applied_remembered_and_restyles_the_comparison(qtbot, store, main_window):
    cw = main_window.ensure_compare_window()
    assert main_window.view_help.scheme_actions[Scheme.SYSTEM].isChecked()
    main_window.view_help.scheme_actions[Scheme.DARK].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5
    # Qt hands the new palette to each widget through posted events.
    qtbot.waitUntil(lambda: base_of(main_window.reader.text_view) < 0.5, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: cw.view.style_.dark, timeout=LOAD_TIMEOUT_MS)
    assert base_of(cw.view.left) < 0.5
    main_window.view_help.scheme_actions[Scheme.LIGHT].trigger()
    qtbot.waitUntil(lambda: not cw.view.style_.dark, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: base_of(main_window.reader.text_view) > 0.5, timeout=LOAD_TIMEOUT_MS)
    main_window.view_help.scheme_actions[Scheme.DARK].trigger()
    main_window.close()

    apply_scheme(Scheme.SYSTEM)  # as a fresh start would find it
    second = build_main_window(store)
    qtbot.addWidget(second)
    wait_loaded(qtbot, second)
    assert second.view_help.scheme() is Scheme.DARK
    qtbot.waitUntil(lambda: base_of(second.reader.text_view) < 0.5, timeout=LOAD_TIMEOUT_MS)


def test_system_scheme_gives_back_the_palette_the_app_started_with(qtbot, main_window: MainWindow):
    start = QApplication.palette().color(QPalette.ColorRole.Base).name()
    main_window.view_help.scheme_actions[Scheme.DARK].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() != start
    main_window.view_help.scheme_actions[Scheme.SYSTEM].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == start


def test_toolbar_icons_follow_the_scheme(qtbot, main_window: MainWindow):
    def icon_ink() -> int:
        image = main_window.act_compare.icon().pixmap(24, 24).toImage()
        pixels = [image.pixelColor(x, y) for x in range(24) for y in range(24)]
        inked = [c for c in pixels if c.alpha() > 200]
        return max(c.lightness() for c in inked)

    light_ink = icon_ink()
    main_window.view_help.scheme_actions[Scheme.DARK].trigger()
    qtbot.waitUntil(lambda: icon_ink() > light_ink + 100, timeout=LOAD_TIMEOUT_MS)  # pale on dark


def test_every_main_window_menu_command_with_a_key_says_what_it_does(qtbot, main_window: MainWindow):
    # A "What it does" cell left blank (Undo, Quit, Rename…) reads as unfinished.
    menus = {f"Main window — {a.text().replace('&', '')}" for a in main_window.menuBar().actions()}
    rows = [r for r in collect_shortcuts([main_window]) if r.group in menus]
    assert len(rows) > 15
    assert [f"{r.group}: {r.command}" for r in rows if not r.description] == []
