"""What a reader returns: one article ready to store. Standard library only."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

# Files larger than this are refused before they are read.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportedArticle:
    """An article read from a file or pasted text, cleaned, not yet stored.

    ``text`` is the normalised article text that every later offset indexes;
    ``raw`` keeps the original bytes exactly as they were imported.
    """

    text: str
    raw: bytes
    source_name: str  # original file name, or "pasted text"
    fmt: str  # "text", "html", "docx", "pdf", "paste"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def raw_sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def text_sha256(self) -> str:
        return text_hash(self.text)

    @property
    def word_count(self) -> int:
        return count_words(self.text)


_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: dashes, bullets and emoji are not words."""
    return len(_WORD.findall(text))


def text_hash(text: str) -> str:
    """SHA-256 of normalised text, the key of duplicates and of the analysis cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
