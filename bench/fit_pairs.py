"""Fit the paraphrase model of :mod:`parallax.core.align.pairs` and write
``resources/pair_model.json``.

Plain numpy: L2-regularised logistic regression by full-batch gradient descent
on standardised features. Everything is chosen on the MSRP *training* split
only: the regularisation strength and the decision threshold by 5-fold
cross-validation (out-of-fold probabilities), then the weights are refitted on
the whole training split. The test split is never read here;
``bench/bench_pairs.py`` reports it.

The corpus is not in the repository (its licence does not allow
redistribution): point ``PARALLAX_MSRP_DIR`` at a folder holding
``msr_paraphrase_train.txt`` and ``msr_paraphrase_test.txt`` as distributed
(``Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String`` with a header
line), or put them in ``~/.cache/parallax/msrp``.

Two models are written: ``semantic`` (with the MiniLM cosine) and ``lexical``
(the fallback when the embedding model is not installed).

    .venv/bin/python bench/fit_pairs.py [--dry-run] [--token-match]

``--token-match`` only evaluates (writes nothing): it adds the BERTScore-style
token-matching features (``TOKEN_MATCH_FEATURES``) to the semantic model and
prints its cross-validated accuracy beside the shipped feature set's.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

import numpy as np

from parallax.core.align.pairs import (
    LEXICAL_FEATURES,
    MODEL_RESOURCE,
    SEMANTIC_FEATURES,
    TOKEN_MATCH_FEATURES,
    PairModel,
    feature_matrix,
    sigmoid,
    token_match_features,
)
from parallax.core.nlp.encoder import get_encoder

OUT = Path(__file__).resolve().parents[1] / "resources" / MODEL_RESOURCE
PENALTIES = (1e-1, 3e-2, 1e-2, 1e-3, 1e-4)  # strongest first: ties keep the simpler model
FOLDS = 5
SHUFFLES = 3  # repetitions of the 5-fold split with different shuffles
TIE = 0.002  # accuracy differences below this are noise at these sample sizes

TRAIN, TEST = "msr_paraphrase_train.txt", "msr_paraphrase_test.txt"


def find_corpus() -> Path | None:
    """The first folder holding both splits, or None."""
    candidates = [os.environ.get("PARALLAX_MSRP_DIR"), Path.home() / ".cache" / "parallax" / "msrp"]
    for c in candidates:
        if c and (Path(c) / TRAIN).is_file() and (Path(c) / TEST).is_file():
            return Path(c)
    return None


def read_split(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Sentence pairs and their 0/1 labels (1 = paraphrase)."""
    pairs, labels = [], []
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 5 or cols[0] not in ("0", "1"):
            raise ValueError(f"{path}:{n}: expected 'label<TAB>id<TAB>id<TAB>sentence<TAB>sentence'")
        pairs.append((cols[3], cols[4]))
        labels.append(int(cols[0]))
    return pairs, np.asarray(labels, dtype=np.int64)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The cut that maximises accuracy of ``scores >= cut`` (midpoint between
    neighbouring scores, so it is not tied to one example)."""
    s = np.unique(scores)
    cuts = np.concatenate([[s[0] - 1e-9], (s[:-1] + s[1:]) / 2, [s[-1] + 1e-9]])
    acc = [np.mean((scores >= c) == labels) for c in cuts]
    return float(cuts[int(np.argmax(acc))])


def accuracy_f1(pred: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    pred = np.asarray(pred, dtype=bool)
    lab = labels.astype(bool)
    tp = int(np.sum(pred & lab))
    precision = tp / max(1, int(pred.sum()))
    recall = tp / max(1, int(lab.sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(np.mean(pred == lab)), f1



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


def fit_model(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], label: str) -> PairModel:
    print(f"\n{label}: {len(y)} training pairs, features {', '.join(names)}")
    best = None
    for penalty in PENALTIES:
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="fit and print, do not write the JSON")
    ap.add_argument("--token-match", action="store_true",
                    help="also evaluate the token-matching features by CV; writes nothing")
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
    if args.token_match:
        extra = token_match_features(pairs, encoder)
        with_tokens = fit_model(np.hstack([x, extra]), y.astype(float),
                                (*SEMANTIC_FEATURES, *TOKEN_MATCH_FEATURES),
                                "semantic model + token matching")
        print(f"\ncross-validated accuracy: {semantic.meta['cv_accuracy']:.4f} shipped features, "
              f"{with_tokens.meta['cv_accuracy']:.4f} with token matching (nothing written)")
        return 0
    lexical = fit_model(x[:, 1:], y.astype(float), LEXICAL_FEATURES, "lexical-only model")
    doc = {
        "about": "Logistic regression for parallax.core.align.pairs, fitted by bench/fit_pairs.py "
                 f"on {len(y)} pairs of the MSRP training split on {datetime.date.today()}.",
        "semantic": semantic.to_dict(),
        "lexical": lexical.to_dict(),
    }
    if args.dry_run:
        return 0
    OUT.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
