"""Evidence that one article took text from another: the reuse passages of two
texts, with the statements both merely quote set apart.

Depends on :mod:`parallax.core.reuse.detector` (passages),
:mod:`parallax.core.reuse.bounds` (common word runs) and
:mod:`parallax.core.reuse.quotes` (quotation spans); no spaCy and no
embeddings. This is the entry point for two articles of a dossier; the PAN
runner calls the detector directly, so its behaviour there is unchanged.

Independent reports of one event share facts, names and numbers, and often the
same quoted statement, but not their wording. So a passage is evidence of reuse
only where the two texts share a run of ``min_run_words`` words or more outside
quotation marks (a rewrite sentence by sentence keeps such runs; two reporters
writing on their own almost never produce one), and a passage lying (almost)
wholly inside quotation marks in both texts is the same public statement
quoted by both, not reuse. Offsets are Python character offsets, end exclusive;
A is the possible source, B the possible borrower.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from parallax.core.errors import check_cancel
from parallax.core.reuse.bounds import common_runs
from parallax.core.reuse.detector import ReuseConfig, ReuseKind, ReusePassage, find_reuse
from parallax.core.reuse.prepare import sentence_spans, words
from parallax.core.reuse.quotes import inside, quote_spans, quoted_word_share, unquoted_chars

MIN_RUN_WORDS = 8  # a shared run this long, outside quotations, is taken wording
EDGE_RUN_WORDS = 5  # a passage's first and last sentence share a run this long
QUOTED_SHARE = 0.8  # a passage with this share of its words quoted on both sides is a shared quote


@dataclass(frozen=True)
class ReuseEvidence:
    """Passages of A found again in B, split into reuse and shared quotations."""

    passages: tuple[ReusePassage, ...]  # reuse: not (almost) wholly quoted in both texts
    quotes: tuple[ReusePassage, ...]  # the same statement quoted by both texts
    b_share: float  # share of B's characters in ``passages`` and outside B's own quotations
    b_verbatim_share: float  # the part of ``b_share`` in verbatim passages
    longest_run: int  # longest common word run of ``passages`` outside quotations, in words

    @property
    def has_wording(self) -> bool:
        """Whether the passages share wording beyond the same facts (see module docstring)."""
        return self.longest_run >= MIN_RUN_WORDS


def reuse_evidence(a_text: str, b_text: str, *, config: ReuseConfig = ReuseConfig(),
                   should_cancel: Callable[[], bool] | None = None) -> ReuseEvidence:
    """The reuse evidence for text A as the source of text B."""
    found = [p if p.kind is ReuseKind.VERBATIM else _tighten(a_text, b_text, p)
             for p in find_reuse(a_text, b_text, config, should_cancel=should_cancel)]
    check_cancel(should_cancel)
    quotes_a, quotes_b = quote_spans(a_text), quote_spans(b_text)
    passages, quoted = [], []
    for p in found:
        if min(quoted_word_share(a_text, p.a_start, p.a_end, quotes_a),
               quoted_word_share(b_text, p.b_start, p.b_end, quotes_b)) >= QUOTED_SHARE:
            quoted.append(p)
        else:
            passages.append(p)
    chars = [unquoted_chars(p.b_start, p.b_end, quotes_b) for p in passages]
    verbatim = sum(c for c, p in zip(chars, passages) if p.kind is ReuseKind.VERBATIM)
    longest = max((_longest_unquoted_run(a_text, b_text, p, quotes_a, quotes_b) for p in passages),
                  default=0)
    length = max(len(b_text), 1)
    return ReuseEvidence(tuple(passages), tuple(quoted), sum(chars) / length, verbatim / length, longest)


def _tighten(a_text: str, b_text: str, p: ReusePassage) -> ReusePassage:
    """``p`` cut, on each side, to the sentences from the first to the last that share
    a run of ``EDGE_RUN_WORDS`` words with the other side. On texts as short as news
    articles the detector's passages tend to take in a neighbouring sentence on the
    same topic (a headline, a paragraph of the writer's own): evidence shown to a
    reader must not claim it."""
    wa = words(a_text[p.a_start:p.a_end])
    wb = words(b_text[p.b_start:p.b_end])
    runs = common_runs([w[2] for w in wa], [w[2] for w in wb], EDGE_RUN_WORDS)
    if not runs:
        return p
    a_lo = p.a_start + min(wa[i][0] for i, _, _ in runs)
    a_hi = p.a_start + max(wa[i + n - 1][1] for i, _, n in runs)
    b_lo = p.b_start + wb[runs[0][1]][0]
    b_hi = p.b_start + wb[runs[-1][1] + runs[-1][2] - 1][1]
    a_start, a_end = _sentences_around(a_text, p.a_start, p.a_end, a_lo, a_hi)
    b_start, b_end = _sentences_around(b_text, p.b_start, p.b_end, b_lo, b_hi)
    return dataclasses.replace(p, a_start=a_start, a_end=a_end, b_start=b_start, b_end=b_end)


def _sentences_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Bounds of the sentences of ``text[start:end]`` from the one holding ``lo`` to
    the one holding ``hi - 1``."""
    spans: list[tuple[int, int]] = []
    for s, e in sentence_spans(text[start:end]):
        # "U.S. combat troops": a "sentence" starting in lower case continues the last one.
        if spans and not text[start + s].isupper() and text[start + s].isalpha():
            spans[-1] = (spans[-1][0], start + e)
        else:
            spans.append((start + s, start + e))
    first = next((s for s, e in spans if e > lo), start)
    last = next((e for s, e in reversed(spans) if s < hi), end)
    return first, last


def _longest_unquoted_run(a_text: str, b_text: str, p: ReusePassage,
                          quotes_a: list[tuple[int, int]], quotes_b: list[tuple[int, int]]) -> int:
    """Longest run of words common to both sides of ``p`` whose words are not
    quoted on both sides (a quoted run is the statement's, not the writer's)."""
    wa = words(a_text[p.a_start:p.a_end])
    wb = words(b_text[p.b_start:p.b_end])
    best = 0
    for i, j, n in common_runs([w[2] for w in wa], [w[2] for w in wb], MIN_RUN_WORDS):
        # Cut the run where its words are quoted in both texts.
        length = 0
        for k in range(n):
            if (inside(quotes_a, p.a_start + wa[i + k][0])
                    and inside(quotes_b, p.b_start + wb[j + k][0])):
                length = 0
            else:
                length += 1
                best = max(best, length)
    return best
