"""Compare two analysed texts: aligned sentences, word edits, one-sided sentences,
substitutions. Depends on the alignment modules only; the result is plain data
(``to_dict`` gives the JSON form of ``parallax compare --json``). Comparing B
with A gives exactly the mirror of comparing A with B (``mirrored``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from parallax.core.align.sentences import AlignConfig, Alignment, align_sentences
from parallax.core.align.substitutions import Substitution, substitutions
from parallax.core.align.words import EditOp
from parallax.core.nlp.analysis import ArticleAnalysis


@dataclass(frozen=True)
class PairComparison:
    alignment: Alignment
    only_a: tuple[tuple[int, int], ...]  # character spans of A's sentences with no counterpart
    only_b: tuple[tuple[int, int], ...]
    substitutions: tuple[Substitution, ...]

    def mirrored(self) -> PairComparison:
        """The comparison of B with A: sides exchanged, substitutions reversed, same ranking."""
        return PairComparison(self.alignment.mirrored(), self.only_b, self.only_a,
                              tuple(s.mirrored() for s in self.substitutions))

    def to_dict(self, a_text: str, b_text: str) -> dict:
        return {
            "a": {"text": a_text},
            "b": {"text": b_text},
            "semantic": self.alignment.semantic,
            "pairs": [
                {
                    "a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end,
                    "a_sentences": list(p.a_sentences), "b_sentences": list(p.b_sentences),
                    "kind": p.kind.value, "score": p.score, "moved": p.moved,
                    "edits": [
                        {"op": e.op.value, "a_start": e.a_start, "a_end": e.a_end,
                         "b_start": e.b_start, "b_end": e.b_end}
                        for e in p.edits
                    ],
                }
                for p in self.alignment.pairs
            ],
            "only_a": [list(s) for s in self.only_a],
            "only_b": [list(s) for s in self.only_b],
            "substitutions": [{"a": s.a, "b": s.b, "count": s.count, "score": s.score}
                              for s in self.substitutions],
        }


def compare_analysed(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    config: AlignConfig = AlignConfig(), *, should_cancel: Callable[[], bool] | None = None,
    languages: tuple[str | None, str | None] = (None, None),
) -> PairComparison:
    """Compare two analysed texts; ``languages`` as :func:`align_sentences` takes them."""
    alignment = align_sentences(a_text, a, b_text, b, config, should_cancel=should_cancel,
                                languages=languages)
    replaced = [((e.a_start, e.a_end, e.b_start, e.b_end), (p.a_start, p.a_end, p.b_start, p.b_end))
                for p in alignment.pairs for e in p.edits if e.op is EditOp.REPLACE]
    return PairComparison(
        alignment,
        tuple((a.sentences[i].start, a.sentences[i].end) for i in alignment.only_a),
        tuple((b.sentences[j].start, b.sentences[j].end) for j in alignment.only_b),
        tuple(substitutions(a_text, a, b_text, b, replaced)),
    )
