"""A process-wide setting held while anyone needs it.

Depends on the standard library only. Some settings belong to the whole process
(BLAS's thread count, the garbage collector's thresholds) while the work that
wants them runs in several threads at once, and nests. :class:`HeldSetting`
counts the holders: the first in applies the setting, the last out undoes it,
so an inner or a concurrent holder never restores it under another's feet.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class HeldSetting(Generic[T]):
    """``apply()`` when the first holder enters :meth:`held`; ``undo(what apply
    returned)`` when the last one leaves. Thread-safe; nesting counts."""

    def __init__(self, apply: Callable[[], T], undo: Callable[[T], None]) -> None:
        self._apply = apply
        self._undo = undo
        self._lock = threading.Lock()
        self._holders = 0
        self._saved: T | None = None

    @property
    def active(self) -> bool:
        """Whether anyone holds the setting now."""
        return self._holders > 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._saved = self._apply()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    saved, self._saved = self._saved, None
                    self._undo(saved)  # type: ignore[arg-type]
