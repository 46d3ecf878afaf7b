"""The judgement cache: the pair judge's answers stored in the ``judgement_cache`` table.

Depends on SQLAlchemy (its SQLite dialect, like the rest of the store), the
store models and the standard library; never on the judge or its models, so
reading cached answers stays cheap (:mod:`parallax.core.cached_judge` turns
rows into judgements and back).

Rows are keyed by the hash of the two sentences' texts (in sorted order, so a
pair and its mirror are one row) and by the judge's id (its model files and
code version, see :func:`parallax.core.cached_judge.current_judge`): a row made
by another judge is never read. Saving drops every row of other judges, since
they would never be read again. Rows belong to no article: deleting or
importing a dossier leaves them as they are.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from parallax.core.store.cache import IN_CHUNK
from parallax.core.store.connection import Store
from parallax.core.store.models import JudgementCache


@dataclass(frozen=True)
class StoredJudgement:
    """One cached answer, as plain values."""

    score: float
    verdict: str
    probabilities: dict[str, float]  # answer -> probability
    features: dict[str, float]  # name -> value, the conflict flags among them


def load_judgements(store: Store, pair_hashes: Iterable[str], judge: str) -> dict[str, StoredJudgement]:
    """The cached answers of ``judge`` for these pairs, by pair hash; missing ones
    are left out, and so is a row that cannot be decoded (it is judged again and
    overwritten)."""
    wanted = sorted(set(pair_hashes))
    found: dict[str, StoredJudgement] = {}
    with store.transaction() as s:
        for k in range(0, len(wanted), IN_CHUNK):
            rows = s.execute(
                select(JudgementCache.pair_sha256, JudgementCache.score, JudgementCache.verdict,
                       JudgementCache.probabilities, JudgementCache.features).where(
                    JudgementCache.judge == judge,
                    JudgementCache.pair_sha256.in_(wanted[k:k + IN_CHUNK]),
                )
            ).all()
            for pair_sha256, score, verdict, probabilities, features in rows:
                got = _decode(score, verdict, probabilities, features)
                if got is not None:
                    found[pair_sha256] = got
    return found


def save_judgements(store: Store, judgements: Mapping[str, StoredJudgement], judge: str) -> None:
    """Store (or replace) these answers of ``judge`` (by pair hash) in one
    transaction, and drop every row of other judges."""
    if not judgements:
        return
    now = datetime.now()
    rows = [{"pair_sha256": key, "judge": judge, "created_at": now, "score": j.score,
             "verdict": j.verdict, "probabilities": json.dumps(j.probabilities, sort_keys=True),
             "features": json.dumps(j.features, sort_keys=True)}
            for key, j in judgements.items()]
    # An upsert, so two comparisons judging the same pair at once cannot collide.
    stmt = sqlite_insert(JudgementCache)
    stmt = stmt.on_conflict_do_update(
        index_elements=["pair_sha256", "judge"],
        set_={c: getattr(stmt.excluded, c)
              for c in ("created_at", "score", "verdict", "probabilities", "features")},
    )
    with store.transaction() as s:
        s.execute(stmt, rows)
        s.execute(delete(JudgementCache).where(JudgementCache.judge != judge))


def _decode(score: object, verdict: object, probabilities: object,
            features: object) -> StoredJudgement | None:
    """A row's values, or None when they are not what :func:`save_judgements` writes."""
    try:
        probs = json.loads(probabilities)  # type: ignore[arg-type]
        feats = json.loads(features)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (isinstance(score, float) and math.isfinite(score) and isinstance(verdict, str)
            and _numbers(probs) and _numbers(feats)):
        return None
    return StoredJudgement(score, verdict, probs, feats)


def _numbers(d: object) -> bool:
    """Whether ``d`` is a dict of names to finite numbers."""
    return isinstance(d, dict) and all(
        isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool)
        and math.isfinite(v) for k, v in d.items())
