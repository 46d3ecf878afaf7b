"""Error types shared across core, and the cancel / progress callbacks of long runs.

Standard library only.

Every error a user can cause carries a one-line message that names the file
(or database) and the reason, so the CLI and the GUI can show it as is.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

# ``progress(done, total, label)``: how long computations report how far they are.
Progress = Callable[[int, int, str], None]


class ParallaxError(Exception):
    """Base class for errors with a user-facing one-line message."""


class InputError(ParallaxError):
    """A file or pasted text that cannot be imported.

    Args:
        source: the file path or a label such as ``"pasted text"``.
        reason: why, in a few words a user understands.
    """

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.name}: {reason}")

    @property
    def name(self) -> str:
        return Path(self.source).name or self.source


class StoreError(ParallaxError):
    """The database cannot be opened or used (corrupt, locked, too new...)."""


class Cancelled(ParallaxError):
    """A long computation was stopped because its ``should_cancel`` callback said so."""

    def __init__(self) -> None:
        super().__init__("cancelled")


def check_cancel(should_cancel) -> None:
    """Raise :class:`Cancelled` if ``should_cancel`` is given and returns true."""
    if should_cancel is not None and should_cancel():
        raise Cancelled()
