"""The cross-encoder pair scorer: numpy against torch, symmetry, what it ranks higher.

The adapter file carries logits its trainer (``bench/train_pair_cross.py``,
torch) computed for a few pairs; the numpy forward pass must reproduce them.
"""
from __future__ import annotations

import numpy as np
import pytest

from parallax.core.nlp import cross
from parallax.core.nlp.cross import CrossScorer, get_cross_scorer, load_adapter
from parallax.core.nlp.encoder import get_encoder

pytestmark = pytest.mark.slow  # loads the embedding model


@pytest.fixture(scope="module")
def scorer() -> CrossScorer:
    s = get_cross_scorer()
    assert s is not None, "resources/pair_cross.npz or the embedding model is missing"
    return s


def test_numpy_forward_matches_torch_reference(scorer):
    pairs = [tuple(p) for p in scorer.meta["reference_pairs"]]
    ab, ba = np.asarray(scorer.meta["reference_logits"])
    np.testing.assert_allclose(scorer.logits(pairs, symmetric=False), ab, atol=1e-4)
    np.testing.assert_allclose(scorer.logits([(b, a) for a, b in pairs], symmetric=False), ba, atol=1e-4)
    # one pass per pair, in its canonical order (the two sentences sorted)
    canonical = [x if a <= b else y for (a, b), x, y in zip(pairs, ab, ba)]
    np.testing.assert_allclose(scorer.logits(pairs), canonical, atol=1e-4)


def test_score_is_symmetric_and_independent_of_batching(scorer):
    pairs = [("The talks ended on Monday.", "Negotiations concluded on Monday."),
             ("A much longer sentence about troops leaving Iraq before the end of the year.", "Short.")]
    forward = scorer.logits(pairs, batch_size=1)
    np.testing.assert_allclose(scorer.logits([(b, a) for a, b in pairs], batch_size=2), forward, atol=1e-5)
    assert np.array_equal(scorer.logits([(b, a) for a, b in pairs], batch_size=1), forward)
    assert scorer.logits([]).shape == (0,)


def test_paraphrase_outscores_unrelated(scorer):
    # Not checked here: a pair worded alike with one fact changed ("rose" /
    # "fell") also scores high, as in MSRP's training pairs; the contradiction
    # rule of the pair judge catches those (tests/core/test_pairs.py).
    para, other, unrelated = scorer.logits([
        ("The company said profits rose sharply in the second quarter.",
         "Profits climbed steeply in the second quarter, the firm said."),
        ("The company said profits rose sharply in the second quarter.",
         "The firm expects a strong third quarter."),
        ("The company said profits rose sharply in the second quarter.",
         "Heavy rain flooded several villages in the north of the country."),
    ])
    assert para > 0 > unrelated
    assert para > other > unrelated


def test_zero_update_leaves_the_encoder_unchanged():
    enc = get_encoder()
    names = ("attention.self.query", "attention.self.value", "intermediate.dense")
    zero = {n: np.zeros((1536 if n == "intermediate.dense" else 384, 384), np.float32) for n in names}
    twin = enc.adapted([zero] * enc.num_layers, enc.token_types)
    texts = ["One sentence.", "Another, rather longer sentence about the talks in Baghdad."]
    np.testing.assert_allclose(twin.encode(texts), enc.encode(texts), atol=1e-6)
    with pytest.raises(ValueError, match="layers"):
        enc.adapted([zero], enc.token_types)


def test_missing_adapter_means_no_scorer(monkeypatch):
    monkeypatch.setattr(cross, "ADAPTER_RESOURCE", "no_such_adapter.npz")
    assert load_adapter() is None
