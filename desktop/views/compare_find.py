"""Find in both comparison panes: every match marked, one count and one order for both.

Depends on PySide6, the pane widget and the find bar's helpers (``findbar``:
the reader's own counting, stepping and centring). The matches of both panes
make one list in reading order, the left article's before the right's, so the
bar says "3 of 12" as the reader does. Not interleaved by the alignment: that
order would be undefined for sentences without a counterpart and while the
plain texts wait for their marks, and it would change under the user when they
arrive. Marks go through each pane's offset map. New text in a pane (another
pair, or the marks arriving) drops the matches: like the reader, the next step
counts again.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextEdit

from parallax.core.align.words import Side
from parallax.desktop.views.compare_panes import CompareText, selection_format
from parallax.desktop.views.findbar import centre_cursor, find_spans, first_match, step_match

MAX_MARKS = 2000  # extra selections are slow on long texts; counts stay exact
ORDER = (Side.A, Side.B)  # reading order of the panes

# A match is ((pane rank, start), (pane rank, end)): tuples order both panes as one text.
Match = tuple[tuple[int, int], tuple[int, int]]


class BothPanesSearch(QObject):
    """The matches of one needle in both panes, and which one is current.

    Signals:
        forgotten(): a pane shows new text; the matches (and their marks) are gone.
    """

    forgotten = Signal()

    def __init__(self, left: CompareText, right: CompareText) -> None:
        super().__init__(left)
        self.panes = {Side.A: left, Side.B: right}
        self.matches: list[Match] | None = None  # None: count again (the texts changed)
        self.current = -1
        for pane in self.panes.values():
            pane.content_set.connect(self._forget)

    def search(self, needle: str, colour: QColor) -> int:
        """Mark every match of ``needle`` in both panes; return how many there are."""
        self.matches, self.current = [], -1
        for rank, side in enumerate(ORDER):
            pane = self.panes[side]
            spans = find_spans(pane.text, needle)
            self.matches += [((rank, start), (rank, end)) for start, end in spans]
            fmt = selection_format(colour)
            selections = []
            for start, end in spans[:MAX_MARKS]:
                sel = QTextEdit.ExtraSelection()
                sel.cursor = pane.textCursor()
                sel.cursor.setPosition(pane.offsets.qt(start))
                sel.cursor.setPosition(pane.offsets.qt(end), sel.cursor.MoveMode.KeepAnchor)
                sel.format = fmt
                selections.append(sel)
            pane.setExtraSelections(selections)
        return len(self.matches)

    def first(self, active: Side) -> int:
        """Select the first match from the start of the ``active`` pane's selection (typing
        more letters keeps the match); return its index, or -1 when there is none."""
        if not self.matches:
            return -1
        here = self._selection(active)[0]
        return self._select(first_match(self.matches, here))

    def step(self, active: Side, *, backward: bool = False) -> int:
        """Select the next (previous) match, going round at either end and from one pane into
        the other; from the ``active`` pane's cursor if the user moved it. Returns its index,
        or -1 when there is none."""
        if not self.matches:
            return -1
        index = step_match(self.matches, self.current, self._selection(active), backward=backward)
        return self._select(index)

    def _selection(self, side: Side) -> Match:
        pane, rank = self.panes[side], ORDER.index(side)
        span = pane.selected_span() or (pane.cursor_offset(), pane.cursor_offset())
        return (rank, span[0]), (rank, span[1])

    def _select(self, index: int) -> int:
        (rank, start), (_, end) = self.matches[index]
        side = ORDER[rank]
        this, other = self.panes[side], self.panes[side.other]
        if other.textCursor().hasSelection():
            # One current match on screen: a pane shows its selection even unfocused.
            # First, as setting a cursor can scroll its pane (and the other with it).
            other.place_cursor(other.cursor_offset())
        this.select_span(start, end, place=None)
        centre_cursor(this)  # the other pane follows through the alignment
        self.current = index
        return index

    def side_of(self, index: int) -> Side:
        return ORDER[self.matches[index][0][0]]

    def clear(self) -> None:
        self.matches, self.current = None, -1
        for pane in self.panes.values():
            pane.setExtraSelections([])

    def _forget(self) -> None:
        self.matches, self.current = None, -1
        self.forgotten.emit()
