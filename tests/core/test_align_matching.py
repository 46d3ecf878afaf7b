"""The sentence matching's assignment (``core/align/sentences.py`` ``_match``):
the best one-to-one matching among the allowed pairs, against scipy's dense
solver, and on the many ties of repeated sentences."""
from __future__ import annotations

import threading

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from parallax.core.align.sentences import _TIE_BREAK, _match


def _gain(score: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    na, nb = score.shape
    closeness = 1.0 - np.abs((np.arange(na)[:, None] + 0.5) / na - (np.arange(nb)[None, :] + 0.5) / nb)
    return np.where(allowed, score + _TIE_BREAK * closeness, 0.0)


def _total(pairs, gain: np.ndarray) -> float:
    return float(sum(gain[a[0], b[0]] for a, b in pairs))


def _best(score: np.ndarray, allowed: np.ndarray) -> float:
    gain = _gain(score, allowed)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return float(gain[rows, cols].sum())


@pytest.mark.parametrize("seed", range(40))
def test_the_matching_is_the_best_one_to_one_among_allowed_pairs(seed):
    rng = np.random.default_rng(seed)
    na, nb = (int(n) for n in rng.integers(1, 30, size=2))
    score = rng.random((na, nb))
    if seed % 2:
        score = np.round(score, 1)  # ties
    allowed = score >= rng.uniform(0.3, 0.9)
    pairs = _match(score, allowed)
    assert all(allowed[a[0], b[0]] for a, b in pairs)
    assert len({a[0] for a, _ in pairs}) == len({b[0] for _, b in pairs}) == len(pairs)
    assert _total(pairs, _gain(score, allowed)) == pytest.approx(_best(score, allowed), abs=1e-9)


def test_many_ties_of_repeated_sentences_do_not_stall_the_matching():
    """Half of B's sentences alike (a line repeated down a page), scores in
    tenths: scipy.sparse.csgraph's matcher, used before, did not return on
    this matrix. A generous limit, not a speed check: it takes milliseconds."""
    rng = np.random.default_rng(0)
    score = np.round(rng.random((34, 34)), 1)
    score[:, :17] = score[:, :1]
    allowed = score >= 0.5
    out: list = []
    worker = threading.Thread(target=lambda: out.append(_match(score, allowed)), daemon=True)
    worker.start()
    worker.join(120)
    assert out, "the matching did not return"
    assert _total(out[0], _gain(score, allowed)) == pytest.approx(_best(score, allowed), abs=1e-9)


def test_empty_and_nothing_allowed():
    assert _match(np.zeros((0, 3)), np.zeros((0, 3), dtype=bool)) == []
    assert _match(np.ones((2, 3)), np.zeros((2, 3), dtype=bool)) == []
