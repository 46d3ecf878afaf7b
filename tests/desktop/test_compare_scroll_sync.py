"""The scroll-sync mapping of the comparison panes, without widgets (Meld's tests do the same).

Heights are document pixels; a Block is one aligned pair's extent in both panes.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parallax.desktop.views.scroll_sync import Block, ScrollMap, follow, interpolate, sync_point


@pytest.mark.parametrize(
    ("xs", "ys", "x", "expected"),
    [
        ([0, 10], [0, 20], 5, 10),
        ([0, 10, 10, 20], [0, 5, 50, 60], 10, 50),  # a jump: the later point wins
        ([0, 10], [0, 20], -3, 0),  # flat outside
        ([0, 10], [0, 20], 99, 20),
        ([], [], 7, 7),
    ],
)
def test_interpolate(xs, ys, x, expected):
    assert interpolate(xs, ys, x) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "page", "maximum", "expected"),
    [
        (0, 100, 1000, 0.0),  # at the top: the reading point is the top
        (25, 100, 1000, 0.25),  # first half screen: moving towards the middle
        (500, 100, 1000, 0.5),  # in the middle of a long document: the middle
        (1000, 100, 1000, 1.0),  # at the bottom: the bottom
        (975, 100, 1000, 0.75),
        (0, 0, 0, 0.0),  # not laid out yet
    ],
)
def test_sync_point_is_melds(value, page, maximum, expected):
    assert sync_point(value, page, maximum) == pytest.approx(expected)


def test_same_layout_maps_to_itself():
    blocks = [Block(0, 40, 0, 40), Block(50, 90, 50, 90), Block(100, 180, 100, 180)]
    m = ScrollMap(blocks, 200, 200)
    for y in (0, 13, 49, 50, 77, 150, 200):
        assert m.a_to_b(y) == pytest.approx(y)
        assert m.b_to_a(y) == pytest.approx(y)


def test_aligned_blocks_of_different_heights_scroll_at_matching_speeds():
    # A's sentence takes 100 px, B's rewrite of it 50 px.
    m = ScrollMap([Block(100, 200, 100, 150)], 300, 250)
    assert m.a_to_b(150) == pytest.approx(125)  # halfway through A's is halfway through B's
    assert m.b_to_a(125) == pytest.approx(150)


def test_sentence_only_in_a_scrolls_past_while_b_holds_still():
    # A has a 60 px sentence (100..160) that B lacks: B's next pair follows at once.
    m = ScrollMap([Block(0, 100, 0, 100), Block(160, 200, 102, 142)], 250, 190)
    assert m.a_to_b(110) == pytest.approx(100.33, abs=0.01)
    assert m.a_to_b(150) == pytest.approx(101.67, abs=0.01)
    assert abs(m.a_to_b(160) - m.a_to_b(100)) <= 2


def test_moved_pair_maps_to_its_counterpart_and_is_no_anchor():
    # The third pair of A was told first in B: moved.
    blocks = [Block(0, 50, 60, 110), Block(60, 110, 120, 170), Block(120, 170, 0, 50, moved=True)]
    m = ScrollMap(blocks, 200, 200)
    assert m.a_to_b(145) == pytest.approx(25)  # inside the moved block: its counterpart
    assert m.b_to_a(25) == pytest.approx(145)
    assert all(b != 0 or a == 0 for a, b in m.anchors)  # (120, 0) is not an anchor
    plain = ScrollMap(blocks, 200, 200, follow_moved=False)
    assert plain.a_to_b(145) == pytest.approx(170 + 35 / 90 * 30)  # between the nearest in-order anchors


def test_pair_that_would_run_back_is_skipped():
    # Engine groups can touch: B's second pair starts above where its first ended.
    m = ScrollMap([Block(0, 50, 0, 60), Block(50, 100, 55, 100)], 100, 100)
    a = [p[0] for p in m.anchors]
    b = [p[1] for p in m.anchors]
    assert a == sorted(a) and b == sorted(b)


def test_follow_scrolls_the_other_pane_to_its_counterpart():
    m = ScrollMap([Block(1000, 1100, 400, 500)], 3000, 2000)
    # A scrolled so its block's top sits at the reading point (middle of a 400 px view).
    value = 1000 - 200
    other = follow(value, 400, 3000 - 400, 400, 2000 - 400, m.a_to_b)
    assert other + 200 == 400  # B's block top sits at the same height
    # Ends map to ends: top to top, bottom to bottom.
    assert follow(0, 400, 2600, 400, 1600, m.a_to_b) == 0
    assert follow(2600, 400, 2600, 400, 1600, m.a_to_b) == 1600


blocks_strategy = st.lists(
    st.tuples(st.integers(0, 5000), st.integers(1, 300), st.integers(0, 5000), st.integers(1, 300),
              st.booleans()),
    max_size=30,
)


@given(blocks_strategy, st.integers(1, 6000), st.integers(1, 6000))
def test_map_outside_moved_blocks_never_runs_backwards(raw, a_height, b_height):
    blocks = [Block(a, a + ha, b, b + hb, moved) for a, ha, b, hb, moved in raw]
    m = ScrollMap(blocks, a_height, b_height, follow_moved=False)
    ys = [m.a_to_b(y) for y in range(0, a_height + 1, max(1, a_height // 97))]
    assert ys == sorted(ys)
    assert m.a_to_b(0) == 0
    assert m.a_to_b(m.anchors[-1][0]) == m.anchors[-1][1]
