"""Aligned pairs say what their two sides state differently, and why a related pair is not the same.

Sentences kept by their wording (verbatim, edited) are the same sentence told
twice, and their word marks are the point of the comparison view; but a kept
sentence can still state another fact: a number, a negation, opposite words,
or shared words that changed places (who did what to whom). Those pairs stay
aligned and carry the difference in words. Real spaCy pipeline, embedding
weights and pair judge; nothing mocked.
"""
from __future__ import annotations

import pytest

from parallax.core.align.sentences import PairKind
from parallax.core.engine import compare_texts
from parallax.core.ingest.seeds import seed_paths
from parallax.core.pairs.judge import READS_OTHERWISE, Verdict, judge_pairs, stated_differences

pytestmark = pytest.mark.slow  # the real engine and judge

CALM = " The mayor called for calm. Officials gave no date for the next hearing."


def _only_pair(a: str, b: str):
    cmp = compare_texts(a + CALM, b + CALM).comparison
    first = [p for p in cmp.pairs if p.a_start < len(a)]
    assert len(first) == 1, [(p.a_start, p.b_start) for p in cmp.pairs]
    return first[0], cmp


@pytest.mark.parametrize("a, b, expected", [
    ("rose 5 percent in March", "rose 7 percent in March", ("a number differs",)),
    ("The ministry said exports rose 5 percent in March.",
     "Exports grew 7 percent in March, according to the ministry.", ("a number differs",)),
    ("The talks would resume next week.", "The talks would not resume next week.", ("one says not",)),
    # a negation on one side only, the rest reworded too
    ("They will get there not by removing troops but by relabelling their roles.",
     "They will achieve it by removing some troops and by relabelling the roles of others.", ("one says not",)),
    ("Officials gave no date.", "Officials did not give a date.", ()),  # both negate
    # the other side denies without a negation word: the same claim
    ("A reclassification is unlikely to satisfy the militias.",
     "A reclassification likely won't satisfy the militias.", ()),
    ("The minister failed to attend the talks.", "The minister did not attend the talks.", ()),
    ("Shares rose sharply on Monday.", "Shares fell sharply on Monday.", ("opposite words",)),
    # the same quantity, written otherwise: nothing to say
    ("Turnout was 0.66 of voters.", "Turnout was 0.7 of voters.", ()),
    ("Police said 1,750 people marched.", "Police said 1750 people marched.", ()),
    # one side adds a number the other does not contradict: nothing to say
    ("The plant employs workers.", "The plant employs 300 workers.", ()),
])
def test_stated_differences_table(a, b, expected):
    assert stated_differences(a, b) == expected
    assert stated_differences(b, a) == expected


def test_an_edited_sentence_with_another_number_stays_aligned_and_says_so():
    p, _ = _only_pair("Police said 12 people were killed in the attack on Sunday.",
                      "Police said 14 people were killed in the attack on Sunday.")
    assert p.kind is PairKind.EDITED and p.edits  # "12" / "14" marked word by word
    assert p.differences == ("a number differs",)


def test_swapped_roles_in_shared_words_are_judged_not_the_same_and_say_why():
    a = "Residents said the army shelled the rebels near the border town on Monday."
    b = "Residents said the rebels shelled the army near the border town on Monday."
    p, cmp = _only_pair(a, b)
    # Kept by its wording (the same sentence, edited: the marks show the swap) ...
    assert p.kind is PairKind.EDITED and p.edits
    # ... but the judge was asked, since shared words changed places, and says why it is not the same.
    assert p.judge_verdict in (Verdict.RELATED.value, Verdict.DIFFERENT.value)
    assert p.judged is not None and p.judged < 0.5
    assert "who did what to whom differs" in p.differences
    doc = cmp.to_dict(a + CALM, b + CALM)
    first = doc["pairs"][0]
    assert first["judge"]["verdict"] == p.judge_verdict
    assert "who did what to whom differs" in first["differences"]


def test_a_reordered_clause_is_judged_the_same_and_says_nothing():
    a = "The minister said on Monday that the talks had ended without a deal."
    b = "The talks had ended without a deal, the minister said on Monday."
    p, _ = _only_pair(a, b)
    assert p.judge_verdict == Verdict.SAME.value
    assert p.differences == ()


def test_the_judges_conflicts_name_the_check_that_found_them():
    swap, same = judge_pairs([
        ("Flights from New York to Florida were cancelled.", "Flights from Florida to New York were cancelled."),
        ("Flights from New York to Florida were cancelled.", "Flights from New York to Florida were cancelled on Friday."),
    ])
    assert swap.verdict is not Verdict.SAME and swap.conflicts == ("who did what to whom differs",)
    assert same.conflicts == ()


def test_kayhans_rewrite_that_drops_a_not_is_aligned_and_flagged():
    """Seeds 000 (NYT) and 002 (Kayhan): the NYT says the Pentagon will get there
    "not by removing one of the 2,500 US forces", Kayhan "by removing a small but
    unspecified number" of them. The gold aligns them (Kayhan rewrote the
    sentence); the comparison must also say that one says "not"."""
    paths = {p.name[:3]: p for p in seed_paths()}
    a = paths["000"].read_text(encoding="utf-8")
    b = paths["002"].read_text(encoding="utf-8")
    cmp = compare_texts(a, b).comparison
    at_a, at_b = a.index("not by removing one of"), b.index("by removing a small but unspecified")
    (p,) = [p for p in cmp.pairs if p.a_start <= at_a < p.a_end and p.b_start <= at_b < p.b_end]
    assert p.kind is PairKind.EDITED and p.edits
    assert "one says not" in p.differences  # whatever the judge reads, the wording says it
    assert set(p.differences) <= {READS_OTHERWISE, "one says not"}
