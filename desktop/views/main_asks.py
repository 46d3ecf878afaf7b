"""The main window's questions to the user: file pickers, names, confirmations.

Depends on PySide6 dialogs and ``parallax.desktop.actions``. Each ``ask_*`` method
asks what it must (a file, a name, "are you sure?") and hands the answer to one
action; nothing here touches the store. Split out of ``main_window`` as a mixin
so that module stays readable; ``MainWindow`` is its only user.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu

from parallax.core.store.portable import SUFFIX
from parallax.desktop import actions
from parallax.desktop.views import editing, report_export
from parallax.desktop.views.dialogs import PasteDialog, confirm

_SUPPORTED = "Articles (*.txt *.text *.md *.html *.htm *.docx *.pdf);;All files (*)"


class AskingMixin:
    """The ``ask_*`` slots of :class:`~parallax.desktop.views.main_window.MainWindow`."""

    def ask_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", _SUPPORTED)
        if files:
            actions.import_files(window=self, paths=[Path(f) for f in files])

    def ask_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles")
        if folder:
            actions.import_folder(window=self, folder=Path(folder))

    def ask_paste_article(self) -> None:
        dialog = PasteDialog(self)
        if dialog.exec():
            text, title, outlet = dialog.values()
            actions.paste_article(window=self, text=text, title=title, outlet=outlet, **dialog.details())

    def ask_new_dossier(self) -> None:
        name, ok = QInputDialog.getText(self, "New dossier", "Name of the new dossier:")
        if ok and name.strip():
            actions.new_dossier(window=self, name=name)

    def ask_rename_dossier(self) -> None:
        if self._dossier is None:
            return
        name, ok = QInputDialog.getText(self, "Rename dossier", "New name:",
                                        QLineEdit.EchoMode.Normal, self._dossier.name)
        if ok and name.strip() and name.strip() != self._dossier.name:
            actions.rename_dossier(window=self, dossier_id=self._dossier.id, name=name)

    def ask_delete_dossier(self) -> None:
        d = self._dossier
        if d is not None and confirm(
            self, "Delete dossier",
            f"Delete the dossier “{d.name}” and its {d.article_count} articles?\n"
            "Edit > Undo (Ctrl+Z) brings them back until you quit.", action="Delete dossier",
        ):
            actions.delete_dossier(window=self, dossier_id=d.id)

    def ask_delete_article(self) -> None:
        info = self.article_table.current_article()
        if info is not None and confirm(
            self, "Remove article",
            f"Remove “{info.display_title}” ({info.outlet or 'outlet unknown'}) "
            "from this dossier?\nEdit > Undo (Ctrl+Z) brings it back.", action="Remove article",
        ):
            actions.delete_article(window=self, article_id=info.id)

    def ask_export_dossier(self) -> None:
        d = self._dossier
        if d is None:
            return
        suggested = report_export.file_stem(d.name) + SUFFIX
        target, _ = QFileDialog.getSaveFileName(self, "Export dossier", suggested,
                                                f"Parallax dossier (*{SUFFIX})")
        if target:
            path = Path(target)
            actions.export_dossier(window=self, dossier_id=d.id,
                                   target=path if path.suffix else path.with_suffix(SUFFIX))

    def ask_export_report(self) -> None:
        """File > Export Report…: the reference article against every other article, by default."""
        d = self._dossier
        articles = self.article_table.model.articles()
        if d is None or len(articles) < 2:
            self.show_status("A report needs a dossier with two articles or more.")
            return
        pairs = report_export.dossier_pairs(articles, self.article_table.model.reference())
        dialog = report_export.ReportDialog(articles, pairs, dossier_name=d.name, parent=self)
        if dialog.exec():
            report_export.export_report(window=self, workspace=self.workspace, tasks=self.tasks,
                                        dossier_id=d.id, choice=dialog.choice())

    def ask_import_dossier_file(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, "Import dossier", "",
                                                f"Parallax dossier (*{SUFFIX});;All files (*)")
        if source:
            actions.import_dossier_file(window=self, source=Path(source))

    def ask_dossier_name_clash(self, *, source: Path, dossier: str) -> None:
        editing.ask_dossier_name_clash(self, source=source, dossier=dossier)

    def _on_dossier_menu(self, dossier_id: int, global_pos) -> None:  # noqa: ANN001 - QPoint
        menu = QMenu(self)
        menu.addAction(self.act_rename_dossier)
        menu.addAction(self.act_export_dossier)
        menu.addSeparator()
        menu.addAction(self.act_delete_dossier)
        menu.exec(global_pos)
