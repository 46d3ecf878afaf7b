"""Reuse passages (text alignment) on synthetic texts, edge cases and real PAN pairs."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from parallax.core.reuse.pan import evaluate, pan_annotations, read_annotations, read_pairs
from parallax.core.reuse import detector
from parallax.core.reuse.detector import ReuseConfig, ReuseKind, find_reuse
from parallax.core.reuse.prepare import sentence_units
from parallax.core.errors import Cancelled

PAN_SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "bench" / "pan13-train-sample"


def _vocabulary(rng: random.Random, n: int = 400) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "el", "pi", "dan", "ro", "gue"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))))
    return sorted(words)


def _sentences(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    out = []
    for _ in range(n):
        ws = [rng.choice(vocab) for _ in range(rng.randint(9, 16))]
        out.append(" ".join(ws).capitalize() + ".")
    return out


def _texts(seed: int):
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    return rng, vocab, _sentences(rng, vocab, 40), _sentences(rng, vocab, 40)


def test_verbatim_copy_found_with_exact_bounds():
    _, _, a_sents, b_sents = _texts(1)
    a_text = " ".join(a_sents)
    copied = " ".join(a_sents[12:18])
    b_text = " ".join(b_sents[:20]) + " " + copied + " " + " ".join(b_sents[20:])
    found = find_reuse(a_text, b_text)
    assert len(found) == 1
    p = found[0]
    assert (p.a_start, p.a_end) == (a_text.index(copied), a_text.index(copied) + len(copied))
    assert (p.b_start, p.b_end) == (b_text.index(copied), b_text.index(copied) + len(copied))
    assert p.kind is ReuseKind.VERBATIM
    assert p.score > 0.95


def test_unrelated_texts_give_nothing():
    # Same vocabulary, so words are shared, but no sentence is reused.
    _, _, a_sents, b_sents = _texts(2)
    assert find_reuse(" ".join(a_sents), " ".join(b_sents)) == []


def test_shuffled_and_edited_copy_found():
    rng, vocab, a_sents, b_sents = _texts(3)
    a_text = " ".join(a_sents)
    obfuscated = []
    for s in a_sents[20:26]:
        ws = s.rstrip(".").lower().split()
        rng.shuffle(ws)
        ws = [rng.choice(vocab) if rng.random() < 0.2 else w for w in ws]
        obfuscated.append(" ".join(ws).capitalize() + ".")
    inserted = " ".join(obfuscated)
    b_text = " ".join(b_sents[:15]) + " " + inserted + " " + " ".join(b_sents[15:])
    found = find_reuse(a_text, b_text)
    assert len(found) == 1
    p = found[0]
    a0 = a_text.index(a_sents[20])
    a1 = a_text.index(a_sents[25]) + len(a_sents[25])
    b0 = b_text.index(inserted)
    # At least 80% of the reused span found on each side, and little else.
    assert min(p.a_end, a1) - max(p.a_start, a0) >= 0.8 * (a1 - a0)
    assert min(p.b_end, b0 + len(inserted)) - max(p.b_start, b0) >= 0.8 * len(inserted)
    assert p.a_end - p.a_start <= 1.2 * (a1 - a0)
    assert p.kind is ReuseKind.OBFUSCATED


def test_offsets_are_code_points_with_emoji_and_curly_quotes():
    _, _, a_sents, b_sents = _texts(4)
    a_sents[5] = "“Quoted” 🙂 " + a_sents[5]
    a_text = "🎉 " + " ".join(a_sents)
    copied = " ".join(a_sents[5:10])
    b_text = "Ünïcödé — 👍🏽 " + " ".join(b_sents[:10]) + " " + copied + " " + " ".join(b_sents[10:])
    (p,) = find_reuse(a_text, b_text)
    assert a_text[p.a_start:p.a_end] == copied
    assert b_text[p.b_start:p.b_end] == copied


def _reworded(rng: random.Random, vocab: list[str], sentence: str, share: float) -> str:
    """``sentence`` with ``share`` of its words replaced at random and all shuffled."""
    ws = [rng.choice(vocab) if rng.random() < share else w
          for w in sentence.rstrip(".").lower().split()]
    rng.shuffle(ws)
    return " ".join(ws).capitalize() + "."


def _overlap(lo: int, hi: int, start: int, end: int) -> int:
    return max(0, min(hi, end) - max(lo, start))


@pytest.mark.parametrize("seed", [3, 8, 9])
def test_heavily_reworded_copy_found(seed):
    # 70% of the words replaced: most sentence pairs fall below the strong seed
    # thresholds, and only the weak seeds (mutual best matches) find the copy.
    rng, vocab, a_sents, b_sents = _texts(seed)
    a_text = " ".join(a_sents)
    inserted = " ".join(_reworded(rng, vocab, s, 0.7) for s in a_sents[10:18])
    b_text = " ".join(b_sents[:20]) + " " + inserted + " " + " ".join(b_sents[20:])
    a0 = a_text.index(a_sents[10])
    a1 = a_text.index(a_sents[17]) + len(a_sents[17])
    b0, b1 = b_text.index(inserted), b_text.index(inserted) + len(inserted)
    (p,) = find_reuse(a_text, b_text)
    # Most of the copy found on each side (recall), and mostly the copy (precision).
    assert _overlap(p.a_start, p.a_end, a0, a1) >= 0.8 * max(a1 - a0, p.a_end - p.a_start)
    assert _overlap(p.b_start, p.b_end, b0, b1) >= 0.8 * max(b1 - b0, p.b_end - p.b_start)


@pytest.mark.parametrize("seed", [3, 8])
def test_dense_and_sparse_seeding_agree(seed, monkeypatch):
    # Short texts seed on dense numpy arrays, long ones on scipy.sparse: the
    # same pairs in the same order, the same values but for rounding, and the
    # same passages either way (forced here on one pair).
    rng, vocab, a_sents, b_sents = _texts(seed)
    a_text = " ".join(a_sents)
    b_text = " ".join(b_sents[:20] + [_reworded(rng, vocab, s, 0.5) for s in a_sents[5:25]])
    units = [sentence_units(t, ReuseConfig().min_sentence_stems, ReuseConfig().max_sentence_words)
             for t in (a_text, b_text)]
    model = detector._Model(*units)
    dense = model.seeds(0.1, 0.05, 7, None)  # blocks of 7 rows: several blocks
    passages = find_reuse(a_text, b_text)
    monkeypatch.setattr(detector, "_DENSE_CELLS", 0)
    sparse = model.seeds(0.1, 0.05, 7, None)
    assert [s[:2] for s in sparse] == [s[:2] for s in dense] and len(dense) > 20
    np.testing.assert_allclose([s[2:] for s in sparse], [s[2:] for s in dense], rtol=1e-12)
    assert find_reuse(a_text, b_text) == passages and passages


def test_news_length_texts_need_no_scipy():
    # scipy.sparse costs 100-200 ms to import, most of opening a cached dossier.
    _, _, a_sents, b_sents = _texts(4)
    code = ("import sys; from parallax.core.reuse.detector import find_reuse; "
            f"assert find_reuse({' '.join(a_sents)!r}, {' '.join(a_sents[:30] + b_sents)!r}); "
            "assert not any(m.startswith('scipy') for m in sys.modules), 'scipy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_copy_cut_inside_sentences_gets_exact_bounds(seed):
    # The copy starts and ends in the middle of sentences of A and sits in the
    # middle of a sentence of B: sentence units alone would over- or undershoot.
    _, _, a_sents, b_sents = _texts(seed)
    a_text = " ".join(a_sents)
    start = a_text.index(" ", a_text.index(a_sents[12]) + len(a_sents[12]) // 2) + 1
    end = a_text.index(" ", a_text.index(a_sents[17]) + len(a_sents[17]) // 2)
    copied = a_text[start:end]
    host = b_sents[20].rstrip(".").split()
    b_text = (" ".join(b_sents[:20]) + " " + " ".join(host[:4]) + " " + copied + " "
              + " ".join(host[4:]) + ". " + " ".join(b_sents[21:]))
    (p,) = find_reuse(a_text, b_text)
    assert a_text[p.a_start:p.a_end] == copied
    assert b_text[p.b_start:p.b_end] == copied
    assert p.kind is ReuseKind.VERBATIM


def _one_shared_sentence(seed: int, keep: float) -> tuple[str, str, str]:
    """Unrelated texts but for one long sentence of A, in B with ``keep`` of its
    words (the others replaced)."""
    rng, vocab, a_sents, b_sents = _texts(seed)
    shared = " ".join(rng.choice(vocab) for _ in range(26)).capitalize() + "."
    kept = " ".join(w if rng.random() < keep else rng.choice(vocab)
                    for w in shared.rstrip(".").lower().split()).capitalize() + "."
    a_text = " ".join(a_sents[:20] + [shared] + a_sents[20:])
    b_text = " ".join(b_sents[:25] + [kept] + b_sents[25:])
    return a_text, b_text, kept


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_one_look_alike_sentence_is_not_reuse(seed):
    # 40% of the words in common: a seed, but one such sentence pair is weak
    # evidence between texts on the same topic.
    a_text, b_text, _ = _one_shared_sentence(seed, keep=0.4)
    assert find_reuse(a_text, b_text) == []
    assert find_reuse(a_text, b_text, ReuseConfig(single_seed_cosine=0))


def test_one_copied_sentence_is_reuse():
    a_text, b_text, kept = _one_shared_sentence(1, keep=1.0)
    (p,) = find_reuse(a_text, b_text)
    assert b_text[p.b_start:p.b_end] == kept == a_text[p.a_start:p.a_end]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summary_covers_the_text_it_condenses(seed):
    # Five sentences of B each condense two sentences from one part of A (the
    # parts spread over all of A): one passage, the whole of A on one side and
    # the whole summary on the other.
    rng, vocab, a_sents, b_sents = _texts(seed)
    a_sents = a_sents[:30]
    summary = []
    for k in range(5):
        pool = (a_sents[6 * k] + " " + a_sents[6 * k + 2]).replace(".", "").lower().split()
        ws = rng.sample(pool, 10) + [rng.choice(vocab) for _ in range(3)]
        rng.shuffle(ws)
        summary.append(" ".join(ws).capitalize() + ".")
    a_text = " ".join(a_sents)
    condensed = " ".join(summary)
    b_text = " ".join(b_sents[:15]) + " " + condensed + " " + " ".join(b_sents[15:30])
    (p,) = find_reuse(a_text, b_text)
    assert (p.a_start, p.a_end) == (0, len(a_text))
    assert b_text[p.b_start:p.b_end] == condensed
    assert p.kind is ReuseKind.OBFUSCATED


@pytest.mark.parametrize("a, b", [
    ("", ""), ("", "Some text here."), ("word", "word"), ("🙂", "🙂🙂"),
    ("... !!! ???", "... !!!"), ("\n\n\n", " \t "),
    ("One two three four five six seven.", "One two three four five six seven."),
])
def test_degenerate_inputs_do_not_crash(a, b):
    for p in find_reuse(a, b, ReuseConfig(min_passage_chars=0)):
        assert 0 <= p.a_start <= p.a_end <= len(a)
        assert 0 <= p.b_start <= p.b_end <= len(b)


def test_cancel_raises():
    _, _, a_sents, b_sents = _texts(5)
    with pytest.raises(Cancelled):
        find_reuse(" ".join(a_sents), " ".join(b_sents), should_cancel=lambda: True)
    calls = []

    def later() -> bool:  # lets the first steps run, then stops mid-way
        calls.append(1)
        return len(calls) > 2

    text = " ".join(a_sents)
    with pytest.raises(Cancelled):
        find_reuse(text, text, should_cancel=later)


@pytest.mark.skipif(not (PAN_SAMPLE / "src").is_dir(), reason="PAN 2013 sample not present")
def test_real_pan_pairs():
    # Every fifth pair: 40 pairs, 8 per folder. With 10 pairs the score swings
    # from 0.65 to 0.96 depending on which ones (macro precision over a handful
    # of detections); 40 pairs give a stable figure in about 0.4 s.
    # The bar was 0.8 for the first detector (0.87 here); this one scores 0.92.
    pairs = read_pairs(PAN_SAMPLE)[::5]
    cases, detections = [], []
    for pair in pairs:
        src = (PAN_SAMPLE / "src" / pair.src).read_text(encoding="utf-8")
        susp = (PAN_SAMPLE / "susp" / pair.susp).read_text(encoding="utf-8")
        gold = pair.folder / f"{pair.susp[:-4]}-{pair.src[:-4]}.xml"
        found = pan_annotations(find_reuse(src, susp), pair.susp, pair.src)
        if pair.folder.name.startswith("01"):  # no plagiarism: nothing to find
            assert found == []
        cases += read_annotations(gold) if gold.is_file() else []
        detections += found
    assert len(pairs) == 40
    score = evaluate(cases, detections)
    assert score.granularity == 1.0
    assert score.plagdet > 0.9
