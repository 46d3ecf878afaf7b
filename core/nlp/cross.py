"""Cross-encoder scores for sentence pairs: MiniLM reading both sentences at once.

Depends on numpy and :mod:`parallax.core.nlp.encoder`. A bi-encoder embeds each
sentence alone and compares the vectors; here one input ``[CLS] a [SEP] b
[SEP]`` goes through the network, so attention lines up the words of the two
sentences ("combat forces" against "trainers") before anything is pooled. The
network is all-MiniLM-L6-v2 itself with a small trained adapter: low-rank
updates of its linear layers, new token-type embeddings and a logistic head,
stored in ``resources/pair_cross.npz`` (about 2.5 MB: the average of two
training runs, their factors stacked) and added into a copy of the base
weights once, at load. ``bench/train_pair_cross.py`` trains it (with
torch, outside the app) on graded news pairs, MSRP and generated hard pairs.

The score is a logit: positive leans "same statement" (and, by the adapter's
ordinal head, the score plus ``related_offset`` is the logit of "same or
related"). Each pair is read once, in its canonical order (the two sentences
sorted, :func:`canonical`), so the score is exactly symmetric; the adapter was
trained on both orders, so the order chosen does not favour either side.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence

import numpy as np

from parallax.core.nlp.encoder import Encoder, get_encoder

ADAPTER_RESOURCE = "pair_cross.npz"


class CrossScorer:
    """Scores sentence pairs with the adapted encoder. Build it with :func:`get_cross_scorer`."""

    def __init__(self, encoder: Encoder, adapter: dict[str, np.ndarray]) -> None:
        """``adapter`` holds the arrays written by ``bench/train_pair_cross.py``."""
        self.meta = json.loads(bytes(adapter["meta"]).decode("utf-8"))
        deltas = []
        for i in range(encoder.num_layers):
            deltas.append({name: adapter[f"layer{i}.{name}.B"] @ adapter[f"layer{i}.{name}.A"]
                           for name in self.meta["linears"]})
        self._encoder = encoder.adapted(deltas, adapter["token_type_embeddings"])
        self._head_w = np.asarray(adapter["head.weight"], dtype=np.float32)
        self._head_b = float(adapter["head.bias"][0])
        # The ordinal head's offset to the "same or related" logit (NaN for an
        # adapter trained on same / not same alone).
        self.related_offset = float(self.meta.get("related_offset", float("nan")))

    def logits(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 32,
               should_cancel: Callable[[], bool] | None = None,
               symmetric: bool = True) -> np.ndarray:
        """One logit per pair (float64), from one pass over each distinct pair:
        of its :func:`canonical` order, or with ``symmetric`` false of the
        order given."""
        if not pairs:
            return np.zeros(0)
        keys = [canonical(a, b) if symmetric else (a, b) for a, b in pairs]
        inputs = list(dict.fromkeys(keys))
        pooled = self._encoder.pool_pairs(inputs, batch_size=batch_size, should_cancel=should_cancel)
        z = pooled.astype(np.float64) @ self._head_w + self._head_b
        index = {k: i for i, k in enumerate(inputs)}
        return z[[index[k] for k in keys]]


def canonical(a: str, b: str) -> tuple[str, str]:
    """The order a pair is scored in: the two sentences sorted."""
    return (a, b) if a <= b else (b, a)


_lock = threading.Lock()
_cached: list[CrossScorer | None] = []


def load_adapter() -> dict[str, np.ndarray] | None:
    """The adapter arrays shipped in resources, or None when the file is missing."""
    from parallax.resources import resource_path

    try:
        path = resource_path(ADAPTER_RESOURCE)
    except KeyError:
        return None
    with np.load(path) as data:
        return {k: data[k] for k in data.files}


def get_cross_scorer() -> CrossScorer | None:
    """The shared scorer, built on first use; None without the embedding model or the adapter."""
    with _lock:
        if not _cached:
            encoder = get_encoder()
            adapter = load_adapter() if encoder is not None else None
            _cached.append(CrossScorer(encoder, adapter) if adapter is not None else None)
        return _cached[0]
