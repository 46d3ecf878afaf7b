"""The engine's entry points: compare two articles (or two unstored texts), analyse
a whole dossier. Callers outside core reach them through ``parallax.core.workspace``.

Depends on the store, the cached per-article analysis (``parallax.core.cached_analysis``),
the cached pair judge (``parallax.core.cached_judge``) and the alignment modules.
Per-article analysis and the pair judge's answers are cached in the store; pairs
are recomputed (they take milliseconds from cached analyses and answers). Long runs take a
``should_cancel`` callback (raising ``Cancelled``) and a ``progress(done, total,
label)`` callback.

Languages: each article's stored language goes to the alignment (embeddings
only between articles the English encoder reads) and to the analysis (no
entities for other languages). Entity kinds agree across the dossier
(``parallax.core.align.entities``): a name the model calls a person in one
article is a person in every article the user sees.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from parallax.core.align.compare import PairComparison, compare_analysed, comparison_steps
from parallax.core.align.entities import reconcile_entity_kinds, with_entity_kinds
from parallax.core.align.judged import answer_all
from parallax.core.align.sentences import AlignConfig
from parallax.core.align.words import Side
from parallax.core.insights.shared import Passage, SharedQuote
from parallax.core.insights.story import DossierAnalysis, dossier_analysis, pair_keys
from parallax.core.errors import InputError, Progress, check_cancel
from parallax.core.nlp.analysis import ArticleAnalysis
from parallax.core.store import library
from parallax.core.store.connection import Store


@dataclass(frozen=True)
class AnalysedArticle(library.ArticleText):
    """A stored article with its analysis (entity kinds as its dossier agrees on them)."""

    analysis: ArticleAnalysis


@dataclass(frozen=True)
class ArticleComparison:
    a: AnalysedArticle
    b: AnalysedArticle
    comparison: PairComparison

    def side(self, side: Side) -> AnalysedArticle:
        return self.a if side is Side.A else self.b


@dataclass(frozen=True)
class AnalysedText:
    """A text that is not in the store, with its analysis (it has no article id)."""

    text: str
    analysis: ArticleAnalysis


@dataclass(frozen=True)
class TextComparison:
    a: AnalysedText
    b: AnalysedText
    comparison: PairComparison


@dataclass(frozen=True)
class DossierResult:
    articles: tuple[library.ArticleText, ...]
    analyses: dict[int, ArticleAnalysis]
    comparisons: dict[tuple[int, int], PairComparison]
    analysis: DossierAnalysis

    def to_dict(self) -> dict:
        """The JSON form of ``parallax dossier-analysis --json``."""
        return _dossier_json(self)


def compare_articles(
    store: Store, a_id: int, b_id: int, *, config: AlignConfig = AlignConfig(),
    should_cancel: Callable[[], bool] | None = None, progress: Progress | None = None,
) -> ArticleComparison:
    """Align two stored articles (analysing them first if the cache lacks them).

    Entity kinds are reconciled over the articles' dossiers (those in the cache).
    """
    from parallax.core.cached_analysis import analyse_articles, dossier_entity_kinds
    from parallax.core.cached_judge import stored_judge

    a, b = library.get_article(store, a_id), library.get_article(store, b_id)
    analyses = analyse_articles(store, [a_id, b_id], should_cancel=should_cancel, progress=progress,
                                before_analysis=_judge_loader(config))
    check_cancel(should_cancel)
    kinds = dossier_entity_kinds(store, (a.info.dossier_id, b.info.dossier_id), analyses)
    a_an, b_an = (with_entity_kinds(analyses[i], kinds) for i in (a_id, b_id))
    cmp = compare_analysed(a.text, a_an, b.text, b_an, config, should_cancel=should_cancel,
                           languages=(a.info.language, b.info.language), judge=stored_judge(store))
    return ArticleComparison(AnalysedArticle(a.info, a.text, a_an), AnalysedArticle(b.info, b.text, b_an), cmp)


def compare_texts(
    a_text: str, b_text: str, *, config: AlignConfig = AlignConfig(),
    should_cancel: Callable[[], bool] | None = None,
    languages: tuple[str | None, str | None] = (None, None),
) -> TextComparison:
    """Align two texts that are not in the store (no cache; the pair judge's
    answers are kept in this process only); ``languages`` are theirs if known
    (see :func:`~parallax.core.cached_analysis.for_language`)."""
    from parallax.core.cached_analysis import for_language
    from parallax.core.cached_judge import memo_judge
    from parallax.core.nlp.pipeline import analyse_texts

    a, b = (for_language(x, lang) for x, lang in
            zip(analyse_texts([a_text, b_text], should_cancel=should_cancel), languages))
    kinds = reconcile_entity_kinds([a, b])
    a, b = with_entity_kinds(a, kinds), with_entity_kinds(b, kinds)
    return TextComparison(AnalysedText(a_text, a), AnalysedText(b_text, b),
                          compare_analysed(a_text, a, b_text, b, config, should_cancel=should_cancel,
                                           languages=languages, judge=memo_judge))


def _judge_loader(config: AlignConfig) -> Callable[[], None] | None:
    """For ``analyse_articles(before_analysis=...)``: when texts must be analysed,
    their pairs' judgements are not cached either, so the pair judge's models
    load on a thread of their own while spaCy analyses on the other core."""
    if not config.judge.enabled:
        return None

    def load() -> None:
        from parallax.core.pairs.judge import preload

        try:
            preload()
        except Exception:  # noqa: BLE001 - the judge's own first call loads again and reports it
            pass

    return lambda: threading.Thread(target=load, name="parallax-judge-load", daemon=True).start()


def analyse_dossier(
    store: Store, dossier_id: int, *, config: AlignConfig = AlignConfig(),
    should_cancel: Callable[[], bool] | None = None, progress: Progress | None = None,
) -> DossierResult:
    """Analyse every article, compare every pair, and build the N-way result."""
    from parallax.core.cached_analysis import analyse_articles
    from parallax.core.cached_judge import stored_judge

    infos = library.list_articles(store, dossier_id)
    if not infos:
        raise InputError(f"dossier {dossier_id}", "has no articles")
    articles = tuple(library.get_article(store, i.id) for i in infos)
    ids = [a.info.id for a in articles]
    analyses = analyse_articles(store, ids, should_cancel=should_cancel, progress=progress,
                                before_analysis=_judge_loader(config))
    kinds = reconcile_entity_kinds(analyses.values())
    analyses = {i: with_entity_kinds(an, kinds) for i, an in analyses.items()}
    texts = {a.info.id: a.text for a in articles}
    languages = {a.info.id: a.info.language for a in articles}
    keys = pair_keys(ids)
    check_cancel(should_cancel)
    if progress:
        progress(0, len(keys), "comparing pairs")
    # The pairs' questions for the judge go to it pooled: a few calls of many
    # sentence pairs each, not one small call per pair of articles.
    steps = [comparison_steps(texts[x], analyses[x], texts[y], analyses[y], config,
                              should_cancel=should_cancel, languages=(languages[x], languages[y]))
             for x, y in keys]
    compared = answer_all(steps, stored_judge(store), should_cancel=should_cancel,
                          progress=(lambda done, total: progress(done, total, "comparing pairs"))
                          if progress else None)
    comparisons: dict[tuple[int, int], PairComparison] = dict(zip(keys, compared))
    published = {a.info.id: a.info.published for a in articles}
    return DossierResult(articles, analyses, comparisons,
                         dossier_analysis(texts, published, analyses, comparisons,
                                          should_cancel=should_cancel))


def _dossier_json(result: DossierResult) -> dict:
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
        # "reuse" is the published JSON key: claims backed by the detector's passages.
        "reuse": [
            {"source": r.source, "target": r.target, "share": r.share,
             "verbatim_share": r.verbatim_share, "reworded_share": r.reworded_share,
             "basis": r.basis.value,
             "passages": [_passage_json(p, texts[r.source], texts[r.target]) for p in r.passages],
             "quotes": [_quote_json(q, texts) for q in r.quotes]}
            for r in result.analysis.shared
        ],
        "quotes": [_quote_json(q, texts) for q in result.analysis.quotes],
    }


def _short(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _passage_json(p: Passage, source_text: str, target_text: str) -> dict:
    return {"source_start": p.source_start, "source_end": p.source_end,
            "target_start": p.target_start, "target_end": p.target_end,
            "kind": p.kind.value, "score": p.score,
            "text": _short(target_text[p.target_start:p.target_end]),
            "source_text": _short(source_text[p.source_start:p.source_end])}


def _quote_json(q: SharedQuote, texts: dict[int, str]) -> dict:
    return {"a": q.a, "b": q.b, "a_start": q.a_start, "a_end": q.a_end,
            "b_start": q.b_start, "b_end": q.b_end, "text": _short(texts[q.a][q.a_start:q.a_end])}
