"""The report model written into a ``QTextDocument``: one Qt text format per look.

Depends on PySide6 (QtGui text classes), the report model and its print style
(:mod:`parallax.core.report.model`, ``.style``), the pair kinds
(:class:`~parallax.core.align.sentences.PairKind`, for the middle column's
words) and the shipped fonts (:mod:`parallax.desktop.render.fonts`). It maps
each model node to Qt formats as the model's docstring asks (marks with their
second cue, side-by-side rows, tables with a header row repeated on every page,
right-to-left cells) and nothing else: pagination and painting are the PDF
writer's (:mod:`parallax.desktop.report_pdf`). Formats are built once per
document; everything is inserted in one edit block, so Qt lays out once.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QPaintDevice, QTextBlockFormat, QTextCharFormat, QTextCursor,
    QTextDocument, QTextFormat, QTextFrameFormat, QTextLength, QTextOption, QTextTableCellFormat,
    QTextTableFormat,
)

from parallax.core.align.sentences import PairKind
from parallax.core.report import style
from parallax.core.report.model import (
    Cell, Direction, Emphasis, Heading, KeyValues, Legend, Paragraph, Role, Run, Section, SideBySide, Table,
)
from parallax.desktop.render.fonts import report_font

BODY_PT = 9.0
SIZES_PT = {1: 15.0, 2: 12.0, 3: 10.0, "title": 22.0, "lead": 11.0, "note": 8.0, "small": 7.5}
LINE_HEIGHT = 118  # percent of the font's natural line height: tables of text read easier
TABLE_PAD_PT = 3.0
LEGEND_FILL = "#f7f7f7"
RTL_SCALE = 1.2  # right-to-left cells (Arabic): set larger, to match the Latin text's apparent size
POINT_SCALE = 1.3  # an insertion point's caret, against the text around it


def build_document(sections: Sequence[Section], device: QPaintDevice, page: QSizeF, *,
                   title: str | None = None) -> tuple[QTextDocument, list[tuple[Heading, int]]]:
    """A document of ``sections`` (the report's ``title`` first if given), laid out for
    ``device`` and paginated to ``page`` (device units); every heading with its position."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(report_font(BODY_PT))
    option = QTextOption()
    # Long words (a SHA-256, a URL) break anywhere rather than overflow a cell.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    # Left to right unless the model says a paragraph or cell is right to left: an Arabic
    # outlet name in a label cell stays where the reader's eye looks for labels.
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    document.setPageSize(page)
    builder = _Builder(document)
    headings: list[tuple[Heading, int]] = []
    builder.cursor.beginEditBlock()  # one layout at the end, not one per insertion
    if title:
        builder.title(title)
    for section in sections:
        headings.extend(builder.section(section))
    builder.cursor.endEditBlock()
    return document, headings


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
            note = style.row_note(row.kind, row.moved, row.differences)
            for i, line in enumerate(filter(None, note.split("\n"))):
                # "moved" and "differs:" in bold ink: they ask the reader to look
                cursor.insertText(("\u2028" if i else "") + line,
                                  moved_char if line in style.EMPHASISED else note_char)
        self._after_table()

    def _note_weight(self) -> float:
        """The middle column's weight against 1 for each article: its longest word fits unbroken."""
        device = self.document.documentLayout().paintDevice()
        metrics = QFontMetricsF(report_font(SIZES_PT["small"], bold=True), device)
        words = {w for kind in (*PairKind, None) for moved in (False, True)
                 for w in style.row_note(kind, moved, tuple(style.DIFFERENCE_WORDS)).split("\n")}
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
