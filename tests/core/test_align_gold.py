"""Seeds 000 (NYT, machine-translated wording) and 002 (Kayhan's rewrite) against a
hand-made gold alignment, with the real spaCy pipeline and embedding weights.

The gold names snippets, not sentence indices, so it survives changes of
segmentation. These are the development pair; a separate gold we do not see is also
checked, so the bars here are modest and nothing is tuned to single sentences.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.core.align.compare import PairComparison
from parallax.core.align.sentences import PairKind
from parallax.core.engine import compare_texts
from parallax.core.ingest.readers import read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOLD = json.loads((FIXTURES / "gold_000_002.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_000_002(request):
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    a = read_file(seeds / GOLD["a"]).text
    b = read_file(seeds / GOLD["b"]).text
    cmp = compare_texts(a, b).comparison
    return a, b, cmp


def _where(text: str, snippet: str) -> int:
    at = text.find(snippet)
    assert at >= 0, f"gold snippet not in text: {snippet!r}"
    return at


def _pair_of(cmp: PairComparison, a_pos: int | None = None, b_pos: int | None = None):
    for p in cmp.alignment.pairs:
        if (a_pos is None or p.a_start <= a_pos < p.a_end) and (b_pos is None or p.b_start <= b_pos < p.b_end):
            return p
    return None


def test_gold_pairs_are_found(seeds_000_002):
    a, b, cmp = seeds_000_002
    found = [_pair_of(cmp, _where(a, sa), _where(b, sb)) is not None for sa, sb in GOLD["pairs"]]
    missed = [pair for pair, ok in zip(GOLD["pairs"], found) if not ok]
    # All of them: the pair judge decides only what wording does not settle, and
    # Kayhan's sentence-by-sentence rewrite is settled by its wording.
    assert not missed, f"missed gold pairs: {missed}"


def test_sentences_without_counterpart_stay_alone(seeds_000_002):
    a, b, cmp = seeds_000_002
    alone_a = [_pair_of(cmp, a_pos=_where(a, s)) is None for s in GOLD["only_a"]]
    alone_b = [_pair_of(cmp, b_pos=_where(b, s)) is None for s in GOLD["only_b"]]
    assert sum(alone_a) + sum(alone_b) >= len(alone_a) + len(alone_b) - 2, (alone_a, alone_b)


def test_aligned_pairs_are_mostly_gold_like(seeds_000_002):
    """Precision: an aligned pair must not be a coincidence of shared names."""
    a, b, cmp = seeds_000_002
    gold_a = [_where(a, sa) for sa, _ in GOLD["pairs"]]
    wrong = []
    for p in cmp.alignment.pairs:
        for pos, (sa, sb) in zip(gold_a, GOLD["pairs"]):
            if p.a_start <= pos < p.a_end and not p.b_start <= _where(b, sb) < p.b_end:
                wrong.append((sa, b[p.b_start:p.b_end][:80]))
    assert not wrong, wrong


def test_known_rewrite_is_a_paraphrase_or_edit_with_the_right_words(seeds_000_002):
    a, b, cmp = seeds_000_002
    p = _pair_of(cmp, _where(a, "United States is likely to accede"), _where(b, "United States is likely to oblige"))
    assert p is not None and p.kind in (PairKind.EDITED, PairKind.PARAPHRASE)
    changed_a = {a[e.a_start:e.a_end] for e in p.edits if e.a_end > e.a_start}
    changed_b = {b[e.b_start:e.b_end] for e in p.edits if e.b_end > e.b_start}
    assert any("accede" in x for x in changed_a) and any("oblige" in x for x in changed_b)
    assert not any("United States" in x for x in changed_a)


def test_identical_sentence_is_verbatim(seeds_000_002):
    a, b, cmp = seeds_000_002
    snippet = "nears the end of its withdrawal of U.S. forces from Afghanistan"
    p = _pair_of(cmp, _where(a, snippet), _where(b, snippet))
    assert p is not None and p.kind in (PairKind.VERBATIM, PairKind.EDITED)


def test_substitutions_name_the_telling_rewrites(seeds_000_002):
    _, _, cmp = seeds_000_002
    subs = [(s.a.lower(), s.b.lower()) for s in cmp.substitutions]
    top = subs[:25]
    assert any("murder" in x and "assassination" in y for x, y in top), top
    assert any("accede" in x and "oblige" in y for x, y in top), top
