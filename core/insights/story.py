"""N-way view of a dossier: story elements and shared text with its direction.

Depends on the pairwise comparisons and :mod:`parallax.core.insights.shared`
(plain data in, plain data out). A story element is one statement told by
several outlets: the connected sentences of the alignment graph over all
pairs. Shared text says, for each pair, how much of one article's text comes
from the other and who took from whom, from the reuse detector's passages
(never from aligned sentences alone: independent reports of one event say the
same things), with those passages as evidence; statements both articles quote
are listed apart.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from parallax.core.align.compare import PairComparison
from parallax.core.insights.shared import DirectionBasis, SharedQuote, SharedText, shared_text
from parallax.core.nlp.analysis import ArticleAnalysis


@dataclass(frozen=True)
class ElementMember:
    article_id: int
    sentences: tuple[int, ...]
    start: int
    end: int
    paragraph: int  # 0-based; 0 is the lead
    position: float  # 0.0 = top of the article, 1.0 = its end


@dataclass(frozen=True)
class StoryElement:
    members: tuple[ElementMember, ...]  # one per article carrying it, by article id

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(m.article_id for m in self.members)


@dataclass(frozen=True)
class DossierAnalysis:
    elements: tuple[StoryElement, ...]
    shared: tuple[SharedText, ...]  # who took text from whom, with the passages that show it
    quotes: tuple[SharedQuote, ...]  # statements two articles both quote (not reuse)


def story_elements(
    analyses: Mapping[int, ArticleAnalysis],
    comparisons: Mapping[tuple[int, int], PairComparison],
) -> list[StoryElement]:
    """Cluster aligned sentences across all pairs into story elements.

    Elements are ordered by how many articles carry them, then by how early
    they come on average.
    """
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for (ia, ib), cmp in comparisons.items():
        for p in cmp.alignment.pairs:
            nodes = [(ia, i) for i in p.a_sentences] + [(ib, j) for j in p.b_sentences]
            for n in nodes[1:]:
                union(nodes[0], n)
    clusters: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node in list(parent):
        clusters.setdefault(find(node), []).append(node)
    elements = []
    for nodes in clusters.values():
        by_article: dict[int, list[int]] = {}
        for art, sent in nodes:
            by_article.setdefault(art, []).append(sent)
        if len(by_article) < 2:
            continue
        members = []
        for art in sorted(by_article):
            sents = sorted(by_article[art])
            an = analyses[art]
            first, last = an.sentences[sents[0]], an.sentences[sents[-1]]
            n = max(1, len(an.sentences) - 1)
            members.append(ElementMember(art, tuple(sents), first.start, last.end,
                                         first.paragraph, round(sents[0] / n, 3)))
        elements.append(StoryElement(tuple(members)))
    elements.sort(key=lambda e: (-len(e.members), sum(m.position for m in e.members) / len(e.members)))
    return elements


def dossier_analysis(
    texts: Mapping[int, str], published: Mapping[int, date | None],
    analyses: Mapping[int, ArticleAnalysis], comparisons: Mapping[tuple[int, int], PairComparison],
    *, should_cancel: Callable[[], bool] | None = None,
) -> DossierAnalysis:
    links, quotes = shared_text(texts, published, list(comparisons), should_cancel=should_cancel)
    return DossierAnalysis(tuple(story_elements(analyses, comparisons)), tuple(links), tuple(quotes))


def pair_keys(article_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Every unordered pair once, as (smaller id, larger id)."""
    ids = sorted(article_ids)
    return [(x, y) for k, x in enumerate(ids) for y in ids[k + 1:]]


__all__ = ["DirectionBasis", "DossierAnalysis", "ElementMember", "SharedQuote", "SharedText",
           "StoryElement", "dossier_analysis", "pair_keys", "story_elements"]
