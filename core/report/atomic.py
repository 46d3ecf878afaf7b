"""Write a file all at once or not at all: a temporary file in the target folder,
renamed over the target at the end.

Standard library only. Both report writers (the HTML one here in core, the PDF
one in desktop, which writes through Qt to a path) use :func:`atomic_path`: a
failed or cancelled write leaves no half-written file and never touches the
previous file of that name; the rename is atomic on one file system, which the
temporary file shares with the target by living in its folder.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from parallax.core.errors import InputError


def check_output(path: str | Path, suffixes: tuple[str, ...]) -> Path:
    """``path`` if a file can be written there: a known suffix, an existing, writable folder.

    Raises ``InputError`` naming the file and the reason otherwise.
    """
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise InputError(path, f"unknown file type '{path.suffix or 'none'}' (use {' or '.join(suffixes)})")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(path, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(path, f"the folder {folder} is not writable")
    if path.is_dir():
        raise InputError(path, "is a folder")
    return path


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; renamed to ``target`` when the block ends.

    If the block raises (an error, ``Cancelled``), the temporary file is removed
    and ``target`` is left as it was. The new file gets the permissions any new
    file gets (0o666 less the umask).
    """
    target = Path(target)
    temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
    try:
        # Mode 0o666 through the umask, as for any new file (mkstemp would give 0o600).
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise InputError(target, f"cannot write in {target.parent} ({exc.strerror})") from exc
    try:
        yield temp
        with open(temp, "rb+") as f:  # the bytes on disk before the name points at them
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_atomic(target: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` through :func:`atomic_path`."""
    target = Path(target)
    with atomic_path(target) as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")
    return target
