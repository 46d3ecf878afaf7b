"""Reader for Word documents (.docx).

Depends on python-docx, and on zipfile to check the archive before python-docx
opens it: a .docx is a zip file, and a small one can expand to gigabytes (a
zip bomb). The check uses the sizes declared in the zip directory, so nothing
is decompressed to refuse a bomb.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from parallax.core.errors import InputError
from parallax.core.ingest.extracted import Extracted

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Tiny members compress extremely well by nature (runs of spaces in XML); the
# ratio only signals a bomb when there is real volume behind it.
RATIO_MIN_BYTES = 1024 * 1024
NOT_ZIP = "not a valid .docx (not a zip archive)"
NOT_DOCX = "not a valid .docx"
BOMB = "refused: .docx expands to too much data (zip bomb?)"
# Names Word and generators put in the author field that are not authors.
_PLACEHOLDER_AUTHORS = {"python-docx", "microsoft office user", "windows user", "user",
                        "administrator", "admin", "unknown", "author"}
# python-docx's default template carries this creation time: it says nothing.
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=timezone.utc)
_TITLE_STYLES = {"title", "heading 1"}


def check_archive(data: bytes, source: Path) -> None:
    """Refuse what is not a zip, a zip bomb, or a zip without a Word document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(source, NOT_ZIP) from None
    with archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            raise InputError(source, BOMB)
        for m in members:
            if m.file_size >= RATIO_MIN_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                raise InputError(source, BOMB)
        if "word/document.xml" not in archive.namelist():
            raise InputError(source, NOT_DOCX)


def _blocks(document) -> list[tuple[str, str | None]]:
    """``(text, style name)`` of each body paragraph; a table row is one block."""
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            style = item.style.name if item.style is not None else None
            out.append((item.text, style))
        elif isinstance(item, Table):
            for row in item.rows:
                cells = []
                for cell in row.cells:  # merged cells repeat: keep one
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                out.append((" | ".join(cells), None))
    return out


def extract(data: bytes, source: Path) -> Extracted:
    """Paragraph text and core properties of a .docx file."""
    check_archive(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        props = document.core_properties
        title, author, created = props.title, props.author, props.created
    except Exception:  # noqa: BLE001 - a damaged package fails anywhere inside python-docx
        raise InputError(source, NOT_DOCX) from None
    meta: dict = {}
    weak: dict = {}
    if title and title.strip():
        meta["title"] = " ".join(title.split())
    else:
        first = next(((t, s) for t, s in blocks if t.strip()), None)
        if first and first[1] and first[1].casefold() in _TITLE_STYLES:
            meta["title"] = " ".join(first[0].split())
    if author and author.strip() and author.strip().casefold() not in _PLACEHOLDER_AUTHORS:
        meta["author"] = " ".join(author.split())
    if created is not None:
        aware = created if created.tzinfo else created.replace(tzinfo=timezone.utc)
        if aware != _TEMPLATE_CREATED:
            weak["published"] = created.date()
    # Paragraphs are paragraphs: a blank line between them keeps them apart.
    text = "\n\n".join(t for t, _ in blocks)
    return Extracted(text=text, meta=meta, weak=weak)
