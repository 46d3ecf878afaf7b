"""The dossier list: an item model over ``DossierInfo`` and its view.

Depends on PySide6 and ``parallax.core.store.library`` (for the data class
only). The model is an adapter: it holds the plain list core returned and
exposes it through Qt roles; it never queries the store itself.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from parallax.core.store.library import DossierInfo

_Index = QModelIndex | QPersistentModelIndex


class DossierListModel(QAbstractListModel):
    """One row per dossier: "name (n)"; custom roles give the id and the info."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    InfoRole = Qt.ItemDataRole.UserRole + 2
    CountRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DossierInfo] = []

    def set_dossiers(self, dossiers: list[DossierInfo]) -> None:
        self.beginResetModel()
        self._rows = list(dossiers)
        self.endResetModel()

    def dossiers(self) -> list[DossierInfo]:
        return list(self._rows)

    def row_of(self, dossier_id: int) -> int:
        """Row of the dossier with ``dossier_id``, or -1."""
        return next((i for i, d in enumerate(self._rows) if d.id == dossier_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{d.name}  ({d.article_count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            n = d.article_count
            return f"{d.name}\n{n} article{'s' if n != 1 else ''}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{d.name}, {d.article_count} articles"
        if role == self.IdRole:
            return d.id
        if role == self.InfoRole:
            return d
        if role == self.CountRole:
            return d.article_count
        return None


class DossierListView(QListView):
    """The list on the left. Emits the selected dossier's id and context-menu requests."""

    dossier_selected = Signal(int)  # -1 when nothing is selected
    context_menu_requested = Signal(int, object)  # dossier id, global QPoint

    def __init__(self, model: DossierListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierList")
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setAccessibleName("Dossiers")
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.selectionModel().currentRowChanged.connect(self._on_current)

    def current_dossier_id(self) -> int:
        index = self.currentIndex()
        return index.data(DossierListModel.IdRole) if index.isValid() else -1

    def select_dossier(self, dossier_id: int) -> bool:
        """Make ``dossier_id`` current; False if it is not in the list."""
        row = self.model().row_of(dossier_id)
        if row < 0:
            return False
        self.setCurrentIndex(self.model().index(row, 0))
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.dossier_selected.emit(current.data(DossierListModel.IdRole) if current.isValid() else -1)

    def _on_context_menu(self, pos) -> None:  # noqa: ANN001 - QPoint
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
            self.context_menu_requested.emit(
                index.data(DossierListModel.IdRole), self.viewport().mapToGlobal(pos)
            )
