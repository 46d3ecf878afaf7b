"""Moving around the comparison view: differences (F7), unaligned sentences (F8),
substitutions, and find in both panes.

Depends on PySide6 and the pure ``compare_model`` lookups. A mixin of
:class:`~parallax.desktop.views.compare_view.CompareView`, kept apart so that
module stays readable; it uses the view's panes, marks, gutter, search and
``status_message`` and its scroll lock.
"""
from __future__ import annotations

from parallax.core.align.words import Side
from parallax.desktop.views.compare_panes import CompareText


class DifferenceNavigation:
    """Next / previous difference, unaligned sentence and match; jumping to a substitution."""

    # -- navigation -----------------------------------------------------------------------

    def active_side(self) -> Side:
        return self._active

    def set_active_side(self, side: Side) -> None:
        self._active = side

    def next_difference(self, *, backward: bool = False) -> bool:
        """Select the next (previous) word difference in the active pane and its counterpart.

        Past the last difference it goes round to the first (and back past the first
        to the last), saying so in the status bar, as Meld does.
        """
        if self.marks is None:
            return False
        side = self._active
        this = self.pane(side)
        step = self.marks.next_stop(side, this.cursor_offset(), current=self._shown_stop(side),
                                    backward=backward)
        if step is None:
            self.status_message.emit("These articles have no word differences")
            return False
        stop = step.stop
        self._go_to(side, stop.start, stop.end, stop.other_start, stop.other_end)
        self._stops_shown = {side: (step.index, *_cursor_ends(this))}
        other = self.marks.counterpart_index(side, step.index)
        if other is not None:
            self._stops_shown[side.other] = (other, *_cursor_ends(self.pane(side.other)))
        self._highlight_pair(stop.pair)
        self.status_message.emit(_walk_message("difference", "F7", step.index,
                                               len(self.marks.pane(side).stops), step.wrapped, backward))
        return True

    def _shown_stop(self, side: Side) -> int | None:
        """The stop F7 last went to in ``side``, if the cursor is still where it left it."""
        shown = self._stops_shown.get(side)
        if shown is None or shown[1:] != _cursor_ends(self.pane(side)):
            return None
        return shown[0]

    def next_unaligned(self, *, backward: bool = False) -> bool:
        """Select the next (previous) sentence of the active pane that has no counterpart,
        going round at either end and counting in the status bar, as F7 does."""
        if self.marks is None:
            return False
        side = self._active
        this = self.pane(side)
        spans = self.marks.pane(side).unaligned
        # The sentence F8 showed: the walk goes on from it (one at offset 0 would
        # otherwise be skipped from a fresh cursor, or found again and again).
        shown = next((i for i, s in enumerate(spans)
                      if s == this.highlight and not this.textCursor().hasSelection()
                      and this.cursor_offset() == s[0]), None)
        step = self.marks.next_unaligned(side, this.cursor_offset(), current=shown, backward=backward)
        if step is None:
            self.status_message.emit("Every sentence of this article has a counterpart")
            return False
        span = step.span
        this.place_cursor(span[0])
        this.scroll_to(*span)
        this.set_highlight(span)
        self.pane(side.other).set_highlight(None)
        _clear_selection(self.pane(side.other))
        self.gutter.set_selected(-1)
        self.status_message.emit(_walk_message("sentence without counterpart", "F8", step.index,
                                               len(spans), step.wrapped, backward))
        return True

    def _highlight_pair(self, index: int) -> None:
        pair = self.marks.pairs[index]
        self.left.set_highlight(pair.span(Side.A))
        self.right.set_highlight(pair.span(Side.B))
        self.gutter.set_selected(index)

    def _go_to(self, side: Side, start: int, end: int, other_start: int, other_end: int) -> None:
        this, other = self.pane(side), self.pane(side.other)
        with self.scroll_lock():
            this.select_span(start, end, place=0.3)
            other.select_span(other_start, other_end, place=None)
        self._align_other(side, start, end, other_start, other_end)

    def jump_to_substitution(self, index: int, occurrence: int = 0) -> None:
        """Show occurrence ``occurrence`` of substitution ``index`` in both panes."""
        if self.marks is None:
            return
        sub = self.marks.substitutions[index]
        n = len(sub.occurrences)
        edit = sub.occurrences[occurrence % n]
        self._active = Side.A
        self._go_to(Side.A, edit.a_start, edit.a_end, edit.b_start, edit.b_end)
        pair = self.marks.pair_at(Side.A, edit.a_start)
        if pair is not None:
            self._highlight_pair(pair)
        self.status_message.emit(f"“{sub.a}” → “{sub.b}”: {occurrence % n + 1} of {n}")

    # -- find in both panes -------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def find(self, needle: str) -> int:
        """Mark every match of ``needle`` (case-insensitive) in both panes; go to the first
        from the active pane's cursor and say "1 of 12" as the reader does.

        Returns:
            The number of matches in both articles.
        """
        total = self.search.search(needle if self._pair is not None else "", self.style_.search)
        if not needle:
            self.find_bar.status.clear()
            return 0
        self._show_match(self.search.first(self._active))
        return total

    def find_step(self, *, backward: bool = False) -> bool:
        """Go to the next (previous) match: the left article's, then the right's, going round."""
        needle = self.find_bar.edit.text()
        if not needle:
            self.find_bar.status.clear()
            return False
        if self.search.matches is None:  # new texts since: count again
            self.search.search(needle if self._pair is not None else "", self.style_.search)
        return self._show_match(self.search.step(self._active, backward=backward))

    def _show_match(self, index: int) -> bool:
        if index < 0:
            self.find_bar.show_position(0, 0)
            return False
        self._active = self.search.side_of(index)  # F3 from the pane goes on from there
        self.find_bar.show_position(index + 1, len(self.search.matches))
        return True

    def _clear_search(self) -> None:
        self.search.clear()
        self._on_search_forgotten()

    def _on_search_forgotten(self) -> None:
        if self.find_bar.edit.text():
            self.find_bar.status.clear()  # its count was of the texts shown before

    def _on_find_closed(self) -> None:
        self._clear_search()
        self.pane(self._active).setFocus()


def _cursor_ends(pane: CompareText) -> tuple[int, int]:
    cursor = pane.textCursor()
    return cursor.anchor(), cursor.position()


def _walk_message(what: str, key: str, index: int, count: int, wrapped: bool, backward: bool) -> str:
    """Where a walk through ``what`` ("difference") stands, for the status bar; ``key``
    is the key that steps forward ("F7"). F7 and F8 go round the same way (Meld)."""
    where = f"({index + 1} of {count})"
    if wrapped:
        return f"Went round to the {'last' if backward else 'first'} {what} {where}"
    if not backward and index == count - 1:
        return f"Last {what} {where}: {key} goes round to the first"
    if backward and index == 0:
        return f"First {what} {where}: Shift+{key} goes round to the last"
    return f"{what[0].upper()}{what[1:]} {where}"


def _clear_selection(pane: CompareText) -> None:
    cursor = pane.textCursor()
    cursor.clearSelection()
    pane.setTextCursor(cursor)
