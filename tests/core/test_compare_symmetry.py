"""Swapping the sides of a comparison mirrors the result exactly.

compare(A, B) must equal mirror(compare(B, A)): the same aligned groups with the
sides exchanged, the same kinds, scores and moved flags, the same word edits
(an insertion on one side is a deletion on the other), the same one-sided
sentences, and the same substitutions reversed in the same ranking order. Real
seeds in a real store, the real spaCy pipeline and encoder, and generated texts.

The mirror below is written from the result's documented contract (pairs ordered
by position in A, substitution spans ordered by position in A), independently of
the engine's code, so that a wrong mirror in the engine cannot hide here.
"""
from __future__ import annotations

import dataclasses
import json
from itertools import permutations

import pytest
from hypothesis import HealthCheck, example, given, settings

from parallax.core.align.compare import PairComparison, compare_analysed
from parallax.core.align.words import DiffKind
from parallax.core.engine import compare_articles
from parallax.core.ingest.seeds import seed_paths
from parallax.core.nlp.pipeline import analyse_texts
from parallax.core.store import library
from parallax.core.store.connection import open_store
from tests.core.test_compare_props import any_text, sentence_like

pytestmark = pytest.mark.slow

_SWAP = {"insert": "delete", "delete": "insert", "replace": "replace"}


def view(cmp: PairComparison) -> dict:
    """Every field of a comparison the comparison window and the CLI read."""
    return {
        "semantic": cmp.alignment.semantic,
        "pairs": [
            {"a_sentences": list(p.a_sentences), "b_sentences": list(p.b_sentences),
             "a": [p.a_start, p.a_end], "b": [p.b_start, p.b_end], "kind": p.kind.value,
             "score": p.score, "moved": p.moved, "word_similarity": p.word_similarity,
             "judged": p.judged,
             "edits": [{"op": e.kind.value, "a": [e.a_start, e.a_end], "b": [e.b_start, e.b_end]}
                       for e in p.edits]}
            for p in cmp.alignment.pairs
        ],
        "related": [{"a_sentence": r.a_sentence, "b_sentence": r.b_sentence, "a": [r.a_start, r.a_end],
                     "b": [r.b_start, r.b_end], "probability": r.probability} for r in cmp.alignment.related],
        "judged": cmp.alignment.judged,
        "only_a_sentences": list(cmp.alignment.unaligned_a),
        "only_b_sentences": list(cmp.alignment.unaligned_b),
        "spans_a": [[s.start, s.end, s.kind.value] for s in cmp.a.spans],
        "spans_b": [[s.start, s.end, s.kind.value] for s in cmp.b.spans],
        "substitutions": [
            {"a": s.a, "b": s.b, "count": s.count, "score": s.score,
             "spans": [[e.a_start, e.a_end, e.b_start, e.b_end] for e in s.occurrences]}
            for s in cmp.substitutions
        ],
    }


def mirror(v: dict) -> dict:
    """The view of the same comparison told from the other side."""
    pairs = [
        {"a_sentences": p["b_sentences"], "b_sentences": p["a_sentences"], "a": p["b"], "b": p["a"],
         "kind": p["kind"], "score": p["score"], "moved": p["moved"],
         "word_similarity": p["word_similarity"], "judged": p["judged"],
         "edits": [{"op": DiffKind(e["op"]).mirrored().value, "a": e["b"], "b": e["a"]} for e in p["edits"]]}
        for p in v["pairs"]
    ]
    related = [{"a_sentence": r["b_sentence"], "b_sentence": r["a_sentence"], "a": r["b"], "b": r["a"],
                "probability": r["probability"]} for r in v["related"]]
    return {
        "semantic": v["semantic"],
        "pairs": sorted(pairs, key=lambda p: p["a_sentences"]),
        "related": sorted(related, key=lambda r: r["a_sentence"]),
        "judged": v["judged"],
        "only_a_sentences": v["only_b_sentences"],
        "only_b_sentences": v["only_a_sentences"],
        "spans_a": [[s, e, DiffKind(k).mirrored().value] for s, e, k in v["spans_b"]],
        "spans_b": [[s, e, DiffKind(k).mirrored().value] for s, e, k in v["spans_a"]],
        "substitutions": [
            {"a": s["b"], "b": s["a"], "count": s["count"], "score": s["score"],
             "spans": sorted([x[2], x[3], x[0], x[1]] for x in s["spans"])}
            for s in v["substitutions"]
        ],
    }


def mirror_json(doc: dict) -> dict:
    """``parallax compare --json`` output told from the other side."""
    pairs = [
        {"a_start": p["b_start"], "a_end": p["b_end"], "b_start": p["a_start"], "b_end": p["a_end"],
         "a_sentences": p["b_sentences"], "b_sentences": p["a_sentences"],
         "kind": p["kind"], "score": p["score"], "moved": p["moved"], "judge": p["judge"],
         "differences": p["differences"],
         "edits": [{"op": _SWAP[e["op"]], "a_start": e["b_start"], "a_end": e["b_end"],
                    "b_start": e["a_start"], "b_end": e["a_end"]} for e in p["edits"]]}
        for p in doc["pairs"]
    ]
    return {
        "a": doc["b"], "b": doc["a"], "semantic": doc["semantic"],
        "pairs": sorted(pairs, key=lambda p: p["a_sentences"]),
        "related": sorted(({"a_start": r["b_start"], "a_end": r["b_end"], "b_start": r["a_start"],
                            "b_end": r["a_end"], "a_sentence": r["b_sentence"], "b_sentence": r["a_sentence"],
                            "verdict": r["verdict"], "probability": r["probability"],
                            "conflicts": r["conflicts"]} for r in doc["related"]),
                           key=lambda r: r["a_sentence"]),
        "only_a": doc["only_b"], "only_b": doc["only_a"],
        "substitutions": [{"a": s["b"], "b": s["a"], "count": s["count"], "score": s["score"]}
                          for s in doc["substitutions"]],
    }


def _first_difference(x: dict, y: dict) -> str:
    for k in x:
        if x[k] != y[k]:
            if isinstance(x[k], list):
                for i, (p, q) in enumerate(zip(x[k], y[k])):
                    if p != q:
                        return f"{k}[{i}]: {p} != {q}"
                return f"{k}: {len(x[k])} items != {len(y[k])}"
            return f"{k}: {x[k]} != {y[k]}"
    return ""


def assert_mirrored(a_text: str, b_text: str, *, lexical: bool = False) -> None:
    a, b = analyse_texts([a_text, b_text])
    if lexical:  # as on a machine without the embedding model
        a = dataclasses.replace(a, embeddings=None, encoder="none")
        b = dataclasses.replace(b, embeddings=None, encoder="none")
    ab = view(compare_analysed(a_text, a, b_text, b))
    ba = view(compare_analysed(b_text, b, a_text, a))
    assert ab == mirror(ba), _first_difference(ab, mirror(ba))


@pytest.fixture(scope="module")
def seed_results(tmp_path_factory):
    """The five seeds in a real store, and the view of each of the 20 ordered comparisons."""
    store = open_store(tmp_path_factory.mktemp("symmetry") / "seeds.sqlite3")
    try:
        ids = library.import_paths(store, seed_paths(), dossier="Seeds").added
        assert len(ids) == 5
        yield ids, {(x, y): compare_articles(store, x, y).comparison for x, y in permutations(ids, 2)}
    finally:
        store.close()


def test_every_ordered_pair_of_seeds_mirrors(seed_results):
    ids, results = seed_results
    views = {k: view(c) for k, c in results.items()}
    broken = [(ids.index(x), ids.index(y), _first_difference(views[(x, y)], mirror(views[(y, x)])))
              for x, y in permutations(ids, 2) if views[(x, y)] != mirror(views[(y, x)])]
    assert not broken, broken


def test_seed_substitutions_reverse_in_the_same_order(seed_results):
    ids, results = seed_results
    nyt, kayhan = ids[0], ids[2]
    ab, ba = results[(nyt, kayhan)].substitutions, results[(kayhan, nyt)].substitutions
    assert [(s.a, s.b) for s in ab] == [(s.b, s.a) for s in ba]
    assert ("presence there", "invasion of the country") in {(s.a, s.b) for s in ab}


def test_cli_compare_json_mirrors(capsys, tmp_path):
    from parallax.desktop import cli

    paths = {p.name[:3]: str(p) for p in seed_paths()}
    docs = {}
    for x, y in (("000", "002"), ("002", "000"), ("001", "004"), ("004", "001")):
        assert cli.main(["--db", str(tmp_path / "x.sqlite3"), "compare", paths[x], paths[y], "--json"]) == 0
        docs[(x, y)] = json.loads(capsys.readouterr().out)
    assert docs[("000", "002")] == mirror_json(docs[("002", "000")])
    assert docs[("001", "004")] == mirror_json(docs[("004", "001")])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, any_text)
@example("", "The troops will leave Iraq.")
@example("The troops will leave Iraq.", "The troops will leave Iraq.")
def test_any_two_texts_mirror(a_text: str, b_text: str) -> None:
    assert_mirrored(a_text, b_text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence_like, sentence_like)
def test_sentence_like_texts_mirror(a_text: str, b_text: str) -> None:
    assert_mirrored(a_text, b_text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence_like, sentence_like)
@example("troops Iraq troops", "Iraq troops Iraq")
def test_lexical_only_comparison_mirrors(a_text: str, b_text: str) -> None:
    assert_mirrored(a_text, b_text, lexical=True)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence_like)
@example("the\nthe\nthe the ")
@example("Talks on Monday. Officials said so. Talks on Monday.")
def test_a_text_compared_with_itself_is_its_own_mirror(text: str) -> None:
    assert_mirrored(text, text)
    assert_mirrored(text, text, lexical=True)


@pytest.mark.parametrize("a_text, b_text", [
    pytest.param("Troops will leave Iraq. Officials said so. Troops will leave Iraq.",
                 "Advisers stay. Troops will leave Iraq. Officials said so on Monday.",
                 id="two-identical-sentences-in-one-article"),
    pytest.param("troops Iraq troops", "Iraq troops Iraq", id="repeated-word"),
    pytest.param("the troops ", "troops the ", id="two-words-swapped"),
    pytest.param("troops leave Iraq today", "Iraq today troops leave", id="word-blocks-swapped"),
    pytest.param("Officials said so. The combat troops will leave.",
                 "The combat troops will leave Iraq. Officials said so. The combat troops will leave Syria.",
                 id="prefix-of-two-sentences"),
    pytest.param("Troops will leave Iraq. Officials said so.",
                 "Officials said so. Troops will leave Iraq.",
                 id="two-sentences-swapped"),
    pytest.param("Talks on Monday. Talks on Monday. Talks on Monday.",
                 "Talks on Monday. Talks on Monday.",
                 id="all-sentences-alike"),
    pytest.param("Washington said the murder was a crime. Baghdad said the strike was lawful.",
                 "Washington said the attack was a crime. Baghdad said the assassination was lawful.",
                 id="substitutions-of-equal-rank"),
])
def test_tie_cases_mirror(a_text: str, b_text: str) -> None:
    assert_mirrored(a_text, b_text)
