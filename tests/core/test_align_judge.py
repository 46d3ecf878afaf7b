"""Alignment decides with the pair judge: two independent reports of one made-up event.

The fixture (``tests/fixtures/independent_reports``, written for this test) is
two short news texts about the arrest of a harbour commissioner, in different
words: both quote the mayor's public statement; some sentences share words but
not claims ("Okafor's lawyer said his client ..." denies wrongdoing / was
questioned; "on Thursday ... harbour ... office" stayed open / a protest). Real
spaCy pipeline, embedding weights and pair judge; nothing mocked.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from parallax.core.align.compare import PairComparison
from parallax.core.align.judged import JudgeConfig
from parallax.core.align.sentences import AlignConfig, PairKind
from parallax.core.align.words import DiffKind, Side
from parallax.core.engine import compare_texts
from parallax.core.pairs.judge import Verdict, judge_pairs

pytestmark = pytest.mark.slow  # the real engine and judge

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "independent_reports"
A = (FIXTURE / "courier.txt").read_text(encoding="utf-8")
B = (FIXTURE / "coast.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reports():
    r = compare_texts(A, B)
    return r, r.comparison


def _pair_of(cmp: PairComparison, a_snippet: str | None = None, b_snippet: str | None = None):
    a_at = A.index(a_snippet) if a_snippet else None
    b_at = B.index(b_snippet) if b_snippet else None
    for p in cmp.pairs:
        if (a_at is None or p.a_start <= a_at < p.a_end) and (b_at is None or p.b_start <= b_at < p.b_end):
            return p
    return None


def _text(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def test_every_alignment_is_settled_by_wording_or_judged_the_same(reports):
    _, cmp = reports
    judged = [p for p in cmp.pairs if p.judged is not None]
    assert judged and cmp.alignment.judged >= len(judged)
    for p in cmp.pairs:
        if p.judged is None:  # wording settles it: verbatim or edited, no model asked
            assert p.kind in (PairKind.VERBATIM, PairKind.EDITED)
            assert p.word_similarity >= JudgeConfig().settle_min
    answers = judge_pairs([(_text(A, p.a_start, p.a_end), _text(B, p.b_start, p.b_end)) for p in judged])
    for p, j in zip(judged, answers):
        assert p.judge_verdict == j.verdict.value
        assert p.judged == pytest.approx(j.probabilities[Verdict.SAME], abs=1e-3)
        if j.verdict is not Verdict.SAME:  # kept by its wording only, and it says what differs
            assert p.word_similarity >= JudgeConfig().settle_min and p.differences, p


def test_the_shared_public_statement_is_aligned_with_its_changed_words(reports):
    _, cmp = reports
    p = _pair_of(cmp, "urged residents", "asked people")
    assert p is not None and p.kind is PairKind.EDITED
    changed = {A[e.a_start:e.a_end] for e in p.edits}
    assert "urged residents" in changed and not any("stay calm" in c for c in changed)


def test_a_true_counterpart_below_the_similarity_threshold_is_aligned(reports):
    """Told in other words, less similar than the matching's threshold: the judge admits it."""
    r, cmp = reports
    p = _pair_of(cmp, "detained her at her home", "taken from her house before dawn")
    assert p is not None and p.judged is not None and p.kind is PairKind.PARAPHRASE
    assert p.score < AlignConfig().threshold  # similarity alone left it unaligned


def test_a_sentence_sharing_words_but_not_the_claim_is_not_aligned(reports):
    _, cmp = reports
    # "his client denies any wrongdoing" / "his client was questioned ... for several hours"
    assert _pair_of(cmp, "denies any wrongdoing", "questioned by investigators for several hours") is None
    assert _pair_of(cmp, "denies any wrongdoing", "rejects the allegations") is not None
    # "The harbour office stayed open on Thursday" / "On Thursday, harbour workers held a protest"
    assert _pair_of(cmp, "stayed open", "held a protest") is None


def test_related_sentences_are_linked_not_aligned_and_carry_no_word_marks(reports):
    _, cmp = reports
    al = cmp.alignment
    assert al.related, "no related link"
    answers = judge_pairs([(_text(A, r.a_start, r.a_end), _text(B, r.b_start, r.b_end)) for r in al.related])
    for link, j in zip(al.related, answers):
        assert j.verdict is Verdict.RELATED
        assert link.a_sentence in al.unaligned_a and link.b_sentence in al.unaligned_b
        for side in Side:
            start, end = link.span(side)
            spans = [s for s in cmp.side(side).spans if s.start < end and s.end > start]
            # the sentence is one-sided (its bracket), nothing inside it is a word edit
            assert [s.kind for s in spans] == [DiffKind.ONLY_HERE]
            assert all(not (p.span(side)[0] < end and p.span(side)[1] > start) for p in cmp.pairs)


def test_json_shows_why(reports):
    _, cmp = reports
    doc = cmp.to_dict(A, B)
    judged = [p for p in doc["pairs"] if p["judge"] is not None]
    assert judged and all(p["judge"]["verdict"] in ("same", "related", "different")
                          and 0 < p["judge"]["probability"] <= 1 for p in judged)
    assert all(p["differences"] for p in judged if p["judge"]["verdict"] != "same")
    assert any(p["judge"] is None for p in doc["pairs"])  # the quoted statement: wording settles it
    assert doc["related"] and all(r["verdict"] == "related" for r in doc["related"])
    r = doc["related"][0]
    assert [r["a_start"], r["a_end"]] in doc["only_a"] and [r["b_start"], r["b_end"]] in doc["only_b"]


def test_without_the_judge_similarity_alone_decides_as_before(reports):
    r, cmp = reports
    from parallax.core.align.compare import compare_analysed

    plain = compare_analysed(A, r.a.analysis, B, r.b.analysis,
                             AlignConfig(judge=JudgeConfig(enabled=False)))
    assert plain.alignment.judged == 0 and plain.alignment.related == ()
    assert all(p.judged is None for p in plain.pairs)
    # similarity alone pairs the lawyer sentences that share five words (the failure)
    assert _pair_of(plain, "denies any wrongdoing", "questioned by investigators") is not None


def test_texts_the_english_models_do_not_read_are_not_judged(reports):
    r, _ = reports
    from parallax.core.align.compare import compare_analysed

    cmp = compare_analysed(A, r.a.analysis, B, r.b.analysis, languages=("de", "de"))
    plain = compare_analysed(A, r.a.analysis, B, r.b.analysis, AlignConfig(judge=JudgeConfig(enabled=False)),
                             languages=("de", "de"))
    assert not cmp.alignment.semantic and cmp.alignment.judged == 0 and cmp.alignment.related == ()
    assert cmp == plain


def test_swapping_the_reports_mirrors_judged_pairs_and_related_links(reports):
    r, cmp = reports
    from parallax.core.align.compare import compare_analysed

    swapped = compare_analysed(B, r.b.analysis, A, r.a.analysis)
    assert swapped.mirrored() == cmp


def test_pooled_comparisons_ask_the_judge_once_and_come_out_as_alone(reports):
    """``answer_all`` (how a dossier's pairs are compared) sends the questions of
    several comparisons to the judge in one call, each distinct question once,
    and each comparison comes out as it does compared alone; with a pool of one
    question, each comparison that asks calls the judge itself."""
    r, cmp = reports
    from parallax.core.align.compare import compare_analysed, comparison_steps
    from parallax.core.align.judged import answer_all

    calls = []

    def judge(pairs, *, should_cancel=None):
        calls.append(len(pairs))
        return judge_pairs(pairs, should_cancel=should_cancel)

    def steps():
        return [comparison_steps(A, r.a.analysis, B, r.b.analysis),
                comparison_steps(B, r.b.analysis, A, r.a.analysis),  # the same questions, mirrored
                comparison_steps(A, r.a.analysis, B, r.b.analysis, languages=("de", "de"))]  # none

    done = []
    pooled = answer_all(steps(), judge, progress=lambda k, n: done.append((k, n)))
    assert calls == [cmp.alignment.judged]
    assert pooled[0] == cmp and pooled[1] == cmp.mirrored()
    assert pooled[2] == compare_analysed(A, r.a.analysis, B, r.b.analysis, languages=("de", "de"))
    assert done == [(1, 3), (2, 3), (3, 3)]
    calls.clear()
    assert answer_all(steps(), judge, pool=1) == pooled
    assert calls == [cmp.alignment.judged] * 2


def test_a_pair_the_judge_calls_the_same_by_a_rule_says_why():
    """Two items of a list in the other order, nothing else changed: the judge's
    rule, not its model, calls the pair the same; the pair says so in words
    (the JSON's ``grounds``), not as a probability of 1."""
    a = ("Floods closed the main road into the city on Monday. Prices of bread and milk doubled in the "
         "markets of the capital.")
    b = ("Prices of milk and bread doubled in the markets of the capital. Heavy rain cut the main road "
         "into the city on Monday.")
    cmp = compare_texts(a, b).comparison
    listed = [p for p in cmp.pairs if "bread" in a[p.a_start:p.a_end]]
    assert len(listed) == 1 and listed[0].judge_verdict == "same"
    assert listed[0].grounds == ("the same items of a list in another order",)
    assert listed[0].mirrored().grounds == listed[0].grounds
    judged = [p["judge"] for p in cmp.to_dict(a, b)["pairs"] if p["judge"]]
    assert {"verdict": "same", "probability": 1.0,
            "grounds": ["the same items of a list in another order"]} in judged
    assert all(p.grounds == () for p in cmp.pairs if p is not listed[0])
