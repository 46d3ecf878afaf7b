"""Synchronised scrolling of the two comparison panes: the mapping, without widgets.

Standard library only, so it is tested without Qt (Meld keeps the same logic in
``filediff.py`` ``_sync_vscroll`` and ``misc.calc_syncpoint``). The widgets give
each aligned pair's vertical extent in both panes (document pixels); this module
says, for a y in one pane, which y of the other pane belongs beside it.

* Anchors are the tops and bottoms of the aligned pairs that are in order in
  both articles, plus both documents' tops and ends. Between anchors, y is
  interpolated linearly, so a sentence present only on one side scrolls past
  while the other pane holds still, and aligned blocks of different heights
  scroll at matching speeds.
* A pair the engine marks as moved cannot be an anchor (the map would run
  backwards). While the reading point is inside a moved block, the other pane
  goes to its counterpart instead (``follow_moved``), so what you read always
  has its counterpart beside it; outside, the nearest in-order anchors rule.
* The reading point is Meld's sync point: the middle of the view, moving
  towards the top in the first half screen and towards the bottom in the last,
  so both documents' starts and ends come into view together.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """One aligned pair's vertical extent in both panes (document pixels, top < bottom)."""

    a_top: float
    a_bottom: float
    b_top: float
    b_bottom: float
    moved: bool = False

    def extent(self, side: str) -> tuple[float, float]:
        return (self.a_top, self.a_bottom) if side == "a" else (self.b_top, self.b_bottom)


class ScrollMap:
    """Maps a y of one pane to the y of the other through the aligned blocks.

    Args:
        blocks: the aligned pairs' extents, in any order.
        a_height, b_height: the documents' heights.
        follow_moved: map the inside of a moved block to its counterpart.
    """

    def __init__(self, blocks: Iterable[Block], a_height: float, b_height: float, *,
                 follow_moved: bool = True) -> None:
        blocks = list(blocks)
        self.a_height = max(0.0, float(a_height))
        self.b_height = max(0.0, float(b_height))
        self.follow_moved = follow_moved
        self.moved = tuple(b for b in blocks if b.moved)
        anchors = [(0.0, 0.0)]
        for b in sorted((b for b in blocks if not b.moved), key=lambda b: (b.a_top, b.b_top)):
            for point in ((b.a_top, b.b_top), (b.a_bottom, b.b_bottom)):
                last = anchors[-1]
                # Keep the map monotonic in both panes: skip a point that would run back.
                if point[0] >= last[0] and point[1] >= last[1]:
                    anchors.append(point)
        end = (max(self.a_height, anchors[-1][0]), max(self.b_height, anchors[-1][1]))
        anchors.append(end)
        self.anchors: tuple[tuple[float, float], ...] = tuple(anchors)
        self._a = [p[0] for p in anchors]
        self._b = [p[1] for p in anchors]

    def map(self, side: str, y: float) -> float:
        """The y of the other pane that belongs beside ``y`` of pane ``side`` ("a" or "b")."""
        if self.follow_moved:
            for block in self.moved:
                top, bottom = block.extent(side)
                if top <= y < bottom:
                    other_top, other_bottom = block.extent("b" if side == "a" else "a")
                    return other_top + (y - top) / (bottom - top) * (other_bottom - other_top)
        xs, ys = (self._a, self._b) if side == "a" else (self._b, self._a)
        return interpolate(xs, ys, y)

    def a_to_b(self, y: float) -> float:
        return self.map("a", y)

    def b_to_a(self, y: float) -> float:
        return self.map("b", y)


def interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    """Piecewise-linear ``y(x)`` through the points (``xs`` non-decreasing); flat outside."""
    if not xs:
        return x
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect_right(xs, x) - 1
    x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
    if x1 <= x0:
        return y1
    return y0 + (x - x0) / (x1 - x0) * (y1 - y0)


def sync_point(value: float, page: float, maximum: float) -> float:
    """Where in the view (0 = top, 1 = bottom) the reading point sits (Meld's ``calc_syncpoint``).

    Args:
        value: the scroll position (0 .. ``maximum``).
        page: the view's height.
        maximum: the largest scroll position (document height - page).
    """
    if page <= 0:
        return 0.0
    half = page / 2
    point = 0.5 * min(1.0, max(0.0, value / half))
    # The last half screen: the point moves from the middle to the bottom.
    last = (value - (maximum - half)) / half
    if last > 0:
        point += 0.5 * min(last, 1.0)
    return min(point, 1.0)


def follow(value: float, page: float, maximum: float, other_page: float, other_maximum: float,
           mapping) -> int:  # noqa: ANN001 - Callable[[float], float]
    """The other pane's scroll position when this one is at ``value``.

    ``mapping`` is ``ScrollMap.a_to_b`` or ``ScrollMap.b_to_a``.
    """
    point = sync_point(value, page, maximum)
    other_y = mapping(value + point * page)
    return int(round(min(max(other_y - point * other_page, 0.0), max(other_maximum, 0.0))))
