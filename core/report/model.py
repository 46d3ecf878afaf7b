"""The report as data: a small, typed document that the PDF and the HTML writers walk.

Standard library and core's difference vocabulary only (``DiffKind`` from
:mod:`parallax.core.align.words`, ``PairKind`` from :mod:`parallax.core.align.sentences`).
Everything is a frozen dataclass; a writer never computes anything about the
articles, it only maps these nodes to its medium. The builder
(:mod:`parallax.core.report.build`) makes a :class:`Report` from core results;
how a node looks (colours, second cues, legend words, the footer's wording) is
data in :mod:`parallax.core.report.style`, so the two writers cannot drift apart.

What a writer must do, node by node
-----------------------------------
:class:`Report`
    ``title`` is the document's big title on the first page. ``meta`` holds the
    document properties (PDF info dictionary / HTML ``<title>`` and ``<meta>``),
    the page header text and the language. Then every :class:`Section` in order.
    Every page: the header ``meta.header`` at the top, and the footer
    ``style.FOOTER.format(page=X, pages=Y)`` ("page X of Y") at the bottom (the
    HTML has no pages: it shows the header once at the top and no footer).
:class:`Section`
    Starts on a new page when ``new_page`` (PDF; HTML may ignore or use
    ``break-before: page`` in print). Its ``heading`` is shown first, then its
    ``blocks`` in order.
:class:`Heading`
    ``level`` 1 (a section), 2 or 3. ``anchor`` is unique in the report (an
    ASCII id usable as an HTML id and a PDF named destination). When
    ``outline`` is true the heading is a PDF bookmark, nested by level (a level 2
    bookmark goes under the level 1 before it); the HTML may list them as contents.
:class:`Paragraph`
    Flowing text made of :class:`Run` s; ``direction`` is the paragraph's base
    direction (RTL paragraphs are laid out right to left and right-aligned);
    ``role`` says body text, a note (smaller, muted) or the title page's lead.
:class:`Run`
    A stretch of text with one look. A ``"\\n"`` inside ``text`` is a line
    break. ``mark`` (a ``DiffKind``: REPLACED, DELETED or INSERTED) gives the
    word-difference look of ``style.MARKS[mark]``: background tint AND the second
    cue that survives black-and-white printing (dashed underline / strike-through /
    underline). ``point`` is an insertion point: the other side has words here;
    ``text`` is ``style.POINT_GLYPH`` and the writer draws it in the mark's accent
    colour, bold, without background. ``emphasis`` is plain, strong (bold),
    muted (smaller, grey) or mono (a fixed-width font: hashes, ids; a mono run
    may break anywhere, a SHA-256 being 64 characters without a space).
:class:`KeyValues`
    A two-column list of labels and values (the title page's settings).
:class:`Table`
    A grid with a header row of ``columns`` (repeat it on each page the table
    spans); each :class:`Column` has a relative ``weight`` for its width. Each row
    has exactly one :class:`Cell` per column. Rows may split across pages.
    An empty table shows ``empty`` (a sentence) instead of the grid.
:class:`SideBySide`
    One pair of articles side by side: first the ``legend`` (which must be on
    the pair's first page), then a table of three columns: the left article
    (``left_label`` in the header), a narrow middle column with the row's
    ``style.row_note(kind, moved, differences)`` (e.g. "edited", "moved", "differs:" "number"), the right article.
    Each :class:`PairRow` is one table row, the reader's eye going across; an
    unaligned sentence has ``None`` on the other side (an empty cell) and its
    own cell gets the background ``style.ONLY_HERE_FILL``. A moved
    row (told at another place in the other text) carries the moved marker of
    ``style.MOVED`` in the middle column. Repeat the header row on each page.
:class:`Legend`
    A small box of entries: each shows its ``sample`` run in its look (on the
    background ``fill`` if one is given) followed by its explanation ``text``.

Blind mode is the builder's job: every string here is already as the reader
may see it (outlets as "A", "B"...); ``meta.blind`` only tells a writer not to
add anything of its own that could name a source (file names, URLs).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from parallax.core.align.sentences import PairKind
from parallax.core.align.words import DiffKind

MARKABLE = (DiffKind.REPLACED, DiffKind.DELETED, DiffKind.INSERTED)  # the kinds a Run may carry


class Direction(str, enum.Enum):
    """Base direction of a paragraph or a cell."""

    LTR = "ltr"
    RTL = "rtl"


class Emphasis(str, enum.Enum):
    PLAIN = "plain"
    STRONG = "strong"  # bold
    MUTED = "muted"  # smaller and grey: secondary facts
    MONO = "mono"  # fixed width: hashes, ids


class Role(str, enum.Enum):
    """What a paragraph is for."""

    BODY = "body"
    NOTE = "note"  # an explanation in smaller, muted type
    LEAD = "lead"  # the line under the title on the first page


@dataclass(frozen=True)
class Run:
    """Text with one look (see the module docstring)."""

    text: str
    mark: DiffKind | None = None
    point: bool = False  # an insertion point (text is style.POINT_GLYPH), needs a mark
    emphasis: Emphasis = Emphasis.PLAIN

    def __post_init__(self) -> None:
        if self.mark is not None and self.mark not in MARKABLE:
            raise ValueError(f"a run cannot be marked {self.mark.value}")
        if self.point and self.mark is None:
            raise ValueError("an insertion point needs the kind of its mark")


def plain(text: str, emphasis: Emphasis = Emphasis.PLAIN) -> tuple[Run, ...]:
    """The runs of an unmarked text (no run at all for an empty text)."""
    return (Run(text, emphasis=emphasis),) if text else ()


@dataclass(frozen=True)
class Heading:
    level: int  # 1, 2 or 3
    text: str
    anchor: str  # unique in the report, [A-Za-z0-9_-]
    outline: bool = True  # a PDF bookmark

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level {self.level} (1 to 3)")


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    direction: Direction = Direction.LTR
    role: Role = Role.BODY

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...] = ()
    direction: Direction = Direction.LTR

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class KeyValue:
    key: str
    value: tuple[Run, ...]


@dataclass(frozen=True)
class KeyValues:
    items: tuple[KeyValue, ...]


@dataclass(frozen=True)
class Column:
    label: str
    weight: float = 1.0  # relative width


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = "None."  # shown instead of a table without rows

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} cells in a table of {len(self.columns)} columns")


@dataclass(frozen=True)
class LegendEntry:
    sample: Run
    text: str
    fill: str | None = None  # "#rrggbb" behind the sample (the one-sided sentence's tint)


@dataclass(frozen=True)
class Legend:
    entries: tuple[LegendEntry, ...]


@dataclass(frozen=True)
class PairRow:
    """One row of a side-by-side table: aligned sentences, or one side's sentence alone."""

    left: Cell | None  # None: the sentence on the right has no counterpart on the left
    right: Cell | None
    kind: PairKind | None  # None for an unaligned sentence
    moved: bool = False  # an aligned pair told at another place in the other text
    differences: tuple[str, ...] = ()  # what its sides state differently (``AlignedPair.differences``)

    def __post_init__(self) -> None:
        if self.left is None and self.right is None:
            raise ValueError("a row needs at least one side")
        if (self.kind is None) != (self.left is None or self.right is None):
            raise ValueError("aligned rows (both sides) and only they have a pair kind")


@dataclass(frozen=True)
class SideBySide:
    left_label: str
    right_label: str
    rows: tuple[PairRow, ...]
    legend: Legend


Block = Heading | Paragraph | KeyValues | Table | SideBySide


@dataclass(frozen=True)
class Section:
    heading: Heading
    blocks: tuple[Block, ...]
    new_page: bool = True


@dataclass(frozen=True)
class ReportMeta:
    """Document properties: no outlet names in blind mode (the builder sees to that)."""

    title: str
    subject: str
    author: str  # who made the file: "Parallax <version>"
    keywords: tuple[str, ...]
    created: datetime  # timezone-aware
    header: str  # the running page header
    language: str = "en"  # of the report's own text (BCP 47)
    blind: bool = False


@dataclass(frozen=True)
class Report:
    title: str
    meta: ReportMeta
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def headings(self) -> list[Heading]:
        """Every heading in reading order (sections' and inner ones): the outline's source."""
        out = []
        for s in self.sections:
            out.append(s.heading)
            out.extend(b for b in s.blocks if isinstance(b, Heading))
        return out
