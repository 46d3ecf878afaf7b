"""The pair judge's answers cached in the store: round trip, invalidation, no model loads.

Real SQLite files in tmp_path, the real seed files, the real judge and models.
The seed dossier is analysed once per session into a template store (analyses
and the judge's answers cached); each test works on its own copy of that file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from parallax.core import cached_judge
from parallax.core.cached_judge import current_judge, memo_judge, pair_key, stored_judge
from parallax.core.engine import DossierResult, analyse_dossier, compare_articles, compare_texts
from parallax.core.pairs.judge import judge_pairs
from parallax.core.store import library
from parallax.core.store.connection import open_store
from parallax.core.store.judgements import StoredJudgement, load_judgements, save_judgements
from parallax.core.store.models import JudgementCache
from tests.core.storeutil import open_copy

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# What a cached dossier must not load: the analysis pipeline and spaCy (the
# judge's parser), the encoder's tokenizer and weights (the cross-encoder's too).
HEAVY_MODULES = ("spacy", "thinc", "tokenizers", "safetensors", "parallax.core.nlp.pipeline")
PAIRS = [
    ("The minister resigned on Friday after the vote.", "The minister stepped down on Friday after the vote."),
    ("Flights from New York to Florida were cancelled.", "Flights from Florida to New York were cancelled."),
    ("Profits rose 5 percent in the second quarter.", "Profits rose 7 percent in the second quarter."),
    ("The weather was mild.", "Police arrested two men in the capital."),
]


@dataclasses.dataclass(frozen=True)
class Template:
    path: Path
    dossier_id: int
    result: DossierResult


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Template:
    """A store holding the five seeds, analysed and compared (closed, WAL checkpointed)."""
    path = tmp_path_factory.mktemp("judged") / "seeds.sqlite3"
    store = open_store(path)
    try:
        report = library.import_paths(store, sorted(SEEDS.glob("*.txt")), dossier="Seeds")
        assert report.ok and len(report.added) == 5
        dossier_id = library.find_dossier(store, "Seeds").id
        result = analyse_dossier(store, dossier_id)
    finally:
        store.close()
    return Template(path, dossier_id, result)


@pytest.fixture
def seeded(template, tmp_path):
    """An open copy of the template store."""
    with open_copy(template.path, tmp_path) as store:
        yield store


def rows(store) -> dict[tuple[str, str], str]:
    """(pair hash, judge) -> verdict of every cached answer."""
    with store.transaction() as s:
        return {(k, j): v for k, j, v in s.execute(
            select(JudgementCache.pair_sha256, JudgementCache.judge, JudgementCache.verdict))}


def fingerprint(result: DossierResult) -> str:
    """Everything the dossier shows: every pair's comparison and the N-way result."""
    texts = {a.info.id: a.text for a in result.articles}
    data = {"dossier": result.to_dict(),
            "pairs": {f"{x}-{y}": c.to_dict(texts[x], texts[y])
                      for (x, y), c in sorted(result.comparisons.items())}}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def test_dossier_fills_the_cache_with_every_answer_the_alignment_asked(template, seeded):
    got = rows(seeded)
    asked = sum(c.alignment.judged for c in template.result.comparisons.values())
    assert asked > 0
    # Each distinct pair of texts once (a pair asked by two comparisons is one row).
    assert 0 < len(got) <= asked
    assert {j for _, j in got} == {current_judge()}
    assert len(current_judge()) == 64


def test_cached_dossier_equals_the_judged_one(template, seeded):
    before = rows(seeded)
    again = analyse_dossier(seeded, template.dossier_id)
    assert fingerprint(again) == fingerprint(template.result)
    assert rows(seeded) == before  # nothing judged, nothing added


def test_stored_answers_equal_the_judges_own(store):
    judge = stored_judge(store)
    first = judge(PAIRS)
    assert first == judge_pairs([tuple(sorted(p)) for p in PAIRS])
    assert len(rows(store)) == len(PAIRS)
    # From the store, in either order, repeats answered once.
    mirrored = [(b, a) for a, b in PAIRS]
    assert judge(mirrored + PAIRS) == first + first
    assert len(rows(store)) == len(PAIRS)
    assert {v for v in rows(store).values()} >= {"same", "related"}
    assert memo_judge(mirrored) == first


def test_answers_of_another_judge_are_not_read_and_are_dropped(template, seeded):
    with seeded.transaction() as s:
        s.execute(update(JudgementCache).values(judge="an-older-judge", verdict="same"))
    again = analyse_dossier(seeded, template.dossier_id)
    assert fingerprint(again) == fingerprint(template.result)  # judged anew, not read
    assert {j for _, j in rows(seeded)} == {current_judge()}


def test_damaged_rows_are_judged_again(template, seeded):
    with seeded.transaction() as s:
        keys = [k for (k, _) in rows(seeded)]
        s.execute(update(JudgementCache).where(JudgementCache.pair_sha256 == keys[0])
                  .values(features="{not json"))
        s.execute(update(JudgementCache).where(JudgementCache.pair_sha256 == keys[1])
                  .values(verdict="a verdict no judge gives"))
    assert set(load_judgements(seeded, keys, current_judge())) == set(keys[1:])
    again = analyse_dossier(seeded, template.dossier_id)
    assert fingerprint(again) == fingerprint(template.result)
    assert all(v in ("same", "related", "different") for v in rows(seeded).values())


def test_load_and_save_directly(store):
    a = StoredJudgement(0.75, "same", {"same": 0.75, "related": 0.0, "different": 0.25},
                        {"cross_logit": 1.5, "role_swap": 0.0})
    b = dataclasses.replace(a, verdict="related")
    save_judgements(store, {"k1": a, "k2": a}, "judge-1")
    save_judgements(store, {"k2": b}, "judge-1")  # replacing is fine
    assert load_judgements(store, ["k1", "k2", "k3"], "judge-1") == {"k1": a, "k2": b}
    assert load_judgements(store, ["k1"], "judge-2") == {}
    save_judgements(store, {"k3": a}, "judge-2")  # a new judge drops the old one's rows
    assert set(rows(store)) == {("k3", "judge-2")}


def test_pair_key_ignores_order_only():
    assert pair_key("a b", "c") == pair_key("c", "a b")
    assert pair_key("a b", "c") != pair_key("a", "b c")
    assert len({pair_key(a, b) for a, b in PAIRS}) == len(PAIRS)


def test_memo_answers_texts_outside_the_store(monkeypatch):
    monkeypatch.setattr(cached_judge, "_memo", cached_judge.OrderedDict())
    monkeypatch.setattr(cached_judge, "MEMO_SIZE", 3)
    first = memo_judge(PAIRS)
    assert len(cached_judge._memo) == 3  # bounded: the oldest answer went
    assert memo_judge(PAIRS[1:]) == first[1:]
    a_text = " ".join(a for a, _ in PAIRS)
    b_text = " ".join(b for _, b in PAIRS)
    assert compare_texts(a_text, b_text).comparison == compare_texts(a_text, b_text).comparison


def test_deleting_and_restoring_a_dossier_keeps_the_answers(template, seeded):
    from parallax.core.store.snapshots import delete_dossier, restore_dossier

    before = rows(seeded)
    snap = delete_dossier(seeded, template.dossier_id)  # what undo keeps
    assert rows(seeded) == before  # keyed by text, not by article
    restore_dossier(seeded, snap)
    ids = [i.id for i in library.list_articles(seeded, template.dossier_id)]
    again = compare_articles(seeded, ids[0], ids[1])
    assert again.comparison == template.result.comparisons[(ids[0], ids[1])]
    assert rows(seeded) == before


_FRESH_PROCESS = """
import hashlib, json, sys
from parallax.core.engine import analyse_dossier
from parallax.core.store.connection import open_store
sys.path.insert(0, sys.argv[4])
from tests.core.test_judgement_cache import fingerprint
store = open_store(sys.argv[1])
result = analyse_dossier(store, int(sys.argv[2]))
store.close()
print(json.dumps({"loaded": [m for m in json.loads(sys.argv[3]) if m in sys.modules],
                  "fingerprint": fingerprint(result)}))
"""


def _child(template, store) -> dict:
    store.close()  # the child opens the same file
    proc = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS, str(store.path), str(template.dossier_id),
         json.dumps(HEAVY_MODULES), str(Path(__file__).parents[2])],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_fresh_process_opens_a_cached_dossier_without_loading_models(template, seeded):
    out = _child(template, seeded)
    assert out["loaded"] == []
    assert out["fingerprint"] == fingerprint(template.result)


def test_fresh_process_without_the_answers_does_load_models(template, seeded):
    """The check above can fail: a pair without a cached answer makes the child load the judge."""
    with seeded.transaction() as s:
        s.execute(delete(JudgementCache))
    out = _child(template, seeded)
    assert set(out["loaded"]) == set(HEAVY_MODULES)
    assert out["fingerprint"] == fingerprint(template.result)
