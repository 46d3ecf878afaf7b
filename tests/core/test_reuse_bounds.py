"""Character bounds of reuse passages: common word runs, verbatim chains, trimming."""
from __future__ import annotations

import pytest

from parallax.core.reuse.bounds import common_runs, stem_set, trim, verbatim_chain


@pytest.mark.parametrize("a, b, min_len, runs", [
    # the same words: one run
    ("a b c d e", "a b c d e", 3, [(0, 0, 5)]),
    # a run shorter than min_len does not count
    ("a b c x y", "a b z x y", 3, []),
    # two runs, in the order of b, each from its longest start in a
    ("p q r s t u v w", "t u v w k p q r", 3, [(4, 0, 4), (0, 5, 3)]),
    # the longer of two places in a where the same words start
    ("m n o z m n o p q", "m n o p q", 3, [(4, 0, 5)]),
    # nothing in common / too short
    ("a b c", "d e f", 1, []),
    ("a b", "a b", 3, []),
])
def test_common_runs(a, b, min_len, runs):
    assert common_runs(a.split(), b.split(), min_len) == runs


def test_common_runs_on_repetitive_text_are_whole():
    words = ("the cat and the dog and the cat " * 2000).split()
    assert common_runs(words, words, 10) == [(0, 0, len(words))]


def test_verbatim_chain_bounds_take_shared_punctuation_only():
    a = "Intro words here. Exit at the 9 Mile exit and turn left. Follow 9 Mile until it ends."
    b = "Other text first; exit at the 9 Mile exit and turn left. Then something else."
    chain = verbatim_chain(a, (0, len(a)), b, (0, len(b)), min_words=5, max_gap=2)
    # Case aside, the copy runs from "Exit" to "left." in both: the full stop is
    # shared, the space after it is not part of the copy.
    assert a[chain.a_start:chain.a_end] == "Exit at the 9 Mile exit and turn left."
    assert b[chain.b_start:chain.b_end] == "exit at the 9 Mile exit and turn left."
    assert chain.exact and chain.words == 9


def test_verbatim_chain_joins_runs_across_a_changed_word():
    a = "one two three four five six seven eight nine ten eleven twelve"
    b = "one two three four five six SEVENTH eight nine ten eleven twelve"
    chain = verbatim_chain(a, (0, len(a)), b, (0, len(b)), min_words=4, max_gap=2)
    assert (chain.a_start, chain.a_end, chain.b_start, chain.b_end) == (0, len(a), 0, len(b))
    assert not chain.exact and chain.words == 11
    # With no gap allowed the longer run alone is the chain.
    chain = verbatim_chain(a, (0, len(a)), b, (0, len(b)), min_words=4, max_gap=0)
    assert a[chain.a_start:chain.a_end] == "one two three four five six"


def test_verbatim_chain_none_without_long_runs():
    a = "alpha beta gamma delta epsilon"
    assert verbatim_chain(a, (0, len(a)), "alpha beta x gamma delta", (0, 24), 3, 2) is None


def test_trim_drops_unsupported_end_lines():
    other = stem_set("Harbour boats returned before the storm with herring.", 0, 53)
    text = ("Railway timetables changed again.\n"
            "The harbour boats returned before the storm.\n"
            "They unloaded herring.\n"
            "Tickets cost more.")
    start, end = trim(text, 0, len(text), other, 0.34)
    assert text[start:end] == "The harbour boats returned before the storm.\nThey unloaded herring."
