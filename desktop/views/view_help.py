"""The main window's View menu (text size, colour scheme) and its Help entries (guide, shortcuts).

Depends on PySide6, ``appearance`` (palettes, text steps), ``help`` (the
dialogs) and the main window's small surface: ``reader.text_view``,
``compare_window`` and ``ensure_compare_window``. Both settings are kept in
the app's QSettings (``view/text_step``, ``view/colour_scheme``) and applied
again on the next start. The comparison window is a separate top-level
window: the View and Help actions are added to it too, so their keys work
there (a window shortcut only reaches the windows its action was added to).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from parallax.desktop.views.appearance import (
    TEXT_STEPS,
    Scheme,
    apply_scheme,
    apply_text_step,
    clamp_text_step,
)
from parallax.desktop.views.help import GuideDialog, ShortcutsDialog, collect_shortcuts

if TYPE_CHECKING:
    from parallax.desktop.views.main_window import MainWindow

TEXT_STEP_KEY = "view/text_step"
SCHEME_KEY = "view/colour_scheme"


class ViewAndHelp(QObject):
    """Owns the View menu's and the guide / shortcuts actions of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._text_step = 0
        self.guide_dialog: GuideDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.view_menu: QMenu | None = None

        self.act_text_larger = self._action("&Larger", lambda: self.set_text_step(self._text_step + 1),
                                            "Larger text in the reader and the comparison")
        # '+' needs Shift on most keyboards, so Ctrl+= works as well (as in browsers).
        self.act_text_larger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.act_text_smaller = self._action("&Smaller", lambda: self.set_text_step(self._text_step - 1),
                                             "Smaller text in the reader and the comparison")
        self.act_text_smaller.setShortcut(QKeySequence("Ctrl+-"))
        self.act_text_reset = self._action("&Reset", lambda: self.set_text_step(0), "Text at its normal size")
        self.act_text_reset.setShortcut(QKeySequence("Ctrl+0"))

        self.scheme_group = QActionGroup(self)
        self.scheme_actions: dict[Scheme, QAction] = {}
        for scheme, text in ((Scheme.SYSTEM, "&System"), (Scheme.LIGHT, "&Light"), (Scheme.DARK, "&Dark")):
            act = self._action(text, lambda s=scheme: self.set_colour_scheme(s),
                               "Colours of the desktop" if scheme is Scheme.SYSTEM
                               else f"{text.strip('&')} colours, whatever the desktop uses")
            act.setCheckable(True)
            self.scheme_group.addAction(act)
            self.scheme_actions[scheme] = act

        self.act_guide = self._action("User &Guide", self.show_guide, "How to use Parallax (read offline)")
        self.act_guide.setShortcut(QKeySequence("F1"))
        self.act_shortcuts = self._action("&Keyboard Shortcuts", self.show_shortcuts,
                                          "Every keyboard shortcut of both windows")

    def _action(self, text: str, slot, tip: str) -> QAction:  # noqa: ANN001
        act = QAction(text, self.window)  # owned by the window: the shortcuts dialog groups by owner
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(act)  # keys work with the menu bar hidden
        return act

    # -- menus -------------------------------------------------------------------------

    def add_view_menu(self, bar: QMenuBar) -> QMenu:
        self.view_menu = bar.addMenu("&View")
        size_menu = self.view_menu.addMenu("&Text Size")
        size_menu.addActions([self.act_text_larger, self.act_text_smaller, self.act_text_reset])
        scheme_menu = self.view_menu.addMenu("&Colour Scheme")
        scheme_menu.addActions(list(self.scheme_actions.values()))
        return self.view_menu

    def add_help_actions(self, menu: QMenu) -> None:
        menu.addAction(self.act_guide)
        menu.addAction(self.act_shortcuts)
        menu.addSeparator()

    def adopt(self, other: QWidget) -> None:
        """Make the View and Help keys work in ``other`` (the comparison window) and size its text."""
        other.addActions([self.act_text_larger, self.act_text_smaller, self.act_text_reset,
                          self.act_guide, self.act_shortcuts])
        self._apply_text_step()

    # -- settings ----------------------------------------------------------------------

    def restore(self) -> None:
        """Apply the remembered scheme and text size (the defaults when unset or unreadable)."""
        s = _settings()
        try:
            scheme = Scheme(s.value(SCHEME_KEY, Scheme.SYSTEM.value))
        except ValueError:
            scheme = Scheme.SYSTEM  # written by a newer version, or edited by hand
        self.set_colour_scheme(scheme, remember=False)
        try:
            self._text_step = clamp_text_step(int(s.value(TEXT_STEP_KEY, 0)))
        except (TypeError, ValueError):
            self._text_step = 0
        self._apply_text_step()

    def text_step(self) -> int:
        """Steps of text size above (below, when negative) normal."""
        return self._text_step

    def set_text_step(self, step: int) -> None:
        """Text ``step`` steps larger (smaller) in the reader and the comparison panes; remembered."""
        self._text_step = clamp_text_step(step)
        _settings().setValue(TEXT_STEP_KEY, self._text_step)
        self._apply_text_step()

    def _apply_text_step(self) -> None:
        views = [self.window.reader.text_view]
        compare = self.window.compare_window
        if compare is not None:
            views += [compare.view.left, compare.view.right]
        for view in views:
            apply_text_step(view, self._text_step)
        self.act_text_larger.setEnabled(self._text_step < TEXT_STEPS.stop - 1)
        self.act_text_smaller.setEnabled(self._text_step > TEXT_STEPS.start)

    def scheme(self) -> Scheme:
        return next(s for s, act in self.scheme_actions.items() if act.isChecked())

    def set_colour_scheme(self, scheme: Scheme, *, remember: bool = True) -> None:
        """Colour the whole app by ``scheme``; open windows follow (the comparison re-marks itself)."""
        self.scheme_actions[scheme].setChecked(True)
        if remember:
            _settings().setValue(SCHEME_KEY, scheme.value)
        apply_scheme(scheme)

    # -- help --------------------------------------------------------------------------

    def show_shortcuts(self) -> ShortcutsDialog:
        """List every shortcut, read afresh from the actions of both windows."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        rows = collect_shortcuts([self.window, self.window.ensure_compare_window()])
        self.shortcuts_dialog = ShortcutsDialog(rows, self.window)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def show_guide(self) -> GuideDialog:
        """Open the bundled user guide (one window, raised if it is open already)."""
        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self.window)
        self.guide_dialog.show()
        self.guide_dialog.raise_()
        self.guide_dialog.activateWindow()
        return self.guide_dialog


def _settings() -> QSettings:
    from parallax.desktop.views.main_window import app_settings  # noqa: PLC0415 - it imports this module

    return app_settings()
