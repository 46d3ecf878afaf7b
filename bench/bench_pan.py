"""Reuse-passage detection on the PAN 2013 text-alignment sample.

Runs :func:`parallax.core.reuse.detector.find_reuse` and a baseline (the official
PAN idea: verbatim matches of 50 characters, white space and punctuation
ignored, merged where adjacent) over every pair in
``../shared/bench/pan13-train-sample`` and prints, per obfuscation folder and
overall, the PAN measures (recall, precision, granularity, plagdet), the time
per pair, and ours/baseline ratios. Scores are also given for two folds (even
and odd positions in each folder's ``pairs`` file) as an overfitting check.

Exits 0 with a message when the sample is absent.
"""
from __future__ import annotations

import argparse
import statistics
import string
import sys
import time
from pathlib import Path

from parallax.core.reuse.pan import (
    Annotation,
    PanPair,
    PanScore,
    evaluate,
    pan_annotations,
    read_annotations,
    read_pair_texts,
    read_pairs,
)
from parallax.core.reuse.detector import ReuseKind, ReusePassage, find_reuse

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pan13-train-sample"
_IGNORED = set(string.punctuation + string.whitespace)


def baseline(a_text: str, b_text: str, length: int = 50, max_gap: int = 0) -> list[ReusePassage]:
    """PAN's verbatim baseline: ``length``-character matches (white space and
    punctuation removed, lowercased) between source ``a_text`` and suspicious
    ``b_text``, merged where consecutive in both texts."""
    def squeeze(text: str) -> tuple[str, list[int]]:
        keep = [i for i, ch in enumerate(text) if ch not in _IGNORED]
        return "".join(text[i] for i in keep).lower(), keep

    sa, ia = squeeze(a_text)
    sb, ib = squeeze(b_text)
    index: dict[str, int] = {}
    for k in range(len(sa) - length + 1):
        index.setdefault(sa[k:k + length], k)
    runs: list[list[int]] = []  # [b_start, b_end, a_start, a_end] in squeezed positions
    k = 0
    while k <= len(sb) - length:
        j = index.get(sb[k:k + length])
        if j is None:
            k += 1
            continue
        if runs and k - runs[-1][1] <= max_gap and 0 <= j - runs[-1][3] <= max_gap + length:
            runs[-1][1], runs[-1][3] = k + length, j + length
        else:
            runs.append([k, k + length, j, j + length])
        k += length
    return [ReusePassage(ia[a0], ia[a1 - 1] + 1, ib[b0], ib[b1 - 1] + 1, 1.0, ReuseKind.VERBATIM)
            for b0, b1, a0, a1 in runs]


def _run(sample: Path, pairs: list[PanPair],
         detector) -> tuple[dict[PanPair, list[Annotation]], list[float]]:
    dets, times = {}, []
    for pair in pairs:
        t0 = time.perf_counter()
        src, susp = read_pair_texts(sample, pair)  # reading and tokenising are timed too
        passages = detector(src, susp)
        times.append(time.perf_counter() - t0)
        dets[pair] = pan_annotations(passages, pair.susp, pair.src)
    return dets, times


def _gold(pair: PanPair) -> list[Annotation]:
    xml = pair.folder / f"{pair.susp[:-4]}-{pair.src[:-4]}.xml"
    return read_annotations(xml) if xml.is_file() else []


def _score(pairs, dets) -> PanScore:
    cases = [c for p in pairs for c in _gold(p)]
    found = [d for p in pairs for d in dets[p]]
    return evaluate(cases, found)


def _table(title: str, groups: dict[str, list[PanPair]], ours, base) -> None:
    print(f"\n{title}")
    print(f"{'folder':28} {'cases':>5} {'rec':>6} {'prec':>6} {'gran':>6} {'plagdet':>7}"
          f" | {'base':>6} {'ours/base':>9}")
    for name, pairs in groups.items():
        s, b = _score(pairs, ours), _score(pairs, base)
        ratio = f"{s.plagdet / b.plagdet:9.2f}" if b.plagdet else f"{'-':>9}"
        print(f"{name:28} {s.cases:5d} {s.recall:6.3f} {s.precision:6.3f} {s.granularity:6.3f}"
              f" {s.plagdet:7.3f} | {b.plagdet:6.3f} {ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    sample = parser.parse_args(argv).sample
    if not (sample / "src").is_dir():
        print(f"bench_pan: skipped, PAN sample not found at {sample}")
        return 0
    pairs = read_pairs(sample)
    folders: dict[str, list[PanPair]] = {}
    for p in pairs:
        folders.setdefault(p.folder.name, []).append(p)
    even = [p for ps in folders.values() for p in ps[0::2]]
    odd = [p for ps in folders.values() for p in ps[1::2]]

    find_reuse("warm up the stemmer cache.", "warm up the stemmer cache.")
    ours, t_ours = _run(sample, pairs, find_reuse)
    base, t_base = _run(sample, pairs, baseline)

    for title, subset in (("all pairs", pairs), ("fold even (tuning)", even),
                          ("fold odd (held out)", odd)):
        keep = set(subset)
        groups = {name: [p for p in ps if p in keep] for name, ps in folders.items()}
        groups["overall"] = subset
        _table(f"PAN 2013 sample, {title}: {len(subset)} pairs", groups, ours, base)

    mo, mb = statistics.mean(t_ours) * 1e3, statistics.mean(t_base) * 1e3
    print(f"\ntime per pair (read + detect): ours mean {mo:.1f} ms, median "
          f"{statistics.median(t_ours) * 1e3:.1f} ms, max {max(t_ours) * 1e3:.0f} ms; "
          f"baseline mean {mb:.1f} ms, median {statistics.median(t_base) * 1e3:.1f} ms; "
          f"ours/baseline {mo / mb:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
