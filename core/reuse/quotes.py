"""Quotations: the spans of a text inside quotation marks.

Standard library only, plus :mod:`parallax.core.reuse.prepare` (words). Two
articles that carry the same words inside quotation marks quote the same
public statement; that is no evidence that one took its text from the other,
so the reuse evidence (:mod:`parallax.core.reuse.evidence`) sets such passages
apart. Marks read: straight ``"``, curly “ ” (and ‘ ’), guillemets « », low
„ closed by “ or ” (German and Central European style), and straight single
quotes where they open at a word start and close at a word end (so that the
apostrophes of "don't" or "Iraq's" open nothing).

A quotation may span sentences and lines. In the usual convention for a
quotation of several paragraphs, each paragraph opens with a mark and only
the last one closes: an open quotation ends at a paragraph break when the
next paragraph opens with a mark; otherwise an opening mark left unclosed at a
blank line is a stray mark and quotes nothing, since marking the rest of the
article as quoted would hide reuse. Offsets are Python character offsets, end
exclusive, marks included.
"""
from __future__ import annotations

import bisect
import re

from parallax.core.reuse.prepare import words

# opening mark -> the marks that close it
_DOUBLE = {'"': '"', "“": "”", "«": "»", "„": "“”"}
_SINGLE = {"‘": "’", "'": "'"}
_OPENERS = set(_DOUBLE) | set(_SINGLE)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``text`` inside quotation marks, in text order."""
    spans: list[tuple[int, int]] = []
    open_at, closers = -1, ""
    n = len(text)
    for i, ch in enumerate(text):
        if open_at >= 0:
            if ch in closers and (ch not in "'’" or _closes_single(text, i)):
                spans.append((open_at, i + 1))
                open_at = -1
            elif ch == "\n" and _PARAGRAPH_BREAK.match(text, i):
                nxt = _next_nonspace(text, i)
                if nxt < n and text[nxt] in _OPENERS:
                    spans.append((open_at, i))  # continued by the next paragraph's own mark
                open_at = -1  # else a stray mark: nothing quoted
            continue
        if ch in _DOUBLE:
            open_at, closers = i, _DOUBLE[ch]
        elif ch in _SINGLE and _opens_single(text, i):
            open_at, closers = i, _SINGLE[ch]
    if open_at >= 0 and text[open_at] in _DOUBLE:
        # A quotation running to the end of the text (its closing mark lost)
        # still quotes, unless it is only the last few characters.
        if n - open_at > 1:
            spans.append((open_at, n))
    return spans


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and after.isalnum()


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum() and i > 0 and not text[i - 1].isspace()


def _next_nonspace(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def quoted_word_share(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> float:
    """Share of the words of ``text[start:end]`` that lie inside ``spans``."""
    ws = words(text[start:end])
    if not ws:
        return 0.0
    return sum(inside(spans, start + s) for s, _, _ in ws) / len(ws)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether character ``pos`` lies in one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def unquoted_chars(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """Characters of ``start:end`` outside ``spans``."""
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return end - start - covered
