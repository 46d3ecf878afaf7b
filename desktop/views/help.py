"""The Help menu's dialogs: every keyboard shortcut, and the bundled user guide.

Depends on PySide6, ``parallax.resources`` (the guide's HTML) and the find
bar class (to name its group). The shortcut list is read from the windows'
QActions each time it opens, grouped by window and menu, so it cannot drift
from the keys that really work; nothing here lists a key by hand.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parallax.desktop.views.findbar import SearchBar
from parallax.resources import resource_path

# What users call each window; an unknown window shows its object name.
WINDOW_NAMES = {"mainWindow": "Main window", "compareWindow": "Comparison window"}
GUIDE = "guide.html"


@dataclass(frozen=True)
class ShortcutRow:
    group: str  # "Main window — File"
    command: str  # "Import Files"
    keys: tuple[str, ...]  # ("Ctrl+O",)
    description: str = ""  # the action's tip, when it says more than the command


def command_text(action: QAction) -> str:
    """The action's menu text without the mnemonic '&' and the trailing '…'."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def _keys(action: QAction) -> tuple[str, ...]:
    return tuple(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def description_text(action: QAction) -> str:
    """The status tip, else the tool tip without the keys it ends with; "" if only the command again."""
    tip = action.statusTip() or action.toolTip()
    keys = [k.toString() for k in action.shortcuts()]
    if tip.endswith(")") and "(" in tip and any(k in tip[tip.rindex("("):] for k in keys):
        tip = tip[:tip.rindex("(")]
    tip = tip.strip()
    return "" if tip.lower() == command_text(action).lower() else tip


def collect_shortcuts(windows: Sequence[QMainWindow]) -> list[ShortcutRow]:
    """Every action with a shortcut in ``windows``: menus first (in menu order), then the rest.

    An action belongs to the window of the widget that owns it; one in a menu
    of that window's menu bar is grouped by the menu, one in a find bar by the
    bar, any other by the window alone. Rows of one command in one group (Enter
    and F3 both mean "Next match") are merged.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    descriptions: dict[tuple[str, str], str] = {}

    def add(group: str, action: QAction, prefix: str = "") -> None:
        keys = _keys(action)
        if keys:
            key = (group, prefix + command_text(action))
            merged = rows.setdefault(key, [])
            merged.extend(k for k in keys if k not in merged)
            descriptions.setdefault(key, description_text(action))

    for window in windows:
        name = WINDOW_NAMES.get(window.objectName(), window.objectName() or "Window")
        seen: set[int] = set()
        bar = window.menuWidget()  # None when the window has no menu bar (never create one)
        for top in bar.actions() if bar is not None else ():
            if top.menu() is not None:
                _walk_menu(top.menu(), f"{name} — {command_text(top)}", add, seen)
        rest = [(_group_of(a.parent(), name), a) for a in window.findChildren(QAction)
                if id(a) not in seen and isinstance(a.parent(), QWidget) and a.parent().window() is window]
        for group, action in sorted(rest, key=lambda ga: ga[0] != name):  # the window's own keys first
            add(group, action)
    return [ShortcutRow(group, command, tuple(keys), descriptions[group, command])
            for (group, command), keys in rows.items()]


def _walk_menu(menu: QMenu, group: str, add, seen: set[int], prefix: str = "") -> None:  # noqa: ANN001
    for action in menu.actions():
        seen.add(id(action))
        sub = action.menu()
        if sub is not None:
            _walk_menu(sub, group, add, seen, f"{prefix}{command_text(action)}: ")
        elif not action.isSeparator():
            add(group, action, prefix)


def _group_of(owner: QWidget, window_name: str) -> str:
    widget: QWidget | None = owner
    while widget is not None:
        if isinstance(widget, SearchBar):
            return f"{window_name} — {widget.edit.placeholderText()}"
        widget = widget.parentWidget()
    return window_name


class ShortcutsDialog(QDialog):
    """A tree of shortcut groups, each listing command and keys."""

    def __init__(self, rows: Sequence[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Command", "Keys", "What it does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            group = groups.get(row.group)
            if group is None:
                group = groups[row.group] = QTreeWidgetItem(self.tree, [row.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
            QTreeWidgetItem(group, [row.command, ", ".join(row.keys), row.description])
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(760, 660)


class GuideDialog(QDialog):
    """The user guide (``resources/guide.html``), read offline; links stay inside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("Parallax User Guide")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)  # offline: nothing is ever fetched
        self.browser.setSource(QUrl.fromLocalFile(str(resource_path(GUIDE))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 760)
