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
    assert marks.next_unaligned(Side.A, 0) == marks.a.unaligned[0]
    assert marks.next_unaligned(Side.A, len(A), backward=True) == marks.a.unaligned[0]


def test_lookups_by_position(marks):
    pair = marks.pair_at(Side.A, A.index("presence"))
    assert pair is not None and B[pair.b_start:pair.b_end].startswith("Monday’s")
    assert marks.pair_at(Side.A, A.index("weather")) is None
    assert marks.pair_at(Side.B, B.index("invasion")) == pair
    stop = marks.next_stop(Side.A, A.index("ending"))
    assert (A[stop.start:stop.end], B[stop.other_start:stop.other_end]) == (
        "presence there", "invasion of the country")


STOPS = (Stop(10, 15, 0, 0, 0), Stop(20, 20, 30, 35, 0), Stop(20, 25, 40, 45, 1), Stop(50, 55, 60, 65, 2))


@pytest.mark.parametrize(
    ("offset", "current", "backward", "expected"),
    [
        (0, None, False, 0),
        (10, None, False, 0),  # a stop at the cursor is the next one until it is selected
        (10, (10, 15), False, 1),
        (20, (20, 20), False, 2),  # an insertion point (empty span) does not hold the cursor
        (20, (20, 25), False, 3),
        (50, (50, 55), False, None),  # the last: no wrap
        (50, (50, 55), True, 2),
        (20, (20, 20), True, 0),
        (12, (11, 13), False, 1),  # a selection that is no stop: from its start
        (10, None, True, None),
    ],
)
def test_next_and_previous_stop(offset, current, backward, expected):
    got = _next(STOPS, offset, current, backward)
    assert got == (STOPS[expected] if expected is not None else None)


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
