"""Defects found driving the app as a new user would (issue 9 acceptance check).

Each test reproduces what a journalist saw on screen, through the real main
window over a temp store with the seed dossier.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from parallax.desktop import actions
from parallax.resources import resource_path
from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import LOAD_TIMEOUT_MS, wait_loaded
from tests.desktop.test_language_view import paste
from tests.desktop.test_reader_find import reader  # noqa: F401 - fixture
from tests.fixtures import languages as L

COMPARE_TIMEOUT_MS = 120_000  # a first analysis loads spaCy and the embedding model

STORY = (
    "The council of {town} voted on Tuesday to build a new tram line by 2030.\n\n"
    "The line will cost about {cost} million euros, the mayor said after the vote."
)


def test_an_imported_article_below_the_fold_is_scrolled_into_view(qtbot, main_window: MainWindow,
                                                                  tmp_path: Path):
    # The reader shows the first imported article: its row must be on screen too,
    # not hidden under the bottom edge of the table.
    paths = []
    for i, town in enumerate(("Tampere", "Turku", "Oulu")):
        path = tmp_path / f"{town}.txt"
        path.write_text(STORY.format(town=town, cost=100 + i), encoding="utf-8")
        paths.append(path)
    # One import, then two more: the first of those lands on the seventh row.
    actions.import_files(window=main_window, paths=paths[:1])
    qtbot.waitUntil(lambda: main_window.article_table.model.rowCount() == 6, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    actions.import_files(window=main_window, paths=paths[1:])
    qtbot.waitUntil(lambda: main_window.article_table.model.rowCount() == 8, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, main_window)
    view = main_window.article_table.view
    current = view.currentIndex()
    assert current.isValid()
    assert main_window.reader.article_id() == main_window.article_table.current_article_id()
    assert view.viewport().rect().contains(view.visualRect(current))


def _menu_commands(menu: QMenu, dynamic: list[QMenu], seen: list[str]) -> list[str]:
    """The names of ``menu``'s commands; a submenu listing dossiers or articles counts as one."""
    for act in menu.actions():
        sub = act.menu()
        if act.isSeparator():
            continue
        if sub is not None and not any(sub is d for d in dynamic):
            _menu_commands(sub, dynamic, seen)
            continue
        name = act.text().replace("&", "").rstrip("…").strip()
        if name not in NOT_IN_GUIDE:
            seen.append(name)
    return seen


# Commands every desktop app has, and View's choices the guide names by their menu.
NOT_IN_GUIDE = {"Quit", "About Parallax", "About Qt", "User Guide", "Larger", "Smaller", "Reset",
                "System", "Light", "Dark"}


def test_the_user_guide_explains_every_menu_command(main_window: MainWindow):
    # A new user who reads the guide must meet every command the menus offer:
    # correcting details, undo, removing, moving and the reference included.
    text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(
        resource_path("guide.html").read_text(encoding="utf-8"))).split())
    w = main_window
    dynamic = [w.recent_menu, w.compare_with_menu, w.move_menu]
    commands = []
    for act in w.menuBar().actions():
        _menu_commands(act.menu(), dynamic, commands)
    assert "Edit Details" in commands  # the walk reaches the menus' commands
    missing = [c for c in commands if c.casefold() not in text.casefold()]
    assert missing == [], f"the guide never names: {missing}"


@pytest.mark.slow  # the English article is analysed with spaCy and the embedding model
def test_articles_in_two_languages_are_not_called_unrelated(qtbot, monkeypatch, main_window: MainWindow):
    # English against Finnish lines up nothing (words only, no paraphrase across
    # languages); "these articles share no statements" alone reads as "different
    # stories", so the banner says why.
    paste(qtbot, monkeypatch, main_window, L.FINNISH, "Yle")
    infos = main_window.article_table.model.articles()
    finnish = next(a for a in infos if a.outlet == "Yle")
    english = next(a for a in infos if a.outlet == "AFP")
    window = main_window.open_compare(english.id, finnish.id)
    view = window.view
    qtbot.waitUntil(lambda: view.shown_pair() == (english.id, finnish.id) and not view.loading,
                    timeout=COMPARE_TIMEOUT_MS)
    text = view.banner.label.text()
    assert view.banner.isVisible()
    assert "English" in text and "Finnish" in text and "different languages" in text


UNRELATED_A = ("The city council approved a new budget for public libraries on Tuesday.\n\n"
               "Opening hours will be extended on weekends.\n\n"
               "The mayor thanked the volunteers who ran the reading clubs.\n")
UNRELATED_B = ("A rare comet will be visible from the southern hemisphere next month.\n\n"
               "Astronomers recommend a dark site away from city lights.\n")


@pytest.mark.slow  # the real engine
def test_f8_visits_every_sentence_without_counterpart_counts_and_goes_round(qtbot):
    # Two unrelated texts: every sentence is unaligned, the first one at offset 0
    # where the cursor opens. F8 must start there, say where it is (not leave
    # F7's "no word differences" in the status bar) and go round like F7.
    from parallax.core.engine import AnalysedArticle, ArticleComparison
    from parallax.core.workspace import Workspace
    from parallax.desktop.tasks import TaskRunner
    from parallax.core.align.words import Side
    from parallax.desktop.views.compare_window import CompareWindow
    from tests.desktop.test_compare_view import _fake_article

    runner = TaskRunner()
    w = CompareWindow(None, runner)
    qtbot.addWidget(w)
    w.show()
    r = Workspace.compare_texts(UNRELATED_A, UNRELATED_B)
    left, right = _fake_article(UNRELATED_A, -1, "Gazette"), _fake_article(UNRELATED_B, -2, "Sky News")
    w.view.set_articles([left.info, right.info])
    w.view.show_result(ArticleComparison(AnalysedArticle(left.info, left.text, r.a.analysis),
                                         AnalysedArticle(right.info, right.text, r.b.analysis), r.comparison))
    spans = list(w.view.marks.pane(Side.A).unaligned)
    assert len(spans) == 3 and spans[0][0] == 0
    pane = w.view.left
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_F7)
    assert "no word differences" in w.statusBar().currentMessage()
    seen, messages = [], []
    for _ in spans:
        qtbot.keyClick(pane, Qt.Key.Key_F8)
        seen.append(pane.cursor_offset())
        messages.append(w.statusBar().currentMessage())
    assert seen == [s[0] for s in spans]
    assert messages[0].endswith("(1 of 3)") and messages[-1].startswith("Last sentence")
    qtbot.keyClick(pane, Qt.Key.Key_F8)
    assert pane.cursor_offset() == spans[0][0] and "first" in w.statusBar().currentMessage()
    qtbot.keyClick(pane, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert pane.cursor_offset() == spans[-1][0]
    runner.wait_for_done()


def test_reader_find_leaves_no_stale_match_selected_when_nothing_matches(qtbot, reader):  # noqa: F811
    # Typing "Soleimani" (the NYT writes "Suleimani"): "Sol" matches in "soldiers",
    # then nothing does. "No matches" beside a still-highlighted "sol" is a lie.
    bar, view = reader.find_bar, reader.text_view
    qtbot.keyClicks(bar.edit, "Sol")
    assert view.textCursor().selectedText().lower() == "sol"
    start = view.textCursor().selectionStart()
    qtbot.keyClicks(bar.edit, "eimani")
    assert bar.status.text() == "No matches"
    assert not view.textCursor().hasSelection()
    # back to a prefix that matches: found again from where it was
    for _ in "eimani":
        qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)
    assert view.textCursor().selectedText().lower() == "sol"
    assert view.textCursor().selectionStart() == start


def test_a_dossier_file_dropped_on_the_window_is_imported_as_a_dossier(qtbot, monkeypatch,
                                                                     main_window: MainWindow, tmp_path: Path):
    # The guide says: hand the .parallax file to a colleague. They drag it onto the
    # window (or pick it in Import Files) with an article beside it: the dossier
    # file is imported as a dossier (asking about the taken name), the article as
    # an article; "unsupported file type '.parallax'" was the answer before.
    w = main_window
    shared = tmp_path / "talks.parallax"
    actions.export_dossier(window=w, dossier_id=w.current_dossier().id, target=shared)
    qtbot.waitUntil(shared.exists, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, w)
    article = tmp_path / "Tampere.txt"
    article.write_text(STORY.format(town="Tampere", cost=120), encoding="utf-8")
    asked = []

    def as_new(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text().startswith("Import as New")).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", as_new)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Talks from a colleague", True))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(shared)), QUrl.fromLocalFile(str(article))])
    w.dropEvent(QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: any(d.name == "Talks from a colleague" for d in w.workspace.dossiers()),
                    timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, w)
    assert asked and not w.problem_dialogs
    counts = {d.name: d.article_count for d in w.workspace.dossiers()}
    assert counts == {"US–Iraq troop talks, July 2021": 6, "Talks from a colleague": 5}
