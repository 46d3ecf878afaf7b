"""What the comparison view marks, as data, in tables (Meld's style): hand-built
comparisons in, each pane written out with its marks, no spaCy or MiniLM loaded.

A case is two texts, one sentence a line, with the word edits in brackets:
``[old words]`` in A and ``[new words]`` in B pair up in order, and an empty
``[]`` is where the other side has words this one lacks. ``pairs`` say which
lines align (by index) and whether a pair is moved; lines in no pair are only in
their article. The comparison is built with core's own per-side spans
(``compared_side``), then the view model reads it; the expected panes show the
marks as ``{R:…}`` replaced, ``{D:…}`` deleted, ``{I:…}`` inserted, ``{O:…}``
only here, ``{M:…}`` moved, and ``^`` an insertion point.
"""
from __future__ import annotations

import re

import pytest

from parallax.core.align.compare import PairComparison, compared_side
from parallax.core.align.entities import entity_key
from parallax.core.align.sentences import AlignedPair, Alignment, PairKind
from parallax.core.align.words import DiffKind, Side, WordEdit
from parallax.core.nlp.analysis import ArticleAnalysis, Sentence
from parallax.desktop.views.compare_model import (
    Stop,
    _next,
    build_marks,
    entity_hue,
    hover_text,
    next_article,
)

_LETTER = {DiffKind.REPLACED: "R", DiffKind.DELETED: "D", DiffKind.INSERTED: "I",
           DiffKind.ONLY_HERE: "O", DiffKind.MOVED: "M"}


def parse(spec: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """(text, bracketed spans, line spans) of a case side."""
    text, spans, at = "", [], 0
    for m in re.finditer(r"\[([^\]]*)\]", spec):
        text += spec[at:m.start()]
        spans.append((len(text), len(text) + len(m.group(1))))
        text += m.group(1)
        at = m.end()
    text += spec[at:]
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    return text, spans, lines


def analysis(lines: list[tuple[int, int]]) -> ArticleAnalysis:
    return ArticleAnalysis("0" * 64, tuple(Sentence(s, e, i, 0, 0) for i, (s, e) in enumerate(lines)),
                           (), (), None, "none")


def comparison(a_spec: str, b_spec: str, pairs: list[tuple[int, int, bool]]):  # noqa: ANN201
    """Texts, analyses and the ``PairComparison`` of a case (pairs: A line, B line, moved)."""
    a_text, a_edits, a_lines = parse(a_spec)
    b_text, b_edits, b_lines = parse(b_spec)
    assert len(a_edits) == len(b_edits), "brackets pair up in order"
    edits: dict[int, list[WordEdit]] = {}
    for (a0, a1), (b0, b1) in zip(a_edits, b_edits):
        kind = (DiffKind.REPLACED if a1 > a0 and b1 > b0 else
                DiffKind.DELETED if a1 > a0 else DiffKind.INSERTED)
        line = next(i for i, (s, e) in enumerate(a_lines) if s <= a0 <= e)
        edits.setdefault(line, []).append(WordEdit(kind, a0, a1, b0, b1))
    aligned = tuple(
        AlignedPair((i,), (j,), *a_lines[i], *b_lines[j],
                    PairKind.EDITED if edits.get(i) else PairKind.VERBATIM, 0.9, moved,
                    tuple(edits.get(i, ())), 0.8)
        for i, j, moved in pairs)
    alignment = Alignment(aligned, tuple(i for i in range(len(a_lines)) if i not in {p[0] for p in pairs}),
                          tuple(j for j in range(len(b_lines)) if j not in {p[1] for p in pairs}), True)
    a, b = analysis(a_lines), analysis(b_lines)
    cmp = PairComparison(alignment, compared_side(alignment, Side.A, a), compared_side(alignment, Side.B, b), ())
    return a_text, a, b_text, b, cmp


def written(text: str, pane) -> str:  # noqa: ANN001 - PaneMarks
    """The pane's text with its marks written in."""
    events = []  # (position, order, string): closers, then points, then openers (longest first)
    for s in pane.spans:
        if s.end > s.start:
            events.append((s.start, 2, -(s.end - s.start), "{" + _LETTER[s.kind] + ":"))
            events.append((s.end, 0, s.end - s.start, "}"))
    events += [(p, 1, 0, "^") for p in pane.insert_points]
    out, at = "", 0
    for pos, _, _, mark in sorted(events):
        out += text[at:pos] + mark
        at = pos
    return out + text[at:]


CASES = [
    ("replaced words, both panes",
     "ending a 20-year [presence there], even as the Taliban advance.",
     "ending a 20-year [invasion of the country], even as the Taliban advance.",
     [(0, 0, False)],
     "ending a 20-year {R:presence there}, even as the Taliban advance.",
     "ending a 20-year {R:invasion of the country}, even as the Taliban advance."),
    ("deleted words: struck in A, a point in B",
     "the [militias and] parties agreed.",
     "the []parties agreed.",
     [(0, 0, False)],
     "the {D:militias and} parties agreed.",
     "the ^parties agreed."),
    ("inserted words: underlined in B, a point in A",
     "the Taliban advance[].",
     "the Taliban advance [quickly].",
     [(0, 0, False)],
     "the Taliban advance^.",
     "the Taliban advance {I:quickly}."),
    ("a sentence with no counterpart",
     "Troops will leave.\nThe weather was hot.",
     "Troops will leave.",
     [(0, 0, False)],
     "Troops will leave.\n{O:The weather was hot.}",
     "Troops will leave."),
    ("a moved pair carries its edits inside",
     "First [here].\nSecond.",
     "Second.\nFirst [there].",
     [(0, 1, True), (1, 0, False)],
     "{M:First {R:here}.}\nSecond.",
     "Second.\n{M:First {R:there}.}"),
    ("two insertions at one place make one point",
     "a[] b[] c",
     "a [x] b [y] c",
     [(0, 0, False)],
     "a^ b^ c",
     "a {I:x} b {I:y} c"),
    ("nothing in common",
     "Budgets were approved.",
     "A comet is visible.",
     [],
     "{O:Budgets were approved.}",
     "{O:A comet is visible.}"),
]


@pytest.mark.parametrize(("a_spec", "b_spec", "pairs", "want_a", "want_b"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_pane_shows_its_marks(a_spec, b_spec, pairs, want_a, want_b):
    a_text, a, b_text, b, cmp = comparison(a_spec, b_spec, pairs)
    marks = build_marks(a_text, a, b_text, b, cmp)
    assert (written(a_text, marks.a), written(b_text, marks.b)) == (want_a, want_b)
    # the view reads core's spans as they are: no copy to drift from them
    assert marks.a.spans is cmp.a.spans and marks.pairs is cmp.alignment.pairs


@pytest.mark.parametrize(("a_spec", "b_spec", "pairs", "want_a", "want_b"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_swapping_the_sides_swaps_the_panes(a_spec, b_spec, pairs, want_a, want_b):
    a_text, a, b_text, b, cmp = comparison(a_spec, b_spec, pairs)
    marks = build_marks(b_text, b, a_text, a, cmp.mirrored())
    # B's words are now the left pane's own: what was inserted reads as deleted, and back
    assert (written(b_text, marks.a), written(a_text, marks.b)) == (swap_insert_delete(want_b),
                                                                     swap_insert_delete(want_a))


def swap_insert_delete(pane: str) -> str:
    return re.sub(r"\{([DI]):", lambda m: "{" + {"D": "I", "I": "D"}[m.group(1)] + ":", pane)


MOVED = comparison("First [here].\nSecond.\nAlone.", "Second.\nFirst [there].", [(0, 1, True), (1, 0, False)])


@pytest.mark.parametrize(
    ("side", "phrase", "pair"),
    [
        (Side.A, "here", 0),
        (Side.A, "Second", 1),
        (Side.A, "Alone", None),  # only in A
        (Side.B, "there", 0),
        (Side.B, "Second", 1),
    ],
)
def test_pair_at(side, phrase, pair):
    a_text, a, b_text, b, cmp = MOVED
    marks = build_marks(a_text, a, b_text, b, cmp)
    text = a_text if side is Side.A else b_text
    assert marks.pair_at(side, text.index(phrase)) == pair


def test_hover_tells_kind_score_and_moved_or_that_there_is_no_counterpart():
    a_text, a, b_text, b, cmp = MOVED
    marks = build_marks(a_text, a, b_text, b, cmp)
    texts, names = {Side.A: a_text, Side.B: b_text}, {Side.A: "NYT", Side.B: "Kayhan"}
    tip = hover_text(marks, Side.A, a_text.index("here"), texts=texts, names=names, entity_kinds=())
    assert tip == ("<p style='white-space:normal'><b>Edited</b> · score 0.90 · moved<br>"
                   "<i>Kayhan:</i> First there.</p>")
    tip = hover_text(marks, Side.A, a_text.index("Alone"), texts=texts, names=names, entity_kinds=())
    assert "<b>Only in NYT</b>: no counterpart in Kayhan" in tip
    assert marks.a.unaligned == ((a_text.index("Alone"), len(a_text)),)
    assert marks.next_unaligned(Side.A, 0).span == marks.a.unaligned[0]


def test_hover_says_what_an_aligned_pair_states_differently_and_the_judges_answer():
    import dataclasses

    a_text, a, b_text, b, cmp = MOVED
    first = dataclasses.replace(cmp.alignment.pairs[0], judged=0.22, judge_verdict="related",
                                differences=("who did what to whom differs",))
    cmp = dataclasses.replace(cmp, alignment=dataclasses.replace(
        cmp.alignment, pairs=(first, *cmp.alignment.pairs[1:])))
    marks = build_marks(a_text, a, b_text, b, cmp)
    texts, names = {Side.A: a_text, Side.B: b_text}, {Side.A: "NYT", Side.B: "Kayhan"}
    tip = hover_text(marks, Side.A, a_text.index("here"), texts=texts, names=names, entity_kinds=())
    assert "the judge's chance of the same statement: 22%" in tip
    assert "judged the same statement" not in tip
    assert "<b>States it differently:</b> who did what to whom differs" in tip
    for p_same, says in ((0.81, "judged the same statement (81%)"),
                         (0.36, "judged the same statement, narrowly (36%)")):
        same = dataclasses.replace(first, judged=p_same, judge_verdict="same", differences=())
        marks = build_marks(a_text, a, b_text, b, dataclasses.replace(cmp, alignment=dataclasses.replace(
            cmp.alignment, pairs=(same, *cmp.alignment.pairs[1:]))))
        assert says in hover_text(marks, Side.A, a_text.index("here"), texts=texts, names=names,
                                  entity_kinds=())
    # A rule's "same" says its grounds instead of a 100% the model never gave.
    ruled = dataclasses.replace(first, judged=1.0, judge_verdict="same", differences=(),
                                grounds=("the same items of a list in another order",))
    marks = build_marks(a_text, a, b_text, b, dataclasses.replace(cmp, alignment=dataclasses.replace(
        cmp.alignment, pairs=(ruled, *cmp.alignment.pairs[1:]))))
    tip = hover_text(marks, Side.A, a_text.index("here"), texts=texts, names=names, entity_kinds=())
    assert "judged the same statement: the same items of a list in another order" in tip
    assert "100%" not in tip


def test_stops_are_the_word_edits_and_each_has_its_twin():
    a_text, a, b_text, b, cmp = comparison("a [x] b[] c [gone]", "a [y] b [new] c []", [(0, 0, False)])
    marks = build_marks(a_text, a, b_text, b, cmp)
    assert [(a_text[s.start:s.end], b_text[s.other_start:s.other_end]) for s in marks.a.stops] == \
        [("x", "y"), ("", "new"), ("gone", "")]
    for i, stop in enumerate(marks.a.stops):
        twin = marks.b.stops[marks.counterpart_index(Side.A, i)]
        assert (twin.start, twin.end, twin.other_start, twin.other_end) == \
            (stop.other_start, stop.other_end, stop.start, stop.end)
    first, last = marks.next_stop(Side.A, 0), marks.next_stop(Side.A, 0, current=2)
    assert (first.index, first.wrapped, last.index, last.wrapped) == (0, False, 0, True)


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
