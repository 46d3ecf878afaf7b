"""Sentence alignment of two analysed texts, robust to paraphrase and reordering.

Depends on numpy, lap (assignment) and the similarity and word-diff modules.
Steps: (1) a one-to-one matching maximising total combined similarity, kept
where a pair clears the threshold; (2) neighbouring unmatched sentences join a
matched group when the group's similarity rises (a run-on sentence in one text
is two in the other); (3) each group gets its word edits and a kind
(verbatim / edited / paraphrase); (4) groups off the longest in-order chain are
marked as moved. Embeddings take part only when both articles are in a
language the English encoder reads (the caller passes the stored languages;
nothing here guesses a language from the text). Swapping the texts mirrors the
result exactly (see :func:`align_sentences`).

Between such articles the pair judge (:mod:`parallax.core.align.judged`) has
the last word after step (2): groups whose wording settles them stay; every
other group stays only if the judge calls it the same statement; sentences
left free are matched one-to-one among candidates the judge calls the same
(a less similar counterpart can win over a more similar one that says
something else), and a free sentence joins such a pair when the judge calls it
the same as the other side too. Free pairs it calls related become
:class:`RelatedLink` s: shown, never aligned, counted nowhere. Elsewhere
similarity alone decides.
"""
from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from parallax.core.align.judged import (
    Group,
    Asking,
    JudgeConfig,
    PairJudge,
    answer,
    ask_groups,
    candidates,
    folded,
    verdict_matrix,
)
from parallax.core.align.similarity import (
    SimilarityConfig,
    SimilarityMatrices,
    containment,
    group_similarity,
    similarity_matrices,
)
from parallax.core.align.words import Side, WordDiff, WordEdit, diff_words
from parallax.core.errors import check_cancel
from parallax.core.ingest.language import english_models_apply
from parallax.core.nlp.analysis import ArticleAnalysis
from parallax.core.pairs.judge import READS_OTHERWISE, Verdict, said_once, stated_differences


class PairKind(str, enum.Enum):
    VERBATIM = "verbatim"
    EDITED = "edited"
    PARAPHRASE = "paraphrase"


@dataclass(frozen=True)
class AlignConfig:
    similarity: SimilarityConfig = SimilarityConfig()
    threshold: float = 0.45  # combined score a one-to-one pair must reach
    lexical_threshold: float = 0.35  # the same, when no embeddings are available
    join_min: float = 0.2  # a neighbour must resemble the other side this much to join
    join_gain: float = 0.02  # ... and raise the group's similarity by at least this,
    join_contained: float = 0.5  # ... or have this share of its content words there
    join_best: float = 0.4  # ... or have its best counterpart there, at least this similar
    max_group: int = 3  # at most this many sentences on one side of a group
    edited_min: float = 0.5  # word similarity (Dice) from which a pair is "edited"
    judge: JudgeConfig = JudgeConfig()  # when and how the pair judge decides


@dataclass(frozen=True)
class AlignedPair:
    """Sentences ``a_sentences`` of A tell what sentences ``b_sentences`` of B tell."""

    a_sentences: tuple[int, ...]
    b_sentences: tuple[int, ...]
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: PairKind
    score: float
    moved: bool
    edits: tuple[WordEdit, ...]
    word_similarity: float
    judged: float | None = None  # the judge's probability of "same", if it was asked
    # What the two sides state differently, in words: a number, a negation,
    # opposite words (:func:`~parallax.core.pairs.judge.stated_differences`), and
    # for a pair kept by its wording that the judge does not call the same
    # statement, what its checks found or
    # :data:`~parallax.core.pairs.judge.READS_OTHERWISE`. Empty when nothing was found.
    differences: tuple[str, ...] = ()
    judge_verdict: str | None = None  # the judge's answer ("same", "related", "different"), if asked
    # Why the judge calls the pair the same statement when a rule decided, not
    # its model (:attr:`~parallax.core.pairs.judge.PairJudgement.grounds`: "the
    # same words", "the same items of a list in another order"); empty otherwise.
    grounds: tuple[str, ...] = ()

    def span(self, side: Side) -> tuple[int, int]:
        """The pair's characters in ``side``."""
        return (self.a_start, self.a_end) if side is Side.A else (self.b_start, self.b_end)

    def mirrored(self) -> AlignedPair:
        """The same pair with B's sentences on the left."""
        return AlignedPair(self.b_sentences, self.a_sentences, self.b_start, self.b_end,
                           self.a_start, self.a_end, self.kind, self.score, self.moved,
                           tuple(e.mirrored() for e in self.edits), self.word_similarity,
                           self.judged, self.differences, self.judge_verdict, self.grounds)


@dataclass(frozen=True)
class RelatedLink:
    """Sentence ``a_sentence`` of A and ``b_sentence`` of B, both unaligned, are
    about the same thing but state different things (the judge's "related",
    with its ``probability``). Not an alignment: no word edits, no story element."""

    a_sentence: int
    b_sentence: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    probability: float
    # Why not the same statement, when a check found a different fact
    # (:attr:`~parallax.core.pairs.judge.PairJudgement.conflicts`); empty: the model's reading.
    conflicts: tuple[str, ...] = ()

    def span(self, side: Side) -> tuple[int, int]:
        return (self.a_start, self.a_end) if side is Side.A else (self.b_start, self.b_end)

    def mirrored(self) -> RelatedLink:
        return RelatedLink(self.b_sentence, self.a_sentence, self.b_start, self.b_end,
                           self.a_start, self.a_end, self.probability, self.conflicts)


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[AlignedPair, ...]  # ordered by position in A
    unaligned_a: tuple[int, ...]  # sentence indices of A with no counterpart
    unaligned_b: tuple[int, ...]
    semantic: bool  # whether embeddings took part
    related: tuple[RelatedLink, ...] = ()  # ordered by position in A
    judged: int = 0  # sentence pairs or groups put to the pair judge (cached answers included)

    def unaligned(self, side: Side) -> tuple[int, ...]:
        """Indices of the sentences of ``side`` with no counterpart."""
        return self.unaligned_a if side is Side.A else self.unaligned_b

    def mirrored(self) -> Alignment:
        """The same alignment told from B's side (pairs ordered by position in B)."""
        pairs = sorted((p.mirrored() for p in self.pairs), key=lambda p: p.a_sentences)
        related = sorted((r.mirrored() for r in self.related), key=lambda r: r.a_sentence)
        return Alignment(tuple(pairs), self.unaligned_b, self.unaligned_a, self.semantic,
                         tuple(related), self.judged)


def align_sentences(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    config: AlignConfig = AlignConfig(), *, should_cancel: Callable[[], bool] | None = None,
    languages: tuple[str | None, str | None] = (None, None), judge: PairJudge | None = None,
) -> Alignment:
    """Align A's sentences with B's; ``align_sentences(B, A)`` is exactly the mirror.

    ``languages`` are the articles' stored languages (None: unknown), which decide
    whether embeddings may take part. ``judge`` answers for the pair judge
    (None: :func:`~parallax.core.pairs.judge.judge_pairs` itself, nothing cached).
    """
    # Each step is deterministic but breaks ties one-sidedly: the matcher by row and
    # column index (two identical sentences in one text), neighbour joining by visiting
    # A's sentences first, the longest in-order chain by A's order, BLAS sums by operand
    # order. Aligning always from the text that sorts first (a property of the two
    # texts, not of the order they were passed in) and mirroring leaves every step as
    # it was and makes the sides interchangeable.
    return answer(alignment_steps(a_text, a, b_text, b, config, should_cancel=should_cancel,
                                  languages=languages), judge, should_cancel=should_cancel)


def alignment_steps(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    config: AlignConfig = AlignConfig(), *, should_cancel: Callable[[], bool] | None = None,
    languages: tuple[str | None, str | None] = (None, None),
) -> Asking[Alignment]:
    """:func:`align_sentences` as an asking computation: it yields its
    questions for the pair judge (at most once) and returns the alignment
    (:func:`~parallax.core.align.judged.answer_all` pools the questions of many)."""
    semantic = all(english_models_apply(x) for x in languages)
    if (b_text, b.encoder) < (a_text, a.encoder):
        return (yield from _align(b_text, b, a_text, a, config, should_cancel, semantic)).mirrored()
    return (yield from _align(a_text, a, b_text, b, config, should_cancel, semantic))


def _align(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    config: AlignConfig, should_cancel: Callable[[], bool] | None, semantic: bool,
) -> Asking[Alignment]:
    m = similarity_matrices(a, b, config.similarity, semantic=semantic)
    threshold = config.threshold if m.semantic is not None else config.lexical_threshold
    groups = _match(m.combined, m.combined >= threshold)
    check_cancel(should_cancel)
    groups = _join_neighbours(groups, m, a, b, config)
    check_cancel(should_cancel)

    def diff(g: Group) -> WordDiff:
        ga, gb = g
        return diff_words(
            a_text, a.tokens[a.sentences[ga[0]].token_start:a.sentences[ga[-1]].token_end],
            b_text, b.tokens[b.sentences[gb[0]].token_start:b.sentences[gb[-1]].token_end],
            a_span=(a.sentences[ga[0]].start, a.sentences[ga[-1]].end),
            b_span=(b.sentences[gb[0]].start, b.sentences[gb[-1]].end),
        )

    diffs = {g: diff(g) for g in ((tuple(ga), tuple(gb)) for ga, gb in groups)}
    decided = _Decision(tuple(diffs), {}, (), 0, {}, {}, {})
    if m.semantic is not None and config.judge.enabled:
        decided = yield from _decide(diffs, m.combined, a_text, a, b_text, b, config)
        diffs.update((g, diff(g)) for g in decided.groups if g not in diffs)
    final = sorted(decided.groups)
    pairs = []
    for g, is_moved in zip(final, _moved(final)):
        ga, gb = g
        wd = diffs[g]
        sa = (a.sentences[ga[0]].start, a.sentences[ga[-1]].end)
        sb = (b.sentences[gb[0]].start, b.sentences[gb[-1]].end)
        if not wd.edits:
            kind = PairKind.VERBATIM
        elif wd.similarity >= config.edited_min:
            kind = PairKind.EDITED
        else:
            kind = PairKind.PARAPHRASE
        score = group_similarity(m, a, b, ga, gb, config.similarity)
        differences = () if kind is PairKind.VERBATIM else stated_differences(
            folded(a_text, *sa), folded(b_text, *sb))
        differences = said_once((*differences, *decided.differences.get(g, ())))
        verdict = decided.verdicts.get(g)
        pairs.append(AlignedPair(ga, gb, *sa, *sb, kind, round(float(score), 4),
                                 is_moved, wd.edits, round(wd.similarity, 4), decided.same.get(g),
                                 differences, verdict.value if verdict is not None else None,
                                 decided.grounds.get(g, ())))
    used_a = {i for ga, _ in final for i in ga}
    used_b = {j for _, gb in final for j in gb}
    return Alignment(
        tuple(pairs),
        tuple(i for i in range(len(a.sentences)) if i not in used_a),
        tuple(j for j in range(len(b.sentences)) if j not in used_b),
        m.semantic is not None,
        decided.related,
        decided.judged,
    )


@dataclass(frozen=True)
class _Decision:
    groups: tuple[Group, ...]  # the groups to align
    same: dict[Group, float]  # of those the judge read: its probability of "same"
    related: tuple[RelatedLink, ...]
    judged: int  # how many pairs or groups it was asked about
    verdicts: dict[Group, Verdict]  # of the groups to align the judge read: its answer
    differences: dict[Group, tuple[str, ...]]  # what it found stated differently in them
    grounds: dict[Group, tuple[str, ...]]  # of the groups it calls the same by a rule: why


def _decide(
    diffs: dict[Group, WordDiff], score: np.ndarray, a_text: str, a: ArticleAnalysis,
    b_text: str, b: ArticleAnalysis, align: AlignConfig,
) -> Asking[_Decision]:
    """The judge's say on the similarity matching's groups (``diffs``: each
    group's word diff), and alignments and links among the sentences left free."""

    config = align.judge
    settled = [g for g, wd in diffs.items() if wd.similarity >= config.settle_min]
    # Kept by their wording all the same (the same sentence, edited: a rewrite
    # that changes who did what is worth showing word by word), but read by the
    # judge, which says whether they still state the same thing.
    reordered = [g for g in settled if diffs[g].moved >= config.moved_max]
    doubtful = [g for g in diffs if g not in settled]
    taken_a = {i for ga, _ in settled for i in ga}
    taken_b = {j for _, gb in settled for j in gb}
    open_a = [i for i in range(len(a.sentences)) if i not in taken_a]
    open_b = [j for j in range(len(b.sentences)) if j not in taken_b]
    proposed = candidates(score, open_a, open_b, config)
    judged = yield from ask_groups([*reordered, *doubtful, *proposed],
                                   a_text, [(s.start, s.end) for s in a.sentences],
                                   b_text, [(s.start, s.end) for s in b.sentences])
    kept = [g for g in doubtful if judged[g].verdict is Verdict.SAME]
    same = {g: round(judged[g].probabilities[Verdict.SAME], 4) for g in (*reordered, *kept)}
    verdicts = {g: judged[g].verdict for g in (*reordered, *kept)}
    grounds = {g: judged[g].grounds for g in (*reordered, *kept) if judged[g].grounds}
    differences = {g: judged[g].conflicts or (READS_OTHERWISE,)
                   for g in reordered if judged[g].verdict is not Verdict.SAME}
    used_a = taken_a | {i for ga, _ in kept for i in ga}
    used_b = taken_b | {j for _, gb in kept for j in gb}
    free = np.zeros(score.shape, dtype=bool)
    free[np.ix_([i for i in open_a if i not in used_a], [j for j in open_b if j not in used_b])] = True
    p_same = np.where(free, verdict_matrix(judged, Verdict.SAME, score.shape), 0.0)
    for ga, gb in _join_same(_match(p_same, p_same > 0), p_same, align.max_group):
        group = (tuple(ga), tuple(gb))
        kept.append(group)
        same[group] = round(float(min(p_same[i, j] for i in ga for j in gb if p_same[i, j] > 0)), 4)
        verdicts[group] = Verdict.SAME
        if len(ga) == len(gb) == 1 and judged[group].grounds:  # a joined group rests on its model-read pairs
            grounds[group] = judged[group].grounds
        free[list(ga), :] = False
        free[:, list(gb)] = False
    p_related = np.where(free, verdict_matrix(judged, Verdict.RELATED, score.shape), 0.0)
    related = tuple(
        RelatedLink(ga[0], gb[0], a.sentences[ga[0]].start, a.sentences[ga[0]].end,
                    b.sentences[gb[0]].start, b.sentences[gb[0]].end, round(float(p_related[ga[0], gb[0]]), 4),
                    judged[(tuple(ga), tuple(gb))].conflicts)
        for ga, gb in _match(p_related, p_related > 0))
    return _Decision(tuple(settled + kept), same, related, len(judged), verdicts, differences, grounds)


def _join_same(groups: list[tuple[list[int], list[int]]], p_same: np.ndarray,
               max_group: int) -> list[tuple[list[int], list[int]]]:
    """Let an unmatched sentence next to a pair join it when the judge called
    it the same as a sentence of the pair's other side (``p_same`` above zero:
    a statement told in two sentences there, in one here); the likeliest first."""
    owner_a = {i: g for g, (ga, _) in enumerate(groups) for i in ga}
    owner_b = {j: g for g, (_, gb) in enumerate(groups) for j in gb}
    changed = True
    while changed:
        changed = False
        for side, n, owner in (("a", p_same.shape[0], owner_a), ("b", p_same.shape[1], owner_b)):
            for x in range(n):
                if x in owner:
                    continue
                best = None
                for g in {owner[nb] for nb in (x - 1, x + 1) if nb in owner}:
                    ga, gb = groups[g]
                    mine, other = (ga, gb) if side == "a" else (gb, ga)
                    if len(mine) >= max_group:
                        continue
                    p = max(float(p_same[x, y] if side == "a" else p_same[y, x]) for y in other)
                    if p > 0 and (best is None or (p, -g) > (best[0], -best[1])):
                        best = (p, g)
                if best is not None:
                    g = best[1]
                    ga, gb = groups[g]
                    groups[g] = (sorted([*ga, x]), gb) if side == "a" else (ga, sorted([*gb, x]))
                    owner[x] = g
                    changed = True
    return sorted(groups)


_TIE_BREAK = 1e-6


def _match(score: np.ndarray, allowed: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """One-to-one matching that maximises the total score among the ``allowed`` pairs."""
    if score.size == 0:
        return []
    # Imported here, not at start-up (2 ms). lap's Jonker-Volgenant solver rather
    # than scipy's matchers: the same optimum, but scipy.optimize costs about
    # 200 ms to import and scipy.sparse.csgraph 70 ms more than scipy.sparse,
    # which a dossier opened from the cache pays before its first comparison.
    import lap

    # Every edge present (gain >= 1) so a full matching of the smaller side
    # always exists; the +1 adds the same amount to every full matching.
    # Among equally good matchings (a sentence told twice) prefer the one that keeps
    # sentences at like relative positions: symmetric in the two texts, so a text
    # compared with itself aligns every sentence with itself. Too small to outweigh
    # any real difference of similarity.
    na, nb = score.shape
    closeness = 1.0 - np.abs((np.arange(na)[:, None] + 0.5) / na - (np.arange(nb)[None, :] + 0.5) / nb)
    gain = np.where(allowed, score + _TIE_BREAK * closeness, 0.0) + 1.0
    # The least cost is the greatest gain; extend_cost pads the shorter side with
    # free dummies, so the smaller side is matched in full.
    x, _ = lap.lapjv(-gain, extend_cost=True, return_cost=False)
    rows = np.flatnonzero(x >= 0)
    cols = x[rows]
    pairs = [([int(i)], [int(j)]) for i, j in zip(rows, cols) if allowed[i, j]]
    return sorted(pairs)


def _join_neighbours(
    groups: list[tuple[list[int], list[int]]], m: SimilarityMatrices,
    a: ArticleAnalysis, b: ArticleAnalysis, config: AlignConfig,
) -> list[tuple[list[int], list[int]]]:
    """Let an unmatched sentence join the group next to it when that fits better."""
    # A sentence whose best counterpart was taken by its neighbour in the one-to-one
    # step is the other half of a run-on sentence: it joins that group.
    join_best = config.join_best * (1.0 if m.semantic is not None
                                    else config.lexical_threshold / config.threshold)
    owner_a = {i: g for g, (ga, _) in enumerate(groups) for i in ga}
    owner_b = {j: g for g, (_, gb) in enumerate(groups) for j in gb}
    score = {g: group_similarity(m, a, b, ga, gb, config.similarity) for g, (ga, gb) in enumerate(groups)}
    changed = True
    while changed:
        changed = False
        for side, n, owner in (("a", len(a.sentences), owner_a), ("b", len(b.sentences), owner_b)):
            for x in range(n):
                if x in owner:
                    continue
                best = None
                for nb in (x - 1, x + 1):
                    g = owner.get(nb)
                    if g is None:
                        continue
                    ga, gb = groups[g]
                    mine = ga if side == "a" else gb
                    if len(mine) >= config.max_group:
                        continue
                    other = gb if side == "a" else ga
                    sims = m.combined[x, other] if side == "a" else m.combined[other, x]
                    if float(np.max(sims)) < config.join_min:
                        continue
                    new = sorted([*mine, x])
                    cand = (new, gb) if side == "a" else (ga, new)
                    s = group_similarity(m, a, b, cand[0], cand[1], config.similarity)
                    best_here = _best_is_in(m.combined, side, x, other)
                    fits = s >= score[g] + config.join_gain or best_here and (
                        containment(m, side, x, other) >= config.join_contained
                        or float(np.max(sims)) >= join_best)
                    if fits and (best is None or s > best[0]):
                        best = (s, g, cand)
                if best is not None:
                    s, g, cand = best
                    groups[g] = cand
                    score[g] = s
                    owner[x] = g
                    changed = True
    return sorted(groups)


def _best_is_in(score: np.ndarray, side: str, x: int, members: list[int]) -> bool:
    row = score[x] if side == "a" else score[:, x]
    return int(np.argmax(row)) in members


def _moved(groups: list[tuple[list[int], list[int]]]) -> list[bool]:
    """Groups (sorted by A) outside the longest chain that is in order in B too."""
    keys = [gb[0] for _, gb in groups]
    # Longest increasing subsequence with back-pointers, O(n log n).
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(keys)
    for i, k in enumerate(keys):
        pos = bisect_left(tails, k)
        if pos == len(tails):
            tails.append(k)
            tail_idx.append(i)
        else:
            tails[pos] = k
            tail_idx[pos] = i
        prev[i] = tail_idx[pos - 1] if pos else -1
    keep = set()
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return [i not in keep for i in range(len(keys))]
