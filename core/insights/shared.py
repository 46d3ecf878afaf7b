"""Who took text from whom in a dossier, with the passages that show it, and the
statements two articles both quote.

Depends on :mod:`parallax.core.reuse.evidence` only (imported on use) (plain texts in, frozen
results out). A claim "B takes x% of its text from A" rests on the reuse
detector's passages that share wording outside quotation marks, never on
sentences that merely say the same thing (independent reports of one event do):
a false claim gets printed, a missed one does not. Direction: by publication
date where both are known and differ, else the text mostly made of the shared
passages is the one that took them (containment), else unknown.
"""
from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parallax.core.reuse.detector import ReusePassage
    from parallax.core.reuse.evidence import ReuseEvidence


class PassageKind(str, enum.Enum):
    VERBATIM = "verbatim"  # the same words in the same order
    REWORDED = "reworded"  # rewritten sentence by sentence, edited, reordered


class DirectionBasis(str, enum.Enum):
    DATES = "dates"
    CONTAINMENT = "containment"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Passage:
    """Text of the source (``source_*``) found again in the target (``target_*``)."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    kind: PassageKind
    score: float  # TF-ISF cosine of the two spans, 0..1


@dataclass(frozen=True)
class SharedQuote:
    """The same statement inside quotation marks in articles ``a`` and ``b``."""

    a: int
    b: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class SharedText:
    """Text of ``target`` that comes from ``source`` (shares are of target's characters,
    counted in ``passages`` and outside target's quotations)."""

    source: int
    target: int
    share: float  # verbatim + reworded
    verbatim_share: float
    reworded_share: float  # rewritten sentence by sentence, lightly edited, reordered
    basis: DirectionBasis
    passages: tuple[Passage, ...]  # the evidence, in target order
    quotes: tuple[SharedQuote, ...]  # statements both quote (not counted)


def shared_text(
    texts: Mapping[int, str], published: Mapping[int, date | None],
    pairs: Sequence[tuple[int, int]], *, min_share: float = 0.1,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[list[SharedText], list[SharedQuote]]:
    """Reuse claims backed by passages, largest share first, and the shared quotations
    of every pair (claimed or not)."""
    # The detector (numpy; scipy.sparse on long texts) is imported on use:
    # opening a cached dossier's window needs none of it.
    from parallax.core.reuse.evidence import MIN_RUN_WORDS, reuse_evidence
    from parallax.core.reuse.prepare import shares_word_run

    links, all_quotes = [], []
    for ia, ib in pairs:
        # No common run of MIN_RUN_WORDS words anywhere: no claim is possible, and a
        # quotation long enough for the detector (150 characters) repeated word for
        # word would be such a run. Most pairs of a dossier stop here.
        if not shares_word_run(texts[ia], texts[ib], MIN_RUN_WORDS):
            continue
        forward = reuse_evidence(texts[ia], texts[ib], should_cancel=should_cancel)
        backward = reuse_evidence(texts[ib], texts[ia], should_cancel=should_cancel)
        quotes = tuple(SharedQuote(ia, ib, p.a_start, p.a_end, p.b_start, p.b_end)
                       for p in forward.quotes)
        all_quotes.extend(quotes)
        if not (forward.has_wording or backward.has_wording):
            continue
        da, db = published.get(ia), published.get(ib)
        if da and db and da != db:
            is_forward, basis = da < db, DirectionBasis.DATES
        elif abs(forward.b_share - backward.b_share) >= 0.15:
            # The text mostly made of the other's passages is the one that took them.
            is_forward, basis = forward.b_share > backward.b_share, DirectionBasis.CONTAINMENT
        else:
            is_forward, basis = True, DirectionBasis.UNKNOWN
        src, dst, ev = (ia, ib, forward) if is_forward else (ib, ia, backward)
        if ev.b_share < min_share or not ev.has_wording:
            continue
        links.append(_claim(src, dst, ev, basis, quotes))
    links.sort(key=lambda link: -link.share)
    return links, all_quotes


def _claim(src: int, dst: int, ev: ReuseEvidence, basis: DirectionBasis,
           quotes: tuple[SharedQuote, ...]) -> SharedText:
    return SharedText(src, dst, round(ev.b_share, 3), round(ev.b_verbatim_share, 3),
                      round(ev.b_share - ev.b_verbatim_share, 3), basis,
                      tuple(_passage(p) for p in ev.passages), quotes)


def _passage(p: ReusePassage) -> Passage:
    kind = PassageKind.VERBATIM if p.kind.value == PassageKind.VERBATIM.value else PassageKind.REWORDED
    return Passage(p.a_start, p.a_end, p.b_start, p.b_end, kind, p.score)
