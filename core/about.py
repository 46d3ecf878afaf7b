"""What this build of Parallax is: its version, as the installed package states it.

Standard library only (``importlib.metadata``); the window's About box and the
report's title page both show it.
"""
from __future__ import annotations


def parallax_version() -> str:
    """The installed package's version; "development" when run from a bare checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("parallax-news")
    except PackageNotFoundError:
        return "development"
