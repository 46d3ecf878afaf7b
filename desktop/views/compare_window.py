"""The comparison window: the comparison view with a title and a status bar.

Depends on PySide6, ``compare_view`` and ``report_export`` (Export this
Comparison…). The main window keeps one of these and re-targets it (pickers
inside switch pairs), so comparing does not litter the desktop with windows. Closing it stops its running comparison only; the
task runner is the app's.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from parallax.core.store.library import ArticleInfo
from parallax.core.workspace import Workspace
from parallax.desktop.tasks import TaskRunner
from parallax.desktop.views import report_export
from parallax.desktop.views.compare_view import CompareView

STATUS_TIMEOUT_MS = 8000


class CompareWindow(QMainWindow):
    """A top-level window around one :class:`CompareView`."""

    def __init__(self, workspace: Workspace | None, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.view = CompareView(workspace, tasks, self)
        self.setCentralWidget(self.view)
        self.statusBar()  # created now, so it is laid out before the first message
        self.view.status_message.connect(lambda msg: self.statusBar().showMessage(msg, STATUS_TIMEOUT_MS))
        self.view.comparison_shown.connect(lambda *_: self._update_title())
        # An action, not a bare QShortcut: Help > Keyboard Shortcuts lists actions only.
        self.act_close = QAction("Close Window", self)
        self.act_close.setShortcut(QKeySequence("Ctrl+W"))
        self.act_close.setStatusTip("Close the comparison window")
        self.act_close.triggered.connect(lambda _checked=False: self.close())
        self.addAction(self.act_close)
        self.act_export = QAction("Export this Comparison…", self)
        self.act_export.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.act_export.setStatusTip("Write a PDF or HTML report of the pair on screen")
        self.act_export.triggered.connect(lambda _checked=False: self.ask_export())
        self.addAction(self.act_export)
        self.view.toolbar.addSeparator()
        self.view.toolbar.addAction(self.act_export)
        self.resize(1280, 800)
        self._update_title()
        geometry = _settings().value("compare/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def open_pair(self, articles: list[ArticleInfo], a_id: int, b_id: int) -> None:
        """Offer ``articles`` in the pickers and compare ``a_id`` (left) with ``b_id`` (right)."""
        self.view.set_articles(articles)
        self.view.compare(a_id, b_id)
        self._update_title()
        self.show()
        self.raise_()
        self.activateWindow()
        self.view.left.setFocus()  # F7 and friends work at once

    def refresh(self, articles: list[ArticleInfo]) -> None:
        """Follow the store: ``articles`` is the shown dossier's list as just read (see
        :meth:`CompareView.refresh`)."""
        self.view.refresh(articles, load=self.isVisible())
        self._update_title()

    def ask_export(self) -> None:
        """Ask how to export the pair on screen (PDF or HTML, file, blind), then export it."""
        pair = self.view.current_pair()
        articles = self.view.articles()
        if pair is None or self.view.workspace is None or not articles:
            self.statusBar().showMessage("Choose two articles to compare first.", STATUS_TIMEOUT_MS)
            return
        dossier_id = next(a.dossier_id for a in articles if a.id == pair[0])
        name = f"{self.view.article_name(pair[0])} vs {self.view.article_name(pair[1])}"
        dialog = report_export.ReportDialog(articles, [pair], dossier_name=name,
                                            title="Export this comparison", parent=self)
        if dialog.exec():
            report_export.export_report(window=self, workspace=self.view.workspace, tasks=self.view.tasks,
                                        dossier_id=dossier_id, choice=dialog.choice())

    def _update_title(self) -> None:
        pair = self.view.current_pair()
        if pair is None:
            self.setWindowTitle("Compare — Parallax")
            return
        a, b = (self.view.article_name(i) for i in pair)
        self.setWindowTitle(f"{a} ⇄ {b} — Compare — Parallax")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.view.cancel()
        _settings().setValue("compare/geometry", self.saveGeometry())
        super().closeEvent(event)


def _settings():  # noqa: ANN201 - QSettings
    from parallax.desktop.views.main_window import app_settings as settings  # noqa: PLC0415 - imports this

    return settings()
