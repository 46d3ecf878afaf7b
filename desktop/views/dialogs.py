"""Dialogs of the main window: paste an article, import problems, About.

Depends on PySide6, ``parallax.core.errors`` (to list ``InputError``s) and the
date field and checks of :mod:`parallax.desktop.views.details`. The
import-problems dialog is non-modal: the window stays usable while it is open,
and tests find it as a child widget instead of patching a modal call.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from parallax.core.errors import InputError
from parallax.desktop.views.details import DateField, check_fields, problem_label

APP_NAME = "Parallax"
ABOUT_TEXT = (
    "<h3>Parallax</h3>"
    "<p>See how different outlets told the same news story: what they kept, "
    "reworded, added or left out.</p>"
    "<p>Everything stays on this computer; Parallax never uses the network.</p>"
)


class PasteDialog(QDialog):
    """Paste an article's text, with an optional title, outlet, date and URL."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pasteDialog")
        self.setWindowTitle("Paste article")
        self.resize(640, 480)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlaceholderText("Paste the article text here")
        self.text_edit.setAccessibleName("Article text")
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("optional")
        self.outlet_edit = QLineEdit(self)
        self.outlet_edit.setPlaceholderText("optional, e.g. Al Jazeera")
        self.date_field = DateField(self)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("optional, https://…")
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Outlet:", self.outlet_edit)
        form.addRow("&Date:", self.date_field)
        form.addRow("&URL:", self.url_edit)
        self.problem = problem_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add article")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(self._update_ok)
        self.date_field.text_changed.connect(self._update_ok)
        self.url_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        label = QLabel("&Text:", self)
        label.setBuddy(self.text_edit)
        layout.addWidget(label)
        layout.addWidget(self.text_edit, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._update_ok()

    def values(self) -> tuple[str, str | None, str | None]:
        """(text, title or None, outlet or None)."""
        title = self.title_edit.text().strip() or None
        outlet = self.outlet_edit.text().strip() or None
        return self.text_edit.toPlainText(), title, outlet

    def details(self) -> dict:
        """The date and URL as typed ({"published": ..., "url": ...}; None when empty)."""
        return {"published": self.date_field.text().strip() or None,
                "url": self.url_edit.text().strip() or None}

    def _update_ok(self) -> None:
        _, problem = check_fields({"published": self.date_field.text(), "url": self.url_edit.text()})
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text_edit.toPlainText().strip()) and not problem)


class ImportProblemsDialog(QDialog):
    """Lists every file that could not be imported, one line each, with its reason."""

    def __init__(self, errors: Sequence[InputError], *, added: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProblemsDialog")
        self.setWindowTitle("Some files were not imported")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, 300)
        n = len(errors)
        summary = QLabel(
            f"{n} file{'s' if n != 1 else ''} could not be imported"
            + (f"; {added} article{'s' if added != 1 else ''} were added." if added else "."),
            self,
        )
        summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Files not imported")
        for err in errors:
            item_text = str(err)
            self.list.addItem(item_text)
            self.list.item(self.list.count() - 1).setToolTip(err.source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal error box (the one place the app calls ``QMessageBox.critical``)."""
    QMessageBox.critical(parent, title, message)


def confirm(parent: QWidget | None, title: str, question: str, *, action: str) -> bool:
    """Ask before a destructive action; the default button is the safe one."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, parent=parent)
    ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def show_about(parent: QWidget | None, version: str) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", ABOUT_TEXT + f"<p>Version {version}</p>")
