"""Exporting a report from the GUI: the dialog, the background export, the offer to open it.

Depends on PySide6, the core ``Workspace`` (``report``: the document), the
report writers (:func:`parallax.desktop.report_pdf.write_pdf`,
:func:`parallax.core.report.html.write_html`), ``default_pairs`` of the report
builder and the app's task runner. Both windows use it: File > Export Report…
in the main window (the current dossier; by default its reference article
against every other article) and "Export this comparison…" in the comparison
window (the pair on screen). The dialog only asks; :func:`export_report`
builds and writes the report on the task runner, with a progress dialog whose
Cancel stops it (the writers leave no file then), and reports the outcome in
the window's status bar (with a button that opens the file) or as an error
dialog naming the file and the reason.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from parallax.core.errors import Cancelled, InputError, ParallaxError
from parallax.core.report.atomic import check_output
from parallax.core.store.library import ArticleInfo
from parallax.core.workspace import Workspace
from parallax.desktop.tasks import TaskContext, TaskRunner
from parallax.desktop.views.dialogs import show_error

log = logging.getLogger(__name__)

FORMATS = {".pdf": "PDF (print, file with an editor or a lawyer)",
           ".html": "HTML (one self-contained page for a browser)"}
OFFER_TIMEOUT_MS = 30_000  # how long the status bar offers to open the report
PROGRESS_DELAY_MS = 400


@dataclass(frozen=True)
class ReportChoice:
    """What the user asked for in the dialog."""

    path: Path
    pairs: tuple[tuple[int, int], ...]  # (left, right) article ids
    blind: bool


def file_stem(name: str) -> str:
    """``name`` as a file name any file system takes (letters, digits, spaces, - and _)."""
    return "".join(c if c.isalnum() or c in " -_" else "_" for c in name).strip() or "Parallax"


def suggested_path(dossier_name: str, suffix: str = ".pdf") -> Path:
    """``<Documents>/<dossier> report.pdf``."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(folder) / f"{file_stem(dossier_name)} report{suffix}"


class ReportDialog(QDialog):
    """Pick the format and file, the pairs and blind mode of a report.

    Args:
        articles: the dossier's articles (labels for the pairs).
        pairs: the pairs offered, each checked at first.
        dossier_name: for the suggested file name.
    """

    def __init__(self, articles: Sequence[ArticleInfo], pairs: Sequence[tuple[int, int]], *,
                 dossier_name: str, title: str = "Export report", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(title)
        self.resize(560, 460)
        names = {a.id: a.label for a in articles}

        self.format_buttons = QButtonGroup(self)
        formats = QVBoxLayout()
        for i, (suffix, text) in enumerate(FORMATS.items()):
            button = QRadioButton(text, self)
            button.setProperty("suffix", suffix)
            button.setChecked(i == 0)
            self.format_buttons.addButton(button, i)
            formats.addWidget(button)
        self.format_buttons.buttonToggled.connect(self._on_format)

        self.path_edit = QLineEdit(str(suggested_path(dossier_name)), self)
        self.path_edit.setAccessibleName("Report file")
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.pair_list = QListWidget(self)
        self.pair_list.setAccessibleName("Pairs to include")
        for a, b in pairs:
            item = QListWidgetItem(f"{names.get(a, a)}  ⇄  {names.get(b, b)}", self.pair_list)
            item.setData(Qt.ItemDataRole.UserRole, (a, b))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.pair_list.itemChanged.connect(lambda _item: self._update_ok())

        self.blind_box = QCheckBox("&Blind: outlets shown as letters A, B, C… (titles, labels, "
                                   "sources and file properties)", self)

        form = QFormLayout()
        form.addRow("Format:", formats)
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, file_row)
        pairs_label = QLabel("&Pairs (left ⇄ right):", self)
        pairs_label.setBuddy(self.pair_list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(lambda _text: self._update_ok())

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(pairs_label)
        layout.addWidget(self.pair_list, 1)
        layout.addWidget(self.blind_box)
        layout.addWidget(self.buttons)
        self._update_ok()

    def suffix(self) -> str:
        return self.format_buttons.checkedButton().property("suffix")

    def choice(self) -> ReportChoice:
        pairs = []
        for row in range(self.pair_list.count()):
            item = self.pair_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                pairs.append(tuple(item.data(Qt.ItemDataRole.UserRole)))
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.is_absolute():  # a bare name goes where the suggested one would
            path = suggested_path("").parent / path
        if path.suffix.lower() != self.suffix():  # the chosen format decides, whatever was typed
            path = path.with_name(path.name + self.suffix()) if path.suffix.lower() not in FORMATS \
                else path.with_suffix(self.suffix())
        return ReportChoice(path, tuple(pairs), self.blind_box.isChecked())

    def _on_format(self, button: QRadioButton, checked: bool) -> None:
        text = self.path_edit.text().strip()
        if checked and text:
            self.path_edit.setText(str(Path(text).with_suffix(button.property("suffix"))))

    def _browse(self) -> None:
        suffix = self.suffix()
        name, _ = QFileDialog.getSaveFileName(self, "Save report as", self.path_edit.text(),
                                              f"{suffix[1:].upper()} (*{suffix})")
        if name:
            self.path_edit.setText(str(Path(name) if Path(name).suffix else Path(name).with_suffix(suffix)))

    def _update_ok(self) -> None:
        choice = self.choice()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.path_edit.text().strip()) and bool(choice.pairs))


def dossier_pairs(articles: Sequence[ArticleInfo], reference: int | None) -> tuple[tuple[int, int], ...]:
    """The pairs the dialog offers for a dossier: the reference against every other article."""
    from parallax.core.report.build import default_pairs  # noqa: PLC0415 - the builder, on first use

    return default_pairs([a.id for a in articles], reference)


# -- running the export ----------------------------------------------------------------------

def export_report(*, window: QMainWindow, workspace: Workspace, tasks: TaskRunner, dossier_id: int,
                  choice: ReportChoice) -> TaskContext | None:
    """Build and write the report of ``choice`` in the background; report in ``window``.

    A file that cannot be written there (missing or read-only folder, unknown
    type) is a dialog at once, before any work (None is returned). Else a
    progress dialog shows how far it is; its Cancel stops the export and no file
    is written. When done, ``window``'s status bar says where the report is and
    offers to open it; a failure is a dialog naming the file and the reason.
    """
    path = choice.path
    try:
        check_output(path, tuple(FORMATS))
    except InputError as exc:
        show_error(window, "Export failed", str(exc))
        return None
    if path.suffix.lower() == ".pdf":
        from parallax.desktop.render.fonts import register_fonts  # noqa: PLC0415

        register_fonts()  # on the GUI thread, once: Qt's font database is the application's
    progress = QProgressDialog(f"Writing {path.name}…", "Cancel", 0, 0, window)
    progress.setObjectName("reportProgress")
    progress.setWindowTitle("Export report")
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    progress.setAutoClose(False)
    progress.setAutoReset(False)

    # The PDF is laid out by Qt's text engine, which must run on the GUI thread:
    # from a worker, QTextDocument took a QObject lock while holding Python's
    # GIL and deadlocked with the GUI thread. The worker builds the report (the
    # slow part: the dossier's analysis) and writes HTML; the PDF is written in
    # ``done``, on the GUI thread, handling events between layout steps.
    pdf = path.suffix.lower() == ".pdf"

    def work(ctx: TaskContext):  # noqa: ANN202 - the Report (PDF) or the written Path (HTML)
        report = workspace.report(dossier_id, pairs=choice.pairs, blind=choice.blind,
                                  should_cancel=ctx.should_cancel,
                                  progress=lambda d, t, label: ctx.progress(d, t, label or "analysing"))
        if pdf:
            return report
        return _writer(path)(report, path, should_cancel=ctx.should_cancel, progress=ctx.progress)

    def on_progress(done: int, total: int, label: str) -> None:
        progress.setLabelText(f"Writing {path.name}: {label}…" if label else f"Writing {path.name}…")
        progress.setRange(0, max(total, 0))
        progress.setValue(min(done, total))

    def finish() -> None:
        progress.reset()
        progress.hide()
        progress.deleteLater()

    def laying_out(done: int, total: int, label: str) -> None:
        """Progress of the PDF's layout, on the GUI thread: shown, and the events
        handled between steps so the window repaints and Cancel is heard."""
        on_progress(done, total, label)
        QApplication.processEvents()

    def done(result) -> None:  # noqa: ANN001 - see work
        if pdf:
            # Only the dialog takes input meanwhile: the window stays painted but
            # cannot be closed or start other work under the layout's feet.
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.show()
            laying_out(0, 0, "laying out pages")
            try:
                result = _writer(path)(result, path, should_cancel=lambda: progress.wasCanceled(),
                                       progress=laying_out)
            except BaseException as exc:  # noqa: BLE001 - reported like the worker's errors
                failed(exc)
                return
        finish()
        offer_to_open(window, result)

    def failed(exc: BaseException) -> None:
        finish()
        if isinstance(exc, Cancelled):
            window.statusBar().showMessage(f"Export cancelled: {path.name} was not written", OFFER_TIMEOUT_MS)
        elif isinstance(exc, ParallaxError):
            show_error(window, "Export failed", _naming(path, str(exc)))
        elif isinstance(exc, OSError):
            show_error(window, "Export failed", f"{path}: {exc.strerror or exc}")
        else:  # a bug: one line for the user, the traceback for the log
            log.error("report export failed", exc_info=(type(exc), exc, exc.__traceback__))
            show_error(window, "Export failed", f"{path}: unexpected error: {type(exc).__name__}: {exc}")

    ctx = tasks.run(work, label=f"Exporting {path.name}…", on_done=done, on_error=failed,
                    on_progress=on_progress)
    progress.canceled.connect(ctx.cancel)
    return ctx


def _writer(path: Path):  # noqa: ANN202 - write_pdf or write_html
    if path.suffix.lower() == ".pdf":
        from parallax.desktop.report_pdf import write_pdf  # noqa: PLC0415 - Qt text layout, on demand

        return write_pdf
    from parallax.core.report.html import write_html  # noqa: PLC0415

    return write_html


def _naming(path: Path, message: str) -> str:
    """``message``, starting with the file's name if it does not name it already."""
    return message if path.name in message else f"{path}: {message}"


def offer_to_open(window: QMainWindow, path: Path) -> QPushButton:
    """Say in ``window``'s status bar that ``path`` is written, with a button that opens it."""
    bar = window.statusBar()
    old = bar.findChild(QPushButton, "openReportButton")
    if old is not None:
        bar.removeWidget(old)
        old.deleteLater()
    button = QPushButton("Open report", bar)
    button.setObjectName("openReportButton")
    button.setToolTip(str(path))
    button.setFlat(True)

    def open_it() -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        bar.removeWidget(button)
        button.deleteLater()

    button.clicked.connect(open_it)
    bar.addPermanentWidget(button)
    button.show()
    bar.showMessage(f"Report saved: {path}", OFFER_TIMEOUT_MS)
    QTimer.singleShot(OFFER_TIMEOUT_MS, button, lambda: (bar.removeWidget(button), button.deleteLater()))
    return button
