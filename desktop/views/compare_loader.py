"""Loading pairs for the comparison view: background reads and comparisons, recent results.

Depends on PySide6 (QtCore), the task runner and the core ``Workspace``. Each
request gets a sequence number; a text, result or error of an older request is
dropped on arrival (STYLE.md: drop stale results), though a finished comparison
still goes into the small cache of recent pairs, which is what makes going
back to a pair instant. Starting a new request cancels the previous one.
"""
from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtCore import QObject, Signal

from parallax.core.engine import ArticleComparison
from parallax.core.held import HeldSetting
from parallax.core.store.library import ArticleInfo, ArticleText
from parallax.core.workspace import Workspace
from parallax.desktop.tasks import TaskContext, TaskRunner

CACHE_PAIRS = 8


class PairLoader(QObject):
    """Reads and compares the wanted pair on the task runner.

    Signals (only ever for the pair wanted now):
        texts_read(object, object): both ``ArticleText`` (before the comparison is done).
        compared(object): the ``ArticleComparison``.
        failed(object): the exception (``Cancelled`` when cancelled).
        progressed(int, int, str): done, total, label of the engine's progress.
        loading_changed(bool): a comparison started / ended.
    """

    texts_read = Signal(object, object)
    compared = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    loading_changed = Signal(bool)

    def __init__(self, workspace: Workspace | None, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self._cache: OrderedDict[tuple[int, int], ArticleComparison] = OrderedDict()
        self._seq = 0
        self._cancel: threading.Event | None = None
        self._loading = False

    @property
    def loading(self) -> bool:
        return self._loading

    def cached(self, a_id: int, b_id: int) -> ArticleComparison | None:
        result = self._cache.get((a_id, b_id))
        if result is not None:
            self._cache.move_to_end((a_id, b_id))
        return result

    def remember(self, result: ArticleComparison) -> None:
        key = (result.a.info.id, result.b.info.id)
        self._cache[key] = result
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_PAIRS:
            self._cache.popitem(last=False)

    def forget(self, gone: Callable[[ArticleInfo], bool]) -> None:
        """Drop the recent results that hold an article for which ``gone`` is true
        (removed from the store, or its text changed)."""
        for key, result in list(self._cache.items()):
            if gone(result.a.info) or gone(result.b.info):
                del self._cache[key]

    def drop(self) -> None:
        """Forget the pending request: whatever it brings back is dropped."""
        self._seq += 1
        if self._cancel is not None:
            self._cancel.set()  # its pair is no longer wanted
            self._cancel = None
        self._set_loading(False)

    def cancel(self) -> None:
        """Ask the running comparison to stop (``failed`` then brings ``Cancelled``)."""
        if self._cancel is not None:
            self._cancel.set()

    def load(self, a_id: int, b_id: int) -> None:
        """Read both texts, then compare them (from the analysis cache, else analysing first)."""
        self.drop()
        seq = self._seq
        cancel = self._cancel = threading.Event()
        ws = self.workspace
        self._set_loading(True)

        def read(_ctx: TaskContext) -> tuple[ArticleText, ArticleText]:
            return ws.article(a_id), ws.article(b_id)

        def work(ctx: TaskContext) -> ArticleComparison:
            with full_gc_deferred():
                return ws.compare(a_id, b_id, progress=ctx.progress,
                                  should_cancel=lambda: ctx.should_cancel() or cancel.is_set())

        # A failed read is reported by the comparison, which fails the same way.
        self.tasks.run(read, label="Opening articles…",
                       on_done=lambda texts: self._on_read(seq, texts), on_error=lambda _exc: None)
        self.tasks.run(work, label="Comparing articles…",
                       on_done=lambda result: self._on_compared(seq, result),
                       on_error=lambda exc: self._on_failed(seq, exc),
                       on_progress=lambda done, total, label: self._on_progress(seq, done, total, label))

    def _on_read(self, seq: int, texts: tuple[ArticleText, ArticleText]) -> None:
        if seq == self._seq and self._loading:
            self.texts_read.emit(*texts)

    def _on_compared(self, seq: int, result: ArticleComparison) -> None:
        self.remember(result)
        if seq != self._seq:
            return  # dropped: the user moved on to another pair
        self._cancel = None
        self._set_loading(False)
        self.compared.emit(result)

    def _on_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self._cancel = None
        self._set_loading(False)
        self.failed.emit(exc)

    def _on_progress(self, seq: int, done: int, total: int, label: str) -> None:
        if seq == self._seq:
            self.progressed.emit(done, total, label)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)


DEFERRED_GEN2_THRESHOLD = 1_000_000


def _defer_full_gc() -> tuple[int, int, int]:
    saved = gc.get_threshold()
    gc.set_threshold(saved[0], saved[1], DEFERRED_GEN2_THRESHOLD)
    return saved


def _restore_gc(saved: tuple[int, int, int]) -> None:
    gc.freeze()
    gc.set_threshold(*saved)


_GC_DEFERRED = HeldSetting(_defer_full_gc, _restore_gc)


def full_gc_deferred() -> AbstractContextManager[None]:
    """Postpone full (generation 2) garbage collections while an analysis runs.

    A full collection walks every object of the process while holding the GIL;
    run by the worker in the middle of spaCy's import or analysis, it froze the
    GUI for 80-190 ms (measured with ``gc.callbacks`` during a 2 x 10,000-word
    analysis). Young generations are still collected. When the last running
    analysis ends, what it left alive (spaCy's model, the encoder's weights) is
    moved out of the collector's reach with ``gc.freeze()``, so the postponed
    full collection, and every later one, stays short. Nothing leaks by it: an
    analysis makes no cyclic garbage (measured: 0 objects; spaCy's import: 10),
    and frozen objects are still freed by reference counting.
    """
    return _GC_DEFERRED.held()
