"""The Edit Details dialog (outlet, title, author, date, URL) and its date field.

Depends on PySide6 and ``parallax.core.store.library`` (its data class and
``clean_details``, so the dialog, the CLI and the store check details the same
way). Problems are shown as they are typed, one line naming the field, and
Save stays disabled until they are fixed; the date field takes typed dates
(ISO or written out) or a pick from a calendar.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from parallax.core.errors import InputError
from parallax.core.store.library import ArticleInfo, article_details, clean_details

DATE_HINT = "YYYY-MM-DD, e.g. 2021-07-24"
# Field labels, as the source of a problem (the dialog shows only the reason).
FIELD_LABELS = {"outlet": "Outlet", "title": "Title", "author": "Author", "published": "Date", "url": "URL"}


class DateField(QWidget):
    """A line edit for a typed date with a button that opens a calendar."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(f"{DATE_HINT} (or July 24, 2021)")
        self.edit.setAccessibleName("Publication date")
        self.edit.textChanged.connect(self.text_changed)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        self.button = QToolButton(self)
        self.button.setText("Calendar…")
        self.button.setToolTip("Pick the date from a calendar")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - reads like the QLineEdit it wraps
        self.edit.setText(text)

    def _sync_calendar(self) -> None:
        try:
            day = clean_details("Date", published=self.text()).get("published")
        except InputError:
            day = None
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        if self.button.menu() is not None:
            self.button.menu().hide()


def check_fields(values: dict[str, str]) -> tuple[dict[str, Any], str]:
    """Cleaned values and the first problem ("" if none), each field checked on its own."""
    cleaned: dict[str, Any] = {}
    for key, text in values.items():
        try:
            cleaned.update(clean_details(FIELD_LABELS[key], **{key: text}))
        except InputError as exc:
            # The reasons name their field ("unreadable date …", "URL must …").
            return cleaned, exc.reason[:1].upper() + exc.reason[1:]
    return cleaned, ""


def problem_label(parent: QWidget) -> QLabel:
    """The one-line problem under a form: said in words, not only by colour."""
    label = QLabel(parent)
    label.setObjectName("detailsProblem")
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class EditDetailsDialog(QDialog):
    """Correct an article's outlet, title, author, date and URL."""

    def __init__(self, info: ArticleInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editDetailsDialog")
        self.setWindowTitle("Edit details")
        self.setMinimumWidth(560)
        self._info = info
        self.outlet_edit = QLineEdit(info.outlet or "", self)
        self.outlet_edit.setPlaceholderText("e.g. The New York Times")
        self.title_edit = QLineEdit(info.title or "", self)
        self.title_edit.setPlaceholderText(info.lead or "no title")
        self.author_edit = QLineEdit(info.author or "", self)
        self.date_field = DateField(self)
        self.date_field.setText(info.published.isoformat() if info.published else "")
        self.url_edit = QLineEdit(info.url or "", self)
        self.url_edit.setPlaceholderText("https://…")
        form = QFormLayout()
        form.addRow("&Outlet:", self.outlet_edit)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Author:", self.author_edit)
        form.addRow("&Date:", self.date_field)
        form.addRow("&URL:", self.url_edit)
        source = QLabel(f"Source file: {info.source_name}   ·   {info.word_count:,} words", self)
        source.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem = problem_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.outlet_edit, self.title_edit, self.author_edit, self.url_edit):
            edit.textChanged.connect(self._check)
        self.date_field.text_changed.connect(self._check)
        self._initial = self.values()
        self._check()

    def values(self) -> dict[str, str]:
        return {"outlet": self.outlet_edit.text(), "title": self.title_edit.text(),
                "author": self.author_edit.text(), "published": self.date_field.text(),
                "url": self.url_edit.text()}

    def changes(self) -> dict[str, Any]:
        """The cleaned fields that differ from the article's, as ``update_article_details`` takes them."""
        cleaned, problem = check_fields(self._edited())
        if problem:
            return {}
        before = article_details(self._info)
        return {k: v for k, v in cleaned.items() if v != before[k]}

    def _edited(self) -> dict[str, str]:
        # Only what the user touched is checked: an odd URL an import stored must
        # not stop them from correcting the outlet.
        return {k: v for k, v in self.values().items() if v != self._initial[k]}

    def _check(self) -> None:
        _, problem = check_fields(self._edited())
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
