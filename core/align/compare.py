"""Compare two analysed texts: aligned sentences, word edits, one-sided sentences,
substitutions, and per side the spans that differ (``DiffSpan``: the one
vocabulary the view and the report map to their looks).

Depends on the alignment modules only; the result is plain data (``to_dict``
gives the JSON form of ``parallax compare --json``). Comparing B with A gives
exactly the mirror of comparing A with B (``mirrored``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from parallax.core.align.judged import Asking, PairJudge, answer
from parallax.core.align.sentences import AlignConfig, AlignedPair, Alignment, alignment_steps
from parallax.core.align.substitutions import Substitution, substitutions
from parallax.core.align.words import DiffKind, DiffSpan, Side
from parallax.core.nlp.analysis import ArticleAnalysis

# The JSON of `parallax compare --json` is a published format: its word-edit verbs stay.
_JSON_OP = {DiffKind.REPLACED: "replace", DiffKind.INSERTED: "insert", DiffKind.DELETED: "delete"}


@dataclass(frozen=True)
class ComparedSide:
    """What differs in one text of a comparison, sorted by (start, end).

    Word edits (an empty span where only the other side has words), sentences
    with no counterpart (``ONLY_HERE``) and the spans of moved pairs (``MOVED``).
    """

    spans: tuple[DiffSpan, ...]

    def of_kind(self, kind: DiffKind) -> tuple[DiffSpan, ...]:
        return tuple(s for s in self.spans if s.kind is kind)

    def mirrored(self) -> ComparedSide:
        """The same spans with the kinds read from the other side."""
        return ComparedSide(tuple(DiffSpan(s.start, s.end, s.kind.mirrored()) for s in self.spans))


@dataclass(frozen=True)
class PairComparison:
    alignment: Alignment
    a: ComparedSide
    b: ComparedSide
    substitutions: tuple[Substitution, ...]

    @property
    def pairs(self) -> tuple[AlignedPair, ...]:
        return self.alignment.pairs

    def side(self, side: Side) -> ComparedSide:
        return self.a if side is Side.A else self.b

    def mirrored(self) -> PairComparison:
        """The comparison of B with A: sides exchanged, substitutions reversed, same ranking."""
        return PairComparison(self.alignment.mirrored(), self.b.mirrored(), self.a.mirrored(),
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
                    # Why the pair is aligned: the judge's answer where it was asked
                    # (null: the wording settled it, or the texts are not English).
                    # "grounds": why, when a rule (the same words, a list reordered) decided, not the model.
                    "judge": None if p.judged is None else {"verdict": p.judge_verdict, "probability": p.judged,
                                                            "grounds": list(p.grounds)},
                    # What the two sides state differently (a number, a negation, opposite words).
                    "differences": list(p.differences),
                    "edits": [
                        {"op": _JSON_OP[e.kind], "a_start": e.a_start, "a_end": e.a_end,
                         "b_start": e.b_start, "b_end": e.b_end}
                        for e in p.edits
                    ],
                }
                for p in self.alignment.pairs
            ],
            # Unaligned sentences about the same thing that state different things.
            "related": [
                {"a_start": r.a_start, "a_end": r.a_end, "b_start": r.b_start, "b_end": r.b_end,
                 "a_sentence": r.a_sentence, "b_sentence": r.b_sentence,
                 "verdict": "related", "probability": r.probability, "conflicts": list(r.conflicts)}
                for r in self.alignment.related
            ],
            "only_a": [[s.start, s.end] for s in self.a.of_kind(DiffKind.ONLY_HERE)],
            "only_b": [[s.start, s.end] for s in self.b.of_kind(DiffKind.ONLY_HERE)],
            "substitutions": [{"a": s.a, "b": s.b, "count": s.count, "score": s.score}
                              for s in self.substitutions],
        }


def compare_analysed(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    config: AlignConfig = AlignConfig(), *, should_cancel: Callable[[], bool] | None = None,
    languages: tuple[str | None, str | None] = (None, None), judge: PairJudge | None = None,
) -> PairComparison:
    """Compare two analysed texts; ``languages`` and ``judge`` as
    :func:`~parallax.core.align.sentences.align_sentences` takes them."""
    return answer(comparison_steps(a_text, a, b_text, b, config, should_cancel=should_cancel,
                                   languages=languages), judge, should_cancel=should_cancel)


def comparison_steps(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    config: AlignConfig = AlignConfig(), *, should_cancel: Callable[[], bool] | None = None,
    languages: tuple[str | None, str | None] = (None, None),
) -> Asking[PairComparison]:
    """:func:`compare_analysed` as an asking computation
    (:data:`~parallax.core.align.judged.Asking`): the questions of many
    comparisons go to the judge in one call through
    :func:`~parallax.core.align.judged.answer_all`."""
    alignment = yield from alignment_steps(a_text, a, b_text, b, config, should_cancel=should_cancel,
                                           languages=languages)
    return PairComparison(
        alignment, compared_side(alignment, Side.A, a), compared_side(alignment, Side.B, b),
        tuple(substitutions(a_text, a, b_text, b, alignment.pairs)),
    )


def compared_side(alignment: Alignment, side: Side, analysis: ArticleAnalysis) -> ComparedSide:
    """The difference spans of ``side``: word edits, one-sided sentences, moved pairs."""
    spans = [e.on(side) for p in alignment.pairs for e in p.edits]
    spans += [DiffSpan(analysis.sentences[i].start, analysis.sentences[i].end, DiffKind.ONLY_HERE)
              for i in alignment.unaligned(side)]
    spans += [DiffSpan(*p.span(side), DiffKind.MOVED) for p in alignment.pairs if p.moved]
    return ComparedSide(tuple(sorted(spans, key=lambda s: (s.start, s.end))))
