"""What the comparison view marks, as data: spans, stops, entity keys (no widgets)."""
from __future__ import annotations

import pytest

from parallax.core.align.entities import entity_key
from parallax.core.engine import compare_texts
from parallax.desktop.views.compare_model import (
    Mark,
    Side,
    Stop,
    _next,
    build_marks,
    entity_hue,
    next_article,
)

pytestmark = pytest.mark.slow  # the real engine: spaCy and the embedding model

A = ("Monday’s announcement comes as the Pentagon nears the end of its withdrawal of U.S. forces "
     "from Afghanistan, ending a 20-year presence there, even as the Taliban advance.\n"
     "The weather in Baghdad was hot.")
B = ("Monday’s announcement comes as the Pentagon nears the end of its withdrawal of U.S. forces "
     "from Afghanistan, ending a 20-year invasion of the country, even as the Taliban advance quickly.")


@pytest.fixture(scope="module")
def marks():
    a, b, cmp = compare_texts(A, B)
    return build_marks(A, a, B, b, cmp)


def test_replaced_words_are_marked_in_both_panes(marks):
    a_spans = {A[s.start:s.end]: s.mark for s in marks.a.spans}
    b_spans = {B[s.start:s.end]: s.mark for s in marks.b.spans}
    assert a_spans["presence there"] is Mark.REPLACED
    assert b_spans["invasion of the country"] is Mark.REPLACED
    assert b_spans["quickly"] is Mark.INSERTED
    # B's extra word has an insertion point in A, after "advance"
    assert A.index("advance") + len("advance") in marks.a.insert_points


def test_sentence_without_counterpart_is_shaded_and_a_stop(marks):
    only = [A[s.start:s.end] for s in marks.a.spans if s.mark is Mark.ONLY]
    assert only == ["The weather in Baghdad was hot."]
    assert marks.a.unaligned == ((A.index("The weather"), len(A)),)
    assert marks.next_unaligned(Side.A, 0).span == marks.a.unaligned[0]
    assert marks.next_unaligned(Side.A, len(A), backward=True).span == marks.a.unaligned[0]


def test_lookups_by_position(marks):
    pair = marks.pair_at(Side.A, A.index("presence"))
    assert pair is not None and B[pair.b_start:pair.b_end].startswith("Monday’s")
    assert marks.pair_at(Side.A, A.index("weather")) is None
    assert marks.pair_at(Side.B, B.index("invasion")) == pair
    stop = marks.next_stop(Side.A, A.index("ending")).stop
    assert (A[stop.start:stop.end], B[stop.other_start:stop.other_end]) == (
        "presence there", "invasion of the country")


STOPS = (Stop(10, 15, 0, 0, 0), Stop(20, 20, 30, 35, 0), Stop(20, 25, 40, 45, 1), Stop(50, 55, 60, 65, 2))


@pytest.mark.parametrize(
    ("offset", "current", "backward", "expected"),
    [
        (0, None, False, (0, False)),
        (10, None, False, (0, False)),  # a stop at the cursor is the next one until it is shown
        (10, 0, False, (1, False)),
        (20, 1, False, (2, False)),  # an insertion point (empty span) does not hold the cursor
        (20, 2, False, (3, False)),
        (50, 3, False, (0, True)),  # past the last: round to the first
        (50, 3, True, (2, False)),
        (20, 2, True, (1, False)),  # back from a stop onto the insertion point at the same place
        (20, 1, True, (0, False)),
        (10, 0, True, (3, True)),  # before the first: round to the last
        (12, None, False, (1, False)),  # a cursor that is on no stop: from there
        (12, None, True, (0, False)),
        (60, None, False, (0, True)),
        (10, None, True, (3, True)),
    ],
)
def test_next_and_previous_stop(offset, current, backward, expected):
    assert _next([s.start for s in STOPS], offset, current, backward) == expected


def test_every_stop_is_visited_once_then_the_walk_goes_round():
    # Two insertion points and a replacement at one place, as a rewrite makes them.
    stops = (Stop(5, 5, 0, 3, 0), Stop(5, 5, 4, 6, 0), Stop(5, 9, 7, 8, 0), Stop(30, 30, 20, 25, 1))
    for backward in (False, True):
        seen, current = [], None
        for _ in range(len(stops) + 1):
            current, wrapped = _next([s.start for s in stops], 0 if not backward else 99, current, backward)
            seen.append((current, wrapped))
        order = list(range(len(stops)))[::-1 if backward else 1]
        assert seen == [(i, False) for i in order] + [(order[0], True)]


def test_next_stop_says_where_it_went(marks):
    n = len(marks.a.stops)
    first = marks.next_stop(Side.A, 0)
    assert (first.index, first.stop, first.wrapped) == (0, marks.a.stops[0], False)
    last = marks.next_stop(Side.A, 0, current=n - 1)
    assert (last.index, last.wrapped) == (0, True)
    # the same edit seen from the other pane
    other = marks.counterpart_index(Side.A, 0)
    stop, twin = marks.a.stops[0], marks.b.stops[other]
    assert (twin.start, twin.end, twin.other_start, twin.other_end) == \
        (stop.other_start, stop.other_end, stop.start, stop.end)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the U.S.", "US"),
        ("Iraq’s", "Iraq"),
        ("al-Kadhimi’s", "Al-Kadhimi"),
        ("The Pentagon", "Pentagon"),
        ("“Daesh”", "Daesh"),
    ],
)
def test_same_entity_same_key(a, b):
    assert entity_key(a) == entity_key(b)
    assert entity_hue(entity_key(a)) == entity_hue(entity_key(b))


def test_different_entities_differ_and_hues_are_stable():
    assert entity_key("Iraq") != entity_key("Iran")
    assert entity_hue("iraq") == entity_hue("iraq") == 90  # crc32: the same in every run
    assert len({entity_hue(k) for k in ("iraq", "iran", "biden", "pentagon", "kadhimi")}) == 5


@pytest.mark.parametrize(
    ("article", "present", "avoid", "expected"),
    [
        (2, {1, 2, 3}, None, 2),  # still there: kept
        (2, {1, 3, 4}, None, 3),  # removed: the one after it takes its place
        (4, {1, 2, 3}, 1, 2),  # the last removed: round to the first that is not the other side's
        (2, {1, 3}, 3, 1),
        (2, {3}, 3, None),  # fewer than two: nothing to show
        (9, {5, 6}, 5, 6),  # not in the old list (e.g. just imported): any present one
    ],
)
def test_next_article_after_a_removal(article, present, avoid, expected):
    assert next_article([1, 2, 3, 4], article, present, avoid=avoid) == expected
