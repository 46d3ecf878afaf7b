"""Defects found driving the app as a new user would (issue 9 acceptance check).

Each test reproduces what a journalist saw on screen, through the real main
window over a temp store with the seed dossier.
"""
from __future__ import annotations

from pathlib import Path

from parallax.desktop import actions
from parallax.desktop.views.main_window import MainWindow
from tests.desktop.conftest import LOAD_TIMEOUT_MS, wait_loaded

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
    assert current.isValid() and main_window.reader.article_id() == main_window.article_table.current_article_id()
    assert view.viewport().rect().contains(view.visualRect(current))
