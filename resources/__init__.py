"""Plain resource files (icons, QSS, lexicons, the user guide), looked up by name.

Standard library only; ``resource_path`` is the one way in, so a missing or
misspelt name fails loudly in one place.
"""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """Path of the resource file ``name`` (e.g. ``"icons/import.svg"``).

    Raises:
        KeyError: no such resource (the message lists what there is).
    """
    path = (_HERE / name).resolve()
    if _HERE not in path.parents or not path.is_file():
        known = sorted(str(p.relative_to(_HERE)) for p in _HERE.rglob("*")
                       if p.is_file() and p.suffix not in (".py", ".pyc"))
        raise KeyError(f"unknown resource {name!r}; known: {', '.join(known)}")
    return path
