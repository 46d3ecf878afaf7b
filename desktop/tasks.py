"""The one background-task runner of the desktop app.

Depends on PySide6 (QtCore) only. A task is a plain function that gets a
:class:`TaskContext` (to report progress and to ask whether it was cancelled)
and returns a value. It runs on a ``QThreadPool`` worker; its result, error or
progress travels back to the main thread by a queued signal and is handed to
the callbacks given to :meth:`TaskRunner.run` there.

Rules (STYLE.md, Anki ``taskman.py``, git-cola ``Task(QRunnable)``):

* a task never touches a widget: it gets plain data in and returns plain data;
* a task opens its own database session (``Store.transaction()`` makes a new
  session per call; SQLite connections are per thread through the pool);
* the caller checks on arrival that the result still matches what is on
  screen (stale results are dropped by the caller, which knows what "current"
  means).
"""
from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from parallax.core.errors import Progress

log = logging.getLogger(__name__)


@dataclass
class TaskContext:
    """What a running task may use: progress reports and a cancel check."""

    _emit_progress: Progress
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int, label: str = "") -> None:
        """Report ``done`` of ``total`` steps (thread-safe; delivered queued)."""
        self._emit_progress(done, total, label)

    def cancel(self) -> None:
        """Ask this task to stop (it does at its next ``should_cancel`` check)."""
        self._cancel.set()

    def should_cancel(self) -> bool:
        """True once the task was cancelled; long core calls take this as callback."""
        return self._cancel.is_set()


class _Channel(QObject):
    """Carries a task's events from its worker thread to the runner (queued)."""

    finished = Signal(int, object)
    failed = Signal(int, object, str)
    progressed = Signal(int, int, int, str)


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[TaskContext], Any], channel: _Channel) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps and drops the Python reference
        self.task_id = task_id
        self.fn = fn
        self.channel = channel
        self.context = TaskContext(
            lambda done, total, label: channel.progressed.emit(task_id, done, total, label)
        )

    def run(self) -> None:
        try:
            result = self.fn(self.context)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            self.channel.failed.emit(self.task_id, exc, traceback.format_exc())
        else:
            self.channel.finished.emit(self.task_id, result)


@dataclass
class _Pending:
    task: _Task
    label: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Progress | None


class TaskRunner(QObject):
    """Runs functions on a thread pool; delivers outcomes on the main thread.

    Signals:
        busy_changed(bool): some task is running / none is.
        progressed(str, int, int): label, done, total of the latest progress report.
        task_failed(object): an exception no ``on_error`` callback took.
    """

    busy_changed = Signal(bool)
    progressed = Signal(str, int, int)
    task_failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._channel = _Channel()  # lives in this (the main) thread; emitted from workers
        self._channel.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._channel.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._channel.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        label: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Progress | None = None,
    ) -> TaskContext:
        """Start ``fn(context)`` in the background.

        Args:
            fn: plain function; must not touch widgets.
            label: shown in the status bar while it runs.
            on_done: called on the main thread with the return value.
            on_error: called on the main thread with the exception; if absent,
                ``task_failed`` is emitted instead.
            on_progress: called on the main thread with (done, total, label).

        Returns:
            The task's context: its ``cancel`` stops this task only.
        """
        task_id = next(self._ids)
        task = _Task(task_id, fn, self._channel)
        was_idle = not self._pending
        self._pending[task_id] = _Pending(task, label, on_done, on_error, on_progress)
        if was_idle:
            self.busy_changed.emit(True)
        self.progressed.emit(label, 0, 0)
        self._pool.start(task)
        return task.context

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def cancel_all(self) -> None:
        """Ask every running task to stop (tasks that check ``should_cancel`` do)."""
        for pending in self._pending.values():
            pending.task.context.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (on quit, so no thread outlives the store)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        pending = self._pending.pop(task_id, None)
        try:
            if pending is not None and pending.on_done is not None:
                pending.on_done(result)
        finally:
            self._emit_idle(pending)

    @Slot(int, object, str)
    def _on_failed(self, task_id: int, exc: object, tb: str) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        try:
            if pending.on_error is not None:
                pending.on_error(exc)  # type: ignore[arg-type]
            else:
                log.error("background task %r failed:\n%s", pending.label, tb)
                self.task_failed.emit(exc)
        finally:
            self._emit_idle(pending)

    @Slot(int, int, int, str)
    def _on_progress(self, task_id: int, done: int, total: int, label: str) -> None:
        pending = self._pending.get(task_id)
        if pending is None:
            return
        self.progressed.emit(label or pending.label, done, total)
        if pending.on_progress is not None:
            pending.on_progress(done, total, label)

    def _emit_idle(self, pending: _Pending | None) -> None:
        # After the callback, which may have started a follow-up task.
        if pending is not None and not self._pending:
            self.busy_changed.emit(False)
