"""Sentence similarity between two analysed texts: lexical, semantic, combined.

Depends on numpy and the analysis dataclasses. Lexical similarity is TF-IDF
cosine over content lemmas (stop words and punctuation left out, numbers and
names kept), with IDF from the sentences of both texts; semantic similarity is
the cosine of the sentence embeddings when both texts have them and the caller
allows it (the English encoder's vectors mean nothing for other languages).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from parallax.core.nlp.analysis import ArticleAnalysis


@dataclass(frozen=True)
class SimilarityConfig:
    semantic_weight: float = 0.5  # share of the embedding cosine in the combined score


@dataclass(frozen=True)
class SimilarityMatrices:
    lexical: np.ndarray  # (n_a, n_b) TF-IDF cosine
    semantic: np.ndarray | None  # (n_a, n_b) embedding cosine, if both sides have embeddings
    combined: np.ndarray
    a_bags: tuple[Counter, ...]  # content-lemma counts per sentence
    b_bags: tuple[Counter, ...]
    idf: dict[str, float]


def content_bag(analysis: ArticleAnalysis, i: int) -> Counter:
    """Content lemmas of sentence ``i`` (words that are not stop words)."""
    return Counter(t.norm for t in analysis.sentence_tokens(i) if t.is_word and not t.is_stop)


def similarity_matrices(
    a: ArticleAnalysis, b: ArticleAnalysis, config: SimilarityConfig = SimilarityConfig(),
    *, semantic: bool = True,
) -> SimilarityMatrices:
    """Sentence-by-sentence similarities; ``semantic=False`` keeps embeddings out."""
    a_bags = tuple(content_bag(a, i) for i in range(len(a.sentences)))
    b_bags = tuple(content_bag(b, i) for i in range(len(b.sentences)))
    idf = _idf([*a_bags, *b_bags])
    vocab = {w: k for k, w in enumerate(idf)}
    lexical = _cosine(_tfidf(a_bags, vocab, idf), _tfidf(b_bags, vocab, idf))
    use_embeddings, semantic = semantic, None
    if (use_embeddings and a.embeddings is not None and b.embeddings is not None and len(a.sentences)
            and len(b.sentences) and a.encoder == b.encoder):
        semantic = np.clip(a.embeddings @ b.embeddings.T, -1.0, 1.0).astype(np.float32)
    combined = lexical if semantic is None else (
        (1 - config.semantic_weight) * lexical + config.semantic_weight * semantic)
    return SimilarityMatrices(lexical, semantic, combined, a_bags, b_bags, idf)


def group_similarity(
    m: SimilarityMatrices, a: ArticleAnalysis, b: ArticleAnalysis,
    a_ids: Sequence[int], b_ids: Sequence[int], config: SimilarityConfig = SimilarityConfig(),
) -> float:
    """Combined similarity of the concatenation of sentences ``a_ids`` and ``b_ids``."""
    bag_a = sum((m.a_bags[i] for i in a_ids), Counter())
    bag_b = sum((m.b_bags[j] for j in b_ids), Counter())
    lex = _bag_cosine(bag_a, bag_b, m.idf)
    if m.semantic is None:
        return lex
    # The normalised mean of sentence vectors stands in for the merged sentence's vector.
    va = _unit(a.embeddings[list(a_ids)].sum(axis=0))
    vb = _unit(b.embeddings[list(b_ids)].sum(axis=0))
    sem = float(np.clip(va @ vb, -1.0, 1.0))
    return (1 - config.semantic_weight) * lex + config.semantic_weight * sem


def containment(m: SimilarityMatrices, side: str, x: int, others: Sequence[int]) -> float:
    """Share of sentence ``x``'s content weight (IDF) found in the ``others`` of the
    other side: high when ``x`` is a piece of a longer sentence there."""
    bag = (m.a_bags if side == "a" else m.b_bags)[x]
    other_bags = m.b_bags if side == "a" else m.a_bags
    there = set().union(*(other_bags[j].keys() for j in others)) if others else set()
    total = sum(m.idf.get(w, 1.0) for w in bag)
    return sum(m.idf.get(w, 1.0) for w in bag if w in there) / total if total else 0.0


def _idf(bags: Sequence[Counter]) -> dict[str, float]:
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in sorted(df.items())}


def _tfidf(bags: Sequence[Counter], vocab: dict[str, int], idf: dict[str, float]) -> np.ndarray:
    out = np.zeros((len(bags), len(vocab)), dtype=np.float32)
    for r, bag in enumerate(bags):
        for w, c in bag.items():
            out[r, vocab[w]] = (1.0 + math.log(c)) * idf[w]
    return out


def _cosine(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    nx = np.linalg.norm(x, axis=1, keepdims=True)
    ny = np.linalg.norm(y, axis=1, keepdims=True)
    nx[nx == 0] = 1.0
    ny[ny == 0] = 1.0
    return (x / nx) @ (y / ny).T


def _bag_cosine(p: Counter, q: Counter, idf: dict[str, float]) -> float:
    def weight(bag: Counter) -> dict[str, float]:
        return {w: (1.0 + math.log(c)) * idf.get(w, 1.0) for w, c in bag.items()}

    wp, wq = weight(p), weight(q)
    dot = sum(v * wq.get(w, 0.0) for w, v in wp.items())
    norm = math.sqrt(sum(v * v for v in wp.values())) * math.sqrt(sum(v * v for v in wq.values()))
    return dot / norm if norm else 0.0


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v
