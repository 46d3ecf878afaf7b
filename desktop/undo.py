"""The main window's undo history: edits, removals, deletes and moves, in order.

Depends on PySide6 (``QUndoStack``/``QUndoCommand`` from QtGui), the task
runner and the core ``Workspace``. A command's store work runs on the task
runner like every other action, but never two at once: pressing Ctrl+Z three
times queues three undos, each started when the one before has finished, so
the store changes in exactly the order of the stack. A command keeps what its
undo needs (a removed article's full snapshot) until the history drops it.

After each do or undo the window's ``refresh()`` shows the result. Work that
fails (the text was imported again, say) is reported in one line and the
command is dropped from the history, which then matches the store again.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from parallax.core.errors import ParallaxError
from parallax.core.store import snapshots
from parallax.core.store.library import ArticleInfo, DossierInfo, article_details
from parallax.core.workspace import Workspace

if TYPE_CHECKING:
    from parallax.desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

LABEL_CHARS = 40  # of an article title inside "Undo Remove Article ‘…’"


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut at a word boundary near ``limit`` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:-–—") + "…"


@dataclass
class _Step:
    command: StoreCommand
    undoing: bool
    # Read when queued: a new push deletes undone commands' C++ side, perhaps
    # before their queued step has run; the step then needs only Python state.
    text: str


class History(QObject):
    """One undo stack for the window, and the queue that runs its store work.

    Signals:
        settled(): the queue is empty again (for tests and the status bar).
    """

    settled = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self._queue: deque[_Step] = deque()
        self._running: _Step | None = None

    @property
    def pending(self) -> bool:
        """True while some command's store work is queued or running."""
        return self._running is not None or bool(self._queue)

    def push(self, command: StoreCommand) -> None:
        """Do ``command`` (its work queued) and put it on the stack."""
        self.stack.push(command)

    def submit(self, command: StoreCommand, *, undoing: bool) -> None:
        self._queue.append(_Step(command, undoing, command.text()))
        self._next()

    def _next(self) -> None:
        if self._running is not None:
            return
        if not self._queue:
            self.settled.emit()
            return
        step = self._running = self._queue.popleft()
        cmd = step.command
        # The work is built now, not when queued: it reads what earlier steps stored
        # on the command (a snapshot), and those have finished by now.
        work = cmd.revert_work() if step.undoing else cmd.apply_work()
        self.window.tasks.run(
            lambda _ctx: work(self.window.workspace),
            label=("Undoing: " if step.undoing else "") + step.text,
            on_done=lambda result: self._finished(step, result),
            on_error=lambda exc: self._failed(step, exc),
        )

    def _finished(self, step: _Step, result: Any) -> None:
        self._running = None
        cmd = step.command
        select = cmd.reverted(result) if step.undoing else cmd.applied(result)
        self.window.refresh(**select)
        self.window.show_status(f"Undone: {step.text}" if step.undoing else cmd.done_message())
        self._next()

    def _failed(self, step: _Step, exc: BaseException) -> None:
        self._running = None
        if isinstance(exc, ParallaxError):
            message = str(exc)
        else:  # a bug: one line for the user, the traceback for the log
            log.error("undo step failed", exc_info=(type(exc), exc, exc.__traceback__))
            message = f"Unexpected error: {type(exc).__name__}: {exc}"
        self._drop(step)
        self.window.refresh()
        self.window.show_error("Cannot undo" if step.undoing else "Cannot " + step.command.verb, message)
        self._next()

    def _drop(self, step: _Step) -> None:
        """Take the failed command off the stack so the history matches the store.

        An obsolete command is removed by QUndoStack instead of being run. If more
        steps were queued behind it they assumed it had worked: the history is
        cleared rather than guessed at.
        """
        idx = self.stack.index()
        cmd = step.command
        if self._queue:
            self._queue.clear()
            self.stack.clear()
        elif step.undoing and idx < self.stack.count() and self.stack.command(idx) is cmd:
            cmd.setObsolete(True)
            self.stack.redo()
        elif not step.undoing and idx > 0 and self.stack.command(idx - 1) is cmd:
            cmd.setObsolete(True)
            self.stack.undo()
        else:
            self.stack.clear()


class StoreCommand(QUndoCommand):
    """A store change the user can undo. Subclasses give the work for both directions
    (plain functions of the store, run on a worker thread) and what to select after."""

    verb = "change"

    def __init__(self, history: History, text: str) -> None:
        super().__init__(text)
        self.history = history

    def redo(self) -> None:
        self.history.submit(self, undoing=False)

    def undo(self) -> None:
        self.history.submit(self, undoing=True)

    def apply_work(self) -> Callable[[Workspace], Any]:
        raise NotImplementedError

    def revert_work(self) -> Callable[[Workspace], Any]:
        raise NotImplementedError

    def applied(self, result: Any) -> dict[str, int | None]:
        """Called on the main thread with the work's result; returns ``refresh`` arguments."""
        return {}

    def reverted(self, result: Any) -> dict[str, int | None]:
        return {}

    def done_message(self) -> str:
        return "Done"


class EditDetailsCommand(StoreCommand):
    verb = "edit details"

    def __init__(self, history: History, *, article_id: int, title: str, changes: dict[str, Any]) -> None:
        super().__init__(history, f"Edit Details of ‘{short_label(title)}’")
        self.article_id = article_id
        self.changes = dict(changes)
        self.before: dict[str, Any] | None = None

    def apply_work(self) -> Callable[[Workspace], Any]:
        article_id, changes, before = self.article_id, self.changes, self.before

        def work(ws: Workspace) -> tuple[dict[str, Any], ArticleInfo]:
            # The values to go back to are read from the store the first time, not
            # from the screen, which may lag behind.
            old = before if before is not None else article_details(ws.article(article_id).info)
            return old, ws.edit_details(article_id, **changes)

        return work

    def revert_work(self) -> Callable[[Workspace], Any]:
        # Only the fields this command changed: an undo must not overwrite others.
        article_id = self.article_id
        before = {k: v for k, v in (self.before or {}).items() if k in self.changes}
        return lambda ws: ws.restore_details(article_id, before)

    def applied(self, result: tuple[dict[str, Any], ArticleInfo]) -> dict[str, int | None]:
        self.before, info = result
        return {"select_dossier": info.dossier_id, "select_article": info.id}

    def reverted(self, info: ArticleInfo) -> dict[str, int | None]:
        return {"select_dossier": info.dossier_id, "select_article": info.id}

    def done_message(self) -> str:
        return "Details saved"


class RemoveArticleCommand(StoreCommand):
    verb = "remove article"

    def __init__(self, history: History, *, article_id: int, title: str) -> None:
        super().__init__(history, f"Remove Article ‘{short_label(title)}’")
        self.article_id = article_id
        self.snapshot: snapshots.ArticleSnapshot | None = None

    def apply_work(self) -> Callable[[Workspace], Any]:
        article_id = self.article_id
        return lambda ws: ws.delete_article(article_id)

    def revert_work(self) -> Callable[[Workspace], Any]:
        snap = self.snapshot
        return lambda ws: ws.restore_article(snap)

    def applied(self, snap: snapshots.ArticleSnapshot) -> dict[str, int | None]:
        self.snapshot = snap
        return {}

    def reverted(self, info: ArticleInfo) -> dict[str, int | None]:
        return {"select_dossier": info.dossier_id, "select_article": info.id}

    def done_message(self) -> str:
        return "Article removed (Edit > Undo brings it back)"


class DeleteDossierCommand(StoreCommand):
    verb = "delete dossier"

    def __init__(self, history: History, *, dossier_id: int, name: str) -> None:
        super().__init__(history, f"Delete Dossier ‘{short_label(name)}’")
        self.dossier_id = dossier_id
        self.snapshot: snapshots.DossierSnapshot | None = None

    def apply_work(self) -> Callable[[Workspace], Any]:
        dossier_id = self.dossier_id
        return lambda ws: ws.delete_dossier(dossier_id)

    def revert_work(self) -> Callable[[Workspace], Any]:
        snap = self.snapshot
        return lambda ws: ws.restore_dossier(snap)

    def applied(self, snap: snapshots.DossierSnapshot) -> dict[str, int | None]:
        self.snapshot = snap
        return {}

    def reverted(self, info: DossierInfo) -> dict[str, int | None]:
        return {"select_dossier": info.id}

    def done_message(self) -> str:
        return "Dossier deleted (Edit > Undo brings it back)"


class MoveArticleCommand(StoreCommand):
    verb = "move article"

    def __init__(self, history: History, *, article_id: int, title: str,
                 from_dossier: int, to_dossier: int, to_name: str) -> None:
        super().__init__(history, f"Move ‘{short_label(title)}’ to ‘{short_label(to_name)}’")
        self.article_id = article_id
        self.from_dossier = from_dossier
        self.to_dossier = to_dossier
        self.to_name = to_name

    def apply_work(self) -> Callable[[Workspace], Any]:
        article_id, to = self.article_id, self.to_dossier
        return lambda ws: ws.move_article(article_id, to)

    def revert_work(self) -> Callable[[Workspace], Any]:
        article_id, back = self.article_id, self.from_dossier
        return lambda ws: ws.move_article(article_id, back)

    def reverted(self, info: ArticleInfo) -> dict[str, int | None]:
        return {"select_dossier": info.dossier_id, "select_article": info.id}

    def done_message(self) -> str:
        return f"Moved to ‘{self.to_name}’ (Edit > Undo moves it back)"
