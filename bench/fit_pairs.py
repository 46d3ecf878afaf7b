"""Fit the models of :mod:`parallax.core.pairs.judge` and write
``resources/pair_model.json``.

Plain numpy, L2-regularised logistic regressions by full-batch gradient
descent on standardised features.

``semantic`` (with the MiniLM cosine) and ``lexical`` (the fallback without the
embedding model) give P(same) and are fitted on the complete MSRP *training*
split (regularisation and threshold by 5-fold cross-validation, then refitted
on all of it); without the complete file (``bench/msrp.py``) the ones in the
current file are kept. The test split is never read here.

``cross``, the model that decides when the cross-encoder adapter is installed,
gives the three answers: a multinomial logistic regression from the adapter's
logit (and lexical features, when cross-validation says they help) to
different / related / same, fitted on the HELD-OUT rows of the table
``bench/pair_data.py`` writes (the rows ``bench/train_pair_cross.py`` did not
train on): 20% of the STS news training pairs (three classes from their
grades), 15% of the MSRP training split (a non-paraphrase only says "not
same") and the hard pairs generated from those rows' sentences (related /
same); each source weighs the same in the fit, the hard pairs that weight
times one tried among :data:`HARD_WEIGHTS`. The inputs, that
weight and the P(same) threshold are chosen by 5-fold cross-validation on those
rows (out-of-fold probabilities, three shuffles): the best mean of the same /
not-same accuracies on the STS, MSRP and hard rows, each at its best cut. The
hard rows are there so lexical overlap cannot buy "same": on the STS and MSRP
rows alone, overlap features look like evidence of the same statement.
The STS dev file and the MSRP test split are never read here.

    .venv/bin/python bench/pair_data.py /tmp/pairs.tsv
    .venv/bin/python bench/fit_pairs.py --data /tmp/pairs.tsv [--dry-run]
"""
from __future__ import annotations

import argparse
import csv
import datetime
import json
import sys
from pathlib import Path

import numpy as np

from parallax.core.pairs.judge import (
    ANSWER_FEATURES,
    LEXICAL_FEATURES,
    MODEL_RESOURCE,
    SEMANTIC_FEATURES,
    AnswerModel,
    PairModel,
    feature_matrix,
    sigmoid,
)
from msrp import TRAIN, accuracy_f1, best_threshold, find_corpus, read_split
from parallax.core.nlp.cross import CrossScorer, get_cross_scorer
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


NOT_SAME = -1  # the label of an MSRP non-paraphrase in the table (bench/pair_data.py)
CLASSES = 3  # different, related, same: the column order of judge.ANSWERS
SAME = 2
# Inputs tried, fewest first: the logit alone; with word overlap; with the
# features that count what one side says and the other does not; all.
ANSWER_FEATURE_SETS = (
    ("cross_logit",), ("cross_logit", "word_cos"),
    ("cross_logit", "extra_max", "extra_min", "len_ratio", "num_diff", "name_unmatched"),
    ANSWER_FEATURES)
HARD_WEIGHTS = (0.0, 0.5, 1.0)  # weight of a generated hard pair in the fit
PENALTY = 1e-2


def _targets(p: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The target distribution of each row: its class, or for a "not same" row
    the model's own split of related and different (so only P(same) is pushed)."""
    t = np.zeros_like(p)
    known = labels >= 0
    t[known, labels[known]] = 1.0
    rest = p[~known, :SAME]
    t[~known, :SAME] = rest / np.maximum(rest.sum(axis=1, keepdims=True), 1e-12)
    return t


def fit_multinomial(x: np.ndarray, labels: np.ndarray, penalty: float, weight: np.ndarray, *,
                    steps: int = 3000, rate: float = 0.5
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(mean, scale, weights (features, 3), bias (3,)) minimising the weighted
    mean log-loss (of the class, or of "not same") + penalty/2 * |W|^2."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros((x.shape[1], CLASSES))
    b = np.zeros(CLASSES)
    share = (weight / weight.sum())[:, None]
    for _ in range(steps):
        p = _softmax(z @ w + b)
        err = (p - _targets(p, labels)) * share
        w -= rate * (z.T @ err + penalty * w)
        b -= rate * err.sum(axis=0)
    return mean, scale, w, b


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def source_weights(source: np.ndarray, hard_weight: float) -> np.ndarray:
    """Row weights giving the STS rows and the MSRP rows the same total, and the
    generated hard pairs ``hard_weight`` times that."""
    names, counts = np.unique(source, return_counts=True)
    total = dict(zip(names, counts))
    return np.asarray([(hard_weight if s == "hard" else 1.0) / total[s] for s in source])


def oof_answers(x: np.ndarray, labels: np.ndarray, penalty: float, weight: np.ndarray,
                seed: int = 0) -> np.ndarray:
    """Out-of-fold (rows, 3) probabilities."""
    order = np.random.default_rng(seed).permutation(len(labels))
    probs = np.zeros((len(labels), CLASSES))
    for k in range(FOLDS):
        held = order[k::FOLDS]
        keep = np.setdiff1d(order, held)
        mean, scale, w, b = fit_multinomial(x[keep], labels[keep], penalty, weight[keep])
        probs[held] = _softmax(((x[held] - mean) / scale) @ w + b)
    return probs


def answer_scores(probs: np.ndarray, labels: np.ndarray, source: np.ndarray,
                  cut: float) -> dict[str, float]:
    """Same / not-same accuracy of P(same) >= cut on the STS and MSRP rows, their
    mean, and the three-answer accuracy on the STS rows (below the cut, the
    likelier of related and different)."""
    same = probs[:, SAME] >= cut
    out = {}
    for name in ("sts", "msrp", "hard"):
        sel = source == name
        if sel.any():
            out[name] = float(np.mean(same[sel] == (labels[sel] == SAME)))
    out["mean"] = float(np.mean([out[k] for k in ("sts", "msrp", "hard") if k in out]))
    sel = source == "sts"
    if sel.any():
        pred = np.where(same, SAME, np.argmax(probs[:, :SAME], axis=1))
        out["sts3"] = float(np.mean(pred[sel] == labels[sel]))
    return out


def best_cut(probs: np.ndarray, labels: np.ndarray, source: np.ndarray) -> float:
    cuts = np.round(np.arange(0.2, 0.81, 0.01), 2)
    return float(max(cuts, key=lambda c: (answer_scores(probs, labels, source, c)["mean"], -abs(c - 0.5))))


def held_out_scorer(adapter: Path | None) -> CrossScorer | None:
    """The cross scorer whose logits the answer model is fitted (or measured) on:
    of the adapter file ``adapter`` when given, else the shipped one (None when
    it or the embedding model is missing). An adapter trained on the held-out
    rows too (``bench/train_pair_cross.py --all-rows``, or an average of such
    runs) is refused: its answers on those rows say nothing; fit with its twin
    trained without them."""
    if adapter is None:
        scorer = get_cross_scorer()
    else:
        encoder = get_encoder()
        with np.load(adapter) as data:
            scorer = None if encoder is None else CrossScorer(encoder, {k: data[k] for k in data.files})
    if scorer is not None and scorer.meta.get("holdout_pairs", 1) == 0:
        raise SystemExit(f"{adapter or 'resources/pair_cross.npz'}: trained on the held-out rows too; "
                         "fit on them with its twin trained without them (--adapter FILE)")
    return scorer


def held_out_inputs(data: Path, scorer) -> tuple[np.ndarray, tuple[str, ...], np.ndarray, np.ndarray]:
    """The HELD-OUT rows of the table at ``data``: every input the answer model
    may use (the adapter's logit, then the lexical features), their names, the
    labels and each row's source ("sts", "msrp", "hard")."""
    with data.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        next(rows)
        held = [r for r in rows if r[0] == "holdout"]
    pairs = [(r[3], r[4]) for r in held]
    labels = np.asarray([int(r[2]) for r in held])
    source = np.asarray([r[1].split(":")[0] for r in held])
    lex, names = feature_matrix(pairs)
    return np.column_stack([scorer.logits(pairs), lex]), ("cross_logit", *names), labels, source


def fit_answers(data: Path, scorer) -> AnswerModel:
    """The three-answer model on the held-out rows of the table at ``data``."""
    x_all, all_names, labels, source = held_out_inputs(data, scorer)
    print(f"\nthree answers: {len(labels)} held-out rows ({int((source == 'sts').sum())} STS, "
          f"{int((source == 'msrp').sum())} MSRP, {int((source == 'hard').sum())} generated hard pairs)")
    best = None
    for feats in ANSWER_FEATURE_SETS:
        x = x_all[:, [all_names.index(f) for f in feats]]
        for hard_weight in HARD_WEIGHTS:
            weight = source_weights(source, hard_weight)
            probs = np.mean([oof_answers(x, labels, PENALTY, weight, seed)
                             for seed in range(SHUFFLES)], axis=0)
            cut = best_cut(probs, labels, source)
            res = answer_scores(probs, labels, source, cut)
            print(f"  {len(feats):>2} inputs ({feats[-1]}), hard pairs weighing {hard_weight:g}: "
                  f"cut {cut:.2f}, " + ", ".join(f"{k} {v:.4f}" for k, v in res.items()))
            # on a near tie, fewer inputs (they come first)
            if best is None or res["mean"] > best[0]["mean"] + TIE:
                best = (res, feats, hard_weight, cut, x, weight)
    res, feats, hard_weight, cut, x, weight = best
    mean, scale, w, b = fit_multinomial(x, labels, PENALTY, weight)
    meta = {"penalty": PENALTY, "hard_weight": hard_weight, "heldout_rows": len(labels),
            "cv": {k: round(v, 4) for k, v in res.items()}}
    print(f"  chosen: {', '.join(feats)}; hard pairs weighing {hard_weight:g}; P(same) threshold {cut:.2f}")
    return AnswerModel(feats, mean, scale, w, b, cut, meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="the table written by bench/pair_data.py")
    ap.add_argument("--dry-run", action="store_true", help="fit and print, do not write the JSON")
    ap.add_argument("--adapter", type=Path,
                    help="fit the three answers on this adapter file's logits, not the shipped "
                         "adapter's: the held-out-trained twin of an adapter trained on all rows")
    args = ap.parse_args(argv)
    doc = json.loads(OUT.read_text(encoding="utf-8"))
    scorer = held_out_scorer(args.adapter)  # refuses an adapter trained on the held-out rows, first
    encoder = get_encoder()
    if encoder is None:
        print("The embedding model is not installed: the models need it to be fitted.")
        return 1
    corpus = find_corpus()
    if corpus is None:
        print("complete MSRP training split not found (bench/msrp.py): semantic and lexical "
              "models kept as they are")
    else:
        pairs, y = read_split(corpus / TRAIN)
        x, names = feature_matrix(pairs, encoder=encoder)
        assert names == SEMANTIC_FEATURES
        doc["semantic"] = fit_model(x, y.astype(float), SEMANTIC_FEATURES, "semantic model").to_dict()
        doc["lexical"] = fit_model(x[:, 1:], y.astype(float), LEXICAL_FEATURES,
                                   "lexical-only model").to_dict()
        doc["semantic"]["fitted"] = doc["lexical"]["fitted"] = (
            f"{len(y)} pairs of the MSRP training split on {datetime.date.today()}")
    if scorer is None or args.data is None:
        print("\nno cross-encoder adapter or no --data table: the three-answer model is kept")
    else:
        answers = fit_answers(args.data, scorer)
        doc["cross"] = answers.to_dict()
        doc["about"] = ABOUT.format(
            date=datetime.date.today(), threshold=answers.threshold, features=", ".join(answers.features),
            cv=answers.meta["cv"], rows=answers.meta["heldout_rows"],
            hard_weight=answers.meta["hard_weight"])
        if args.adapter is not None:
            doc["about"] += TWIN.format(name=args.adapter.name)
    if args.dry_run:
        return 0
    OUT.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT}")
    return 0


ABOUT = (
    "Models of parallax.core.pairs.judge, fitted by bench/fit_pairs.py. 'cross' (fitted {date}) "
    "decides when the cross-encoder adapter is installed: a multinomial logistic regression from "
    "{features} to the answers different / related / same, fitted on {rows} held-out rows of "
    "bench/pair_data.py (STS news training pairs, three classes: graded 4+ same, 2 to <4 "
    "related, below 2 different; MSRP training pairs: same / not same; hard pairs generated from "
    "their sentences: related / same, at {hard_weight} the weight of each other source) that the "
    "adapter did not train on. A pair is 'same' when P(same) >= {threshold:.2f} (the 'threshold'), else the "
    "likelier of related and different; a contradiction or a structured conflict caps P(same) at "
    "half the threshold. Cross-validated on those rows: {cv}. 'semantic' and 'lexical' give "
    "P(same) only, for when the adapter or the embedding model is missing (see 'fitted').")
TWIN = (" The logits it was fitted on are those of {name}, an adapter trained without the held-out "
        "rows by the recipe that, run again on all rows, gave the shipped one (bench/train_pair_cross.py).")


if __name__ == "__main__":
    sys.exit(main())
