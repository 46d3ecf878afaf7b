"""The STS news sentence pairs for the pair-judge scripts: where they are, how to
read them, and the three classes their grades map to. Plain numpy, no parallax
imports, so the torch training script (``bench/train_pair_cross.py``) can use it
from its own venv.

The files (STS Benchmark, Cer et al. 2017, news parts) are read from
``../shared/bench/sts-news-dev/`` next to the worktree, or ``PARALLAX_STS_DIR``;
they are never copied into the repository. Train and calibrate on
:data:`TRAIN_FILES`; :data:`DEV_FILE` is the held-out benchmark.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILES = ("headlines_train.tsv", "deft-news_train.tsv")
DEV_FILE = "headlines_dev.tsv"
# The README of the folder: "4 and above reads as the same statement, 2-3 as
# related, a different claim".
SAME_GRADE = 4.0
RELATED_GRADE = 2.0
DIFFERENT, RELATED, SAME = 0, 1, 2  # class numbers, in order


def sts_dir() -> Path | None:
    """The folder holding the files, or None."""
    for c in (os.environ.get("PARALLAX_STS_DIR"), ROOT.parent / "shared" / "bench" / "sts-news-dev",
              Path("/work/shared/bench/sts-news-dev")):
        if c and (Path(c) / DEV_FILE).is_file():
            return Path(c)
    return None


def read_sts(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Pairs and their 0-5 grades (``year<TAB>id<TAB>score<TAB>s1<TAB>s2``, header line)."""
    pairs, grades = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for n, row in enumerate(rows, 2):
            if len(row) != 5:
                raise ValueError(f"{path}:{n}: expected 5 tab-separated columns")
            pairs.append((row[3].strip(), row[4].strip()))
            grades.append(float(row[2]))
    return pairs, np.asarray(grades)


def read_train(folder: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    """All training pairs (:data:`TRAIN_FILES`, in that order) and their grades."""
    pairs: list[tuple[str, str]] = []
    grades = []
    for name in TRAIN_FILES:
        p, g = read_sts(folder / name)
        pairs += p
        grades.append(g)
    return pairs, np.concatenate(grades)


def grade_class(grades: np.ndarray) -> np.ndarray:
    """:data:`SAME` for grades of 4 and above, :data:`RELATED` from 2 to below 4,
    :data:`DIFFERENT` below 2."""
    g = np.asarray(grades)
    return np.where(g >= SAME_GRADE, SAME, np.where(g >= RELATED_GRADE, RELATED, DIFFERENT))


HOLDOUT_SHARE = 0.2  # of the training pairs, held out of the adapter's training
HOLDOUT_SEED = 2017


def holdout_split(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(held out, rest)`` row indices of the n training pairs, both sorted: the
    cross-encoder adapter trains on the rest; the held-out rows pick its epoch
    and calibrate the judge's three answers (``bench/fit_pairs.py``)."""
    order = np.random.default_rng(HOLDOUT_SEED).permutation(n)
    k = int(round(HOLDOUT_SHARE * n))
    return np.sort(order[:k]), np.sort(order[k:])
