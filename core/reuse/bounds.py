"""Character bounds of a reuse passage found at sentence level.

Standard library only, plus :mod:`parallax.core.reuse.prepare`.
:func:`parallax.core.reuse.detector.find_reuse` finds passages as runs of whole
sentence units; this module turns such a run into character offsets:

* :func:`verbatim_chain`: the longest chain of word-for-word common runs of two
  windows (the passage with some context). A passage that is mostly such a chain
  is a copy and gets the chain's exact bounds, which the sentence units only
  approximate: a copy may begin or end inside a sentence, and a unit may carry a
  heading or the neighbouring sentence along. This is the verbatim check of
  Sanchez-Perez, Gelbukh and Sidorov (CLEF 2015, "Adaptive algorithm for
  plagiarism detection"), who take common word substrings of the two fragments
  as the bounds of a verbatim case.
* :func:`trim`: for reworded passages, leading and trailing lines/sentences whose
  content words mostly do not occur on the other side are dropped.

Offsets are Python character offsets, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass

from parallax.core.reuse.prepare import STOP_WORDS, sentence_spans, stem, words


@dataclass(frozen=True)
class Chain:
    """Common word runs of two windows, in order, close to each other."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int  # words inside the runs
    exact: bool  # one unbroken run: the same words in the same order


def verbatim_chain(a_text: str, a_window: tuple[int, int], b_text: str,
                   b_window: tuple[int, int], min_words: int, max_gap: int) -> Chain | None:
    """The chain of common word runs (each at least ``min_words`` long, at most
    ``max_gap`` words apart on either side) holding the most words, or None.

    Words are compared lowercased, so white space, line breaks and punctuation
    between them do not break a run. The bounds reach over punctuation that is
    the same on both sides right next to the first and last word (a closing
    full stop or quote mark)."""
    wa = words(a_text[a_window[0]:a_window[1]])
    wb = words(b_text[b_window[0]:b_window[1]])
    runs = common_runs([w[2] for w in wa], [w[2] for w in wb], min_words)
    if not runs:
        return None
    chains: list[list[tuple[int, int, int]]] = [[runs[0]]]
    for run in runs[1:]:
        i, j, _ = run
        last_i, last_j, last_n = chains[-1][-1]
        if 0 <= i - (last_i + last_n) <= max_gap and 0 <= j - (last_j + last_n) <= max_gap:
            chains[-1].append(run)
        else:
            chains.append([run])
    best = max(chains, key=lambda c: sum(n for _, _, n in c))
    (i0, j0, _), (i1, j1, n1) = best[0], best[-1]
    a0, a1 = a_window[0] + wa[i0][0], a_window[0] + wa[i1 + n1 - 1][1]
    b0, b1 = b_window[0] + wb[j0][0], b_window[0] + wb[j1 + n1 - 1][1]
    while (a0 > 0 and b0 > 0 and a_text[a0 - 1] == b_text[b0 - 1]
           and not a_text[a0 - 1].isspace()):
        a0, b0 = a0 - 1, b0 - 1
    while (a1 < len(a_text) and b1 < len(b_text) and a_text[a1] == b_text[b1]
           and not a_text[a1].isspace()):
        a1, b1 = a1 + 1, b1 + 1
    return Chain(a0, a1, b0, b1, sum(n for _, _, n in best), exact=len(best) == 1)


def common_runs(a: list[str], b: list[str], min_len: int,
                max_candidates: int = 32) -> list[tuple[int, int, int]]:
    """Runs ``(i, j, n)`` with ``a[i:i+n] == b[j:j+n]`` and ``n >= min_len``, in
    the order of ``b`` and not overlapping in ``b``: at each position of ``b``
    whose next ``min_len`` items occur in ``a``, the longest run from there
    (among the first ``max_candidates`` occurrences, which bounds the work on
    repetitive text). Linear in the lengths for ordinary text, where
    :class:`difflib.SequenceMatcher` is quadratic in the frequency of common
    words."""
    if min_len < 1 or len(a) < min_len or len(b) < min_len:
        return []
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(a) - min_len + 1):
        index.setdefault(tuple(a[i:i + min_len]), []).append(i)
    runs = []
    j = 0
    while j <= len(b) - min_len:
        starts = index.get(tuple(b[j:j + min_len]))
        if not starts:
            j += 1
            continue
        best_i, best_n = starts[0], 0
        for i in starts[:max_candidates]:
            n = min_len
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            if n > best_n:
                best_i, best_n = i, n
        runs.append((best_i, j, best_n))
        j += best_n
    return runs


def word_count(text: str, start: int, end: int) -> int:
    return len(words(text[start:end]))


def stem_set(text: str, start: int, end: int) -> set[str]:
    """Content stems of ``text[start:end]``."""
    return {stem(w) for _, _, w in words(text[start:end]) if w not in STOP_WORDS}


def trim(text: str, start: int, end: int, other: set[str], share: float) -> tuple[int, int]:
    """Drop leading and trailing lines/sentences of ``text[start:end]`` with fewer
    than ``share`` of their content stems in ``other`` (the other side's fragment)."""
    pieces = [(start + s, start + e) for s, e in sentence_spans(text[start:end], 0)]
    keep = [bool(st) and sum(x in other for x in st) >= share * len(st)
            for st in (stem_set(text, s, e) for s, e in pieces)]
    if not any(keep):
        return start, end
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    return pieces[first][0], pieces[last][1]

