"""The PDF writer of reports: the report model laid out with Qt and written with QPdfWriter.

Depends on PySide6 (QtGui: QTextDocument, QPdfWriter, QPainter), the report
model and its print style (:mod:`parallax.core.report.model`, ``.style``), the
shipped fonts (:mod:`parallax.desktop.render.fonts`) and pypdf (the outline).
It computes nothing about articles: it maps each model node to Qt text
formats, as the model's docstring asks, and lays pages out.

How a PDF is made:

1. Each section that starts a new page begins a new ``QTextDocument`` (sections
   that do not join the one before); the document is laid out for the
   PDF writer's resolution and paginated to the page body, so every chunk's
   page count is known before anything is painted and the footer can say
   "page X of Y".
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
    QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen,
    QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat, QTextFrameFormat, QTextLength,
    QTextOption, QTextTableCellFormat, QTextTableFormat,
)

from parallax.core.align.sentences import PairKind
from parallax.core.errors import Progress, check_cancel
from parallax.core.report.atomic import atomic_path
from parallax.core.report import style
from parallax.core.report.model import (
    Cell, Direction, Emphasis, Heading, KeyValues, Legend, Paragraph, Report, Role, Run, Section,
    SideBySide, Table,
)
from parallax.desktop.render.fonts import register_fonts, report_font

Cancel = Callable[[], bool]

RESOLUTION = 600  # device units per inch: layout precision only; text and lines stay vectors
PAGE_MM = {"margin": 16.0, "band": 9.0}  # side margins; header/footer band height
BODY_PT = 9.0
SIZES_PT = {1: 15.0, 2: 12.0, 3: 10.0, "title": 22.0, "lead": 11.0, "note": 8.0, "small": 7.5,
            "band": 7.5}
LINE_HEIGHT = 118  # percent of the font's natural line height: tables of text read easier
TABLE_PAD_PT = 3.0
LEGEND_FILL = "#f7f7f7"
KEEP_WITH_NEXT_PT = 72  # a heading this close to a page's foot moves to the next page
KEEP_WITH_NEXT_PASSES = 2  # layouts spent on that at most
RTL_SCALE = 1.2  # right-to-left cells (Arabic): set larger, to match the Latin text's apparent size
POINT_SCALE = 1.3  # an insertion point's caret, against the text around it


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
    painter.setFont(report_font(SIZES_PT["band"]))
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
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(report_font(BODY_PT))
    option = QTextOption()
    # Long words (a SHA-256, a URL) break anywhere rather than overflow a cell.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    # Left to right unless the model says a paragraph or cell is right to left: an Arabic
    # outlet name in a label cell stays where the reader's eye looks for labels.
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    document.setPageSize(QSizeF(page.body.width(), page.body.height()))
    builder = _Builder(document)
    headings: list[tuple[Heading, int]] = []
    builder.cursor.beginEditBlock()  # one layout at the end, not one per insertion
    if title:
        builder.title(title)
    for section in sections:
        headings.extend(builder.section(section))
    builder.cursor.endEditBlock()
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


class _Builder:
    """Writes model nodes into a QTextDocument with a cursor; formats built once."""

    # Qt scales margins, paddings and borders from 96-dpi pixels to the paint device.
    pt = 96 / 72

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.cursor = QTextCursor(document)
        self.first_block = True
        self.char = QTextCharFormat()
        self.char.setFont(report_font(BODY_PT))
        self.char.setForeground(QColor(style.INK))
        self.marks = {kind: _mark_format(self.char, mark) for kind, mark in style.MARKS.items()}
        self.rule = _ruled(style.RULE, 0.5 * self.pt)  # a body cell: a line under it
        self.head = _ruled(style.MUTED, 0.8 * self.pt)  # a header cell: filled, a darker line
        self.head.setBackground(QColor(style.HEADER_FILL))
        # Arabic script reads small beside Latin at the same size (shorter x-height).
        self.rtl_char = QTextCharFormat(self.char)
        self.rtl_char.setFontPointSize(BODY_PT * RTL_SCALE)
        self.line_height: float | None = None  # of body text in side-by-side cells, 96-dpi pixels

    # sections and blocks

    def section(self, section: Section) -> list[tuple[Heading, int]]:
        """Write a section; its headings with their positions (for page breaks and the outline)."""
        headings = [(section.heading, self.heading(section.heading))]
        for block in section.blocks:
            if isinstance(block, Heading):
                headings.append((block, self.heading(block)))
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, KeyValues):
                self.key_values(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, SideBySide):
                self.side_by_side(block)
            else:  # a new block type must get its look here
                raise TypeError(f"the PDF writer has no look for {type(block).__name__}")
        return headings

    def _block(self, fmt: QTextBlockFormat, char: QTextCharFormat) -> int:
        """Start a new top-level paragraph (the document's first one is reused)."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        if self.first_block:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first_block = False
        else:
            self.cursor.insertBlock(fmt, char)
        return self.cursor.position()

    def heading(self, heading: Heading) -> int:
        fmt = QTextBlockFormat()
        fmt.setHeadingLevel(heading.level)
        fmt.setTopMargin({1: 4, 2: 18, 3: 12}[heading.level] * self.pt)
        fmt.setBottomMargin({1: 8, 2: 6, 3: 4}[heading.level] * self.pt)
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
        char = QTextCharFormat(self.char)
        char.setFont(report_font(SIZES_PT[heading.level], bold=True))
        char.setAnchor(True)
        char.setAnchorNames([heading.anchor])
        position = self._block(fmt, char)
        self.cursor.insertText(heading.text, char)
        return position

    def paragraph(self, paragraph: Paragraph) -> None:
        fmt = _direction_format(paragraph.direction)
        fmt.setBottomMargin(5 * self.pt)
        fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        base = QTextCharFormat(self.char)
        if paragraph.role is Role.NOTE:
            base.setFont(report_font(SIZES_PT["note"]))
            base.setForeground(QColor(style.MUTED))
        elif paragraph.role is Role.LEAD:
            base.setFont(report_font(SIZES_PT["lead"]))
            fmt.setBottomMargin(14 * self.pt)
        self._block(fmt, base)
        self.runs(self.cursor, paragraph.runs, base)

    def title(self, text: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(6 * self.pt)
        char = QTextCharFormat(self.char)
        char.setFont(report_font(SIZES_PT["title"], bold=True))
        self._block(fmt, char)
        self.cursor.insertText(text, char)

    def key_values(self, block: KeyValues) -> None:
        table = self._table(len(block.items), [1.0, 2.6], header=False, rules=False)
        key_char = QTextCharFormat(self.char)
        key_char.setForeground(QColor(style.MUTED))
        for row, item in enumerate(block.items):
            table.cellAt(row, 0).firstCursorPosition().insertText(item.key, key_char)
            self.runs(table.cellAt(row, 1).firstCursorPosition(), item.value, self.char)
        self._after_table()

    def table(self, block: Table) -> None:
        if not block.rows:
            self.paragraph(Paragraph((Run(block.empty, emphasis=Emphasis.MUTED),), role=Role.NOTE))
            return
        table = self._table(len(block.rows) + 1, [c.weight for c in block.columns], header=True)
        self._header_row(table, [c.label for c in block.columns])
        for r, row in enumerate(block.rows, start=1):
            for c, cell in enumerate(row):
                self.cell(table.cellAt(r, c).firstCursorPosition(), cell)
        self._after_table()

    def side_by_side(self, block: SideBySide) -> None:
        self.legend(block.legend)
        table = self._table(len(block.rows) + 1, [1.0, self._note_weight(), 1.0], header=True)
        self._header_row(table, [block.left_label, "", block.right_label])
        note_char = QTextCharFormat(self.char)
        note_char.setFont(report_font(SIZES_PT["small"]))
        note_char.setForeground(QColor(style.MUTED))
        moved_char = _bold(note_char)
        moved_char.setForeground(QColor(style.INK))
        alone = QTextTableCellFormat(self.rule)
        alone.setBackground(QColor(style.ONLY_HERE_FILL))
        for r, row in enumerate(block.rows, start=1):
            for c, cell in ((0, row.left), (2, row.right)):
                if cell is not None:
                    self.cell(table.cellAt(r, c).firstCursorPosition(), cell, even_lines=True)
                    if row.kind is None:
                        table.cellAt(r, c).setFormat(alone)
            cursor = table.cellAt(r, 1).firstCursorPosition()
            for i, line in enumerate(filter(None, style.row_note(row.kind, row.moved).split("\n"))):
                # "moved" in bold ink: the row's one note that asks the reader to look elsewhere
                cursor.insertText(("\u2028" if i else "") + line, moved_char if line == style.MOVED else note_char)
        self._after_table()

    def _note_weight(self) -> float:
        """The middle column's weight against 1 for each article: its longest word fits unbroken."""
        device = self.document.documentLayout().paintDevice()
        metrics = QFontMetricsF(report_font(SIZES_PT["small"], bold=True), device)
        words = {w for kind in (*PairKind, None) for moved in (False, True)
                 for w in style.row_note(kind, moved).split()}
        # Widths in device units; the table's lengths in 96-dpi pixels (see ``pt``).
        note = max(metrics.horizontalAdvance(w) for w in words) * 96 / device.logicalDpiX()
        note += 2 * TABLE_PAD_PT * self.pt + 2 * self.pt  # paddings and a little air
        body = self.document.pageSize().width() * 96 / device.logicalDpiX()
        return 2 * note / (body - note)

    def legend(self, legend: Legend) -> None:
        table = self._table(1, [1.0], header=False, rules=False, space_after=6)
        box = QTextTableCellFormat()
        box.setBackground(QColor(LEGEND_FILL))
        table.cellAt(0, 0).setFormat(box)
        cursor = table.cellAt(0, 0).firstCursorPosition()
        small = QTextCharFormat(self.char)
        small.setFont(report_font(SIZES_PT["note"]))
        cursor.insertText("Legend   ", _bold(small))
        for i, entry in enumerate(legend.entries):
            if i:
                cursor.insertText("      ", small)
            sample = small
            if entry.fill:
                sample = QTextCharFormat(small)
                sample.setBackground(QColor(entry.fill))
            self.runs(cursor, (entry.sample,), sample)
            # the sample and the first word of its explanation stay on one line
            cursor.insertText("\u00a0" + entry.text.replace(" ", "\u00a0", 1), small)
        self._after_table()

    # cells and runs

    def cell(self, cursor: QTextCursor, cell: Cell, *, even_lines: bool = False) -> None:
        """A table cell's text; ``even_lines``: every left-to-right line as high as plain text
        (an insertion caret, set larger, would otherwise push its line down)."""
        if cell.direction is Direction.RTL:
            cursor.setBlockFormat(_direction_format(cell.direction))
            self.runs(cursor, cell.runs, self.rtl_char)
            return
        if even_lines:
            fmt = QTextBlockFormat()
            fmt.setLineHeight(self._line_height(), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            cursor.setBlockFormat(fmt)
        self.runs(cursor, cell.runs, self.char)

    def _line_height(self) -> float:
        if self.line_height is None:
            device = self.document.documentLayout().paintDevice()
            spacing = QFontMetricsF(report_font(BODY_PT), device).lineSpacing()
            self.line_height = spacing * 96 / device.logicalDpiY() * LINE_HEIGHT / 100
        return self.line_height

    def runs(self, cursor: QTextCursor, runs: Iterable[Run], base: QTextCharFormat) -> None:
        for run in runs:
            cursor.insertText(run.text.replace("\n", "\u2028"), self._run_format(run, base))

    def _run_format(self, run: Run, base: QTextCharFormat) -> QTextCharFormat:
        if run.point:
            fmt = QTextCharFormat(base)
            fmt.setForeground(QColor(style.MARKS[run.mark].line))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(base.font().pointSizeF() * POINT_SCALE)  # a caret is small type
            return fmt
        if run.mark is not None and base is self.char and run.emphasis is Emphasis.PLAIN:
            return self.marks[run.mark]  # the common case, built once
        fmt = QTextCharFormat(base)
        if run.mark is not None:
            fmt.merge(_mark_format(QTextCharFormat(), style.MARKS[run.mark]))
        if run.emphasis is Emphasis.STRONG:
            fmt.setFontWeight(QFont.Weight.Bold)
        elif run.emphasis is Emphasis.MUTED:
            fmt.setForeground(QColor(style.MUTED))
            fmt.setFontPointSize(base.font().pointSizeF() * 0.9)
        elif run.emphasis is Emphasis.MONO:
            # No monospaced face is shipped: Noto Sans has tabular digits; smaller so a
            # 64-character hash takes two lines in a narrow cell.
            fmt.setFontPointSize(SIZES_PT["small"])
            fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            fmt.setFontLetterSpacing(0.1)
        return fmt

    # tables

    def _table(self, rows: int, weights: list[float], *, header: bool, rules: bool = True,  # noqa: ANN202
               space_after: float = 12):
        """An empty table over the body's width, columns in proportion to ``weights``.

        With ``rules``, a thin line under every row (no vertical lines: the eye
        goes across).
        """
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        total = sum(weights)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 100 * w / total)
                                       for w in weights])
        fmt.setCellSpacing(0)
        fmt.setCellPadding(TABLE_PAD_PT * self.pt)
        fmt.setBottomMargin(space_after * self.pt)
        fmt.setHeaderRowCount(1 if header else 0)
        fmt.setBorderCollapse(True)
        fmt.setBorder(0)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
        self.first_block = False
        table = self.cursor.insertTable(rows, len(weights), fmt)
        if rules:
            for r in range(1 if header else 0, rows):
                for c in range(len(weights)):
                    table.cellAt(r, c).setFormat(self.rule)
        return table

    def _header_row(self, table, labels: list[str]) -> None:  # noqa: ANN001 - QTextTable
        char = _bold(self.char)
        for c, label in enumerate(labels):
            cell = table.cellAt(0, c)
            cell.setFormat(self.head)
            cell.firstCursorPosition().insertText(label, char)

    def _after_table(self) -> None:
        """The next block reuses the empty paragraph Qt keeps after a table."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.first_block = True


def _ruled(colour: str, width: float) -> QTextTableCellFormat:
    """A cell format with a line of ``colour`` under the cell only."""
    fmt = QTextTableCellFormat()
    fmt.setBottomBorder(width)
    fmt.setBottomBorderBrush(QBrush(QColor(colour)))
    fmt.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    for side in (fmt.setTopBorder, fmt.setLeftBorder, fmt.setRightBorder):
        side(0)
    return fmt


def _bold(fmt: QTextCharFormat) -> QTextCharFormat:
    out = QTextCharFormat(fmt)
    out.setFontWeight(QFont.Weight.Bold)
    return out


def _mark_format(base: QTextCharFormat, mark: style.MarkStyle) -> QTextCharFormat:
    """The print look of a word mark: tint and the cue that survives black and white."""
    fmt = QTextCharFormat(base)
    fmt.setBackground(QColor(mark.background))
    if mark.cue is style.Cue.DASHED_UNDERLINE:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(mark.line))
    elif mark.cue is style.Cue.UNDERLINE:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(mark.line))
    elif mark.cue is style.Cue.STRIKE:
        fmt.setFontStrikeOut(True)
    return fmt


def _direction_format(direction: Direction) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    if direction is Direction.RTL:
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    return fmt


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
