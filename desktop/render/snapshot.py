"""PNG snapshots of the main window and of the comparison view (for the README and tests).

Depends on PySide6, the desktop views and the core ``Workspace``.
Works offscreen (``QT_QPA_PLATFORM=offscreen``): the window is built over a store,
loaded through the normal background path, and grabbed with ``QWidget.grab()``.
Comparisons of files outside the store are analysed in-process without the cache
(``Workspace.compare_texts``).

Run as a script to refresh the README pictures::

    QT_QPA_PLATFORM=offscreen python -m parallax.desktop.render.snapshot docs/screenshot-main.png
    QT_QPA_PLATFORM=offscreen python -m parallax.desktop.render.snapshot --compare docs/compare-000-002.png
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from datetime import datetime

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from parallax.core.store.connection import Store, open_store
from parallax.core.workspace import Workspace
from parallax.desktop.app import build_main_window
from parallax.desktop.views.appearance import dark_palette

LOAD_TIMEOUT_MS = 15_000


def snapshot_main_window(store: Store, path: str | Path, width: int = 1280, height: int = 800) -> Path:
    """Save a ``width`` x ``height`` PNG of the main window over ``store`` to ``path``.

    The window shows the first dossier with its first article in the reader.

    Raises:
        TimeoutError: the dossier or article did not load in time.
        OSError: the PNG could not be written.
    """
    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = build_main_window(store)
    try:
        window.resize(width, height)
        window.show()
        _wait(app, lambda: window.reader.article_id() >= 0 and not window.tasks.busy)
        window.reader.text_view.verticalScrollBar().setValue(0)
        app.processEvents()
        return _save_png(window, path)
    finally:
        window.close()
        window.deleteLater()


def _save_png(widget: QWidget, path: str | Path) -> Path:
    """Grab ``widget`` into the PNG file ``path`` (folders are created)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(target), "PNG"):
        raise OSError(f"{target}: cannot write the PNG")
    return target


def _wait(app: QApplication, ready, timeout_ms: int = LOAD_TIMEOUT_MS) -> None:  # noqa: ANN001 - predicate
    deadline = QDeadlineTimer(timeout_ms)
    while not ready():
        if deadline.hasExpired():
            raise TimeoutError("the window did not finish loading")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


COMPARE_TIMEOUT_MS = 120_000  # a first analysis loads spaCy and the embedding model


def snapshot_compare(
    workspace: Workspace | None, a: int | str | Path, b: int | str | Path, path: str | Path, *,
    width: int = 1280, height: int = 800, dark: bool = False,
) -> Path:
    """Save a PNG of the comparison window showing ``a`` (left) against ``b`` (right).

    Args:
        workspace: the workspace for article ids (may be None when both are files).
        a, b: stored article ids, or paths of article files (read and analysed
            without the store; a ``manifest.json`` beside them gives outlets).
        dark: render with a dark palette instead of the default one.

    Raises:
        ParallaxError: an id or file that cannot be read.
        TimeoutError: the comparison did not finish in time.
        OSError: the PNG could not be written.
    """
    from parallax.desktop.tasks import TaskRunner  # noqa: PLC0415
    from parallax.desktop.views.compare_window import CompareWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if dark:
        app.setStyle("Fusion")
    runner = TaskRunner()
    window = CompareWindow(workspace, runner)
    if dark:
        window.setPalette(dark_palette())
    try:
        window.resize(width, height)
        window.show()
        if isinstance(a, int) and isinstance(b, int):
            if workspace is None:
                raise ValueError("article ids need a store")
            info = workspace.article(a).info
            window.view.set_articles(workspace.articles(info.dossier_id))
            window.view.compare(a, b)
        else:
            result = file_comparison(workspace, a, b)
            window.view.set_articles([result.a.info, result.b.info])
            window.view.show_result(result)
        _wait(app, lambda: window.view.shown_pair() == window.view.current_pair() is not None
              and not window.view.loading, COMPARE_TIMEOUT_MS)
        app.processEvents()
        return _save_png(window, path)
    finally:
        runner.cancel_all()
        runner.wait_for_done()
        window.close()
        window.deleteLater()


def file_comparison(workspace: Workspace | None, a: int | str | Path, b: int | str | Path):  # noqa: ANN201
    """An ``ArticleComparison`` of two articles given as stored ids or files, for the view.

    Files are analysed without the cache (``Workspace.compare_texts``); stored
    articles use the store's cached analyses (``Workspace.compare``).
    """
    from parallax.core.engine import AnalysedArticle, ArticleComparison  # noqa: PLC0415

    if isinstance(a, int) and isinstance(b, int):
        return workspace.compare(a, b)
    # The view tells its two articles apart by id; a file has none, so it gets a
    # key no stored article has (ids count from 1), for this picture only.
    left, right = _article_text(workspace, a, -1), _article_text(workspace, b, -2)
    result = Workspace.compare_texts(left.text, right.text,
                                     languages=(left.info.language, right.info.language))
    return ArticleComparison(AnalysedArticle(left.info, left.text, result.a.analysis),
                             AnalysedArticle(right.info, right.text, result.b.analysis), result.comparison)


def _article_text(workspace: Workspace | None, which: int | str | Path, view_key: int):  # noqa: ANN202
    from parallax.core.errors import InputError  # noqa: PLC0415
    from parallax.core.ingest.readers import collect  # noqa: PLC0415
    from parallax.core.store import library  # noqa: PLC0415

    if isinstance(which, int):
        if workspace is None:
            raise InputError(str(which), "article ids need a database")
        return workspace.article(which)
    articles, errors = collect([Path(which)])
    if errors:
        raise errors[0]
    art = articles[0]
    info = library.ArticleInfo(
        view_key, -1, art.title, art.outlet, art.author, art.url, art.published, art.language,
        art.source_name, art.fmt, art.word_count, datetime.now(), art.text_sha256, art.raw_sha256,
        library.lead_words(art.text),
    )
    return library.ArticleText(info, art.text)


def main(argv: list[str] | None = None) -> int:
    """``snapshot.py [--compare] OUT.png [WIDTH HEIGHT]`` over a fresh store holding the seed dossier.

    With ``--compare``, the comparison view of seeds 000 and 002 (the README picture).
    """
    args = sys.argv[1:] if argv is None else argv
    compare = "--compare" in args
    args = [a for a in args if a != "--compare"]
    default = "docs/compare-000-002.png" if compare else "docs/screenshot-main.png"
    out = Path(args[0]) if args else Path(default)
    width, height = (int(args[1]), int(args[2])) if len(args) >= 3 else (1280, 800)
    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - must outlive the window
    with tempfile.TemporaryDirectory() as tmp:
        # A fresh store and settings file: the picture must not show the user's own state.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        store = open_store(Path(tmp) / "snapshot.sqlite3")
        try:
            if compare:
                # As the app shows it: the seed dossier in the store, seed 000 against 002.
                workspace = Workspace(store)
                dossier = workspace.seed_dossier()
                ids = [a.id for a in workspace.articles(dossier)]
                snapshot_compare(workspace, ids[0], ids[2], out, width=width, height=height)
            else:
                snapshot_main_window(store, out, width, height)
        finally:
            store.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
