"""The article table of a dossier (outlet, title, date, language, words) with its empty state.

Depends on PySide6, ``parallax.core.store.library`` (data class only) and the
language names of ``parallax.core.ingest.language``. The
model adapts the plain ``ArticleInfo`` list core returns; a sort proxy sits
between it and the view so the user can sort by any column.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

from parallax.core.ingest.language import english_models_apply, language_name
from parallax.core.store.library import ArticleInfo

_Index = QModelIndex | QPersistentModelIndex

EMPTY_TEXT = "No articles yet — File > Import or drop files here"
MISSING = "—"
REFERENCE_MARK = "★ "
REFERENCE_TIP = ("Reference article: Compare (Ctrl+D) and double-click show it on the left. "
                 "Change it with Use as Reference.")


class ArticleTableModel(QAbstractTableModel):
    """Rows are articles; columns are :attr:`COLUMNS`. Custom roles are class constants."""

    COLUMNS = ("Outlet", "Title", "Date", "Language", "Words")
    OUTLET, TITLE, DATE, LANGUAGE, WORDS = range(5)
    IdRole = Qt.ItemDataRole.UserRole + 1
    InfoRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleInfo] = []
        self._reference: int | None = None

    def set_articles(self, articles: list[ArticleInfo], *, reference: int | None = None) -> None:
        """Show ``articles``; ``reference`` is marked with a star (and says so in its tooltip)."""
        self.beginResetModel()
        self._rows = list(articles)
        self._reference = reference
        self.endResetModel()

    def reference(self) -> int | None:
        return self._reference

    def articles(self) -> list[ArticleInfo]:
        return list(self._rows)

    def row_of(self, article_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == article_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201,E501
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(a, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.LANGUAGE:
                return _language_tip(a.language)
            untitled = "" if a.title else "(no title; the opening words are shown)\n"
            reference = f"\n{REFERENCE_TIP}" if a.id == self._reference else ""
            return f"{a.display_title}\n{untitled}{a.outlet or 'outlet unknown'} · {a.source_name}{reference}"
        if role == Qt.ItemDataRole.FontRole and col == self.TITLE and not a.title:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return a.id
        if role == self.InfoRole:
            return a
        if role == self.SortRole:
            return self._sort_key(a, col)
        return None

    def _display(self, a: ArticleInfo, col: int) -> str:
        if col == self.OUTLET:
            # A star, not a colour, so the reference shows without colour vision too.
            return (REFERENCE_MARK if a.id == self._reference else "") + (a.outlet or MISSING)
        if col == self.TITLE:
            return a.display_title
        if col == self.DATE:
            return a.published.isoformat() if a.published else MISSING
        if col == self.LANGUAGE:
            return language_name(a.language) or MISSING
        return f"{a.word_count:,}"

    def _sort_key(self, a: ArticleInfo, col: int):  # noqa: ANN202
        if col == self.WORDS:
            return a.word_count
        if col == self.DATE:
            return a.published.isoformat() if a.published else ""
        if col == self.OUTLET:
            return (a.outlet or MISSING).casefold()  # the star does not sort first
        return self._display(a, col).casefold()


def _language_tip(code: str | None) -> str:
    if code is None:
        return "Language unknown (the text is too short or too mixed to tell)"
    if english_models_apply(code):
        return language_name(code)
    return f"{language_name(code)}: names and paraphrase matching are off for this article"


class ArticleTable(QStackedWidget):
    """The table, or the empty-state message when the dossier has no articles."""

    article_selected = Signal(int)  # -1 when nothing is selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ArticleTableModel.SortRole)

        self.view = QTableView(self)
        self.view.setObjectName("articleTable")
        self.view.setAccessibleName("Articles")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until asked
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ArticleTableModel.OUTLET, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ArticleTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleTableModel.DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArticleTableModel.LANGUAGE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArticleTableModel.WORDS, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(ArticleTableModel.OUTLET, 150)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setObjectName("emptyArticles")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_label.setFont(font)

        self.addWidget(self.view)
        self.addWidget(self.empty_label)

    def set_articles(self, articles: list[ArticleInfo], *, reference: int | None = None) -> None:
        """Show ``articles`` (the empty-state message if there are none), ``reference`` starred."""
        self.model.set_articles(articles, reference=reference)
        self.setCurrentWidget(self.view if articles else self.empty_label)

    def is_empty_shown(self) -> bool:
        return self.currentWidget() is self.empty_label

    def current_article_id(self) -> int:
        index = self.view.currentIndex()
        return index.data(ArticleTableModel.IdRole) if index.isValid() else -1

    def current_article(self) -> ArticleInfo | None:
        index = self.view.currentIndex()
        return index.data(ArticleTableModel.InfoRole) if index.isValid() else None

    def select_article(self, article_id: int) -> bool:
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        shown = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectRow(shown.row())
        # Just after a reload the view's scroll range is stale (its layout is
        # deferred), so selectRow's own scroll can leave the row under the edge.
        self.view.doItemsLayout()
        self.view.scrollTo(shown)
        return True

    def select_row(self, row: int) -> None:
        """Select the ``row``-th row as shown (after sorting)."""
        if 0 <= row < self.proxy.rowCount():
            self.view.selectRow(row)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.article_selected.emit(current.data(ArticleTableModel.IdRole) if current.isValid() else -1)
