"""Phrase substitutions: what one outlet wrote where the other wrote something else.

Depends on the word-diff results and the analysis (stop words, entities) and on
the loaded-terms list in resources. From every ``replace`` edit of every aligned
pair, the two phrases are collected, merged (case- and quote-insensitively) and
ranked so the telling ones come first: content words over function words,
named entities and loaded terms first, short swaps over whole-clause rewrites;
spelling variants, inflections and words merely moved inside a sentence last.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from parallax.core.align.sentences import AlignedPair
from parallax.core.align.words import DiffKind, Side, WordEdit, word_key
from parallax.core.nlp.analysis import ArticleAnalysis, Token


@dataclass(frozen=True)
class Substitution:
    a: str  # phrase as written in A (its first occurrence in A)
    b: str
    count: int
    score: float
    occurrences: tuple[WordEdit, ...]  # the replace edits, ordered by position in A

    def mirrored(self) -> Substitution:
        """The same substitution read from B to A."""
        return Substitution(self.b, self.a, self.count, self.score,
                            tuple(sorted((e.mirrored() for e in self.occurrences), key=_position)))


def _position(e: WordEdit) -> tuple[int, int, int, int]:
    return e.a_start, e.a_end, e.b_start, e.b_end


@cache
def loaded_terms() -> frozenset[str]:
    """Word keys of terms that carry a judgement (``resources/loaded_terms.json``)."""
    from parallax.resources import resource_path

    words = json.loads(resource_path("loaded_terms.json").read_text(encoding="utf-8"))["terms"]
    return frozenset(word_key(w) for w in words)


def substitutions(
    a_text: str, a: ArticleAnalysis, b_text: str, b: ArticleAnalysis,
    pairs: Iterable[AlignedPair], *, max_words: int = 8,
) -> list[Substitution]:
    """Merge and rank the replaced phrases of the ``pairs``' word edits.

    Replacements longer than ``max_words`` on either side are rewrites, not
    substitutions, and are left out.
    """
    a_index = _TokenIndex(a)
    b_index = _TokenIndex(b)
    merged: dict[tuple[str, str], list[WordEdit]] = {}
    moved_everywhere: dict[tuple[str, str], bool] = {}
    for pair, edit in ((p, e) for p in pairs for e in p.edits if e.kind is DiffKind.REPLACED):
        ta, tb = a_index.words(edit.a_start, edit.a_end), b_index.words(edit.b_start, edit.b_end)
        if not ta or not tb or len(ta) > max_words or len(tb) > max_words:
            continue
        ka_words = [word_key(a_text[t.start:t.end]) for t in ta]
        kb_words = [word_key(b_text[t.start:t.end]) for t in tb]
        key = (" ".join(ka_words), " ".join(kb_words))
        if key[0] == key[1]:
            continue
        # A word moved inside the sentence pair ("the US presence" / "the presence of
        # the US") shows up as a replacement; it is a reordering, not a substitution.
        moved = (_content_keys(ta, ka_words) <= _keys_in(b_index, b_text, *pair.span(Side.B))
                 or _content_keys(tb, kb_words) <= _keys_in(a_index, a_text, *pair.span(Side.A)))
        merged.setdefault(key, []).append(edit)
        moved_everywhere[key] = moved_everywhere.get(key, True) and moved
    terms = loaded_terms()
    out = []
    for (ka, kb), edits in merged.items():
        # Each side is shown (and judged) by its own first occurrence, so that the
        # result does not depend on which text is called A.
        edits.sort(key=_position)
        a0, a1 = edits[0].a_start, edits[0].a_end
        first_b = min(edits, key=lambda e: (e.b_start, e.b_end))
        b0, b1 = first_b.b_start, first_b.b_end
        ta, tb = a_index.words(a0, a1), b_index.words(b0, b1)
        score = _telling(ta, tb, ka, kb, terms, a_index.entity_at(a0, a1),
                         b_index.entity_at(b0, b1)) * (1 + 0.25 * (len(edits) - 1))
        if moved_everywhere[(ka, kb)]:
            score *= 0.2
        out.append(Substitution(a_text[a0:a1], b_text[b0:b1], len(edits), round(score, 3), tuple(edits)))
    out.sort(key=_rank)
    return out


def _rank(s: Substitution) -> tuple:
    """Most telling first; ties broken the same way whichever text is A."""
    words = sorted((s.a.casefold(), s.b.casefold()))
    where = min(sorted((e.a_start, e.b_start)) for e in s.occurrences)
    return -s.score, -s.count, words, where


def _telling(ta: Sequence[Token], tb: Sequence[Token], ka: str, kb: str,
             terms: frozenset[str], a_entity: bool, b_entity: bool) -> float:
    content_a = {t.norm for t in ta if not t.is_stop}
    content_b = {t.norm for t in tb if not t.is_stop}
    if not content_a and not content_b:
        return 0.1  # "the" -> "a": a difference, rarely a telling one
    words = len(ta) + len(tb)
    score = 1.0 if content_a and content_b else 0.5  # a swap, or words only added/dropped
    if content_a == content_b:
        score *= 0.3  # only inflection or function words changed ("have said" -> "say")
    elif is_spelling_variant(ka, kb):
        score *= 0.3  # "Suleimani" -> "Soleimani": the same name, spelt otherwise
    if any(w in terms for w in (*ka.split(), *kb.split())):
        score += 1.0
    if a_entity or b_entity:
        score += 0.3
    return score / (1 + max(0, words - 4) * 0.1)  # whole-clause rewrites rank lower


def is_spelling_variant(a: str, b: str, *, min_ratio: float = 0.75) -> bool:
    """Whether two phrases (word keys) are one spelling of the other ("rubaie" / "rubai'e")."""
    a, b = sorted((a, b))  # SequenceMatcher's ratio depends on the order of its arguments
    a, b = a.replace("'", "").replace("-", " "), b.replace("'", "").replace("-", " ")
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= min_ratio


def _content_keys(tokens: Sequence[Token], keys: Sequence[str]) -> set[str]:
    return {k for t, k in zip(tokens, keys) if not t.is_stop} or {"\0"}


def _keys_in(index: _TokenIndex, text: str, start: int, end: int) -> set[str]:
    return {word_key(text[t.start:t.end]) for t in index.words(start, end)}


class _TokenIndex:
    """Find the word tokens and entities inside a character span quickly."""

    def __init__(self, analysis: ArticleAnalysis) -> None:
        self.words_list = [t for t in analysis.tokens if t.is_word]
        self.starts = [t.start for t in self.words_list]
        self.entities = analysis.entities

    def words(self, start: int, end: int) -> list[Token]:
        from bisect import bisect_left

        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.words_list) and self.words_list[i].end <= end:
            out.append(self.words_list[i])
            i += 1
        return out

    def entity_at(self, start: int, end: int) -> bool:
        return any(e.start < end and start < e.end for e in self.entities)
