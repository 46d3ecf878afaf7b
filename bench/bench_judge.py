"""Can shared words fool the pair judge? Accuracy side by side, and speed.

Prints, for word-overlap cosine (lower-cased word counts; its cut chosen on the
STS training pairs) and for :func:`parallax.core.pairs.judge.judge_pairs` as
shipped, the accuracy on
  (a) STS news headlines, dev split (``headlines_dev.tsv``; "same" = graded 4
      or more), with how many "same" answers each gives against the gold count;
  (b) an adversarial development set generated at run time, deterministically,
      by :mod:`parallax.core.pairs.adversarial` from real sentences (the STS
      *training* files and the seed articles; never the dev split): hard
      negatives that keep the words and change roles, numbers, actors,
      polarity, modality or one word's sense, and hard positives that reorder
      clauses or turn active into passive. Accuracy per kind, too;
  (c) the MSRP test split, when the corpus is on this machine (``bench/msrp.py``);
The judge is shown without its structured check (``PairConfig(use_structure=
False)``: the models and the lexical contradiction rule alone) and as shipped.
The check's rules and its overlap gate were chosen on the STS training files and
on pairs generated from :func:`~parallax.core.pairs.adversarial.tuning_sources`
(the sentences that feed no pair of the development set (b)), never on (a) or
(b). Then the speed of ``judge_pairs`` in pairs/s against MiniLM bi-encoder cosine
alone (one batched encode and a dot product) in the same process, one timed
run each (no loops: the machine is shared).

The STS files are read from ``../shared/bench/sts-news-dev/`` next to the
worktree, or ``PARALLAX_STS_DIR``; they are never copied into the repository.
Without them the STS rows and the STS sources of (b) are skipped and the seeds
alone feed the generator.

    .venv/bin/python bench/bench_judge.py [--show N]   # N generated pairs to check by eye
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from msrp import TEST, best_threshold, find_corpus, read_split
from parallax.core.pairs import judge as judge_mod
from parallax.core.pairs.adversarial import NEGATIVE_KINDS, POSITIVE_KINDS, generate, get_parsing_nlp
from parallax.core.pairs.judge import LEXICAL_FEATURES, lexical_features

ROOT = Path(__file__).resolve().parents[1]
SAME_GRADE = 4.0
STS_TRAIN = ("headlines_train.tsv", "deft-news_train.tsv")
STS_DEV = "headlines_dev.tsv"


def sts_dir() -> Path | None:
    for c in (os.environ.get("PARALLAX_STS_DIR"), ROOT.parent / "shared" / "bench" / "sts-news-dev",
              Path("/work/shared/bench/sts-news-dev")):
        if c and (Path(c) / STS_DEV).is_file():
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


def seed_sentences() -> list[str]:
    nlp = get_parsing_nlp()
    out = []
    for f in sorted((ROOT / "seeds").glob("0*.txt")):
        lines = [ln for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for doc in nlp.pipe(lines):
            out.extend(s.text.strip() for s in doc.sents)
    return out


def word_cos(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    col = LEXICAL_FEATURES.index("word_cos")
    return np.asarray([lexical_features(a, b)[col] for a, b in pairs])


def judge(pairs: Sequence[tuple[str, str]], *, structure: bool = True) -> np.ndarray:
    config = judge_mod.PairConfig(use_structure=structure)
    return np.asarray([j.same for j in judge_mod.judge_pairs(pairs, config=config)], dtype=bool)


def balanced(pred: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean([np.mean(pred[y == c] == c) for c in (True, False) if (y == c).any()]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print N generated pairs (every k-th) to check by eye")
    args = parser.parse_args()

    sts = sts_dir()
    train: list[tuple[str, str]] = []
    y_train = np.zeros(0, dtype=bool)
    if sts is None:
        print("STS news files not found (../shared/bench/sts-news-dev or PARALLAX_STS_DIR): STS rows skipped.")
    else:
        for name in STS_TRAIN:
            p, g = read_sts(sts / name)
            train += p
            y_train = np.concatenate([y_train, g >= SAME_GRADE])

    sources = [s for pair in train for s in pair] + seed_sentences()
    t0 = time.perf_counter()
    hard = generate(sources)
    t_gen = time.perf_counter() - t0
    hard_pairs = [(h.a, h.b) for h in hard]
    y_hard = np.asarray([h.same for h in hard])
    print(f"adversarial set: {len(hard)} pairs ({int(y_hard.sum())} same, {int((~y_hard).sum())} different) "
          f"from {len(sources)} real sentences in {t_gen:.1f} s")
    if args.show:
        step = max(1, len(hard) // args.show)
        for h in hard[::step][:args.show]:
            print(f"  [{h.kind}{' SAME' if h.same else ''}] {h.a}\n      -> {h.b}")

    # The word-overlap cut is chosen on STS training pairs (or 0.5 without them).
    cut = best_threshold(word_cos(train), y_train) if train else 0.5
    methods: dict[str, Callable[[Sequence[tuple[str, str]]], np.ndarray]] = {
        f"word cosine >= {cut:.2f}": lambda ps: word_cos(ps) >= cut,
        "judge, model only": lambda ps: judge(ps, structure=False),
        "judge (shipped)": judge,
    }
    sets: list[tuple[str, list[tuple[str, str]], np.ndarray]] = []
    if sts is not None:
        dev, g_dev = read_sts(sts / STS_DEV)
        sets.append(("STS headlines dev", dev, g_dev >= SAME_GRADE))
    sets.append(("adversarial dev", hard_pairs, y_hard))
    msrp = find_corpus()
    if msrp is not None:
        test, y_test = read_split(msrp / TEST)
        sets.append(("MSRP test", test, y_test.astype(bool)))
    else:
        print("MSRP corpus not found (see bench/msrp.py): MSRP row skipped.")

    preds: dict[tuple[str, str], np.ndarray] = {}
    for set_name, pairs, _ in sets:
        for m, fn in methods.items():
            preds[set_name, m] = fn(pairs)

    width = max(len(m) for m in methods) + 2
    print(f"\n{'accuracy':<22}{'pairs':>6}{'majority':>10}" + "".join(f"{m:>{width}}" for m in methods))
    for set_name, pairs, y in sets:
        row = f"{set_name:<22}{len(pairs):>6}{max(y.mean(), 1 - y.mean()):>10.3f}"
        print(row + "".join(f"{np.mean(preds[set_name, m] == y):>{width}.3f}" for m in methods))
    # Balanced accuracy (mean of the accuracy on "same" pairs and on "different"
    # pairs): always answering one way scores 0.5 however the set is weighted.
    for set_name, pairs, y in sets:
        row = f"{set_name + ' (bal.)':<26}{'':>2}{0.5:>10.3f}"
        print(row + "".join(f"{balanced(preds[set_name, m], y):>{width}.3f}" for m in methods))
    for set_name, pairs, y in sets:
        counts = ", ".join(f"{m}: {int(preds[set_name, m].sum())}" for m in methods)
        print(f"'same' answers on {set_name}: gold {int(y.sum())} of {len(y)}; {counts}")

    print(f"\nadversarial dev by kind (accuracy; n)")
    kinds = np.asarray([h.kind for h in hard])
    print(f"{'kind':<22}{'n':>6}" + "".join(f"{m:>{width}}" for m in methods))
    for kind in (*NEGATIVE_KINDS, *POSITIVE_KINDS):
        sel = kinds == kind
        if sel.any():
            label = f"{kind} ({'same' if kind in POSITIVE_KINDS else 'diff'})"
            print(f"{label:<22}{int(sel.sum()):>6}" + "".join(
                f"{np.mean(preds['adversarial dev', m][sel] == y_hard[sel]):>{width}.3f}" for m in methods))

    from parallax.core.nlp.encoder import get_encoder

    encoder = get_encoder()
    timed = [p for _, pairs, _ in sets if len(pairs) < 2000 for p in pairs]  # MSRP test too, when present
    if encoder is not None:
        judge_mod._tokens.cache_clear()  # no head start from the accuracy runs
        t0 = time.perf_counter()
        texts = list(dict.fromkeys(s for p in timed for s in p))
        index = {t: i for i, t in enumerate(texts)}
        v = encoder.encode(texts)
        np.einsum("ij,ij->i", v[[index[a] for a, _ in timed]], v[[index[b] for _, b in timed]])
        t_cos = time.perf_counter() - t0
        judge_mod._tokens.cache_clear()
        t0 = time.perf_counter()
        judge_mod.judge_pairs(timed)
        t_judge = time.perf_counter() - t0
        words = np.mean([len(a.split()) + len(b.split()) for a, b in timed])
        print(f"\nspeed on {len(timed)} pairs of the sets above ({words:.0f} words a pair; one run each): "
              f"MiniLM cosine alone {len(timed) / t_cos:.1f} pairs/s, "
              f"judge_pairs {len(timed) / t_judge:.1f} pairs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
