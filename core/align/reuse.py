"""Reuse passages ("text alignment"): which spans of text A reappear in text B.

Depends on numpy, scipy.sparse and :mod:`parallax.core.align.reuse_text` (regex
words, a light stemmer, sentence units); no spaCy and no embeddings, so it runs
on whole books in well under a second. A is the source, B the text that may
reuse it; offsets are Python character offsets, end exclusive.

Method, after Sanchez-Perez, Sidorov and Gelbukh (PAN 2014, "A winning approach
to text alignment"):

1. *Seeding*: every sentence pair whose TF-ISF cosine and Dice coefficient
   (over content stems) both clear a threshold is a seed.
2. *Extension*: seeds are clustered, alternately along A and along B, wherever
   at most ``max_gap`` sentences separate them; a cluster whose two fragments
   (all sentences between its first and last seed) are not similar enough as a
   whole is re-clustered with a smaller gap.
3. *Summary pass*: each sentence of B keeps only its best seed, and seeds are
   clustered with a wide gap on A; a cluster counts as a summary where its A
   side is at least ``summary_ratio`` times longer than its B side and most of
   B's (ISF-weighted) content occurs in it (``summary_coverage``). A summary
   replaces the plain passages it overlaps in B.
4. *Growing*: a plain passage is widened one sentence at a time (on A, B or
   both) while the cosine of its two spans rises: the most reworded sentences
   at the edges make no seeds.
5. *Filtering*: passages that overlap in B keep the more similar one; passages
   shorter than ``min_passage_chars`` on either side are dropped.
6. *Boundaries*: leading and trailing lines whose content words are mostly
   absent from the other side are trimmed, so that a copy gets close bounds
   even where sentence splitting was coarse.
"""
from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from parallax.core.align.reuse_text import (
    STOP_WORDS,
    Unit,
    sentence_spans,
    sentence_units,
    stem,
    words,
)
from parallax.core.errors import check_cancel


class ReuseKind(str, enum.Enum):
    VERBATIM = "verbatim"  # the same words in the same order (white space and case aside)
    OBFUSCATED = "obfuscated"  # reworded, reordered, translated or summarised


@dataclass(frozen=True)
class ReusePassage:
    """A span of A (``a_start:a_end``) reused in B as ``b_start:b_end``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float  # TF-ISF cosine of the two spans, 0..1
    kind: ReuseKind


@dataclass(frozen=True)
class ReuseConfig:
    """Thresholds and limits of :func:`find_reuse`. Seeding, gap, validation and
    length values are those of Sanchez-Perez et al.; the others are ours."""

    min_sentence_stems: int = 3  # a sentence with fewer content words joins the next
    max_sentence_words: int = 50  # a longer "sentence" is cut at its line breaks
    seed_cosine: float = 0.33  # sentence pair TF-ISF cosine for a seed (strictly above)
    seed_dice: float = 0.33  # and sentence pair Dice coefficient over content stems
    max_gap: int = 4  # at most this many sentences between two seeds of one passage
    validation_cosine: float = 0.34  # a passage's two spans as a whole must be this similar
    min_passage_chars: int = 150  # shorter passages (on either side) are dropped
    summary_max_gap: int = 24  # gap on A in the summary pass
    summary_ratio: float = 2.0  # A side this many times longer than B side: a summary
    summary_coverage: float = 0.5  # share of a summary's content found in its A span
    grow: bool = True  # widen passages while their similarity rises
    trim_share: float = 0.34  # end lines with fewer shared content stems are trimmed off
    block_rows: int = 1024  # sentences of A compared at once (bounds memory on books)


@dataclass(frozen=True)
class _Cluster:
    a_lo: int  # unit indices, inclusive
    a_hi: int
    b_lo: int
    b_hi: int
    score: float
    seeds: int
    summary: bool = False


def find_reuse(
    a_text: str,
    b_text: str,
    config: ReuseConfig = ReuseConfig(),
    *,
    should_cancel: Callable[[], bool] | None = None,
) -> list[ReusePassage]:
    """Maximal passages of ``a_text`` (the source) reused in ``b_text``.

    Args:
        a_text: the source text.
        b_text: the text that may reuse it.
        config: thresholds and limits.
        should_cancel: polled between steps; when it returns true the search stops
            with :class:`parallax.core.errors.Cancelled`.

    Returns:
        Passages ordered by their position in B, not overlapping in B.
    """
    check_cancel(should_cancel)
    units_a = sentence_units(a_text, config.min_sentence_stems, config.max_sentence_words)
    units_b = sentence_units(b_text, config.min_sentence_stems, config.max_sentence_words)
    if not any(u.stems for u in units_a) or not any(u.stems for u in units_b):
        return []
    model = _Model(units_a, units_b)
    check_cancel(should_cancel)
    seeds = model.seeds(config, should_cancel)
    if not seeds:
        return []
    check_cancel(should_cancel)
    plain = _extend([s[:2] for s in seeds], config.max_gap, config.max_gap,
                    lambda c: model.similarity(*c) >= config.validation_cosine,
                    model.similarity, should_cancel)
    # A summary sentence condenses its own part of A: in the summary pass each
    # sentence of B keeps only its best seed, so that weaker look-alikes elsewhere
    # in A do not stretch a passage that one region of A explains.
    best: dict[int, tuple[int, int, float]] = {}
    for seed in seeds:
        if seed[1] not in best or seed[2] > best[seed[1]][2]:
            best[seed[1]] = seed
    summary_seeds = [s[:2] for s in best.values()]
    summaries = [
        dataclasses.replace(c, summary=True)
        for c in _extend(summary_seeds, config.summary_max_gap, config.max_gap,
                         lambda c: model.coverage(*c) >= config.summary_coverage,
                         model.similarity, should_cancel)
        if _chars(units_a, c.a_lo, c.a_hi)
        >= config.summary_ratio * _chars(units_b, c.b_lo, c.b_hi)
    ]
    if config.grow:
        plain = [_grow(model, c, len(units_a), len(units_b)) for c in plain]
    clusters = _resolve_overlaps(plain, summaries)
    passages = []
    for c in clusters:
        check_cancel(should_cancel)
        p = _to_passage(a_text, b_text, units_a, units_b, c, config)
        if (p.a_end - p.a_start >= config.min_passage_chars
                and p.b_end - p.b_start >= config.min_passage_chars):
            passages.append(p)
    return sorted(passages, key=lambda p: (p.b_start, p.a_start))


class _Model:
    """Sentence-by-stem count matrices of both texts and the inverse sentence
    frequency of each stem over the sentences of both."""

    def __init__(self, units_a: list[Unit], units_b: list[Unit]) -> None:
        vocab: dict[str, int] = {}
        self.counts_a = _count_matrix(units_a, vocab)
        self.counts_b = _count_matrix(units_b, vocab)
        self.counts_a.resize((len(units_a), len(vocab)))
        n_units = len(units_a) + len(units_b)
        width = self.counts_b.shape[1]
        df = (np.bincount(self.counts_a.indices, minlength=width)
              + np.bincount(self.counts_b.indices, minlength=width))
        self.isf = np.log(n_units / np.maximum(df, 1)).astype(np.float64)
        # A stem in every sentence still counts a little (ISF 0 would blank it).
        self.isf = np.maximum(self.isf, 1e-3)

    def seeds(self, config: ReuseConfig, should_cancel) -> list[tuple[int, int, float]]:
        """Sentence pairs ``(i in A, j in B, cosine)`` similar enough to start a passage."""
        wa = _unit_rows(self.counts_a.multiply(self.isf).tocsr())
        wb = _unit_rows(self.counts_b.multiply(self.isf).tocsr())
        ba = (self.counts_a > 0).astype(np.float32).tocsr()
        bb = (self.counts_b > 0).astype(np.float32).tocsr()
        len_a = np.asarray(ba.sum(axis=1)).ravel()
        len_b = np.asarray(bb.sum(axis=1)).ravel()
        wb_t, bb_t = wb.T.tocsc(), bb.T.tocsc()
        out: list[tuple[int, int]] = []
        for lo in range(0, wa.shape[0], config.block_rows):
            check_cancel(should_cancel)
            hi = min(lo + config.block_rows, wa.shape[0])
            cos = (wa[lo:hi] @ wb_t).tocoo()
            keep = cos.data > config.seed_cosine
            rows, cols = cos.row[keep], cos.col[keep]
            if not len(rows):
                continue
            inter = np.asarray((ba[lo:hi] @ bb_t)[rows, cols]).ravel()
            dice = 2 * inter / np.maximum(len_a[lo + rows] + len_b[cols], 1)
            ok = dice > config.seed_dice
            out.extend(zip((rows[ok] + lo).tolist(), cols[ok].tolist(),
                           cos.data[keep][ok].tolist()))
        return out

    def coverage(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float:
        """Share of the ISF-weighted content of units ``b_lo..b_hi`` of B whose stems
        occur in units ``a_lo..a_hi`` of A: high when B condenses that part of A."""
        va = np.asarray(self.counts_a[a_lo:a_hi + 1].sum(axis=0)).ravel()
        vb = np.asarray(self.counts_b[b_lo:b_hi + 1].sum(axis=0)).ravel() * self.isf
        total = float(vb.sum())
        return float(vb[va > 0].sum()) / total if total else 0.0

    def similarity(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float:
        """TF-ISF cosine of units ``a_lo..a_hi`` of A and ``b_lo..b_hi`` of B, each
        taken as one text."""
        va = np.asarray(self.counts_a[a_lo:a_hi + 1].sum(axis=0)).ravel() * self.isf
        vb = np.asarray(self.counts_b[b_lo:b_hi + 1].sum(axis=0)).ravel() * self.isf
        na, nb = float(np.linalg.norm(va)), float(np.linalg.norm(vb))
        if na == 0 or nb == 0:
            return 0.0
        return float(va @ vb) / (na * nb)


def _count_matrix(units: list[Unit], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for u in units:
        counts: dict[int, int] = {}
        for s in u.stems:
            k = vocab.setdefault(s, len(vocab))
            counts[k] = counts.get(k, 0) + 1
        indices.extend(counts.keys())
        data.extend(counts.values())
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
         np.asarray(indptr, dtype=np.int64)), shape=(len(units), max(len(vocab), 1)))


def _unit_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def _split(seeds: list[tuple[int, int]], side: int, gap: int) -> list[list[tuple[int, int]]]:
    """Split seeds wherever more than ``gap`` sentences separate them along ``side``."""
    seeds = sorted(seeds, key=lambda s: s[side])
    groups = [[seeds[0]]]
    for prev, cur in zip(seeds, seeds[1:]):
        if cur[side] - prev[side] - 1 > gap:
            groups.append([])
        groups[-1].append(cur)
    return groups


def _cluster(seeds, gap_a: int, gap_b: int) -> list[list[tuple[int, int]]]:
    """Groups of seeds that no gap splits along A nor along B."""
    done: list[list[tuple[int, int]]] = []
    todo = [(seeds, 0, False)]  # (group, side to split next, other side already stable)
    while todo:
        group, side, other_stable = todo.pop()
        parts = _split(group, side, gap_a if side == 0 else gap_b)
        if len(parts) == 1 and other_stable:
            done.append(group)
            continue
        for p in parts:
            todo.append((p, 1 - side, len(parts) == 1))
    return done


def _extend(seeds, gap_a: int, gap_b: int, valid: Callable[[tuple[int, int, int, int]], bool],
            score: Callable[..., float], should_cancel) -> list[_Cluster]:
    """Clusters of seeds whose fragments pass ``valid`` as a whole; a cluster that
    does not is clustered again with smaller gaps."""
    out: list[_Cluster] = []
    todo = [(seeds, gap_a, gap_b)]
    while todo:
        check_cancel(should_cancel)
        group, ga, gb = todo.pop()
        for c in _cluster(group, ga, gb):
            span = (min(s[0] for s in c), max(s[0] for s in c),
                    min(s[1] for s in c), max(s[1] for s in c))
            if valid(span):
                out.append(_Cluster(*span, score(*span), len(c)))
            elif len(c) > 1 and (ga > 0 or gb > 0):
                todo.append((c, max(ga - 1, 0), max(gb - 1, 0)))
    return out


def _grow(model: _Model, c: _Cluster, n_a: int, n_b: int) -> _Cluster:
    """Widen a cluster one sentence at a time (on A, on B or on both, at either
    end) while that raises the similarity of its two spans: seeding misses the
    edge sentences that are reworded most."""
    span, best = (c.a_lo, c.a_hi, c.b_lo, c.b_hi), c.score
    while True:
        a_lo, a_hi, b_lo, b_hi = span
        moves = [(a_lo - da, a_hi, b_lo - db, b_hi) for da, db in ((1, 0), (0, 1), (1, 1))]
        moves += [(a_lo, a_hi + da, b_lo, b_hi + db) for da, db in ((1, 0), (0, 1), (1, 1))]
        moves = [m for m in moves if m[0] >= 0 and m[2] >= 0 and m[1] < n_a and m[3] < n_b]
        scored = [(model.similarity(*m), m) for m in moves]
        top = max(scored, default=(0.0, span))
        if top[0] <= best:
            break
        best, span = top
    return _Cluster(*span, best, c.seeds, c.summary)


def _chars(units: list[Unit], lo: int, hi: int) -> int:
    return units[hi].end - units[lo].start


def _resolve_overlaps(plain: list[_Cluster], summaries: list[_Cluster]) -> list[_Cluster]:
    """Clusters that do not overlap in B: summary clusters first, then the more
    similar of two overlapping clusters."""
    kept: list[_Cluster] = []
    for group in (summaries, plain):
        for c in sorted(group, key=lambda c: -c.score):
            if not any(_overlap_b(c, k) for k in kept):
                kept.append(c)
    return kept


def _overlap_b(x: _Cluster, y: _Cluster) -> bool:
    return x.b_lo <= y.b_hi and y.b_lo <= x.b_hi


def _stem_set(text: str, start: int, end: int) -> set[str]:
    return {stem(w) for _, _, w in words(text[start:end]) if w not in STOP_WORDS}


def _trim(text: str, start: int, end: int, other: set[str], share: float) -> tuple[int, int]:
    """Drop leading and trailing lines/sentences of ``text[start:end]`` whose content
    stems are mostly absent from ``other`` (the other side's fragment)."""
    pieces = [(start + s, start + e) for s, e in sentence_spans(text[start:end], 0)]
    keep = [bool(st) and sum(x in other for x in st) >= share * len(st)
            for st in (_stem_set(text, s, e) for s, e in pieces)]
    if not any(keep):
        return start, end
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    return pieces[first][0], pieces[last][1]


def _to_passage(a_text: str, b_text: str, units_a: list[Unit], units_b: list[Unit],
                c: _Cluster, config: ReuseConfig) -> ReusePassage:
    a_start, a_end = units_a[c.a_lo].start, units_a[c.a_hi].end
    b_start, b_end = units_b[c.b_lo].start, units_b[c.b_hi].end
    if config.trim_share > 0:
        stems_a = _stem_set(a_text, a_start, a_end)
        stems_b = _stem_set(b_text, b_start, b_end)
        a_start, a_end = _trim(a_text, a_start, a_end, stems_b, config.trim_share)
        b_start, b_end = _trim(b_text, b_start, b_end, stems_a, config.trim_share)
    wa = [w[2] for w in words(a_text[a_start:a_end])]
    wb = [w[2] for w in words(b_text[b_start:b_end])]
    kind = ReuseKind.VERBATIM if wa == wb else ReuseKind.OBFUSCATED
    return ReusePassage(a_start, a_end, b_start, b_end, round(c.score, 4), kind)
