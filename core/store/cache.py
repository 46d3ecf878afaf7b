"""The analysis cache: per-text analyses stored in the ``analysis_cache`` table.

Depends on SQLAlchemy (its SQLite dialect, like the rest of the store), the
store models and the analysis dataclasses (numpy); never on spaCy or the
sentence encoder, so reading cached analyses stays cheap.
Rows are keyed by text hash, analyser (the models, see
:func:`parallax.core.nlp.version.analyser_id`) and version (the pipeline's code,
:data:`parallax.core.nlp.version.ANALYSER_VERSION`): a row made by other models
or older code is simply not found, and the analysis is computed again. Saving
an analysis deletes the rows of the same texts and models made by other code
versions: they would never be read again.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from parallax.core.nlp.analysis import ArticleAnalysis
from parallax.core.store.connection import Store
from parallax.core.store.models import AnalysisCache

# SQLite allows at most 999 bound parameters per statement in older builds.
IN_CHUNK = 500
# What a damaged or foreign payload raises in ArticleAnalysis.from_bytes.
# (ValueError covers bad JSON, bad UTF-8 and a bad numpy header.)
_DECODE_ERRORS = (zlib.error, ValueError, KeyError, TypeError, IndexError, EOFError)


def load_cached(
    store: Store, text_hashes: Iterable[str], analyser: str, version: str,
) -> dict[str, ArticleAnalysis]:
    """The cached analyses of these texts, by text hash; missing ones are left out.

    A row that cannot be decoded counts as missing (it is recomputed and
    overwritten), so a damaged cache never stops an analysis.
    """
    wanted = sorted(set(text_hashes))
    found: dict[str, ArticleAnalysis] = {}
    with store.transaction() as s:
        for k in range(0, len(wanted), IN_CHUNK):
            rows = s.execute(
                select(AnalysisCache.text_sha256, AnalysisCache.payload).where(
                    AnalysisCache.analyser == analyser,
                    AnalysisCache.version == version,
                    AnalysisCache.text_sha256.in_(wanted[k:k + IN_CHUNK]),
                )
            ).all()
            for text_sha256, payload in rows:
                try:
                    analysis = ArticleAnalysis.from_bytes(payload)
                except _DECODE_ERRORS:
                    continue
                if analysis.text_sha256 == text_sha256:
                    found[text_sha256] = analysis
    return found


def save_cached(
    store: Store, analyses: Sequence[ArticleAnalysis], analyser: str, version: str,
) -> None:
    """Store (or replace) these analyses under ``analyser`` and ``version``, in one
    transaction, and drop the rows of the same texts and analyser made by other versions."""
    if not analyses:
        return
    now = datetime.now()
    rows = [{"text_sha256": a.text_sha256, "analyser": analyser, "version": version,
             "created_at": now, "payload": a.to_bytes()}
            for a in {a.text_sha256: a for a in analyses}.values()]
    # An upsert, so two analyses of the same text racing to save cannot collide.
    stmt = sqlite_insert(AnalysisCache)
    stmt = stmt.on_conflict_do_update(
        index_elements=["text_sha256", "analyser", "version"],
        set_={"created_at": stmt.excluded.created_at, "payload": stmt.excluded.payload},
    )
    hashes = [r["text_sha256"] for r in rows]
    with store.transaction() as s:
        s.execute(stmt, rows)
        for k in range(0, len(hashes), IN_CHUNK):
            s.execute(delete(AnalysisCache).where(
                AnalysisCache.analyser == analyser,
                AnalysisCache.version != version,
                AnalysisCache.text_sha256.in_(hashes[k:k + IN_CHUNK]),
            ))
