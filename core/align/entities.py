"""Entity kinds made to agree across a set of articles (a dossier), and the key
under which two mentions are the same name.

Depends on the analysis dataclasses and :func:`~parallax.core.align.words.word_key`.
The small English model tags the same name differently from one sentence to the
next ("Andrew Fahie" a person, "Fahie said" an organisation); the user sees
one name with one kind. Only names are reconciled (person, organisation,
place); dates, numbers and the rest keep their own kinds.

Rule, per name (:func:`entity_key`):

1. *A person stays a person.* If any mention of the name is tagged PERSON, or
   the name is the last word of a longer PERSON name in the set (a surname
   used alone), its ORG mentions count as PERSON: the model calls unfamiliar
   surnames organisations far more often than it calls an organisation a person.
2. *Then the majority.* The kind with most mentions wins; a tie decides
   nothing and each mention keeps its own kind.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from parallax.core.align.words import word_key
from parallax.core.nlp.analysis import ArticleAnalysis, EntityKind

NAME_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORG, EntityKind.PLACE})

_WORDS = re.compile(r"[^\W_]+(?:[.'’\-][^\W_]+)*\.?")
_LEADING = {"the", "a", "an"}


@lru_cache(maxsize=8192)
def entity_key(text: str) -> str:
    """The form under which two mentions are the same entity ("the U.S." = "US", "Iraq’s" = "Iraq")."""
    words = [word_key(w) for w in _WORDS.findall(text)]
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    if words and words[-1].endswith("'s") and len(words[-1]) > 2:
        words[-1] = words[-1][:-2]
    return " ".join(words)


def reconcile_entity_kinds(analyses: Iterable[ArticleAnalysis]) -> dict[str, EntityKind]:
    """``{entity key: kind}`` for every name whose mentions decide a kind (see the
    module's rule); names absent from the result keep each mention's own kind."""
    votes: dict[str, Counter[EntityKind]] = {}
    surnames: set[str] = set()
    for analysis in analyses:
        for e in analysis.entities:
            if e.kind not in NAME_KINDS:
                continue
            key = entity_key(e.text)
            if not key:
                continue
            votes.setdefault(key, Counter())[e.kind] += 1
            if e.kind is EntityKind.PERSON and " " in key:
                surnames.add(key.rsplit(" ", 1)[1])
    kinds: dict[str, EntityKind] = {}
    for key, count in votes.items():
        count = Counter(count)
        if count[EntityKind.ORG] and (count[EntityKind.PERSON] or key in surnames):
            count[EntityKind.PERSON] += count.pop(EntityKind.ORG)
        ranked = count.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            kinds[key] = ranked[0][0]
    return kinds


def with_entity_kinds(analysis: ArticleAnalysis, kinds: Mapping[str, EntityKind]) -> ArticleAnalysis:
    """``analysis`` with its names' kinds replaced by the reconciled ones."""
    changed = False
    entities = []
    for e in analysis.entities:
        kind = kinds.get(entity_key(e.text), e.kind) if e.kind in NAME_KINDS else e.kind
        if kind is not e.kind:
            e = dataclasses.replace(e, kind=kind)
            changed = True
        entities.append(e)
    return dataclasses.replace(analysis, entities=tuple(entities)) if changed else analysis

