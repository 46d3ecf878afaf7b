"""Reuse passages ("text alignment"): which spans of text A reappear in text B.

Depends on numpy (scipy.sparse on long texts), :mod:`parallax.core.reuse.prepare` (regex
words, a light stemmer, sentence units) and :mod:`parallax.core.reuse.bounds`
(character bounds); no spaCy and no embeddings, so it runs on whole books in
well under a second. A is the source, B the text that may reuse it; offsets are
Python character offsets, end exclusive.

Method, after Sanchez-Perez, Sidorov and Gelbukh (PAN 2014, "A winning approach
to text alignment"; CLEF 2015, "Adaptive algorithm for plagiarism detection"),
with the additions marked *ours*:

1. *Seeding*: a sentence pair whose TF-ISF cosine and Dice coefficient (over
   content stems) both clear ``seed_cosine``/``seed_dice`` is a strong seed.
   *Ours*: where heavy rewording or translation leaves a sentence without any
   strong seed, a pair over the lower ``weak_seed_cosine``/``weak_seed_dice``
   is a seed too if its two sentences have no strong seed and are each other's
   best match (a mutual best match, as in sentence alignment of translations):
   this recovers the most reworded sentences without linking every sentence
   of A to every look-alike of B.
2. *Extension*: seeds are clustered, alternately along A and along B, wherever
   at most ``max_gap`` sentences separate them; a cluster whose two fragments
   (all sentences between its first and last seed) are not similar enough as a
   whole (``validation_cosine``) is re-clustered with a smaller gap.
3. *Summary pass* (the adaptive second parameter set): each sentence of B keeps
   only its best strong seed, and seeds are clustered with the wide
   ``summary_max_gap`` on A; a cluster counts as a summary where its A side is
   at least ``summary_ratio`` times longer than its B side and most of B's
   (ISF-weighted) content occurs in it (``summary_coverage``). *Ours*: a summary
   also rests on at least ``summary_min_seeds`` sentences of B and reaches
   further into A than every plain passage it overlaps (else those passages
   already explain B), and its A side runs to the start or end of A where at
   most ``summary_max_gap`` sentences are left there, since a summary
   condenses a whole text or section. A summary replaces the plain passages it
   overlaps in B.
4. *Growing* (ours): a plain passage is widened one sentence at a time (on A, B
   or both) while the cosine of its two spans rises: the most reworded sentences
   at the edges make no seeds.
5. *Filtering*: passages that overlap in B keep the more similar one; a passage
   resting on one sentence pair needs a cosine of ``single_seed_cosine`` (ours:
   one look-alike sentence in texts on the same topic is weak evidence);
   passages shorter than ``min_passage_chars`` on either side are dropped.
6. *Boundaries*: a passage that is mostly one chain of word-for-word runs
   (``verbatim_*``) takes the chain's exact bounds, as in Sanchez-Perez et al.'s
   verbatim check; other passages lose leading and trailing lines whose content
   words are mostly absent from the other side (ours).
"""
from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from parallax.core.reuse.bounds import stem_set, trim, verbatim_chain, word_count
from parallax.core.reuse.prepare import Unit, sentence_units, words
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
    """Thresholds and limits of :func:`find_reuse`. The strong seed, gap,
    validation, summary gap and coverage, and minimum length values are those of
    Sanchez-Perez et al.; the others are ours."""

    min_sentence_stems: int = 3  # a sentence with fewer content words joins the next
    max_sentence_words: int = 50  # a longer "sentence" is cut at its line breaks
    seed_cosine: float = 0.33  # sentence pair TF-ISF cosine for a strong seed (strictly above)
    seed_dice: float = 0.33  # and sentence pair Dice coefficient over content stems
    weak_seed_cosine: float = 0.25  # a mutual best match between sentences without
    weak_seed_dice: float = 0.25  # strong seeds needs only these
    max_gap: int = 4  # at most this many sentences between two seeds of one passage
    validation_cosine: float = 0.34  # a passage's two spans as a whole must be this similar
    single_seed_cosine: float = 0.5  # a passage resting on one sentence pair needs this
    min_passage_chars: int = 150  # shorter passages (on either side) are dropped
    summary_max_gap: int = 24  # gap on A in the summary pass
    summary_ratio: float = 2.0  # A side this many times longer than B side: a summary
    summary_coverage: float = 0.5  # share of a summary's content found in its A span
    summary_min_seeds: int = 2  # sentences of B with a seed in a summary
    grow: bool = True  # widen passages while their similarity rises
    trim_share: float = 0.34  # end lines with fewer shared content stems are trimmed off
    verbatim_min_words: int = 10  # common word runs this long make a verbatim chain (0: off)
    verbatim_gap: int = 2  # at most this many words between two runs of one chain
    verbatim_share: float = 0.6  # a chain this large (share of the shorter side's words)
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


_Seed = tuple[int, int, float, float]  # (unit of A, unit of B, cosine, Dice)


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
    seeds = model.seeds(min(config.seed_cosine, config.weak_seed_cosine),
                        min(config.seed_dice, config.weak_seed_dice),
                        config.block_rows, should_cancel)
    strong = [s for s in seeds if s[2] > config.seed_cosine and s[3] > config.seed_dice]
    if not strong:  # no sentence of B close to one of A: weak look-alikes alone are no reuse
        return []
    check_cancel(should_cancel)
    plain = _extend(_plain_seeds(seeds, strong, config), config.max_gap, config.max_gap,
                    lambda c: model.similarity(*c) >= config.validation_cosine,
                    model.similarity, should_cancel)
    summaries = _summaries(model, units_a, units_b, strong, plain, config, should_cancel)
    if config.grow:
        plain = [_grow(model, c, len(units_a), len(units_b)) for c in plain]
    plain = [c for c in plain if c.seeds > 1 or c.score >= config.single_seed_cosine]
    passages = []
    for c in _resolve_overlaps(plain, summaries):
        check_cancel(should_cancel)
        p = _to_passage(a_text, b_text, units_a, units_b, c, config)
        if (p.a_end - p.a_start >= config.min_passage_chars
                and p.b_end - p.b_start >= config.min_passage_chars):
            passages.append(p)
    # Verbatim bounds may reach into the unit next to a passage: keep the more
    # similar of two passages that now overlap in B.
    kept: list[ReusePassage] = []
    for p in sorted(passages, key=lambda p: -p.score):
        if all(p.b_end <= k.b_start or k.b_end <= p.b_start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: (p.b_start, p.a_start))


def _plain_seeds(seeds: list[_Seed], strong: list[_Seed],
                 config: ReuseConfig) -> list[tuple[int, int]]:
    """Strong seeds, plus the weak ones that join two sentences without a strong
    seed which are each other's best weak match."""
    with_strong_a = {s[0] for s in strong}
    with_strong_b = {s[1] for s in strong}
    weak = [s for s in seeds
            if s[2] > config.weak_seed_cosine and s[3] > config.weak_seed_dice
            and s[0] not in with_strong_a and s[1] not in with_strong_b]
    best_a: dict[int, _Seed] = {}
    best_b: dict[int, _Seed] = {}
    for s in weak:
        if s[0] not in best_a or s[2] > best_a[s[0]][2]:
            best_a[s[0]] = s
        if s[1] not in best_b or s[2] > best_b[s[1]][2]:
            best_b[s[1]] = s
    mutual = [s for s in weak if best_a[s[0]] is s and best_b[s[1]] is s]
    return [s[:2] for s in strong + mutual]


def _summaries(model: _Model, units_a: list[Unit], units_b: list[Unit], strong: list[_Seed],
               plain: list[_Cluster], config: ReuseConfig, should_cancel) -> list[_Cluster]:
    """Clusters of the summary pass that pass as summaries (see the module
    docstring), their A side run to the edges of A where these are near."""
    # A summary sentence condenses its own part of A: each sentence of B keeps
    # only its best seed, so that weaker look-alikes elsewhere in A do not
    # stretch a passage that one region of A explains.
    best: dict[int, _Seed] = {}
    for seed in strong:
        if seed[1] not in best or seed[2] > best[seed[1]][2]:
            best[seed[1]] = seed
    clusters = _extend([s[:2] for s in best.values()], config.summary_max_gap, config.max_gap,
                       lambda c: model.coverage(*c) >= config.summary_coverage,
                       model.similarity, should_cancel)
    last = len(units_a) - 1
    out = []
    for c in clusters:
        len_a = _chars(units_a, c.a_lo, c.a_hi)
        if (c.seeds < config.summary_min_seeds
                or len_a < config.summary_ratio * _chars(units_b, c.b_lo, c.b_hi)
                or any(len_a <= _chars(units_a, p.a_lo, p.a_hi)
                       for p in plain if _overlap_b(c, p))):
            continue
        out.append(dataclasses.replace(
            c, summary=True,
            a_lo=0 if c.a_lo <= config.summary_max_gap else c.a_lo,
            a_hi=last if last - c.a_hi <= config.summary_max_gap else c.a_hi))
    return out


# Below this many cells (sentences of both texts times distinct stems) the
# seeding products run on dense numpy arrays (12 MB at most); above it, on
# scipy.sparse, imported then: its import alone (100-200 ms) is most of what
# opening a cached dossier of a few articles would otherwise cost.
_DENSE_CELLS = 1_000_000


@dataclass(frozen=True)
class _Counts:
    """A sentence-by-stem count matrix in compressed rows: row ``i``'s stems are
    ``indices[indptr[i]:indptr[i + 1]]`` (each once), their counts ``data`` there."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    @functools.cached_property
    def row_ids(self) -> np.ndarray:
        """The row of each stored value."""
        return np.repeat(np.arange(self.rows), np.diff(self.indptr))

    def unit_rows(self, isf: np.ndarray) -> np.ndarray:
        """The values of the rows weighted by ``isf`` and scaled to unit length."""
        w = self.data * isf[self.indices]
        norms = np.sqrt(np.bincount(self.row_ids, weights=w * w, minlength=self.rows))
        norms[norms == 0] = 1.0
        return w / norms[self.row_ids]

    def dense(self, values: np.ndarray, width: int, dtype=np.float64) -> np.ndarray:
        out = np.zeros((self.rows, width), dtype=dtype)
        out[self.row_ids, self.indices] = values
        return out

    def sparse(self, values: np.ndarray, width: int):  # noqa: ANN201 - scipy.sparse.csr_matrix
        from scipy import sparse

        return sparse.csr_matrix((values, self.indices, self.indptr), shape=(self.rows, width))


class _Model:
    """Sentence-by-stem count matrices of both texts and the inverse sentence
    frequency of each stem over the sentences of both."""

    def __init__(self, units_a: list[Unit], units_b: list[Unit]) -> None:
        vocab: dict[str, int] = {}
        self.counts_a = _count_matrix(units_a, vocab)
        self.counts_b = _count_matrix(units_b, vocab)
        self.width = max(len(vocab), 1)
        n_units = len(units_a) + len(units_b)
        df = (np.bincount(self.counts_a.indices, minlength=self.width)
              + np.bincount(self.counts_b.indices, minlength=self.width))
        self.isf = np.log(n_units / np.maximum(df, 1)).astype(np.float64)
        # A stem in every sentence still counts a little (ISF 0 would blank it).
        self.isf = np.maximum(self.isf, 1e-3)

    def seeds(self, cosine: float, dice_min: float, block_rows: int,
              should_cancel) -> list[tuple[int, int, float, float]]:
        """Sentence pairs ``(i in A, j in B, cosine, dice)`` whose cosine and Dice
        coefficient are strictly above ``cosine`` and ``dice_min``, by ``i`` then ``j``."""
        a, b = self.counts_a, self.counts_b
        wa, wb = a.unit_rows(self.isf), b.unit_rows(self.isf)
        len_a, len_b = np.diff(a.indptr), np.diff(b.indptr)  # distinct stems per sentence
        ones_a, ones_b = np.ones(len(a.indices), np.float32), np.ones(len(b.indices), np.float32)
        if (a.rows + b.rows) * self.width <= _DENSE_CELLS:
            wa, wb = a.dense(wa, self.width), b.dense(wb, self.width).T
            ba, bb = a.dense(ones_a, self.width, np.float32), b.dense(ones_b, self.width, np.float32).T
        else:
            wa, wb = a.sparse(wa, self.width), b.sparse(wb, self.width).T.tocsc()
            ba, bb = a.sparse(ones_a, self.width), b.sparse(ones_b, self.width).T.tocsc()
        out: list[tuple[int, int, float, float]] = []
        for lo in range(0, a.rows, block_rows):
            check_cancel(should_cancel)
            hi = min(lo + block_rows, a.rows)
            rows, cols, cos = _above(wa[lo:hi] @ wb, cosine)
            if not len(rows):
                continue
            inter = np.asarray((ba[lo:hi] @ bb)[rows, cols]).ravel()
            dice = 2 * inter / np.maximum(len_a[lo + rows] + len_b[cols], 1)
            ok = dice > dice_min
            out.extend(zip((rows[ok] + lo).tolist(), cols[ok].tolist(),
                           cos[ok].tolist(), dice[ok].tolist()))
        return out

    def coverage(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float:
        """Share of the ISF-weighted content of units ``b_lo..b_hi`` of B whose stems
        occur in units ``a_lo..a_hi`` of A: high when B condenses that part of A."""
        stems_a, _ = _span_counts(self.counts_a, a_lo, a_hi)
        stems_b, counts_b = _span_counts(self.counts_b, b_lo, b_hi)
        weights = counts_b * self.isf[stems_b]
        total = float(weights.sum())
        shared = np.isin(stems_b, stems_a, assume_unique=True)
        return float(weights[shared].sum()) / total if total else 0.0

    def similarity(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float:
        """TF-ISF cosine of units ``a_lo..a_hi`` of A and ``b_lo..b_hi`` of B, each
        taken as one text."""
        stems_a, counts_a = _span_counts(self.counts_a, a_lo, a_hi)
        stems_b, counts_b = _span_counts(self.counts_b, b_lo, b_hi)
        va, vb = counts_a * self.isf[stems_a], counts_b * self.isf[stems_b]
        na, nb = float(np.linalg.norm(va)), float(np.linalg.norm(vb))
        if na == 0 or nb == 0:
            return 0.0
        _, ia, ib = np.intersect1d(stems_a, stems_b, assume_unique=True, return_indices=True)
        return float(va[ia] @ vb[ib]) / (na * nb)


def _above(products, cosine: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and values of the cells of a block of cosines (a dense
    array or a sparse matrix) above ``cosine``, in row-major order."""
    if isinstance(products, np.ndarray):
        rows, cols = np.nonzero(products > cosine)
        return rows, cols, products[rows, cols]
    cells = products.tocoo()
    keep = cells.data > cosine
    rows, cols, values = cells.row[keep], cells.col[keep], cells.data[keep]
    order = np.lexsort((cols, rows))
    return rows[order], cols[order], values[order]


def _span_counts(counts: _Counts, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Stem ids (sorted) and their counts over rows ``lo..hi``: a sparse sum, as
    dense rows of the whole vocabulary cost too much on books."""
    start, end = counts.indptr[lo], counts.indptr[hi + 1]
    stems, inverse = np.unique(counts.indices[start:end], return_inverse=True)
    return stems, np.bincount(inverse, weights=counts.data[start:end], minlength=len(stems))


def _count_matrix(units: list[Unit], vocab: dict[str, int]) -> _Counts:
    indptr, indices, data = [0], [], []
    for u in units:
        counts: dict[int, int] = {}
        for s in u.stems:
            k = vocab.setdefault(s, len(vocab))
            counts[k] = counts.get(k, 0) + 1
        indices.extend(counts.keys())
        data.extend(counts.values())
        indptr.append(len(indices))
    return _Counts(np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                   np.asarray(data, dtype=np.float64))


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
    todo = [(seeds, gap_a, gap_b)] if seeds else []
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


def _to_passage(a_text: str, b_text: str, units_a: list[Unit], units_b: list[Unit],
                c: _Cluster, config: ReuseConfig) -> ReusePassage:
    """Character bounds of a cluster: a verbatim chain's where the passage is
    mostly copied word for word, else its units' trimmed of poorly supported
    end lines (on B only for a summary, whose A side is meant to be wide)."""
    a_start, a_end = units_a[c.a_lo].start, units_a[c.a_hi].end
    b_start, b_end = units_b[c.b_lo].start, units_b[c.b_hi].end
    score = round(c.score, 4)
    if config.verbatim_min_words > 0 and not c.summary:
        # One unit of context on each side: a copy may start inside the unit
        # before the first seed or end inside the one after the last.
        a_win = (units_a[max(c.a_lo - 1, 0)].start, units_a[min(c.a_hi + 1, len(units_a) - 1)].end)
        b_win = (units_b[max(c.b_lo - 1, 0)].start, units_b[min(c.b_hi + 1, len(units_b) - 1)].end)
        chain = verbatim_chain(a_text, a_win, b_text, b_win, config.verbatim_min_words,
                               config.verbatim_gap)
        if chain is not None and chain.words >= config.verbatim_share * min(
                word_count(a_text, a_start, a_end), word_count(b_text, b_start, b_end)):
            kind = ReuseKind.VERBATIM if chain.exact else ReuseKind.OBFUSCATED
            return ReusePassage(chain.a_start, chain.a_end, chain.b_start, chain.b_end,
                                score, kind)
    if config.trim_share > 0:
        stems_a = stem_set(a_text, a_start, a_end)
        stems_b = stem_set(b_text, b_start, b_end)
        if not c.summary:
            a_start, a_end = trim(a_text, a_start, a_end, stems_b, config.trim_share)
        b_start, b_end = trim(b_text, b_start, b_end, stems_a, config.trim_share)
    wa = [w[2] for w in words(a_text[a_start:a_end])]
    wb = [w[2] for w in words(b_text[b_start:b_end])]
    kind = ReuseKind.VERBATIM if wa == wb else ReuseKind.OBFUSCATED
    return ReusePassage(a_start, a_end, b_start, b_end, score, kind)
