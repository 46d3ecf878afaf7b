"""The report builder's pieces, table-driven, without the NLP pipeline: word marks as
runs, the order of a pair's rows, names in blind mode, text direction."""
from __future__ import annotations

import pytest

from parallax.core.align.compare import ComparedSide, PairComparison
from parallax.core.align.sentences import AlignedPair, Alignment, PairKind
from parallax.core.align.words import DiffKind, DiffSpan
from parallax.core.report.build import Names, direction_of, letter, marked_runs, side_by_side_rows
from parallax.core.report.model import Direction
from parallax.core.report.style import POINT_GLYPH
from parallax.core.store.library import ArticleInfo


def test_marked_runs_cut_the_text_at_the_marks():
    text = "  The murder of  the general.\n\n"
    spans = [DiffSpan(6, 12, DiffKind.REPLACED), DiffSpan(17, 17, DiffKind.INSERTED)]
    runs = marked_runs(text, 0, len(text), spans)
    assert [(r.text, r.mark, r.point) for r in runs] == [
        ("The ", None, False), ("murder", DiffKind.REPLACED, False), (" of ", None, False),
        (POINT_GLYPH, DiffKind.INSERTED, True), ("the general.", None, False)]


def _pair(a: tuple[int, ...], b: tuple[int, ...], moved: bool = False) -> AlignedPair:
    return AlignedPair(a, b, a[0] * 10, a[-1] * 10 + 9, b[0] * 10, b[-1] * 10 + 9,
                       PairKind.EDITED, 0.8, moved, (), 0.8)


@pytest.mark.parametrize("pairs, only_a, only_b, expected", [
    # aligned 0-0 and 2-1; A's 1 and B's 2 stand alone at their places
    ([((0,), (0,)), ((2,), (1,))], (1,), (2,), ["0|0", "1|", "2|1", "|2"]),
    # B's 0 comes before everything; B's 2 before A's 3 (the next in-order pair), after A's 2
    ([((1,), (1,)), ((3,), (3,))], (0, 2), (0, 2), ["0|", "|0", "1|1", "2|", "|2", "3|3"]),
    # a moved pair does not anchor B's unaligned sentences
    ([((0,), (2,), True), ((1,), (0,))], (), (1,), ["0|2*", "1|0", "|1"]),
])
def test_rows_follow_the_left_text(pairs, only_a, only_b, expected):
    aligned = tuple(_pair(a, b, *rest) for a, b, *rest in pairs)
    cmp = PairComparison(Alignment(aligned, only_a, only_b, True), ComparedSide(()), ComparedSide(()), ())
    text = "".join(f"{i}".ljust(9) + " " for i in range(5))  # sentence i at [10 i, 10 i + 9)
    sentences = [(10 * i, 10 * i + 9) for i in range(5)]
    rows = side_by_side_rows(cmp, text, sentences, text, sentences)
    shown = [f"{r.left.text if r.left else ''}|{r.right.text if r.right else ''}{'*' if r.moved else ''}"
             for r in rows]
    assert shown == expected


def test_a_pairs_differences_reach_its_row_and_the_middle_column():
    import dataclasses

    from parallax.core.pairs.judge import READS_OTHERWISE
    from parallax.core.report import html, style

    pair = dataclasses.replace(_pair((0,), (0,)), differences=("a number differs", READS_OTHERWISE))
    cmp = PairComparison(Alignment((pair,), (), (), True), ComparedSide(()), ComparedSide(()), ())
    text, sentences = "0".ljust(9), [(0, 9)]
    (row,) = side_by_side_rows(cmp, text, sentences, text, sentences)
    assert row.differences == ("a number differs", READS_OTHERWISE)
    note = style.row_note(row.kind, row.moved, row.differences)
    assert note.split("\n") == ["edited", style.DIFFERS, "number", "meaning"]
    assert style.row_note(PairKind.EDITED, False) == "edited"  # nothing found, nothing said
    # every difference the engine can name has its word
    from parallax.core.pairs.judge import CONFLICTS
    assert {w for _, w in CONFLICTS} | {READS_OTHERWISE} == set(style.DIFFERENCE_WORDS)
    assert html._note(note) == "edited<br><b>differs:</b><br>number<br>meaning"


def _info(i: int, outlet: str | None, title: str | None = None) -> ArticleInfo:
    from datetime import datetime

    return ArticleInfo(i, 1, title, outlet, None, None, None, "en", f"f{i}.txt", "text", 10,
                       datetime(2024, 1, 1), "0" * 64, "1" * 64)


def test_blind_names_are_letters_and_outlets_are_redacted():
    infos = [_info(3, "The Times"), _info(5, "Times of Oman"), _info(9, None, "Untitled")]
    names = Names(infos, blind=True)
    assert [names[i] for i in (3, 5, 9)] == ["A", "B", "C"]
    assert names.redact("As THE TIMES and Times of Oman said") == "As A and B said"
    assert names.redact("Timeshare") == "Timeshare"  # whole names only
    assert names.dossier("Secret dossier") == "Dossier"
    seen = Names([_info(1, "Wire"), _info(2, "Wire")], blind=False)
    assert (seen[1], seen[2]) == ("Wire", "Wire (2)")


def test_letters_and_directions():
    assert [letter(k) for k in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]
    assert direction_of("« 2021 » سيزور") is Direction.RTL
    assert direction_of("2021: Baghdad, سيزور") is Direction.LTR
    assert direction_of("2021") is Direction.LTR
