"""Quotation spans: the marks of several languages, quotes over sentences and
paragraphs, and apostrophes that quote nothing. Pure text, no model."""
from __future__ import annotations

import pytest

from parallax.core.reuse.quotes import quote_spans, quoted_word_share


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "we will leave. All of us" and left.', ['"we will leave. All of us"']),
    ("He said “we will leave” today.", ["“we will leave”"]),
    ("Il a dit « nous partirons » hier.", ["« nous partirons »"]),
    ("Er sagte „wir gehen“ gestern.", ["„wir gehen“"]),
    ("Er sagte „wir gehen” gestern.", ["„wir gehen”"]),
    ("The governor called for 'calm at this time' on Friday.", ["'calm at this time'"]),
    ("She called it ‘a fair deal’ then.", ["‘a fair deal’"]),
])
def test_marks_of_several_styles(text, expected):
    assert quoted(text) == expected


def test_apostrophes_quote_nothing():
    assert quoted("Iraq's troops don't leave; the soldiers' pay isn't late. It’s fine.") == []


def test_a_quote_over_paragraphs_opens_each_paragraph():
    text = "He said: “We will stay.\n\n“We will train them.” Then he left."
    assert quoted(text) == ["“We will stay.", "“We will train them.”"]


def test_a_stray_mark_does_not_quote_the_rest_of_the_article():
    text = "The 12\" gun was fired.\n\nOfficials said the talks would go on."
    assert quoted(text) == []


def test_quoted_word_share_counts_words_inside_marks():
    text = 'The minister said "no troops will stay" on Monday.'
    spans = quote_spans(text)
    assert quoted_word_share(text, 0, len(text), spans) == pytest.approx(4 / 9)
    start = text.index('"')
    assert quoted_word_share(text, start, text.index(" on Monday"), spans) == 1.0


@pytest.mark.parametrize(("a", "b", "n", "expected"), [
    ("one two three four five six seven eight", "x one two three four five six seven eight y", 8, True),
    ("One two three four five six seven eight.", "one TWO three four five six seven, eight", 8, True),
    ("one two three four five six seven eight", "one two three four five six seven nine", 8, False),
    ("short text", "short text", 8, False),
    ("", "anything at all here in this text of words", 8, False),
])
def test_shares_word_run(a, b, n, expected):
    from parallax.core.reuse.prepare import shares_word_run

    assert shares_word_run(a, b, n) is expected
    assert shares_word_run(b, a, n) is expected
