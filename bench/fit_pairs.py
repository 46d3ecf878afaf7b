"""Fit the paraphrase model of :mod:`parallax.core.pairs.judge` and write
``resources/pair_model.json``.

Plain numpy: L2-regularised logistic regression by full-batch gradient descent
on standardised features. Everything is chosen on the MSRP *training* split
only: the regularisation strength and the decision threshold by 5-fold
cross-validation (out-of-fold probabilities), then the weights are refitted on
the whole training split. The test split is never read here;
``bench/bench_pairs.py`` reports it.

Where the corpus is looked for: ``bench/msrp.py``.

Three models are written: ``semantic`` (with the MiniLM cosine), ``lexical``
(the fallback when the embedding model is not installed) and ``cross``, which
stacks the cross-encoder's logit (``resources/pair_cross.npz``, trained by
``bench/train_pair_cross.py``) on the semantic model's, or uses that logit
alone when stacking does not help by cross-validation. The adapter was trained
on the training split minus its development rows (``msrp.dev_split``), so the
``cross`` model is fitted on those development rows alone, with the semantic
model's logit coming from a refit that did not see them either.

    .venv/bin/python bench/fit_pairs.py [--dry-run]
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

import numpy as np

from parallax.core.pairs.judge import (
    CROSS_FEATURES,
    LEXICAL_FEATURES,
    MODEL_RESOURCE,
    SEMANTIC_FEATURES,
    PairModel,
    feature_matrix,
    sigmoid,
)
from msrp import TRAIN, accuracy_f1, best_threshold, dev_split, find_corpus, read_split
from parallax.core.nlp.cross import get_cross_scorer
from parallax.core.nlp.encoder import get_encoder

OUT = Path(__file__).resolve().parents[1] / "resources" / MODEL_RESOURCE
PENALTIES = (1e-1, 3e-2, 1e-2, 1e-3, 1e-4)  # strongest first: ties keep the simpler model
FOLDS = 5
SHUFFLES = 3  # repetitions of the 5-fold split with different shuffles
TIE = 0.002  # accuracy differences below this are noise at these sample sizes

def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: float, *, steps: int = 4000,
                 rate: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(mean, scale, weights, bias) minimising mean log-loss + penalty/2 * |w|^2
    on standardised ``x``."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros(x.shape[1])
    b = float(np.log(max(y.mean(), 1e-6) / max(1 - y.mean(), 1e-6)))
    for _ in range(steps):
        p = sigmoid(z @ w + b)
        err = p - y
        w -= rate * (z.T @ err / len(y) + penalty * w)
        b -= rate * float(err.mean())
    return mean, scale, w, b


def out_of_fold(x: np.ndarray, y: np.ndarray, penalty: float, seed: int = 0) -> np.ndarray:
    """Probabilities for every training row from a model fitted without its fold."""
    order = np.random.default_rng(seed).permutation(len(y))
    probs = np.zeros(len(y))
    for k in range(FOLDS):
        held = order[k::FOLDS]
        keep = np.setdiff1d(order, held)
        mean, scale, w, b = fit_logistic(x[keep], y[keep], penalty)
        probs[held] = sigmoid(((x[held] - mean) / scale) @ w + b)
    return probs


def fit_model(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], label: str,
              penalties: tuple[float, ...] = PENALTIES) -> PairModel:
    print(f"\n{label}: {len(y)} training pairs, features {', '.join(names)}")
    best = None
    for penalty in penalties:
        # accuracy of out-of-fold probabilities, each shuffle with its own best cut
        accs = []
        for seed in range(SHUFFLES):
            probs = out_of_fold(x, y, penalty, seed)
            accs.append(float(np.mean((probs >= best_threshold(probs, y)) == y)))
        acc = float(np.mean(accs))
        print(f"  penalty {penalty:<7g} cross-validated accuracy {acc:.4f}")
        # on a near tie keep the stronger penalty: fewer effective parameters
        if best is None or acc > best[0] + TIE:
            best = (acc, penalty)
    penalty = best[1]
    # Threshold from out-of-fold probabilities averaged over the fold shuffles,
    # so one lucky split does not set it.
    probs = np.mean([out_of_fold(x, y, penalty, seed) for seed in range(SHUFFLES)], axis=0)
    cut = best_threshold(probs, y)
    mean, scale, w, b = fit_logistic(x, y, penalty)
    model = PairModel(names, mean, scale, w, b, cut)
    train_acc, train_f1 = accuracy_f1(model.probability(x) >= cut, y)
    cv_acc, cv_f1 = accuracy_f1(probs >= cut, y)
    print(f"  chosen penalty {penalty:g}, threshold {cut:.3f}: train accuracy {train_acc:.4f} "
          f"(F1 {train_f1:.4f}), cross-validated {cv_acc:.4f} (F1 {cv_f1:.4f})")
    for n, wi in sorted(zip(names, w), key=lambda t: -abs(t[1])):
        print(f"    {n:<15} {wi:+.3f}")
    meta = {"penalty": penalty, "train_pairs": int(len(y)), "train_accuracy": round(train_acc, 4),
            "cv_accuracy": round(cv_acc, 4)}
    return PairModel(names, mean, scale, w, b, cut, meta)


def fit_stack(pairs, y: np.ndarray, x: np.ndarray, semantic: PairModel, scorer) -> PairModel:
    """The cross model, fitted on the development rows the adapter never trained on."""
    dev, rest = dev_split(len(y))
    if scorer.meta.get("dev_pairs") != len(dev):
        raise SystemExit(f"the adapter was trained with {scorer.meta.get('dev_pairs')} development "
                         f"pairs, msrp.dev_split gives {len(dev)}: retrain it")
    mean, scale, w, b = fit_logistic(x[rest], y[rest].astype(float), float(semantic.meta["penalty"]))
    semantic_logit = ((x[dev] - mean) / scale) @ w + b
    cross = scorer.logits([pairs[i] for i in dev])
    y_dev = y[dev].astype(float)
    # One or two inputs: nothing to regularise, and a penalty would only flatten
    # the probabilities (accuracy hardly moves with it, calibration does).
    alone = fit_model(cross[:, None], y_dev, ("cross_logit",), "cross-encoder alone (development rows)",
                      penalties=(PENALTIES[-1],))
    stack = fit_model(np.column_stack([cross, semantic_logit]), y_dev, CROSS_FEATURES,
                      "cross-encoder stacked on the semantic model (development rows)",
                      penalties=(PENALTIES[-1],))
    # On a near tie the simpler model: the cross-encoder's logit alone.
    chosen = stack if stack.meta["cv_accuracy"] > alone.meta["cv_accuracy"] + TIE else alone
    print(f"\ncross-validated accuracy on the development rows: cross-encoder alone "
          f"{alone.meta['cv_accuracy']:.4f}, stacked {stack.meta['cv_accuracy']:.4f}; "
          f"shipped: {', '.join(chosen.features)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="fit and print, do not write the JSON")
    args = ap.parse_args(argv)
    corpus = find_corpus()
    if corpus is None:
        print("MSRP corpus not found (set PARALLAX_MSRP_DIR); nothing fitted.")
        return 0
    encoder = get_encoder()
    if encoder is None:
        print("The embedding model is not installed: both models need it to be fitted.")
        return 1
    pairs, y = read_split(corpus / TRAIN)
    x, names = feature_matrix(pairs, encoder=encoder)
    assert names == SEMANTIC_FEATURES
    semantic = fit_model(x, y.astype(float), SEMANTIC_FEATURES, "semantic model")
    lexical = fit_model(x[:, 1:], y.astype(float), LEXICAL_FEATURES, "lexical-only model")
    doc = {
        "about": "Logistic regression for parallax.core.pairs.judge, fitted by bench/fit_pairs.py "
                 f"on {len(y)} pairs of the MSRP training split on {datetime.date.today()}.",
        "semantic": semantic.to_dict(),
        "lexical": lexical.to_dict(),
    }
    scorer = get_cross_scorer()
    if scorer is None:
        print("\nno cross-encoder adapter (resources/pair_cross.npz): no stacked model written")
    else:
        doc["cross"] = fit_stack(pairs, y, x, semantic, scorer).to_dict()
    if args.dry_run:
        return 0
    OUT.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
