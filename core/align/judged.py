"""The pair judge's part in sentence alignment: which sentence pairs state the same thing.

Depends on numpy and, only when there is something to judge, on
:func:`parallax.core.pairs.judge.judge_pairs` (imported on first use: a
comparison whose every group is settled by its wording, or one between texts
the English models do not read, never loads the judge's models).

Similarity proposes, the judge decides. Groups the similarity matching made
whose words are mostly the same and in the same order (word similarity at
least ``settle_min``, fewer than ``moved_max`` shared words out of place:
verbatim and lightly edited) need no model. Every other group is judged as the
joined text of its sentences, because a group is one statement told in one
or more sentences: the half of a run-on sentence does not state what the whole
does, and a strict judge rightly says so. Candidates for the sentences that
such a group may leave free are proposed as well, in the same batch: for each
sentence not in a settled group, its ``per_sentence`` most similar counterparts
among those, at least ``floor`` similar (a lower bar than the matching's, so
that the true counterpart of a sentence whose most similar one says something
else is among them). One :func:`judge_pairs` call reads all of it, and the
questions of several comparisons can be pooled into one call: the alignment
is written as an *asking* computation (:data:`Asking`, a generator that
yields its questions and is sent the answers), which :func:`answer` runs with
one judge and :func:`answer_all` runs many of, pooled (on the seed dossier,
its 41 questions in one batch cost the encoder 0.66 s against 0.90 s in ten
calls of one to eight). The caller keeps the judged groups the judge calls
the same statement, aligns free sentences one-to-one among the candidates it
calls the same (:func:`same_matrix`), and links what it calls related, never
aligns it.

Everything here takes and returns sentence indices of the text that sorts
first (the alignment's canonical order), so its answers mirror with the
alignment's.
"""
from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np

if TYPE_CHECKING:
    from parallax.core.pairs.judge import PairJudgement, Verdict

Group = tuple[tuple[int, ...], tuple[int, ...]]  # sentence indices of A, of B
Question = tuple[str, str]  # a pair of sentences (or joined groups of them) for the judge
T = TypeVar("T")
# A computation that asks the judge: it yields lists of questions, is sent the
# judge's answers to each list (in its order), and returns its result.
Asking = Generator[list[Question], "list[PairJudgement]", T]


class PairJudge(Protocol):
    """What the alignment asks: :func:`~parallax.core.pairs.judge.judge_pairs`'s
    signature and answers (the engine passes cached ones, :mod:`parallax.core.cached_judge`)."""

    def __call__(self, pairs: Sequence[tuple[str, str]], *,
                 should_cancel: Callable[[], bool] | None = None) -> list[PairJudgement]: ...


@dataclass(frozen=True)
class JudgeConfig:
    enabled: bool = True  # False: similarity alone decides (as for non-English texts)
    settle_min: float = 0.5  # word similarity (Dice) from which a group needs no judge ("edited")
    # ... unless this many of its shared words changed places: "the army shelled the
    # rebels" / "the rebels shelled the army" keeps 85% of its words, and only the
    # judge can tell a swap of roles from a reordered clause ("X said Y" / "Y, X said").
    moved_max: int = 2
    floor: float = 0.4  # combined similarity a candidate must reach
    per_sentence: int = 2  # candidates per sentence: its most similar counterparts


def candidates(score: np.ndarray, open_a: Sequence[int], open_b: Sequence[int],
               config: JudgeConfig) -> list[Group]:
    """One-sentence pairs worth judging among the open sentences of both sides:
    each one's ``per_sentence`` most similar counterparts at least ``floor``
    similar, seen from A and from B (so the set does not depend on the side)."""
    if not len(open_a) or not len(open_b):
        return []
    ia, ib = np.asarray(open_a), np.asarray(open_b)
    sub = score[np.ix_(ia, ib)]
    keep = np.zeros(sub.shape, dtype=bool)
    k = config.per_sentence
    # Stable sorts: among equal scores the lower index comes first, in the
    # canonical order the caller aligns in.
    rows = np.argsort(-sub, axis=1, kind="stable")[:, :k]
    keep[np.arange(sub.shape[0])[:, None], rows] = True
    cols = np.argsort(-sub, axis=0, kind="stable")[:k, :]
    keep[cols, np.arange(sub.shape[1])[None, :]] = True
    keep &= sub >= config.floor
    return [((int(ia[r]),), (int(ib[c]),)) for r, c in zip(*np.nonzero(keep))]


def ask_groups(
    groups: Iterable[Group], a_text: str, a_spans: Sequence[tuple[int, int]],
    b_text: str, b_spans: Sequence[tuple[int, int]],
) -> Asking[dict[Group, PairJudgement]]:
    """Asks the judge about each group (repeats once; nothing, not even an empty
    list, when there are none) and returns its answers by group.

    ``a_spans`` / ``b_spans`` are the sentences' character spans; a group's text
    is its sentences from the first one's start to the last one's end, white
    space folded.
    """
    keys = list(dict.fromkeys(groups))
    if not keys:
        return {}

    def text(t: str, spans: Sequence[tuple[int, int]], ids: tuple[int, ...]) -> str:
        return folded(t, spans[ids[0]][0], spans[ids[-1]][1])

    answers = yield [(text(a_text, a_spans, ga), text(b_text, b_spans, gb)) for ga, gb in keys]
    return dict(zip(keys, answers))


def answer(asking: Asking[T], judge: PairJudge | None = None, *,
           should_cancel: Callable[[], bool] | None = None) -> T:
    """The result of one asking computation, each list of its questions answered
    by one call of ``judge`` (None: :func:`~parallax.core.pairs.judge.judge_pairs`)."""
    return answer_all([asking], judge, should_cancel=should_cancel)[0]


# Questions pooled before the judge is called: enough to fill the encoder's
# batches on both of its threads, few enough that the computations waiting
# hold little memory (their similarity matrices) and progress keeps moving.
POOL = 256


def answer_all(
    askings: Sequence[Asking[T]], judge: PairJudge | None = None, *,
    should_cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None, pool: int = POOL,
) -> list[T]:
    """The results of several asking computations, in order, their questions
    pooled: they are started in order until ``pool`` questions wait (or none
    is left to start), then the waiting questions (each distinct one once) go
    to ``judge`` in one call, and each computation is sent its answers and runs
    on. ``progress(done, total)`` is called as computations finish."""
    if judge is None:
        from parallax.core.pairs.judge import judge_pairs as judge
    results: list = [None] * len(askings)
    waiting: dict[int, list[Question]] = {}
    done = 0

    def step(i: int, answers: list[PairJudgement] | None) -> None:
        nonlocal done
        try:
            questions = next(askings[i]) if answers is None else askings[i].send(answers)
        except StopIteration as stop:
            results[i] = stop.value
            done += 1
            if progress:
                progress(done, len(askings))
        else:
            waiting[i] = questions

    for i in range(len(askings)):
        step(i, None)
        if i + 1 < len(askings) and sum(map(len, waiting.values())) < pool:
            continue
        while waiting:
            batch, waiting = waiting, {}
            unique = list(dict.fromkeys(q for qs in batch.values() for q in qs))
            found = dict(zip(unique, judge(unique, should_cancel=should_cancel))) if unique else {}
            for k, qs in batch.items():
                step(k, [found[q] for q in qs])
    return results


def folded(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with its white space folded: a group's text as the judge reads it."""
    return " ".join(text[start:end].split())


def verdict_matrix(judged: dict[Group, PairJudgement], verdict: Verdict,
                   shape: tuple[int, int]) -> np.ndarray:
    """(n_a, n_b): for one-sentence pairs judged ``verdict``, the judge's
    probability of that answer (above zero); zero elsewhere."""
    out = np.zeros(shape)
    for (ga, gb), j in judged.items():
        if len(ga) == 1 and len(gb) == 1 and j.verdict is verdict:
            out[ga[0], gb[0]] = max(j.probabilities.get(verdict, 0.0), 1e-6)
    return out
