"""Exporting a report from the GUI: File > Export Report… and the comparison window's export.

Real main window over a fresh store with the seed dossier (offscreen), the real
task runner, report builder and writers; the written files are read back.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QPushButton

from parallax.desktop.views import report_export
from parallax.desktop.views.main_window import MainWindow
from parallax.desktop.views.report_export import ReportDialog

pytestmark = pytest.mark.slow  # a report analyses the dossier (spaCy, the embedding model)

EXPORT_TIMEOUT_MS = 180_000


def answer_dialog(monkeypatch, seen: list[ReportDialog], *, path: Path, html: bool = False,
                  blind: bool = False) -> None:
    """The user fills in the export dialog when it opens: a file, a format, blind or not."""
    def exec_(dialog: ReportDialog) -> int:
        seen.append(dialog)
        if html:
            dialog.format_buttons.button(1).setChecked(True)
        dialog.path_edit.setText(str(path))
        dialog.blind_box.setChecked(blind)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportDialog, "exec", exec_)


def checked_pairs(dialog: ReportDialog) -> list[tuple[int, int]]:
    return list(dialog.choice().pairs)


def test_file_export_report_writes_the_dossier_pdf_and_offers_to_open_it(qtbot, monkeypatch, tmp_path,
                                                                         main_window: MainWindow):
    w = main_window
    file_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&File")
    assert w.act_export_report in file_menu.actions() and w.act_export_report.isEnabled()
    target = tmp_path / "seed report.pdf"
    seen: list[ReportDialog] = []
    answer_dialog(monkeypatch, seen, path=target)
    w.act_export_report.trigger()

    dialog = seen[0]
    articles = w.article_table.model.articles()
    reference = w.article_table.model.reference()
    # Default: the reference article against every other article, all checked.
    assert checked_pairs(dialog) == [(reference, a.id) for a in articles if a.id != reference]
    assert dialog.pair_list.count() == len(articles) - 1
    qtbot.waitUntil(lambda: w.statusBar().findChild(QPushButton, "openReportButton") is not None,
                    timeout=EXPORT_TIMEOUT_MS)
    assert f"Report saved: {target}" in w.statusBar().currentMessage()
    reader = PdfReader(target)
    assert len([o for o in reader.outline if not isinstance(o, list)]) == 3 + len(articles) - 1
    opened = []
    monkeypatch.setattr(report_export.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    w.statusBar().findChild(QPushButton, "openReportButton").click()
    assert [u.toLocalFile() for u in opened] == [str(target)]


def test_dialog_format_and_blind_choice(qtbot, main_window: MainWindow):
    w = main_window
    articles = w.article_table.model.articles()
    pairs = report_export.dossier_pairs(articles, w.article_table.model.reference())
    dialog = ReportDialog(articles, pairs, dossier_name="US/Iraq: talks", parent=w)
    qtbot.addWidget(dialog)
    assert Path(dialog.path_edit.text()).name == "US_Iraq_ talks report.pdf"
    dialog.format_buttons.button(1).setChecked(True)
    assert dialog.path_edit.text().endswith("report.html")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    for row in range(dialog.pair_list.count()):
        dialog.pair_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not ok.isEnabled()  # a report of no pair: nothing to export
    dialog.pair_list.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.blind_box.setChecked(True)
    assert ok.isEnabled()
    assert dialog.choice().pairs == (pairs[1],) and dialog.choice().blind
    dialog.path_edit.setText("mine")  # a bare name: the chosen format's suffix, beside the suggested file
    assert dialog.choice().path.is_absolute() and dialog.choice().path.name == "mine.html"


def test_cancel_leaves_no_file_and_errors_name_the_file(qtbot, monkeypatch, tmp_path, main_window: MainWindow):
    w = main_window
    d = w.current_dossier()
    ids = [a.id for a in w.article_table.model.articles()]
    choice = report_export.ReportChoice(tmp_path / "cancelled.pdf", ((ids[0], ids[1]),), False)
    ctx = report_export.export_report(window=w, workspace=w.workspace, tasks=w.tasks, dossier_id=d.id,
                                      choice=choice)
    w.findChild(QProgressDialog, "reportProgress").findChild(QPushButton).click()  # its Cancel button
    assert ctx.should_cancel()
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=EXPORT_TIMEOUT_MS)
    assert "Export cancelled" in w.statusBar().currentMessage()
    assert not any(p.name.startswith(("cancelled", ".cancelled")) for p in tmp_path.iterdir())

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: errors.append(text))
    missing = tmp_path / "no such folder" / "report.html"
    ctx = report_export.export_report(window=w, workspace=w.workspace, tasks=w.tasks, dossier_id=d.id,
                                      choice=report_export.ReportChoice(missing, ((ids[0], ids[1]),), False))
    assert ctx is None and not w.tasks.busy  # said at once, before any work
    assert "report.html" in errors[0] and "no such folder" in errors[0], errors


def test_cancel_while_the_pdf_is_laid_out_is_heard_and_writes_nothing(qtbot, tmp_path, main_window: MainWindow):
    """The PDF is laid out on the GUI thread after the worker built the report: the
    window keeps handling events there, so the dialog shows it and Cancel works."""
    from PySide6.QtCore import QTimer

    w = main_window
    d = w.current_dossier()
    ids = [a.id for a in w.article_table.model.articles()]
    target = tmp_path / "laid out.pdf"
    choice = report_export.ReportChoice(target, ((ids[0], ids[1]), (ids[0], ids[2])), False)
    ctx = report_export.export_report(window=w, workspace=w.workspace, tasks=w.tasks, dossier_id=d.id,
                                      choice=choice)
    dialog = w.findChild(QProgressDialog, "reportProgress")
    labels: list[str] = []
    modality: list[Qt.WindowModality] = []

    def watch() -> None:  # runs only while events are handled: during the layout, if they are
        label = dialog.labelText()
        if "laying out" in label or "writing pages" in label:
            labels.append(label)
            modality.append(dialog.windowModality())
            dialog.findChild(QPushButton).click()  # Cancel
        else:
            QTimer.singleShot(5, watch)

    QTimer.singleShot(0, watch)
    qtbot.waitUntil(lambda: "Export cancelled" in w.statusBar().currentMessage(), timeout=EXPORT_TIMEOUT_MS)
    assert labels, "the layout handled no event"
    assert modality == [Qt.WindowModality.WindowModal]  # only the dialog took input meanwhile
    assert ctx is not None
    assert not any(p.name.startswith(("laid out", ".laid out")) for p in tmp_path.iterdir())


def test_comparison_window_exports_the_pair_on_screen(qtbot, monkeypatch, tmp_path, main_window: MainWindow):
    w = main_window
    ids = [a.id for a in w.article_table.model.articles()]
    window = w.open_compare(ids[0], ids[2])
    qtbot.waitUntil(lambda: window.view.shown_pair() == (ids[0], ids[2]), timeout=EXPORT_TIMEOUT_MS)
    assert window.act_export in window.view.toolbar.actions()
    target = tmp_path / "pair.html"
    seen: list[ReportDialog] = []
    answer_dialog(monkeypatch, seen, path=target.with_suffix(".pdf"), html=True)
    window.act_export.trigger()
    assert checked_pairs(seen[0]) == [(ids[0], ids[2])] and seen[0].pair_list.count() == 1
    qtbot.waitUntil(lambda: window.statusBar().findChild(QPushButton, "openReportButton") is not None,
                    timeout=EXPORT_TIMEOUT_MS)
    html = target.read_text(encoding="utf-8")
    assert "murder" in html and "assassination" in html
