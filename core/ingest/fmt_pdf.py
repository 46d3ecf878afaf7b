"""Reader for PDF files (.pdf).

Depends on pypdf. Only the text layer is read: a scanned PDF without one must
go through OCR elsewhere first. Line ends in a PDF are where the line was full,
so the text is marked ``wrapped`` for cleaning to rebuild paragraphs.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from parallax.core.errors import InputError
from parallax.core.ingest.extracted import Extracted

NOT_PDF = "not a valid PDF"
NO_TEXT = "PDF has no text layer (scanned image?); run OCR first"
PASSWORD = "PDF is password-protected; save a copy without the password first"
UNSUPPORTED_ENCRYPTION = "PDF is encrypted in a way that cannot be opened here; save an unprotected copy first"
# "Microsoft Word - draft.docx": a converter's label, not a title.
_CONVERTER_TITLE = re.compile(r"^(?:Microsoft (?:Word|PowerPoint) - |untitled\b)", re.I)


def _open(data: bytes, source: Path) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise InputError(source, NOT_PDF)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise InputError(source, NOT_PDF) from None
    if encrypted:
        try:
            ok = reader.decrypt("")
        except DependencyError:
            raise InputError(source, UNSUPPORTED_ENCRYPTION) from None
        except (PdfReadError, NotImplementedError, ValueError):
            raise InputError(source, UNSUPPORTED_ENCRYPTION) from None
        if not ok:
            raise InputError(source, PASSWORD)
    return reader


def _metadata(reader: PdfReader) -> tuple[dict, dict]:
    meta: dict = {}
    weak: dict = {}
    try:
        info = reader.metadata
        if info is None:
            return meta, weak
        title, author = info.title, info.author
        try:
            created = info.creation_date
        except (ValueError, TypeError):  # a malformed date string in the file
            created = None
    except Exception:  # noqa: BLE001 - metadata is optional: a broken Info dict is ignored
        return meta, weak
    if isinstance(title, str) and title.strip() and not _CONVERTER_TITLE.match(title.strip()):
        meta["title"] = " ".join(title.split())
    if isinstance(author, str) and author.strip():
        meta["author"] = " ".join(author.split())
    if created is not None:
        weak["published"] = created.date()
    return meta, weak


def extract(data: bytes, source: Path) -> Extracted:
    """Text of every page and the document's title, author and creation date."""
    reader = _open(data, source)
    pages = []
    try:
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except FileNotDecryptedError:
        raise InputError(source, PASSWORD) from None
    except Exception:  # noqa: BLE001 - a damaged page tree fails anywhere inside pypdf
        raise InputError(source, NOT_PDF) from None
    if not pages:
        raise InputError(source, NOT_PDF)
    text = "\n".join(pages)
    if not any(ch.isalnum() for ch in text):
        raise InputError(source, NO_TEXT)
    meta, weak = _metadata(reader)
    return Extracted(text=text, meta=meta, weak=weak, wrapped=True, extra={"pages": str(len(pages))})
