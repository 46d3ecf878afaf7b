"""How the report's marks look on paper: colours as data, the second cue, the legend's words.

Standard library and core's kinds only. This is the one place a difference
kind becomes a printed look, for both writers (PDF and HTML). The accent hues
and tint amounts are the comparison view's (``ACCENTS``/``TINTS``, which the
view reads from here too), so the page shows what the screen shows; the page
is always the light scheme. Every mark has a second cue that is not colour
(WCAG 1.4.1), so a black-and-white print still shows it: replaced words have a
dashed underline, deleted words are struck through, inserted words are
underlined, an insertion point is a caret glyph.
"""
from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.core.align.sentences import PairKind
from parallax.core.align.words import DiffKind
from parallax.core.pairs.judge import READS_OTHERWISE

# Accent hues (light scheme, dark scheme) of differences and pair kinds.
ACCENTS: dict[DiffKind | PairKind, tuple[str, str]] = {
    DiffKind.REPLACED: ("#f2b705", "#d9a300"),
    DiffKind.DELETED: ("#e5484d", "#ff6369"),
    DiffKind.INSERTED: ("#30a46c", "#3dd68c"),
    DiffKind.ONLY_HERE: ("#6e56cf", "#9e8cfc"),
    PairKind.VERBATIM: ("#8d8d8d", "#a0a0a0"),
    PairKind.EDITED: ("#3e63dd", "#849dff"),
    PairKind.PARAPHRASE: ("#d6409f", "#f279c1"),
}
# How much of the accent goes into a background tint (light, dark).
TINTS: dict[DiffKind, tuple[float, float]] = {
    DiffKind.REPLACED: (0.42, 0.40),
    DiffKind.DELETED: (0.30, 0.42),
    DiffKind.INSERTED: (0.30, 0.40),
    DiffKind.ONLY_HERE: (0.10, 0.16),
}

PAPER = "#ffffff"
INK = "#1a1a1a"  # body text
MUTED = "#5c5c5c"  # notes, the middle column, header and footer (7:1 on paper)
RULE = "#c8c8c8"  # table lines
HEADER_FILL = "#f0f0f0"  # table header rows

POINT_GLYPH = "‸"  # U+2038 CARET, the proofreader's insertion mark: the other side has words here
# (▴ is not in the shipped Noto Sans: the PDF would need a system font for it)
FOOTER = "page {page} of {pages}"
MOVED = "moved"  # the middle column's marker of a moved pair


class Cue(str, enum.Enum):
    """The look that is not colour."""

    DASHED_UNDERLINE = "dashed_underline"
    STRIKE = "strike"
    UNDERLINE = "underline"


@dataclass(frozen=True)
class MarkStyle:
    background: str  # "#rrggbb" tint behind the words
    line: str  # colour of the underline or strike-through, and of an insertion point
    cue: Cue
    label: str  # the legend's explanation


def mix(base: str, accent: str, amount: float) -> str:
    """``amount`` of ``accent`` over ``base`` ("#rrggbb"), opaque so it prints as shown."""
    b, a = _rgb(base), _rgb(accent)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(b, a))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _line(accent: str) -> str:
    """The accent darkened for a line on paper (as the view's ``darker(135)``)."""
    return "#" + "".join(f"{round(x / 1.35):02x}" for x in _rgb(accent))


_CUES = {DiffKind.REPLACED: Cue.DASHED_UNDERLINE, DiffKind.DELETED: Cue.STRIKE,
         DiffKind.INSERTED: Cue.UNDERLINE}
_LABELS = {
    DiffKind.REPLACED: "replaced: other words in the other article (dashed underline)",
    DiffKind.DELETED: "only in the left article (struck through)",
    DiffKind.INSERTED: "only in the right article (underlined)",
}
MARKS: dict[DiffKind, MarkStyle] = {
    kind: MarkStyle(mix(PAPER, ACCENTS[kind][0], TINTS[kind][0]), _line(ACCENTS[kind][0]),
                    _CUES[kind], _LABELS[kind])
    for kind in _CUES
}
POINT_LABEL = "the other article has words here"
ONLY_HERE_FILL = mix(PAPER, ACCENTS[DiffKind.ONLY_HERE][0], TINTS[DiffKind.ONLY_HERE][0])
ONLY_HERE_LABEL = "a sentence with no counterpart: the other cell is empty"
MOVED_LABEL = "told at another place in the other article"

_ROW_NOTES = {PairKind.VERBATIM: "same", PairKind.EDITED: "edited", PairKind.PARAPHRASE: "reworded"}


# What the two sides of an aligned pair state differently
# (``AlignedPair.differences``), as one short word each for the middle column.
DIFFERS = "differs:"  # the middle column's marker, before those words
DIFFERENCE_WORDS = {
    "a number differs": "number",
    "a date differs": "date",
    "one says not": "negation",
    "opposite words": "opposite",
    "who did what to whom differs": "roles",
    "two parts trade places": "swapped",
    "a different actor": "actor",
    "will / may / did differs": "modality",
    READS_OTHERWISE: "meaning",
}
DIFFERS_LABEL = ("the two sides state it differently: a number, a date, a negation, opposite words, "
                 "who did what to whom (roles), two parts trading places (swapped), a different actor, "
                 "will / may / did (modality), or the pair judge reads another statement (meaning)")
EMPHASISED = (MOVED, DIFFERS)  # middle-column words set in bold ink: they ask the reader to look


def row_note(kind: PairKind | None, moved: bool, differences: Sequence[str] = ()) -> str:
    """The middle column's words for a side-by-side row ("edited", "same\\nmoved",
    "edited\\ndiffers:\\nnumber", "")."""
    words = [_ROW_NOTES[kind]] if kind is not None else []
    if moved:
        words.append(MOVED)
    if differences:
        words.append(DIFFERS)
        words.extend(DIFFERENCE_WORDS.get(d, d) for d in differences)
    return "\n".join(words)
