"""Word-level differences inside one aligned sentence pair, and the vocabulary of a
difference (``Side``, ``DiffKind``, ``DiffSpan``) that the comparison, the view and
the report share.

Depends on diff-match-patch (run on word ids, never on characters of whole
articles) and the analysis tokens. Case-only and punctuation-only changes are
not differences: words are compared lower-cased with quotes/dashes folded, and
punctuation tokens take no part. Swapping the sides mirrors the edits exactly.
Rendering is the caller's job.
"""
from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diff_match_patch import diff_match_patch

from parallax.core.nlp.analysis import Token

_FOLD = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "“": '"', "”": '"',
                       "–": "-", "—": "-", "‐": "-"})


class Side(str, enum.Enum):
    """The two texts of a comparison: A (left, the first given) and B."""

    A = "a"
    B = "b"

    @property
    def other(self) -> Side:
        return Side.B if self is Side.A else Side.A


class DiffKind(str, enum.Enum):
    """How a stretch of one side differs from the other side (medium-neutral: the
    screen and the page each map a kind to their own look)."""

    REPLACED = "replaced"  # other words on the other side
    INSERTED = "inserted"  # words only in B; in A an empty span where they would go
    DELETED = "deleted"  # words only in A; in B an empty span where they were
    ONLY_HERE = "only_here"  # a sentence with no counterpart on the other side
    MOVED = "moved"  # an aligned pair told at another place in the other text

    def mirrored(self) -> DiffKind:
        """The kind seen from the other side (B's insert is A's delete)."""
        return _MIRROR_KIND.get(self, self)


_MIRROR_KIND = {DiffKind.INSERTED: DiffKind.DELETED, DiffKind.DELETED: DiffKind.INSERTED}


@dataclass(frozen=True)
class DiffSpan:
    """``text[start:end]`` of one side differs as ``kind`` says; an empty span
    (``start == end``) is a point where the other side has words this one lacks."""

    start: int
    end: int
    kind: DiffKind


@dataclass(frozen=True)
class WordEdit:
    """One change; an insert has ``a_start == a_end`` (where in A), a delete ``b_start == b_end``."""

    kind: DiffKind  # REPLACED, INSERTED or DELETED
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def on(self, side: Side) -> DiffSpan:
        """The edit as ``side`` shows it (an empty span on the side without the words)."""
        if side is Side.A:
            return DiffSpan(self.a_start, self.a_end, self.kind)
        return DiffSpan(self.b_start, self.b_end, self.kind)

    def mirrored(self) -> WordEdit:
        """The same change seen from B: an insert becomes a delete and the reverse."""
        return WordEdit(self.kind.mirrored(), self.b_start, self.b_end, self.a_start, self.a_end)


@dataclass(frozen=True)
class WordDiff:
    edits: tuple[WordEdit, ...]
    a_words: int
    b_words: int
    common: int  # words kept unchanged
    # Words both sides have that the diff could not keep in place: they changed
    # places ("the army shelled the rebels" / "the rebels shelled the army": 2).
    moved: int = 0

    @property
    def similarity(self) -> float:
        """Share of words kept (Dice over word counts): 1.0 means no difference."""
        total = self.a_words + self.b_words
        return 1.0 if total == 0 else 2.0 * self.common / total

    def mirrored(self) -> WordDiff:
        return WordDiff(tuple(e.mirrored() for e in self.edits), self.b_words, self.a_words, self.common,
                        self.moved)


def word_key(text: str) -> str:
    """The form under which two words count as the same word ("U.S." = "US")."""
    key = text.translate(_FOLD).casefold()
    return key.replace(".", "") if len(key) > 1 else key


def diff_words(
    a_text: str, a_tokens: Sequence[Token], b_text: str, b_tokens: Sequence[Token],
    *, a_span: tuple[int, int] | None = None, b_span: tuple[int, int] | None = None,
) -> WordDiff:
    """Edits that turn A's words into B's words; ``diff_words(B, A)`` is their mirror.

    Args:
        a_tokens, b_tokens: the tokens of the two aligned spans (punctuation is skipped).
        a_span, b_span: the spans' character bounds, used to place an insertion
            into an empty side.
    """
    aw = [t for t in a_tokens if t.is_word]
    bw = [t for t in b_tokens if t.is_word]
    ak = [word_key(a_text[t.start:t.end]) for t in aw]
    bk = [word_key(b_text[t.start:t.end]) for t in bw]
    forward = _diff(a_text, aw, ak, b_text, bw, bk, a_span, b_span)
    if ak == bk:
        return forward
    # diff-match-patch places edits one-sidedly where several scripts are equally
    # short ("the troops" / "troops the": delete "the" before or after?), and run the
    # other way it can split the same change into more pieces. Diffing both ways and
    # keeping the script with more words kept, then fewer edits, then the one from the
    # key sequence that sorts first (a property of the word lists, not of the call
    # order) gives the exact mirror when the sides are swapped, and never a worse diff.
    backward = _diff(b_text, bw, bk, a_text, aw, ak, b_span, a_span).mirrored()
    cost_f, cost_b = (-forward.common, len(forward.edits)), (-backward.common, len(backward.edits))
    best = backward if cost_b < cost_f or cost_b == cost_f and bk < ak else forward
    shared = sum((Counter(ak) & Counter(bk)).values())
    return replace(best, moved=shared - best.common)


def _diff(
    a_text: str, aw: list[Token], ak: list[str], b_text: str, bw: list[Token], bk: list[str],
    a_span: tuple[int, int] | None, b_span: tuple[int, int] | None,
) -> WordDiff:
    codes: dict[str, str] = {}
    a_str = "".join(_code(codes, k) for k in ak)
    b_str = "".join(_code(codes, k) for k in bk)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # one sentence pair: small, so no time limit and no silent give-up
    diffs = dmp.diff_main(a_str, b_str, False)

    edits: list[WordEdit] = []
    ia = ib = common = 0
    pending_del: tuple[int, int] | None = None  # word index range in A
    pending_ins: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal pending_del, pending_ins
        if pending_del is None and pending_ins is None:
            return
        a0, a1 = pending_del or (ia, ia)
        b0, b1 = pending_ins or (ib, ib)
        a_start, a_end = _char_range(aw, a0, a1, a_span)
        b_start, b_end = _char_range(bw, b0, b1, b_span)
        kind = DiffKind.REPLACED if pending_del and pending_ins else (
            DiffKind.DELETED if pending_del else DiffKind.INSERTED)
        edits.append(WordEdit(kind, a_start, a_end, b_start, b_end))
        pending_del = pending_ins = None

    for kind, chunk in diffs:
        n = len(chunk)
        if kind == 0:
            flush()
            ia += n
            ib += n
            common += n
        elif kind == -1:
            pending_del = (pending_del[0] if pending_del else ia, ia + n)
            ia += n
        else:
            pending_ins = (pending_ins[0] if pending_ins else ib, ib + n)
            ib += n
    flush()
    return WordDiff(tuple(edits), len(aw), len(bw), common)


def _code(codes: dict[str, str], key: str) -> str:
    c = codes.get(key)
    if c is None:
        n = 0x100 + len(codes)  # past ASCII; dmp only compares chars
        c = codes[key] = chr(n + 0x800 if n >= 0xD800 else n)  # skip surrogates
    return c


def _char_range(words: Sequence[Token], i0: int, i1: int, span: tuple[int, int] | None) -> tuple[int, int]:
    """Character range of words[i0:i1]; for an empty range, the point where it sits."""
    if i1 > i0:
        return words[i0].start, words[i1 - 1].end
    if i0 < len(words):
        return words[i0].start, words[i0].start
    if words:
        return words[-1].end, words[-1].end
    point = span[0] if span else 0
    return point, point
