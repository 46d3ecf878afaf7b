"""What a reader returns: one article ready to store. Standard library only."""
from __future__ import annotations

import hashlib
import re
import unicodedata
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
    """Words as a reader counts them: dashes, bullets and emoji are not words; in
    scripts written without spaces see :func:`spaceless_words`."""
    spaceless, rest = spaceless_words(text)
    return spaceless + len(_WORD.findall(rest))


# Han ideographs and kana: each character counts as one word, as word processors
# count Chinese and Japanese (and as spaCy's Chinese tokenizer splits by default).
_SPACELESS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
                        "\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
# Thai, Lao, Khmer and Burmese, also written without spaces between words.
_SYLLABIC_RUN = re.compile("[\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]+")
# Their words average about four base letters; without a dictionary segmenter a
# run of them counts as its letters divided by this.
LETTERS_PER_WORD_SEA = 4


def spaceless_words(text: str) -> tuple[int, str]:
    """How many words the scripts written without spaces hold in ``text``, and
    ``text`` with them blanked out (the caller counts the rest as usual)."""
    count = len(_SPACELESS.findall(text))
    if count:
        text = _SPACELESS.sub(" ", text)
    for run in _SYLLABIC_RUN.finditer(text):
        letters = sum(1 for ch in run.group() if unicodedata.category(ch) != "Mn")
        count += max(1, round(letters / LETTERS_PER_WORD_SEA))
    return count, _SYLLABIC_RUN.sub(" ", text)


def text_hash(text: str) -> str:
    """SHA-256 of normalised text, the key of duplicates and of the analysis cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
