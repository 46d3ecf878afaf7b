"""What the comparison view marks, as plain data: spans per pane, stops, lookups.

Pure Python over core's results (``PairComparison``, ``ArticleAnalysis``); no Qt,
so it is tested without a display and the widgets only paint what it says (the
tooltip text is Qt rich text, but only a string). All
positions are Python character offsets into the article text, end exclusive;
the widgets convert them to Qt positions through ``parallax.desktop.text``.

Terms: pane A is the left article, pane B the right one. What differs is core's
vocabulary as it is (``Side``, ``DiffKind``, ``DiffSpan``, ``AlignedPair``): a word
edit is *replaced* (different words in both), *deleted* (words only in A) or
*inserted* (words only in B), and the pane without the words has an empty span,
shown as an insertion point. A *stop* is where next/previous difference goes.
"""
from __future__ import annotations

import html
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from parallax.core.align.compare import PairComparison
from parallax.core.align.entities import entity_key
from parallax.core.align.sentences import AlignedPair, PairKind, RelatedLink
from parallax.core.align.substitutions import Substitution
from parallax.core.align.words import DiffKind, DiffSpan, Side
from parallax.core.nlp.analysis import ArticleAnalysis, EntityKind

# The entity types a user can show or hide, in toolbar order, with their names.
ENTITY_KINDS: tuple[tuple[EntityKind, str], ...] = (
    (EntityKind.PERSON, "People"),
    (EntityKind.ORG, "Organisations"),
    (EntityKind.PLACE, "Places"),
    (EntityKind.DATE, "Dates"),
    (EntityKind.NUMBER, "Numbers"),
)


KIND_TITLES = {PairKind.VERBATIM: "Verbatim", PairKind.EDITED: "Edited", PairKind.PARAPHRASE: "Paraphrase"}
ENTITY_KIND_NAMES = {
    EntityKind.PERSON: "person", EntityKind.ORG: "organisation", EntityKind.PLACE: "place",
    EntityKind.DATE: "date", EntityKind.NUMBER: "number", EntityKind.OTHER: "other",
}


@dataclass(frozen=True)
class Stop:
    """A difference to go to: its span in this pane and the counterpart span in the other."""

    start: int
    end: int
    other_start: int
    other_end: int
    pair: int  # index into CompareMarks.pairs


@dataclass(frozen=True)
class StopStep:
    """Where next / previous difference goes."""

    index: int  # into PaneMarks.stops
    stop: Stop
    wrapped: bool  # it went past the last stop to the first (or back past the first to the last)


@dataclass(frozen=True)
class UnalignedStep:
    """Where next / previous unaligned sentence goes."""

    index: int  # into PaneMarks.unaligned
    span: tuple[int, int]
    wrapped: bool


@dataclass(frozen=True)
class EntityMark:
    start: int
    end: int
    kind: EntityKind
    key: str  # normalised text: the same entity has the same key (and colour) in both panes
    text: str


@dataclass(frozen=True)
class PaneMarks:
    """Everything one pane shows, each tuple sorted by start."""

    side: Side
    spans: tuple[DiffSpan, ...]  # core's spans of this side, as they are
    entities: tuple[EntityMark, ...]
    stops: tuple[Stop, ...]  # word edits, for next/previous difference
    sentences: tuple[tuple[int, int], ...]

    @cached_property
    def insert_points(self) -> tuple[int, ...]:
        """Where the other pane has words this one lacks (the empty word-edit spans)."""
        return tuple(sorted({s.start for s in self.spans if s.start == s.end
                             and s.kind in (DiffKind.INSERTED, DiffKind.DELETED)}))

    @cached_property
    def unaligned(self) -> tuple[tuple[int, int], ...]:
        """Sentences with no counterpart."""
        return tuple((s.start, s.end) for s in self.spans if s.kind is DiffKind.ONLY_HERE)


class CompareMarks:
    """The marks of both panes and lookups by position. Build with :func:`build_marks`."""

    def __init__(self, a: PaneMarks, b: PaneMarks, pairs: Sequence[AlignedPair],
                 substitutions: Sequence[Substitution], related: Sequence[RelatedLink] = ()) -> None:
        self.a = a
        self.b = b
        self.pairs = tuple(pairs)  # a pair's index here is its number in the gutter and the stops
        self.substitutions = tuple(substitutions)
        self.related = tuple(related)  # unaligned sentences linked, never marked
        self._by_side = {
            side: sorted(range(len(self.pairs)), key=lambda i, s=side: self.pairs[i].span(s))
            for side in Side
        }
        self._starts = {side: [self.pairs[i].span(side)[0] for i in order]
                        for side, order in self._by_side.items()}

    def pane(self, side: Side) -> PaneMarks:
        return self.a if side is Side.A else self.b

    def pair_at(self, side: Side, offset: int) -> int | None:
        """The index of the aligned pair whose span in ``side`` holds ``offset``, if any."""
        i = bisect_right(self._starts[side], offset) - 1
        # Groups do not overlap on one side, but look one back in case of touching spans.
        for index in self._by_side[side][max(0, i - 1):i + 1][::-1]:
            start, end = self.pairs[index].span(side)
            if start <= offset < end:
                return index
        return None

    def sentence_at(self, side: Side, offset: int) -> tuple[int, int] | None:
        """The sentence of ``side`` that holds ``offset`` (None between sentences)."""
        return _span_at(self.pane(side).sentences, offset)

    def unaligned_at(self, side: Side, offset: int) -> tuple[int, int] | None:
        return _span_at(self.pane(side).unaligned, offset)

    def entity_at(self, side: Side, offset: int) -> EntityMark | None:
        ents = self.pane(side).entities
        i = bisect_right([e.start for e in ents], offset) - 1
        if i >= 0 and ents[i].start <= offset < ents[i].end:
            return ents[i]
        return None

    def next_stop(self, side: Side, offset: int, *, current: int | None = None,
                  backward: bool = False) -> StopStep | None:
        """The next (or previous) word edit of ``side``, going round at either end.

        Args:
            offset: where the reader is (the cursor), used when ``current`` is None.
            current: the index of the stop shown now. The walk goes on from it, not
                from the cursor, because an insertion point is an empty span that
                leaves nothing selected to go on from.

        Returns:
            None only when the pane has no stops.
        """
        stops = self.pane(side).stops
        found = _next([s.start for s in stops], offset, current, backward)
        if found is None:
            return None
        return StopStep(found[0], stops[found[0]], found[1])

    def counterpart_index(self, side: Side, index: int) -> int | None:
        """The index, among the other pane's stops, of the same edit as stop ``index`` of ``side``."""
        s = self.pane(side).stops[index]
        try:
            return self.pane(side.other).stops.index(Stop(s.other_start, s.other_end, s.start, s.end, s.pair))
        except ValueError:
            return None

    def next_unaligned(self, side: Side, offset: int, *, current: int | None = None,
                       backward: bool = False) -> UnalignedStep | None:
        """The next (or previous) sentence of ``side`` without counterpart, going round
        at either end like :meth:`next_stop`; ``current`` is the index of the one shown
        now. None only when every sentence of ``side`` has a counterpart."""
        spans = self.pane(side).unaligned
        found = _next([s[0] for s in spans], offset, current, backward)
        if found is None:
            return None
        return UnalignedStep(found[0], spans[found[0]], found[1])


def build_marks(a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
                comparison: PairComparison) -> CompareMarks:
    """The marks of both panes for one comparison (texts and analyses as given to the engine)."""
    stops: dict[Side, list[Stop]] = {Side.A: [], Side.B: []}
    for i, p in enumerate(comparison.pairs):
        for e in p.edits:
            stops[Side.A].append(Stop(e.a_start, e.a_end, e.b_start, e.b_end, i))
            stops[Side.B].append(Stop(e.b_start, e.b_end, e.a_start, e.a_end, i))

    def pane(side: Side, text: str, analysis: ArticleAnalysis) -> PaneMarks:
        return PaneMarks(
            side=side,
            spans=comparison.side(side).spans,
            entities=tuple(entity_marks(text, analysis)),
            stops=tuple(sorted(stops[side], key=lambda s: (s.start, s.end, s.pair))),
            sentences=tuple((s.start, s.end) for s in analysis.sentences),
        )

    return CompareMarks(pane(Side.A, a_text, a), pane(Side.B, b_text, b),
                        comparison.pairs, comparison.substitutions, comparison.alignment.related)


def _judged(pair: AlignedPair) -> str:
    """The judge's word on an aligned pair, for the hover text ("" if it was not asked)."""
    if pair.judged is None:
        return ""
    if pair.judge_verdict != "same":
        return f" · the judge's chance of the same statement: {pair.judged:.0%}"
    if pair.grounds:  # a rule's "same" (the same words, a list reordered) says why, not a 100%
        return f" · judged the same statement: {html.escape('; '.join(pair.grounds))}"
    # The judge says "same" from a P(same) below one half (its answers are
    # three): such a call is a narrow one, and the tooltip says so.
    return f" · judged the same statement{'' if pair.judged >= 0.5 else ', narrowly'} ({pair.judged:.0%})"


def hover_text(marks: CompareMarks, side: Side, offset: int, *, texts: dict[Side, str],
               names: dict[Side, str], entity_kinds: Iterable[EntityKind]) -> str | None:
    """The tooltip (Qt rich text) for ``offset`` of ``side``: the counterpart with kind and
    score, or that the sentence has none; and the entity there, if its kind is shown."""
    lines = []
    index = marks.pair_at(side, offset)
    if index is not None:
        pair = marks.pairs[index]
        o_start, o_end = pair.span(side.other)
        moved = " · moved" if pair.moved else ""
        lines.append(f"<b>{KIND_TITLES[pair.kind]}</b> · score {pair.score:.2f}{_judged(pair)}{moved}")
        if pair.differences:
            lines.append(f"<b>States it differently:</b> {html.escape('; '.join(pair.differences))}")
        counterpart = " ".join(texts[side.other][o_start:o_end].split())
        if len(counterpart) > 400:
            counterpart = counterpart[:399] + "…"
        lines.append(f"<i>{html.escape(names[side.other])}:</i> {html.escape(counterpart)}")
    elif (sentence := marks.unaligned_at(side, offset)) is not None:
        lines.append(f"<b>Only in {html.escape(names[side])}</b>: "
                     f"no counterpart in {html.escape(names[side.other])}")
        for link in marks.related:
            if link.span(side) == sentence:
                o_start, o_end = link.span(side.other)
                why = f" ({html.escape('; '.join(link.conflicts))})" if link.conflicts else ""
                lines.append(f"Related, not the same statement{why}, in {html.escape(names[side.other])}: "
                             f"{html.escape(' '.join(texts[side.other][o_start:o_end].split())[:400])}")
    ent = marks.entity_at(side, offset)
    if ent is not None and ent.kind in set(entity_kinds):
        lines.append(f"Entity: <b>{html.escape(ent.text)}</b> ({ENTITY_KIND_NAMES[ent.kind]})")
    return "<p style='white-space:normal'>" + "<br>".join(lines) + "</p>" if lines else None


def entity_marks(text: str, analysis: ArticleAnalysis) -> list[EntityMark]:
    """The entities of the toggleable kinds, sorted, each with its normalised key."""
    shown = {kind for kind, _ in ENTITY_KINDS}
    out = [EntityMark(e.start, e.end, e.kind, entity_key(text[e.start:e.end]), text[e.start:e.end])
           for e in analysis.entities if e.kind in shown and e.end > e.start]
    return sorted(out, key=lambda e: (e.start, e.end))


def entity_hue(key: str) -> int:
    """A stable hue (0-359) for an entity key: the same in both panes and in every run."""
    # crc32 is stable across processes (str hash is salted); golden-ratio spread
    # keeps neighbouring checksums from landing on neighbouring hues.
    return int((zlib.crc32(key.encode("utf-8")) * 0.618033988749895) % 1.0 * 360)


def _span_at(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    i = bisect_right([s for s, _ in spans], offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return None


def _next(starts: Sequence[int], offset: int, current: int | None,
          backward: bool) -> tuple[int, bool] | None:
    """(index, went round) of the stop after (before) ``current``, else at or after
    (before) ``offset``; ``starts`` are the stops' start offsets, in order."""
    n = len(starts)
    if n == 0:
        return None
    if current is not None and 0 <= current < n:
        i = current - 1 if backward else current + 1
    elif backward:
        i = bisect_left(starts, offset) - 1
    else:
        i = bisect_left(starts, offset)
    if i >= n:
        return 0, True
    if i < 0:
        return n - 1, True
    return i, False


def next_article(order: Sequence[int], article_id: int, present: Collection[int], *,
                 avoid: int | None) -> int | None:
    """The article to show where ``article_id`` was: itself if still ``present``, else the
    first present one after it in the old ``order`` (going round; then any present one);
    never ``avoid`` (the other side's)."""
    if article_id in present and article_id != avoid:
        return article_id
    at = order.index(article_id) if article_id in order else len(order)
    for candidate in [*order[at + 1:], *order[:at], *present]:
        if candidate in present and candidate != avoid:
            return candidate
    return None
