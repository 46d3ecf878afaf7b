"""The pair judge's answers, cached: the judge functions the engine gives the alignment.

Depends on the store (:mod:`~parallax.core.store.judgements`), the bytes of the
judge's model files (read and hashed, never loaded) and the judge module for its
answers' types.
:func:`~parallax.core.pairs.judge.judge_pairs` and its models (the encoder, the
cross-encoder's adapter, spaCy's parser) load only when some pair has no
cached answer, so opening a dossier whose pairs were all judged before loads
none of them (a test checks ``sys.modules``).

:func:`stored_judge` reads the store first and judges what is missing in one
batch, then saves it; :func:`memo_judge` does the same with a bounded
in-process memo, for texts that are not in the store. Both key a pair by the
hash of its two texts in sorted order and judge it in that order, so a pair
and its mirror get one answer, and by :func:`current_judge`, so answers of
other model files or other judge code are never used.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from parallax.core.align.judged import PairJudge
from parallax.core.cached_analysis import current_analyser
from parallax.core.pairs.judge import JUDGE_VERSION, MODEL_RESOURCE, OPPOSITES_RESOURCE, PairJudgement, Verdict
from parallax.core.store.connection import Store
from parallax.core.store.judgements import StoredJudgement, load_judgements, save_judgements

MEMO_SIZE = 10_000  # answers kept by memo_judge (about 1.5 kB each)


@lru_cache(maxsize=1)
def current_judge() -> str:
    """The judge's id: a hash of its code version, the analyser it runs on
    (spaCy model and encoder, or none installed) and its model files' bytes."""
    from parallax.core.nlp.cross import ADAPTER_RESOURCE
    from parallax.resources import resource_path

    h = hashlib.sha256(f"{JUDGE_VERSION}\0{current_analyser()}".encode())
    for name in (MODEL_RESOURCE, ADAPTER_RESOURCE, OPPOSITES_RESOURCE):
        try:
            data = resource_path(name).read_bytes()
        except KeyError:  # the adapter and the opposites are optional: the judge runs without them
            data = b""
        h.update(f"\0{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def pair_key(a: str, b: str) -> str:
    """The cache key of a sentence pair: sha256 of its texts in sorted order."""
    x, y = sorted((a, b))
    return hashlib.sha256(f"{len(x)}:{x}\0{y}".encode()).hexdigest()


def stored_judge(store: Store) -> PairJudge:
    """A judge that answers from the store's cache and saves what it had to judge."""

    def judge(pairs: Sequence[tuple[str, str]], *,
              should_cancel: Callable[[], bool] | None = None) -> list[PairJudgement]:
        judge_id = current_judge()

        def load(keys: set[str]) -> dict[str, PairJudgement]:
            found = {k: _from_stored(j) for k, j in load_judgements(store, keys, judge_id).items()}
            return {k: j for k, j in found.items() if j is not None}  # a damaged row is judged again

        def save(fresh: Mapping[str, PairJudgement]) -> None:
            save_judgements(store, {k: _to_stored(j) for k, j in fresh.items()}, judge_id)

        return _cached(pairs, load, save, should_cancel)

    return judge


_memo: OrderedDict[tuple[str, str], PairJudgement] = OrderedDict()
_memo_lock = threading.Lock()


def memo_judge(pairs: Sequence[tuple[str, str]], *,
               should_cancel: Callable[[], bool] | None = None) -> list[PairJudgement]:
    """A judge that answers from an in-process memo (the :data:`MEMO_SIZE`
    answers used last) and keeps what it had to judge."""
    judge_id = current_judge()

    def load(keys: set[str]) -> dict[str, PairJudgement]:
        with _memo_lock:
            found = {k: _memo[(judge_id, k)] for k in keys if (judge_id, k) in _memo}
            for k in found:
                _memo.move_to_end((judge_id, k))
        return found

    def save(fresh: Mapping[str, PairJudgement]) -> None:
        with _memo_lock:
            _memo.update(((judge_id, k), j) for k, j in fresh.items())
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)

    return _cached(pairs, load, save, should_cancel)


def _cached(
    pairs: Sequence[tuple[str, str]], load: Callable[[set[str]], dict[str, PairJudgement]],
    save: Callable[[Mapping[str, PairJudgement]], None], should_cancel: Callable[[], bool] | None,
) -> list[PairJudgement]:
    """Answers for ``pairs`` from ``load``; the missing ones judged in one batch
    (each distinct pair once, its texts in sorted order) and given to ``save``."""
    keys = [pair_key(a, b) for a, b in pairs]
    found = load(set(keys)) if keys else {}
    missing = {k: tuple(sorted(p)) for k, p in zip(keys, pairs) if k not in found}
    if missing:
        from parallax.core.pairs.judge import judge_pairs

        # judge_pairs holds one_blas_thread() itself around its encoder passes.
        answers = judge_pairs(list(missing.values()), should_cancel=should_cancel)
        fresh = dict(zip(missing, answers))
        save(fresh)
        found.update(fresh)
    return [found[k] for k in keys]


def _to_stored(j: PairJudgement) -> StoredJudgement:
    return StoredJudgement(j.score, j.verdict.value, {v.value: p for v, p in j.probabilities.items()},
                           dict(j.features))


def _from_stored(j: StoredJudgement) -> PairJudgement | None:
    """The judgement a row holds, or None if it names answers the judge does not give."""
    try:
        verdict = Verdict(j.verdict)
        probabilities = {Verdict(v): p for v, p in j.probabilities.items()}
    except ValueError:
        return None
    return PairJudgement(j.score, verdict is Verdict.SAME, dict(j.features), verdict, probabilities)
