"""N-way view of a dossier: story elements and shared text with its direction.

Depends on the pairwise comparisons only (plain data in, plain data out).
A story element is one statement told by several outlets: the connected
sentences of the alignment graph over all pairs. Shared text says, for
each pair (from its aligned sentences; "reuse" names only the passage detector
of ``parallax.core.reuse``), how much of one article's text comes from the other (verbatim or
edited vs paraphrased) and who took from whom, by publication date where known,
else by which text contains the other.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from parallax.core.align.compare import PairComparison
from parallax.core.align.sentences import PairKind
from parallax.core.align.words import Side
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


class DirectionBasis(str, enum.Enum):
    DATES = "dates"
    CONTAINMENT = "containment"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SharedText:
    """Text of ``target`` that comes from ``source`` (shares are of target's characters)."""

    source: int
    target: int
    share: float  # verbatim + edited + paraphrased
    verbatim_share: float  # verbatim and lightly edited sentences
    paraphrase_share: float
    basis: DirectionBasis


@dataclass(frozen=True)
class DossierAnalysis:
    elements: tuple[StoryElement, ...]
    shared: tuple[SharedText, ...]  # who took text from whom, by pair


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


def shared_text(
    texts: Mapping[int, str],
    published: Mapping[int, date | None],
    comparisons: Mapping[tuple[int, int], PairComparison],
    *, min_share: float = 0.1,
) -> list[SharedText]:
    """Who took text from whom, for every pair where enough text is shared (aligned sentences)."""
    links = []
    for (ia, ib), cmp in comparisons.items():
        share_b = _shares(cmp, Side.B, len(texts[ib]))
        share_a = _shares(cmp, Side.A, len(texts[ia]))
        if max(share_a.all, share_b.all) < min_share:
            continue
        da, db = published.get(ia), published.get(ib)
        if da and db and da != db:
            forward, basis = da < db, DirectionBasis.DATES
        elif abs(share_b.all - share_a.all) >= 0.15:
            # The text mostly made of the other's sentences is the one that took them.
            forward, basis = share_b.all > share_a.all, DirectionBasis.CONTAINMENT
        else:
            forward, basis = True, DirectionBasis.UNKNOWN
        src, dst, sh = (ia, ib, share_b) if forward else (ib, ia, share_a)
        links.append(SharedText(src, dst, round(sh.all, 3), round(sh.close, 3), round(sh.paraphrase, 3), basis))
    links.sort(key=lambda link: -link.share)
    return links


@dataclass(frozen=True)
class _Shares:
    """Shares of one side's characters in aligned sentences."""

    all: float
    close: float  # verbatim and edited
    paraphrase: float


def _shares(cmp: PairComparison, side: Side, length: int) -> _Shares:
    if length == 0:
        return _Shares(0.0, 0.0, 0.0)
    close = para = 0
    for p in cmp.alignment.pairs:
        start, end = p.span(side)
        n = end - start
        if p.kind is PairKind.PARAPHRASE:
            para += n
        else:
            close += n
    return _Shares((close + para) / length, close / length, para / length)


def dossier_analysis(
    texts: Mapping[int, str], published: Mapping[int, date | None],
    analyses: Mapping[int, ArticleAnalysis], comparisons: Mapping[tuple[int, int], PairComparison],
) -> DossierAnalysis:
    return DossierAnalysis(
        tuple(story_elements(analyses, comparisons)),
        tuple(shared_text(texts, published, comparisons)),
    )


def pair_keys(article_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Every unordered pair once, as (smaller id, larger id)."""
    ids = sorted(article_ids)
    return [(x, y) for k, x in enumerate(ids) for y in ids[k + 1:]]
