"""Build ``resources/opposites.tsv``: the words of opposite sense of WordNet 3.0.

The pair judge's lexical check (:func:`parallax.core.pairs.judge.contradictions`)
calls two sentences worded alike but for a word against its opposite ("the
company hired 300 workers" / "fired 300 workers") an opposite swap. Its own
short list covers the words of markets and votes ("rose" / "fell"); this
file adds WordNet's antonyms, the lexical "!" pointers between words of
nouns, verbs, adjectives and adverbs ("legal" / "illegal", "brother" /
"sister", "inside" / "outside", "export" / "import"), single words of
letters only (but for words of viewpoint, which two reports of one event use
either way: "will come to Washington" / "will go to Washington", "here" /
"there": :data:`VIEWPOINT`), and the irregular forms of their words from WordNet's
exception lists ("women" -> "woman", "took" -> "take"), so that the judge
can look a word up by its lemma. Nothing is fetched at run time: the file is
built here, once, and shipped.

WordNet comes from Debian's ``wordnet-base`` package (``apt-get install
wordnet-base``, files in ``/usr/share/wordnet``) or ``--wordnet DIR``.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved;
its license (permission to use, copy, modify and distribute, with its notice
and disclaimer kept on all copies) is written into the head of the file.

    python bench/build_opposites.py [--wordnet /usr/share/wordnet] [--out resources/opposites.tsv]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POS = ("noun", "verb", "adj", "adv")
VIEWPOINT = frozenset({("come", "go"), ("here", "there")})

LICENSE = """\
WordNet 3.0 license. This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license. By obtaining, using and/or copying this
software and database, you agree that you have read, understood, and will comply with these
terms and conditions.: Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or royalty is hereby granted,
provided that you agree to comply with the following copyright notice and statements, including
the disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for distribution.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY
MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE
OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or
Princeton may not be used in advertising or publicity pertaining to distribution of the software
and/or database. Title to copyright in this software, database and any associated documentation
shall at all times remain with Princeton University and LICENSEE agrees to preserve same."""


def antonyms(wordnet: Path) -> set[tuple[str, str]]:
    """Pairs of single words WordNet calls antonyms, each pair sorted."""
    words: dict[tuple[str, str], list[str]] = {}
    pointers = []
    for pos in POS:
        for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):  # the license at the head of the file
                continue
            f = line.split()
            key = (f[0], _pos(f[2]))
            n = int(f[3], 16)
            words[key] = [f[4 + 2 * i] for i in range(n)]
            k = 4 + 2 * n
            for _ in range(int(f[k])):
                symbol, offset, pos_, ends = f[k + 1:k + 5]
                k += 4
                if symbol == "!":
                    pointers.append((key, int(ends[:2], 16), (offset, _pos(pos_)), int(ends[2:], 16)))
    pairs = set()
    for source, s, target, t in pointers:
        a, b = (_word(words[source][s - 1]), _word(words[target][t - 1]))
        if a.isalpha() and b.isalpha() and a.isascii() and b.isascii() and a != b:
            pairs.add((min(a, b), max(a, b)))
    return pairs - VIEWPOINT


def irregular_forms(wordnet: Path, lemmas: set[str]) -> dict[str, str]:
    """Irregular form -> lemma, for the lemmas of ``lemmas`` (first lemma listed wins)."""
    forms: dict[str, str] = {}
    for pos in POS:
        for line in (wordnet / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            form, *bases = line.split()
            base = next((b for b in bases if b in lemmas), None)
            if base is not None and form.isalpha() and form not in lemmas:
                forms.setdefault(form, base)
    return forms


def _pos(ss_type: str) -> str:
    return "a" if ss_type == "s" else ss_type  # satellite adjectives are adjectives


def _word(w: str) -> str:
    return re.sub(r"\(.*\)$", "", w).lower()  # "outside(a)": an adjective's syntactic marker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "opposites.tsv")
    args = parser.parse_args()
    pairs = antonyms(args.wordnet)
    forms = irregular_forms(args.wordnet, {w for p in pairs for w in p})
    head = ["# Words of opposite sense from WordNet 3.0 (bench/build_opposites.py): 'opposite' lines",
            "# are antonym pairs, 'form' lines an irregular form and its lemma.",
            *(f"# {line}" for line in LICENSE.splitlines())]
    body = [f"opposite\t{a}\t{b}" for a, b in sorted(pairs)]
    body += [f"form\t{form}\t{lemma}" for form, lemma in sorted(forms.items())]
    args.out.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(pairs)} pairs of opposites, {len(forms)} irregular forms")


if __name__ == "__main__":
    main()
