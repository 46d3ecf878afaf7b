"""The main window: dossiers on the left, their articles in a table, a reader pane.

Depends on PySide6, the core ``Workspace`` (reads, run on the task runner),
``parallax.desktop.actions`` (every user action) and the views beside this
module. Every store call runs in the background; each result is checked on
arrival against what is on screen and dropped if the user moved on meanwhile.
Window geometry, splitter and header state and recent dossiers live in
QSettings (organisation and application "Parallax", INI format).

Comparing: one comparison window (``compare_window``) is kept and re-targeted.
Double-clicking an article (or Compare, Ctrl+D) compares it, on the right,
with the dossier's *reference* article on the left: the one chosen with "Use as
Reference" (kept in the store), else the earliest-published article (the likely
source; the first row if none is dated), starred in the table. So a journalist
who reads one source against each rewrite keeps the source on the left while
double-clicking down the list. "Compare With" in the table's context menu picks
the right one explicitly; the pickers and the swap button in the window change
either side. Every reload of the dossier's articles is passed on to the window,
so it never shows an article the store no longer has.

View > Text Size and View > Colour Scheme (``appearance``) apply to the reader
and the comparison panes and are remembered in QSettings; Help lists every
shortcut (read from the actions) and opens the bundled user guide (``view_help``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QToolBar,
    QWidget,
)

from parallax.core.errors import InputError
from parallax.core.store.library import ArticleText, DossierInfo, pick_reference
from parallax.core.workspace import Workspace
from parallax.desktop import actions
from parallax.desktop.tasks import TaskRunner
from parallax.desktop.undo import History
from parallax.desktop.views.articles import ArticleTable, ArticleTableModel
from parallax.desktop.views.dialogs import (
    ImportProblemsDialog,
    show_about,
    show_error,
)
from parallax.desktop.views import editing
from parallax.desktop.views.dossiers import DossierListModel, DossierListView
from parallax.desktop.views.icons import app_icon, themed_icon
from parallax.desktop.views.labels import elide_words
from parallax.desktop.views.main_asks import AskingMixin
from parallax.desktop.views.reader import ReaderPane
from parallax.desktop.views.view_help import ViewAndHelp

if TYPE_CHECKING:
    from parallax.desktop.views.compare_window import CompareWindow

APP_NAME = "Parallax"
ORGANISATION = "Parallax"
MAX_RECENT = 8
STATUS_TIMEOUT_MS = 8000
BUSY_DELAY_MS = 300


def app_settings() -> QSettings:
    """The app's settings file (INI everywhere, so tests can redirect it with setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APP_NAME)


class MainWindow(AskingMixin, QMainWindow):
    """Dossier list | article table over reader pane. Build it with ``build_main_window``."""

    def __init__(self, workspace: Workspace, *, version: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.version = version
        self.tasks = TaskRunner(self)
        self.history = History(self)  # edits, removals and moves, undoable in order
        self._dossier: DossierInfo | None = None
        self._article_id = -1
        self._want_dossier: int | None = None
        self._want_article: int | None = None
        self._dossier_seq = 0  # only the latest dossier-list load is applied
        self._articles_seq = 0  # ... and article-list load
        self.problem_dialogs: list[ImportProblemsDialog] = []
        self.compare_window: CompareWindow | None = None

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self.view_help = ViewAndHelp(self)
        self._build_menus()
        self._build_status_bar()
        self.tasks.busy_changed.connect(self._on_busy)
        self.tasks.progressed.connect(self._on_progress)
        self.tasks.task_failed.connect(lambda exc: self.show_error("Error", str(exc)))
        self._update_title()
        self._update_enabled()
        self.restore_state()
        self.view_help.restore()

    # -- building -----------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.dossier_model = DossierListModel(self)
        self.dossier_list = DossierListView(self.dossier_model, self)
        self.dossier_list.dossier_selected.connect(self._on_dossier_selected)
        self.dossier_list.context_menu_requested.connect(self._on_dossier_menu)
        self.article_table = ArticleTable(self)
        self.article_table.article_selected.connect(self._on_article_selected)
        self.article_table.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.article_table.view.doubleClicked.connect(self._on_article_double_clicked)
        self.reader = ReaderPane(self)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(self.article_table)
        self.right_splitter.addWidget(self.reader)
        self.right_splitter.setStretchFactor(0, 1)
        self.right_splitter.setStretchFactor(1, 3)
        self.right_splitter.setSizes([220, 560])
        self.right_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.dossier_list)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([260, 1020])
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.resize(1280, 800)

    def _action(self, text: str, slot, *, shortcut: str | None = None, icon: str | None = None,  # noqa: ANN001
                tip: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        if icon:
            act.setIcon(themed_icon(icon))
            act.setProperty("iconName", icon)  # drawn again in the ink of a new colour scheme
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)  # shortcuts work even with the menu bar hidden
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.act_import_files = a("&Import Files…", self.ask_import_files, shortcut="Ctrl+O",
                                  icon="import-file", tip="Import article files into this dossier")
        self.act_import_folder = a("Import &Folder…", self.ask_import_folder, shortcut="Ctrl+Shift+O",
                                   icon="import-folder", tip="Import every article file in a folder")
        self.act_paste = a("&Paste Article…", self.ask_paste_article, shortcut="Ctrl+Shift+V",
                           icon="paste", tip="Add an article from pasted text")
        self.act_new_dossier = a("&New Dossier…", self.ask_new_dossier, shortcut="Ctrl+N",
                                 icon="new-dossier", tip="Create an empty dossier")
        self.act_import_dossier = a("Import &Dossier File…", self.ask_import_dossier_file,
                                    tip="Add a dossier from a .parallax file")
        self.act_export_dossier = a("&Export Dossier…", self.ask_export_dossier, icon="export",
                                    tip="Save this dossier as one .parallax file")
        self.act_export_report = a("Export &Report…", self.ask_export_report, shortcut="Ctrl+Shift+E",
                                   tip="Write a PDF or HTML report of this dossier's comparisons")
        self.act_quit = a("&Quit", self.close, shortcut="Ctrl+Q", tip="Close Parallax (your library is saved as you go)")
        self.act_rename_dossier = a("&Rename Dossier…", self.ask_rename_dossier, shortcut="F2",
                                    tip="Give the selected dossier another name")
        self.act_delete_dossier = a("Delete Dossier…", self.ask_delete_dossier)
        self.act_delete_article = a("Re&move Article…", self.ask_delete_article, shortcut="Delete",
                                    icon="delete", tip="Remove the selected article from the dossier")
        self.act_undo, self.act_redo = editing.undo_actions(self)
        self.act_edit_details = a("&Edit Details…", lambda: editing.ask_edit_details(self), shortcut="Ctrl+E",
                                  tip="Correct this article's outlet, title, author, date or URL")
        self.move_menu, self.act_move = editing.move_menu(self)
        self.reader.edit_details_requested.connect(self.act_edit_details.trigger)
        self.act_find = a("&Find in Article…", self.reader.open_find, shortcut="Ctrl+F", icon="find",
                          tip="Find words in the article being read")
        self.act_compare = a("&Compare Articles", self.compare_current, shortcut="Ctrl+D", icon="compare",
                             tip="Compare this article with the reference article, side by side")
        self.compare_with_menu = QMenu("Compare &With", self)
        self.compare_with_menu.aboutToShow.connect(self._fill_compare_with_menu)
        self.act_compare_with = self.compare_with_menu.menuAction()
        self.act_use_reference = a("Use as &Reference", self.use_as_reference,
                                   tip="Compare the other articles with this one, shown on the left")
        self.act_about = a("&About Parallax", lambda: show_about(self, self.version))
        self.act_about_qt = a("About &Qt", self._about_qt)
        self.article_table.view.addAction(self.act_compare)
        self.article_table.view.addAction(self.act_compare_with)
        self.article_table.view.addAction(self.act_edit_details)
        self.article_table.view.addAction(self.act_move)
        self.article_table.view.addAction(self.act_use_reference)
        self.article_table.view.addAction(self.act_delete_article)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for act in (self.act_import_files, self.act_import_folder, self.act_paste):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_new_dossier)
        self.recent_menu = file_menu.addMenu("Recent &Dossiers")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import_dossier)
        file_menu.addAction(self.act_export_dossier)
        file_menu.addAction(self.act_export_report)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        self.edit_menu = edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_edit_details, self.act_move, self.act_delete_article,
                              self.act_use_reference])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_rename_dossier, self.act_delete_dossier])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)

        self.view_help.add_view_menu(bar)

        compare_menu = bar.addMenu("&Compare")
        compare_menu.addAction(self.act_compare)
        compare_menu.addMenu(self.compare_with_menu)

        help_menu = bar.addMenu("&Help")
        self.view_help.add_help_actions(help_menu)
        help_menu.addAction(self.act_about)
        help_menu.addAction(self.act_about_qt)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (self.act_import_files, self.act_import_folder, self.act_paste, self.act_new_dossier):
            toolbar.addAction(act)
        toolbar.addSeparator()
        toolbar.addAction(self.act_compare)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("taskProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.busy_label.hide()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.progress)
        # Quick loads finish before this fires, so the bar does not flicker.
        self._busy_delay = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_delay.timeout.connect(self._show_busy)

    # -- what actions report to ---------------------------------------------------

    def current_dossier(self) -> DossierInfo | None:
        return self._dossier

    def current_article_id(self) -> int:
        return self._article_id

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def show_error(self, title: str, message: str) -> None:
        show_error(self, title, message)

    def show_import_problems(self, errors: list[InputError], *, added: int) -> ImportProblemsDialog:
        """Open the non-modal list of files that failed, one InputError line each."""
        dialog = ImportProblemsDialog(errors, added=added, parent=self)
        self.problem_dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_: self.problem_dialogs.remove(dialog)
                                 if dialog in self.problem_dialogs else None)
        dialog.show()
        return dialog

    def refresh(self, *, select_dossier: int | None = None, select_article: int | None = None) -> None:
        """Reload dossiers (then the current one's articles) from the store.

        Args:
            select_dossier: make this dossier current once loaded (else keep the current one).
            select_article: then select this article (else keep the current one).
        """
        self._want_dossier = select_dossier if select_dossier is not None else (
            self._dossier.id if self._dossier else None)
        self._want_article = select_article if select_article is not None else (
            self._article_id if self._article_id >= 0 else None)
        self._dossier_seq += 1
        seq = self._dossier_seq
        ws = self.workspace
        self.tasks.run(
            lambda _ctx: ws.dossiers(),
            label="Loading dossiers…",
            on_done=lambda dossiers: self._on_dossiers_loaded(seq, dossiers),
            on_error=lambda exc: self.show_error("Cannot read the library", str(exc)),
        )

    # -- loading, with stale results dropped ---------------------------------------

    def _on_dossiers_loaded(self, seq: int, dossiers: list[DossierInfo]) -> None:
        if seq != self._dossier_seq:
            return  # a newer reload is on its way
        want = self._want_dossier
        self.dossier_model.set_dossiers(dossiers)
        shown = self.compare_window.view.dossier_id() if self.compare_window is not None else None
        if shown is not None and shown not in {d.id for d in dossiers}:
            self.compare_window.refresh([])  # its dossier is gone
        if not dossiers:
            self._on_dossier_selected(-1)
            return
        if want is None or not self.dossier_list.select_dossier(want):
            self.dossier_list.select_dossier(dossiers[0].id)

    def _on_dossier_selected(self, dossier_id: int) -> None:
        row = self.dossier_model.row_of(dossier_id)
        previous = self._dossier.id if self._dossier else None
        self._dossier = self.dossier_model.dossiers()[row] if row >= 0 else None
        if dossier_id != previous:
            self._want_article = None if self._want_dossier != dossier_id else self._want_article
        self._update_title()
        self._update_enabled()
        if self._dossier is None:
            self._articles_seq += 1
            self.article_table.set_articles([])
            self.reader.show_article(None)
            return
        self._remember_recent(dossier_id)
        self._articles_seq += 1
        seq = self._articles_seq
        ws = self.workspace
        self.tasks.run(
            lambda _ctx: (ws.articles(dossier_id), ws.reference_article(dossier_id)),
            label="Loading articles…",
            on_done=lambda loaded: self._on_articles_loaded(seq, dossier_id, *loaded),
            on_error=lambda exc: self.show_error("Cannot read the dossier", str(exc)),
        )

    def _on_articles_loaded(self, seq: int, dossier_id: int, articles: list,
                            chosen: int | None = None) -> None:
        if seq != self._articles_seq or self._dossier is None or self._dossier.id != dossier_id:
            return  # the user switched dossier meanwhile
        want = self._want_article
        self._want_article = None
        self.article_table.set_articles(articles, reference=pick_reference(articles, chosen))
        if self.compare_window is not None and self.compare_window.view.dossier_id() == dossier_id:
            self.compare_window.refresh(articles)
        if not articles:
            self._on_article_selected(-1)
        elif want is None or not self.article_table.select_article(want):
            self.article_table.select_row(0)

    def _on_article_selected(self, article_id: int) -> None:
        self._article_id = article_id
        self._update_enabled()
        if article_id < 0:
            self.reader.show_article(None)
            return
        ws = self.workspace

        def load(_ctx) -> ArticleText | None:  # noqa: ANN001 - the task's context
            try:
                return ws.article(article_id)
            except InputError:
                if ws.has_article(article_id):
                    raise
                return None  # removed since it was selected: the table's refresh follows

        self.tasks.run(
            load,
            label="Opening article…",
            on_done=lambda article: self._on_article_loaded(article_id, article),
            on_error=lambda exc: self.show_error("Cannot open the article", str(exc)),
        )

    def _on_article_loaded(self, article_id: int, article: ArticleText | None) -> None:
        if article_id != self._article_id:
            return  # another row was selected meanwhile
        self.reader.show_article(article)

    # -- comparing ------------------------------------------------------------------

    def open_compare(self, a_id: int, b_id: int) -> CompareWindow:
        """Show the comparison window with ``a_id`` on the left and ``b_id`` on the right."""
        window = self.ensure_compare_window()
        window.open_pair(self.article_table.model.articles(), a_id, b_id)
        return window

    def ensure_compare_window(self) -> CompareWindow:
        """The one comparison window, made (hidden) on first use with the View settings applied."""
        if self.compare_window is None:
            # Imported on first use: it pulls in the engine (numpy, scipy), which the
            # window does not need to start.
            from parallax.desktop.views.compare_window import CompareWindow

            self.compare_window = CompareWindow(self.workspace, self.tasks, self)
            self.view_help.adopt(self.compare_window)
        return self.compare_window

    def compare_reference(self, article_id: int) -> int | None:
        """The article to show on the left when ``article_id`` is compared (see the module doc)."""
        reference = self.article_table.model.reference()
        if reference is not None and reference != article_id:
            return reference
        # the reference itself: compared with the one the rule picks among the others
        others = [a for a in self.article_table.model.articles() if a.id != article_id]
        return pick_reference(others, None)

    def use_as_reference(self) -> None:
        """Make the current article the dossier's reference (Compare shows it on the left)."""
        article_id = self.article_table.current_article_id()
        if article_id >= 0:
            actions.set_reference_article(window=self, article_id=article_id)

    def compare_current(self) -> None:
        """Compare the current article (right) with the reference article (left)."""
        self.compare_article(self.article_table.current_article_id())

    def compare_article(self, article_id: int) -> None:
        if article_id < 0:
            return
        reference = self.compare_reference(article_id)
        if reference is None:
            self.show_status("A comparison needs two articles in the dossier.")
            return
        pair = self.compare_window.view.current_pair() if self.compare_window is not None else None
        if pair is not None and pair[0] == article_id and pair[1] != article_id:
            self.open_compare(article_id, pair[1])  # it is the reference already: reopen as it was
        else:
            self.open_compare(reference, article_id)

    def _on_article_double_clicked(self, index) -> None:  # noqa: ANN001 - QModelIndex
        article_id = index.data(ArticleTableModel.IdRole)
        if article_id is not None:
            self.compare_article(int(article_id))

    def _fill_compare_with_menu(self) -> None:
        self.compare_with_menu.clear()
        current = self.article_table.current_article_id()
        for info in self.article_table.model.articles():
            if info.id == current:
                continue
            act = self.compare_with_menu.addAction(f"{info.label} — {elide_words(info.display_title, 60)}")
            act.triggered.connect(lambda _c=False, other=info.id: self.open_compare(current, other))
        if self.compare_with_menu.isEmpty():
            self.compare_with_menu.addAction("(no other article)").setEnabled(False)

    def _about_qt(self) -> None:
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        QApplication.aboutQt()

    # -- colour scheme ---------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Icons are drawn in the palette's ink (icons.py): draw them again.
            for act in self.findChildren(QAction):
                name = act.property("iconName")
                if name:
                    act.setIcon(themed_icon(name, self.palette()))

    # -- drag and drop ------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if _local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802,ANN001 - Qt override
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = _local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            actions.import_files(window=self, paths=paths)

    # -- recent dossiers, window state ----------------------------------------------

    def recent_dossier_ids(self) -> list[int]:
        raw = app_settings().value("recent/dossiers", []) or []
        if isinstance(raw, str):
            raw = [raw]
        return [int(x) for x in raw if str(x).isdigit()]

    def _remember_recent(self, dossier_id: int) -> None:
        ids = [dossier_id] + [i for i in self.recent_dossier_ids() if i != dossier_id]
        app_settings().setValue("recent/dossiers", [str(i) for i in ids[:MAX_RECENT]])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        known = {d.id: d for d in self.dossier_model.dossiers()}
        for dossier_id in self.recent_dossier_ids():
            d = known.get(dossier_id)
            if d is not None:
                act = self.recent_menu.addAction(d.name)
                act.triggered.connect(lambda _c=False, i=d.id: self.dossier_list.select_dossier(i))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def restore_state(self) -> None:
        s = app_settings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, widget in (("window/main_splitter", self.main_splitter),
                            ("window/right_splitter", self.right_splitter),
                            ("window/article_header", self.article_table.view.horizontalHeader())):
            state = s.value(key)
            if state is not None:
                widget.restoreState(state)

    def save_state(self) -> None:
        s = app_settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/main_splitter", self.main_splitter.saveState())
        s.setValue("window/right_splitter", self.right_splitter.saveState())
        s.setValue("window/article_header", self.article_table.view.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        for dialog in list(self.problem_dialogs):
            dialog.close()
        if self.compare_window is not None:
            self.compare_window.close()
        self.tasks.cancel_all()
        self.tasks.wait_for_done()  # no worker may outlive the store it reads
        super().closeEvent(event)

    # -- small helpers --------------------------------------------------------------

    def _update_title(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self._dossier.name}" if self._dossier else APP_NAME)

    def _update_enabled(self) -> None:
        has_dossier = self._dossier is not None
        for act in (self.act_rename_dossier, self.act_delete_dossier, self.act_export_dossier):
            act.setEnabled(has_dossier)
        self.act_export_report.setEnabled(has_dossier and self.article_table.model.rowCount() >= 2)
        self.act_delete_article.setEnabled(self._article_id >= 0)
        self.act_edit_details.setEnabled(self._article_id >= 0)
        self.act_move.setEnabled(self._article_id >= 0 and self.dossier_model.rowCount() >= 2)
        self.act_use_reference.setEnabled(self._article_id >= 0)
        can_compare = self._article_id >= 0 and self.article_table.model.rowCount() >= 2
        self.act_compare.setEnabled(can_compare)
        self.act_compare_with.setEnabled(can_compare)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy_delay.start()
            return
        self._busy_delay.stop()
        self.progress.hide()
        self.busy_label.hide()
        self.progress.setRange(0, 1)
        self.busy_label.clear()

    def _show_busy(self) -> None:
        if self.tasks.busy:
            self.progress.show()
            self.busy_label.show()

    def _on_progress(self, label: str, done: int, total: int) -> None:
        self.busy_label.setText(label)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)  # busy indicator


def _local_paths(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
