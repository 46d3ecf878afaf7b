"""Names of one state: "Britain" / "the United Kingdom" / "UK", "Burma" /
"Myanmar", and the capital that stands for a government in the news
("Washington said", "Tehran rejected").

Read from ``resources/place_names.tsv`` (hand-kept; its header says what is
left out and why). The pair judge's actor check asks :func:`state_of` of two
names and takes the same state as the same actor; the adversarial generator
asks it so that it never "replaces" a state by another of its names.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

PLACES_RESOURCE = "place_names.tsv"

_SPLIT = re.compile(r"[\s\-]+")


def place_key(words: Iterable[str]) -> str:
    """The form under which a name is looked up: lower case, accents and dots
    dropped, "the" and words that are not letters left out ("the U.S." ->
    "us", "Bogotá" -> "bogota", "Timor-Leste" -> "timor leste")."""
    out = []
    for word in words:
        plain = unicodedata.normalize("NFKD", word.replace(".", "").lower())
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        if plain.isalpha() and plain != "the":
            out.append(plain)
    return " ".join(out)


@lru_cache(maxsize=1)
def _states() -> dict[str, int]:
    """Each name's key -> the number of its state's line. Empty when the file is missing."""
    from parallax.resources import resource_path

    try:
        lines = resource_path(PLACES_RESOURCE).read_text(encoding="utf-8").splitlines()
    except KeyError:
        return {}
    states: dict[str, int] = {}
    for number, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        for name in line.split("\t"):
            key = place_key(_SPLIT.split(name.removeprefix("capital:")))
            if key:
                states[key] = number
    return states


def state_of(words: Iterable[str]) -> int | None:
    """The state a name names (an opaque number, equal for two names of one
    state), or None when the name is not in the table."""
    return _states().get(place_key(words))


def same_state(a: str, b: str) -> bool:
    """Whether two names (plain text) name one state: "Britain" / "the UK"."""
    sa = state_of(_SPLIT.split(a))
    return sa is not None and sa == state_of(_SPLIT.split(b))
