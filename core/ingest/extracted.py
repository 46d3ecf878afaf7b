"""What a format reader hands to cleaning: raw body text plus document metadata.

Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Extracted:
    """Body text as the format gave it (not cleaned yet) and its metadata.

    ``meta`` holds what the document states about the article (HTML meta tags,
    a .docx title). ``weak`` holds fallbacks that describe the file more than the
    article (a .docx or PDF creation date): used only when nothing better is found.
    """

    text: str
    meta: dict[str, str | date] = field(default_factory=dict)
    weak: dict[str, str | date] = field(default_factory=dict)
    wrapped: bool = False  # line ends are visual (PDF), not paragraph ends
    extra: dict[str, str] = field(default_factory=dict)
