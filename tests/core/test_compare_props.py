"""Property tests of the whole pairwise comparison (real spaCy pipeline, real encoder).

For any two texts — empty, one word, emoji, right-to-left, a long run without
punctuation, identical, disjoint, and generated ones — ``compare_texts`` returns;
every offset is inside its text; the edits of each aligned pair turn A's words into
B's words; and the pairs with only_a / only_b cover every sentence exactly once.
"""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from parallax.core.align.words import DiffKind, word_key
from parallax.core.engine import compare_texts

WORDS = ["the", "troops", "Iraq", "will", "leave", "said", "officials", "combat", "forces",
         "advisers", "Baghdad", "Washington", "2,500", "U.S.", "US", "not", "«", "—", "“quote”",
         "😀", "مرحبا", "שלום", "Soleimani", "e.g.", "Mr.", "talks", "on", "Monday"]
SEPARATORS = [" ", " ", " ", ". ", "! ", "? ", "\n", "\n\n", ", ", "; "]

sentence_like = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                         max_size=60).map(lambda xs: "".join(w + s for w, s in xs))
any_text = st.one_of(sentence_like, st.text(max_size=300))

LONG_RUN = " ".join(["word"] * 20_000)  # 100,000 characters, no punctuation


def check(a_text: str, b_text: str) -> None:
    r = compare_texts(a_text, b_text)
    a, b, cmp = r.a.analysis, r.b.analysis, r.comparison
    for text, an in ((a_text, a), (b_text, b)):
        for s in an.sentences:
            assert 0 <= s.start <= s.end <= len(text)
        for t in an.tokens:
            assert 0 <= t.start <= t.end <= len(text)
    seen_a: list[int] = []
    seen_b: list[int] = []
    for p in cmp.alignment.pairs:
        assert 0 <= p.a_start <= p.a_end <= len(a_text)
        assert 0 <= p.b_start <= p.b_end <= len(b_text)
        assert 0.0 <= p.score <= 1.0 + 1e-9
        seen_a += p.a_sentences
        seen_b += p.b_sentences
        a_words = [t for i in p.a_sentences for t in a.sentence_tokens(i) if t.is_word]
        b_words = [t for j in p.b_sentences for t in b.sentence_tokens(j) if t.is_word]
        # Apply the edits right to left on A's word keys; the result must be B's.
        keys = [(t.start, t.end, word_key(a_text[t.start:t.end])) for t in a_words]
        for e in sorted(p.edits, key=lambda e: e.a_start, reverse=True):
            assert 0 <= e.a_start <= e.a_end <= len(a_text) and 0 <= e.b_start <= e.b_end <= len(b_text)
            repl = [(e.a_start, e.a_start, word_key(b_text[t.start:t.end]))
                    for t in b_words if e.b_start <= t.start and t.end <= e.b_end]
            lo = next((k for k, w in enumerate(keys) if w[0] >= e.a_start), len(keys))
            hi = lo
            while hi < len(keys) and keys[hi][1] <= e.a_end and e.a_end > e.a_start:
                hi += 1
            keys[lo:hi] = repl
        assert [k for _, _, k in keys] == [word_key(b_text[t.start:t.end]) for t in b_words]
    for span in cmp.a.spans:
        assert 0 <= span.start <= span.end <= len(a_text)
    for span in cmp.b.spans:
        assert 0 <= span.start <= span.end <= len(b_text)
    assert sorted(seen_a + list(cmp.alignment.unaligned_a)) == list(range(len(a.sentences)))
    assert sorted(seen_b + list(cmp.alignment.unaligned_b)) == list(range(len(b.sentences)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, any_text)
@example("", "")
@example("", "One word.")
@example("Word", "Word")
@example("😀", "😀 🇮🇶 👍🏽")
@example("مرحبا بكم في بغداد. قال المسؤولون إن القوات ستغادر.", "שלום. The troops will leave.")
@example(LONG_RUN, "word word word")
@example("The troops will leave Iraq by December. Officials said so on Monday.",
         "The troops will leave Iraq by December. Officials said so on Monday.")
@example("The troops will leave Iraq by December.", "Bananas are yellow and rich in potassium!")
def test_compare_any_two_texts(a_text: str, b_text: str) -> None:
    check(a_text, b_text)


def test_identical_texts_align_every_sentence_verbatim() -> None:
    text = ("Iraq's prime minister flew to Washington. He asked for a withdrawal of combat troops.\n\n"
            "U.S. officials said the request would be met.")
    r = compare_texts(text, text)
    a, cmp = r.a.analysis, r.comparison
    assert len(cmp.alignment.pairs) == len(a.sentences) == 3
    assert all(p.kind.value == "verbatim" and not p.edits and not p.moved for p in cmp.alignment.pairs)
    assert cmp.a.of_kind(DiffKind.ONLY_HERE) == cmp.b.of_kind(DiffKind.ONLY_HERE) == ()


def test_disjoint_texts_align_nothing() -> None:
    cmp = compare_texts("The troops will leave Iraq by December.",
                        "Bananas are yellow and rich in potassium.").comparison
    assert cmp.alignment.pairs == ()
    assert len(cmp.a.of_kind(DiffKind.ONLY_HERE)) == len(cmp.b.of_kind(DiffKind.ONLY_HERE)) == 1
