"""The engine's entry points: compare two articles, analyse a whole dossier.

Depends on the store, the cached per-article analysis (``parallax.core.analysis``)
and the alignment modules. Per-article analysis is cached in the store; pairs
are recomputed (they take milliseconds from cached analyses). Long runs take a
``should_cancel`` callback (raising ``Cancelled``) and a ``progress(done, total,
label)`` callback.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from parallax.core.align.compare import PairComparison, compare_analysed
from parallax.core.align.sentences import AlignConfig
from parallax.core.align.story import DossierAnalysis, dossier_analysis, pair_keys
from parallax.core.errors import InputError, check_cancel
from parallax.core.nlp.analysis import ArticleAnalysis
from parallax.core.store import library
from parallax.core.store.connection import Store

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ArticleComparison:
    a: library.ArticleText
    b: library.ArticleText
    a_analysis: ArticleAnalysis
    b_analysis: ArticleAnalysis
    comparison: PairComparison


@dataclass(frozen=True)
class DossierResult:
    articles: tuple[library.ArticleText, ...]
    analyses: dict[int, ArticleAnalysis]
    comparisons: dict[tuple[int, int], PairComparison]
    analysis: DossierAnalysis


def compare_articles(
    store: Store, a_id: int, b_id: int, *, config: AlignConfig = AlignConfig(),
    should_cancel: Callable[[], bool] | None = None, progress: Progress | None = None,
) -> ArticleComparison:
    """Align two stored articles (analysing them first if the cache lacks them)."""
    from parallax.core.analysis import analyse_articles

    a, b = library.get_article(store, a_id), library.get_article(store, b_id)
    analyses = analyse_articles(store, [a_id, b_id], should_cancel=should_cancel, progress=progress)
    check_cancel(should_cancel)
    cmp = compare_analysed(a.text, analyses[a_id], b.text, analyses[b_id], config,
                           should_cancel=should_cancel)
    return ArticleComparison(a, b, analyses[a_id], analyses[b_id], cmp)


def compare_texts(
    a_text: str, b_text: str, *, config: AlignConfig = AlignConfig(),
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[ArticleAnalysis, ArticleAnalysis, PairComparison]:
    """Align two texts that are not in the store (no cache)."""
    from parallax.core.nlp.pipeline import analyse_texts

    a, b = analyse_texts([a_text, b_text], should_cancel=should_cancel)
    return a, b, compare_analysed(a_text, a, b_text, b, config, should_cancel=should_cancel)


def analyse_dossier(
    store: Store, dossier_id: int, *, config: AlignConfig = AlignConfig(),
    should_cancel: Callable[[], bool] | None = None, progress: Progress | None = None,
) -> DossierResult:
    """Analyse every article, compare every pair, and build the N-way result."""
    from parallax.core.analysis import analyse_articles

    infos = library.list_articles(store, dossier_id)
    if not infos:
        raise InputError(f"dossier {dossier_id}", "has no articles")
    articles = tuple(library.get_article(store, i.id) for i in infos)
    ids = [a.info.id for a in articles]
    analyses = analyse_articles(store, ids, should_cancel=should_cancel, progress=progress)
    texts = {a.info.id: a.text for a in articles}
    keys = pair_keys(ids)
    comparisons: dict[tuple[int, int], PairComparison] = {}
    for k, (x, y) in enumerate(keys):
        check_cancel(should_cancel)
        if progress:
            progress(k, len(keys), "comparing pairs")
        comparisons[(x, y)] = compare_analysed(texts[x], analyses[x], texts[y], analyses[y],
                                               config, should_cancel=should_cancel)
    if progress:
        progress(len(keys), len(keys), "comparing pairs")
    published = {a.info.id: a.info.published for a in articles}
    return DossierResult(articles, analyses, comparisons,
                         dossier_analysis(texts, published, analyses, comparisons))


def dossier_result_to_dict(result: DossierResult) -> dict:
    """The JSON form of ``parallax dossier-analysis --json``."""
    texts = {a.info.id: a.text for a in result.articles}
    return {
        "articles": [
            {"id": a.info.id, "outlet": a.info.outlet, "title": a.info.title,
             "published": a.info.published.isoformat() if a.info.published else None,
             "sentences": len(result.analyses[a.info.id].sentences)}
            for a in result.articles
        ],
        "story_elements": [
            {"articles": len(e.members), "members": [
                {"article": m.article_id, "start": m.start, "end": m.end,
                 "paragraph": m.paragraph, "position": m.position,
                 "lead": m.paragraph == 0, "text": texts[m.article_id][m.start:m.end]}
                for m in e.members]}
            for e in result.analysis.elements
        ],
        "reuse": [
            {"source": r.source, "target": r.target, "share": r.share,
             "verbatim_share": r.verbatim_share, "paraphrase_share": r.paraphrase_share,
             "basis": r.basis.value}
            for r in result.analysis.links
        ],
    }
