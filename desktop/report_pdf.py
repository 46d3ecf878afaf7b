"""The PDF writer of reports: the report model laid out with Qt and written with QPdfWriter.

Depends on PySide6 (QtGui: QTextDocument, QPdfWriter, QPainter), the report
model (:mod:`parallax.core.report.model`), the document builder that maps its
nodes to Qt text formats (:mod:`parallax.desktop.render.report_document`), the
shipped fonts (:mod:`parallax.desktop.render.fonts`), the shared atomic write
(:mod:`parallax.core.report.atomic`) and pypdf (the outline). It computes
nothing about articles: it paginates, paints pages and writes the file.

How a PDF is made:

1. Each section that starts a new page begins a new ``QTextDocument`` (sections
   that do not join the one before); the document is laid out for the
   PDF writer's resolution and paginated to the page body, so every chunk's
   page count is known before anything is painted and the footer can say
   "page X of Y". A heading that would stand alone at a page's foot moves to
   the next page.
2. Each page is painted with ``QPainter``: the running header, the body (the
   chunk's document clipped to that page) and the footer. Text stays text with
   the fonts embedded (selectable, searchable); right-to-left paragraphs are
   laid out right to left by Qt's shaper.
3. Qt's PDF engine writes no outline, so pypdf adds the bookmarks (headings
   marked ``outline``, nested by level) to the bytes Qt wrote in memory.

Blind mode needs nothing here: every string is already as the reader may see
it, and the PDF's properties come from ``report.meta`` alone.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextCursor, QTextDocument,
    QTextFormat,
)

from parallax.core.errors import Progress, check_cancel
from parallax.core.report import style
from parallax.core.report.atomic import atomic_path
from parallax.core.report.model import Report, Section
from parallax.desktop.render.fonts import register_fonts, report_font
from parallax.desktop.render.report_document import build_document

Cancel = Callable[[], bool]

RESOLUTION = 600  # device units per inch: layout precision only; text and lines stay vectors
PAGE_MM = {"margin": 16.0, "band": 9.0}  # side margins; header/footer band height
BAND_PT = 7.5  # the header's and footer's type
KEEP_WITH_NEXT_PT = 72  # a heading this close to a page's foot moves to the next page
KEEP_WITH_NEXT_PASSES = 2  # layouts spent on that at most


# -- the one way in --------------------------------------------------------------------

def write_pdf(report: Report, path: str | Path, *, should_cancel: Cancel | None = None,
              progress: Progress | None = None) -> Path:
    """Write ``report`` as a PDF file at ``path``; the path written.

    The file appears only when complete (a temporary file in the target folder,
    renamed at the end): a failure or a cancel leaves no file and never touches
    an existing report.

    Raises:
        Cancelled: ``should_cancel`` returned true (nothing written).
        InputError: the file cannot be written there (names the file and the reason).
    """
    data = render_pdf(report, should_cancel=should_cancel, progress=progress)
    with atomic_path(path) as temp:
        temp.write_bytes(data)
        check_cancel(should_cancel)
    return Path(path)


def render_pdf(report: Report, *, should_cancel: Cancel | None = None,
               progress: Progress | None = None) -> bytes:
    """The PDF of ``report`` as bytes (laid out, painted, outline added)."""
    _ensure_app()
    register_fonts()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _pdf_writer(buffer, report)
    page = _PageGeometry.of(writer)
    chunks = _chunks(report.sections) or [[]]  # no section: still the title page, header and footer
    total_steps = len(chunks) * 2
    laid: list[_Laid] = []
    for i, chunk in enumerate(chunks):
        check_cancel(should_cancel)
        laid.append(_lay_out(chunk, writer, page, title=report.title if i == 0 else None))
        _report(progress, i + 1, total_steps, "laying out")
    pages = sum(c.pages for c in laid)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Qt could not start the PDF")
    try:
        number = 0
        for i, chunk_layout in enumerate(laid):
            for p in range(chunk_layout.pages):
                check_cancel(should_cancel)
                if p:  # each page a step a caller can answer (the GUI handles its events there)
                    _report(progress, len(laid) + i, total_steps, "writing pages")
                if number:
                    writer.newPage()
                number += 1
                _paint_page(painter, page, chunk_layout.document, p, number, pages, report.meta.header)
            _report(progress, len(laid) + i + 1, total_steps, "writing pages")
    finally:
        painter.end()
    buffer.close()
    check_cancel(should_cancel)
    return _with_outline(bytes(buffer.data().data()), _outline(laid), pages)


def _report(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None:
        progress(done, total, label)


_app: list[QGuiApplication] = []  # the one made here, kept alive for the process


def _ensure_app() -> None:
    """Qt's text layout needs a ``QGuiApplication``; the CLI has none (it sets the offscreen platform)."""
    if QGuiApplication.instance() is None:
        _app.append(QGuiApplication(["parallax"]))  # only the main thread gets here


# -- pages --------------------------------------------------------------------------------

def _pdf_writer(device: QIODevice, report: Report) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    meta = report.meta
    writer.setTitle(meta.title)
    writer.setAuthor(meta.author)
    writer.setCreator(meta.author)
    return writer


@dataclass(frozen=True)
class _PageGeometry:
    width: float  # the whole page, device units
    height: float
    margin: float
    band: float  # header and footer bands

    @classmethod
    def of(cls, writer: QPdfWriter) -> _PageGeometry:
        full = writer.pageLayout().fullRectPixels(writer.resolution())
        mm = writer.resolution() / 25.4
        return cls(full.width(), full.height(), PAGE_MM["margin"] * mm, PAGE_MM["band"] * mm)

    @property
    def body(self) -> QRectF:
        top = self.margin + self.band
        return QRectF(self.margin, top, self.width - 2 * self.margin, self.height - 2 * top)

    def header(self) -> QRectF:
        return QRectF(self.margin, self.margin * 0.6, self.width - 2 * self.margin, self.band * 0.7)

    def footer(self) -> QRectF:
        return QRectF(self.margin, self.height - self.margin * 0.6 - self.band * 0.7,
                      self.width - 2 * self.margin, self.band * 0.7)


def _paint_page(painter: QPainter, page: _PageGeometry, document: QTextDocument, index: int,
                number: int, pages: int, header: str) -> None:
    """Header, the body of page ``index`` of ``document``, footer."""
    muted = QColor(style.MUTED)
    painter.save()
    painter.setFont(report_font(BAND_PT))
    painter.setPen(muted)
    head = page.header()
    painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     painter.fontMetrics().elidedText(header, Qt.TextElideMode.ElideRight, int(head.width())))
    painter.setPen(QPen(QColor(style.RULE), page.width / 2000))
    painter.drawLine(head.bottomLeft(), head.bottomRight())
    painter.setPen(muted)
    painter.drawText(page.footer(), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     style.FOOTER.format(page=number, pages=pages))
    painter.restore()

    body = page.body
    height = document.pageSize().height()
    painter.save()
    painter.translate(body.left(), body.top() - index * height)
    document.drawContents(painter, QRectF(0, index * height, body.width(), height))
    painter.restore()


# -- layout ---------------------------------------------------------------------------------

@dataclass
class _Laid:
    """One chunk's document, laid out; its pages and its bookmarks (page within the chunk)."""

    document: QTextDocument
    pages: int = 0
    first_page: int = 0  # in the whole PDF, from 0
    bookmarks: list[tuple[int, str, int]] = field(default_factory=list)  # (level, title, page)


def _chunks(sections: Iterable[Section]) -> list[list[Section]]:
    """Sections grouped by page break: a chunk starts at each section with ``new_page``."""
    chunks: list[list[Section]] = []
    for section in sections:
        if section.new_page or not chunks:
            chunks.append([section])
        else:
            chunks[-1].append(section)
    return chunks


def _lay_out(sections: list[Section], writer: QPdfWriter, page: _PageGeometry, *,
             title: str | None = None) -> _Laid:
    """One chunk's document (with the report's ``title`` first if given), paginated."""
    document, headings = build_document(sections, writer, QSizeF(page.body.width(), page.body.height()),
                                        title=title)
    keep = KEEP_WITH_NEXT_PT * writer.resolution() / 72
    for _ in range(KEEP_WITH_NEXT_PASSES):
        if not _keep_headings_with_next(document, [p for _h, p in headings], keep):
            break
    layout = document.documentLayout()
    height = document.pageSize().height()
    laid = _Laid(document, max(1, document.pageCount()))
    for heading, position in headings:
        if heading.outline:
            top = layout.blockBoundingRect(document.findBlock(position)).top()
            laid.bookmarks.append((heading.level, heading.text, min(int(top // height), laid.pages - 1)))
    return laid


def _keep_headings_with_next(document: QTextDocument, positions: list[int], keep: float) -> bool:
    """Move each heading stranded at a page's foot to the next page; whether any moved.

    One layout for all: a break moves what follows down by the rest of its page,
    and the later headings are judged at their positions so moved (exact for
    flowing text; a table row that cannot split may shift them a little more,
    which the caller's next pass catches). Setting the breaks one by one would lay
    the document out again after each (minutes for a 50-article dossier).
    """
    layout = document.documentLayout()
    height = document.pageSize().height()
    shift = 0.0
    stranded = []
    for position in positions:
        block = document.findBlock(position)
        if block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            continue
        top = layout.blockBoundingRect(block).top() + shift
        room = height - top % height
        if room < keep:
            stranded.append(block)
            shift += room
    if stranded:
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for block in stranded:
            fmt = block.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        cursor.endEditBlock()
    return bool(stranded)


# -- outline -----------------------------------------------------------------------------------

def _outline(laid: list[_Laid]) -> list[tuple[int, str, int]]:
    """Every bookmark as (level, title, page index in the PDF)."""
    out = []
    first = 0
    for chunk in laid:
        out.extend((level, title, first + page) for level, title, page in chunk.bookmarks)
        first += chunk.pages
    return out


def _with_outline(pdf: bytes, bookmarks: list[tuple[int, str, int]], pages: int) -> bytes:
    """``pdf`` with bookmarks nested by level (a level-2 under the level-1 before it)."""
    if not bookmarks:
        return pdf
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - only when writing a PDF

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    parents: dict[int, object] = {}
    for level, title, page in bookmarks:
        parent = next((parents[lv] for lv in range(level - 1, 0, -1) if lv in parents), None)
        item = writer.add_outline_item(title=title, page_number=min(page, pages - 1), parent=parent)
        parents[level] = item
        for deeper in [lv for lv in parents if lv > level]:
            del parents[deeper]
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
