"""Word-level edits inside an aligned pair (table-driven, no models needed)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.align.words import DiffKind, diff_words, word_key
from parallax.core.nlp.analysis import Token

STOP = {"the", "a", "of", "to", "and", "in"}


def tokens(text: str) -> list[Token]:
    """Simple tokens: words (with inner apostrophes/dots) and single punctuation marks."""
    out = []
    for m in re.finditer(r"\w+(?:[.’'\-]\w+)*\.?|[^\w\s]", text):
        word = bool(re.match(r"\w", m.group()))
        out.append(Token(m.start(), m.end(), m.group().lower(), word, m.group().lower() in STOP))
    return out


def edits(a: str, b: str):
    d = diff_words(a, tokens(a), b, tokens(b))
    return [(e.kind.value, a[e.a_start:e.a_end], b[e.b_start:e.b_end]) for e in d.edits], d


@pytest.mark.parametrize("a, b, expected", [
    ("ending a 20-year presence there, even as",
     "ending a 20-year invasion of the country, even as",
     [("replaced", "presence there", "invasion of the country")]),
    ("is likely to accede to the request", "is likely to oblige the request",
     [("replaced", "accede to", "oblige")]),
    ("Troops will stay.", "troops will stay!", []),  # case and punctuation only
    ("US forces", "U.S. forces", []),  # abbreviation dots only
    ("It’s over", "It's over", []),  # curly vs straight apostrophe
    ("the militias and parties", "the parties", [("deleted", "militias and", "")]),
    ("the parties", "the militias and parties", [("inserted", "", "militias and")]),
    ("", "new words", [("inserted", "", "new words")]),
    ("old words", "", [("deleted", "old words", "")]),
])
def test_edits_table(a, b, expected):
    got, _ = edits(a, b)
    assert got == expected


def test_similarity_counts_kept_words():
    _, d = edits("one two three four", "one two five four")
    assert (d.a_words, d.b_words, d.common) == (4, 4, 3)
    assert d.similarity == pytest.approx(0.75)


def test_moved_counts_shared_words_out_of_place_and_mirrors():
    a, b = "the army shelled the rebels near the town", "the rebels shelled the army near the town"
    d = diff_words(a, tokens(a), b, tokens(b))
    assert d.moved == 2  # "army" and "rebels" changed places; every word is on both sides
    assert d.mirrored().moved == 2
    assert diff_words(b, tokens(b), a, tokens(a)).moved == 2
    _, same_order = edits("one two three four", "one two five four")
    assert same_order.moved == 0  # a replaced word is not a moved one


def test_insert_position_is_in_a():
    a, b = "alpha gamma", "alpha beta gamma"
    d = diff_words(a, tokens(a), b, tokens(b))
    (e,) = d.edits
    assert e.kind is DiffKind.INSERTED and e.a_start == e.a_end == a.index("gamma")


def apply_word_edits(a: str, b: str) -> list[str]:
    """Apply the edits to A's word list; the result must be B's word list."""
    d = diff_words(a, tokens(a), b, tokens(b))
    a_words = [t for t in tokens(a) if t.is_word]
    b_words = [t for t in tokens(b) if t.is_word]
    out, i = [], 0
    for e in d.edits:
        while i < len(a_words) and a_words[i].start < e.a_start:
            out.append(word_key(a[a_words[i].start:a_words[i].end]))
            i += 1
        while i < len(a_words) and a_words[i].end <= e.a_end and e.a_end > e.a_start:
            i += 1
        out += [word_key(b[t.start:t.end]) for t in b_words if e.b_start <= t.start and t.end <= e.b_end]
    out += [word_key(a[t.start:t.end]) for t in a_words[i:]]
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("war peace troops forces the a US Iraq’s Iraq 🙂 مرحبا".split()), max_size=12),
       st.lists(st.sampled_from("war peace troops forces the a US Iraq’s Iraq 🙂 مرحبا".split()), max_size=12))
def test_edits_turn_a_into_b(wa, wb):
    a, b = " ".join(wa), " ".join(wb)
    assert apply_word_edits(a, b) == [word_key(b[t.start:t.end]) for t in tokens(b) if t.is_word]


_MIRROR = {"inserted": "deleted", "deleted": "inserted", "replaced": "replaced"}


def mirrored_edits(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """The edits of B -> A told as A -> B (an insert there is a delete here)."""
    d = diff_words(b, tokens(b), a, tokens(a))
    return [(_MIRROR[e.kind.value], e.b_start, e.b_end, e.a_start, e.a_end) for e in d.edits]


def plain_edits(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    d = diff_words(a, tokens(a), b, tokens(b))
    return [(e.kind.value, e.a_start, e.a_end, e.b_start, e.b_end) for e in d.edits]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["the", "troops", "leave", "Iraq", "US", "U.S.", "said", "."]), max_size=12),
       st.lists(st.sampled_from(["the", "troops", "leave", "Iraq", "US", "U.S.", "said", "."]), max_size=12))
def test_swapping_sides_mirrors_the_edits(a_words, b_words):
    a, b = " ".join(a_words), " ".join(b_words)
    assert plain_edits(a, b) == mirrored_edits(a, b)


@pytest.mark.parametrize("a, b", [
    ("the troops", "troops the"),  # which "the" is the deleted one: a tie
    ("troops leave troops", "leave troops troops Iraq"),  # one direction splits the change
])
def test_swapped_sides_give_the_same_edits_and_no_more(a, b):
    assert plain_edits(a, b) == mirrored_edits(a, b)
    assert len(plain_edits(a, b)) == len(plain_edits(b, a)) == 2
