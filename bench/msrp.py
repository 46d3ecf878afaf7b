"""The MSRP corpus for the pair-judge scripts: where it is, how to read it, and
the two measures they report. Plain numpy, no parallax imports, so the torch
training script (``bench/train_pair_cross.py``) can use it from its own venv.

The corpus is not in the repository (its licence does not allow
redistribution): point ``PARALLAX_MSRP_DIR`` at a folder holding
``msr_paraphrase_train.txt`` and ``msr_paraphrase_test.txt`` as distributed
(``Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String`` with a header
line), or put them in ``~/.cache/parallax/msrp``.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

TRAIN, TEST = "msr_paraphrase_train.txt", "msr_paraphrase_test.txt"
# Pairs in the distributed training file. Its development split
# (:func:`dev_split`) is drawn by the pair count, so a copy with another count
# holds out other rows than the shipped adapter's table did.
TRAIN_PAIRS = 4076
HEADER = "Quality"  # the first column's name on the header line


def find_corpus() -> Path | None:
    """The first folder holding both splits, or None."""
    candidates = [os.environ.get("PARALLAX_MSRP_DIR"), Path.home() / ".cache" / "parallax" / "msrp"]
    for c in candidates:
        if c and (Path(c) / TRAIN).is_file() and (Path(c) / TEST).is_file():
            return Path(c)
    return None


def train_file() -> Path | None:
    """The training split: the complete file when present, else a partial copy
    (``msr_paraphrase_train.txt.partial``, its first rows) in the same folders;
    None without either."""
    for c in (os.environ.get("PARALLAX_MSRP_DIR"), Path.home() / ".cache" / "parallax" / "msrp"):
        for name in (TRAIN, TRAIN + ".partial"):
            if c and (Path(c) / name).is_file():
                return Path(c) / name
    return None


def read_split(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Sentence pairs and their 0/1 labels (1 = paraphrase). The header line is
    skipped; a copy without one (some copies start with the first pair) is read
    whole, so that no pair is lost and :func:`dev_split` stays the same. Of a
    ``.partial`` file the last line is dropped when it is cut short."""
    pairs, labels = [], []
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    start = 1 if lines and lines[0].split("\t")[0].strip() == HEADER else 0
    for n, line in enumerate(lines[start:], start + 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if path.suffix == ".partial" and n == len(lines) and (len(cols) != 5 or cols[0] not in ("0", "1")):
            break
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


DEV_SHARE = 0.15  # of the training split, held out to train the cross-encoder adapter
DEV_SEED = 12345


def dev_split(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(development, rest)`` row indices of an n-pair training split, both sorted:
    the cross-encoder adapter is trained on the rest and its epoch chosen on the
    development rows, which then fit the model stacked on top of it."""
    order = np.random.default_rng(DEV_SEED).permutation(n)
    n_dev = int(round(DEV_SHARE * n))
    return np.sort(order[:n_dev]), np.sort(order[n_dev:])
