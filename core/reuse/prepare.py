"""Light text preparation for reuse detection: words, stems, sentence units.

Standard library only (plus the ``re`` module). No spaCy: reuse detection runs on
whole books as well as news articles and must stay fast, so words come from one
regular expression, stop words from a small built-in English list and stems
from a light suffix stripper. Offsets are Python character offsets into the
text, end exclusive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Letters/digits with inner apostrophes or hyphens ("don't", "well-known").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends after . ! ? (and closing quotes/brackets) followed by white
# space, or at a blank line.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s)|\n[^\S\n]*\n""")

STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been
before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there
these they this those through to too under until up upon very was we were what
when where which while who whom why will with would you your yours yourself
yourselves also may might must shall us one ever much many s t d ll m re ve
""".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: folds plurals and common verb/adverb endings
    ("houses" -> "hous", "walked" -> "walk", "quickly" -> "quick")."""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ness", ""), ("ments", ""),
                         ("ment", ""), ("ings", ""), ("ing", ""), ("edly", ""),
                         ("ed", ""), ("ly", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + keep
            break
    # "runn" -> "run", "stopp" -> "stop": undouble a final consonant left behind.
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@dataclass(frozen=True)
class Unit:
    """One sentence (or a run of short sentences joined): its character span and
    its content stems, in text order."""

    start: int
    end: int
    stems: tuple[str, ...]


def words(text: str) -> list[tuple[int, int, str]]:
    """All words of ``text`` as ``(start, end, lowercased word)``."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def shares_word_run(a_text: str, b_text: str, n: int) -> bool:
    """Whether the two texts have a run of ``n`` words in common (case folded).

    A cheap test (hashing word n-grams) that lets a caller skip the detector for
    texts that cannot hold a passage of copied wording.
    """
    return not _word_grams(a_text, n).isdisjoint(_word_grams(b_text, n))


@lru_cache(maxsize=64)
def _word_grams(text: str, n: int) -> frozenset[tuple[str, ...]]:
    """The runs of ``n`` words of ``text``, case folded; kept for the texts
    used last (a dossier asks about each article once for every other)."""
    w = [word for _, _, word in words(text)]
    return frozenset(tuple(w[i:i + n]) for i in range(len(w) - n + 1))


def sentence_spans(text: str, max_words: int = 1 << 30) -> list[tuple[int, int]]:
    """Sentence character spans, white space trimmed from both ends. A sentence
    of more than ``max_words`` words is cut at its line breaks: web pages put
    list items and table cells on lines without end punctuation, while a
    hard-wrapped sentence of prose stays whole."""
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    if max_words < 1 << 30:
        cut = []
        for s, e in spans:
            if "\n" in text[s:e] and len(_WORD.findall(text, s, e)) > max_words:
                cut.extend(_line_spans(text, s, e))
            else:
                cut.append((s, e))
        spans = cut
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while start < end:
        nl = text.find("\n", start, end)
        stop = end if nl < 0 else nl + 1
        out.append((start, stop))
        start = stop
    return out


def sentence_units(text: str, min_stems: int, max_words: int = 1 << 30) -> list[Unit]:
    """Sentences with their content stems; a sentence with fewer than
    ``min_stems`` stems joins the next one (the last joins the previous one), so
    that headings and fragments do not make seeds of their own."""
    tokens = words(text)
    units: list[Unit] = []
    k = 0
    pending_start = None
    pending: list[str] = []
    for s, e in sentence_spans(text, max_words):
        stems = []
        while k < len(tokens) and tokens[k][0] < e:
            w = tokens[k][2]
            if w not in STOP_WORDS:
                stems.append(stem(w))
            k += 1
        if pending_start is None:
            pending_start = s
        pending.extend(stems)
        if len(pending) >= min_stems:
            units.append(Unit(pending_start, e, tuple(pending)))
            pending_start, pending = None, []
    if pending_start is not None:
        if units and pending:
            last = units.pop()
            units.append(Unit(last.start, len(text.rstrip()), last.stems + tuple(pending)))
        elif pending or not units:
            end = len(text.rstrip())
            if end > pending_start:
                units.append(Unit(pending_start, end, tuple(pending)))
    return units
