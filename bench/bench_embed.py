"""Throughput of the numpy sentence encoder (:mod:`parallax.core.nlp.encoder`).

Encodes the sentences of the seed articles (``seeds/*.txt``, split crudely by
a regex) and a larger synthetic set built from their words, and prints
sentences/s and tokens/s for:

- ours: ``Encoder.encode`` (length-sorted batches padded per batch, the
  row-wise layers run on real tokens only);
- naive: the same numpy forward pass fed the way the shipped ``tokenizer.json``
  pads, every input padded (and truncated) to 128 tokens and all 128 positions
  computed, batches in input order; measured in this process, so the ratio
  says what the batching is worth whatever the machine;
- sentence-transformers with torch, same batch size, when ``torch`` and
  ``sentence_transformers`` import in the running interpreter (the project venv
  has neither; run this file with a throwaway venv that has them, see
  ``tests/fixtures/make_minilm_reference.py``). Its column is skipped otherwise.

Token counts include [CLS]/[SEP] (truncated at 256) and are the same for every
column, so tokens/s compare directly (naive computes 128 positions per text
whatever its length). With sentence-transformers present it also prints the
largest difference between its vectors and ours. Timings interleave the
candidates round by round, which matters on a shared machine; the per-round
ratio's median is printed next to the best-time ratio.
Exits 0 with a message when the model package is not installed.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np

from parallax.core.nlp.encoder import Encoder, encoder_status, get_encoder, model_dir

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OURS = "ours (numpy)"
NAIVE = "naive (pad to 128)"
TORCH = "sentence-transformers"
_SETTLE = 0.5  # seconds between timed runs
_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")


def seed_sentences() -> list[str]:
    """Sentences of the seed articles, split on end punctuation and line breaks."""
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(s.strip() for s in _SPLIT.split(text) if s.strip())
    return out


def synthetic_sentences(words: Sequence[str], n: int, seed: int = 7) -> list[str]:
    """``n`` sentences of 3 to 60 words drawn from ``words`` (news-like lengths:
    mostly 10-35 words, a few long ones that reach the 256-token limit)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = min(max(3, int(rng.gauss(24, 12))), 60) if rng.random() > 0.02 else rng.randint(150, 300)
        out.append(" ".join(rng.choice(words) for _ in range(k)).capitalize() + ".")
    return out


def naive_encode(enc: Encoder, texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Cost of the naive way: every input padded and truncated to 128 tokens,
    batches in input order, all 128 positions computed.

    The pads are passed as if they were tokens (lengths of 128), so the forward
    pass does the full padded work in every step; the vectors differ from the
    real ones and serve only to time that work."""
    width = 128
    out = np.empty((len(texts), 384), dtype=np.float32)
    ids = enc.tokenize(texts)
    for start in range(0, len(texts), batch_size):
        chunk = ids[start:start + batch_size]
        batch = np.zeros((len(chunk), width), dtype=np.int64)
        for row, t in enumerate(chunk):
            t = t[:width - 1] + t[-1:] if len(t) > width else t
            batch[row, :len(t)] = t
        out[start:start + len(chunk)] = enc.forward(batch, np.full(len(chunk), width))
    return out


def time_rounds(fns: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Wall times of each function over ``rounds`` rounds. Each round runs every
    function once, so a slow spell on a shared machine hits them alike."""
    for fn in fns.values():
        fn()  # warm-up: caches, thread pools, lazy initialisation
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            # Let the previous library's spinning worker threads (OpenBLAS,
            # OpenMP) go to sleep so they do not steal this one's cores.
            time.sleep(_SETTLE)
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return times


def ratio(times: dict[str, list[float]], slower: str, faster: str) -> tuple[float, float]:
    """(best-time ratio, median of the per-round ratios) of ``slower`` over ``faster``."""
    best = min(times[slower]) / min(times[faster])
    return best, statistics.median(a / b for a, b in zip(times[slower], times[faster]))


def load_sentence_transformer() -> tuple[object, str] | None:
    """(model, label) when torch and sentence-transformers import, else None."""
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except (ImportError, OSError, RuntimeError) as exc:  # absent, or a broken install
        print(f"sentence-transformers column skipped: {type(exc).__name__}: {exc}")
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model = SentenceTransformer(str(model_dir()), device="cpu")
    return model, f"sentence-transformers (torch {torch.__version__}, {torch.get_num_threads()} threads)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--synthetic", type=int, default=1000, help="sentences in the synthetic set")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the best is reported")
    parser.add_argument("--no-torch", action="store_true", help="skip sentence-transformers")
    args = parser.parse_args(argv)

    enc = get_encoder()
    if enc is None:
        print(f"skipped: {encoder_status()}")
        return 0
    st = None if args.no_torch else load_sentence_transformer()
    seeds = seed_sentences()
    words = [w for s in seeds for w in s.split()]
    sets = {"seed sentences": seeds}
    if args.synthetic:
        sets["synthetic"] = synthetic_sentences(words, args.synthetic)

    print(f"encoder: {encoder_status()}; batch size {args.batch_size}; "
          f"{os.cpu_count()} CPUs; numpy {np.__version__}; python {sys.version.split()[0]}")
    if st is not None:
        print(f"reference: {st[1]}")
    for name, texts in sets.items():
        tokens = sum(len(t) for t in enc.tokenize(texts))
        n = len(texts)
        fns: dict[str, Callable[[], object]] = {
            OURS: partial(enc.encode, texts, batch_size=args.batch_size),
            NAIVE: partial(naive_encode, enc, texts, args.batch_size),
        }
        if st is not None:
            fns[TORCH] = partial(st[0].encode, texts, batch_size=args.batch_size,
                                 normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)
        if st is not None:
            diff = np.abs(fns[OURS]() - fns[TORCH]()).max()
            print(f"\n{name}: max abs difference ours vs sentence-transformers {diff:.2e}")
        times = time_rounds(fns, args.rounds)
        print(f"\n{name}: {n} sentences, {tokens} tokens (mean {tokens / n:.1f}), best of {args.rounds}")
        print(f"  {'':24s} {'seconds':>9s} {'sentences/s':>12s} {'tokens/s':>10s}")
        for label, secs in times.items():
            best = min(secs)
            print(f"  {label:24s} {best:9.3f} {n / best:12.1f} {tokens / best:10.0f}")
        for other in (NAIVE, TORCH):
            if other in times:
                best, median = ratio(times, other, OURS)
                print(f"  ours vs {other}: {best:.2f}x throughput (median of per-round ratios {median:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
