"""Find in both comparison panes: every match marked, stepping through those of one pane.

Depends on PySide6 and the pane widget. Matching is case-insensitive on the
Python text (``re.IGNORECASE``: offsets stay those of the text, unlike
``casefold``, which can change lengths); marks go through the pane's offset map.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextEdit

from parallax.desktop.views.compare_model import Side
from parallax.desktop.views.compare_panes import CompareText, selection_format

MAX_MARKS = 2000  # extra selections are slow on long texts; counts stay exact


class BothPanesSearch:
    """The matches of one needle in both panes."""

    def __init__(self, left: CompareText, right: CompareText) -> None:
        self.panes = {Side.A: left, Side.B: right}
        self.matches: dict[Side, list[tuple[int, int]]] = {Side.A: [], Side.B: []}

    def search(self, needle: str, colour: QColor) -> tuple[int, int]:
        """Mark every match of ``needle``; return the counts in the left and right text."""
        self.matches = {Side.A: [], Side.B: []}
        if needle:
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            for side, pane in self.panes.items():
                self.matches[side] = [m.span() for m in pattern.finditer(pane.text)]
        fmt = selection_format(colour)
        for side, pane in self.panes.items():
            selections = []
            for start, end in self.matches[side][:MAX_MARKS]:
                sel = QTextEdit.ExtraSelection()
                sel.cursor = pane.textCursor()
                sel.cursor.setPosition(pane.offsets.qt(start))
                sel.cursor.setPosition(pane.offsets.qt(end), sel.cursor.MoveMode.KeepAnchor)
                sel.format = fmt
                selections.append(sel)
            pane.setExtraSelections(selections)
        return len(self.matches[Side.A]), len(self.matches[Side.B])

    def step(self, active: Side, *, backward: bool = False, from_selection_start: bool = False) -> Side | None:
        """Select the next (previous) match of the ``active`` pane, wrapping; else of the other pane.

        Returns:
            The pane where a match is now selected, or None when there is none.
        """
        side = active if self.matches[active] else active.other
        matches = self.matches[side]
        if not matches:
            return None
        pane = self.panes[side]
        here = pane.selected_span() or (pane.cursor_offset(), pane.cursor_offset())
        pos = here[0] if from_selection_start else here[0] + (0 if backward else 1)
        if backward:
            before = [m for m in matches if m[0] < pos]
            target = before[-1] if before else matches[-1]
        else:
            target = next((m for m in matches if m[0] >= pos), matches[0])
        pane.select_span(*target)
        return side

    def clear(self) -> None:
        self.matches = {Side.A: [], Side.B: []}
        for pane in self.panes.values():
            pane.setExtraSelections([])
