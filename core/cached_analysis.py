"""Per-article analysis, cached in the store: what the engine calls.

Depends on the store (:mod:`~parallax.core.store.library` for texts,
:mod:`~parallax.core.store.cache` for results) and on the constants of
:mod:`parallax.core.nlp.version`. The spaCy pipeline is imported only when a
text is missing from the cache, so opening a dossier whose analyses are cached
loads neither spaCy nor the embedding model (a test checks ``sys.modules``).

Cache key: the text's hash, the analyser (spaCy model and version + the encoder
model id, or ``"none"`` when the embedding model is not installed: installing it
later makes every analysis be computed again, with embeddings) and
:data:`~parallax.core.nlp.version.ANALYSER_VERSION`.

The cache holds what the models say about a text; what an *article* shows also
depends on its stored language (:func:`for_language`: the English entity model
says nothing about a Finnish article), so a corrected language needs no new
analysis. :func:`dossier_entity_kinds` makes entity kinds agree across a
dossier (``parallax.core.align.entities``).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from parallax.core.errors import Progress, check_cancel
from parallax.core.ingest.language import english_models_apply
from parallax.core.ingest.model import text_hash
from parallax.core.nlp.analysis import ArticleAnalysis, EntityKind
from parallax.core.nlp.version import ANALYSER_VERSION, ENCODER_MODEL_ID, analyser_id
from parallax.core.store import library
from parallax.core.store.cache import load_cached, save_cached
from parallax.core.store.connection import Store

LABEL = "analysing texts"


def analyse_articles(
    store: Store, article_ids: Iterable[int], *,
    should_cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
    version: str = ANALYSER_VERSION,
    before_analysis: Callable[[], None] | None = None,
) -> dict[int, ArticleAnalysis]:
    """The analysis of each stored article, from the cache or computed (then cached).

    Args:
        store: the open store holding the articles and the cache.
        article_ids: articles to analyse; repeats are fine.
        should_cancel: polled during the analysis of uncached texts.
        progress: ``progress(done, total, label)``.
        version: the analyser version to look up and save under; the
            default is the current pipeline's (tests pass others).
        before_analysis: called once before texts missing from the cache
            are analysed (not called when all are cached).

    Returns:
        ``{article_id: analysis}`` for every id given, as :func:`for_language`
        leaves it for the article's stored language.

    Raises:
        InputError: an id is not in the store.
        Cancelled: ``should_cancel`` returned true.
    """
    ids = list(dict.fromkeys(article_ids))
    check_cancel(should_cancel)
    articles = {i: library.get_article(store, i) for i in ids}
    texts = {i: a.text for i, a in articles.items()}
    hashes = {i: text_hash(t) for i, t in texts.items()}
    analyser = current_analyser()
    found = load_cached(store, hashes.values(), analyser, version)
    missing = list(dict.fromkeys(texts[i] for i in ids if hashes[i] not in found))
    if missing:
        from parallax.core.nlp.pipeline import analyse_texts

        if before_analysis is not None:
            before_analysis()

        fresh = analyse_texts(missing, should_cancel=should_cancel, progress=progress)
        # Each row's key says how it was really made (normally == analyser).
        for encoder in {a.encoder for a in fresh}:
            save_cached(store, [a for a in fresh if a.encoder == encoder],
                        analyser_id(encoder), version)
        found.update((a.text_sha256, a) for a in fresh)
    elif progress:
        progress(len(ids), len(ids), LABEL)
    return {i: for_language(found[hashes[i]], articles[i].info.language) for i in ids}


def analyse_text(text: str, *, language: str | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> ArticleAnalysis:
    """Analyse a text that is not in the store (nothing is cached); ``language``
    as :func:`for_language` takes it."""
    from parallax.core.nlp.pipeline import analyse_texts

    return for_language(analyse_texts([text], should_cancel=should_cancel)[0], language)


def for_language(analysis: ArticleAnalysis, language: str | None) -> ArticleAnalysis:
    """The analysis as an article in ``language`` may show it: without entities
    when the English model cannot read that language (they would be nonsense)."""
    if english_models_apply(language) or not analysis.entities:
        return analysis
    return dataclasses.replace(analysis, entities=())


def dossier_entity_kinds(
    store: Store, dossier_ids: Iterable[int], known: Mapping[int, ArticleAnalysis],
) -> dict[str, EntityKind]:
    """Entity kinds reconciled over the articles of these dossiers.

    ``known`` are analyses at hand (by article id); the other articles count
    with their cached analyses only. Nothing is computed here: a comparison of
    two articles never waits for the rest of the dossier, and once the dossier
    has been analysed every article counts.
    """
    from parallax.core.align.entities import reconcile_entity_kinds

    infos = [i for d in dict.fromkeys(dossier_ids) for i in library.list_articles(store, d)
             if i.id not in known]
    cached = load_cached(store, {i.text_sha256 for i in infos}, current_analyser(), ANALYSER_VERSION)
    others = [for_language(cached[i.text_sha256], i.language) for i in infos if i.text_sha256 in cached]
    return reconcile_entity_kinds([*known.values(), *others])


def current_analyser() -> str:
    """The analyser id an analysis made now would have, without loading any model."""
    from parallax.core.nlp.encoder import model_dir  # numpy only; the weights stay unread

    return analyser_id(ENCODER_MODEL_ID if model_dir() is not None else "none")
